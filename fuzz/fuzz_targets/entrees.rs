//! The other parsers of untrusted input: the URL state, dates, assets, drafts, JSON (the
//! geocoder's answer, the manifest), numbers, catalogues of messages. Never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use parcours_core::asset::{self, Carte, Manifeste};
use parcours_core::demande::Brouillon;
use parcours_core::geocodage;
use parcours_core::json::Json;
use parcours_core::lien::EtatLien;
use parcours_core::programme::Date;
use parcours_core::recherche::IndexAdresses;
use parcours_core::textes::Textes;

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
    // A catalogue's payload behind a valid header (so the fuzzer reaches its own checks), then
    // its texts filled.
    let mut cadre = Vec::with_capacity(15 + data.len());
    cadre.extend_from_slice(&asset::MAGIC);
    cadre.push(asset::Nature::Textes as u8);
    cadre.extend_from_slice(&asset::FORMAT_VERSION.to_le_bytes());
    cadre.extend_from_slice(&(data.len() as u32).to_le_bytes());
    cadre.extend_from_slice(&asset::crc32(data).to_le_bytes());
    cadre.extend_from_slice(data);
    if let Ok(t) = asset::decoder::<Textes>(&cadre) {
        let _ = t.hors_age_titre(&2, &16);
        let _ = t.suggestions(3);
        let _ = t.accroche();
    }
});
