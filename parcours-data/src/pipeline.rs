//! From official files to versioned assets and their manifest.

use crate::lecture::{self, erreur, Erreur};
use crate::voies;
use parcours_core::asset::{
    self, fichier_textes, AssetManifeste, Carte, Ecart, Manifeste, Nature, Payload,
    SourceManifeste, FORMAT_VERSION,
};
use parcours_core::lien::Langue;
use parcours_core::programme::Programme;
use parcours_core::recherche::IndexAdresses;
use parcours_core::textes::Textes;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// One dataset of `config/sources.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct Source {
    pub nom: String,
    #[serde(default)]
    pub fichier: String,
    pub millesime: String,
    pub licence: String,
    pub attribution: String,
    #[serde(default)]
    pub precision_m: Option<f64>,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub telechargement: String,
}

/// The list of a commune's streets by name (FANTOIR layout), without positions.
#[derive(Debug, Clone, Deserialize)]
pub struct SourceVoies {
    #[serde(flatten)]
    pub source: Source,
    /// The commune the list names (INSEE code, one of the programme's communes): its postcode
    /// and name are those of its rows in the address file.
    pub code_insee: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Sources {
    pub iris: Source,
    /// The address file `build` reads by default (or `--adresses FILE`).
    pub adresses: Source,
    /// The official Base Adresse Nationale file: what `download` fetches and `build --ban FILE`
    /// reads in place of `[adresses]` (optional).
    #[serde(default)]
    pub ban: Option<Source>,
    pub qpv: Source,
    /// Schools offered in the referral form (optional).
    #[serde(default)]
    pub ecoles: Option<Source>,
    /// Every street of a commune by name (optional): those without a position in the address
    /// file are added to the index with no number.
    #[serde(default)]
    pub voies: Option<SourceVoies>,
}

impl Sources {
    pub fn lire(fichier: &Path) -> Result<Sources, Erreur> {
        let t = std::fs::read_to_string(fichier).map_err(|e| erreur(fichier, "", e.to_string()))?;
        toml::from_str(&t).map_err(|e| erreur(fichier, "", e.to_string()))
    }
}

pub fn lire_programme(fichier: &Path) -> Result<Programme, Erreur> {
    let t = std::fs::read_to_string(fichier).map_err(|e| erreur(fichier, "", e.to_string()))?;
    toml::from_str(&t).map_err(|e| erreur(fichier, "", e.to_string()))
}

/// A language's catalogue of messages (`config/textes/<code>.toml`: `name = "text"` lines).
pub fn lire_textes(dossier: &Path, langue: Langue) -> Result<Textes, Erreur> {
    let fichier = dossier.join(format!("{}.toml", langue.code()));
    let t = std::fs::read_to_string(&fichier).map_err(|e| erreur(&fichier, "", e.to_string()))?;
    let table: toml::Table = toml::from_str(&t).map_err(|e| erreur(&fichier, "", e.to_string()))?;
    let mut paires = Vec::new();
    for (nom, valeur) in table {
        match valeur {
            toml::Value::String(texte) => paires.push((nom, texte)),
            // A message that depends on a count: one text per plural form (`one`, `other`…).
            toml::Value::Table(formes) => {
                for (forme, v) in formes {
                    match v {
                        toml::Value::String(texte) => {
                            paires.push((format!("{nom}.{forme}"), texte))
                        }
                        _ => {
                            return Err(erreur(&fichier, &nom, "each plural form must be a string"))
                        }
                    }
                }
            }
            _ => return Err(erreur(&fichier, &nom, "the text must be a string")),
        }
    }
    Textes::compiler(langue, &paires).map_err(|e| {
        let l: Vec<String> = e.iter().map(|x| x.to_string()).collect();
        erreur(&fichier, "", l.join("; "))
    })
}

/// What `build` reads.
#[derive(Debug, Clone)]
pub struct Entrees {
    pub donnees: PathBuf,
    pub sources: Sources,
    pub programme: PathBuf,
    /// The folder of the catalogues of messages, one per language.
    pub textes: PathBuf,
    /// Overrides of the files named in the sources.
    pub iris: Option<PathBuf>,
    pub adresses: Option<PathBuf>,
    /// The official BAN file, described by `[ban]` (instead of the address file).
    pub ban: Option<PathBuf>,
    pub qpv: Option<PathBuf>,
    pub ecoles: Option<PathBuf>,
    /// The street list, described by `[voies]`.
    pub voies: Option<PathBuf>,
}

impl Entrees {
    fn chemin(&self, donne: &Option<PathBuf>, source: &Source) -> Option<PathBuf> {
        donne
            .clone()
            .or_else(|| (!source.fichier.is_empty()).then(|| self.donnees.join(&source.fichier)))
    }
}

pub struct Construction {
    pub fichiers: Vec<(String, Vec<u8>)>,
    pub manifeste: Manifeste,
    /// What `build` says beyond the manifest (how the street list met the address file).
    pub notes: Vec<String>,
}

fn sha256_hex(octets: &[u8]) -> String {
    Sha256::digest(octets)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn source_manifeste(s: &Source, fichier: &Path, lus: usize, retenus: usize) -> SourceManifeste {
    SourceManifeste {
        ecartes: Vec::new(),
        nom: s.nom.clone(),
        fichier: fichier
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default(),
        millesime: s.millesime.clone(),
        licence: s.licence.clone(),
        attribution: s.attribution.clone(),
        lus,
        retenus,
    }
}

fn asset_manifeste<T: Payload>(
    valeur: &T,
    sources: Vec<SourceManifeste>,
) -> (String, Vec<u8>, AssetManifeste) {
    asset_nomme(T::NATURE.nom_fichier().to_string(), valeur, sources)
}

fn asset_nomme<T: Payload>(
    nom: String,
    valeur: &T,
    sources: Vec<SourceManifeste>,
) -> (String, Vec<u8>, AssetManifeste) {
    let octets = asset::encoder(valeur);
    let m = AssetManifeste {
        fichier: nom.clone(),
        nature: format!("{:?}", T::NATURE).to_lowercase(),
        format_version: FORMAT_VERSION,
        taille: octets.len(),
        sha256: sha256_hex(&octets),
        sources,
    };
    (nom, octets, m)
}

/// Reads the street list and adds to `voies` the streets the address file does not have, with
/// no number, under the commune's postcode and name as the address file gives them.
fn ajouter_voies(
    src: &SourceVoies,
    fichier: &Path,
    f_adr: &Path,
    programme: &Programme,
    voies: &mut lecture::Voies,
) -> Result<(SourceManifeste, String), Erreur> {
    let insee = src.code_insee.trim();
    if !programme.communes.iter().any(|c| c == insee) {
        return Err(erreur(
            Path::new("config/sources.toml"),
            "[voies]",
            format!(
                "code_insee {insee:?} is not one of the programme's communes {:?}",
                programme.communes
            ),
        ));
    }
    let lignes = lecture::lire_voies(fichier)?;
    // The commune's postcode and name: those of most of its addresses.
    let mut communes: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
    for ((_, cp, i, nom), numeros) in voies.iter() {
        if i == insee {
            *communes.entry((cp, nom)).or_insert(0) += numeros.len();
        }
    }
    let (code_postal, nom_commune) = communes
        .iter()
        .max_by_key(|(cle, n)| (**n, std::cmp::Reverse(**cle)))
        .map(|((cp, nom), _)| (cp.to_string(), nom.to_string()))
        .ok_or_else(|| {
            erreur(
                f_adr,
                "",
                format!(
                    "no address of the commune {insee}: the streets of {} need its postcode and name",
                    fichier.display()
                ),
            )
        })?;
    let noms: Vec<String> = voies
        .keys()
        .filter(|(_, _, i, _)| i == insee)
        .map(|(nom, ..)| nom.clone())
        .collect();
    let fusion = voies::fusionner(&lignes, &noms);
    for nom in &fusion.ajoutees {
        voies
            .entry((
                nom.clone(),
                code_postal.clone(),
                insee.to_string(),
                nom_commune.clone(),
            ))
            .or_default();
    }
    let mut m = source_manifeste(&src.source, fichier, lignes.len(), fusion.ajoutees.len());
    m.ecartes = fusion
        .ecartees
        .iter()
        .map(|(motif, &nombre)| Ecart {
            motif: motif.libelle().to_string(),
            nombre,
        })
        .collect();
    let note = format!(
        "{}: {} of the {} streets of {} are in the list; {} streets added without a position",
        m.fichier,
        fusion.adresses_reconnues,
        noms.len(),
        f_adr
            .file_name()
            .map(|f| f.to_string_lossy())
            .unwrap_or_default(),
        fusion.ajoutees.len()
    );
    Ok((m, note))
}

/// Reads everything and builds the assets in memory: nothing is written if anything fails.
pub fn construire(e: &Entrees) -> Result<Construction, Erreur> {
    let programme = lire_programme(&e.programme)?;
    let textes = Langue::TOUTES
        .into_iter()
        .map(|l| lire_textes(&e.textes, l))
        .collect::<Result<Vec<_>, _>>()?;
    let s = &e.sources;

    let f_iris = e.chemin(&e.iris, &s.iris).ok_or_else(|| {
        erreur(
            Path::new("config/sources.toml"),
            "[iris]",
            "no IRIS file given",
        )
    })?;
    let (iris, lus_iris) = lecture::lire_iris(&f_iris, &programme.communes)?;
    if iris.is_empty() {
        return Err(erreur(
            &f_iris,
            "",
            format!("no IRIS of the communes {:?}", programme.communes),
        ));
    }
    let codes: Vec<&str> = iris.iter().map(|i| i.code.as_str()).collect();
    if let Err(erreurs) = programme.valider(&codes) {
        let liste: Vec<String> = erreurs.iter().map(|x| x.to_string()).collect();
        return Err(erreur(&e.programme, "", liste.join("; ")));
    }

    let qpv_fichier = e.chemin(&e.qpv, &s.qpv);
    let qpv = match &qpv_fichier {
        Some(f) => lecture::lire_qpv(f)?,
        None => Vec::new(),
    };

    let (src_adr, f_adr) = match (&e.ban, &s.ban) {
        (Some(f), Some(ban)) => (ban, f.clone()),
        (Some(_), None) => {
            return Err(erreur(
                Path::new("config/sources.toml"),
                "[ban]",
                "a BAN file is given but no [ban] section describes it",
            ))
        }
        (None, _) => (
            &s.adresses,
            e.chemin(&e.adresses, &s.adresses).ok_or_else(|| {
                erreur(
                    Path::new("config/sources.toml"),
                    "[adresses]",
                    "no address file given",
                )
            })?,
        ),
    };
    let (mut voies, lignes) = lecture::lire_ban(&f_adr, &programme.communes)?;
    let lus_adresses = lignes;
    let mut sources_adresses = Vec::new();
    let mut notes = Vec::new();
    if e.voies.is_some() && s.voies.is_none() {
        return Err(erreur(
            Path::new("config/sources.toml"),
            "[voies]",
            "a street list is given but no [voies] section describes it",
        ));
    }
    let source_voies = match s
        .voies
        .as_ref()
        .and_then(|src| Some((src, e.chemin(&e.voies, &src.source)?)))
    {
        Some((src, f)) => {
            let (m, note) = ajouter_voies(src, &f, &f_adr, &programme, &mut voies)?;
            notes.push(note);
            Some(m)
        }
        None => None,
    };
    let index = IndexAdresses::construire(
        voies
            .into_iter()
            .map(|((nom, cp, insee, commune), numeros)| (nom, cp, insee, commune, numeros))
            .collect(),
    );
    let retenues = index.nombre_adresses();
    sources_adresses.push(source_manifeste(src_adr, &f_adr, lus_adresses, retenues));
    sources_adresses.extend(source_voies);

    let (ecoles, source_ecoles) = match s
        .ecoles
        .as_ref()
        .and_then(|src| Some((src, e.chemin(&e.ecoles, src)?)))
    {
        Some((src, f)) => {
            let (ecoles, lus) = lecture::lire_ecoles(&f)?;
            let m = source_manifeste(src, &f, lus, ecoles.len());
            (ecoles, Some(m))
        }
        None => (Vec::new(), None),
    };
    let nb_iris = iris.len();
    let nb_qpv = qpv.len();
    let carte = Carte {
        millesime: s.iris.millesime.clone(),
        precision_m: s.iris.precision_m.unwrap_or(0.0),
        iris,
        qpv,
        ecoles,
    };
    let mut sources_carte = vec![source_manifeste(&s.iris, &f_iris, lus_iris, nb_iris)];
    if let Some(f) = &qpv_fichier {
        sources_carte.push(source_manifeste(&s.qpv, f, nb_qpv, nb_qpv));
    }
    sources_carte.extend(source_ecoles);
    let mut fichiers = Vec::new();
    let mut assets = Vec::new();
    for (nom, octets, m) in [
        asset_manifeste(&carte, sources_carte),
        asset_manifeste(&index, sources_adresses),
        asset_manifeste(
            &programme,
            vec![SourceManifeste {
                nom: programme.nom.clone(),
                fichier: e
                    .programme
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                millesime: programme.periode.debut.annee.to_string(),
                licence: String::new(),
                attribution: programme.source.clone(),
                lus: 1,
                retenus: 1,
                ecartes: Vec::new(),
            }],
        ),
    ]
    .into_iter()
    .chain(textes.iter().map(|t| {
        let source = format!("{}.toml", t.langue().code());
        asset_nomme(
            fichier_textes(t.langue()),
            t,
            vec![SourceManifeste {
                nom: format!("Messages ({})", t.langue().code()),
                fichier: source,
                millesime: String::new(),
                licence: String::new(),
                attribution: String::new(),
                lus: parcours_core::textes::MESSAGES.len(),
                retenus: parcours_core::textes::MESSAGES.len(),
                ecartes: Vec::new(),
            }],
        )
    })) {
        fichiers.push((nom, octets));
        assets.push(m);
    }
    Ok(Construction {
        notes,
        fichiers,
        manifeste: Manifeste {
            format_version: FORMAT_VERSION,
            precision_iris_m: carte.precision_m,
            assets,
        },
    })
}

/// Writes the assets and the manifest: each to a temporary file, then renamed, so a reader
/// never sees a half-written file.
pub fn ecrire(c: &Construction, sortie: &Path) -> Result<(), Erreur> {
    std::fs::create_dir_all(sortie).map_err(|x| erreur(sortie, "", x.to_string()))?;
    let mut tout: Vec<(String, Vec<u8>)> = c.fichiers.clone();
    let mut manifeste = serde_json::to_vec_pretty(&c.manifeste).expect("manifest serialises");
    manifeste.push(b'\n');
    tout.push(("manifest.json".into(), manifeste));
    let mut temporaires = Vec::new();
    for (nom, octets) in &tout {
        let tmp = sortie.join(format!(".{nom}.tmp"));
        std::fs::write(&tmp, octets).map_err(|x| {
            for t in &temporaires {
                let _ = std::fs::remove_file(t);
            }
            erreur(&tmp, "", x.to_string())
        })?;
        temporaires.push(tmp);
    }
    for ((nom, _), tmp) in tout.iter().zip(&temporaires) {
        std::fs::rename(tmp, sortie.join(nom)).map_err(|x| erreur(tmp, "", x.to_string()))?;
    }
    Ok(())
}

/// Reads assets from a folder through the core (checksums and versions checked).
pub fn charger(dossier: &Path) -> Result<parcours_core::Donnees, Erreur> {
    fn un<T: Payload>(dossier: &Path) -> Result<T, Erreur> {
        let f = dossier.join(T::NATURE.nom_fichier());
        let octets = std::fs::read(&f).map_err(|e| {
            erreur(
                &f,
                "",
                format!("cannot read ({e}); run `parcours-data build` first"),
            )
        })?;
        asset::decoder::<T>(&octets).map_err(|e| erreur(&f, "", e.to_string()))
    }
    Ok(parcours_core::Donnees {
        carte: un::<Carte>(dossier)?,
        adresses: un::<IndexAdresses>(dossier)?,
        programme: un::<Programme>(dossier)?,
    })
}

/// Re-reads the assets and checks them against the manifest and each other.
pub fn verifier(dossier: &Path) -> Result<Vec<String>, Erreur> {
    let fm = dossier.join("manifest.json");
    let texte = std::fs::read(&fm).map_err(|e| erreur(&fm, "", e.to_string()))?;
    let manifeste: Manifeste =
        serde_json::from_slice(&texte).map_err(|e| erreur(&fm, "", e.to_string()))?;
    let mut rapport = Vec::new();
    for a in &manifeste.assets {
        let f = dossier.join(&a.fichier);
        let octets = std::fs::read(&f).map_err(|e| erreur(&f, "", e.to_string()))?;
        if octets.len() != a.taille || sha256_hex(&octets) != a.sha256 {
            return Err(erreur(&f, "", "size or sha256 differs from manifest.json"));
        }
    }
    let d = charger(dossier)?;
    let nb = |n: Nature| {
        manifeste
            .assets
            .iter()
            .find(|a| a.fichier == n.nom_fichier())
            .and_then(|a| a.sources.first())
            .map(|s| s.retenus)
    };
    if nb(Nature::Carte) != Some(d.carte.iris.len()) {
        return Err(erreur(&fm, "carte", "IRIS count differs from the asset"));
    }
    if nb(Nature::Adresses) != Some(d.adresses.nombre_adresses()) {
        return Err(erreur(
            &fm,
            "adresses",
            "address count differs from the asset",
        ));
    }
    // The street list's source (second of adresses.bin, when given) kept as many streets as
    // the asset has streets without a number.
    let sans_position = d
        .adresses
        .voies
        .iter()
        .filter(|v| v.numeros.is_empty())
        .count();
    let ajoutees = manifeste
        .assets
        .iter()
        .find(|a| a.fichier == Nature::Adresses.nom_fichier())
        .and_then(|a| a.sources.get(1))
        .map_or(0, |s| s.retenus);
    if ajoutees != sans_position {
        return Err(erreur(
            &fm,
            "adresses",
            format!(
                "{ajoutees} streets added from the street list, {sans_position} streets without a number in the asset"
            ),
        ));
    }
    let codes: Vec<&str> = d.carte.iris.iter().map(|i| i.code.as_str()).collect();
    if let Err(e) = d.programme.valider(&codes) {
        let l: Vec<String> = e.iter().map(|x| x.to_string()).collect();
        return Err(erreur(&dossier.join("programme.bin"), "", l.join("; ")));
    }
    for l in Langue::TOUTES {
        let f = dossier.join(fichier_textes(l));
        let octets = std::fs::read(&f).map_err(|e| erreur(&f, "", e.to_string()))?;
        let t = asset::decoder::<Textes>(&octets).map_err(|e| erreur(&f, "", e.to_string()))?;
        if t.langue() != l {
            return Err(erreur(&f, "", "holds the messages of another language"));
        }
    }
    for v in &d.adresses.voies {
        if v.jetons
            .iter()
            .any(|&t| t as usize >= d.adresses.vocabulaire.len())
        {
            return Err(erreur(
                &dossier.join("adresses.bin"),
                &v.nom,
                "token outside the vocabulary",
            ));
        }
    }
    rapport.push(format!(
        "carte.bin: {} IRIS, {} QPV, contours {}",
        d.carte.iris.len(),
        d.carte.qpv.len(),
        d.carte.millesime
    ));
    rapport.push(format!(
        "adresses.bin: {} addresses in {} voies ({} without a position), {} tokens",
        d.adresses.nombre_adresses(),
        d.adresses.voies.len(),
        sans_position,
        d.adresses.vocabulaire.len()
    ));
    let n_iris: usize = d
        .programme
        .territoires
        .iter()
        .flat_map(|t| &t.quartiers)
        .map(|q| q.iris.len())
        .sum();
    rapport.push(format!(
        "programme.bin: {} territories, {} covered IRIS, {} priority zones",
        d.programme.territoires.len(),
        n_iris,
        d.programme.zones_prioritaires.len()
    ));
    Ok(rapport)
}
