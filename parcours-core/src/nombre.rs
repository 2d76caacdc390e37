//! Decimal numbers read and written without the standard float parser and formatter.
//!
//! In the browser, `f64::from_str` and `{:.N}` bring about 50 KB of tables and code into the
//! WebAssembly for a handful of coordinates and distances. These two functions cover what
//! Parcours needs: numbers as JSON writes them (coordinates, scores) and fixed decimals.

/// Reads a decimal number as JSON writes it (`-12`, `5.041234`, `4.7e1`; a leading `+` is also
/// accepted). `None` for anything else, including `NaN`, `inf` and empty text.
///
/// Up to 19 significant digits are kept. With at most 15 of them and a power of ten up to 22,
/// the result is the correctly rounded one (one exact operation); beyond, it is within a few units
/// of the last place — far below the precision of any coordinate.
pub fn lire(texte: &str) -> Option<f64> {
    let o = texte.as_bytes();
    let mut i = 0;
    let negatif = match o.first() {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let mut mantisse: u64 = 0;
    let mut chiffres = 0u32;
    let mut exposant: i32 = 0;
    let mut vus = 0;
    let mut chiffre = |c: u8, apres_virgule: bool, exposant: &mut i32| {
        if chiffres < 19 {
            if mantisse != 0 || c != b'0' {
                chiffres += 1;
            }
            mantisse = mantisse * 10 + u64::from(c - b'0');
            if apres_virgule {
                *exposant -= 1;
            }
        } else if !apres_virgule {
            *exposant += 1;
        }
    };
    while let Some(c @ b'0'..=b'9') = o.get(i) {
        chiffre(*c, false, &mut exposant);
        i += 1;
        vus += 1;
    }
    if vus == 0 {
        return None;
    }
    if o.get(i) == Some(&b'.') {
        i += 1;
        let debut = i;
        while let Some(c @ b'0'..=b'9') = o.get(i) {
            chiffre(*c, true, &mut exposant);
            i += 1;
        }
        if i == debut {
            return None;
        }
    }
    if let Some(b'e' | b'E') = o.get(i) {
        i += 1;
        let signe = match o.get(i) {
            Some(b'-') => {
                i += 1;
                -1
            }
            Some(b'+') => {
                i += 1;
                1
            }
            _ => 1,
        };
        let debut = i;
        let mut e: i32 = 0;
        while let Some(c @ b'0'..=b'9') = o.get(i) {
            e = e.saturating_mul(10).saturating_add(i32::from(c - b'0'));
            i += 1;
        }
        if i == debut {
            return None;
        }
        exposant = exposant.saturating_add(signe * e);
    }
    if i != o.len() {
        return None;
    }
    let m = mantisse as f64;
    let v = if mantisse == 0 {
        0.0
    } else if mantisse < (1 << 53) && (0..=22).contains(&exposant) {
        m * PUISSANCES[exposant as usize]
    } else if mantisse < (1 << 53) && (-22..0).contains(&exposant) {
        m / PUISSANCES[(-exposant) as usize]
    } else if exposant > 308 {
        f64::INFINITY
    } else if exposant < -343 {
        0.0
    } else if exposant < 0 {
        // In two steps so that neither 10^-exposant nor the result underflows too early.
        let e = (-exposant) as u32;
        let moitie = e / 2;
        m / 10f64.powi(moitie as i32) / 10f64.powi((e - moitie) as i32)
    } else {
        m * 10f64.powi(exposant)
    };
    (v.is_finite()).then_some(if negatif { -v } else { v })
}

const PUISSANCES: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `x` with exactly `decimales` digits after the point (at most 9), rounded half away from
/// zero, with a point as separator: `ecrire(5.0412345, 5)` is `"5.04123"`. Not finite, or too
/// large to write this way (|x| × 10^decimales from 10^18 on): `"0"`.
pub fn ecrire(x: f64, decimales: u32) -> String {
    let decimales = decimales.min(9);
    let echelle = 10u64.pow(decimales);
    let r = (x.abs() * echelle as f64).round();
    if !r.is_finite() || r >= 1e18 {
        return "0".into();
    }
    let r = r as u64;
    let (entier, fraction) = (r / echelle, r % echelle);
    let signe = if x < 0.0 && r != 0 { "-" } else { "" };
    if decimales == 0 {
        format!("{signe}{entier}")
    } else {
        format!(
            "{signe}{entier}.{fraction:0width$}",
            width = decimales as usize
        )
    }
}

/// The text with its digits in the Latin script: Arabic-Indic (« ٠١٢٣٤٥٦٧٨٩ », U+0660–0669) and
/// Eastern Arabic-Indic (« ۰…۹ », U+06F0–06F9) digits become `0`–`9`, so a number or a date typed
/// on an Arabic keyboard reads like any other. Nothing else changes.
pub fn chiffres_latins(texte: &str) -> String {
    texte
        .chars()
        .map(|c| match c {
            '\u{660}'..='\u{669}' => char::from(b'0' + (c as u32 - 0x660) as u8),
            '\u{6F0}'..='\u{6F9}' => char::from(b'0' + (c as u32 - 0x6F0) as u8),
            c => c,
        })
        .collect()
}

/// A whole number of at most `max_chiffres` digits, in any script [`chiffres_latins`] knows,
/// spaces around allowed (an age typed in a field). `None` for anything else.
pub fn entier(texte: &str, max_chiffres: usize) -> Option<u32> {
    let t = chiffres_latins(texte.trim());
    (!t.is_empty() && t.len() <= max_chiffres && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// An integer with its thousands grouped by `separateur`: `groupe(200_000, "\u{202F}")` is
/// « 200 000 » with the narrow no-break space of French typography; `","` for English.
pub fn groupe(n: usize, separateur: &str) -> String {
    let chiffres = n.to_string();
    let mut out = String::with_capacity(chiffres.len() + 8);
    for (i, c) in chiffres.chars().enumerate() {
        if i > 0 && (chiffres.len() - i) % 3 == 0 {
            out.push_str(separateur);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_what_json_and_links_carry() {
        for (texte, attendu) in [
            ("0", 0.0),
            ("-0", 0.0),
            ("12", 12.0),
            ("5.041234", 5.041234),
            ("47.3354", 47.3354),
            ("-4.5", -4.5),
            ("+4.5", 4.5),
            ("0.97", 0.97),
            ("4.7e1", 47.0),
            ("1E-3", 0.001),
            ("1e400", f64::NAN),
        ] {
            let lu = lire(texte);
            if attendu.is_nan() {
                assert_eq!(lu, None, "{texte}");
            } else {
                assert_eq!(lu, Some(attendu), "{texte}");
            }
        }
        for faux in [
            "", "-", ".5", "5.", "1e", "1e+", "NaN", "inf", "1,5", " 1", "1 ", "0x10", "--1",
        ] {
            assert_eq!(lire(faux), None, "{faux:?}");
        }
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(groupe(0, " "), "0");
        assert_eq!(groupe(999, " "), "999");
        assert_eq!(groupe(1_000, " "), "1 000");
        assert_eq!(groupe(200_001, "\u{202F}"), "200\u{202F}001");
        assert_eq!(groupe(1_234_567, ","), "1,234,567");
    }

    #[test]
    fn writes_fixed_decimals() {
        assert_eq!(ecrire(5.0412345, 5), "5.04123");
        assert_eq!(ecrire(47.32, 6), "47.320000");
        assert_eq!(ecrire(-0.00001, 2), "0.00");
        assert_eq!(ecrire(-1.25, 1), "-1.3");
        assert_eq!(ecrire(2.5, 0), "3");
        assert_eq!(ecrire(1234.0, 0), "1234");
        assert_eq!(ecrire(0.05, 1), "0.1");
        assert_eq!(ecrire(f64::NAN, 2), "0");
        assert_eq!(ecrire(1e300, 2), "0");
        assert_eq!(
            ecrire(1e14, 9),
            "0",
            "beyond what a u64 holds: not a wrapped number"
        );
        assert_eq!(ecrire(1e8, 9), "100000000.000000000");
        assert_eq!(ecrire(-123456.5, 3), "-123456.500");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20_000, rng_seed: proptest::test_runner::RngSeed::Fixed(21231), ..ProptestConfig::default() })]

        /// Against the standard parser: within 1e-14 relative (exactness where it is promised is
        /// checked on coordinates below).
        #[test]
        fn reads_like_the_standard_parser(x in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO, decimales in 0usize..10, exp in any::<bool>()) {
            let texte = if exp { format!("{x:e}") } else { format!("{x:.decimales$}") };
            let attendu: f64 = texte.parse().unwrap();
            let lu = lire(&texte);
            if attendu.is_finite() && attendu.abs() > 1e-300 {
                let lu = lu.unwrap();
                prop_assert!((lu - attendu).abs() <= 1e-14 * attendu.abs(), "{texte}: {lu} vs {attendu}");
            }
        }

        #[test]
        fn coordinates_read_exactly(micro in -180_000_000i64..180_000_000) {
            let texte = format!("{}{}.{:06}", if micro < 0 { "-" } else { "" }, micro.abs() / 1_000_000, micro.abs() % 1_000_000);
            prop_assert_eq!(lire(&texte), Some(texte.parse::<f64>().unwrap()));
        }

        /// Against the standard formatter, away from the half-way cases where the two roundings
        /// (of the binary value, of its decimal writing) may legitimately differ.
        #[test]
        fn writes_like_the_standard_formatter(x in -1e7f64..1e7, decimales in 0u32..7) {
            let s = (x * 10f64.powi(decimales as i32)).abs();
            prop_assume!((s.fract() - 0.5).abs() > 1e-4);
            let attendu = format!("{x:.p$}", p = decimales as usize);
            let attendu = if attendu.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') { attendu.trim_start_matches('-').to_string() } else { attendu };
            prop_assert_eq!(ecrire(x, decimales), attendu);
        }
    }

    #[test]
    fn arabic_indic_digits_read_as_digits() {
        assert_eq!(chiffres_latins("٠٣/٠٥/٢٠١٧"), "03/05/2017");
        assert_eq!(chiffres_latins("۱۶ ans"), "16 ans");
        assert_eq!(entier("٥", 2), Some(5));
        assert_eq!(entier(" ١٦ ", 2), Some(16));
        assert_eq!(entier("16", 2), Some(16));
        assert_eq!(entier("1٦", 2), Some(16));
        for mauvais in ["", " ", "-1", "1.5", "١٢٣", "douze", "+3"] {
            assert_eq!(entier(mauvais, 2), None, "{mauvais}");
        }
    }
}
