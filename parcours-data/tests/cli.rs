//! The command line as a user runs it: build (exit codes), search and check (JSON lines in
//! order), download (against a local HTTP server serving a fixture).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_parcours-data"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `parcours-data build` on the fixtures, into `sortie`.
fn build(sortie: &Path) -> Command {
    build_selon(sortie, &fixtures().join("sources.toml"))
}

/// `parcours-data build` on the fixtures as `sources` describes them.
fn build_selon(sortie: &Path, sources: &Path) -> Command {
    let f = fixtures();
    let mut c = bin();
    c.args(["build", "--donnees"])
        .arg(&f)
        .arg("--sources")
        .arg(sources)
        .arg("--programme")
        .arg(f.join("programme.toml"))
        .arg("--textes")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../config/textes"))
        .arg("--sortie")
        .arg(sortie);
    c
}

fn construire(nom: &str) -> PathBuf {
    let sortie = std::env::temp_dir().join(format!("parcours-cli-{}-{nom}", std::process::id()));
    let _ = std::fs::remove_dir_all(&sortie);
    let s = build(&sortie).output().unwrap();
    assert!(s.status.success(), "{}", String::from_utf8_lossy(&s.stderr));
    sortie
}

fn lignes(cmd: &str, assets: &Path, entree: &str) -> Vec<serde_json::Value> {
    let mut c = bin()
        .arg(cmd)
        .arg("--assets")
        .arg(assets)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    c.stdin
        .take()
        .unwrap()
        .write_all(entree.as_bytes())
        .unwrap();
    let out = c.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn search_writes_one_line_per_query_in_order() {
    let a = construire("search");
    let r = lignes(
        "search",
        &a,
        "3 bis rue du nord\n\n5 rue du nord\nrue du nord\n🙂\n",
    );
    assert_eq!(r.len(), 5);
    assert_eq!(r[0]["query"], "3 bis rue du nord");
    let top = &r[0]["results"][0];
    assert_eq!(
        (top["numero"].as_u64(), top["rep"].as_str()),
        (Some(3), Some("bis"))
    );
    assert_eq!(top["nom_voie"], "Rue du Nord");
    assert_eq!(top["precision"], "numero");
    assert_eq!(top["label"], "3 bis Rue du Nord, 99000 Essai");
    assert!(r[0]["ms"].as_f64().unwrap() >= 0.0);
    assert_eq!(r[1]["results"].as_array().unwrap().len(), 0);
    assert_eq!(r[2]["results"][0]["precision"], "interpolee");
    assert_eq!(r[2]["results"][0]["voisins_meme_iris"], true);
    assert!(r[0]["results"][0].get("voisins_meme_iris").is_none());
    assert_eq!(r[3]["results"][0]["precision"], "voie");
    assert!(r[3]["results"][0]["numero"].is_null());
}

#[test]
fn check_answers_each_kind_of_input() {
    let a = construire("check");
    let r = lignes(
        "check",
        &a,
        concat!(
            "{\"adresse\": \"1 rue du nord\"}\n",
            "{\"lon\": 5.015, \"lat\": 47.005, \"precision_m\": 5, \"date\": \"2026-11-28\"}\n",
            "{\"lon\": 5.025, \"lat\": 47.002}\n",
            "{\"lon\": 5.035, \"lat\": 47.005}\n",
            "{\"lon\": 4.9, \"lat\": 47.005}\n",
            "{\"adresse\": \"1 rue du nord\", \"age\": 17}\n",
            "{\"adresse\": \"1 rue du nord\", \"date_naissance\": \"2015-03-02\", \"date\": \"2017-06-01\"}\n",
            "{\"adresse\": \"xyzzy quux\"}\n",
            "{\"lon\": 5.0099, \"lat\": 47.005, \"precision_m\": 5}\n",
            "not json\n",
        ),
    );
    let d: Vec<&str> = r
        .iter()
        .map(|x| x["decision"].as_str().unwrap_or("erreur"))
        .collect();
    assert_eq!(
        d,
        [
            "eligible",
            "eligible",
            "zone_prioritaire",
            "hors_territoire",
            "hors_dijon",
            "hors_age",
            "eligible",
            "adresse_introuvable",
            "a_confirmer",
            "erreur"
        ]
    );
    assert_eq!(r[0]["equipe"], "nord");
    assert_eq!(r[0]["iris"], "999990101");
    assert_eq!(r[0]["iris_nom"], "Nord Un");
    assert_eq!(r[0]["adresse"]["numero"], 1);
    assert_eq!(r[1]["equipe"], "sud");
    assert_eq!(
        r[1]["avis"].as_array().unwrap().len(),
        1,
        "period notice on 2026-11-28"
    );
    assert_eq!(r[2]["zone"], "Prioritaire");
    assert!(r[8]["raisons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x.as_str().unwrap().contains("limite")));
    assert!(r[9]["erreur"].is_string());
}

#[test]
fn build_fails_with_a_message_and_no_output_on_bad_input() {
    let d = std::env::temp_dir().join(format!("parcours-cli-bad-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    let csv = std::fs::read_to_string(fixtures().join("adresses.csv")).unwrap();
    std::fs::write(d.join("bad.csv"), csv.replacen(";7;;", ";sept;;", 1)).unwrap();
    let sortie = d.join("out");
    let s = build(&sortie)
        .arg("--adresses")
        .arg(d.join("bad.csv"))
        .output()
        .unwrap();
    assert!(!s.status.success());
    let err = String::from_utf8_lossy(&s.stderr);
    assert!(
        err.contains("bad.csv: row 5: numero \"sept\" is not a number"),
        "{err}"
    );
    assert!(!sortie.exists(), "nothing written");
}

#[test]
fn download_fetches_through_a_temporary_file() {
    let serveur = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = serveur.server_addr().to_ip().unwrap().port();
    let corps = std::fs::read(fixtures().join("adresses.csv")).unwrap();
    let attendu = corps.clone();
    let t = std::thread::spawn(move || {
        for _ in 0..2 {
            let Ok(Some(req)) = serveur.recv_timeout(std::time::Duration::from_secs(20)) else {
                return;
            };
            let r = if req.url() == "/adresses-21.csv.gz" {
                tiny_http::Response::from_data(corps.clone()).with_status_code(200)
            } else {
                tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404)
            };
            let _ = req.respond(r);
        }
    });
    let d = std::env::temp_dir().join(format!("parcours-dl-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    let dest = d.join("adresses-21.csv.gz");
    let n = parcours_data::telechargement::telecharger(
        &format!("http://127.0.0.1:{port}/adresses-21.csv.gz"),
        &dest,
    )
    .unwrap();
    assert_eq!(n as usize, attendu.len());
    assert_eq!(std::fs::read(&dest).unwrap(), attendu);
    let absent = d.join("absent.geojson");
    let e = parcours_data::telechargement::telecharger(
        &format!("http://127.0.0.1:{port}/absent"),
        &absent,
    );
    assert!(e.is_err());
    assert!(!absent.exists() && !absent.with_extension("part").exists());
    t.join().unwrap();
}

#[test]
fn build_says_what_the_street_list_added_and_skipped() {
    let d = std::env::temp_dir().join(format!("parcours-cli-voies-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    let sources = std::fs::read_to_string(fixtures().join("sources.toml")).unwrap()
        + "\n[voies]\nnom = \"Voies d'essai\"\nfichier = \"voies.csv\"\nmillesime = \"2015\"\n\
           licence = \"Licence Ouverte\"\nattribution = \"Fixture\"\ncode_insee = \"99999\"\n";
    std::fs::write(d.join("sources.toml"), sources).unwrap();
    let sortie = d.join("out");
    let s = build_selon(&sortie, &d.join("sources.toml"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&s.stderr);
    assert!(s.status.success(), "{err}");
    assert!(
        err.contains("voies.csv (5 of 18 kept)")
            && err.contains("voies.csv not added: 4 déjà dans le fichier d'adresses, 1 en double dans la liste, 1 lieu-dit, 2 chemin rural ou vicinal")
            && err.contains("4 of the 4 streets of adresses.csv are in the list"),
        "{err}"
    );
    let verif = bin()
        .arg("verify")
        .arg("--assets")
        .arg(&sortie)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&verif.stdout);
    assert!(
        out.contains("adresses.bin: 11 addresses in 9 voies (5 without a position)"),
        "{out}"
    );
}
