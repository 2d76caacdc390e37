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
