//! The binary asset container.
//!
//! Layout (little-endian):
//! ```text
//! 0..4    magic  b"PRCS"
//! 4       kind   (1 = carte, 2 = adresses, 3 = programme, 4 = textes)
//! 5..7    format version (u16)
//! 7..11   payload length (u32)
//! 11..15  CRC-32 (IEEE) of the payload
//! 15..    payload ([`octets`], written by hand; the address index has its own compact
//!         format: [`adresses`])
//! ```
//! An asset only exists once its magic, kind, version, length and checksum are checked:
//! [`decoder`] is the only way in.

pub mod adresses;
pub mod octets;

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::geometrie::Iris;
use crate::json::Json;
use crate::programme::Programme;
use crate::recherche::IndexAdresses;

pub const MAGIC: [u8; 4] = *b"PRCS";
/// Bumped whenever the payload of any asset changes shape (or the normalisation that
/// built the address index changes). 4: the payloads in [`octets`] (no more postcard), a
/// ring's points as differences, a date as numbers.
pub const FORMAT_VERSION: u16 = 4;
const HEADER_LEN: usize = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[repr(u8)]
pub enum Nature {
    Carte = 1,
    Adresses = 2,
    Programme = 3,
    /// One per language: see [`fichier_textes`].
    Textes = 4,
}

impl Nature {
    pub fn nom_fichier(self) -> &'static str {
        match self {
            Nature::Carte => "carte.bin",
            Nature::Adresses => "adresses.bin",
            Nature::Programme => "programme.bin",
            Nature::Textes => "textes.bin",
        }
    }
}

/// The file of a language's messages.
pub fn fichier_textes(l: crate::lien::Langue) -> String {
    format!("textes-{}.bin", l.code())
}

/// A typed payload that knows which asset kind it is.
pub trait Payload: Sized {
    const NATURE: Nature;

    /// What the payload must satisfy beyond decoding; [`decoder`] refuses it otherwise.
    fn valider(&self) -> Result<(), String> {
        Ok(())
    }

    /// The payload's bytes.
    fn en_octets(&self) -> Vec<u8>;

    /// Reads a whole payload (every byte used). Never panics.
    fn depuis_octets(octets: &[u8]) -> Result<Self, AssetError>;
}

impl From<octets::Defaut> for AssetError {
    fn from(d: octets::Defaut) -> AssetError {
        AssetError::Decodage(d)
    }
}

/// The geography: the IRIS of the configured communes, and QPV polygons when a file was given.
#[derive(Debug, Clone, PartialEq)]
pub struct Carte {
    /// The vintage of the IRIS contours, e.g. "2020".
    pub millesime: String,
    /// Stated positional precision of the contours, in metres.
    pub precision_m: f64,
    pub iris: Vec<Iris>,
    pub qpv: Vec<crate::geometrie::Qpv>,
    /// Schools offered in the referral form, when a schools file is configured (else free text).
    pub ecoles: Vec<Ecole>,
}

/// A school, as the referral form offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ecole {
    pub nom: String,
    pub nature: String,
    pub commune: String,
}

impl Payload for Carte {
    const NATURE: Nature = Nature::Carte;

    fn en_octets(&self) -> Vec<u8> {
        octets::en_octets(self)
    }

    fn depuis_octets(o: &[u8]) -> Result<Self, AssetError> {
        Ok(octets::depuis_octets(o, "carte")?)
    }
}
impl Payload for IndexAdresses {
    const NATURE: Nature = Nature::Adresses;

    fn en_octets(&self) -> Vec<u8> {
        adresses::encoder(self)
    }

    fn depuis_octets(octets: &[u8]) -> Result<Self, AssetError> {
        Ok(adresses::decoder(octets)?)
    }
}
impl Payload for Programme {
    const NATURE: Nature = Nature::Programme;

    fn en_octets(&self) -> Vec<u8> {
        octets::en_octets(self)
    }

    fn depuis_octets(o: &[u8]) -> Result<Self, AssetError> {
        Ok(octets::depuis_octets(o, "programme")?)
    }
}

/// `manifest.json`, written beside the assets by the pipeline.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SourceManifeste {
    pub nom: String,
    pub fichier: String,
    pub millesime: String,
    pub licence: String,
    pub attribution: String,
    /// Features or rows read from the file.
    pub lus: usize,
    /// Features or rows kept (the configured communes).
    pub retenus: usize,
    /// The rows not kept, by reason (the street list's lieux-dits, bridges…). Not read by the
    /// app: [`Manifeste::depuis_json`] leaves it empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ecartes: Vec<Ecart>,
}

/// Rows of a source set aside for one reason.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Ecart {
    pub motif: String,
    pub nombre: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AssetManifeste {
    pub fichier: String,
    pub nature: String,
    pub format_version: u16,
    pub taille: usize,
    pub sha256: String,
    pub sources: Vec<SourceManifeste>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifeste {
    pub format_version: u16,
    /// The stated positional precision of the IRIS contours, in metres.
    pub precision_iris_m: f64,
    pub assets: Vec<AssetManifeste>,
}

impl Manifeste {
    /// Reads `manifest.json` without `serde_json` (kept out of the browser's WebAssembly).
    pub fn depuis_json(json: &str) -> Result<Manifeste, String> {
        fn champ<'a, T>(
            o: &'a Json,
            cle: &str,
            f: impl Fn(&'a Json) -> Option<T>,
        ) -> Result<T, String> {
            o.get(cle).and_then(f).ok_or_else(|| {
                format!("manifest.json\u{a0}: «\u{a0}{cle}\u{a0}» manquant ou invalide")
            })
        }
        let texte = |o, cle| champ(o, cle, |v| v.texte().map(str::to_string));
        let nombre = |o, cle| champ(o, cle, |v| v.entier().and_then(|n| usize::try_from(n).ok()));
        let version = |o| {
            champ(o, "format_version", |v| {
                v.entier().and_then(|n| u16::try_from(n).ok())
            })
        };
        let j = Json::lire(json)?;
        let assets = champ(&j, "assets", Json::liste)?
            .iter()
            .map(|a| {
                Ok(AssetManifeste {
                    fichier: texte(a, "fichier")?,
                    nature: texte(a, "nature")?,
                    format_version: version(a)?,
                    taille: nombre(a, "taille")?,
                    sha256: texte(a, "sha256")?,
                    sources: champ(a, "sources", Json::liste)?
                        .iter()
                        .map(|s| {
                            Ok(SourceManifeste {
                                nom: texte(s, "nom")?,
                                fichier: texte(s, "fichier")?,
                                millesime: texte(s, "millesime")?,
                                licence: texte(s, "licence")?,
                                attribution: texte(s, "attribution")?,
                                lus: nombre(s, "lus")?,
                                retenus: nombre(s, "retenus")?,
                                ecartes: Vec::new(),
                            })
                        })
                        .collect::<Result<_, String>>()?,
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(Manifeste {
            format_version: version(&j)?,
            precision_iris_m: champ(&j, "precision_iris_m", Json::nombre)?,
            assets,
        })
    }
}

/// All the data the app and the `check` command need, decoded.
#[derive(Debug, Clone)]
pub struct Donnees {
    pub carte: Carte,
    pub adresses: IndexAdresses,
    pub programme: Programme,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssetError {
    TropCourt {
        taille: usize,
    },
    MauvaisMagic,
    MauvaiseNature {
        attendue: u8,
        trouvee: u8,
    },
    VersionNonPriseEnCharge {
        trouvee: u16,
        attendue: u16,
    },
    Tronque {
        attendu: usize,
        trouve: usize,
    },
    OctetsEnTrop {
        attendu: usize,
        trouve: usize,
    },
    MauvaiseSomme {
        attendue: u32,
        calculee: u32,
    },
    /// The payload does not decode: in which part, and what is wrong.
    Decodage(octets::Defaut),
    Invalide(String),
}

impl fmt::Display for AssetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AssetError::TropCourt { taille } => {
                write!(f, "file too short for an asset header ({taille} bytes)")
            }
            AssetError::MauvaisMagic => write!(f, "not a Parcours asset (bad magic bytes)"),
            AssetError::MauvaiseNature { attendue, trouvee } => {
                write!(f, "wrong asset kind: expected {attendue}, found {trouvee}")
            }
            AssetError::VersionNonPriseEnCharge { trouvee, attendue } => write!(
                f,
                "unsupported asset format version {trouvee} (this build reads {attendue})"
            ),
            AssetError::Tronque { attendu, trouve } => {
                write!(
                    f,
                    "truncated asset: payload of {attendu} bytes, {trouve} present"
                )
            }
            AssetError::OctetsEnTrop { attendu, trouve } => {
                write!(
                    f,
                    "trailing bytes: payload of {attendu} bytes, {trouve} present"
                )
            }
            AssetError::MauvaiseSomme { attendue, calculee } => write!(
                f,
                "checksum mismatch: header says {attendue:08x}, payload gives {calculee:08x}"
            ),
            AssetError::Decodage(e) => write!(f, "payload does not decode: {e}"),
            AssetError::Invalide(e) => write!(f, "payload refused: {e}"),
        }
    }
}

impl std::error::Error for AssetError {}

/// Encodes a payload into a complete asset. Deterministic: same value, same bytes.
pub fn encoder<T: Payload>(valeur: &T) -> Vec<u8> {
    let payload = valeur.en_octets();
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(&MAGIC);
    out.push(T::NATURE as u8);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    let len = u32::try_from(payload.len()).expect("asset payload over 4 GiB");
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&crc32(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

/// Checks the header and checksum, then decodes. Never panics on any input.
pub fn decoder<T: Payload>(octets: &[u8]) -> Result<T, AssetError> {
    if octets.len() < HEADER_LEN {
        if octets.len() >= 4 && octets[..4] != MAGIC {
            return Err(AssetError::MauvaisMagic);
        }
        return Err(AssetError::TropCourt {
            taille: octets.len(),
        });
    }
    if octets[..4] != MAGIC {
        return Err(AssetError::MauvaisMagic);
    }
    if octets[4] != T::NATURE as u8 {
        return Err(AssetError::MauvaiseNature {
            attendue: T::NATURE as u8,
            trouvee: octets[4],
        });
    }
    let version = u16::from_le_bytes([octets[5], octets[6]]);
    if version != FORMAT_VERSION {
        return Err(AssetError::VersionNonPriseEnCharge {
            trouvee: version,
            attendue: FORMAT_VERSION,
        });
    }
    let attendu = u32::from_le_bytes([octets[7], octets[8], octets[9], octets[10]]) as usize;
    let somme = u32::from_le_bytes([octets[11], octets[12], octets[13], octets[14]]);
    let payload = &octets[HEADER_LEN..];
    if payload.len() < attendu {
        return Err(AssetError::Tronque {
            attendu,
            trouve: payload.len(),
        });
    }
    if payload.len() > attendu {
        return Err(AssetError::OctetsEnTrop {
            attendu,
            trouve: payload.len(),
        });
    }
    let calculee = crc32(payload);
    if calculee != somme {
        return Err(AssetError::MauvaiseSomme {
            attendue: somme,
            calculee,
        });
    }
    let valeur = T::depuis_octets(payload)?;
    valeur.valider().map_err(AssetError::Invalide)?;
    Ok(valeur)
}

/// CRC-32 (IEEE 802.3, reflected, as in zip and PNG).
pub const fn crc32(octets: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    let mut c = !0u32;
    let mut i = 0;
    while i < octets.len() {
        c = TABLE[((c ^ octets[i] as u32) & 0xFF) as usize] ^ (c >> 8);
        i += 1;
    }
    !c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometrie::{Anneau, Iris};

    #[test]
    fn the_manifest_reads_without_serde_json() {
        let m = Manifeste {
            format_version: FORMAT_VERSION,
            precision_iris_m: 13.0,
            assets: vec![AssetManifeste {
                fichier: "carte.bin".into(),
                nature: "carte".into(),
                format_version: FORMAT_VERSION,
                taille: 9585,
                sha256: "ab".repeat(32),
                sources: vec![SourceManifeste {
                    nom: "Contours… IRIS®".into(),
                    fichier: "iris.geojson".into(),
                    millesime: "2020".into(),
                    licence: "Licence Ouverte 2.0".into(),
                    attribution: "IGN – INSEE".into(),
                    lus: 66,
                    retenus: 66,
                    ecartes: Vec::new(),
                }],
            }],
        };
        let json = serde_json::to_string_pretty(&m).unwrap();
        assert_eq!(Manifeste::depuis_json(&json), Ok(m));
        let sans = json.replace("\"licence\"", "\"licence_\"");
        assert!(Manifeste::depuis_json(&sans)
            .unwrap_err()
            .contains("«\u{a0}licence\u{a0}»"));
        let negatif = json.replace("9585", "-1");
        assert!(Manifeste::depuis_json(&negatif)
            .unwrap_err()
            .contains("«\u{a0}taille\u{a0}»"));
    }

    fn carte() -> Carte {
        Carte {
            millesime: "2020".into(),
            precision_m: 13.0,
            iris: vec![Iris {
                code: "212310101".into(),
                nom: "Monge".into(),
                insee_com: "21231".into(),
                typ: "H".into(),
                polygones: vec![vec![Anneau(vec![
                    [5_000_000, 47_000_000],
                    [5_001_000, 47_000_000],
                    [5_001_000, 47_001_000],
                    [5_000_000, 47_000_000],
                ])]],
            }],
            qpv: vec![],
            ecoles: vec![],
        }
    }

    #[test]
    fn crc32_known_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn round_trip_is_identical_and_deterministic() {
        let a = encoder(&carte());
        assert_eq!(a, encoder(&carte()));
        assert_eq!(decoder::<Carte>(&a).unwrap(), carte());
    }

    #[test]
    fn corruptions_give_distinct_errors() {
        let bon = encoder(&carte());
        let mut magic = bon.clone();
        magic[0] = b'X';
        assert_eq!(decoder::<Carte>(&magic), Err(AssetError::MauvaisMagic));
        let mut version = bon.clone();
        version[5] = 99;
        assert!(matches!(
            decoder::<Carte>(&version),
            Err(AssetError::VersionNonPriseEnCharge { trouvee: 99, .. })
        ));
        assert!(matches!(
            decoder::<Programme>(&bon),
            Err(AssetError::MauvaiseNature {
                attendue: 3,
                trouvee: 1
            })
        ));
        let mut somme = bon.clone();
        let dernier = somme.len() - 1;
        somme[dernier] ^= 0x55;
        assert!(matches!(
            decoder::<Carte>(&somme),
            Err(AssetError::MauvaiseSomme { .. })
        ));
        assert!(matches!(
            decoder::<Carte>(&bon[..bon.len() - 3]),
            Err(AssetError::Tronque { .. })
        ));
        let mut long = bon.clone();
        long.push(0);
        assert!(matches!(
            decoder::<Carte>(&long),
            Err(AssetError::OctetsEnTrop { .. })
        ));
        assert!(matches!(
            decoder::<Carte>(&bon[..7]),
            Err(AssetError::TropCourt { taille: 7 })
        ));
        assert_eq!(
            decoder::<Carte>(b"<!DOCTYPE html><html>"),
            Err(AssetError::MauvaisMagic)
        );
    }

    #[test]
    fn every_truncation_and_bit_flip_is_an_error_never_a_panic() {
        let bon = encoder(&carte());
        for n in 0..bon.len() {
            assert!(decoder::<Carte>(&bon[..n]).is_err(), "prefix {n}");
        }
        for i in 0..bon.len() {
            for bit in 0..8 {
                let mut x = bon.clone();
                x[i] ^= 1 << bit;
                assert!(decoder::<Carte>(&x).is_err(), "byte {i} bit {bit}");
            }
        }
    }
}
