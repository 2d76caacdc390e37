//! Where the keyboard focus goes, and when: the one place that moves it on the check page.
//!
//! The focus follows what the user did, never a change of state by itself: picking an address
//! or a point moves it to the answer; typing the age, changing the language or restoring a link
//! leaves it where it is (a screen reader user keeps their place, and a field keeps its keys).

use crate::navigateur;
use yew::prelude::*;

/// What the user did that moves the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Geste {
    /// An address, a point on the map, a position or an address of the national service was
    /// picked: to the answer's heading.
    Choisi,
    /// « Nouvelle recherche »: back to the address field.
    Efface,
    /// The referral form closed: back to the answer it was made from.
    DemandeFermee,
    /// « Choisir le lieu sur la carte » from the « not found » message: to the map.
    VersCarte,
    /// « Chercher avec le service national » from the « not found » message: to what would be
    /// sent and the button that sends it.
    VersEnLigne,
}

impl Geste {
    /// The id of the element the focus goes to.
    pub fn cible(self) -> &'static str {
        match self {
            Geste::Choisi | Geste::DemandeFermee => "titre-reponse",
            Geste::Efface => "adresse",
            Geste::VersCarte => "alternative-carte",
            Geste::VersEnLigne => "alternative-en-ligne",
        }
    }
}

/// A callback to say what the user did; the focus moves once the page shows its result (after
/// the next render).
#[hook]
pub fn use_focus() -> Callback<Geste> {
    // The gesture, with a count so that the same gesture twice moves the focus twice.
    let etat = use_state(|| (None::<Geste>, 0u32));
    {
        let e = *etat;
        use_effect_with(e, |(g, _)| {
            if let Some(g) = g {
                navigateur::focaliser(g.cible());
            }
        });
    }
    Callback::from(move |g: Geste| etat.set((Some(g), etat.1.wrapping_add(1))))
}
