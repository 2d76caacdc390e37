//! The other parsers of untrusted input: the URL state, dates, assets (the address index's own
//! format among them), drafts, JSON (the geocoder's answer, the manifest), numbers, catalogues
//! of messages. Never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use parcours_core::asset::{self, Carte, Manifeste};
use parcours_core::demande::Brouillon;
use parcours_core::geocodage;
use parcours_core::json::Json;
use parcours_core::lien::EtatLien;
use parcours_core::programme::{Date, Programme};
use parcours_core::recherche::{IndexAdresses, Moteur};
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
    // A payload behind a valid header (so the fuzzer reaches the payload's own checks): a
    // map and a programme (the payloads' codec), a catalogue, then its texts filled; an address
    // index, then searched.
    let cadre = |nature: asset::Nature| {
        let mut cadre = Vec::with_capacity(15 + data.len());
        cadre.extend_from_slice(&asset::MAGIC);
        cadre.push(nature as u8);
        cadre.extend_from_slice(&asset::FORMAT_VERSION.to_le_bytes());
        cadre.extend_from_slice(&(data.len() as u32).to_le_bytes());
        cadre.extend_from_slice(&asset::crc32(data).to_le_bytes());
        cadre.extend_from_slice(data);
        cadre
    };
    let _ = asset::decoder::<Carte>(&cadre(asset::Nature::Carte));
    let _ = asset::decoder::<Programme>(&cadre(asset::Nature::Programme));
    if let Ok(t) = asset::decoder::<Textes>(&cadre(asset::Nature::Textes)) {
        let _ = t.hors_age_titre(&2, &16);
        let _ = t.suggestions(3);
        let _ = t.accroche();
    }
    if let Ok(index) = asset::decoder::<IndexAdresses>(&cadre(asset::Nature::Adresses)) {
        let _ = Moteur::new(index).rechercher("12 bis rue d'auxonne", 5);
    }
});
