//! Query understanding: which tokens of a typed address are the house number, the street, and
//! what is around them (flat, floor, building, "chez …", PO box, postcode, city, country).
//!
//! People and school software write addresses with much more than the address: « Appt 3, 11 rue
//! Monge », « Bât. C esc. 2 - 3e étage - 6 rue … », « chez Mme Martin 7 rue … porte gauche »,
//! « 21000 Dijon, 8 rue Chabot-Charny », « rue Monge 17 ». Each token of the query gets an
//! [`Etiquette`], in small named steps (each with its test table), before matching:
//!
//! 1. [`etiqueter_postal`]: postcode (`21000`, `21 000`, `F-21000`), `cedex 9`, `BP 12`,
//!    `CS 70001`, country, département (`Côte-d'Or`, `(21)`).
//! 2. [`etiqueter_commune`]: a commune's name at the start or the end.
//! 3. [`etiqueter_complements`]: flat, floor, building, staircase, door, entrance, "chez" and a
//!    person's name, each with its value (`appt 3`, `3e étage`, `bât C`, `apt b12`).
//! 4. [`couper_avant_adresse`]: what precedes "number + street type" (« Résidence Les Tilleuls
//!    14 rue … ») is not the address.
//! 5. [`etiqueter_numero`]: the house number, its range and repetition, at the start or, failing
//!    that, at the end (« rue Monge, n° 17 »).
//!
//! Complement keywords (`porte`, `residence`, `batiment`…) are kept as optional words: a street
//! that has such a word in its name still gets it (« Rue de la Porte … »), one that lacks it is
//! not blamed. Everything else that is set aside is kept in [`Requete::ignores`], so a result can
//! say which words it did not use.

use crate::normalisation::{canonique, classer, decouper, developper, plier, Classe, Jeton};

/// What a token of the query is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Etiquette {
    /// A word of the street's name (the default).
    Voie,
    /// The house number.
    Numero,
    /// The second number of a range (`12-14`), or the `n°` before the number.
    NumeroAnnexe,
    /// `bis`, `ter`, `b`…
    Rep,
    /// A keyword of the flat/building/floor kind: kept as an optional word.
    Complement,
    /// The value of a complement (`3` of `appt 3`), a person's name, words before the address.
    Ignore,
    /// Postcode, cedex, PO box.
    Postal,
    /// The commune's name.
    Commune,
    /// Country or département.
    Region,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Etiquete {
    pub jeton: Jeton,
    pub etiquette: Etiquette,
}

/// A word of the query, after normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mot {
    /// Canonical spelling (abbreviation expanded).
    pub forme: String,
    /// As typed (folded), for completing an unfinished last word.
    pub brut: String,
    pub classe: Classe,
    /// A complement keyword (`porte`, `residence`…): counts when the street has it, is not
    /// missed when it has not.
    pub facultatif: bool,
}

/// A query, understood.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Requete {
    pub numero: Option<u32>,
    pub rep: Option<String>,
    /// The rep is a lone letter typed apart (`175 d auxonne`): maybe an article.
    pub rep_incertain: bool,
    /// The number was found after the street's name (`rue Monge 17`): it may be part of the
    /// name (`rue du 8 mai 1945`), which the search decides street by street.
    pub numero_en_fin: bool,
    pub mots: Vec<Mot>,
    pub code_postal: Option<String>,
    pub commune: Option<String>,
    /// The query ends inside a word: the last word may be unfinished.
    pub dernier_en_cours: bool,
    /// Words set aside as not part of the address (flat, floor, person, words before it…).
    pub ignores: Vec<String>,
}

/// A house number has at most this many digits (a 5-digit number is a postcode).
const MAX_CHIFFRES_NUMERO: usize = 4;

/// Repetition indices (`bis`, `ter`…) with their usual abbreviations.
const REPETITIONS: &[(&str, &str)] = &[
    ("bis", "bis"),
    ("ter", "ter"),
    ("quater", "quater"),
    ("quinquies", "quinquies"),
    ("qua", "quater"),
    ("quat", "quater"),
];

/// A lone letter after the number: `12b`, `12 t` (= ter), `5 q` (= quater).
fn lettre_rep(t: &str) -> Option<&'static str> {
    Some(match t {
        "a" => "a",
        "b" => "b",
        "c" => "c",
        "d" => "d",
        "e" => "e",
        "f" => "f",
        "g" => "g",
        "h" => "h",
        "t" => "ter",
        "q" => "quater",
        _ => return None,
    })
}

/// Keywords of the flat/building/floor kind, as folded and typed. A data table.
const COMPLEMENTS: &[&str] = &[
    "appartement",
    "appart",
    "appt",
    "apt",
    "app",
    "apprt",
    "batiment",
    "bat",
    "bt",
    "bats",
    "escalier",
    "esc",
    "etage",
    "etg",
    "porte",
    "pte",
    "logement",
    "log",
    "lgt",
    "lgmt",
    "entree",
    "hall",
    "niveau",
    "niv",
    "rdc",
    "couloir",
    "chambre",
    "chbre",
    "studio",
    "box",
    "bloc",
    "immeuble",
    "imm",
    "residence",
    "res",
    "tour",
    "pavillon",
    "villa",
    "boite",
    "bal",
    "digicode",
    "interphone",
    "code",
    "cage",
];

/// Words that may follow a complement keyword as its value, besides numbers and lone letters.
const VALEURS_COMPLEMENT: &[&str] = &[
    "gauche", "droite", "g", "d", "fond", "face", "droit", "centre", "haut", "bas", "n",
];

/// Civilities: what follows is a person's name.
const CIVILITES: &[&str] = &[
    "chez",
    "m",
    "mr",
    "mrs",
    "mme",
    "mmes",
    "mlle",
    "mle",
    "monsieur",
    "madame",
    "mademoiselle",
    "famille",
    "fam",
    "ms",
    "c/o",
];

/// Postal words that take a number after them.
const POSTAUX: &[&str] = &["bp", "cs", "tsa", "cedex", "sp"];

/// Countries and the département, in folded tokens (longest first).
const REGIONS: &[&[&str]] = &[
    &["cote", "d", "or"],
    &["cote", "dor"],
    &["bourgogne", "franche", "comte"],
    &["bourgogne"],
    &["france"],
    &["fra"],
];

fn est_nombre(t: &str) -> bool {
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
}

fn est_ordinal(t: &str) -> bool {
    let chiffres = t.bytes().take_while(u8::is_ascii_digit).count();
    chiffres > 0 && matches!(&t[chiffres..], "e" | "er")
}

fn est_type(t: &str) -> bool {
    developper(canonique(t))
        .split(' ')
        .next()
        .is_some_and(|m| classer(m) == Classe::Type)
}

fn libres(e: &[Etiquete]) -> impl Iterator<Item = (usize, &Etiquete)> {
    e.iter()
        .enumerate()
        .filter(|(_, x)| x.etiquette == Etiquette::Voie)
}

/// Step 1: postcode, cedex, PO box, country, département.
pub fn etiqueter_postal(e: &mut [Etiquete]) -> Option<String> {
    let mut code = None;
    let n = e.len();
    for i in 0..n {
        let t = e[i].jeton.texte.clone();
        if e[i].etiquette != Etiquette::Voie {
            continue;
        }
        // 21000, and "21 000" written with a space.
        if est_nombre(&t) && t.len() == 5 && (n > 1) {
            e[i].etiquette = Etiquette::Postal;
            code.get_or_insert(t.clone());
            if i > 0 && e[i - 1].jeton.texte == "f" && e[i - 1].etiquette == Etiquette::Voie {
                e[i - 1].etiquette = Etiquette::Postal;
            }
        } else if est_nombre(&t)
            && t.len() == 2
            && i + 1 < n
            && e[i + 1].jeton.texte.len() == 3
            && est_nombre(&e[i + 1].jeton.texte)
            && !matches!(e[i + 1].jeton.sep_avant, '-' | '/')
            && i > 0
        {
            e[i].etiquette = Etiquette::Postal;
            e[i + 1].etiquette = Etiquette::Postal;
            code.get_or_insert(format!("{t}{}", e[i + 1].jeton.texte));
        } else if POSTAUX.contains(&t.as_str()) && (t == "cedex" || i + 1 < n) {
            // "cedex" alone or with its number; "bp 12", "cs 70001".
            let suivant_nombre = e.get(i + 1).is_some_and(|x| est_nombre(&x.jeton.texte));
            if t == "cedex" || suivant_nombre {
                e[i].etiquette = Etiquette::Postal;
                if suivant_nombre && !(t == "cedex" && e[i + 1].jeton.texte.len() > 2) {
                    e[i + 1].etiquette = Etiquette::Postal;
                }
            }
        }
    }
    code
}

/// Step 1b: country and département names after the street (« … Dijon (Côte-d'Or) », « … -
/// France »).
pub fn etiqueter_region(e: &mut [Etiquete]) {
    let mut i = 0;
    while i < e.len() {
        let mut pris = 0;
        for r in REGIONS {
            let fin = i + r.len();
            if fin <= e.len()
                && i > 0
                && e[i..fin]
                    .iter()
                    .zip(r.iter())
                    .all(|(x, m)| x.etiquette == Etiquette::Voie && x.jeton.texte == *m)
            {
                pris = r.len();
                break;
            }
        }
        for x in &mut e[i..i + pris] {
            x.etiquette = Etiquette::Region;
        }
        i += pris.max(1);
    }
}

/// A country or région that names the street is no region: after an article (« place de la
/// France Libre », « place des Ducs de Bourgogne ») or between words of the street (« place
/// de la France li… »).
pub fn rendre_regions_nommantes(e: &mut [Etiquete]) {
    let mut fin = e.len();
    while fin > 0 {
        if e[fin - 1].etiquette != Etiquette::Region {
            fin -= 1;
            continue;
        }
        // e[debut..fin]: a run of regions (« Côte-d'Or, France »), taken as one.
        let mut debut = fin - 1;
        while debut > 0 && e[debut - 1].etiquette == Etiquette::Region {
            debut -= 1;
        }
        // Between words of the street, not before it (« Dijon, Côte-d'Or, 8 rue Monge »).
        let voie = |x: &Etiquete| x.etiquette == Etiquette::Voie;
        let apres_article = debut > 0
            && voie(&e[debut - 1])
            && classer(&e[debut - 1].jeton.texte) == Classe::Article;
        let suivie = e[..debut].iter().any(voie)
            && e.get(fin)
                .is_some_and(|x| voie(x) && !est_nombre(&x.jeton.texte));
        if apres_article || suivie {
            for x in &mut e[debut..fin] {
                x.etiquette = Etiquette::Voie;
            }
        }
        fin = debut;
    }
}

/// After the commune: a lone `21` (the département) at the very end, after a postcode or the
/// commune's name.
pub fn etiqueter_departement_final(e: &mut [Etiquete]) {
    let n = e.len();
    if n > 2
        && e[n - 1].jeton.texte == "21"
        && e[n - 1].etiquette == Etiquette::Voie
        && matches!(e[n - 2].etiquette, Etiquette::Commune | Etiquette::Postal)
    {
        e[n - 1].etiquette = Etiquette::Region;
    }
}

/// Step 2: a commune's name at the end, or at the start (after a postcode), when words remain
/// beside it. `communes` are folded names.
pub fn etiqueter_commune(e: &mut [Etiquete], communes: &[String]) -> Option<String> {
    let mut meilleur: Option<(usize, usize, &String)> = None;
    let mut voie: Vec<usize> = libres(e).map(|(i, _)| i).collect();
    // « Dijon 21 »: the département's number after the city.
    if voie.len() > 2 && voie.last().is_some_and(|&i| e[i].jeton.texte == "21") {
        voie.pop();
    }
    for c in communes {
        let noms: Vec<Jeton> = decouper(c);
        let n = noms.len();
        if n == 0 || voie.len() <= n {
            continue;
        }
        let egal = |debut: &[usize]| {
            debut
                .iter()
                .zip(&noms)
                .all(|(&i, b)| e[i].jeton.texte == b.texte)
        };
        // At the end (the usual place), else at the start (« 21000 Dijon, 8 rue … »).
        let fin = &voie[voie.len() - n..];
        let debut = &voie[..n];
        let place = if egal(fin) {
            Some(fin[0])
        } else if egal(debut) && voie.get(n).is_some_and(|&i| est_nombre(&e[i].jeton.texte)) {
            Some(debut[0])
        } else {
            None
        };
        if let Some(p) = place {
            if meilleur.is_none_or(|(m, _, _)| n > m) {
                meilleur = Some((n, p, c));
            }
        }
    }
    let (n, p, c) = meilleur?;
    let a_etiqueter: Vec<usize> = voie.iter().copied().filter(|&i| i >= p).take(n).collect();
    for i in a_etiqueter {
        e[i].etiquette = Etiquette::Commune;
    }
    Some(c.clone())
}

fn valeur_complement(t: &Jeton) -> bool {
    let x = t.texte.as_str();
    est_nombre(x)
        || est_ordinal(x)
        || (x.chars().count() == 1 && x.chars().all(|c| c.is_ascii_alphabetic()))
        || VALEURS_COMPLEMENT.contains(&x)
}

/// Step 3: flat, floor, building, door… with their values; a person's name after "chez" or a
/// civility, up to the number or the street type.
pub fn etiqueter_complements(e: &mut [Etiquete]) {
    let n = e.len();
    let mut i = 0;
    while i < n {
        if e[i].etiquette != Etiquette::Voie {
            i += 1;
            continue;
        }
        let t = e[i].jeton.texte.clone();
        if COMPLEMENTS.contains(&t.as_str()) {
            e[i].etiquette = Etiquette::Complement;
            // "3e étage", "2ème étage": the ordinal before.
            if i > 0
                && e[i - 1].etiquette == Etiquette::Voie
                && (est_ordinal(&e[i - 1].jeton.texte) || t == "etage" && i == 1)
                && valeur_complement(&e[i - 1].jeton)
            {
                e[i - 1].etiquette = Etiquette::Ignore;
            }
            // The values after: "appt 3", "bat c", "apt b12", "porte gauche", "n° 5".
            let mut j = i + 1;
            let mut pris = 0;
            let mut valeur_prise = false;
            while j < n && pris < 3 && e[j].etiquette == Etiquette::Voie {
                let x = &e[j].jeton;
                let colle_au_precedent = pris > 0 && x.colle;
                // One number or letter, then only what is glued to it or a side (gauche…).
                let mot_de_valeur = VALEURS_COMPLEMENT.contains(&x.texte.as_str());
                if !(colle_au_precedent || mot_de_valeur || valeur_complement(x) && !valeur_prise) {
                    break;
                }
                if !mot_de_valeur {
                    valeur_prise = true;
                }
                // A number followed by a street type is the house number, not a value.
                if est_nombre(&x.texte)
                    && e.get(j + 1).is_some_and(|y| {
                        est_type(&y.jeton.texte)
                            || lettre_rep(&y.jeton.texte).is_some()
                                && e.get(j + 2).is_some_and(|z| est_type(&z.jeton.texte))
                            || REPETITIONS.iter().any(|(r, _)| *r == y.jeton.texte)
                    })
                {
                    break;
                }
                e[j].etiquette = Etiquette::Ignore;
                pris += 1;
                j += 1;
                // "n° 5": the value after the n.
                if x.texte == "n" {
                    pris -= 1;
                }
            }
            i = j;
            continue;
        }
        if CIVILITES.contains(&t.as_str()) && (t == "chez" || i + 1 < n) {
            // "m" alone could be an initial: only before a capitalised name, i.e. any word that
            // is not a number or a type.
            let mut j = i + 1;
            let mut noms = 0;
            while j < n
                && e[j].etiquette == Etiquette::Voie
                && !est_nombre(&e[j].jeton.texte)
                && !est_type(&e[j].jeton.texte)
                && noms < 4
            {
                noms += 1;
                j += 1;
            }
            // A civility needs a name after it, and an address after that.
            let reste = e[j..]
                .iter()
                .any(|x| x.etiquette == Etiquette::Voie && !est_nombre(&x.jeton.texte));
            if (noms > 0 || t == "chez") && reste {
                for x in &mut e[i..j] {
                    x.etiquette = Etiquette::Ignore;
                }
                i = j;
                continue;
            }
        }
        i += 1;
    }
}

/// Step 4: « Résidence Les Tilleuls 14 rue … », « Appt 3, 11 rue … »: when "number [rep]
/// street-type" comes after other words, those words are not the address.
pub fn couper_avant_adresse(e: &mut [Etiquete]) {
    let voie: Vec<usize> = e
        .iter()
        .enumerate()
        .filter(|(_, x)| matches!(x.etiquette, Etiquette::Voie | Etiquette::Complement))
        .map(|(i, _)| i)
        .collect();
    for (k, &i) in voie.iter().enumerate() {
        if e[i].etiquette != Etiquette::Voie || !est_nombre(&e[i].jeton.texte) || k == 0 {
            continue;
        }
        if e[i].jeton.texte.len() > MAX_CHIFFRES_NUMERO {
            continue;
        }
        // The second number of a range (12-14, 12 à 14) is not where the address starts.
        let avant = &e[voie[k - 1]].jeton;
        let plage = est_nombre(&avant.texte) && matches!(e[i].jeton.sep_avant, '-' | '/')
            || matches!(avant.texte.as_str(), "a" | "au")
                && k >= 2
                && est_nombre(&e[voie[k - 2]].jeton.texte);
        if plage {
            continue;
        }
        let mut s = k + 1;
        if let Some(&j) = voie.get(s) {
            let t = e[j].jeton.texte.as_str();
            if REPETITIONS.iter().any(|(r, _)| *r == t) || lettre_rep(t).is_some() {
                s += 1;
            }
        }
        let type_suit = voie.get(s).is_some_and(|&j| est_type(&e[j].jeton.texte));
        if type_suit {
            for &j in &voie[..k] {
                if e[j].etiquette == Etiquette::Voie || e[j].etiquette == Etiquette::Complement {
                    e[j].etiquette = Etiquette::Ignore;
                }
            }
            return;
        }
    }
}

/// Step 5: the house number with its range and repetition: first of the street's tokens, or
/// failing that the last ones (« rue Monge 17 », « rue Monge, n° 17 bis »).
pub fn etiqueter_numero(e: &mut [Etiquete], r: &mut Requete) {
    let voie: Vec<usize> = libres(e).map(|(i, _)| i).collect();
    if voie.is_empty() {
        return;
    }
    let nombre = |e: &[Etiquete], i: usize| {
        est_nombre(&e[i].jeton.texte) && e[i].jeton.texte.len() <= MAX_CHIFFRES_NUMERO
    };
    let mut k = 0;
    if voie.len() > 1
        && matches!(
            e[voie[0]].jeton.texte.as_str(),
            "n" | "no" | "num" | "numero"
        )
        && nombre(e, voie[1])
    {
        e[voie[0]].etiquette = Etiquette::NumeroAnnexe;
        k = 1;
    }
    if nombre(e, voie[k]) && voie.len() > k + 1 {
        prendre_numero(e, &voie, k, r);
        return;
    }
    if nombre(e, voie[k]) && voie.len() == k + 1 {
        // A number alone is still a number (the search has nothing to match it with).
        prendre_numero(e, &voie, k, r);
        return;
    }
    // At the end: "[n°] 17 [bis]", after at least one word of the name.
    let mut fin = voie.len();
    let mut rep_fin: Option<(usize, &'static str)> = None;
    if fin >= 3 {
        let t = e[voie[fin - 1]].jeton.texte.as_str();
        let rep = REPETITIONS
            .iter()
            .find(|(a, _)| *a == t)
            .map(|(_, p)| *p)
            .or_else(|| lettre_rep(t));
        if let Some(rep) = rep {
            if nombre(e, voie[fin - 2]) {
                rep_fin = Some((voie[fin - 1], rep));
                fin -= 1;
            }
        }
    }
    if fin >= 2 && nombre(e, voie[fin - 1]) {
        let i = voie[fin - 1];
        let mut debut_nom = fin - 1;
        if fin >= 3 && matches!(e[voie[fin - 2]].jeton.texte.as_str(), "n" | "no" | "numero") {
            e[voie[fin - 2]].etiquette = Etiquette::NumeroAnnexe;
            debut_nom -= 1;
        }
        // Something of a name must come before the number.
        if (0..debut_nom).any(|k| !est_nombre(&e[voie[k]].jeton.texte)) {
            e[i].etiquette = Etiquette::Numero;
            r.numero = e[i].jeton.texte.parse().ok();
            r.numero_en_fin = true;
            if let Some((j, rep)) = rep_fin {
                e[j].etiquette = Etiquette::Rep;
                r.rep = Some(rep.to_string());
            }
        } else if debut_nom != fin - 1 {
            e[voie[fin - 2]].etiquette = Etiquette::Voie;
        }
    }
}

fn prendre_numero(e: &mut [Etiquete], voie: &[usize], k: usize, r: &mut Requete) {
    e[voie[k]].etiquette = Etiquette::Numero;
    r.numero = e[voie[k]].jeton.texte.parse().ok();
    let mut i = k + 1;
    let jeton = |e: &[Etiquete], i: usize| voie.get(i).map(|&x| e[x].jeton.clone());
    // Range: 12-14, 12/14, 12 à 14.
    if jeton(e, i).is_some_and(|j| est_nombre(&j.texte) && matches!(j.sep_avant, '-' | '/')) {
        e[voie[i]].etiquette = Etiquette::NumeroAnnexe;
        i += 1;
    } else if jeton(e, i).is_some_and(|j| j.texte == "a" || j.texte == "au")
        && jeton(e, i + 1).is_some_and(|j| est_nombre(&j.texte))
    {
        e[voie[i]].etiquette = Etiquette::NumeroAnnexe;
        e[voie[i + 1]].etiquette = Etiquette::NumeroAnnexe;
        i += 2;
    }
    // Repetition.
    if let Some(j) = jeton(e, i) {
        let suite = voie.len() > i + 1;
        if let Some((_, rep)) = REPETITIONS.iter().find(|(a, _)| *a == j.texte) {
            r.rep = Some(rep.to_string());
            e[voie[i]].etiquette = Etiquette::Rep;
        } else if let Some(rep) = lettre_rep(&j.texte) {
            if !j.elide && (suite || j.colle) {
                r.rep = Some(rep.to_string());
                // A lone letter typed apart may be an article (`175 d auxonne`); `t` and `q`
                // are not articles.
                r.rep_incertain = !j.colle && rep.len() == 1;
                e[voie[i]].etiquette = Etiquette::Rep;
            }
        }
    }
}

/// Every step: the query as a whole. `communes` are the folded names of the communes the data
/// covers.
pub fn analyser(requete: &str, communes: &[String]) -> Requete {
    let mut e: Vec<Etiquete> = decouper(&plier(requete))
        .into_iter()
        .map(|jeton| Etiquete {
            jeton,
            etiquette: Etiquette::Voie,
        })
        .collect();
    let mut r = Requete {
        dernier_en_cours: requete.chars().last().is_some_and(char::is_alphanumeric),
        ..Requete::default()
    };
    r.code_postal = etiqueter_postal(&mut e);
    let avant = e.clone();
    etiqueter_region(&mut e);
    r.commune = etiqueter_commune(&mut e, communes);
    etiqueter_departement_final(&mut e);
    etiqueter_complements(&mut e);
    couper_avant_adresse(&mut e);
    rendre_regions_nommantes(&mut e);
    // Nothing left to name a street: those words were the street after all (« Rue de la
    // Porte », « Résidence du Parc », « rue de la Côte d'Or »).
    let nomme = |e: &[Etiquete]| {
        e.iter().any(|x| {
            x.etiquette == Etiquette::Voie
                && !est_nombre(&x.jeton.texte)
                && developper(canonique(&x.jeton.texte))
                    .split(' ')
                    .any(|m| classer(m) == Classe::Significatif)
        })
    };
    if !nomme(&e) {
        e = avant;
        r.commune = etiqueter_commune(&mut e, communes);
    }
    etiqueter_numero(&mut e, &mut r);

    for x in &e {
        let brut = &x.jeton.texte;
        match x.etiquette {
            Etiquette::Voie | Etiquette::Complement => {
                for forme in developper(canonique(brut)).split(' ') {
                    r.mots.push(Mot {
                        forme: forme.to_string(),
                        brut: brut.clone(),
                        classe: classer(forme),
                        facultatif: x.etiquette == Etiquette::Complement,
                    });
                }
            }
            Etiquette::Ignore => r.ignores.push(brut.clone()),
            _ => {}
        }
    }
    // The last word is being typed only if it is a word of the street.
    if e.last().is_some_and(|x| x.etiquette != Etiquette::Voie) {
        r.dernier_en_cours = false;
    }
    // An unfinished last word that looks like an article may be the start of a name
    // ("rue d'aux" → Auxonne).
    if r.dernier_en_cours && r.commune.is_none() && r.code_postal.is_none() {
        if let Some(m) = r.mots.last_mut() {
            if m.classe == Classe::Article {
                m.classe = Classe::Significatif;
            }
        }
    }
    r
}

/// One street type typed is the street's type: the first word when it is one, else the last
/// (« Monge rue », « du Faubourg Raines rue »), else the first one met. Any other type word
/// names the street (« cours du Parc », « rue du Port », « allée de la Cour »), so a street
/// without that word is not the one typed. The same type typed twice (« rue rue Monge ») and
/// « rond point » stay types.
pub fn nommer_autres_types(mots: &mut [Mot]) {
    let rue: Vec<usize> = (0..mots.len()).filter(|&i| !mots[i].facultatif).collect();
    let est_type = |i: &&usize| mots[**i].classe == Classe::Type;
    let Some(&choisi) = (rue.first().filter(est_type))
        .or_else(|| rue.last().filter(est_type))
        .or_else(|| rue.iter().find(est_type))
    else {
        return;
    };
    let type_voie = &mots[choisi].forme;
    let rond_point = |a: usize, b: usize| mots[a].forme == "rond" && mots[b].forme == "point";
    let compose = |i: usize| {
        (i == choisi + 1 && rond_point(choisi, i)) || (i + 1 == choisi && rond_point(i, choisi))
    };
    let noms: Vec<usize> = rue
        .iter()
        .copied()
        .filter(|&i| {
            i != choisi
                && mots[i].classe == Classe::Type
                && mots[i].forme != *type_voie
                && !compose(i)
        })
        .collect();
    for i in noms {
        mots[i].classe = Classe::Significatif;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn communes() -> Vec<String> {
        vec!["dijon".to_string(), "chenove".to_string()]
    }

    fn mots(r: &Requete) -> String {
        r.mots
            .iter()
            .map(|m| {
                if m.facultatif {
                    format!("({})", m.forme)
                } else {
                    m.forme.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// (query, number, rep, street words (optional ones in brackets)).
    fn verifier(table: &[(&str, Option<u32>, Option<&str>, &str)]) {
        for &(q, numero, rep, attendu) in table {
            let r = analyser(q, &communes());
            assert_eq!(
                (r.numero, r.rep.as_deref(), mots(&r).as_str()),
                (numero, rep, attendu),
                "{q}"
            );
        }
    }

    #[test]
    fn numero_et_rep_table() {
        for (entree, numero, rep, incertain) in [
            ("12 bis rue piron", Some(12), Some("bis"), false),
            ("12bis rue piron", Some(12), Some("bis"), false),
            ("12b rue piron", Some(12), Some("b"), false),
            ("12 B rue piron", Some(12), Some("b"), true),
            ("12 ter, rue piron", Some(12), Some("ter"), false),
            ("12t rue piron", Some(12), Some("ter"), false),
            ("17 T rue piron", Some(17), Some("ter"), false),
            ("5 Q rue piron", Some(5), Some("quater"), false),
            ("n° 12 rue piron", Some(12), None, false),
            ("no 12 rue piron", Some(12), None, false),
            ("12, rue piron", Some(12), None, false),
            ("12-14 rue piron", Some(12), None, false),
            ("12 à 14 rue piron", Some(12), None, false),
            ("175 d'auxonne", Some(175), None, false),
            ("175 d auxonne", Some(175), Some("d"), true),
            ("rue piron", None, None, false),
            ("place du 30 octobre", None, None, false),
            ("2 place du 30 octobre", Some(2), None, false),
        ] {
            let r = analyser(entree, &communes());
            assert_eq!(r.numero, numero, "{entree}");
            assert_eq!(r.rep.as_deref(), rep, "{entree}");
            assert_eq!(r.rep_incertain, incertain, "{entree}");
        }
    }

    #[test]
    fn code_postal_et_commune_mis_de_cote() {
        let r = analyser("41 rue pasteur 21000 Dijon", &communes());
        assert_eq!(r.code_postal.as_deref(), Some("21000"));
        assert_eq!(r.commune.as_deref(), Some("dijon"));
        assert_eq!(mots(&r), "rue pasteur");
        let r = analyser("3, Place Grangier, Dijon", &communes());
        assert_eq!(r.numero, Some(3));
        assert_eq!(r.commune.as_deref(), Some("dijon"));
        // A street named after the city keeps its name when nothing else names it.
        let r = analyser("dijon", &communes());
        assert_eq!(r.mots.len(), 1);
    }

    #[test]
    fn postal_table() {
        verifier(&[
            (
                "21000 Dijon, 8 rue Chabot-Charny",
                Some(8),
                None,
                "rue chabot charny",
            ),
            (
                "3 place Darcy 21000 Dijon (Côte-d'Or)",
                Some(3),
                None,
                "place darcy",
            ),
            (
                "3 place Darcy, Dijon - France",
                Some(3),
                None,
                "place darcy",
            ),
            (
                "3 place Darcy 21000 DIJON CEDEX",
                Some(3),
                None,
                "place darcy",
            ),
            (
                "3 place Darcy 21033 Dijon Cedex 9",
                Some(3),
                None,
                "place darcy",
            ),
            ("3 place Darcy F-21000 Dijon", Some(3), None, "place darcy"),
            ("3 place Darcy 21 000 Dijon", Some(3), None, "place darcy"),
            ("3 place Darcy, Dijon 21", Some(3), None, "place darcy"),
            (
                "9 rue Musette BP 12 21000 Dijon",
                Some(9),
                None,
                "rue musette",
            ),
            ("9 rue Musette CS 70001", Some(9), None, "rue musette"),
            ("Dijon 21000 9 rue Musette", Some(9), None, "rue musette"),
            ("21000 9 rue Musette", Some(9), None, "rue musette"),
            (
                "9 rue Musette, Bourgogne, France",
                Some(9),
                None,
                "rue musette",
            ),
            ("Dijon, Côte-d'Or, 8 rue Monge", Some(8), None, "rue monge"),
            ("21000 Dijon France 8 rue Monge", Some(8), None, "rue monge"),
            // A country or région in the street's name stays there.
            (
                "6 place de la France Libre",
                Some(6),
                None,
                "place de la france libre",
            ),
            (
                "6 place de la france li",
                Some(6),
                None,
                "place de la france li",
            ),
            (
                "8 place des Ducs de Bourgogne, 21000 Dijon, France",
                Some(8),
                None,
                "place des ducs de bourgogne",
            ),
        ]);
    }

    #[test]
    fn complements_table() {
        verifier(&[
            ("Appt 3, 11 rue Monge", Some(11), None, "rue monge"),
            ("apt b12 11 rue Monge", Some(11), None, "rue monge"),
            ("Appt 3 11 Monge", Some(11), None, "(appt) monge"),
            (
                "Bât. C esc. 2 - 3e étage - 6 rue Monge",
                Some(6),
                None,
                "rue monge",
            ),
            (
                "Résidence Les Tilleuls 14 rue Monge",
                Some(14),
                None,
                "rue monge",
            ),
            (
                "chez Mme Martin 7 rue Monge porte gauche",
                Some(7),
                None,
                "rue monge (porte)",
            ),
            ("M. et Mme Dupont 7 rue Monge", Some(7), None, "rue monge"),
            (
                "7 rue Monge Logement 5",
                Some(7),
                None,
                "rue monge (logement)",
            ),
            ("7 rue Monge 2ème étage", Some(7), None, "rue monge (etage)"),
            ("7 rue Monge, apt b12", Some(7), None, "rue monge (apt)"),
            (
                "7 rue Monge Bat A Appt 12",
                Some(7),
                None,
                "rue monge (bat) (appt)",
            ),
            ("7 rue Monge RDC", Some(7), None, "rue monge (rdc)"),
            // The street's own words stay.
            (
                "3 rue de la Porte Neuve",
                Some(3),
                None,
                "rue de la (porte) neuve",
            ),
            ("Résidence du Parc", None, None, "residence du parc"),
            ("12 rue de la Tour", Some(12), None, "rue de la tour"),
            (
                "1 rue de la Côte d'Or",
                Some(1),
                None,
                "rue de la cote d or",
            ),
            (
                "1 rue de la Côte d'Or 21000 Dijon",
                Some(1),
                None,
                "rue de la cote d or",
            ),
        ]);
    }

    #[test]
    fn numero_apres_la_voie_table() {
        verifier(&[
            ("rue Monge 17", Some(17), None, "rue monge"),
            ("Monge (rue) 17", Some(17), None, "monge rue"),
            ("rue Monge, n° 17", Some(17), None, "rue monge"),
            ("rue Monge 17 bis", Some(17), Some("bis"), "rue monge"),
            ("rue Monge 17b", Some(17), Some("b"), "rue monge"),
            ("rue Monge 17 21000 Dijon", Some(17), None, "rue monge"),
            // The name's own number: the search decides (the number may be part of the name).
            ("rue du 8 mai 1945", Some(1945), None, "rue du 8 mai"),
            ("12", Some(12), None, ""),
        ]);
        assert!(analyser("rue Monge 17", &communes()).numero_en_fin);
        assert!(!analyser("17 rue Monge", &communes()).numero_en_fin);
    }

    #[test]
    fn ignores_are_kept() {
        let r = analyser("chez Mme Martin 7 rue Monge", &communes());
        assert_eq!(r.ignores, ["chez", "mme", "martin"]);
        let r = analyser("Appt 3, 11 rue Monge", &communes());
        assert_eq!(r.ignores, ["appt", "3"]);
        let r = analyser("Appt 3 11 Monge", &communes());
        assert_eq!(r.ignores, ["3"]);
    }

    #[test]
    fn one_street_type_the_others_name_the_street() {
        let types = |q: &str| -> Vec<String> {
            let mut r = analyser(q, &communes());
            nommer_autres_types(&mut r.mots);
            r.mots
                .iter()
                .filter(|m| m.classe == Classe::Type)
                .map(|m| m.forme.clone())
                .collect()
        };
        assert_eq!(types("34 cours du parc"), ["cours"]);
        assert_eq!(types("34 du parc cours"), ["cours"]);
        assert_eq!(types("53 du faubourg raines rue"), ["rue"]);
        assert_eq!(types("3 allée de la cour"), ["allee"]);
        assert_eq!(types("rue rue monge"), ["rue", "rue"]);
        assert_eq!(types("rond point de la nation"), ["rond", "point"]);
        assert_eq!(types("nation rond point"), ["rond", "point"]);
        assert_eq!(types("2 port du canal"), ["port"]);
    }

    #[test]
    fn mots_classes() {
        let r = analyser("15 r. du gal de gaulle", &communes());
        let vus: Vec<_> = r
            .mots
            .iter()
            .map(|m| (m.forme.as_str(), m.classe))
            .collect();
        assert_eq!(
            vus,
            [
                ("rue", Classe::Type),
                ("du", Classe::Article),
                ("general", Classe::Significatif),
                ("de", Classe::Article),
                ("gaulle", Classe::Significatif),
            ]
        );
        assert_eq!(r.mots[2].brut, "gal");
    }
}
