//! The list page: paste addresses or open a spreadsheet export, check them all on this
//! computer (in chunks, with a progress bar), see the rows that need a person first, and
//! download the results as a CSV for French Excel (in the file's order, each row with its line
//! number and the answer in words).
//!
//! The paste box is left to the browser: its text is never copied into the page's state nor
//! written back on each change (with 10,000 lines, each keystroke did both, and parsed the whole
//! text). A paste is read at once; typing is read once the user pauses, or on « Vérifier ».

use crate::donnees::{Adresses, Donnees};
use crate::textes::textes;
use parcours_core::lien::Langue;
use parcours_core::lot::{self, Encodage, LigneResultat};
use parcours_core::nombre;
use parcours_core::programme::Equipe;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
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
/// The filter's choice for every row a person must look at.
const A_REVOIR: &str = "a_revoir";

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

/// The columns that look like parts of an address, by their header.
fn colonnes_adresse(entete: &[String]) -> Vec<usize> {
    let plier = parcours_core::normalisation::plier;
    let v: Vec<usize> = entete
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            let h = plier(h);
            [
                "adresse",
                "address",
                "numero",
                "rue",
                "voie",
                "code postal",
                "cp",
                "commune",
                "ville",
            ]
            .iter()
            .any(|m| h.trim() == *m || h.starts_with(m))
        })
        .map(|(i, _)| i)
        .collect();
    if v.is_empty() {
        vec![0]
    } else {
        v
    }
}

/// The row's team in the page's language, or its priority zone (a place name, in French).
fn equipe_ou_zone(t: &parcours_core::textes::Textes, x: &LigneResultat) -> Html {
    let equipe = [Equipe::Nord, Equipe::Sud]
        .into_iter()
        .find(|e| x.equipe.as_deref() == Some(e.code()));
    match (equipe, &x.zone) {
        (Some(e), _) => html! { { t.nom_equipe(e) } },
        (None, Some(z)) => html! { <bdi lang="fr">{ z }</bdi> },
        (None, None) => html! {},
    }
}

#[function_component]
pub fn Liste(p: &Props) -> Html {
    let t = textes(p.langue);
    let boite = use_node_ref();
    // A pause timer pending after typing (its id), to read the box once.
    let minuterie = use_mut_ref(|| None::<i32>);
    let tableau = use_state(|| None::<Tableau>);
    let entete = use_state(|| false);
    let colonnes = use_state(Vec::<usize>::new);
    let erreur = use_state(|| None::<String>);
    let progression = use_state(|| None::<(usize, usize)>);
    let resultats = use_state(|| None::<(Resultats, f64)>);
    let filtre = use_state(String::new);

    let preparer = {
        let (tableau, entete, colonnes, erreur, resultats) = (
            tableau.clone(),
            entete.clone(),
            colonnes.clone(),
            erreur.clone(),
            resultats.clone(),
        );
        move |r: Result<Tableau, usize>| {
            resultats.set(None);
            match r {
                Ok(tab) => {
                    let a_entete = lot::a_un_entete(&tab.lignes);
                    colonnes.set(if a_entete {
                        colonnes_adresse(&tab.lignes[0])
                    } else {
                        (0..tab.largeur).collect()
                    });
                    entete.set(a_entete);
                    erreur.set(None);
                    tableau.set(Some(tab));
                }
                Err(n) => {
                    tableau.set(None);
                    erreur.set(Some(
                        t.liste_trop_de_lignes(&t.nombre(n), &t.nombre(lot::MAX_LIGNES)),
                    ));
                }
            }
        }
    };

    // The box's text, read into rows (once per paste or pause, not per keystroke).
    let relire = {
        let boite = boite.clone();
        let preparer = preparer.clone();
        let minuterie = minuterie.clone();
        Rc::new(move || {
            if let Some(id) = minuterie.take() {
                if let Some(w) = web_sys::window() {
                    w.clear_timeout_with_handle(id);
                }
            }
            let b = boite.cast::<web_sys::HtmlTextAreaElement>()?;
            let r = lire(b.value().as_bytes());
            preparer(r.clone());
            Some(r)
        })
    };
    let saisir = {
        let relire = relire.clone();
        let minuterie = minuterie.clone();
        Callback::from(move |e: InputEvent| {
            // A paste (or a drop) is read at once: the rows are ready to check.
            if matches!(
                e.input_type().as_str(),
                "insertFromPaste" | "insertFromDrop"
            ) {
                relire();
                return;
            }
            // Typing: read once the user pauses (each key only restarts the timer).
            let Some(w) = web_sys::window() else { return };
            if let Some(id) = minuterie.take() {
                w.clear_timeout_with_handle(id);
            }
            let relire = relire.clone();
            let rappel = Closure::once_into_js(move || {
                relire();
            });
            if let Ok(id) = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                rappel.unchecked_ref(),
                PAUSE_MS,
            ) {
                *minuterie.borrow_mut() = Some(id);
            }
        })
    };
    let coller = {
        let boite = boite.clone();
        let preparer = preparer.clone();
        let minuterie = minuterie.clone();
        Callback::from(move |e: Event| {
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
            let Some(b) = boite.cast::<web_sys::HtmlTextAreaElement>() else {
                return;
            };
            e.prevent_default();
            if let (Some(id), Some(w)) = (minuterie.take(), web_sys::window()) {
                w.clear_timeout_with_handle(id);
            }
            // The box's text with the paste in place of the selection, read at once.
            let avant = b.value();
            let bornes = |x: Option<u32>| {
                let x = x.unwrap_or(avant.encode_utf16().count() as u32);
                // UTF-16 offsets → a byte offset in the Rust string.
                let mut n = 0u32;
                avant
                    .char_indices()
                    .find(|(_, c)| {
                        n += c.len_utf16() as u32;
                        n > x
                    })
                    .map_or(avant.len(), |(i, _)| i)
            };
            let (s0, s1) = (
                b.selection_start().ok().flatten(),
                b.selection_end().ok().flatten(),
            );
            let (debut, fin) = (bornes(s0), bornes(s1));
            let tout = format!("{}{}{}", &avant[..debut], texte, &avant[fin..]);
            preparer(lire(tout.as_bytes()));
            // Then into the box, once the page has said the rows are ready.
            let rappel = Closure::once_into_js(move || {
                let n = b.value().encode_utf16().count() as u32;
                let _ = b.set_range_text_with_start_and_end_and_mode(
                    &texte,
                    s0.unwrap_or(n),
                    s1.unwrap_or(n),
                    "end",
                );
            });
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback(rappel.unchecked_ref());
            }
        })
    };
    // No timer left behind when the page goes.
    {
        let minuterie = minuterie.clone();
        use_effect_with((), move |_| {
            move || {
                if let (Some(id), Some(w)) = (minuterie.take(), web_sys::window()) {
                    w.clear_timeout_with_handle(id);
                }
            }
        });
    }

    let ouvrir = {
        let erreur = erreur.clone();
        let preparer = preparer.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(f) = input.files().and_then(|l| l.get(0)) else {
                return;
            };
            if f.size() > lot::MAX_OCTETS as f64 {
                erreur.set(Some(t.liste_trop_gros(&(lot::MAX_OCTETS / 1_000_000))));
                return;
            }
            let preparer = preparer.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(tampon) = wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await {
                    preparer(lire(&js_sys::Uint8Array::new(&tampon).to_vec()));
                }
            });
        })
    };

    let basculer_entete = {
        let entete = entete.clone();
        let colonnes = colonnes.clone();
        let tableau = tableau.clone();
        Callback::from(move |_| {
            let e = !*entete;
            if let (true, Some(tab)) = (e, &*tableau) {
                colonnes.set(colonnes_adresse(&tab.lignes[0]));
            }
            entete.set(e);
        })
    };

    let verifier = {
        let (tableau, entete, colonnes, erreur, progression, resultats, filtre) = (
            tableau.clone(),
            entete.clone(),
            colonnes.clone(),
            erreur.clone(),
            progression.clone(),
            resultats.clone(),
            filtre.clone(),
        );
        let (d, a) = (p.donnees.clone(), p.adresses.clone());
        let minuterie = minuterie.clone();
        let relire = relire.clone();
        Callback::from(move |_| {
            // Typed text not read yet: read it now (the click comes before the pause ends).
            let tab = if minuterie.borrow().is_some() {
                relire().and_then(Result::ok)
            } else {
                (*tableau).clone()
            };
            let Some(tab) = tab else {
                erreur.set(Some(t.liste_aucune_ligne().to_string()));
                return;
            };
            let debut = usize::from(*entete);
            if tab.lignes.len() <= debut || colonnes.is_empty() {
                erreur.set(Some(t.liste_aucune_ligne().to_string()));
                return;
            }
            erreur.set(None);
            filtre.set(String::new());
            let (d, a, cols, progression, resultats) = (
                d.clone(),
                a.clone(),
                (*colonnes).clone(),
                progression.clone(),
                resultats.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let perf = web_sys::window().and_then(|w| w.performance());
                let t0 = perf.as_ref().map(|p| p.now()).unwrap_or(0.0);
                let total = tab.lignes.len() - debut;
                let mut out = Vec::with_capacity(total);
                progression.set(Some((0, total)));
                for (k, lot_) in tab.lignes[debut..].chunks(PAR_LOT).enumerate() {
                    for (j, l) in lot_.iter().enumerate() {
                        let saisie: Vec<&str> = cols
                            .iter()
                            .filter_map(|&c| l.get(c))
                            .map(|s| s.trim())
                            .filter(|s| !s.is_empty())
                            .collect();
                        let n = debut + k * PAR_LOT + j + 1;
                        out.push((
                            l.clone(),
                            lot::verifier_ligne(&a.moteur, &d.verificateur, n, &saisie.join(" ")),
                        ));
                    }
                    progression.set(Some((out.len(), total)));
                    // Let the page breathe between chunks.
                    crate::navigateur::ceder().await;
                }
                // Kept in the file's order (the download's); shown with the rows to review first.
                let ms = perf.map(|p| p.now() - t0).unwrap_or(0.0);
                progression.set(None);
                resultats.set(Some((Rc::new(out), ms)));
            });
        })
    };

    let choisir_filtre = {
        let filtre = filtre.clone();
        Callback::from(move |e: Event| {
            filtre.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            )
        })
    };

    let exporter = {
        let resultats = resultats.clone();
        let tableau = tableau.clone();
        let entete = entete.clone();
        Callback::from(move |_| {
            if let (Some((r, _)), Some(tab)) = (&*resultats, &*tableau) {
                let e = (*entete).then(|| tab.lignes[0].as_slice());
                crate::navigateur::telecharger(
                    "parcours-resultats.csv",
                    "text/csv;charset=utf-8",
                    &lot::ecrire_csv(e, r, |code| t.liste_decision(code).to_string()),
                );
            }
        })
    };

    let pretes = tableau
        .as_ref()
        .map(|tab| tab.lignes.len().saturating_sub(usize::from(*entete)))
        .filter(|n| *n > 0);
    let choix_colonnes = match &*tableau {
        Some(tab) if tab.largeur > 1 => {
            let noms: Vec<String> = (0..tab.largeur)
                .map(|i| {
                    let nom = if *entete {
                        tab.lignes[0].get(i).cloned()
                    } else {
                        None
                    };
                    let exemple = tab
                        .lignes
                        .get(usize::from(*entete))
                        .and_then(|l| l.get(i))
                        .cloned()
                        .unwrap_or_default();
                    match nom {
                        Some(n) if !n.trim().is_empty() => format!("{n} — {exemple}"),
                        _ => format!("{} — {exemple}", t.liste_colonne(&(i + 1))),
                    }
                })
                .collect();
            html! {
                <fieldset class="colonnes">
                    <legend>{ t.liste_colonnes() }</legend>
                    <p class="aide">{ t.liste_aide_colonnes() }</p>
                    { for noms.into_iter().enumerate().map(|(i, nom)| {
                        let colonnes = colonnes.clone();
                        let coche = colonnes.contains(&i);
                        let basculer = Callback::from(move |_| {
                            let mut c = (*colonnes).clone();
                            match c.binary_search(&i) { Ok(k) => { c.remove(k); } Err(k) => c.insert(k, i) }
                            colonnes.set(c);
                        });
                        html! {
                            <label class="case"><input type="checkbox" checked={coche} onchange={basculer} />{ " " }<bdi>{ nom }</bdi></label>
                        }
                    }) }
                </fieldset>
            }
        }
        _ => html! {},
    };

    let tableau_resultats = match &*resultats {
        None => html! {},
        Some((r, ms)) => {
            let a_revoir = r.iter().filter(|(_, x)| x.a_revoir()).count();
            // The rows a person must look at first, in the file's order otherwise.
            let garder = |x: &LigneResultat| match filtre.as_str() {
                "" => true,
                A_REVOIR => x.a_revoir(),
                f => x.decision == f,
            };
            let visibles: Vec<&(Vec<String>, LigneResultat)> = r
                .iter()
                .filter(|(_, x)| x.a_revoir() && garder(x))
                .chain(r.iter().filter(|(_, x)| !x.a_revoir() && garder(x)))
                .collect();
            // The distinct decisions, sorted (a handful, over up to 200,000 rows).
            let mut decisions: Vec<&str> = Vec::new();
            for (_, x) in r.iter() {
                if let Err(k) = decisions.binary_search(&x.decision.as_str()) {
                    decisions.insert(k, x.decision.as_str());
                }
            }
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
                            <option value={A_REVOIR} selected={*filtre == A_REVOIR}>{ t.liste_a_revoir() }</option>
                            { for decisions.iter().map(|d| html! {
                                <option value={d.to_string()} selected={*filtre == *d}>{ t.liste_decision(d) }</option>
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
                                { for visibles.iter().take(AFFICHEES).map(|(_, x)| {
                                    let precision = match x.precision {
                                        Some(parcours_core::recherche::Precision::Numero) => "numero",
                                        Some(parcours_core::recherche::Precision::Interpolee) => "interpolee",
                                        Some(parcours_core::recherche::Precision::Voie) => "voie",
                                        Some(parcours_core::recherche::Precision::NonLocalisee) => "non_localisee",
                                        None => "",
                                    };
                                    html! {
                                        <tr class={classes!(x.a_revoir().then_some("a-revoir"))} data-decision={x.decision.clone()}>
                                            <td>{ x.ligne }</td>
                                            <td><bdi>{ &x.saisie }</bdi></td>
                                            <td><bdi>{ x.trouvee.clone().unwrap_or_default() }</bdi>
                                                if !precision.is_empty() { <br /><small>{ t.liste_precision(precision) }</small> }</td>
                                            <td>{ x.iris.as_ref().map(|i| i.1.clone()).unwrap_or_default() }</td>
                                            // A doubt names its candidate: « vouliez-vous dire … ? ».
                                            <td>{ match (x.decision.as_str(), &x.trouvee) {
                                                ("adresse_incertaine", Some(l)) => t.incertaine_titre(&format!("\u{2068}{l}\u{2069}")),
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
                <textarea ref={boite} id="colle" rows="6" dir="auto" spellcheck="false" aria-describedby="aide-colle" oninput={saisir} onpaste={coller} />
                <p id="aide-colle" class="aide">{ t.liste_aide_coller() }</p>
            </div>
            <div class="champ">
                <label for="fichier">{ t.liste_fichier() }</label>
                <input id="fichier" type="file" accept=".csv,.txt,text/csv,text/plain" aria-describedby="aide-fichier" onchange={ouvrir} />
                <p id="aide-fichier" class="aide">{ t.liste_aide_fichier() }</p>
            </div>
            if tableau.is_some() {
                <label class="case"><input type="checkbox" checked={*entete} onchange={basculer_entete} />{ " " }{ t.liste_entete() }</label>
            }
            { choix_colonnes }
            // Said once the rows are read (a paste, a pause in typing, a file).
            <p id="liste-pretes" class="aide" role="status" data-lignes={pretes.map(|n| n.to_string())}>
                { pretes.map(|n| t.liste_pretes(n)).unwrap_or_default() }
            </p>
            if let Some(e) = &*erreur {
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
