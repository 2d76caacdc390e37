//! The payloads' codec (`asset::octets`) on what the pipeline really builds: from the real data
//! (every asset), and from our fixtures with QPV polygons and schools. Each asset decodes,
//! encodes back to the same bytes, says what the sources say, and every truncation of its
//! payload is an error, never a panic.

use parcours_core::asset::{self, Carte, Payload};
use parcours_core::programme::Programme;
use parcours_core::recherche::IndexAdresses;
use parcours_core::textes::Textes;
use parcours_data::pipeline::{self, Construction};
use std::path::Path;

mod commun;

fn fichier<'a>(c: &'a Construction, nom: &str) -> &'a [u8] {
    &c.fichiers.iter().find(|(f, _)| f == nom).unwrap().1
}

/// Decodes the asset, encodes it back (the same bytes), refuses every truncated payload.
fn verifier<T: Payload + PartialEq + std::fmt::Debug>(octets: &[u8]) -> T {
    let v: T = asset::decoder(octets).unwrap();
    assert_eq!(
        asset::encoder(&v),
        octets,
        "{:?}: the same bytes",
        T::NATURE
    );
    let payload = &octets[15..];
    assert_eq!(T::depuis_octets(payload).as_ref(), Ok(&v));
    for n in 0..payload.len() {
        assert!(
            T::depuis_octets(&payload[..n]).is_err(),
            "{:?}: prefix {n} of {}",
            T::NATURE,
            payload.len()
        );
    }
    v
}

#[test]
fn the_real_assets_round_trip_and_refuse_every_truncation() {
    let c = pipeline::construire(&commun::entrees(None)).unwrap();
    let carte: Carte = verifier(fichier(&c, "carte.bin"));
    assert!(carte.iris.len() > 50, "{} IRIS", carte.iris.len());
    let programme: Programme = verifier(fichier(&c, "programme.bin"));
    let source = commun::racine().join("config/programme.toml");
    assert_eq!(programme, pipeline::lire_programme(&source).unwrap());
    for langue in ["fr", "en", "ar"] {
        let t: Textes = verifier(fichier(&c, &format!("textes-{langue}.bin")));
        assert_eq!(t.langue().code(), langue);
    }
    // The address index has its own format, through the same container.
    let index: IndexAdresses = asset::decoder(fichier(&c, "adresses.bin")).unwrap();
    assert_eq!(asset::encoder(&index), fichier(&c, "adresses.bin"));
}

#[test]
fn a_map_with_qpv_and_schools_round_trips() {
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut e = commun::entrees(None);
    e.sources = pipeline::Sources::lire(&f.join("sources.toml")).unwrap();
    e.donnees = f.clone();
    e.programme = f.join("programme.toml");
    e.qpv = Some(f.join("qpv.geojson"));
    e.ecoles = Some(f.join("ecoles.geojson"));
    e.sources.ecoles = Some(e.sources.qpv.clone());
    let c = pipeline::construire(&e).unwrap();
    let carte: Carte = verifier(fichier(&c, "carte.bin"));
    assert_eq!(carte.qpv.len(), 1);
    assert!(!carte.ecoles.is_empty());
    assert!(
        carte
            .iris
            .iter()
            .any(|i| i.polygones.iter().any(|p| p.len() > 1)),
        "a hole"
    );
    let programme: Programme = verifier(fichier(&c, "programme.bin"));
    assert_eq!(
        programme,
        pipeline::lire_programme(&f.join("programme.toml")).unwrap()
    );
}
