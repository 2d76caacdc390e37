//! The data sources with their vintages and licences, read from the manifest.

use crate::donnees::Donnees;
use crate::textes::textes;
use parcours_core::lien::Langue;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub donnees: Rc<Donnees>,
    pub langue: Langue,
}

#[function_component]
pub fn Sources(p: &Props) -> Html {
    let t = textes(p.langue);
    let sources = p
        .donnees
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
                        <strong>{ &s.nom }</strong>{ format!(" — {} ({}). ", s.millesime, s.licence) }
                        { &s.attribution }
                    </li>
                }) }
            </ul>
        </section>
    }
}
