//! The compact address format changes no result: the same engine, on both dev query files,
//! over the index as the previous format gave it (postcard: every position exact) and as the
//! compact format gives it (positions quantised), answers the same addresses in the same order,
//! at positions within the quantisation; and a decision on a quantised point is never a
//! definite answer the exact point would not give.

use parcours_core::asset::adresses::{ERREUR_POSITION_M, PAS_E6};
use parcours_core::asset::{self, Carte};
use parcours_core::decision::{Decision, Verificateur};
use parcours_core::programme::Programme;
use parcours_core::recherche::{IndexAdresses, Moteur, PositionE6, Resultat};
use parcours_data::lecture;
use parcours_data::pipeline::{self, Entrees};
use std::path::Path;

mod commun;
use commun::{entrees, partage, racine};

/// The index as the pipeline builds it in memory, before any encoding: the address file's
/// voies, and the streets the pipeline adds by name only (from its own asset: they have no
/// position, so the encoding leaves them exact) — checked against the pipeline's asset.
fn index(e: &Entrees, adresses: &Path) -> IndexAdresses {
    let programme = pipeline::lire_programme(&racine().join("config/programme.toml")).unwrap();
    let (voies, _) = lecture::lire_ban(adresses, &programme.communes).unwrap();
    let c = pipeline::construire(e).unwrap();
    let octets = &c
        .fichiers
        .iter()
        .find(|(f, _)| f == "adresses.bin")
        .unwrap()
        .1;
    let construit = asset::decoder::<IndexAdresses>(octets).unwrap();
    let seules = construit
        .voies
        .iter()
        .filter(|v| v.numeros.is_empty())
        .map(|v| {
            let (a, b, c, d) = (&v.nom, &v.code_postal, &v.code_insee, &v.nom_commune);
            (a.clone(), b.clone(), c.clone(), d.clone(), vec![])
        });
    let i = IndexAdresses::construire(
        voies
            .into_iter()
            .map(|((nom, cp, insee, commune), numeros)| (nom, cp, insee, commune, numeros))
            .chain(seules)
            .collect(),
    );
    assert_eq!(nouveau(&i), construit, "the pipeline's index");
    i
}

/// The previous format (format version 2): the index through postcard.
fn ancien(index: &IndexAdresses) -> IndexAdresses {
    postcard::from_bytes(&postcard::to_allocvec(index).unwrap()).unwrap()
}

fn nouveau(index: &IndexAdresses) -> IndexAdresses {
    asset::decoder(&asset::encoder(index)).unwrap()
}

/// Within the grid's half step; one more millionth for a position computed from two of them
/// (the interpolation rounds).
fn proches(a: PositionE6, b: PositionE6, marge: i32) -> bool {
    (a[0] - b[0]).abs() <= PAS_E6[0] / 2 + marge && (a[1] - b[1]).abs() <= PAS_E6[1] / 2 + marge
}

fn identiques(q: &str, a: &[Resultat], b: &[Resultat]) {
    let cle = |r: &Resultat| {
        (
            r.voie,
            r.numero,
            r.rep.clone(),
            r.precision,
            r.label.clone(),
            r.score,
            r.voisins.len(),
        )
    };
    assert_eq!(
        a.iter().map(cle).collect::<Vec<_>>(),
        b.iter().map(cle).collect::<Vec<_>>(),
        "{q}"
    );
    for (x, y) in a.iter().zip(b) {
        match (x.position, y.position) {
            (Some(p), Some(r)) => assert!(proches(p, r, 1), "{q}: {x:?} {y:?}"),
            (p, r) => assert_eq!(p.is_none(), r.is_none(), "{q}"),
        }
        for (v, w) in x.voisins.iter().zip(&y.voisins) {
            assert!(proches(*v, *w, 0), "{q}: {v:?} {w:?}");
        }
    }
}

/// Runs every query of the file on both engines; returns the number of queries.
fn comparer(a: &Moteur, b: &Moteur, requetes: &Path) -> usize {
    let tsv = std::fs::read_to_string(requetes).unwrap();
    let mut n = 0;
    for ligne in tsv.lines().skip(1) {
        let q = ligne.split('\t').nth(1).unwrap();
        identiques(q, &a.rechercher(q, 5), &b.rechercher(q, 5));
        n += 1;
    }
    n
}

#[test]
fn the_compact_format_changes_no_search_result_on_the_real_extract() {
    let e = entrees(None);
    let fichier = e.donnees.join(&e.sources.adresses.fichier);
    let i = index(&e, &fichier);
    let seules = i.voies.iter().filter(|v| v.numeros.is_empty()).count();
    assert!(seules > 1_000, "{seules} streets known by name only");
    let (a, b) = (Moteur::new(ancien(&i)), Moteur::new(nouveau(&i)));
    let n = comparer(&a, &b, &partage().join("eval/address-queries-dev.tsv"));
    assert!(n > 7_000, "{n} queries");

    // The decisions: a quantised point carries its error, so it is never a definite answer
    // that the exact point would not give.
    let c = pipeline::construire(&e).unwrap();
    let asset = |nom: &str| &c.fichiers.iter().find(|(f, _)| f == nom).unwrap().1;
    let v = Verificateur::nouveau(
        asset::decoder::<Carte>(asset("carte.bin")).unwrap(),
        asset::decoder::<Programme>(asset("programme.bin")).unwrap(),
    );
    let tsv = std::fs::read_to_string(partage().join("eval/address-queries-dev.tsv")).unwrap();
    let (mut memes, mut prudentes, mut voisines) = (0, 0, 0);
    for ligne in tsv.lines().skip(1) {
        let q = ligne.split('\t').nth(1).unwrap();
        let (Some(x), Some(y)) = (a.rechercher(q, 1).pop(), b.rechercher(q, 1).pop()) else {
            continue;
        };
        let (dx, dy) = (v.decider_adresse(&x).0, v.decider_adresse(&y).0);
        if (dx.code(), dx.equipe()) == (dy.code(), dy.equipe()) {
            memes += 1;
            // The same answer; the IRIS named may be the neighbour only for a point on the
            // line between two IRIS with the same answer (within the quantisation).
            let (ix, iy) = (dx.iris(), dy.iris());
            if ix.map(|i| &i.code) != iy.map(|i| &i.code) {
                let d = ix.map_or(f64::INFINITY, |i| i.distance_limite_m);
                assert!(d <= ERREUR_POSITION_M + 0.05, "{q}: {dx:?} {dy:?}");
                voisines += 1;
            }
        } else {
            assert!(
                matches!(dy, Decision::AConfirmer { .. }),
                "{q}: exact {dx:?}, quantised {dy:?}"
            );
            prudentes += 1;
        }
    }
    eprintln!(
        "{n} queries, same results; decisions: {memes} the same ({voisines} naming the IRIS \
         across the line), {prudentes} to be confirmed instead"
    );
    assert!(memes > 7_000);
}

#[test]
fn the_compact_format_changes_no_search_result_on_the_whole_city() {
    let ville = partage().join("eval/synthetique-dijon-dev.csv");
    let i = index(&entrees(Some(ville.clone())), &ville);
    assert_eq!(i.nombre_adresses(), 25_013);
    let (a, b) = (Moteur::new(ancien(&i)), Moteur::new(nouveau(&i)));
    let n = comparer(
        &a,
        &b,
        &partage().join("eval/address-queries-scale-dev.tsv"),
    );
    assert!(n > 8_000, "{n} queries");
}
