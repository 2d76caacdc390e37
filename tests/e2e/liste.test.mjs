// The list page: paste, a Windows-1252 file with ';', picking columns, the download re-read,
// the limits, and accessibility. Nothing leaves the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { servir, lancer, page, axe, violationsCsp, ARTEFACTS, RACINE } from "./outils.mjs";

let serveur, navigateur;
before(async () => { serveur = await servir(); navigateur = await lancer(); });
after(async () => { await navigateur?.close(); await serveur?.fermer(); });

const ORDINATEUR = { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 };

async function ouvrirListe(options = {}, chemin = "?vue=liste") {
  const { contexte, p } = await page(navigateur, { acceptDownloads: true, ...options });
  await p.goto(serveur.url + chemin);
  await p.waitForSelector("#colle");
  return { contexte, p };
}

async function sansViolation(p, etat) {
  const v = await axe(p);
  assert.deepEqual(v, [], `axe-core violations (${etat}): ${JSON.stringify(v, null, 1)}`);
}

function windows1252(texte) {
  // The characters of these fixtures are all in Latin-1, which Windows-1252 extends.
  return Buffer.from([...texte].map((c) => { const n = c.charCodeAt(0); if (n > 255) throw new Error(c); return n; }));
}

test("paste addresses: each row checked, the rows to review first", async () => {
  const { contexte, p } = await ouvrirListe();
  await sansViolation(p, "empty list page");
  await p.fill("#colle", ["6 place de la France Libre", "7 rue Victor Dumay", "", "???", "13 impasse de Reggio", "zzz qqq www"].join("\n"));
  await p.click("text=Vérifier les adresses");
  const titre = await p.waitForSelector("#titre-resultats");
  assert.equal(await titre.getAttribute("data-lignes"), "6");
  const decisions = await p.$$eval("tbody tr", (l) => l.map((r) => r.dataset.decision));
  assert.deepEqual(decisions, ["vide", "illisible", "adresse_introuvable", "eligible", "hors_territoire", "zone_prioritaire"]);
  assert.match(await p.textContent("#titre-resultats"), /dont 3 à revoir/);
  await p.selectOption("#filtre", "eligible");
  assert.equal(await p.$$eval("tbody tr", (l) => l.length), 1);
  // « À revoir »: every row a person must look at, whatever its reason.
  await p.selectOption("#filtre", { label: "Toutes les lignes à revoir" });
  assert.deepEqual(await p.$$eval("tbody tr", (l) => l.map((r) => r.dataset.decision)), ["vide", "illisible", "adresse_introuvable"]);
  // The two regions of the results have names of their own.
  assert.notEqual(await p.getAttribute(".defilement", "aria-label"), null);
  assert.equal(await p.getAttribute(".defilement", "aria-labelledby"), null);
  await sansViolation(p, "results");
  assert.deepEqual(await violationsCsp(p), []);
  assert.deepEqual(p.requetes.filter((u) => !u.startsWith(serveur.url)), []);
  await contexte.close();
});

test("a Windows-1252 file with ';' and a header: pick the columns, download, re-read", async () => {
  const { contexte, p } = await ouvrirListe();
  const csv = [
    "Nom;Numéro;Rue;Code postal;Ville;Remarque",
    "Élève A;6;place de la France Libre;21000;Dijon;=HYPERLINK(\"x\")",
    "Élève B;7;rue Victor Dumay;21000;Dijon;\"deux\r\nlignes\"",
    "Élève C;1;place de la République;21000;Dijon;+33 6",
  ].join("\r\n") + "\r\n";
  await p.setInputFiles("#fichier", { name: "classe.csv", mimeType: "text/csv", buffer: windows1252(csv) });
  await p.waitForSelector("fieldset.colonnes");
  // The address columns are ticked from the header: Numéro, Rue, Code postal, Ville.
  const coches = await p.$$eval("fieldset.colonnes input", (l) => l.map((i) => i.checked));
  assert.deepEqual(coches, [false, true, true, true, true, false]);
  await p.click("text=Vérifier les adresses");
  await p.waitForSelector("#titre-resultats");
  assert.match(await p.textContent(".resultats"), /Windows-1252/);
  const decisions = await p.$$eval("tbody tr", (l) => l.map((r) => r.dataset.decision).sort());
  assert.deepEqual(decisions, ["a_confirmer", "eligible", "hors_territoire"]);
  const [telechargement] = await Promise.all([p.waitForEvent("download"), p.click("text=Télécharger les résultats")]);
  const octets = await readFile(await telechargement.path());
  assert.deepEqual([...octets.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM");
  const texte = octets.subarray(3).toString("utf8");
  const lignes = texte.split("\r\n");
  assert.equal(lignes[0], "ligne;Nom;Numéro;Rue;Code postal;Ville;Remarque;adresse_trouvee;precision;iris;iris_nom;decision;reponse;equipe;zone;a_revoir");
  assert.ok(texte.includes("2;Élève A;6;place de la France Libre;21000;Dijon;\"'=HYPERLINK(\"\"x\"\")\";6 Place de la France Libre, 21000 Dijon;numero;212312002;"), texte);
  // The file's order (the page shows the rows to review first), each row's line number, the
  // answer in words beside its code; the page says so.
  assert.deepEqual(lignes.slice(1).filter((l) => /^\d+;/.test(l)).map((l) => l.split(";")[0]), ["2", "3", "4"]);
  assert.ok(texte.includes(";eligible;Dans le programme;nord;"), texte);
  assert.match(await p.textContent("#ordre-export"), /suit l’ordre de votre liste, avec le numéro de chaque ligne et la réponse en toutes lettres/);
  assert.ok(texte.includes(";'+33 6;"), "formula-like cells neutralised");
  assert.ok(texte.includes("\"deux\r\nlignes\""), "line break kept inside quotes");
  await sansViolation(p, "file results");
  await contexte.close();
});

test("column choice changes what is checked", async () => {
  const { contexte, p } = await ouvrirListe();
  await p.fill("#colle", "id,adresse\n1,6 place de la France Libre\n2,7 rue Victor Dumay\n");
  await p.waitForSelector("fieldset.colonnes");
  assert.deepEqual(await p.$$eval("fieldset.colonnes input", (l) => l.map((i) => i.checked)), [false, true]);
  // Only the id column: nothing is an address.
  await p.click("fieldset.colonnes label:nth-of-type(2) input");
  await p.click("fieldset.colonnes label:nth-of-type(1) input");
  await p.click("text=Vérifier les adresses");
  await p.waitForSelector("#titre-resultats");
  assert.deepEqual(await p.$$eval("tbody tr", (l) => l.map((r) => r.dataset.decision)), ["illisible", "illisible"]);
  await contexte.close();
});

test("limits: too many lines is refused with the limit stated", async () => {
  const { contexte, p } = await ouvrirListe();
  const trop = Buffer.from("a\n".repeat(200_001));
  await p.setInputFiles("#fichier", { name: "trop.csv", mimeType: "text/csv", buffer: trop });
  await p.waitForSelector("[role=alert]");
  assert.match(await p.textContent("[role=alert]"), /200\u202F001 lignes.*200\u202F000 lignes/);
  await sansViolation(p, "limit");
  await contexte.close();
});

test("the header link switches pages, and the back button returns", async () => {
  const { contexte, p } = await page(navigateur);
  await p.goto(serveur.url);
  await p.waitForSelector("#adresse");
  await p.click("header nav a");
  await p.waitForSelector("#colle");
  assert.match(p.url(), /vue=liste/);
  await p.goBack();
  await p.waitForSelector("#adresse");
  await contexte.close();
});

/** 10,000 addresses of the evaluation set, one per line. */
function dixMille() {
  const requetes = readFileSync(join(RACINE, "../shared/eval/address-queries-dev.tsv"), "utf8")
    .split("\n").slice(1).filter(Boolean).map((l) => l.split("\t")[1]);
  return Array.from({ length: 10_000 }, (_, i) => requetes[i % requetes.length]).join("\n");
}

test("a real clipboard paste of 10,000 lines is ready to check in under a second; typing is not read key by key", async () => {
  const { contexte, p } = await ouvrirListe(ORDINATEUR);
  await contexte.grantPermissions(["clipboard-read", "clipboard-write"], { origin: serveur.url });
  const texte = dixMille();
  await p.evaluate((t) => navigator.clipboard.writeText(t), texte);
  // Timed in the page: from the paste event to the moment the rows are said to be ready.
  await p.evaluate(() => {
    window.__mesure = {};
    document.addEventListener("paste", () => { window.__mesure.colle = performance.now(); }, true);
    new MutationObserver(() => {
      if (document.querySelector("#liste-pretes")?.dataset.lignes && !window.__mesure.pret) window.__mesure.pret = performance.now();
    }).observe(document.body, { subtree: true, attributes: true, childList: true });
  });
  await p.focus("#colle");
  await p.keyboard.press("Control+V");
  await p.waitForSelector("#liste-pretes[data-lignes='10000']");
  const { colle, pret } = await p.evaluate(() => window.__mesure);
  const ms = pret - colle;
  console.log(`# paste of 10,000 lines: ready to check ${Math.round(ms)} ms after the paste event`);
  assert.ok(ms < 1000, `ready in ${ms} ms`);
  assert.equal(await p.textContent("#liste-pretes"), "10\u202f000 lignes prêtes à vérifier.");
  // The box holds the whole paste.
  await p.waitForFunction((n) => document.querySelector("#colle").value.length === n, texte.length);
  // Typing: each key is the browser's alone; the text is read once the user pauses.
  await p.keyboard.type("\n6 place de la France Libre");
  assert.equal(await p.getAttribute("#liste-pretes", "data-lignes"), "10000", "not read on each key");
  await p.waitForSelector("#liste-pretes[data-lignes='10001']");
  await p.click("text=Vérifier les adresses");
  await p.waitForSelector("#titre-resultats[data-lignes='10001']", { timeout: 60_000 });
  await contexte.close();
});

test("at 1280 px the table takes the width; a 5,000-character line wraps, never widens the page", async () => {
  for (const [options, nom] of [[ORDINATEUR, "1280"], [{}, "390"]]) {
    const { contexte, p } = await ouvrirListe(options);
    const longue = "x".repeat(5_000);
    await p.fill("#colle", ["6 place de la France Libre", longue, "7 rue Victor Dumay"].join("\n"));
    await p.click("text=Vérifier les adresses");
    await p.waitForSelector("#titre-resultats");
    const mesures = await p.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      fenetre: innerWidth,
      table: document.querySelector(".resultats table").getBoundingClientRect().width,
      equipe: document.querySelector(".resultats thead th:last-child").getBoundingClientRect().right,
    }));
    assert.ok(mesures.page <= mesures.fenetre, `${nom}: page ${mesures.page} px wide in a ${mesures.fenetre} px window`);
    if (nom === "1280") {
      assert.ok(mesures.table >= 1000, `the table is ${mesures.table} px wide at 1280 px`);
      assert.ok(mesures.equipe <= mesures.fenetre, "the « Équipe » column is in view");
    }
    await sansViolation(p, `long line ${nom}`);
    await p.screenshot({ path: join(ARTEFACTS, `liste-${nom}.png`), fullPage: true });
    await contexte.close();
  }
});

test("in Arabic: team names translated, the paste box follows what is typed, the title too", async () => {
  const { contexte, p } = await ouvrirListe(ORDINATEUR, "?vue=liste&langue=ar");
  assert.equal(await p.getAttribute("#colle", "dir"), "auto");
  assert.equal(await p.title(), "التحقق من قائمة عناوين — Parcours");
  await p.fill("#colle", ["6 place de la France Libre", "2 avenue du Mont Blanc", "13 impasse de Reggio"].join("\n"));
  await p.click("#liste-verifier");
  await p.waitForSelector("#titre-resultats");
  const equipes = await p.$$eval("tbody tr", (l) => l.map((r) => r.lastElementChild.textContent));
  assert.deepEqual(equipes.sort(), ["Grésilles", "الجنوب", "الشمال"].sort());
  await sansViolation(p, "arabic list");
  await p.screenshot({ path: join(ARTEFACTS, "liste-ar-1280.png"), fullPage: true });
  await contexte.close();
});
