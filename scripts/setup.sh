#!/usr/bin/env bash
# Installs what Parcours needs to build and test, offline but for the package registries.
# Idempotent: each step checks what is there (at the right version) and skips it.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen of Cargo.lock (pinned exactly in Cargo.toml).
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
export PATH="$HOME/.cargo/bin:$PATH"

etape() { printf '\n== %s\n' "$*"; }

etape "Rust: wasm32 target, rustfmt, clippy"
installed=$(rustup target list --installed)
grep -qx wasm32-unknown-unknown <<<"$installed" || rustup target add wasm32-unknown-unknown
components=$(rustup component list --installed)
for c in rustfmt clippy; do
  grep -q "^$c" <<<"$components" || rustup component add "$c"
done

etape "Trunk $TRUNK_VERSION"
if trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  echo "present"
else
  # 0.22 needs a newer rustc; --debug halves the build time and runs as fast.
  cargo install --locked --debug trunk --version "$TRUNK_VERSION"
fi

etape "wasm-bindgen-cli $WB_VERSION"
if wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WB_VERSION"; then
  echo "present"
else
  # Not --locked: its lockfile pins a crate version the registry does not serve.
  cargo install --force wasm-bindgen-cli --version "$WB_VERSION"
fi

etape "Chromium and ChromeDriver (Debian)"
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  echo "present"
else
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends chromium chromium-driver
fi

etape "npm: wasm-opt (binaryen), playwright-core, axe-core"
if [ -x node_modules/.bin/wasm-opt ] && npm ls --silent >/dev/null 2>&1; then
  echo "present"
else
  npm ci --no-audit --no-fund
fi
echo
echo "setup ok"
