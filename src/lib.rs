//! Parcours, the Yew app: renders and dispatches. The domain lives in `parcours-core`;
//! browser effects in [`navigateur`]; loading the assets in [`donnees`].

pub mod app;
pub mod choix;
pub mod composants;
pub mod donnees;
pub mod focus;
pub mod navigateur;
pub mod textes;

/// Starts the app in the page's body.
pub fn demarrer() {
    navigateur::installer_panique();
    yew::Renderer::<app::App>::new().render();
}
