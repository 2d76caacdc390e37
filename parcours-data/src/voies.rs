//! The list of a commune's streets by name (FANTOIR), merged with the address file's streets.
//!
//! FANTOIR (DGFiP) names every voie and lieu-dit of a commune, without positions. Its rows are
//! a nature code (`RUE`, `CRS`, `LIEU-DIT`…) and a label of at most 27 characters, upper case,
//! no accents, apostrophes written as spaces (`D OR`), with abbreviations (`MAL`, `DOC`, `ST`…).
//! The pipeline:
//!
//! 1. classifies each row by [`REGLES`]: a street (its type in full) or skipped, with a
//!    [`Motif`] (lieux-dits, rural paths, numbered roads, bridges, interchanges…);
//! 2. writes the street's name in a readable upper-case form ([`nom_lisible`]): the type in
//!    full, the label's abbreviations expanded by the core's [`developper`], elisions restored
//!    (`D OR` → `D'OR`);
//! 3. keeps each street once ([`Motif::Doublon`]): the same canonical words, or a `CRS` twin
//!    of a `COUR`;
//! 4. meets the address file's streets ([`Motif::DejaDansLesAdresses`]): the same canonical
//!    words; else the same words but for the articles, when the list has one street of those
//!    words (`RUE LA FONTAINE` and `RUE DE FONTAINE` are two streets); else the same street
//!    under another spelling, one to one ([`meme_voie`]: FANTOIR's abbreviated or cut words, a
//!    title left out). The address file's spelling wins;
//! 5. the other streets are added to the index with no number ([`Fusion::ajoutees`]).

use parcours_core::normalisation::{
    canonique, classer, decouper, developper, jetons_voie, plier, Classe,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// One row of the list: nature code and label, as in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LigneVoie {
    pub nature: String,
    pub libelle: String,
}

/// Why a row of the list does not become a new voie of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Motif {
    /// Already a street of the address file (which has its positions and its spelling).
    DejaDansLesAdresses,
    /// The same street twice in the list.
    Doublon,
    LieuDit,
    /// `CR` chemin rural, `CHV` chemin vicinal, a `CHEMIN` known by its number.
    CheminRural,
    /// Numbered or fast roads: `N 74`, `CD NO 107`, `D 107`, `ROC EST`, `VOIE EXPRESS…`.
    Route,
    VoieFerree,
    /// Bridges and footbridges.
    Pont,
    Echangeur,
    Parking,
    CentreCommercial,
    /// Rivers, streams, canals.
    CoursDEau,
    /// A block of flats, addressed on its street.
    Residence,
    /// A site (`ESPACE LOUISON BOBET`), addressed on its street.
    Espace,
    /// No nature code, and nothing in the name tells a street.
    SansType,
    /// A nature code the rules do not know.
    NatureInconnue,
}

impl Motif {
    /// In words, for `build` and the manifest.
    pub fn libelle(self) -> &'static str {
        match self {
            Motif::DejaDansLesAdresses => "déjà dans le fichier d'adresses",
            Motif::Doublon => "en double dans la liste",
            Motif::LieuDit => "lieu-dit",
            Motif::CheminRural => "chemin rural ou vicinal",
            Motif::Route => "route numérotée ou voie rapide",
            Motif::VoieFerree => "voie ferrée",
            Motif::Pont => "pont ou passerelle",
            Motif::Echangeur => "échangeur",
            Motif::Parking => "parking",
            Motif::CentreCommercial => "centre commercial",
            Motif::CoursDEau => "cours d'eau ou canal",
            Motif::Residence => "résidence (adressée sur sa rue)",
            Motif::Espace => "espace (adressé sur sa rue)",
            Motif::SansType => "sans type de voie",
            Motif::NatureInconnue => "nature inconnue",
        }
    }
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Issue {
    /// A street; its type in full (empty when the label already begins with it, as `PTR`
    /// `PETITE RUE DU PRIEURE`).
    Voie(&'static str),
    Ecartee(Motif),
}

/// Which labels a rule applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Libelle {
    Tout,
    /// The first word is one of these.
    CommencePar(&'static [&'static str]),
    /// The first word holds a digit (`N12 DE POUILLY A RUFFEY`, `D108G …`, `13 DE DIJON…`).
    Numerote,
}

#[derive(Debug, Clone, Copy)]
pub struct Regle {
    /// FANTOIR's nature code (empty: no code).
    pub nature: &'static str,
    pub libelle: Libelle,
    pub issue: Issue,
}

const fn ecarter(nature: &'static str, libelle: Libelle, motif: Motif) -> Regle {
    Regle {
        nature,
        libelle,
        issue: Issue::Ecartee(motif),
    }
}

const fn voie(nature: &'static str, type_voie: &'static str) -> Regle {
    Regle {
        nature,
        libelle: Libelle::Tout,
        issue: Issue::Voie(type_voie),
    }
}

use Libelle::{CommencePar, Numerote, Tout};

/// The rules, first match wins. A nature code in none of them: [`Motif::NatureInconnue`].
pub const REGLES: &[Regle] = &[
    ecarter("LIEU-DIT", Tout, Motif::LieuDit),
    ecarter("CR", Tout, Motif::CheminRural),
    ecarter("CHV", Tout, Motif::CheminRural),
    ecarter("CHEMIN", Numerote, Motif::CheminRural),
    ecarter("N", Tout, Motif::Route),
    ecarter("CD", Tout, Motif::Route),
    ecarter("D", Tout, Motif::Route),
    ecarter("ROC", Tout, Motif::Route),
    ecarter(
        "ROUTE",
        CommencePar(&["DEPARTEMENTALE", "NATIONALE"]),
        Motif::Route,
    ),
    ecarter("VOIE", CommencePar(&["EXPRESS", "RAPIDE"]), Motif::Route),
    ecarter("VOIE", CommencePar(&["FERREE"]), Motif::VoieFerree),
    ecarter("PONT", Tout, Motif::Pont),
    ecarter("PASSERELLE", Tout, Motif::Pont),
    ecarter("ECHANGEUR", Tout, Motif::Echangeur),
    ecarter("PARKING", Tout, Motif::Parking),
    ecarter(
        "CENTRE",
        CommencePar(&["COM", "COMMERCIAL"]),
        Motif::CentreCommercial,
    ),
    ecarter("CAN", Tout, Motif::CoursDEau),
    ecarter("RUISSEAU", Tout, Motif::CoursDEau),
    ecarter("RESIDENCE", Tout, Motif::Residence),
    ecarter("ESPACE", Tout, Motif::Espace),
    // No nature code: what the name says, else skipped.
    ecarter("", CommencePar(&["PONT", "PASSERELLE"]), Motif::Pont),
    ecarter("", CommencePar(&["ECHANGEUR"]), Motif::Echangeur),
    ecarter("", Numerote, Motif::Route),
    ecarter("", Tout, Motif::SansType),
    // Streets, with their type in full.
    voie("RUE", "RUE"),
    voie("AVENUE", "AVENUE"),
    voie("BOULEVARD", "BOULEVARD"),
    voie("PLACE", "PLACE"),
    voie("IMPASSE", "IMPASSE"),
    voie("ALLEE", "ALLEE"),
    voie("CHEMIN", "CHEMIN"),
    voie("ROUTE", "ROUTE"),
    voie("QUAI", "QUAI"),
    voie("SQUARE", "SQUARE"),
    voie("COUR", "COUR"),
    voie("CRS", "COURS"),
    voie("CITE", "CITE"),
    voie("PARC", "PARC"),
    voie("REMPART", "REMPART"),
    voie("REM", "REMPART"),
    voie("PROMENADE", "PROMENADE"),
    voie("PASSAGE", "PASSAGE"),
    voie("PASS", "PASSAGE"),
    voie("ESPLANADE", "ESPLANADE"),
    voie("VOIE", "VOIE"),
    voie("PTR", "PETITE RUE"),
    voie("SENTIER", "SENTIER"),
    voie("MAIL", "MAIL"),
    voie("RUELLE", "RUELLE"),
    voie("PRV", "PARVIS"),
    voie("PORT", "PORT"),
    voie("MTE", "MONTEE"),
    voie("GALLERIE", "GALERIE"),
    voie("GALERIE", "GALERIE"),
    voie("FG", "FAUBOURG"),
    voie("FAUBOURG", "FAUBOURG"),
    voie("VILLA", "VILLA"),
    voie("HAMEAU", "HAMEAU"),
    voie("CARREFOUR", "CARREFOUR"),
    voie("RPT", "ROND-POINT"),
];

/// The first word of a label, upper case.
fn premier_mot(libelle: &str) -> &str {
    libelle.split_whitespace().next().unwrap_or("")
}

/// The rule that decides a row (the first that applies), if any.
pub fn regle(nature: &str, libelle: &str) -> Option<&'static Regle> {
    let nature = nature.trim();
    let premier = premier_mot(libelle);
    REGLES.iter().find(|r| {
        r.nature.eq_ignore_ascii_case(nature)
            && match r.libelle {
                Tout => true,
                CommencePar(mots) => mots.iter().any(|m| m.eq_ignore_ascii_case(premier)),
                Numerote => premier.bytes().any(|b| b.is_ascii_digit()),
            }
    })
}

/// Step 1: what a row is. A nature code no rule knows: [`Motif::NatureInconnue`].
pub fn classer_ligne(nature: &str, libelle: &str) -> Issue {
    regle(nature, libelle)
        .map(|r| r.issue)
        .unwrap_or(Issue::Ecartee(Motif::NatureInconnue))
}

/// Words that the core's table would expand but that are French words in a name
/// (`ALLEE DES PRES DU BATTOIR`: meadows, not président). Kept as written when shown.
const HOMOGRAPHES: &[&str] = &["pres", "pas", "lot", "sent", "mar", "al", "all"];

/// Step 2: the name shown, upper case: the type in full, then the label with its
/// abbreviations expanded (`MAL` → `MARECHAL`, `ST` → `SAINT`, `AVE` → `AVENUE`) and its
/// elisions restored (`D OR` → `D'OR`). A word followed by a dot (`R.`, `LEG.`) is kept.
pub fn nom_lisible(type_voie: &str, libelle: &str) -> String {
    let mots: Vec<&str> = libelle.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(mots.len() + 1);
    let type_mots: Vec<&str> = type_voie.split_whitespace().collect();
    if !type_mots.is_empty() && !mots.starts_with(&type_mots) {
        out.push(type_voie.to_string());
    }
    let mut elision = false;
    for (i, mot) in mots.iter().enumerate() {
        let plie = plier(mot);
        let plein = developper(&plie);
        let mot_ecrit = if plein != plie
            && plie.len() >= 2
            && plie.bytes().all(|b| b.is_ascii_alphabetic())
            && !HOMOGRAPHES.contains(&plie.as_str())
        {
            plein.to_ascii_uppercase()
        } else {
            mot.to_string()
        };
        if elision {
            if let Some(dernier) = out.last_mut() {
                dernier.push('\'');
                dernier.push_str(&mot_ecrit);
            }
        } else {
            out.push(mot_ecrit);
        }
        let suivant = mots.get(i + 1).and_then(|s| s.chars().next());
        elision = matches!(*mot, "D" | "L")
            && suivant.is_some_and(|c| "AEIOUYH".contains(c.to_ascii_uppercase()));
    }
    out.join(" ")
}

/// Whether a word of the list may stand for a longer word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Abreviation {
    /// A whole word (or an abbreviation the core's table expanded).
    Aucune,
    /// Four letters or fewer, not in the core's table (`ALEX`): may begin a word at least
    /// twice as long (`ALEXANDRE`, but `JEAN` is not `JEANNE`).
    Courte,
    /// Followed by a dot (`LEG.`, the initial `D.`) or cut by FANTOIR's column width: may
    /// begin any longer word.
    Marquee,
}

/// A word of a name, for comparing streets.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mot {
    /// Canonical (the core's spelling: folded, ordinals and abbreviations in one form).
    pub forme: String,
    pub abreviation: Abreviation,
}

/// FANTOIR's label column is 27 characters wide: a label of 26 or more may have lost the end of
/// its last word (`DES MARTYRS DE LA RESISTAN`).
const LIBELLE_PLEIN: usize = 26;

/// The words of a name that tell it apart: canonical, without articles (`AV MAL DE LATTRE DE
/// TASSIGNY` and `AVENUE DU MARECHAL DE LATTRE DE TASSIGNY` have the same).
pub fn mots_cles(nom: &str, coupe_possible: bool) -> Vec<Mot> {
    let plie = plier(nom);
    let jetons = decouper(&plie);
    let point_final = plie.trim_end().ends_with('.');
    let mut out = Vec::new();
    let n = jetons.len();
    for (i, j) in jetons.iter().enumerate() {
        let suivi_d_un_point = match jetons.get(i + 1) {
            Some(s) => s.sep_avant == '.',
            None => point_final,
        };
        let canon = canonique(&j.texte);
        let plein = developper(canon);
        let developpe = plein != canon;
        for forme in plein.split(' ') {
            let lettres = forme.bytes().all(|b| b.is_ascii_alphabetic());
            let abreviation = if !lettres || developpe {
                Abreviation::Aucune
            } else if suivi_d_un_point || (coupe_possible && i + 1 == n) {
                Abreviation::Marquee
            } else if forme.len() <= 4 {
                Abreviation::Courte
            } else {
                Abreviation::Aucune
            };
            if classer(forme) == Classe::Article && !(suivi_d_un_point && forme.len() == 1) {
                continue;
            }
            out.push(Mot {
                forme: forme.to_string(),
                abreviation,
            });
        }
    }
    out
}

/// Titles that one spelling of a name may leave out (`RUE DOC ALBERT REMY`, `RUE ALBERT REMY`).
pub const TITRES: &[&str] = &[
    "docteur",
    "general",
    "marechal",
    "colonel",
    "commandant",
    "capitaine",
    "lieutenant",
    "president",
    "professeur",
    "amiral",
    "abbe",
    "chanoine",
    "monseigneur",
    "cardinal",
];

/// Two spellings of one word: FANTOIR's abbreviated word begins the other (`LEG.` legion,
/// `D.` Delano, `RESISTAN` résistance, `ALEX` Alexandre); or, as the last words of both
/// names, they differ by a final `e` or `s` (`FONDOIRE`/`FONDOIR`, `BRETENIERE`/`BRETENIERES`;
/// not inside a name, where `MICHEL` is not `MICHELE`).
fn meme_mot(liste: &Mot, adresse: &Mot, derniers: bool) -> bool {
    fn racine(m: &str) -> &str {
        let m = m.strip_suffix('s').unwrap_or(m);
        m.strip_suffix('e').unwrap_or(m)
    }
    let debut = adresse.forme.len() > liste.forme.len() && adresse.forme.starts_with(&liste.forme);
    let abrege = match liste.abreviation {
        Abreviation::Aucune => false,
        Abreviation::Courte => debut && adresse.forme.len() >= 2 * liste.forme.len(),
        Abreviation::Marquee => debut,
    };
    abrege
        || (derniers
            && racine(&liste.forme).len() >= 4
            && racine(&liste.forme) == racine(&adresse.forme))
}

/// Step 4, beyond equal words: whether a name of the list and one of the address file are the
/// same street. Word by word in order: equal; or the same word abbreviated, cut or with a
/// final e/s (not for the street type: `COUR` is not `COURS`); or a title only one of them
/// has (two different titles: two people). At least one word that names the street, not a
/// title, must be equal in both.
pub fn meme_voie(liste: &[Mot], adresse: &[Mot]) -> bool {
    let titre = |m: &Mot| TITRES.contains(&m.forme.as_str());
    let (mut i, mut j) = (0, 0);
    let mut ancre = false;
    while i < liste.len() || j < adresse.len() {
        match (liste.get(i), adresse.get(j)) {
            (Some(a), Some(b)) if a.forme == b.forme => {
                ancre |= classer(&a.forme) == Classe::Significatif && !titre(a);
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if titre(a) && titre(b) => return false,
            (Some(a), Some(b))
                if classer(&a.forme) != Classe::Type
                    && classer(&b.forme) != Classe::Type
                    && meme_mot(a, b, i + 1 == liste.len() && j + 1 == adresse.len()) =>
            {
                i += 1;
                j += 1;
            }
            (Some(a), _) if titre(a) => i += 1,
            (_, Some(b)) if titre(b) => j += 1,
            _ => return false,
        }
    }
    ancre
}

fn formes(mots: &[Mot]) -> Vec<String> {
    mots.iter().map(|m| m.forme.clone()).collect()
}

/// What the merge gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fusion {
    /// The list's streets not in the address file, readable names, in the list's order.
    pub ajoutees: Vec<String>,
    /// Rows not added, by reason (every row is either added or counted here once).
    pub ecartees: BTreeMap<Motif, usize>,
    /// The address file's streets that the list names.
    pub adresses_reconnues: usize,
    /// The address file's streets the list does not name (newer, or spelt otherwise).
    pub adresses_absentes: Vec<String>,
}

/// Steps 1 to 5: the list's rows against the names of the address file's streets (of the
/// same commune).
pub fn fusionner(lignes: &[LigneVoie], noms_adresses: &[String]) -> Fusion {
    let mut f = Fusion::default();
    let compter = |f: &mut Fusion, m: Motif| *f.ecartees.entry(m).or_insert(0) += 1;

    // A CRS (cours) with the label of a COUR is the same courtyard under the older code.
    let cours: HashSet<Vec<String>> = lignes
        .iter()
        .filter(|l| l.nature.trim() == "COUR")
        .map(|l| jetons_voie(&l.libelle))
        .collect();

    // Steps 1 to 3. The same street twice: the same canonical words, articles included
    // (`RUE LA FONTAINE` is not `RUE DE FONTAINE`).
    let mut candidates: Vec<(String, Vec<String>, Vec<Mot>)> = Vec::new();
    let mut vues: HashSet<Vec<String>> = HashSet::new();
    for l in lignes {
        let type_voie = match classer_ligne(&l.nature, &l.libelle) {
            Issue::Ecartee(m) => {
                compter(&mut f, m);
                continue;
            }
            Issue::Voie(t) => t,
        };
        if l.nature.trim() == "CRS" && cours.contains(&jetons_voie(&l.libelle)) {
            compter(&mut f, Motif::Doublon);
            continue;
        }
        let nom = nom_lisible(type_voie, &l.libelle);
        let complet = jetons_voie(&nom);
        if !vues.insert(complet.clone()) {
            compter(&mut f, Motif::Doublon);
            continue;
        }
        let coupe = l.libelle.chars().count() >= LIBELLE_PLEIN;
        let mots = mots_cles(&nom, coupe);
        candidates.push((nom, complet, mots));
    }

    // Step 4.
    let adresses: Vec<(Vec<String>, Vec<Mot>)> = noms_adresses
        .iter()
        .map(|n| (jetons_voie(n), mots_cles(n, false)))
        .collect();
    let mut reconnue = vec![false; adresses.len()];
    let mut rencontree = vec![false; candidates.len()];
    // a. The same canonical words, articles included.
    let mut par_complet: HashMap<&[String], Vec<usize>> = HashMap::new();
    for (k, (complet, _)) in adresses.iter().enumerate() {
        par_complet.entry(complet).or_default().push(k);
    }
    for (c, (_, complet, _)) in candidates.iter().enumerate() {
        for &k in par_complet.get(complet.as_slice()).into_iter().flatten() {
            rencontree[c] = true;
            reconnue[k] = true;
        }
    }
    // b. The same words but for the articles (`AV MAL DE LATTRE DE TASSIGNY`, `AVENUE DU
    // MARECHAL DE LATTRE DE TASSIGNY`), when the list has one street of those words.
    let mut sans_articles: HashMap<Vec<String>, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for (c, (_, _, mots)) in candidates.iter().enumerate() {
        sans_articles.entry(formes(mots)).or_default().0.push(c);
    }
    for (k, (_, mots)) in adresses.iter().enumerate() {
        if let Some(g) = sans_articles.get_mut(&formes(mots)) {
            g.1.push(k);
        }
    }
    for (cs, ks) in sans_articles.values() {
        if let ([c], [_, ..]) = (cs.as_slice(), ks.as_slice()) {
            rencontree[*c] = true;
            for &k in ks {
                reconnue[k] = true;
            }
        }
    }
    // c. Other spellings ([`meme_voie`]), one to one.
    let mut paires: Vec<(usize, usize)> = Vec::new();
    for (c, (_, _, mots)) in candidates.iter().enumerate() {
        if rencontree[c] {
            continue;
        }
        for (k, (_, a)) in adresses.iter().enumerate() {
            if !reconnue[k] && meme_voie(mots, a) {
                paires.push((c, k));
            }
        }
    }
    for &(c, k) in &paires {
        let seule = paires
            .iter()
            .filter(|&&(c2, k2)| c2 == c || k2 == k)
            .count()
            == 1;
        if seule {
            rencontree[c] = true;
            reconnue[k] = true;
        }
    }

    // Step 5.
    for (c, (nom, _, _)) in candidates.into_iter().enumerate() {
        if rencontree[c] {
            compter(&mut f, Motif::DejaDansLesAdresses);
        } else {
            f.ajoutees.push(nom);
        }
    }
    f.adresses_reconnues = reconnue.iter().filter(|&&r| r).count();
    f.adresses_absentes = noms_adresses
        .iter()
        .zip(&reconnue)
        .filter(|(_, &r)| !r)
        .map(|(n, _)| n.clone())
        .collect();
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ligne(nature: &str, libelle: &str) -> LigneVoie {
        LigneVoie {
            nature: nature.into(),
            libelle: libelle.into(),
        }
    }

    /// Every rule, with a row it decides (rows of the kinds found in Dijon's list).
    #[test]
    fn each_rule_decides_its_rows() {
        let cas: &[(&str, &str, Issue)] = &[
            ("LIEU-DIT", "LES ABATTOIRS", Issue::Ecartee(Motif::LieuDit)),
            ("CR", "N16", Issue::Ecartee(Motif::CheminRural)),
            (
                "CHV",
                "104 D AHUY A RUFF",
                Issue::Ecartee(Motif::CheminRural),
            ),
            (
                "CHEMIN",
                "N12 DE POUILLY A RUFFEY",
                Issue::Ecartee(Motif::CheminRural),
            ),
            ("N", "74", Issue::Ecartee(Motif::Route)),
            ("CD", "NO 107", Issue::Ecartee(Motif::Route)),
            ("D", "107", Issue::Ecartee(Motif::Route)),
            ("ROC", "EST", Issue::Ecartee(Motif::Route)),
            ("ROUTE", "DEPARTEMENTALE 905", Issue::Ecartee(Motif::Route)),
            ("VOIE", "EXPRESS DIJON DOLE", Issue::Ecartee(Motif::Route)),
            (
                "VOIE",
                "FERREE PARIS LYON",
                Issue::Ecartee(Motif::VoieFerree),
            ),
            ("PONT", "DES CHARTREUX", Issue::Ecartee(Motif::Pont)),
            ("PASSERELLE", "MICHELE GEE", Issue::Ecartee(Motif::Pont)),
            ("ECHANGEUR", "NORD", Issue::Ecartee(Motif::Echangeur)),
            ("PARKING", "ANDRE MALRAUX", Issue::Ecartee(Motif::Parking)),
            (
                "CENTRE",
                "COM CLEMENCEAU",
                Issue::Ecartee(Motif::CentreCommercial),
            ),
            ("CAN", "DE BOURGOGNE", Issue::Ecartee(Motif::CoursDEau)),
            (
                "RUISSEAU",
                "DE LA FONTAINE D",
                Issue::Ecartee(Motif::CoursDEau),
            ),
            ("RESIDENCE", "AVE DU LAC", Issue::Ecartee(Motif::Residence)),
            ("ESPACE", "LOUISON BOBET", Issue::Ecartee(Motif::Espace)),
            ("", "PONT WINSTON CHURCHILL", Issue::Ecartee(Motif::Pont)),
            ("", "PASSERELLE DU CANAL", Issue::Ecartee(Motif::Pont)),
            ("", "ECHANGEUR MIRANDE", Issue::Ecartee(Motif::Echangeur)),
            (
                "",
                "D996 DE VITRY LE FRAN A BO",
                Issue::Ecartee(Motif::Route),
            ),
            ("", "LE SUZON", Issue::Ecartee(Motif::SansType)),
            ("RUE", "DE LA LIBERTE", Issue::Voie("RUE")),
            ("AVENUE", "JEAN JAURES", Issue::Voie("AVENUE")),
            ("BOULEVARD", "CARNOT", Issue::Voie("BOULEVARD")),
            ("PLACE", "DARCY", Issue::Voie("PLACE")),
            ("IMPASSE", "CDT NOISOT", Issue::Voie("IMPASSE")),
            ("ALLEE", "DES PRES DU BATTOIR", Issue::Voie("ALLEE")),
            ("CHEMIN", "DES CAILLOUX", Issue::Voie("CHEMIN")),
            ("ROUTE", "DE LANGRES", Issue::Voie("ROUTE")),
            ("QUAI", "GAUTHEY", Issue::Voie("QUAI")),
            ("SQUARE", "DARCY", Issue::Voie("SQUARE")),
            ("COUR", "DE LA GARE", Issue::Voie("COUR")),
            ("CRS", "GENERAL DE GAULLE", Issue::Voie("COURS")),
            ("CITE", "UNIVERSITAIRE", Issue::Voie("CITE")),
            ("PARC", "DES GRESILLES", Issue::Voie("PARC")),
            ("REMPART", "TIVOLI", Issue::Voie("REMPART")),
            ("REM", "TIVOLI", Issue::Voie("REMPART")),
            ("PROMENADE", "DU RHIN", Issue::Voie("PROMENADE")),
            ("PASSAGE", "DARCY", Issue::Voie("PASSAGE")),
            ("PASS", "ELIE CYPER", Issue::Voie("PASSAGE")),
            ("ESPLANADE", "27EME RI", Issue::Voie("ESPLANADE")),
            ("VOIE", "GEORGES POMPIDOU", Issue::Voie("VOIE")),
            ("PTR", "PETITE RUE DE POUILLY", Issue::Voie("PETITE RUE")),
            ("SENTIER", "DES ALOUETTES", Issue::Voie("SENTIER")),
            ("MAIL", "TINO ROSSI", Issue::Voie("MAIL")),
            ("RUELLE", "DU SUZON", Issue::Voie("RUELLE")),
            ("PRV", "ST PHILIBERT", Issue::Voie("PARVIS")),
            ("PORT", "DU CANAL", Issue::Voie("PORT")),
            ("MTE", "DE GUISE", Issue::Voie("MONTEE")),
            ("GALLERIE", "BOSSUET", Issue::Voie("GALERIE")),
            ("GALERIE", "BOSSUET", Issue::Voie("GALERIE")),
            ("FG", "SAINT PIERRE", Issue::Voie("FAUBOURG")),
            ("FAUBOURG", "RAINES", Issue::Voie("FAUBOURG")),
            ("VILLA", "DES LILAS", Issue::Voie("VILLA")),
            ("HAMEAU", "DE LA COMBE", Issue::Voie("HAMEAU")),
            ("CARREFOUR", "DE LA NATION", Issue::Voie("CARREFOUR")),
            ("RPT", "DE LA NATION", Issue::Voie("ROND-POINT")),
        ];
        for (nature, libelle, attendu) in cas {
            assert_eq!(
                classer_ligne(nature, libelle),
                *attendu,
                "{nature};{libelle}"
            );
        }
        // Each rule decides at least one of these rows (no untested rule).
        for r in REGLES {
            assert!(
                cas.iter()
                    .any(|(n, l, _)| regle(n, l).is_some_and(|x| std::ptr::eq(x, r))),
                "rule {:?} {:?} is not tested",
                r.nature,
                r.libelle
            );
        }
        assert_eq!(
            classer_ligne("CENTRE", "VILLE"),
            Issue::Ecartee(Motif::NatureInconnue),
            "CENTRE that is not a shopping centre"
        );
        assert_eq!(
            classer_ligne("XYZ", "DES LILAS"),
            Issue::Ecartee(Motif::NatureInconnue)
        );
        assert_eq!(classer_ligne(" RUE ", "X"), Issue::Voie("RUE"), "trimmed");
    }

    /// The types of the rules are the core's words: an abbreviation the core knows gives the
    /// same type (one table of abbreviations).
    #[test]
    fn the_types_agree_with_the_core_abbreviations() {
        for r in REGLES {
            if let Issue::Voie(t) = r.issue {
                let code = plier(r.nature);
                let plein = developper(&code);
                if plein != code {
                    assert_eq!(plier(t).replace('-', " "), plein, "{}", r.nature);
                }
            }
        }
    }

    #[test]
    fn readable_names() {
        for (type_voie, libelle, attendu) in [
            ("AVENUE", "MAL LYAUTEY", "AVENUE MARECHAL LYAUTEY"),
            ("RUE", "DOC MARET", "RUE DOCTEUR MARET"),
            ("PARVIS", "ST PHILIBERT", "PARVIS SAINT PHILIBERT"),
            ("SQUARE", "GEN GIRAUD", "SQUARE GENERAL GIRAUD"),
            ("IMPASSE", "CDT NOISOT", "IMPASSE COMMANDANT NOISOT"),
            (
                "CHEMIN",
                "DU DESSUS DES MARCS D OR",
                "CHEMIN DU DESSUS DES MARCS D'OR",
            ),
            ("ROUTE", "D AHUY", "ROUTE D'AHUY"),
            ("PROMENADE", "DE L'OUCHE", "PROMENADE DE L'OUCHE"),
            (
                "CHEMIN",
                "DE LA FONTAINE D OUCHE",
                "CHEMIN DE LA FONTAINE D'OUCHE",
            ),
            (
                "PETITE RUE",
                "PETITE RUE DE POUILLY",
                "PETITE RUE DE POUILLY",
            ),
            ("ALLEE", "DES PRES DU BATTOIR", "ALLEE DES PRES DU BATTOIR"),
            (
                "RUE",
                "ETIENNE ET R. MAUCHAUSSE",
                "RUE ETIENNE ET R. MAUCHAUSSE",
            ),
            (
                "AVENUE",
                "FRANKLIN D. ROOSEVELT",
                "AVENUE FRANKLIN D. ROOSEVELT",
            ),
            ("RUE", "DU 11 NOVEMBRE", "RUE DU 11 NOVEMBRE"),
            ("ESPACE", "ERASME  CAMPUS", "ESPACE ERASME CAMPUS"),
            ("RUE", "D YORK", "RUE D'YORK"),
            (
                "RUE",
                "DE LA COMBE A LA SERPENT",
                "RUE DE LA COMBE A LA SERPENT",
            ),
        ] {
            assert_eq!(nom_lisible(type_voie, libelle), attendu, "{libelle}");
        }
    }

    fn f(nom: &str) -> Vec<Mot> {
        mots_cles(nom, false)
    }

    #[test]
    fn key_words_leave_out_articles_and_mark_abbreviations() {
        let formes = |n: &str| formes(&f(n));
        assert_eq!(
            formes("AV MAL DE LATTRE DE TASSIGNY"),
            formes("AVENUE DU MARECHAL DE LATTRE DE TASSIGNY")
        );
        assert_eq!(
            formes("PLACE DE LA TOISON D OR"),
            formes("PLACE DE LA TOISON D'OR")
        );
        assert_eq!(
            formes("AVENUE DU 1ER CONSUL"),
            formes("AVENUE DU PREMIER CONSUL")
        );
        assert_eq!(formes("RUE SAINTE-ANNE"), formes("RUE STE ANNE"));
        let roosevelt = f("AVENUE FRANKLIN D. ROOSEVELT");
        assert_eq!(
            roosevelt
                .iter()
                .map(|m| m.forme.as_str())
                .collect::<Vec<_>>(),
            ["avenue", "franklin", "d", "roosevelt"],
            "an initial is kept, not taken for an article"
        );
        assert_eq!(roosevelt[2].abreviation, Abreviation::Marquee);
        assert_eq!(roosevelt[3].abreviation, Abreviation::Aucune);
        let legion = f("PLACE 30 OCTOBRE ET LEG. D'HONN.");
        assert!(legion.iter().all(|m| m.forme != "et"));
        assert_eq!(legion[3].abreviation, Abreviation::Marquee, "{legion:?}");
        assert_eq!(legion[4].abreviation, Abreviation::Marquee, "{legion:?}");
        let colonel = &f("RUE COL DRIANT")[1];
        assert_eq!(
            (colonel.forme.as_str(), colonel.abreviation),
            ("colonel", Abreviation::Aucune)
        );
        assert_eq!(f("BD ALEX 1ER")[1].abreviation, Abreviation::Courte);
        let coupe = mots_cles("BOULEVARD DES MARTYRS DE LA RESISTAN", true);
        assert_eq!(coupe.last().unwrap().abreviation, Abreviation::Marquee);
        let entier = f("BOULEVARD DES MARTYRS DE LA RESISTAN");
        assert_eq!(entier.last().unwrap().abreviation, Abreviation::Aucune);
    }

    #[test]
    fn same_street_under_another_spelling() {
        let vrai = [
            (
                "BOULEVARD ALEX 1ER DE YOUGOSLAVIE",
                "BOULEVARD ALEXANDRE 1er DE YOUGOSLAVIE",
            ),
            (
                "PLACE 30 OCTOBRE ET LEG. D'HONN.",
                "PLACE DU 30 OCTOBRE ET DE LA LEGION D'HONNEUR",
            ),
            (
                "AVENUE FRANKLIN D. ROOSEVELT",
                "AVENUE FRANKLIN DELANO ROOSEVELT",
            ),
            ("RUE DE LA TOUR FONDOIRE", "RUE DE LA TOUR DU FONDOIR"),
            ("RUE RANFER DE BRETENIERE", "RUE RANFER DE BRETENIERES"),
            ("RUE DOCTEUR ALBERT REMY", "RUE ALBERT REMY"),
            ("PLACE WILSON", "PLACE DU PRESIDENT WILSON"),
        ];
        for (liste, adresse) in vrai {
            assert!(meme_voie(&f(liste), &f(adresse)), "{liste} = {adresse}");
        }
        assert!(meme_voie(
            &mots_cles("BOULEVARD DES MARTYRS DE LA RESISTAN", true),
            &f("BOULEVARD DES MARTYRS DE LA RESISTANCE")
        ));
        let faux = [
            ("COURS BOURBERAIN", "COUR BOURBERAIN"),
            ("RUE JEAN RENAUD", "RUE JEAN RENAUDOT"),
            ("RUE DU PONT", "RUE DU PONTET"),
            ("RUE DOCTEUR MARET", "RUE GENERAL MARET"),
            ("AVENUE JEAN JAURES", "RUE JEAN JAURES"),
            ("RUE COUBERTIN", "RUE PIERRE DE COUBERTIN"),
            ("RUE DES ROSES", "RUE DES ROSIERS"),
            ("RUE JEAN MOULIN", "RUE JEANNE MOULIN"),
            ("RUE MICHEL BERTHIER", "RUE MICHELE BERTHIER"),
            ("RUE DOCTEUR", "RUE"),
            (
                "BOULEVARD DES MARTYRS DE LA RESISTAN",
                "BOULEVARD DES MARTYRS DE LA RESISTANCE",
            ),
        ];
        for (liste, adresse) in faux {
            assert!(!meme_voie(&f(liste), &f(adresse)), "{liste} ≠ {adresse}");
        }
    }

    #[test]
    fn the_merge_counts_every_row_once() {
        let lignes = [
            ligne("RUE", "DE LA LIBERTE"),
            ligne("AVENUE", "MAL FOCH"),
            ligne("RUE", "DOC MARET"),
            ligne("BOULEVARD", "DES MARTYRS DE LA RESISTAN"),
            ligne("RUE", "DES PERRIERES"),
            ligne("COUR", "SAINTE MARIE"),
            ligne("COUR", "STE MARIE"),
            ligne("CRS", "SAINTE MARIE"),
            ligne("CRS", "FLEURY"),
            ligne("LIEU-DIT", "LES ABATTOIRS"),
            ligne("CR", "N16"),
            ligne("", "LE SUZON"),
            ligne("CHEMIN", "DU DESSUS DES MARCS D OR"),
            ligne("RUE", "DE FONTAINE"),
            ligne("RUE", "LA FONTAINE"),
            ligne("PLACE", "DES DUCS DE BOURGOGNE"),
        ];
        let adresses: Vec<String> = [
            "RUE DE LA LIBERTE",
            "AVENUE MARECHAL FOCH",
            "RUE DU DOCTEUR MARET",
            "BOULEVARD DES MARTYRS DE LA RESISTANCE",
            "RUE MONGE",
            "RUE DE FONTAINE",
            "PLACE DES DUCS DE BOURGOGNE",
            "PLACE DUCS DE BOURGOGNE",
        ]
        .map(String::from)
        .into();
        let r = fusionner(&lignes, &adresses);
        assert_eq!(
            r.ajoutees,
            [
                "RUE DES PERRIERES",
                "COUR SAINTE MARIE",
                "COURS FLEURY",
                "CHEMIN DU DESSUS DES MARCS D'OR",
                "RUE LA FONTAINE"
            ],
            "the list tells RUE LA FONTAINE from RUE DE FONTAINE: a street of its own"
        );
        assert_eq!(r.adresses_reconnues, 7);
        assert_eq!(r.adresses_absentes, ["RUE MONGE"]);
        let attendu: BTreeMap<Motif, usize> = [
            (Motif::DejaDansLesAdresses, 6),
            (Motif::Doublon, 2),
            (Motif::LieuDit, 1),
            (Motif::CheminRural, 1),
            (Motif::SansType, 1),
        ]
        .into();
        assert_eq!(r.ecartees, attendu);
        assert_eq!(
            r.ajoutees.len() + r.ecartees.values().sum::<usize>(),
            lignes.len()
        );
        // Without an address file, every street of the list is added.
        let seule = fusionner(&lignes, &[]);
        assert_eq!(seule.ajoutees.len(), 11);
        assert_eq!(seule.adresses_reconnues, 0);
    }

    #[test]
    fn an_ambiguous_spelling_is_not_merged() {
        // Two streets of the address file that the abbreviated name could both be: neither is
        // taken for it, the list's street is added.
        let lignes = [ligne("RUE", "ALEX DUMAS")];
        let adresses = ["RUE ALEXANDRE DUMAS", "RUE ALEXANDRINE DUMAS"].map(String::from);
        let r = fusionner(&lignes, &adresses);
        assert_eq!(r.ajoutees, ["RUE ALEX DUMAS"]);
        let r = fusionner(&lignes, &adresses[..1]);
        assert!(r.ajoutees.is_empty());
        assert_eq!(r.adresses_reconnues, 1);
        // ALEX stands for a long word, not for one barely longer (Alexis is another name).
        let r = fusionner(&lignes, &["RUE ALEXIS DUMAS".to_string()]);
        assert_eq!(r.ajoutees, ["RUE ALEX DUMAS"]);
    }
}
