//! The address field: an ARIA 1.2 combobox with a listbox of suggestions from the core search.
//!
//! The list holds [`Suggestion`]s: each kind says how it shows ([`option`]) and what picking it
//! does ([`RechercheAdresse`]'s `choisir`); a new kind of entry is a new variant and an arm in
//! each. When nothing matches, the field says so where the user looks (not only to screen
//! readers), and Enter asks the page for the other ways to find the place (`onintrouvable`).

use crate::donnees::Donnees;
use crate::textes::textes;
use parcours_core::lien::Langue;
use parcours_core::recherche::{Precision, Resultat};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub donnees: Rc<Donnees>,
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
}

/// The suggestions for a typed text.
fn suggerer(d: &Donnees, texte: &str) -> Vec<Suggestion> {
    if texte.trim().is_empty() {
        return Vec::new();
    }
    d.moteur
        .rechercher(texte, MAX_SUGGESTIONS)
        .into_iter()
        .map(Suggestion::Adresse)
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
            match s {
                Suggestion::Adresse(r) => {
                    texte.set(r.label.clone());
                    onchoix.emit(r);
                }
            }
        })
    };

    let saisir = {
        let texte = texte.clone();
        let suggestions = suggestions.clone();
        let ouvert = ouvert.clone();
        let actif = actif.clone();
        let d = p.donnees.clone();
        let onsaisie = p.onsaisie.clone();
        let aucune = aucune.clone();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            onsaisie.emit(v.clone());
            let r = suggerer(&d, &v);
            aucune.set(!v.trim().is_empty() && r.is_empty());
            ouvert.set(!v.trim().is_empty());
            suggestions.set(r);
            actif.set(None);
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
        Callback::from(move |e: KeyboardEvent| {
            let n = suggestions.len();
            match e.key().as_str() {
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
                "Enter" if *ouvert && n > 0 => {
                    e.prevent_default();
                    choisir.emit(suggestions[actif.unwrap_or(0)].clone());
                }
                "Enter" if n == 0 && !texte.trim().is_empty() => {
                    e.prevent_default();
                    onintrouvable.emit((*texte).clone());
                }
                "Escape" => {
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
    let aucune = *aucune && !texte.trim().is_empty();
    let annonce = if aucune {
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
            // Said to screen readers as the list changes; shown when nothing matches.
            <p id="adresse-statut" class={if aucune { "aucune-suggestion" } else { "visuellement-cache" }}
                role="status" aria-live="polite">{ annonce }</p>
        </div>
    }
}
