//! The domain of Parcours, in pure Rust: no web crate, so it tests natively and fast and the
//! same code runs in the pipeline (`parcours-data`) and in the browser (`parcours`).
//!
//! - [`asset`]: the versioned, checksummed binary container the pipeline writes and the app reads.
//! - [`normalisation`]: address text → folded tokens, in one spelling.
//! - [`comprehension`]: a typed address → house number, rep, street words, what is set aside.
//! - [`recherche`]: the address index and the typo-tolerant, number-aware search.
//! - [`geometrie`]: IRIS polygons and point location (inside, near a boundary, outside).
//! - [`plan`]: what the map draws besides the shapes: streets from the addresses, names placed apart.
//! - [`programme`]: the programme's configuration (territories, priority zones, facts).
//! - [`decision`]: what the programme says for a point, with its reasons.
//! - [`textes`]: the list of messages and each language's catalogue of texts.

pub mod asset;
pub mod comprehension;
pub mod decision;
pub mod demande;
pub mod geocodage;
pub mod geometrie;
pub mod json;
pub mod lien;
pub mod lot;
pub mod nombre;
pub mod normalisation;
pub mod plan;
pub mod programme;
pub mod recherche;
pub mod textes;

pub use asset::{AssetError, Carte, Donnees};
