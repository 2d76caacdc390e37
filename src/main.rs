//! Parcours, the Yew app: renders and dispatches. The domain lives in `parcours-core`.

mod app;
mod composants;
mod donnees;
mod navigateur;
mod textes;

fn main() {
    navigateur::installer_panique();
    yew::Renderer::<app::App>::new().render();
}
