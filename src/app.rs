//! The page: the check (address → answer), with its alternatives, or the list page. It starts
//! from [`Depart`] (the first screen is already in the HTML) and shows each part as soon as the
//! data it uses is here.

use crate::choix::Choix;
use crate::composants::{
    brouillon::BrouillonGarde,
    carte::Carte,
    demande::{quitter_demande, FormulaireDemande},
    en_ligne::RechercheEnLigne,
    recherche::RechercheAdresse,
    reponse::CarteReponse,
    sources::Sources,
};
use crate::depart::{use_chargement, Chargement, Depart};
use crate::donnees::{self, Adresses, Donnees, ErreurChargement};
use crate::focus::{use_focus, Geste};
use crate::navigateur::{self, Position};
use crate::textes::demarrage;
use parcours_core::decision::{AgeDonne, Decision, Lieu, Raison, Reponse};
use parcours_core::lien::{EtatLien, Langue, PointLien};
use parcours_core::nombre;
use parcours_core::programme::Contact;
use parcours_core::recherche::Resultat;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
enum EtatPosition {
    Rien,
    EnCours,
    Message(Position),
}

fn reponse(d: &Donnees, choix: &Choix, age: Option<u32>) -> Reponse {
    let v = &d.verificateur;
    let (decision, raisons) = match choix {
        Choix::Adresse(r) => v.decider_adresse(r),
        Choix::Point(p) | Choix::Externe { point: p, .. } => {
            let (dec, mut rs) = v.decider_lieu(&Lieu {
                lon: p.lon,
                lat: p.lat,
                precision_m: p.precision_m,
            });
            rs.insert(
                0,
                Raison::PositionDonnee {
                    precision_m: p.precision_m,
                },
            );
            (dec, rs)
        }
    };
    v.repondre(
        decision,
        raisons,
        age.map(AgeDonne::Annees),
        navigateur::aujourd_hui(),
    )
}

/// The answer in one French sentence, with its data version, carried into a request.
fn phrase_eligibilite(d: &Donnees, rep: &Reponse, c: &Choix) -> String {
    let lieu = match c {
        Choix::Adresse(r) => r.label.clone(),
        Choix::Externe { label, .. } => label.clone(),
        Choix::Point(p) => format!(
            "point {}, {}",
            nombre::ecrire(p.lat, 5),
            nombre::ecrire(p.lon, 5)
        ),
    };
    let reponse = match &rep.decision {
        Decision::Eligible {
            equipe, quartier, ..
        } => {
            format!(
                "dans le programme, équipe {}, quartier {quartier}",
                equipe.code()
            )
        }
        Decision::ZonePrioritaire { zone, .. } => {
            format!("quartier prioritaire {zone} (Programme de Réussite Éducative)")
        }
        Decision::AConfirmer { .. } => "à confirmer par l’équipe".to_string(),
        Decision::HorsTerritoire { .. } => "hors des quartiers du programme".to_string(),
        Decision::HorsDijon { .. } => "hors de Dijon".to_string(),
        Decision::AdresseIntrouvable => "adresse introuvable".to_string(),
        Decision::AdresseNonLocalisee => "rue connue, numéros non localisés".to_string(),
        Decision::AdresseIncertaine { .. } => "adresse incertaine".to_string(),
    };
    let iris = rep
        .decision
        .iris()
        .map(|i| format!(", IRIS {} ({})", i.nom, i.code))
        .unwrap_or_default();
    format!(
        "{lieu} — {reponse}{iris}\u{202f}; contours IRIS {}",
        d.verificateur.carte.millesime
    )
}

/// Where a request goes: the team of the answer, or the PRE for a priority zone.
fn contact_demande(d: &Donnees, rep: &Reponse) -> Contact {
    let p = &d.verificateur.programme;
    match (&rep.decision, rep.decision.equipe()) {
        (_, Some(e)) => p
            .territoire(e)
            .map(|t| t.contact.clone())
            .unwrap_or_default(),
        (Decision::ZonePrioritaire { .. }, _) => p.contact_pre.clone(),
        _ => Contact::default(),
    }
}

/// The state a link describes, resolved against the addresses (an address needs them).
fn choix_du_lien(a: Option<&Adresses>, lien: &EtatLien) -> Option<Choix> {
    if let Some(texte) = &lien.adresse {
        return a?
            .moteur
            .rechercher(texte, 1)
            .into_iter()
            .next()
            .map(Choix::Adresse);
    }
    lien.point.map(Choix::Point)
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub depart: Rc<Depart>,
}

#[function_component]
pub fn App(p: &Props) -> Html {
    let depart = &p.depart;
    let lien_initial = &depart.lien;
    let langue = use_state(|| depart.langue);
    let donnees = use_chargement(&depart.chargements.donnees);
    let adresses = use_chargement(&depart.chargements.adresses);
    let choix = use_state(|| choix_du_lien(None, lien_initial));
    // The link's address is looked up once the addresses are here; until then the URL is left
    // as it is.
    let lien_resolu = use_state(|| lien_initial.adresse.is_none());
    let age = use_state(|| lien_initial.age);
    let age_texte = use_state(|| lien_initial.age.map(|a| a.to_string()).unwrap_or_default());
    let position = use_state(|| EtatPosition::Rien);
    let alternatives_ouvertes = use_state(|| false);
    let saisie = use_state(String::new);
    // Enter on an address that matches nothing: the text, while the ways on are offered.
    let introuvable = use_state(|| None::<String>);
    let nouvelle_version = use_state(|| false);
    let liste = use_state(|| lien_initial.liste);
    let demande = use_state(|| false);
    // A draft resumed from the first screen, for the request it opens.
    let reprise = use_state(|| None::<parcours_core::demande::Brouillon>);
    let langue_indisponible = use_state(|| false);
    let focus = use_focus();
    {
        let nouvelle_version = nouvelle_version.clone();
        let depart = depart.clone();
        use_effect_with((), move |_| {
            // What the user did on the static first screen, now on the App's.
            depart.reprise.rejouer();
            navigateur::enregistrer_service_worker(move || nouvelle_version.set(true));
        });
    }
    use_effect_with(*langue, move |l| navigateur::appliquer_langue(*l));
    // The page's title in its language (once its catalogue is here), for the page shown.
    {
        let pret = depart.textes.is_ok();
        use_effect_with((*langue, *liste, pret), move |(l, liste, pret)| {
            if let Some(t) = crate::textes::charge(*l).filter(|_| *pret) {
                navigateur::titre(if *liste {
                    t.titre_page_liste()
                } else {
                    t.titre_page()
                });
            }
        });
    }

    // The link's address, once the addresses are here (unless the user chose something else
    // meanwhile).
    {
        let choix = choix.clone();
        let lien_resolu = lien_resolu.clone();
        let lien = lien_initial.clone();
        use_effect_with(adresses.clone(), move |a| {
            if !*lien_resolu && !matches!(a, Chargement::EnCours) {
                if choix.is_none() {
                    choix.set(choix_du_lien(a.pret().as_deref(), &lien));
                }
                lien_resolu.set(true);
            }
        });
    }

    // Back and forward buttons: the URL is the state.
    {
        let choix = choix.clone();
        let age = age.clone();
        let age_texte = age_texte.clone();
        let liste = liste.clone();
        use_effect_with(adresses.pret(), move |a| {
            let a = a.clone();
            let fenetre = web_sys::window().expect("window");
            let ecouteur = gloo_events::EventListener::new(&fenetre, "popstate", move |_| {
                let lien = navigateur::lire_lien();
                choix.set(choix_du_lien(a.as_deref(), &lien));
                age.set(lien.age);
                age_texte.set(lien.age.map(|a| a.to_string()).unwrap_or_default());
                liste.set(lien.liste);
            });
            move || drop(ecouteur)
        });
    }

    // Keep the URL in step with the state.
    {
        let langue = *langue;
        let pret = *lien_resolu;
        use_effect_with(
            ((*choix).clone(), *age, langue, pret, *liste),
            move |(choix, age, langue, pret, liste)| {
                if *pret {
                    let mut e = EtatLien {
                        liste: *liste,
                        age: *age,
                        langue: (*langue != Langue::Fr).then_some(*langue),
                        ..EtatLien::default()
                    };
                    match choix {
                        Some(Choix::Adresse(r)) => e.adresse = Some(r.label.clone()),
                        Some(Choix::Point(p)) | Some(Choix::Externe { point: p, .. }) => {
                            e.point = Some(*p)
                        }
                        None => {}
                    }
                    let actuel = navigateur::lire_lien();
                    let nouveau_sujet = actuel.adresse != e.adresse || actuel.point != e.point;
                    let autre_page = actuel.liste != e.liste;
                    navigateur::ecrire_lien(&e, (nouveau_sujet && choix.is_some()) || autre_page);
                }
            },
        );
    }

    // Another language: its catalogue first (kept, else fetched), then the switch, so texts,
    // `lang` and `dir` change together. If it cannot be loaded, the page stays as it is and
    // says so.
    let changer_langue = {
        let langue = langue.clone();
        let indisponible = langue_indisponible.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let Some(l) = Langue::depuis_code(&s.value()) else {
                return;
            };
            let (langue, indisponible) = (langue.clone(), indisponible.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match donnees::charger_textes(l).await {
                    // Unless the user picked yet another language meanwhile.
                    Ok(_) if s.value() != l.code() => {}
                    Ok(_) => {
                        indisponible.set(false);
                        langue.set(l);
                    }
                    Err(_) => {
                        s.set_value(langue.code());
                        indisponible.set(true);
                    }
                }
            });
        })
    };

    let textes_depart = demarrage(*langue);
    let echec = match (&depart.textes, &donnees, &adresses) {
        (Err(e), _, _) | (_, Chargement::Echec(e), _) | (_, _, Chargement::Echec(e)) => Some(e),
        _ => None,
    };
    let pret = depart.textes.is_ok();
    let Some(t) = crate::textes::charge(*langue).filter(|_| pret) else {
        let contenu = match echec {
            Some(e) => erreur_chargement(textes_depart, e),
            None => html! { <p class="chargement" role="status">{ textes_depart.chargement }</p> },
        };
        return html! {
            <>
            <header class="entete"><p class="marque">{ "Parcours" }</p></header>
            <main id="contenu">{ contenu }</main>
            </>
        };
    };
    let changer_page = {
        let liste = liste.clone();
        let demande = demande.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let (liste, demande) = (liste.clone(), demande.clone());
            quitter_demande(Callback::from(move |_| {
                demande.set(false);
                liste.set(!*liste);
            }));
        })
    };
    let entete = html! {
        <header class="entete">
            <p class="marque">{ "Parcours" }</p>
            <nav aria-label="Parcours">
                <a class="nav" href={if *liste { "./" } else { "./?vue=liste" }} onclick={changer_page}>
                    { if *liste { t.liste_retour() } else { t.liste_lien() } }
                </a>
            </nav>
            <label class="langue">
                <span>{ t.langue_choix() }</span>
                <select onchange={changer_langue}>
                    { for Langue::TOUTES.iter().map(|l| html! {
                        <option value={l.code()} lang={l.code()} selected={*l == *langue}>
                            { demarrage(*l).nom_langue }
                        </option>
                    }) }
                </select>
            </label>
            if *langue_indisponible {
                <p class="erreur-langue" role="alert">{ t.langue_indisponible() }</p>
            }
        </header>
    };

    let tout_pret = donnees.pret().zip(adresses.pret());
    let contenu = match (echec, &tout_pret) {
        (Some(e), _) => erreur_chargement(textes_depart, e),
        (None, Some((d, a))) if *liste => html! {
            <crate::composants::liste::Liste donnees={d.clone()} adresses={a.clone()} langue={*langue} />
        },
        (None, None) if *liste => html! {
            <p class="chargement" role="status">{ textes_depart.chargement }</p>
        },
        (None, _) => {
            // A place picked: the « not found » message has done its job, the focus goes to the answer.
            let choisi = {
                let introuvable = introuvable.clone();
                let focus = focus.clone();
                Callback::from(move |_: ()| {
                    introuvable.set(None);
                    focus.emit(Geste::Choisi);
                })
            };
            let choisir = {
                let choix = choix.clone();
                let position = position.clone();
                let choisi = choisi.clone();
                Callback::from(move |r: Resultat| {
                    position.set(EtatPosition::Rien);
                    choix.set(Some(Choix::Adresse(r)));
                    choisi.emit(());
                })
            };
            let choisir_externe = {
                let choix = choix.clone();
                let choisi = choisi.clone();
                Callback::from(move |(label, point): (String, PointLien)| {
                    choix.set(Some(Choix::Externe { label, point }));
                    choisi.emit(());
                })
            };
            let saisir_adresse = {
                let saisie = saisie.clone();
                let introuvable = introuvable.clone();
                Callback::from(move |t: String| {
                    saisie.set(t);
                    introuvable.set(None);
                })
            };
            let signaler_introuvable = {
                let introuvable = introuvable.clone();
                let ouvert = alternatives_ouvertes.clone();
                Callback::from(move |t: String| {
                    introuvable.set(Some(t));
                    ouvert.set(true);
                })
            };
            // The ways on from the « not found » message: the map, or the national service.
            let vers = |g: Geste| {
                let ouvert = alternatives_ouvertes.clone();
                let focus = focus.clone();
                Callback::from(move |_: MouseEvent| {
                    ouvert.set(true);
                    focus.emit(g);
                })
            };
            let choisir_point = {
                let choix = choix.clone();
                let choisi = choisi.clone();
                Callback::from(move |p: PointLien| {
                    choix.set(Some(Choix::Point(p)));
                    choisi.emit(());
                })
            };
            let effacer = {
                let choix = choix.clone();
                let demande = demande.clone();
                let focus = focus.clone();
                Callback::from(move |_| {
                    let (choix, demande, focus) = (choix.clone(), demande.clone(), focus.clone());
                    quitter_demande(Callback::from(move |_| {
                        demande.set(false);
                        choix.set(None);
                        focus.emit(Geste::Efface);
                    }));
                })
            };
            let ouvrir_demande = {
                let demande = demande.clone();
                let reprise = reprise.clone();
                Callback::from(move |_| {
                    reprise.set(None);
                    demande.set(true);
                })
            };
            // « Reprendre » on the first screen: the draft's own request, its answer, the form.
            let reprendre = {
                let (choix, demande, reprise) = (choix.clone(), demande.clone(), reprise.clone());
                let a = adresses.pret();
                Callback::from(move |b: parcours_core::demande::Brouillon| {
                    let c = choix_du_lien(a.as_deref(), &EtatLien::depuis_requete(&b.sujet));
                    if c.is_some() {
                        choix.set(c);
                        reprise.set(Some(b));
                        demande.set(true);
                    }
                })
            };
            let fermer_demande = {
                let demande = demande.clone();
                let focus = focus.clone();
                Callback::from(move |_| {
                    demande.set(false);
                    focus.emit(Geste::DemandeFermee);
                })
            };
            let saisir_age = {
                let age = age.clone();
                let age_texte = age_texte.clone();
                Callback::from(move |e: InputEvent| {
                    let v = e
                        .target_unchecked_into::<web_sys::HtmlInputElement>()
                        .value();
                    // In Latin or Arabic-Indic digits (« ٥ »).
                    age.set(nombre::entier(&v, 2).filter(|a| *a <= 20));
                    age_texte.set(v);
                })
            };
            let age_invalide = !age_texte.trim().is_empty() && age.is_none();
            let localiser = {
                let position = position.clone();
                let choix = choix.clone();
                let choisi = choisi.clone();
                Callback::from(move |_| {
                    position.set(EtatPosition::EnCours);
                    let position = position.clone();
                    let choix = choix.clone();
                    let choisi = choisi.clone();
                    navigateur::demander_position(move |p| {
                        if let Position::Trouvee {
                            lon,
                            lat,
                            precision_m,
                        } = p
                        {
                            choix.set(Some(Choix::Point(PointLien {
                                lon,
                                lat,
                                precision_m,
                            })));
                            choisi.emit(());
                        }
                        position.set(EtatPosition::Message(p));
                    });
                })
            };
            let basculer_alternatives = {
                let ouvert = alternatives_ouvertes.clone();
                Callback::from(move |e: Event| {
                    let d: web_sys::HtmlDetailsElement = e.target_unchecked_into();
                    ouvert.set(d.open());
                })
            };
            let message_position = match &*position {
                EtatPosition::Rien => None,
                EtatPosition::EnCours => Some(t.position_en_cours().to_string()),
                EtatPosition::Message(Position::Trouvee { precision_m, .. }) => {
                    let m = precision_m.round() as i64;
                    Some(if *precision_m > 100.0 {
                        t.position_imprecise(&m)
                    } else {
                        t.position_precision(&m)
                    })
                }
                EtatPosition::Message(Position::Refusee) => Some(t.position_refusee().to_string()),
                EtatPosition::Message(Position::Delai) => Some(t.position_delai().to_string()),
                EtatPosition::Message(Position::Indisponible) => {
                    Some(t.position_indisponible().to_string())
                }
            };
            // Below the field, once a decision can be made (and the link's address looked up):
            // all at once, so nothing already shown moves.
            let suite = donnees.pret().filter(|_| *lien_resolu);
            let rep = suite
                .as_ref()
                .zip((*choix).as_ref())
                .map(|(d, c)| Rc::new(reponse(d, c, *age)));
            let point_carte = match &*choix {
                Some(Choix::Point(p)) | Some(Choix::Externe { point: p, .. }) => Some(*p),
                Some(Choix::Adresse(r)) => r.position.map(|p| PointLien {
                    lon: p[0] as f64 / 1e6,
                    lat: p[1] as f64 / 1e6,
                    precision_m: 0.0,
                }),
                None => None,
            };
            let position_carte = match &*position {
                EtatPosition::Message(Position::Trouvee {
                    lon,
                    lat,
                    precision_m,
                }) => Some(PointLien {
                    lon: *lon,
                    lat: *lat,
                    precision_m: *precision_m,
                }),
                _ => None,
            };
            let en_ligne = donnees
                .pret()
                .is_some_and(|d| !d.verificateur.programme.geocodeur_en_ligne.is_empty());
            let adresse_initiale = match &*choix {
                Some(Choix::Adresse(r)) => r.label.clone(),
                _ => String::new(),
            };
            html! {
                <>
                if !*demande {
                    <BrouillonGarde langue={*langue} onreprendre={reprendre} />
                }
                <section class="recherche" aria-labelledby="titre-recherche">
                    <h2 id="titre-recherche" class="visuellement-cache">{ t.etiquette_adresse() }</h2>
                    <RechercheAdresse adresses={adresses.pret()} langue={*langue} onchoix={choisir} onsaisie={saisir_adresse}
                        onintrouvable={signaler_introuvable} initiale={adresse_initiale} />
                    if let Some(texte) = &*introuvable {
                        <div id="introuvable" class="introuvable">
                            // The typed text isolated (first strong isolate … pop): it keeps its
                            // own direction inside an Arabic sentence.
                            <p class="titre" role="alert">{ t.introuvable_titre(&format!("\u{2068}{texte}\u{2069}")) }</p>
                            <p>{ t.introuvable_texte() }</p>
                            <div class="actions">
                                <button type="button" class="bouton secondaire" onclick={localiser.clone()}>{ t.ma_position() }</button>
                                <button type="button" class="bouton secondaire" onclick={vers(Geste::VersCarte)}>{ t.introuvable_carte() }</button>
                                if en_ligne {
                                    <button type="button" class="bouton secondaire" onclick={vers(Geste::VersEnLigne)}>{ t.introuvable_en_ligne() }</button>
                                }
                            </div>
                        </div>
                    }
                    <div class="champ age">
                        <label for="age">{ t.etiquette_age() }</label>
                        <input id="age" type="text" inputmode="numeric" autocomplete="off" maxlength="2"
                            aria-describedby={if age_invalide { "age-aide age-erreur" } else { "age-aide" }}
                            aria-invalid={if age_invalide { "true" } else { "false" }}
                            value={(*age_texte).clone()} oninput={saisir_age} />
                        // The programme's ages, once its data is here.
                        <p id="age-aide" class="aide">{ match donnees.pret() {
                            Some(d) => t.aide_age(&d.verificateur.programme.age_min, &d.verificateur.programme.age_max),
                            None => t.aide_age_court().to_string(),
                        } }</p>
                        if age_invalide {
                            <p id="age-erreur" class="erreur-champ" role="alert">{ t.age_invalide() }</p>
                        }
                    </div>
                </section>
                if let Some(d) = &suite {
                    if let (Some(rep), Some(c)) = (rep, (*choix).clone()) {
                        <CarteReponse donnees={d.clone()} reponse={rep.clone()} choix={c.clone()} langue={*langue} onnouvelle={effacer} ondemande={ouvrir_demande}
                            chemins={html! {
                                // A street not placed, or a doubt: the ways on, in the card.
                                <div class="actions">
                                    <button type="button" class="bouton secondaire" onclick={localiser.clone()}>{ t.ma_position() }</button>
                                    <button type="button" class="bouton secondaire" onclick={vers(Geste::VersCarte)}>{ t.introuvable_carte() }</button>
                                    if en_ligne {
                                        <button type="button" class="bouton secondaire" onclick={vers(Geste::VersEnLigne)}>{ t.introuvable_en_ligne() }</button>
                                    }
                                </div>
                            }} />
                        if *demande {
                            <FormulaireDemande langue={*langue} eligibilite={phrase_eligibilite(d, &rep, &c)}
                                contact={contact_demande(d, &rep)} age_min={d.verificateur.programme.age_min}
                                age_max={d.verificateur.programme.age_max} onfermer={fermer_demande}
                                sujet={c.sujet()} adresse={c.adresse().to_string()} reprise={(*reprise).clone()}
                                permise={rep.hors_age.is_none() && rep.decision.permet_une_demande()}
                                ecoles={Rc::new(d.verificateur.carte.ecoles.clone())} />
                        }
                    }
                    <details class="alternatives" open={*alternatives_ouvertes} ontoggle={basculer_alternatives}>
                        <summary>{ t.pas_dans_la_liste() }</summary>
                        <div class="contenu-alternatives">
                            <button type="button" class="bouton secondaire" onclick={localiser}>{ t.ma_position() }</button>
                            <p class="message-position" role="status">{ message_position.unwrap_or_default() }</p>
                            if !d.verificateur.programme.geocodeur_en_ligne.is_empty() {
                                <div id="alternative-en-ligne" tabindex="-1">
                                    <RechercheEnLigne endpoint={d.verificateur.programme.geocodeur_en_ligne.clone()}
                                        langue={*langue} texte={(*saisie).clone()} onchoix={choisir_externe} />
                                </div>
                            }
                            if *alternatives_ouvertes {
                                <div id="alternative-carte" tabindex="-1">
                                    <Carte donnees={d.clone()} adresses={adresses.pret()} langue={*langue} point={point_carte} position={position_carte} onpoint={choisir_point} />
                                </div>
                            }
                        </div>
                    </details>
                    <Sources donnees={d.clone()} langue={*langue} />
                }
                </>
            }
        }
    };

    let mise_a_jour = (*nouvelle_version).then(|| {
        html! {
            <div class="mise-a-jour" role="status">
                <span>{ t.nouvelle_version() }</span>
                <button type="button" class="bouton secondaire"
                    onclick={Callback::from(|_| navigateur::activer_nouvelle_version())}>
                    { t.mettre_a_jour() }
                </button>
            </div>
        }
    });
    html! {
        <>
        { entete }
        { mise_a_jour }
        <main id="contenu">
            if !*liste || tout_pret.is_none() {
                <h1>{ t.accroche() }</h1>
                <p class="presentation">{ t.presentation() }</p>
                <p class="confidentialite">{ t.confidentialite() }</p>
            }
            { contenu }
            if let Some(d) = donnees.pret().filter(|_| *lien_resolu) {
                <p class="programme" lang="fr">
                    { format!("{} — {}", d.verificateur.programme.nom, d.verificateur.programme.association) }
                </p>
            }
        </main>
        </>
    }
}

/// The loading error, in the texts compiled in (the catalogue may be what failed).
fn erreur_chargement(d: &crate::textes::Demarrage, e: &ErreurChargement) -> Html {
    html! {
        <section class="erreur" role="alert">
            <h2>{ d.erreur_titre }</h2>
            <p>{ d.erreur_texte }</p>
            <p class="detail">{ &e.0 }</p>
            <p><a class="bouton" href="./">{ d.recharger }</a></p>
        </section>
    }
}
