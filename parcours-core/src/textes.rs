//! What the app says, in each language: the list of messages and their variables (here, in
//! code), and one catalogue of texts per language (data: `config/textes/<langue>.toml`, built into
//! an asset `textes-<langue>.bin` by `parcours-data build`).
//!
//! - [`MESSAGES`] is the list: a name and the variables the text may use, in order.
//! - [`Textes::compiler`] turns a language's `name = "text"` pairs into a catalogue, refusing a
//!   missing, unknown or empty message and an unknown `{variable}` (the build fails on them).
//! - The asset is only accepted when its fingerprint of the list is this build's
//!   ([`Payload::valider`]): a catalogue made for another version of the list cannot be loaded.
//! - Each message has a typed accessor (`t.accroche()`, `t.hors_age_titre(&min, &max)`), so a
//!   misspelt name or a wrong number of variables does not compile; the methods at the end map
//!   the domain's enums (reasons, problems, fields…) to their messages.
//!
//! In a catalogue's text, `{nom}` is a variable. The compiled text keeps `{0}`, `{1}`… (the
//! variable's position) and nothing else between braces.
//!
//! Plurals: a message whose words depend on a count is listed with that count in brackets
//! (`raison_age[age](min, max)`; the count is its first variable). Its source is not one text
//! but one text per plural form of the language, by their CLDR names — French and English
//! `one` and `other`; Arabic `zero`, `one`, `two`, `few`, `many` and `other` — as a TOML table:
//! `raison_age = { one = "L’enfant a {age} an…", other = "L’enfant a {age} ans…" }`. The build
//! refuses a missing or unknown form; the app picks the form of the count ([`Forme::pour`]) and
//! writes the count grouped the language's way. A compiled plural text keeps its forms in the
//! language's order, separated by [`SEPARATEUR_FORMES`].

use std::fmt::{Display, Write};

use crate::asset::{crc32, Nature, Payload};
use crate::decision::{Motif, Raison};
use crate::demande::{Champ, Demandeur, Etape, MoyenAccord, Probleme};
use crate::lien::Langue;
use crate::programme::{Couverture, Equipe};
use crate::recherche::{Doute, Precision};

/// Between the forms of a compiled plural text (a control character no text holds).
pub const SEPARATEUR_FORMES: char = '\u{1F}';

/// The plural form of a count: CLDR's categories, for whole numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forme {
    Zero,
    Un,
    Deux,
    Peu,
    Beaucoup,
    Autre,
}

impl Forme {
    /// The CLDR name, as a catalogue's source writes it.
    pub fn cldr(self) -> &'static str {
        match self {
            Forme::Zero => "zero",
            Forme::Un => "one",
            Forme::Deux => "two",
            Forme::Peu => "few",
            Forme::Beaucoup => "many",
            Forme::Autre => "other",
        }
    }

    /// The forms a language tells apart, in the order a compiled text keeps them. (French's
    /// `many`, for round millions, is left out: no count here comes near.)
    pub fn de(l: Langue) -> &'static [Forme] {
        match l {
            Langue::Fr | Langue::En => &[Forme::Un, Forme::Autre],
            Langue::Ar => &[
                Forme::Zero,
                Forme::Un,
                Forme::Deux,
                Forme::Peu,
                Forme::Beaucoup,
                Forme::Autre,
            ],
        }
    }

    /// The form of the count `n` in language `l` (CLDR's rules for whole numbers).
    pub fn pour(l: Langue, n: usize) -> Forme {
        match l {
            // French: 0 and 1 are singular (« 0 an », « 1 an »).
            Langue::Fr if n <= 1 => Forme::Un,
            Langue::En if n == 1 => Forme::Un,
            Langue::Fr | Langue::En => Forme::Autre,
            Langue::Ar => match (n, n % 100) {
                (0, _) => Forme::Zero,
                (1, _) => Forme::Un,
                (2, _) => Forme::Deux,
                (_, 3..=10) => Forme::Peu,
                (_, 11..=99) => Forme::Beaucoup,
                _ => Forme::Autre,
            },
        }
    }
}

/// A language's messages, complete and checked against [`MESSAGES`].
#[derive(Debug, Clone, PartialEq)]
pub struct Textes {
    langue: String,
    empreinte: u32,
    messages: Vec<String>,
}

crate::asset::octets::octets_struct!(Textes {
    langue,
    empreinte,
    messages
});

impl Payload for Textes {
    const NATURE: Nature = Nature::Textes;

    fn en_octets(&self) -> Vec<u8> {
        crate::asset::octets::en_octets(self)
    }

    fn depuis_octets(o: &[u8]) -> Result<Self, crate::asset::AssetError> {
        Ok(crate::asset::octets::depuis_octets(o, "textes")?)
    }

    fn valider(&self) -> Result<(), String> {
        if Langue::depuis_code(&self.langue).is_none() {
            return Err("unknown language".into());
        }
        if self.empreinte != EMPREINTE || self.messages.len() != VARIABLES.len() {
            return Err("made for another list of messages (rebuild the assets)".into());
        }
        let formes = Forme::de(self.langue()).len();
        for (i, (variables, texte)) in VARIABLES.iter().zip(&self.messages).enumerate() {
            let attendues = if PLURIEL[i] { formes } else { 1 };
            if texte.split(SEPARATEUR_FORMES).count() != attendues {
                return Err(format!("message {i}: not the language's plural forms"));
            }
            for morceau in morceaux(texte) {
                match morceau {
                    Morceau::Variable(v) if v < *variables as usize => {}
                    Morceau::Texte(t) if !t.contains(['{', '}']) => {}
                    _ => return Err(format!("message {i}: a variable out of place")),
                }
            }
        }
        Ok(())
    }
}

/// One thing wrong in a catalogue's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErreurTextes {
    Manquant(&'static str),
    Inconnu(String),
    Vide(String),
    VariableInconnue {
        message: String,
        variable: String,
    },
    Accolade(String),
    /// A message that depends on a count, given as one text (or a form missing): the forms the
    /// language needs.
    Formes {
        message: String,
        formes: String,
    },
}

impl Display for ErreurTextes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ErreurTextes::Manquant(m) => write!(f, "message {m} is missing"),
            ErreurTextes::Inconnu(m) => write!(f, "message {m} is not in the list of messages"),
            ErreurTextes::Vide(m) => write!(f, "message {m} is empty"),
            ErreurTextes::VariableInconnue { message, variable } => write!(
                f,
                "message {message}: {{{variable}}} is not one of its variables"
            ),
            ErreurTextes::Accolade(m) => {
                write!(f, "message {m}: a brace that does not close a {{variable}}")
            }
            ErreurTextes::Formes { message, formes } => write!(
                f,
                "message {message} depends on a count: give it as {{ {formes} }}"
            ),
        }
    }
}

enum Morceau<'a> {
    Texte(&'a str),
    Variable(usize),
}

/// Splits a compiled text on its `{0}`…`{9}` markers.
fn morceaux(texte: &str) -> impl Iterator<Item = Morceau<'_>> {
    let mut reste = texte;
    std::iter::from_fn(move || {
        if reste.is_empty() {
            return None;
        }
        let b = reste.as_bytes();
        if b.len() >= 3 && b[0] == b'{' && b[1].is_ascii_digit() && b[2] == b'}' {
            let i = (b[1] - b'0') as usize;
            reste = &reste[3..];
            return Some(Morceau::Variable(i));
        }
        // The next marker, or the end; a lone `{` stays text (valider refuses it).
        let fin = b[1..]
            .iter()
            .position(|&c| c == b'{')
            .map_or(b.len(), |p| p + 1);
        let (t, r) = reste.split_at(fin);
        reste = r;
        Some(Morceau::Texte(t))
    })
}

impl Textes {
    /// A catalogue from its source pairs (`name`, `text with {variables}`), or every problem. A
    /// plural message comes as one pair per form, `name.form` (`raison_age.one`).
    pub fn compiler(
        langue: Langue,
        paires: &[(String, String)],
    ) -> Result<Textes, Vec<ErreurTextes>> {
        let mut erreurs = Vec::new();
        let formes = Forme::de(langue);
        let connu = |nom: &str| match nom.split_once('.') {
            None => MESSAGES
                .iter()
                .zip(PLURIEL)
                .any(|((m, _), p)| *m == nom && !p),
            Some((m, f)) => {
                MESSAGES
                    .iter()
                    .zip(PLURIEL)
                    .any(|((n, _), p)| *n == m && *p)
                    && formes.iter().any(|x| x.cldr() == f)
            }
        };
        for (nom, _) in paires {
            if !connu(nom) && !MESSAGES.iter().any(|(m, _)| m == nom) {
                erreurs.push(ErreurTextes::Inconnu(nom.clone()));
            }
        }
        let mut messages = Vec::with_capacity(MESSAGES.len());
        for ((nom, variables), pluriel) in MESSAGES.iter().zip(PLURIEL) {
            let source = |cle: &str| paires.iter().find(|(m, _)| m == cle).map(|(_, t)| t);
            if !pluriel {
                let Some(texte) = source(nom) else {
                    erreurs.push(ErreurTextes::Manquant(nom));
                    continue;
                };
                messages.push(compiler_texte(nom, texte, variables, &mut erreurs));
                continue;
            }
            let sources: Vec<Option<&String>> = formes
                .iter()
                .map(|f| source(&format!("{nom}.{}", f.cldr())))
                .collect();
            if source(nom).is_some() || sources.iter().any(Option::is_none) {
                erreurs.push(ErreurTextes::Formes {
                    message: nom.to_string(),
                    formes: formes
                        .iter()
                        .map(|f| format!("{} = \"…\"", f.cldr()))
                        .collect::<Vec<_>>()
                        .join(", "),
                });
                continue;
            }
            let textes: Vec<String> = sources
                .into_iter()
                .flatten()
                .map(|t| compiler_texte(nom, t, variables, &mut erreurs))
                .collect();
            messages.push(textes.join(&SEPARATEUR_FORMES.to_string()));
        }
        if !erreurs.is_empty() {
            return Err(erreurs);
        }
        Ok(Textes {
            langue: langue.code().to_string(),
            empreinte: EMPREINTE,
            messages,
        })
    }

    pub fn langue(&self) -> Langue {
        Langue::depuis_code(&self.langue).unwrap_or_default()
    }

    #[inline(never)]
    fn brut(&self, i: usize) -> &str {
        self.messages.get(i).map_or("", String::as_str)
    }

    fn remplir(&self, i: usize, valeurs: &[&dyn Display]) -> String {
        self.remplir_texte(self.brut(i), valeurs)
    }

    /// A plural message: the form of the count `n` (its first variable, written grouped), then
    /// the other variables.
    fn remplir_pluriel(&self, i: usize, n: usize, autres: &[&dyn Display]) -> String {
        let l = self.langue();
        let rang = Forme::de(l)
            .iter()
            .position(|f| *f == Forme::pour(l, n))
            .unwrap_or(0);
        let texte = self
            .brut(i)
            .split(SEPARATEUR_FORMES)
            .nth(rang)
            .unwrap_or("");
        let compte = self.nombre(n);
        let mut valeurs: Vec<&dyn Display> = vec![&compte];
        valeurs.extend_from_slice(autres);
        self.remplir_texte(texte, &valeurs)
    }

    fn remplir_texte(&self, texte: &str, valeurs: &[&dyn Display]) -> String {
        let mut s = String::new();
        for m in morceaux(texte) {
            match m {
                Morceau::Texte(t) => s.push_str(t),
                Morceau::Variable(v) => {
                    if let Some(x) = valeurs.get(v) {
                        let _ = write!(s, "{x}");
                    }
                }
            }
        }
        s
    }
}

/// One text of a message: its `{variables}` become their positions (`{0}`…).
fn compiler_texte(
    nom: &str,
    source: &str,
    variables: &[&str],
    erreurs: &mut Vec<ErreurTextes>,
) -> String {
    if source.is_empty() {
        erreurs.push(ErreurTextes::Vide(nom.to_string()));
    }
    let mut texte = String::with_capacity(source.len());
    let mut reste = source;
    while let Some(debut) = reste.find(['{', '}']) {
        texte.push_str(&reste[..debut]);
        let apres = &reste[debut..];
        let fin = match (apres.starts_with('{'), apres.find('}')) {
            (true, Some(fin)) => fin,
            _ => {
                erreurs.push(ErreurTextes::Accolade(nom.to_string()));
                reste = "";
                break;
            }
        };
        let variable = &apres[1..fin];
        match variables.iter().position(|v| *v == variable) {
            Some(i) => {
                let _ = write!(texte, "{{{i}}}");
            }
            None => erreurs.push(ErreurTextes::VariableInconnue {
                message: nom.to_string(),
                variable: variable.to_string(),
            }),
        }
        reste = &apres[fin + 1..];
    }
    texte.push_str(reste);
    // A form separator typed in a source would split the text: refused like a stray brace.
    if texte.contains(SEPARATEUR_FORMES) {
        erreurs.push(ErreurTextes::Accolade(nom.to_string()));
    }
    texte
}

macro_rules! messages {
    ($($nom:ident $([$compte:ident])? $(($($var:ident),*))?;)*) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy)]
        enum Cle { $($nom),* }

        /// Every message the app says, in order, with the variables its text may use (a plural
        /// message's count first).
        pub const MESSAGES: &[(&str, &[&str])] = &[
            $((stringify!($nom), &[$(stringify!($compte),)? $($(stringify!($var)),*)?])),*
        ];

        /// Which messages depend on a count (one text per plural form).
        pub const PLURIEL: &[bool] = &[$(<[&str]>::len(&[$(stringify!($compte))?]) == 1),*];

        /// How many variables each message has (what the browser checks: the names above
        /// stay out of its code).
        const VARIABLES: &[u8] = &[$(<[&str]>::len(&[$(stringify!($compte),)? $($(stringify!($var)),*)?]) as u8),*];

        /// The fingerprint of the list (names, counts and variables, in order), computed at
        /// compile time: a catalogue built for another list is refused.
        const EMPREINTE: u32 = crc32(concat!($(stringify!($nom), $(" [", stringify!($compte), "]",)? $($(" ", stringify!($var),)*)? "\n",)*).as_bytes());

        impl Textes {
            $(messages!(@acces $nom $([$compte])? $(($($var),*))?);)*
        }
    };
    (@acces $nom:ident) => {
        pub fn $nom(&self) -> &str {
            self.brut(Cle::$nom as usize)
        }
    };
    (@acces $nom:ident ($($var:ident),*)) => {
        pub fn $nom(&self, $($var: &dyn Display),*) -> String {
            self.remplir(Cle::$nom as usize, &[$($var),*])
        }
    };
    (@acces $nom:ident [$compte:ident] $(($($var:ident),*))?) => {
        pub fn $nom(&self, $compte: usize $($(, $var: &dyn Display)*)?) -> String {
            self.remplir_pluriel(Cle::$nom as usize, $compte, &[$($($var),*)?])
        }
    };
}

messages! {
    // The check page.
    accroche;
    titre_page;
    titre_page_liste;
    presentation;
    confidentialite;
    langue_choix;
    langue_indisponible;
    etiquette_adresse;
    aide_adresse;
    suggestions[n];
    aucune_suggestion;
    introuvable_titre(adresse);
    introuvable_texte;
    introuvable_carte;
    introuvable_en_ligne;
    pas_dans_la_liste;
    adresse_choisie;
    precision_numero;
    precision_interpolee;
    precision_voie;
    precision_non_localisee;
    vouliez_vous_dire(adresse);
    etiquette_age;
    aide_age(min, max);
    aide_age_court;
    age_invalide;
    nouvelle_recherche;
    reponse;
    eligible_titre;
    eligible_texte_nord(quartier);
    eligible_texte_sud(quartier);
    ensuite;
    prioritaire_titre(zone);
    prioritaire_texte;
    hors_territoire_titre;
    hors_territoire_texte;
    hors_dijon_titre;
    hors_dijon_texte;
    a_confirmer_titre;
    a_confirmer_texte;
    non_localisee_titre;
    non_localisee_texte;
    incertaine_titre(adresse);
    incertaine_texte;
    motif_iris_partiel(quartier);
    motif_limite_proche(distance);
    motif_bord_de_la_commune;
    motif_voisins_en_desaccord;
    motif_voie_seulement;
    motif_position_imprecise(precision);
    hors_age_titre(min, max);
    hors_age_texte;
    faire_une_demande;
    contact_inconnu;
    comment_savons_nous;
    iris_explication;
    raison_adresse_numero(adresse);
    raison_adresse_interpolee(adresse);
    raison_adresse_voie(adresse);
    raison_voie_non_localisee(adresse);
    raison_adresse_incertaine(adresse);
    doute_mot_absent(mot);
    doute_type_contredit(type_voie);
    doute_numero_hors_plage(numero, min, max);
    doute_numero_isole(numero, connu);
    doute_homonyme(voie);
    homonymes_choisir;
    raison_position_donnee(precision);
    raison_dans_iris(code, nom);
    raison_quartier_entier(quartier, equipe);
    raison_quartier_partiel(quartier, equipe);
    raison_quartier_prioritaire(zone);
    raison_dans_qpv(nom);
    raison_hors_programme;
    raison_limite_proche(distance, marge);
    raison_bord_de_la_commune;
    raison_hors_dijon_a(distance);
    raison_hors_dijon;
    raison_voisins_accord[n];
    raison_voisins_desaccord[n];
    raison_voie_accord[n];
    raison_voie_desaccord[n];
    raison_age[age](min, max);
    raison_millesime(millesime);
    hors_periode(debut, fin);
    sources_titre;
    ma_position;
    position_en_cours;
    position_refusee;
    position_delai;
    position_indisponible;
    position_imprecise(precision);
    position_precision(precision);
    carte_titre;
    carte_aide;
    carte_legende_nord;
    carte_legende_sud;
    carte_legende_prioritaire;
    carte_legende_autre;
    carte_point;
    carte_placer_centre;
    carte_legende_position;
    zoom_plus;
    zoom_moins;
    recentrer;
    vers_nord;
    vers_sud;
    vers_ouest;
    vers_est;
    confirmer_point;
    point_choisi;
    territoires_texte;
    equipe_nord;
    equipe_sud;
    nom_equipe_nord;
    nom_equipe_sud;
    zones_prioritaires;
    en_ligne_titre;
    en_ligne_avertissement;
    en_ligne_bouton;
    en_ligne_en_cours;
    en_ligne_aucun;
    en_ligne_erreur;
    en_ligne_source;
    en_ligne_vide;
    secteur(nom, millesime);
    nouvelle_version;
    mettre_a_jour;
    separateur_milliers;
    separateur_decimal;
    deux_points;

    // The referral form.
    demande_titre;
    demande_intro;
    demande_etape(i, n, etape);
    etape_demandeur;
    etape_enfant;
    etape_famille;
    etape_inquietudes;
    etape_accord;
    etape_recapitulatif;
    demande_precedent;
    demande_suivant;
    demande_fermer;
    demande_hors_programme;
    quitter_titre;
    quitter_texte;
    quitter_continuer;
    quitter_garder;
    quitter_sans_garder;
    erreurs_titre[n];
    demandeur_question;
    demandeur_parent;
    demandeur_personnel_scolaire;
    demandeur_autre_professionnel;
    champ_pro_nom;
    champ_pro_fonction;
    champ_pro_structure;
    champ_pro_contact;
    champ_enfant_prenom;
    champ_enfant_nom;
    champ_enfant_naissance;
    champ_enfant_ecole;
    champ_responsables;
    champ_telephone;
    champ_email;
    champ_domaines;
    champ_inquietude;
    champ_deja_fait;
    champ_consentement;
    champ_consentement_date;
    champ_consentement_moyen;
    accord_moyen_entretien;
    accord_moyen_telephone;
    accord_moyen_ecrit;
    champ_adresse;
    aide_domicile;
    accord_intro_parent;
    accord_intro_pro;
    aide_contact;
    aide_naissance(min, max);
    aide_date;
    classe;
    langue_famille;
    interprete;
    domaines_legende;
    domaine_apprentissages;
    domaine_comportement;
    domaine_sante;
    domaine_langage;
    domaine_famille;
    domaine_vie_sociale_loisirs;
    aide_inquietude;
    accord_parent;
    accord_pro;
    probleme_obligatoire;
    probleme_trop_long(max);
    probleme_date_invalide;
    probleme_dans_le_futur;
    probleme_age_hors_programme[age](min, max);
    probleme_telephone_invalide;
    probleme_email_invalide;
    probleme_un_moyen_de_contact;
    probleme_un_domaine;
    probleme_consentement;
    recap_intro;
    recap_intro_sans_courriel;
    imprimer;
    courriel;
    courriel_trop_long;
    demande_telecharger;
    sans_contact;
    rien_envoye;
    garder;
    garder_aide;
    brouillon_repris;
    brouillon_expire;
    brouillon_illisible;
    brouillon_indisponible;
    tout_effacer;
    tout_efface;
    brouillon_garde(jour, prenom);
    brouillon_garde_sans_prenom(jour);
    brouillon_reprendre;
    brouillon_effacer;
    brouillon_efface;
    brouillon_autre;
    brouillon_illisible_accueil;

    // The list page.
    liste_lien;
    liste_retour;
    liste_titre;
    liste_intro;
    liste_coller;
    liste_aide_coller;
    liste_fichier;
    liste_aide_fichier;
    liste_pretes[n];
    liste_verifier;
    liste_entete;
    liste_colonnes;
    liste_aide_colonnes;
    liste_colonne(i);
    liste_trop_gros(mo);
    liste_trop_de_lignes(n, max);
    liste_aucune_ligne;
    liste_progression;
    liste_resume_lignes[n](a, secondes);
    liste_encodage_1252;
    liste_filtre;
    liste_toutes;
    liste_a_revoir;
    liste_telecharger;
    liste_ordre_export;
    liste_affichees(n, total);
    liste_tableau;
    liste_th_ligne;
    liste_th_saisie;
    liste_th_trouvee;
    liste_th_iris;
    liste_th_decision;
    liste_th_equipe;
    liste_eligible;
    liste_zone_prioritaire;
    liste_hors_territoire;
    liste_hors_dijon;
    liste_a_confirmer;
    liste_adresse_introuvable;
    liste_non_localisee;
    liste_incertaine;
    liste_vide;
    liste_pas_une_adresse;
    liste_precision_numero;
    liste_precision_interpolee;
    liste_precision_voie;
}

/// Metres as a whole number, as every message writes them.
fn metres(d: f64) -> i64 {
    d.round() as i64
}

/// The messages chosen by the domain's values.
impl Textes {
    /// A count, grouped the language's way (« 200 000 », "200,000").
    pub fn nombre(&self, n: usize) -> String {
        crate::nombre::groupe(n, self.separateur_milliers())
    }

    /// Milliseconds as seconds with one decimal, with the language's separator.
    pub fn secondes(&self, ms: f64) -> String {
        crate::nombre::ecrire(ms / 1000.0, 1).replace('.', self.separateur_decimal())
    }

    pub fn precision(&self, p: Precision) -> &str {
        match p {
            Precision::Numero => self.precision_numero(),
            Precision::Interpolee => self.precision_interpolee(),
            Precision::Voie => self.precision_voie(),
            Precision::NonLocalisee => self.precision_non_localisee(),
        }
    }

    pub fn equipe(&self, e: Equipe) -> &str {
        match e {
            Equipe::Nord => self.equipe_nord(),
            Equipe::Sud => self.equipe_sud(),
        }
    }

    /// The team's short name inside a sentence ("nord", "north"…).
    pub fn nom_equipe(&self, e: Equipe) -> &str {
        match e {
            Equipe::Nord => self.nom_equipe_nord(),
            Equipe::Sud => self.nom_equipe_sud(),
        }
    }

    pub fn eligible_texte(&self, e: Equipe, quartier: &str) -> String {
        match e {
            Equipe::Nord => self.eligible_texte_nord(&quartier),
            Equipe::Sud => self.eligible_texte_sud(&quartier),
        }
    }

    pub fn motif(&self, m: &Motif) -> String {
        match m {
            Motif::IrisPartiel { quartier, .. } => self.motif_iris_partiel(quartier),
            Motif::LimiteProche { distance_m, .. } => {
                self.motif_limite_proche(&metres(*distance_m))
            }
            Motif::BordDeLaCommune => self.motif_bord_de_la_commune().into(),
            Motif::VoisinsEnDesaccord => self.motif_voisins_en_desaccord().into(),
            Motif::VoieSeulement => self.motif_voie_seulement().into(),
            Motif::PositionImprecise { precision_m } => {
                self.motif_position_imprecise(&metres(*precision_m))
            }
        }
    }

    pub fn raison(&self, r: &Raison) -> String {
        match r {
            Raison::AdresseTrouvee { label, precision } => match precision {
                Precision::Numero => self.raison_adresse_numero(label),
                Precision::Interpolee => self.raison_adresse_interpolee(label),
                Precision::Voie => self.raison_adresse_voie(label),
                Precision::NonLocalisee => self.raison_voie_non_localisee(label),
            },
            Raison::VoieNonLocalisee { label } => self.raison_voie_non_localisee(label),
            Raison::AdresseIncertaine { label } => self.raison_adresse_incertaine(label),
            Raison::Doute { doute } => self.doute(doute),
            Raison::PositionDonnee { precision_m } => {
                self.raison_position_donnee(&metres(*precision_m))
            }
            Raison::DansIris { code, nom } => self.raison_dans_iris(code, nom),
            Raison::QuartierCouvert {
                quartier,
                equipe,
                couverture,
            } => {
                let e = self.nom_equipe(*equipe);
                match couverture {
                    Couverture::Entier => self.raison_quartier_entier(quartier, &e),
                    Couverture::Partiel => self.raison_quartier_partiel(quartier, &e),
                }
            }
            Raison::QuartierPrioritaire { zone } => self.raison_quartier_prioritaire(zone),
            Raison::DansQpv { nom } => self.raison_dans_qpv(nom),
            Raison::HorsProgramme => self.raison_hors_programme().into(),
            Raison::LimiteProche {
                distance_m,
                tolerance_m,
            } => self.raison_limite_proche(&metres(*distance_m), &metres(*tolerance_m)),
            Raison::BordDeLaCommune => self.raison_bord_de_la_commune().into(),
            Raison::HorsDesIris { distance_m } => match distance_m {
                Some(d) => self.raison_hors_dijon_a(&metres(*d)),
                None => self.raison_hors_dijon().into(),
            },
            Raison::Interpolee { voisins, accord } => match accord {
                true => self.raison_voisins_accord(*voisins),
                false => self.raison_voisins_desaccord(*voisins),
            },
            Raison::VoieSeulement { numeros, accord } => match accord {
                true => self.raison_voie_accord(*numeros),
                false => self.raison_voie_desaccord(*numeros),
            },
            Raison::Age { age, min, max } => self.raison_age(*age as usize, min, max),
            Raison::Millesime { iris } => self.raison_millesime(iris),
        }
    }

    pub fn doute(&self, d: &Doute) -> String {
        match d {
            Doute::MotAbsent { mot } => self.doute_mot_absent(mot),
            Doute::TypeContredit { tape } => self.doute_type_contredit(tape),
            Doute::NumeroHorsPlage { numero, min, max } => {
                self.doute_numero_hors_plage(numero, min, max)
            }
            Doute::NumeroIsole { numero, connu } => self.doute_numero_isole(numero, connu),
            Doute::Homonyme { voie } => self.doute_homonyme(voie),
        }
    }

    pub fn etape(&self, i: usize, n: usize, e: Etape) -> String {
        let nom = match e {
            Etape::Demandeur => self.etape_demandeur(),
            Etape::Enfant => self.etape_enfant(),
            Etape::Famille => self.etape_famille(),
            Etape::Inquietudes => self.etape_inquietudes(),
            Etape::Accord => self.etape_accord(),
            Etape::Recapitulatif => self.etape_recapitulatif(),
        };
        self.demande_etape(&i, &n, &nom)
    }

    pub fn demandeur(&self, d: Demandeur) -> &str {
        match d {
            Demandeur::Parent => self.demandeur_parent(),
            Demandeur::PersonnelScolaire => self.demandeur_personnel_scolaire(),
            Demandeur::AutreProfessionnel => self.demandeur_autre_professionnel(),
        }
    }

    pub fn champ(&self, c: Champ) -> &str {
        match c {
            Champ::ProNom => self.champ_pro_nom(),
            Champ::ProFonction => self.champ_pro_fonction(),
            Champ::ProStructure => self.champ_pro_structure(),
            Champ::ProContact => self.champ_pro_contact(),
            Champ::EnfantPrenom => self.champ_enfant_prenom(),
            Champ::EnfantNom => self.champ_enfant_nom(),
            Champ::EnfantNaissance => self.champ_enfant_naissance(),
            Champ::EnfantEcole => self.champ_enfant_ecole(),
            Champ::Responsables => self.champ_responsables(),
            Champ::Telephone => self.champ_telephone(),
            Champ::Email => self.champ_email(),
            Champ::Domaines => self.champ_domaines(),
            Champ::Inquietude => self.champ_inquietude(),
            Champ::DejaFait => self.champ_deja_fait(),
            Champ::Consentement => self.champ_consentement(),
            Champ::ConsentementDate => self.champ_consentement_date(),
            Champ::ConsentementMoyen => self.champ_consentement_moyen(),
            Champ::Adresse => self.champ_adresse(),
        }
    }

    pub fn moyen_accord(&self, m: MoyenAccord) -> &str {
        match m {
            MoyenAccord::Entretien => self.accord_moyen_entretien(),
            MoyenAccord::Telephone => self.accord_moyen_telephone(),
            MoyenAccord::Ecrit => self.accord_moyen_ecrit(),
        }
    }

    /// One of [`crate::demande::DOMAINES`].
    pub fn domaine(&self, d: &str) -> &str {
        match d {
            "apprentissages" => self.domaine_apprentissages(),
            "comportement" => self.domaine_comportement(),
            "sante" => self.domaine_sante(),
            "langage" => self.domaine_langage(),
            "famille" => self.domaine_famille(),
            _ => self.domaine_vie_sociale_loisirs(),
        }
    }

    pub fn probleme(&self, p: &Probleme) -> String {
        match p {
            Probleme::Obligatoire => self.probleme_obligatoire().into(),
            Probleme::TropLong { max } => self.probleme_trop_long(max),
            Probleme::DateInvalide => self.probleme_date_invalide().into(),
            Probleme::DansLeFutur => self.probleme_dans_le_futur().into(),
            Probleme::AgeHorsProgramme { age, min, max } => {
                self.probleme_age_hors_programme(*age as usize, min, max)
            }
            Probleme::TelephoneInvalide => self.probleme_telephone_invalide().into(),
            Probleme::EmailInvalide => self.probleme_email_invalide().into(),
            Probleme::UnMoyenDeContact => self.probleme_un_moyen_de_contact().into(),
            Probleme::UnDomaine => self.probleme_un_domaine().into(),
            Probleme::Consentement => self.probleme_consentement().into(),
        }
    }

    pub fn liste_resume(&self, n: usize, a: usize, ms: f64) -> String {
        self.liste_resume_lignes(n, &self.nombre(a), &self.secondes(ms))
    }

    /// The answer of a list row, by its code in the downloaded file.
    pub fn liste_decision(&self, code: &str) -> &str {
        match code {
            "eligible" => self.liste_eligible(),
            "zone_prioritaire" => self.liste_zone_prioritaire(),
            "hors_territoire" => self.liste_hors_territoire(),
            "hors_dijon" => self.liste_hors_dijon(),
            "a_confirmer" => self.liste_a_confirmer(),
            "adresse_introuvable" => self.liste_adresse_introuvable(),
            "adresse_non_localisee" => self.liste_non_localisee(),
            "adresse_incertaine" => self.liste_incertaine(),
            "vide" => self.liste_vide(),
            _ => self.liste_pas_une_adresse(),
        }
    }

    /// The precision of a list row, by its code; empty for none.
    pub fn liste_precision(&self, code: &str) -> &str {
        match code {
            "numero" => self.liste_precision_numero(),
            "interpolee" => self.liste_precision_interpolee(),
            "voie" => self.liste_precision_voie(),
            "non_localisee" => self.precision_non_localisee(),
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asset::{decoder, encoder, AssetError};

    /// Every message, with each of its variables, so the catalogue compiles: a plural message
    /// has each of the language's forms, named in its text (`suggestions.one<{n}>`).
    fn complet_en(l: Langue) -> Vec<(String, String)> {
        let mut p = Vec::new();
        for ((nom, vars), pluriel) in MESSAGES.iter().zip(PLURIEL) {
            let t: String = vars.iter().map(|v| format!("<{{{v}}}>")).collect();
            if *pluriel {
                for f in Forme::de(l) {
                    let cle = format!("{nom}.{}", f.cldr());
                    p.push((cle.clone(), format!("{cle}{t}")));
                }
            } else {
                p.push((nom.to_string(), format!("{nom}{t}")));
            }
        }
        p
    }

    fn complet() -> Vec<(String, String)> {
        complet_en(Langue::Fr)
    }

    #[test]
    fn un_catalogue_complet_se_compile_et_se_remplit() {
        let t = Textes::compiler(Langue::En, &complet_en(Langue::En)).unwrap();
        assert_eq!(t.langue(), Langue::En);
        assert_eq!(t.accroche(), "accroche");
        assert_eq!(t.hors_age_titre(&2, &16), "hors_age_titre<2><16>");
        assert_eq!(t.suggestions(1), "suggestions.one<1>");
        assert_eq!(t.suggestions(3), "suggestions.other<3>");
        assert_eq!(
            t.raison(&Raison::LimiteProche {
                distance_m: 7.6,
                tolerance_m: 13.0
            }),
            "raison_limite_proche<8><13>"
        );
    }

    #[test]
    fn les_variables_peuvent_changer_d_ordre_ou_manquer() {
        let mut p = complet();
        for (nom, texte) in &mut p {
            if nom == "hors_age_titre" {
                *texte = "de {max} à {min}, {max} !".into();
            }
            if nom == "suggestions.one" {
                *texte = "Une suggestion.".into();
            }
        }
        let t = Textes::compiler(Langue::Fr, &p).unwrap();
        assert_eq!(t.hors_age_titre(&2, &16), "de 16 à 2, 16 !");
        assert_eq!(t.suggestions(1), "Une suggestion.");
    }

    #[test]
    fn les_erreurs_de_source_sont_toutes_nommees() {
        let mut p = complet();
        p.retain(|(n, _)| n != "accroche");
        p.push(("accrocher".into(), "x".into()));
        for (nom, texte) in &mut p {
            match nom.as_str() {
                "presentation" => *texte = "".into(),
                "hors_age_titre" => *texte = "de {min} à {maximum}".into(),
                "secteur" => *texte = "IRIS {nom".into(),
                "reponse" => *texte = "a } b".into(),
                _ => {}
            }
        }
        let e = Textes::compiler(Langue::Fr, &p).unwrap_err();
        assert_eq!(
            e,
            vec![
                ErreurTextes::Inconnu("accrocher".into()),
                ErreurTextes::Manquant("accroche"),
                ErreurTextes::Vide("presentation".into()),
                ErreurTextes::Accolade("reponse".into()),
                ErreurTextes::VariableInconnue {
                    message: "hors_age_titre".into(),
                    variable: "maximum".into()
                },
                ErreurTextes::Accolade("secteur".into()),
            ]
        );
        assert_eq!(
            e[4].to_string(),
            "message hors_age_titre: {maximum} is not one of its variables"
        );
    }

    #[test]
    fn l_asset_refuse_un_catalogue_d_une_autre_liste() {
        let t = Textes::compiler(Langue::Ar, &complet_en(Langue::Ar)).unwrap();
        assert_eq!(decoder::<Textes>(&encoder(&t)).unwrap(), t);
        let mut autre = t.clone();
        autre.empreinte ^= 1;
        let mut court = t.clone();
        court.messages.pop();
        let mut accolade = t.clone();
        accolade.messages[0] = "a {9} b".into();
        let mut langue = t.clone();
        langue.langue = "de".into();
        // Arabic's six forms read as French's two: refused.
        let mut formes = t.clone();
        formes.langue = "fr".into();
        for mauvais in [autre, court, accolade, langue, formes] {
            assert!(matches!(
                decoder::<Textes>(&encoder(&mauvais)),
                Err(AssetError::Invalide(_))
            ));
        }
    }

    #[test]
    fn le_pluriel_suit_les_regles_de_chaque_langue() {
        use Forme::*;
        let fr: Vec<Forme> = [0, 1, 2, 16, 1_000]
            .map(|n| Forme::pour(Langue::Fr, n))
            .into();
        assert_eq!(fr, [Un, Un, Autre, Autre, Autre]);
        let en: Vec<Forme> = [0, 1, 2, 16].map(|n| Forme::pour(Langue::En, n)).into();
        assert_eq!(en, [Autre, Un, Autre, Autre]);
        let ar: Vec<Forme> = [0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111, 1_000]
            .map(|n| Forme::pour(Langue::Ar, n))
            .into();
        assert_eq!(
            ar,
            [Zero, Un, Deux, Peu, Peu, Beaucoup, Beaucoup, Autre, Autre, Peu, Beaucoup, Autre]
        );
    }

    #[test]
    fn un_message_selon_un_nombre_prend_la_forme_de_ce_nombre() {
        let mut p = complet();
        for (nom, texte) in &mut p {
            match nom.as_str() {
                "raison_age.one" => *texte = "L’enfant a {age} an ({min}–{max})".into(),
                "raison_age.other" => *texte = "L’enfant a {age} ans ({min}–{max})".into(),
                "liste_pretes.other" => *texte = "{n} lignes prêtes".into(),
                _ => {}
            }
        }
        let mut p2 = p.clone();
        p2.push(("separateur_milliers".into(), String::new()));
        let t = Textes::compiler(Langue::Fr, &p).unwrap();
        let raison = |age| {
            t.raison(&Raison::Age {
                age,
                min: 2,
                max: 16,
            })
        };
        assert_eq!(raison(0), "L’enfant a 0 an (2–16)");
        assert_eq!(raison(1), "L’enfant a 1 an (2–16)");
        assert_eq!(raison(17), "L’enfant a 17 ans (2–16)");
        // The count is written grouped, the language's way.
        let mut g = p.clone();
        for (nom, texte) in &mut g {
            if nom == "separateur_milliers" {
                *texte = "\u{202f}".into();
            }
        }
        let t = Textes::compiler(Langue::Fr, &g).unwrap();
        assert_eq!(t.liste_pretes(10_000), "10\u{202f}000 lignes prêtes");
    }

    #[test]
    fn un_pluriel_incomplet_ou_donne_en_un_seul_texte_est_refuse() {
        // A form missing, a form the language does not have, one text for a count.
        let mut p = complet();
        p.retain(|(n, _)| n != "raison_age.one");
        p.push(("suggestions.few".into(), "x".into()));
        p.retain(|(n, _)| !n.starts_with("erreurs_titre."));
        p.push(("erreurs_titre".into(), "{n} erreurs".into()));
        let e = Textes::compiler(Langue::Fr, &p).unwrap_err();
        let formes = |m: &str| ErreurTextes::Formes {
            message: m.into(),
            formes: "one = \"…\", other = \"…\"".into(),
        };
        assert!(
            e.contains(&ErreurTextes::Inconnu("suggestions.few".into())),
            "{e:?}"
        );
        assert!(e.contains(&formes("raison_age")), "{e:?}");
        assert!(e.contains(&formes("erreurs_titre")), "{e:?}");
        assert_eq!(
            formes("raison_age").to_string(),
            "message raison_age depends on a count: give it as { one = \"…\", other = \"…\" }"
        );
        // Arabic needs its six forms.
        let e = Textes::compiler(Langue::Ar, &complet()).unwrap_err();
        assert!(e.iter().any(|x| matches!(x, ErreurTextes::Formes { message, formes } if message == "raison_age" && formes.starts_with("zero = "))), "{e:?}");
    }

    proptest::proptest! {
        /// Any source text either compiles or is refused, never panics; what compiles gives
        /// back its text, variables replaced, and passes the asset's own check.
        #[test]
        fn toute_source_se_compile_ou_est_refusee(texte in "[a-zé{}0 ]{0,6}(\\{min\\}|\\{max\\}|\\{x\\}|[{}])?[a-z ]{0,6}(\\{max\\})?") {
            let mut p = complet();
            for (nom, t) in &mut p {
                if nom == "hors_age_titre" {
                    *t = texte.clone();
                }
            }
            if let Ok(t) = Textes::compiler(Langue::Fr, &p) {
                proptest::prop_assert!(t.valider().is_ok());
                let rempli = t.hors_age_titre(&"A", &"B");
                let attendu = texte.replace("{min}", "A").replace("{max}", "B");
                proptest::prop_assert_eq!(rempli, attendu);
            }
        }

        /// Any stored text fills without panicking.
        #[test]
        fn tout_texte_stocke_se_remplit(texte in "\\PC{0,20}") {
            let mut t = Textes::compiler(Langue::Fr, &complet()).unwrap();
            t.messages[Cle::hors_age_titre as usize] = texte;
            let _ = t.hors_age_titre(&1, &2);
            let _ = t.valider();
        }
    }
}
