//! The referral form: what will happen and the family's agreement first (no personal field
//! before it), few fields, one step at a time, errors next to each field and summed up at the
//! top (announced), then a summary to print, e-mail or download — each holding exactly what the
//! form holds. Nothing leaves the device unless the user sends it.

use crate::navigateur;
use crate::textes::textes;
use parcours_core::demande::{
    self, Brouillon, Champ, Demandeur, Erreur, Etape, MoyenAccord, DOMAINES,
};
use parcours_core::lien::Langue;
use parcours_core::programme::{Contact, Date};
use parcours_core::textes::Textes;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use yew::prelude::*;

thread_local! {
    /// While the open request has answers kept nowhere: how it asks before closing.
    static GARDE: RefCell<Option<Callback<Callback<()>>>> = const { RefCell::new(None) };
}

/// Runs `puis`, something that closes the open request (« Nouvelle recherche », the other
/// page…), after asking the user when the request has answers kept nowhere.
pub fn quitter_demande(puis: Callback<()>) {
    let garde = GARDE.with(|g| g.borrow().clone());
    match garde {
        Some(demander) => demander.emit(puis),
        None => puis.emit(()),
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub langue: Langue,
    /// The answer's sentence with its data version, carried into the request.
    pub eligibilite: String,
    /// Where the request goes (the team, or the PRE).
    pub contact: Contact,
    pub age_min: u32,
    pub age_max: u32,
    /// What the request is about, as its answer's link (a kept draft is offered back for its
    /// own request only).
    pub sujet: String,
    /// The chosen address, to prefill the home address (empty for a point: then it is asked).
    pub adresse: String,
    /// Whether the last answer allows a request (else the form says so and stops).
    pub permise: bool,
    /// A draft resumed from the first screen (its own request).
    #[prop_or_default]
    pub reprise: Option<Brouillon>,
    /// Schools to pick from (empty: free text only).
    pub ecoles: Rc<Vec<parcours_core::asset::Ecole>>,
    pub onfermer: Callback<()>,
}

/// The id of a field's input (the error summary links to it).
fn id_champ(c: Champ) -> &'static str {
    match c {
        Champ::ConsentementMoyen => "demande-consentementmoyen",
        Champ::Adresse => "demande-adresse",
        Champ::ProNom => "demande-pronom",
        Champ::ProFonction => "demande-profonction",
        Champ::ProStructure => "demande-prostructure",
        Champ::ProContact => "demande-procontact",
        Champ::EnfantPrenom => "demande-enfantprenom",
        Champ::EnfantNom => "demande-enfantnom",
        Champ::EnfantNaissance => "demande-enfantnaissance",
        Champ::EnfantEcole => "demande-enfantecole",
        Champ::Responsables => "demande-responsables",
        Champ::Telephone => "demande-telephone",
        Champ::Email => "demande-email",
        Champ::Domaines => "demande-domaines",
        Champ::Inquietude => "demande-inquietude",
        Champ::DejaFait => "demande-dejafait",
        Champ::Consentement => "demande-consentement",
        Champ::ConsentementDate => "demande-consentementdate",
    }
}

/// What the browser may fill a field with: the user's own details only (a professional's name,
/// role, workplace and contact; a parent's name, home, phone and e-mail). Never the child's, and
/// never the family's when a professional types them (the browser would offer the
/// professional's own).
fn remplissage(c: Champ, d: Demandeur) -> &'static str {
    let parent = d == Demandeur::Parent;
    match c {
        Champ::ProNom => "name",
        Champ::ProFonction => "organization-title",
        Champ::ProStructure => "organization",
        Champ::ProContact => "email",
        Champ::Responsables if parent => "name",
        Champ::Adresse if parent => "street-address",
        Champ::Telephone if parent => "tel",
        Champ::Email if parent => "email",
        _ => "off",
    }
}

/// The form's state, one reducer: the draft and where the user is in it.
#[derive(Clone)]
struct Etat {
    /// Counts the changes (what the effects after a change wait for).
    version: u32,
    /// The form as it opened: answers differ from it once the user typed something.
    vierge: Brouillon,
    b: Brouillon,
    etape: Etape,
    erreurs: Vec<Erreur>,
    garder: bool,
    message: Option<&'static str>,
    /// Another request's draft is kept: keeping this one replaces it (said under the box).
    autre: bool,
    /// « Quitter la demande ? », with what to do once the user agrees.
    confirmation: Option<Callback<()>>,
}

/// What the form keeps between renders without showing it.
struct Memoire {
    /// The draft as stored last (read back or saved): not written again unchanged.
    stocke: Option<Brouillon>,
    /// The step and error count last focused.
    vu: Option<(Etape, usize)>,
}

/// A check box or a radio button of the form.
#[derive(Clone, Copy)]
enum Case {
    Consentement,
    Interprete,
    Domaine(&'static str),
    Demandeur(Demandeur),
    Moyen(MoyenAccord),
}

/// What a control sends, the same each time.
#[derive(Clone, Copy)]
enum Geste {
    Case(Case),
    /// Back or on (« Suivant » checks the step first), with the day and the programme's ages.
    Aller(isize, Date, u32, u32),
    /// The question is closed: the request stays open.
    Annuler,
}

enum Action {
    Geste(Geste),
    /// A text field (by its input's id) and its new value.
    Texte(String, String),
    /// A draft kept for this request, read back.
    Repris(Box<Brouillon>, &'static str),
    Autre,
    Message(&'static str),
    /// This browser cannot keep the draft: said, and the box unticks.
    Indisponible(&'static str),
    /// Another answer checked while the form is open (its subject and address).
    Sujet(String, String),
    Garder(bool),
    /// Everything erased from the device.
    Efface(&'static str),
    Confirmer(Option<Callback<()>>),
}

impl Reducible for Etat {
    type Action = Action;

    fn reduce(self: Rc<Self>, a: Action) -> Rc<Self> {
        let mut e = (*self).clone();
        e.version = e.version.wrapping_add(1);
        match a {
            Action::Texte(id, v) => {
                if let Some(s) = id
                    .strip_prefix("demande-")
                    .and_then(|k| demande::texte_mut(&mut e.b, k))
                {
                    *s = v;
                }
            }
            Action::Geste(Geste::Case(c)) => match c {
                Case::Consentement => e.b.consentement = !e.b.consentement,
                Case::Interprete => e.b.interprete = !e.b.interprete,
                Case::Domaine(d) => demande::basculer_domaine(&mut e.b, d),
                Case::Demandeur(d) => e.b.demandeur = d,
                Case::Moyen(m) => e.b.consentement_moyen = Some(m),
            },
            Action::Geste(Geste::Aller(vers, jour, min, max)) => {
                let etapes = Etape::pour(e.b.demandeur);
                let i = etapes.iter().position(|x| *x == e.etape).unwrap_or(0) as isize;
                if vers > 0 {
                    let err = demande::erreurs_etape(&e.b, e.etape, jour, min, max);
                    if !err.is_empty() {
                        e.erreurs = err;
                        return Rc::new(e);
                    }
                }
                e.erreurs = Vec::new();
                e.etape = etapes[(i + vers).clamp(0, etapes.len() as isize - 1) as usize];
            }
            Action::Repris(b, m) => {
                e.b = *b;
                e.garder = true;
                e.message = Some(m);
            }
            Action::Autre => e.autre = true,
            Action::Message(m) => e.message = Some(m),
            Action::Indisponible(m) => {
                e.message = Some(m);
                e.garder = false;
            }
            Action::Sujet(sujet, adresse) => {
                e.b.sujet = sujet.clone();
                if e.b.adresse.trim().is_empty() || e.b.adresse == e.vierge.adresse {
                    e.b.adresse = adresse.clone();
                }
                e.vierge = Brouillon {
                    sujet,
                    adresse,
                    ..Brouillon::default()
                };
            }
            Action::Garder(g) => e.garder = g,
            Action::Efface(m) => {
                e.garder = false;
                e.b = e.vierge.clone();
                e.erreurs = Vec::new();
                e.etape = Etape::Accord;
                e.message = Some(m);
            }
            Action::Geste(Geste::Annuler) => e.confirmation = None,
            Action::Confirmer(c) => e.confirmation = c,
        }
        Rc::new(e)
    }
}

/// What a button does besides changing the form's state.
#[derive(Clone)]
enum Commande {
    /// « Garder mon brouillon », ticked or unticked.
    Garder,
    /// « Tout effacer de cet appareil ».
    Effacer,
    /// « Fermer la demande »: asks first when answers are kept nowhere; then leaves the history
    /// entry the request added.
    Fermer,
    /// An answer to « Quitter la demande ? »: go on (None), keep a draft and leave, or leave.
    Repondre(Option<bool>),
    Imprimer,
    /// The request's text, downloaded as a file.
    Telecharger(Rc<String>),
}

/// What the commands act on.
struct Contexte {
    etat: UseReducerHandle<Etat>,
    memoire: Rc<RefCell<Memoire>>,
    dialogue: NodeRef,
    onfermer: Callback<()>,
    t: &'static Textes,
}

fn executer(x: &Contexte, c: &Commande) {
    let d = x.etat.dispatcher();
    match c {
        Commande::Garder => {
            let g = !x.etat.garder;
            d.dispatch(Action::Garder(g));
            if !g {
                x.memoire.borrow_mut().stocke = None;
                wasm_bindgen_futures::spawn_local(navigateur::oublier_brouillon());
            }
        }
        Commande::Effacer => {
            let (memoire, t) = (x.memoire.clone(), x.t);
            wasm_bindgen_futures::spawn_local(async move {
                let ok = navigateur::tout_effacer().await;
                memoire.borrow_mut().stocke = None;
                d.dispatch(Action::Efface(if ok {
                    t.tout_efface()
                } else {
                    t.brouillon_indisponible()
                }));
            });
        }
        Commande::Fermer => quitter_demande(fermer_par(x.onfermer.clone())),
        Commande::Repondre(garder) => {
            // The dialog closes; leaving forgets the question first.
            if let Some(x) = x.dialogue.cast::<web_sys::HtmlDialogElement>() {
                x.close();
            }
            let puis = x.etat.confirmation.clone();
            d.dispatch(Action::Geste(Geste::Annuler));
            let (Some(garder), Some(puis)) = (*garder, puis) else {
                return;
            };
            GARDE.with(|g| *g.borrow_mut() = None);
            if garder {
                let octets = x.etat.b.vers_octets();
                wasm_bindgen_futures::spawn_local(async move {
                    navigateur::garder_brouillon(&octets).await;
                    puis.emit(());
                });
            } else {
                puis.emit(());
            }
        }
        Commande::Imprimer => {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        }
        Commande::Telecharger(texte) => navigateur::telecharger(
            "demande-parcours.html",
            "text/html;charset=utf-8",
            &demande::fichier_html(texte),
        ),
    }
}

fn commande<E: 'static>(x: &Rc<Contexte>, c: Commande) -> Callback<E> {
    let x = x.clone();
    Callback::from(move |_| executer(&x, &c))
}

/// What a control sends when the user acts on it.
fn envoyer<E: 'static>(d: &UseReducerDispatcher<Etat>, g: Geste) -> Callback<E> {
    let d = d.clone();
    Callback::from(move |_| d.dispatch(Action::Geste(g)))
}

/// Closes the request and leaves the history entry it added.
fn fermer_par(onfermer: Callback<()>) -> Callback<()> {
    Callback::from(move |_| {
        navigateur::quitter_marque_demande();
        onfermer.emit(());
    })
}

/// A draft kept for this very request comes back (a draft for another request is never shown
/// inside this one); an unreadable one is said (never dropped).
async fn relire(
    d: UseReducerDispatcher<Etat>,
    sujet: String,
    memoire: Rc<RefCell<Memoire>>,
    t: &'static Textes,
) {
    d.dispatch(match navigateur::lire_brouillon().await {
        navigateur::Brouillon::Repris(octets, _) => match Brouillon::depuis_octets(&octets) {
            Some(x) if x.sujet == sujet => {
                memoire.borrow_mut().stocke = Some(x.clone());
                Action::Repris(Box::new(x), t.brouillon_repris())
            }
            Some(_) => Action::Autre,
            None => Action::Message(t.brouillon_illisible()),
        },
        navigateur::Brouillon::Expire => Action::Message(t.brouillon_expire()),
        navigateur::Brouillon::Illisible => Action::Message(t.brouillon_illisible()),
        navigateur::Brouillon::Aucun | navigateur::Brouillon::Indisponible => return,
    });
}

/// The value of a property of an event's target (`id`, `value`).
fn propriete(cible: &JsValue, nom: &str) -> String {
    js_sys::Reflect::get(cible, &JsValue::from_str(nom))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

#[function_component]
pub fn FormulaireDemande(p: &Props) -> Html {
    let t = textes(p.langue);
    let etat = use_reducer(|| {
        let vierge = Brouillon {
            sujet: p.sujet.clone(),
            adresse: p.adresse.clone(),
            ..Brouillon::default()
        };
        Etat {
            version: 0,
            b: p.reprise.clone().unwrap_or_else(|| vierge.clone()),
            vierge,
            etape: Etape::Accord,
            erreurs: Vec::new(),
            garder: p.reprise.is_some(),
            message: p.reprise.as_ref().map(|_| t.brouillon_repris()),
            autre: false,
            confirmation: None,
        }
    });
    let d = etat.dispatcher();
    let b = &etat.b;
    let jour = navigateur::aujourd_hui().unwrap_or(Date {
        annee: 2026,
        mois: 1,
        jour: 1,
    });
    let etapes = Etape::pour(b.demandeur);
    let index = etapes.iter().position(|e| *e == etat.etape).unwrap_or(0);
    let dialogue = use_node_ref();
    let memoire = use_mut_ref(|| Memoire {
        stocke: p.reprise.clone(),
        vu: None,
    });

    // Once: the kept draft read back; the back gesture (the request adds a history entry when
    // it opens; going back past it closes the request, or asks first, the entry coming back
    // meanwhile).
    {
        let d = d.clone();
        let memoire = memoire.clone();
        let sujet = p.sujet.clone();
        let reprise = p.reprise.is_some();
        let onfermer = p.onfermer.clone();
        use_effect_with((), move |_| {
            if !reprise {
                wasm_bindgen_futures::spawn_local(relire(d, sujet, memoire, t));
            }
            navigateur::marquer_demande();
            let fenetre = web_sys::window().expect("window");
            let ecouteur = gloo_events::EventListener::new(&fenetre, "popstate", move |_| {
                if navigateur::sur_la_marque_demande() {
                    return;
                }
                match GARDE.with(|g| g.borrow().clone()) {
                    Some(demander) => {
                        navigateur::marquer_demande();
                        demander.emit(fermer_par(onfermer.clone()));
                    }
                    None => onfermer.emit(()),
                }
            });
            move || {
                drop(ecouteur);
                GARDE.with(|g| *g.borrow_mut() = None);
            }
        });
    }
    // After each change: another answer checked while the form is open makes the request about
    // it (its address replaces the prefilled one, unless the user typed their own); the draft
    // is kept when asked (if this browser cannot keep it, the box unticks); answers kept nowhere
    // make leaving ask first (this form's button, the back gesture, and what the page does
    // through `quitter_demande`), the question being a modal dialog (Escape keeps the request
    // open); the step's heading (or the error summary) gets the focus when the step changes.
    {
        let memoire = memoire.clone();
        let dialogue = dialogue.clone();
        let adresse = p.adresse.clone();
        let e = etat.clone();
        use_effect_with((p.sujet.clone(), etat.version), move |(sujet, _)| {
            let d = e.dispatcher();
            if *sujet != e.vierge.sujet {
                d.dispatch(Action::Sujet(sujet.clone(), adresse));
            }
            let mut m = memoire.borrow_mut();
            if e.garder && m.stocke.as_ref() != Some(&e.b) {
                m.stocke = Some(e.b.clone());
                let octets = e.b.vers_octets();
                let d = d.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if !navigateur::garder_brouillon(&octets).await {
                        d.dispatch(Action::Indisponible(t.brouillon_indisponible()));
                    }
                });
            }
            let non_gardees = !e.garder && e.b != e.vierge;
            GARDE.with(|g| {
                *g.borrow_mut() = non_gardees
                    .then(|| Callback::from(move |puis| d.dispatch(Action::Confirmer(Some(puis)))))
            });
            if e.confirmation.is_some() {
                if let Some(d) = dialogue.cast::<web_sys::HtmlDialogElement>() {
                    if !d.open() {
                        let _ = d.show_modal();
                    }
                }
            }
            let cle = Some((e.etape, e.erreurs.len()));
            if std::mem::replace(&mut m.vu, cle) != cle {
                navigateur::focaliser(if e.erreurs.is_empty() {
                    "demande-etape"
                } else {
                    "demande-erreurs"
                });
            }
        });
    }
    let x = Rc::new(Contexte {
        etat: etat.clone(),
        memoire: memoire.clone(),
        dialogue: dialogue.clone(),
        onfermer: p.onfermer.clone(),
        t,
    });

    // One handler for every text input and text area: the field is the input's id.
    let saisie = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(c) = e.target() {
                let c = JsValue::from(c);
                d.dispatch(Action::Texte(propriete(&c, "id"), propriete(&c, "value")));
            }
        })
    };
    let case = |c: Case| envoyer::<Event>(&d, Geste::Case(c));
    let erreur_de = |c: Champ| {
        etat.erreurs
            .iter()
            .find(|e| e.champ == c)
            .map(|e| t.probleme(&e.probleme))
    };

    // A text field; `c`, when the request checks it (its errors, what the browser may fill).
    let champ = |c: Option<Champ>,
                 id: &'static str,
                 libelle: &'static str,
                 valeur: &str,
                 type_: &'static str,
                 aide: Option<String>| {
        let err = c.and_then(erreur_de);
        let id_aide = [id, "-aide"].concat();
        let id_erreur = [id, "-erreur"].concat();
        let decrit = match (aide.is_some(), err.is_some()) {
            (true, true) => Some([id_aide.as_str(), " ", &id_erreur].concat()),
            (true, false) => Some(id_aide.clone()),
            (false, true) => Some(id_erreur.clone()),
            (false, false) => None,
        };
        html! {
            <div class="champ">
                <label for={id}>{ libelle }</label>
                <input id={id} type={type_} value={valeur.to_string()} oninput={saisie.clone()}
                    autocomplete={c.map_or("off", |c| remplissage(c, b.demandeur))}
                    list={(c == Some(Champ::EnfantEcole) && !p.ecoles.is_empty()).then_some("demande-ecoles")}
                    aria-invalid={c.map(|_| if err.is_some() { "true" } else { "false" })}
                    aria-describedby={decrit} />
                if let Some(a) = aide { <p id={id_aide} class="aide">{ a }</p> }
                if let Some(e) = err { <p id={id_erreur} class="erreur-champ">{ e }</p> }
            </div>
        }
    };

    let texte = |c: Champ, valeur: &str, type_: &'static str, aide: Option<String>| {
        champ(Some(c), id_champ(c), t.champ(c), valeur, type_, aide)
    };

    let aller =
        |vers: isize| envoyer::<MouseEvent>(&d, Geste::Aller(vers, jour, p.age_min, p.age_max));

    let resume_erreurs = (!etat.erreurs.is_empty()).then(|| html! {
        <div id="demande-erreurs" class="resume-erreurs" role="alert" tabindex="-1">
            <h3>{ t.erreurs_titre(etat.erreurs.len()) }</h3>
            <ul>{ for etat.erreurs.iter().map(|e| html! {
                <li><a href={["#", id_champ(e.champ)].concat()}>{ [t.champ(e.champ), t.deux_points(), &t.probleme(&e.probleme)].concat() }</a></li>
            }) }</ul>
        </div>
    });

    let contenu = match etat.etape {
        Etape::Accord => {
            let choix = [
                Demandeur::Parent,
                Demandeur::PersonnelScolaire,
                Demandeur::AutreProfessionnel,
            ];
            let err = erreur_de(Champ::Consentement);
            let err_moyen = erreur_de(Champ::ConsentementMoyen);
            let pro = b.demandeur != Demandeur::Parent;
            html! { <>
                <p class="ce-qui-va-se-passer">{ if pro { t.accord_intro_pro() } else { t.accord_intro_parent() } }</p>
                <fieldset>
                    <legend>{ t.demandeur_question() }</legend>
                    { for choix.into_iter().map(|x| html! {
                        <label class="case"><input type="radio" name="demandeur" checked={b.demandeur == x} onchange={case(Case::Demandeur(x))} />{ " " }{ t.demandeur(x) }</label>
                    }) }
                </fieldset>
                <label class="case accord">
                    <input id={id_champ(Champ::Consentement)} type="checkbox" checked={b.consentement} onchange={case(Case::Consentement)}
                        aria-invalid={if err.is_some() { "true" } else { "false" }}
                        aria-describedby={err.as_ref().map(|_| "demande-consentement-erreur")} />
                    { " " }{ if pro { t.accord_pro() } else { t.accord_parent() } }
                </label>
                if let Some(e) = err { <p id="demande-consentement-erreur" class="erreur-champ">{ e }</p> }
                if pro {
                    <fieldset id={id_champ(Champ::ConsentementMoyen)} aria-describedby={err_moyen.as_ref().map(|_| "demande-consentementmoyen-erreur")}>
                        <legend>{ t.champ(Champ::ConsentementMoyen) }</legend>
                        { for MoyenAccord::TOUS.into_iter().map(|m| html! {
                            <label class="case"><input type="radio" name="moyen-accord" checked={b.consentement_moyen == Some(m)} onchange={case(Case::Moyen(m))} />{ " " }{ t.moyen_accord(m) }</label>
                        }) }
                        if let Some(e) = err_moyen { <p id="demande-consentementmoyen-erreur" class="erreur-champ">{ e }</p> }
                    </fieldset>
                    { texte(Champ::ConsentementDate, &b.consentement_date, "text", Some(t.aide_date().to_string())) }
                }
            </> }
        }
        Etape::Demandeur => html! { <>
            { texte(Champ::ProNom, &b.pro_nom, "text", None) }
            { texte(Champ::ProFonction, &b.pro_fonction, "text", None) }
            { texte(Champ::ProStructure, &b.pro_structure, "text", None) }
            { texte(Champ::ProContact, &b.pro_contact, "text", None) }
        </> },
        Etape::Enfant => html! { <>
            { texte(Champ::EnfantPrenom, &b.enfant_prenom, "text", None) }
            { texte(Champ::EnfantNom, &b.enfant_nom, "text", None) }
            { texte(Champ::EnfantNaissance, &b.enfant_naissance, "text", Some(t.aide_naissance(&p.age_min, &p.age_max))) }
            { texte(Champ::EnfantEcole, &b.enfant_ecole, "text", None) }
            if !p.ecoles.is_empty() {
                <datalist id="demande-ecoles">
                    { for p.ecoles.iter().map(|e| html! {
                        <option value={e.nom.clone()}>{ [e.nom.as_str(), " — ", &e.nature, ", ", &e.commune].concat() }</option>
                    }) }
                </datalist>
            }
            { champ(None, "demande-classe", t.classe(), &b.enfant_classe, "text", None) }
        </> },
        Etape::Famille => html! { <>
            { texte(Champ::Adresse, &b.adresse, "text", p.adresse.is_empty().then(|| t.aide_domicile().to_string())) }
            { texte(Champ::Responsables, &b.responsables, "text", None) }
            <p class="aide">{ t.aide_contact() }</p>
            { texte(Champ::Telephone, &b.telephone, "tel", None) }
            { texte(Champ::Email, &b.email, "email", None) }
            { champ(None, "demande-langue", t.langue_famille(), &b.langue_famille, "text", None) }
            <label class="case"><input type="checkbox" checked={b.interprete} onchange={case(Case::Interprete)} />{ " " }{ t.interprete() }</label>
        </> },
        Etape::Inquietudes => {
            let err = erreur_de(Champ::Domaines);
            html! { <>
                <fieldset id={id_champ(Champ::Domaines)} aria-describedby={err.as_ref().map(|_| "demande-domaines-erreur")}>
                    <legend>{ t.domaines_legende() }</legend>
                    { for DOMAINES.iter().map(|x| html! {
                        <label class="case"><input type="checkbox" checked={b.domaines.iter().any(|y| y == x)} onchange={case(Case::Domaine(x))} />{ " " }{ t.domaine(x) }</label>
                    }) }
                    if let Some(e) = err { <p id="demande-domaines-erreur" class="erreur-champ">{ e }</p> }
                </fieldset>
                <div class="champ">
                    <label for={id_champ(Champ::Inquietude)}>{ t.champ(Champ::Inquietude) }</label>
                    <textarea id={id_champ(Champ::Inquietude)} rows="4" aria-describedby="demande-inquietude-aide"
                        value={b.inquietude.clone()} oninput={saisie.clone()} />
                    <p id="demande-inquietude-aide" class="aide">{ t.aide_inquietude() }</p>
                </div>
                <div class="champ">
                    <label for={id_champ(Champ::DejaFait)}>{ t.champ(Champ::DejaFait) }</label>
                    <textarea id={id_champ(Champ::DejaFait)} rows="3" value={b.deja_fait.clone()} oninput={saisie.clone()} />
                </div>
            </> }
        }
        Etape::Recapitulatif => match demande::valider(b, jour, p.age_min, p.age_max) {
            Err(_) => html! {},
            Ok(v) => {
                let texte = Rc::new(v.texte_fr(&p.eligibilite));
                let imprimer = commande::<MouseEvent>(&x, Commande::Imprimer);
                let telecharger = commande::<MouseEvent>(&x, Commande::Telecharger(texte.clone()));
                let courriel = (!p.contact.email.is_empty()).then(|| {
                    demande::mailto(
                        &p.contact.email,
                        "Demande d’accompagnement individualisé",
                        &texte,
                    )
                });
                html! { <>
                    // No « send it by e-mail » when the team has no address to send it to.
                    <p class="recap-intro">{ if courriel.is_some() { t.recap_intro() } else { t.recap_intro_sans_courriel() } }</p>
                    // For the team, in French whatever the page's language: left to right.
                    <div class="recapitulatif" lang="fr" dir="ltr">
                        <pre>{ texte.as_str() }</pre>
                        <p class="signature">{ demande::SIGNATURE_FR }</p>
                    </div>
                    <div class="actions">
                        <button type="button" class="bouton principal" onclick={imprimer}>{ t.imprimer() }</button>
                        { match courriel {
                            Some(Some(lien)) => html! { <a class="bouton principal" id="demande-courriel" href={lien}>{ t.courriel() }</a> },
                            Some(None) => html! { <p class="aide">{ t.courriel_trop_long() }</p> },
                            None => html! { <p class="aide" role="status">{ t.sans_contact() }</p> },
                        } }
                        <button type="button" id="demande-telecharger" class="bouton secondaire" onclick={telecharger}>{ t.demande_telecharger() }</button>
                    </div>
                    <p class="aide">{ t.rien_envoye() }</p>
                </> }
            }
        },
    };

    // Closing by the form's button: asks first when answers are kept nowhere; then leaves the
    // history entry the request added.
    let fermer = commande::<MouseEvent>(&x, Commande::Fermer);
    let question = etat.confirmation.as_ref().map(|_| {
        let choix = |garder: Option<bool>| commande::<MouseEvent>(&x, Commande::Repondre(garder));
        html! {
            // Escape closes the dialog: the request stays open.
            <dialog ref={dialogue.clone()} id="demande-quitter" class="quitter" aria-labelledby="demande-quitter-titre"
                aria-describedby="demande-quitter-texte" onclose={envoyer::<Event>(&d, Geste::Annuler)}>
                <h3 id="demande-quitter-titre">{ t.quitter_titre() }</h3>
                <p id="demande-quitter-texte">{ t.quitter_texte() }</p>
                <div class="actions">
                    <button type="button" class="bouton principal" autofocus=true onclick={choix(None)}>{ t.quitter_continuer() }</button>
                    <button type="button" class="bouton secondaire" onclick={choix(Some(true))}>{ t.quitter_garder() }</button>
                    <button type="button" class="bouton secondaire" onclick={choix(Some(false))}>{ t.quitter_sans_garder() }</button>
                </div>
            </dialog>
        }
    });
    html! {
        <section class="demande-formulaire" aria-labelledby="demande-titre">
            <h2 id="demande-titre">{ t.demande_titre() }</h2>
            <p>{ t.demande_intro() }</p>
            <progress max={etapes.len().to_string()} value={(index + 1).to_string()} aria-labelledby="demande-etape"></progress>
            <label class="case"><input type="checkbox" id="demande-garder" checked={etat.garder} onchange={commande::<Event>(&x, Commande::Garder)}
                aria-describedby="demande-garder-aide" />{ " " }{ t.garder() }</label>
            <p id="demande-garder-aide" class="aide">
                { t.garder_aide() }
                if etat.autre && !etat.garder { { " " }{ t.brouillon_autre() } }
            </p>
            <p class="message-brouillon" role="status">{ etat.message.unwrap_or_default() }</p>
            if !p.permise {
                <p class="demande-arretee" role="alert">{ t.demande_hors_programme() }</p>
            }
            <h3 id="demande-etape" tabindex="-1">{ t.etape(index + 1, etapes.len(), etat.etape) }</h3>
            { resume_erreurs.unwrap_or_default() }
            if p.permise || etat.etape != Etape::Recapitulatif { { contenu } }
            <div class="actions">
                if index > 0 {
                    <button type="button" class="bouton secondaire" onclick={aller(-1)}>{ t.demande_precedent() }</button>
                }
                if etat.etape != Etape::Recapitulatif && p.permise {
                    <button type="button" id="demande-suivant" class="bouton principal" onclick={aller(1)}>{ t.demande_suivant() }</button>
                }
                <button type="button" class="bouton lien" onclick={fermer}>{ t.demande_fermer() }</button>
            </div>
            <button type="button" class="bouton secondaire" id="demande-effacer" onclick={commande::<MouseEvent>(&x, Commande::Effacer)}>{ t.tout_effacer() }</button>
            { question }
        </section>
    }
}
