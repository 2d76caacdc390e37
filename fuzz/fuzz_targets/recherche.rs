//! The address search on any text: never panics, at most `max` results.
#![no_main]
use libfuzzer_sys::fuzz_target;
use parcours_core::recherche::{IndexAdresses, Moteur, Numero};
use std::sync::OnceLock;

fn moteur() -> &'static Moteur {
    static M: OnceLock<Moteur> = OnceLock::new();
    M.get_or_init(|| {
        let voie = |nom: &str, numeros: &[u32]| {
            (
                nom.to_string(),
                "21000".to_string(),
                "21231".to_string(),
                "Dijon".to_string(),
                numeros
                    .iter()
                    .map(|&n| Numero {
                        numero: n,
                        rep: String::new(),
                        position: [5_040_000 + n as i32, 47_320_000],
                    })
                    .collect(),
            )
        };
        Moteur::new(IndexAdresses::construire(vec![
            voie("RUE D'AUXONNE", &[1, 3, 5, 10, 12]),
            voie("PLACE DU 30 OCTOBRE ET DE LA LEGION D'HONNEUR", &[2]),
            voie("BOULEVARD DU MARECHAL DE LATTRE DE TASSIGNY", &[7, 9]),
            voie("RUE SAINT-PIERRE", &[]),
            voie("ALLEE ALFRED NOBEL", &[4]),
        ]))
    })
}

fuzz_target!(|data: &[u8]| {
    let texte = String::from_utf8_lossy(data);
    let r = moteur().rechercher(&texte, 5);
    assert!(r.len() <= 5);
});
