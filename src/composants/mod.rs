pub mod brouillon;
pub mod carte;
pub mod demande;
pub mod en_ligne;
pub mod liste;
pub mod recherche;
pub mod reponse;
pub mod sources;
