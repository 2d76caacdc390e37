//! The address index's own payload format (since asset format version 3): what an address costs is
//! its number, its rep and its position; a street's name is written once.
//!
//! The payload is a sequence of **sections**, each a varint byte length then its bytes, in
//! this order (every section must be read to its last byte, and nothing may follow the last):
//!
//! ```text
//! 1 lieux      n, then n × (code_postal, code_insee, nom_commune)     the distinct places
//! 2 reps       n, then n × rep                                         "" first, then as met
//! 3 voies      n, then per voie: lieu, prefixe, suffixe, impairs, pairs
//! 4 noms       the names' suffixes (UTF-8), one after the other
//! 5 numeros    per voie, its odd numbers then its even ones: the first of a side n >> 1,
//!              each next one (n − previous) >> 1 (so a bis after its number is 0)
//! 6 indices    per number (same order): its rep, an index into section 2
//! 7 positions  per number (same order): lon then lat, zig-zag, minus the prediction
//! ```
//!
//! - An integer is an unsigned LEB128 varint (7 bits a byte, low first, as in protobuf); a
//!   signed one is zig-zag coded first (0, −1, 1, −2… → 0, 1, 2, 3…); a text is its byte
//!   length then its UTF-8 bytes.
//! - Names are front-coded: voies come sorted by (code INSEE, name), and each name is
//!   `prefixe` bytes of the previous name followed by `suffixe` bytes taken from section 4.
//!   The vocabulary and each voie's tokens are not stored: the decoder computes them from the
//!   names ([`IndexAdresses`]'s own code, so the pipeline and the app cannot disagree).
//! - Numbers go by side of the street (parity): a voie's numbers are its odd side then its even
//!   side, each ascending; the decoder merges them back into (numero, rep) order. A voie known
//!   by name only has zero numbers on both sides.
//! - Positions are quantised to a grid of [`PAS_E6`] = 3 millionths of a degree on both axes
//!   (no decoded position is more than [`ERREUR_POSITION_M`] = 0.16 m from the source's,
//!   anywhere on Earth; 0.135 m at Dijon's latitude), then coded in grid steps as the
//!   difference from a prediction: from the previous house on the same side, continued along
//!   the line of the two previous ones in proportion to the numbers (OSM's PBF codes
//!   coordinates as deltas in the same spirit); the first house of a side from the voie's first
//!   house, and the voie's first house from the previous voie's first house.
//!
//! To add a per-voie field: write it in the voie record (section 3) and bump
//! [`super::FORMAT_VERSION`]; a per-number field is a new section after 7.
//!
//! Decoding parses the bytes into the index directly: lengths are checked against what is
//! left, arithmetic is checked, and any inconsistency is an error, never a panic.

pub use super::octets::Defaut;
use super::octets::{Ecrivain, Lecteur};
use crate::recherche::{IndexAdresses, Numero, PositionE6, VoieBrute};

/// The quantisation grid of the positions, in millionths of a degree: [lon, lat]. An odd step:
/// a position in whole millionths lies at most 1 millionth from its grid point on each axis.
///
/// Why 3 and not more: a coarser grid saves little (7 × 5: 0.26 byte an address, 6 % of the
/// asset) but moves points by up to 0.4 m, and some address points of the real data lie that
/// close to an IRIS line (one of the check cases, 0.2 m away, then named the next IRIS).
/// At 3, no search result, decision or IRIS of the dev evaluation files changes.
pub const PAS_E6: [i32; 2] = [3, 3];

/// The greatest distance, in metres, between a decoded address position and the source's:
/// one millionth of a degree on each axis, at the equator (where a degree of longitude is
/// longest) √2 × 0.1113 m = 0.157 m. The decision adds it to an address point's uncertainty.
pub const ERREUR_POSITION_M: f64 = 0.16;
const _: () = assert!(
    ERREUR_POSITION_M <= 0.5,
    "issue 14: within 0.5 m of the source"
);

/// Sections in the order they are written.
const SECTIONS: usize = 7;

/// A position on the grid, in steps.
type Cellule = [i64; 2];

fn quantifier(p: PositionE6) -> Cellule {
    [0, 1].map(|k| {
        let pas = i64::from(PAS_E6[k]);
        (i64::from(p[k]) + pas / 2).div_euclid(pas)
    })
}

fn position(c: Cellule) -> Option<PositionE6> {
    // Within ±2³⁰ the product fits an i64 (no 128-bit multiplication for an overflow check).
    let coordonnee = |k: usize| {
        let dedans = (-LIMITE..=LIMITE).contains(&c[k]);
        dedans.then(|| i32::try_from(c[k] * i64::from(PAS_E6[k])).ok())?
    };
    Some([coordonnee(0)?, coordonnee(1)?])
}

/// No cell lies beyond this, in steps (an i32 position divided by a step of 3 or more).
const LIMITE: i64 = 1 << 30;

/// The houses seen so far on one side of a voie: the last two, (numero, cell).
#[derive(Default)]
struct Cote {
    avant_dernier: Option<(u32, Cellule)>,
    dernier: Option<(u32, Cellule)>,
}

impl Cote {
    /// Where house `n` is expected; `sinon` when the side has no house yet.
    fn prevoir(&self, n: u32, sinon: Cellule) -> Cellule {
        match (self.avant_dernier, self.dernier) {
            (Some((n1, a)), Some((n2, b))) if n2 > n1 && n >= n2 => {
                // Cells fit in 30 bits, their differences in 31 and numbers in 32: no product
                // overflows an i64; the prediction is kept within the grid, so the residual's
                // zig-zag fits too.
                let (t, d) = (i64::from(n - n2), i64::from(n2 - n1));
                [0, 1].map(|k| (b[k] + ((b[k] - a[k]) * t).div_euclid(d)).clamp(-LIMITE, LIMITE))
            }
            (_, Some((_, b))) => b,
            _ => sinon,
        }
    }

    fn ajouter(&mut self, n: u32, c: Cellule) {
        self.avant_dernier = self.dernier.replace((n, c));
    }
}

/// The payload of an address index (see the module's documentation). Deterministic.
pub fn encoder(index: &IndexAdresses) -> Vec<u8> {
    let mut s: [Ecrivain; SECTIONS] = Default::default();
    let [lieux, reps, voies, noms, numeros, indices, positions] = &mut s;
    let mut table_lieux: Vec<[&str; 3]> = Vec::new();
    let mut table_reps: Vec<&str> = vec![""];
    let mut precedent: &[u8] = &[];
    let mut premiere_voie: Cellule = [0, 0];
    voies.taille(index.voies.len());
    for v in &index.voies {
        let lieu = [
            v.code_postal.as_str(),
            v.code_insee.as_str(),
            v.nom_commune.as_str(),
        ];
        let i = table_lieux
            .iter()
            .position(|l| *l == lieu)
            .unwrap_or_else(|| {
                table_lieux.push(lieu);
                table_lieux.len() - 1
            });
        let nom = v.nom.as_bytes();
        let commun = nom
            .iter()
            .zip(precedent)
            .take_while(|(a, b)| a == b)
            .count();
        let cote = |parite: u32| {
            let mut c: Vec<&Numero> = v
                .numeros
                .iter()
                .filter(|a| a.numero % 2 == parite)
                .collect();
            c.sort_by(|a, b| (a.numero, &a.rep).cmp(&(b.numero, &b.rep)));
            c
        };
        let (impairs, pairs) = (cote(1), cote(0));
        voies.taille(i);
        voies.taille(commun);
        voies.taille(nom.len() - commun);
        voies.taille(impairs.len());
        voies.taille(pairs.len());
        noms.0.extend_from_slice(&nom[commun..]);
        precedent = nom;

        let mut premiere: Option<Cellule> = None;
        for cote in [impairs, pairs] {
            let mut c = Cote::default();
            for a in cote {
                match c.dernier {
                    None => numeros.entier(u64::from(a.numero >> 1)),
                    Some((p, _)) => numeros.entier(u64::from((a.numero - p) >> 1)),
                }
                let r = table_reps
                    .iter()
                    .position(|r| *r == a.rep)
                    .unwrap_or_else(|| {
                        table_reps.push(&a.rep);
                        table_reps.len() - 1
                    });
                indices.taille(r);
                let q = quantifier(a.position);
                let prevue = c.prevoir(a.numero, premiere.unwrap_or(premiere_voie));
                positions.relatif(q[0] - prevue[0]);
                positions.relatif(q[1] - prevue[1]);
                c.ajouter(a.numero, q);
                premiere.get_or_insert(q);
            }
        }
        if let Some(p) = premiere {
            premiere_voie = p;
        }
    }
    lieux.taille(table_lieux.len());
    for l in &table_lieux {
        for t in l {
            lieux.texte(t);
        }
    }
    reps.taille(table_reps.len());
    for r in &table_reps {
        reps.texte(r);
    }
    let mut out = Ecrivain::default();
    for section in &s {
        out.taille(section.0.len());
        out.0.extend_from_slice(&section.0);
    }
    out.0
}

/// Reads a payload written by [`encoder`]. Never panics; an inconsistent payload is an error.
pub fn decoder(octets: &[u8]) -> Result<IndexAdresses, Defaut> {
    lire(octets).map(IndexAdresses::depuis_voies)
}

/// The voies of a payload, before their tokens.
fn lire(octets: &[u8]) -> Result<Vec<VoieBrute>, Defaut> {
    let mut tout = Lecteur::nouveau(octets, "address index");
    let mut lieux = tout.section("lieux")?;
    let mut reps = tout.section("reps")?;
    let mut voies = tout.section("voies")?;
    let mut noms = tout.section("noms")?;
    let mut colonnes = Colonnes {
        numeros: tout.section("numeros")?,
        indices: tout.section("indices")?,
        positions: tout.section("positions")?,
    };
    tout.fin()?;

    let n = lieux.compte(3, None)?;
    let mut table_lieux: Vec<[String; 3]> = Vec::with_capacity(n);
    for _ in 0..n {
        table_lieux.push([lieux.texte()?, lieux.texte()?, lieux.texte()?]);
    }
    let n = reps.compte(1, None)?;
    let mut table_reps: Vec<String> = Vec::with_capacity(n);
    for _ in 0..n {
        table_reps.push(reps.texte()?);
    }

    let n = voies.compte(5, None)?;
    let mut sortie: Vec<VoieBrute> = Vec::with_capacity(n);
    let mut nom: Vec<u8> = Vec::new();
    let mut premiere_voie: Cellule = [0, 0];
    for _ in 0..n {
        let lieu = usize::try_from(voies.entier()?)
            .ok()
            .and_then(|i| table_lieux.get(i))
            .ok_or_else(|| voies.erreur("place out of the table"))?;
        let commun = voies.entier()?;
        let suffixe = voies.entier()?;
        match usize::try_from(commun) {
            Ok(k) if k <= nom.len() => nom.truncate(k),
            _ => return Err(voies.erreur("shared prefix longer than the previous name")),
        }
        nom.extend_from_slice(noms.octets(suffixe)?);
        let texte = String::from_utf8(nom.clone()).map_err(|_| noms.erreur("name not UTF-8"))?;
        let impairs = voies.compte(1, Some(&colonnes.numeros))?;
        let pairs = voies.compte(1, Some(&colonnes.numeros))?;

        let (impairs, premiere) = colonnes.cote(impairs, 1, premiere_voie, &table_reps)?;
        let depart = premiere.unwrap_or(premiere_voie);
        let (pairs, premiere_paire) = colonnes.cote(pairs, 0, depart, &table_reps)?;
        if let Some(p) = premiere.or(premiere_paire) {
            premiere_voie = p;
        }
        let [code_postal, code_insee, nom_commune] = lieu.clone();
        sortie.push((
            texte,
            code_postal,
            code_insee,
            nom_commune,
            fusionner(impairs, pairs),
        ));
    }
    let Colonnes {
        numeros,
        indices,
        positions,
    } = &colonnes;
    for l in [&lieux, &reps, &voies, &noms, numeros, indices, positions] {
        l.fin()?;
    }
    Ok(sortie)
}

/// The sections read number by number.
struct Colonnes<'a> {
    numeros: Lecteur<'a>,
    indices: Lecteur<'a>,
    positions: Lecteur<'a>,
}

impl Colonnes<'_> {
    /// One side of a voie: `taille` numbers of parity `reste`, the first predicted at `depart`;
    /// with the side's first cell. A function of its own, called for every side: the browser
    /// optimises it after the first few voies (it would not, inside one long loop).
    #[inline(never)]
    fn cote(
        &mut self,
        taille: usize,
        reste: u32,
        depart: Cellule,
        reps: &[String],
    ) -> Result<(Vec<Numero>, Option<Cellule>), Defaut> {
        let mut liste = Vec::with_capacity(taille);
        let mut c = Cote::default();
        let mut premiere = None;
        for _ in 0..taille {
            let k = u32::try_from(self.numeros.entier()?).ok();
            let numero = match c.dernier {
                None => k.and_then(|k| k.checked_mul(2)?.checked_add(reste)),
                Some((p, _)) => k.and_then(|k| p.checked_add(k.checked_mul(2)?)),
            }
            .ok_or_else(|| self.numeros.erreur("number out of range"))?;
            let rep = usize::try_from(self.indices.entier()?)
                .ok()
                .and_then(|i| reps.get(i))
                .ok_or_else(|| self.indices.erreur("rep out of the table"))?;
            let prevue = c.prevoir(numero, depart);
            let (dx, dy) = (self.positions.relatif()?, self.positions.relatif()?);
            let q = match [prevue[0].checked_add(dx), prevue[1].checked_add(dy)] {
                [Some(x), Some(y)] => [x, y],
                _ => return Err(self.positions.erreur("position out of range")),
            };
            let p = position(q).ok_or_else(|| self.positions.erreur("position out of range"))?;
            c.ajouter(numero, q);
            premiere.get_or_insert(q);
            liste.push(Numero {
                numero,
                rep: rep.clone(),
                position: p,
            });
        }
        Ok((liste, premiere))
    }
}

/// The two sides, each ascending, merged into ascending numbers.
fn fusionner(impairs: Vec<Numero>, pairs: Vec<Numero>) -> Vec<Numero> {
    if pairs.is_empty() {
        return impairs;
    }
    let mut out = Vec::with_capacity(impairs.len() + pairs.len());
    let mut pairs = pairs.into_iter().peekable();
    for a in impairs {
        while let Some(b) = pairs.next_if(|b| b.numero < a.numero) {
            out.push(b);
        }
        out.push(a);
    }
    out.extend(pairs);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recherche::Moteur;

    fn n(numero: u32, rep: &str, position: PositionE6) -> Numero {
        Numero {
            numero,
            rep: rep.into(),
            position,
        }
    }

    fn voie(nom: &str, cp: &str, insee: &str, commune: &str, numeros: Vec<Numero>) -> VoieBrute {
        (nom.into(), cp.into(), insee.into(), commune.into(), numeros)
    }

    /// Two communes, two postcodes in one, names sharing prefixes (one inside a multi-byte
    /// letter), numbers on both sides with bis and ter, a voie known by name only, a number 0.
    fn index(grille: bool) -> IndexAdresses {
        let p = |lon: i32, lat: i32| {
            if grille {
                [lon * PAS_E6[0], lat * PAS_E6[1]]
            } else {
                [lon, lat]
            }
        };
        IndexAdresses::construire(vec![
            voie(
                "RUE D'AUXONNE",
                "21000",
                "21231",
                "Dijon",
                vec![
                    n(2, "", p(5_040_001, 47_300_002)),
                    n(1, "", p(5_040_010, 47_300_020)),
                    n(3, "bis", p(5_040_031, 47_300_043)),
                    n(3, "", p(5_040_030, 47_300_040)),
                    n(4, "", p(5_040_003, 47_300_030)),
                    n(175, "ter", p(5_041_000, 47_310_000)),
                    n(0, "", p(5_039_990, 47_299_990)),
                ],
            ),
            voie("RUE DU CHAPITRE", "21000", "21231", "Dijon", vec![]),
            voie(
                "RUE DU CHÂTEAU",
                "21000",
                "21231",
                "Dijon",
                vec![n(8, "", p(5_050_000, 47_320_000))],
            ),
            voie(
                "RUE DU CHÊNE",
                "21000",
                "21231",
                "Dijon",
                vec![n(9, "a", p(-5, -7))],
            ),
            voie(
                "RUE DU CHÊNE",
                "21121",
                "21231",
                "Dijon",
                vec![n(1, "", p(1, 1))],
            ),
            voie(
                "Place de l’Église",
                "21121",
                "21171",
                "Fontaine-lès-Dijon",
                vec![n(u32::MAX, "", p(i32::MAX / 3, i32::MIN / 3))],
            ),
            voie("ALLÉE", "21121", "21171", "Fontaine-lès-Dijon", vec![]),
        ])
    }

    #[test]
    fn positions_on_the_grid_come_back_exactly() {
        let i = index(true);
        let octets = encoder(&i);
        assert_eq!(decoder(&octets), Ok(i.clone()));
        assert_eq!(encoder(&i), octets, "deterministic");
        let seules = i.voies.iter().filter(|v| v.numeros.is_empty()).count();
        assert_eq!(seules, 2, "voies known by name only");
    }

    #[test]
    fn other_positions_come_back_within_the_bound_and_all_else_exactly() {
        let i = index(false);
        let d = decoder(&encoder(&i)).unwrap();
        assert_eq!(d.vocabulaire, i.vocabulaire);
        assert_eq!(d.voies.len(), i.voies.len());
        for (a, b) in i.voies.iter().zip(&d.voies) {
            assert_eq!(
                (
                    &a.nom,
                    &a.code_postal,
                    &a.code_insee,
                    &a.nom_commune,
                    &a.jetons
                ),
                (
                    &b.nom,
                    &b.code_postal,
                    &b.code_insee,
                    &b.nom_commune,
                    &b.jetons
                )
            );
            assert_eq!(a.numeros.len(), b.numeros.len());
            for (x, y) in a.numeros.iter().zip(&b.numeros) {
                assert_eq!((x.numero, &x.rep), (y.numero, &y.rep));
                assert!((x.position[0] - y.position[0]).abs() <= 1, "{x:?} {y:?}");
                assert!((x.position[1] - y.position[1]).abs() <= 1, "{x:?} {y:?}");
            }
        }
    }

    #[test]
    fn the_error_bound_holds_at_the_equator() {
        // The longest degree of longitude: 40,075,017 m / 360.
        let m = 40_075_017.0 / 360.0 / 1e6;
        let pire = (2.0f64 * m * m).sqrt();
        assert!(
            pire <= ERREUR_POSITION_M && ERREUR_POSITION_M - pire < 0.01,
            "{pire}"
        );
        // The worst cases of the rounding, on both sides of zero.
        for v in -20..20 {
            let q = quantifier([v, v]);
            let p = position(q).unwrap();
            assert!((p[0] - v).abs() <= 1 && (p[1] - v).abs() <= 1, "{v}");
        }
    }

    #[test]
    fn the_engine_answers_the_same_on_the_decoded_index() {
        let i = index(true);
        let a = Moteur::new(i.clone());
        let b = Moteur::new(decoder(&encoder(&i)).unwrap());
        for q in [
            "3 bis rue d'auxonne",
            "rue du chene",
            "6 rue d auxonne",
            "eglise",
        ] {
            assert_eq!(a.rechercher(q, 5), b.rechercher(q, 5), "{q}");
        }
    }

    #[test]
    fn every_truncation_and_bit_flip_is_an_error_or_an_index_never_a_panic() {
        let bon = encoder(&index(false));
        for k in 0..bon.len() {
            assert!(decoder(&bon[..k]).is_err(), "prefix {k}");
        }
        let mut longue = bon.clone();
        longue.push(0);
        assert!(decoder(&longue).is_err());
        for i in 0..bon.len() {
            for bit in 0..8 {
                let mut x = bon.clone();
                x[i] ^= 1 << bit;
                if let Ok(d) = decoder(&x) {
                    // Whatever decodes is an index the engine can use.
                    let m = Moteur::new(d);
                    let _ = m.rechercher("3 rue du chene", 5);
                }
            }
        }
    }

    #[test]
    fn inconsistencies_are_named() {
        let erreur = |octets: &[u8]| decoder(octets).unwrap_err();
        // Seven empty sections: the counts are missing.
        assert_eq!(erreur(&[0; 7]).section, "lieux");
        // No place, one rep (""), one voie whose record is missing.
        let mut w = Ecrivain::default();
        for s in [&[0u8][..], &[1, 0], &[1], &[], &[], &[], &[]] {
            w.taille(s.len());
            w.0.extend_from_slice(s);
        }
        assert_eq!(erreur(&w.0).to_string(), "voies: count beyond the data");
        // An integer of more than 64 bits.
        assert_eq!(erreur(&[0xff; 12]).quoi, "bad or truncated integer");
    }
}

#[cfg(test)]
mod proprietes {
    use super::*;
    use proptest::prelude::*;

    fn numero() -> impl Strategy<Value = Numero> {
        (
            0u32..400,
            prop_oneof![Just(""), Just("bis"), Just("ter"), Just("a"), Just("B")],
            -5_000_000i32..5_000_000,
            -5_000_000i32..5_000_000,
        )
            .prop_map(|(numero, rep, lon, lat)| Numero {
                numero,
                rep: rep.into(),
                position: [47_000_000 + lon, 5_000_000 + lat],
            })
    }

    fn voies() -> impl Strategy<Value = Vec<VoieBrute>> {
        prop::collection::vec(
            (
                "(RUE|AVENUE|PLACE) [A-ZÉÈ' -]{0,12}",
                prop_oneof![Just("21000"), Just("21121")],
                prop_oneof![Just(("21231", "Dijon")), Just(("21171", "Fontaine"))],
                prop::collection::vec(numero(), 0..12),
            )
                .prop_map(|(nom, cp, (insee, commune), numeros)| {
                    (nom, cp.into(), insee.into(), commune.into(), numeros)
                }),
            0..12,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, .. ProptestConfig::default() })]

        /// Any index comes back with its positions on the grid, and all else unchanged.
        #[test]
        fn round_trip(v in voies()) {
            let i = IndexAdresses::construire(v);
            let mut attendu = i.clone();
            for v in &mut attendu.voies {
                for a in &mut v.numeros {
                    a.position = position(quantifier(a.position)).unwrap();
                }
            }
            prop_assert_eq!(decoder(&encoder(&i)), Ok(attendu));
        }

        /// Any bytes: an error or an index, never a panic.
        #[test]
        fn any_bytes_never_panic(octets in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = decoder(&octets);
        }

        /// A valid payload with some bytes changed: never a panic.
        #[test]
        fn corrupted_payloads_never_panic(v in voies(), changes in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)) {
            let mut octets = encoder(&IndexAdresses::construire(v));
            for (i, b) in changes {
                let k = i.index(octets.len());
                octets[k] = b;
            }
            if let Ok(d) = decoder(&octets) {
                let _ = crate::recherche::Moteur::new(d).rechercher("1 rue", 5);
            }
        }
    }
}
