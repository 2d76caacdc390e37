// Bundle sizes of dist/: raw, gzip, brotli per file and in total, checked against the budgets
// (issue 8: everything ≤ 250 KB brotli, no single file over 150 KB brotli; issue 14: the
// WebAssembly ≤ 165 KB brotli).
// Usage: node scripts/tailles.mjs [dist] [--budget]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const dist = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "dist";
const budget = process.argv.includes("--budget");
const TOTAL_MAX = 250 * 1000;
const FILE_MAX = 150 * 1000;
const WASM_MAX = 165 * 1000;
const maximum = (r) => (r.file.endsWith(".wasm") ? WASM_MAX : FILE_MAX);

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name.startsWith(".")) continue; // Trunk's staging directory, left by a failed build
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

const rows = [];
for (const f of files(dist)) {
  const b = readFileSync(f);
  const br = brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  rows.push({ file: relative(dist, f), raw: b.length, gzip: gzipSync(b, { level: 9 }).length, brotli: br });
}
rows.sort((a, b) => b.brotli - a.brotli);
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const pad = (s, n) => String(s).padStart(n);
console.log(`${"file".padEnd(44)} ${pad("raw", 9)} ${pad("gzip", 9)} ${pad("brotli", 9)}`);
for (const r of rows) console.log(`${r.file.padEnd(44)} ${pad(r.raw, 9)} ${pad(r.gzip, 9)} ${pad(r.brotli, 9)}`);
console.log(`${"total".padEnd(44)} ${pad(total.raw, 9)} ${pad(total.gzip, 9)} ${pad(total.brotli, 9)}`);
if (budget) {
  let ok = true;
  for (const r of rows.filter((r) => r.brotli > maximum(r))) {
    console.error(`budget: ${r.file} is ${r.brotli} B brotli, over ${maximum(r)} B`);
    ok = false;
  }
  if (total.brotli > TOTAL_MAX) { console.error(`budget: total ${total.brotli} B brotli, over ${TOTAL_MAX}`); ok = false; }
  if (!ok) process.exit(1);
  console.log(`budget: largest file ${rows[0].file} ${rows[0].brotli} B ≤ ${maximum(rows[0])} B; total ${total.brotli} B ≤ ${TOTAL_MAX} B brotli`);
}
