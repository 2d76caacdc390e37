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
use parcours_core::recherche::{homonymes, Confiance, Precision, Resultat};
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
    /// The first address when another street bears its name under another type
    /// (`recherche::homonymes`): shown as an address, never taken by Enter alone.
    Homonyme(Resultat),
}

impl Suggestion {
    fn resultat(self) -> Resultat {
        match self {
            Suggestion::Adresse(r) | Suggestion::PeutEtre(r) | Suggestion::Homonyme(r) => r,
        }
    }
}

/// The suggestions for a typed text (none while the addresses are not here).
fn suggerer(a: Option<&Adresses>, texte: &str) -> Vec<Suggestion> {
    let Some(a) = a.filter(|_| !texte.trim().is_empty()) else {
        return Vec::new();
    };
    let resultats = a.moteur.rechercher(texte, MAX_SUGGESTIONS);
    let homonyme = homonymes(&resultats).next().is_some();
    resultats
        .into_iter()
        .enumerate()
        .map(|(i, r)| match r.confiance {
            Confiance::Douteuse => Suggestion::PeutEtre(r),
            _ if i == 0 && homonyme => Suggestion::Homonyme(r),
            _ => Suggestion::Adresse(r),
        })
        .collect()
}

/// How an entry shows in the list (inside its `role=option`).
fn option(t: &parcours_core::textes::Textes, s: &Suggestion) -> Html {
    match s {
        Suggestion::Adresse(r) | Suggestion::Homonyme(r) => {
            let selon = match r.precision {
                Precision::Numero => None,
                autre => Some(t.precision(autre)),
            };
            html! { <>
                <bdi class="libelle" lang="fr">{ &r.label }</bdi>
                if let Some(p) = selon { <span class="precision">{ p }</span> }
                if matches!(s, Suggestion::Homonyme(_)) {
                    <span class="precision">{ t.homonymes_choisir() }</span>
                }
            </> }
        }
        // The address isolated (first strong isolate … pop): French inside an Arabic sentence.
        Suggestion::PeutEtre(r) => html! {
            <span class="peut-etre">{ t.vouliez_vous_dire(&crate::textes::isole(&r.label)) }</span>
        },
    }
}

const MAX_SUGGESTIONS: usize = 5;

/// The field's state, one cell.
#[derive(Clone, Default)]
struct Etat {
    texte: String,
    suggestions: Vec<Suggestion>,
    ouvert: bool,
    actif: Option<usize>,
    /// The typed text matches nothing: said on screen until the text changes (not only while
    /// the field has the focus: the line would vanish under a pointer going to what comes next).
    aucune: bool,
    /// Enter pressed before the addresses were here: the first suggestion is taken when they
    /// come.
    entree_en_attente: bool,
}

/// What a key or the addresses' arrival asks of the page, besides the field's new state.
#[derive(Debug)]
enum Suite {
    /// Nothing: the key keeps its default action.
    Libre,
    /// Handled by the field (its default action prevented).
    Geree,
    /// An address taken.
    Choisi(Resultat),
    /// Enter on a text that matches nothing.
    Introuvable(String),
}

impl Etat {
    /// Takes a suggestion: the list closes, its label goes in the field.
    fn prendre(&mut self, s: Suggestion) -> Suite {
        let r = s.resultat();
        self.ouvert = false;
        self.actif = None;
        self.texte = r.label.clone();
        Suite::Choisi(r)
    }

    /// A key pressed in the field (`en_attente`: the addresses are not here yet).
    fn touche(&mut self, touche: &str, en_attente: bool) -> Suite {
        let n = self.suggestions.len();
        let vide = self.texte.trim().is_empty();
        match touche {
            "Enter" if en_attente && !vide => self.entree_en_attente = true,
            "ArrowDown" | "ArrowUp" if n > 0 => {
                self.ouvert = true;
                self.actif = Some(match (self.actif, touche) {
                    (None, "ArrowDown") => 0,
                    (None, _) => n - 1,
                    (Some(i), "ArrowDown") => (i + 1) % n,
                    (Some(i), _) => (i + n - 1) % n,
                });
            }
            // The highlighted entry, or the first one unless it is a doubt or shares its name
            // with another street: then it is only highlighted, for the user to decide.
            "Enter" if self.ouvert && n > 0 => match (self.actif, &self.suggestions[0]) {
                (Some(i), _) => return self.prendre(self.suggestions[i].clone()),
                (None, Suggestion::PeutEtre(_) | Suggestion::Homonyme(_)) => self.actif = Some(0),
                (None, premier) => return self.prendre(premier.clone()),
            },
            "Enter" if n == 0 && !vide => return Suite::Introuvable(self.texte.clone()),
            "Escape" => {
                self.entree_en_attente = false;
                if self.ouvert {
                    self.ouvert = false;
                    self.actif = None;
                } else {
                    self.texte.clear();
                    self.suggestions.clear();
                    self.aucune = false;
                }
                return Suite::Libre;
            }
            _ => return Suite::Libre,
        }
        Suite::Geree
    }

    /// The addresses came: the text typed so far is answered (`r`, its suggestions); Enter
    /// pressed meanwhile takes the first suggestion, or says nothing matches.
    fn arrivee(&mut self, r: Vec<Suggestion>, focalise: bool) -> Suite {
        let entree = std::mem::take(&mut self.entree_en_attente);
        match (r.first(), entree) {
            (Some(premier @ Suggestion::Adresse(_)), true) => self.prendre(premier.clone()),
            (None, true) => {
                self.aucune = true;
                Suite::Introuvable(self.texte.clone())
            }
            // Not Enter, or Enter on a doubt: the list, for the user to decide.
            (_, _) => {
                self.aucune = r.is_empty();
                self.ouvert = focalise;
                self.suggestions = r;
                Suite::Libre
            }
        }
    }
}

#[function_component]
pub fn RechercheAdresse(p: &Props) -> Html {
    let t = textes(p.langue);
    let etat = use_state(|| Etat {
        texte: p.initiale.clone(),
        ..Etat::default()
    });
    // What a change asks of the page: to the page's callbacks.
    let suivre = {
        let (onchoix, onintrouvable) = (p.onchoix.clone(), p.onintrouvable.clone());
        move |s: Suite| match s {
            Suite::Choisi(r) => onchoix.emit(r),
            Suite::Introuvable(t) => onintrouvable.emit(t),
            Suite::Libre | Suite::Geree => {}
        }
    };

    {
        let etat = etat.clone();
        use_effect_with(p.initiale.clone(), move |i| {
            if !i.is_empty() {
                etat.set(Etat {
                    texte: i.clone(),
                    ..(*etat).clone()
                });
            }
        });
    }

    // The addresses come: the text typed so far is answered.
    {
        let etat = etat.clone();
        let suivre = suivre.clone();
        use_effect_with(p.adresses.clone(), move |a| {
            let Some(a) = a else { return };
            if etat.texte.trim().is_empty() {
                return;
            }
            let mut e = (*etat).clone();
            let s = e.arrivee(suggerer(Some(a), &e.texte), focalise());
            etat.set(e);
            suivre(s);
        });
    }

    let saisir = {
        let etat = etat.clone();
        let a = p.adresses.clone();
        let onsaisie = p.onsaisie.clone();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            onsaisie.emit(v.clone());
            let r = suggerer(a.as_deref(), &v);
            let plein = !v.trim().is_empty();
            etat.set(Etat {
                aucune: a.is_some() && plein && r.is_empty(),
                ouvert: plein,
                suggestions: r,
                actif: None,
                entree_en_attente: false,
                texte: v,
            });
        })
    };

    let clavier = {
        let etat = etat.clone();
        let suivre = suivre.clone();
        let en_attente = p.adresses.is_none();
        Callback::from(move |ev: KeyboardEvent| {
            let mut e = (*etat).clone();
            let s = e.touche(&ev.key(), en_attente);
            if !matches!(s, Suite::Libre) {
                ev.prevent_default();
            }
            etat.set(e);
            suivre(s);
        })
    };

    // mousedown, not click: it comes before the field's blur closes the list.
    let choisir = {
        let etat = etat.clone();
        Callback::from(move |i: usize| {
            let mut e = (*etat).clone();
            let s = e.prendre(e.suggestions[i].clone());
            etat.set(e);
            suivre(s);
        })
    };

    let quitter = {
        let etat = etat.clone();
        Callback::from(move |_: FocusEvent| {
            etat.set(Etat {
                ouvert: false,
                ..(*etat).clone()
            })
        })
    };

    let e = &*etat;
    let visible = e.ouvert && !e.texte.trim().is_empty();
    let attente = visible && p.adresses.is_none();
    let aucune = e.aucune && !e.texte.trim().is_empty();
    let homonyme = matches!(e.suggestions.first(), Some(Suggestion::Homonyme(_)));
    let annonce = if attente {
        demarrage(p.langue).chargement.to_string()
    } else if aucune {
        t.aucune_suggestion().to_string()
    } else if visible && !e.suggestions.is_empty() {
        let mut s = t.suggestions(e.suggestions.len());
        if homonyme {
            s.push(' ');
            s.push_str(t.homonymes_choisir());
        }
        s
    } else {
        String::new()
    };
    let id = |i: usize| {
        let mut s = String::from("suggestion-");
        s.push_str(&i.to_string());
        s
    };

    html! {
        <div class="champ combobox">
            <label for="adresse" id="adresse-etiquette">{ t.etiquette_adresse() }</label>
            <input id="adresse" type="text" dir="auto" role="combobox" autocomplete="off" spellcheck="false"
                autocapitalize="off" enterkeyhint="search"
                aria-autocomplete="list" aria-expanded={if visible && !e.suggestions.is_empty() { "true" } else { "false" }}
                aria-controls="suggestions" aria-describedby="adresse-aide"
                aria-activedescendant={e.actif.map(id)}
                value={e.texte.clone()} oninput={saisir} onkeydown={clavier} onblur={quitter} />
            <p id="adresse-aide" class="aide">{ t.aide_adresse() }</p>
            <ul id="suggestions" role="listbox" aria-labelledby="adresse-etiquette"
                class={if !visible || e.suggestions.is_empty() { "suggestions cache" } else { "suggestions" }}>
                { for e.suggestions.iter().enumerate().map(|(i, s)| html! {
                    <li id={id(i)} role="option"
                        aria-selected={if Some(i) == e.actif { "true" } else { "false" }}
                        class={(Some(i) == e.actif).then_some("actif")}
                        onmousedown={choisir.reform(move |m: MouseEvent| { m.prevent_default(); i })}>
                        { option(t, s) }
                    </li>
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

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_core::recherche::Precision;

    fn resultat(label: &str, confiance: Confiance) -> Resultat {
        Resultat {
            voie: 0,
            numero: None,
            rep: String::new(),
            nom_voie: String::new(),
            label: label.into(),
            position: None,
            precision: Precision::Voie,
            voisins: Vec::new(),
            score: 0.0,
            confiance,
            mots: Vec::new(),
            doutes: Vec::new(),
        }
    }

    fn liste(texte: &str, s: Vec<Suggestion>) -> Etat {
        Etat {
            texte: texte.into(),
            suggestions: s,
            ouvert: true,
            ..Etat::default()
        }
    }

    fn deux() -> Vec<Suggestion> {
        vec![
            Suggestion::Adresse(resultat("1 Rue A", Confiance::Sure)),
            Suggestion::Adresse(resultat("1 Rue B", Confiance::Sure)),
        ]
    }

    #[test]
    fn les_fleches_tournent_dans_la_liste() {
        let mut e = liste("1 rue", deux());
        e.ouvert = false;
        assert!(matches!(e.touche("ArrowUp", false), Suite::Geree));
        assert_eq!((e.ouvert, e.actif), (true, Some(1)));
        e.touche("ArrowDown", false);
        assert_eq!(e.actif, Some(0));
        e.touche("ArrowUp", false);
        assert_eq!(e.actif, Some(1));
        e.touche("ArrowDown", false);
        assert_eq!(e.actif, Some(0));
        // No list: the arrows keep their default action.
        let mut vide = liste("1 rue", Vec::new());
        assert!(matches!(vide.touche("ArrowDown", false), Suite::Libre));
        assert_eq!(vide.actif, None);
    }

    #[test]
    fn entree_prend_l_entree_active_ou_la_premiere() {
        let mut e = liste("1 rue", deux());
        e.actif = Some(1);
        match e.touche("Enter", false) {
            Suite::Choisi(r) => assert_eq!(r.label, "1 Rue B"),
            s => panic!("{s:?}"),
        }
        assert_eq!(
            (e.ouvert, e.actif, e.texte.as_str()),
            (false, None, "1 Rue B")
        );
        let mut e = liste("1 rue", deux());
        assert!(matches!(e.touche("Enter", false), Suite::Choisi(r) if r.label == "1 Rue A"));
    }

    #[test]
    fn entree_sur_un_doute_le_met_seulement_en_avant() {
        let mut e = liste(
            "1 rue",
            vec![Suggestion::PeutEtre(resultat(
                "1 Rue A",
                Confiance::Douteuse,
            ))],
        );
        assert!(matches!(e.touche("Enter", false), Suite::Geree));
        assert_eq!((e.actif, e.texte.as_str()), (Some(0), "1 rue"));
        assert!(matches!(e.touche("Enter", false), Suite::Choisi(_)));
    }

    #[test]
    fn entree_sur_une_voie_homonyme_la_met_seulement_en_avant() {
        // « 14 bossuet »: Rue or Place Bossuet? Enter alone does not choose.
        let bossuet = || {
            vec![
                Suggestion::Homonyme(resultat("14 Rue Bossuet", Confiance::Sure)),
                Suggestion::Adresse(resultat("14 Place Bossuet", Confiance::Sure)),
            ]
        };
        let mut e = liste("14 bossuet", bossuet());
        assert!(matches!(e.touche("Enter", false), Suite::Geree));
        assert_eq!((e.actif, e.texte.as_str()), (Some(0), "14 bossuet"));
        assert!(
            matches!(e.touche("Enter", false), Suite::Choisi(r) if r.label == "14 Rue Bossuet")
        );
        // Enter pressed before the addresses came: the list, not a choice.
        let mut e = liste("14 bossuet", Vec::new());
        e.entree_en_attente = true;
        assert!(matches!(e.arrivee(bossuet(), true), Suite::Libre));
        assert_eq!(e.suggestions.len(), 2);
    }

    #[test]
    fn suggerer_marque_la_premiere_voie_d_un_nom_porte_par_deux_types() {
        use parcours_core::recherche::{IndexAdresses, Moteur, Numero};
        let voie = |nom: &str| {
            let n = Numero {
                numero: 14,
                rep: String::new(),
                position: [5_040_000, 47_320_000],
            };
            let commune = "Dijon".to_string();
            (
                nom.to_string(),
                "21000".into(),
                "21231".into(),
                commune,
                vec![n],
            )
        };
        let voies = vec![voie("RUE BOSSUET"), voie("PLACE BOSSUET")];
        let a = Adresses {
            moteur: Moteur::new(IndexAdresses::construire(voies)),
        };
        let s = suggerer(Some(&a), "14 bossuet");
        assert!(matches!(
            s.as_slice(),
            [Suggestion::Homonyme(_), Suggestion::Adresse(_)]
        ));
        let s = suggerer(Some(&a), "14 rue bossuet");
        assert!(matches!(s.first(), Some(Suggestion::Adresse(_))));
    }

    #[test]
    fn entree_sans_suggestion_dit_introuvable_ou_attend_les_adresses() {
        let mut e = liste("zzz", Vec::new());
        assert!(matches!(e.touche("Enter", false), Suite::Introuvable(t) if t == "zzz"));
        assert!(matches!(e.touche("Enter", true), Suite::Geree));
        assert!(e.entree_en_attente);
        let mut blanc = liste("  ", Vec::new());
        assert!(matches!(blanc.touche("Enter", false), Suite::Libre));
    }

    #[test]
    fn echap_ferme_puis_efface() {
        let mut e = liste("1 rue", deux());
        e.actif = Some(0);
        e.entree_en_attente = true;
        assert!(matches!(e.touche("Escape", false), Suite::Libre));
        assert_eq!(
            (e.ouvert, e.actif, e.entree_en_attente),
            (false, None, false)
        );
        assert_eq!(e.texte, "1 rue");
        e.aucune = true;
        e.touche("Escape", false);
        assert!(e.texte.is_empty() && e.suggestions.is_empty() && !e.aucune);
    }

    #[test]
    fn a_l_arrivee_des_adresses_entree_pressee_avant_prend_ou_dit_introuvable() {
        let mut e = liste("1 rue", Vec::new());
        e.entree_en_attente = true;
        assert!(matches!(e.arrivee(deux(), true), Suite::Choisi(r) if r.label == "1 Rue A"));
        assert!(!e.entree_en_attente && !e.ouvert);
        let mut e = liste("zzz", Vec::new());
        e.entree_en_attente = true;
        assert!(matches!(e.arrivee(Vec::new(), true), Suite::Introuvable(_)));
        assert!(e.aucune);
        // Without Enter: the list, open only under a field in use.
        let mut e = liste("1 rue", Vec::new());
        assert!(matches!(e.arrivee(deux(), false), Suite::Libre));
        assert_eq!((e.ouvert, e.suggestions.len(), e.aucune), (false, 2, false));
    }
}
