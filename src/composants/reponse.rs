//! The answer, as a card in plain words, with the "how do we know" disclosure.

use crate::choix::Choix;
use crate::donnees::Donnees;
use crate::textes::textes;
use parcours_core::decision::{Avis, Decision, Reponse};
use parcours_core::lien::Langue;
use parcours_core::nombre;
use parcours_core::programme::Contact;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub donnees: Rc<Donnees>,
    pub reponse: Rc<Reponse>,
    pub choix: Choix,
    pub langue: Langue,
    pub onnouvelle: Callback<()>,
    /// « Faire une demande » opens the referral form.
    pub ondemande: Callback<()>,
    /// The other ways to find the place (position, map, national service), shown when the data
    /// cannot answer for the typed address (a street not placed, a doubtful match).
    #[prop_or_default]
    pub chemins: Html,
}

fn contact(c: &Contact, inconnu: &str) -> Html {
    if c.est_vide() {
        return html! { <p class="contact inconnu">{ inconnu }</p> };
    }
    html! {
        <ul class="contact" lang="fr">
            if !c.nom.is_empty() { <li>{ &c.nom }</li> }
            if !c.telephone.is_empty() {
                <li><a href={format!("tel:{}", c.telephone.replace(' ', ""))}>{ &c.telephone }</a></li>
            }
            if !c.email.is_empty() { <li><a href={format!("mailto:{}", c.email)}>{ &c.email }</a></li> }
            if !c.adresse.is_empty() { <li>{ &c.adresse }</li> }
        </ul>
    }
}

#[function_component]
pub fn CarteReponse(p: &Props) -> Html {
    let t = textes(p.langue);
    let prog = &p.donnees.verificateur.programme;
    let rep = &p.reponse;
    let (classe, titre, corps): (&str, String, Html) = if let Some(_age) = rep.hors_age {
        (
            "hors",
            t.hors_age_titre(&prog.age_min, &prog.age_max),
            html! { <p>{ t.hors_age_texte() }</p> },
        )
    } else {
        match &rep.decision {
            Decision::Eligible {
                equipe, quartier, ..
            } => (
                "oui",
                t.eligible_titre().to_string(),
                html! { <>
                    <p>{ t.eligible_texte(*equipe, quartier) }</p>
                    <p>{ t.ensuite() }</p>
                </> },
            ),
            // The PRE's contact comes once, with « Faire une demande » below.
            Decision::ZonePrioritaire { zone, .. } => (
                "prioritaire",
                t.prioritaire_titre(zone),
                html! { <p>{ t.prioritaire_texte() }</p> },
            ),
            Decision::HorsTerritoire { .. } => (
                "hors",
                t.hors_territoire_titre().to_string(),
                html! { <p>{ t.hors_territoire_texte() }</p> },
            ),
            Decision::HorsDijon { .. } => (
                "hors",
                t.hors_dijon_titre().to_string(),
                html! { <p>{ t.hors_dijon_texte() }</p> },
            ),
            Decision::AConfirmer { motifs, .. } => (
                "confirmer",
                t.a_confirmer_titre().to_string(),
                html! { <>
                    <p>{ t.a_confirmer_texte() }</p>
                    <ul class="motifs">{ for motifs.iter().map(|m| html! { <li>{ t.motif(m) }</li> }) }</ul>
                </> },
            ),
            Decision::AdresseIntrouvable => ("hors", t.aucune_suggestion().to_string(), html! {}),
            Decision::AdresseNonLocalisee => (
                "confirmer",
                t.non_localisee_titre().to_string(),
                html! { <>
                    <p>{ t.non_localisee_texte() }</p>
                    { p.chemins.clone() }
                </> },
            ),
            Decision::AdresseIncertaine { doutes } => {
                let label = match &p.choix {
                    Choix::Adresse(r) => r.label.clone(),
                    _ => String::new(),
                };
                (
                    "confirmer",
                    // The address isolated: French inside an Arabic sentence.
                    t.incertaine_titre(&format!("\u{2068}{label}\u{2069}")),
                    html! { <>
                        <p>{ t.incertaine_texte() }</p>
                        <ul class="motifs">{ for doutes.iter().map(|d| html! { <li>{ t.doute(d) }</li> }) }</ul>
                        { p.chemins.clone() }
                    </> },
                )
            }
        }
    };
    let permet = rep.hors_age.is_none() && rep.decision.permet_une_demande();
    let equipe = rep.decision.equipe().and_then(|e| prog.territoire(e));
    let demander = {
        let cb = p.ondemande.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let nouvelle = {
        let cb = p.onnouvelle.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let lieu = match &p.choix {
        Choix::Adresse(r) => html! {
            <p class="lieu"><span class="etiquette">{ t.adresse_choisie() }{ t.deux_points() }</span>
                <bdi lang="fr">{ &r.label }</bdi>
                if r.precision != parcours_core::recherche::Precision::Numero {
                    <span class="precision">{ format!(" ({})", t.precision(r.precision)) }</span>
                }
            </p>
        },
        Choix::Externe { label, .. } => html! {
            <p class="lieu"><span class="etiquette">{ t.adresse_choisie() }{ t.deux_points() }</span>
                <bdi lang="fr">{ label }</bdi>
                <span class="precision">{ format!(" ({})", t.en_ligne_source()) }</span>
            </p>
        },
        Choix::Point(pt) => html! {
            <p class="lieu"><span class="etiquette">{ t.point_choisi() }{ t.deux_points() }</span>
                { format!("{}, {}", nombre::ecrire(pt.lat, 5), nombre::ecrire(pt.lon, 5)) }
                if pt.precision_m > 0.0 { { format!(" (± {} m)", nombre::ecrire(pt.precision_m, 0)) } }
            </p>
        },
    };
    let periode = rep.avis.iter().map(|a| match a {
        Avis::HorsPeriode { debut, fin, .. } => {
            t.hors_periode(&debut.jj_mm_aaaa(), &fin.jj_mm_aaaa())
        }
    });
    html! {
        <section class={classes!("reponse", classe)} aria-labelledby="titre-reponse" data-decision={rep.code()}>
            <p class="surtitre">{ t.reponse() }</p>
            <h2 id="titre-reponse" tabindex="-1">{ titre }</h2>
            { lieu }
            if let Some(i) = rep.decision.iris() {
                <p class="secteur">{ t.secteur(&i.nom, &p.donnees.verificateur.carte.millesime) }</p>
            }
            { corps }
            { for periode.map(|s| html! { <p class="avis">{ s }</p> }) }
            if permet {
                <button type="button" class="bouton principal" onclick={demander}>{ t.faire_une_demande() }</button>
                { match equipe {
                    Some(te) => contact(&te.contact, t.contact_inconnu()),
                    None => contact(&prog.contact_pre, t.contact_inconnu()),
                } }
            }
            <details class="comment">
                <summary>{ t.comment_savons_nous() }</summary>
                <p>{ t.iris_explication() }</p>
                <ul>{ for rep.raisons.iter().map(|r| html! { <li>{ t.raison(r) }</li> }) }</ul>
            </details>
            <button type="button" class="bouton lien" onclick={nouvelle}>{ t.nouvelle_recherche() }</button>
        </section>
    }
}
