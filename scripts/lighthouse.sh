#!/usr/bin/env bash
# Lighthouse (mobile, default throttling) on the built site, served on 127.0.0.1 compressed as
# a static host would. Usage: scripts/lighthouse.sh [dist]
# Writes target/lighthouse/report.report.{json,html} and prints the scores.
# Installs lighthouse@12 (the last to run on Node 20) in target/lighthouse on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:-dist}
out=target/lighthouse
mkdir -p "$out"
if [ ! -x "$out/node_modules/.bin/lighthouse" ]; then
  npm install --prefix "$out" --no-audit --no-fund --no-save lighthouse@12 >/dev/null
fi
rm -f "$out/url" "$out/report.report.json"
node --input-type=module -e "
import { servir } from './tests/e2e/outils.mjs';
const s = await servir('$dist');
console.log(s.url);
" > "$out/url" &
serveur=$!
trap 'kill $serveur 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$out/url" ] && break; sleep 0.1; done
url=$(cat "$out/url")
status=0
CHROME_PATH=/usr/bin/chromium "$out/node_modules/.bin/lighthouse" "$url" \
  --quiet --form-factor=mobile --output=json --output=html --output-path="$out/report" \
  --chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
  || status=$?
[ -s "$out/report.report.json" ] || { echo "lighthouse failed ($status)" >&2; exit 1; }
node -e '
const r = require(process.argv[1]);
const c = r.categories;
const s = (k) => Math.round(c[k].score * 100);
console.log(`lighthouse ${r.lighthouseVersion}, mobile, ${r.fetchTime.slice(0, 10)}: performance ${s("performance")}, accessibility ${s("accessibility")}, best practices ${s("best-practices")}, SEO ${s("seo")}`);
for (const a of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"]) console.log(`  ${a}: ${r.audits[a].displayValue}`);
for (const [k, cat] of Object.entries(c)) for (const ref of cat.auditRefs) { const a = r.audits[ref.id]; if (ref.weight > 0 && a.score !== null && a.score < 1) console.log(`  below 1 · ${k} · ${a.id}: ${a.score} ${a.displayValue ?? ""}`); }
' "$PWD/$out/report.report.json"
