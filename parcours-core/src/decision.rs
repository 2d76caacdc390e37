//! What the programme says for a place: one [`Decision`] with its [`Raison`]s and the data it
//! used. Never a plain "no" when the data cannot tell: then it is [`Decision::AConfirmer`].

use serde::Serialize;

use crate::asset::adresses::ERREUR_POSITION_M;
use crate::asset::Carte;
use crate::geometrie::{Localisateur, Localisation, Proche};
use crate::programme::{Couverture, Date, Equipe, Programme, Statut};
use crate::recherche::{homonymes, nom_affiche, Confiance, Doute, Precision, Resultat};

/// An IRIS as a decision reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IrisRef {
    pub code: String,
    pub nom: String,
    /// Distance from the point to the IRIS boundary, in metres.
    pub distance_limite_m: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "motif", rename_all = "snake_case")]
pub enum Motif {
    /// The IRIS is shared between a covered quartier and another.
    IrisPartiel { iris: String, quartier: String },
    /// A boundary between different answers lies within the tolerance.
    LimiteProche { distance_m: f64, tolerance_m: f64 },
    /// The edge of the commune lies within the tolerance.
    BordDeLaCommune,
    /// The position was inferred between known numbers that do not all give the same answer.
    VoisinsEnDesaccord,
    /// Only the street is known, and its known numbers do not all give the same answer.
    VoieSeulement,
    /// The position's own uncertainty is large (e.g. a GPS fix).
    PositionImprecise { precision_m: f64 },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum Decision {
    Eligible {
        equipe: Equipe,
        quartier: String,
        iris: IrisRef,
    },
    ZonePrioritaire {
        zone: String,
        iris: Option<IrisRef>,
    },
    HorsTerritoire {
        iris: IrisRef,
    },
    HorsDijon {
        distance_m: Option<f64>,
    },
    AConfirmer {
        motifs: Vec<Motif>,
        /// The teams that could be concerned, if any.
        equipes: Vec<Equipe>,
        iris: Vec<IrisRef>,
    },
    AdresseIntrouvable,
    /// The street is known by name only: the data cannot place the address, so cannot say.
    AdresseNonLocalisee,
    /// The best match may be another street than the one meant: no answer from it.
    AdresseIncertaine {
        doutes: Vec<Doute>,
    },
}

impl Decision {
    pub fn code(&self) -> &'static str {
        match self {
            Decision::Eligible { .. } => "eligible",
            Decision::ZonePrioritaire { .. } => "zone_prioritaire",
            Decision::HorsTerritoire { .. } => "hors_territoire",
            Decision::HorsDijon { .. } => "hors_dijon",
            Decision::AConfirmer { .. } => "a_confirmer",
            Decision::AdresseIntrouvable => "adresse_introuvable",
            Decision::AdresseNonLocalisee => "adresse_non_localisee",
            Decision::AdresseIncertaine { .. } => "adresse_incertaine",
        }
    }

    pub fn equipe(&self) -> Option<Equipe> {
        match self {
            Decision::Eligible { equipe, .. } => Some(*equipe),
            Decision::AConfirmer { equipes, .. } if equipes.len() == 1 => Some(equipes[0]),
            _ => None,
        }
    }

    /// The same answer for a family: the same outcome, team and priority zone (the IRIS may
    /// differ).
    pub fn meme_reponse(&self, autre: &Decision) -> bool {
        let zone = |d: &Decision| match d {
            Decision::ZonePrioritaire { zone, .. } => Some(zone.clone()),
            _ => None,
        };
        self.code() == autre.code() && self.equipe() == autre.equipe() && zone(self) == zone(autre)
    }

    pub fn iris(&self) -> Option<&IrisRef> {
        match self {
            Decision::Eligible { iris, .. } | Decision::HorsTerritoire { iris } => Some(iris),
            Decision::ZonePrioritaire { iris, .. } => iris.as_ref(),
            Decision::AConfirmer { iris, .. } => iris.first(),
            _ => None,
        }
    }

    /// The answer in one French sentence, for a request: the place (`lieu`), the answer, its
    /// IRIS, and the contours' vintage (`millesime`). Built by pushing its pieces (one `format!`
    /// each cost the WebAssembly more).
    pub fn phrase_fr(&self, lieu: &str, millesime: &str) -> String {
        let mut s = String::from(lieu);
        s.push_str(" — ");
        let pieces: &[&str] = match self {
            Decision::Eligible {
                equipe, quartier, ..
            } => &[
                "dans le programme, équipe ",
                equipe.code(),
                ", quartier ",
                quartier,
            ],
            Decision::ZonePrioritaire { zone, .. } => &[
                "quartier prioritaire ",
                zone,
                " (Programme de Réussite Éducative)",
            ],
            Decision::AConfirmer { .. } => &["à confirmer par l’équipe"],
            Decision::HorsTerritoire { .. } => &["hors des quartiers du programme"],
            Decision::HorsDijon { .. } => &["hors de Dijon"],
            Decision::AdresseIntrouvable => &["adresse introuvable"],
            Decision::AdresseNonLocalisee => &["rue connue, numéros non localisés"],
            Decision::AdresseIncertaine { .. } => &["adresse incertaine"],
        };
        pieces.iter().for_each(|p| s.push_str(p));
        if let Some(i) = self.iris() {
            for p in [", IRIS ", &i.nom, " (", &i.code, ")"] {
                s.push_str(p);
            }
        }
        s.push_str("\u{202f}; contours IRIS ");
        s.push_str(millesime);
        s
    }

    /// Whether a referral can be started from this answer.
    pub fn permet_une_demande(&self) -> bool {
        matches!(
            self,
            Decision::Eligible { .. }
                | Decision::ZonePrioritaire { .. }
                | Decision::AConfirmer { .. }
        )
    }
}

/// Why: each step of the reasoning, in data (the app words it in the user's language).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "raison", rename_all = "snake_case")]
pub enum Raison {
    AdresseTrouvee {
        label: String,
        precision: Precision,
    },
    /// A street known by name only (no position).
    VoieNonLocalisee {
        label: String,
    },
    /// The nearest match found, which may not be the address meant.
    AdresseIncertaine {
        label: String,
    },
    /// Why that match is doubtful.
    Doute {
        doute: Doute,
    },
    PositionDonnee {
        precision_m: f64,
    },
    DansIris {
        code: String,
        nom: String,
    },
    QuartierCouvert {
        quartier: String,
        equipe: Equipe,
        couverture: Couverture,
    },
    QuartierPrioritaire {
        zone: String,
    },
    DansQpv {
        nom: String,
    },
    HorsProgramme,
    LimiteProche {
        distance_m: f64,
        tolerance_m: f64,
    },
    BordDeLaCommune,
    HorsDesIris {
        distance_m: Option<f64>,
    },
    Interpolee {
        voisins: usize,
        accord: bool,
    },
    VoieSeulement {
        numeros: usize,
        accord: bool,
    },
    Age {
        age: u32,
        min: u32,
        max: u32,
    },
    Millesime {
        iris: String,
    },
}

impl Raison {
    /// The reason in plain French (the CLI's and the reference wording).
    pub fn texte_fr(&self) -> String {
        let m = |d: f64| format!("{} m", d.round() as i64);
        match self {
            Raison::AdresseTrouvee { label, precision } => match precision {
                Precision::Numero => format!("Adresse trouvée\u{a0}: {label}."),
                Precision::Interpolee => format!(
                    "Adresse trouvée\u{a0}: {label} (numéro absent des données, position estimée entre les numéros voisins)."
                ),
                Precision::Voie => format!("Seule la voie est connue\u{a0}: {label}."),
                Precision::NonLocalisee => format!(
                    "Rue connue par son nom seulement\u{a0}: {label}. Nos données ne situent pas ses numéros."
                ),
            },
            Raison::VoieNonLocalisee { label } => format!(
                "Rue connue par son nom seulement\u{a0}: {label}. Nos données ne situent pas ses numéros."
            ),
            Raison::AdresseIncertaine { label } => format!(
                "L’adresse la plus proche trouvée, {label}, n’est peut-être pas la vôtre."
            ),
            Raison::Doute { doute } => match doute {
                Doute::MotAbsent { mot } => {
                    format!("Le mot «\u{a0}{mot}\u{a0}» n’est pas dans le nom de cette voie.")
                }
                Doute::TypeContredit { tape } => {
                    format!("Une voie de type «\u{a0}{tape}\u{a0}» porte aussi ce nom.")
                }
                Doute::NumeroHorsPlage { numero, min, max } => format!(
                    "Le numéro {numero} est loin des numéros connus de ce côté de la voie ({min} à {max})."
                ),
                Doute::NumeroIsole { numero, connu } => format!(
                    "Le numéro {numero} ne serait placé que d’après un seul numéro connu de ce côté de la voie ({connu})."
                ),
                Doute::Homonyme { voie } => format!(
                    "La voie «\u{a0}{voie}\u{a0}» porte aussi ce nom, et la réponse n’y est pas la même."
                ),
            },
            Raison::PositionDonnee { precision_m } => {
                format!("Position donnée, précise à {} près.", m(*precision_m))
            }
            Raison::DansIris { code, nom } => format!("Le lieu est dans l’IRIS «\u{a0}{nom}\u{a0}» ({code})."),
            Raison::QuartierCouvert { quartier, equipe, couverture } => match couverture {
                Couverture::Entier => format!(
                    "Cet IRIS fait partie du quartier {quartier}, suivi par l’équipe {}.",
                    equipe.code()
                ),
                Couverture::Partiel => format!(
                    "Cet IRIS n’est qu’en partie dans le quartier {quartier} (équipe {})\u{a0}: l’équipe doit confirmer.",
                    equipe.code()
                ),
            },
            Raison::QuartierPrioritaire { zone } => format!(
                "Cet IRIS fait partie du quartier prioritaire {zone}, où le Programme de Réussite Éducative accompagne les familles."
            ),
            Raison::DansQpv { nom } => format!("Le lieu est dans le quartier prioritaire {nom} (QPV)."),
            Raison::HorsProgramme => "Cet IRIS ne fait pas partie des territoires du programme.".into(),
            Raison::LimiteProche { distance_m, tolerance_m } => format!(
                "Une limite entre deux réponses différentes passe à {} du lieu, moins que la marge de {}\u{a0}: les données ne permettent pas de trancher.",
                m(*distance_m),
                m(*tolerance_m)
            ),
            Raison::BordDeLaCommune => "Le lieu est tout près de la limite de la commune.".into(),
            Raison::HorsDesIris { distance_m } => match distance_m {
                Some(d) => format!("Le lieu est hors de Dijon, à {} de la commune.", m(*d)),
                None => "Le lieu est hors de Dijon.".into(),
            },
            // French singular for 0 and 1 (« 1 an », never « Les 1 numéros »).
            Raison::Interpolee { voisins, accord } => match (*voisins <= 1, *accord) {
                (true, true) => "Le numéro voisin connu donne la même réponse.".into(),
                (true, false) => "Le numéro voisin connu ne donne pas la même réponse.".into(),
                (false, true) => format!("Les {voisins} numéros voisins connus donnent la même réponse."),
                (false, false) => format!("Les {voisins} numéros voisins connus ne donnent pas tous la même réponse."),
            },
            Raison::VoieSeulement { numeros, accord } => match (*numeros <= 1, *accord) {
                (true, true) => "Le seul numéro connu de cette voie donne cette réponse.".into(),
                (true, false) => "Le numéro connu de cette voie ne donne pas la même réponse\u{a0}: indiquez le numéro.".into(),
                (false, true) => format!("Les {numeros} numéros connus de cette voie donnent tous la même réponse."),
                (false, false) => format!("Les {numeros} numéros connus de cette voie ne donnent pas tous la même réponse\u{a0}: indiquez le numéro."),
            },
            Raison::Age { age, min, max } => format!(
                "L’enfant a {age} {}\u{a0}: le programme accompagne les enfants de {min} à {max} ans.",
                if *age <= 1 { "an" } else { "ans" }
            ),
            Raison::Millesime { iris } => format!("Contours IRIS de {iris} (IGN – INSEE)."),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "avis", rename_all = "snake_case")]
pub enum Avis {
    /// The day of the check is outside the convention's period (does not block).
    HorsPeriode { jour: Date, debut: Date, fin: Date },
}

impl Avis {
    pub fn texte_fr(&self) -> String {
        match self {
            Avis::HorsPeriode { debut, fin, .. } => format!(
                "La convention connue couvre la période du {} au {}\u{a0}: vérifiez auprès de l’équipe que le programme se poursuit.",
                debut.en_francais(),
                fin.en_francais()
            ),
        }
    }
}

/// The child's age, as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgeDonne {
    Annees(u32),
    Naissance(Date),
}

/// The full answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reponse {
    /// The answer for the place.
    pub decision: Decision,
    /// Set when the age given is outside the programme's range: it answers first.
    pub hors_age: Option<u32>,
    pub raisons: Vec<Raison>,
    pub avis: Vec<Avis>,
}

impl Reponse {
    pub fn code(&self) -> &'static str {
        if self.hors_age.is_some() {
            "hors_age"
        } else {
            self.decision.code()
        }
    }
}

/// A point to decide on, with its uncertainty.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lieu {
    pub lon: f64,
    pub lat: f64,
    /// The point's own uncertainty radius, in metres (an address point: its quantisation,
    /// [`ERREUR_POSITION_M`]).
    pub precision_m: f64,
}

/// The answer for one point of the map, before any address or age consideration. The lists of
/// these are kept sorted and distinct (`inserer`); the order is the declaration order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Issue {
    Eligible(Equipe),
    Hors,
    HorsDijon,
    Partiel(Option<Equipe>),
    Prioritaire(usize),
}

/// Inserts `x` into the sorted, distinct `v` (these lists hold a handful of items).
fn inserer<T: Ord>(v: &mut Vec<T>, x: T) {
    if let Err(k) = v.binary_search(&x) {
        v.insert(k, x);
    }
}

/// The teams some of these answers point to, sorted and distinct.
fn equipes_de(issues: &[Issue]) -> Vec<Equipe> {
    let mut equipes = Vec::new();
    for i in issues {
        if let Issue::Eligible(e) | Issue::Partiel(Some(e)) = i {
            inserer(&mut equipes, *e);
        }
    }
    equipes
}

/// Positional uncertainty given to a position inferred between known numbers, in metres.
pub const PRECISION_INTERPOLEE_M: f64 = 15.0;
/// Above this, a position's own uncertainty is named among the reasons.
const PRECISION_IMPRECISE_M: f64 = 30.0;

/// Decides, from the map and the programme.
#[derive(Debug, Clone)]
pub struct Verificateur {
    pub carte: Carte,
    pub programme: Programme,
    iris: Localisateur,
    /// QPV polygons and the priority zone each belongs to.
    qpv: Option<(Localisateur, Vec<usize>)>,
}

impl Verificateur {
    pub fn nouveau(carte: Carte, programme: Programme) -> Self {
        let polys: Vec<&[crate::geometrie::Polygone]> =
            carte.iris.iter().map(|i| i.polygones.as_slice()).collect();
        let projection = Localisateur::projection_pour(&polys);
        let iris = Localisateur::nouveau(&polys, projection, carte.precision_m);
        let plier = crate::normalisation::plier;
        let mut qpv_polys = Vec::new();
        let mut qpv_zones = Vec::new();
        for q in &carte.qpv {
            let nom = plier(&q.nom);
            if let Some(z) = programme
                .zones_prioritaires
                .iter()
                .position(|z| z.qpv.iter().any(|n| plier(n) == nom || *n == q.code))
            {
                qpv_polys.push(q.polygones.as_slice());
                qpv_zones.push(z);
            }
        }
        let qpv = (!qpv_polys.is_empty()).then(|| {
            (
                Localisateur::nouveau(&qpv_polys, projection, 0.0),
                qpv_zones,
            )
        });
        Verificateur {
            carte,
            programme,
            iris,
            qpv,
        }
    }

    pub fn localisateur(&self) -> &Localisateur {
        &self.iris
    }

    fn tolerance(&self, precision_m: f64) -> f64 {
        self.carte.precision_m + precision_m.max(0.0)
    }

    fn issue_iris(&self, i: usize, zone_qpv: Option<usize>) -> Issue {
        if let Some(z) = zone_qpv {
            return Issue::Prioritaire(z);
        }
        match self.programme.statut(&self.carte.iris[i].code) {
            Statut::Couvert {
                territoire,
                couverture: Couverture::Entier,
                ..
            } => Issue::Eligible(territoire.equipe),
            Statut::Couvert { territoire, .. } => Issue::Partiel(Some(territoire.equipe)),
            // With QPV polygons, the polygon decides, not the IRIS.
            Statut::Prioritaire { .. } if self.qpv.is_some() => Issue::Hors,
            Statut::Prioritaire {
                couverture: Couverture::Partiel,
                ..
            } => Issue::Partiel(None),
            Statut::Prioritaire { zone, .. } => Issue::Prioritaire(
                self.programme
                    .zones_prioritaires
                    .iter()
                    .position(|z| std::ptr::eq(z, zone))
                    .unwrap_or(0),
            ),
            Statut::Hors => Issue::Hors,
        }
    }

    /// Possible QPV zones at the point: (certain zone, uncertain zones near a QPV edge).
    fn zones_qpv(&self, lieu: &Lieu) -> (Option<usize>, Vec<usize>) {
        let Some((loc, zones)) = &self.qpv else {
            return (None, vec![]);
        };
        match loc.localiser_lonlat(lieu.lon, lieu.lat, lieu.precision_m.max(0.0) + 1.0) {
            Localisation::Dedans { iris, .. } => (Some(zones[iris]), vec![]),
            Localisation::PresDUneLimite { proches, .. } => {
                (None, proches.iter().map(|p| zones[p.iris]).collect())
            }
            Localisation::Dehors { .. } => (None, vec![]),
        }
    }

    fn iris_ref(&self, p: &Proche) -> IrisRef {
        let i = &self.carte.iris[p.iris];
        IrisRef {
            code: i.code.clone(),
            nom: i.nom.clone(),
            distance_limite_m: (p.distance_m * 10.0).round() / 10.0,
        }
    }

    /// The issues at a point (for agreement checks between neighbours).
    fn issues_au(&self, lieu: &Lieu) -> Vec<Issue> {
        let tol = self.tolerance(lieu.precision_m);
        let (zone, zones_proches) = self.zones_qpv(lieu);
        let mut out = Vec::new();
        match self.iris.localiser_lonlat(lieu.lon, lieu.lat, tol) {
            Localisation::Dedans { iris, .. } => inserer(&mut out, self.issue_iris(iris, zone)),
            Localisation::PresDUneLimite {
                proches,
                bord_exterieur,
            } => {
                for p in &proches {
                    inserer(&mut out, self.issue_iris(p.iris, zone));
                }
                if bord_exterieur && !proches[0].dedans {
                    inserer(&mut out, Issue::HorsDijon);
                }
            }
            Localisation::Dehors { .. } => inserer(&mut out, Issue::HorsDijon),
        }
        for z in zones_proches {
            inserer(&mut out, Issue::Prioritaire(z));
        }
        out
    }

    /// The decision for a point, with its reasons.
    pub fn decider_lieu(&self, lieu: &Lieu) -> (Decision, Vec<Raison>) {
        let tol = self.tolerance(lieu.precision_m);
        let (zone, zones_proches) = self.zones_qpv(lieu);
        let mut raisons = Vec::new();
        let (proches, bord_exterieur) = match self.iris.localiser_lonlat(lieu.lon, lieu.lat, tol) {
            Localisation::Dehors { plus_proche } => {
                let distance_m = plus_proche.map(|(_, d)| (d * 10.0).round() / 10.0);
                raisons.push(Raison::HorsDesIris { distance_m });
                return (Decision::HorsDijon { distance_m }, raisons);
            }
            Localisation::Dedans {
                iris,
                distance_limite_m,
            } => (
                vec![Proche {
                    iris,
                    dedans: true,
                    distance_m: distance_limite_m,
                }],
                false,
            ),
            Localisation::PresDUneLimite {
                proches,
                bord_exterieur,
            } => (proches, bord_exterieur),
        };
        let issues: Vec<Issue> = proches
            .iter()
            .map(|p| self.issue_iris(p.iris, zone))
            .collect();
        let premier = &proches[0];
        let iris = self.iris_ref(premier);
        if premier.dedans {
            raisons.push(Raison::DansIris {
                code: iris.code.clone(),
                nom: iris.nom.clone(),
            });
        }
        if let Some(z) = zone {
            raisons.push(Raison::DansQpv {
                nom: self.programme.zones_prioritaires[z].nom.clone(),
            });
        }
        match self.programme.statut(&iris.code) {
            Statut::Couvert {
                territoire,
                quartier,
                couverture,
            } => raisons.push(Raison::QuartierCouvert {
                quartier: quartier.nom.clone(),
                equipe: territoire.equipe,
                couverture,
            }),
            Statut::Prioritaire { zone, .. } if self.qpv.is_none() => {
                raisons.push(Raison::QuartierPrioritaire {
                    zone: zone.nom.clone(),
                })
            }
            _ if zone.is_none() => raisons.push(Raison::HorsProgramme),
            _ => {}
        }

        // The commune's outer edge counts only for a point outside every IRIS: inside one,
        // the IRIS answers (the contours are the commune's own).
        let bord_exterieur = bord_exterieur && !premier.dedans;
        let differentes = issues.iter().any(|i| *i != issues[0])
            || bord_exterieur
            || zones_proches
                .iter()
                .any(|z| issues[0] != Issue::Prioritaire(*z));
        let partiels: Vec<&Proche> = proches
            .iter()
            .zip(&issues)
            .filter(|(_, i)| matches!(i, Issue::Partiel(_)))
            .map(|(p, _)| p)
            .collect();
        if differentes || !partiels.is_empty() {
            let mut motifs = Vec::new();
            for p in partiels {
                let quartier = match self.programme.statut(&self.carte.iris[p.iris].code) {
                    Statut::Couvert { quartier, .. } => quartier.nom.clone(),
                    Statut::Prioritaire { zone, .. } => zone.nom.clone(),
                    Statut::Hors => String::new(),
                };
                motifs.push(Motif::IrisPartiel {
                    iris: self.carte.iris[p.iris].code.clone(),
                    quartier,
                });
            }
            if differentes {
                let distance_m = proches
                    .iter()
                    .map(|p| p.distance_m)
                    .fold(f64::INFINITY, f64::min);
                let distance_m = (distance_m * 10.0).round() / 10.0;
                motifs.push(Motif::LimiteProche {
                    distance_m,
                    tolerance_m: tol,
                });
                raisons.push(Raison::LimiteProche {
                    distance_m,
                    tolerance_m: tol,
                });
            }
            if bord_exterieur {
                motifs.push(Motif::BordDeLaCommune);
                raisons.push(Raison::BordDeLaCommune);
            }
            if lieu.precision_m > PRECISION_IMPRECISE_M {
                motifs.push(Motif::PositionImprecise {
                    precision_m: lieu.precision_m,
                });
            }
            let equipes = equipes_de(&issues);
            let iris = proches.iter().map(|p| self.iris_ref(p)).collect();
            return (
                Decision::AConfirmer {
                    motifs,
                    equipes,
                    iris,
                },
                raisons,
            );
        }
        let decision = match issues[0] {
            Issue::Eligible(equipe) => {
                let quartier = match self.programme.statut(&iris.code) {
                    Statut::Couvert { quartier, .. } => quartier.nom.clone(),
                    _ => String::new(),
                };
                Decision::Eligible {
                    equipe,
                    quartier,
                    iris,
                }
            }
            Issue::Prioritaire(z) => Decision::ZonePrioritaire {
                zone: self.programme.zones_prioritaires[z].nom.clone(),
                iris: Some(iris),
            },
            Issue::Hors => Decision::HorsTerritoire { iris },
            Issue::HorsDijon | Issue::Partiel(_) => Decision::HorsDijon { distance_m: None },
        };
        (decision, raisons)
    }

    /// The decision for a search's results (best first): the first one's, unless another
    /// street bears its name under another type ([`homonymes`]) and is answered otherwise —
    /// then the typed text cannot tell which, and the address is uncertain.
    pub fn decider_recherche(&self, resultats: &[Resultat]) -> (Decision, Vec<Raison>) {
        let Some(premier) = resultats.first() else {
            return (Decision::AdresseIntrouvable, Vec::new());
        };
        let (decision, raisons) = self.decider_adresse(premier);
        let doutes: Vec<Doute> = homonymes(resultats)
            .filter(|h| !self.decider_adresse(h).0.meme_reponse(&decision))
            .map(|h| Doute::Homonyme {
                voie: nom_affiche(&h.nom_voie),
            })
            .collect();
        if doutes.is_empty() {
            return (decision, raisons);
        }
        let mut raisons = vec![Raison::AdresseIncertaine {
            label: premier.label.clone(),
        }];
        raisons.extend(doutes.iter().map(|d| Raison::Doute { doute: d.clone() }));
        (Decision::AdresseIncertaine { doutes }, raisons)
    }

    /// The decision for a search result: its point, and for an inferred position or a street
    /// alone, whether the known numbers around agree.
    pub fn decider_adresse(&self, r: &Resultat) -> (Decision, Vec<Raison>) {
        // Only a match that is not doubtful is answered for; a street without positions cannot
        // be.
        if r.confiance == Confiance::Douteuse {
            let mut raisons = vec![Raison::AdresseIncertaine {
                label: r.label.clone(),
            }];
            raisons.extend(r.doutes.iter().map(|d| Raison::Doute { doute: d.clone() }));
            return (
                Decision::AdresseIncertaine {
                    doutes: r.doutes.clone(),
                },
                raisons,
            );
        }
        let Some(position) = r.position else {
            return (
                Decision::AdresseNonLocalisee,
                vec![Raison::VoieNonLocalisee {
                    label: r.label.clone(),
                }],
            );
        };
        // Address points are stored quantised (`asset::adresses`): each carries that error.
        let precision_m = match r.precision {
            Precision::Numero | Precision::Voie | Precision::NonLocalisee => ERREUR_POSITION_M,
            Precision::Interpolee => PRECISION_INTERPOLEE_M + ERREUR_POSITION_M,
        };
        let mut raisons = vec![Raison::AdresseTrouvee {
            label: r.label.clone(),
            precision: r.precision,
        }];
        let lieu_de = |p: [i32; 2], precision_m| Lieu {
            lon: p[0] as f64 / 1e6,
            lat: p[1] as f64 / 1e6,
            precision_m,
        };
        if r.precision == Precision::Numero {
            let (d, rs) = self.decider_lieu(&lieu_de(position, precision_m));
            raisons.extend(rs);
            return (d, raisons);
        }
        let (d, rs) = self.decider_lieu(&lieu_de(position, precision_m));
        raisons.extend(rs);
        let mut issues: Vec<Issue> = Vec::new();
        let points = r.voisins.iter().map(|&v| lieu_de(v, ERREUR_POSITION_M));
        for lieu in points.chain([lieu_de(position, precision_m)]) {
            for i in self.issues_au(&lieu) {
                inserer(&mut issues, i);
            }
        }
        let accord = issues.len() <= 1;
        let n = r.voisins.len();
        raisons.push(match r.precision {
            Precision::Voie => Raison::VoieSeulement { numeros: n, accord },
            _ => Raison::Interpolee { voisins: n, accord },
        });
        if accord && !(r.precision == Precision::Voie && n == 0) {
            return (d, raisons);
        }
        let motif = match r.precision {
            Precision::Voie => Motif::VoieSeulement,
            _ => Motif::VoisinsEnDesaccord,
        };
        let decision = match d {
            Decision::AConfirmer {
                mut motifs,
                equipes,
                iris,
            } => {
                motifs.push(motif);
                Decision::AConfirmer {
                    motifs,
                    equipes,
                    iris,
                }
            }
            autre => {
                let equipes = equipes_de(&issues);
                Decision::AConfirmer {
                    motifs: vec![motif],
                    equipes,
                    iris: autre.iris().cloned().into_iter().collect(),
                }
            }
        };
        (decision, raisons)
    }

    /// The whole answer: the place's decision, then the age and the period.
    pub fn repondre(
        &self,
        decision: Decision,
        mut raisons: Vec<Raison>,
        age: Option<AgeDonne>,
        jour: Option<Date>,
    ) -> Reponse {
        let p = &self.programme;
        let age = match age {
            Some(AgeDonne::Annees(a)) => Some(a),
            Some(AgeDonne::Naissance(n)) => jour.and_then(|j| n.age_au(j)),
            None => None,
        };
        let mut hors_age = None;
        if let Some(a) = age {
            raisons.push(Raison::Age {
                age: a,
                min: p.age_min,
                max: p.age_max,
            });
            if a < p.age_min || a > p.age_max {
                hors_age = Some(a);
            }
        }
        raisons.push(Raison::Millesime {
            iris: self.carte.millesime.clone(),
        });
        let mut avis = Vec::new();
        if let Some(j) = jour {
            if j < p.periode.debut || j > p.periode.fin {
                avis.push(Avis::HorsPeriode {
                    jour: j,
                    debut: p.periode.debut,
                    fin: p.periode.fin,
                });
            }
        }
        Reponse {
            decision,
            hors_age,
            raisons,
            avis,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iris() -> IrisRef {
        IrisRef {
            code: "212310304".into(),
            nom: "Clemenceau".into(),
            distance_limite_m: 40.0,
        }
    }

    #[test]
    fn phrase_fr_dit_la_reponse_son_iris_et_le_millesime() {
        let d = Decision::Eligible {
            equipe: Equipe::Nord,
            quartier: "Drapeau – Clemenceau".into(),
            iris: iris(),
        };
        assert_eq!(
            d.phrase_fr("6 Place de la France Libre 21000 Dijon", "2020"),
            "6 Place de la France Libre 21000 Dijon — dans le programme, équipe nord, quartier \
             Drapeau – Clemenceau, IRIS Clemenceau (212310304)\u{202f}; contours IRIS 2020"
        );
        let z = Decision::ZonePrioritaire {
            zone: "Grésilles".into(),
            iris: None,
        };
        assert_eq!(
            z.phrase_fr("point 47.33, 5.05", "2020"),
            "point 47.33, 5.05 — quartier prioritaire Grésilles (Programme de Réussite \
             Éducative)\u{202f}; contours IRIS 2020"
        );
        assert_eq!(
            Decision::AdresseIntrouvable.phrase_fr("x", "2021"),
            "x — adresse introuvable\u{202f}; contours IRIS 2021"
        );
    }
}
