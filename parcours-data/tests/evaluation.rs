//! The targets of the search and eligibility issues, on the evaluation files of ../shared/eval,
//! and the consistency of the programme with the real data. Scored with the same rules as
//! `score.py` and `score_check.py`.

use parcours_core::decision::{Decision, Verificateur};
use parcours_core::geometrie::Localisation;
use parcours_core::normalisation::plier;
use parcours_core::programme::Statut;
use parcours_core::recherche::Moteur;
use parcours_data::commandes::Verification;
use parcours_data::pipeline;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

mod commun;
use commun::partage;

fn assets() -> &'static PathBuf {
    static A: OnceLock<PathBuf> = OnceLock::new();
    A.get_or_init(|| commun::construire(None, "eval"))
}

/// The whole-city stand-in (synthetic positions: for search quality only, never eligibility).
fn assets_ville() -> &'static PathBuf {
    static A: OnceLock<PathBuf> = OnceLock::new();
    A.get_or_init(|| {
        commun::construire(
            Some(partage().join("eval/synthetique-dijon-dev.csv")),
            "ville",
        )
    })
}

fn rue(s: &str) -> String {
    plier(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn numero(n: Option<u64>, rep: &str) -> Option<String> {
    n.map(|n| {
        format!(
            "{n}{}",
            rep.chars()
                .next()
                .map(|c| c.to_ascii_lowercase().to_string())
                .unwrap_or_default()
        )
    })
}

#[test]
fn address_search_beats_the_targets() {
    noter(assets(), "eval/address-queries-dev.tsv", 98.5, 99.5, 99.8);
}

/// At the whole city's scale (about 1,450 streets, 25,000 numbers).
#[test]
fn address_search_holds_at_the_whole_city_scale() {
    noter(
        assets_ville(),
        "eval/address-queries-scale-dev.tsv",
        97.0,
        99.4,
        99.85,
    );
}

fn noter(assets: &Path, fichier: &str, min_cat: f64, min_top1: f64, min_top5: f64) {
    let d = pipeline::charger(assets).unwrap();
    let moteur = Moteur::new(d.adresses);
    let tsv = std::fs::read_to_string(partage().join(fichier)).unwrap();
    let mut par_cat: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for ligne in tsv.lines().skip(1) {
        let c: Vec<&str> = ligne.split('\t').collect();
        let (cat, q, n, rep, voie) = (c[0], c[1], c[2], c[3], c[4]);
        let attendu = (numero(n.parse().ok(), rep), rue(voie));
        let r = moteur.rechercher(q, 5);
        let rang = r.iter().position(|x| {
            let k = (numero(x.numero.map(u64::from), &x.rep), rue(&x.nom_voie));
            k.0.is_some() && k == attendu
        });
        for k in [cat, "overall"] {
            let s = par_cat.entry(k.to_string()).or_default();
            s[0] += 1;
            s[1] += usize::from(rang == Some(0));
            s[2] += usize::from(rang.is_some());
        }
    }
    let pct = |a: usize, n: usize| 100.0 * a as f64 / n as f64;
    for (cat, [n, t1, t5]) in &par_cat {
        eprintln!(
            "{cat:<12} {n:>5} top1 {:6.2} top5 {:6.2}",
            pct(*t1, *n),
            pct(*t5, *n)
        );
        assert!(
            pct(*t1, *n) >= min_cat,
            "{cat}: top-1 {:.2} < {min_cat}",
            pct(*t1, *n)
        );
    }
    let [n, t1, t5] = par_cat["overall"];
    assert!(
        pct(t1, n) >= min_top1,
        "top-1 {:.2} < {min_top1}",
        pct(t1, n)
    );
    assert!(
        pct(t5, n) >= min_top5,
        "top-5 {:.2} < {min_top5}",
        pct(t5, n)
    );
}

#[test]
fn eligibility_is_right_on_every_point_and_the_addresses() {
    let v = Verification::charger(assets()).unwrap();
    let cas = std::fs::read_to_string(partage().join("eval/check-cases-dev.jsonl")).unwrap();
    let mut par_type: BTreeMap<String, [usize; 2]> = BTreeMap::new();
    let mut fautes = Vec::new();
    for l in cas.lines().filter(|l| !l.trim().is_empty()) {
        let c: serde_json::Value = serde_json::from_str(l).unwrap();
        let r = v.repondre(&c["input"].to_string());
        let juste = c["expected"].as_object().unwrap().iter().all(|(k, e)| {
            let f = |x: &serde_json::Value| {
                plier(x.as_str().unwrap_or_default()).replace('\u{2019}', "'")
            };
            f(&r[k]) == f(e)
        });
        let s = par_type
            .entry(c["kind"].as_str().unwrap().to_string())
            .or_default();
        s[0] += 1;
        s[1] += usize::from(juste);
        if !juste && fautes.len() < 10 {
            fautes.push(format!("{} → {} {}", c, r["decision"], r["iris"]));
        }
    }
    for (k, [n, ok]) in &par_type {
        eprintln!("{k:<16} {ok}/{n}");
    }
    let [n, ok] = par_type["adresse"];
    assert!(
        ok as f64 >= 0.995 * n as f64,
        "adresse {ok}/{n}: {fautes:#?}"
    );
    for k in ["point", "point_aleatoire"] {
        let [n, ok] = par_type[k];
        assert_eq!(ok, n, "{k}: {fautes:#?}");
    }
}

#[test]
fn the_programme_is_consistent_with_the_data() {
    let d = pipeline::charger(assets()).unwrap();
    let moteur = Moteur::new(d.adresses.clone());
    let v = Verificateur::nouveau(d.carte.clone(), d.programme.clone());
    // Every covered IRIS has at least one address; no address is in two territories unless
    // it is near a boundary. Also the decision counts over every address, for the report.
    let mut adresses_par_iris: BTreeMap<String, usize> = BTreeMap::new();
    let mut decisions: BTreeMap<&str, usize> = BTreeMap::new();
    let mut motifs: BTreeMap<String, usize> = BTreeMap::new();
    for voie in &d.adresses.voies {
        for a in &voie.numeros {
            let (lon, lat) = (a.position[0] as f64 / 1e6, a.position[1] as f64 / 1e6);
            match v.localisateur().localiser_lonlat(lon, lat, 0.0) {
                Localisation::Dedans { iris, .. } => {
                    *adresses_par_iris
                        .entry(d.carte.iris[iris].code.clone())
                        .or_default() += 1
                }
                Localisation::PresDUneLimite { proches, .. } => {
                    let dedans: Vec<_> = proches.iter().filter(|p| p.dedans).collect();
                    let territoires: std::collections::BTreeSet<String> = dedans
                        .iter()
                        .filter_map(|p| match d.programme.statut(&d.carte.iris[p.iris].code) {
                            Statut::Couvert { territoire, .. } => Some(territoire.nom.clone()),
                            _ => None,
                        })
                        .collect();
                    if territoires.len() > 1 {
                        // In two territories at once: only in an overlap sliver, near a boundary.
                        let (dec, _) = v.decider_lieu(&parcours_core::decision::Lieu {
                            lon,
                            lat,
                            precision_m: 0.0,
                        });
                        assert!(
                            matches!(dec, Decision::AConfirmer { .. }),
                            "{} {}",
                            a.numero,
                            voie.nom
                        );
                    }
                    for p in dedans {
                        *adresses_par_iris
                            .entry(d.carte.iris[p.iris].code.clone())
                            .or_default() += 1;
                    }
                }
                Localisation::Dehors { .. } => {}
            }
            let r = moteur.rechercher(&format!("{} {} {}", a.numero, a.rep, voie.nom), 1);
            let (dec, _) = v.decider_adresse(&r[0]);
            *decisions.entry(dec.code()).or_default() += 1;
            if let Decision::AConfirmer { motifs: m, .. } = dec {
                for x in m {
                    let nom = serde_json::to_value(&x).unwrap()["motif"]
                        .as_str()
                        .unwrap()
                        .to_string();
                    *motifs.entry(nom).or_default() += 1;
                }
            }
        }
    }
    eprintln!("decisions over every address: {decisions:?}; to be confirmed because: {motifs:?}");
    // The demonstration extract holds about a tenth of Dijon's addresses: Stalingrad
    // (212311702) and Le Bocage (212319804, an activity IRIS) have none in it. Listed so that
    // the test fails both when another covered IRIS has no address and when these gain some.
    const SANS_ADRESSE_DANS_L_EXTRAIT: [&str; 2] = ["212311702", "212319804"];
    let mut vides = Vec::new();
    for t in &d.programme.territoires {
        for q in &t.quartiers {
            for i in &q.iris {
                if adresses_par_iris.get(&i.code).copied().unwrap_or(0) == 0 {
                    vides.push(i.code.as_str());
                }
            }
        }
    }
    assert_eq!(
        vides, SANS_ADRESSE_DANS_L_EXTRAIT,
        "covered IRIS without any address"
    );
}

#[test]
fn real_places_of_each_kind() {
    let v = Verification::charger(assets()).unwrap();
    let cas = [
        // An address of each territory and zone (Dijon data), typed as people do.
        (
            r#"{"adresse": "6 pl de la France Libre"}"#,
            "eligible",
            Some("nord"),
        ),
        (
            r#"{"adresse": "19 bis bd Georges Clemenceau"}"#,
            "eligible",
            Some("nord"),
        ),
        (
            r#"{"adresse": "2 av du Mont Blanc"}"#,
            "eligible",
            Some("sud"),
        ),
        (
            r#"{"adresse": "100 avenue jean jaures 21000 dijon"}"#,
            "eligible",
            Some("sud"),
        ),
        (
            r#"{"adresse": "13 impasse de Reggio"}"#,
            "zone_prioritaire",
            None,
        ),
        (
            r#"{"adresse": "30 place de la Fontaine d'Ouche"}"#,
            "zone_prioritaire",
            None,
        ),
        (
            r#"{"adresse": "7 rue Victor Dumay"}"#,
            "hors_territoire",
            None,
        ),
        (
            r#"{"adresse": "1 place de la Republique"}"#,
            "a_confirmer",
            None,
        ),
        // Far outside the commune.
        (
            r#"{"lon": 5.015161, "lat": 47.344923, "precision_m": 5}"#,
            "hors_dijon",
            None,
        ),
        // A location fix too imprecise to tell, in the middle of Dijon.
        (
            r#"{"lon": 5.0415, "lat": 47.3220, "precision_m": 2000}"#,
            "a_confirmer",
            None,
        ),
    ];
    for (entree, decision, equipe) in cas {
        let r = v.repondre(entree);
        assert_eq!(r["decision"], decision, "{entree}: {r}");
        if let Some(e) = equipe {
            assert_eq!(r["equipe"], e, "{entree}");
        }
    }

    // Every vertex shared by two IRIS with different answers is on a boundary between them:
    // to be confirmed, never a plain answer.
    let d = pipeline::charger(assets()).unwrap();
    let ver = Verificateur::nouveau(d.carte.clone(), d.programme.clone());
    let issue = |code: &str| match d.programme.statut(code) {
        Statut::Couvert {
            territoire,
            couverture,
            ..
        } => format!("{:?}{couverture:?}", territoire.equipe),
        Statut::Prioritaire { zone, .. } => zone.nom.clone(),
        Statut::Hors => "hors".into(),
    };
    let mut limites = 0;
    for (i, a) in d.carte.iris.iter().enumerate() {
        for b in &d.carte.iris[i + 1..] {
            if issue(&a.code) == issue(&b.code) {
                continue;
            }
            let sommets_b: std::collections::HashSet<[i32; 2]> = b
                .polygones
                .iter()
                .flatten()
                .flat_map(|r| r.0.iter().copied())
                .collect();
            for p in a.polygones.iter().flatten().flat_map(|r| r.0.iter()) {
                if sommets_b.contains(p) {
                    let lieu = parcours_core::decision::Lieu {
                        lon: p[0] as f64 / 1e6,
                        lat: p[1] as f64 / 1e6,
                        precision_m: 0.0,
                    };
                    let (dec, _) = ver.decider_lieu(&lieu);
                    assert!(
                        matches!(dec, Decision::AConfirmer { .. }),
                        "{} / {} at {p:?}: {dec:?}",
                        a.code,
                        b.code
                    );
                    limites += 1;
                }
            }
        }
    }
    assert!(limites > 50, "{limites} shared vertices checked");

    // Just outside the commune's westernmost point: 5 m → to be confirmed; 300 m → outside.
    let ouest = d
        .carte
        .iris
        .iter()
        .flat_map(|i| i.polygones.iter().flatten().flat_map(|r| r.0.iter()))
        .min_by_key(|p| p[0])
        .unwrap();
    let m_par_degre = 111_195.0 * (ouest[1] as f64 / 1e6).to_radians().cos();
    for (metres, attendu) in [(5.0, "a_confirmer"), (300.0, "hors_dijon")] {
        let lon = ouest[0] as f64 / 1e6 - metres / m_par_degre;
        let r = v.repondre(&format!(
            r#"{{"lon": {lon}, "lat": {}, "precision_m": 0}}"#,
            ouest[1] as f64 / 1e6
        ));
        assert_eq!(r["decision"], attendu, "{metres} m west of the commune");
    }
}
