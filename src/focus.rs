//! Where the keyboard focus goes, and when: the gestures that move it on the check page (the
//! page moves it after the render that shows their result, in its one effect after a change).
//!
//! The focus follows what the user did, never a change of state by itself: picking an address
//! or a point moves it to the answer; typing the age, changing the language or restoring a link
//! leaves it where it is (a screen reader user keeps their place, and a field keeps its keys).

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
