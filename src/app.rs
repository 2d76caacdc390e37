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
    reponse::{carte_reponse, chemins, Chemin, VueReponse},
    sources::sources,
};
use crate::depart::{Chargement, Depart};
use crate::donnees::{self, Adresses, Donnees, ErreurChargement};
use crate::focus::Geste;
use crate::navigateur::{self, Position};
use crate::textes::demarrage;
use parcours_core::decision::{AgeDonne, Decision, Lieu, Raison, Reponse};
use parcours_core::demande::Brouillon;
use parcours_core::lien::{EtatLien, Langue, PointLien};
use parcours_core::nombre;
use parcours_core::programme::Contact;
use parcours_core::recherche::Resultat;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone)]
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
    let point;
    let lieu = match c {
        Choix::Adresse(r) => &r.label,
        Choix::Externe { label, .. } => label,
        Choix::Point(p) => {
            point = [
                "point ",
                &nombre::ecrire(p.lat, 5),
                ", ",
                &nombre::ecrire(p.lon, 5),
            ]
            .concat();
            &point
        }
    };
    rep.decision
        .phrase_fr(lieu, &d.verificateur.carte.millesime)
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

/// The page's state, one reducer.
#[derive(Clone)]
struct Etat {
    /// Counts the changes (what the effect after a change waits for).
    version: u32,
    depart: Rc<Depart>,
    langue: Langue,
    donnees: Chargement<Rc<Donnees>>,
    adresses: Chargement<Rc<Adresses>>,
    choix: Option<Choix>,
    /// The link's address is looked up once the addresses are here; until then the URL is left
    /// as it is.
    lien_resolu: bool,
    /// The age field's text, as typed (the age is read from it: [`Etat::age`]).
    age_texte: String,
    position: EtatPosition,
    alternatives_ouvertes: bool,
    /// The text of the address field.
    saisie: String,
    /// Enter on an address that matches nothing: the text, while the ways on are offered.
    introuvable: Option<String>,
    nouvelle_version: bool,
    liste: bool,
    demande: bool,
    /// A draft resumed from the first screen, for the request it opens.
    reprise: Option<Brouillon>,
    langue_indisponible: bool,
    /// What the user did that moves the focus, after this change's render.
    focus: Option<Geste>,
    /// The language changed with this change (or the page starts): `lang`, `dir` and the
    /// language kept follow.
    langue_changee: bool,
}

impl Etat {
    /// The age typed, in Latin or Arabic-Indic digits (« ٥ »); none past 20.
    fn age(&self) -> Option<u32> {
        nombre::entier(&self.age_texte, 2).filter(|a| *a <= 20)
    }
}

enum Action {
    Donnees(Chargement<Rc<Donnees>>),
    Adresses(Chargement<Rc<Adresses>>),
    /// Back or forward: the URL's state.
    Lien(EtatLien),
    NouvelleVersion,
    Langue(Langue),
    LangueIndisponible,
    /// The other page (the request closes).
    Page,
    /// A place picked: the « not found » message has done its job, the focus goes to the
    /// answer.
    Choisir(Choix),
    Saisie(String),
    Introuvable(String),
    /// « Nouvelle recherche ».
    Effacer,
    /// « Faire une demande », or « Reprendre » a draft (its own request, its answer).
    Demande(Option<Box<Brouillon>>),
    FermerDemande,
    Age(String),
    /// The device's position asked, or its outcome.
    Localiser,
    Position(Position),
    /// The map or the national service, opened and focused.
    Chemin(Geste),
    Alternatives(bool),
}

impl Reducible for Etat {
    type Action = Action;

    fn reduce(self: Rc<Self>, a: Action) -> Rc<Self> {
        let mut e = (*self).clone();
        e.version = e.version.wrapping_add(1);
        e.focus = None;
        e.langue_changee = false;
        match a {
            Action::Donnees(c) => e.donnees = c,
            // The link's address (unless the user chose something else meanwhile).
            Action::Adresses(c) => {
                e.adresses = c;
                if !e.lien_resolu && !matches!(e.adresses, Chargement::EnCours) {
                    if e.choix.is_none() {
                        e.choix = choix_du_lien(e.adresses.pret().as_deref(), &e.depart.lien);
                    }
                    e.lien_resolu = true;
                }
            }
            Action::Lien(lien) => {
                e.choix = choix_du_lien(e.adresses.pret().as_deref(), &lien);
                e.age_texte = lien.age.map(|a| a.to_string()).unwrap_or_default();
                e.liste = lien.liste;
            }
            Action::NouvelleVersion => e.nouvelle_version = true,
            Action::Langue(l) => {
                e.langue_indisponible = false;
                e.langue = l;
                e.langue_changee = true;
            }
            Action::LangueIndisponible => e.langue_indisponible = true,
            Action::Page => {
                e.demande = false;
                e.liste = !e.liste;
            }
            Action::Choisir(c) => {
                if matches!(c, Choix::Adresse(_)) {
                    e.position = EtatPosition::Rien;
                }
                e.choix = Some(c);
                e.introuvable = None;
                e.focus = Some(Geste::Choisi);
            }
            Action::Saisie(t) => {
                e.saisie = t;
                e.introuvable = None;
            }
            Action::Introuvable(t) => {
                e.introuvable = Some(t);
                e.alternatives_ouvertes = true;
            }
            Action::Effacer => {
                e.demande = false;
                e.choix = None;
                e.focus = Some(Geste::Efface);
            }
            Action::Demande(None) => {
                e.reprise = None;
                e.demande = true;
            }
            Action::Demande(Some(b)) => {
                let c = choix_du_lien(
                    e.adresses.pret().as_deref(),
                    &EtatLien::depuis_requete(&b.sujet),
                );
                if c.is_some() {
                    e.choix = c;
                    e.reprise = Some(*b);
                    e.demande = true;
                }
            }
            Action::FermerDemande => {
                e.demande = false;
                e.focus = Some(Geste::DemandeFermee);
            }
            Action::Age(v) => e.age_texte = v,
            Action::Localiser => e.position = EtatPosition::EnCours,
            Action::Position(p) => {
                if let Position::Trouvee {
                    lon,
                    lat,
                    precision_m,
                } = p
                {
                    e.choix = Some(Choix::Point(PointLien {
                        lon,
                        lat,
                        precision_m,
                    }));
                    e.introuvable = None;
                    e.focus = Some(Geste::Choisi);
                }
                e.position = EtatPosition::Message(p);
            }
            Action::Chemin(g) => {
                e.alternatives_ouvertes = true;
                e.focus = Some(g);
            }
            Action::Alternatives(o) => e.alternatives_ouvertes = o,
        }
        Rc::new(e)
    }
}

/// What the page's controls send.
type Envoi = Callback<Action>;

/// The device's position, asked once.
fn localiser(d: &Envoi) {
    d.emit(Action::Localiser);
    let d = d.clone();
    navigateur::demander_position(move |p| d.emit(Action::Position(p)));
}

/// Runs `a` after asking, when a request with answers kept nowhere is open.
fn quitter_puis(d: &Envoi, a: fn() -> Action) {
    let d = d.clone();
    quitter_demande(Callback::from(move |_| d.emit(a())));
}

/// Once: what the user did on the static first screen; the service worker; the data as it
/// comes; the back and forward buttons (the URL is the state).
fn demarrer(depart: &Rc<Depart>, d: &Envoi) {
    // What the user did on the static first screen, now on the App's.
    depart.reprise.rejouer();
    let n = d.clone();
    navigateur::enregistrer_service_worker(move || n.emit(Action::NouvelleVersion));
    let c = &depart.chargements;
    let n = d.clone();
    c.donnees.ensuite(move |x| n.emit(Action::Donnees(x)));
    let n = d.clone();
    c.adresses.ensuite(move |x| n.emit(Action::Adresses(x)));
    let n = d.clone();
    let fenetre = web_sys::window().expect("window");
    gloo_events::EventListener::new(&fenetre, "popstate", move |_| {
        n.emit(Action::Lien(navigateur::lire_lien()))
    })
    .forget();
}

/// After each change: the language applied when it changed; the page's title in its language (once its catalogue is here), for the
/// page shown; the URL in step with the state; the focus where the user's gesture sends it.
fn apres_changement(e: &Etat) {
    if e.langue_changee {
        navigateur::appliquer_langue(e.langue);
    }
    if let Some(t) = crate::textes::charge(e.langue).filter(|_| e.depart.textes.is_ok()) {
        navigateur::titre(if e.liste {
            t.titre_page_liste()
        } else {
            t.titre_page()
        });
    }
    if e.lien_resolu {
        let mut l = EtatLien {
            liste: e.liste,
            age: e.age(),
            langue: (e.langue != Langue::Fr).then_some(e.langue),
            ..EtatLien::default()
        };
        match &e.choix {
            Some(Choix::Adresse(r)) => l.adresse = Some(r.label.clone()),
            Some(Choix::Point(p)) | Some(Choix::Externe { point: p, .. }) => l.point = Some(*p),
            None => {}
        }
        let actuel = navigateur::lire_lien();
        let nouveau_sujet = actuel.adresse != l.adresse || actuel.point != l.point;
        let autre_page = actuel.liste != l.liste;
        navigateur::ecrire_lien(&l, (nouveau_sujet && e.choix.is_some()) || autre_page);
    }
    if let Some(g) = e.focus {
        navigateur::focaliser(g.cible());
    }
}

#[function_component]
pub fn App(p: &Props) -> Html {
    let etat = use_reducer(|| {
        let depart = p.depart.clone();
        let lien = &depart.lien;
        Etat {
            version: 0,
            langue: depart.langue,
            donnees: depart.chargements.donnees.etat(),
            adresses: depart.chargements.adresses.etat(),
            choix: choix_du_lien(None, lien),
            lien_resolu: lien.adresse.is_none(),
            age_texte: lien.age.map(|a| a.to_string()).unwrap_or_default(),
            position: EtatPosition::Rien,
            alternatives_ouvertes: false,
            saisie: String::new(),
            introuvable: None,
            nouvelle_version: false,
            liste: lien.liste,
            demande: false,
            reprise: None,
            langue_indisponible: false,
            focus: None,
            langue_changee: true,
            depart,
        }
    });
    let d: Envoi = etat.dispatcher().to_callback();
    {
        let (depart, d) = (p.depart.clone(), d.clone());
        crate::composants::use_au_montage(Box::new(move || {
            demarrer(&depart, &d);
            Box::new(|| ())
        }));
    }
    {
        let e = etat.clone();
        use_effect_with(etat.version, move |_| apres_changement(&e));
    }
    let depart = &etat.depart;
    let langue = etat.langue;
    let (donnees, adresses) = (&etat.donnees, &etat.adresses);

    // Another language: its catalogue first (kept, else fetched), then the switch, so texts,
    // `lang` and `dir` change together. If it cannot be loaded, the page stays as it is and
    // says so.
    let changer_langue = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let Some(l) = Langue::depuis_code(&s.value()) else {
                return;
            };
            let d = d.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match donnees::charger_textes(l).await {
                    // Unless the user picked yet another language meanwhile.
                    Ok(_) if s.value() != l.code() => {}
                    Ok(_) => d.emit(Action::Langue(l)),
                    Err(_) => {
                        s.set_value(langue.code());
                        d.emit(Action::LangueIndisponible);
                    }
                }
            });
        })
    };

    let textes_depart = demarrage(langue);
    let echec = match (&depart.textes, donnees, adresses) {
        (Err(e), _, _) | (_, Chargement::Echec(e), _) | (_, _, Chargement::Echec(e)) => Some(e),
        _ => None,
    };
    let pret = depart.textes.is_ok();
    let Some(t) = crate::textes::charge(langue).filter(|_| pret) else {
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
        let d = d.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            quitter_puis(&d, || Action::Page);
        })
    };
    let liste = etat.liste;
    let entete = html! {
        <header class="entete">
            <p class="marque">{ "Parcours" }</p>
            <nav aria-label="Parcours">
                <a class="nav" href={if liste { "./" } else { "./?vue=liste" }} onclick={changer_page}>
                    { if liste { t.liste_retour() } else { t.liste_lien() } }
                </a>
            </nav>
            <label class="langue">
                <span>{ t.langue_choix() }</span>
                <select onchange={changer_langue}>
                    { for Langue::TOUTES.iter().map(|l| html! {
                        <option value={l.code()} lang={l.code()} selected={*l == langue}>
                            { demarrage(*l).nom_langue }
                        </option>
                    }) }
                </select>
            </label>
            if etat.langue_indisponible {
                <p class="erreur-langue" role="alert">{ t.langue_indisponible() }</p>
            }
        </header>
    };

    let tout_pret = donnees.pret().zip(adresses.pret());
    let contenu = match (echec, &tout_pret) {
        (Some(e), _) => erreur_chargement(textes_depart, e),
        (None, Some((d, a))) if liste => html! {
            <crate::composants::liste::Liste donnees={d.clone()} adresses={a.clone()} langue={langue} />
        },
        (None, None) if liste => html! {
            <p class="chargement" role="status">{ textes_depart.chargement }</p>
        },
        (None, _) => {
            let choisir = d.reform(|r: Resultat| Action::Choisir(Choix::Adresse(r)));
            let choisir_externe = d.reform(|(label, point): (String, PointLien)| {
                Action::Choisir(Choix::Externe { label, point })
            });
            let choisir_point = d.reform(|p: PointLien| Action::Choisir(Choix::Point(p)));
            let effacer = {
                let d = d.clone();
                Callback::from(move |_| quitter_puis(&d, || Action::Effacer))
            };
            // The ways on (under a text that matches nothing, in a doubtful answer): the
            // position, or the map or the national service, opened and focused.
            let suivre_chemin = {
                let d = d.clone();
                Callback::from(move |c: Chemin| match c {
                    Chemin::Position => localiser(&d),
                    Chemin::Carte => d.emit(Action::Chemin(Geste::VersCarte)),
                    Chemin::EnLigne => d.emit(Action::Chemin(Geste::VersEnLigne)),
                })
            };
            let localiser_bouton = {
                let d = d.clone();
                Callback::from(move |_| localiser(&d))
            };
            let age_invalide = !etat.age_texte.trim().is_empty() && etat.age().is_none();
            let message_position = match &etat.position {
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
            let suite = donnees.pret().filter(|_| etat.lien_resolu);
            let choix = &etat.choix;
            let rep = suite
                .as_ref()
                .zip(choix.as_ref())
                .map(|(d, c)| reponse(d, c, etat.age()));
            let point_carte = match choix {
                Some(Choix::Point(p)) | Some(Choix::Externe { point: p, .. }) => Some(*p),
                Some(Choix::Adresse(r)) => r.position.map(|p| PointLien {
                    lon: p[0] as f64 / 1e6,
                    lat: p[1] as f64 / 1e6,
                    precision_m: 0.0,
                }),
                None => None,
            };
            let position_carte = match etat.position {
                EtatPosition::Message(Position::Trouvee {
                    lon,
                    lat,
                    precision_m,
                }) => Some(PointLien {
                    lon,
                    lat,
                    precision_m,
                }),
                _ => None,
            };
            let en_ligne = donnees
                .pret()
                .is_some_and(|d| !d.verificateur.programme.geocodeur_en_ligne.is_empty());
            let adresse_initiale = match choix {
                Some(Choix::Adresse(r)) => r.label.clone(),
                _ => String::new(),
            };
            html! {
                <>
                if !etat.demande {
                    <BrouillonGarde langue={langue} onreprendre={d.reform(|b| Action::Demande(Some(Box::new(b))))} />
                }
                <section class="recherche" aria-labelledby="titre-recherche">
                    <h2 id="titre-recherche" class="visuellement-cache">{ t.etiquette_adresse() }</h2>
                    <RechercheAdresse adresses={adresses.pret()} langue={langue} onchoix={choisir} onsaisie={d.reform(Action::Saisie)}
                        onintrouvable={d.reform(Action::Introuvable)} initiale={adresse_initiale} />
                    if let Some(texte) = &etat.introuvable {
                        <div id="introuvable" class="introuvable">
                            // The typed text isolated (first strong isolate … pop): it keeps its
                            // own direction inside an Arabic sentence.
                            <p class="titre" role="alert">{ t.introuvable_titre(&crate::textes::isole(texte)) }</p>
                            <p>{ t.introuvable_texte() }</p>
                            { chemins(t, en_ligne, &suivre_chemin) }
                        </div>
                    }
                    <div class="champ age">
                        <label for="age">{ t.etiquette_age() }</label>
                        <input id="age" type="text" inputmode="numeric" autocomplete="off" maxlength="2"
                            aria-describedby={if age_invalide { "age-aide age-erreur" } else { "age-aide" }}
                            aria-invalid={if age_invalide { "true" } else { "false" }}
                            value={etat.age_texte.clone()}
                            oninput={d.reform(|e: InputEvent| Action::Age(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))} />
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
                if let Some(donnees) = &suite {
                    if let (Some(rep), Some(c)) = (rep, choix) {
                        { carte_reponse(&VueReponse {
                            donnees,
                            reponse: &rep,
                            choix: c,
                            t,
                            onnouvelle: effacer,
                            ondemande: d.reform(|_| Action::Demande(None)),
                            onchemin: &suivre_chemin,
                            en_ligne,
                        }) }
                        if etat.demande {
                            <FormulaireDemande langue={langue} eligibilite={phrase_eligibilite(donnees, &rep, c)}
                                contact={contact_demande(donnees, &rep)} age_min={donnees.verificateur.programme.age_min}
                                age_max={donnees.verificateur.programme.age_max} onfermer={d.reform(|_| Action::FermerDemande)}
                                sujet={c.sujet()} adresse={c.adresse().to_string()} reprise={etat.reprise.clone()}
                                permise={rep.hors_age.is_none() && rep.decision.permet_une_demande()}
                                ecoles={Rc::new(donnees.verificateur.carte.ecoles.clone())} />
                        }
                    }
                    <details class="alternatives" open={etat.alternatives_ouvertes}
                        ontoggle={d.reform(|e: Event| Action::Alternatives(e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open()))}>
                        <summary>{ t.pas_dans_la_liste() }</summary>
                        <div class="contenu-alternatives">
                            <button type="button" class="bouton secondaire" onclick={localiser_bouton}>{ t.ma_position() }</button>
                            <p class="message-position" role="status">{ message_position.unwrap_or_default() }</p>
                            if en_ligne {
                                <div id="alternative-en-ligne" tabindex="-1">
                                    <RechercheEnLigne endpoint={donnees.verificateur.programme.geocodeur_en_ligne.clone()}
                                        langue={langue} texte={etat.saisie.clone()} onchoix={choisir_externe} />
                                </div>
                            }
                            if etat.alternatives_ouvertes {
                                <div id="alternative-carte" tabindex="-1">
                                    <Carte donnees={donnees.clone()} adresses={adresses.pret()} langue={langue} point={point_carte} position={position_carte} onpoint={choisir_point} />
                                </div>
                            }
                        </div>
                    </details>
                    { sources(donnees, t) }
                }
                </>
            }
        }
    };

    let mise_a_jour = etat.nouvelle_version.then(|| {
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
            if !liste || tout_pret.is_none() {
                <h1>{ t.accroche() }</h1>
                <p class="presentation">{ t.presentation() }</p>
                <p class="confidentialite">{ t.confidentialite() }</p>
            }
            { contenu }
            if let Some(d) = donnees.pret().filter(|_| etat.lien_resolu) {
                <p class="programme" lang="fr">
                    { &d.verificateur.programme.nom }{ " — " }{ &d.verificateur.programme.association }
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
