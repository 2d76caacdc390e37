//! Loading the assets at start-up (fetched from our own origin, checked by the core).

use gloo::net::http::Request;
use parcours_core::asset::{self, Carte, Manifeste, Payload};
use parcours_core::decision::Verificateur;
use parcours_core::programme::Programme;
use parcours_core::recherche::{IndexAdresses, Moteur};
use std::rc::Rc;

/// Everything the page needs, decoded and indexed.
pub struct Donnees {
    pub manifeste: Manifeste,
    pub moteur: Moteur,
    pub verificateur: Verificateur,
}

/// Where the loading failed, for the error screen.
#[derive(Debug, Clone, PartialEq)]
pub struct ErreurChargement(pub String);

const DOSSIER: &str = "assets/";

async fn telecharger(nom: &str) -> Result<Vec<u8>, ErreurChargement> {
    let url = format!("{DOSSIER}{nom}");
    let r = Request::get(&url)
        .send()
        .await
        .map_err(|e| ErreurChargement(format!("{url}: {e}")))?;
    if !r.ok() {
        return Err(ErreurChargement(format!("{url}: HTTP {}", r.status())));
    }
    r.binary()
        .await
        .map_err(|e| ErreurChargement(format!("{url}: {e}")))
}

async fn charger_un<T: Payload>() -> Result<T, ErreurChargement> {
    let nom = T::NATURE.nom_fichier();
    let octets = telecharger(nom).await?;
    asset::decoder::<T>(&octets).map_err(|e| ErreurChargement(format!("{nom}: {e}")))
}

pub async fn charger() -> Result<Rc<Donnees>, ErreurChargement> {
    let octets = telecharger("manifest.json").await?;
    let manifeste = std::str::from_utf8(&octets)
        .map_err(|e| e.to_string())
        .and_then(Manifeste::depuis_json)
        .map_err(|e| ErreurChargement(format!("manifest.json: {e}")))?;
    let (carte, adresses, programme) = futures_util::future::join3(
        charger_un::<Carte>(),
        charger_un::<IndexAdresses>(),
        charger_un::<Programme>(),
    )
    .await;
    Ok(Rc::new(Donnees {
        manifeste,
        moteur: Moteur::new(adresses?),
        verificateur: Verificateur::nouveau(carte?, programme?),
    }))
}
