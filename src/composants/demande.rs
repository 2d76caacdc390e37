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
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
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

/// HTML-escaped text (the downloaded file is built from the user's text: never as markup).
fn echapper(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn fichier_html(texte: &str, signature: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"fr\" dir=\"ltr\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Demande d’accompagnement</title>\
         <style>body{{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}pre{{white-space:pre-wrap;font-family:inherit}}</style>\
         </head><body><pre>{}</pre><p>{}</p><p style=\"border-bottom:1px solid #000;height:3rem\"></p></body></html>",
        echapper(texte),
        echapper(signature)
    )
}

#[function_component]
pub fn FormulaireDemande(p: &Props) -> Html {
    let t = textes(p.langue);
    // The form as it opened: answers differ from it once the user typed something.
    let vierge = use_state(|| Brouillon {
        sujet: p.sujet.clone(),
        adresse: p.adresse.clone(),
        ..Brouillon::default()
    });
    let b = use_state(|| p.reprise.clone().unwrap_or_else(|| (*vierge).clone()));
    let etape = use_state(|| Etape::Accord);
    let erreurs = use_state(Vec::<Erreur>::new);
    let jour = navigateur::aujourd_hui().unwrap_or(Date {
        annee: 2026,
        mois: 1,
        jour: 1,
    });
    let etapes = Etape::pour(b.demandeur);
    let index = etapes.iter().position(|e| *e == *etape).unwrap_or(0);
    let garder = use_state(|| p.reprise.is_some());
    let message = use_state(|| p.reprise.as_ref().map(|_| t.brouillon_repris()));
    // Another request's draft is kept: keeping this one replaces it (said under the box).
    let autre = use_state(|| false);
    // « Quitter la demande ? », with what to do once the user agrees.
    let confirmation = use_state(|| None::<Callback<()>>);
    let dialogue = use_node_ref();
    // The draft as stored last (read back or saved): not written again unchanged.
    let stocke = use_mut_ref(|| p.reprise.clone());

    // A draft kept for this very request comes back (a draft for another request is never
    // shown inside this one); an unreadable one is said (never dropped).
    {
        let (b, garder, message, autre) =
            (b.clone(), garder.clone(), message.clone(), autre.clone());
        let stocke = stocke.clone();
        let sujet = p.sujet.clone();
        let reprise = p.reprise.is_some();
        use_effect_with((), move |_| {
            if reprise {
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                match navigateur::lire_brouillon().await {
                    navigateur::Brouillon::Repris(octets, _) => {
                        match Brouillon::depuis_octets(&octets) {
                            Some(x) if x.sujet == sujet => {
                                *stocke.borrow_mut() = Some(x.clone());
                                b.set(x);
                                garder.set(true);
                                message.set(Some(t.brouillon_repris()));
                            }
                            Some(_) => autre.set(true),
                            None => message.set(Some(t.brouillon_illisible())),
                        }
                    }
                    navigateur::Brouillon::Expire => message.set(Some(t.brouillon_expire())),
                    navigateur::Brouillon::Illisible => message.set(Some(t.brouillon_illisible())),
                    navigateur::Brouillon::Aucun | navigateur::Brouillon::Indisponible => {}
                }
            });
        });
    }
    // Another answer checked while the form is open: the request is now about it (its address
    // replaces the prefilled one, unless the user typed their own).
    {
        let b = b.clone();
        let vierge = vierge.clone();
        use_effect_with(
            (p.sujet.clone(), p.adresse.clone()),
            move |(sujet, adresse)| {
                if *sujet != vierge.sujet {
                    let mut n = (*b).clone();
                    n.sujet = sujet.clone();
                    if n.adresse.trim().is_empty() || n.adresse == vierge.adresse {
                        n.adresse = adresse.clone();
                    }
                    b.set(n);
                    vierge.set(Brouillon {
                        sujet: sujet.clone(),
                        adresse: adresse.clone(),
                        ..Brouillon::default()
                    });
                }
            },
        );
    }
    // Kept only when asked, after each change; if this browser cannot keep it, the box unticks.
    {
        let (message, garder2) = (message.clone(), garder.clone());
        let stocke = stocke.clone();
        use_effect_with(((*b).clone(), *garder), move |(b, garder)| {
            if *garder && stocke.borrow().as_ref() != Some(b) {
                *stocke.borrow_mut() = Some(b.clone());
                let octets = b.vers_octets();
                wasm_bindgen_futures::spawn_local(async move {
                    if !navigateur::garder_brouillon(&octets).await {
                        message.set(Some(t.brouillon_indisponible()));
                        garder2.set(false);
                    }
                });
            }
        });
    }
    // Answers kept nowhere: leaving asks first (this form's button, the back gesture, and what
    // the page does through `quitter_demande`).
    let non_gardees = !*garder && *b != *vierge;
    {
        let confirmation = confirmation.clone();
        use_effect_with(non_gardees, move |non_gardees| {
            GARDE.with(|g| {
                *g.borrow_mut() = non_gardees
                    .then(|| Callback::from(move |puis: Callback<()>| confirmation.set(Some(puis))))
            });
            || GARDE.with(|g| *g.borrow_mut() = None)
        });
    }
    // The back gesture: the request adds a history entry when it opens; going back past it
    // closes the request, or asks first (the entry comes back meanwhile).
    {
        let onfermer = p.onfermer.clone();
        let confirmation = confirmation.clone();
        // What the listener (made once) reads: whether answers are kept nowhere now.
        let a_garder = use_mut_ref(|| false);
        *a_garder.borrow_mut() = non_gardees;
        use_effect_with((), move |_| {
            navigateur::marquer_demande();
            let fenetre = web_sys::window().expect("window");
            let ecouteur = gloo_events::EventListener::new(&fenetre, "popstate", move |_| {
                if navigateur::sur_la_marque_demande() {
                    return;
                }
                if *a_garder.borrow() {
                    navigateur::marquer_demande();
                    let onfermer = onfermer.clone();
                    confirmation.set(Some(Callback::from(move |_| {
                        navigateur::quitter_marque_demande();
                        onfermer.emit(());
                    })));
                } else {
                    onfermer.emit(());
                }
            });
            move || drop(ecouteur)
        });
    }
    // The question is a modal dialog (Escape keeps the request open).
    {
        let dialogue = dialogue.clone();
        use_effect_with(confirmation.is_some(), move |ouverte| {
            if *ouverte {
                if let Some(d) = dialogue.cast::<web_sys::HtmlDialogElement>() {
                    if !d.open() {
                        let _ = d.show_modal();
                    }
                }
            }
        });
    }
    let basculer_garder = {
        let garder = garder.clone();
        let stocke = stocke.clone();
        Callback::from(move |_| {
            let g = !*garder;
            garder.set(g);
            if !g {
                *stocke.borrow_mut() = None;
                wasm_bindgen_futures::spawn_local(navigateur::oublier_brouillon());
            }
        })
    };
    let effacer = {
        let etat = (
            b.clone(),
            garder.clone(),
            message.clone(),
            etape.clone(),
            erreurs.clone(),
            vierge.clone(),
        );
        let stocke = stocke.clone();
        Callback::from(move |_| {
            let (b, garder, message, etape, erreurs, vierge) = etat.clone();
            let stocke = stocke.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let ok = navigateur::tout_effacer().await;
                *stocke.borrow_mut() = None;
                garder.set(false);
                b.set((*vierge).clone());
                erreurs.set(Vec::new());
                etape.set(Etape::Accord);
                message.set(Some(if ok {
                    t.tout_efface()
                } else {
                    t.brouillon_indisponible()
                }));
            });
        })
    };

    // Focus the step's heading (or the error summary) when the step changes.
    {
        let n = erreurs.len();
        use_effect_with((*etape, n), move |(_, n)| {
            navigateur::focaliser(if *n > 0 {
                "demande-erreurs"
            } else {
                "demande-etape"
            });
        });
    }

    // One handler for the check boxes that flip one field.
    let basculer = |f: fn(&mut Brouillon)| {
        let b = b.clone();
        Callback::from(move |_: Event| {
            let mut n = (*b).clone();
            f(&mut n);
            b.set(n);
        })
    };
    // One handler for text inputs and text areas.
    let modifier = |f: fn(&mut Brouillon, String)| {
        let b = b.clone();
        Callback::from(move |e: InputEvent| {
            let cible = e.target();
            let v = cible
                .as_ref()
                .and_then(|c| c.dyn_ref::<web_sys::HtmlInputElement>().map(|i| i.value()))
                .or_else(|| {
                    cible.as_ref().and_then(|c| {
                        c.dyn_ref::<web_sys::HtmlTextAreaElement>()
                            .map(|t| t.value())
                    })
                })
                .unwrap_or_default();
            let mut n = (*b).clone();
            f(&mut n, v);
            b.set(n);
        })
    };
    let erreur_de = |c: Champ| {
        erreurs
            .iter()
            .find(|e| e.champ == c)
            .map(|e| t.probleme(&e.probleme))
    };

    let champ = |c: Champ,
                 valeur: &str,
                 cb: Callback<InputEvent>,
                 type_: &'static str,
                 aide: Option<String>| {
        let id = id_champ(c);
        let err = erreur_de(c);
        let decrit = [
            aide.as_ref().map(|_| format!("{id}-aide")),
            err.as_ref().map(|_| format!("{id}-erreur")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        html! {
            <div class="champ">
                <label for={id}>{ t.champ(c) }</label>
                <input id={id} type={type_} value={valeur.to_string()} oninput={cb}
                    autocomplete={remplissage(c, b.demandeur)}
                    list={(c == Champ::EnfantEcole && !p.ecoles.is_empty()).then_some("demande-ecoles")}
                    aria-invalid={if err.is_some() { "true" } else { "false" }}
                    aria-describedby={(!decrit.is_empty()).then_some(decrit)} />
                if let Some(a) = aide { <p id={format!("{id}-aide")} class="aide">{ a }</p> }
                if let Some(e) = err { <p id={format!("{id}-erreur")} class="erreur-champ">{ e }</p> }
            </div>
        }
    };

    let aller = |vers: isize| {
        let etape = etape.clone();
        let erreurs = erreurs.clone();
        let b = b.clone();
        let (min, max) = (p.age_min, p.age_max);
        Callback::from(move |_| {
            let etapes = Etape::pour(b.demandeur);
            let i = etapes.iter().position(|e| *e == *etape).unwrap_or(0) as isize;
            if vers > 0 {
                let e = demande::erreurs_etape(&b, *etape, jour, min, max);
                if !e.is_empty() {
                    erreurs.set(e);
                    return;
                }
            }
            erreurs.set(Vec::new());
            let j = (i + vers).clamp(0, etapes.len() as isize - 1) as usize;
            etape.set(etapes[j]);
        })
    };

    let resume_erreurs = (!erreurs.is_empty()).then(|| html! {
        <div id="demande-erreurs" class="resume-erreurs" role="alert" tabindex="-1">
            <h3>{ t.erreurs_titre(erreurs.len()) }</h3>
            <ul>{ for erreurs.iter().map(|e| html! {
                <li><a href={format!("#{}", id_champ(e.champ))}>{ format!("{}{}{}", t.champ(e.champ), t.deux_points(), t.probleme(&e.probleme)) }</a></li>
            }) }</ul>
        </div>
    });

    let contenu = match *etape {
        Etape::Accord => {
            let choix = [
                Demandeur::Parent,
                Demandeur::PersonnelScolaire,
                Demandeur::AutreProfessionnel,
            ];
            let accord = basculer(|b| b.consentement = !b.consentement);
            let err = erreur_de(Champ::Consentement);
            let err_moyen = erreur_de(Champ::ConsentementMoyen);
            let pro = b.demandeur != Demandeur::Parent;
            html! { <>
                <p class="ce-qui-va-se-passer">{ if pro { t.accord_intro_pro() } else { t.accord_intro_parent() } }</p>
                <fieldset>
                    <legend>{ t.demandeur_question() }</legend>
                    { for choix.into_iter().map(|d| {
                        let b2 = b.clone();
                        let onchange = Callback::from(move |_| { let mut n = (*b2).clone(); n.demandeur = d; b2.set(n); });
                        html! { <label class="case"><input type="radio" name="demandeur" checked={b.demandeur == d} {onchange} />{ " " }{ t.demandeur(d) }</label> }
                    }) }
                </fieldset>
                <label class="case accord">
                    <input id={id_champ(Champ::Consentement)} type="checkbox" checked={b.consentement} onchange={accord}
                        aria-invalid={if err.is_some() { "true" } else { "false" }}
                        aria-describedby={err.as_ref().map(|_| "demande-consentement-erreur")} />
                    { " " }{ if pro { t.accord_pro() } else { t.accord_parent() } }
                </label>
                if let Some(e) = err { <p id="demande-consentement-erreur" class="erreur-champ">{ e }</p> }
                if pro {
                    <fieldset id={id_champ(Champ::ConsentementMoyen)} aria-describedby={err_moyen.as_ref().map(|_| "demande-consentementmoyen-erreur")}>
                        <legend>{ t.champ(Champ::ConsentementMoyen) }</legend>
                        { for MoyenAccord::TOUS.into_iter().map(|m| {
                            let b2 = b.clone();
                            let onchange = Callback::from(move |_| { let mut n = (*b2).clone(); n.consentement_moyen = Some(m); b2.set(n); });
                            html! { <label class="case"><input type="radio" name="moyen-accord" checked={b.consentement_moyen == Some(m)} {onchange} />{ " " }{ t.moyen_accord(m) }</label> }
                        }) }
                        if let Some(e) = err_moyen { <p id="demande-consentementmoyen-erreur" class="erreur-champ">{ e }</p> }
                    </fieldset>
                    { champ(Champ::ConsentementDate, &b.consentement_date, modifier(|b, v| b.consentement_date = v), "text", Some(t.aide_date().to_string())) }
                }
            </> }
        }
        Etape::Demandeur => html! { <>
            { champ(Champ::ProNom, &b.pro_nom, modifier(|b, v| b.pro_nom = v), "text", None) }
            { champ(Champ::ProFonction, &b.pro_fonction, modifier(|b, v| b.pro_fonction = v), "text", None) }
            { champ(Champ::ProStructure, &b.pro_structure, modifier(|b, v| b.pro_structure = v), "text", None) }
            { champ(Champ::ProContact, &b.pro_contact, modifier(|b, v| b.pro_contact = v), "text", None) }
        </> },
        Etape::Enfant => html! { <>
            { champ(Champ::EnfantPrenom, &b.enfant_prenom, modifier(|b, v| b.enfant_prenom = v), "text", None) }
            { champ(Champ::EnfantNom, &b.enfant_nom, modifier(|b, v| b.enfant_nom = v), "text", None) }
            { champ(Champ::EnfantNaissance, &b.enfant_naissance, modifier(|b, v| b.enfant_naissance = v), "text", Some(t.aide_naissance(&p.age_min, &p.age_max))) }
            { champ(Champ::EnfantEcole, &b.enfant_ecole, modifier(|b, v| b.enfant_ecole = v), "text", None) }
            if !p.ecoles.is_empty() {
                <datalist id="demande-ecoles">
                    { for p.ecoles.iter().map(|e| html! {
                        <option value={e.nom.clone()}>{ format!("{} — {}, {}", e.nom, e.nature, e.commune) }</option>
                    }) }
                </datalist>
            }
            <div class="champ">
                <label for="demande-classe">{ t.classe() }</label>
                <input id="demande-classe" type="text" autocomplete="off" value={b.enfant_classe.clone()} oninput={modifier(|b, v| b.enfant_classe = v)} />
            </div>
        </> },
        Etape::Famille => {
            let interprete = basculer(|b| b.interprete = !b.interprete);
            html! { <>
                { champ(Champ::Adresse, &b.adresse, modifier(|b, v| b.adresse = v), "text",
                    p.adresse.is_empty().then(|| t.aide_domicile().to_string())) }
                { champ(Champ::Responsables, &b.responsables, modifier(|b, v| b.responsables = v), "text", None) }
                <p class="aide">{ t.aide_contact() }</p>
                { champ(Champ::Telephone, &b.telephone, modifier(|b, v| b.telephone = v), "tel", None) }
                { champ(Champ::Email, &b.email, modifier(|b, v| b.email = v), "email", None) }
                <div class="champ">
                    <label for="demande-langue">{ t.langue_famille() }</label>
                    <input id="demande-langue" type="text" autocomplete="off" value={b.langue_famille.clone()} oninput={modifier(|b, v| b.langue_famille = v)} />
                </div>
                <label class="case"><input type="checkbox" checked={b.interprete} onchange={interprete} />{ " " }{ t.interprete() }</label>
            </> }
        }
        Etape::Inquietudes => {
            let err = erreur_de(Champ::Domaines);
            html! { <>
                <fieldset id={id_champ(Champ::Domaines)} aria-describedby={err.as_ref().map(|_| "demande-domaines-erreur")}>
                    <legend>{ t.domaines_legende() }</legend>
                    { for DOMAINES.iter().map(|d| {
                        let b2 = b.clone();
                        let coche = b.domaines.iter().any(|x| x == d);
                        let onchange = Callback::from(move |_| {
                            let mut n = (*b2).clone();
                            if let Some(i) = n.domaines.iter().position(|x| x == d) { n.domaines.remove(i); } else { n.domaines.push(d.to_string()); }
                            b2.set(n);
                        });
                        html! { <label class="case"><input type="checkbox" checked={coche} {onchange} />{ " " }{ t.domaine(d) }</label> }
                    }) }
                    if let Some(e) = err { <p id="demande-domaines-erreur" class="erreur-champ">{ e }</p> }
                </fieldset>
                <div class="champ">
                    <label for={id_champ(Champ::Inquietude)}>{ t.champ(Champ::Inquietude) }</label>
                    <textarea id={id_champ(Champ::Inquietude)} rows="4" aria-describedby="demande-inquietude-aide"
                        value={b.inquietude.clone()} oninput={modifier(|b, v| b.inquietude = v)} />
                    <p id="demande-inquietude-aide" class="aide">{ t.aide_inquietude() }</p>
                </div>
                <div class="champ">
                    <label for={id_champ(Champ::DejaFait)}>{ t.champ(Champ::DejaFait) }</label>
                    <textarea id={id_champ(Champ::DejaFait)} rows="3" value={b.deja_fait.clone()} oninput={modifier(|b, v| b.deja_fait = v)} />
                </div>
            </> }
        }
        Etape::Recapitulatif => match demande::valider(&b, jour, p.age_min, p.age_max) {
            Err(_) => html! {},
            Ok(d) => {
                let texte = Rc::new(d.texte_fr(&p.eligibilite));
                let imprimer = Callback::from(|_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.print();
                    }
                });
                let t2 = texte.clone();
                let telecharger = Callback::from(move |_| {
                    navigateur::telecharger(
                        "demande-parcours.html",
                        "text/html;charset=utf-8",
                        &fichier_html(&t2, demande::SIGNATURE_FR),
                    );
                });
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
    let fermer = {
        let cb = p.onfermer.clone();
        Callback::from(move |_| {
            let cb = cb.clone();
            quitter_demande(Callback::from(move |_| {
                navigateur::quitter_marque_demande();
                cb.emit(());
            }));
        })
    };
    let question = (*confirmation).clone().map(|puis| {
        let fermer_dialogue = {
            let confirmation = confirmation.clone();
            let dialogue = dialogue.clone();
            move || {
                if let Some(d) = dialogue.cast::<web_sys::HtmlDialogElement>() {
                    d.close();
                }
                confirmation.set(None);
            }
        };
        let continuer = {
            let f = fermer_dialogue.clone();
            Callback::from(move |_: MouseEvent| f())
        };
        // Escape closes the dialog: the request stays open.
        let annuler = {
            let confirmation = confirmation.clone();
            Callback::from(move |_: Event| confirmation.set(None))
        };
        let sans_garder = {
            let (f, puis) = (fermer_dialogue.clone(), puis.clone());
            Callback::from(move |_: MouseEvent| {
                f();
                GARDE.with(|g| *g.borrow_mut() = None);
                puis.emit(());
            })
        };
        let garder_puis = {
            let (f, b) = (fermer_dialogue, b.clone());
            Callback::from(move |_: MouseEvent| {
                f();
                GARDE.with(|g| *g.borrow_mut() = None);
                let octets = b.vers_octets();
                let puis = puis.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    navigateur::garder_brouillon(&octets).await;
                    puis.emit(());
                });
            })
        };
        html! {
            <dialog ref={dialogue.clone()} id="demande-quitter" class="quitter" aria-labelledby="demande-quitter-titre"
                aria-describedby="demande-quitter-texte" onclose={annuler}>
                <h3 id="demande-quitter-titre">{ t.quitter_titre() }</h3>
                <p id="demande-quitter-texte">{ t.quitter_texte() }</p>
                <div class="actions">
                    <button type="button" class="bouton principal" autofocus=true onclick={continuer}>{ t.quitter_continuer() }</button>
                    <button type="button" class="bouton secondaire" onclick={garder_puis}>{ t.quitter_garder() }</button>
                    <button type="button" class="bouton secondaire" onclick={sans_garder}>{ t.quitter_sans_garder() }</button>
                </div>
            </dialog>
        }
    });
    html! {
        <section class="demande-formulaire" aria-labelledby="demande-titre">
            <h2 id="demande-titre">{ t.demande_titre() }</h2>
            <p>{ t.demande_intro() }</p>
            <progress max={etapes.len().to_string()} value={(index + 1).to_string()} aria-labelledby="demande-etape"></progress>
            <label class="case"><input type="checkbox" id="demande-garder" checked={*garder} onchange={basculer_garder}
                aria-describedby="demande-garder-aide" />{ " " }{ t.garder() }</label>
            <p id="demande-garder-aide" class="aide">
                { t.garder_aide() }
                if *autre && !*garder { { " " }{ t.brouillon_autre() } }
            </p>
            <p class="message-brouillon" role="status">{ message.unwrap_or_default() }</p>
            if !p.permise {
                <p class="demande-arretee" role="alert">{ t.demande_hors_programme() }</p>
            }
            <h3 id="demande-etape" tabindex="-1">{ t.etape(index + 1, etapes.len(), *etape) }</h3>
            { resume_erreurs.unwrap_or_default() }
            if p.permise || *etape != Etape::Recapitulatif { { contenu } }
            <div class="actions">
                if index > 0 {
                    <button type="button" class="bouton secondaire" onclick={aller(-1)}>{ t.demande_precedent() }</button>
                }
                if *etape != Etape::Recapitulatif && p.permise {
                    <button type="button" id="demande-suivant" class="bouton principal" onclick={aller(1)}>{ t.demande_suivant() }</button>
                }
                <button type="button" class="bouton lien" onclick={fermer}>{ t.demande_fermer() }</button>
            </div>
            <button type="button" class="bouton secondaire" id="demande-effacer" onclick={effacer}>{ t.tout_effacer() }</button>
            { question }
        </section>
    }
}
