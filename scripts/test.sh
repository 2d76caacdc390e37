#!/usr/bin/env bash
# Sets up, then runs every test of Parcours, failing fast. This is the README's test command
# and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
donnees=${PARCOURS_DONNEES:-../shared/data}
[ -d "$donnees" ] || { echo "data folder $donnees not found (set PARCOURS_DONNEES)" >&2; exit 1; }
PARCOURS_DONNEES=$(cd "$donnees" && pwd)
export PARCOURS_DONNEES

etape() { printf '\n== %s\n' "$*"; }

etape "format"
cargo fmt --all --check

etape "data: build the assets from $PARCOURS_DONNEES, then verify them"
cargo run -q --release --locked -p parcours-data -- build --donnees "$PARCOURS_DONNEES"
cargo run -q --release --locked -p parcours-data -- verify

etape "clippy (native, then the app for wasm32)"
cargo clippy --workspace --all-targets --features parcours/ssr --locked -- -D warnings
cargo clippy -p parcours --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

etape "parcours-core builds for wasm32 and has no web dependency"
cargo build -p parcours-core --target wasm32-unknown-unknown --locked
if cargo tree -p parcours-core -e normal --prefix none | grep -E '^(yew|web-sys|js-sys|gloo|wasm-bindgen)[ -]'; then
  echo "parcours-core depends on a web crate" >&2
  exit 1
fi

etape "native tests"
cargo test --workspace --locked --release

etape "in-browser tests (wasm-bindgen-test, headless Chromium)"
cargo test --release -p parcours --target wasm32-unknown-unknown --locked -- --nocapture

etape "release build (Trunk, offline)"
trunk build --release --offline --skip-version-check
node scripts/tailles.mjs dist --budget

etape "end-to-end tests (Playwright + Chromium, built site on 127.0.0.1)"
node --test --test-concurrency=1 --test-force-exit tests/e2e/
