//! The page's state in its URL (shareable, back button, reload), parsed strictly: unknown keys
//! are ignored, values are bounded and typed, so a crafted link cannot inject anything.

use crate::nombre;
use crate::programme::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Langue {
    #[default]
    Fr,
    En,
    Ar,
}

impl Langue {
    pub const TOUTES: [Langue; 3] = [Langue::Fr, Langue::En, Langue::Ar];
    pub fn code(self) -> &'static str {
        match self {
            Langue::Fr => "fr",
            Langue::En => "en",
            Langue::Ar => "ar",
        }
    }
    pub fn depuis_code(s: &str) -> Option<Langue> {
        Langue::TOUTES.into_iter().find(|l| l.code() == s)
    }
    pub fn rtl(self) -> bool {
        self == Langue::Ar
    }
}

/// A point given by a location fix or a tap on the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointLien {
    pub lon: f64,
    pub lat: f64,
    pub precision_m: f64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct EtatLien {
    /// The chosen address, as its label.
    pub adresse: Option<String>,
    pub point: Option<PointLien>,
    pub age: Option<u32>,
    pub naissance: Option<Date>,
    pub langue: Option<Langue>,
    /// The list page rather than the check of one address.
    pub liste: bool,
}

const MAX_ADRESSE: usize = 200;

impl EtatLien {
    /// Parses `?adresse=…&age=…` (with or without the `?`). Never panics.
    pub fn depuis_requete(requete: &str) -> EtatLien {
        let mut e = EtatLien::default();
        let requete = requete.strip_prefix('?').unwrap_or(requete);
        let (mut lon, mut lat, mut precision) = (None, None, 0.0);
        for paire in requete.split('&').take(20) {
            let (cle, valeur) = paire.split_once('=').unwrap_or((paire, ""));
            let Some(valeur) = decoder_pourcent(valeur) else {
                continue;
            };
            match cle {
                "adresse" => {
                    let v: String = valeur
                        .chars()
                        .filter(|c| !c.is_control())
                        .take(MAX_ADRESSE)
                        .collect();
                    if !v.trim().is_empty() {
                        e.adresse = Some(v);
                    }
                }
                "lon" => lon = nombre::lire(&valeur).filter(|v| v.is_finite() && v.abs() <= 180.0),
                "lat" => lat = nombre::lire(&valeur).filter(|v| v.is_finite() && v.abs() <= 90.0),
                "precision" => {
                    precision = nombre::lire(&valeur)
                        .filter(|v| v.is_finite() && *v >= 0.0 && *v <= 100_000.0)
                        .unwrap_or(0.0)
                }
                "age" => e.age = valeur.parse::<u32>().ok().filter(|a| *a <= 120),
                "naissance" => e.naissance = Date::analyser(&valeur),
                "langue" => e.langue = Langue::depuis_code(&valeur),
                "vue" => e.liste = valeur == "liste",
                _ => {}
            }
        }
        if let (Some(lon), Some(lat)) = (lon, lat) {
            e.point = Some(PointLien {
                lon,
                lat,
                precision_m: precision,
            });
        }
        e
    }

    /// `?adresse=…&…`, or an empty string when there is nothing to keep.
    pub fn vers_requete(&self) -> String {
        let mut p: Vec<String> = Vec::new();
        if self.liste {
            p.push("vue=liste".into());
        }
        if let Some(a) = &self.adresse {
            p.push(format!("adresse={}", encoder_pourcent(a)));
        }
        if let Some(pt) = &self.point {
            p.push(format!(
                "lon={}&lat={}",
                nombre::ecrire(pt.lon, 6),
                nombre::ecrire(pt.lat, 6)
            ));
            if pt.precision_m > 0.0 {
                p.push(format!("precision={}", nombre::ecrire(pt.precision_m, 0)));
            }
        }
        if let Some(a) = self.age {
            p.push(format!("age={a}"));
        }
        if let Some(n) = self.naissance {
            p.push(format!("naissance={n}"));
        }
        if let Some(l) = self.langue {
            p.push(format!("langue={}", l.code()));
        }
        if p.is_empty() {
            String::new()
        } else {
            format!("?{}", p.join("&"))
        }
    }
}

fn encoder_pourcent(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `+` → space, `%XX` → byte; None when the bytes are not UTF-8 or an escape is broken.
fn decoder_pourcent(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let h = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(h, 16).ok()?);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn round_trip() {
        let e = EtatLien {
            adresse: Some("12 bis Rue d’Auxonne, 21000 Dijon & co".into()),
            point: None,
            age: Some(7),
            naissance: Date::analyser("2015-03-02"),
            langue: Some(Langue::Ar),
            liste: false,
        };
        assert_eq!(EtatLien::depuis_requete(&e.vers_requete()), e);
        let l = EtatLien {
            liste: true,
            ..EtatLien::default()
        };
        assert_eq!(EtatLien::depuis_requete(&l.vers_requete()), l);
        let p = EtatLien {
            point: Some(PointLien {
                lon: 5.041234,
                lat: 47.321234,
                precision_m: 20.0,
            }),
            ..EtatLien::default()
        };
        assert_eq!(EtatLien::depuis_requete(&p.vers_requete()), p);
        assert_eq!(EtatLien::default().vers_requete(), "");
    }

    #[test]
    fn hostile_links_are_bounded() {
        let e = EtatLien::depuis_requete(
            "?adresse=%3Cscript%3Ealert(1)%3C%2Fscript%3E&age=-3&lon=999&lat=47&langue=xx&x=%ZZ",
        );
        // Kept as plain text (rendered as text, never as HTML), the rest dropped.
        assert_eq!(e.adresse.as_deref(), Some("<script>alert(1)</script>"));
        assert_eq!(e.age, None);
        assert_eq!(e.point, None);
        assert_eq!(e.langue, None);
        let long = format!("?adresse={}", "a".repeat(10_000));
        assert_eq!(
            EtatLien::depuis_requete(&long).adresse.unwrap().len(),
            MAX_ADRESSE
        );
        assert_eq!(EtatLien::depuis_requete("?adresse=%E9").adresse, None);
    }

    proptest! {
        #[test]
        fn never_panics(s in ".*") {
            let e = EtatLien::depuis_requete(&s);
            let again = EtatLien::depuis_requete(&e.vers_requete());
            prop_assert_eq!(again.age, e.age);
            prop_assert_eq!(again.langue, e.langue);
        }
    }
}
