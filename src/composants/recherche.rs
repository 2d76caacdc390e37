//! The address field: an ARIA 1.2 combobox with a listbox of suggestions from the core search.
//!
//! The list holds [`Suggestion`]s: each kind says how it shows ([`option`]) and what picking it
//! does ([`RechercheAdresse`]'s `choisir`); a new kind of entry is a new variant and an arm in
//! each. When nothing matches, the field says so where the user looks (not only to screen
//! readers), and Enter asks the page for the other ways to find the place (`onintrouvable`).
//!
//! Typing does not wait for the addresses: a text typed (and Enter pressed) before they are
//! here is answered when they come.

use crate::donnees::Adresses;
use crate::textes::{demarrage, textes};
use parcours_core::lien::Langue;
use parcours_core::recherche::{Confiance, Precision, Resultat};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The address search, once it is here.
    pub adresses: Option<Rc<Adresses>>,
    pub langue: Langue,
    pub onchoix: Callback<Resultat>,
    /// Each change of the typed text.
    #[prop_or_default]
    pub onsaisie: Callback<String>,
    /// The chosen address's label, shown back in the field.
    pub initiale: String,
    /// Enter on a text that matches nothing: the page offers the other ways (the typed text).
    #[prop_or_default]
    pub onintrouvable: Callback<String>,
}

/// One entry of the list of suggestions.
#[derive(Clone, PartialEq)]
pub enum Suggestion {
    /// An address of the data: picking it gives its answer.
    Adresse(Resultat),
    /// A doubtful match (maybe another street than the one meant): offered as « Vouliez-vous
    /// dire … ? », never taken by Enter alone.
    PeutEtre(Resultat),
}

impl Suggestion {
    fn resultat(self) -> Resultat {
        match self {
            Suggestion::Adresse(r) | Suggestion::PeutEtre(r) => r,
        }
    }
}

/// The suggestions for a typed text (none while the addresses are not here).
fn suggerer(a: Option<&Adresses>, texte: &str) -> Vec<Suggestion> {
    let Some(a) = a.filter(|_| !texte.trim().is_empty()) else {
        return Vec::new();
    };
    a.moteur
        .rechercher(texte, MAX_SUGGESTIONS)
        .into_iter()
        .map(|r| match r.confiance {
            Confiance::Douteuse => Suggestion::PeutEtre(r),
            _ => Suggestion::Adresse(r),
        })
        .collect()
}

/// How an entry shows in the list (inside its `role=option`).
fn option(t: &parcours_core::textes::Textes, s: &Suggestion) -> Html {
    match s {
        Suggestion::Adresse(r) => {
            let selon = match r.precision {
                Precision::Numero => None,
                autre => Some(t.precision(autre)),
            };
            html! { <>
                <bdi class="libelle" lang="fr">{ &r.label }</bdi>
                if let Some(s) = selon { <span class="precision">{ s }</span> }
            </> }
        }
        // The address isolated (first strong isolate … pop): French inside an Arabic sentence.
        Suggestion::PeutEtre(r) => html! {
            <span class="peut-etre">{ t.vouliez_vous_dire(&format!("\u{2068}{}\u{2069}", r.label)) }</span>
        },
    }
}

const MAX_SUGGESTIONS: usize = 5;

#[function_component]
pub fn RechercheAdresse(p: &Props) -> Html {
    let t = textes(p.langue);
    let texte = use_state(|| p.initiale.clone());
    let suggestions = use_state(Vec::<Suggestion>::new);
    let ouvert = use_state(|| false);
    let actif = use_state(|| None::<usize>);
    // The typed text matches nothing: said on screen until the text changes (not only while the
    // field has the focus: the line would vanish under a pointer going to what comes next).
    let aucune = use_state(|| false);
    // Enter pressed before the addresses were here: the first suggestion is taken when they come.
    let entree_en_attente = use_state(|| false);

    {
        let texte = texte.clone();
        use_effect_with(p.initiale.clone(), move |i| {
            if !i.is_empty() {
                texte.set(i.clone());
            }
        });
    }

    let choisir = {
        let onchoix = p.onchoix.clone();
        let texte = texte.clone();
        let ouvert = ouvert.clone();
        let actif = actif.clone();
        Callback::from(move |s: Suggestion| {
            ouvert.set(false);
            actif.set(None);
            let r = s.resultat();
            texte.set(r.label.clone());
            onchoix.emit(r);
        })
    };

    // The addresses come: the text typed so far is answered (Enter pressed meanwhile takes the
    // first suggestion, or says nothing matches).
    {
        let texte = texte.clone();
        let suggestions = suggestions.clone();
        let ouvert = ouvert.clone();
        let aucune = aucune.clone();
        let entree_en_attente = entree_en_attente.clone();
        let choisir = choisir.clone();
        let onintrouvable = p.onintrouvable.clone();
        use_effect_with(p.adresses.clone(), move |a| {
            let Some(a) = a else { return };
            if texte.trim().is_empty() {
                return;
            }
            let r = suggerer(Some(a), &texte);
            match (r.first(), *entree_en_attente) {
                (Some(premier @ Suggestion::Adresse(_)), true) => choisir.emit(premier.clone()),
                (None, true) => {
                    aucune.set(true);
                    onintrouvable.emit((*texte).clone());
                }
                // Not Enter, or Enter on a doubt: the list, for the user to decide.
                (_, _) => {
                    aucune.set(r.is_empty());
                    ouvert.set(focalise());
                    suggestions.set(r);
                }
            }
            entree_en_attente.set(false);
        });
    }

    let saisir = {
        let texte = texte.clone();
        let suggestions = suggestions.clone();
        let ouvert = ouvert.clone();
        let actif = actif.clone();
        let entree_en_attente = entree_en_attente.clone();
        let a = p.adresses.clone();
        let onsaisie = p.onsaisie.clone();
        let aucune = aucune.clone();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            onsaisie.emit(v.clone());
            let r = suggerer(a.as_deref(), &v);
            aucune.set(a.is_some() && !v.trim().is_empty() && r.is_empty());
            ouvert.set(!v.trim().is_empty());
            suggestions.set(r);
            actif.set(None);
            entree_en_attente.set(false);
            texte.set(v);
        })
    };

    let clavier = {
        let suggestions = suggestions.clone();
        let ouvert = ouvert.clone();
        let actif = actif.clone();
        let choisir = choisir.clone();
        let texte = texte.clone();
        let aucune = aucune.clone();
        let onintrouvable = p.onintrouvable.clone();
        let entree_en_attente = entree_en_attente.clone();
        let en_attente = p.adresses.is_none();
        Callback::from(move |e: KeyboardEvent| {
            let n = suggestions.len();
            match e.key().as_str() {
                "Enter" if en_attente && !texte.trim().is_empty() => {
                    e.prevent_default();
                    entree_en_attente.set(true);
                }
                "ArrowDown" if n > 0 => {
                    e.prevent_default();
                    ouvert.set(true);
                    actif.set(Some(actif.map_or(0, |i| (i + 1) % n)));
                }
                "ArrowUp" if n > 0 => {
                    e.prevent_default();
                    ouvert.set(true);
                    actif.set(Some(actif.map_or(n - 1, |i| (i + n - 1) % n)));
                }
                // The highlighted entry, or the first one unless it is a doubt: then it is only
                // highlighted, for the user to decide.
                "Enter" if *ouvert && n > 0 => {
                    e.prevent_default();
                    match (*actif, &suggestions[0]) {
                        (Some(i), _) => choisir.emit(suggestions[i].clone()),
                        (None, Suggestion::PeutEtre(_)) => actif.set(Some(0)),
                        (None, premier) => choisir.emit(premier.clone()),
                    }
                }
                "Enter" if n == 0 && !texte.trim().is_empty() => {
                    e.prevent_default();
                    onintrouvable.emit((*texte).clone());
                }
                "Escape" => {
                    entree_en_attente.set(false);
                    if *ouvert {
                        ouvert.set(false);
                        actif.set(None);
                    } else {
                        texte.set(String::new());
                        suggestions.set(Vec::new());
                        aucune.set(false);
                    }
                }
                _ => {}
            }
        })
    };

    let quitter = {
        let ouvert = ouvert.clone();
        Callback::from(move |_: FocusEvent| ouvert.set(false))
    };

    let visible = *ouvert && !texte.trim().is_empty();
    let attente = visible && p.adresses.is_none();
    let aucune = *aucune && !texte.trim().is_empty();
    let annonce = if attente {
        demarrage(p.langue).chargement.to_string()
    } else if aucune {
        t.aucune_suggestion().to_string()
    } else if visible && !suggestions.is_empty() {
        t.suggestions(suggestions.len())
    } else {
        String::new()
    };
    let id_actif = actif.map(|i| format!("suggestion-{i}"));

    html! {
        <div class="champ combobox">
            <label for="adresse" id="adresse-etiquette">{ t.etiquette_adresse() }</label>
            <input id="adresse" type="text" dir="auto" role="combobox" autocomplete="off" spellcheck="false"
                autocapitalize="off" enterkeyhint="search"
                aria-autocomplete="list" aria-expanded={if visible && !suggestions.is_empty() { "true" } else { "false" }}
                aria-controls="suggestions" aria-describedby="adresse-aide"
                aria-activedescendant={id_actif}
                value={(*texte).clone()} oninput={saisir} onkeydown={clavier} onblur={quitter} />
            <p id="adresse-aide" class="aide">{ t.aide_adresse() }</p>
            <ul id="suggestions" role="listbox" aria-labelledby="adresse-etiquette"
                class={classes!("suggestions", (!visible || suggestions.is_empty()).then_some("cache"))}>
                { for suggestions.iter().enumerate().map(|(i, s)| {
                    let choisir = choisir.clone();
                    let s2 = s.clone();
                    // mousedown, not click: it comes before the field's blur closes the list.
                    let onmousedown = Callback::from(move |e: MouseEvent| {
                        e.prevent_default();
                        choisir.emit(s2.clone());
                    });
                    html! {
                        <li id={format!("suggestion-{i}")} role="option"
                            aria-selected={if Some(i) == *actif { "true" } else { "false" }}
                            class={classes!((Some(i) == *actif).then_some("actif"))}
                            {onmousedown}>
                            { option(t, s) }
                        </li>
                    }
                }) }
            </ul>
            if attente {
                <p class="suggestions attente" aria-hidden="true">{ demarrage(p.langue).chargement }</p>
            }
            // Said to screen readers as the list changes; shown when nothing matches.
            <p id="adresse-statut" class={if aucune { "aucune-suggestion" } else { "visuellement-cache" }}
                role="status" aria-live="polite">{ annonce }</p>
        </div>
    }
}

/// Whether the address field has the focus (a list opens only under a field in use).
fn focalise() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|e| e.id() == "adresse")
}
