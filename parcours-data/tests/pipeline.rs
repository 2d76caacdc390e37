//! The pipeline on small fixtures we made (tests/fixtures), its errors, and on the real data of
//! ../shared/data.

use parcours_core::decision::{Decision, Lieu, Verificateur};
use parcours_data::pipeline::{self, Entrees, Sources};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn entrees() -> Entrees {
    let f = fixtures();
    Entrees {
        sources: Sources::lire(&f.join("sources.toml")).unwrap(),
        donnees: f.clone(),
        programme: f.join("programme.toml"),
        textes: Path::new(env!("CARGO_MANIFEST_DIR")).join("../config/textes"),
        iris: None,
        adresses: None,
        ban: None,
        qpv: None,
        ecoles: None,
        voies: None,
    }
}

/// A fresh folder for one test (tests run in parallel threads: each call gets its own).
fn temporaire(nom: &str) -> PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let d = std::env::temp_dir().join(format!("parcours-test-{}-{n}-{nom}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn fixtures_build_verify_and_are_deterministic() {
    let c1 = pipeline::construire(&entrees()).unwrap();
    let c2 = pipeline::construire(&entrees()).unwrap();
    assert_eq!(c1.fichiers, c2.fichiers, "two runs give identical bytes");
    let sortie = temporaire("fixtures");
    pipeline::ecrire(&c1, &sortie).unwrap();
    let rapport = pipeline::verifier(&sortie).unwrap();
    assert!(rapport[0].starts_with("carte.bin: 4 IRIS"), "{rapport:?}");
    assert!(
        rapport[1].starts_with("adresses.bin: 11 addresses in 4 voies"),
        "{rapport:?}"
    );
    let m = &c1.manifeste.assets;
    assert_eq!(m[0].sources[0].lus, 5);
    assert_eq!(m[0].sources[0].retenus, 4);
    assert_eq!(m[1].sources[0].retenus, 11);
    assert_eq!(m[1].sha256.len(), 64);
    // No temporary file is left behind.
    let restes: Vec<_> = std::fs::read_dir(&sortie)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(restes.is_empty(), "{restes:?}");
}

#[test]
fn gzip_ban_reads_the_same() {
    use std::io::Write;
    let d = temporaire("gzip");
    let csv = std::fs::read(fixtures().join("adresses.csv")).unwrap();
    let gz = d.join("adresses-99.csv.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::default(),
    );
    enc.write_all(&csv).unwrap();
    enc.finish().unwrap();
    let mut e = entrees();
    e.adresses = Some(gz);
    assert_eq!(
        pipeline::construire(&e).unwrap().fichiers,
        pipeline::construire(&entrees()).unwrap().fichiers
    );
}

fn erreur_avec(modifier: impl Fn(&str) -> Vec<u8>, fichier: &str, attendu: &[&str]) {
    let d = temporaire(&format!("err-{}", attendu[0].replace(' ', "_")));
    let src = std::fs::read_to_string(fixtures().join(fichier)).unwrap();
    let f = d.join(fichier);
    std::fs::write(&f, modifier(&src)).unwrap();
    let mut e = entrees();
    match fichier {
        "adresses.csv" => e.adresses = Some(f.clone()),
        _ => e.iris = Some(f.clone()),
    }
    let msg = match pipeline::construire(&e) {
        Ok(_) => panic!("expected an error for {attendu:?}"),
        Err(x) => x.to_string(),
    };
    assert!(
        msg.contains(&f.display().to_string()),
        "names the file: {msg}"
    );
    for a in attendu {
        assert!(msg.contains(a), "{msg:?} should contain {a:?}");
    }
}

#[test]
fn bad_input_gets_a_clear_error() {
    erreur_avec(
        |s| s.replacen(";3;bis;", ";trois;bis;", 1).into_bytes(),
        "adresses.csv",
        &["row 4", "numero \"trois\" is not a number"],
    );
    erreur_avec(
        |s| s.replace("numero;", "num;").into_bytes(),
        "adresses.csv",
        &["header", "missing column \"numero\""],
    );
    erreur_avec(
        |s| {
            let mut b = s.as_bytes().to_vec();
            // "Église" in Windows-1252: É = 0xC9.
            let i = s.find("Église").unwrap();
            b.splice(i..i + "É".len(), [0xC9u8]);
            b
        },
        "adresses.csv",
        &["row 9", "not UTF-8", "Windows-1252"],
    );
    erreur_avec(
        |s| s.replace("\"999990102\"", "\"99999010\"").into_bytes(),
        "iris.geojson",
        &["feature 1", "is not 9 characters"],
    );
    erreur_avec(
        |s| {
            // Open the first ring: drop its closing position.
            let mut v: serde_json::Value = serde_json::from_str(s).unwrap();
            v["features"][0]["geometry"]["coordinates"][0]
                .as_array_mut()
                .unwrap()
                .pop();
            v.to_string().into_bytes()
        },
        "iris.geojson",
        &["feature 0 (CODE_IRIS 999990101)", "not closed"],
    );
    erreur_avec(
        |s| s.replacen("5.0,", "850000.0,", 1).into_bytes(),
        "iris.geojson",
        &["not longitude/latitude"],
    );
}

#[test]
fn a_programme_naming_an_unknown_iris_is_refused() {
    let d = temporaire("programme");
    let p = std::fs::read_to_string(fixtures().join("programme.toml")).unwrap();
    let f = d.join("programme.toml");
    std::fs::write(&f, p.replace("999990102", "999990199")).unwrap();
    let mut e = entrees();
    e.programme = f;
    let msg = pipeline::construire(&e).err().unwrap().to_string();
    assert!(
        msg.contains("IRIS 999990199 is not in the IRIS data"),
        "{msg}"
    );
}

fn verificateur(e: &Entrees) -> Verificateur {
    let sortie = temporaire("verif");
    pipeline::ecrire(&pipeline::construire(e).unwrap(), &sortie).unwrap();
    let d = pipeline::charger(&sortie).unwrap();
    Verificateur::nouveau(d.carte, d.programme)
}

#[test]
fn qpv_polygons_decide_when_given() {
    let lieu = |lon, lat| Lieu {
        lon,
        lat,
        precision_m: 0.0,
    };
    // Without QPV: the priority IRIS decides, the whole square.
    let sans = verificateur(&entrees());
    assert!(matches!(
        sans.decider_lieu(&lieu(5.0205, 47.0005)).0,
        Decision::ZonePrioritaire { .. }
    ));
    // With QPV: inside the polygon (smaller than the IRIS) → priority zone; outside it but in
    // the IRIS → outside the programme; inside the hole of the IRIS → the polygon still says.
    let mut e = entrees();
    e.qpv = Some(fixtures().join("qpv.geojson"));
    let avec = verificateur(&e);
    assert_eq!(avec.carte.qpv.len(), 1);
    assert!(matches!(
        avec.decider_lieu(&lieu(5.023, 47.002)).0,
        Decision::ZonePrioritaire { .. }
    ));
    assert!(matches!(
        avec.decider_lieu(&lieu(5.0203, 47.0095)).0,
        Decision::HorsTerritoire { .. }
    ));
    // Near the QPV edge (within the point's precision): to be confirmed.
    let bord = Lieu {
        lon: 5.021,
        lat: 47.005,
        precision_m: 20.0,
    };
    assert!(matches!(
        avec.decider_lieu(&bord).0,
        Decision::AConfirmer { .. }
    ));
}

#[test]
fn the_real_dijon_data_builds_with_the_expected_counts() {
    let racine = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let donnees = std::env::var_os("PARCOURS_DONNEES")
        .map(PathBuf::from)
        .unwrap_or_else(|| racine.join("../shared/data"));
    assert!(
        donnees.is_dir(),
        "the shared data folder {} is missing",
        donnees.display()
    );
    let e = Entrees {
        sources: Sources::lire(&racine.join("config/sources.toml")).unwrap(),
        donnees,
        programme: racine.join("config/programme.toml"),
        textes: racine.join("config/textes"),
        iris: None,
        adresses: None,
        ban: None,
        qpv: None,
        ecoles: None,
        voies: None,
    };
    let c = pipeline::construire(&e).unwrap();
    let m = &c.manifeste.assets;
    assert_eq!(m[0].sources[0].retenus, 66, "Dijon IRIS");
    assert_eq!(
        m[1].sources[0].lus, 2276,
        "rows of adresses-dijon-extrait.csv"
    );
    assert_eq!(m[1].sources[0].retenus, 2276, "distinct addresses");
    // Dijon's street list (FANTOIR 2015): the figures of the report.
    let v = &m[1].sources[1];
    assert_eq!(
        (v.lus, v.retenus),
        (1587, 1093),
        "streets added without a position"
    );
    let ecartes: Vec<(&str, usize)> = v
        .ecartes
        .iter()
        .map(|e| (e.motif.as_str(), e.nombre))
        .collect();
    assert_eq!(
        ecartes,
        [
            ("déjà dans le fichier d'adresses", 330),
            ("en double dans la liste", 19),
            ("lieu-dit", 82),
            ("chemin rural ou vicinal", 20),
            ("route numérotée ou voie rapide", 10),
            ("voie ferrée", 3),
            ("pont ou passerelle", 2),
            ("échangeur", 2),
            ("parking", 2),
            ("centre commercial", 5),
            ("cours d'eau ou canal", 2),
            ("résidence (adressée sur sa rue)", 3),
            ("espace (adressé sur sa rue)", 3),
            ("sans type de voie", 11),
        ]
    );
    assert!(
        c.notes[0].contains("331 of the 341 streets of adresses-dijon-extrait.csv are in the list"),
        "{:?}",
        c.notes
    );
    // Without the list: the address file's 341 streets, all placed.
    let mut e = e;
    e.sources.voies = None;
    let sans = pipeline::construire(&e).unwrap();
    assert_eq!(sans.manifeste.assets[1].sources.len(), 1);
    let sortie = temporaire("dijon-sans-voies");
    pipeline::ecrire(&sans, &sortie).unwrap();
    let d = pipeline::charger(&sortie).unwrap();
    assert_eq!(d.adresses.voies.len(), 341);
    assert!(d.adresses.voies.iter().all(|v| !v.numeros.is_empty()));
}

#[test]
fn schools_are_offered_only_when_a_file_is_given() {
    // carte, adresses, programme, and the messages in three languages.
    assert!(pipeline::construire(&entrees()).unwrap().fichiers.len() == 6);
    let sans = verificateur(&entrees());
    assert!(sans.carte.ecoles.is_empty());
    let mut e = entrees();
    e.ecoles = Some(fixtures().join("ecoles.geojson"));
    e.sources.ecoles = Some(e.sources.qpv.clone());
    let d = {
        let sortie = temporaire("ecoles");
        pipeline::ecrire(&pipeline::construire(&e).unwrap(), &sortie).unwrap();
        pipeline::charger(&sortie).unwrap()
    };
    let noms: Vec<(&str, &str)> = d
        .carte
        .ecoles
        .iter()
        .map(|x| (x.nom.as_str(), x.nature.as_str()))
        .collect();
    assert_eq!(
        noms,
        [
            ("Collège du Sud", "Collège"),
            ("Ecole du Nord", "Ecole élémentaire"),
            ("Ecole du Nord", "Ecole maternelle")
        ]
    );
}

#[test]
fn a_catalogue_of_messages_with_a_fault_stops_the_build_and_names_it() {
    let reel = Path::new(env!("CARGO_MANIFEST_DIR")).join("../config/textes");
    let dossier = temporaire("textes");
    for l in ["fr", "en", "ar"] {
        std::fs::copy(
            reel.join(format!("{l}.toml")),
            dossier.join(format!("{l}.toml")),
        )
        .unwrap();
    }
    let en = std::fs::read_to_string(dossier.join("en.toml")).unwrap();
    let en = en
        .replace("accroche = ", "accrocher = ")
        .replace("{min} to {max}\"", "{min} to {maximum}\"");
    std::fs::write(dossier.join("en.toml"), en).unwrap();
    let mut e = entrees();
    e.textes = dossier.clone();
    let message = match pipeline::construire(&e) {
        Err(x) => x.to_string(),
        Ok(_) => panic!("a faulty catalogue was accepted"),
    };
    assert!(message.contains("en.toml"), "{message}");
    assert!(
        message.contains("accrocher is not in the list"),
        "{message}"
    );
    assert!(message.contains("accroche is missing"), "{message}");
    assert!(
        message.contains("{maximum} is not one of its variables"),
        "{message}"
    );
    std::fs::write(dossier.join("ar.toml"), "accroche = 3\n").unwrap();
    let message = pipeline::lire_textes(&dossier, parcours_core::lien::Langue::Ar)
        .err()
        .map(|x| x.to_string())
        .unwrap_or_default();
    assert!(
        message.contains("accroche") && message.contains("must be a string"),
        "{message}"
    );
}

/// The French catalogue says each reason as the core's `texte_fr` (used by `check`) does.
#[test]
fn the_french_catalogue_gives_the_reasons_as_the_core_does() {
    use parcours_core::decision::Raison;
    use parcours_core::programme::{Couverture, Equipe};
    use parcours_core::recherche::{Doute, Precision};
    let reel = Path::new(env!("CARGO_MANIFEST_DIR")).join("../config/textes");
    let t = pipeline::lire_textes(&reel, parcours_core::lien::Langue::Fr).unwrap();
    let label = "12 Rue d’Auxonne 21000 Dijon".to_string();
    let mut raisons = vec![
        Raison::PositionDonnee { precision_m: 12.4 },
        Raison::DansIris {
            code: "212310101".into(),
            nom: "Chevreul".into(),
        },
        Raison::QuartierPrioritaire {
            zone: "Grésilles".into(),
        },
        Raison::DansQpv {
            nom: "Fontaine d’Ouche".into(),
        },
        Raison::HorsProgramme,
        Raison::LimiteProche {
            distance_m: 7.5,
            tolerance_m: 13.0,
        },
        Raison::BordDeLaCommune,
        Raison::HorsDesIris {
            distance_m: Some(300.2),
        },
        Raison::HorsDesIris { distance_m: None },
        Raison::Age {
            age: 7,
            min: 2,
            max: 16,
        },
        Raison::Age {
            age: 1,
            min: 2,
            max: 16,
        },
        Raison::Millesime {
            iris: "2020".into(),
        },
    ];
    for precision in [Precision::Numero, Precision::Interpolee, Precision::Voie] {
        raisons.push(Raison::AdresseTrouvee {
            label: label.clone(),
            precision,
        });
    }
    for (equipe, couverture) in [
        (Equipe::Nord, Couverture::Entier),
        (Equipe::Sud, Couverture::Partiel),
    ] {
        raisons.push(Raison::QuartierCouvert {
            quartier: "Université".into(),
            equipe,
            couverture,
        });
    }
    for accord in [true, false] {
        for n in [1, 2, 31] {
            raisons.push(Raison::Interpolee { voisins: n, accord });
            raisons.push(Raison::VoieSeulement { numeros: n, accord });
        }
    }
    raisons.push(Raison::AdresseIncertaine {
        label: label.clone(),
    });
    raisons.push(Raison::VoieNonLocalisee {
        label: label.clone(),
    });
    for doute in [
        Doute::MotAbsent {
            mot: "belin".into(),
        },
        Doute::TypeContredit { tape: "rue".into() },
        Doute::NumeroHorsPlage {
            numero: 90,
            min: 2,
            max: 40,
        },
        Doute::NumeroIsole {
            numero: 9,
            connu: 3,
        },
        Doute::Homonyme {
            voie: "Place Bossuet".into(),
        },
    ] {
        raisons.push(Raison::Doute { doute });
    }
    for r in &raisons {
        assert_eq!(t.raison(r), r.texte_fr(), "{r:?}");
    }
}

/// French typography in the French messages: a no-break space before « : ; ? ! » and inside
/// the guillemets, so a line never starts with a colon or a lone guillemet.
#[test]
fn the_french_messages_keep_french_typography() {
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join("../config/textes/fr.toml");
    let table: toml::Table = toml::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
    let mut fautes = Vec::new();
    for (nom, v) in &table {
        // A message that depends on a count has one text per plural form.
        let textes: Vec<&str> = match v {
            toml::Value::Table(formes) => formes.values().map(|f| f.as_str().unwrap()).collect(),
            _ => vec![v.as_str().unwrap()],
        };
        for t in textes {
            for mauvais in [" :", " ;", " ?", " !", "« ", " »"] {
                if t.contains(mauvais) {
                    fautes.push(format!("{nom}: {mauvais:?}"));
                }
            }
        }
    }
    assert!(table.len() > 200, "the whole catalogue was read");
    assert!(fautes.is_empty(), "{fautes:?}");
}

/// Counts in words: « 1 an », « le numéro voisin », « 1 ligne » — never « 1 ans », « Les 1
/// numéros », « 1 lignes » (each language's plural forms, from its catalogue).
#[test]
fn each_count_takes_its_plural_form() {
    use parcours_core::decision::Raison;
    use parcours_core::demande::Probleme;
    use parcours_core::lien::Langue;
    let reel = Path::new(env!("CARGO_MANIFEST_DIR")).join("../config/textes");
    let fr = pipeline::lire_textes(&reel, Langue::Fr).unwrap();
    let age = |t: &parcours_core::textes::Textes, age| {
        t.raison(&Raison::Age {
            age,
            min: 2,
            max: 16,
        })
    };
    assert!(
        age(&fr, 1).starts_with("L’enfant a 1 an\u{a0}:"),
        "{}",
        age(&fr, 1)
    );
    assert!(age(&fr, 0).starts_with("L’enfant a 0 an\u{a0}:"));
    assert!(age(&fr, 17).starts_with("L’enfant a 17 ans\u{a0}:"));
    let probleme = fr.probleme(&Probleme::AgeHorsProgramme {
        age: 1,
        min: 2,
        max: 16,
    });
    assert!(probleme.starts_with("L’enfant a 1 an\u{a0}:"), "{probleme}");
    assert_eq!(
        fr.raison(&Raison::Interpolee {
            voisins: 1,
            accord: true
        }),
        "Le numéro voisin connu donne la même réponse."
    );
    assert_eq!(
        fr.raison(&Raison::VoieSeulement {
            numeros: 1,
            accord: true
        }),
        "Le seul numéro connu de cette voie donne cette réponse."
    );
    assert!(fr.suggestions(1).starts_with("1 suggestion."));
    assert!(fr.suggestions(2).starts_with("2 suggestions."));
    assert_eq!(fr.erreurs_titre(1), "1 erreur à corriger");
    assert_eq!(
        fr.liste_resume(1, 1, 200.0),
        "1 ligne vérifiée en 0,2 s, dont 1 à revoir."
    );
    assert_eq!(
        fr.liste_pretes(10_000),
        "10\u{202f}000 lignes prêtes à vérifier."
    );
    // No French or English text with a count says a plural after « 1 ».
    let en = pipeline::lire_textes(&reel, Langue::En).unwrap();
    for (l, t) in [("fr", &fr), ("en", &en)] {
        let un = [
            age(t, 1),
            t.suggestions(1),
            t.erreurs_titre(1),
            t.liste_resume(1, 0, 10.0),
            t.liste_pretes(1),
            t.raison(&Raison::Interpolee {
                voisins: 1,
                accord: false,
            }),
            t.raison(&Raison::VoieSeulement {
                numeros: 1,
                accord: false,
            }),
        ];
        for texte in un {
            for mauvais in [
                "1 ans",
                "Les 1 ",
                "The 1 ",
                "1 lignes",
                "1 lines",
                "1 erreurs",
                "1 errors",
                "1 suggestions",
                "1 numéros",
                "1 numbers",
            ] {
                assert!(!texte.contains(mauvais), "{l}: {texte}");
            }
        }
    }
    // Arabic: its own forms (one, two, few, many).
    let ar = pipeline::lire_textes(&reel, Langue::Ar).unwrap();
    assert!(ar.liste_pretes(1).starts_with("سطر واحد"));
    assert!(ar.liste_pretes(2).starts_with("سطران"));
    assert!(ar.liste_pretes(5).starts_with("5 أسطر"));
    assert!(ar.liste_pretes(20).starts_with("20 سطراً"));
}

/// A team's name is whole in every language (the territories' text list begins with it).
#[test]
fn team_names_are_whole() {
    use parcours_core::lien::Langue;
    use parcours_core::programme::Equipe;
    let reel = Path::new(env!("CARGO_MANIFEST_DIR")).join("../config/textes");
    for (l, nord, sud) in [
        (Langue::Fr, "Équipe nord", "Équipe sud"),
        (Langue::En, "North team", "South team"),
        (Langue::Ar, "فريق الشمال", "فريق الجنوب"),
    ] {
        let t = pipeline::lire_textes(&reel, l).unwrap();
        assert_eq!((t.equipe(Equipe::Nord), t.equipe(Equipe::Sud)), (nord, sud));
    }
}

/// The fixtures' sources with a `[voies]` section naming the made-up list `voies.csv`
/// (`fichier` given), written to a folder of its own.
fn sources_avec_voies(fichier: &str, code_insee: &str) -> Sources {
    let d = temporaire("sources-voies");
    let texte = std::fs::read_to_string(fixtures().join("sources.toml")).unwrap()
        + &format!(
            "\n[voies]\nnom = \"Voies d'essai\"\nfichier = \"{fichier}\"\nmillesime = \"novembre 2015\"\n\
             licence = \"Licence Ouverte\"\nattribution = \"DGFiP, FANTOIR (novembre 2015)\"\n\
             code_insee = \"{code_insee}\"\n"
        );
    std::fs::write(d.join("sources.toml"), texte).unwrap();
    Sources::lire(&d.join("sources.toml")).unwrap()
}

fn charge(e: &Entrees) -> (pipeline::Construction, parcours_core::Donnees) {
    let c = pipeline::construire(e).unwrap();
    let sortie = temporaire("charge");
    pipeline::ecrire(&c, &sortie).unwrap();
    let rapport = pipeline::verifier(&sortie).unwrap();
    assert!(rapport[1].starts_with("adresses.bin: "), "{rapport:?}");
    (c, pipeline::charger(&sortie).unwrap())
}

/// (name, postcode, INSEE, commune, numbers) of every voie, to compare indexes whose
/// vocabularies differ.
fn voies_de(d: &parcours_core::Donnees) -> Vec<(String, String, String, String, usize)> {
    d.adresses
        .voies
        .iter()
        .map(|v| {
            (
                v.nom.clone(),
                v.code_postal.clone(),
                v.code_insee.clone(),
                v.nom_commune.clone(),
                v.numeros.len(),
            )
        })
        .collect()
}

#[test]
fn the_street_list_adds_the_streets_the_address_file_lacks_without_a_position() {
    let mut e = entrees();
    e.sources = sources_avec_voies("voies.csv", "99999");
    let (c, d) = charge(&e);
    let (_, sans) = charge(&entrees());

    // The address file's streets are all there, unchanged, with their numbers.
    let avec = voies_de(&d);
    for v in voies_de(&sans) {
        assert!(avec.contains(&v), "{v:?} kept as it was");
    }
    // The list's other streets, readable, under the commune's postcode and name as the address
    // file gives them, with no number.
    let ajoutees: Vec<_> = avec.iter().filter(|v| v.4 == 0).collect();
    let noms: Vec<&str> = ajoutees.iter().map(|v| v.0.as_str()).collect();
    assert_eq!(
        noms,
        [
            "AVENUE DU MARECHAL FOCH",
            "CHEMIN DE LA FONTAINE D'OR",
            "COURS DES TILLEULS",
            "IMPASSE DES LILAS",
            "PETITE RUE DU FOUR",
        ]
    );
    for v in &ajoutees {
        assert_eq!(
            (v.1.as_str(), v.2.as_str(), v.3.as_str()),
            ("99000", "99999", "Essai")
        );
    }
    assert_eq!(d.adresses.nombre_adresses(), 11, "no address added");

    // The manifest: the list as a second source of adresses.bin, each row counted once.
    let src = &c.manifeste.assets[1].sources;
    assert_eq!(src.len(), 2);
    let v = &src[1];
    assert_eq!(
        (v.fichier.as_str(), v.attribution.as_str(), v.lus, v.retenus),
        ("voies.csv", "DGFiP, FANTOIR (novembre 2015)", 18, 5)
    );
    let ecartes: Vec<(&str, usize)> = v
        .ecartes
        .iter()
        .map(|e| (e.motif.as_str(), e.nombre))
        .collect();
    assert_eq!(
        ecartes,
        [
            ("déjà dans le fichier d'adresses", 4),
            ("en double dans la liste", 1),
            ("lieu-dit", 1),
            ("chemin rural ou vicinal", 2),
            ("route numérotée ou voie rapide", 1),
            ("pont ou passerelle", 1),
            ("échangeur", 1),
            ("parking", 1),
            ("sans type de voie", 1),
        ]
    );
    assert_eq!(
        v.retenus + v.ecartes.iter().map(|e| e.nombre).sum::<usize>(),
        v.lus
    );
    assert_eq!(
        c.notes,
        ["voies.csv: 4 of the 4 streets of adresses.csv are in the list; 5 streets added without a position"]
    );
    // The manifest as written says the same.
    let json = serde_json::to_value(&c.manifeste).unwrap();
    assert_eq!(
        json["assets"][1]["sources"][1]["ecartes"][2]["motif"],
        "lieu-dit"
    );
    assert!(json["assets"][0]["sources"][0].get("ecartes").is_none());
}

#[test]
fn without_a_street_list_the_index_is_the_address_file_alone() {
    // No [voies] section (the fixtures), or one with no file: the same bytes, one source.
    let sans = pipeline::construire(&entrees()).unwrap();
    assert_eq!(sans.manifeste.assets[1].sources.len(), 1);
    assert!(sans.notes.is_empty());
    let mut e = entrees();
    e.sources = sources_avec_voies("", "99999");
    let vide = pipeline::construire(&e).unwrap();
    assert_eq!(vide.fichiers, sans.fichiers);
    let (_, d) = charge(&entrees());
    assert!(d.adresses.voies.iter().all(|v| !v.numeros.is_empty()));
    // `--voies FILE` names the list when the section has no file.
    e.voies = Some(fixtures().join("voies.csv"));
    let avec = pipeline::construire(&e).unwrap();
    assert_eq!(avec.manifeste.assets[1].sources[1].retenus, 5);
}

#[test]
fn a_street_list_that_cannot_be_placed_in_a_commune_is_refused() {
    let message = |e: &Entrees| match pipeline::construire(e) {
        Ok(_) => panic!("accepted"),
        Err(x) => x.to_string(),
    };
    let mut e = entrees();
    e.sources = sources_avec_voies("voies.csv", "21231");
    let m = message(&e);
    assert!(
        m.contains("[voies]") && m.contains("\"21231\" is not one of the programme's communes"),
        "{m}"
    );
    // A commune of the programme with no address: no postcode to give its streets.
    let d = temporaire("voies-sans-adresse");
    let csv = std::fs::read_to_string(fixtures().join("adresses.csv")).unwrap();
    let entete = csv.lines().next().unwrap();
    std::fs::write(d.join("vide.csv"), format!("{entete}\n")).unwrap();
    let mut e = entrees();
    e.sources = sources_avec_voies("voies.csv", "99999");
    e.adresses = Some(d.join("vide.csv"));
    let m = message(&e);
    assert!(
        m.contains("vide.csv") && m.contains("no address of the commune 99999"),
        "{m}"
    );
    // A list without a section to describe it (licence, commune).
    let mut e = entrees();
    e.voies = Some(fixtures().join("voies.csv"));
    let m = message(&e);
    assert!(m.contains("no [voies] section describes it"), "{m}");
    // A list without its columns.
    std::fs::write(d.join("liste.csv"), "type;libelle\nRUE;DU NORD\n").unwrap();
    let mut e = entrees();
    e.sources = sources_avec_voies("voies.csv", "99999");
    e.voies = Some(d.join("liste.csv"));
    let m = message(&e);
    assert!(
        m.contains("liste.csv: header: missing column \"type_fantoir\""),
        "{m}"
    );
}

#[test]
fn the_official_ban_is_described_by_its_own_section() {
    let mut e = entrees();
    e.ban = Some(fixtures().join("adresses.csv"));
    let m = match pipeline::construire(&e) {
        Ok(_) => panic!("a BAN file without [ban] was accepted"),
        Err(x) => x.to_string(),
    };
    assert!(m.contains("[ban]"), "{m}");
    let mut ban = e.sources.adresses.clone();
    ban.nom = "Base Adresse Nationale".into();
    ban.fichier = String::new();
    e.sources.ban = Some(ban);
    let c = pipeline::construire(&e).unwrap();
    let s = &c.manifeste.assets[1].sources[0];
    assert_eq!((s.nom.as_str(), s.retenus), ("Base Adresse Nationale", 11));
}

#[test]
fn an_address_point_carries_its_quantisation_error() {
    use parcours_core::asset::adresses::ERREUR_POSITION_M;
    use parcours_core::decision::Motif;
    use parcours_core::recherche::{Precision, Resultat};
    // 5.08 m west of the line between Nord Un (team nord) and Sud Un (team sud), contours
    // stated ±5 m: a point given exactly is in Nord Un; an address point, stored to within
    // 0.16 m, may be on either side of the margin: to be confirmed.
    let v = verificateur(&entrees());
    let position = [5_009_933, 47_005_000];
    let exact = Lieu {
        lon: 5.009933,
        lat: 47.005,
        precision_m: 0.0,
    };
    assert!(matches!(
        v.decider_lieu(&exact).0,
        Decision::Eligible { .. }
    ));
    let adresse = Resultat {
        voie: 0,
        numero: Some(1),
        rep: String::new(),
        nom_voie: "Rue du Nord".into(),
        label: "1 Rue du Nord, 99000 Essai".into(),
        position: Some(position),
        precision: Precision::Numero,
        voisins: vec![],
        score: 1.0,
        confiance: parcours_core::recherche::Confiance::Sure,
        mots: vec![],
        doutes: vec![],
    };
    match v.decider_adresse(&adresse).0 {
        Decision::AConfirmer { motifs, .. } => assert!(
            motifs.contains(&Motif::LimiteProche {
                distance_m: 5.1,
                tolerance_m: 5.0 + ERREUR_POSITION_M
            }),
            "{motifs:?}"
        ),
        autre => panic!("{autre:?}"),
    }
}
