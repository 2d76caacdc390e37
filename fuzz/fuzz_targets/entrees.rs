//! The other parsers of untrusted input: the URL state, dates, assets. Never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use parcours_core::asset::{self, Carte};
use parcours_core::lien::EtatLien;
use parcours_core::programme::Date;
use parcours_core::recherche::IndexAdresses;

fuzz_target!(|data: &[u8]| {
    let texte = String::from_utf8_lossy(data);
    let e = EtatLien::depuis_requete(&texte);
    let _ = EtatLien::depuis_requete(&e.vers_requete());
    let _ = Date::analyser(&texte);
    let _ = asset::decoder::<Carte>(data);
    let _ = asset::decoder::<IndexAdresses>(data);
});
