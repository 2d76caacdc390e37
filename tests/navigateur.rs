//! In-browser tests (wasm-bindgen-test in headless Chromium): the browser effects and a
//! component rendered for real.
#![cfg(target_arch = "wasm32")]

use parcours::composants::recherche::RechercheAdresse;
use parcours::donnees::Donnees;
use parcours::navigateur;
use parcours_core::asset::{Carte, Manifeste};
use parcours_core::decision::Verificateur;
use parcours_core::lien::{EtatLien, Langue};
use parcours_core::programme::{Date, Periode, Programme};
use parcours_core::recherche::{IndexAdresses, Moteur, Numero};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

// The app's allocator (src/main.rs), so that the times measured here are the app's.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATEUR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

#[wasm_bindgen_test]
fn the_link_holds_the_state_and_the_language_sets_lang_and_dir() {
    let e = EtatLien {
        adresse: Some("8 Rue Paul Cabet, 21000 Dijon".into()),
        age: Some(7),
        langue: Some(Langue::Ar),
        ..EtatLien::default()
    };
    navigateur::ecrire_lien(&e, true);
    assert_eq!(navigateur::lire_lien(), e);
    navigateur::appliquer_langue(Langue::Ar);
    let html = document().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(html.get_attribute("dir").as_deref(), Some("rtl"));
    navigateur::appliquer_langue(Langue::Fr);
    assert_eq!(html.get_attribute("dir").as_deref(), Some("ltr"));
    navigateur::ecrire_lien(&EtatLien::default(), false);
}

fn donnees() -> Rc<Donnees> {
    let numeros = vec![Numero {
        numero: 8,
        rep: String::new(),
        position: [5_040_000, 47_330_000],
    }];
    let index = IndexAdresses::construire(vec![(
        "RUE PAUL CABET".into(),
        "21000".into(),
        "21231".into(),
        "Dijon".into(),
        numeros,
    )]);
    let date = Date::nouvelle(2016, 9, 1).unwrap();
    let programme = Programme {
        nom: "Test".into(),
        association: "les PEP 21".into(),
        age_min: 2,
        age_max: 16,
        periode: Periode {
            debut: date,
            fin: date,
        },
        plafond_euros: 0,
        communes: vec!["21231".into()],
        source: String::new(),
        geocodeur_en_ligne: String::new(),
        contact_pre: Default::default(),
        territoires: vec![],
        zones_prioritaires: vec![],
    };
    let carte = Carte {
        millesime: "2020".into(),
        precision_m: 13.0,
        iris: vec![],
        qpv: vec![],
        ecoles: vec![],
    };
    Rc::new(Donnees {
        manifeste: Manifeste {
            format_version: 1,
            precision_iris_m: 13.0,
            assets: vec![],
        },
        moteur: Moteur::new(index),
        verificateur: Verificateur::nouveau(carte, programme),
    })
}

#[wasm_bindgen_test]
async fn typing_shows_announced_suggestions_and_enter_chooses() {
    let hote = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&hote).unwrap();
    let choisi = Rc::new(std::cell::RefCell::new(None::<String>));
    let c = choisi.clone();
    #[derive(Properties, PartialEq)]
    struct P {
        d: Rc<Donnees>,
        cb: Callback<parcours_core::recherche::Resultat>,
    }
    #[function_component]
    fn Hote(p: &P) -> Html {
        html! { <RechercheAdresse donnees={p.d.clone()} langue={Langue::Fr} onchoix={p.cb.clone()} initiale={String::new()} /> }
    }
    // The French catalogue as built by `parcours-data build` (before this test).
    if parcours::textes::charge(Langue::Fr).is_none() {
        let octets = include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets-gen/textes-fr.bin"
        ));
        parcours::textes::garder(
            parcours_core::asset::decoder::<parcours_core::textes::Textes>(octets)
                .expect("the French catalogue decodes"),
        );
    }
    let props = P {
        d: donnees(),
        cb: Callback::from(move |r: parcours_core::recherche::Resultat| {
            *c.borrow_mut() = Some(r.label)
        }),
    };
    yew::Renderer::<Hote>::with_root_and_props(hote.clone(), props).render();
    yew::scheduler::flush().await;

    let champ: web_sys::HtmlInputElement = document()
        .get_element_by_id("adresse")
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(champ.get_attribute("role").as_deref(), Some("combobox"));
    assert_eq!(
        champ.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    champ.set_value("8 r paul cab");
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    champ
        .dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    yew::scheduler::flush().await;

    assert_eq!(
        champ.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let options = hote.query_selector_all("[role=option]").unwrap();
    assert_eq!(options.length(), 1);
    let statut = hote.query_selector("[role=status]").unwrap().unwrap();
    assert!(statut.text_content().unwrap().starts_with("1 suggestion"));

    let k = web_sys::KeyboardEventInit::new();
    k.set_key("Enter");
    k.set_bubbles(true);
    champ
        .dispatch_event(
            &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &k).unwrap(),
        )
        .unwrap();
    yew::scheduler::flush().await;
    assert_eq!(
        choisi.borrow().as_deref(),
        Some("8 Rue Paul Cabet, 21000 Dijon")
    );
    assert_eq!(champ.value(), "8 Rue Paul Cabet, 21000 Dijon");
}

/// The real Dijon index (built by `parcours-data build` before this test) and the dev queries:
/// the search is as right in the browser as natively, and its time per query is reported
/// (each query run 20 times to rise above the browser's timer resolution).
#[wasm_bindgen_test]
fn search_in_the_browser_on_the_dijon_index() {
    let octets = include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets-gen/adresses.bin"
    ));
    let tsv = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/eval/address-queries-dev.tsv"
    ));
    let perf = web_sys::window().unwrap().performance().unwrap();
    let t = perf.now();
    let moteur = Moteur::new(parcours_core::asset::decoder::<IndexAdresses>(octets).unwrap());
    let chargement = perf.now() - t;
    let plier = parcours_core::normalisation::plier;
    let (mut n, mut justes) = (0usize, 0usize);
    let mut temps = Vec::new();
    for ligne in tsv.lines().skip(1) {
        let c: Vec<&str> = ligne.split('\t').collect();
        let t = perf.now();
        for _ in 0..19 {
            std::hint::black_box(moteur.rechercher(c[1], 5));
        }
        let r = moteur.rechercher(c[1], 5);
        temps.push((perf.now() - t) / 20.0);
        n += 1;
        let rep = |s: &str| s.chars().next().map(|x| x.to_ascii_lowercase());
        justes += usize::from(r.first().is_some_and(|r| {
            r.numero.map(|x| x.to_string()).as_deref() == Some(c[2])
                && rep(&r.rep) == rep(c[3])
                && plier(&r.nom_voie) == plier(c[4])
        }));
    }
    temps.sort_by(f64::total_cmp);
    let p = |q: f64| temps[((q * n as f64).ceil() as usize).saturating_sub(1)];
    console_log!(
        "browser search: index loaded in {chargement:.1} ms; {n} queries, top-1 {:.2} %; per query p50 {:.4} ms, p99 {:.4} ms",
        100.0 * justes as f64 / n as f64,
        p(0.5),
        p(0.99)
    );
    assert!(justes as f64 >= 0.995 * n as f64, "top-1 {justes}/{n}");
}

/// The whole city (`assets-ville/`, built by the test command from the whole-city stand-in,
/// synthetic positions): decoding the address asset and indexing it (`Moteur::new`), the time
/// a page waits before its first answer, measured five times (target: 30 ms); then the search
/// on its dev queries.
#[wasm_bindgen_test]
fn the_whole_city_decodes_and_indexes_in_the_browser() {
    let octets = include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets-ville/adresses.bin"
    ));
    let tsv = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/eval/address-queries-scale-dev.tsv"
    ));
    let perf = web_sys::window().unwrap().performance().unwrap();
    let mut temps = Vec::new();
    let mut moteur = None;
    for _ in 0..5 {
        let t = perf.now();
        let m = Moteur::new(parcours_core::asset::decoder::<IndexAdresses>(octets).unwrap());
        temps.push(perf.now() - t);
        moteur = Some(m);
    }
    let moteur = moteur.unwrap();
    let n_adresses = moteur.index().nombre_adresses();
    let plier = parcours_core::normalisation::plier;
    let (mut n, mut justes) = (0usize, 0usize);
    let t = perf.now();
    for ligne in tsv.lines().skip(1) {
        let c: Vec<&str> = ligne.split('\t').collect();
        let r = moteur.rechercher(c[1], 5);
        n += 1;
        let rep = |s: &str| s.chars().next().map(|x| x.to_ascii_lowercase());
        justes += usize::from(r.first().is_some_and(|r| {
            r.numero.map(|x| x.to_string()).as_deref() == Some(c[2])
                && rep(&r.rep) == rep(c[3])
                && plier(&r.nom_voie) == plier(c[4])
        }));
    }
    let recherche = (perf.now() - t) / n as f64;
    let mut tries = temps.clone();
    tries.sort_by(f64::total_cmp);
    console_log!(
        "browser, whole city: {n_adresses} addresses in {} voies, {} bytes; decode + index {:.1} ms (median of 5; runs {:?} ms); {n} queries, top-1 {:.2} %, {:.3} ms per query on average",
        moteur.index().voies.len(),
        octets.len(),
        tries[2],
        temps.iter().map(|t| (t * 10.0).round() / 10.0).collect::<Vec<_>>(),
        100.0 * justes as f64 / n as f64,
        recherche
    );
    assert!(
        n_adresses > 20_000,
        "{n_adresses} addresses: not the whole city"
    );
    assert!(justes as f64 >= 0.99 * n as f64, "top-1 {justes}/{n}");
}
