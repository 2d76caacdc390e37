//! Checking a whole list: reading a spreadsheet export (CSV, `,` or `;`, UTF-8 or
//! Windows-1252, quoted fields with line breaks), checking each row, writing the results as a
//! CSV that opens right in French Excel (UTF-8 with BOM, `;`), formulas neutralised.

use crate::decision::{Decision, Verificateur};
use crate::recherche::{Moteur, Precision};

/// Above these, a file is refused with the limit stated (never a frozen tab).
pub const MAX_OCTETS: usize = 50 * 1000 * 1000;
pub const MAX_LIGNES: usize = 200_000;

/// How the bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encodage {
    Utf8,
    Windows1252,
}

/// Bytes → text: UTF-8 (a BOM is dropped) when valid, else Windows-1252 (French Excel's
/// default), which can decode any byte.
pub fn decoder_texte(octets: &[u8]) -> (String, Encodage) {
    let sans_bom = octets.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(octets);
    match std::str::from_utf8(sans_bom) {
        Ok(s) => (s.to_string(), Encodage::Utf8),
        Err(_) => (
            octets.iter().map(|&b| windows_1252(b)).collect(),
            Encodage::Windows1252,
        ),
    }
}

fn windows_1252(b: u8) -> char {
    const HAUT: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HAUT[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// The separator of a CSV: the one of `;`, `,`, tab that appears most in the first line
/// (outside quotes); none for a plain list of addresses.
pub fn separateur(texte: &str) -> Option<char> {
    let premiere = texte.lines().next().unwrap_or("");
    let mut dans = false;
    let mut n = [0usize; 3];
    for c in premiere.chars() {
        match c {
            '"' => dans = !dans,
            ';' if !dans => n[0] += 1,
            ',' if !dans => n[1] += 1,
            '\t' if !dans => n[2] += 1,
            _ => {}
        }
    }
    let (i, &max) = n.iter().enumerate().max_by_key(|(_, v)| **v)?;
    (max > 0).then_some([';', ',', '\t'][i])
}

/// A CSV → rows of cells (RFC 4180: quotes, doubled quotes, line breaks inside quotes).
/// Without a separator, each line is one cell. Never panics.
pub fn lire_csv(texte: &str, sep: Option<char>) -> Vec<Vec<String>> {
    let mut lignes = Vec::new();
    let mut ligne: Vec<String> = Vec::new();
    let mut cellule = String::new();
    let mut dans = false;
    let mut chars = texte.chars().peekable();
    while let Some(c) = chars.next() {
        if dans {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    cellule.push('"');
                    chars.next();
                } else {
                    dans = false;
                }
            } else {
                cellule.push(c);
            }
            continue;
        }
        match c {
            '"' if cellule.is_empty() && sep.is_some() => dans = true,
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                ligne.push(std::mem::take(&mut cellule));
                lignes.push(std::mem::take(&mut ligne));
            }
            c if Some(c) == sep => ligne.push(std::mem::take(&mut cellule)),
            c => cellule.push(c),
        }
    }
    if !cellule.is_empty() || !ligne.is_empty() {
        ligne.push(cellule);
        lignes.push(ligne);
    }
    lignes
}

/// Whether the first row looks like a header (names of columns, not an address).
pub fn a_un_entete(lignes: &[Vec<String>]) -> bool {
    let Some(premiere) = lignes.first() else {
        return false;
    };
    let plie = |s: &str| crate::normalisation::plier(s);
    premiere.iter().any(|c| {
        let c = plie(c);
        [
            "adresse",
            "address",
            "rue",
            "voie",
            "numero",
            "code postal",
            "commune",
            "ville",
            "nom",
        ]
        .iter()
        .any(|m| c.trim() == *m || c.starts_with(m))
    }) && !premiere
        .iter()
        .any(|c| c.trim().chars().next().is_some_and(|x| x.is_ascii_digit()) && c.contains(' '))
}

/// The result of one row.
#[derive(Debug, Clone, PartialEq)]
pub struct LigneResultat {
    /// Row number in the file (1-based, header included).
    pub ligne: usize,
    pub saisie: String,
    pub trouvee: Option<String>,
    pub precision: Option<Precision>,
    pub iris: Option<(String, String)>,
    /// `vide` and `illisible` for rows that are not addresses.
    pub decision: String,
    pub equipe: Option<String>,
    pub zone: Option<String>,
}

impl LigneResultat {
    /// Rows a person must look at: not found, not placed, doubtful, to be confirmed, not an
    /// address.
    pub fn a_revoir(&self) -> bool {
        matches!(
            self.decision.as_str(),
            "adresse_introuvable"
                | "adresse_non_localisee"
                | "adresse_incertaine"
                | "a_confirmer"
                | "vide"
                | "illisible"
        )
    }
}

/// Checks one address.
pub fn verifier_ligne(m: &Moteur, v: &Verificateur, ligne: usize, saisie: &str) -> LigneResultat {
    let mut r = LigneResultat {
        ligne,
        saisie: saisie.to_string(),
        trouvee: None,
        precision: None,
        iris: None,
        decision: String::new(),
        equipe: None,
        zone: None,
    };
    let t = saisie.trim();
    if t.is_empty() {
        r.decision = "vide".into();
        return r;
    }
    if !t.chars().any(char::is_alphabetic) {
        r.decision = "illisible".into();
        return r;
    }
    let Some(a) = m.rechercher(t, 1).into_iter().next() else {
        r.decision = Decision::AdresseIntrouvable.code().into();
        return r;
    };
    let (d, _) = v.decider_adresse(&a);
    r.trouvee = Some(a.label);
    r.precision = Some(a.precision);
    r.iris = d.iris().map(|i| (i.code.clone(), i.nom.clone()));
    r.decision = d.code().into();
    r.equipe = d.equipe().map(|e| e.code().to_string());
    if let Decision::ZonePrioritaire { zone, .. } = &d {
        r.zone = Some(zone.clone());
    }
    r
}

/// A cell as a spreadsheet must not run it: `=`, `+`, `-`, `@`, tab or CR first → a `'` before.
pub fn neutraliser(cellule: &str) -> String {
    match cellule.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cellule}"),
        _ => cellule.to_string(),
    }
}

fn cellule_csv(s: &str) -> String {
    let s = neutraliser(s);
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The columns after the user's (the first column, `ligne`, comes before them).
pub const COLONNES_AJOUTEES: [&str; 9] = [
    "adresse_trouvee",
    "precision",
    "iris",
    "iris_nom",
    "decision",
    "reponse",
    "equipe",
    "zone",
    "a_revoir",
];

/// The export, to be matched back to the source: each row's line number in the file first
/// (`ligne`), the user's columns, then the results, rows in the order given (the page gives the
/// file's); the answer as its code (`decision`) and in words (`reponse`, by `en_mots`). UTF-8
/// with BOM, `;`, CRLF.
pub fn ecrire_csv(
    entete: Option<&[String]>,
    lignes: &[(Vec<String>, LigneResultat)],
    en_mots: impl Fn(&str) -> String,
) -> String {
    let largeur = lignes
        .iter()
        .map(|(c, _)| c.len())
        .chain(entete.map(|e| e.len()))
        .max()
        .unwrap_or(0);
    let mut out = String::from("\u{feff}");
    let mut ecrire = |cellules: Vec<String>| {
        out.push_str(
            &cellules
                .iter()
                .map(|c| cellule_csv(c))
                .collect::<Vec<_>>()
                .join(";"),
        );
        out.push_str("\r\n");
    };
    let mut e: Vec<String> = vec!["ligne".into()];
    e.extend((0..largeur).map(|i| {
        entete
            .and_then(|e| e.get(i))
            .cloned()
            .unwrap_or_else(|| format!("colonne_{}", i + 1))
    }));
    e.extend(COLONNES_AJOUTEES.iter().map(|s| s.to_string()));
    ecrire(e);
    for (cellules, r) in lignes {
        let mut c: Vec<String> = vec![r.ligne.to_string()];
        c.extend((0..largeur).map(|i| cellules.get(i).cloned().unwrap_or_default()));
        let precision = match r.precision {
            Some(Precision::Numero) => "numero",
            Some(Precision::Interpolee) => "interpolee",
            Some(Precision::Voie) => "voie",
            Some(Precision::NonLocalisee) => "non_localisee",
            None => "",
        };
        c.extend([
            r.trouvee.clone().unwrap_or_default(),
            precision.to_string(),
            r.iris.as_ref().map(|i| i.0.clone()).unwrap_or_default(),
            r.iris.as_ref().map(|i| i.1.clone()).unwrap_or_default(),
            r.decision.clone(),
            en_mots(&r.decision),
            r.equipe.clone().unwrap_or_default(),
            r.zone.clone().unwrap_or_default(),
            if r.a_revoir() { "oui" } else { "non" }.to_string(),
        ]);
        ecrire(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn windows_1252_and_utf8() {
        let (t, e) = decoder_texte(b"12 rue de l'\xC9glise;Dijon \x80");
        assert_eq!(
            (t.as_str(), e),
            ("12 rue de l'Église;Dijon €", Encodage::Windows1252)
        );
        let (t, e) = decoder_texte("\u{feff}12 rue de l’Église".as_bytes());
        assert_eq!((t.as_str(), e), ("12 rue de l’Église", Encodage::Utf8));
    }

    #[test]
    fn csv_table() {
        assert_eq!(separateur("numero;rue;cp\n1;a;b"), Some(';'));
        assert_eq!(separateur("nom,adresse\nx,y"), Some(','));
        assert_eq!(separateur("12 rue piron\n3 rue musette"), None);
        assert_eq!(separateur("\"a;b\",c\n"), Some(','));
        assert_eq!(
            lire_csv(
                "nom;adresse\r\n\"Dupont; Jean\";\"12 rue\nPiron\"\r\nx;\"dit \"\"le\"\"\"\n",
                Some(';')
            ),
            vec![
                vec!["nom".to_string(), "adresse".into()],
                vec!["Dupont; Jean".into(), "12 rue\nPiron".into()],
                vec!["x".into(), "dit \"le\"".into()],
            ]
        );
        assert_eq!(
            lire_csv("12 rue piron\n\n3, rue musette\n", None),
            vec![
                vec!["12 rue piron".to_string()],
                vec!["".into()],
                vec!["3, rue musette".into()]
            ]
        );
        assert!(a_un_entete(&lire_csv(
            "Nom;Adresse;Code postal\n",
            Some(';')
        )));
        assert!(!a_un_entete(&lire_csv("12 rue piron;21000\n", Some(';'))));
    }

    #[test]
    fn export_neutralises_formulas_and_opens_in_excel() {
        let r = LigneResultat {
            ligne: 2,
            saisie: "x".into(),
            trouvee: Some("12 Rue Piron, 21000 Dijon".into()),
            precision: Some(Precision::Numero),
            iris: Some(("212310101".into(), "Monge".into())),
            decision: "hors_territoire".into(),
            equipe: None,
            zone: None,
        };
        let csv = ecrire_csv(
            Some(&["nom".into(), "adresse".into()]),
            &[(
                vec!["=HYPERLINK(\"x\")".into(), "12 rue piron; bis".into()],
                r,
            )],
            |code| format!("«{code}»"),
        );
        assert!(csv.starts_with("\u{feff}ligne;nom;adresse;adresse_trouvee;"));
        assert!(csv.contains("\r\n2;\"'=HYPERLINK(\"\"x\"\")\";\"12 rue piron; bis\";12 Rue Piron, 21000 Dijon;numero;212310101;Monge;hors_territoire;«hors_territoire»;;;non\r\n"), "{csv}");
        assert_eq!(neutraliser("+33 6"), "'+33 6");
        assert_eq!(neutraliser("@SUM"), "'@SUM");
        assert_eq!(neutraliser("-1"), "'-1");
        assert_eq!(neutraliser("12"), "12");
    }

    #[test]
    fn the_export_gives_each_row_its_line_number_and_its_answer_in_words() {
        let r = |ligne, decision: &str| LigneResultat {
            ligne,
            saisie: String::new(),
            trouvee: None,
            precision: None,
            iris: None,
            decision: decision.into(),
            equipe: None,
            zone: None,
        };
        let montrees = [
            (vec!["a".to_string()], r(2, "eligible")),
            (vec!["b".to_string()], r(3, "hors_dijon")),
            (vec!["c".to_string()], r(4, "adresse_introuvable")),
        ];
        let csv = ecrire_csv(Some(&["adresse".into()]), &montrees, |c| c.to_uppercase());
        let lignes: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert!(lignes[0].starts_with(
            "ligne;adresse;adresse_trouvee;precision;iris;iris_nom;decision;reponse;"
        ));
        let debuts: Vec<&str> = lignes[1..].iter().map(|l| &l[..4]).collect();
        assert_eq!(debuts, ["2;a;", "3;b;", "4;c;"]);
        assert!(lignes[3].contains(";adresse_introuvable;ADRESSE_INTROUVABLE;"));
    }

    proptest! {
        #[test]
        fn reading_never_panics_and_writing_reads_back(octets in proptest::collection::vec(any::<u8>(), 0..400)) {
            let (t, _) = decoder_texte(&octets);
            let sep = separateur(&t);
            let lignes = lire_csv(&t, sep);
            let _ = a_un_entete(&lignes);
        }

        #[test]
        fn cells_survive_a_round_trip(cellules in proptest::collection::vec("[^\u{feff}]{0,12}", 1..5)) {
            let r = LigneResultat { ligne: 1, saisie: String::new(), trouvee: None, precision: None, iris: None, decision: "vide".into(), equipe: None, zone: None };
            let csv = ecrire_csv(None, &[(cellules.clone(), r)], |c| c.to_string());
            let relu = lire_csv(csv.trim_start_matches('\u{feff}'), Some(';'));
            prop_assert_eq!(relu.len(), 2);
            prop_assert_eq!(&relu[1][0], "1");
            for (i, c) in cellules.iter().enumerate() {
                let i = i + 1;
                // A formula-looking cell comes back with its protecting quote; a lone CR is
                // read as a line break inside quotes — both kept as text.
                let attendu = neutraliser(c);
                prop_assert_eq!(&relu[1][i], &attendu);
            }
        }
    }
}
