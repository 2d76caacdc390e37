//! What the page says. The messages are data: each language's catalogue is an asset
//! (`assets/textes-<langue>.bin`, checked by the core against the list of messages), loaded with
//! the data and when the user picks another language ([`crate::donnees::charger_textes`]).
//! The App switches to a language only once its catalogue is here, so a component reads it with
//! [`textes`] for the language it is given.
//!
//! Only what must show before a catalogue is there (loading, the loading error, each language's
//! own name in the picker) is compiled in, below.

use parcours_core::lien::Langue;
use parcours_core::textes::Textes;
use std::cell::Cell;

thread_local! {
    /// The catalogues loaded, by language; each is loaded once and kept for the page's life
    /// (hence `'static`: texts go straight into the markup, as compiled-in strings would).
    static CATALOGUES: [Cell<Option<&'static Textes>>; 3] = const {
        [Cell::new(None), Cell::new(None), Cell::new(None)]
    };
}

fn rang(l: Langue) -> usize {
    match l {
        Langue::Fr => 0,
        Langue::En => 1,
        Langue::Ar => 2,
    }
}

/// Keeps a catalogue for the page's life.
pub fn garder(t: Textes) -> &'static Textes {
    let t: &'static Textes = Box::leak(Box::new(t));
    CATALOGUES.with(|c| c[rang(t.langue())].set(Some(t)));
    t
}

/// A catalogue, if it is already loaded.
pub fn charge(l: Langue) -> Option<&'static Textes> {
    CATALOGUES.with(|c| c[rang(l)].get())
}

/// The catalogue of a language the App is showing (so already loaded).
pub fn textes(l: Langue) -> &'static Textes {
    charge(l).expect("a language is shown only once its catalogue is loaded")
}

/// The texts shown before a catalogue is loaded.
pub struct Demarrage {
    pub nom_langue: &'static str,
    pub chargement: &'static str,
    pub erreur_titre: &'static str,
    pub erreur_texte: &'static str,
    pub recharger: &'static str,
}

pub fn demarrage(l: Langue) -> &'static Demarrage {
    match l {
        Langue::Fr => &Demarrage {
            nom_langue: "Français",
            chargement: "Chargement des données…",
            erreur_titre: "Les données n’ont pas pu être chargées",
            erreur_texte: "Vérifiez votre connexion, puis rechargez la page. Si le problème continue, prévenez la Ville de Dijon.",
            recharger: "Recharger la page",
        },
        Langue::En => &Demarrage {
            nom_langue: "English",
            chargement: "Loading the data…",
            erreur_titre: "The data could not be loaded",
            erreur_texte: "Check your connection, then reload the page. If the problem persists, tell the City of Dijon.",
            recharger: "Reload the page",
        },
        Langue::Ar => &Demarrage {
            nom_langue: "العربية",
            chargement: "جارٍ تحميل البيانات…",
            erreur_titre: "تعذّر تحميل البيانات",
            erreur_texte: "تحقق من الاتصال ثم أعد تحميل الصفحة. إذا استمرت المشكلة، أبلغ بلدية ديجون.",
            recharger: "إعادة تحميل الصفحة",
        },
    }
}

/// A text isolated (first strong isolate … pop): it keeps its own direction inside a sentence of
/// another (French inside Arabic).
pub fn isole(texte: &str) -> String {
    let mut s = String::from('\u{2068}');
    s.push_str(texte);
    s.push('\u{2069}');
    s
}
