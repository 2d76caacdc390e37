// The first screen comes with the HTML, and nothing waits for what it does not need: the App
// takes the static screen over without a visible change (typed text, focus and caret kept), a
// query typed before the address index is there is answered when it comes, the map answers
// without the index, and nothing moves on the way (layout shifts summed by a
// PerformanceObserver). Files are held back by the test server until the test releases them:
// no sleeps.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { mkdir } from "node:fs/promises";
import { servir, lancer, page, axe, violationsCsp, jusqua, ARTEFACTS, premiereSuggestion } from "./outils.mjs";

let navigateur;
before(async () => {
  await mkdir(ARTEFACTS, { recursive: true });
  navigateur = await lancer();
});
after(async () => { await navigateur?.close(); });

const ADRESSE = "6 place de la france libre";

/**
 * A server that holds back the files named until `lacher(nom)`; `demande(nom)` resolves when the
 * browser has asked for one.
 */
async function serveurRetenant(noms) {
  const attentes = new Map(noms.map((n) => {
    let lacher, demande;
    const lache = new Promise((r) => { lacher = r; });
    const demandee = new Promise((r) => { demande = r; });
    return [`/assets/${n}`, { lache, lacher, demandee, demande }];
  }));
  const s = await servir(undefined, async (url) => {
    const a = attentes.get(url.pathname);
    if (a) {
      a.demande();
      await a.lache;
    }
    return null; // then served as usual
  });
  return {
    ...s,
    lacher: (n) => attentes.get(`/assets/${n}`).lacher(),
    demande: (n) => attentes.get(`/assets/${n}`).demandee,
  };
}

/** Records every layout shift from the start (buffered), for `decalages(p)`. */
async function observerDecalages(p) {
  await p.addInitScript(() => {
    window.__decalages = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__decalages.push({ valeur: e.value, entree: e.hadRecentInput });
    }).observe({ type: "layout-shift", buffered: true });
  });
}

/** The layout shifts so far: all of them, and those not caused by the user (what CLS counts). */
async function decalages(p) {
  const d = await p.evaluate(() => window.__decalages);
  return {
    tous: d.reduce((t, e) => t + e.valeur, 0),
    sansEntree: d.filter((e) => !e.entree).reduce((t, e) => t + e.valeur, 0),
  };
}

async function sansViolation(p, etat) {
  const v = await axe(p);
  assert.deepEqual(v, [], `axe-core violations (${etat}): ${JSON.stringify(v, null, 1)}`);
}

test("the first screen is in the served HTML, before any script runs", async () => {
  const s = await servir();
  const html = await (await fetch(s.url)).text();
  // Its text, as the App writes it (French messages, French typography).
  for (const attendu of [
    "<h1>Votre enfant peut-il être accompagné\u202f?</h1>",
    "À Dijon, une équipe des PEP 21 accompagne les enfants de 2 à 16 ans en difficulté",
    "Tout reste sur votre appareil\u00a0: l’adresse que vous tapez n’est envoyée nulle part.",
    '<label for="adresse" id="adresse-etiquette">Adresse du domicile de l’enfant</label>',
    'id="adresse" type="text"',
    "Vérifier une liste d’adresses",
  ]) assert.ok(html.includes(attendu), `the HTML holds ${JSON.stringify(attendu)}`);
  // No script of its own: the only inline script is the loader, whose hash the CSP names.
  const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)];
  assert.equal(scripts.length, 1, "one inline script (Trunk's loader)");

  // Without JavaScript at all: the screen is there, readable, accessible.
  const { contexte, p } = await page(navigateur, { javaScriptEnabled: false });
  await p.goto(s.url);
  assert.match(await p.textContent("h1"), /Votre enfant peut-il être accompagné/);
  assert.match(await p.textContent(".confidentialite"), /Tout reste sur votre appareil/);
  assert.equal(await p.textContent("label[for=adresse]"), "Adresse du domicile de l’enfant");
  assert.ok(await p.isVisible("#adresse"));
  await p.screenshot({ path: join(ARTEFACTS, "premier-ecran-sans-script.png") });
  await contexte.close();
  await s.fermer();
});

test("the App takes the static screen over without a visible change", async () => {
  // The decisions' map held back too: only the takeover happens in between.
  const s = await serveurRetenant(["textes-fr.bin", "carte.bin"]);
  const { contexte, p } = await page(navigateur);
  await observerDecalages(p);
  await p.goto(s.url);
  await s.demande("carte.bin");
  await p.evaluate(() => { document.querySelector("h1").statique = true; });
  const avant = await p.screenshot();
  s.lacher("textes-fr.bin");
  // The App's screen replaces the static one (another h1 element)…
  await jusqua(p, () => document.querySelector("h1") && !document.querySelector("h1").statique);
  await jusqua(p, () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
  // …and looks the same, to the pixel.
  const apres = await p.screenshot();
  assert.ok(avant.equals(apres), "the screen changed when the App took over");
  assert.equal((await decalages(p)).tous, 0);
  s.lacher("carte.bin");
  await p.waitForSelector(".sources");
  assert.equal((await decalages(p)).tous, 0, "what comes below the field moved something");
  assert.deepEqual(p.erreurs, []);
  await contexte.close();
  await s.fermer();
});

test("typed in the static screen before the App and the index: text, focus and caret kept, answered when the index comes, nothing moves", async () => {
  const s = await serveurRetenant(["textes-fr.bin", "adresses.bin"]);
  const { contexte, p } = await page(navigateur);
  await observerDecalages(p);
  await p.goto(s.url);
  // The static screen: the user types at once, before the App is there.
  await p.focus("#adresse");
  await p.keyboard.type(ADRESSE);
  await p.keyboard.press("ArrowLeft");
  await p.keyboard.press("ArrowLeft");
  // Every file was asked for at once, the index among them.
  await s.demande("adresses.bin");
  await sansViolation(p, "static first screen");

  // The messages come: the App takes over, the address index still held back.
  s.lacher("textes-fr.bin");
  await p.waitForSelector(".suggestions.attente");
  assert.equal(await p.inputValue("#adresse"), ADRESSE);
  assert.deepEqual(
    await p.evaluate(() => [document.activeElement?.id, document.activeElement?.selectionStart, document.activeElement?.selectionEnd]),
    ["adresse", ADRESSE.length - 2, ADRESSE.length - 2],
  );
  assert.match(await p.textContent("[role=status][aria-live]"), /Chargement/);
  assert.equal(await p.locator("#suggestions [role=option]").count(), 0);
  // The decisions do not wait for the index: what is below the field is there.
  await p.waitForSelector(".alternatives summary");
  await p.waitForSelector(".sources");
  assert.deepEqual((await decalages(p)).tous, 0, "the takeover moved something");
  await sansViolation(p, "waiting for the address index");
  // Enter while waiting: taken once the index comes.
  await p.keyboard.press("Enter");

  s.lacher("adresses.bin");
  await p.waitForSelector(".reponse[data-decision=eligible]");
  assert.match(await p.inputValue("#adresse"), /6 Place de la France Libre/i);
  assert.equal((await decalages(p)).sansEntree, 0);
  assert.deepEqual(await violationsCsp(p), []);
  assert.deepEqual(p.erreurs, []);
  await contexte.close();
  await s.fermer();
});

test("a language picked on the static screen is applied once the App is there, the focus kept", async () => {
  const s = await serveurRetenant(["textes-fr.bin"]);
  const { contexte, p } = await page(navigateur);
  await p.goto(s.url);
  await p.focus(".langue select");
  await p.selectOption(".langue select", "en");
  s.lacher("textes-fr.bin");
  await p.waitForFunction(() => document.documentElement.lang === "en");
  assert.match(await p.textContent("h1"), /child/);
  assert.equal(await p.inputValue(".langue select"), "en");
  assert.ok(await p.evaluate(() => document.activeElement?.matches(".langue select")), "the focus stays on the language picker");
  await contexte.close();
  await s.fermer();
});

test("a query typed once the App is there but before the index is answered when it comes", async () => {
  const s = await serveurRetenant(["adresses.bin"]);
  const { contexte, p } = await page(navigateur);
  await p.goto(s.url);
  await p.waitForSelector(".sources");
  await p.fill("#adresse", "7 rue victor duma");
  await p.waitForSelector(".suggestions.attente");
  s.lacher("adresses.bin");
  await premiereSuggestion(p);
  assert.match(await p.textContent("#suggestion-0"), /7 Rue Victor Dumay/i);
  assert.equal(await p.locator(".suggestions.attente").count(), 0);
  await p.keyboard.press("Enter");
  await p.waitForSelector(".reponse[data-decision=hors_territoire]");
  await contexte.close();
  await s.fermer();
});

test("the map answers without the address index; the list page waits for what it uses", async () => {
  const s = await serveurRetenant(["adresses.bin"]);
  const { contexte, p } = await page(navigateur);
  await p.goto(s.url);
  await p.click(".alternatives summary");
  const carte = await p.waitForSelector("svg.plan");
  const b = await carte.boundingBox();
  await carte.click({ position: { x: b.width * 0.5, y: b.height * 0.5 } });
  await p.click("text=Vérifier ce lieu");
  await p.waitForSelector(".reponse");
  assert.match(p.url(), /lon=/);

  // The list page checks addresses: it shows its form once the index is here too.
  await p.goto(s.url + "?vue=liste");
  await p.waitForSelector(".chargement[role=status]");
  assert.equal(await p.locator("#colle").count(), 0);
  s.lacher("adresses.bin");
  await p.waitForSelector("#colle");
  await contexte.close();
  await s.fermer();
});

test("no layout shift in the journey: load, type, answer, the alternatives, the map", async () => {
  const s = await servir();
  const { contexte, p } = await page(navigateur);
  await observerDecalages(p);
  await p.goto(s.url);
  await p.waitForSelector(".sources");
  assert.equal((await decalages(p)).tous, 0, "the load moved something");
  await p.fill("#adresse", ADRESSE);
  await premiereSuggestion(p);
  await p.keyboard.press("Enter");
  await p.waitForSelector(".reponse[data-decision=eligible]");
  await p.click(".alternatives summary");
  await p.waitForSelector("svg.plan");
  await jusqua(p, () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
  const d = await decalages(p);
  console.log(`# layout shifts in the journey: ${d.tous.toFixed(4)} in all, ${d.sansEntree} not caused by the user`);
  assert.equal(d.sansEntree, 0);
  await sansViolation(p, "journey");
  await contexte.close();
  await s.fermer();
});
