//! The national address service (IGN Géoplateforme geocoder), asked only when the user agrees:
//! building the request and reading its GeoCodeJSON answer. No network here — the app does the
//! fetch; this is the pure part, tested natively.

use crate::json::Json;

/// One answer of the national service.
#[derive(Debug, Clone, PartialEq)]
pub struct AdresseEnLigne {
    pub label: String,
    pub lon: f64,
    pub lat: f64,
    /// `housenumber`, `street`, `locality`, `municipality`.
    pub nature: String,
    pub code_insee: String,
    pub score: f64,
}

impl AdresseEnLigne {
    /// The position's uncertainty, in metres, by what the service found.
    pub fn precision_m(&self) -> f64 {
        match self.nature.as_str() {
            "housenumber" => 10.0,
            "street" => 150.0,
            _ => 1_000.0,
        }
    }
}

/// The request URL: `endpoint?q=…&limit=5&index=address`.
pub fn url_requete(endpoint: &str, texte: &str) -> String {
    let q: String = texte
        .trim()
        .chars()
        .take(200)
        .collect::<String>()
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("{endpoint}?q={q}&limit=5&index=address")
}

/// Reads a GeoCodeJSON answer. Features without a valid point or a label are dropped.
pub fn lire_reponse(json: &str) -> Result<Vec<AdresseEnLigne>, String> {
    let c = Json::lire(json)?;
    let entites = c
        .get("features")
        .and_then(Json::liste)
        .ok_or("GeoCodeJSON\u{a0}: «\u{a0}features\u{a0}» manquant")?;
    let texte = |p: &Json, cle: &str| p.get(cle).and_then(Json::texte).unwrap_or("").to_string();
    Ok(entites
        .iter()
        .filter_map(|f| {
            let coord = f.get("geometry")?.get("coordinates")?.liste()?;
            let (lon, lat) = match coord {
                [lon, lat, ..] => (lon.nombre()?, lat.nombre()?),
                _ => return None,
            };
            if lon.abs() > 180.0 || lat.abs() > 90.0 {
                return None;
            }
            let p = f.get("properties")?;
            Some(AdresseEnLigne {
                label: p.get("label")?.texte()?.chars().take(200).collect(),
                lon,
                lat,
                nature: texte(p, "type"),
                code_insee: texte(p, "citycode"),
                score: p.get("score").and_then(Json::nombre).unwrap_or(0.0),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_geocodejson() {
        let json = r#"{"type":"FeatureCollection","version":"draft","features":[
          {"type":"Feature","geometry":{"type":"Point","coordinates":[5.0612,47.3354]},
           "properties":{"label":"12 Rue des Tanneries 21000 Dijon","score":0.97,"type":"housenumber","citycode":"21231"}},
          {"type":"Feature","geometry":{"type":"Point","coordinates":[999,47]},"properties":{"label":"x"}},
          {"type":"Feature","geometry":{"type":"Point","coordinates":[5.06,47.33]},"properties":{"score":1}},
          {"type":"Feature","geometry":{"type":"Point","coordinates":["5",47]},"properties":{"label":"y"}}
        ],"query":"12 rue des tanneries"}"#;
        let r = lire_reponse(json).unwrap();
        assert_eq!(
            r.len(),
            1,
            "no point, no label, a point that is not numbers: dropped"
        );
        assert_eq!((r[0].lon, r[0].lat, r[0].score), (5.0612, 47.3354, 0.97));
        assert_eq!(r[0].label, "12 Rue des Tanneries 21000 Dijon");
        assert_eq!(r[0].precision_m(), 10.0);
        assert_eq!(r[0].code_insee, "21231");
        assert!(lire_reponse("<html>").is_err());
        assert!(lire_reponse(r#"{"features": 3}"#).is_err());
        assert_eq!(lire_reponse(r#"{"features": []}"#), Ok(vec![]));
    }

    #[test]
    fn the_request_carries_only_the_typed_text() {
        assert_eq!(
            url_requete(
                "https://data.geopf.fr/geocodage/search",
                " 12 rue d'Auxonne "
            ),
            "https://data.geopf.fr/geocodage/search?q=12%20rue%20d%27Auxonne&limit=5&index=address"
        );
    }
}
