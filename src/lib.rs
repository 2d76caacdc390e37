//! Parcours, the Yew app: renders and dispatches. The domain lives in `parcours-core`;
//! browser effects in [`navigateur`]; loading the assets in [`donnees`].

pub mod app;
pub mod choix;
pub mod composants;
pub mod depart;
pub mod donnees;
pub mod focus;
pub mod navigateur;
pub mod textes;

/// Starts the app: it takes over the first screen the page already shows.
pub fn demarrer() {
    navigateur::installer_panique();
    depart::demarrer();
}
