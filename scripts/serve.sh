#!/usr/bin/env bash
# Sets up, builds the assets from the embedded Dijon data (or PARCOURS_DONNEES), and serves the
# app at http://127.0.0.1:8080/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
donnees=${PARCOURS_DONNEES:-../shared/data}
[ -d "$donnees" ] || { echo "data folder $donnees not found (set PARCOURS_DONNEES)" >&2; exit 1; }
cargo run -q --release --locked -p parcours-data -- build --donnees "$donnees"
exec trunk serve --release --offline --skip-version-check --no-autoreload --address 127.0.0.1 --port "${PORT:-8080}"
