//! A map of Dijon drawn in SVG from the assets: the IRIS with their names, each category
//! (north, south, priority zone, other) with its own colour *and* pattern, the streets the
//! address data knows (named when zoomed in), the chosen point and the user's position. Tap to
//! place a point, then confirm; buttons zoom and pan (an alternative to dragging), and a text
//! lists the territories. No tile, nothing from another origin.

use crate::donnees::{Adresses, Donnees};
use crate::textes::textes;
use parcours_core::geometrie::{PointEtiquette, Xy};
use parcours_core::lien::{Langue, PointLien};
use parcours_core::nombre;
use parcours_core::plan::{self, Placement};
use parcours_core::programme::{Equipe, Statut};
use parcours_core::recherche::nom_affiche;
use std::rc::Rc;
use yew::prelude::*;

/// Map units (metres) are written rounded: a metre is far below a pixel.
fn entier(x: f64) -> String {
    nombre::ecrire(x, 0)
}

/// Scales and directions: three decimals.
fn fin(x: f64) -> String {
    nombre::ecrire(x, 3)
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub donnees: Rc<Donnees>,
    /// The address index, once it is there: the streets are drawn from it.
    #[prop_or_default]
    pub adresses: Option<Rc<Adresses>>,
    pub langue: Langue,
    /// The point the answer is about (an address, a tap, a location).
    pub point: Option<PointLien>,
    /// The user's location, when they asked for it.
    #[prop_or_default]
    pub position: Option<PointLien>,
    pub onpoint: Callback<PointLien>,
}

/// x, y, width, height, in metres (y pointing south, as SVG wants).
type Vue = [f64; 4];

/// Names in pixels: the IRIS', the streets' (the `font-size` of their groups).
const CORPS_IRIS: f64 = 13.0;
const CORPS_VOIE: f64 = 12.0;
/// Street names show from this scale on (metres per pixel): about 1.6 km across a phone.
const ECHELLE_VOIES: f64 = 4.5;
/// Width of the view around a point the map is brought to, in metres.
const LARGEUR_PROCHE_M: f64 = 1_000.0;

/// The pointers on the map: where each went down and is now, and the view then.
#[derive(Default)]
struct Geste {
    doigts: Vec<(i32, (f64, f64))>,
    depart: Vec<(i32, (f64, f64))>,
    vue_depart: Vue,
    bouge: bool,
}

/// What an IRIS is for the programme; each has a fill colour and a pattern (`motif-<classe>`).
#[derive(Clone, Copy, PartialEq)]
enum Categorie {
    Nord,
    Sud,
    Prioritaire,
    Autre,
}

impl Categorie {
    const TOUTES: [Categorie; 4] = [
        Categorie::Nord,
        Categorie::Sud,
        Categorie::Prioritaire,
        Categorie::Autre,
    ];
    fn classe(self) -> &'static str {
        match self {
            Categorie::Nord => "nord",
            Categorie::Sud => "sud",
            Categorie::Prioritaire => "prioritaire",
            Categorie::Autre => "autre",
        }
    }
}

/// The patterns, `taille` map units to the pixel, their ids ending with `suffixe`: north is
/// striped, south dotted, the priority zones cross-hatched, the rest plain — told apart
/// without their hue, in forced colours too.
fn motifs(taille: f64, suffixe: &str) -> Html {
    let transformer = |angle: u32| format!("rotate({angle}) scale({})", fin(taille));
    html! { <>
        <pattern id={format!("motif-nord{suffixe}")} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform={transformer(45)}>
            <rect width="8" height="8" class="motif-fond nord" />
            <line x1="1.5" y1="0" x2="1.5" y2="8" class="motif-trait nord" />
        </pattern>
        <pattern id={format!("motif-sud{suffixe}")} width="7" height="7" patternUnits="userSpaceOnUse" patternTransform={transformer(0)}>
            <rect width="7" height="7" class="motif-fond sud" />
            <circle cx="3.5" cy="3.5" r="1.6" class="motif-point sud" />
        </pattern>
        <pattern id={format!("motif-prioritaire{suffixe}")} width="7" height="7" patternUnits="userSpaceOnUse" patternTransform={transformer(45)}>
            <rect width="7" height="7" class="motif-fond prioritaire" />
            <path d="M0 0V7M0 0H7" class="motif-trait prioritaire" />
        </pattern>
        <pattern id={format!("motif-autre{suffixe}")} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform={transformer(0)}>
            <rect width="8" height="8" class="motif-fond autre" />
        </pattern>
    </> }
}

/// One IRIS as drawn.
struct IrisDessin {
    chemin: String,
    categorie: Categorie,
    nom: String,
    etiquette: Option<PointEtiquette>,
}

/// A street's name and where it goes.
struct NomVoie {
    nom: String,
    ancre: Xy,
    direction: Xy,
}

/// What does not change with the view: computed once per data.
struct Fond {
    iris: Vec<IrisDessin>,
    /// The IRIS in the order their names are offered: the roomiest first.
    ordre_noms: Vec<usize>,
    /// Every street line in one path.
    voies: String,
    /// Longest streets first.
    noms_voies: Vec<NomVoie>,
    vue: Vue,
}

fn chemin<'a>(lignes: impl Iterator<Item = &'a Vec<Xy>>, fermer: bool) -> String {
    let mut d = String::new();
    for ligne in lignes {
        for (i, p) in ligne.iter().enumerate() {
            d.push(if i == 0 { 'M' } else { 'L' });
            d.push_str(&entier(p.x));
            d.push(' ');
            d.push_str(&entier(-p.y));
        }
        // A lone number: a dot (a line of no length, drawn with round caps).
        d.push_str(match (fermer, ligne.len()) {
            (true, _) => "Z",
            (false, 1) => "h0",
            _ => "",
        });
    }
    d
}

fn fond(d: &Donnees, a: Option<&Adresses>) -> Fond {
    let v = &d.verificateur;
    let loc = v.localisateur();
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    let mut iris = Vec::new();
    for (i, forme) in v.carte.iris.iter().zip(&loc.formes) {
        b[0] = b[0].min(forme.boite[0]);
        b[1] = b[1].min(forme.boite[1]);
        b[2] = b[2].max(forme.boite[2]);
        b[3] = b[3].max(forme.boite[3]);
        let categorie = match v.programme.statut(&i.code) {
            Statut::Couvert { territoire, .. } if territoire.equipe == Equipe::Nord => {
                Categorie::Nord
            }
            Statut::Couvert { .. } => Categorie::Sud,
            Statut::Prioritaire { .. } => Categorie::Prioritaire,
            Statut::Hors => Categorie::Autre,
        };
        iris.push(IrisDessin {
            chemin: chemin(forme.anneaux.iter(), true),
            categorie,
            nom: i.nom.clone(),
            etiquette: forme.point_etiquette(2.0),
        });
    }
    let rayons: Vec<f64> = iris
        .iter()
        .map(|d| d.etiquette.map_or(0.0, |e| e.rayon_m))
        .collect();
    let vide = parcours_core::recherche::IndexAdresses {
        vocabulaire: vec![],
        voies: vec![],
    };
    let index = a.map_or(&vide, |a| a.moteur.index());
    let voies_tracees = plan::voies_tracees(index, &loc.projection);
    let etendues: Vec<f64> = voies_tracees.iter().map(plan::etendue).collect();
    let marge = 200.0;
    Fond {
        ordre_noms: plan::ordre_decroissant(&rayons),
        voies: chemin(voies_tracees.iter().flat_map(|r| r.traces.iter()), false),
        noms_voies: plan::ordre_decroissant(&etendues)
            .into_iter()
            .map(|i| &voies_tracees[i])
            .map(|r| NomVoie {
                nom: nom_affiche(&index.voies[r.voie].nom),
                ancre: r.ancre,
                direction: r.direction,
            })
            .collect(),
        iris,
        vue: [
            b[0] - marge,
            -b[3] - marge,
            b[2] - b[0] + 2.0 * marge,
            b[3] - b[1] + 2.0 * marge,
        ],
    }
}

/// The view `largeur` metres wide around a point (of the plane), with the shape of `vue`.
fn vue_autour(vue: Vue, q: Xy, largeur: f64) -> Vue {
    let hauteur = largeur * vue[3] / vue[2];
    [q.x - largeur / 2.0, -q.y - hauteur / 2.0, largeur, hauteur]
}

/// Whether a point of the plane is in the view.
fn dans(vue: &Vue, q: Xy) -> bool {
    let (x, y) = (q.x, -q.y);
    x >= vue[0] && x <= vue[0] + vue[2] && y >= vue[1] && y <= vue[1] + vue[3]
}

/// Whether a box of the plane is wholly in the view (a name is not cut by the edge).
fn boite_dans(vue: &Vue, b: &plan::Boite) -> bool {
    dans(vue, Xy { x: b[0], y: b[1] }) && dans(vue, Xy { x: b[2], y: b[3] })
}

/// A text drawn `k` map units to the pixel, turned along `direction`, at `q`.
fn transformation(q: Xy, direction: Xy, k: f64) -> String {
    let (c, s) = (direction.x * k, -direction.y * k);
    format!(
        "matrix({} {} {} {} {} {})",
        fin(c),
        fin(s),
        fin(-s),
        fin(c),
        entier(q.x),
        entier(-q.y)
    )
}

/// The names that fit in this view, none covering another (nor the markers): the IRIS'
/// first, then, zoomed in, the streets'.
fn noms(fond: &Fond, vue: &Vue, k: f64, reserve: &[Xy]) -> (Html, Html) {
    let mut placement = Placement::default();
    for q in reserve {
        let r = 14.0 * k;
        placement.essayer([q.x - r, q.y - r, q.x + r, q.y + 2.0 * r]);
    }
    let est = Xy { x: 1.0, y: 0.0 };
    let noms_iris: Vec<Html> = fond
        .ordre_noms
        .iter()
        .filter_map(|&i| {
            let d = &fond.iris[i];
            let e = d.etiquette?;
            let boite = plan::boite_etiquette(
                e.point,
                est,
                plan::largeur_texte(&d.nom, CORPS_IRIS) * k,
                1.3 * CORPS_IRIS * k,
            );
            (boite_dans(vue, &boite) && placement.essayer(boite)).then(|| {
                html! { <text transform={transformation(e.point, est, k)}>{ &d.nom }</text> }
            })
        })
        .collect();
    let noms_voies: Vec<Html> = if k <= ECHELLE_VOIES {
        fond.noms_voies
            .iter()
            .filter(|r| dans(vue, r.ancre))
            .filter_map(|r| {
                let boite = plan::boite_etiquette(
                    r.ancre,
                    r.direction,
                    plan::largeur_texte(&r.nom, CORPS_VOIE) * k,
                    1.3 * CORPS_VOIE * k,
                );
                (boite_dans(vue, &boite) && placement.essayer(boite)).then(|| {
                    html! { <text transform={transformation(r.ancre, r.direction, k)}>{ &r.nom }</text> }
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    (
        html! { <g class="noms-iris" font-size="13" lang="fr">{ for noms_iris }</g> },
        html! { <g class="noms-voies" font-size="12" lang="fr">{ for noms_voies }</g> },
    )
}

/// The crosshair icon of « place at the centre » (an SVG: the ⌖ glyph is missing from many
/// phones' fonts).
fn icone_centre() -> Html {
    html! {
        <svg class="icone" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <circle cx="12" cy="12" r="6.5" />
            <path d="M12 1.5v6M12 16.5v6M1.5 12h6M16.5 12h6" />
        </svg>
    }
}

/// The chosen point's pin, its tip on the point, drawn in pixels.
const EPINGLE: &str = "M0 0C-2 -6 -9 -11 -9 -18A9 9 0 1 1 9 -18C9 -11 2 -6 0 0Z";

fn marque_point(q: Xy, k: f64, provisoire: bool) -> Html {
    let classe = classes!("marque-point", provisoire.then_some("provisoire"));
    html! {
        <g class={classe} transform={transformation(q, Xy { x: 1.0, y: 0.0 }, k)}>
            <path d={EPINGLE} />
            <circle cx="0" cy="-18" r="3.5" class="coeur" />
        </g>
    }
}

fn marque_position(q: Xy, precision_m: f64, k: f64) -> Html {
    html! {
        <g class="marque-position">
            if precision_m > 0.0 {
                <circle class="precision" cx={entier(q.x)} cy={entier(-q.y)} r={entier(precision_m)} />
            }
            <circle class="point" cx={entier(q.x)} cy={entier(-q.y)} r={fin(7.0 * k)} />
        </g>
    }
}

/// A legend's swatch: the category's pattern at screen size.
fn pastille(c: Categorie) -> Html {
    html! {
        <svg class="pastille" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <rect width="24" height="24" class={classes!("iris", c.classe())} fill={format!("url(#motif-{}-l)", c.classe())} />
        </svg>
    }
}

#[function_component]
pub fn Carte(p: &Props) -> Html {
    let t = textes(p.langue);
    let fond = use_memo((p.donnees.clone(), p.adresses.clone()), |(d, a)| {
        fond(d, a.as_deref())
    });
    let proj = p.donnees.verificateur.localisateur().projection;
    // Opened about a point in the city (the answer's, else the user's): around it, close enough
    // to see the streets; else the whole city.
    let vue = {
        let fond = fond.clone();
        let depart = p.point.or(p.position);
        use_state(move || {
            depart
                .map(|pt| proj.vers_plan(pt.lon, pt.lat))
                .filter(|q| dans(&fond.vue, *q))
                .map_or(fond.vue, |q| vue_autour(fond.vue, q, LARGEUR_PROCHE_M))
        })
    };
    let provisoire = use_state(|| None::<PointLien>);
    // A new location fix brings the map to it.
    {
        let vue = vue.clone();
        let initiale = fond.vue;
        use_effect_with(p.position, move |position| {
            if let Some(q) = position
                .map(|pt| proj.vers_plan(pt.lon, pt.lat))
                .filter(|q| dans(&initiale, *q))
            {
                vue.set(vue_autour(initiale, q, LARGEUR_PROCHE_M));
            }
        });
    }

    let vers_lonlat = move |x: f64, y: f64| {
        let (lon, lat) = proj.vers_lonlat(Xy { x, y: -y });
        PointLien {
            lon,
            lat,
            precision_m: 0.0,
        }
    };

    let plan = use_node_ref();
    // The drawing's width on screen, in pixels (names and markers keep their size in pixels).
    let largeur_px = use_state(|| 0.0f64);
    {
        let plan = plan.clone();
        let largeur_px = largeur_px.clone();
        use_effect_with((), move |_| {
            let mesurer = move || {
                if let Some(svg) = plan.cast::<web_sys::Element>() {
                    let l = svg.get_bounding_client_rect().width();
                    if l > 0.0 {
                        largeur_px.set(l);
                    }
                }
            };
            mesurer();
            let fenetre = web_sys::window().expect("window");
            let ecouteur = gloo_events::EventListener::new(&fenetre, "resize", move |_| mesurer());
            move || drop(ecouteur)
        });
    }
    let geste = use_mut_ref(Geste::default);
    let rect = {
        let plan = plan.clone();
        move || {
            plan.cast::<web_sys::Element>()
                .map(|svg| svg.get_bounding_client_rect())
                .filter(|r| r.width() > 0.0 && r.height() > 0.0)
        }
    };
    let appuyer = {
        let geste = geste.clone();
        let vue = vue.clone();
        let plan = plan.clone();
        Callback::from(move |e: PointerEvent| {
            if let Some(svg) = plan.cast::<web_sys::Element>() {
                let _ = svg.set_pointer_capture(e.pointer_id());
            }
            let mut g = geste.borrow_mut();
            g.doigts.retain(|(id, _)| *id != e.pointer_id());
            g.doigts
                .push((e.pointer_id(), (e.client_x() as f64, e.client_y() as f64)));
            g.depart = g.doigts.clone();
            g.vue_depart = *vue;
            g.bouge = g.doigts.len() > 1;
        })
    };
    let deplacer = {
        let geste = geste.clone();
        let vue = vue.clone();
        let rect = rect.clone();
        Callback::from(move |e: PointerEvent| {
            let mut g = geste.borrow_mut();
            let Some(i) = g.doigts.iter().position(|(id, _)| *id == e.pointer_id()) else {
                return;
            };
            g.doigts[i].1 = (e.client_x() as f64, e.client_y() as f64);
            let Some(r) = rect() else { return };
            let v0 = g.vue_depart;
            let m_par_px = v0[2] / r.width();
            match (g.depart.as_slice(), g.doigts.as_slice()) {
                // One finger (or the mouse): drag to pan.
                ([(_, a)], [(_, b)]) => {
                    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
                    if dx.hypot(dy) > 6.0 {
                        g.bouge = true;
                    }
                    if g.bouge {
                        vue.set([v0[0] - dx * m_par_px, v0[1] - dy * m_par_px, v0[2], v0[3]]);
                    }
                }
                // Two fingers: pinch to zoom around their middle.
                ([(_, a1), (_, a2)], [(_, b1), (_, b2)]) => {
                    let d0 = (a1.0 - a2.0).hypot(a1.1 - a2.1);
                    let d1 = (b1.0 - b2.0).hypot(b1.1 - b2.1);
                    if d0 > 1.0 && d1 > 1.0 {
                        let k = (d0 / d1).clamp(0.05, 20.0);
                        let mx = v0[0] + ((a1.0 + a2.0) / 2.0 - r.left()) * m_par_px;
                        let my = v0[1] + ((a1.1 + a2.1) / 2.0 - r.top()) * m_par_px;
                        vue.set([
                            mx - (mx - v0[0]) * k,
                            my - (my - v0[1]) * k,
                            v0[2] * k,
                            v0[3] * k,
                        ]);
                    }
                }
                _ => {}
            }
        })
    };
    let lacher = {
        let geste = geste.clone();
        let vue = vue.clone();
        let provisoire = provisoire.clone();
        Callback::from(move |e: PointerEvent| {
            let mut g = geste.borrow_mut();
            let etait_tap = g.doigts.len() == 1 && !g.bouge;
            g.doigts.retain(|(id, _)| *id != e.pointer_id());
            g.depart = g.doigts.clone();
            g.vue_depart = *vue;
            if !etait_tap {
                return;
            }
            // A tap (no drag): place the point there.
            if let Some(r) = rect() {
                let v = *vue;
                let x = v[0] + (e.client_x() as f64 - r.left()) / r.width() * v[2];
                let y = v[1] + (e.client_y() as f64 - r.top()) / r.height() * v[3];
                provisoire.set(Some(vers_lonlat(x, y)));
            }
        })
    };
    let annuler = {
        let geste = geste.clone();
        Callback::from(move |e: PointerEvent| {
            let mut g = geste.borrow_mut();
            g.doigts.retain(|(id, _)| *id != e.pointer_id());
            g.depart = g.doigts.clone();
        })
    };
    let centre = {
        let vue = vue.clone();
        let provisoire = provisoire.clone();
        Callback::from(move |_| {
            let v = *vue;
            provisoire.set(Some(vers_lonlat(v[0] + v[2] / 2.0, v[1] + v[3] / 2.0)));
        })
    };
    let bouger = |dx: f64, dy: f64, facteur: f64| {
        let vue = vue.clone();
        Callback::from(move |_| {
            let v = *vue;
            let (w, h) = (v[2] * facteur, v[3] * facteur);
            let cx = v[0] + v[2] / 2.0 + dx * v[2];
            let cy = v[1] + v[3] / 2.0 + dy * v[3];
            vue.set([cx - w / 2.0, cy - h / 2.0, w, h]);
        })
    };
    let recentrer = {
        let vue = vue.clone();
        let initiale = fond.vue;
        Callback::from(move |_| vue.set(initiale))
    };
    let confirmer = {
        let provisoire = provisoire.clone();
        let onpoint = p.onpoint.clone();
        Callback::from(move |_| {
            if let Some(pt) = *provisoire {
                onpoint.emit(pt);
                provisoire.set(None);
            }
        })
    };

    let v = *vue;
    // Map units to the pixel (before the first measure, a phone's width).
    let k = v[2]
        / if *largeur_px > 0.0 {
            *largeur_px
        } else {
            360.0
        };
    let choisi = (*provisoire).or(p.point);
    let q_choisi = choisi.map(|pt| proj.vers_plan(pt.lon, pt.lat));
    let q_position = p
        .position
        .map(|pt| (proj.vers_plan(pt.lon, pt.lat), pt.precision_m));
    let reserve: Vec<Xy> = q_choisi
        .into_iter()
        .chain(q_position.map(|(q, _)| q))
        .collect();
    let (noms_iris, noms_voies) = noms(&fond, &v, k, &reserve);
    let prog = &p.donnees.verificateur.programme;
    html! {
        <div class="carte">
            <h3 id="titre-carte">{ t.carte_titre() }</h3>
            <p class="aide" id="aide-carte">{ t.carte_aide() }</p>
            <div class="outils-carte" role="group" aria-label={t.carte_titre()}>
                <button type="button" class="bouton outil" aria-label={t.zoom_plus()} title={t.zoom_plus()} onclick={bouger(0.0, 0.0, 1.0 / 1.5)}>{ "+" }</button>
                <button type="button" class="bouton outil" aria-label={t.zoom_moins()} title={t.zoom_moins()} onclick={bouger(0.0, 0.0, 1.5)}>{ "−" }</button>
                <button type="button" class="bouton outil" aria-label={t.vers_nord()} title={t.vers_nord()} onclick={bouger(0.0, -0.25, 1.0)}>{ "↑" }</button>
                <button type="button" class="bouton outil" aria-label={t.vers_sud()} title={t.vers_sud()} onclick={bouger(0.0, 0.25, 1.0)}>{ "↓" }</button>
                <button type="button" class="bouton outil" aria-label={t.vers_ouest()} title={t.vers_ouest()} onclick={bouger(-0.25, 0.0, 1.0)}>{ "←" }</button>
                <button type="button" class="bouton outil" aria-label={t.vers_est()} title={t.vers_est()} onclick={bouger(0.25, 0.0, 1.0)}>{ "→" }</button>
                <button type="button" class="bouton outil" onclick={recentrer}>{ t.recentrer() }</button>
                <button type="button" class="bouton outil centre" onclick={centre}>{ icone_centre() }{ t.carte_placer_centre() }</button>
            </div>
            <svg ref={plan} class={classes!("plan", (k <= ECHELLE_VOIES).then_some("proche"))} role="img"
                aria-labelledby="titre-carte" aria-describedby="aide-carte"
                viewBox={format!("{} {} {} {}", entier(v[0]), entier(v[1]), entier(v[2]), entier(v[3]))}
                onpointerdown={appuyer} onpointermove={deplacer} onpointerup={lacher} onpointercancel={annuler}>
                <defs>{ motifs(k, "") }</defs>
                { for fond.iris.iter().map(|d| html! {
                    <path d={d.chemin.clone()} class={classes!("iris", d.categorie.classe())}
                        fill={format!("url(#motif-{})", d.categorie.classe())}><title>{ &d.nom }</title></path>
                }) }
                <path class="voies" d={fond.voies.clone()} />
                { noms_voies }
                { noms_iris }
                { q_position.map(|(q, precision)| marque_position(q, precision, k)) }
                { q_choisi.map(|q| marque_point(q, k, provisoire.is_some())) }
            </svg>
            <svg class="motifs-legende" width="0" height="0" aria-hidden="true" focusable="false">
                <defs>{ motifs(1.0, "-l") }</defs>
            </svg>
            <ul class="legende">
                { for Categorie::TOUTES.iter().map(|c| html! {
                    <li>{ pastille(*c) }{ match c {
                        Categorie::Nord => t.carte_legende_nord(),
                        Categorie::Sud => t.carte_legende_sud(),
                        Categorie::Prioritaire => t.carte_legende_prioritaire(),
                        Categorie::Autre => t.carte_legende_autre(),
                    } }</li>
                }) }
                if choisi.is_some() {
                    <li>
                        <svg class="pastille symbole" viewBox="-12 -24 24 26" width="24" height="24" aria-hidden="true" focusable="false">
                            <g class="marque-point"><path d={EPINGLE} /><circle cx="0" cy="-18" r="3.5" class="coeur" /></g>
                        </svg>
                        { t.carte_point() }
                    </li>
                }
                if p.position.is_some() {
                    <li>
                        <svg class="pastille symbole" viewBox="-12 -12 24 24" width="24" height="24" aria-hidden="true" focusable="false">
                            <g class="marque-position"><circle class="precision" r="11" /><circle class="point" r="6" /></g>
                        </svg>
                        { t.carte_legende_position() }
                    </li>
                }
            </ul>
            if provisoire.is_some() {
                <button type="button" class="bouton principal" onclick={confirmer}>{ t.confirmer_point() }</button>
            }
            <details class="territoires-texte">
                <summary>{ t.territoires_texte() }</summary>
                { for prog.territoires.iter().map(|te| html! {
                    <div>
                        <h4>{ t.equipe(te.equipe) }</h4>
                        <ul lang="fr">{ for te.quartiers.iter().map(|q| html! {
                            <li>{ format!("{} ({} IRIS)", q.nom, q.iris.len()) }</li>
                        }) }</ul>
                    </div>
                }) }
                <h4>{ t.zones_prioritaires() }</h4>
                <ul lang="fr">{ for prog.zones_prioritaires.iter().map(|z| html! { <li>{ &z.nom }</li> }) }</ul>
            </details>
        </div>
    }
}
