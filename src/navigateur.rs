//! Browser effects: the panic screen, the URL, the stored language, today's date, location.

use parcours_core::lien::{EtatLien, Langue};
use parcours_core::programme::Date;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A panic shows a plain-language message instead of a dead page.
pub fn installer_panique() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(body) = doc.body() {
            // Static text only: nothing of the panic's content reaches the page.
            body.set_inner_html(
                "<main class=\"panne\" role=\"alert\"><h1>Une erreur est survenue</h1>\
                 <p>L’application a rencontré un problème inattendu. Rechargez la page\u{a0}: \
                 vos réponses ne sont enregistrées nulle part.</p>\
                 <p lang=\"en\">Something went wrong. Please reload the page.</p>\
                 <p><a href=\"./\">Recharger la page</a></p></main>",
            );
        }
    }));
}

/// Focuses an element by id (the rule of when is in [`crate::focus`]).
pub fn focaliser(id: &str) {
    if let Some(e) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = e.focus();
    }
}

pub fn lire_lien() -> EtatLien {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .map(|s| EtatLien::depuis_requete(&s))
        .unwrap_or_default()
}

/// Records the state in the URL: a new history entry (`pousser`) or the current one replaced.
pub fn ecrire_lien(e: &EtatLien, pousser: bool) {
    let Some(w) = web_sys::window() else { return };
    let Ok(h) = w.history() else { return };
    let actuel = w.location().search().unwrap_or_default();
    let mut nouveau = e.vers_requete();
    if nouveau == actuel {
        return;
    }
    if nouveau.is_empty() {
        nouveau = w.location().pathname().unwrap_or_else(|_| "./".into());
    }
    let _ = if pousser {
        h.push_state_with_url(&JsValue::NULL, "", Some(&nouveau))
    } else {
        // The entry keeps its state (an open request marks the entry it added).
        h.replace_state_with_url(&h.state().unwrap_or(JsValue::NULL), "", Some(&nouveau))
    };
}

const CLE_LANGUE: &str = "parcours.langue";

/// The language: the link's, else the one chosen before on this device, else the browser's.
pub fn langue_initiale(lien: &EtatLien) -> Langue {
    if let Some(l) = lien.langue {
        return l;
    }
    let stockee = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(CLE_LANGUE).ok().flatten())
        .and_then(|c| Langue::depuis_code(&c));
    if let Some(l) = stockee {
        return l;
    }
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|l| Langue::depuis_code(l.get(..2).unwrap_or("")))
        .unwrap_or_default()
}

/// Applies the language to `<html lang dir>` and remembers it (the only thing stored).
pub fn appliquer_langue(l: Langue) {
    let Some(w) = web_sys::window() else { return };
    if let Some(html) = w.document().and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", l.code());
        let _ = html.set_attribute("dir", if l.rtl() { "rtl" } else { "ltr" });
    }
    if let Ok(Some(s)) = w.local_storage() {
        let _ = s.set_item(CLE_LANGUE, l.code());
    }
}

/// The page's `<title>`.
pub fn titre(t: &str) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        d.set_title(t);
    }
}

pub fn aujourd_hui() -> Option<Date> {
    let d = js_sys::Date::new_0();
    Date::nouvelle(
        d.get_full_year() as i32,
        (d.get_month() + 1) as u8,
        d.get_date() as u8,
    )
}

/// What a location request gives.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Position {
    Trouvee {
        lon: f64,
        lat: f64,
        precision_m: f64,
    },
    Refusee,
    Delai,
    Indisponible,
}

/// Asks the browser for the device's position, once.
pub fn demander_position(rappel: impl Fn(Position) + 'static) {
    let Some(geo) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        rappel(Position::Indisponible);
        return;
    };
    let rappel = std::rc::Rc::new(rappel);
    let r1 = rappel.clone();
    let succes = Closure::once_into_js(move |p: web_sys::Position| {
        let c = p.coords();
        r1(Position::Trouvee {
            lon: c.longitude(),
            lat: c.latitude(),
            precision_m: c.accuracy(),
        });
    });
    let r2 = rappel.clone();
    let echec = Closure::once_into_js(move |e: web_sys::PositionError| {
        r2(match e.code() {
            web_sys::PositionError::PERMISSION_DENIED => Position::Refusee,
            web_sys::PositionError::TIMEOUT => Position::Delai,
            _ => Position::Indisponible,
        });
    });
    let options = web_sys::PositionOptions::new();
    options.set_enable_high_accuracy(true);
    options.set_timeout(15_000);
    options.set_maximum_age(60_000);
    if geo
        .get_current_position_with_error_callback_and_options(
            succes.unchecked_ref(),
            Some(echec.unchecked_ref()),
            &options,
        )
        .is_err()
    {
        rappel(Position::Indisponible);
    }
}

/// Registers the service worker (offline use). `nouvelle_version` is called when a new
/// deployment is installed and waiting; [`activer_nouvelle_version`] then switches to it.
pub fn enregistrer_service_worker(nouvelle_version: impl Fn() + 'static) {
    let Some(w) = web_sys::window() else { return };
    let sw = w.navigator().service_worker();
    let nouvelle_version = std::rc::Rc::new(nouvelle_version);
    let promesse = sw.register("sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(r) = wasm_bindgen_futures::JsFuture::from(promesse).await else {
            return;
        };
        let Ok(reg) = r.dyn_into::<web_sys::ServiceWorkerRegistration>() else {
            return;
        };
        let controle = || {
            web_sys::window()
                .map(|w| w.navigator().service_worker().controller().is_some())
                .unwrap_or(false)
        };
        if reg.waiting().is_some() && controle() {
            nouvelle_version();
        }
        let reg2 = reg.clone();
        let nv = nouvelle_version.clone();
        let trouve = Closure::<dyn FnMut()>::new(move || {
            let Some(installe) = reg2.installing() else {
                return;
            };
            let nv = nv.clone();
            let i2 = installe.clone();
            let etat = Closure::<dyn FnMut()>::new(move || {
                if i2.state() == web_sys::ServiceWorkerState::Installed && controle() {
                    nv();
                }
            });
            installe.set_onstatechange(Some(etat.as_ref().unchecked_ref()));
            etat.forget();
        });
        reg.set_onupdatefound(Some(trouve.as_ref().unchecked_ref()));
        trouve.forget();
    });
}

/// Asks the waiting service worker to take over (the page then reloads).
pub fn activer_nouvelle_version() {
    let Some(w) = web_sys::window() else { return };
    let sw = w.navigator().service_worker();
    // When the new worker takes over, reload once to run the new version.
    let recharger = Closure::<dyn FnMut()>::new(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    sw.set_oncontrollerchange(Some(recharger.as_ref().unchecked_ref()));
    recharger.forget();
    let promesse = sw.get_registration();
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(r) = wasm_bindgen_futures::JsFuture::from(promesse).await else {
            return;
        };
        if let Ok(reg) = r.dyn_into::<web_sys::ServiceWorkerRegistration>() {
            if let Some(attente) = reg.waiting() {
                let _ = attente.post_message(&JsValue::from_str("activer"));
            }
        }
    });
}

/// A GET already sent: the browser downloads while the page goes on; [`Requete::octets`] waits
/// for the body. Several requests made one after the other download side by side.
pub struct Requete(wasm_bindgen_futures::JsFuture);

fn decrire(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "fetch".into())
}

/// GET `url` (our own origin, or the geocoder when the user asked).
pub fn demander(url: &str) -> Result<Requete, String> {
    let fenetre = web_sys::window().ok_or("no window")?;
    Ok(Requete(wasm_bindgen_futures::JsFuture::from(
        fenetre.fetch_with_str(url),
    )))
}

impl Requete {
    /// The body's bytes, or a short description of what failed.
    pub async fn octets(self) -> Result<Vec<u8>, String> {
        let r: web_sys::Response = self.0.await.map_err(decrire)?.unchecked_into();
        if !r.ok() {
            return Err(format!("HTTP {}", r.status()));
        }
        let corps = wasm_bindgen_futures::JsFuture::from(r.array_buffer().map_err(decrire)?)
            .await
            .map_err(decrire)?;
        Ok(js_sys::Uint8Array::new(&corps).to_vec())
    }
}

/// Lets the browser paint and handle input before the next piece of a long task (a
/// zero-delay timer, as a future).
pub async fn ceder() {
    let promesse = js_sys::Promise::new(&mut |resoudre, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resoudre);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promesse).await;
}

/// GET `url` and wait for its body.
pub async fn recuperer(url: &str) -> Result<Vec<u8>, String> {
    demander(url)?.octets().await
}

/// Saves `contenu` as a file named `nom` (a download made in the page: nothing is sent).
pub fn telecharger(nom: &str, type_mime: &str, contenu: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&contenu.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(type_mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = doc
        .create_element("a")
        .map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>())
    {
        a.set_href(&url);
        a.set_download(nom);
        if let Some(b) = doc.body() {
            let _ = b.append_child(&a);
            a.click();
            a.remove();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[wasm_bindgen(module = "/static/brouillon.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn sauver_brouillon(octets: &[u8]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn charger_brouillon() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn effacer_brouillon() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn effacer_tout() -> Result<JsValue, JsValue>;
}

/// The history entry an open request adds (same address), so that the back gesture first asks
/// the request whether it may close.
const MARQUE_DEMANDE: &str = "parcours-demande";

/// Adds the open request's entry to the history (the URL does not change).
pub fn marquer_demande() {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.push_state(&JsValue::from_str(MARQUE_DEMANDE), "");
    }
}

/// Whether the current history entry is the one an open request added.
pub fn sur_la_marque_demande() -> bool {
    web_sys::window()
        .and_then(|w| w.history().ok())
        .and_then(|h| h.state().ok())
        .and_then(|s| s.as_string())
        .is_some_and(|s| s == MARQUE_DEMANDE)
}

/// Leaves the request's entry (back to the answer's), when the request closes by itself.
pub fn quitter_marque_demande() {
    if sur_la_marque_demande() {
        if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = h.back();
        }
    }
}

/// Erases the stored draft (when the user no longer wants it kept).
pub async fn oublier_brouillon() {
    let _ = effacer_brouillon().await;
}

/// What reading the stored draft gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Brouillon {
    Aucun,
    /// The stored bytes, decrypted (the core reads them), and the day they were saved.
    Repris(Vec<u8>, Option<Date>),
    /// Older than 7 days: erased.
    Expire,
    /// Stored by another version, or undecryptable, or corrupted: kept, and said.
    Illisible,
    /// No storage here (private browsing, storage full, blocked).
    Indisponible,
}

/// Encrypts and stores the draft; false when storage is unavailable.
pub async fn garder_brouillon(octets: &[u8]) -> bool {
    sauver_brouillon(octets).await.is_ok()
}

pub async fn lire_brouillon() -> Brouillon {
    let Ok(v) = charger_brouillon().await else {
        return Brouillon::Indisponible;
    };
    let champ = |k: &str| js_sys::Reflect::get(&v, &k.into()).ok();
    match champ("etat").and_then(|e| e.as_string()).as_deref() {
        Some("aucun") => Brouillon::Aucun,
        Some("expire") => Brouillon::Expire,
        Some("ok") => {
            let jour = champ("enregistre").and_then(|t| t.as_f64()).and_then(|ms| {
                let d = js_sys::Date::new(&ms.into());
                Date::nouvelle(
                    d.get_full_year() as i32,
                    (d.get_month() + 1) as u8,
                    d.get_date() as u8,
                )
            });
            champ("octets")
                .and_then(|o| o.dyn_into::<js_sys::Uint8Array>().ok())
                .map(|o| Brouillon::Repris(o.to_vec(), jour))
                .unwrap_or(Brouillon::Illisible)
        }
        _ => Brouillon::Illisible,
    }
}

/// Erases everything Parcours stores on this device (draft, its key, the language).
pub async fn tout_effacer() -> bool {
    effacer_tout().await.is_ok()
}
