//! The other parsers of untrusted input: the URL state, dates, assets, drafts, JSON (the
//! geocoder's answer, the manifest), numbers. Never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use parcours_core::asset::{self, Carte, Manifeste};
use parcours_core::demande::Brouillon;
use parcours_core::geocodage;
use parcours_core::json::Json;
use parcours_core::lien::EtatLien;
use parcours_core::programme::Date;
use parcours_core::recherche::IndexAdresses;

fuzz_target!(|data: &[u8]| {
    let texte = String::from_utf8_lossy(data);
    let e = EtatLien::depuis_requete(&texte);
    let _ = EtatLien::depuis_requete(&e.vers_requete());
    let _ = Date::analyser(&texte);
    let _ = parcours_core::nombre::lire(&texte);
    let _ = Json::lire(&texte);
    let _ = geocodage::lire_reponse(&texte);
    let _ = Manifeste::depuis_json(&texte);
    let _ = Brouillon::depuis_octets(data);
    let _ = asset::decoder::<Carte>(data);
    let _ = asset::decoder::<IndexAdresses>(data);
});
