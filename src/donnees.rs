//! Loading the assets at start-up (fetched from our own origin, checked by the core).

use crate::navigateur;
use futures_util::future::join_all;
use parcours_core::asset::{self, Carte, Manifeste, Nature, Payload};
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

fn decoder<T: Payload>(octets: &[u8]) -> Result<T, ErreurChargement> {
    asset::decoder::<T>(octets)
        .map_err(|e| ErreurChargement(format!("{}: {e}", T::NATURE.nom_fichier())))
}

pub async fn charger() -> Result<Rc<Donnees>, ErreurChargement> {
    // The four files at once, through one future type (one small state machine in the wasm).
    let noms = [
        "manifest.json",
        Nature::Carte.nom_fichier(),
        Nature::Adresses.nom_fichier(),
        Nature::Programme.nom_fichier(),
    ];
    let reponses = join_all(noms.map(|nom| async move {
        let url = format!("{DOSSIER}{nom}");
        navigateur::recuperer(&url)
            .await
            .map_err(|e| ErreurChargement(format!("{url}: {e}")))
    }))
    .await;
    let [manifeste, carte, adresses, programme] =
        <[_; 4]>::try_from(reponses).map_err(|_| ErreurChargement("assets".into()))?;
    let manifeste = std::str::from_utf8(&manifeste?)
        .map_err(|e| e.to_string())
        .and_then(Manifeste::depuis_json)
        .map_err(|e| ErreurChargement(format!("manifest.json: {e}")))?;
    Ok(Rc::new(Donnees {
        manifeste,
        moteur: Moteur::new(decoder::<IndexAdresses>(&adresses?)?),
        verificateur: Verificateur::nouveau(
            decoder::<Carte>(&carte?)?,
            decoder::<Programme>(&programme?)?,
        ),
    }))
}
