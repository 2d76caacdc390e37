//! The referral form: consent first, few fields, one step at a time, errors next to each field
//! and summed up at the top (announced), then a summary to print, e-mail or download — each
//! holding exactly what the form holds. Nothing leaves the device unless the user sends it.

use crate::navigateur;
use crate::textes::textes;
use parcours_core::demande::{self, Brouillon, Champ, Demandeur, Erreur, Etape, DOMAINES};
use parcours_core::lien::Langue;
use parcours_core::programme::{Contact, Date};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub langue: Langue,
    /// The answer's sentence with its data version, carried into the request.
    pub eligibilite: String,
    /// Where the request goes (the team, or the PRE).
    pub contact: Contact,
    pub age_min: u32,
    pub age_max: u32,
    /// Schools to pick from (empty: free text only).
    pub ecoles: Rc<Vec<parcours_core::asset::Ecole>>,
    pub onfermer: Callback<()>,
}

/// The id of a field's input (the error summary links to it).
fn id_champ(c: Champ) -> &'static str {
    match c {
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

/// HTML-escaped text (the downloaded file is built from the user's text: never as markup).
fn echapper(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn fichier_html(texte: &str, signature: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Demande d’accompagnement</title>\
         <style>body{{font-family:sans-serif;max-width:40rem;margin:2rem auto;line-height:1.5}}pre{{white-space:pre-wrap;font-family:inherit}}</style>\
         </head><body><pre>{}</pre><p>{}</p><p style=\"border-bottom:1px solid #000;height:3rem\"></p></body></html>",
        echapper(texte),
        echapper(signature)
    )
}

#[function_component]
pub fn FormulaireDemande(p: &Props) -> Html {
    let t = textes(p.langue);
    let b = use_state(Brouillon::default);
    let etape = use_state(|| Etape::Demandeur);
    let erreurs = use_state(Vec::<Erreur>::new);
    let jour = navigateur::aujourd_hui().unwrap_or(Date {
        annee: 2026,
        mois: 1,
        jour: 1,
    });
    let index = Etape::TOUTES.iter().position(|e| *e == *etape).unwrap_or(0);
    let garder = use_state(|| false);
    let message = use_state(|| None::<&'static str>);

    // A draft kept on this device comes back, or is said to be unreadable (never dropped).
    {
        let (b, garder, message) = (b.clone(), garder.clone(), message.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match navigateur::lire_brouillon().await {
                    navigateur::Brouillon::Repris(octets) => {
                        match Brouillon::depuis_octets(&octets) {
                            Some(x) => {
                                b.set(x);
                                garder.set(true);
                                message.set(Some(t.brouillon_repris()));
                            }
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
    // Kept only when asked, after each change.
    {
        let message = message.clone();
        use_effect_with(((*b).clone(), *garder), move |(b, garder)| {
            if *garder {
                let octets = b.vers_octets();
                wasm_bindgen_futures::spawn_local(async move {
                    if !navigateur::garder_brouillon(&octets).await {
                        message.set(Some(t.brouillon_indisponible()));
                    }
                });
            }
        });
    }
    let basculer_garder = {
        let garder = garder.clone();
        Callback::from(move |_| {
            let g = !*garder;
            garder.set(g);
            if !g {
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
        );
        Callback::from(move |_| {
            let (b, garder, message, etape, erreurs) = etat.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let ok = navigateur::tout_effacer().await;
                garder.set(false);
                b.set(Brouillon::default());
                erreurs.set(Vec::new());
                etape.set(Etape::Demandeur);
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
                 aide: Option<&'static str>| {
        let id = id_champ(c);
        let err = erreur_de(c);
        let decrit = [
            aide.map(|_| format!("{id}-aide")),
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
            let i = Etape::TOUTES.iter().position(|e| *e == *etape).unwrap_or(0) as isize;
            if vers > 0 {
                let e = demande::erreurs_etape(&b, *etape, jour, min, max);
                if !e.is_empty() {
                    erreurs.set(e);
                    return;
                }
            }
            erreurs.set(Vec::new());
            let j = (i + vers).clamp(0, Etape::TOUTES.len() as isize - 1) as usize;
            etape.set(Etape::TOUTES[j]);
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
        Etape::Demandeur => {
            let choix = [
                Demandeur::Parent,
                Demandeur::PersonnelScolaire,
                Demandeur::AutreProfessionnel,
            ];
            html! { <>
                <fieldset>
                    <legend>{ t.demandeur_question() }</legend>
                    { for choix.into_iter().map(|d| {
                        let b2 = b.clone();
                        let onchange = Callback::from(move |_| { let mut n = (*b2).clone(); n.demandeur = d; b2.set(n); });
                        html! { <label class="case"><input type="radio" name="demandeur" checked={b.demandeur == d} {onchange} />{ " " }{ t.demandeur(d) }</label> }
                    }) }
                </fieldset>
                if b.demandeur != Demandeur::Parent {
                    { champ(Champ::ProNom, &b.pro_nom, modifier(|b, v| b.pro_nom = v), "text", None) }
                    { champ(Champ::ProFonction, &b.pro_fonction, modifier(|b, v| b.pro_fonction = v), "text", None) }
                    { champ(Champ::ProStructure, &b.pro_structure, modifier(|b, v| b.pro_structure = v), "text", None) }
                    { champ(Champ::ProContact, &b.pro_contact, modifier(|b, v| b.pro_contact = v), "text", None) }
                }
            </> }
        }
        Etape::Enfant => html! { <>
            { champ(Champ::EnfantPrenom, &b.enfant_prenom, modifier(|b, v| b.enfant_prenom = v), "text", None) }
            { champ(Champ::EnfantNom, &b.enfant_nom, modifier(|b, v| b.enfant_nom = v), "text", None) }
            { champ(Champ::EnfantNaissance, &b.enfant_naissance, modifier(|b, v| b.enfant_naissance = v), "text", Some(t.aide_naissance())) }
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
                <input id="demande-classe" type="text" value={b.enfant_classe.clone()} oninput={modifier(|b, v| b.enfant_classe = v)} />
            </div>
        </> },
        Etape::Famille => {
            let interprete = basculer(|b| b.interprete = !b.interprete);
            html! { <>
                { champ(Champ::Responsables, &b.responsables, modifier(|b, v| b.responsables = v), "text", None) }
                <p class="aide">{ t.aide_contact() }</p>
                { champ(Champ::Telephone, &b.telephone, modifier(|b, v| b.telephone = v), "tel", None) }
                { champ(Champ::Email, &b.email, modifier(|b, v| b.email = v), "email", None) }
                <div class="champ">
                    <label for="demande-langue">{ t.langue_famille() }</label>
                    <input id="demande-langue" type="text" value={b.langue_famille.clone()} oninput={modifier(|b, v| b.langue_famille = v)} />
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
        Etape::Accord => {
            let accord = basculer(|b| b.consentement = !b.consentement);
            let err = erreur_de(Champ::Consentement);
            let pro = b.demandeur != Demandeur::Parent;
            html! { <>
                <label class="case accord">
                    <input id={id_champ(Champ::Consentement)} type="checkbox" checked={b.consentement} onchange={accord}
                        aria-invalid={if err.is_some() { "true" } else { "false" }}
                        aria-describedby={err.as_ref().map(|_| "demande-consentement-erreur")} />
                    { " " }{ if pro { t.accord_pro() } else { t.accord_parent() } }
                </label>
                if let Some(e) = err { <p id="demande-consentement-erreur" class="erreur-champ">{ e }</p> }
                if pro {
                    { champ(Champ::ConsentementDate, &b.consentement_date, modifier(|b, v| b.consentement_date = v), "text", None) }
                }
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
                let signature = t.signature();
                let telecharger = Callback::from(move |_| {
                    navigateur::telecharger(
                        "demande-parcours.html",
                        "text/html;charset=utf-8",
                        &fichier_html(&t2, signature),
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
                    <p>{ t.recap_intro() }</p>
                    <div class="recapitulatif" lang="fr">
                        <pre>{ texte.as_str() }</pre>
                        <p class="signature">{ t.signature() }</p>
                    </div>
                    <div class="actions">
                        <button type="button" class="bouton principal" onclick={imprimer}>{ t.imprimer() }</button>
                        { match courriel {
                            Some(Some(lien)) => html! { <a class="bouton principal" id="demande-courriel" href={lien}>{ t.courriel() }</a> },
                            Some(None) => html! { <p class="aide">{ t.courriel_trop_long() }</p> },
                            None => html! { <p class="aide" role="status">{ t.sans_contact() }</p> },
                        } }
                        <button type="button" class="bouton secondaire" onclick={telecharger}>{ t.demande_telecharger() }</button>
                    </div>
                    <p class="aide">{ t.rien_envoye() }</p>
                </> }
            }
        },
    };

    let fermer = {
        let cb = p.onfermer.clone();
        Callback::from(move |_| cb.emit(()))
    };
    html! {
        <section class="demande-formulaire" aria-labelledby="demande-titre">
            <h2 id="demande-titre">{ t.demande_titre() }</h2>
            <p>{ t.demande_intro() }</p>
            <progress max={Etape::TOUTES.len().to_string()} value={(index + 1).to_string()} aria-labelledby="demande-etape"></progress>
            <label class="case"><input type="checkbox" id="demande-garder" checked={*garder} onchange={basculer_garder}
                aria-describedby="demande-garder-aide" />{ " " }{ t.garder() }</label>
            <p id="demande-garder-aide" class="aide">{ t.garder_aide() }</p>
            <p class="message-brouillon" role="status">{ message.unwrap_or_default() }</p>
            <h3 id="demande-etape" tabindex="-1">{ t.etape(index + 1, Etape::TOUTES.len(), *etape) }</h3>
            { resume_erreurs.unwrap_or_default() }
            { contenu }
            <div class="actions">
                if index > 0 {
                    <button type="button" class="bouton secondaire" onclick={aller(-1)}>{ t.demande_precedent() }</button>
                }
                if *etape != Etape::Recapitulatif {
                    <button type="button" class="bouton principal" onclick={aller(1)}>{ t.demande_suivant() }</button>
                }
                <button type="button" class="bouton lien" onclick={fermer}>{ t.demande_fermer() }</button>
            </div>
            <button type="button" class="bouton secondaire" id="demande-effacer" onclick={effacer}>{ t.tout_effacer() }</button>
        </section>
    }
}
