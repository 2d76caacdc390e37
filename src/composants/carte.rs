//! A map of Dijon drawn in SVG from the assets: the IRIS with their names, each category
//! (north, south, priority zone, other) with its own colour *and* pattern, the streets the
//! address data knows (named when zoomed in), the chosen point and the user's position. Tap to
//! place a point, then confirm; buttons zoom and pan (an alternative to dragging), and a text
//! lists the territories. No tile, nothing from another origin.

use super::rappel;
use crate::donnees::{Adresses, Donnees};
use crate::textes::textes;
use parcours_core::geometrie::{PointEtiquette, Projection, Xy};
use parcours_core::lien::{Langue, PointLien};
use parcours_core::nombre;
use parcours_core::plan::{self, boite_dans, dans, vue_autour, Geste, Placement, Vue};
use parcours_core::programme::{Equipe, Statut};
use parcours_core::recherche::nom_affiche;
use std::cell::RefCell;
use std::rc::Rc;
use yew::functional::UseForceUpdateHandle;
use yew::prelude::*;

/// Map units (metres) are written rounded: a metre is far below a pixel.
fn entier(x: f64) -> String {
    nombre::ecrire(x, 0)
}

/// Scales and directions: three decimals.
fn fin(x: f64) -> String {
    nombre::ecrire(x, 3)
}

/// Numbers, each after its piece of text (with its decimals), then `fin`: the one writer of
/// the map's view box and transforms.
fn ecrire(morceaux: &[(&str, f64, u32)], fin: &str) -> String {
    let mut s = String::new();
    for &(texte, x, decimales) in morceaux {
        s.push_str(texte);
        s.push_str(&nombre::ecrire(x, decimales));
    }
    s.push_str(fin);
    s
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

/// Names in pixels: the IRIS', the streets' (the `font-size` of their groups).
const CORPS_IRIS: f64 = 13.0;
const CORPS_VOIE: f64 = 12.0;
/// Street names show from this scale on (metres per pixel): about 1.6 km across a phone.
const ECHELLE_VOIES: f64 = 4.5;
/// Width of the view around a point the map is brought to, in metres.
const LARGEUR_PROCHE_M: f64 = 1_000.0;

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
    /// Its shapes' classes.
    fn classe(self) -> &'static str {
        match self {
            Categorie::Nord => "iris nord",
            Categorie::Sud => "iris sud",
            Categorie::Prioritaire => "iris prioritaire",
            Categorie::Autre => "iris autre",
        }
    }
    /// Its fill: the pattern of the map, or the legend's.
    fn motif(self, legende: bool) -> &'static str {
        match (self, legende) {
            (Categorie::Nord, false) => "url(#motif-nord)",
            (Categorie::Sud, false) => "url(#motif-sud)",
            (Categorie::Prioritaire, false) => "url(#motif-prioritaire)",
            (Categorie::Autre, false) => "url(#motif-autre)",
            (Categorie::Nord, true) => "url(#motif-nord-l)",
            (Categorie::Sud, true) => "url(#motif-sud-l)",
            (Categorie::Prioritaire, true) => "url(#motif-prioritaire-l)",
            (Categorie::Autre, true) => "url(#motif-autre-l)",
        }
    }
}

/// The patterns, `taille` map units to the pixel, the legend's ids ending with `-l`: north is
/// striped, south dotted, the priority zones cross-hatched, the rest plain — told apart
/// without their hue, in forced colours too.
fn motifs(taille: f64, legende: bool) -> Html {
    let transformer = |angle: f64| ecrire(&[("rotate(", angle, 0), (") scale(", taille, 3)], ")");
    // The pattern's id is its fill's, inside `url(#…)`.
    let id = |c: Categorie| {
        let url = c.motif(legende);
        &url[5..url.len() - 1]
    };
    let mut motifs = Vec::new();
    for c in Categorie::TOUTES {
        let (cote, angle, fond, dessin) = match c {
            Categorie::Nord => (
                "8",
                45.0,
                "motif-fond nord",
                html! { <line x1="1.5" y1="0" x2="1.5" y2="8" class="motif-trait nord" /> },
            ),
            Categorie::Sud => (
                "7",
                0.0,
                "motif-fond sud",
                html! { <circle cx="3.5" cy="3.5" r="1.6" class="motif-point sud" /> },
            ),
            Categorie::Prioritaire => (
                "7",
                45.0,
                "motif-fond prioritaire",
                html! { <path d="M0 0V7M0 0H7" class="motif-trait prioritaire" /> },
            ),
            Categorie::Autre => ("8", 0.0, "motif-fond autre", html! {}),
        };
        motifs.push(html! {
            <pattern id={id(c)} width={cote} height={cote} patternUnits="userSpaceOnUse" patternTransform={transformer(angle)}>
                <rect width={cote} height={cote} class={fond} />
                { dessin }
            </pattern>
        });
    }
    html! { <>{ for motifs }</> }
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
            chemin: {
                let mut c = String::new();
                plan::chemin(&mut c, &forme.anneaux, true);
                c
            },
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
    let mut voies = String::new();
    for r in &voies_tracees {
        plan::chemin(&mut voies, &r.traces, false);
    }
    let marge = 200.0;
    Fond {
        ordre_noms: plan::ordre_decroissant(&rayons),
        voies,
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

/// A text drawn `k` map units to the pixel, turned along `direction`, at `q`.
fn transformation(q: Xy, direction: Xy, k: f64) -> String {
    let (c, s) = (direction.x * k, -direction.y * k);
    ecrire(
        &[
            ("matrix(", c, 3),
            (" ", s, 3),
            (" ", -s, 3),
            (" ", c, 3),
            (" ", q.x, 0),
            (" ", -q.y, 0),
        ],
        ")",
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
    // A name where it fits: its text, where, along which direction, at which size.
    let mut placer = |noms: &mut Vec<Html>, nom: &str, ancre: Xy, direction: Xy, corps: f64| {
        let boite = plan::boite_etiquette(
            ancre,
            direction,
            plan::largeur_texte(nom, corps) * k,
            1.3 * corps * k,
        );
        if boite_dans(vue, &boite) && placement.essayer(boite) {
            noms.push(
                html! { <text transform={transformation(ancre, direction, k)}>{ nom }</text> },
            );
        }
    };
    let mut noms_iris = Vec::new();
    for &i in &fond.ordre_noms {
        let d = &fond.iris[i];
        if let Some(e) = d.etiquette {
            placer(
                &mut noms_iris,
                &d.nom,
                e.point,
                Xy { x: 1.0, y: 0.0 },
                CORPS_IRIS,
            );
        }
    }
    let mut noms_voies = Vec::new();
    if k <= ECHELLE_VOIES {
        for r in &fond.noms_voies {
            if dans(vue, r.ancre) {
                placer(&mut noms_voies, &r.nom, r.ancre, r.direction, CORPS_VOIE);
            }
        }
    }
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
    let classe = if provisoire {
        "marque-point provisoire"
    } else {
        "marque-point"
    };
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
            <rect width="24" height="24" class={c.classe()} fill={c.motif(true)} />
        </svg>
    }
}

/// What the map holds. One cell for it all, changed by the handlers ([`Plan::changer`]) and
/// read by the view: a hook per field costs each its own code in the WebAssembly.
struct Etat {
    vue: Vue,
    /// A point placed on the map, not confirmed yet.
    provisoire: Option<PointLien>,
    /// The drawing's width on screen, in pixels (names and markers keep their size in pixels);
    /// 0 before it is measured.
    largeur_px: f64,
    /// The user's location the view last came to.
    position: Option<PointLien>,
    geste: Geste,
}

/// What every handler needs, made at each render: the state and the way to show it again, the
/// drawing, the projection, the whole city's view, where a confirmed point goes.
struct Plan {
    etat: Rc<RefCell<Etat>>,
    rendre: UseForceUpdateHandle,
    svg: NodeRef,
    proj: Projection,
    initiale: Vue,
    onpoint: Callback<PointLien>,
}

impl Plan {
    /// Changes the state, then renders the map again.
    fn changer(&self, f: impl FnOnce(&mut Etat)) {
        f(&mut self.etat.borrow_mut());
        self.rendre.force_update();
    }

    fn vers_lonlat(&self, q: Xy) -> PointLien {
        let (lon, lat) = self.proj.vers_lonlat(q);
        PointLien {
            lon,
            lat,
            precision_m: 0.0,
        }
    }

    /// The drawing's box on screen, when it is shown.
    fn ecran(&self) -> Option<plan::Ecran> {
        let r = self
            .svg
            .cast::<web_sys::Element>()?
            .get_bounding_client_rect();
        (r.width() > 0.0 && r.height() > 0.0).then(|| [r.left(), r.top(), r.width(), r.height()])
    }

    fn mesurer(&self) {
        if let Some(svg) = self.svg.cast::<web_sys::Element>() {
            let l = svg.get_bounding_client_rect().width();
            if l > 0.0 {
                self.changer(|e| e.largeur_px = l);
            }
        }
    }

    fn appuyer(self: &Rc<Self>, e: PointerEvent) {
        if let Some(svg) = self.svg.cast::<web_sys::Element>() {
            let _ = svg.set_pointer_capture(e.pointer_id());
        }
        let mut etat = self.etat.borrow_mut();
        let vue = etat.vue;
        etat.geste.appuyer(e.pointer_id(), doigt(&e), vue);
    }

    fn deplacer(self: &Rc<Self>, e: PointerEvent) {
        let ecran = self.ecran();
        let vue = self
            .etat
            .borrow_mut()
            .geste
            .deplacer(e.pointer_id(), doigt(&e), ecran);
        if let Some(v) = vue {
            self.changer(|e| e.vue = v);
        }
    }

    fn lacher(self: &Rc<Self>, e: PointerEvent) {
        let (tap, vue) = {
            let mut etat = self.etat.borrow_mut();
            let vue = etat.vue;
            (etat.geste.lacher(e.pointer_id(), vue), vue)
        };
        // A tap (no drag): place the point there.
        if let (true, Some(r)) = (tap, self.ecran()) {
            let (x, y) = doigt(&e);
            let pt = self.vers_lonlat(plan::sous_le_doigt(&vue, &r, x, y));
            self.changer(|e| e.provisoire = Some(pt));
        }
    }

    fn annuler(self: &Rc<Self>, e: PointerEvent) {
        self.etat.borrow_mut().geste.annuler(e.pointer_id());
    }

    fn centre(self: &Rc<Self>, _: MouseEvent) {
        let v = self.etat.borrow().vue;
        let pt = self.vers_lonlat(Xy {
            x: v[0] + v[2] / 2.0,
            y: -(v[1] + v[3] / 2.0),
        });
        self.changer(|e| e.provisoire = Some(pt));
    }

    fn recentrer(self: &Rc<Self>, _: MouseEvent) {
        let v = self.initiale;
        self.changer(|e| e.vue = v);
    }

    fn confirmer(self: &Rc<Self>, _: MouseEvent) {
        let provisoire = self.etat.borrow().provisoire;
        if let Some(pt) = provisoire {
            self.onpoint.emit(pt);
            self.changer(|e| e.provisoire = None);
        }
    }
}

/// Where a pointer is, in the page's pixels.
fn doigt(e: &PointerEvent) -> (f64, f64) {
    (e.client_x() as f64, e.client_y() as f64)
}

#[function_component]
pub fn Carte(p: &Props) -> Html {
    let t = textes(p.langue);
    // The drawing of the data, made again only when the data change.
    let memo = use_mut_ref(|| None::<(Rc<Donnees>, Option<Rc<Adresses>>, Rc<Fond>)>);
    let fond = {
        let mut m = memo.borrow_mut();
        match &*m {
            Some((d, a, f)) if *d == p.donnees && *a == p.adresses => f.clone(),
            _ => {
                let f = Rc::new(fond(&p.donnees, p.adresses.as_deref()));
                *m = Some((p.donnees.clone(), p.adresses.clone(), f.clone()));
                f
            }
        }
    };
    let proj = p.donnees.verificateur.localisateur().projection;
    let initiale = fond.vue;
    // Opened about a point in the city (the answer's, else the user's): around it, close enough
    // to see the streets; else the whole city.
    let etat = use_mut_ref(|| Etat {
        vue: p
            .point
            .or(p.position)
            .map(|pt| proj.vers_plan(pt.lon, pt.lat))
            .filter(|q| dans(&initiale, *q))
            .map_or(initiale, |q| vue_autour(initiale, q, LARGEUR_PROCHE_M)),
        provisoire: None,
        largeur_px: 0.0,
        position: None,
        geste: Geste::default(),
    });
    // A new location fix brings the map to it (at once, in this render).
    {
        let mut e = etat.borrow_mut();
        if e.position != p.position {
            e.position = p.position;
            if let Some(q) = p
                .position
                .map(|pt| proj.vers_plan(pt.lon, pt.lat))
                .filter(|q| dans(&initiale, *q))
            {
                e.vue = vue_autour(initiale, q, LARGEUR_PROCHE_M);
            }
        }
    }
    let plan = Rc::new(Plan {
        etat,
        rendre: use_force_update(),
        svg: use_node_ref(),
        proj,
        initiale,
        onpoint: p.onpoint.clone(),
    });
    {
        let plan = plan.clone();
        super::use_au_montage(Box::new(move || {
            plan.mesurer();
            let fenetre = web_sys::window().expect("window");
            let ecouteur =
                gloo_events::EventListener::new(&fenetre, "resize", move |_| plan.mesurer());
            Box::new(move || drop(ecouteur))
        }));
    }
    let bouger = |dx: f64, dy: f64, facteur: f64| {
        let plan = plan.clone();
        Callback::from(move |_: MouseEvent| {
            let v = plan::deplacee(plan.etat.borrow().vue, dx, dy, facteur);
            plan.changer(|e| e.vue = v);
        })
    };
    let (v, largeur_px, provisoire) = {
        let e = plan.etat.borrow();
        (e.vue, e.largeur_px, e.provisoire)
    };
    // Map units to the pixel (before the first measure, a phone's width).
    let k = v[2] / if largeur_px > 0.0 { largeur_px } else { 360.0 };
    let choisi = provisoire.or(p.point);
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
                <button type="button" class="bouton outil" onclick={rappel(&plan, Plan::recentrer)}>{ t.recentrer() }</button>
                <button type="button" class="bouton outil centre" onclick={rappel(&plan, Plan::centre)}>{ icone_centre() }{ t.carte_placer_centre() }</button>
            </div>
            <svg ref={plan.svg.clone()} class={if k <= ECHELLE_VOIES { "plan proche" } else { "plan" }} role="img"
                aria-labelledby="titre-carte" aria-describedby="aide-carte"
                viewBox={ecrire(&[("", v[0], 0), (" ", v[1], 0), (" ", v[2], 0), (" ", v[3], 0)], "")}
                onpointerdown={rappel(&plan, Plan::appuyer)} onpointermove={rappel(&plan, Plan::deplacer)} onpointerup={rappel(&plan, Plan::lacher)} onpointercancel={rappel(&plan, Plan::annuler)}>
                <defs>{ motifs(k, false) }</defs>
                { for fond.iris.iter().map(|d| html! {
                    <path d={d.chemin.clone()} class={d.categorie.classe()}
                        fill={d.categorie.motif(false)}><title>{ &d.nom }</title></path>
                }) }
                <path class="voies" d={fond.voies.clone()} />
                { noms_voies }
                { noms_iris }
                { q_position.map(|(q, precision)| marque_position(q, precision, k)) }
                { q_choisi.map(|q| marque_point(q, k, provisoire.is_some())) }
            </svg>
            <svg class="motifs-legende" width="0" height="0" aria-hidden="true" focusable="false">
                <defs>{ motifs(1.0, true) }</defs>
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
                <button type="button" class="bouton principal" onclick={rappel(&plan, Plan::confirmer)}>{ t.confirmer_point() }</button>
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
