//! What the map draws besides the IRIS shapes: the streets the address data knows (lines
//! through the known numbers of each voie) and where names go without covering one another.
//!
//! Everything is in the local plane of [`crate::geometrie`] (metres, y pointing north).

use crate::geometrie::{Projection, Xy};
use crate::recherche::{IndexAdresses, Voie};

/// The longest step drawn between two numbers that follow on the same side of a street, for
/// a difference `ecart` between them: 100 m plus 30 m per unit. Longer, the stretch between is
/// unknown (or a point is misplaced), and the line stops there.
fn saut_max_m(ecart: u32) -> f64 {
    100.0 + 30.0 * f64::from(ecart)
}

/// A voie as the map draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct VoieTracee {
    /// Its index among the voies of the address index.
    pub voie: usize,
    /// Lines through its known numbers, one side of the street each (odd, even) in number
    /// order, cut where a step is too long; a line of one point is a lone number.
    pub traces: Vec<Vec<Xy>>,
    /// Where its name goes: halfway along its longest line.
    pub ancre: Xy,
    /// The street's direction there (a unit vector pointing east, or north when the street
    /// runs north–south), so that the name reads left to right.
    pub direction: Xy,
}

fn distance(a: Xy, b: Xy) -> f64 {
    (b.x - a.x).hypot(b.y - a.y)
}

fn longueur(trace: &[Xy]) -> f64 {
    trace.windows(2).map(|s| distance(s[0], s[1])).sum()
}

/// The lines through a voie's numbers: per side, in number order, cut at a step longer than
/// [`saut_max_m`]. A number at the same place as the one before it (`12 bis` beside `12`)
/// adds nothing.
pub fn traces(voie: &Voie, proj: &Projection) -> Vec<Vec<Xy>> {
    let mut out = Vec::new();
    for parite in [1, 0] {
        let mut trace: Vec<Xy> = Vec::new();
        let mut dernier = 0;
        for n in voie.numeros.iter().filter(|n| n.numero % 2 == parite) {
            let p = proj.e6(n.position);
            if let Some(&q) = trace.last() {
                let d = distance(p, q);
                if d < 0.5 {
                    continue;
                }
                if d > saut_max_m(n.numero - dernier) {
                    out.push(std::mem::take(&mut trace));
                }
            }
            trace.push(p);
            dernier = n.numero;
        }
        if !trace.is_empty() {
            out.push(trace);
        }
    }
    out
}

/// A voie as the map draws it; `None` when it has no number.
pub fn voie_tracee(indice: usize, voie: &Voie, proj: &Projection) -> Option<VoieTracee> {
    let traces = traces(voie, proj);
    let plus_longue = traces
        .iter()
        .max_by(|a, b| longueur(a).total_cmp(&longueur(b)))?;
    let mut ancre = plus_longue[0];
    let mut direction = Xy { x: 1.0, y: 0.0 };
    let mut reste = longueur(plus_longue) / 2.0;
    for s in plus_longue.windows(2) {
        let l = distance(s[0], s[1]);
        if l <= 0.0 {
            continue;
        }
        direction = Xy {
            x: (s[1].x - s[0].x) / l,
            y: (s[1].y - s[0].y) / l,
        };
        if reste <= l {
            ancre = Xy {
                x: s[0].x + direction.x * reste,
                y: s[0].y + direction.y * reste,
            };
            break;
        }
        reste -= l;
    }
    if direction.x < 0.0 || (direction.x == 0.0 && direction.y < 0.0) {
        direction = Xy {
            x: -direction.x,
            y: -direction.y,
        };
    }
    Some(VoieTracee {
        voie: indice,
        traces,
        ancre,
        direction,
    })
}

/// Every voie of the index that has a number, as the map draws it.
pub fn voies_tracees(index: &IndexAdresses, proj: &Projection) -> Vec<VoieTracee> {
    index
        .voies
        .iter()
        .enumerate()
        .filter_map(|(i, v)| voie_tracee(i, v, proj))
        .collect()
}

/// The indices of `cles`, the largest key first (equal keys in their order). An insertion
/// sort: a few hundred keys once, and far less code in the WebAssembly than the standard sort.
/// A key that is not a number comes last.
pub fn ordre_decroissant(cles: &[f64]) -> Vec<usize> {
    let cle = |i: usize| {
        if cles[i].is_nan() {
            f64::NEG_INFINITY
        } else {
            cles[i]
        }
    };
    let mut ordre: Vec<usize> = Vec::with_capacity(cles.len());
    for i in 0..cles.len() {
        let k = ordre.partition_point(|&j| cle(j) >= cle(i));
        ordre.insert(k, i);
    }
    ordre
}

/// The length of a street's lines, in metres.
pub fn etendue(voie: &VoieTracee) -> f64 {
    voie.traces.iter().map(|t| longueur(t)).sum()
}

/// An axis-aligned box: min x, min y, max x, max y.
pub type Boite = [f64; 4];

/// The width of a line of text in a sans-serif face of size `corps`, slightly over-estimated
/// (0.6 em a character) so that names estimated apart are apart on screen.
pub fn largeur_texte(texte: &str, corps: f64) -> f64 {
    texte.chars().count() as f64 * 0.6 * corps
}

/// The box covered by a label of `largeur` × `hauteur` centred on `centre` and turned along
/// `direction` (a unit vector).
pub fn boite_etiquette(centre: Xy, direction: Xy, largeur: f64, hauteur: f64) -> Boite {
    let (c, s) = (direction.x.abs(), direction.y.abs());
    let demi_x = (c * largeur + s * hauteur) / 2.0;
    let demi_y = (s * largeur + c * hauteur) / 2.0;
    [
        centre.x - demi_x,
        centre.y - demi_y,
        centre.x + demi_x,
        centre.y + demi_y,
    ]
}

fn se_chevauchent(a: &Boite, b: &Boite) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// The names placed so far: each new one is kept only if it covers none of them. Offer the
/// most important first.
#[derive(Debug, Clone, Default)]
pub struct Placement {
    occupees: Vec<Boite>,
}

impl Placement {
    /// Keeps `b` (and says so) when it overlaps no box kept before.
    pub fn essayer(&mut self, b: Boite) -> bool {
        if self.occupees.iter().any(|o| se_chevauchent(o, &b)) {
            return false;
        }
        self.occupees.push(b);
        true
    }
}

/// Writes lines of the plane as an SVG path (`d`), in whole metres, y pointing south: each
/// closed (`Z`) when `fermer`, else a line of one point is a dot (a line of no length, drawn
/// with round caps).
pub fn chemin(d: &mut String, lignes: &[Vec<Xy>], fermer: bool) {
    for ligne in lignes {
        for (i, p) in ligne.iter().enumerate() {
            d.push(if i == 0 { 'M' } else { 'L' });
            d.push_str(&crate::nombre::ecrire(p.x, 0));
            d.push(' ');
            d.push_str(&crate::nombre::ecrire(-p.y, 0));
        }
        d.push_str(match (fermer, ligne.len()) {
            (true, _) => "Z",
            (false, 1) => "h0",
            _ => "",
        });
    }
}

/// What the map shows: x, y, width, height, in metres (y pointing south, as SVG wants: the
/// plane's `-y`).
pub type Vue = [f64; 4];

/// The drawing's box on screen, in pixels: left, top, width, height.
pub type Ecran = [f64; 4];

/// The view `largeur` metres wide around a point (of the plane), with the shape of `vue`.
pub fn vue_autour(vue: Vue, q: Xy, largeur: f64) -> Vue {
    let hauteur = largeur * vue[3] / vue[2];
    [q.x - largeur / 2.0, -q.y - hauteur / 2.0, largeur, hauteur]
}

/// Whether a point of the plane is in the view.
pub fn dans(vue: &Vue, q: Xy) -> bool {
    let (x, y) = (q.x, -q.y);
    x >= vue[0] && x <= vue[0] + vue[2] && y >= vue[1] && y <= vue[1] + vue[3]
}

/// Whether a box of the plane is wholly in the view (a name is not cut by the edge).
pub fn boite_dans(vue: &Vue, b: &Boite) -> bool {
    dans(vue, Xy { x: b[0], y: b[1] }) && dans(vue, Xy { x: b[2], y: b[3] })
}

/// The view moved by `dx`, `dy` of its size (east, south) and scaled by `facteur` about its
/// centre (below 1: closer).
pub fn deplacee(v: Vue, dx: f64, dy: f64, facteur: f64) -> Vue {
    let (w, h) = (v[2] * facteur, v[3] * facteur);
    let cx = v[0] + v[2] / 2.0 + dx * v[2];
    let cy = v[1] + v[3] / 2.0 + dy * v[3];
    [cx - w / 2.0, cy - h / 2.0, w, h]
}

/// The point of the plane under a pixel of the screen (`x`, `y`, in the page), for a drawing at
/// `ecran` showing `vue`.
pub fn sous_le_doigt(vue: &Vue, ecran: &Ecran, x: f64, y: f64) -> Xy {
    Xy {
        x: vue[0] + (x - ecran[0]) / ecran[2] * vue[2],
        y: -(vue[1] + (y - ecran[1]) / ecran[3] * vue[3]),
    }
}

/// The pointers on the map: where each went down (by its id) and is now, and the view then.
/// One pointer drags the view, two pinch it; a pointer that goes up without dragging is a tap.
#[derive(Debug, Clone, Default)]
pub struct Geste {
    doigts: Vec<(i32, (f64, f64))>,
    depart: Vec<(i32, (f64, f64))>,
    vue_depart: Vue,
    bouge: bool,
}

impl Geste {
    /// A pointer goes down at `p` (pixels) on the map showing `vue`.
    pub fn appuyer(&mut self, id: i32, p: (f64, f64), vue: Vue) {
        self.doigts.retain(|(i, _)| *i != id);
        self.doigts.push((id, p));
        self.depart = self.doigts.clone();
        self.vue_depart = vue;
        self.bouge = self.doigts.len() > 1;
    }

    /// A pointer moves to `p`: the view the gesture makes, if it makes one (a drag beyond
    /// 6 pixels, a pinch), for the drawing at `ecran` (none: not on screen).
    pub fn deplacer(&mut self, id: i32, p: (f64, f64), ecran: Option<Ecran>) -> Option<Vue> {
        let i = self.doigts.iter().position(|(d, _)| *d == id)?;
        self.doigts[i].1 = p;
        let r = ecran?;
        let v0 = self.vue_depart;
        let m_par_px = v0[2] / r[2];
        match (self.depart.as_slice(), self.doigts.as_slice()) {
            // One finger (or the mouse): drag to pan.
            ([(_, a)], [(_, b)]) => {
                let (dx, dy) = (b.0 - a.0, b.1 - a.1);
                if dx.hypot(dy) > 6.0 {
                    self.bouge = true;
                }
                self.bouge
                    .then_some([v0[0] - dx * m_par_px, v0[1] - dy * m_par_px, v0[2], v0[3]])
            }
            // Two fingers: pinch to zoom around their middle.
            ([(_, a1), (_, a2)], [(_, b1), (_, b2)]) => {
                let d0 = (a1.0 - a2.0).hypot(a1.1 - a2.1);
                let d1 = (b1.0 - b2.0).hypot(b1.1 - b2.1);
                if d0 > 1.0 && d1 > 1.0 {
                    let k = (d0 / d1).clamp(0.05, 20.0);
                    let mx = v0[0] + ((a1.0 + a2.0) / 2.0 - r[0]) * m_par_px;
                    let my = v0[1] + ((a1.1 + a2.1) / 2.0 - r[1]) * m_par_px;
                    Some([
                        mx - (mx - v0[0]) * k,
                        my - (my - v0[1]) * k,
                        v0[2] * k,
                        v0[3] * k,
                    ])
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// A pointer goes up on the map now showing `vue`: whether it was a tap (the only pointer,
    /// no drag).
    pub fn lacher(&mut self, id: i32, vue: Vue) -> bool {
        let tap = self.doigts.len() == 1 && !self.bouge;
        self.annuler(id);
        self.vue_depart = vue;
        tap
    }

    /// A pointer is gone (cancelled by the browser).
    pub fn annuler(&mut self, id: i32) {
        self.doigts.retain(|(i, _)| *i != id);
        self.depart = self.doigts.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recherche::Numero;

    fn voie(numeros: &[(u32, &str, [i32; 2])]) -> Voie {
        Voie {
            nom: "RUE DE TEST".into(),
            code_postal: "21000".into(),
            code_insee: "21231".into(),
            nom_commune: "Dijon".into(),
            jetons: vec![],
            numeros: numeros
                .iter()
                .map(|&(numero, rep, position)| Numero {
                    numero,
                    rep: rep.into(),
                    position,
                })
                .collect(),
        }
    }

    const PROJ: fn() -> Projection = || Projection::autour(5.04, 47.32);

    /// A point `x` metres east and `y` metres north of the projection's centre, in µ°.
    fn a(x: f64, y: f64) -> [i32; 2] {
        let (lon, lat) = PROJ().vers_lonlat(Xy { x, y });
        [(lon * 1e6).round() as i32, (lat * 1e6).round() as i32]
    }

    #[test]
    fn one_line_per_side_in_number_order() {
        // Numbers rise westward; odd ones on the north side, even ones on the south side.
        let v = voie(&[
            (1, "", a(0.0, 10.0)),
            (2, "", a(0.0, -10.0)),
            (3, "", a(-40.0, 10.0)),
            (4, "", a(-40.0, -10.0)),
            (4, "bis", a(-40.0, -10.0)),
            (5, "", a(-80.0, 10.0)),
        ]);
        let t = traces(&v, &PROJ());
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].len(), 3, "odd side: 1, 3, 5");
        assert_eq!(t[1].len(), 2, "even side: 2, 4 (4 bis is at 4)");
        assert!(t[0].windows(2).all(|s| s[1].x < s[0].x && s[0].y > 9.0));
        assert!(t[1].iter().all(|p| p.y < -9.0));
        // The name goes halfway along the longest line, reading eastward.
        let r = voie_tracee(7, &v, &PROJ()).unwrap();
        assert_eq!(r.voie, 7);
        assert!(
            (r.ancre.x + 40.0).abs() < 0.5 && (r.ancre.y - 10.0).abs() < 0.5,
            "{r:?}"
        );
        assert!((r.direction.x - 1.0).abs() < 1e-3, "{r:?}");
    }

    #[test]
    fn a_step_too_long_for_the_numbers_between_cuts_the_line() {
        let v = voie(&[
            (2, "", a(0.0, 0.0)),
            (4, "", a(0.0, 20.0)),
            // 1.8 km for the next house: a misplaced point, not a street.
            (6, "", a(0.0, 1_800.0)),
            // 900 m for 46 numbers further: a long street with few shops.
            (52, "", a(0.0, 2_700.0)),
        ]);
        let t = traces(&v, &PROJ());
        assert_eq!(t.len(), 2, "{t:?}");
        assert_eq!((t[0].len(), t[1].len()), (2, 2));
        // Running north: the name reads upward.
        let r = voie_tracee(0, &v, &PROJ()).unwrap();
        assert!((r.direction.y - 1.0).abs() < 1e-3 && r.direction.x.abs() < 1e-3);
        assert!(r.ancre.y > 2_000.0, "halfway along the longest line: {r:?}");
    }

    #[test]
    fn a_lone_number_is_a_point_and_no_number_no_street() {
        let v = voie(&[(7, "", a(12.0, 34.0))]);
        let r = voie_tracee(0, &v, &PROJ()).unwrap();
        assert_eq!(r.traces.len(), 1);
        assert_eq!(r.traces[0].len(), 1);
        assert!((r.ancre.x - 12.0).abs() < 0.1 && (r.ancre.y - 34.0).abs() < 0.1);
        assert_eq!(r.direction, Xy { x: 1.0, y: 0.0 });
        assert_eq!(voie_tracee(0, &voie(&[]), &PROJ()), None);
    }

    #[test]
    fn a_turned_label_covers_its_turned_box() {
        let c = Xy { x: 100.0, y: 50.0 };
        assert_eq!(
            boite_etiquette(c, Xy { x: 1.0, y: 0.0 }, 40.0, 10.0),
            [80.0, 45.0, 120.0, 55.0]
        );
        assert_eq!(
            boite_etiquette(c, Xy { x: 0.0, y: 1.0 }, 40.0, 10.0),
            [95.0, 30.0, 105.0, 70.0]
        );
        assert!((largeur_texte("Monge", 10.0) - 30.0).abs() < 1e-9);
        assert!((largeur_texte("Sacré-Cœur", 10.0) - 60.0).abs() < 1e-9);
    }

    #[test]
    fn largest_first_equal_keys_in_their_order() {
        assert_eq!(
            ordre_decroissant(&[1.0, 5.0, 3.0, 5.0, f64::NAN, 0.0]),
            vec![1, 3, 2, 0, 5, 4]
        );
        assert_eq!(ordre_decroissant(&[]), Vec::<usize>::new());
    }

    #[test]
    fn names_are_kept_first_come_never_overlapping() {
        let mut p = Placement::default();
        assert!(p.essayer([0.0, 0.0, 10.0, 10.0]));
        assert!(!p.essayer([5.0, 5.0, 15.0, 15.0]));
        assert!(
            p.essayer([10.0, 0.0, 20.0, 10.0]),
            "touching is not covering"
        );
        assert!(!p.essayer([-5.0, 2.0, 25.0, 3.0]));
        assert!(p.essayer([0.0, 10.0, 20.0, 20.0]));
    }

    #[test]
    fn lines_are_written_as_an_svg_path_in_whole_metres_y_south() {
        let xy = |x, y| Xy { x, y };
        let mut d = String::from("M0 0Z");
        chemin(
            &mut d,
            &[vec![xy(1.4, 2.6), xy(-3.5, -4.0)], vec![xy(10.0, 0.0)]],
            false,
        );
        assert_eq!(d, "M0 0ZM1 -3L-4 4M10 0h0");
        let mut d = String::new();
        chemin(
            &mut d,
            &[vec![xy(0.0, 0.0), xy(5.0, 0.0), xy(0.0, 5.0)]],
            true,
        );
        assert_eq!(d, "M0 0L5 0L0 -5Z");
    }

    #[test]
    fn views_move_zoom_and_hold_points() {
        let v: Vue = [0.0, -100.0, 200.0, 100.0];
        assert_eq!(
            vue_autour(v, Xy { x: 50.0, y: 20.0 }, 40.0),
            [30.0, -30.0, 40.0, 20.0]
        );
        assert!(dans(&v, Xy { x: 10.0, y: 10.0 }));
        assert!(
            !dans(&v, Xy { x: 10.0, y: -10.0 }),
            "y points south in a view"
        );
        assert!(boite_dans(&v, &[10.0, 10.0, 190.0, 90.0]));
        assert!(!boite_dans(&v, &[10.0, 10.0, 210.0, 90.0]));
        // Zoomed in about the centre; moved north by a quarter of its height.
        assert_eq!(deplacee(v, 0.0, 0.0, 0.5), [50.0, -75.0, 100.0, 50.0]);
        assert_eq!(deplacee(v, 0.0, -0.25, 1.0), [0.0, -125.0, 200.0, 100.0]);
        // The middle of a drawing at (10, 20), 400 × 200 pixels, is the view's middle.
        let q = sous_le_doigt(&v, &[10.0, 20.0, 400.0, 200.0], 210.0, 120.0);
        assert_eq!(q, Xy { x: 100.0, y: 50.0 });
    }

    #[test]
    fn a_drag_pans_a_pinch_zooms_a_tap_is_a_tap() {
        let v: Vue = [0.0, 0.0, 400.0, 200.0];
        let ecran = Some([0.0, 0.0, 400.0, 200.0]);
        // A tap: down and up with a jitter under 6 px.
        let mut g = Geste::default();
        g.appuyer(1, (100.0, 100.0), v);
        assert_eq!(g.deplacer(1, (103.0, 101.0), ecran), None);
        assert!(g.lacher(1, v));
        // A drag of 50 px to the east moves the view 50 m west (1 m to the pixel here).
        g.appuyer(1, (100.0, 100.0), v);
        assert_eq!(
            g.deplacer(1, (150.0, 100.0), ecran),
            Some([-50.0, 0.0, 400.0, 200.0])
        );
        assert_eq!(g.deplacer(2, (0.0, 0.0), ecran), None, "an unknown pointer");
        assert!(!g.lacher(1, v), "a drag is not a tap");
        // Two fingers twice as far apart: twice as close, about their middle.
        g.appuyer(1, (100.0, 100.0), v);
        g.appuyer(2, (200.0, 100.0), v);
        assert_eq!(
            g.deplacer(2, (300.0, 100.0), ecran),
            Some([75.0, 50.0, 200.0, 100.0])
        );
        assert!(!g.lacher(2, v));
        g.annuler(1);
        // Not on screen: no view, but the pointer is followed.
        g.appuyer(3, (0.0, 0.0), v);
        assert_eq!(g.deplacer(3, (100.0, 0.0), None), None);
        assert_eq!(
            g.deplacer(3, (100.0, 0.0), ecran),
            Some([-100.0, 0.0, 400.0, 200.0])
        );
    }

    proptest::proptest! {
        /// Kept boxes share no area; a box is refused only for one kept before it.
        #[test]
        fn kept_boxes_never_overlap(boites in proptest::collection::vec((0.0f64..100.0, 0.0f64..100.0, 0.1f64..30.0, 0.1f64..30.0), 0..60)) {
            let commun = |a: &Boite, b: &Boite| {
                (a[2].min(b[2]) - a[0].max(b[0])).max(0.0) * (a[3].min(b[3]) - a[1].max(b[1])).max(0.0)
            };
            let mut p = Placement::default();
            let mut gardees: Vec<Boite> = Vec::new();
            for (x, y, l, h) in boites {
                let b = [x, y, x + l, y + h];
                if p.essayer(b) {
                    proptest::prop_assert!(gardees.iter().all(|g| commun(g, &b) == 0.0));
                    gardees.push(b);
                } else {
                    proptest::prop_assert!(gardees.iter().any(|g| commun(g, &b) > 0.0));
                }
            }
        }
    }
}
