// Bundle sizes of dist/: raw, gzip, brotli per file and in total, checked against the budgets
// (issue 14: everything ≤ 250 KB brotli, the WebAssembly ≤ 165 KB, any other file ≤ 100 KB).
// Usage: node scripts/tailles.mjs [dist] [--budget] [--assets DIR]
// --assets DIR measures dist as if its assets/ folder held DIR's files instead (e.g. the
// whole-city build, assets-ville/): the same site with other data, without a second build.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const args = process.argv.slice(2);
const iAssets = args.indexOf("--assets");
const assets = iAssets >= 0 ? args[iAssets + 1] : null;
if (iAssets >= 0 && !assets) throw new Error("--assets needs a folder");
const dist = args.find((a, i) => !a.startsWith("--") && (iAssets < 0 || i !== iAssets + 1)) ?? "dist";
const budget = args.includes("--budget");
const TOTAL_MAX = 250 * 1000;
const WASM_MAX = 165 * 1000;
const FILE_MAX = 100 * 1000;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name.startsWith(".")) continue; // Trunk's staging directory, left by a failed build
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

const rows = [];
let remplaces = 0;
for (const f of files(dist)) {
  const file = relative(dist, f).split("\\").join("/");
  let source = f;
  if (assets && file.startsWith("assets/") && existsSync(join(assets, basename(f)))) {
    source = join(assets, basename(f));
    remplaces++;
  }
  const b = readFileSync(source);
  const br = brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  rows.push({ file, raw: b.length, gzip: gzipSync(b, { level: 9 }).length, brotli: br });
}
if (assets && remplaces === 0) throw new Error(`no file of ${dist}/assets found in ${assets}`);
rows.sort((a, b) => b.brotli - a.brotli);
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const pad = (s, n) => String(s).padStart(n);
if (assets) console.log(`${dist}, with ${remplaces} files of assets/ taken from ${assets}`);
console.log(`${"file".padEnd(44)} ${pad("raw", 9)} ${pad("gzip", 9)} ${pad("brotli", 9)}`);
for (const r of rows) console.log(`${r.file.padEnd(44)} ${pad(r.raw, 9)} ${pad(r.gzip, 9)} ${pad(r.brotli, 9)}`);
console.log(`${"total".padEnd(44)} ${pad(total.raw, 9)} ${pad(total.gzip, 9)} ${pad(total.brotli, 9)}`);
if (budget) {
  let ok = true;
  const max = (r) => (r.file.endsWith(".wasm") ? WASM_MAX : FILE_MAX);
  for (const r of rows.filter((r) => r.brotli > max(r))) {
    console.error(`budget: ${r.file} is ${r.brotli} B brotli, ${r.brotli - max(r)} B over its ${max(r)} B`);
    ok = false;
  }
  if (!rows.some((r) => r.file.endsWith(".wasm"))) { console.error("budget: no .wasm in " + dist); ok = false; }
  if (total.brotli > TOTAL_MAX) {
    console.error(`budget: total ${total.brotli} B brotli, ${total.brotli - TOTAL_MAX} B over its ${TOTAL_MAX} B`);
    ok = false;
  }
  if (!ok) process.exit(1);
  const wasm = rows.find((r) => r.file.endsWith(".wasm"));
  const autre = rows.find((r) => !r.file.endsWith(".wasm"));
  console.log(`budget: ${wasm.file} ${wasm.brotli} B ≤ ${WASM_MAX} B; largest other file ${autre.file} ${autre.brotli} B ≤ ${FILE_MAX} B; total ${total.brotli} B ≤ ${TOTAL_MAX} B brotli`);
}
