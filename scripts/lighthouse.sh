#!/usr/bin/env bash
# Lighthouse (mobile, default throttling) on the built site, served on 127.0.0.1 compressed as
# a static host would, run 3 times (LIGHTHOUSE_RUNS): prints each run and the median of each
# figure. Usage: scripts/lighthouse.sh [dist]
# Writes target/lighthouse/report-<n>.report.{json,html}.
# Installs lighthouse@12 (the last to run on Node 20) in target/lighthouse on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:-dist}
runs=${LIGHTHOUSE_RUNS:-3}
out=target/lighthouse
mkdir -p "$out"
if [ ! -x "$out/node_modules/.bin/lighthouse" ]; then
  npm install --prefix "$out" --no-audit --no-fund --no-save lighthouse@12 >/dev/null
fi
rm -f "$out/url" "$out"/report*.report.json "$out"/report*.report.html
# The test server compresses each file on its first request (synchronously): every file is
# asked for once before the runs, so the first run does not wait for it.
node --input-type=module -e "
import { servir } from './tests/e2e/outils.mjs';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
const s = await servir('$dist');
const tous = (d) => readdirSync(d).flatMap((n) => statSync(join(d, n)).isDirectory() ? tous(join(d, n)) : [join(d, n)]);
for (const f of tous('$dist')) await (await fetch(s.url + relative('$dist', f), { headers: { 'accept-encoding': 'br' } })).arrayBuffer();
console.log(s.url);
" > "$out/url" &
serveur=$!
trap 'kill $serveur 2>/dev/null || true' EXIT
for _ in $(seq 600); do [ -s "$out/url" ] && break; sleep 0.1; done
url=$(cat "$out/url")
rapports=()
for n in $(seq "$runs"); do
  status=0
  CHROME_PATH=/usr/bin/chromium "$out/node_modules/.bin/lighthouse" "$url" \
    --quiet --form-factor=mobile --output=json --output=html --output-path="$out/report-$n" \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
    || status=$?
  [ -s "$out/report-$n.report.json" ] || { echo "lighthouse failed ($status)" >&2; exit 1; }
  rapports+=("$PWD/$out/report-$n.report.json")
done
node -e '
const rs = process.argv.slice(1).map((f) => require(f));
const s = (r, k) => Math.round(r.categories[k].score * 100);
const mediane = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const figures = [
  ["performance", (r) => s(r, "performance"), (v) => String(v)],
  ["FCP", (r) => r.audits["first-contentful-paint"].numericValue, (v) => `${(v / 1000).toFixed(2)} s`],
  ["LCP", (r) => r.audits["largest-contentful-paint"].numericValue, (v) => `${(v / 1000).toFixed(2)} s`],
  ["TBT", (r) => r.audits["total-blocking-time"].numericValue, (v) => `${Math.round(v)} ms`],
  ["CLS", (r) => r.audits["cumulative-layout-shift"].numericValue, (v) => v.toFixed(3)],
  ["SI", (r) => r.audits["speed-index"].numericValue, (v) => `${(v / 1000).toFixed(2)} s`],
];
const r0 = rs[0];
console.log(`lighthouse ${r0.lighthouseVersion}, mobile, default throttling, ${r0.fetchTime.slice(0, 10)}, ${rs.length} runs`);
rs.forEach((r, i) => console.log(`  run ${i + 1}: ${figures.map(([n, f, w]) => `${n} ${w(f(r))}`).join(", ")}; accessibility ${s(r, "accessibility")}, best practices ${s(r, "best-practices")}, SEO ${s(r, "seo")}`));
console.log(`  median: ${figures.map(([n, f, w]) => `${n} ${w(mediane(rs.map(f)))}`).join(", ")}`);
const lcp = r0.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node?.snippet;
if (lcp) console.log(`  LCP element (run 1): ${lcp}`);
for (const [k, cat] of Object.entries(r0.categories)) for (const ref of cat.auditRefs) { const a = r0.audits[ref.id]; if (ref.weight > 0 && a.score !== null && a.score < 1) console.log(`  below 1 (run 1) · ${k} · ${a.id}: ${a.score} ${a.displayValue ?? ""}`); }
' "${rapports[@]}"
