//! Benchmarks of the core: address search and decision on the Dijon assets (built by
//! `parcours-data build` into ../assets-gen); decoding and indexing the whole city's address
//! asset, and searching it (../assets-ville, built by the test command from the whole-city
//! stand-in; skipped when absent); and search on a synthetic index of 300,000 addresses (real
//! Dijon street words and numbers recombined; labelled synthetic).
//!
//! `cargo bench -p parcours-core` prints criterion's figures, and before them the latency
//! percentiles per query (criterion reports means; the targets are on p99).

use criterion::{criterion_group, criterion_main, Criterion};
use parcours_core::asset::{self, Carte, Nature};
use parcours_core::decision::{Lieu, Verificateur};
use parcours_core::programme::Programme;
use parcours_core::recherche::{IndexAdresses, Moteur, Numero};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

fn assets() -> PathBuf {
    std::env::var_os("PARCOURS_ASSETS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../assets-gen"))
}

fn charger<T: asset::Payload>() -> T {
    let f = assets().join(T::NATURE.nom_fichier());
    let octets = std::fs::read(&f)
        .unwrap_or_else(|e| panic!("{}: {e} (run `parcours-data build` first)", f.display()));
    asset::decoder(&octets).unwrap()
}

/// The whole city's address asset, when built (`assets-ville/`, or `PARCOURS_ASSETS_VILLE`).
fn ville() -> Option<Vec<u8>> {
    let d = std::env::var_os("PARCOURS_ASSETS_VILLE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../assets-ville"));
    std::fs::read(d.join(Nature::Adresses.nom_fichier())).ok()
}

fn requetes() -> Vec<String> {
    requetes_de("address-queries-dev.tsv")
}

fn requetes_de(fichier: &str) -> Vec<String> {
    let f = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/eval")
        .join(fichier);
    match std::fs::read_to_string(&f) {
        Ok(t) => t
            .lines()
            .skip(1)
            .map(|l| l.split('\t').nth(1).unwrap().to_string())
            .collect(),
        Err(_) => vec![
            "8 rue paul cab".into(),
            "12 bis r d'auxonne 21000 dijon".into(),
        ],
    }
}

fn percentiles(nom: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    let p = |q: f64| ms[((q * ms.len() as f64).ceil() as usize).saturating_sub(1)];
    eprintln!(
        "{nom}: n={} p50 {:.4} ms, p95 {:.4} ms, p99 {:.4} ms, max {:.4} ms",
        ms.len(),
        p(0.50),
        p(0.95),
        p(0.99),
        ms[ms.len() - 1]
    );
}

fn latences(moteur: &Moteur, qs: &[String], tours: usize) -> Vec<f64> {
    let mut ms = Vec::with_capacity(qs.len() * tours);
    for _ in 0..tours {
        for q in qs {
            let t = Instant::now();
            black_box(moteur.rechercher(black_box(q), 5));
            ms.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    ms
}

/// 300,000 synthetic addresses: voie names recombined from real Dijon words (a type, one to
/// three words), ten numbers each, in 100 synthetic communes.
fn synthetique(base: &IndexAdresses) -> Vec<(String, String, String, String, Vec<Numero>)> {
    let mots: Vec<&String> = base
        .vocabulaire
        .iter()
        .filter(|m| m.len() > 3 && !m.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    let types = [
        "RUE",
        "AVENUE",
        "BOULEVARD",
        "PLACE",
        "IMPASSE",
        "ALLEE",
        "CHEMIN",
        "ROUTE",
    ];
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    let mut alea = move |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let mut voies = Vec::new();
    for c in 0..100 {
        for _ in 0..300 {
            let n = 1 + alea(3);
            let mut nom = types[alea(types.len())].to_string();
            for _ in 0..n {
                nom.push(' ');
                nom.push_str(&mots[alea(mots.len())].to_uppercase());
            }
            let numeros = (0..10)
                .map(|k| Numero {
                    numero: 1 + 2 * k + alea(2) as u32,
                    rep: String::new(),
                    position: [
                        5_000_000 + alea(100_000) as i32,
                        47_300_000 + alea(100_000) as i32,
                    ],
                })
                .collect();
            voies.push((
                nom,
                "21000".into(),
                format!("21{c:03}"),
                format!("Synthétique {c:03}"),
                numeros,
            ));
        }
    }
    voies
}

fn bench(c: &mut Criterion) {
    let index: IndexAdresses = charger();
    let qs = requetes();
    let moteur = Moteur::new(index.clone());
    percentiles(
        "search, Dijon (7,930 dev queries × 5)",
        latences(&moteur, &qs, 5),
    );

    let v = Verificateur::nouveau(charger::<Carte>(), charger::<Programme>());
    let resultats: Vec<_> = qs
        .iter()
        .filter_map(|q| moteur.rechercher(q, 1).into_iter().next())
        .collect();
    let mut ms = Vec::new();
    for r in &resultats {
        let t = Instant::now();
        black_box(v.decider_adresse(black_box(r)));
        ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    percentiles("decision for an address result, Dijon", ms);

    // The whole city: decode + index (what a page waits for before its first answer), the
    // same index through the previous format (postcard, format version 2) for comparison, and
    // the search.
    let ville = ville();
    if let Some(octets) = &ville {
        let charger_ville = || Moteur::new(asset::decoder::<IndexAdresses>(octets).unwrap());
        let moteur_ville = charger_ville();
        let ancien = postcard::to_allocvec(moteur_ville.index()).unwrap();
        let mut ms = Vec::new();
        let mut ms_ancien = Vec::new();
        for _ in 0..50 {
            let t = Instant::now();
            black_box(charger_ville());
            ms.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            black_box(Moteur::new(
                postcard::from_bytes::<IndexAdresses>(&ancien).unwrap(),
            ));
            ms_ancien.push(t.elapsed().as_secs_f64() * 1e3);
        }
        eprintln!(
            "whole city: {} addresses in {} voies, asset {} B",
            moteur_ville.index().nombre_adresses(),
            moteur_ville.index().voies.len(),
            octets.len()
        );
        percentiles("decode + index, whole city (50 runs)", ms);
        percentiles(
            "decode + index, whole city, previous format (postcard, 50 runs)",
            ms_ancien,
        );
        let qs_ville = requetes_de("address-queries-scale-dev.tsv");
        percentiles(
            "search, whole city (8,009 scale dev queries × 5)",
            latences(&moteur_ville, &qs_ville, 5),
        );
    } else {
        eprintln!("no assets-ville/adresses.bin: the whole-city cases are skipped");
    }

    let t = Instant::now();
    let synth = IndexAdresses::construire(synthetique(&index));
    let construction = t.elapsed();
    let octets = asset::encoder(&synth);
    let mut br = Vec::new();
    brotli::BrotliCompress(
        &mut &octets[..],
        &mut br,
        &brotli::enc::BrotliEncoderParams::default(),
    )
    .unwrap();
    let t = Instant::now();
    let moteur_synth = Moteur::new(synth);
    eprintln!(
        "synthetic index: {} addresses in {} voies; built in {:.2} s (+ {:.0} ms at load); asset {} B raw, {} B brotli",
        moteur_synth.index().nombre_adresses(),
        moteur_synth.index().voies.len(),
        construction.as_secs_f64(),
        t.elapsed().as_secs_f64() * 1e3,
        octets.len(),
        br.len()
    );
    percentiles(
        "search, synthetic 300,000 (7,930 dev queries)",
        latences(&moteur_synth, &qs, 1),
    );

    let mut i = 0;
    c.bench_function("search/dijon (per query, dev queries in turn)", |b| {
        b.iter(|| {
            i = (i + 1) % qs.len();
            black_box(moteur.rechercher(black_box(&qs[i]), 5))
        })
    });
    let lieu = Lieu {
        lon: 5.0791,
        lat: 47.2982,
        precision_m: 5.0,
    };
    c.bench_function("decision/point", |b| {
        b.iter(|| black_box(v.decider_lieu(black_box(&lieu))))
    });
    if let Some(octets) = &ville {
        c.bench_function("asset/decode+index whole city", |b| {
            b.iter(|| Moteur::new(asset::decoder::<IndexAdresses>(black_box(octets)).unwrap()))
        });
    }
    let mut j = 0;
    c.bench_function("search/synthetic-300k (per query)", |b| {
        b.iter(|| {
            j = (j + 1) % qs.len();
            black_box(moteur_synth.rechercher(black_box(&qs[j]), 5))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
