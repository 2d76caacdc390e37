//! The answer, as a card in plain words, with the "how do we know" disclosure.

use crate::choix::Choix;
use crate::donnees::Donnees;
use parcours_core::decision::{Avis, Decision, Reponse};
use parcours_core::nombre;
use parcours_core::programme::Contact;
use yew::prelude::*;

/// What the answer card shows: a plain function of the page's render (no state of its own),
/// drawn again with each render of the page.
pub struct VueReponse<'a> {
    pub donnees: &'a Donnees,
    pub reponse: &'a Reponse,
    pub choix: &'a Choix,
    pub t: &'a parcours_core::textes::Textes,
    pub onnouvelle: Callback<MouseEvent>,
    /// « Faire une demande » opens the referral form.
    pub ondemande: Callback<MouseEvent>,
    /// The other ways to find the place, offered when the data cannot answer for the typed
    /// address (a street not placed, a doubtful match): which one the user took.
    pub onchemin: &'a Callback<Chemin>,
    /// Whether the national service is one of them.
    pub en_ligne: bool,
}

/// The other ways to find a place when the data cannot answer.
#[derive(Clone, Copy, PartialEq)]
pub enum Chemin {
    /// The device's position.
    Position,
    /// A point on the map.
    Carte,
    /// The national address service.
    EnLigne,
}

/// The buttons of the ways on (in the answer card, and under a typed address that matches
/// nothing).
pub fn chemins(
    t: &parcours_core::textes::Textes,
    en_ligne: bool,
    choisir: &Callback<Chemin>,
) -> Html {
    let bouton = |c: Chemin, texte: &str| {
        html! {
            <button type="button" class="bouton secondaire" onclick={choisir.reform(move |_| c)}>{ texte }</button>
        }
    };
    html! {
        <div class="actions">
            { bouton(Chemin::Position, t.ma_position()) }
            { bouton(Chemin::Carte, t.introuvable_carte()) }
            if en_ligne { { bouton(Chemin::EnLigne, t.introuvable_en_ligne()) } }
        </div>
    }
}

fn contact(c: &Contact, inconnu: &str) -> Html {
    if c.est_vide() {
        return html! { <p class="contact inconnu">{ inconnu }</p> };
    }
    html! {
        <ul class="contact" lang="fr">
            if !c.nom.is_empty() { <li>{ &c.nom }</li> }
            if !c.telephone.is_empty() {
                <li><a href={["tel:", &c.telephone.replace(' ', "")].concat()}>{ &c.telephone }</a></li>
            }
            if !c.email.is_empty() { <li><a href={["mailto:", &c.email].concat()}>{ &c.email }</a></li> }
            if !c.adresse.is_empty() { <li>{ &c.adresse }</li> }
        </ul>
    }
}

/// The answer, as a card.
pub fn carte_reponse(p: &VueReponse) -> Html {
    let t = p.t;
    let prog = &p.donnees.verificateur.programme;
    let rep = p.reponse;
    let (classe, titre, corps): (&str, String, Html) = if let Some(_age) = rep.hors_age {
        (
            "reponse hors",
            t.hors_age_titre(&prog.age_min, &prog.age_max),
            html! { <p>{ t.hors_age_texte() }</p> },
        )
    } else {
        match &rep.decision {
            Decision::Eligible {
                equipe, quartier, ..
            } => (
                "reponse oui",
                t.eligible_titre().to_string(),
                html! { <>
                    <p>{ t.eligible_texte(*equipe, quartier) }</p>
                    <p>{ t.ensuite() }</p>
                </> },
            ),
            // The PRE's contact comes once, with « Faire une demande » below.
            Decision::ZonePrioritaire { zone, .. } => (
                "reponse prioritaire",
                t.prioritaire_titre(zone),
                html! { <p>{ t.prioritaire_texte() }</p> },
            ),
            Decision::HorsTerritoire { .. } => (
                "reponse hors",
                t.hors_territoire_titre().to_string(),
                html! { <p>{ t.hors_territoire_texte() }</p> },
            ),
            Decision::HorsDijon { .. } => (
                "reponse hors",
                t.hors_dijon_titre().to_string(),
                html! { <p>{ t.hors_dijon_texte() }</p> },
            ),
            Decision::AConfirmer { motifs, .. } => (
                "reponse confirmer",
                t.a_confirmer_titre().to_string(),
                html! { <>
                    <p>{ t.a_confirmer_texte() }</p>
                    <ul class="motifs">{ for motifs.iter().map(|m| html! { <li>{ t.motif(m) }</li> }) }</ul>
                </> },
            ),
            Decision::AdresseIntrouvable => {
                ("reponse hors", t.aucune_suggestion().to_string(), html! {})
            }
            Decision::AdresseNonLocalisee => (
                "reponse confirmer",
                t.non_localisee_titre().to_string(),
                html! { <>
                    <p>{ t.non_localisee_texte() }</p>
                    { chemins(t, p.en_ligne, p.onchemin) }
                </> },
            ),
            Decision::AdresseIncertaine { doutes } => {
                let label = match &p.choix {
                    Choix::Adresse(r) => &r.label,
                    _ => "",
                };
                (
                    "reponse confirmer",
                    // The address isolated: French inside an Arabic sentence.
                    t.incertaine_titre(&crate::textes::isole(label)),
                    html! { <>
                        <p>{ t.incertaine_texte() }</p>
                        <ul class="motifs">{ for doutes.iter().map(|d| html! { <li>{ t.doute(d) }</li> }) }</ul>
                        { chemins(t, p.en_ligne, p.onchemin) }
                    </> },
                )
            }
        }
    };
    let permet = rep.hors_age.is_none() && rep.decision.permet_une_demande();
    let equipe = rep.decision.equipe().and_then(|e| prog.territoire(e));
    let lieu = match &p.choix {
        Choix::Adresse(r) => html! {
            <p class="lieu"><span class="etiquette">{ t.adresse_choisie() }{ t.deux_points() }</span>
                <bdi lang="fr">{ &r.label }</bdi>
                if r.precision != parcours_core::recherche::Precision::Numero {
                    <span class="precision">{ " (" }{ t.precision(r.precision) }{ ")" }</span>
                }
            </p>
        },
        Choix::Externe { label, .. } => html! {
            <p class="lieu"><span class="etiquette">{ t.adresse_choisie() }{ t.deux_points() }</span>
                <bdi lang="fr">{ label }</bdi>
                <span class="precision">{ " (" }{ t.en_ligne_source() }{ ")" }</span>
            </p>
        },
        Choix::Point(pt) => html! {
            <p class="lieu"><span class="etiquette">{ t.point_choisi() }{ t.deux_points() }</span>
                { nombre::ecrire(pt.lat, 5) }{ ", " }{ nombre::ecrire(pt.lon, 5) }
                if pt.precision_m > 0.0 { { " (± " }{ nombre::ecrire(pt.precision_m, 0) }{ " m)" } }
            </p>
        },
    };
    let periode = rep.avis.iter().map(|a| match a {
        Avis::HorsPeriode { debut, fin, .. } => {
            t.hors_periode(&debut.jj_mm_aaaa(), &fin.jj_mm_aaaa())
        }
    });
    html! {
        <section class={classe} aria-labelledby="titre-reponse" data-decision={rep.code()}>
            <p class="surtitre">{ t.reponse() }</p>
            <h2 id="titre-reponse" tabindex="-1">{ titre }</h2>
            { lieu }
            if let Some(i) = rep.decision.iris() {
                <p class="secteur">{ t.secteur(&i.nom, &p.donnees.verificateur.carte.millesime) }</p>
            }
            { corps }
            { for periode.map(|s| html! { <p class="avis">{ s }</p> }) }
            if permet {
                <button type="button" class="bouton principal" onclick={p.ondemande.clone()}>{ t.faire_une_demande() }</button>
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
            <button type="button" class="bouton lien" onclick={p.onnouvelle.clone()}>{ t.nouvelle_recherche() }</button>
        </section>
    }
}
