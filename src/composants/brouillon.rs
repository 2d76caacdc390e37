//! On the first screen: a request's draft kept on this device, said with its day and the child's
//! first name, to resume (its own request: the answer it was made from) or erase.

use crate::navigateur;
use crate::textes::textes;
use parcours_core::demande::Brouillon;
use parcours_core::lien::Langue;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub langue: Langue,
    /// « Reprendre »: the page opens the draft's own request with it.
    pub onreprendre: Callback<Brouillon>,
}

#[derive(Clone, PartialEq)]
enum Etat {
    Rien,
    Garde(Box<Brouillon>, Option<parcours_core::programme::Date>),
    /// Kept but unreadable (another version, damaged): said, with « Effacer ».
    Illisible,
    /// Just expired (erased by reading it), or just erased.
    Message(&'static str),
}

#[function_component]
pub fn BrouillonGarde(p: &Props) -> Html {
    let t = textes(p.langue);
    let etat = use_state(|| Etat::Rien);
    {
        let etat = etat.clone();
        super::use_au_montage(Box::new(move || {
            wasm_bindgen_futures::spawn_local(async move {
                etat.set(match navigateur::lire_brouillon().await {
                    navigateur::Brouillon::Repris(octets, jour) => {
                        match Brouillon::depuis_octets(&octets) {
                            Some(b) => Etat::Garde(Box::new(b), jour),
                            None => Etat::Illisible,
                        }
                    }
                    navigateur::Brouillon::Illisible => Etat::Illisible,
                    navigateur::Brouillon::Expire => Etat::Message(t.brouillon_expire()),
                    navigateur::Brouillon::Aucun | navigateur::Brouillon::Indisponible => {
                        Etat::Rien
                    }
                });
            });
            Box::new(|| ())
        }));
    }
    let effacer = {
        let etat = etat.clone();
        Callback::from(move |_| {
            let etat = etat.clone();
            wasm_bindgen_futures::spawn_local(async move {
                navigateur::oublier_brouillon().await;
                etat.set(Etat::Message(t.brouillon_efface()));
            });
        })
    };
    let phrase = match &*etat {
        Etat::Rien => return html! { <p class="brouillon-garde" role="status"></p> },
        Etat::Message(m) => return html! { <p class="brouillon-garde" role="status">{ *m }</p> },
        Etat::Illisible => t.brouillon_illisible_accueil().to_string(),
        Etat::Garde(b, jour) => {
            let jour = jour.map(|j| j.jj_mm_aaaa()).unwrap_or_default();
            let prenom = b.enfant_prenom.trim();
            if prenom.is_empty() {
                t.brouillon_garde_sans_prenom(&jour)
            } else {
                t.brouillon_garde(&jour, &crate::textes::isole(prenom))
            }
        }
    };
    let reprendre = match &*etat {
        Etat::Garde(b, _) => {
            let b = b.clone();
            let cb = p.onreprendre.clone();
            Some(Callback::from(move |_| cb.emit((*b).clone())))
        }
        _ => None,
    };
    html! {
        <section class="brouillon-garde" aria-labelledby="brouillon-garde-texte">
            <p id="brouillon-garde-texte" role="status">{ phrase }</p>
            <div class="actions">
                if let Some(reprendre) = reprendre {
                    <button type="button" class="bouton principal" onclick={reprendre}
                        aria-describedby="brouillon-garde-texte">{ t.brouillon_reprendre() }</button>
                }
                <button type="button" class="bouton secondaire" onclick={effacer}
                    aria-describedby="brouillon-garde-texte">{ t.brouillon_effacer() }</button>
            </div>
        </section>
    }
}
