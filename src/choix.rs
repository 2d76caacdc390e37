//! What an answer is about: an address of the data, a point, or an address of the national
//! service.

use parcours_core::lien::{EtatLien, PointLien};
use parcours_core::recherche::Resultat;

/// What the answer is about.
#[derive(Clone, PartialEq)]
pub enum Choix {
    Adresse(Resultat),
    Point(PointLien),
    /// An address found by the national service, when the user asked for it.
    Externe {
        label: String,
        point: PointLien,
    },
}

impl Choix {
    /// The link of the answer about it (`?adresse=…` or `?lon=…&lat=…`): what a kept draft of a
    /// request says it is about.
    pub fn sujet(&self) -> String {
        let mut e = EtatLien::default();
        match self {
            Choix::Adresse(r) => e.adresse = Some(r.label.clone()),
            Choix::Point(p) | Choix::Externe { point: p, .. } => e.point = Some(*p),
        }
        e.vers_requete()
    }

    /// The address, as a home address for a request; empty for a point.
    pub fn adresse(&self) -> &str {
        match self {
            Choix::Adresse(r) => &r.label,
            Choix::Externe { label, .. } => label,
            Choix::Point(_) => "",
        }
    }
}
