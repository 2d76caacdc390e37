//! A map of Dijon drawn in SVG from the assets: IRIS outlines, the territories and the
//! priority zones in colour-blind-safe fills, the chosen point. Tap to place a point, then
//! confirm; buttons zoom and pan (an alternative to dragging), and a text lists the territories.

use crate::donnees::Donnees;
use crate::textes::textes;
use parcours_core::geometrie::Xy;
use parcours_core::lien::{Langue, PointLien};
use parcours_core::nombre;
use parcours_core::programme::{Equipe, Statut};
use std::rc::Rc;
use yew::prelude::*;

/// Map units (metres) are written rounded: a metre is far below a pixel.
fn entier(x: f64) -> String {
    nombre::ecrire(x, 0)
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub donnees: Rc<Donnees>,
    pub langue: Langue,
    pub point: Option<PointLien>,
    pub onpoint: Callback<PointLien>,
}

/// x, y, width, height, in metres (y pointing south, as SVG wants).
type Vue = [f64; 4];

/// The pointers on the map: where each went down and is now, and the view then.
#[derive(Default)]
struct Geste {
    doigts: Vec<(i32, (f64, f64))>,
    depart: Vec<(i32, (f64, f64))>,
    vue_depart: Vue,
    bouge: bool,
}

struct Fond {
    chemins: Vec<(String, &'static str, String)>,
    vue: Vue,
}

fn fond(d: &Donnees) -> Fond {
    let v = &d.verificateur;
    let loc = v.localisateur();
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    let mut chemins = Vec::new();
    for (iris, forme) in v.carte.iris.iter().zip(&loc.formes) {
        b[0] = b[0].min(forme.boite[0]);
        b[1] = b[1].min(forme.boite[1]);
        b[2] = b[2].max(forme.boite[2]);
        b[3] = b[3].max(forme.boite[3]);
        let mut chemin = String::new();
        for anneau in &forme.anneaux {
            for (i, p) in anneau.iter().enumerate() {
                chemin.push_str(if i == 0 { "M" } else { "L" });
                chemin.push_str(&format!("{} {}", entier(p.x), entier(-p.y)));
            }
            chemin.push('Z');
        }
        let classe = match v.programme.statut(&iris.code) {
            Statut::Couvert { territoire, .. } if territoire.equipe == Equipe::Nord => "nord",
            Statut::Couvert { .. } => "sud",
            Statut::Prioritaire { .. } => "prioritaire",
            Statut::Hors => "autre",
        };
        chemins.push((chemin, classe, iris.nom.clone()));
    }
    let marge = 200.0;
    Fond {
        chemins,
        vue: [
            b[0] - marge,
            -b[3] - marge,
            b[2] - b[0] + 2.0 * marge,
            b[3] - b[1] + 2.0 * marge,
        ],
    }
}

#[function_component]
pub fn Carte(p: &Props) -> Html {
    let t = textes(p.langue);
    let fond = use_memo(p.donnees.clone(), |d| fond(d));
    let vue = use_state(|| fond.vue);
    let provisoire = use_state(|| None::<PointLien>);
    let proj = p.donnees.verificateur.localisateur().projection;

    let vers_lonlat = move |x: f64, y: f64| {
        let (lon, lat) = proj.vers_lonlat(Xy { x, y: -y });
        PointLien {
            lon,
            lat,
            precision_m: 0.0,
        }
    };

    let plan = use_node_ref();
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

    let marque = (*provisoire).or(p.point).map(|pt| {
        let q = proj.vers_plan(pt.lon, pt.lat);
        let echelle = vue[2] / 400.0;
        html! { <g class="marque-point">
            if pt.precision_m > 0.0 {
                <circle class="precision" cx={entier(q.x)} cy={entier(-q.y)} r={entier(pt.precision_m)} />
            }
            <circle class="point" cx={entier(q.x)} cy={entier(-q.y)} r={nombre::ecrire(6.0 * echelle, 1)} />
        </g> }
    });
    let v = *vue;
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
                <button type="button" class="bouton outil" onclick={centre}>{ t.carte_point() }{ " ⌖" }</button>
            </div>
            <svg ref={plan} class="plan" role="img" aria-labelledby="titre-carte" aria-describedby="aide-carte"
                viewBox={format!("{} {} {} {}", entier(v[0]), entier(v[1]), entier(v[2]), entier(v[3]))}
                onpointerdown={appuyer} onpointermove={deplacer} onpointerup={lacher} onpointercancel={annuler}>
                <defs>
                    <pattern id="hachures" width="60" height="60" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="60" height="60" class="fond-prioritaire" />
                        <line x1="0" y1="0" x2="0" y2="60" class="hachure" />
                    </pattern>
                </defs>
                { for fond.chemins.iter().map(|(d, classe, nom)| html! {
                    <path d={d.clone()} class={classes!("iris", *classe)}><title>{ nom }</title></path>
                }) }
                { marque }
            </svg>
            <ul class="legende">
                <li><span class="pastille nord"></span>{ t.carte_legende_nord() }</li>
                <li><span class="pastille sud"></span>{ t.carte_legende_sud() }</li>
                <li><span class="pastille prioritaire"></span>{ t.carte_legende_prioritaire() }</li>
                <li><span class="pastille autre"></span>{ t.carte_legende_autre() }</li>
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
