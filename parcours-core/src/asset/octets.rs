//! The payloads' binary codec, written by hand: no serde, no postcard in the browser's
//! WebAssembly (their generic decoding cost 3.8 KB of it, brotli-compressed: replaced by this
//! codec, measured on 2026-12-01).
//!
//! - An integer is an unsigned LEB128 varint (7 bits a byte, low first, as in protobuf); a
//!   signed one is zig-zag coded first (0, −1, 1, −2… → 0, 1, 2, 3…).
//! - A `bool` or an enum is one byte: its tag, listed with the type ([`octets_enum!`]); an
//!   unknown tag is an error. An `Option` is a tag byte (0 none, 1 some) then the value.
//! - An `f64` is its 8 bytes, little-endian.
//! - A text is its byte length then its UTF-8 bytes (checked).
//! - A list is its count then its items; a count larger than the bytes left is refused before
//!   anything is allocated (every item takes at least one byte: no type here writes none).
//! - A struct is its fields, in the order its [`octets_struct!`] lists them, with nothing
//!   between: the macro lists each field once for both directions, and a field added to the
//!   struct and not to the list does not compile.
//! - A ring's points are coded as the difference from the previous point (the first from 0):
//!   neighbouring points of a contour are metres apart, one or two bytes a coordinate.
//!
//! Reading never panics: every length is checked against what is left, every number against
//! its type, and any inconsistency is a [`Defaut`]. Changing any type's layout here means a
//! new [`super::FORMAT_VERSION`] (and, for a draft, a new
//! [`crate::demande::VERSION_BROUILLON`]).

use crate::asset::{Carte, Ecole};
use crate::demande::{Brouillon, Demandeur, MoyenAccord};
use crate::geometrie::{Anneau, Iris, Qpv};
use crate::programme::{
    Contact, Couverture, Date, Equipe, IrisProgramme, Periode, Programme, Quartier, Territoire,
    ZonePrioritaire,
};

/// What is wrong in a payload, and in which part (static texts: no formatting code in the
/// WebAssembly for them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Defaut {
    pub section: &'static str,
    pub quoi: &'static str,
}

impl std::fmt::Display for Defaut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.section, self.quoi)
    }
}

/// Appends integers, texts and bytes.
#[derive(Default)]
pub struct Ecrivain(pub Vec<u8>);

impl Ecrivain {
    pub fn entier(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.0.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.0.push(n as u8);
    }

    pub fn taille(&mut self, n: usize) {
        self.entier(n as u64);
    }

    pub fn relatif(&mut self, n: i64) {
        self.entier(((n << 1) ^ (n >> 63)) as u64);
    }

    pub fn octet(&mut self, o: u8) {
        self.0.push(o);
    }

    pub fn texte(&mut self, s: &str) {
        self.taille(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
}

/// Reads what [`Ecrivain`] wrote, refusing anything else.
pub struct Lecteur<'a> {
    octets: &'a [u8],
    /// What is read, for the error messages.
    nom: &'static str,
    /// The first fault met by a `lire_…` method (see [`Lecteur::echec`]).
    defaut: Option<Defaut>,
}

impl<'a> Lecteur<'a> {
    pub fn nouveau(octets: &'a [u8], nom: &'static str) -> Lecteur<'a> {
        Lecteur {
            octets,
            nom,
            defaut: None,
        }
    }

    /// Keeps the first fault and stops reading: every later `lire_…` gives 0 or an empty value
    /// (so a list's count is 0), and [`depuis_octets`] returns the fault instead of the value.
    /// [`Octets::lire`] is written this way, without a `Result` at every field: the value read
    /// after a fault is never seen, and the WebAssembly carries no error path per field.
    #[cold]
    pub fn echec(&mut self, quoi: &'static str) {
        if self.defaut.is_none() {
            self.defaut = Some(self.erreur(quoi));
        }
        self.octets = &[];
    }

    /// [`Lecteur::entier`], 0 after a fault.
    pub fn lire_entier(&mut self) -> u64 {
        self.entier().unwrap_or_else(|d| {
            self.echec(d.quoi);
            0
        })
    }

    /// [`Lecteur::relatif`], 0 after a fault.
    pub fn lire_relatif(&mut self) -> i64 {
        self.relatif().unwrap_or_else(|d| {
            self.echec(d.quoi);
            0
        })
    }

    /// An unsigned integer that must fit a `u32`; 0 after a fault.
    pub fn lire_u32(&mut self) -> u32 {
        let n = self.lire_entier();
        u32::try_from(n).unwrap_or_else(|_| {
            self.echec("integer out of range");
            0
        })
    }

    /// A byte; 0 after a fault.
    pub fn lire_octet(&mut self) -> u8 {
        match self.octets.split_first() {
            Some((&o, reste)) => {
                self.octets = reste;
                o
            }
            None => {
                self.echec("truncated");
                0
            }
        }
    }

    /// A list's count (each item takes at least `par_element` bytes); 0 after a fault.
    pub fn lire_compte(&mut self, par_element: usize) -> usize {
        self.compte(par_element, None).unwrap_or_else(|d| {
            self.echec(d.quoi);
            0
        })
    }

    /// A text; empty after a fault.
    pub fn lire_texte(&mut self) -> String {
        self.texte().unwrap_or_else(|d| {
            self.echec(d.quoi);
            String::new()
        })
    }

    /// A tag byte below `n`; 0 after a fault (an unknown tag is one).
    pub fn lire_etiquette(&mut self, n: u8) -> u8 {
        let t = self.lire_octet();
        if t < n {
            t
        } else {
            self.echec("unknown tag");
            0
        }
    }

    pub fn erreur(&self, quoi: &'static str) -> Defaut {
        Defaut {
            section: self.nom,
            quoi,
        }
    }

    #[inline]
    pub fn entier(&mut self) -> Result<u64, Defaut> {
        let mut n = 0u64;
        for (i, &b) in self.octets.iter().enumerate().take(10) {
            let bits = u64::from(b & 0x7f);
            if i == 9 && b > 1 {
                break;
            }
            n |= bits << (7 * i);
            if b & 0x80 == 0 {
                self.octets = &self.octets[i + 1..];
                return Ok(n);
            }
        }
        Err(self.erreur("bad or truncated integer"))
    }

    #[inline]
    pub fn relatif(&mut self) -> Result<i64, Defaut> {
        let z = self.entier()?;
        Ok(((z >> 1) as i64) ^ -((z & 1) as i64))
    }

    /// A count of elements that take at least `par_element` bytes each, in this section or in
    /// the one given: a count larger than what is left is refused before anything is allocated.
    pub fn compte(&mut self, par_element: usize, dans: Option<&Lecteur>) -> Result<usize, Defaut> {
        let n = self.entier()?;
        let reste = dans.map_or(self.octets.len(), |d| d.octets.len());
        match usize::try_from(n) {
            Ok(n) if n.saturating_mul(par_element) <= reste => Ok(n),
            _ => Err(self.erreur("count beyond the data")),
        }
    }

    pub fn octets(&mut self, n: u64) -> Result<&'a [u8], Defaut> {
        match usize::try_from(n) {
            Ok(n) if n <= self.octets.len() => {
                let (a, b) = self.octets.split_at(n);
                self.octets = b;
                Ok(a)
            }
            _ => Err(self.erreur("truncated")),
        }
    }

    pub fn texte(&mut self) -> Result<String, Defaut> {
        let n = self.entier()?;
        let o = self.octets(n)?;
        String::from_utf8(o.to_vec()).map_err(|_| self.erreur("text not UTF-8"))
    }

    /// The next `n` bytes, as a section of their own named `nom`.
    pub fn section(&mut self, nom: &'static str) -> Result<Lecteur<'a>, Defaut> {
        let n = self.entier()?;
        let octets = self.octets(n)?;
        Ok(Lecteur::nouveau(octets, nom))
    }

    /// Every byte must have been read.
    pub fn fin(&self) -> Result<(), Defaut> {
        if self.octets.is_empty() {
            Ok(())
        } else {
            Err(self.erreur("bytes left over"))
        }
    }
}

/// A value with a binary form: what [`Ecrivain`] writes, [`Lecteur`] reads back.
pub trait Octets: Sized {
    fn ecrire(&self, e: &mut Ecrivain);
    /// Reads a value; after a fault ([`Lecteur::echec`]), any value: the caller goes through
    /// [`depuis_octets`], which returns the fault instead.
    fn lire(l: &mut Lecteur) -> Self;
}

/// The bytes of a value.
pub fn en_octets<T: Octets>(valeur: &T) -> Vec<u8> {
    let mut e = Ecrivain::default();
    valeur.ecrire(&mut e);
    e.0
}

/// A value from all of `octets` (nothing may follow it). Never panics.
pub fn depuis_octets<T: Octets>(octets: &[u8], nom: &'static str) -> Result<T, Defaut> {
    let mut l = Lecteur::nouveau(octets, nom);
    let v = T::lire(&mut l);
    match l.defaut {
        Some(d) => Err(d),
        None => l.fin().map(|()| v),
    }
}

impl Octets for u32 {
    fn ecrire(&self, e: &mut Ecrivain) {
        e.entier(u64::from(*self));
    }
    fn lire(l: &mut Lecteur) -> Self {
        l.lire_u32()
    }
}

impl Octets for bool {
    fn ecrire(&self, e: &mut Ecrivain) {
        e.octet(u8::from(*self));
    }
    fn lire(l: &mut Lecteur) -> Self {
        l.lire_etiquette(2) == 1
    }
}

impl Octets for f64 {
    fn ecrire(&self, e: &mut Ecrivain) {
        e.0.extend_from_slice(&self.to_le_bytes());
    }
    fn lire(l: &mut Lecteur) -> Self {
        let mut b = [0u8; 8];
        for o in &mut b {
            *o = l.lire_octet();
        }
        f64::from_le_bytes(b)
    }
}

impl Octets for String {
    fn ecrire(&self, e: &mut Ecrivain) {
        e.texte(self);
    }
    fn lire(l: &mut Lecteur) -> Self {
        l.lire_texte()
    }
}

impl<T: Octets> Octets for Vec<T> {
    fn ecrire(&self, e: &mut Ecrivain) {
        e.taille(self.len());
        for x in self {
            x.ecrire(e);
        }
    }
    fn lire(l: &mut Lecteur) -> Self {
        let n = l.lire_compte(1);
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(T::lire(l));
        }
        v
    }
}

impl<T: Octets> Octets for Option<T> {
    fn ecrire(&self, e: &mut Ecrivain) {
        match self {
            None => e.octet(0),
            Some(x) => {
                e.octet(1);
                x.ecrire(e);
            }
        }
    }
    fn lire(l: &mut Lecteur) -> Self {
        (l.lire_etiquette(2) == 1).then(|| T::lire(l))
    }
}

/// A struct as its fields, in the order listed (each field listed once, for both directions).
macro_rules! octets_struct {
    ($t:ident { $($champ:ident),* $(,)? }) => {
        impl $crate::asset::octets::Octets for $t {
            fn ecrire(&self, e: &mut $crate::asset::octets::Ecrivain) {
                $( $crate::asset::octets::Octets::ecrire(&self.$champ, e); )*
            }
            fn lire(l: &mut $crate::asset::octets::Lecteur) -> Self {
                $t { $( $champ: $crate::asset::octets::Octets::lire(l), )* }
            }
        }
    };
}

/// A field-less enum as one byte, its tag (each variant listed once, with its tag, for both
/// directions; a variant missing from the list does not compile). An unknown tag is a fault.
macro_rules! octets_enum {
    ($t:ident { $premiere:ident = $tag0:literal $(, $variante:ident = $tag:literal)* $(,)? }) => {
        impl Octets for $t {
            fn ecrire(&self, e: &mut Ecrivain) {
                e.octet(match self {
                    $t::$premiere => $tag0,
                    $( $t::$variante => $tag, )*
                });
            }
            fn lire(l: &mut Lecteur) -> Self {
                match l.lire_octet() {
                    $tag0 => $t::$premiere,
                    $( $tag => $t::$variante, )*
                    _ => {
                        l.echec("unknown tag");
                        $t::$premiere
                    }
                }
            }
        }
    };
}

pub(crate) use octets_struct;

// The map.
octets_struct!(Carte {
    millesime,
    precision_m,
    iris,
    qpv,
    ecoles
});
octets_struct!(Ecole {
    nom,
    nature,
    commune
});
octets_struct!(Iris {
    code,
    nom,
    insee_com,
    typ,
    polygones
});
octets_struct!(Qpv {
    code,
    nom,
    polygones
});

impl Octets for Anneau {
    fn ecrire(&self, e: &mut Ecrivain) {
        e.taille(self.0.len());
        let mut avant = [0i64; 2];
        for p in &self.0 {
            for k in 0..2 {
                let v = i64::from(p[k]);
                e.relatif(v - avant[k]);
                avant[k] = v;
            }
        }
    }
    fn lire(l: &mut Lecteur) -> Self {
        let n = l.lire_compte(2);
        let mut points = Vec::with_capacity(n);
        let mut avant = [0i32; 2];
        for _ in 0..n {
            for c in &mut avant {
                let v = i64::from(*c) + l.lire_relatif().clamp(-1 << 40, 1 << 40);
                *c = i32::try_from(v).unwrap_or_else(|_| {
                    l.echec("position out of range");
                    0
                });
            }
            points.push(avant);
        }
        Anneau(points)
    }
}

// The programme.
octets_struct!(Programme {
    nom,
    association,
    age_min,
    age_max,
    periode,
    plafond_euros,
    communes,
    source,
    geocodeur_en_ligne,
    contact_pre,
    territoires,
    zones_prioritaires,
});
octets_struct!(Periode { debut, fin });
octets_struct!(Territoire {
    equipe,
    nom,
    contact,
    quartiers
});
octets_struct!(Contact {
    nom,
    email,
    telephone,
    adresse
});
octets_struct!(Quartier { nom, iris });
octets_struct!(IrisProgramme { code, couverture });
octets_struct!(ZonePrioritaire { nom, iris, qpv });
octets_enum!(Equipe { Nord = 0, Sud = 1 });
octets_enum!(Couverture {
    Entier = 0,
    Partiel = 1
});

impl Octets for Date {
    fn ecrire(&self, e: &mut Ecrivain) {
        e.relatif(i64::from(self.annee));
        e.octet(self.mois);
        e.octet(self.jour);
    }
    fn lire(l: &mut Lecteur) -> Self {
        let annee = i32::try_from(l.lire_relatif()).ok();
        let (mois, jour) = (l.lire_octet(), l.lire_octet());
        annee
            .and_then(|a| Date::nouvelle(a, mois, jour))
            .unwrap_or_else(|| {
                l.echec("not a date");
                Date {
                    annee: 1,
                    mois: 1,
                    jour: 1,
                }
            })
    }
}

// The kept draft: byte for byte what postcard wrote for it before this codec (tested by
// `demande::tests::a_draft_kept_through_postcard_reads_back`), so a draft kept then is read.
// A change of its layout is a new `VERSION_BROUILLON`.
octets_struct!(Brouillon {
    sujet,
    demandeur,
    consentement,
    consentement_date,
    consentement_moyen,
    pro_nom,
    pro_fonction,
    pro_structure,
    pro_contact,
    enfant_prenom,
    enfant_nom,
    enfant_naissance,
    enfant_ecole,
    enfant_classe,
    adresse,
    responsables,
    telephone,
    email,
    langue_famille,
    interprete,
    domaines,
    inquietude,
    deja_fait,
});
octets_enum!(Demandeur {
    Parent = 0,
    PersonnelScolaire = 1,
    AutreProfessionnel = 2
});
octets_enum!(MoyenAccord {
    Entretien = 0,
    Telephone = 1,
    Ecrit = 2
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asset::{decoder, encoder, AssetError, Payload, FORMAT_VERSION};

    fn carte() -> Carte {
        let anneau = |pts: &[[i32; 2]]| Anneau(pts.to_vec());
        Carte {
            millesime: "2020".into(),
            precision_m: 13.25,
            iris: vec![
                Iris {
                    code: "212310101".into(),
                    nom: "Monge – Île".into(),
                    insee_com: "21231".into(),
                    typ: "H".into(),
                    polygones: vec![
                        vec![
                            anneau(&[
                                [5_000_000, 47_000_000],
                                [5_001_000, 47_000_000],
                                [5_001_000, 47_001_000],
                                [5_000_000, 47_000_000],
                            ]),
                            anneau(&[[5_000_100, 47_000_100], [5_000_200, 47_000_100]]),
                        ],
                        vec![anneau(&[
                            [i32::MIN, i32::MAX],
                            [i32::MAX, i32::MIN],
                            [-1, 0],
                        ])],
                    ],
                },
                Iris {
                    code: "212310102".into(),
                    nom: String::new(),
                    insee_com: "21231".into(),
                    typ: "A".into(),
                    polygones: vec![vec![anneau(&[])], vec![]],
                },
            ],
            qpv: vec![Qpv {
                code: "QN02101M".into(),
                nom: "Grésilles".into(),
                polygones: vec![vec![anneau(&[[5_060_000, 47_330_000]])]],
            }],
            ecoles: vec![Ecole {
                nom: "École élémentaire Buffon".into(),
                nature: "élémentaire".into(),
                commune: "Dijon".into(),
            }],
        }
    }

    fn programme() -> Programme {
        let mut p = crate::programme::tests::programme();
        p.source = "délibération du 27 juin 2016".into();
        p.geocodeur_en_ligne = "https://data.geopf.fr/geocodage".into();
        p.contact_pre = Contact {
            nom: "PRE".into(),
            email: "pre@dijon.fr".into(),
            telephone: "03 80 00 00 00".into(),
            adresse: "Dijon".into(),
        };
        p.zones_prioritaires[0].qpv = vec!["Grésilles".into(), "".into()];
        p.periode.debut = Date::nouvelle(-44, 2, 29).unwrap();
        p.periode.fin = Date::nouvelle(2024, 2, 29).unwrap();
        p.plafond_euros = u32::MAX;
        p
    }

    fn brouillon() -> Brouillon {
        let mut n = 0;
        let mut t = || {
            n += 1;
            format!("champ {n} – é")
        };
        Brouillon {
            sujet: t(),
            demandeur: Demandeur::AutreProfessionnel,
            consentement: true,
            consentement_date: t(),
            consentement_moyen: Some(MoyenAccord::Ecrit),
            pro_nom: t(),
            pro_fonction: t(),
            pro_structure: t(),
            pro_contact: t(),
            enfant_prenom: t(),
            enfant_nom: t(),
            enfant_naissance: t(),
            enfant_ecole: t(),
            enfant_classe: t(),
            adresse: t(),
            responsables: t(),
            telephone: t(),
            email: t(),
            langue_famille: t(),
            interprete: true,
            domaines: vec![t(), t()],
            inquietude: t(),
            deja_fait: t(),
        }
    }

    /// A value's bytes decode to the value, every proper prefix and any longer input is an
    /// error (never a panic), and the encoding is deterministic.
    fn aller_retour<T: Octets + PartialEq + std::fmt::Debug>(v: &T) -> Vec<u8> {
        let o = en_octets(v);
        assert_eq!(depuis_octets::<T>(&o, "test").as_ref(), Ok(v));
        assert_eq!(en_octets(v), o, "deterministic");
        for n in 0..o.len() {
            assert!(depuis_octets::<T>(&o[..n], "test").is_err(), "prefix {n}");
        }
        let mut long = o.clone();
        long.push(0);
        assert_eq!(
            depuis_octets::<T>(&long, "test").unwrap_err().quoi,
            "bytes left over"
        );
        o
    }

    #[test]
    fn every_payload_comes_back_and_every_truncation_is_an_error() {
        aller_retour(&carte());
        aller_retour(&programme());
        aller_retour(&crate::programme::tests::programme());
        aller_retour(&brouillon());
        aller_retour(&Brouillon::default());
        for d in [Demandeur::Parent, Demandeur::PersonnelScolaire] {
            for m in [
                None,
                Some(MoyenAccord::Entretien),
                Some(MoyenAccord::Telephone),
            ] {
                aller_retour(&Brouillon {
                    demandeur: d,
                    consentement_moyen: m,
                    ..brouillon()
                });
            }
        }
    }

    #[test]
    fn the_assets_carry_the_payloads() {
        assert_eq!(decoder::<Carte>(&encoder(&carte())), Ok(carte()));
        assert_eq!(
            decoder::<Programme>(&encoder(&programme())),
            Ok(programme())
        );
        let b = brouillon();
        assert_eq!(Brouillon::depuis_octets(&b.vers_octets()), Some(b));
    }

    #[test]
    fn a_ring_costs_its_differences() {
        // Neighbouring points a few metres apart: one or two bytes a coordinate.
        let a = Anneau(
            (0..100)
                .map(|i| [5_040_000 + 13 * i, 47_320_000 - 7 * i])
                .collect(),
        );
        let o = aller_retour(&a);
        assert!(o.len() < 1 + 8 + 99 * 3, "{} bytes", o.len());
    }

    /// The bytes of a value written field by field.
    fn ecrit(f: impl FnOnce(&mut Ecrivain)) -> Vec<u8> {
        let mut e = Ecrivain::default();
        f(&mut e);
        e.0
    }

    #[test]
    fn hostile_or_inconsistent_bytes_are_named_faults() {
        let quoi = |o: &[u8]| depuis_octets::<Carte>(o, "carte").unwrap_err().quoi;
        // Counts beyond the data, before anything is allocated.
        for n in [u64::MAX, u64::from(u32::MAX), 3] {
            let o = ecrit(|e| {
                e.texte("2020");
                e.0.extend_from_slice(&13f64.to_le_bytes());
                e.entier(n);
                e.0.extend_from_slice(&[0, 0]);
            });
            assert_eq!(quoi(&o), "count beyond the data", "{n}");
        }
        // A text longer than what is left, an integer of more than 64 bits, a text not UTF-8.
        assert_eq!(quoi(&ecrit(|e| e.entier(5))), "truncated");
        assert_eq!(quoi(&[0xff; 11]), "bad or truncated integer");
        assert_eq!(quoi(&[2, 0xc3, 0x28]), "text not UTF-8");
        assert_eq!(quoi(&[]), "bad or truncated integer");
        // A ring's point beyond an i32.
        let o = ecrit(|e| {
            e.taille(2);
            e.relatif(i64::from(i32::MAX));
            e.relatif(0);
            e.relatif(1);
            e.relatif(0);
        });
        let d = depuis_octets::<Anneau>(&o, "anneau").unwrap_err();
        assert_eq!((d.section, d.quoi), ("anneau", "position out of range"));
        let o = ecrit(|e| {
            e.taille(1);
            e.relatif(i64::MAX);
            e.relatif(i64::MIN);
        });
        assert_eq!(
            depuis_octets::<Anneau>(&o, "anneau").unwrap_err().quoi,
            "position out of range"
        );
        // A date that does not exist, a number beyond a u32.
        let date = |a: i64, m: u8, j: u8| {
            ecrit(|e| {
                e.relatif(a);
                e.octet(m);
                e.octet(j);
            })
        };
        assert_eq!(
            depuis_octets::<Date>(&date(2023, 2, 29), "date")
                .unwrap_err()
                .quoi,
            "not a date"
        );
        assert_eq!(
            depuis_octets::<Date>(&date(1 << 40, 1, 1), "date")
                .unwrap_err()
                .quoi,
            "not a date"
        );
        assert!(depuis_octets::<Date>(&date(2024, 2, 29), "date").is_ok());
        assert_eq!(
            depuis_octets::<u32>(&ecrit(|e| e.entier(1 << 32)), "n")
                .unwrap_err()
                .quoi,
            "integer out of range"
        );
        // The first fault is the one reported, even when more follow.
        assert_eq!(
            depuis_octets::<Vec<u32>>(&[2, 0xff, 0xff, 0xff, 0xff, 0x7f, 2], "n")
                .unwrap_err()
                .quoi,
            "integer out of range"
        );
    }

    #[test]
    fn unknown_tags_are_faults() {
        let tag = |o: &[u8]| -> &'static str {
            depuis_octets::<Brouillon>(o, "brouillon").unwrap_err().quoi
        };
        let bon = en_octets(&Brouillon::default());
        // The requester is the second field (after an empty subject).
        let mut x = bon.clone();
        x[1] = 3;
        assert_eq!(tag(&x), "unknown tag");
        // The agreement (a bool), then its date (empty), then its means (an Option).
        let mut x = bon.clone();
        x[2] = 2;
        assert_eq!(tag(&x), "unknown tag");
        let mut x = bon.clone();
        x[4] = 2;
        assert_eq!(tag(&x), "unknown tag");
        let mut x = bon.clone();
        x[4] = 1;
        x.insert(5, 3);
        assert_eq!(tag(&x), "unknown tag");
        x[5] = 2;
        assert_eq!(
            depuis_octets::<Brouillon>(&x, "b")
                .unwrap()
                .consentement_moyen,
            Some(MoyenAccord::Ecrit)
        );
        for t in [2u8, 255] {
            assert_eq!(
                depuis_octets::<Equipe>(&[t], "e").unwrap_err().quoi,
                "unknown tag"
            );
            assert_eq!(
                depuis_octets::<Couverture>(&[t], "c").unwrap_err().quoi,
                "unknown tag"
            );
        }
    }

    #[test]
    fn an_asset_of_the_previous_format_is_refused_by_its_version() {
        // Format 3: postcard payloads. Such a file (an old deployment's, a cached one) is
        // refused before its payload is read, saying which version it is.
        let ancien = postcard::to_allocvec(&crate::programme::tests::programme()).unwrap();
        let mut a = encoder(&programme());
        a.truncate(15);
        a[5..7].copy_from_slice(&3u16.to_le_bytes());
        a[7..11].copy_from_slice(&(ancien.len() as u32).to_le_bytes());
        a[11..15].copy_from_slice(&crate::asset::crc32(&ancien).to_le_bytes());
        a.extend_from_slice(&ancien);
        let e = decoder::<Programme>(&a).unwrap_err();
        assert_eq!(
            e,
            AssetError::VersionNonPriseEnCharge {
                trouvee: 3,
                attendue: FORMAT_VERSION
            }
        );
        assert_eq!(FORMAT_VERSION, 4);
        assert_eq!(
            e.to_string(),
            "unsupported asset format version 3 (this build reads 4)"
        );
        // The same bytes under this version's number do not pass for a programme either.
        a[5..7].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
        assert!(matches!(
            decoder::<Programme>(&a),
            Err(AssetError::Decodage(_))
        ));
        assert_eq!(
            <Programme as Payload>::depuis_octets(&ancien)
                .unwrap_err()
                .to_string(),
            "payload does not decode: programme: not a date"
        );
    }
}

#[cfg(test)]
mod proprietes {
    use super::*;
    use proptest::prelude::*;

    fn date() -> impl Strategy<Value = Date> {
        (-3000i32..3000, 1u8..=12, 1u8..=31).prop_map(|(a, m, j)| {
            Date::nouvelle(a, m, j).unwrap_or(Date::nouvelle(a, m, 28).unwrap())
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, .. ProptestConfig::default() })]

        /// The primitives come back exactly, alone and in sequence.
        #[test]
        fn primitives_round_trip(
            n in any::<u32>(),
            b in any::<bool>(),
            x in any::<u64>(),
            t in "\\PC{0,20}",
            l in prop::collection::vec("\\PC{0,6}", 0..6),
            o in prop::option::of(any::<u32>()),
            points in prop::collection::vec(any::<[i32; 2]>(), 0..20),
            d in date(),
        ) {
            let f = f64::from_bits(x);
            let mut e = Ecrivain::default();
            n.ecrire(&mut e);
            b.ecrire(&mut e);
            f.ecrire(&mut e);
            t.ecrire(&mut e);
            l.ecrire(&mut e);
            o.ecrire(&mut e);
            Anneau(points.clone()).ecrire(&mut e);
            d.ecrire(&mut e);
            let mut r = Lecteur::nouveau(&e.0, "test");
            prop_assert_eq!(u32::lire(&mut r), n);
            prop_assert_eq!(bool::lire(&mut r), b);
            prop_assert_eq!(f64::lire(&mut r).to_bits(), x);
            prop_assert_eq!(String::lire(&mut r), t);
            prop_assert_eq!(Vec::<String>::lire(&mut r), l);
            prop_assert_eq!(Option::<u32>::lire(&mut r), o);
            prop_assert_eq!(Anneau::lire(&mut r), Anneau(points));
            prop_assert_eq!(Date::lire(&mut r), d);
            prop_assert_eq!(r.defaut, None);
            prop_assert!(r.fin().is_ok());
        }

        /// Any bytes: an error or a value, never a panic.
        #[test]
        fn any_bytes_never_panic(octets in prop::collection::vec(any::<u8>(), 0..300)) {
            let _ = depuis_octets::<Carte>(&octets, "carte");
            let _ = depuis_octets::<Programme>(&octets, "programme");
            let _ = depuis_octets::<Brouillon>(&octets, "brouillon");
            let _ = Brouillon::depuis_octets(&octets);
        }

        /// A valid draft with some bytes changed: an error or a draft, never a panic.
        #[test]
        fn corrupted_drafts_never_panic(
            domaines in prop::collection::vec("\\PC{0,8}", 0..4),
            changes in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        ) {
            let mut o = Brouillon { domaines, ..Brouillon::default() }.vers_octets();
            for (i, b) in changes {
                let k = i.index(o.len());
                o[k] = b;
            }
            let _ = Brouillon::depuis_octets(&o);
        }
    }
}
