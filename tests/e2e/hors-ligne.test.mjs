// Offline and installable: the service worker keeps the shell and the data; a new deployment
// is offered to the user and the old caches go. The Content-Security-Policy holds.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { servir, lancer, page, violationsCsp, DIST, jusqua, premiereSuggestion } from "./outils.mjs";

let navigateur;
before(async () => { navigateur = await lancer(); });
after(async () => { await navigateur?.close(); });

/** A first visit, then a reload: the page is now controlled by the service worker. */
async function premiereVisite(p, url) {
  await p.goto(url);
  await p.waitForSelector("#adresse");
  await p.evaluate(() => navigator.serviceWorker.ready);
  // The first visit's page is not controlled yet: a reload is, as on any second visit.
  await p.reload();
  await p.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined);
}

test("after a first visit, a full check works offline", async () => {
  const s = await servir();
  const { contexte, p } = await page(navigateur);
  await premiereVisite(p, s.url);
  await contexte.setOffline(true);
  await p.goto(s.url + "?langue=en");
  await p.waitForSelector("#adresse");
  await p.fill("#adresse", "2 av du mont blanc");
  await premiereSuggestion(p);
  await p.keyboard.press("Enter");
  await p.waitForSelector(".reponse[data-decision=eligible]");
  assert.deepEqual(await violationsCsp(p), []);
  await contexte.close();
  await s.fermer();
});

test("a new deployment is offered, then replaces the old caches", async () => {
  let version = "A";
  const sw = await readFile(join(DIST, "sw.js"), "utf8");
  // The same site, its service worker changed by a new deployment (another version string).
  const s = await servir(undefined, (url) =>
    url.pathname === "/sw.js"
      ? { status: 200, headers: { "content-type": "text/javascript", "cache-control": "no-store" }, body: sw.replace(/const VERSION = "([^"]*)"/, `const VERSION = "$1${version}"`) }
      : null);
  const { contexte, p } = await page(navigateur);
  await premiereVisite(p, s.url);
  const avant = await p.evaluate(() => caches.keys());
  assert.equal(avant.length, 1);
  version = "B";
  await p.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await p.waitForSelector(".mise-a-jour");
  assert.match(await p.textContent(".mise-a-jour"), /nouvelle version/);
  await Promise.all([p.waitForNavigation(), p.click(".mise-a-jour button")]);
  await p.waitForSelector("#adresse");
  await jusqua(p, async (a) => {
    const k = await caches.keys();
    return k.length === 1 && k[0] !== a;
  }, avant[0]);
  await contexte.close();
  await s.fermer();
});

test("the page declares a strict Content-Security-Policy, and a _headers file carries it", async () => {
  const html = await readFile(join(DIST, "index.html"), "utf8");
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(csp, "CSP meta tag");
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[^']+'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  assert.match(csp, /object-src 'none'/);
  assert.match(csp, /base-uri 'none'/);
  assert.doesNotMatch(html, /\son[a-z]+=/i, "no inline event handler");
  const entetes = await readFile(join(DIST, "_headers"), "utf8");
  assert.match(entetes, /frame-ancestors 'none'/);
  const manifeste = JSON.parse(await readFile(join(DIST, "manifest.webmanifest"), "utf8"));
  assert.ok(manifeste.icons.some((i) => i.sizes === "512x512"));
});
