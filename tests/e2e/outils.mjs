// Shared by the end-to-end tests: a static server for dist/ on 127.0.0.1, and Debian's
// Chromium driven by playwright-core (never a downloaded browser).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { join, extname, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { brotliCompressSync, constants } from "node:zlib";

export const RACINE = fileURLToPath(new URL("../../", import.meta.url));
export const DIST = process.env.PARCOURS_DIST ?? join(RACINE, "dist");
export const ARTEFACTS = join(RACINE, "tests/e2e/artifacts");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".bin": "application/octet-stream",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

const cache = new Map();
function compresser(fichier, corps) {
  if (!cache.has(fichier)) cache.set(fichier, brotliCompressSync(corps, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  return cache.get(fichier);
}

/** Serves `racine` on 127.0.0.1 (a free port); `surcharge(url)` may answer instead. */
export async function servir(racine = DIST, surcharge = null) {
  const serveur = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (surcharge) {
      const r = await surcharge(url, req);
      if (r) {
        res.writeHead(r.status ?? 200, r.headers ?? {});
        res.end(r.body ?? "");
        return;
      }
    }
    let chemin = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
    if (chemin.endsWith("/")) chemin += "index.html";
    const fichier = join(racine, chemin);
    try {
      if (!(await stat(fichier)).isFile()) throw new Error("not a file");
      let corps = await readFile(fichier);
      const entetes = { "content-type": TYPES[extname(fichier)] ?? "application/octet-stream", "cache-control": "no-cache" };
      // Compressed as a static host serves it (brotli when the browser accepts it).
      if (/\bbr\b/.test(req.headers["accept-encoding"] ?? "") && corps.length > 1024) {
        corps = compresser(fichier, corps);
        entetes["content-encoding"] = "br";
      }
      res.writeHead(200, entetes);
      res.end(corps);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise((ok) => serveur.listen(0, "127.0.0.1", ok));
  const { port } = serveur.address();
  return { url: `http://127.0.0.1:${port}/`, fermer: () => new Promise((ok) => serveur.close(ok)), port };
}

export const CHROMIUM_ARGS = [
  "--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run",
];

export async function lancer() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** A phone-sized page that records every request and console error. */
export async function page(navigateur, options = {}) {
  const contexte = await navigateur.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "fr-FR",
    ...options,
  });
  const p = await contexte.newPage();
  // Every Content-Security-Policy violation the page reports.
  await p.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  p.requetes = [];
  p.erreurs = [];
  p.on("request", (r) => p.requetes.push(r.url()));
  p.on("pageerror", (e) => p.erreurs.push(String(e)));
  p.on("console", (m) => { if (m.type() === "error") p.erreurs.push(m.text()); });
  return { contexte, p };
}

/** Runs axe-core in the page; returns the violations. */
export async function axe(p) {
  const source = await readFile(join(RACINE, "node_modules/axe-core/axe.min.js"), "utf8");
  await p.evaluate(source);
  return p.evaluate(async () => {
    // WCAG 2.1 A and AA, and every landmark named apart (two regions of one name cannot be
    // told apart in a screen reader's list of regions).
    const r = await globalThis.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      rules: { "landmark-unique": { enabled: true } },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, cibles: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  });
}

/** The CSP violations reported since the page loaded. */
export async function violationsCsp(p) {
  return p.evaluate(() => window.__csp ?? []);
}

/**
 * Waits until `f` (evaluated in the page, possibly async) returns a truthy value, and returns it.
 * `page.waitForFunction` does not await a promise: an async predicate would pass at once.
 */
export async function jusqua(p, f, arg, delaiMs = 10000) {
  const fin = Date.now() + delaiMs;
  for (;;) {
    const v = await p.evaluate(f, arg);
    if (v) return v;
    if (Date.now() > fin) throw new Error(`not true within ${delaiMs} ms: ${f}`);
    await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  }
}

/**
 * Waits for the first suggestion under the address field and returns it. When none comes, the
 * error says what the page held: the field's text, where the focus was, the list's state, the
 * page's errors (a failure once seen in CI and never reproduced since).
 */
export async function premiereSuggestion(p) {
  try {
    return await p.waitForSelector("#suggestions [role=option]");
  } catch (e) {
    const etat = await p.evaluate(() => ({
      champs: [...document.querySelectorAll("#adresse")].map((c) => c.value),
      focus: document.activeElement?.id || document.activeElement?.tagName,
      liste: document.querySelector("#suggestions")?.className ?? null,
      statut: document.querySelector("#adresse-statut")?.textContent ?? null,
      lang: document.documentElement.lang,
    })).catch((x) => String(x));
    throw new Error(`${e.message}\npage: ${JSON.stringify(etat)}\nerrors: ${JSON.stringify(p.erreurs)}`);
  }
}
