//! What the tests on the real data share: where the data is, the pipeline's inputs, a build.
#![allow(dead_code)] // each test file uses its part

use parcours_data::pipeline::{self, Entrees, Sources};
use std::path::{Path, PathBuf};

/// The project's folder.
pub fn racine() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `../shared` beside the project (the data and the evaluation files).
pub fn partage() -> PathBuf {
    let p = racine().join("../shared");
    assert!(p.is_dir(), "{} is missing", p.display());
    p
}

/// The data folder: PARCOURS_DONNEES, else `../shared/data`.
pub fn donnees() -> PathBuf {
    std::env::var_os("PARCOURS_DONNEES")
        .map(PathBuf::from)
        .unwrap_or_else(|| partage().join("data"))
}

/// The project's configuration on the real data; `adresses` replaces the address file.
pub fn entrees(adresses: Option<PathBuf>) -> Entrees {
    let r = racine();
    Entrees {
        sources: Sources::lire(&r.join("config/sources.toml")).unwrap(),
        donnees: donnees(),
        programme: r.join("config/programme.toml"),
        textes: r.join("config/textes"),
        iris: None,
        adresses,
        qpv: None,
        ecoles: None,
        ban: None,
        voies: None,
    }
}

/// Builds the assets into a temporary folder of this name (one per process) and returns it.
pub fn construire(adresses: Option<PathBuf>, nom: &str) -> PathBuf {
    let sortie = std::env::temp_dir().join(format!("parcours-{nom}-{}", std::process::id()));
    pipeline::ecrire(&pipeline::construire(&entrees(adresses)).unwrap(), &sortie).unwrap();
    sortie
}
