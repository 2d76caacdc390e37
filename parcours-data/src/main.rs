//! `parcours-data`: the data pipeline and the command-line tools of Parcours.

use clap::{Parser, Subcommand};
use parcours_data::{commandes, pipeline, telechargement};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "parcours-data",
    version,
    about = "Parcours data pipeline and tools"
)]
struct Cli {
    #[command(subcommand)]
    commande: Commande,
}

// Parsed once at start: the size of the `build` variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Commande {
    /// Read the official files and write the versioned assets and manifest.json.
    Build {
        /// Folder of the input data.
        #[arg(long, env = "PARCOURS_DONNEES", default_value = "../shared/data")]
        donnees: PathBuf,
        /// Output folder (generated, never committed).
        #[arg(long, default_value = "assets-gen")]
        sortie: PathBuf,
        #[arg(long, default_value = "config/sources.toml")]
        sources: PathBuf,
        #[arg(long, default_value = "config/programme.toml")]
        programme: PathBuf,
        /// Folder of the catalogues of messages (`fr.toml`, `en.toml`, `ar.toml`).
        #[arg(long, default_value = "config/textes")]
        textes: PathBuf,
        /// IRIS contours (GeoJSON) instead of the one named in the sources.
        #[arg(long)]
        iris: Option<PathBuf>,
        /// Addresses in the BAN layout (CSV, plain or .gz) instead of the file of `[adresses]`,
        /// described by `[adresses]`.
        #[arg(long, conflicts_with = "ban")]
        adresses: Option<PathBuf>,
        /// The official Base Adresse Nationale file (CSV, plain or .gz; what `download`
        /// fetches), described by `[ban]`, in place of the address file.
        #[arg(long)]
        ban: Option<PathBuf>,
        /// QPV polygons (GeoJSON, WGS84).
        #[arg(long)]
        qpv: Option<PathBuf>,
        /// Schools offered in the referral form (GeoJSON of education facilities).
        #[arg(long)]
        ecoles: Option<PathBuf>,
        /// The list of the commune's streets (FANTOIR layout) instead of the file of `[voies]`.
        #[arg(long)]
        voies: Option<PathBuf>,
    },
    /// Re-read the assets through the core and check counts and consistency.
    Verify {
        #[arg(long, default_value = "assets-gen")]
        assets: PathBuf,
    },
    /// Address search: one query per line on stdin, one JSON line per query on stdout.
    Search {
        #[arg(long, default_value = "assets-gen")]
        assets: PathBuf,
        #[arg(long, default_value_t = 5)]
        max: usize,
    },
    /// Eligibility: one JSON object per line on stdin, one decision per line on stdout.
    Check {
        #[arg(long, default_value = "assets-gen")]
        assets: PathBuf,
    },
    /// Download the full official files named in the sources (needs a network).
    Download {
        #[arg(long, default_value = "donnees-officielles")]
        dest: PathBuf,
        #[arg(long, default_value = "config/sources.toml")]
        sources: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let r: Result<(), Box<dyn std::error::Error>> = match cli.commande {
        Commande::Build {
            donnees,
            sortie,
            sources,
            programme,
            textes,
            iris,
            adresses,
            ban,
            qpv,
            ecoles,
            voies,
        } => (|| {
            let entrees = pipeline::Entrees {
                sources: pipeline::Sources::lire(&sources)?,
                donnees,
                programme,
                textes,
                iris,
                adresses,
                ban,
                qpv,
                ecoles,
                voies,
            };
            let c = pipeline::construire(&entrees)?;
            pipeline::ecrire(&c, &sortie)?;
            for a in &c.manifeste.assets {
                let s: Vec<String> = a
                    .sources
                    .iter()
                    .map(|s| format!("{} ({} of {} kept)", s.fichier, s.retenus, s.lus))
                    .collect();
                eprintln!("{}: {} bytes from {}", a.fichier, a.taille, s.join(", "));
                for src in a.sources.iter().filter(|s| !s.ecartes.is_empty()) {
                    let e: Vec<String> = src
                        .ecartes
                        .iter()
                        .map(|e| format!("{} {}", e.nombre, e.motif))
                        .collect();
                    eprintln!("  {} not added: {}", src.fichier, e.join(", "));
                }
            }
            for n in &c.notes {
                eprintln!("{n}");
            }
            Ok(())
        })(),
        Commande::Verify { assets } => pipeline::verifier(&assets)
            .map(|r| r.iter().for_each(|l| println!("{l}")))
            .map_err(Into::into),
        Commande::Search { assets, max } => commandes::rechercher(&assets, max),
        Commande::Check { assets } => commandes::verifier_entrees(&assets),
        Commande::Download { dest, sources } => (|| {
            let s = pipeline::Sources::lire(&sources)?;
            for src in [Some(&s.iris), s.ban.as_ref(), Some(&s.qpv)]
                .into_iter()
                .flatten()
            {
                if src.url.is_empty() {
                    eprintln!("{}: no URL configured, skipped", src.nom);
                    continue;
                }
                let f = dest.join(&src.telechargement);
                let n = telechargement::telecharger(&src.url, &f)?;
                eprintln!("{}: {} bytes → {}", src.nom, n, f.display());
            }
            Ok(())
        })(),
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("parcours-data: {e}");
            ExitCode::FAILURE
        }
    }
}
