//! The data sources with their vintages and licences, read from the manifest.

use crate::donnees::Donnees;
use yew::prelude::*;

/// The sources' section (no state of its own: drawn with the page).
pub fn sources(donnees: &Donnees, t: &parcours_core::textes::Textes) -> Html {
    let sources = donnees
        .manifeste
        .assets
        .iter()
        .flat_map(|a| a.sources.iter())
        .filter(|s| !s.licence.is_empty());
    html! {
        <section class="sources" aria-labelledby="titre-sources">
            <h2 id="titre-sources">{ t.sources_titre() }</h2>
            <ul>
                { for sources.map(|s| html! {
                    <li lang="fr">
                        <strong>{ &s.nom }</strong>{ " — " }{ &s.millesime }{ " (" }{ &s.licence }{ "). " }
                        { &s.attribution }
                    </li>
                }) }
            </ul>
        </section>
    }
}
