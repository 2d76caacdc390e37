//! Loading the assets at start-up (fetched from our own origin, checked by the core).

use crate::navigateur;
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

/// One asset's request, sent now.
fn demander(nom: &str) -> Result<(String, navigateur::Requete), ErreurChargement> {
    let url = format!("{DOSSIER}{nom}");
    let r = navigateur::demander(&url).map_err(|e| ErreurChargement(format!("{url}: {e}")))?;
    Ok((url, r))
}

async fn octets((url, r): (String, navigateur::Requete)) -> Result<Vec<u8>, ErreurChargement> {
    r.octets()
        .await
        .map_err(|e| ErreurChargement(format!("{url}: {e}")))
}

/// A language's messages, from the ones already loaded or fetched, then kept for the page's life.
pub async fn charger_textes(l: Langue) -> Result<&'static Textes, ErreurChargement> {
    if let Some(t) = crate::textes::charge(l) {
        return Ok(t);
    }
    let nom = fichier_textes(l);
    let t = decoder::<Textes>(&nom, &octets(demander(&nom)?).await?)?;
    if t.langue() != l {
        return Err(ErreurChargement(format!("{nom}: another language")));
    }
    Ok(crate::textes::garder(t))
}

pub async fn charger() -> Result<Rc<Donnees>, ErreurChargement> {
    // The four requests are sent first, so the files download side by side.
    let noms = [
        "manifest.json",
        Nature::Carte.nom_fichier(),
        Nature::Adresses.nom_fichier(),
        Nature::Programme.nom_fichier(),
    ];
    let [manifeste, carte, adresses, programme] = [
        demander(noms[0])?,
        demander(noms[1])?,
        demander(noms[2])?,
        demander(noms[3])?,
    ];
    let manifeste = octets(manifeste).await?;
    let manifeste = std::str::from_utf8(&manifeste)
        .map_err(|e| e.to_string())
        .and_then(Manifeste::depuis_json)
        .map_err(|e| ErreurChargement(format!("manifest.json: {e}")))?;
    let carte = decoder::<Carte>(noms[1], &octets(carte).await?)?;
    let index = decoder::<IndexAdresses>(noms[2], &octets(adresses).await?)?;
    let programme = decoder::<Programme>(noms[3], &octets(programme).await?)?;
    Ok(Rc::new(Donnees {
        manifeste,
        moteur: Moteur::new(index),
        verificateur: Verificateur::nouveau(carte, programme),
    }))
}
