//! The address index and the search.
//!
//! The pipeline builds an [`IndexAdresses`] (voies with their numbers and the tokens of their
//! names, over a sorted vocabulary) into an asset; [`Moteur`] adds the inverted lists at load
//! time and answers queries:
//!
//! 1. the query is understood ([`analyser`]): number, rep, postcode, city, the street's words,
//!    and what is set aside (flat, floor, person…); words glued together are split
//!    ([`Moteur::decoller`]);
//! 2. each word meets the vocabulary: exactly, as the start of a word (the last word, being
//!    typed), or with one typo (two for long words; transpositions and AZERTY neighbours count
//!    less) — and only when none of these is good, by sound ([`phonetique`]);
//! 3. each voie sharing a word is scored: words matched (types weigh less), words typed that
//!    it lacks, words it has that were not typed, and whether the typed number exists there;
//! 4. the best voies give their address: the number itself ([`Precision::Numero`]), a position
//!    inferred between the nearest known numbers on the same side ([`Precision::Interpolee`]),
//!    or the street alone ([`Precision::Voie`]); a street known by name only (no position)
//!    gives [`Precision::NonLocalisee`];
//! 5. each result says how each typed word met its name ([`Appariement`]) and how sure the
//!    match is ([`Confiance`], rules in [`Moteur::confiance`]); doubtful matches come after the
//!    others.

use serde::{Deserialize, Serialize};

use crate::comprehension::{analyser, nommer_autres_types, Mot, Requete};
use crate::normalisation::{classer, majuscule, minuscule, phonetique, plier, Classe};

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
    /// Sorted by (numero, rep). Empty for a street known by name only (no position).
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
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// The point of that very house number.
    Numero,
    /// Inferred between the nearest known numbers on the same side.
    Interpolee,
    /// The street only.
    Voie,
    /// A street known by name only: no position at all.
    NonLocalisee,
}

/// How a typed word met the result's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Appariement {
    /// The same word.
    Exact,
    /// An abbreviation of it (`bd` → boulevard, `st` → saint).
    Abreviation,
    /// The start of it (the word being typed).
    Prefixe,
    /// With a typo.
    Faute,
    /// Only by sound (« karno » → Carnot).
    Son,
    /// Set aside: not part of the street's name (flat, floor, person, postcode…).
    Ignore,
    /// A word naming the street that this result's name lacks.
    Absent,
}

/// One typed word and how it met the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MotApparie {
    pub mot: String,
    pub comme: Appariement,
}

/// How sure a match is. Only [`Confiance::Douteuse`] stops an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confiance {
    /// Every word naming the street was found as typed (or abbreviated, or being typed).
    Sure,
    /// Found with typos, by sound, or with another street type (no street of the typed type
    /// has that name).
    Probable,
    /// Maybe another street than the one meant: see [`Doute`].
    Douteuse,
}

/// Why a match is doubtful.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "doute", rename_all = "snake_case")]
pub enum Doute {
    /// A word naming the street was typed, and this street's name lacks it (« belin » typed,
    /// Rue Edouard Manet found).
    MotAbsent { mot: String },
    /// The typed type of street is not this one's, and a street of the typed type with this
    /// name exists.
    TypeContredit { tape: String },
    /// The number lies beyond what the data knows of its side of the street.
    NumeroHorsPlage { numero: u32, min: u32, max: u32 },
    /// The number was placed from a single known number of its side.
    NumeroIsole { numero: u32, connu: u32 },
    /// Another street bears this name under another type (« Place Bossuet » for « 14
    /// bossuet »), and the answer there is not the same ([`homonymes`]).
    Homonyme { voie: String },
}

/// One answer of the search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resultat {
    pub voie: u32,
    pub numero: Option<u32>,
    pub rep: String,
    pub nom_voie: String,
    pub label: String,
    /// None for a street known by name only ([`Precision::NonLocalisee`]).
    pub position: Option<PositionE6>,
    pub precision: Precision,
    /// The known numbers this position was inferred from (interpolated), or all the voie's
    /// numbers (street only): the decision checks whether they agree.
    pub voisins: Vec<PositionE6>,
    pub score: f32,
    pub confiance: Confiance,
    /// Each typed word, and how it met this result.
    pub mots: Vec<MotApparie>,
    /// Why the match is doubtful (empty unless [`Confiance::Douteuse`]).
    pub doutes: Vec<Doute>,
}

impl Resultat {
    pub fn lon(&self) -> Option<f64> {
        self.position.map(|p| p[0] as f64 / 1e6)
    }
    pub fn lat(&self) -> Option<f64> {
        self.position.map(|p| p[1] as f64 / 1e6)
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
    /// (sound of a token, token): the last tier of matching.
    sons: Vec<(String, u32)>,
    communes: Vec<String>,
}

/// A word's matches in the vocabulary: (token, quality in 0..=1, how).
type Appariements = Vec<(u32, f32, Appariement)>;

/// A candidate voie's score for a query, and what the confidence needs.
#[derive(Debug, Clone)]
struct Note {
    score: f32,
    v: u32,
    /// How each query word met the voie (None: not found).
    comme: Vec<Option<Appariement>>,
    /// A word naming the street is missing from the voie's name.
    absent: bool,
    /// The query's street type is not among the voie's words.
    type_different: bool,
    /// A typed word that is a whole word of the vocabulary was taken as the start of a longer
    /// one (« chemin monge » → Chemin Dit de la Mongeotte, while Rue Monge exists).
    prolonge: bool,
    douteuse: bool,
}

const QUALITE_EXACTE: f32 = 1.0;
const QUALITE_PREFIXE: f32 = 0.9;
/// Below one typo (0.75): a closer spelling always wins.
const QUALITE_SON: f32 = 0.7;
const QUALITE_SON_APPROCHE: f32 = 0.55;
/// A number this far past the last known one of its side is not placed with confidence.
const ECART_NUMERO_MAX: u32 = 10;
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
        let classes: Vec<Classe> = index.vocabulaire.iter().map(|t| classer(t)).collect();
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
        let sons: Vec<(String, u32)> = index
            .vocabulaire
            .iter()
            .enumerate()
            .filter(|(t, _)| classes[*t] != Classe::Article)
            .map(|(t, m)| (phonetique(m), t as u32))
            .collect();
        Moteur {
            index,
            listes,
            classes,
            lettres,
            longueurs,
            sons,
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
        let resultats = self.rechercher_texte(texte, max);
        if resultats.iter().any(|r| r.confiance != Confiance::Douteuse) {
            return resultats;
        }
        // Nothing but doubts: a two-letter word that is no article nor street type may be a
        // slipped article (« rue fe la Côte d'Or », « cours di Parc », « place dr la Banque »).
        // Without it, a match is at best probable, and the word is said to be a slip.
        let (gardes, glisses): (Vec<&str>, Vec<&str>) = texte
            .split_whitespace()
            .partition(|m| !self.article_glisse(m));
        if glisses.is_empty() {
            return resultats;
        }
        let mut autres = self.rechercher_texte(&gardes.join(" "), max);
        if !autres.iter().any(|r| r.confiance != Confiance::Douteuse) {
            return resultats;
        }
        for r in &mut autres {
            r.confiance = r.confiance.max(Confiance::Probable);
            r.mots.extend(glisses.iter().map(|m| MotApparie {
                mot: m.to_string(),
                comme: Appariement::Faute,
            }));
        }
        autres
    }

    fn rechercher_texte(&self, texte: &str, max: usize) -> Vec<Resultat> {
        let mut requete = analyser(texte, &self.communes);
        self.decoller(&mut requete);
        nommer_autres_types(&mut requete.mots);
        self.rechercher_requete(&requete, max)
    }

    /// Words typed glued together (« ruemonge », « chabotcharny », « ruedesgodrans ») that the
    /// vocabulary does not know are cut into the fewest pieces that are each a word of the
    /// vocabulary, a street type or an article (the last piece may be unfinished).
    pub fn decoller(&self, requete: &mut Requete) {
        let dernier = requete.mots.len().saturating_sub(1);
        let en_cours = requete.dernier_en_cours;
        let mut mots = Vec::with_capacity(requete.mots.len());
        for (i, m) in std::mem::take(&mut requete.mots).into_iter().enumerate() {
            // Only a word the vocabulary does not know, even with a typo or as a start.
            let inconnu = !m.facultatif
                && m.forme.len() >= 5
                && m.forme.len() <= 40
                && m.forme.is_ascii()
                && self.jeton(&m.forme).is_none()
                && !self
                    .apparier(&m, i == dernier && en_cours)
                    .iter()
                    .any(|&(_, q, c)| q >= 0.75 && c != Appariement::Son);
            let pieces = inconnu
                .then(|| self.couper(&m.forme, i == dernier && en_cours))
                .flatten();
            match pieces {
                Some(p) => mots.extend(p.into_iter().map(|forme| Mot {
                    classe: classer(&forme),
                    brut: forme.clone(),
                    forme,
                    facultatif: false,
                })),
                None => mots.push(m),
            }
        }
        requete.mots = mots;
    }

    /// The fewest pieces (at least two) `mot` is made of, or None.
    fn couper(&self, mot: &str, en_cours: bool) -> Option<Vec<String>> {
        let n = mot.len();
        let piece = |a: usize, b: usize| -> Option<String> {
            let p = &mot[a..b];
            let d = crate::normalisation::developper(p);
            if crate::normalisation::ARTICLES.contains(&p) {
                return Some(p.to_string());
            }
            if p.len() < 2 {
                return None;
            }
            if classer(d) == Classe::Type {
                return Some(d.to_string());
            }
            if self.jeton(p).is_some() {
                return Some(p.to_string());
            }
            let voc = &self.index.vocabulaire;
            let k = voc.partition_point(|t| t.as_str() < p);
            (en_cours && b == n && p.len() >= 3 && voc.get(k).is_some_and(|t| t.starts_with(p)))
                .then(|| p.to_string())
        };
        // meilleur[b]: the fewest pieces for mot[..b], and where the last one starts.
        let mut meilleur: Vec<Option<(usize, usize)>> = vec![None; n + 1];
        meilleur[0] = Some((0, 0));
        for b in 1..=n {
            for a in 0..b {
                let Some((k, _)) = meilleur[a] else { continue };
                if meilleur[b].is_some_and(|(kb, _)| kb <= k + 1) || piece(a, b).is_none() {
                    continue;
                }
                meilleur[b] = Some((k + 1, a));
            }
        }
        let (k, _) = meilleur[n]?;
        if k < 2 {
            return None;
        }
        let mut pieces = Vec::with_capacity(k);
        let mut b = n;
        while b > 0 {
            let (_, a) = meilleur[b]?;
            pieces.push(piece(a, b)?);
            b = a;
        }
        pieces.reverse();
        // Something must name the street: a word that is no article nor type, or a second,
        // different street type (« coursduparc », not « ruerue »).
        let mut types: Vec<&String> = pieces
            .iter()
            .filter(|p| classer(p) == Classe::Type)
            .collect();
        types.dedup();
        let nomme = pieces.iter().any(|p| classer(p) == Classe::Significatif);
        (nomme || types.len() >= 2).then_some(pieces)
    }

    pub fn rechercher_requete(&self, requete: &Requete, max: usize) -> Vec<Resultat> {
        if max == 0 {
            return Vec::new();
        }
        let mots: Vec<&Mot> = requete.mots.iter().take(12).collect();
        if mots
            .iter()
            .all(|m| m.classe == Classe::Article || m.facultatif)
        {
            return Vec::new();
        }
        let dernier = mots.len() - 1;
        let appariements: Vec<Appariements> = mots
            .iter()
            .enumerate()
            .map(|(i, m)| self.apparier(m, i == dernier && requete.dernier_en_cours))
            .collect();

        // Candidate voies: those sharing a significant word (or any word when none is), each
        // once. Optional words (flat, floor…) bring no candidate.
        let mut candidates: Vec<u32> = Vec::new();
        let mut vue = vec![false; self.index.voies.len()];
        let significatifs = mots
            .iter()
            .any(|m| m.classe == Classe::Significatif && !m.facultatif);
        for (m, app) in mots.iter().zip(&appariements) {
            if m.facultatif
                || m.classe == Classe::Article
                || (significatifs && m.classe != Classe::Significatif)
            {
                continue;
            }
            // A street type that names the street (« cours du Parc ») brings the voies of types.
            let type_nommant = classer(&m.forme) == Classe::Type;
            for &(t, _, _) in app {
                let classe = self.classes[t as usize];
                if significatifs
                    && classe != Classe::Significatif
                    && !(type_nommant && classe == Classe::Type)
                {
                    continue;
                }
                for &v in &self.listes[t as usize] {
                    if !std::mem::replace(&mut vue[v as usize], true) {
                        candidates.push(v);
                    }
                }
            }
        }

        let mut notes: Vec<Note> = candidates
            .into_iter()
            .filter_map(|v| self.noter(v, requete, &mots, &appariements))
            .collect();
        // A typed word that is a whole word of the vocabulary, taken as the start of a longer
        // one: the name is not all there as typed.
        let entiers: Vec<bool> = appariements
            .iter()
            .map(|a| a.iter().any(|&(_, q, _)| q >= QUALITE_EXACTE))
            .collect();
        for n in &mut notes {
            n.prolonge = n
                .comme
                .iter()
                .zip(&entiers)
                .any(|(c, &entier)| entier && *c == Some(Appariement::Prefixe));
        }
        // A street of the typed type whose name is all there makes the others' type a doubt.
        let type_existe = notes
            .iter()
            .any(|n| !n.absent && !n.type_different && !n.prolonge);
        for n in &mut notes {
            n.douteuse = n.absent || (n.type_different && type_existe);
        }

        // The best `max`, in order: sure or probable before doubtful, then best score, then
        // the shorter name, then index order (a total order, so the result does not depend on
        // the candidates' order).
        let avant = |a: &Note, b: &Note| {
            a.douteuse
                .cmp(&b.douteuse)
                .then_with(|| b.score.total_cmp(&a.score))
                .then_with(|| self.voie(a.v).nom.len().cmp(&self.voie(b.v).nom.len()))
                .then(a.v.cmp(&b.v))
                .is_lt()
        };
        let mut meilleurs: Vec<Note> = Vec::new();
        for x in notes {
            let k = meilleurs.partition_point(|y| avant(y, &x));
            if k < max {
                meilleurs.insert(k, x);
                meilleurs.truncate(max);
            }
        }
        meilleurs
            .into_iter()
            .map(|n| self.resultat(&n, requete, &mots, type_existe))
            .collect()
    }

    fn apparier(&self, mot: &Mot, dernier: bool) -> Appariements {
        let mut out: Appariements = Vec::new();
        let ajouter = |out: &mut Appariements, t: u32, q: f32, comme: Appariement| match out
            .iter_mut()
            .find(|(x, _, _)| *x == t)
        {
            Some(e) if q > e.1 => *e = (t, q, comme),
            Some(_) => {}
            None => out.push((t, q, comme)),
        };
        let exact = self.jeton(&mot.forme);
        if let Some(t) = exact {
            let comme = if mot.brut == mot.forme || self.jeton(&mot.brut) == Some(t) {
                Appariement::Exact
            } else {
                Appariement::Abreviation
            };
            ajouter(&mut out, t, QUALITE_EXACTE, comme);
        }
        if mot.brut != mot.forme {
            if let Some(t) = self.jeton(&mot.brut) {
                ajouter(&mut out, t, QUALITE_EXACTE, Appariement::Exact);
            }
        }
        // Optional words (flat, floor…) count only when the street has them as typed.
        if mot.facultatif {
            return out;
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
                        ajouter(
                            &mut out,
                            (debut + i) as u32,
                            QUALITE_PREFIXE,
                            Appariement::Prefixe,
                        );
                    }
                }
            }
        }
        if exact.is_none() && mot.classe != Classe::Article {
            let n = mot.forme.chars().count();
            let k = fautes_permises(n);
            let a: Vec<char> = mot.forme.chars().collect();
            if k > 0 {
                let m = masque(&mot.forme);
                for (t, mot_voc) in self.index.vocabulaire.iter().enumerate() {
                    let lt = self.longueurs[t] as usize;
                    if lt.abs_diff(n) > k as usize || (m ^ self.lettres[t]).count_ones() > 2 * k {
                        continue;
                    }
                    let b: Vec<char> = mot_voc.chars().collect();
                    if let Some(d) = distance(&a, &b, k as f32) {
                        let court = if n <= 3 { 0.15 } else { 0.0 };
                        ajouter(
                            &mut out,
                            t as u32,
                            0.95 - 0.2 * d - court,
                            Appariement::Faute,
                        );
                    }
                    if dernier && lt > n {
                        // An unfinished word with a typo: compare with the token's start.
                        if let Some(d) = distance(&a, &b[..n], 1.0) {
                            if d > 0.0 {
                                ajouter(&mut out, t as u32, 0.8 - 0.2 * d, Appariement::Faute);
                            }
                        }
                    }
                }
            }
            // By sound, only when nothing closer was found.
            let bon = out.iter().any(|&(_, q, _)| q >= 0.75);
            if !bon && n >= 4 && mot.classe == Classe::Significatif {
                // One pass over the sounds (a few thousand short keys; this tier runs only when
                // nothing closer was found).
                let son = phonetique(&mot.forme);
                let cs: Vec<char> = son.chars().collect();
                for (s, t) in &self.sons {
                    if *s == son {
                        ajouter(&mut out, *t, QUALITE_SON, Appariement::Son);
                    } else if cs.len() >= 5 && s.len().abs_diff(cs.len()) <= 1 {
                        let b: Vec<char> = s.chars().collect();
                        if distance(&cs, &b, 1.0).is_some() {
                            ajouter(&mut out, *t, QUALITE_SON_APPROCHE, Appariement::Son);
                        }
                    }
                }
            }
        }
        out
    }

    /// The query's number as a house number on this voie: not when it was typed after the
    /// name and is a word of this voie's name (« rue du 8 mai 1945 »).
    fn numero_sur(&self, voie: &Voie, requete: &Requete) -> Option<u32> {
        let n = requete.numero?;
        if requete.numero_en_fin {
            let texte = n.to_string();
            if voie
                .jetons
                .iter()
                .any(|&t| self.index.vocabulaire[t as usize] == texte)
            {
                return None;
            }
        }
        Some(n)
    }

    /// The voie's score for the query, or None when it is not a candidate after all.
    fn noter(
        &self,
        v: u32,
        requete: &Requete,
        mots: &[&Mot],
        app: &[Appariements],
    ) -> Option<Note> {
        let voie = self.voie(v);
        let mut score = 0.0;
        let mut utilises = [false; 32];
        let lettres = |m: &Mot| m.forme.chars().count();
        let nomme = |m: &Mot| m.classe == Classe::Significatif && !m.facultatif;
        let mut significatifs_tapes: usize =
            mots.iter().filter(|m| nomme(m)).map(|m| lettres(m)).sum();
        let mut significatifs_trouves = 0;
        let mut comme = Vec::with_capacity(mots.len());
        let mut absent = false;
        let mut type_tape = false;
        let mut type_trouve = false;
        for (m, a) in mots.iter().zip(app) {
            let poids = match m.classe {
                Classe::Type => POIDS_TYPE,
                Classe::Article => POIDS_ARTICLE,
                Classe::Significatif => 1.0,
            };
            let mut meilleur: Option<(f32, usize, Appariement)> = None;
            // A street type typed as a name word (« cours du Parc ») is not the voie's own type.
            let type_nommant =
                m.classe == Classe::Significatif && classer(&m.forme) == Classe::Type;
            for (k, &t) in voie.jetons.iter().enumerate().take(32) {
                if utilises[k] || (type_nommant && k == 0) {
                    continue;
                }
                if let Some(&(_, q, c)) = a.iter().find(|(x, _, _)| *x == t) {
                    if meilleur.is_none_or(|(b, _, _)| q > b) {
                        meilleur = Some((q, k, c));
                    }
                }
            }
            if m.classe == Classe::Type && !m.facultatif {
                type_tape = true;
            }
            match meilleur {
                Some((q, k, c)) => {
                    utilises[k] = true;
                    score += poids * q;
                    if m.classe == Classe::Significatif {
                        significatifs_trouves += lettres(m);
                        if m.facultatif {
                            significatifs_tapes += lettres(m);
                        }
                    }
                    if m.classe == Classe::Type {
                        type_trouve = true;
                    }
                    comme.push(Some(c));
                }
                None => {
                    if !m.facultatif && m.classe != Classe::Article {
                        score -= poids * PENALITE_MOT_ABSENT;
                    }
                    if nomme(m) && m.forme.chars().count() >= 2 {
                        absent = true;
                    }
                    comme.push(None);
                }
            }
        }
        // The number typed after the name may be a word of this one (« rue du 8 mai 1945 »).
        let numero = self.numero_sur(voie, requete);
        if requete.numero.is_some() && numero.is_none() {
            score += 1.0;
        }
        // Most of what names the voie must be there (in letters): a query that shares one
        // short word with a voie is not about it.
        if 2 * significatifs_trouves < significatifs_tapes {
            return None;
        }
        for (k, &t) in voie.jetons.iter().enumerate().take(32) {
            if !utilises[k] && self.classes[t as usize] == Classe::Significatif {
                let nombre_du_nom = numero.is_none()
                    && requete
                        .numero
                        .is_some_and(|n| self.index.vocabulaire[t as usize] == n.to_string());
                if !nombre_du_nom {
                    score -= PENALITE_MOT_EN_TROP;
                }
            }
        }
        if let Some(n) = numero {
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
        // A voie without a type (« Rempart Tivoli ») has not the typed one either.
        Some(Note {
            score,
            v,
            comme,
            absent,
            type_different: type_tape && !type_trouve,
            prolonge: false,
            douteuse: absent,
        })
    }

    /// How sure a match is, and why not. The rules:
    /// - **douteuse** when a word naming the street (not an article, a type, or a flat/floor
    ///   word) is missing from the candidate's name — whether the name lacks it or has another
    ///   word in its place (« belin » → Manet); when the typed street type is not the
    ///   candidate's and a street of the typed type with the name exists (as typed: not by
    ///   stretching a whole word into a longer one); when the number lies
    ///   more than [`ECART_NUMERO_MAX`] past the known numbers of its side, or is placed from a
    ///   single known number of its side;
    /// - **probable** when a word was matched with a typo or only by sound, when the street type
    ///   differs (no street of the typed type has the name), when the word being typed has
    ///   fewer than 3 letters, or when it is a whole word of the vocabulary taken as the start
    ///   of a longer one (« chemin monge » → Mongeotte, while Rue Monge exists);
    /// - **sure** otherwise: every word naming the street is there, as typed, abbreviated, or
    ///   as the start of the word being typed. Flat, floor, person or postcode words set aside
    ///   do not lower it (each is reported as [`Appariement::Ignore`]).
    fn confiance(
        &self,
        note: &Note,
        mots: &[&Mot],
        type_existe: bool,
        numero: Option<u32>,
        precision: Precision,
    ) -> (Confiance, Vec<Doute>) {
        let voie = self.voie(note.v);
        let mut doutes = Vec::new();
        for (m, c) in mots.iter().zip(&note.comme) {
            if c.is_none()
                && m.classe == Classe::Significatif
                && !m.facultatif
                && m.forme.chars().count() >= 2
            {
                doutes.push(Doute::MotAbsent {
                    mot: m.brut.clone(),
                });
            }
        }
        if note.type_different && type_existe {
            if let Some(m) = mots
                .iter()
                .find(|m| m.classe == Classe::Type && !m.facultatif)
            {
                doutes.push(Doute::TypeContredit {
                    tape: m.forme.clone(),
                });
            }
        }
        if let (Some(n), Precision::Interpolee) = (numero, precision) {
            if let Some(d) = doute_numero(voie, n) {
                doutes.push(d);
            }
        }
        if !doutes.is_empty() {
            return (Confiance::Douteuse, doutes);
        }
        let approche = note
            .comme
            .iter()
            .any(|c| matches!(c, Some(Appariement::Faute | Appariement::Son)));
        let court = mots
            .iter()
            .zip(&note.comme)
            .any(|(m, c)| *c == Some(Appariement::Prefixe) && m.brut.chars().count() < 3);
        if approche || note.type_different || court || note.prolonge {
            (Confiance::Probable, doutes)
        } else {
            (Confiance::Sure, doutes)
        }
    }

    fn resultat(
        &self,
        note: &Note,
        requete: &Requete,
        mots: &[&Mot],
        type_existe: bool,
    ) -> Resultat {
        let v = note.v;
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
        let numero = self.numero_sur(voie, requete);
        let (numero, rep, position, precision, voisins) = match numero {
            _ if voie.numeros.is_empty() => (
                numero,
                numero.and_then(|_| requete.rep.clone()).unwrap_or_default(),
                None,
                Precision::NonLocalisee,
                vec![],
            ),
            Some(n) => match chercher_numero(voie, n, requete.rep.as_deref()) {
                Trouve::Exact(i) | Trouve::AutreRep(i) => {
                    let a = &voie.numeros[i];
                    (
                        Some(a.numero),
                        a.rep.clone(),
                        Some(a.position),
                        Precision::Numero,
                        vec![],
                    )
                }
                Trouve::Absent => match interpoler(voie, n) {
                    Some((pos, voisins)) => (
                        Some(n),
                        requete.rep.clone().unwrap_or_default(),
                        Some(pos),
                        Precision::Interpolee,
                        voisins,
                    ),
                    None => voie_seule(voie),
                },
            },
            None => voie_seule(voie),
        };
        let (confiance, doutes) = self.confiance(note, mots, type_existe, numero, precision);
        let mut liste: Vec<MotApparie> = mots
            .iter()
            .zip(&note.comme)
            .map(|(m, c)| MotApparie {
                mot: m.brut.clone(),
                comme: match c {
                    Some(c) => *c,
                    None if m.facultatif || m.classe == Classe::Article => Appariement::Ignore,
                    None => Appariement::Absent,
                },
            })
            .collect();
        liste.dedup_by(|a, b| a.mot == b.mot && a.comme == b.comme);
        liste.extend(requete.ignores.iter().map(|m| MotApparie {
            mot: m.clone(),
            comme: Appariement::Ignore,
        }));
        Resultat {
            voie: v,
            label: etiquette(numero, &rep),
            numero,
            rep,
            nom_voie: voie.nom.clone(),
            position,
            precision,
            voisins,
            score: note.score,
            confiance,
            mots: liste,
            doutes,
        }
    }
}

/// A word's tokens. A function of its own, called for each distinct word: the browser
/// optimises it after the first few (it would not, inlined in one long loop).
///
/// A word of ASCII letters only (most of them: « RUE », « CHAPITRE ») takes the short way, the
/// same steps without their general machinery: folded, it is one token, spelt canonically.
#[inline(never)]
fn jetons_mot(mot: &str) -> Vec<String> {
    use crate::normalisation::{canonique, developper, jetons_voie};
    if !mot.bytes().all(|b| b.is_ascii_alphabetic()) {
        return jetons_voie(mot);
    }
    let plie = mot.to_ascii_lowercase();
    developper(canonique(&plie))
        .split(' ')
        .map(String::from)
        .collect()
}

impl Moteur {
    /// A typed word that may be a slipped article: two letters, one of them that of « de »,
    /// « du », « la » or « le » in its place, and nothing else — no abbreviation (`st`, `dr`,
    /// `bd`), no word of the data (« fe », « di », « ds », « lz »).
    fn article_glisse(&self, mot: &str) -> bool {
        let m = plier(mot);
        let b = m.as_bytes();
        b.len() == 2
            && b.iter().all(u8::is_ascii_alphabetic)
            && !crate::normalisation::ARTICLES.contains(&m.as_str())
            && crate::normalisation::developper(&m) == m
            && self.jeton(&m).is_none()
            && ["de", "du", "la", "le"]
                .iter()
                .any(|a| (a.as_bytes()[0] == b[0]) != (a.as_bytes()[1] == b[1]))
    }
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

type Placement = (
    Option<u32>,
    String,
    Option<PositionE6>,
    Precision,
    Vec<PositionE6>,
);

/// The street alone: its middle known number, and all its numbers as neighbours.
fn voie_seule(voie: &Voie) -> Placement {
    let voisins: Vec<PositionE6> = voie.numeros.iter().map(|a| a.position).collect();
    let milieu = voie.numeros.get(voie.numeros.len() / 2).map(|a| a.position);
    (None, String::new(), milieu, Precision::Voie, voisins)
}

/// Whether a number the data lacks lies too far from what is known of its side.
fn doute_numero(voie: &Voie, n: u32) -> Option<Doute> {
    let cote: Vec<u32> = voie
        .numeros
        .iter()
        .map(|a| a.numero)
        .filter(|x| x % 2 == n % 2)
        .collect();
    let cote = if cote.is_empty() {
        voie.numeros.iter().map(|a| a.numero).collect()
    } else {
        cote
    };
    let (min, max) = (*cote.iter().min()?, *cote.iter().max()?);
    if min == max {
        return Some(Doute::NumeroIsole {
            numero: n,
            connu: min,
        });
    }
    (n > max + ECART_NUMERO_MAX || n + ECART_NUMERO_MAX < min).then_some(Doute::NumeroHorsPlage {
        numero: n,
        min,
        max,
    })
}

fn tronquer(texte: &str, max: usize) -> &str {
    match texte.char_indices().nth(max) {
        Some((i, _)) => &texte[..i],
        None => texte,
    }
}

/// A voie's street type (its leading type words: « rue », « rond point ») and its name (the
/// words after them, articles left out).
fn type_et_nom(nom_voie: &str) -> (Vec<String>, Vec<String>) {
    let mut mots = crate::normalisation::jetons_voie(nom_voie);
    let k = mots
        .iter()
        .take_while(|m| classer(m) == Classe::Type)
        .count();
    let mut nom = mots.split_off(k);
    nom.retain(|m| classer(m) != Classe::Article);
    (mots, nom)
}

/// The other results that bear the first one's name under another street type (« 14 Rue
/// Bossuet », « 14 Place Bossuet » for « 14 bossuet »), none doubtful: the typed text does
/// not say which one is meant. Only when the data knows the typed number on the first street,
/// the others must have it too.
pub fn homonymes(resultats: &[Resultat]) -> impl Iterator<Item = &Resultat> {
    let premier = resultats
        .first()
        .filter(|r| r.confiance != Confiance::Douteuse)
        .map(|r| (r.voie, r.precision, type_et_nom(&r.nom_voie)))
        .filter(|(_, _, (_, nom))| !nom.is_empty());
    resultats.iter().skip(1).filter(move |r| {
        premier
            .as_ref()
            .is_some_and(|(voie, precision, (type_voie, nom))| {
                let (autre_type, autre_nom) = type_et_nom(&r.nom_voie);
                r.voie != *voie
                    && r.confiance != Confiance::Douteuse
                    && (*precision != Precision::Numero || r.precision == Precision::Numero)
                    && autre_nom == *nom
                    && autre_type != *type_voie
            })
    })
}

/// "RUE DU CHAPITRE" → "Rue du Chapitre": BAN extracts in upper case read badly on a phone.
pub fn nom_affiche(nom: &str) -> String {
    // Already in mixed case: kept — but for a small ordinal's letters (« RUE DU 26Eme »).
    if nom
        .split(' ')
        .filter(|m| !m.starts_with(|c: char| c.is_ascii_digit()))
        .any(|m| m.chars().any(|c| majuscule(c) != c))
    {
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
                // A word starting with a digit keeps its letters small (« 26eme »).
                if debut && c.is_alphanumeric() {
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

    /// A voie of Dijon with these numbers, all at `lon`.
    fn voie(nom: &str, numeros: &[u32], lon: i32) -> VoieBrute {
        let numeros = numeros.iter().map(|&k| n(k, "", lon)).collect();
        let commune = "Dijon".to_string();
        (
            nom.to_string(),
            "21000".into(),
            "21231".into(),
            commune,
            numeros,
        )
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
    fn a_slipped_article_is_dropped_only_when_nothing_else_answers() {
        // « fe », « dr », « ds » for an article: the street, probable, the word a slip.
        for (q, voie) in [
            ("58 rue fe chapitre", "RUE DU CHAPITRE"),
            ("13 rue ds godrans", "RUE DES GODRANS"),
            ("8 rue fu paul cabet", "RUE PAUL CABET"),
        ] {
            let r = &moteur().rechercher(q, 5)[0];
            assert_eq!(
                (r.nom_voie.as_str(), r.confiance),
                (voie, Confiance::Probable),
                "{q}"
            );
            assert!(r.mots.iter().any(|m| m.comme == Appariement::Faute), "{q}");
        }
        // Not when the query already finds its street, nor for an article, a street type or a
        // number; and a query whose other words name no street stays without an answer.
        assert_eq!(
            moteur().rechercher("58 rue du chapitre", 1)[0].confiance,
            Confiance::Sure
        );
        let m = moteur();
        for mot in [
            "de", "du", "la", "bd", "av", "st", "dr", "12", "b", "rue", "xy", "po",
        ] {
            assert!(!m.article_glisse(mot), "{mot}");
        }
        for mot in ["fe", "ds", "DI", "sa"] {
            assert!(m.article_glisse(mot), "{mot}");
        }
        assert!(moteur()
            .rechercher("12 rue fe zorglub", 5)
            .iter()
            .all(|r| r.confiance == Confiance::Douteuse));
    }

    #[test]
    fn a_second_street_type_names_the_street() {
        let v = |nom: &str, lon| voie(nom, &[2, 34], lon);
        let m = Moteur::new(IndexAdresses::construire(vec![
            v("COURS DU PARC", 1),
            v("CHEMIN DIT DE LA MONGEOTTE", 3),
            v("PARC DE LA COLOMBIERE", 5),
            v("PORT DU CANAL", 7),
            v("REMPART EDMOND MICHELET", 13),
            v("RUE MICHELET", 15),
            v("COUR DE LA GARE", 9),
        ]));
        let premier = |q: &str| {
            let r = m.rechercher(q, 5);
            r.first().map(|r| (r.nom_voie.clone(), r.confiance))
        };
        let sur = |voie: &str| Some((voie.to_string(), Confiance::Sure));
        assert_eq!(premier("34 cours du parc"), sur("COURS DU PARC"));
        assert_eq!(premier("34 coursduparc"), sur("COURS DU PARC"));
        assert_eq!(
            premier("2 parc de la colombiere"),
            sur("PARC DE LA COLOMBIERE")
        );
        assert_eq!(premier("34 cours cours du parc"), sur("COURS DU PARC"));
        // A voie without a type has not the typed one: Rue Michelet first, neither sure.
        assert_eq!(
            premier("34 chemin michelet"),
            Some(("RUE MICHELET".to_string(), Confiance::Probable))
        );
        // « parc » was typed: a street without it is not the one typed, however close the rest.
        for q in [
            "34 cours di parc",
            "34 rue du parc",
            "2 allee de la cour",
            "rue du port",
        ] {
            let r = m.rechercher(q, 5);
            assert!(
                r.iter()
                    .all(|r| r.nom_voie == "COURS DU PARC" || r.confiance == Confiance::Douteuse),
                "{q}: {r:?}"
            );
        }
    }

    #[test]
    fn a_whole_word_typed_is_not_stretched_into_a_longer_one() {
        let v = voie;
        let m = Moteur::new(IndexAdresses::construire(vec![
            v("RUE MONGE", &[60, 64], 1),
            v("CHEMIN DIT DE LA MONGEOTTE", &[], 0),
            v("RUE DU BOURG", &[43], 3),
            v("ALLEE PREMIER REGIMENT DE BOURGOGNE", &[], 0),
        ]));
        // « monge » is a whole word: Chemin Dit de la Mongeotte does not make Rue Monge a doubt.
        for (q, voie) in [
            ("64 chemin monge", "RUE MONGE"),
            ("43 allee du bourg", "RUE DU BOURG"),
        ] {
            let r = &m.rechercher(q, 5)[0];
            assert_eq!(
                (r.nom_voie.as_str(), r.confiance),
                (voie, Confiance::Probable),
                "{q}"
            );
        }
        // Still a completion while typing, but not a sure one.
        let r = &m.rechercher("chemin dit de la monge", 5)[0];
        assert_eq!(
            (r.nom_voie.as_str(), r.confiance),
            ("CHEMIN DIT DE LA MONGEOTTE", Confiance::Probable)
        );
        let r = &m.rechercher("chemin dit de la mongeo", 5)[0];
        assert_eq!(r.confiance, Confiance::Sure);
    }

    #[test]
    fn one_name_under_two_street_types() {
        assert_eq!(
            type_et_nom("COURS DU PARC"),
            (vec!["cours".to_string()], vec!["parc".to_string()])
        );
        assert_eq!(
            type_et_nom("ROND POINT DE LA NATION"),
            (
                vec!["rond".into(), "point".into()],
                vec!["nation".to_string()]
            )
        );
        let v = voie;
        let m = Moteur::new(IndexAdresses::construire(vec![
            v("RUE BOSSUET", &[12, 14], 1),
            v("PLACE BOSSUET", &[14], 3),
            v("GALERIE BOSSUET", &[], 0),
            v("RUE DE SUZON", &[2], 5),
            v("ALLEE DU CLOS SUZON", &[2], 7),
            v("PLACE DES DUCS DE BOURGOGNE", &[2], 9),
            v("PLACE DUCS DE BOURGOGNE", &[2], 11),
        ]));
        let autres = |q: &str| -> Vec<String> {
            let r = m.rechercher(q, 5);
            homonymes(&r).map(|h| h.nom_voie.clone()).collect()
        };
        // The number known on both: the other type counts; known by name only: not.
        assert_eq!(autres("14 bossuet"), ["PLACE BOSSUET"]);
        // The name alone: the street known by name only counts too.
        assert_eq!(autres("bossuet").len(), 2);
        // Typed with its type, the other is a doubt, not a homonym.
        assert!(autres("14 rue bossuet").is_empty());
        // Another name (« Clos Suzon »), or the same type written twice: no homonym.
        assert!(autres("2 suzon").is_empty());
        assert!(autres("2 place des ducs de bourgogne").is_empty());
    }

    #[test]
    fn missing_number_is_inferred_on_the_same_side() {
        let r = &moteur().rechercher("6 rue d'auxonne", 1)[0];
        assert_eq!(r.precision, Precision::Interpolee);
        assert_eq!(r.numero, Some(6));
        assert_eq!(r.position, Some([70, 47_000_000]));
        assert_eq!(r.voisins.len(), 2);
        // 175 is odd: the only odd neighbour is 175 itself.
        let r = &moteur().rechercher("201 rue d'auxonne", 1)[0];
        assert_eq!(r.position, Some([5, 47_000_000]));
    }

    #[test]
    fn words_of_letters_take_the_short_way_to_the_same_tokens() {
        for mot in [
            "RUE",
            "ST",
            "Ste",
            "XIV",
            "PREMIERE",
            "av",
            "RPT",
            "ND",
            "CHAPITRE",
            "ÉGLISE",
            "1ER",
            "D'AUXONNE",
            "JEAN-JAURES",
            "12BIS",
            "L",
            "ZA",
        ] {
            assert_eq!(
                jetons_mot(mot),
                crate::normalisation::jetons_voie(mot),
                "{mot}"
            );
        }
        assert_eq!(jetons_mot("RPT"), ["rond", "point"]);
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
        assert_eq!(nom_affiche("RUE DU 26Eme DRAGONS"), "Rue du 26eme Dragons");
        assert_eq!(nom_affiche("Rue Émile Zola"), "Rue Émile Zola");
        assert_eq!(nom_affiche("Bd JFK"), "Bd JFK");
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

        /// A word's tokens, the short way or not, are its tokens by the general steps.
        #[test]
        fn a_words_tokens_are_its_tokens(mot in "[A-Za-z]{1,9}|\\PC{1,8}|[A-Za-z0-9'-]{1,8}") {
            prop_assert_eq!(jetons_mot(&mot), crate::normalisation::jetons_voie(&mot));
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
