//! Reading the official formats, unchanged: IRIS contours (GeoJSON), Base Adresse Nationale
//! (CSV, plain or gzip), QPV polygons (GeoJSON), the programme (TOML). Every error names the
//! file, the row or feature, and the problem.

use parcours_core::geometrie::{Anneau, Iris, Polygone, Qpv};
use parcours_core::recherche::Numero;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct Erreur {
    pub fichier: PathBuf,
    pub ou: String,
    pub probleme: String,
}

impl fmt::Display for Erreur {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ou.is_empty() {
            write!(f, "{}: {}", self.fichier.display(), self.probleme)
        } else {
            write!(
                f,
                "{}: {}: {}",
                self.fichier.display(),
                self.ou,
                self.probleme
            )
        }
    }
}

impl std::error::Error for Erreur {}

pub fn erreur(fichier: &Path, ou: impl Into<String>, probleme: impl Into<String>) -> Erreur {
    Erreur {
        fichier: fichier.to_path_buf(),
        ou: ou.into(),
        probleme: probleme.into(),
    }
}

/// Reads a file, decompressing gzip when it starts with the gzip magic bytes.
pub fn lire_octets(fichier: &Path) -> Result<Vec<u8>, Erreur> {
    let brut =
        std::fs::read(fichier).map_err(|e| erreur(fichier, "", format!("cannot read: {e}")))?;
    if brut.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&brut[..])
            .read_to_end(&mut out)
            .map_err(|e| erreur(fichier, "", format!("gzip: {e}")))?;
        Ok(out)
    } else {
        Ok(brut)
    }
}

fn lire_json(fichier: &Path) -> Result<Value, Erreur> {
    let octets = lire_octets(fichier)?;
    serde_json::from_slice(&octets).map_err(|e| erreur(fichier, "", format!("not valid JSON: {e}")))
}

/// A property read case-insensitively (official files say `CODE_IRIS`, WFS exports `code_iris`).
fn propriete<'a>(props: &'a Value, noms: &[&str]) -> Option<&'a Value> {
    let obj = props.as_object()?;
    noms.iter().find_map(|n| {
        obj.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(n))
            .map(|(_, v)| v)
    })
}

fn texte(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Features of a FeatureCollection, with their index.
fn entites<'a>(fichier: &Path, doc: &'a Value) -> Result<&'a Vec<Value>, Erreur> {
    if doc.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(erreur(fichier, "", "not a GeoJSON FeatureCollection"));
    }
    doc.get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| erreur(fichier, "", "FeatureCollection without a features array"))
}

fn lire_anneau(fichier: &Path, ou: &str, v: &Value) -> Result<Anneau, Erreur> {
    let points = v
        .as_array()
        .ok_or_else(|| erreur(fichier, ou, "a ring is not an array of positions"))?;
    let mut out = Vec::with_capacity(points.len());
    for (k, p) in points.iter().enumerate() {
        let xy = p.as_array().filter(|a| a.len() >= 2);
        let (lon, lat) = match xy.map(|a| (a[0].as_f64(), a[1].as_f64())) {
            Some((Some(lon), Some(lat))) => (lon, lat),
            _ => {
                return Err(erreur(
                    fichier,
                    ou,
                    format!("position {k} is not [lon, lat]"),
                ))
            }
        };
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            return Err(erreur(
                fichier,
                ou,
                format!(
                    "position {k} ({lon}, {lat}) is not longitude/latitude: reproject the file to WGS84 (EPSG:4326), e.g. from Lambert-93"
                ),
            ));
        }
        out.push([(lon * 1e6).round() as i32, (lat * 1e6).round() as i32]);
    }
    if out.len() < 4 {
        return Err(erreur(
            fichier,
            ou,
            format!("a ring has {} positions, at least 4 are needed", out.len()),
        ));
    }
    if out.first() != out.last() {
        return Err(erreur(
            fichier,
            ou,
            "a ring is not closed (its first and last positions differ)",
        ));
    }
    Ok(Anneau(out))
}

fn lire_geometrie(fichier: &Path, ou: &str, g: &Value) -> Result<Vec<Polygone>, Erreur> {
    let coords = g.get("coordinates");
    let polygone = |v: &Value| -> Result<Polygone, Erreur> {
        v.as_array()
            .filter(|a| !a.is_empty())
            .ok_or_else(|| erreur(fichier, ou, "a polygon has no ring"))?
            .iter()
            .map(|a| lire_anneau(fichier, ou, a))
            .collect()
    };
    match (g.get("type").and_then(Value::as_str), coords) {
        (Some("Polygon"), Some(c)) => Ok(vec![polygone(c)?]),
        (Some("MultiPolygon"), Some(Value::Array(ps))) => ps.iter().map(polygone).collect(),
        (Some(t), _) => Err(erreur(
            fichier,
            ou,
            format!("geometry {t} where a Polygon or MultiPolygon is expected"),
        )),
        (None, _) => Err(erreur(fichier, ou, "feature without geometry")),
    }
}

/// IRIS contours of the given communes (official CONTOURS-IRIS fields).
pub fn lire_iris(fichier: &Path, communes: &[String]) -> Result<(Vec<Iris>, usize), Erreur> {
    let doc = lire_json(fichier)?;
    let features = entites(fichier, &doc)?;
    let mut out: Vec<Iris> = Vec::new();
    for (i, f) in features.iter().enumerate() {
        let props = f.get("properties").unwrap_or(&Value::Null);
        let code = texte(propriete(props, &["CODE_IRIS"]));
        let ou = format!(
            "feature {i}{}",
            code.as_ref()
                .map(|c| format!(" (CODE_IRIS {c})"))
                .unwrap_or_default()
        );
        let code = code.ok_or_else(|| erreur(fichier, &ou, "missing property CODE_IRIS"))?;
        if code.len() != 9 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(erreur(
                fichier,
                &ou,
                format!("CODE_IRIS {code:?} is not 9 characters"),
            ));
        }
        let insee = texte(propriete(props, &["INSEE_COM", "code_insee"]))
            .unwrap_or_else(|| code[..5].to_string());
        if !communes.contains(&insee) {
            continue;
        }
        let nom = texte(propriete(props, &["NOM_IRIS"]))
            .ok_or_else(|| erreur(fichier, &ou, "missing property NOM_IRIS"))?;
        let typ = texte(propriete(props, &["TYP_IRIS"])).unwrap_or_default();
        let g = f.get("geometry").unwrap_or(&Value::Null);
        let polygones = lire_geometrie(fichier, &ou, g)?;
        if out.iter().any(|x| x.code == code) {
            return Err(erreur(fichier, &ou, format!("IRIS {code} appears twice")));
        }
        out.push(Iris {
            code,
            nom,
            insee_com: insee,
            typ,
            polygones,
        });
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    let n = features.len();
    Ok((out, n))
}

/// QPV polygons (ANCT GeoJSON, WGS84).
pub fn lire_qpv(fichier: &Path) -> Result<Vec<Qpv>, Erreur> {
    let doc = lire_json(fichier)?;
    let mut out = Vec::new();
    for (i, f) in entites(fichier, &doc)?.iter().enumerate() {
        let props = f.get("properties").unwrap_or(&Value::Null);
        let ou = format!("feature {i}");
        let code = texte(propriete(props, &["code_qp", "CODE_QP"]))
            .ok_or_else(|| erreur(fichier, &ou, "missing property code_qp"))?;
        let nom = texte(propriete(props, &["lib_qp", "nom_qp"]))
            .ok_or_else(|| erreur(fichier, &ou, "missing property lib_qp (or nom_qp)"))?;
        let polygones = lire_geometrie(fichier, &ou, f.get("geometry").unwrap_or(&Value::Null))?;
        out.push(Qpv {
            code,
            nom,
            polygones,
        });
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(out)
}

/// (voie name, postcode, INSEE code, commune name) → numbers.
pub type Voies = BTreeMap<(String, String, String, String), Vec<Numero>>;

const COLONNES_BAN: [&str; 8] = [
    "numero",
    "rep",
    "nom_voie",
    "code_postal",
    "code_insee",
    "nom_commune",
    "lon",
    "lat",
];

/// Addresses of the given communes from a BAN CSV (`;`, UTF-8, official header).
/// Returns the voies and the number of rows kept.
pub fn lire_ban(fichier: &Path, communes: &[String]) -> Result<(Voies, usize), Erreur> {
    let octets = lire_octets(fichier)?;
    let octets = octets.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&octets);
    let mut lecteur = csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(false)
        .from_reader(octets);
    let entete = lecteur
        .byte_headers()
        .map_err(|e| erreur(fichier, "header", e.to_string()))?
        .clone();
    let entete: Vec<String> = entete
        .iter()
        .map(|c| String::from_utf8_lossy(c).trim().to_string())
        .collect();
    if entete.len() < 2 {
        return Err(erreur(
            fichier,
            "header",
            "not a ';'-separated BAN file (one column only)",
        ));
    }
    let mut idx = [0usize; 8];
    for (k, c) in COLONNES_BAN.iter().enumerate() {
        idx[k] = entete
            .iter()
            .position(|h| h == c)
            .ok_or_else(|| erreur(fichier, "header", format!("missing column {c:?}")))?;
    }
    let mut voies = Voies::new();
    let mut lignes = 0;
    let mut rec = csv::ByteRecord::new();
    let mut ligne = 1usize;
    loop {
        ligne += 1;
        match lecteur.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(erreur(fichier, format!("row {ligne}"), e.to_string())),
        }
        let ou = format!("row {ligne}");
        let mut champs: [&str; 8] = [""; 8];
        for (k, &i) in idx.iter().enumerate() {
            let brut = rec.get(i).unwrap_or(b"");
            champs[k] = std::str::from_utf8(brut).map_err(|_| {
                erreur(
                    fichier,
                    &ou,
                    format!(
                        "column {} is not UTF-8 (a Windows-1252 file?): save it as UTF-8, as the official BAN files are",
                        COLONNES_BAN[k]
                    ),
                )
            })?;
        }
        let [numero, rep, nom_voie, code_postal, code_insee, nom_commune, lon, lat] = champs;
        if !communes.iter().any(|c| c == code_insee) {
            continue;
        }
        let numero: u32 = numero
            .trim()
            .parse()
            .map_err(|_| erreur(fichier, &ou, format!("numero {numero:?} is not a number")))?;
        let coord = |s: &str, nom: &str, max: f64| -> Result<i32, Erreur> {
            match s.trim().parse::<f64>() {
                Ok(v) if v.is_finite() && v.abs() <= max => Ok((v * 1e6).round() as i32),
                _ => Err(erreur(
                    fichier,
                    &ou,
                    format!("{nom} {s:?} is not a coordinate"),
                )),
            }
        };
        let position = [coord(lon, "lon", 180.0)?, coord(lat, "lat", 90.0)?];
        if nom_voie.trim().is_empty() {
            return Err(erreur(fichier, &ou, "nom_voie is empty"));
        }
        voies
            .entry((
                nom_voie.trim().to_string(),
                code_postal.trim().to_string(),
                code_insee.to_string(),
                nom_commune.trim().to_string(),
            ))
            .or_default()
            .push(Numero {
                numero,
                rep: rep.trim().to_lowercase(),
                position,
            });
        lignes += 1;
    }
    Ok((voies, lignes))
}

/// Schools from a GeoJSON of education facilities (Dijon Métropole layout: `nom`, `nature`,
/// `commune`): écoles, groupes scolaires and collèges, sorted and distinct.
pub fn lire_ecoles(fichier: &Path) -> Result<(Vec<parcours_core::asset::Ecole>, usize), Erreur> {
    let doc = lire_json(fichier)?;
    let features = entites(fichier, &doc)?;
    let mut out = Vec::new();
    for (i, f) in features.iter().enumerate() {
        let props = f.get("properties").unwrap_or(&Value::Null);
        let nom = texte(propriete(props, &["nom", "appellation_officielle"]))
            .ok_or_else(|| erreur(fichier, format!("feature {i}"), "missing property nom"))?;
        let nature = texte(propriete(props, &["nature"])).unwrap_or_default();
        let n = parcours_core::normalisation::plier(&nature);
        if !(n.contains("ecole") || n.contains("groupe scolaire") || n.contains("college")) {
            continue;
        }
        out.push(parcours_core::asset::Ecole {
            nom: nom.trim().to_string(),
            nature,
            commune: texte(propriete(props, &["commune", "libelle_commune"])).unwrap_or_default(),
        });
    }
    out.sort_by(|a, b| (&a.commune, &a.nom).cmp(&(&b.commune, &b.nom)));
    out.dedup();
    Ok((out, features.len()))
}

/// The list of a commune's streets (FANTOIR layout: `type_fantoir;libelle_fantoir`, `;`,
/// UTF-8, a header line). Rows in the file's order, fields trimmed.
pub fn lire_voies(fichier: &Path) -> Result<Vec<crate::voies::LigneVoie>, Erreur> {
    const COLONNES: [&str; 2] = ["type_fantoir", "libelle_fantoir"];
    let octets = lire_octets(fichier)?;
    let octets = octets.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&octets);
    let mut lecteur = csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(false)
        .from_reader(octets);
    let entete: Vec<String> = lecteur
        .byte_headers()
        .map_err(|e| erreur(fichier, "header", e.to_string()))?
        .iter()
        .map(|c| String::from_utf8_lossy(c).trim().to_string())
        .collect();
    let mut idx = [0usize; 2];
    for (k, c) in COLONNES.iter().enumerate() {
        idx[k] = entete
            .iter()
            .position(|h| h == c)
            .ok_or_else(|| erreur(fichier, "header", format!("missing column {c:?}")))?;
    }
    let mut out = Vec::new();
    let mut rec = csv::ByteRecord::new();
    let mut ligne = 1usize;
    loop {
        ligne += 1;
        match lecteur.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(erreur(fichier, format!("row {ligne}"), e.to_string())),
        }
        let mut champs = [String::new(), String::new()];
        for (k, &i) in idx.iter().enumerate() {
            champs[k] = std::str::from_utf8(rec.get(i).unwrap_or(b""))
                .map_err(|_| {
                    erreur(
                        fichier,
                        format!("row {ligne}"),
                        format!(
                            "column {} is not UTF-8: save the file as UTF-8",
                            COLONNES[k]
                        ),
                    )
                })?
                .trim()
                .to_string();
        }
        let [nature, libelle] = champs;
        if libelle.is_empty() {
            return Err(erreur(
                fichier,
                format!("row {ligne}"),
                "libelle_fantoir is empty",
            ));
        }
        out.push(crate::voies::LigneVoie { nature, libelle });
    }
    Ok(out)
}
