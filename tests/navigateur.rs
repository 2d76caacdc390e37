//! In-browser tests (wasm-bindgen-test in headless Chromium): the browser effects and a
//! component rendered for real.
#![cfg(target_arch = "wasm32")]

use parcours::composants::recherche::RechercheAdresse;
use parcours::donnees::Adresses;
use parcours::navigateur;
use parcours_core::lien::{EtatLien, Langue};
use parcours_core::recherche::{IndexAdresses, Moteur, Numero, Resultat};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

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

fn adresses() -> Rc<Adresses> {
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
    Rc::new(Adresses {
        moteur: Moteur::new(index),
    })
}

#[derive(Properties, PartialEq)]
struct P {
    a: Option<Rc<Adresses>>,
    cb: Callback<Resultat>,
}

#[function_component]
fn Hote(p: &P) -> Html {
    html! { <RechercheAdresse adresses={p.a.clone()} langue={Langue::Fr} onchoix={p.cb.clone()} initiale={String::new()} /> }
}

type Choisi = Rc<std::cell::RefCell<Option<String>>>;

/// The address field alone in a new element of the page, and what it chooses.
fn monter(a: Option<Rc<Adresses>>) -> (web_sys::Element, yew::AppHandle<Hote>, Choisi) {
    // The French catalogue as built by `parcours-data build` (before these tests).
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
    let hote = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&hote).unwrap();
    let choisi = Choisi::default();
    let app = yew::Renderer::<Hote>::with_root_and_props(hote.clone(), props(a, &choisi)).render();
    (hote, app, choisi)
}

fn props(a: Option<Rc<Adresses>>, choisi: &Choisi) -> P {
    let c = choisi.clone();
    P {
        a,
        cb: Callback::from(move |r: Resultat| *c.borrow_mut() = Some(r.label)),
    }
}

fn champ_dans(hote: &web_sys::Element) -> web_sys::HtmlInputElement {
    hote.query_selector("#adresse")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

/// Types `texte` as the browser does: the value, then an `input` event.
fn taper(champ: &web_sys::HtmlInputElement, texte: &str) {
    champ.set_value(texte);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    champ
        .dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

fn touche(champ: &web_sys::HtmlInputElement, cle: &str) {
    let k = web_sys::KeyboardEventInit::new();
    k.set_key(cle);
    k.set_bubbles(true);
    champ
        .dispatch_event(
            &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &k).unwrap(),
        )
        .unwrap();
}

const CABET: &str = "8 Rue Paul Cabet, 21000 Dijon";

#[wasm_bindgen_test]
async fn typing_shows_announced_suggestions_and_enter_chooses() {
    let (hote, app, choisi) = monter(Some(adresses()));
    yew::scheduler::flush().await;

    let champ = champ_dans(&hote);
    assert_eq!(champ.get_attribute("role").as_deref(), Some("combobox"));
    assert_eq!(
        champ.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    taper(&champ, "8 r paul cab");
    yew::scheduler::flush().await;

    assert_eq!(
        champ.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let options = hote.query_selector_all("[role=option]").unwrap();
    assert_eq!(options.length(), 1);
    let statut = hote.query_selector("[role=status]").unwrap().unwrap();
    assert!(statut.text_content().unwrap().starts_with("1 suggestion"));

    touche(&champ, "Enter");
    yew::scheduler::flush().await;
    assert_eq!(choisi.borrow().as_deref(), Some(CABET));
    assert_eq!(champ.value(), CABET);
    app.destroy();
    hote.remove();
}

#[wasm_bindgen_test]
async fn a_text_typed_before_the_addresses_come_is_answered_when_they_do() {
    let (hote, mut app, choisi) = monter(None);
    yew::scheduler::flush().await;
    let champ = champ_dans(&hote);
    champ.focus().unwrap();
    taper(&champ, "8 r paul cab");
    yew::scheduler::flush().await;
    // Said while waiting; no suggestion yet.
    assert_eq!(
        hote.query_selector_all("[role=option]").unwrap().length(),
        0
    );
    let statut = hote.query_selector("[role=status]").unwrap().unwrap();
    assert_eq!(statut.text_content().unwrap(), "Chargement des données…");
    assert!(hote.query_selector(".attente").unwrap().is_some());
    // They come: the text is answered, the list opens under the field in use.
    app.update(props(Some(adresses()), &choisi));
    yew::scheduler::flush().await;
    assert_eq!(
        hote.query_selector_all("[role=option]").unwrap().length(),
        1
    );
    assert!(hote.query_selector(".attente").unwrap().is_none());
    assert_eq!(
        champ.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(choisi.borrow().as_deref(), None);
    app.destroy();
    hote.remove();

    // Enter pressed while waiting: the first suggestion is taken when they come.
    let (hote, mut app, choisi) = monter(None);
    yew::scheduler::flush().await;
    let champ = champ_dans(&hote);
    champ.focus().unwrap();
    taper(&champ, "8 r paul cab");
    touche(&champ, "Enter");
    yew::scheduler::flush().await;
    assert_eq!(choisi.borrow().as_deref(), None);
    app.update(props(Some(adresses()), &choisi));
    yew::scheduler::flush().await;
    assert_eq!(choisi.borrow().as_deref(), Some(CABET));
    assert_eq!(champ.value(), CABET);
    app.destroy();
    hote.remove();
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
