//! The address index and the search.
//!
//! The pipeline builds an [`IndexAdresses`] (voies with their numbers and the tokens of their
//! names, over a sorted vocabulary) into an asset; [`Moteur`] adds the inverted lists at load
//! time and answers queries:
//!
//! 1. the query is analysed ([`analyser`]): number, rep, postcode, city, words;
//! 2. each word meets the vocabulary: exactly, as the start of a word (the last word, being
//!    typed), or with one typo (two for long words; transpositions and AZERTY neighbours count
//!    less);
//! 3. each voie sharing a word is scored: words matched (types weigh less), words typed that
//!    it lacks, words it has that were not typed, and whether the typed number exists there;
//! 4. the best voies give their address: the number itself ([`Precision::Numero`]), a position
//!    inferred between the nearest known numbers on the same side ([`Precision::Interpolee`]),
//!    or the street alone ([`Precision::Voie`]).

use serde::{Deserialize, Serialize};

use crate::normalisation::{analyser, classer, majuscule, minuscule, plier, Classe, Mot, Requete};

/// A position in millionths of a degree (WGS84): [lon, lat].
pub type PositionE6 = [i32; 2];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Numero {
    pub numero: u32,
    /// Repetition index as in the BAN file (`bis`, `ter`, `a`…), empty when none.
    pub rep: String,
    pub position: PositionE6,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voie {
    /// The name as in the BAN file's `nom_voie`.
    pub nom: String,
    pub code_postal: String,
    pub code_insee: String,
    pub nom_commune: String,
    /// Tokens of the name, as indices into [`IndexAdresses::vocabulaire`].
    pub jetons: Vec<u32>,
    /// Sorted by (numero, rep).
    pub numeros: Vec<Numero>,
}

/// What the pipeline builds: voies and their vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexAdresses {
    /// Sorted, distinct canonical tokens of all voie names.
    pub vocabulaire: Vec<String>,
    /// Sorted by (code INSEE, nom): the voies of a commune come together.
    pub voies: Vec<Voie>,
}

/// A voie as the pipeline reads it: (name, postcode, INSEE code, commune name, numbers).
pub type VoieBrute = (String, String, String, String, Vec<Numero>);

impl IndexAdresses {
    /// Builds the index from (voie name, postcode, INSEE code, commune name, numbers).
    /// Deterministic whatever the input order.
    pub fn construire(mut voies_brutes: Vec<VoieBrute>) -> Self {
        voies_brutes.sort_by(|a, b| (&a.2, &a.0).cmp(&(&b.2, &b.0)));
        for v in &mut voies_brutes {
            v.4.sort_by(|a, b| (a.numero, &a.rep).cmp(&(b.numero, &b.rep)));
            v.4.dedup_by(|a, b| a.numero == b.numero && a.rep == b.rep);
        }
        Self::depuis_voies(voies_brutes)
    }

    /// The vocabulary and each voie's tokens, computed from the names; the voies and their
    /// numbers are kept in the order given. (The address asset does not carry the tokens: its
    /// decoder calls this.) A name's tokens are its words' tokens, in order (the normalisation
    /// works word by word: see `normalisation::jetons_voie`), so each distinct word is
    /// normalised once — "RUE", "DE", "LA" once for the whole city.
    pub(crate) fn depuis_voies(voies_brutes: Vec<VoieBrute>) -> Self {
        // Each distinct word once, in the order met, and every voie's words as indices.
        let mut mots: std::collections::HashMap<&str, u32> = Default::default();
        let mut formes: Vec<Vec<String>> = Vec::new();
        let mut mots_voies: Vec<u32> = Vec::new();
        let mut fins: Vec<usize> = Vec::with_capacity(voies_brutes.len());
        for v in &voies_brutes {
            for mot in v.0.split(' ').filter(|m| !m.is_empty()) {
                let k = *mots.entry(mot).or_insert_with(|| {
                    formes.push(jetons_mot(mot));
                    formes.len() as u32 - 1
                });
                mots_voies.push(k);
            }
            fins.push(mots_voies.len());
        }
        let mut vocabulaire: Vec<&str> = formes.iter().flatten().map(String::as_str).collect();
        trier(&mut vocabulaire);
        vocabulaire.dedup();
        let rang = |t: &String| {
            vocabulaire
                .binary_search(&t.as_str())
                .expect("token in vocabulary") as u32
        };
        let jetons_formes: Vec<Vec<u32>> = formes
            .iter()
            .map(|f| f.iter().map(rang).collect())
            .collect();
        let mut debut = 0;
        let jetons_voies: Vec<Vec<u32>> = fins
            .into_iter()
            .map(|fin| {
                let mut jetons = Vec::new();
                for &m in &mots_voies[std::mem::replace(&mut debut, fin)..fin] {
                    jetons.extend_from_slice(&jetons_formes[m as usize]);
                }
                jetons
            })
            .collect();
        let vocabulaire: Vec<String> = vocabulaire.into_iter().map(String::from).collect();
        let voies = voies_brutes
            .into_iter()
            .zip(jetons_voies)
            .map(
                |((nom, code_postal, code_insee, nom_commune, numeros), jetons)| Voie {
                    nom,
                    code_postal,
                    code_insee,
                    nom_commune,
                    jetons,
                    numeros,
                },
            )
            .collect();
        IndexAdresses { vocabulaire, voies }
    }

    pub fn nombre_adresses(&self) -> usize {
        self.voies.iter().map(|v| v.numeros.len()).sum()
    }
}

/// How precisely a result places the address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// The point of that very house number.
    Numero,
    /// Inferred between the nearest known numbers on the same side.
    Interpolee,
    /// The street only.
    Voie,
}

/// One answer of the search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resultat {
    pub voie: u32,
    pub numero: Option<u32>,
    pub rep: String,
    pub nom_voie: String,
    pub label: String,
    pub position: PositionE6,
    pub precision: Precision,
    /// The known numbers this position was inferred from (interpolated), or all the voie's
    /// numbers (street only): the decision checks whether they agree.
    pub voisins: Vec<PositionE6>,
    pub score: f32,
}

impl Resultat {
    pub fn lon(&self) -> f64 {
        self.position[0] as f64 / 1e6
    }
    pub fn lat(&self) -> f64 {
        self.position[1] as f64 / 1e6
    }
}

/// Maximum number of typos tolerated in a word of this length.
fn fautes_permises(longueur: usize) -> u32 {
    match longueur {
        0..=1 => 0,
        2..=3 => 1,
        4..=7 => 1,
        _ => 2,
    }
}

/// The search engine: the index plus its inverted lists.
#[derive(Debug, Clone)]
pub struct Moteur {
    index: IndexAdresses,
    /// Voies containing each vocabulary token.
    listes: Vec<Vec<u32>>,
    classes: Vec<Classe>,
    /// Letters present in each token, as a bit set (a cheap filter for typo matching).
    lettres: Vec<u64>,
    longueurs: Vec<u8>,
    communes: Vec<String>,
}

/// A word's matches in the vocabulary: (token, quality in 0..=1).
type Appariements = Vec<(u32, f32)>;

const QUALITE_EXACTE: f32 = 1.0;
const QUALITE_PREFIXE: f32 = 0.9;
const POIDS_TYPE: f32 = 0.35;
const POIDS_ARTICLE: f32 = 0.2;
const PENALITE_MOT_ABSENT: f32 = 0.6;
const PENALITE_MOT_EN_TROP: f32 = 0.12;
const BONUS_NUMERO_EXACT: f32 = 0.8;
const BONUS_NUMERO_AUTRE_REP: f32 = 0.6;
const BONUS_NUMERO_PROCHE: f32 = 0.1;

impl Moteur {
    pub fn new(index: IndexAdresses) -> Self {
        let mut listes = vec![Vec::new(); index.vocabulaire.len()];
        for (i, v) in index.voies.iter().enumerate() {
            for &t in &v.jetons {
                let l: &mut Vec<u32> = &mut listes[t as usize];
                if l.last() != Some(&(i as u32)) {
                    l.push(i as u32);
                }
            }
        }
        let classes = index.vocabulaire.iter().map(|t| classer(t)).collect();
        let lettres = index.vocabulaire.iter().map(|t| masque(t)).collect();
        let longueurs = index
            .vocabulaire
            .iter()
            .map(|t| t.chars().count().min(255) as u8)
            .collect();
        // Voies come grouped by commune (the index is sorted by code INSEE): consecutive
        // duplicates are all there is to remove (one left over would be harmless).
        let mut communes: Vec<&str> = index.voies.iter().map(|v| v.nom_commune.as_str()).collect();
        communes.dedup();
        let mut communes: Vec<String> = communes.into_iter().map(plier).collect();
        communes.dedup();
        Moteur {
            index,
            listes,
            classes,
            lettres,
            longueurs,
            communes,
        }
    }

    pub fn index(&self) -> &IndexAdresses {
        &self.index
    }

    /// The vocabulary token spelt exactly `mot` (the vocabulary is sorted: a binary search).
    fn jeton(&self, mot: &str) -> Option<u32> {
        let voc = &self.index.vocabulaire;
        voc.binary_search_by(|t| t.as_str().cmp(mot))
            .ok()
            .map(|i| i as u32)
    }

    pub fn voie(&self, i: u32) -> &Voie {
        &self.index.voies[i as usize]
    }

    /// Up to `max` results, best first. Never panics.
    pub fn rechercher(&self, texte: &str, max: usize) -> Vec<Resultat> {
        // Nobody types a 500-character address: bound the work on pathological input.
        let texte = tronquer(texte, 200);
        let requete = analyser(texte, &self.communes);
        self.rechercher_requete(&requete, max)
    }

    pub fn rechercher_requete(&self, requete: &Requete, max: usize) -> Vec<Resultat> {
        if max == 0 {
            return Vec::new();
        }
        let mots: Vec<&Mot> = requete.mots.iter().take(12).collect();
        if mots.iter().all(|m| m.classe == Classe::Article) {
            return Vec::new();
        }
        let dernier = mots.len() - 1;
        let appariements: Vec<Appariements> = mots
            .iter()
            .enumerate()
            .map(|(i, m)| self.apparier(m, i == dernier && requete.dernier_en_cours))
            .collect();

        // Candidate voies: those sharing a significant word (or any word when none is), each
        // once.
        let mut candidates: Vec<u32> = Vec::new();
        let mut vue = vec![false; self.index.voies.len()];
        let significatifs = mots.iter().any(|m| m.classe == Classe::Significatif);
        for (m, app) in mots.iter().zip(&appariements) {
            if m.classe == Classe::Article || (significatifs && m.classe != Classe::Significatif) {
                continue;
            }
            for &(t, _) in app {
                if significatifs && self.classes[t as usize] != Classe::Significatif {
                    continue;
                }
                for &v in &self.listes[t as usize] {
                    if !std::mem::replace(&mut vue[v as usize], true) {
                        candidates.push(v);
                    }
                }
            }
        }

        // The best `max`, kept in order as they come: best score, then the shorter name, then
        // index order (a total order, so the result does not depend on the candidates' order).
        let avant = |a: &(f32, u32), b: &(f32, u32)| {
            b.0.total_cmp(&a.0)
                .then_with(|| self.voie(a.1).nom.len().cmp(&self.voie(b.1).nom.len()))
                .then(a.1.cmp(&b.1))
                .is_lt()
        };
        let mut meilleurs: Vec<(f32, u32)> = Vec::new();
        for v in candidates {
            let Some(note) = self.noter(v, requete, &mots, &appariements) else {
                continue;
            };
            let x = (note, v);
            let k = meilleurs.partition_point(|y| avant(y, &x));
            if k < max {
                meilleurs.insert(k, x);
                meilleurs.truncate(max);
            }
        }
        meilleurs
            .into_iter()
            .map(|(score, v)| self.resultat(v, requete, score))
            .collect()
    }

    fn apparier(&self, mot: &Mot, dernier: bool) -> Appariements {
        let mut out: Appariements = Vec::new();
        let mut ajouter = |t: u32, q: f32| match out.iter_mut().find(|(x, _)| *x == t) {
            Some(e) => e.1 = e.1.max(q),
            None => out.push((t, q)),
        };
        let exact = self.jeton(&mot.forme);
        if let Some(t) = exact {
            ajouter(t, QUALITE_EXACTE);
        }
        if mot.brut != mot.forme {
            if let Some(t) = self.jeton(&mot.brut) {
                ajouter(t, QUALITE_EXACTE);
            }
        }
        if dernier {
            // Completion of the word being typed.
            for cible in [&mot.brut, &mot.forme] {
                let voc = &self.index.vocabulaire;
                let debut = voc.partition_point(|t| t.as_str() < cible.as_str());
                for (i, t) in voc[debut..].iter().enumerate() {
                    if !t.starts_with(cible.as_str()) {
                        break;
                    }
                    if t != cible {
                        ajouter((debut + i) as u32, QUALITE_PREFIXE);
                    }
                }
            }
        }
        if exact.is_none() && mot.classe != Classe::Article {
            let n = mot.forme.chars().count();
            let k = fautes_permises(n);
            if k > 0 {
                let m = masque(&mot.forme);
                let a: Vec<char> = mot.forme.chars().collect();
                for (t, mot_voc) in self.index.vocabulaire.iter().enumerate() {
                    let lt = self.longueurs[t] as usize;
                    if lt.abs_diff(n) > k as usize || (m ^ self.lettres[t]).count_ones() > 2 * k {
                        continue;
                    }
                    let b: Vec<char> = mot_voc.chars().collect();
                    if let Some(d) = distance(&a, &b, k as f32) {
                        let court = if n <= 3 { 0.15 } else { 0.0 };
                        ajouter(t as u32, 0.95 - 0.2 * d - court);
                    }
                    if dernier && lt > n {
                        // An unfinished word with a typo: compare with the token's start.
                        if let Some(d) = distance(&a, &b[..n], 1.0) {
                            if d > 0.0 {
                                ajouter(t as u32, 0.8 - 0.2 * d);
                            }
                        }
                    }
                }
            }
        }
        out
    }

    /// The voie's score for the query, or None when it is not a candidate after all.
    fn noter(&self, v: u32, requete: &Requete, mots: &[&Mot], app: &[Appariements]) -> Option<f32> {
        let voie = self.voie(v);
        let mut score = 0.0;
        let mut utilises = [false; 32];
        let lettres = |m: &Mot| m.forme.chars().count();
        let significatifs_tapes: usize = mots
            .iter()
            .filter(|m| m.classe == Classe::Significatif)
            .map(|m| lettres(m))
            .sum();
        let mut significatifs_trouves = 0;
        for (m, a) in mots.iter().zip(app) {
            let poids = match m.classe {
                Classe::Type => POIDS_TYPE,
                Classe::Article => POIDS_ARTICLE,
                Classe::Significatif => 1.0,
            };
            let mut meilleur: Option<(f32, usize)> = None;
            for (k, &t) in voie.jetons.iter().enumerate().take(32) {
                if utilises[k] {
                    continue;
                }
                if let Some(&(_, q)) = a.iter().find(|(x, _)| *x == t) {
                    if meilleur.is_none_or(|(b, _)| q > b) {
                        meilleur = Some((q, k));
                    }
                }
            }
            match meilleur {
                Some((q, k)) => {
                    utilises[k] = true;
                    score += poids * q;
                    if m.classe == Classe::Significatif {
                        significatifs_trouves += lettres(m);
                    }
                }
                None if m.classe == Classe::Article => {}
                None => score -= poids * PENALITE_MOT_ABSENT,
            }
        }
        // Most of what names the voie must be there (in letters): a query that shares one
        // short word with a voie is not about it.
        if 2 * significatifs_trouves < significatifs_tapes {
            return None;
        }
        for (k, &t) in voie.jetons.iter().enumerate().take(32) {
            if !utilises[k] && self.classes[t as usize] == Classe::Significatif {
                score -= PENALITE_MOT_EN_TROP;
            }
        }
        if let Some(n) = requete.numero {
            score += match chercher_numero(voie, n, requete.rep.as_deref()) {
                Trouve::Exact(_) => BONUS_NUMERO_EXACT,
                Trouve::AutreRep(_) if requete.rep.is_none() || requete.rep_incertain => {
                    BONUS_NUMERO_AUTRE_REP + 0.1
                }
                Trouve::AutreRep(_) => BONUS_NUMERO_AUTRE_REP,
                Trouve::Absent if !voie.numeros.is_empty() && dans_plage(voie, n) => {
                    BONUS_NUMERO_PROCHE
                }
                Trouve::Absent => 0.0,
            };
        }
        Some(score)
    }

    fn resultat(&self, v: u32, requete: &Requete, score: f32) -> Resultat {
        let voie = self.voie(v);
        let etiquette = |numero: Option<u32>, rep: &str| {
            let mut s = String::new();
            if let Some(n) = numero {
                s.push_str(&n.to_string());
                if !rep.is_empty() {
                    s.push(' ');
                    s.push_str(rep);
                }
                s.push(' ');
            }
            s.push_str(&nom_affiche(&voie.nom));
            s.push_str(", ");
            s.push_str(&voie.code_postal);
            s.push(' ');
            s.push_str(&voie.nom_commune);
            s
        };
        let base = |numero: Option<u32>, rep: String, position, precision, voisins| Resultat {
            voie: v,
            label: etiquette(numero, &rep),
            numero,
            rep,
            nom_voie: voie.nom.clone(),
            position,
            precision,
            voisins,
            score,
        };
        if let Some(n) = requete.numero {
            match chercher_numero(voie, n, requete.rep.as_deref()) {
                Trouve::Exact(i) | Trouve::AutreRep(i) => {
                    let a = &voie.numeros[i];
                    return base(
                        Some(a.numero),
                        a.rep.clone(),
                        a.position,
                        Precision::Numero,
                        vec![],
                    );
                }
                Trouve::Absent => {
                    if let Some((pos, voisins)) = interpoler(voie, n) {
                        let rep = requete.rep.clone().unwrap_or_default();
                        return base(Some(n), rep, pos, Precision::Interpolee, voisins);
                    }
                }
            }
        }
        let voisins: Vec<PositionE6> = voie.numeros.iter().map(|a| a.position).collect();
        let milieu = voie
            .numeros
            .get(voie.numeros.len() / 2)
            .map(|a| a.position)
            .unwrap_or([0, 0]);
        base(None, String::new(), milieu, Precision::Voie, voisins)
    }
}

/// A word's tokens. A function of its own, called for each distinct word: the browser
/// optimises it after the first few (it would not, inlined in one long loop).
#[inline(never)]
fn jetons_mot(mot: &str) -> Vec<String> {
    crate::normalisation::jetons_voie(mot)
}

/// Sorts words in place: a Shell sort (Ciura's gaps), a few lines of code where the standard
/// library's sorts weigh kilobytes in the WebAssembly (the app sorts nothing else); about
/// n^1.3 comparisons (the whole city's 5,000 words: ~70,000).
fn trier(v: &mut [&str]) {
    const ECARTS: [usize; 14] = [
        90_927, 40_412, 17_961, 7_983, 3_548, 1_577, 701, 301, 132, 57, 23, 10, 4, 1,
    ];
    for &g in &ECARTS {
        for i in g..v.len() {
            let x = v[i];
            let mut j = i;
            while j >= g && v[j - g] > x {
                v[j] = v[j - g];
                j -= g;
            }
            v[j] = x;
        }
    }
}

fn tronquer(texte: &str, max: usize) -> &str {
    match texte.char_indices().nth(max) {
        Some((i, _)) => &texte[..i],
        None => texte,
    }
}

/// "RUE DU CHAPITRE" → "Rue du Chapitre": BAN extracts in upper case read badly on a phone.
pub fn nom_affiche(nom: &str) -> String {
    if nom.chars().any(|c| majuscule(c) != c) {
        return nom.to_string();
    }
    let mut out = String::with_capacity(nom.len());
    let mut premier = true;
    for mot in nom.split(' ') {
        if !premier {
            out.push(' ');
        }
        let bas: String = mot.chars().map(minuscule).collect();
        let garder_bas = !premier
            && matches!(
                bas.as_str(),
                "de" | "du" | "des" | "la" | "le" | "les" | "et" | "au" | "aux" | "en" | "sur"
            );
        if garder_bas {
            out.push_str(&bas);
        } else {
            // Capitalise after a start, a hyphen or an elision (D'Auxonne → d'Auxonne).
            let mut debut = true;
            for c in bas.chars() {
                if debut && c.is_alphabetic() {
                    out.push(majuscule(c));
                    debut = false;
                } else {
                    out.push(c);
                }
                if c == '-' || c == '\'' {
                    debut = true;
                }
            }
        }
        premier = false;
    }
    // Elided articles read in lower case: "Rue D'Auxonne" → "Rue d'Auxonne".
    out.replace(" D'", " d'").replace(" L'", " l'")
}

enum Trouve {
    Exact(usize),
    AutreRep(usize),
    Absent,
}

fn meme_rep(a: &str, b: &str) -> bool {
    a == b || (!a.is_empty() && !b.is_empty() && a.as_bytes()[0] == b.as_bytes()[0])
}

fn chercher_numero(voie: &Voie, n: u32, rep: Option<&str>) -> Trouve {
    let debut = voie.numeros.partition_point(|a| a.numero < n);
    let memes = voie.numeros[debut..]
        .iter()
        .take_while(|a| a.numero == n)
        .count();
    if memes == 0 {
        return Trouve::Absent;
    }
    let rep = rep.unwrap_or("");
    for i in debut..debut + memes {
        if meme_rep(&voie.numeros[i].rep, rep) {
            return Trouve::Exact(i);
        }
    }
    Trouve::AutreRep(debut)
}

fn dans_plage(voie: &Voie, n: u32) -> bool {
    match (voie.numeros.first(), voie.numeros.last()) {
        (Some(a), Some(b)) => a.numero <= n && n <= b.numero,
        _ => false,
    }
}

/// A position for a number the data lacks, from the nearest known numbers on the same side
/// (same parity): between the two around it, or the nearest one past either end.
/// Returns the position and the known numbers used.
pub fn interpoler(voie: &Voie, n: u32) -> Option<(PositionE6, Vec<PositionE6>)> {
    let cote: Vec<&Numero> = {
        let meme: Vec<&Numero> = voie
            .numeros
            .iter()
            .filter(|a| a.numero % 2 == n % 2)
            .collect();
        if meme.is_empty() {
            voie.numeros.iter().collect()
        } else {
            meme
        }
    };
    let avant = cote.iter().rev().find(|a| a.numero < n);
    let apres = cote.iter().find(|a| a.numero > n);
    match (avant, apres) {
        (Some(a), Some(b)) => {
            let t = (n - a.numero) as f64 / (b.numero - a.numero) as f64;
            // In f64: the difference of two far positions does not fit an i32.
            let entre = |k: usize| {
                let (x, y) = (a.position[k] as f64, b.position[k] as f64);
                (x + t * (y - x)).round() as i32
            };
            let p = [entre(0), entre(1)];
            Some((p, vec![a.position, b.position]))
        }
        (Some(a), None) | (None, Some(a)) => Some((a.position, vec![a.position])),
        (None, None) => None,
    }
}

/// Bit set of the letters and digits of a token.
fn masque(t: &str) -> u64 {
    t.chars().fold(0u64, |m, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            _ => 36 + (c as u32 % 28),
        };
        m | (1u64 << bit)
    })
}

/// AZERTY neighbours (same row or the keys just above/below).
fn voisines_azerty(a: char, b: char) -> bool {
    const RANGEES: [&str; 3] = ["azertyuiop", "qsdfghjklm", "wxcvbn"];
    let pos = |c: char| {
        RANGEES
            .iter()
            .enumerate()
            .find_map(|(r, l)| l.find(c).map(|i| (r as i32, i as i32)))
    };
    match (pos(a), pos(b)) {
        (Some((ra, ia)), Some((rb, ib))) => (ra - rb).abs() <= 1 && (ia - ib).abs() <= 1,
        _ => false,
    }
}

/// Weighted Damerau–Levenshtein (optimal string alignment) distance, or None above `max`.
/// A transposition or an AZERTY-neighbour substitution costs 0.75, other edits 1.
pub fn distance(a: &[char], b: &[char], max: f32) -> Option<f32> {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) as f32 > max {
        return None;
    }
    let largeur = m + 1;
    let mut d = vec![0f32; (n + 1) * largeur];
    for (j, x) in d.iter_mut().take(m + 1).enumerate() {
        *x = j as f32;
    }
    for i in 1..=n {
        d[i * largeur] = i as f32;
        let mut min_ligne = d[i * largeur];
        for j in 1..=m {
            let sub = if a[i - 1] == b[j - 1] {
                0.0
            } else if voisines_azerty(a[i - 1], b[j - 1]) {
                0.75
            } else {
                1.0
            };
            let mut v = (d[(i - 1) * largeur + j] + 1.0)
                .min(d[i * largeur + j - 1] + 1.0)
                .min(d[(i - 1) * largeur + j - 1] + sub);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * largeur + j - 2] + 0.75);
            }
            d[i * largeur + j] = v;
            min_ligne = min_ligne.min(v);
        }
        if min_ligne > max {
            return None;
        }
    }
    let r = d[n * largeur + m];
    (r <= max).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(numero: u32, rep: &str, lon: i32) -> Numero {
        Numero {
            numero,
            rep: rep.into(),
            position: [lon, 47_000_000],
        }
    }

    fn moteur() -> Moteur {
        let v = |nom: &str, numeros| {
            (
                nom.to_string(),
                "21000".to_string(),
                "21231".to_string(),
                "Dijon".to_string(),
                numeros,
            )
        };
        Moteur::new(IndexAdresses::construire(vec![
            v("RUE PAUL CABET", vec![n(8, "", 1), n(10, "", 2)]),
            v("RUE DES FORGES", vec![n(22, "", 3), n(22, "bis", 4)]),
            v(
                "RUE D'AUXONNE",
                vec![n(175, "", 5), n(2, "", 50), n(10, "", 90)],
            ),
            v("BOULEVARD FRANCOIS POMPON", vec![n(25, "", 6)]),
            v("RUE POMPON", vec![n(3, "", 7)]),
            v(
                "PLACE DU 30 OCTOBRE ET DE LA LEGION D'HONNEUR",
                vec![n(2, "", 8)],
            ),
            v("RUE DU CHAPITRE", vec![n(58, "", 9)]),
            v("RUE DES GODRANS", vec![n(13, "", 10)]),
        ]))
    }

    fn premier(q: &str) -> (Option<u32>, String, String, Precision) {
        let r = moteur().rechercher(q, 5);
        let r = r.first().unwrap_or_else(|| panic!("no result for {q}"));
        (r.numero, r.rep.clone(), r.nom_voie.clone(), r.precision)
    }

    #[test]
    fn messy_queries_find_the_house() {
        for (q, numero, rep, voie) in [
            ("8 Rue Paul Cab", 8, "", "RUE PAUL CABET"),
            ("8 r paul cabet", 8, "", "RUE PAUL CABET"),
            ("22 bis rue des forg", 22, "bis", "RUE DES FORGES"),
            ("22b rue des forges", 22, "bis", "RUE DES FORGES"),
            ("175 d'auxonne", 175, "", "RUE D'AUXONNE"),
            ("175 d auxonne", 175, "", "RUE D'AUXONNE"),
            ("25 francois pompon", 25, "", "BOULEVARD FRANCOIS POMPON"),
            ("3 pompon", 3, "", "RUE POMPON"),
            ("58 rue ud chapitre", 58, "", "RUE DU CHAPITRE"),
            ("13 Rue des Gdorans", 13, "", "RUE DES GODRANS"),
            ("13 rue des godrzns", 13, "", "RUE DES GODRANS"),
            (
                "2 place du 30 octobre",
                2,
                "",
                "PLACE DU 30 OCTOBRE ET DE LA LEGION D'HONNEUR",
            ),
            ("58 rue du chapitre 21000 Dijon", 58, "", "RUE DU CHAPITRE"),
            ("n° 58, rue du Chapitre, DIJON", 58, "", "RUE DU CHAPITRE"),
        ] {
            assert_eq!(
                premier(q),
                (
                    Some(numero),
                    rep.to_string(),
                    voie.to_string(),
                    Precision::Numero
                ),
                "{q}"
            );
        }
    }

    #[test]
    fn missing_number_is_inferred_on_the_same_side() {
        let r = &moteur().rechercher("6 rue d'auxonne", 1)[0];
        assert_eq!(r.precision, Precision::Interpolee);
        assert_eq!(r.numero, Some(6));
        assert_eq!(r.position, [70, 47_000_000]);
        assert_eq!(r.voisins.len(), 2);
        // 175 is odd: the only odd neighbour is 175 itself.
        let r = &moteur().rechercher("201 rue d'auxonne", 1)[0];
        assert_eq!(r.position, [5, 47_000_000]);
    }

    #[test]
    fn inferred_between_far_positions_without_overflow() {
        let voie = Voie {
            nom: "RUE".into(),
            code_postal: String::new(),
            code_insee: String::new(),
            nom_commune: String::new(),
            jetons: vec![],
            numeros: vec![
                n(1, "", i32::MIN + 1),
                Numero {
                    numero: 5,
                    rep: String::new(),
                    position: [i32::MAX, 47_000_000],
                },
            ],
        };
        assert_eq!(interpoler(&voie, 3).unwrap().0, [0, 47_000_000]);
    }

    #[test]
    fn street_only_is_said() {
        let r = &moteur().rechercher("rue des forges", 1)[0];
        assert_eq!(r.precision, Precision::Voie);
        assert_eq!(r.numero, None);
        assert_eq!(r.voisins.len(), 2);
    }

    #[test]
    fn number_present_beats_number_absent() {
        // Both voies match "pompon"; 25 exists only on the boulevard.
        assert_eq!(premier("25 pompon").2, "BOULEVARD FRANCOIS POMPON");
        assert_eq!(premier("3 pompon").2, "RUE POMPON");
    }

    #[test]
    fn nonsense_gives_nothing_or_something_but_never_panics() {
        let m = moteur();
        for q in [
            "",
            " ",
            "12",
            "🙂",
            "\u{202e}rue",
            "21000 Dijon",
            &"a".repeat(10_000),
        ] {
            let _ = m.rechercher(q, 5);
        }
        assert!(m.rechercher("", 5).is_empty());
        assert!(m.rechercher("rue pasteur", 0).is_empty());
    }

    #[test]
    fn distance_table() {
        let d = |a: &str, b: &str| {
            distance(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
                2.0,
            )
        };
        assert_eq!(d("godrans", "godrans"), Some(0.0));
        assert_eq!(d("gdorans", "godrans"), Some(0.75));
        assert_eq!(d("garibaldii", "garibaldi"), Some(1.0));
        assert_eq!(d("pasteut", "pasteur"), Some(0.75));
        assert_eq!(d("pasteux", "pasteur"), Some(1.0));
        assert_eq!(d("abcdef", "uvwxyz"), None);
    }

    #[test]
    fn display_names() {
        assert_eq!(nom_affiche("RUE D'AUXONNE"), "Rue d'Auxonne");
        assert_eq!(
            nom_affiche("RUE DU FAUBOURG RAINES"),
            "Rue du Faubourg Raines"
        );
        assert_eq!(nom_affiche("AVENUE JEAN-JAURES"), "Avenue Jean-Jaures");
        assert_eq!(nom_affiche("Rue de la Liberté"), "Rue de la Liberté");
    }
}

#[cfg(test)]
mod proprietes {
    use super::*;
    use proptest::prelude::*;

    fn moteur() -> Moteur {
        let n = |numero, lon| Numero {
            numero,
            rep: String::new(),
            position: [lon, 47_000_000],
        };
        Moteur::new(IndexAdresses::construire(vec![
            (
                "RUE D'AUXONNE".into(),
                "21000".into(),
                "21231".into(),
                "Dijon".into(),
                vec![n(1, 1), n(3, 2)],
            ),
            (
                "PLACE DU 30 OCTOBRE".into(),
                "21000".into(),
                "21231".into(),
                "Dijon".into(),
                vec![],
            ),
        ]))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 5_000, .. ProptestConfig::default() })]

        /// Any string: emoji, right-to-left marks, control characters, digits only, the
        /// replacement character browsers give for lone surrogates, 10,000 characters.
        #[test]
        fn never_panics_and_stays_bounded(q in "\\PC{0,60}|[0-9 ]{0,40}|[\\u{0}-\\u{1f}\\u{200e}\\u{202e}\\u{fffd}a-z ]{0,40}") {
            let r = moteur().rechercher(&q, 5);
            prop_assert!(r.len() <= 5);
        }

        #[test]
        fn long_inputs_never_panic(c in any::<char>(), n in 0usize..10_000) {
            let q: String = std::iter::repeat_n(c, n).collect();
            let _ = moteur().rechercher(&q, 5);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

        /// The Shell sort sorts as the standard sort does.
        #[test]
        fn the_shell_sort_sorts(v in prop::collection::vec("[a-c]{0,3}|\\PC{0,4}", 0..300)) {
            let mut mots: Vec<&str> = v.iter().map(String::as_str).collect();
            let mut attendu = mots.clone();
            trier(&mut mots);
            attendu.sort();
            prop_assert_eq!(mots, attendu);
        }

        /// The tokens computed word by word are the name's tokens, whatever the name.
        #[test]
        fn tokens_word_by_word_are_the_names_tokens(
            noms in prop::collection::vec("\\PC{0,30}|[A-Z0-9'’ \u{a0}\t-]{0,30}|(RUE|AV|ST|1ER|2EME|XIV|D'|L') ?[A-Za-zéÈœ0-9' -]{0,12}", 1..6)
        ) {
            let voies = noms
                .iter()
                .map(|n| (n.clone(), String::new(), String::new(), String::new(), vec![]))
                .collect();
            let i = IndexAdresses::depuis_voies(voies);
            for (v, nom) in i.voies.iter().zip(&noms) {
                let jetons: Vec<&str> = v.jetons.iter().map(|&t| i.vocabulaire[t as usize].as_str()).collect();
                prop_assert_eq!(jetons, crate::normalisation::jetons_voie(nom));
            }
            prop_assert!(i.vocabulaire.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
