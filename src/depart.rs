//! Start-up. The first screen is already in the page: `index.html` carries it, rendered at build
//! time from the App itself (`src/bin/premier_ecran.rs`), so it shows before the WebAssembly.
//! Here, at once: every request is sent (the language's messages first); once the messages are
//! here, the App takes the page over, rendering the same screen in place of the static one, and
//! what the user did there meanwhile (typed text, a changed choice, the focus and the caret) is
//! replayed into it. The rest arrives on its own ([`Chargements`]): a view waits only for what it
//! uses.

use crate::donnees::{self, Adresses, Donnees, ErreurChargement};
use parcours_core::lien::{EtatLien, Langue};
use std::cell::RefCell;
use std::rc::Rc;

/// A piece of data: on its way, here, or failed.
#[derive(Clone, PartialEq)]
pub enum Chargement<T> {
    EnCours,
    Pret(T),
    Echec(ErreurChargement),
}

impl<T: Clone> Chargement<T> {
    pub fn pret(&self) -> Option<T> {
        match self {
            Chargement::Pret(t) => Some(t.clone()),
            _ => None,
        }
    }
}

type Suite<T> = Box<dyn FnOnce(Chargement<T>)>;

struct EtatAttendu<T> {
    etat: Chargement<T>,
    /// Who waits for it.
    suites: Vec<Suite<T>>,
}

/// A piece that arrives once, for whoever asks, before or after it came.
pub struct Attendu<T>(Rc<RefCell<EtatAttendu<T>>>);

impl<T> Clone for Attendu<T> {
    fn clone(&self) -> Self {
        Attendu(self.0.clone())
    }
}

impl<T: Clone + 'static> Attendu<T> {
    pub fn en_cours() -> Self {
        Attendu(Rc::new(RefCell::new(EtatAttendu {
            etat: Chargement::EnCours,
            suites: Vec::new(),
        })))
    }

    pub fn etat(&self) -> Chargement<T> {
        self.0.borrow().etat.clone()
    }

    /// Calls `suite` when the piece comes, or at once if it is already here.
    pub fn ensuite(&self, suite: impl FnOnce(Chargement<T>) + 'static) {
        let mut e = self.0.borrow_mut();
        if matches!(e.etat, Chargement::EnCours) {
            e.suites.push(Box::new(suite));
        } else {
            let c = e.etat.clone();
            drop(e);
            suite(c);
        }
    }

    fn arrive(&self, r: Result<T, ErreurChargement>) {
        let c = match r {
            Ok(t) => Chargement::Pret(t),
            Err(e) => Chargement::Echec(e),
        };
        let suites = {
            let mut e = self.0.borrow_mut();
            e.etat = c.clone();
            std::mem::take(&mut e.suites)
        };
        for s in suites {
            s(c.clone());
        }
    }
}

/// The data, each piece on its own.
#[derive(Clone)]
pub struct Chargements {
    /// The map of IRIS, the programme, the sources: what a decision needs.
    pub donnees: Attendu<Rc<Donnees>>,
    /// The address search (the largest file).
    pub adresses: Attendu<Rc<Adresses>>,
}

impl Chargements {
    /// Nothing sent (the first screen rendered at build time): every piece stays on its way.
    pub fn aucun() -> Self {
        Chargements {
            donnees: Attendu::en_cours(),
            adresses: Attendu::en_cours(),
        }
    }

    /// Sends the requests now, side by side; each piece is decoded as it comes.
    fn demarrer() -> Self {
        let c = Self::aucun();
        let demandes = donnees::demander_donnees();
        let adresses = donnees::demander_adresses();
        let a = c.donnees.clone();
        wasm_bindgen_futures::spawn_local(async move {
            a.arrive(donnees::recevoir_donnees(demandes).await);
        });
        let a = c.adresses.clone();
        wasm_bindgen_futures::spawn_local(async move {
            a.arrive(donnees::recevoir_adresses(adresses).await);
        });
        c
    }
}

/// What the App starts from.
pub struct Depart {
    pub lien: EtatLien,
    pub langue: Langue,
    /// The language's messages: here, or why not (then the page says the loading failed).
    pub textes: Result<(), ErreurChargement>,
    pub chargements: Chargements,
    /// What the user did on the static first screen, replayed once the App is there.
    pub reprise: Reprise,
}

impl PartialEq for Depart {
    fn eq(&self, autre: &Self) -> bool {
        std::ptr::eq(self, autre)
    }
}

impl Depart {
    /// The French first screen as `index.html` carries it: no link, nothing loaded but the
    /// French messages (which the caller keeps).
    pub fn premier_ecran() -> Self {
        Depart {
            lien: EtatLien::default(),
            langue: Langue::Fr,
            textes: Ok(()),
            chargements: Chargements::aucun(),
            reprise: Reprise::default(),
        }
    }
}

/// What the user did on the static first screen.
#[derive(Default)]
pub struct Reprise {
    /// Each field changed, and its value.
    champs: Vec<(Place, String)>,
    /// The focused element, and the caret (or selection) when it is a text field.
    focus: Option<(Place, Option<(u32, u32)>)>,
}

/// Where an element is on the screen: its rank among the elements one can focus or fill, with
/// its tag and id to check that the App's screen has the same one there.
#[derive(Clone, PartialEq)]
struct Place {
    rang: u32,
    balise: String,
    id: String,
}

mod navigateur_reprise {
    use super::{Place, Reprise};
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

    /// The elements one can focus or fill, in the order of the page.
    const ELEMENTS: &str = "a[href], button, input, select, textarea, summary";

    fn elements() -> Vec<Element> {
        let Some(l) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector_all(ELEMENTS).ok())
        else {
            return Vec::new();
        };
        (0..l.length())
            .filter_map(|k| l.item(k)?.dyn_into::<Element>().ok())
            .collect()
    }

    fn place(rang: usize, e: &Element) -> Place {
        Place {
            rang: rang as u32,
            balise: e.tag_name(),
            id: e.id(),
        }
    }

    /// The element at that place on the App's screen, if it is the same one.
    fn trouver(elements: &[Element], p: &Place) -> Option<Element> {
        elements
            .get(p.rang as usize)
            .filter(|e| place(p.rang as usize, e) == *p)
            .cloned()
    }

    /// A field's value, and whether the user changed it (from what the HTML says).
    fn valeur(e: &Element) -> Option<(String, bool)> {
        if let Some(i) = e.dyn_ref::<HtmlInputElement>() {
            return Some((i.value(), i.value() != i.default_value()));
        }
        let s = e.dyn_ref::<HtmlSelectElement>()?;
        let defaut = e
            .query_selector("option[selected]")
            .ok()
            .flatten()
            .and_then(|o| o.get_attribute("value"));
        Some((s.value(), defaut.is_some_and(|d| d != s.value())))
    }

    fn evenement(nom: &str) -> Option<web_sys::Event> {
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        web_sys::Event::new_with_event_init_dict(nom, &init).ok()
    }

    impl Reprise {
        /// Reads the static first screen, just before the App replaces it.
        pub fn lire() -> Self {
            let elements = elements();
            let actif = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element());
            let mut r = Reprise::default();
            for (k, e) in elements.iter().enumerate() {
                if let Some((v, true)) = valeur(e) {
                    r.champs.push((place(k, e), v));
                }
                if actif.as_ref() == Some(e) {
                    let caret = e
                        .dyn_ref::<HtmlInputElement>()
                        .and_then(|i| Some((i.selection_start().ok()??, i.selection_end().ok()??)));
                    r.focus = Some((place(k, e), caret));
                }
            }
            r
        }

        /// Replays it into the App's screen: each changed value as if typed or picked (so the
        /// components hear it), then the focus and the caret.
        pub fn rejouer(&self) {
            if self.champs.is_empty() && self.focus.is_none() {
                return;
            }
            let elements = elements();
            for (p, v) in &self.champs {
                let Some(e) = trouver(&elements, p) else {
                    continue;
                };
                let nom = if let Some(i) = e.dyn_ref::<HtmlInputElement>() {
                    i.set_value(v);
                    "input"
                } else if let Some(s) = e.dyn_ref::<HtmlSelectElement>() {
                    s.set_value(v);
                    "change"
                } else {
                    continue;
                };
                if let Some(ev) = evenement(nom) {
                    let _ = e.dispatch_event(&ev);
                }
            }
            let Some((p, caret)) = &self.focus else {
                return;
            };
            let Some(e) = trouver(&elements, p) else {
                return;
            };
            if let Some(h) = e.dyn_ref::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
            if let (Some(i), Some((debut, fin))) = (e.dyn_ref::<HtmlInputElement>(), caret) {
                let _ = i.set_selection_range(*debut, *fin);
            }
        }
    }
}

/// Sends the requests, then, once the language's messages are here, mounts the App over the
/// static first screen.
pub fn demarrer() {
    let lien = crate::navigateur::lire_lien();
    let langue = crate::navigateur::langue_initiale(&lien);
    // The messages first: the App shows nothing without them.
    let textes = donnees::demander(&parcours_core::asset::fichier_textes(langue));
    let chargements = Chargements::demarrer();
    wasm_bindgen_futures::spawn_local(async move {
        let textes = donnees::recevoir_textes(langue, textes).await.map(|_| ());
        // Read and replaced in the same task: nothing is painted, nothing typed, in between.
        let reprise = Reprise::lire();
        let depart = Rc::new(Depart {
            lien,
            langue,
            textes,
            chargements,
            reprise,
        });
        yew::Renderer::<crate::app::App>::with_props(crate::app::Props { depart }).render();
    });
}
