//! A small, strict JSON reader for the two JSON texts the app reads: the assets' manifest and
//! the national geocoder's answer. `serde_json` stays in the native tools; in the browser it
//! would weigh more than all the search code (see issue 8's size budget).
//!
//! RFC 8259 grammar, UTF-8 text, nesting limited to [`PROFONDEUR_MAX`]; numbers through
//! [`crate::nombre::lire`]. Duplicate keys: the first one wins.

use crate::nombre;

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Nul,
    Booleen(bool),
    Nombre(f64),
    Texte(String),
    Liste(Vec<Json>),
    Objet(Vec<(String, Json)>),
}

pub const PROFONDEUR_MAX: usize = 64;

impl Json {
    /// Reads a whole JSON text. The error says what was expected, and at which byte.
    pub fn lire(texte: &str) -> Result<Json, String> {
        let mut l = Lecteur {
            o: texte.as_bytes(),
            i: 0,
        };
        l.blancs();
        let v = l.valeur(0)?;
        l.blancs();
        if l.i != l.o.len() {
            return Err(l.erreur("la fin du texte"));
        }
        Ok(v)
    }

    /// The member `cle` of an object.
    pub fn get(&self, cle: &str) -> Option<&Json> {
        match self {
            Json::Objet(m) => m.iter().find(|(k, _)| k == cle).map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn texte(&self) -> Option<&str> {
        match self {
            Json::Texte(s) => Some(s),
            _ => None,
        }
    }
    pub fn nombre(&self) -> Option<f64> {
        match self {
            Json::Nombre(n) => Some(*n),
            _ => None,
        }
    }
    /// A non-negative integer (as JSON writes counts and sizes).
    pub fn entier(&self) -> Option<u64> {
        self.nombre()
            .filter(|n| *n >= 0.0 && n.fract() == 0.0 && *n <= 9_007_199_254_740_992.0)
            .map(|n| n as u64)
    }
    pub fn liste(&self) -> Option<&[Json]> {
        match self {
            Json::Liste(l) => Some(l),
            _ => None,
        }
    }
}

struct Lecteur<'a> {
    o: &'a [u8],
    i: usize,
}

impl Lecteur<'_> {
    fn erreur(&self, attendu: &str) -> String {
        format!("JSON\u{a0}: {attendu} attendu à l’octet {}", self.i)
    }
    fn blancs(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.o.get(self.i) {
            self.i += 1;
        }
    }
    fn mot(&mut self, mot: &str, v: Json) -> Result<Json, String> {
        if self.o[self.i..].starts_with(mot.as_bytes()) {
            self.i += mot.len();
            Ok(v)
        } else {
            Err(self.erreur("une valeur"))
        }
    }
    fn valeur(&mut self, profondeur: usize) -> Result<Json, String> {
        if profondeur > PROFONDEUR_MAX {
            return Err(self.erreur("moins d’imbrication"));
        }
        match self.o.get(self.i) {
            Some(b'{') => self.objet(profondeur),
            Some(b'[') => self.liste(profondeur),
            Some(b'"') => self.texte().map(Json::Texte),
            Some(b't') => self.mot("true", Json::Booleen(true)),
            Some(b'f') => self.mot("false", Json::Booleen(false)),
            Some(b'n') => self.mot("null", Json::Nul),
            Some(b'-' | b'0'..=b'9') => self.nombre(),
            _ => Err(self.erreur("une valeur")),
        }
    }
    fn nombre(&mut self) -> Result<Json, String> {
        let debut = self.i;
        while let Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') = self.o.get(self.i) {
            self.i += 1;
        }
        let t = &self.o[debut..self.i];
        // JSON forbids what `nombre::lire` tolerates: a leading `+`, and leading zeros.
        let chiffres = t.strip_prefix(b"-").unwrap_or(t);
        let zero_de_tete =
            chiffres.len() > 1 && chiffres[0] == b'0' && chiffres[1].is_ascii_digit();
        std::str::from_utf8(t)
            .ok()
            .filter(|_| t.first() != Some(&b'+') && !zero_de_tete)
            .and_then(nombre::lire)
            .map(Json::Nombre)
            .ok_or_else(|| {
                self.i = debut;
                self.erreur("un nombre")
            })
    }
    fn hex4(&mut self) -> Result<u32, String> {
        let h = self
            .o
            .get(self.i..self.i + 4)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| {
                u32::from_str_radix(h, 16)
                    .ok()
                    .filter(|_| !h.starts_with('+'))
            })
            .ok_or_else(|| self.erreur("quatre chiffres hexadécimaux"))?;
        self.i += 4;
        Ok(h)
    }
    fn texte(&mut self) -> Result<String, String> {
        self.i += 1; // the opening quote
        let mut s = String::new();
        loop {
            let debut = self.i;
            while let Some(&c) = self.o.get(self.i) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // The input is a &str and we stopped on ASCII bytes: always a char boundary.
            s.push_str(std::str::from_utf8(&self.o[debut..self.i]).map_err(|e| e.to_string())?);
            match self.o.get(self.i) {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(s);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = *self
                        .o
                        .get(self.i)
                        .ok_or_else(|| self.erreur("un échappement"))?;
                    self.i += 1;
                    match c {
                        b'"' => s.push('"'),
                        b'\\' => s.push('\\'),
                        b'/' => s.push('/'),
                        b'b' => s.push('\u{8}'),
                        b'f' => s.push('\u{c}'),
                        b'n' => s.push('\n'),
                        b'r' => s.push('\r'),
                        b't' => s.push('\t'),
                        b'u' => {
                            let mut u = self.hex4()?;
                            if (0xD800..0xDC00).contains(&u)
                                && self.o.get(self.i..self.i + 2) == Some(b"\\u")
                            {
                                let retour = self.i;
                                self.i += 2;
                                let bas = self.hex4()?;
                                if (0xDC00..0xE000).contains(&bas) {
                                    u = 0x10000 + ((u - 0xD800) << 10) + (bas - 0xDC00);
                                } else {
                                    self.i = retour;
                                }
                            }
                            // A lone surrogate is not a character: replaced, as browsers do.
                            s.push(char::from_u32(u).unwrap_or('\u{FFFD}'));
                        }
                        _ => {
                            self.i -= 1;
                            return Err(self.erreur("un échappement"));
                        }
                    }
                }
                _ => return Err(self.erreur("un guillemet fermant")),
            }
        }
    }
    fn liste(&mut self, profondeur: usize) -> Result<Json, String> {
        self.i += 1;
        let mut l = Vec::new();
        self.blancs();
        if self.o.get(self.i) == Some(&b']') {
            self.i += 1;
            return Ok(Json::Liste(l));
        }
        loop {
            self.blancs();
            l.push(self.valeur(profondeur + 1)?);
            self.blancs();
            match self.o.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Json::Liste(l));
                }
                _ => return Err(self.erreur("«\u{a0},\u{a0}» ou «\u{a0}]\u{a0}»")),
            }
        }
    }
    fn objet(&mut self, profondeur: usize) -> Result<Json, String> {
        self.i += 1;
        let mut m: Vec<(String, Json)> = Vec::new();
        self.blancs();
        if self.o.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Ok(Json::Objet(m));
        }
        loop {
            self.blancs();
            if self.o.get(self.i) != Some(&b'"') {
                return Err(self.erreur("un nom entre guillemets"));
            }
            let k = self.texte()?;
            self.blancs();
            if self.o.get(self.i) != Some(&b':') {
                return Err(self.erreur("«\u{a0}:\u{a0}»"));
            }
            self.i += 1;
            self.blancs();
            let v = self.valeur(profondeur + 1)?;
            if !m.iter().any(|(x, _)| *x == k) {
                m.push((k, v));
            }
            self.blancs();
            match self.o.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Json::Objet(m));
                }
                _ => return Err(self.erreur("«\u{a0},\u{a0}» ou «\u{a0}}\u{a0}»")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_values() {
        let v = Json::lire(r#" {"a": [1, -2.5e1, true, false, null], "b": "x\"\\\/\n\u00e9\ud83d\ude00", "a": 0} "#).unwrap();
        assert_eq!(
            v.get("a").unwrap(),
            &Json::Liste(vec![
                Json::Nombre(1.0),
                Json::Nombre(-25.0),
                Json::Booleen(true),
                Json::Booleen(false),
                Json::Nul
            ])
        );
        assert_eq!(v.get("b").unwrap().texte(), Some("x\"\\/\né😀"));
        assert_eq!(Json::lire("[]").unwrap(), Json::Liste(vec![]));
        assert_eq!(Json::lire("{}").unwrap(), Json::Objet(vec![]));
        assert_eq!(
            Json::lire(r#""\ud800x""#).unwrap().texte(),
            Some("\u{FFFD}x")
        );
    }

    #[test]
    fn refuses_what_is_not_json() {
        for faux in [
            "",
            " ",
            "<html>",
            "{",
            "[1,]",
            "[1 2]",
            "{\"a\" 1}",
            "{a: 1}",
            "{\"a\":1,}",
            "01",
            "+1",
            "1.",
            ".5",
            "-",
            "tru",
            "nul",
            "\"abc",
            "\"\\x\"",
            "\"\\u12\"",
            "\"a\nb\"",
            "[1] 2",
            "NaN",
            "1e999",
        ] {
            assert!(Json::lire(faux).is_err(), "{faux:?}");
        }
        let profond = "[".repeat(PROFONDEUR_MAX + 2) + &"]".repeat(PROFONDEUR_MAX + 2);
        assert!(Json::lire(&profond).unwrap_err().contains("imbrication"));
        assert!(
            Json::lire(&"[".repeat(100_000)).is_err(),
            "no stack overflow"
        );
    }

    fn depuis_serde(v: &serde_json::Value) -> Json {
        match v {
            serde_json::Value::Null => Json::Nul,
            serde_json::Value::Bool(b) => Json::Booleen(*b),
            serde_json::Value::Number(n) => Json::Nombre(n.as_f64().unwrap()),
            serde_json::Value::String(s) => Json::Texte(s.clone()),
            serde_json::Value::Array(a) => Json::Liste(a.iter().map(depuis_serde).collect()),
            serde_json::Value::Object(o) => Json::Objet(
                o.iter()
                    .map(|(k, v)| (k.clone(), depuis_serde(v)))
                    .collect(),
            ),
        }
    }

    fn valeur() -> impl Strategy<Value = serde_json::Value> {
        let feuille = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            (-1_000_000_000i64..1_000_000_000, 0u32..7)
                .prop_map(|(m, e)| serde_json::json!(m as f64 / 10f64.powi(e as i32))),
            any::<i64>().prop_map(|n| serde_json::json!(n)),
            "\\PC{0,12}".prop_map(serde_json::Value::String),
        ];
        feuille.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                prop::collection::btree_map("\\PC{0,6}", inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 5_000, rng_seed: proptest::test_runner::RngSeed::Fixed(21231), ..ProptestConfig::default() })]

        /// `serde_json` as the oracle: what it writes, compact or pretty, reads back the same.
        #[test]
        fn reads_what_serde_json_writes(v in valeur(), joli in any::<bool>()) {
            let texte = if joli { serde_json::to_string_pretty(&v).unwrap() } else { serde_json::to_string(&v).unwrap() };
            let lu = Json::lire(&texte).unwrap();
            prop_assert_eq!(lu, depuis_serde(&v));
        }

        /// Never panics, and agrees with `serde_json` on what is JSON at all.
        #[test]
        fn agrees_on_validity(texte in "[\\[\\]{}\",:0-9.eE+\\-tfrunlsa \\\\u]{0,40}") {
            let nous = Json::lire(&texte).is_ok();
            let oracle = serde_json::from_str::<serde_json::Value>(&texte).is_ok();
            prop_assert_eq!(nous, oracle, "{:?}", texte);
        }
    }
}
