// Trunk post-build hook (also runnable as `node scripts/apres-construction.mjs DIST`):
// - writes the French first screen into index.html, rendered by the App itself natively
//   (src/bin/premier_ecran.rs) from the French messages the site serves, so the page shows it
//   before the WebAssembly arrives (the App then takes it over);
// - writes sw.js with the list of files to cache and a version (hash of every file);
// - adds the Content-Security-Policy meta tag to index.html, with the hashes of its inline
//   scripts (Trunk's loader) — no 'unsafe-inline', no 'unsafe-eval';
// - writes _headers (for static hosts that read it) with the same policy plus the directives a
//   meta tag cannot carry (frame-ancestors).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const dist = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? "dist";
const racine = new URL("../", import.meta.url);

function* fichiers(d) {
  for (const n of readdirSync(d).sort()) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) yield* fichiers(p);
    else yield p;
  }
}

// The online geocoder's origin, when the programme enables it.
const programme = readFileSync(new URL("config/programme.toml", racine), "utf8");
const geocodeur = programme.match(/^geocodeur_en_ligne\s*=\s*"([^"]*)"/m)?.[1] ?? "";
const connect = ["'self'", geocodeur ? new URL(geocodeur).origin : null].filter(Boolean).join(" ");

let html = readFileSync(join(dist, "index.html"), "utf8");

// The first screen, once (a rebuild of the same dist replaces it).
const premierEcran = execFileSync(
  "cargo",
  ["run", "-q", "--locked", "--features", "ssr", "--bin", "premier_ecran", "--", join(dist, "assets/textes-fr.bin")],
  { cwd: new URL(".", racine), encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
if (!premierEcran.includes('id="adresse"')) throw new Error("apres-construction: the first screen has no address field");
html = html.replace(/<!-- premier écran -->[\s\S]*<!-- \/premier écran -->\n?/, "");
html = html.replace(/(<body[^>]*>\n?)/, `$1<!-- premier écran -->${premierEcran}<!-- /premier écran -->\n`);
// The WebAssembly starts once the first screen is on the screen (the first paint reported; at
// most a second later where paint timing is missing): its download does not compete with the
// page's own (no preload), and its start does not delay the first paint.
html = html.replace(/<link rel="preload" href="[^"]*_bg\.wasm"[^>]*>/, "");
const attente = [
  "await new Promise((r) => {",
  "  setTimeout(r, 1000);",
  "  new PerformanceObserver((_, o) => { o.disconnect(); setTimeout(r); }).observe({ type: \"paint\", buffered: true });",
  "});",
].join("\n");
if (!html.includes(attente)) {
  const avant = html;
  html = html.replace(/(\nconst wasm = await init\()/, `\n${attente}$1`);
  if (html === avant) throw new Error("apres-construction: Trunk's loader has changed (no `const wasm = await init(`)");
}
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/, "");
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${createHash("sha256").update(m[1]).digest("base64")}'`);
const politique = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
  "style-src 'self'",
  "img-src 'self' data:",
  `connect-src ${connect}`,
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
];
html = html.replace(/(<meta charset="utf-8">)/, `$1\n  <meta http-equiv="Content-Security-Policy" content="${politique.join("; ")}">`);
writeFileSync(join(dist, "index.html"), html);

const entetes = `/*\n  Content-Security-Policy: ${[...politique, "frame-ancestors 'none'"].join("; ")}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n  Permissions-Policy: geolocation=(self), camera=(), microphone=()\n/*.wasm\n  Content-Type: application/wasm\n`;
writeFileSync(join(dist, "_headers"), entetes);

const liste = [...fichiers(dist)]
  .map((p) => relative(dist, p).split("\\").join("/"))
  .filter((p) => p !== "sw.js" && p !== "_headers");
const version = createHash("sha256");
for (const p of liste) version.update(p).update(readFileSync(join(dist, p)));
const urls = ["./", ...liste.filter((p) => p !== "index.html").map((p) => `./${p}`)];
const sw = readFileSync(new URL("static/sw.js", racine), "utf8")
  .replace("__VERSION__", version.digest("hex").slice(0, 16))
  .replace("__FICHIERS__", JSON.stringify(urls, null, 2));
writeFileSync(join(dist, "sw.js"), sw);
console.log(`apres-construction: first screen ${premierEcran.length} B; CSP with ${hashes.length} script hash(es); sw.js caches ${urls.length} files`);
