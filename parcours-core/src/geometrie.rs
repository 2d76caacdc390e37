//! IRIS polygons and point location.
//!
//! Coordinates are stored as millionths of a degree (the data's own precision) and located in
//! a local plane in metres (equirectangular around the data's centre: under 0.1 % of scale
//! error across a city, a few centimetres at the scale of a boundary tolerance).
//!
//! A point is [`Localisation::Dedans`] one IRIS when no boundary lies within the tolerance,
//! [`Localisation::PresDUneLimite`] when one does (every IRIS within it is listed, with its
//! distance, and whether the commune's outer edge is among them), or
//! [`Localisation::Dehors`] of them all.

/// A closed ring of [lon, lat] in millionths of a degree (first point = last point).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anneau(pub Vec<[i32; 2]>);

/// The outer ring first, then the holes.
pub type Polygone = Vec<Anneau>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iris {
    /// The 9-character IRIS code (`212310304`).
    pub code: String,
    pub nom: String,
    /// The commune's INSEE code (`21231`).
    pub insee_com: String,
    /// IRIS type: H (habitat), A (activité), D (divers), Z (commune non découpée).
    pub typ: String,
    pub polygones: Vec<Polygone>,
}

/// A priority neighbourhood (quartier prioritaire de la politique de la ville) polygon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qpv {
    pub code: String,
    pub nom: String,
    pub polygones: Vec<Polygone>,
}

/// A point in the local plane, in metres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Xy {
    pub x: f64,
    pub y: f64,
}

/// lon/lat ↔ local metres around a centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    lon0: f64,
    lat0: f64,
    kx: f64,
    ky: f64,
}

const RAYON_TERRE_M: f64 = 6_371_008.8;

/// The cosine of a latitude in radians (|x| ≤ π), by its Taylor series to x³⁰: exact to the
/// last bits there. Not `f64::cos`: the only trigonometry the app needs, and libm's cosine
/// (with its reduction of any argument) weighs 2.4 KB of brotli-compressed WebAssembly.
fn cos_latitude(x: f64) -> f64 {
    let x2 = x * x;
    let (mut terme, mut somme) = (1.0, 1.0);
    for k in (0..30).step_by(2) {
        terme *= -x2 / f64::from((k + 1) * (k + 2));
        somme += terme;
    }
    somme
}

impl Projection {
    pub fn autour(lon0: f64, lat0: f64) -> Self {
        let ky = RAYON_TERRE_M * std::f64::consts::PI / 180.0;
        Projection {
            lon0,
            lat0,
            kx: ky * cos_latitude(lat0.to_radians()),
            ky,
        }
    }
    pub fn vers_plan(&self, lon: f64, lat: f64) -> Xy {
        Xy {
            x: (lon - self.lon0) * self.kx,
            y: (lat - self.lat0) * self.ky,
        }
    }
    pub fn vers_lonlat(&self, p: Xy) -> (f64, f64) {
        (p.x / self.kx + self.lon0, p.y / self.ky + self.lat0)
    }
    pub fn e6(&self, p: [i32; 2]) -> Xy {
        self.vers_plan(p[0] as f64 / 1e6, p[1] as f64 / 1e6)
    }
}

/// A polygon set in the plane (one IRIS or one QPV), with its bounding box.
#[derive(Debug, Clone)]
pub struct Forme {
    /// Rings in the plane; each ring closed.
    pub anneaux: Vec<Vec<Xy>>,
    /// min x, min y, max x, max y.
    pub boite: [f64; 4],
}

impl Forme {
    pub fn nouvelle(polygones: &[Polygone], proj: &Projection) -> Self {
        let anneaux: Vec<Vec<Xy>> = polygones
            .iter()
            .flatten()
            .map(|a| a.0.iter().map(|&p| proj.e6(p)).collect())
            .collect();
        let mut boite = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for p in anneaux.iter().flatten() {
            boite[0] = boite[0].min(p.x);
            boite[1] = boite[1].min(p.y);
            boite[2] = boite[2].max(p.x);
            boite[3] = boite[3].max(p.y);
        }
        Forme { anneaux, boite }
    }

    /// Even-odd rule over every ring: holes and multipolygons alike.
    pub fn contient(&self, p: Xy) -> bool {
        if p.x < self.boite[0] || p.x > self.boite[2] || p.y < self.boite[1] || p.y > self.boite[3]
        {
            return false;
        }
        let mut dedans = false;
        for anneau in &self.anneaux {
            for s in anneau.windows(2) {
                let (a, b) = (s[0], s[1]);
                if (a.y > p.y) != (b.y > p.y) {
                    let x = a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x);
                    if p.x < x {
                        dedans = !dedans;
                    }
                }
            }
        }
        dedans
    }

    /// Distance from the box, 0 inside it: a lower bound of [`Forme::distance_limite`].
    pub fn distance_boite(&self, p: Xy) -> f64 {
        let dx = (self.boite[0] - p.x).max(p.x - self.boite[2]).max(0.0);
        let dy = (self.boite[1] - p.y).max(p.y - self.boite[3]).max(0.0);
        dx.hypot(dy)
    }

    /// Distance to the nearest boundary point, and that point.
    pub fn limite_proche(&self, p: Xy) -> (f64, Xy) {
        let mut meilleur = (f64::INFINITY, p);
        for anneau in &self.anneaux {
            for s in anneau.windows(2) {
                let q = projete_sur_segment(p, s[0], s[1]);
                let d = (q.x - p.x).hypot(q.y - p.y);
                if d < meilleur.0 {
                    meilleur = (d, q);
                }
            }
        }
        meilleur
    }

    pub fn distance_limite(&self, p: Xy) -> f64 {
        self.limite_proche(p).0
    }

    /// Every boundary point within `r` of `p` (the nearest point of each segment that comes
    /// that close).
    pub fn limites_dans(&self, p: Xy, r: f64) -> Vec<Xy> {
        let mut out = Vec::new();
        for anneau in &self.anneaux {
            for s in anneau.windows(2) {
                let q = projete_sur_segment(p, s[0], s[1]);
                if (q.x - p.x).hypot(q.y - p.y) <= r {
                    out.push(q);
                }
            }
        }
        out
    }
}

/// Where a shape's name goes: the point inside it farthest from its boundary (the pole of
/// inaccessibility), and that distance — the radius of the largest circle that fits there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointEtiquette {
    pub point: Xy,
    pub rayon_m: f64,
}

/// A square cell of the search for the label point: its centre, half its side, the signed
/// distance from its centre to the boundary (positive inside), and the best any of its points
/// could do.
#[derive(Clone, Copy)]
struct Cellule {
    centre: Xy,
    demi: f64,
    distance: f64,
    borne: f64,
}

impl Cellule {
    fn nouvelle(forme: &Forme, centre: Xy, demi: f64) -> Self {
        let d = forme.distance_limite(centre);
        let distance = if forme.contient(centre) { d } else { -d };
        Cellule {
            centre,
            demi,
            distance,
            borne: distance + demi * std::f64::consts::SQRT_2,
        }
    }
}

impl PartialEq for Cellule {
    fn eq(&self, autre: &Self) -> bool {
        self.borne.total_cmp(&autre.borne).is_eq()
    }
}
impl Eq for Cellule {}
impl PartialOrd for Cellule {
    fn partial_cmp(&self, autre: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(autre))
    }
}
impl Ord for Cellule {
    fn cmp(&self, autre: &Self) -> std::cmp::Ordering {
        self.borne.total_cmp(&autre.borne)
    }
}

impl Forme {
    /// The label point: within `precision_m` of the farthest point from the boundary (the
    /// "polylabel" search: cells covering the box, most promising first, each split in four
    /// until none can beat the best by more than the precision). Holes and separate parts
    /// count (even-odd rule): the point is in the part with the most room. `None` for a shape
    /// with no inside (no ring, or no area).
    pub fn point_etiquette(&self, precision_m: f64) -> Option<PointEtiquette> {
        let [x0, y0, x1, y1] = self.boite;
        let cote = (x1 - x0).min(y1 - y0);
        if self.anneaux.is_empty() || !cote.is_finite() || cote <= 0.0 {
            return None;
        }
        let precision = precision_m.max(cote / 10_000.0);
        let demi = cote / 2.0;
        let mut file = std::collections::BinaryHeap::new();
        let mut y = y0;
        while y < y1 {
            let mut x = x0;
            while x < x1 {
                file.push(Cellule::nouvelle(
                    self,
                    Xy {
                        x: x + demi,
                        y: y + demi,
                    },
                    demi,
                ));
                x += cote;
            }
            y += cote;
        }
        let mut meilleure = Cellule::nouvelle(
            self,
            Xy {
                x: (x0 + x1) / 2.0,
                y: (y0 + y1) / 2.0,
            },
            0.0,
        );
        // A bound on the work whatever the shape (a few hundred cells for an IRIS).
        let mut reste = 100_000;
        while let Some(c) = file.pop() {
            if c.distance > meilleure.distance {
                meilleure = c;
            }
            if c.borne - meilleure.distance <= precision || reste == 0 {
                continue;
            }
            reste -= 1;
            let h = c.demi / 2.0;
            for (dx, dy) in [(-h, -h), (h, -h), (-h, h), (h, h)] {
                let centre = Xy {
                    x: c.centre.x + dx,
                    y: c.centre.y + dy,
                };
                file.push(Cellule::nouvelle(self, centre, h));
            }
        }
        (meilleure.distance > 0.0).then_some(PointEtiquette {
            point: meilleure.centre,
            rayon_m: meilleure.distance,
        })
    }
}

fn projete_sur_segment(p: Xy, a: Xy, b: Xy) -> Xy {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let l2 = dx * dx + dy * dy;
    if l2 == 0.0 {
        return a;
    }
    let t = (((p.x - a.x) * dx + (p.y - a.y) * dy) / l2).clamp(0.0, 1.0);
    Xy {
        x: a.x + t * dx,
        y: a.y + t * dy,
    }
}

/// One IRIS near a point.
#[derive(Debug, Clone, PartialEq)]
pub struct Proche {
    /// Index into the IRIS list.
    pub iris: usize,
    pub dedans: bool,
    /// Distance to its boundary, in metres.
    pub distance_m: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Localisation {
    /// Inside exactly one IRIS, no boundary within the tolerance.
    Dedans { iris: usize, distance_limite_m: f64 },
    /// A boundary lies within the tolerance: every IRIS within it, the ones containing the
    /// point first (in their order), then by distance. `bord_exterieur` says whether the outer
    /// edge of the mapped area is also within it.
    PresDUneLimite {
        proches: Vec<Proche>,
        bord_exterieur: bool,
    },
    /// In no IRIS, none within the tolerance.
    Dehors { plus_proche: Option<(usize, f64)> },
}

/// A set of shapes (the IRIS, or the QPV) ready to locate points.
#[derive(Debug, Clone)]
pub struct Localisateur {
    pub projection: Projection,
    pub formes: Vec<Forme>,
    /// Width of the gaps between neighbours that still count as inside the area, in metres.
    pub jeu_m: f64,
}

impl Localisateur {
    pub fn nouveau(polygones: &[&[Polygone]], projection: Projection, jeu_m: f64) -> Self {
        Localisateur {
            formes: polygones
                .iter()
                .map(|p| Forme::nouvelle(p, &projection))
                .collect(),
            projection,
            jeu_m,
        }
    }

    /// The projection centred on the middle of these polygons' bounding box.
    pub fn projection_pour(polygones: &[&[Polygone]]) -> Projection {
        let mut b = [i32::MAX, i32::MAX, i32::MIN, i32::MIN];
        for p in polygones.iter().flat_map(|p| p.iter()).flatten() {
            for q in &p.0 {
                b[0] = b[0].min(q[0]);
                b[1] = b[1].min(q[1]);
                b[2] = b[2].max(q[0]);
                b[3] = b[3].max(q[1]);
            }
        }
        if b[0] > b[2] {
            return Projection::autour(0.0, 0.0);
        }
        Projection::autour(
            (b[0] as f64 + b[2] as f64) / 2e6,
            (b[1] as f64 + b[3] as f64) / 2e6,
        )
    }

    pub fn localiser_lonlat(&self, lon: f64, lat: f64, tolerance_m: f64) -> Localisation {
        self.localiser(self.projection.vers_plan(lon, lat), tolerance_m)
    }

    pub fn localiser(&self, p: Xy, tolerance_m: f64) -> Localisation {
        let tol = if tolerance_m.is_finite() {
            tolerance_m.max(0.0)
        } else {
            f64::MAX
        };
        if !(p.x.is_finite() && p.y.is_finite()) {
            return Localisation::Dehors { plus_proche: None };
        }
        // Containing shapes first, in their order (for IRIS, code order: in an overlap sliver
        // of the generalised data the first one answers); then the others within tolerance,
        // nearest first, each inserted in its place (a handful: no sort needed).
        let mut proches: Vec<Proche> = Vec::new();
        let mut voisins: Vec<Proche> = Vec::new();
        let mut plus_proche: Option<(usize, f64)> = None;
        for (i, f) in self.formes.iter().enumerate() {
            let dedans = f.contient(p);
            if !dedans {
                let borne = f.distance_boite(p);
                if borne > tol && plus_proche.is_some_and(|(_, d)| d <= borne) {
                    continue;
                }
            }
            let d = f.distance_limite(p);
            if !dedans && plus_proche.is_none_or(|(_, m)| d < m) {
                plus_proche = Some((i, d));
            }
            let proche = Proche {
                iris: i,
                dedans,
                distance_m: d,
            };
            if dedans {
                proches.push(proche);
            } else if d <= tol {
                let k = voisins.partition_point(|v| v.distance_m <= d);
                voisins.insert(k, proche);
            }
        }
        proches.extend(voisins);
        match proches.as_slice() {
            [] => Localisation::Dehors { plus_proche },
            [seul] if seul.dedans && seul.distance_m > tol => Localisation::Dedans {
                iris: seul.iris,
                distance_limite_m: seul.distance_m,
            },
            _ => {
                let bord_exterieur = self.bord_exterieur_dans(p, tol, &proches);
                Localisation::PresDUneLimite {
                    proches,
                    bord_exterieur,
                }
            }
        }
    }

    /// Whether the outer edge of the area lies within `tol` of `p`: a boundary point within
    /// it, just past which (away from its own shape) no other shape lies within the gap.
    fn bord_exterieur_dans(&self, p: Xy, tol: f64, proches: &[Proche]) -> bool {
        const PAS_M: f64 = 1.0;
        for pr in proches {
            let f = &self.formes[pr.iris];
            for q in f.limites_dans(p, tol) {
                let (dx, dy) = (q.x - p.x, q.y - p.y);
                let l = dx.hypot(dy);
                // Directions to probe: away from the shape. From inside, past q; from
                // outside, back toward p; on the line itself, both sides.
                let sondes: Vec<Xy> = if l < 1e-6 {
                    vec![
                        Xy {
                            x: q.x + PAS_M,
                            y: q.y,
                        },
                        Xy {
                            x: q.x - PAS_M,
                            y: q.y,
                        },
                        Xy {
                            x: q.x,
                            y: q.y + PAS_M,
                        },
                        Xy {
                            x: q.x,
                            y: q.y - PAS_M,
                        },
                    ]
                } else {
                    let s = if pr.dedans { PAS_M } else { -PAS_M } / l;
                    vec![Xy {
                        x: q.x + dx * s,
                        y: q.y + dy * s,
                    }]
                };
                for sonde in sondes {
                    if f.contient(sonde) {
                        continue;
                    }
                    let ailleurs = self.formes.iter().enumerate().any(|(j, g)| {
                        j != pr.iris
                            && g.distance_boite(sonde) <= self.jeu_m
                            && (g.contient(sonde) || g.distance_limite(sonde) <= self.jeu_m)
                    });
                    if !ailleurs {
                        return true;
                    }
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn le_cosinus_d_une_latitude_est_celui_de_la_bibliotheque() {
        // Every latitude by hundredths of a degree, and the series' bounds (±π).
        let mut pire: f64 = 0.0;
        for i in -9_000..=9_000 {
            let x = (f64::from(i) / 100.0).to_radians();
            pire = pire.max((cos_latitude(x) - x.cos()).abs());
        }
        assert!(pire < 1e-15, "{pire}");
        let pi = std::f64::consts::PI;
        assert!((cos_latitude(pi) + 1.0).abs() < 1e-15);
        assert!((cos_latitude(-pi) + 1.0).abs() < 1e-15);
        assert!(cos_latitude(0.0) == 1.0);
    }

    /// A square of `cote` millionths of a degree at (x0, y0).
    pub(crate) fn carre(x0: i32, y0: i32, cote: i32) -> Polygone {
        vec![Anneau(vec![
            [x0, y0],
            [x0 + cote, y0],
            [x0 + cote, y0 + cote],
            [x0, y0 + cote],
            [x0, y0],
        ])]
    }

    fn deux_carres() -> (Vec<Polygone>, Vec<Polygone>) {
        // Two squares of ~760 m × 1110 m side by side at Dijon's latitude, sharing an edge.
        (
            vec![carre(5_000_000, 47_000_000, 10_000)],
            vec![carre(5_010_000, 47_000_000, 10_000)],
        )
    }

    fn localisateur() -> Localisateur {
        let (a, b) = deux_carres();
        let polys: [&[Polygone]; 2] = [&a, &b];
        Localisateur::nouveau(&polys, Localisateur::projection_pour(&polys), 13.0)
    }

    #[test]
    fn inside_near_and_outside() {
        let l = localisateur();
        // Centre of the first square.
        assert!(matches!(
            l.localiser_lonlat(5.005, 47.005, 15.0),
            Localisation::Dedans { iris: 0, .. }
        ));
        // 5 m west of the shared edge: near a boundary, both listed, no outer edge.
        let dx = 5.0 / l.projection.kx;
        match l.localiser_lonlat(5.01 - dx, 47.005, 15.0) {
            Localisation::PresDUneLimite {
                proches,
                bord_exterieur,
            } => {
                assert_eq!(proches.len(), 2);
                assert_eq!(proches[0].iris, 0);
                assert!(proches[0].dedans && !proches[1].dedans);
                assert!((proches[0].distance_m - 5.0).abs() < 0.01);
                assert!(!bord_exterieur);
            }
            autre => panic!("{autre:?}"),
        }
        // 5 m inside the west edge: the outer edge is near.
        match l.localiser_lonlat(5.0 + dx, 47.005, 15.0) {
            Localisation::PresDUneLimite { bord_exterieur, .. } => assert!(bord_exterieur),
            autre => panic!("{autre:?}"),
        }
        // Far outside.
        match l.localiser_lonlat(4.9, 47.005, 15.0) {
            Localisation::Dehors {
                plus_proche: Some((0, d)),
            } => assert!((d - 7600.0).abs() < 50.0, "{d}"),
            autre => panic!("{autre:?}"),
        }
        // Nonsense never panics.
        assert!(matches!(
            l.localiser_lonlat(f64::NAN, 47.0, 15.0),
            Localisation::Dehors { plus_proche: None }
        ));
    }

    #[test]
    fn holes_are_outside() {
        let mut p = carre(5_000_000, 47_000_000, 10_000);
        let trou = carre(5_004_000, 47_004_000, 2_000);
        p.push(trou[0].clone());
        let polys: [&[Polygone]; 1] = [&[p]];
        let l = Localisateur::nouveau(&polys, Localisateur::projection_pour(&polys), 13.0);
        assert!(matches!(
            l.localiser_lonlat(5.005, 47.005, 1.0),
            Localisation::Dehors { .. }
        ));
        assert!(matches!(
            l.localiser_lonlat(5.002, 47.002, 1.0),
            Localisation::Dedans { .. }
        ));
    }

    #[test]
    fn a_gap_between_neighbours_is_not_the_outer_edge() {
        // Two squares 6 m apart (a sliver gap, as in the generalised IRIS data).
        let a = vec![carre(5_000_000, 47_000_000, 10_000)];
        let b = vec![carre(5_010_080, 47_000_000, 10_000)];
        let polys: [&[Polygone]; 2] = [&a, &b];
        let l = Localisateur::nouveau(&polys, Localisateur::projection_pour(&polys), 13.0);
        match l.localiser_lonlat(5.01004, 47.005, 15.0) {
            Localisation::PresDUneLimite {
                proches,
                bord_exterieur,
            } => {
                assert_eq!(proches.len(), 2);
                assert!(!proches[0].dedans);
                assert!(!bord_exterieur);
            }
            autre => panic!("{autre:?}"),
        }
    }

    fn forme(anneaux: &[&[[i32; 2]]]) -> Forme {
        let p: Polygone = anneaux.iter().map(|a| Anneau(a.to_vec())).collect();
        Forme::nouvelle(&[p], &Projection::autour(5.0, 47.0))
    }

    #[test]
    fn the_label_point_of_a_square_is_its_centre() {
        let f = forme(&[&carre(5_000_000, 47_000_000, 10_000)[0].0]);
        let e = f.point_etiquette(1.0).unwrap();
        // ~760 m × 1110 m: the widest circle has the half width, centred across the width.
        let centre_x = (f.boite[0] + f.boite[2]) / 2.0;
        assert!((e.point.x - centre_x).abs() < 2.0, "{e:?}");
        assert!(
            (e.rayon_m - (f.boite[2] - f.boite[0]) / 2.0).abs() < 1.0,
            "{e:?}"
        );
        assert!(f.contient(e.point));
    }

    #[test]
    fn the_label_point_of_a_c_shape_is_in_its_thickest_arm_not_at_its_centre() {
        // A "C": the middle of its box is in the empty mouth.
        let c = [
            [0, 0],
            [30_000, 0],
            [30_000, 8_000],
            [8_000, 8_000],
            [8_000, 22_000],
            [30_000, 22_000],
            [30_000, 30_000],
            [0, 30_000],
            [0, 0],
        ]
        .map(|[x, y]| [5_000_000 + x, 47_000_000 + y]);
        let f = forme(&[&c]);
        let milieu = Xy {
            x: (f.boite[0] + f.boite[2]) / 2.0,
            y: (f.boite[1] + f.boite[3]) / 2.0,
        };
        assert!(!f.contient(milieu));
        let e = f.point_etiquette(1.0).unwrap();
        assert!(f.contient(e.point));
        assert!((e.rayon_m - f.distance_limite(e.point)).abs() < 1e-9);
        // The back of the C is 8,000 µ° of longitude wide (~600 m): half of that fits.
        assert!(e.rayon_m > 290.0, "{e:?}");
    }

    #[test]
    fn the_label_point_avoids_a_hole_and_an_empty_shape_has_none() {
        let mut p = carre(5_000_000, 47_000_000, 10_000);
        p.push(carre(5_003_000, 47_003_000, 4_000)[0].clone());
        let f = Forme::nouvelle(&[p], &Projection::autour(5.0, 47.0));
        let e = f.point_etiquette(1.0).unwrap();
        assert!(f.contient(e.point), "{e:?}");
        assert!((e.rayon_m - f.distance_limite(e.point)).abs() < 1e-9);
        assert_eq!(
            Forme::nouvelle(&[], &Projection::autour(5.0, 47.0)).point_etiquette(1.0),
            None
        );
        let plat = forme(&[&[
            [5_000_000, 47_000_000],
            [5_001_000, 47_000_000],
            [5_000_000, 47_000_000],
        ]]);
        assert_eq!(plat.point_etiquette(1.0), None);
    }
}
