//! The referral request (« fiche de liaison »): a draft as typed, and a [`Demande`] that exists
//! only once every field is valid (parse, don't validate). The minimum is collected: no medical
//! details, only what the team needs to call the family back.

use crate::programme::Date;
use serde::{Deserialize, Serialize};

/// Who is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Demandeur {
    #[default]
    Parent,
    PersonnelScolaire,
    AutreProfessionnel,
}

/// How the family gave its agreement to a professional's request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(Serialize))]
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
/// how it was given; the home address; the request's subject. (Written by postcard until the
/// assets' own codec replaced it: the bytes are the same, so the version did not change.)
pub const VERSION_BROUILLON: u8 = 2;

impl Brouillon {
    /// The draft as bytes to store (compact, no JSON parser needed to read it back): the
    /// version byte, then the fields ([`crate::asset::octets`]).
    pub fn vers_octets(&self) -> Vec<u8> {
        let mut e = crate::asset::octets::Ecrivain(vec![VERSION_BROUILLON]);
        crate::asset::octets::Octets::ecrire(self, &mut e);
        e.0
    }
    /// `None` for another version or damaged bytes.
    pub fn depuis_octets(octets: &[u8]) -> Option<Brouillon> {
        match octets.split_first() {
            Some((&VERSION_BROUILLON, reste)) => {
                crate::asset::octets::depuis_octets(reste, "brouillon").ok()
            }
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

/// The keys of the draft's text fields, as the form names them (its inputs' ids are
/// `demande-<key>`): one input handler serves them all through [`texte_mut`].
pub const CLES_TEXTE: [&str; 17] = [
    "consentementdate",
    "pronom",
    "profonction",
    "prostructure",
    "procontact",
    "enfantprenom",
    "enfantnom",
    "enfantnaissance",
    "enfantecole",
    "classe",
    "adresse",
    "responsables",
    "telephone",
    "email",
    "langue",
    "inquietude",
    "dejafait",
];

/// The text field of `b` with this key (one of [`CLES_TEXTE`]).
pub fn texte_mut<'a>(b: &'a mut Brouillon, cle: &str) -> Option<&'a mut String> {
    Some(match cle {
        "consentementdate" => &mut b.consentement_date,
        "pronom" => &mut b.pro_nom,
        "profonction" => &mut b.pro_fonction,
        "prostructure" => &mut b.pro_structure,
        "procontact" => &mut b.pro_contact,
        "enfantprenom" => &mut b.enfant_prenom,
        "enfantnom" => &mut b.enfant_nom,
        "enfantnaissance" => &mut b.enfant_naissance,
        "enfantecole" => &mut b.enfant_ecole,
        "classe" => &mut b.enfant_classe,
        "adresse" => &mut b.adresse,
        "responsables" => &mut b.responsables,
        "telephone" => &mut b.telephone,
        "email" => &mut b.email,
        "langue" => &mut b.langue_famille,
        "inquietude" => &mut b.inquietude,
        "dejafait" => &mut b.deja_fait,
        _ => return None,
    })
}

/// Ticks a domain of concern, or unticks it.
pub fn basculer_domaine(b: &mut Brouillon, d: &str) {
    match b.domaines.iter().position(|x| x == d) {
        Some(i) => {
            b.domaines.remove(i);
        }
        None => b.domaines.push(d.to_string()),
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

/// Adds a line of the request (its pieces one after the other) to `s`.
fn ligne(s: &mut String, pieces: &[&str]) {
    if !s.is_empty() {
        s.push('\n');
    }
    for x in pieces {
        s.push_str(x);
    }
}

impl Demande {
    /// The request in plain French, for the team (mail body, printed and downloaded copies
    /// hold exactly this). `eligibilite` is the answer's sentence with its data version.
    pub fn texte_fr(&self, eligibilite: &str) -> String {
        let mut s = String::new();
        let l = &mut s;
        ligne(
            l,
            &[
                "Demande d’accompagnement individualisé — ",
                &self.jour.jj_mm_aaaa(),
            ],
        );
        ligne(l, &[]);
        ligne(l, &["Réponse de Parcours\u{a0}: ", eligibilite]);
        ligne(l, &[]);
        match &self.professionnel {
            None => ligne(
                l,
                &["Demande faite par\u{a0}: un parent ou responsable légal"],
            ),
            Some([nom, fonction, structure, contact]) => {
                let qui = match self.demandeur {
                    Demandeur::PersonnelScolaire => " (personnel scolaire), ",
                    _ => " (autre professionnel), ",
                };
                ligne(
                    l,
                    &[
                        "Demande faite par\u{a0}: ",
                        nom,
                        ", ",
                        fonction,
                        qui,
                        structure,
                        " — ",
                        contact,
                    ],
                );
            }
        }
        ligne(l, &[]);
        ligne(
            l,
            &["Enfant\u{a0}: ", &self.enfant_prenom, " ", &self.enfant_nom],
        );
        ligne(
            l,
            &[
                "Né(e) le ",
                &self.naissance.jj_mm_aaaa(),
                " (",
                &self.age.to_string(),
                if self.age <= 1 { " an)" } else { " ans)" },
            ],
        );
        if !self.ecole.is_empty() {
            ligne(l, &["École\u{a0}: ", &self.ecole]);
        }
        if !self.classe.is_empty() {
            ligne(l, &["Classe\u{a0}: ", &self.classe]);
        }
        ligne(l, &[]);
        ligne(l, &["Adresse du domicile\u{a0}: ", &self.adresse]);
        ligne(l, &["Responsables\u{a0}: ", &self.responsables]);
        if let Some(t) = &self.telephone {
            ligne(l, &["Téléphone\u{a0}: "]);
            // By pairs of digits.
            for (i, c) in t.chars().enumerate() {
                if i > 0 && i % 2 == 0 {
                    l.push(' ');
                }
                l.push(c);
            }
        }
        if let Some(m) = &self.email {
            ligne(l, &["Courriel\u{a0}: ", m]);
        }
        if !self.langue_famille.is_empty() {
            ligne(l, &["Langue de la famille\u{a0}: ", &self.langue_famille]);
        }
        ligne(
            l,
            &[
                "Interprète souhaité\u{a0}: ",
                if self.interprete { "oui" } else { "non" },
            ],
        );
        ligne(l, &[]);
        ligne(l, &["Domaines\u{a0}: "]);
        for (i, d) in self.domaines.iter().enumerate() {
            if i > 0 {
                l.push_str(", ");
            }
            l.push_str(libelle_domaine(d));
        }
        if !self.inquietude.is_empty() {
            ligne(l, &["Ce qui inquiète\u{a0}: ", &self.inquietude]);
        }
        if !self.deja_fait.is_empty() {
            ligne(l, &["Déjà essayé\u{a0}: ", &self.deja_fait]);
        }
        ligne(l, &[]);
        let date = self.consentement_date.jj_mm_aaaa();
        match self.demandeur {
            Demandeur::Parent => ligne(
                l,
                &[
                    "Accord\u{a0}: j’accepte que l’équipe me contacte (le ",
                    &date,
                    ").",
                ],
            ),
            _ => ligne(
                l,
                &[
                    "Accord\u{a0}: la famille a été informée de cette demande et l’accepte (accord donné le ",
                    &date,
                    self.consentement_moyen.map_or("", |_| ", "),
                    self.consentement_moyen.map_or("", |m| m.texte_fr()),
                    ").",
                ],
            ),
        }
        s
    }
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
    let mut lien = String::from("mailto:");
    lien.push_str(destinataire);
    lien.push_str("?subject=");
    encoder(&mut lien, sujet);
    lien.push_str("&body=");
    encoder(&mut lien, corps);
    (lien.len() <= MAX_MAILTO).then_some(lien)
}

/// Percent-encodes `t` into `s`, each line ending as CRLF (what mail wants).
fn encoder(s: &mut String, t: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in t.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                s.push(b as char)
            }
            b'\n' => s.push_str("%0D%0A"),
            _ => {
                s.push('%');
                s.push(HEX[usize::from(b >> 4)] as char);
                s.push(HEX[usize::from(b & 15)] as char);
            }
        }
    }
}

/// The request as a self-contained HTML file to download (readable on a phone): its text,
/// then the place to sign. The text is the user's: escaped, never markup.
pub fn fichier_html(texte: &str) -> String {
    let mut s = String::from(
        "<!DOCTYPE html><html lang=\"fr\" dir=\"ltr\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Demande d’accompagnement</title>\
         <style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}pre{white-space:pre-wrap;font-family:inherit}</style>\
         </head><body><pre>",
    );
    for c in texte.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            _ => s.push(c),
        }
    }
    s.push_str("</pre><p>");
    s.push_str(SIGNATURE_FR);
    s.push_str("</p><p style=\"border-bottom:1px solid #000;height:3rem\"></p></body></html>");
    s
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
    fn each_text_key_is_its_own_field() {
        // Every key reaches a field, no two the same: each field takes its key as its text.
        let mut b = Brouillon::default();
        for k in CLES_TEXTE {
            *texte_mut(&mut b, k).unwrap() = k.to_string();
        }
        let vus: Vec<String> = CLES_TEXTE
            .iter()
            .map(|k| texte_mut(&mut b, k).unwrap().clone())
            .collect();
        assert_eq!(vus, CLES_TEXTE);
        assert_eq!(b.enfant_classe, "classe");
        assert_eq!(b.langue_famille, "langue");
        assert_eq!(b.deja_fait, "dejafait");
        assert_eq!(b.consentement_date, "consentementdate");
        // Only the text fields: not the subject, nor an unknown key.
        assert!(texte_mut(&mut b, "sujet").is_none());
        assert!(texte_mut(&mut b, "").is_none());
        assert_eq!(b.sujet, "");
        basculer_domaine(&mut b, "langage");
        basculer_domaine(&mut b, "sante");
        assert_eq!(b.domaines, ["langage", "sante"]);
        basculer_domaine(&mut b, "langage");
        assert_eq!(b.domaines, ["sante"]);
    }

    #[test]
    fn the_whole_request_line_by_line() {
        // Every line, both kinds of requester, every optional line present or not.
        let mut b = parent();
        b.enfant_ecole = "École Voltaire".into();
        b.email = "s.martin@example.org".into();
        b.langue_famille = "arabe".into();
        b.interprete = true;
        b.domaines = vec!["sante".into(), "apprentissages".into()];
        b.inquietude = "Lit difficilement.".into();
        b.deja_fait = "Orthophoniste.".into();
        let t = valider(&b, jour(), 2, 16).unwrap().texte_fr("éligible");
        assert_eq!(
            t,
            "Demande d’accompagnement individualisé — 28/11/2026\n\n\
             Réponse de Parcours\u{a0}: éligible\n\n\
             Demande faite par\u{a0}: un parent ou responsable légal\n\n\
             Enfant\u{a0}: Lina Martin\n\
             Né(e) le 03/05/2017 (9 ans)\n\
             École\u{a0}: École Voltaire\n\n\
             Adresse du domicile\u{a0}: 2 Avenue du Mont Blanc, 21000 Dijon\n\
             Responsables\u{a0}: Sophie Martin\n\
             Téléphone\u{a0}: 06 12 34 56 78\n\
             Courriel\u{a0}: s.martin@example.org\n\
             Langue de la famille\u{a0}: arabe\n\
             Interprète souhaité\u{a0}: oui\n\n\
             Domaines\u{a0}: apprentissages, santé (sans détail médical)\n\
             Ce qui inquiète\u{a0}: Lit difficilement.\n\
             Déjà essayé\u{a0}: Orthophoniste.\n\n\
             Accord\u{a0}: j’accepte que l’équipe me contacte (le 28/11/2026)."
        );
        let mut b = parent();
        b.demandeur = Demandeur::AutreProfessionnel;
        b.pro_nom = "Mme Roy".into();
        b.pro_fonction = "éducatrice".into();
        b.pro_structure = "PMI".into();
        b.pro_contact = "03 80 00 00 00".into();
        b.consentement_date = "20/11/2026".into();
        b.consentement_moyen = Some(MoyenAccord::Ecrit);
        b.enfant_naissance = "2024-11-28".into();
        let t = valider(&b, jour(), 2, 16).unwrap().texte_fr("éligible");
        assert_eq!(
            t,
            "Demande d’accompagnement individualisé — 28/11/2026\n\n\
             Réponse de Parcours\u{a0}: éligible\n\n\
             Demande faite par\u{a0}: Mme Roy, éducatrice (autre professionnel), PMI — 03 80 00 00 00\n\n\
             Enfant\u{a0}: Lina Martin\n\
             Né(e) le 28/11/2024 (2 ans)\n\n\
             Adresse du domicile\u{a0}: 2 Avenue du Mont Blanc, 21000 Dijon\n\
             Responsables\u{a0}: Sophie Martin\n\
             Téléphone\u{a0}: 06 12 34 56 78\n\
             Interprète souhaité\u{a0}: non\n\n\
             Domaines\u{a0}: apprentissages\n\n\
             Accord\u{a0}: la famille a été informée de cette demande et l’accepte (accord donné le 20/11/2026, par écrit)."
        );
        // One year old: « an ».
        let mut d = valider(&parent(), jour(), 0, 16).unwrap();
        d.age = 1;
        assert!(d.texte_fr("x").contains("(1 an)\n"));
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
    fn the_mailto_link_exactly() {
        assert_eq!(
            mailto(
                "equipe@example.org",
                "Demande d’accompagnement",
                "Enfant\u{a0}: Lina & Zoé\n\n<b>« 1+1=2 ? »</b> a-b_c.d~e/f"
            )
            .unwrap(),
            "mailto:equipe@example.org?subject=Demande%20d%E2%80%99accompagnement\
             &body=Enfant%C2%A0%3A%20Lina%20%26%20Zo%C3%A9%0D%0A%0D%0A%3Cb%3E%C2%AB%201%2B1%3D2%20%3F%20%C2%BB\
             %3C%2Fb%3E%20a-b_c.d~e%2Ff"
        );
    }

    #[test]
    fn the_downloaded_file_holds_the_text_as_text() {
        assert_eq!(
            fichier_html("Enfant\u{a0}: <Lina> & \"Zoé\"\nNé(e) le 03/05/2017"),
            "<!DOCTYPE html><html lang=\"fr\" dir=\"ltr\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Demande d’accompagnement</title>\
             <style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}pre{white-space:pre-wrap;font-family:inherit}</style>\
             </head><body><pre>Enfant\u{a0}: &lt;Lina&gt; &amp; &quot;Zoé&quot;\nNé(e) le 03/05/2017</pre><p>Signature\u{a0}:</p>\
             <p style=\"border-bottom:1px solid #000;height:3rem\"></p></body></html>"
        );
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
        for n in 0..o.len() {
            assert_eq!(Brouillon::depuis_octets(&o[..n]), None, "prefix {n}");
        }
    }

    /// The codec writes a draft byte for byte as postcard did (same fields in the same order,
    /// varint lengths and tags): a draft kept before the codec replaced postcard is read back,
    /// and the version byte stays.
    #[test]
    fn a_draft_kept_through_postcard_reads_back() {
        let pro = Brouillon {
            demandeur: Demandeur::AutreProfessionnel,
            consentement_moyen: Some(MoyenAccord::Telephone),
            pro_nom: "Éric Noël".into(),
            interprete: true,
            domaines: DOMAINES.iter().map(|d| d.to_string()).collect(),
            inquietude: "é".repeat(200),
            ..parent()
        };
        for b in [parent(), pro, Brouillon::default()] {
            let mut ancien = vec![2];
            ancien.extend(postcard::to_allocvec(&b).unwrap());
            assert_eq!(b.vers_octets(), ancien);
            assert_eq!(Brouillon::depuis_octets(&ancien), Some(b));
        }
    }
}
