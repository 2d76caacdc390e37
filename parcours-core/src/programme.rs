//! The programme's configuration: territories and their teams, priority zones, the facts of
//! the deliberation, contacts. Read from a TOML file by the pipeline, validated against the
//! IRIS data, shipped to the app as an asset.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date (proleptic Gregorian), `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    pub annee: i32,
    pub mois: u8,
    pub jour: u8,
}

impl Date {
    pub fn nouvelle(annee: i32, mois: u8, jour: u8) -> Option<Date> {
        let bissextile = (annee % 4 == 0 && annee % 100 != 0) || annee % 400 == 0;
        let jours = match mois {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if bissextile => 29,
            2 => 28,
            _ => return None,
        };
        (1..=jours)
            .contains(&jour)
            .then_some(Date { annee, mois, jour })
    }

    /// Parses `YYYY-MM-DD` (ISO 8601) or `DD/MM/YYYY` (the French way).
    pub fn analyser(s: &str) -> Option<Date> {
        // Digits typed on an Arabic keyboard read as any others.
        let s = crate::nombre::chiffres_latins(s);
        let s = s.trim();
        let (a, m, j) = if let Some((j, reste)) = s.split_once('/') {
            let (m, a) = reste.split_once('/')?;
            (a, m, j)
        } else {
            let mut it = s.splitn(3, '-');
            (it.next()?, it.next()?, it.next()?)
        };
        let nombre = |t: &str, max: usize| {
            (!t.is_empty() && t.len() <= max && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse::<i32>().ok())
                .flatten()
        };
        if a.len() != 4 {
            return None;
        }
        Date::nouvelle(nombre(a, 4)?, nombre(m, 2)? as u8, nombre(j, 2)? as u8)
    }

    /// Whole years from `self` (a birth date) to `jour`; None if `jour` is earlier.
    pub fn age_au(&self, jour: Date) -> Option<u32> {
        if jour < *self {
            return None;
        }
        let mut age = jour.annee - self.annee;
        if (jour.mois, jour.jour) < (self.mois, self.jour) {
            age -= 1;
        }
        u32::try_from(age).ok()
    }

    /// `1er septembre 2016`, the French way.
    pub fn en_francais(&self) -> String {
        const MOIS: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        let jour = if self.jour == 1 {
            "1er".to_string()
        } else {
            self.jour.to_string()
        };
        format!("{jour} {} {}", MOIS[(self.mois - 1) as usize], self.annee)
    }

    /// `02/03/2015`.
    pub fn jj_mm_aaaa(&self) -> String {
        format!("{:02}/{:02}/{:04}", self.jour, self.mois, self.annee)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.annee, self.mois, self.jour)
    }
}

impl TryFrom<String> for Date {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Date::analyser(&s).ok_or_else(|| format!("not a date (YYYY-MM-DD): \"{s}\""))
    }
}

impl From<Date> for String {
    fn from(d: Date) -> String {
        d.to_string()
    }
}

/// The two multidisciplinary teams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Equipe {
    Nord,
    Sud,
}

impl Equipe {
    pub fn code(self) -> &'static str {
        match self {
            Equipe::Nord => "nord",
            Equipe::Sud => "sud",
        }
    }
}

/// Whether a whole IRIS belongs to the quartier, or only part of it (then the answer there is
/// always "to be confirmed").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Couverture {
    Entier,
    Partiel,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IrisProgramme {
    pub code: String,
    pub couverture: Couverture,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quartier {
    pub nom: String,
    pub iris: Vec<IrisProgramme>,
}

/// Contact details; empty strings when unknown (never invented).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    pub nom: String,
    pub email: String,
    pub telephone: String,
    pub adresse: String,
}

impl Contact {
    pub fn est_vide(&self) -> bool {
        self.email.is_empty() && self.telephone.is_empty() && self.adresse.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Territoire {
    pub equipe: Equipe,
    pub nom: String,
    #[serde(default)]
    pub contact: Contact,
    pub quartiers: Vec<Quartier>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZonePrioritaire {
    pub nom: String,
    pub iris: Vec<IrisProgramme>,
    /// Names of the QPV polygons that make this zone, when a QPV file is given (then the
    /// polygon decides). Compared case- and accent-insensitively with the file's name field.
    #[serde(default)]
    pub qpv: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Periode {
    pub debut: Date,
    pub fin: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    pub nom: String,
    pub association: String,
    pub age_min: u32,
    pub age_max: u32,
    pub periode: Periode,
    pub plafond_euros: u32,
    /// INSEE codes of the communes whose IRIS the programme reads.
    pub communes: Vec<String>,
    /// What the deployer must know about this configuration's origin.
    #[serde(default)]
    pub source: String,
    /// The national geocoder asked only when the user agrees (empty: the option is off).
    #[serde(default)]
    pub geocodeur_en_ligne: String,
    /// The regular Programme de Réussite Éducative, where priority-zone families go.
    #[serde(default)]
    pub contact_pre: Contact,
    pub territoires: Vec<Territoire>,
    pub zones_prioritaires: Vec<ZonePrioritaire>,
}

/// What the programme says of one IRIS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Statut<'a> {
    Couvert {
        territoire: &'a Territoire,
        quartier: &'a Quartier,
        couverture: Couverture,
    },
    Prioritaire {
        zone: &'a ZonePrioritaire,
        couverture: Couverture,
    },
    Hors,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErreurProgramme {
    CodeMalForme(String),
    IrisInconnu(String),
    IrisEnDouble { code: String, ou: Vec<String> },
    AgesIncoherents { min: u32, max: u32 },
    PeriodeIncoherente { debut: Date, fin: Date },
    EquipeEnDouble(Equipe),
    Vide(&'static str),
}

impl fmt::Display for ErreurProgramme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErreurProgramme::CodeMalForme(c) => {
                write!(f, "IRIS code \"{c}\" is not 9 digits (e.g. 212310304)")
            }
            ErreurProgramme::IrisInconnu(c) => {
                write!(
                    f,
                    "IRIS {c} is not in the IRIS data of the configured communes"
                )
            }
            ErreurProgramme::IrisEnDouble { code, ou } => {
                write!(f, "IRIS {code} is listed more than once: {}", ou.join(", "))
            }
            ErreurProgramme::AgesIncoherents { min, max } => {
                write!(f, "age_min {min} is above age_max {max}")
            }
            ErreurProgramme::PeriodeIncoherente { debut, fin } => {
                write!(f, "the period ends ({fin}) before it starts ({debut})")
            }
            ErreurProgramme::EquipeEnDouble(e) => {
                write!(f, "team {} has two territories", e.code())
            }
            ErreurProgramme::Vide(quoi) => write!(f, "{quoi} must not be empty"),
        }
    }
}

impl Programme {
    /// Every IRIS listed, with where: (code, "territoire nord / Quartier" or "zone Grésilles").
    fn listes(&self) -> Vec<(&str, String)> {
        let mut out = Vec::new();
        for t in &self.territoires {
            for q in &t.quartiers {
                for i in &q.iris {
                    out.push((i.code.as_str(), format!("{} / {}", t.equipe.code(), q.nom)));
                }
            }
        }
        for z in &self.zones_prioritaires {
            for i in &z.iris {
                out.push((i.code.as_str(), format!("zone {}", z.nom)));
            }
        }
        out
    }

    /// Checks the configuration against the IRIS codes of the data. Every problem is
    /// reported, not only the first.
    pub fn valider(&self, codes_iris: &[&str]) -> Result<(), Vec<ErreurProgramme>> {
        let mut erreurs = Vec::new();
        if self.age_min > self.age_max {
            erreurs.push(ErreurProgramme::AgesIncoherents {
                min: self.age_min,
                max: self.age_max,
            });
        }
        if self.periode.fin < self.periode.debut {
            erreurs.push(ErreurProgramme::PeriodeIncoherente {
                debut: self.periode.debut,
                fin: self.periode.fin,
            });
        }
        if self.territoires.is_empty() {
            erreurs.push(ErreurProgramme::Vide("territoires"));
        }
        if self.communes.is_empty() {
            erreurs.push(ErreurProgramme::Vide("communes"));
        }
        let mut equipes: Vec<Equipe> = Vec::new();
        for e in self.territoires.iter().map(|t| t.equipe) {
            if equipes.contains(&e) {
                if !erreurs.contains(&ErreurProgramme::EquipeEnDouble(e)) {
                    erreurs.push(ErreurProgramme::EquipeEnDouble(e));
                }
            } else {
                equipes.push(e);
            }
        }
        let listes = self.listes();
        let mut vus: Vec<&str> = Vec::new();
        for (code, _) in &listes {
            if vus.contains(code) {
                continue;
            }
            vus.push(code);
            if code.len() != 9 || !code.bytes().all(|b| b.is_ascii_digit()) {
                erreurs.push(ErreurProgramme::CodeMalForme(code.to_string()));
            } else if !codes_iris.contains(code) {
                erreurs.push(ErreurProgramme::IrisInconnu(code.to_string()));
            }
            let ou: Vec<String> = listes
                .iter()
                .filter(|(c, _)| c == code)
                .map(|(_, o)| o.clone())
                .collect();
            if ou.len() > 1 {
                erreurs.push(ErreurProgramme::IrisEnDouble {
                    code: code.to_string(),
                    ou,
                });
            }
        }
        if erreurs.is_empty() {
            Ok(())
        } else {
            Err(erreurs)
        }
    }

    pub fn statut(&self, code_iris: &str) -> Statut<'_> {
        for t in &self.territoires {
            for q in &t.quartiers {
                if let Some(i) = q.iris.iter().find(|i| i.code == code_iris) {
                    return Statut::Couvert {
                        territoire: t,
                        quartier: q,
                        couverture: i.couverture,
                    };
                }
            }
        }
        for z in &self.zones_prioritaires {
            if let Some(i) = z.iris.iter().find(|i| i.code == code_iris) {
                return Statut::Prioritaire {
                    zone: z,
                    couverture: i.couverture,
                };
            }
        }
        Statut::Hors
    }

    pub fn territoire(&self, equipe: Equipe) -> Option<&Territoire> {
        self.territoires.iter().find(|t| t.equipe == equipe)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn programme() -> Programme {
        let iris = |code: &str, couverture| IrisProgramme {
            code: code.into(),
            couverture,
        };
        Programme {
            nom: "Test".into(),
            association: "les PEP 21".into(),
            age_min: 2,
            age_max: 16,
            periode: Periode {
                debut: Date::nouvelle(2016, 9, 1).unwrap(),
                fin: Date::nouvelle(2017, 8, 31).unwrap(),
            },
            plafond_euros: 49_975,
            communes: vec!["21231".into()],
            source: String::new(),
            geocodeur_en_ligne: String::new(),
            contact_pre: Contact::default(),
            territoires: vec![
                Territoire {
                    equipe: Equipe::Nord,
                    nom: "Nord".into(),
                    contact: Contact::default(),
                    quartiers: vec![Quartier {
                        nom: "Varennes – Toison d'Or".into(),
                        iris: vec![iris("212310001", Couverture::Entier)],
                    }],
                },
                Territoire {
                    equipe: Equipe::Sud,
                    nom: "Sud".into(),
                    contact: Contact::default(),
                    quartiers: vec![Quartier {
                        nom: "Université".into(),
                        iris: vec![
                            iris("212310002", Couverture::Entier),
                            iris("212310003", Couverture::Partiel),
                        ],
                    }],
                },
            ],
            zones_prioritaires: vec![ZonePrioritaire {
                nom: "Grésilles".into(),
                iris: vec![iris("212310004", Couverture::Entier)],
                qpv: vec![],
            }],
        }
    }

    const CODES: [&str; 5] = [
        "212310001",
        "212310002",
        "212310003",
        "212310004",
        "212310005",
    ];

    #[test]
    fn valid_configuration_passes() {
        assert_eq!(programme().valider(&CODES), Ok(()));
    }

    #[test]
    fn every_error_is_named() {
        let mut p = programme();
        p.territoires[0].quartiers[0].iris.push(IrisProgramme {
            code: "212310002".into(),
            couverture: Couverture::Entier,
        });
        p.territoires[0].quartiers[0].iris.push(IrisProgramme {
            code: "99999".into(),
            couverture: Couverture::Entier,
        });
        p.zones_prioritaires[0].iris.push(IrisProgramme {
            code: "212319999".into(),
            couverture: Couverture::Entier,
        });
        p.age_min = 17;
        let e = p.valider(&CODES).unwrap_err();
        assert!(e.contains(&ErreurProgramme::AgesIncoherents { min: 17, max: 16 }));
        assert!(e.contains(&ErreurProgramme::CodeMalForme("99999".into())));
        assert!(e.contains(&ErreurProgramme::IrisInconnu("212319999".into())));
        assert!(e.iter().any(|x| matches!(x,
            ErreurProgramme::IrisEnDouble { code, ou } if code == "212310002" && ou.len() == 2)));
        assert!(e[0].to_string().len() > 10);
    }

    #[test]
    fn statut_of_each_kind() {
        let p = programme();
        assert!(matches!(
            p.statut("212310001"),
            Statut::Couvert { territoire, couverture: Couverture::Entier, .. } if territoire.equipe == Equipe::Nord
        ));
        assert!(matches!(
            p.statut("212310003"),
            Statut::Couvert {
                couverture: Couverture::Partiel,
                ..
            }
        ));
        assert!(matches!(p.statut("212310004"), Statut::Prioritaire { .. }));
        assert_eq!(p.statut("212310005"), Statut::Hors);
    }

    #[test]
    fn dates() {
        let d = Date::analyser("2015-03-02").unwrap();
        assert_eq!(Date::analyser("02/03/2015"), Some(d));
        // Typed on an Arabic keyboard.
        assert_eq!(Date::analyser("٠٢/٠٣/٢٠١٥"), Some(d));
        assert_eq!(Date::analyser("۲۰۱۵-۰۳-۰۲"), Some(d));
        assert_eq!(d.to_string(), "2015-03-02");
        assert_eq!(d.jj_mm_aaaa(), "02/03/2015");
        assert_eq!(
            Date::nouvelle(2016, 9, 1).unwrap().en_francais(),
            "1er septembre 2016"
        );
        assert_eq!(Date::analyser("2015-02-29"), None);
        assert!(Date::analyser("2016-02-29").is_some());
        assert_eq!(Date::analyser("2015-13-01"), None);
        assert_eq!(Date::analyser("hier"), None);
        assert_eq!(Date::analyser("+015-01-01"), None);
        let jour = Date::analyser("2026-11-28").unwrap();
        assert_eq!(d.age_au(jour), Some(11));
        assert_eq!(Date::analyser("2010-11-28").unwrap().age_au(jour), Some(16));
        assert_eq!(Date::analyser("2010-11-29").unwrap().age_au(jour), Some(15));
        assert_eq!(Date::analyser("2027-01-01").unwrap().age_au(jour), None);
    }
}
