//! The French first screen as HTML, for `index.html`: the App itself, rendered natively before
//! any data is there (Yew's server renderer), with the French messages the site serves. The
//! build writes it into the page (`scripts/apres-construction.mjs`), so the page shows it
//! before the WebAssembly has arrived; the App then renders the same screen in its place.
//!
//! `cargo run --features ssr --bin premier_ecran -- dist/assets/textes-fr.bin`

use parcours::app::{App, Props};
use parcours::depart::Depart;
use parcours_core::asset;
use parcours_core::lien::Langue;
use parcours_core::textes::Textes;
use std::future::Future;
use std::process::ExitCode;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use yew::LocalServerRenderer;

/// Runs a future on this thread (the renderer needs no more than that).
fn attendre<F: Future>(f: F) -> F::Output {
    struct Reveil(std::thread::Thread);
    impl Wake for Reveil {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let reveil = Waker::from(Arc::new(Reveil(std::thread::current())));
    let mut cx = Context::from_waker(&reveil);
    let mut f = std::pin::pin!(f);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
        std::thread::park();
    }
}

fn main() -> ExitCode {
    let chemin = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "assets-gen/textes-fr.bin".into());
    let textes = std::fs::read(&chemin)
        .map_err(|e| e.to_string())
        .and_then(|o| asset::decoder::<Textes>(&o).map_err(|e| e.to_string()))
        .and_then(|t| match t.langue() {
            Langue::Fr => Ok(t),
            _ => Err("not the French messages".into()),
        });
    match textes {
        Ok(t) => parcours::textes::garder(t),
        Err(e) => {
            eprintln!("premier_ecran: {chemin}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let props = Props {
        depart: Rc::new(Depart::premier_ecran()),
    };
    let html = attendre(
        LocalServerRenderer::<App>::with_props(props)
            .hydratable(false)
            .render(),
    );
    print!("{html}");
    ExitCode::SUCCESS
}
