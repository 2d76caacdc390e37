//! Asking the national address service, only when the user asks, after saying what is sent.

use crate::navigateur;
use crate::textes::textes;
use parcours_core::geocodage::{self, AdresseEnLigne};
use parcours_core::lien::{Langue, PointLien};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub endpoint: String,
    pub langue: Langue,
    /// What the user typed in the address field.
    pub texte: String,
    pub onchoix: Callback<(String, PointLien)>,
}

#[derive(Clone, PartialEq)]
enum Etat {
    Rien,
    Vide,
    EnCours,
    Resultats(Vec<AdresseEnLigne>),
    Erreur,
}

async fn chercher(url: String) -> Result<Vec<AdresseEnLigne>, ()> {
    let octets = navigateur::recuperer(&url).await.map_err(|_| ())?;
    let texte = String::from_utf8_lossy(&octets);
    geocodage::lire_reponse(&texte).map_err(|_| ())
}

#[function_component]
pub fn RechercheEnLigne(p: &Props) -> Html {
    let t = textes(p.langue);
    let etat = use_state(|| Etat::Rien);
    let envoyer = {
        let etat = etat.clone();
        let url = geocodage::url_requete(&p.endpoint, &p.texte);
        let vide = p.texte.trim().is_empty();
        Callback::from(move |_| {
            if vide {
                etat.set(Etat::Vide);
                return;
            }
            etat.set(Etat::EnCours);
            let etat = etat.clone();
            let url = url.clone();
            wasm_bindgen_futures::spawn_local(async move {
                etat.set(match chercher(url).await {
                    Ok(r) => Etat::Resultats(r),
                    Err(()) => Etat::Erreur,
                });
            });
        })
    };
    let message = match &*etat {
        Etat::Rien | Etat::Resultats(_) => None,
        Etat::Vide => Some(t.en_ligne_vide()),
        Etat::EnCours => Some(t.en_ligne_en_cours()),
        Etat::Erreur => Some(t.en_ligne_erreur()),
    };
    let resultats = match &*etat {
        Etat::Resultats(r) if r.is_empty() => html! { <p role="status">{ t.en_ligne_aucun() }</p> },
        Etat::Resultats(r) => html! {
            <ul class="resultats-en-ligne">
                { for r.iter().map(|a| {
                    let choix = (
                        a.label.clone(),
                        PointLien { lon: a.lon, lat: a.lat, precision_m: a.precision_m() },
                    );
                    let choisir = p.onchoix.reform(move |_| choix.clone());
                    html! { <li><button type="button" class="bouton secondaire" lang="fr" onclick={choisir}>{ &a.label }</button></li> }
                }) }
            </ul>
        },
        _ => html! {},
    };
    html! {
        <div class="en-ligne">
            <h3>{ t.en_ligne_titre() }</h3>
            <p>{ t.en_ligne_avertissement() }</p>
            <button type="button" class="bouton secondaire" onclick={envoyer}>{ t.en_ligne_bouton() }</button>
            <p class="message-en-ligne" role="status">{ message.unwrap_or_default() }</p>
            { resultats }
        </div>
    }
}
