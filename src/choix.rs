//! What an answer is about: an address of the data, a point, or an address of the national
//! service.

use parcours_core::lien::PointLien;
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
