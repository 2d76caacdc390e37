//! The national address service (IGN Géoplateforme geocoder), asked only when the user agrees:
//! building the request and reading its GeoCodeJSON answer. No network here — the app does the
//! fetch; this is the pure part, tested natively.

use serde::Deserialize;

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

#[derive(Deserialize)]
struct Collection {
    features: Vec<Entite>,
}

#[derive(Deserialize)]
struct Entite {
    geometry: Geometrie,
    properties: Proprietes,
}

#[derive(Deserialize)]
struct Geometrie {
    coordinates: Vec<f64>,
}

#[derive(Deserialize)]
struct Proprietes {
    label: String,
    #[serde(default, rename = "type")]
    nature: String,
    #[serde(default)]
    citycode: String,
    #[serde(default)]
    score: f64,
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

/// Reads a GeoCodeJSON answer. Features without a valid point are dropped.
pub fn lire_reponse(json: &str) -> Result<Vec<AdresseEnLigne>, String> {
    let c: Collection = serde_json::from_str(json).map_err(|e| e.to_string())?;
    Ok(c.features
        .into_iter()
        .filter_map(|f| {
            let (lon, lat) = match f.geometry.coordinates.as_slice() {
                [lon, lat, ..]
                    if lon.is_finite()
                        && lat.is_finite()
                        && lon.abs() <= 180.0
                        && lat.abs() <= 90.0 =>
                {
                    (*lon, *lat)
                }
                _ => return None,
            };
            Some(AdresseEnLigne {
                label: f.properties.label.chars().take(200).collect(),
                lon,
                lat,
                nature: f.properties.nature,
                code_insee: f.properties.citycode,
                score: f.properties.score,
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
          {"type":"Feature","geometry":{"type":"Point","coordinates":[999,47]},"properties":{"label":"x"}}
        ],"query":"12 rue des tanneries"}"#;
        let r = lire_reponse(json).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].label, "12 Rue des Tanneries 21000 Dijon");
        assert_eq!(r[0].precision_m(), 10.0);
        assert_eq!(r[0].code_insee, "21231");
        assert!(lire_reponse("<html>").is_err());
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
