//! Messages of the list page (typed tables, as in `textes`).

use parcours_core::lien::Langue;
use parcours_core::nombre;

/// A count the French way (« 200 000 », narrow no-break space), and the English way.
fn fr(n: usize) -> String {
    nombre::groupe(n, "\u{202F}")
}
fn en(n: usize) -> String {
    nombre::groupe(n, ",")
}

/// Milliseconds as seconds with one decimal, with the language's decimal separator.
fn secondes(ms: f64, separateur: char) -> String {
    nombre::ecrire(ms / 1000.0, 1).replace('.', &separateur.to_string())
}

pub struct TextesListe {
    pub lien: &'static str,
    pub retour: &'static str,
    pub titre: &'static str,
    pub intro: &'static str,
    pub coller: &'static str,
    pub aide_coller: &'static str,
    pub fichier: &'static str,
    pub aide_fichier: &'static str,
    pub verifier: &'static str,
    pub entete: &'static str,
    pub colonnes: &'static str,
    pub aide_colonnes: &'static str,
    pub colonne: fn(usize) -> String,
    pub trop_gros: fn(usize) -> String,
    pub trop_de_lignes: fn(usize, usize) -> String,
    pub aucune_ligne: &'static str,
    pub progression: &'static str,
    pub resume: fn(usize, usize, f64) -> String,
    pub encodage_1252: &'static str,
    pub filtre: &'static str,
    pub toutes: &'static str,
    pub telecharger: &'static str,
    pub affichees: fn(usize, usize) -> String,
    pub th_ligne: &'static str,
    pub th_saisie: &'static str,
    pub th_trouvee: &'static str,
    pub th_iris: &'static str,
    pub th_decision: &'static str,
    pub th_equipe: &'static str,
    pub decision: fn(&str) -> &'static str,
    pub precision: fn(&str) -> &'static str,
}

pub fn textes_liste(l: Langue) -> &'static TextesListe {
    match l {
        Langue::Fr => &FR,
        Langue::En => &EN,
        Langue::Ar => &AR,
    }
}

static FR: TextesListe = TextesListe {
    lien: "Vérifier une liste d’adresses",
    retour: "Vérifier une adresse",
    titre: "Vérifier une liste d’adresses",
    intro: "Pour le personnel des écoles et des services de la Ville : collez des adresses ou ouvrez un fichier exporté d’un tableur. Tout est vérifié sur cet ordinateur : rien n’est envoyé.",
    coller: "Adresses, une par ligne",
    aide_coller: "Par exemple : 12 rue d’Auxonne 21000 Dijon",
    fichier: "Ou ouvrir un fichier (CSV)",
    aide_fichier: "Séparé par des virgules ou des points-virgules, en UTF-8 ou Windows-1252 (Excel), avec ou sans ligne d’en-tête. Jusqu’à 200 000 lignes et 50 Mo.",
    verifier: "Vérifier les adresses",
    entete: "La première ligne contient les noms des colonnes",
    colonnes: "Colonnes de l’adresse",
    aide_colonnes: "Cochez la ou les colonnes qui forment l’adresse (numéro, rue, code postal, commune…).",
    colonne: |i| format!("Colonne {}", i + 1),
    trop_gros: |max| format!("Ce fichier dépasse la limite de {} Mo : découpez-le en plusieurs fichiers.", max / 1_000_000),
    trop_de_lignes: |n, max| format!("Ce fichier compte {} lignes, au-delà de la limite de {} lignes : découpez-le en plusieurs fichiers.", fr(n), fr(max)),
    aucune_ligne: "Aucune adresse à vérifier.",
    progression: "Vérification en cours",
    resume: |n, a, ms| match n {
        1 => format!("1 ligne vérifiée en {} s, dont {a} à revoir.", secondes(ms, ',')),
        _ => format!("{} lignes vérifiées en {} s, dont {} à revoir.", fr(n), secondes(ms, ','), fr(a)),
    },
    encodage_1252: "Fichier lu en Windows-1252 (encodage d’Excel).",
    filtre: "Afficher",
    toutes: "Toutes les réponses",
    telecharger: "Télécharger les résultats (CSV pour Excel)",
    affichees: |n, total| format!("{} lignes affichées sur {} ; le fichier téléchargé les contient toutes.", fr(n), fr(total)),
    th_ligne: "Ligne",
    th_saisie: "Adresse saisie",
    th_trouvee: "Adresse trouvée",
    th_iris: "IRIS",
    th_decision: "Réponse",
    th_equipe: "Équipe",
    decision: |d| match d {
        "eligible" => "Dans le programme",
        "zone_prioritaire" => "Quartier prioritaire (PRE)",
        "hors_territoire" => "Hors des quartiers",
        "hors_dijon" => "Hors de Dijon",
        "a_confirmer" => "À confirmer",
        "adresse_introuvable" => "Adresse introuvable",
        "vide" => "Ligne vide",
        _ => "Pas une adresse",
    },
    precision: |p| match p {
        "numero" => "numéro exact",
        "interpolee" => "numéro estimé",
        "voie" => "rue seulement",
        _ => "",
    },
};

static EN: TextesListe = TextesListe {
    lien: "Check a list of addresses",
    retour: "Check one address",
    titre: "Check a list of addresses",
    intro: "For school and city staff: paste addresses or open a file exported from a spreadsheet. Everything is checked on this computer: nothing is sent.",
    coller: "Addresses, one per line",
    aide_coller: "For example: 12 rue d’Auxonne 21000 Dijon",
    fichier: "Or open a file (CSV)",
    aide_fichier: "Comma- or semicolon-separated, UTF-8 or Windows-1252 (Excel), with or without a header line. Up to 200,000 lines and 50 MB.",
    verifier: "Check the addresses",
    entete: "The first line holds the column names",
    colonnes: "Address columns",
    aide_colonnes: "Tick the column or columns that make the address (number, street, postcode, town…).",
    colonne: |i| format!("Column {}", i + 1),
    trop_gros: |max| format!("This file is over the {} MB limit: split it into several files.", max / 1_000_000),
    trop_de_lignes: |n, max| format!("This file has {} lines, over the {}-line limit: split it into several files.", en(n), en(max)),
    aucune_ligne: "No address to check.",
    progression: "Checking",
    resume: |n, a, ms| match n {
        1 => format!("1 line checked in {} s, {a} of them to review.", secondes(ms, '.')),
        _ => format!("{} lines checked in {} s, {} of them to review.", en(n), secondes(ms, '.'), en(a)),
    },
    encodage_1252: "File read as Windows-1252 (Excel’s encoding).",
    filtre: "Show",
    toutes: "All answers",
    telecharger: "Download the results (CSV for Excel)",
    affichees: |n, total| format!("{} of {} lines shown; the downloaded file holds them all.", en(n), en(total)),
    th_ligne: "Line",
    th_saisie: "Address typed",
    th_trouvee: "Address found",
    th_iris: "IRIS",
    th_decision: "Answer",
    th_equipe: "Team",
    decision: |d| match d {
        "eligible" => "In the programme",
        "zone_prioritaire" => "Priority neighbourhood (PRE)",
        "hors_territoire" => "Outside the neighbourhoods",
        "hors_dijon" => "Outside Dijon",
        "a_confirmer" => "To be confirmed",
        "adresse_introuvable" => "Address not found",
        "vide" => "Empty line",
        _ => "Not an address",
    },
    precision: |p| match p {
        "numero" => "exact number",
        "interpolee" => "estimated number",
        "voie" => "street only",
        _ => "",
    },
};

static AR: TextesListe = TextesListe {
    lien: "التحقق من قائمة عناوين",
    retour: "التحقق من عنوان واحد",
    titre: "التحقق من قائمة عناوين",
    intro: "لموظفي المدارس ومصالح البلدية: الصق العناوين أو افتح ملفاً مُصدَّراً من جدول بيانات. يتم كل التحقق على هذا الحاسوب: لا يُرسَل أي شيء.",
    coller: "العناوين، عنوان في كل سطر",
    aide_coller: "مثال: 12 rue d’Auxonne 21000 Dijon",
    fichier: "أو افتح ملفاً (CSV)",
    aide_fichier: "مفصول بفواصل أو بفواصل منقوطة، بترميز UTF-8 أو Windows-1252 (Excel)، مع سطر عناوين أو بدونه. حتى 200000 سطر و50 ميغابايت.",
    verifier: "التحقق من العناوين",
    entete: "السطر الأول يحتوي أسماء الأعمدة",
    colonnes: "أعمدة العنوان",
    aide_colonnes: "اختر العمود أو الأعمدة التي تكوّن العنوان (الرقم، الشارع، الرمز البريدي، البلدية…).",
    colonne: |i| format!("العمود {}", i + 1),
    trop_gros: |max| format!("هذا الملف يتجاوز حد {} ميغابايت: قسّمه إلى عدة ملفات.", max / 1_000_000),
    trop_de_lignes: |n, max| format!("يحتوي هذا الملف على {n} سطر، أكثر من حد {max} سطر: قسّمه إلى عدة ملفات."),
    aucune_ligne: "لا يوجد عنوان للتحقق منه.",
    progression: "جارٍ التحقق",
    resume: |n, a, ms| format!("تم التحقق من {n} سطر في {} ثانية، منها {a} تحتاج إلى مراجعة.", secondes(ms, ',')),
    encodage_1252: "قُرئ الملف بترميز Windows-1252 (ترميز Excel).",
    filtre: "عرض",
    toutes: "كل الأجوبة",
    telecharger: "تنزيل النتائج (CSV لبرنامج Excel)",
    affichees: |n, total| format!("عُرض {n} سطر من {total}؛ الملف المنزَّل يحتويها كلها."),
    th_ligne: "السطر",
    th_saisie: "العنوان المكتوب",
    th_trouvee: "العنوان الموجود",
    th_iris: "IRIS",
    th_decision: "الجواب",
    th_equipe: "الفريق",
    decision: |d| match d {
        "eligible" => "ضمن البرنامج",
        "zone_prioritaire" => "حي ذو أولوية (PRE)",
        "hors_territoire" => "خارج الأحياء",
        "hors_dijon" => "خارج ديجون",
        "a_confirmer" => "يحتاج إلى تأكيد",
        "adresse_introuvable" => "عنوان غير موجود",
        "vide" => "سطر فارغ",
        _ => "ليس عنواناً",
    },
    precision: |p| match p {
        "numero" => "رقم دقيق",
        "interpolee" => "رقم تقديري",
        "voie" => "الشارع فقط",
        _ => "",
    },
};
