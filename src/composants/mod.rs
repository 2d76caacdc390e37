pub mod carte;
pub mod en_ligne;
pub mod recherche;
pub mod reponse;
pub mod sources;
