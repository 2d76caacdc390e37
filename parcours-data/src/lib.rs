//! The data pipeline of Parcours and its command-line tools (`build`, `verify`, `search`,
//! `check`, `download`).

pub mod commandes;
pub mod lecture;
pub mod pipeline;
pub mod telechargement;
pub mod voies;
