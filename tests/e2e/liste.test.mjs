// The list page: paste, a Windows-1252 file with ';', picking columns, the download re-read,
// the limits, and accessibility. Nothing leaves the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { servir, lancer, page, axe, violationsCsp } from "./outils.mjs";

let serveur, navigateur;
before(async () => { serveur = await servir(); navigateur = await lancer(); });
after(async () => { await navigateur?.close(); await serveur?.fermer(); });

async function ouvrirListe() {
  const { contexte, p } = await page(navigateur, { acceptDownloads: true });
  await p.goto(serveur.url + "?vue=liste");
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
  assert.equal(lignes[0], "Nom;Numéro;Rue;Code postal;Ville;Remarque;adresse_trouvee;precision;iris;iris_nom;decision;equipe;zone;a_revoir");
  assert.ok(texte.includes("Élève A;6;place de la France Libre;21000;Dijon;\"'=HYPERLINK(\"\"x\"\")\";6 Place de la France Libre, 21000 Dijon;numero;212312002;"), texte);
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
