//! Differential test of point location against the `geo` crate (dev-dependency only), on
//! seeded random polygons (with holes and several parts) and 100,000 seeded random points;
//! a property test of the three outcomes.

use geo::{Contains, Distance, Euclidean, LineString, Point, Polygon};
use parcours_core::geometrie::{Anneau, Localisateur, Localisation, Polygone, Xy};
use proptest::prelude::*;

/// xorshift64*: a tiny seeded generator, so failures replay.
struct Alea(u64);
impl Alea {
    fn suivant(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A star-shaped ring around (cx, cy) in millionths of a degree.
fn etoile(a: &mut Alea, cx: f64, cy: f64, r: f64, n: usize) -> Anneau {
    let mut pts: Vec<[i32; 2]> = (0..n)
        .map(|k| {
            let t = k as f64 / n as f64 * std::f64::consts::TAU;
            let rr = r * (0.5 + 0.5 * a.suivant());
            [
                (cx + rr * t.cos()).round() as i32,
                (cy + rr * t.sin()).round() as i32,
            ]
        })
        .collect();
    pts.push(pts[0]);
    Anneau(pts)
}

fn vers_geo(l: &Localisateur, a: &Anneau) -> LineString<f64> {
    a.0.iter()
        .map(|&p| {
            let q = l.projection.e6(p);
            (q.x, q.y)
        })
        .collect::<Vec<_>>()
        .into()
}

#[test]
fn locate_agrees_with_geo_on_100k_random_points() {
    let mut a = Alea(0x5EED_1234_ABCD_0001);
    // 12 shapes around Dijon: star polygons, some with a hole, some in two parts.
    let mut formes: Vec<Vec<Polygone>> = Vec::new();
    for i in 0..12 {
        let cx = 5_000_000.0 + (i % 4) as f64 * 20_000.0;
        let cy = 47_300_000.0 + (i / 4) as f64 * 20_000.0;
        let mut p = vec![etoile(&mut a, cx, cy, 9_000.0, 8 + i)];
        if i % 3 == 0 {
            // A hole well inside (radius < half the minimum outer radius).
            p.push(etoile(&mut a, cx, cy, 2_000.0, 6));
        }
        let mut parts = vec![p];
        if i % 4 == 1 {
            parts.push(vec![etoile(&mut a, cx + 7_000.0, cy + 7_000.0, 1_500.0, 5)]);
        }
        formes.push(parts);
    }
    let refs: Vec<&[Polygone]> = formes.iter().map(|f| f.as_slice()).collect();
    let l = Localisateur::nouveau(&refs, Localisateur::projection_pour(&refs), 0.0);
    let geo_formes: Vec<Vec<Polygon<f64>>> = formes
        .iter()
        .map(|parts| {
            parts
                .iter()
                .map(|p| {
                    Polygon::new(
                        vers_geo(&l, &p[0]),
                        p[1..].iter().map(|h| vers_geo(&l, h)).collect(),
                    )
                })
                .collect()
        })
        .collect();

    let (mut dedans, mut compares) = (0, 0);
    for _ in 0..100_000 {
        let lon = 4.985 + a.suivant() * 0.09;
        let lat = 47.285 + a.suivant() * 0.07;
        let q = l.projection.vers_plan(lon, lat);
        let pt = Point::new(q.x, q.y);
        for (i, parts) in geo_formes.iter().enumerate() {
            let limite = parts
                .iter()
                .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
                .map(|r| Euclidean.distance(&pt, r))
                .fold(f64::INFINITY, f64::min);
            let (d, _) = l.formes[i].limite_proche(q);
            assert!((d - limite).abs() < 1e-6, "distance {d} vs geo {limite}");
            if limite < 1e-3 {
                continue; // on the line itself: either answer is right
            }
            let geo_dedans = parts.iter().any(|p| p.contains(&pt));
            assert_eq!(
                l.formes[i].contient(q),
                geo_dedans,
                "point ({lon}, {lat}) shape {i}"
            );
            compares += 1;
            dedans += usize::from(geo_dedans);
        }
    }
    assert!(
        compares > 1_000_000 && dedans > 20_000,
        "{compares} comparisons, {dedans} inside"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, .. ProptestConfig::default() })]

    /// The three outcomes agree with containment and distances, whatever the point and tolerance.
    #[test]
    fn localisation_is_consistent(x in -2_000.0f64..2_000.0, y in -2_000.0f64..2_000.0, tol in 0.0f64..300.0) {
        let carre = |x0: i32| vec![vec![Anneau(vec![[x0, 47_000_000], [x0 + 10_000, 47_000_000], [x0 + 10_000, 47_010_000], [x0, 47_010_000], [x0, 47_000_000]])]];
        let (a, b) = (carre(5_000_000), carre(5_010_000));
        let refs: [&[Polygone]; 2] = [&a, &b];
        let l = Localisateur::nouveau(&refs, Localisateur::projection_pour(&refs), 13.0);
        let p = Xy { x, y };
        match l.localiser(p, tol) {
            Localisation::Dedans { iris, distance_limite_m } => {
                prop_assert!(l.formes[iris].contient(p));
                prop_assert!(distance_limite_m > tol);
            }
            Localisation::PresDUneLimite { proches, .. } => {
                prop_assert!(!proches.is_empty());
                prop_assert!(proches.iter().any(|x| x.distance_m <= tol));
                for pr in &proches {
                    prop_assert_eq!(pr.dedans, l.formes[pr.iris].contient(p));
                    prop_assert!(pr.dedans || pr.distance_m <= tol);
                }
            }
            Localisation::Dehors { plus_proche } => {
                prop_assert!(l.formes.iter().all(|f| !f.contient(p)));
                if let Some((_, d)) = plus_proche { prop_assert!(d > tol); }
            }
        }
    }
}

/// Shapes as `geo` sees them (the same plane as the localisateur's).
fn vers_geo_formes(l: &Localisateur, formes: &[Vec<Polygone>]) -> Vec<Vec<Polygon<f64>>> {
    formes
        .iter()
        .map(|parts| {
            parts
                .iter()
                .map(|p| {
                    Polygon::new(
                        vers_geo(l, &p[0]),
                        p[1..].iter().map(|h| vers_geo(l, h)).collect(),
                    )
                })
                .collect()
        })
        .collect()
}

/// `geo`'s distance from a point to the nearest ring of a shape.
fn distance_geo(parts: &[Polygon<f64>], pt: &Point<f64>) -> f64 {
    parts
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .map(|r| Euclidean.distance(pt, r))
        .fold(f64::INFINITY, f64::min)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    /// The label point of a random shape (star-shaped, some with a hole, some in two parts) is
    /// inside it for `geo`, its radius is `geo`'s distance to the boundary, and no point of a
    /// 60 × 60 grid over the box is farther inside by more than the precision.
    #[test]
    fn label_point_is_inside_and_farthest_from_the_boundary(
        graine in 1u64..u64::MAX,
        sommets in 5usize..30,
        trou in any::<bool>(),
        deux_parts in any::<bool>(),
    ) {
        let mut a = Alea(graine);
        let (cx, cy) = (5_040_000.0, 47_320_000.0);
        let mut p = vec![etoile(&mut a, cx, cy, 9_000.0, sommets)];
        if trou {
            p.push(etoile(&mut a, cx + 500.0, cy - 300.0, 2_000.0, 6));
        }
        let mut parts = vec![p];
        if deux_parts {
            parts.push(vec![etoile(&mut a, cx + 16_000.0, cy + 3_000.0, 5_000.0, 7)]);
        }
        let formes = vec![parts];
        let refs: Vec<&[Polygone]> = formes.iter().map(|f| f.as_slice()).collect();
        let l = Localisateur::nouveau(&refs, Localisateur::projection_pour(&refs), 0.0);
        let geo_parts = &vers_geo_formes(&l, &formes)[0];
        let precision = 1.0;
        let e = l.formes[0].point_etiquette(precision).expect("a shape with an inside");
        let pt = Point::new(e.point.x, e.point.y);
        prop_assert!(geo_parts.iter().any(|g| g.contains(&pt)), "{e:?} outside for geo");
        prop_assert!((distance_geo(geo_parts, &pt) - e.rayon_m).abs() < 1e-6);
        let [x0, y0, x1, y1] = l.formes[0].boite;
        let n = 60;
        for i in 0..=n {
            for j in 0..=n {
                let q = Point::new(
                    x0 + (x1 - x0) * i as f64 / n as f64,
                    y0 + (y1 - y0) * j as f64 / n as f64,
                );
                if geo_parts.iter().any(|g| g.contains(&q)) {
                    let d = distance_geo(geo_parts, &q);
                    prop_assert!(d <= e.rayon_m + precision, "grid point {q:?} is {d} m inside, label {e:?}");
                }
            }
        }
    }
}
