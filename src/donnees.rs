//! Loading the assets at start-up (fetched from our own origin, checked by the core).

use crate::navigateur;
use futures_util::future::join_all;
use parcours_core::asset::{self, fichier_textes, Carte, Manifeste, Nature, Payload};
use parcours_core::decision::Verificateur;
use parcours_core::lien::Langue;
use parcours_core::programme::Programme;
use parcours_core::recherche::{IndexAdresses, Moteur};
use parcours_core::textes::Textes;
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

fn decoder<T: Payload>(nom: &str, octets: &[u8]) -> Result<T, ErreurChargement> {
    asset::decoder::<T>(octets).map_err(|e| ErreurChargement(format!("{nom}: {e}")))
}

/// A language's messages, from the ones already loaded or fetched, then kept for the page's life.
pub async fn charger_textes(l: Langue) -> Result<&'static Textes, ErreurChargement> {
    if let Some(t) = crate::textes::charge(l) {
        return Ok(t);
    }
    let nom = fichier_textes(l);
    let url = format!("{DOSSIER}{nom}");
    let octets = navigateur::recuperer(&url)
        .await
        .map_err(|e| ErreurChargement(format!("{url}: {e}")))?;
    let t = decoder::<Textes>(&nom, &octets)?;
    if t.langue() != l {
        return Err(ErreurChargement(format!("{nom}: another language")));
    }
    Ok(crate::textes::garder(t))
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
        moteur: Moteur::new(decoder::<IndexAdresses>(noms[2], &adresses?)?),
        verificateur: Verificateur::nouveau(
            decoder::<Carte>(noms[1], &carte?)?,
            decoder::<Programme>(noms[3], &programme?)?,
        ),
    }))
}
