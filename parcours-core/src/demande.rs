//! The referral request (« fiche de liaison »): a draft as typed, and a [`Demande`] that exists
//! only once every field is valid (parse, don't validate). The minimum is collected: no medical
//! details, only what the team needs to call the family back.

use crate::programme::Date;
use serde::{Deserialize, Serialize};

/// Who is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Demandeur {
    #[default]
    Parent,
    PersonnelScolaire,
    AutreProfessionnel,
}

/// How the family gave its agreement to a professional's request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoyenAccord {
    /// In a meeting.
    Entretien,
    /// On the phone.
    Telephone,
    /// In writing (a letter, an e-mail, the school's liaison book).
    Ecrit,
}

impl MoyenAccord {
    pub const TOUS: [MoyenAccord; 3] = [
        MoyenAccord::Entretien,
        MoyenAccord::Telephone,
        MoyenAccord::Ecrit,
    ];

    /// In the French request, after « accord donné ».
    pub fn texte_fr(self) -> &'static str {
        match self {
            MoyenAccord::Entretien => "lors d’un entretien",
            MoyenAccord::Telephone => "par téléphone",
            MoyenAccord::Ecrit => "par écrit",
        }
    }
}

/// Domains of concern (ticked, no details).
pub const DOMAINES: [&str; 6] = [
    "apprentissages",
    "comportement",
    "sante",
    "langage",
    "famille",
    "vie_sociale_loisirs",
];

/// The form as typed: every field a string, so nothing the user typed is ever lost. This is
/// what a draft stores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Brouillon {
    /// What the request is about, as the link of its answer (`?adresse=…` or `?lon=…&lat=…`):
    /// a kept draft is offered back for its own request only.
    pub sujet: String,
    pub demandeur: Demandeur,
    pub consentement: bool,
    pub consentement_date: String,
    pub consentement_moyen: Option<MoyenAccord>,
    pub pro_nom: String,
    pub pro_fonction: String,
    pub pro_structure: String,
    pub pro_contact: String,
    pub enfant_prenom: String,
    pub enfant_nom: String,
    pub enfant_naissance: String,
    pub enfant_ecole: String,
    pub enfant_classe: String,
    /// The home address: prefilled from a chosen address, to type when the answer came from a
    /// position or a point on the map (the team needs where the family lives).
    pub adresse: String,
    pub responsables: String,
    pub telephone: String,
    pub email: String,
    pub langue_famille: String,
    pub interprete: bool,
    pub domaines: Vec<String>,
    pub inquietude: String,
    pub deja_fait: String,
}

/// The first byte of a stored draft: a draft written by another version of this layout is not
/// read (the app says so and keeps it until the user erases it). 2: the agreement first, with
/// how it was given; the home address; the request's subject.
pub const VERSION_BROUILLON: u8 = 2;

impl Brouillon {
    /// The draft as bytes to store (compact, no JSON parser needed to read it back).
    pub fn vers_octets(&self) -> Vec<u8> {
        let mut o = vec![VERSION_BROUILLON];
        o.extend(postcard::to_allocvec(self).unwrap_or_default());
        o
    }
    /// `None` for another version or damaged bytes.
    pub fn depuis_octets(octets: &[u8]) -> Option<Brouillon> {
        match octets.split_first() {
            Some((&VERSION_BROUILLON, reste)) => postcard::from_bytes(reste).ok(),
            _ => None,
        }
    }
}

/// The fields, to place each error next to its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Champ {
    Consentement,
    ConsentementDate,
    ConsentementMoyen,
    ProNom,
    ProFonction,
    ProStructure,
    ProContact,
    EnfantPrenom,
    EnfantNom,
    EnfantNaissance,
    EnfantEcole,
    Adresse,
    Responsables,
    Telephone,
    Email,
    Domaines,
    Inquietude,
    DejaFait,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "probleme", rename_all = "snake_case")]
pub enum Probleme {
    Obligatoire,
    TropLong { max: usize },
    DateInvalide,
    DansLeFutur,
    AgeHorsProgramme { age: u32, min: u32, max: u32 },
    TelephoneInvalide,
    EmailInvalide,
    UnMoyenDeContact,
    UnDomaine,
    Consentement,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Erreur {
    pub champ: Champ,
    pub probleme: Probleme,
}

/// The steps of the form, in order. The family's agreement comes first: what will happen is
/// said, and agreed to, before anything personal is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Etape {
    /// What will happen, who asks, and the family's agreement (no personal field).
    Accord,
    /// The professional who asks (not asked of a parent).
    Demandeur,
    Enfant,
    Famille,
    Inquietudes,
    Recapitulatif,
}

impl Etape {
    pub const TOUTES: [Etape; 6] = [
        Etape::Accord,
        Etape::Demandeur,
        Etape::Enfant,
        Etape::Famille,
        Etape::Inquietudes,
        Etape::Recapitulatif,
    ];

    /// The steps a requester goes through: a parent has no step about themselves.
    pub fn pour(demandeur: Demandeur) -> &'static [Etape] {
        const PARENT: [Etape; 5] = [
            Etape::Accord,
            Etape::Enfant,
            Etape::Famille,
            Etape::Inquietudes,
            Etape::Recapitulatif,
        ];
        match demandeur {
            Demandeur::Parent => &PARENT,
            _ => &Etape::TOUTES,
        }
    }
}

/// A valid French phone number, as digits (`0612345678`), from `06 12 34 56 78`,
/// `06.12.34.56.78`, `+33 6 12 34 56 78` or `0033612345678` (in Latin or Arabic-Indic digits).
pub fn telephone(s: &str) -> Option<String> {
    let chiffres: String = crate::nombre::chiffres_latins(s)
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '\u{a0}'))
        .collect();
    let national = if let Some(r) = chiffres.strip_prefix("+33") {
        format!("0{}", r.strip_prefix('0').unwrap_or(r))
    } else if let Some(r) = chiffres.strip_prefix("0033") {
        format!("0{r}")
    } else {
        chiffres
    };
    let ok = national.len() == 10
        && national.starts_with('0')
        && national.as_bytes()[1] != b'0'
        && national.bytes().all(|b| b.is_ascii_digit());
    ok.then_some(national)
}

/// A plausible e-mail address (one `@`, a dotted domain, no spaces, at most 254 characters).
pub fn email(s: &str) -> Option<String> {
    let s = s.trim();
    let (local, domaine) = s.split_once('@')?;
    let ok = s.len() <= 254
        && !local.is_empty()
        && !domaine.contains('@')
        && domaine.contains('.')
        && !domaine.starts_with('.')
        && !domaine.ends_with('.')
        && !s.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"')
        });
    ok.then(|| s.to_string())
}

/// A validated request. Only [`valider`] makes one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Demande {
    pub demandeur: Demandeur,
    /// Name, role, structure, contact of the professional (None for a parent).
    pub professionnel: Option<[String; 4]>,
    pub enfant_prenom: String,
    pub enfant_nom: String,
    pub naissance: Date,
    pub age: u32,
    pub ecole: String,
    pub classe: String,
    pub adresse: String,
    pub responsables: String,
    pub telephone: Option<String>,
    pub email: Option<String>,
    pub langue_famille: String,
    pub interprete: bool,
    pub domaines: Vec<String>,
    pub inquietude: String,
    pub deja_fait: String,
    /// The day the family agreed (for a professional) or the day of the request (a parent).
    pub consentement_date: Date,
    /// How the family agreed (a professional's request).
    pub consentement_moyen: Option<MoyenAccord>,
    pub jour: Date,
}

const COURT: usize = 100;
const LONG: usize = 2_000;

fn texte(b: &str, champ: Champ, max: usize, obligatoire: bool, e: &mut Vec<Erreur>) -> String {
    let t = b.trim();
    if obligatoire && t.is_empty() {
        e.push(Erreur {
            champ,
            probleme: Probleme::Obligatoire,
        });
    } else if t.chars().count() > max {
        e.push(Erreur {
            champ,
            probleme: Probleme::TropLong { max },
        });
    }
    t.to_string()
}

/// An optional field read by `lire`: empty is fine, anything else must read.
fn optionnel(
    valeur: &str,
    lire: fn(&str) -> Option<String>,
    champ: Champ,
    probleme: Probleme,
    e: &mut Vec<Erreur>,
) -> Option<String> {
    if valeur.is_empty() {
        return None;
    }
    let v = lire(valeur);
    if v.is_none() {
        e.push(Erreur { champ, probleme });
    }
    v
}

fn date(b: &str, champ: Champ, jour: Date, e: &mut Vec<Erreur>) -> Option<Date> {
    if b.trim().is_empty() {
        e.push(Erreur {
            champ,
            probleme: Probleme::Obligatoire,
        });
        return None;
    }
    match Date::analyser(b) {
        None => {
            e.push(Erreur {
                champ,
                probleme: Probleme::DateInvalide,
            });
            None
        }
        Some(d) if d > jour => {
            e.push(Erreur {
                champ,
                probleme: Probleme::DansLeFutur,
            });
            None
        }
        Some(d) => Some(d),
    }
}

/// The errors of one step (what « Suivant » checks).
pub fn erreurs_etape(
    b: &Brouillon,
    etape: Etape,
    jour: Date,
    age_min: u32,
    age_max: u32,
) -> Vec<Erreur> {
    match valider(b, jour, age_min, age_max) {
        Ok(_) => vec![],
        Err(e) => e
            .into_iter()
            .filter(|x| etape_du_champ(x.champ) == etape)
            .collect(),
    }
}

pub fn etape_du_champ(c: Champ) -> Etape {
    use Champ::*;
    match c {
        Consentement | ConsentementDate | ConsentementMoyen => Etape::Accord,
        ProNom | ProFonction | ProStructure | ProContact => Etape::Demandeur,
        EnfantPrenom | EnfantNom | EnfantNaissance | EnfantEcole => Etape::Enfant,
        Adresse | Responsables | Telephone | Email => Etape::Famille,
        Domaines | Inquietude | DejaFait => Etape::Inquietudes,
    }
}

/// Parse, don't validate: a [`Demande`] or every error, each on its field.
pub fn valider(
    b: &Brouillon,
    jour: Date,
    age_min: u32,
    age_max: u32,
) -> Result<Demande, Vec<Erreur>> {
    let mut e = Vec::new();
    let pro = b.demandeur != Demandeur::Parent;
    if !b.consentement {
        e.push(Erreur {
            champ: Champ::Consentement,
            probleme: Probleme::Consentement,
        });
    }
    let consentement_date = if pro {
        date(&b.consentement_date, Champ::ConsentementDate, jour, &mut e)
    } else {
        Some(jour)
    };
    let consentement_moyen = if pro {
        if b.consentement_moyen.is_none() {
            e.push(Erreur {
                champ: Champ::ConsentementMoyen,
                probleme: Probleme::Obligatoire,
            });
        }
        b.consentement_moyen
    } else {
        None
    };
    let professionnel = pro.then(|| {
        [
            texte(&b.pro_nom, Champ::ProNom, COURT, true, &mut e),
            texte(&b.pro_fonction, Champ::ProFonction, COURT, true, &mut e),
            texte(&b.pro_structure, Champ::ProStructure, COURT, true, &mut e),
            texte(&b.pro_contact, Champ::ProContact, COURT, true, &mut e),
        ]
    });
    if let Some(p) = &professionnel {
        if !p[3].is_empty() && telephone(&p[3]).is_none() && email(&p[3]).is_none() {
            e.push(Erreur {
                champ: Champ::ProContact,
                probleme: Probleme::UnMoyenDeContact,
            });
        }
    }
    let enfant_prenom = texte(&b.enfant_prenom, Champ::EnfantPrenom, COURT, true, &mut e);
    let enfant_nom = texte(&b.enfant_nom, Champ::EnfantNom, COURT, true, &mut e);
    let naissance = date(&b.enfant_naissance, Champ::EnfantNaissance, jour, &mut e);
    let mut age = 0;
    if let Some(n) = naissance {
        age = n.age_au(jour).unwrap_or(0);
        if age < age_min || age > age_max {
            e.push(Erreur {
                champ: Champ::EnfantNaissance,
                probleme: Probleme::AgeHorsProgramme {
                    age,
                    min: age_min,
                    max: age_max,
                },
            });
        }
    }
    let ecole = texte(&b.enfant_ecole, Champ::EnfantEcole, COURT, false, &mut e);
    let classe = b.enfant_classe.trim().chars().take(COURT).collect();
    let adresse = texte(&b.adresse, Champ::Adresse, COURT * 2, true, &mut e);
    let responsables = texte(
        &b.responsables,
        Champ::Responsables,
        COURT * 2,
        true,
        &mut e,
    );
    let tel = b.telephone.trim();
    let mel = b.email.trim();
    let telephone_v = optionnel(
        tel,
        telephone,
        Champ::Telephone,
        Probleme::TelephoneInvalide,
        &mut e,
    );
    let email_v = optionnel(mel, email, Champ::Email, Probleme::EmailInvalide, &mut e);
    if tel.is_empty() && mel.is_empty() {
        e.push(Erreur {
            champ: Champ::Telephone,
            probleme: Probleme::UnMoyenDeContact,
        });
    }
    let domaines: Vec<String> = DOMAINES
        .iter()
        .filter(|d| b.domaines.iter().any(|x| x == *d))
        .map(|d| d.to_string())
        .collect();
    if domaines.is_empty() {
        e.push(Erreur {
            champ: Champ::Domaines,
            probleme: Probleme::UnDomaine,
        });
    }
    let inquietude = texte(&b.inquietude, Champ::Inquietude, LONG, false, &mut e);
    let deja_fait = texte(&b.deja_fait, Champ::DejaFait, LONG, false, &mut e);
    if !e.is_empty() {
        return Err(e);
    }
    Ok(Demande {
        demandeur: b.demandeur,
        professionnel,
        enfant_prenom,
        enfant_nom,
        naissance: naissance.expect("checked"),
        age,
        ecole,
        classe,
        adresse,
        responsables,
        telephone: telephone_v,
        email: email_v,
        langue_famille: b.langue_famille.trim().chars().take(COURT).collect(),
        interprete: b.interprete,
        domaines,
        inquietude,
        deja_fait,
        consentement_date: consentement_date.expect("checked"),
        consentement_moyen,
        jour,
    })
}

impl Demande {
    /// The request in plain French, for the team (mail body, printed and downloaded copies
    /// hold exactly this). `eligibilite` is the answer's sentence with its data version.
    pub fn texte_fr(&self, eligibilite: &str) -> String {
        let mut l = vec![
            format!(
                "Demande d’accompagnement individualisé — {}",
                self.jour.jj_mm_aaaa()
            ),
            String::new(),
            format!("Réponse de Parcours\u{a0}: {eligibilite}"),
            String::new(),
        ];
        match &self.professionnel {
            None => l.push("Demande faite par\u{a0}: un parent ou responsable légal".into()),
            Some([nom, fonction, structure, contact]) => {
                let qui = match self.demandeur {
                    Demandeur::PersonnelScolaire => "personnel scolaire",
                    _ => "autre professionnel",
                };
                l.push(format!(
                    "Demande faite par\u{a0}: {nom}, {fonction} ({qui}), {structure} — {contact}"
                ));
            }
        }
        l.push(String::new());
        l.push(format!(
            "Enfant\u{a0}: {} {}",
            self.enfant_prenom, self.enfant_nom
        ));
        l.push(format!(
            "Né(e) le {} ({} {})",
            self.naissance.jj_mm_aaaa(),
            self.age,
            if self.age <= 1 { "an" } else { "ans" }
        ));
        if !self.ecole.is_empty() {
            l.push(format!("École\u{a0}: {}", self.ecole));
        }
        if !self.classe.is_empty() {
            l.push(format!("Classe\u{a0}: {}", self.classe));
        }
        l.push(String::new());
        l.push(format!("Adresse du domicile\u{a0}: {}", self.adresse));
        l.push(format!("Responsables\u{a0}: {}", self.responsables));
        if let Some(t) = &self.telephone {
            l.push(format!("Téléphone\u{a0}: {}", groupes(t)));
        }
        if let Some(m) = &self.email {
            l.push(format!("Courriel\u{a0}: {m}"));
        }
        if !self.langue_famille.is_empty() {
            l.push(format!(
                "Langue de la famille\u{a0}: {}",
                self.langue_famille
            ));
        }
        l.push(format!(
            "Interprète souhaité\u{a0}: {}",
            if self.interprete { "oui" } else { "non" }
        ));
        l.push(String::new());
        l.push(format!(
            "Domaines\u{a0}: {}",
            self.domaines
                .iter()
                .map(|d| libelle_domaine(d))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        if !self.inquietude.is_empty() {
            l.push(format!("Ce qui inquiète\u{a0}: {}", self.inquietude));
        }
        if !self.deja_fait.is_empty() {
            l.push(format!("Déjà essayé\u{a0}: {}", self.deja_fait));
        }
        l.push(String::new());
        l.push(match self.demandeur {
            Demandeur::Parent => format!(
                "Accord\u{a0}: j’accepte que l’équipe me contacte (le {}).",
                self.consentement_date.jj_mm_aaaa()
            ),
            _ => format!(
                "Accord\u{a0}: la famille a été informée de cette demande et l’accepte (accord donné le {}{}).",
                self.consentement_date.jj_mm_aaaa(),
                self.consentement_moyen
                    .map(|m| format!(", {}", m.texte_fr()))
                    .unwrap_or_default()
            ),
        });
        l.join("\n")
    }
}

fn groupes(t: &str) -> String {
    t.as_bytes()
        .chunks(2)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn libelle_domaine(d: &str) -> &'static str {
    match d {
        "apprentissages" => "apprentissages",
        "comportement" => "comportement",
        "sante" => "santé (sans détail médical)",
        "langage" => "langage",
        "famille" => "famille",
        _ => "vie sociale et loisirs",
    }
}

/// Under the printed and downloaded request (French, for the team, whatever the page's
/// language), above the place to sign.
pub const SIGNATURE_FR: &str = "Signature\u{a0}:";

/// Mail apps and browsers truncate long `mailto:` links: past this, the body says to attach
/// the downloaded file instead.
pub const MAX_MAILTO: usize = 1_800;

/// `mailto:` link to the team with the request in the body, or None when it would be too long
/// (then attach the downloaded file).
pub fn mailto(destinataire: &str, sujet: &str, corps: &str) -> Option<String> {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    let lien = format!(
        "mailto:{}?subject={}&body={}",
        destinataire,
        enc(sujet),
        enc(&corps.replace('\n', "\r\n"))
    );
    (lien.len() <= MAX_MAILTO).then_some(lien)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jour() -> Date {
        Date::analyser("2026-11-28").unwrap()
    }

    fn parent() -> Brouillon {
        Brouillon {
            enfant_prenom: "Lina".into(),
            enfant_nom: "Martin".into(),
            enfant_naissance: "2017-05-03".into(),
            adresse: "2 Avenue du Mont Blanc, 21000 Dijon".into(),
            responsables: "Sophie Martin".into(),
            telephone: "06 12 34 56 78".into(),
            domaines: vec!["apprentissages".into()],
            consentement: true,
            ..Brouillon::default()
        }
    }

    #[test]
    fn phones_and_emails() {
        for (t, ok) in [
            ("06 12 34 56 78", Some("0612345678")),
            ("06.12.34.56.78", Some("0612345678")),
            ("+33 6 12 34 56 78", Some("0612345678")),
            ("+33 (0)6 12 34 56 78", Some("0612345678")),
            ("0033612345678", Some("0612345678")),
            ("٠٦ ١٢ ٣٤ ٥٦ ٧٨", Some("0612345678")),
            ("03 80 00 00 00", Some("0380000000")),
            ("06 12 34 56", None),
            ("00 12 34 56 78", None),
            ("06 12 34 56 7a", None),
            ("", None),
        ] {
            assert_eq!(telephone(t).as_deref(), ok, "{t}");
        }
        assert!(email("prenom.nom@ac-dijon.fr").is_some());
        for m in [
            "nom@",
            "@dijon.fr",
            "a b@c.fr",
            "a@b",
            "a@b@c.fr",
            "a@.fr",
            "<a@b.fr>",
        ] {
            assert!(email(m).is_none(), "{m}");
        }
    }

    #[test]
    fn a_valid_parent_request() {
        let d = valider(&parent(), jour(), 2, 16).unwrap();
        assert_eq!(d.age, 9);
        assert_eq!(d.telephone.as_deref(), Some("0612345678"));
        let t = d.texte_fr("éligible, équipe sud (IRIS Abattoirs, contours 2020)");
        assert!(t.contains("Enfant\u{a0}: Lina Martin"));
        assert!(t.contains("Né(e) le 03/05/2017 (9 ans)"));
        assert!(t.contains("Téléphone\u{a0}: 06 12 34 56 78"));
        assert!(t.contains("j’accepte que l’équipe me contacte (le 28/11/2026)"));
        assert!(t.contains("Adresse du domicile\u{a0}: 2 Avenue du Mont Blanc, 21000 Dijon"));
    }

    #[test]
    fn the_agreement_comes_first_and_no_personal_field_before_it() {
        for d in [
            Demandeur::Parent,
            Demandeur::PersonnelScolaire,
            Demandeur::AutreProfessionnel,
        ] {
            let etapes = Etape::pour(d);
            assert_eq!(etapes[0], Etape::Accord, "{d:?}");
            assert_eq!(etapes.last(), Some(&Etape::Recapitulatif));
            // Every field is on one of the requester's steps.
            let pro = d != Demandeur::Parent;
            assert_eq!(etapes.contains(&Etape::Demandeur), pro, "{d:?}");
        }
        // The first step holds the agreement only: nothing about the child, the family or the
        // professional.
        use Champ::*;
        for c in [
            ProNom,
            ProFonction,
            ProStructure,
            ProContact,
            EnfantPrenom,
            EnfantNom,
            EnfantNaissance,
            EnfantEcole,
            Adresse,
            Responsables,
            Telephone,
            Email,
            Domaines,
            Inquietude,
            DejaFait,
        ] {
            assert_ne!(etape_du_champ(c), Etape::Accord, "{c:?}");
        }
        // Without the agreement, « Suivant » stops at the first step, before anything is typed.
        let vide = Brouillon::default();
        let e = erreurs_etape(&vide, Etape::Accord, jour(), 2, 16);
        assert_eq!(
            e,
            vec![Erreur {
                champ: Consentement,
                probleme: Probleme::Consentement
            }]
        );
        let accord = Brouillon {
            consentement: true,
            ..Brouillon::default()
        };
        assert!(erreurs_etape(&accord, Etape::Accord, jour(), 2, 16).is_empty());
    }

    #[test]
    fn a_professional_says_when_and_how_the_family_agreed() {
        let mut b = parent();
        b.demandeur = Demandeur::PersonnelScolaire;
        b.pro_nom = "M. Durand".into();
        b.pro_fonction = "directeur".into();
        b.pro_structure = "École Champollion".into();
        b.pro_contact = "03 80 00 00 00".into();
        let e = erreurs_etape(&b, Etape::Accord, jour(), 2, 16);
        let champs: Vec<Champ> = e.iter().map(|x| x.champ).collect();
        assert_eq!(
            champs,
            [Champ::ConsentementDate, Champ::ConsentementMoyen],
            "{e:?}"
        );
        b.consentement_date = "20/11/2026".into();
        b.consentement_moyen = Some(MoyenAccord::Telephone);
        let t = valider(&b, jour(), 2, 16).unwrap().texte_fr("éligible");
        assert!(
            t.contains("la famille a été informée de cette demande et l’accepte (accord donné le 20/11/2026, par téléphone)."),
            "{t}"
        );
    }

    #[test]
    fn a_request_from_a_point_asks_for_the_home_address() {
        // Made from a position or a tap on the map: nothing prefilled, the address is asked.
        let mut b = parent();
        b.adresse = "  ".into();
        let e = erreurs_etape(&b, Etape::Famille, jour(), 2, 16);
        assert_eq!(
            e,
            vec![Erreur {
                champ: Champ::Adresse,
                probleme: Probleme::Obligatoire
            }]
        );
        b.adresse = "3 rue des Marmuzots, Dijon".into();
        let t = valider(&b, jour(), 2, 16)
            .unwrap()
            .texte_fr("point 47.35670, 5.04860 — hors des quartiers du programme");
        assert!(t.contains("Adresse du domicile\u{a0}: 3 rue des Marmuzots, Dijon"));
        b.adresse = "x".repeat(201);
        assert_eq!(
            erreurs_etape(&b, Etape::Famille, jour(), 2, 16)[0].probleme,
            Probleme::TropLong { max: 200 }
        );
    }

    #[test]
    fn school_and_class_each_on_their_line() {
        let mut b = parent();
        b.enfant_ecole = "École Voltaire".into();
        b.enfant_classe = "CM1".into();
        let t = valider(&b, jour(), 2, 16).unwrap().texte_fr("éligible");
        assert!(
            t.contains("\nÉcole\u{a0}: École Voltaire\nClasse\u{a0}: CM1\n"),
            "{t}"
        );
        b.enfant_ecole.clear();
        let t = valider(&b, jour(), 2, 16).unwrap().texte_fr("éligible");
        assert!(!t.contains("École\u{a0}:") && t.contains("Classe\u{a0}: CM1"));
    }

    #[test]
    fn each_error_on_its_field() {
        let mut b = parent();
        b.demandeur = Demandeur::PersonnelScolaire;
        b.enfant_naissance = "2026-12-01".into();
        b.telephone = "12".into();
        b.email = "pas-un-courriel".into();
        b.domaines.clear();
        b.consentement = false;
        b.inquietude = "x".repeat(2_001);
        let e = valider(&b, jour(), 2, 16).unwrap_err();
        let vus: Vec<(Champ, Probleme)> = e.iter().map(|x| (x.champ, x.probleme.clone())).collect();
        for attendu in [
            (Champ::ProNom, Probleme::Obligatoire),
            (Champ::EnfantNaissance, Probleme::DansLeFutur),
            (Champ::Telephone, Probleme::TelephoneInvalide),
            (Champ::Email, Probleme::EmailInvalide),
            (Champ::Domaines, Probleme::UnDomaine),
            (Champ::Inquietude, Probleme::TropLong { max: 2_000 }),
            (Champ::Consentement, Probleme::Consentement),
            (Champ::ConsentementDate, Probleme::Obligatoire),
        ] {
            assert!(vus.contains(&attendu), "{attendu:?} in {vus:?}");
        }
        let mut b = parent();
        b.enfant_naissance = "2008-01-01".into();
        b.telephone.clear();
        let e = valider(&b, jour(), 2, 16).unwrap_err();
        assert!(e.contains(&Erreur {
            champ: Champ::EnfantNaissance,
            probleme: Probleme::AgeHorsProgramme {
                age: 18,
                min: 2,
                max: 16
            }
        }));
        assert!(e.contains(&Erreur {
            champ: Champ::Telephone,
            probleme: Probleme::UnMoyenDeContact
        }));
        let etape = erreurs_etape(&b, Etape::Famille, jour(), 2, 16);
        assert_eq!(etape.len(), 1);
    }

    #[test]
    fn mailto_within_limits() {
        let d = valider(&parent(), jour(), 2, 16).unwrap();
        let l = mailto("equipe@example.org", "Demande", &d.texte_fr("éligible")).unwrap();
        assert!(l.starts_with(
            "mailto:equipe@example.org?subject=Demande&body=Demande%20d%E2%80%99accompagnement"
        ));
        assert!(l.contains("%0D%0A"));
        assert!(mailto("e@example.org", "x", &"é".repeat(1_000)).is_none());
    }

    #[test]
    fn a_draft_round_trips() {
        let b = parent();
        let o = b.vers_octets();
        assert_eq!(Brouillon::depuis_octets(&o), Some(b));
        assert_eq!(
            Brouillon::depuis_octets(&Brouillon::default().vers_octets()),
            Some(Brouillon::default())
        );
        // Another version, a truncated draft, nothing: not read.
        let mut autre = o.clone();
        autre[0] = VERSION_BROUILLON + 1;
        assert_eq!(Brouillon::depuis_octets(&autre), None);
        assert_eq!(Brouillon::depuis_octets(&o[..o.len() / 2]), None);
        assert_eq!(Brouillon::depuis_octets(&[]), None);
    }
}
