//! Loading the assets (fetched from our own origin, checked by the core). Each piece is what
//! one part of the page uses, so nothing waits for a file it does not need: the decisions
//! ([`Donnees`]: the map of IRIS, the programme, the manifest of sources) and the address search
//! ([`Adresses`], the largest file) arrive on their own.

use crate::navigateur;
use parcours_core::asset::{self, fichier_textes, Carte, Manifeste, Nature, Payload};
use parcours_core::decision::Verificateur;
use parcours_core::lien::Langue;
use parcours_core::programme::Programme;
use parcours_core::recherche::{IndexAdresses, Moteur};
use parcours_core::textes::Textes;
use std::rc::Rc;

/// What the decisions and the sources need, decoded.
pub struct Donnees {
    pub manifeste: Manifeste,
    pub verificateur: Verificateur,
}

/// The address search, indexed.
pub struct Adresses {
    pub moteur: Moteur,
}

// Loaded once for the page's life: the same one is the same value.
impl PartialEq for Donnees {
    fn eq(&self, autre: &Self) -> bool {
        std::ptr::eq(self, autre)
    }
}

impl PartialEq for Adresses {
    fn eq(&self, autre: &Self) -> bool {
        std::ptr::eq(self, autre)
    }
}

/// Where the loading failed, for the error screen.
#[derive(Debug, Clone, PartialEq)]
pub struct ErreurChargement(pub String);

const DOSSIER: &str = "assets/";

/// What failed (a file), and why.
fn erreur(ou: &str, pourquoi: &str) -> ErreurChargement {
    ErreurChargement([ou, ": ", pourquoi].concat())
}

fn decoder<T: Payload>(nom: &str, octets: &[u8]) -> Result<T, ErreurChargement> {
    asset::decoder::<T>(octets).map_err(|e| erreur(nom, &e.to_string()))
}

/// One asset's request, sent now: the browser downloads it while the page goes on.
pub struct Demande {
    url: String,
    requete: Result<navigateur::Requete, String>,
}

pub fn demander(nom: &str) -> Demande {
    let url = [DOSSIER, nom].concat();
    let requete = navigateur::demander(&url);
    Demande { url, requete }
}

impl Demande {
    async fn octets(self) -> Result<Vec<u8>, ErreurChargement> {
        let url = self.url;
        match self.requete {
            Ok(r) => r.octets().await,
            Err(e) => Err(e),
        }
        .map_err(|e| erreur(&url, &e))
    }
}

/// A language's messages, from the ones already loaded or fetched, then kept for the page's life.
pub async fn charger_textes(l: Langue) -> Result<&'static Textes, ErreurChargement> {
    if let Some(t) = crate::textes::charge(l) {
        return Ok(t);
    }
    recevoir_textes(l, demander(&fichier_textes(l))).await
}

/// A language's messages from a request already sent, then kept for the page's life.
pub async fn recevoir_textes(l: Langue, d: Demande) -> Result<&'static Textes, ErreurChargement> {
    let nom = fichier_textes(l);
    let t = decoder::<Textes>(&nom, &d.octets().await?)?;
    if t.langue() != l {
        return Err(erreur(&nom, "another language"));
    }
    Ok(crate::textes::garder(t))
}

/// The requests of what the decisions need, sent now, side by side.
pub struct DemandesDonnees([Demande; 3]);

pub fn demander_donnees() -> DemandesDonnees {
    DemandesDonnees([
        demander("manifest.json"),
        demander(Nature::Programme.nom_fichier()),
        demander(Nature::Carte.nom_fichier()),
    ])
}

pub async fn recevoir_donnees(d: DemandesDonnees) -> Result<Rc<Donnees>, ErreurChargement> {
    let [manifeste, programme, carte] = d.0;
    let manifeste = manifeste.octets().await?;
    let manifeste = std::str::from_utf8(&manifeste)
        .map_err(|e| e.to_string())
        .and_then(Manifeste::depuis_json)
        .map_err(|e| erreur("manifest.json", &e))?;
    let programme =
        decoder::<Programme>(Nature::Programme.nom_fichier(), &programme.octets().await?)?;
    let carte = decoder::<Carte>(Nature::Carte.nom_fichier(), &carte.octets().await?)?;
    Ok(Rc::new(Donnees {
        manifeste,
        verificateur: Verificateur::nouveau(carte, programme),
    }))
}

pub fn demander_adresses() -> Demande {
    demander(Nature::Adresses.nom_fichier())
}

pub async fn recevoir_adresses(d: Demande) -> Result<Rc<Adresses>, ErreurChargement> {
    let nom = Nature::Adresses.nom_fichier();
    let index = decoder::<IndexAdresses>(nom, &d.octets().await?)?;
    // Two long pieces of work, not one: the page can paint and take a key press in between.
    navigateur::ceder().await;
    Ok(Rc::new(Adresses {
        moteur: Moteur::new(index),
    }))
}
