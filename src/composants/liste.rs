//! The list page: paste addresses or open a spreadsheet export, check them all on this
//! computer (in chunks, with a progress bar), see the rows that need a person first, and
//! download the results as a CSV for French Excel (in the file's order, each row with its line
//! number and the answer in words).
//!
//! The paste box is left to the browser: its text is never copied into the page's state nor
//! written back on each change (with 10,000 lines, each keystroke did both, and parsed the whole
//! text). A paste is read at once; typing is read once the user pauses, or on « Vérifier ».

use super::rappel;
use crate::donnees::{Adresses, Donnees};
use crate::textes::textes;
use parcours_core::lien::Langue;
use parcours_core::lot::{self, Encodage, LigneResultat, A_REVOIR};
use parcours_core::nombre;
use parcours_core::textes::Textes;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::functional::UseForceUpdateHandle;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub donnees: Rc<Donnees>,
    pub adresses: Rc<Adresses>,
    pub langue: Langue,
}

/// A file or a paste, read into rows.
#[derive(Clone, PartialEq)]
struct Tableau {
    lignes: Rc<Vec<Vec<String>>>,
    encodage: Encodage,
    largeur: usize,
}

/// The rows checked, in the file's order.
type Resultats = Rc<Vec<(Vec<String>, LigneResultat)>>;

const PAR_LOT: usize = 1_000;
const AFFICHEES: usize = 200;
/// Typing in the paste box is read once the user pauses this long.
const PAUSE_MS: i32 = 400;
/// A paste of more lines than this is read from the clipboard's text at once, and written into
/// the box just after: the browser's own paste of 10,000 lines into a text area takes a second
/// or more (it lays the text out line by line), the rows are ready long before.
const GRAND_COLLAGE: usize = 1_000;

fn lire(octets: &[u8]) -> Result<Tableau, usize> {
    let (texte, encodage) = lot::decoder_texte(octets);
    let lignes = lot::lire_csv(&texte, lot::separateur(&texte));
    if lignes.len() > lot::MAX_LIGNES {
        return Err(lignes.len());
    }
    let largeur = lignes.iter().map(Vec::len).max().unwrap_or(0);
    Ok(Tableau {
        lignes: Rc::new(lignes),
        encodage,
        largeur,
    })
}

/// Runs `f` in `ms` milliseconds (a timer of the window): the timer's id.
fn plus_tard(ms: i32, f: Box<dyn FnOnce()>) -> Option<i32> {
    let rappel = Closure::once_into_js(f);
    web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(rappel.unchecked_ref(), ms)
        .ok()
}

/// The row's team in the page's language, or its priority zone (a place name, in French).
fn equipe_ou_zone(t: &Textes, x: &LigneResultat) -> Html {
    match (x.equipe, &x.zone) {
        (Some(e), _) => html! { { t.nom_equipe(e) } },
        (None, Some(z)) => html! { <bdi lang="fr">{ z }</bdi> },
        (None, None) => html! {},
    }
}

/// What the page holds. One cell for it all, changed by the handlers ([`Page::changer`]) and
/// read by the view: a hook per field costs each its own code in the WebAssembly.
#[derive(Default)]
struct Etat {
    tableau: Option<Tableau>,
    entete: bool,
    colonnes: Vec<usize>,
    erreur: Option<String>,
    progression: Option<(usize, usize)>,
    resultats: Option<(Resultats, f64)>,
    filtre: String,
    /// A pause timer pending after typing (its id), to read the box once.
    minuterie: Option<i32>,
}

/// What every handler needs, made at each render: the state and the way to show it again, the
/// paste box, the data and the texts. Each closure of the page holds this one handle.
struct Page {
    etat: Rc<RefCell<Etat>>,
    rendre: UseForceUpdateHandle,
    boite: NodeRef,
    t: &'static Textes,
    donnees: Rc<Donnees>,
    adresses: Rc<Adresses>,
}

impl Page {
    /// Changes the state, then renders the page again.
    fn changer(&self, f: impl FnOnce(&mut Etat)) {
        f(&mut self.etat.borrow_mut());
        self.rendre.force_update();
    }

    /// Stops the pause timer, if one is pending.
    fn arreter_minuterie(&self) {
        let id = self.etat.borrow_mut().minuterie.take();
        if let (Some(id), Some(w)) = (id, web_sys::window()) {
            w.clear_timeout_with_handle(id);
        }
    }

    /// New rows: the columns guessed, the previous results gone.
    fn preparer(&self, r: Result<Tableau, usize>) {
        let t = self.t;
        self.changer(|e| {
            e.resultats = None;
            match r {
                Ok(tab) => {
                    e.entete = lot::a_un_entete(&tab.lignes);
                    e.colonnes = if e.entete {
                        lot::colonnes_adresse(&tab.lignes[0])
                    } else {
                        (0..tab.largeur).collect()
                    };
                    e.erreur = None;
                    e.tableau = Some(tab);
                }
                Err(n) => {
                    e.tableau = None;
                    e.erreur =
                        Some(t.liste_trop_de_lignes(&t.nombre(n), &t.nombre(lot::MAX_LIGNES)));
                }
            }
        });
    }

    /// The box's text, read into rows (once per paste or pause, not per keystroke).
    fn relire(&self) {
        self.arreter_minuterie();
        if let Some(b) = self.boite.cast::<web_sys::HtmlTextAreaElement>() {
            self.preparer(lire(b.value().as_bytes()));
        }
    }

    fn saisir(self: &Rc<Self>, e: InputEvent) {
        // A paste (or a drop) is read at once: the rows are ready to check.
        if matches!(
            e.input_type().as_str(),
            "insertFromPaste" | "insertFromDrop"
        ) {
            self.relire();
            return;
        }
        // Typing: read once the user pauses (each key only restarts the timer).
        self.arreter_minuterie();
        let page = self.clone();
        let id = plus_tard(PAUSE_MS, Box::new(move || page.relire()));
        self.etat.borrow_mut().minuterie = id;
    }

    fn coller(self: &Rc<Self>, e: Event) {
        let Some(texte) = e
            .dyn_ref::<web_sys::ClipboardEvent>()
            .and_then(|c| c.clipboard_data())
            .and_then(|d| d.get_data("text").ok())
        else {
            return;
        };
        if texte.lines().nth(GRAND_COLLAGE).is_none() {
            return; // a short paste stays the browser's (with its undo)
        }
        let Some(b) = self.boite.cast::<web_sys::HtmlTextAreaElement>() else {
            return;
        };
        e.prevent_default();
        self.arreter_minuterie();
        // The box's text with the paste in place of the selection, read at once.
        let (s0, s1) = (
            b.selection_start().ok().flatten(),
            b.selection_end().ok().flatten(),
        );
        self.preparer(lire(lot::coller(&b.value(), &texte, s0, s1).as_bytes()));
        // Then into the box, once the page has said the rows are ready.
        plus_tard(
            0,
            Box::new(move || {
                let n = b.value().encode_utf16().count() as u32;
                let _ = b.set_range_text_with_start_and_end_and_mode(
                    &texte,
                    s0.unwrap_or(n),
                    s1.unwrap_or(n),
                    "end",
                );
            }),
        );
    }

    fn ouvrir(self: &Rc<Self>, e: Event) {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        let Some(f) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        if f.size() > lot::MAX_OCTETS as f64 {
            let t = self.t;
            self.changer(|e| e.erreur = Some(t.liste_trop_gros(&(lot::MAX_OCTETS / 1_000_000))));
            return;
        }
        let page = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(tampon) = wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await {
                page.preparer(lire(&js_sys::Uint8Array::new(&tampon).to_vec()));
            }
        });
    }

    fn basculer_entete(self: &Rc<Self>, _: Event) {
        self.changer(|e| {
            e.entete = !e.entete;
            if let (true, Some(tab)) = (e.entete, &e.tableau) {
                e.colonnes = lot::colonnes_adresse(&tab.lignes[0]);
            }
        });
    }

    fn basculer_colonne(&self, i: usize) {
        self.changer(|e| match e.colonnes.binary_search(&i) {
            Ok(k) => {
                e.colonnes.remove(k);
            }
            Err(k) => e.colonnes.insert(k, i),
        });
    }

    fn verifier(self: &Rc<Self>, _: MouseEvent) {
        // Typed text not read yet: read it now (the click comes before the pause ends).
        if self.etat.borrow().minuterie.is_some() {
            self.relire();
        }
        let (tab, debut, colonnes) = {
            let e = self.etat.borrow();
            (e.tableau.clone(), usize::from(e.entete), e.colonnes.clone())
        };
        let t = self.t;
        let Some(tab) = tab.filter(|tab| tab.lignes.len() > debut && !colonnes.is_empty()) else {
            self.changer(|e| e.erreur = Some(t.liste_aucune_ligne().to_string()));
            return;
        };
        let total = tab.lignes.len() - debut;
        self.changer(|e| {
            e.erreur = None;
            e.filtre = String::new();
            e.progression = Some((0, total));
        });
        let page = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let perf = web_sys::window().and_then(|w| w.performance());
            let t0 = perf.as_ref().map(|p| p.now()).unwrap_or(0.0);
            let (m, v) = (&page.adresses.moteur, &page.donnees.verificateur);
            let mut out = Vec::with_capacity(total);
            for lot_ in tab.lignes[debut..].chunks(PAR_LOT) {
                for l in lot_ {
                    let n = debut + out.len() + 1;
                    let saisie = lot::saisie(l, &colonnes);
                    out.push((l.clone(), lot::verifier_ligne(m, v, n, &saisie)));
                }
                let fait = out.len();
                page.changer(|e| e.progression = Some((fait, total)));
                // Let the page breathe between chunks.
                crate::navigateur::ceder().await;
            }
            // Kept in the file's order (the download's); shown with the rows to review first.
            let ms = perf.map(|p| p.now() - t0).unwrap_or(0.0);
            page.changer(|e| {
                e.progression = None;
                e.resultats = Some((Rc::new(out), ms));
            });
        });
    }

    fn choisir_filtre(self: &Rc<Self>, e: Event) {
        let f = e
            .target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value();
        self.changer(|e| e.filtre = f);
    }

    fn exporter(self: &Rc<Self>, _: MouseEvent) {
        let t = self.t;
        let e = self.etat.borrow();
        if let (Some((r, _)), Some(tab)) = (&e.resultats, &e.tableau) {
            let entete = e.entete.then(|| tab.lignes[0].as_slice());
            crate::navigateur::telecharger(
                "parcours-resultats.csv",
                "text/csv;charset=utf-8",
                &lot::ecrire_csv(entete, r, |code| t.liste_decision(code).to_string()),
            );
        }
    }
}

#[function_component]
pub fn Liste(p: &Props) -> Html {
    let t = textes(p.langue);
    let page = Rc::new(Page {
        etat: use_mut_ref(Etat::default),
        rendre: use_force_update(),
        boite: use_node_ref(),
        t,
        donnees: p.donnees.clone(),
        adresses: p.adresses.clone(),
    });
    // No timer left behind when the page goes.
    {
        let page = page.clone();
        super::use_au_montage(Box::new(move || Box::new(move || page.arreter_minuterie())));
    }
    let saisir = rappel(&page, Page::saisir);
    let coller = rappel(&page, Page::coller);
    let ouvrir = rappel(&page, Page::ouvrir);
    let basculer_entete = rappel(&page, Page::basculer_entete);
    let choisir_filtre = rappel(&page, Page::choisir_filtre);
    let verifier = rappel(&page, Page::verifier);
    let exporter = rappel(&page, Page::exporter);
    let etat = page.etat.borrow();
    let Etat {
        tableau,
        entete,
        colonnes,
        erreur,
        progression,
        resultats,
        filtre,
        ..
    } = &*etat;
    let entete = *entete;

    let pretes = tableau
        .as_ref()
        .map(|tab| tab.lignes.len().saturating_sub(usize::from(entete)))
        .filter(|n| *n > 0);
    let choix_colonnes = match tableau {
        Some(tab) if tab.largeur > 1 => {
            let exemples = tab.lignes.get(usize::from(entete));
            html! {
                <fieldset class="colonnes">
                    <legend>{ t.liste_colonnes() }</legend>
                    <p class="aide">{ t.liste_aide_colonnes() }</p>
                    { for (0..tab.largeur).map(|i| {
                        let mut nom = match tab.lignes[0].get(i) {
                            Some(n) if entete && !n.trim().is_empty() => n.clone(),
                            _ => t.liste_colonne(&(i + 1)),
                        };
                        nom.push_str(" — ");
                        nom.push_str(exemples.and_then(|l| l.get(i)).map_or("", String::as_str));
                        let page = page.clone();
                        let basculer = Callback::from(move |_: Event| page.basculer_colonne(i));
                        html! {
                            <label class="case"><input type="checkbox" checked={colonnes.contains(&i)} onchange={basculer} />{ " " }<bdi>{ nom }</bdi></label>
                        }
                    }) }
                </fieldset>
            }
        }
        _ => html! {},
    };

    let tableau_resultats = match resultats {
        None => html! {},
        Some((r, ms)) => {
            let a_revoir = r.iter().filter(|(_, x)| x.a_revoir()).count();
            // The rows a person must look at first, in the file's order otherwise.
            let visibles = lot::a_montrer(r, filtre);
            let decisions = lot::decisions(r);
            html! {
                <section class="resultats" aria-labelledby="titre-resultats">
                    <h2 id="titre-resultats" tabindex="-1" data-lignes={r.len().to_string()} data-ms={nombre::ecrire(*ms, 0)}>
                        { t.liste_resume(r.len(), a_revoir, *ms) }
                    </h2>
                    if tableau.as_ref().is_some_and(|x| x.encodage == Encodage::Windows1252) {
                        <p class="aide">{ t.liste_encodage_1252() }</p>
                    }
                    <button type="button" class="bouton principal" onclick={exporter} aria-describedby="ordre-export">{ t.liste_telecharger() }</button>
                    <p id="ordre-export" class="aide">{ t.liste_ordre_export() }</p>
                    <div class="champ">
                        <label for="filtre">{ t.liste_filtre() }</label>
                        <select id="filtre" onchange={choisir_filtre}>
                            <option value="" selected={filtre.is_empty()}>{ t.liste_toutes() }</option>
                            <option value={A_REVOIR} selected={filtre == A_REVOIR}>{ t.liste_a_revoir() }</option>
                            { for decisions.iter().map(|d| html! {
                                <option value={*d} selected={filtre == d}>{ t.liste_decision(d) }</option>
                            }) }
                        </select>
                    </div>
                    if visibles.len() > AFFICHEES {
                        <p class="aide">{ t.liste_affichees(&t.nombre(AFFICHEES), &t.nombre(visibles.len())) }</p>
                    }
                    // Its own name: the section is already named by the summary above.
                    <div class="defilement" tabindex="0" role="region" aria-label={t.liste_tableau()}>
                        <table>
                            <thead><tr>
                                <th scope="col">{ t.liste_th_ligne() }</th><th scope="col">{ t.liste_th_saisie() }</th>
                                <th scope="col">{ t.liste_th_trouvee() }</th><th scope="col">{ t.liste_th_iris() }</th>
                                <th scope="col">{ t.liste_th_decision() }</th><th scope="col">{ t.liste_th_equipe() }</th>
                            </tr></thead>
                            <tbody>
                                { for visibles.iter().take(AFFICHEES).map(|x| {
                                    let precision = lot::code_precision(x.precision);
                                    html! {
                                        <tr class={x.a_revoir().then_some("a-revoir")} data-decision={x.decision}>
                                            <td>{ x.ligne }</td>
                                            <td><bdi>{ &x.saisie }</bdi></td>
                                            <td><bdi>{ x.trouvee.clone().unwrap_or_default() }</bdi>
                                                if !precision.is_empty() { <br /><small>{ t.liste_precision(precision) }</small> }</td>
                                            <td>{ x.iris.as_ref().map(|i| i.1.clone()).unwrap_or_default() }</td>
                                            // A doubt names its candidate: « vouliez-vous dire … ? »,
                                            // and the other street of the same name, if any.
                                            <td>{ match (x.decision, &x.trouvee) {
                                                ("adresse_incertaine", Some(l)) => {
                                                    let mut s = t.incertaine_titre(&format!("\u{2068}{l}\u{2069}"));
                                                    if let Some(h) = &x.homonyme {
                                                        s.push(' ');
                                                        s.push_str(&t.doute_homonyme(&format!("\u{2068}{h}\u{2069}")));
                                                    }
                                                    s
                                                }
                                                (d, _) => t.liste_decision(d).to_string(),
                                            } }</td>
                                            <td>{ equipe_ou_zone(t, x) }</td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </div>
                </section>
            }
        }
    };

    html! {
        <section class="liste" aria-labelledby="titre-liste">
            <h1 id="titre-liste">{ t.liste_titre() }</h1>
            <p class="confidentialite">{ t.liste_intro() }</p>
            <div class="champ">
                <label for="colle">{ t.liste_coller() }</label>
                <textarea ref={page.boite.clone()} id="colle" rows="6" dir="auto" spellcheck="false" aria-describedby="aide-colle" oninput={saisir} onpaste={coller} />
                <p id="aide-colle" class="aide">{ t.liste_aide_coller() }</p>
            </div>
            <div class="champ">
                <label for="fichier">{ t.liste_fichier() }</label>
                <input id="fichier" type="file" accept=".csv,.txt,text/csv,text/plain" aria-describedby="aide-fichier" onchange={ouvrir} />
                <p id="aide-fichier" class="aide">{ t.liste_aide_fichier() }</p>
            </div>
            if tableau.is_some() {
                <label class="case"><input type="checkbox" checked={entete} onchange={basculer_entete} />{ " " }{ t.liste_entete() }</label>
            }
            { choix_colonnes }
            // Said once the rows are read (a paste, a pause in typing, a file).
            <p id="liste-pretes" class="aide" role="status" data-lignes={pretes.map(|n| n.to_string())}>
                { pretes.map(|n| t.liste_pretes(n)).unwrap_or_default() }
            </p>
            if let Some(e) = erreur {
                <p class="erreur-champ" role="alert">{ e }</p>
            }
            <button type="button" id="liste-verifier" class="bouton principal" onclick={verifier} disabled={progression.is_some()}>{ t.liste_verifier() }</button>
            if let Some((fait, total)) = *progression {
                <div role="status">
                    <label for="progression">{ t.liste_progression() }</label>
                    <progress id="progression" max={total.to_string()} value={fait.to_string()}>{ format!("{fait} / {total}") }</progress>
                </div>
            }
            { tableau_resultats }
        </section>
    }
}
