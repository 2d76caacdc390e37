//! `search` and `check`: JSON lines in, JSON lines out, in order.

use crate::pipeline;
use parcours_core::decision::{AgeDonne, Decision, Lieu, Reponse, Verificateur};
use parcours_core::programme::Date;
use parcours_core::recherche::{Moteur, Resultat};
use serde_json::{json, Value};
use std::io::{BufRead, BufWriter, Write};
use std::path::Path;
use std::time::Instant;

pub fn resultat_json(r: &Resultat) -> Value {
    json!({
        "numero": r.numero,
        "rep": r.rep,
        "nom_voie": r.nom_voie,
        "label": r.label,
        "lon": r.lon(),
        "lat": r.lat(),
        "precision": r.precision,
        "confiance": r.confiance,
        "mots": r.mots,
        "doutes": r.doutes,
    })
}

/// For a position inferred from known numbers (or a street alone): whether all those numbers
/// lie in the same IRIS.
fn voisins_meme_iris(r: &Resultat, v: &Verificateur) -> Option<bool> {
    use parcours_core::geometrie::Localisation;
    use parcours_core::recherche::Precision;
    if matches!(r.precision, Precision::Numero | Precision::NonLocalisee) {
        return None;
    }
    let mut codes: Vec<Option<usize>> = r
        .voisins
        .iter()
        .map(|p| {
            match v
                .localisateur()
                .localiser_lonlat(p[0] as f64 / 1e6, p[1] as f64 / 1e6, 0.0)
            {
                Localisation::Dedans { iris, .. } => Some(iris),
                Localisation::PresDUneLimite { proches, .. } => {
                    proches.first().filter(|p| p.dedans).map(|p| p.iris)
                }
                Localisation::Dehors { .. } => None,
            }
        })
        .collect();
    codes.dedup();
    Some(codes.len() <= 1)
}

pub fn rechercher(assets: &Path, max: usize) -> Result<(), Box<dyn std::error::Error>> {
    let d = pipeline::charger(assets)?;
    let moteur = Moteur::new(d.adresses);
    let v = Verificateur::nouveau(d.carte, d.programme);
    let mut out = BufWriter::new(std::io::stdout().lock());
    for ligne in std::io::stdin().lock().lines() {
        let q = ligne?;
        let t = Instant::now();
        let r = moteur.rechercher(&q, max);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let results: Vec<Value> = r
            .iter()
            .map(|x| {
                let mut j = resultat_json(x);
                if let Some(m) = voisins_meme_iris(x, &v) {
                    j["voisins_meme_iris"] = Value::Bool(m);
                }
                j
            })
            .collect();
        serde_json::to_writer(
            &mut out,
            &json!({"query": q, "results": results, "ms": (ms * 1e4).round() / 1e4}),
        )?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The tools that answer one `check` input.
pub struct Verification {
    pub moteur: Moteur,
    pub verificateur: Verificateur,
}

impl Verification {
    pub fn charger(assets: &Path) -> Result<Self, Box<dyn std::error::Error>> {
        let d = pipeline::charger(assets)?;
        Ok(Verification {
            moteur: Moteur::new(d.adresses),
            verificateur: Verificateur::nouveau(d.carte, d.programme),
        })
    }

    /// One input line → one output object. Bad input gives `{"erreur": …}`, never a stop.
    pub fn repondre(&self, ligne: &str) -> Value {
        let entree: Value = match serde_json::from_str(ligne) {
            Ok(v @ Value::Object(_)) => v,
            Ok(_) => return json!({"erreur": "each line must be a JSON object"}),
            Err(e) => return json!({"erreur": format!("not JSON: {e}")}),
        };
        let jour = match entree.get("date") {
            None | Some(Value::Null) => None,
            Some(v) => match v.as_str().and_then(Date::analyser) {
                Some(d) => Some(d),
                None => return json!({"erreur": "date must be YYYY-MM-DD"}),
            },
        };
        let age = match (entree.get("age"), entree.get("date_naissance")) {
            (Some(a), _) if !a.is_null() => match a.as_u64() {
                Some(a) if a < 200 => Some(AgeDonne::Annees(a as u32)),
                _ => return json!({"erreur": "age must be a whole number of years"}),
            },
            (_, Some(n)) if !n.is_null() => match n.as_str().and_then(Date::analyser) {
                Some(d) => Some(AgeDonne::Naissance(d)),
                None => return json!({"erreur": "date_naissance must be YYYY-MM-DD"}),
            },
            _ => None,
        };
        let v = &self.verificateur;
        let (decision, raisons, adresse) = if let Some(a) = entree.get("adresse") {
            let Some(texte) = a.as_str() else {
                return json!({"erreur": "adresse must be a string"});
            };
            let resultats = self.moteur.rechercher(texte, 5);
            let (d, rs) = v.decider_recherche(&resultats);
            (d, rs, resultats.first().map(resultat_json))
        } else {
            let lon = entree.get("lon").and_then(Value::as_f64);
            let lat = entree.get("lat").and_then(Value::as_f64);
            let precision_m = entree
                .get("precision_m")
                .and_then(Value::as_f64)
                .unwrap_or(0.0);
            match (lon, lat) {
                (Some(lon), Some(lat)) if precision_m >= 0.0 && precision_m.is_finite() => {
                    let (d, rs) = v.decider_lieu(&Lieu {
                        lon,
                        lat,
                        precision_m,
                    });
                    (d, rs, None)
                }
                _ => {
                    return json!({"erreur": "give \"adresse\", or \"lon\" and \"lat\" (and optionally \"precision_m\" ≥ 0)"})
                }
            }
        };
        let rep = v.repondre(decision, raisons, age, jour);
        reponse_json(&rep, adresse)
    }
}

pub fn reponse_json(rep: &Reponse, adresse: Option<Value>) -> Value {
    let d = &rep.decision;
    let zone = match d {
        Decision::ZonePrioritaire { zone, .. } => Some(zone.clone()),
        _ => None,
    };
    let iris = d.iris();
    json!({
        "decision": rep.code(),
        "equipe": d.equipe().map(|e| e.code()),
        "zone": zone,
        "iris": iris.map(|i| i.code.clone()),
        "iris_nom": iris.map(|i| i.nom.clone()),
        "raisons": rep.raisons.iter().map(|r| r.texte_fr()).collect::<Vec<_>>(),
        "adresse": adresse,
        "avis": rep.avis.iter().map(|a| a.texte_fr()).collect::<Vec<_>>(),
        "detail": d,
    })
}

pub fn verifier_entrees(assets: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let v = Verification::charger(assets)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for ligne in std::io::stdin().lock().lines() {
        let ligne = ligne?;
        if ligne.trim().is_empty() {
            continue;
        }
        serde_json::to_writer(&mut out, &v.repondre(&ligne))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
