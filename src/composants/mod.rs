pub mod brouillon;
pub mod carte;
pub mod demande;
pub mod en_ligne;
pub mod liste;
pub mod recherche;
pub mod reponse;
pub mod sources;

use std::rc::Rc;
use yew::prelude::*;

/// A handler of a component's shared state as a callback (one closure for them all, whatever
/// the event): the list page's and the map's controls.
pub fn rappel<T: 'static, E: 'static>(etat: &Rc<T>, f: fn(&Rc<T>, E)) -> Callback<E> {
    let etat = etat.clone();
    Callback::from(move |e| f(&etat, e))
}

/// What a component does once it is on the page, and what undoes it when it goes.
pub type AuMontage = Box<dyn FnOnce() -> Box<dyn FnOnce()>>;

/// Runs `effet` once, after the first render; what it returns runs when the component goes.
/// The same effect for every component that uses it: each `use_effect_with` with a closure of
/// its own is its own code in the WebAssembly.
#[hook]
pub fn use_au_montage(effet: AuMontage) {
    use_effect_with((), move |_| effet());
}
