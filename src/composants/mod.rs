pub mod carte;
pub mod recherche;
pub mod reponse;
pub mod sources;
