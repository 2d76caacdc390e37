// Streets the data knows by name only, and doubtful matches (issue 13): the app never answers
// for another street than the one typed. Debian's headless Chromium at phone size, against the
// built site served on 127.0.0.1; no sleeps.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { servir, lancer, page, axe, ARTEFACTS, premiereSuggestion } from "./outils.mjs";

let serveur, navigateur;
before(async () => {
  await mkdir(ARTEFACTS, { recursive: true });
  serveur = await servir();
  navigateur = await lancer();
});
after(async () => {
  await navigateur?.close();
  await serveur?.fermer();
});

// The page's own field: the address field, or on the list page its paste box (the static
// first screen's address field is gone once the App has taken the list page over).
async function ouvrir(options = {}, chemin = "", champ = "#adresse") {
  const { contexte, p } = await page(navigateur, options);
  await p.goto(serveur.url + chemin);
  await p.waitForSelector(champ);
  return { contexte, p };
}

async function sansViolation(p, etat) {
  const v = await axe(p);
  assert.deepEqual(v, [], `axe-core violations (${etat}): ${JSON.stringify(v, null, 1)}`);
}

// A street of FANTOIR that the address file lacks, and a name that matches no street.
const NON_LOCALISEE = "4 avenue Edouard Belin";
const DOUTEUSE = "12 rue Victor Bidule";

test("a street known without positions: said in the suggestions, an honest card, then the location answers", async () => {
  const { contexte, p } = await ouvrir({
    permissions: ["geolocation"],
    geolocation: { longitude: 5.079116, latitude: 47.298195, accuracy: 12 },
  });
  await p.fill("#adresse", NON_LOCALISEE);
  const premiere = await premiereSuggestion(p);
  assert.match(await premiere.textContent(), /Avenue Edouard Belin.*emplacement non connu/);
  await sansViolation(p, "suggestions with a street not placed");
  await p.keyboard.press("Enter");
  const carte = await p.waitForSelector(".reponse[data-decision=adresse_non_localisee]");
  assert.match(await carte.textContent(), /Nous connaissons cette rue, mais pas l’emplacement de ses numéros/);
  // Never a yes or a no, and no request from it.
  assert.equal(await p.$(".reponse >> text=Faire une demande"), null);
  await sansViolation(p, "card of a street not placed");
  await p.screenshot({ path: join(ARTEFACTS, "non-localisee.png"), fullPage: true });
  // The ways on, right in the card: the location gives the answer.
  await p.click(".reponse >> text=Utiliser ma position");
  await p.waitForSelector(".reponse[data-decision=eligible]");
  await contexte.close();
});

test("one name under two street types: the first suggestion says so, and Enter alone only highlights it", async () => {
  const { contexte, p } = await ouvrir();
  await p.focus("#adresse");
  // Rue d'Ahuy and Route d'Ahuy: « ahuy » does not say which.
  await p.keyboard.type("ahuy");
  const premiere = await premiereSuggestion(p);
  assert.match(await premiere.textContent(), /Plusieurs voies portent ce nom\u00a0: choisissez la vôtre dans la liste\./);
  assert.match(await p.textContent("#adresse-statut"), /Plusieurs voies portent ce nom/);
  await p.keyboard.press("Enter");
  await p.waitForSelector("#suggestions [role=option][aria-selected=true]");
  assert.equal(await p.$(".reponse"), null, "Enter alone gave no answer");
  await sansViolation(p, "suggestions of one name under two types");
  await p.screenshot({ path: join(ARTEFACTS, "homonymes.png"), fullPage: true });
  // Picked on purpose (the second street), it is answered for that street.
  await p.keyboard.press("ArrowDown");
  await p.keyboard.press("Enter");
  await p.waitForSelector(".reponse");
  assert.match(await p.inputValue("#adresse"), /d'Ahuy/);
  await contexte.close();
});

test("a doubtful match is offered as « Vouliez-vous dire … ? », and Enter does not pick it", async () => {
  const { contexte, p } = await ouvrir();
  await p.focus("#adresse");
  await p.keyboard.type(DOUTEUSE);
  const premiere = await premiereSuggestion(p);
  assert.match(await premiere.textContent(), /^Vouliez-vous dire .*\u202F\?$/);
  await p.keyboard.press("Enter");
  // No answer: the first entry is highlighted instead, for the user to decide.
  await p.waitForSelector("#suggestions [role=option][aria-selected=true]");
  assert.equal(await p.$(".reponse"), null, "Enter alone gave no answer");
  await sansViolation(p, "doubtful suggestions");
  // Picked on purpose, the answer still does not decide for another street.
  await p.keyboard.press("Enter");
  const carte = await p.waitForSelector(".reponse[data-decision=adresse_incertaine]");
  assert.match(await carte.textContent(), /Adresse incertaine\u00a0: vouliez-vous dire/);
  assert.match(await carte.textContent(), /«\u00a0bidule\u00a0»/);
  await sansViolation(p, "card of a doubtful match");
  await p.screenshot({ path: join(ARTEFACTS, "incertaine.png"), fullPage: true });
  await contexte.close();
});

for (const [code, titre, libelle] of [
  ["en", /We know this street, but not where its numbers are/, /location not known/],
  ["ar", /نعرف هذا الشارع، لكن لا نعرف مواقع أرقامه/, /الموقع غير معروف/],
]) {
  test(`a street known without positions, in ${code}`, async () => {
    const { contexte, p } = await ouvrir();
    await p.selectOption(".langue select", code);
    await p.waitForFunction((c) => document.documentElement.lang === c, code);
    await p.fill("#adresse", NON_LOCALISEE);
    const premiere = await premiereSuggestion(p);
    assert.match(await premiere.textContent(), libelle);
    await p.keyboard.press("Enter");
    const carte = await p.waitForSelector(".reponse[data-decision=adresse_non_localisee]");
    assert.match(await carte.textContent(), titre);
    await sansViolation(p, `card in ${code}`);
    await contexte.close();
  });
}

test("the list page flags both kinds for review, with the reason in words", async () => {
  const { contexte, p } = await ouvrir({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false }, "?vue=liste", "#colle");
  await p.fill("#colle", `${NON_LOCALISEE}\n${DOUTEUSE}\n12 rue d'Auxonne\nahuy`);
  await p.click("text=Vérifier les adresses");
  await p.waitForSelector("tr[data-decision=adresse_incertaine]");
  const ligne = (d) => p.textContent(`tr[data-decision=${d}]`);
  assert.match(await ligne("adresse_non_localisee"), /rue connue, numéros non localisés/i);
  assert.match(await ligne("adresse_incertaine"), /adresse incertaine\u00a0: vouliez-vous dire/i);
  // « ahuy »: Rue or Route d'Ahuy, answered otherwise — the row names the other one.
  const ahuy = await p.textContent("tr[data-decision=adresse_incertaine]:has-text('ahuy')");
  assert.match(ahuy, /La voie «\u00a0\u2068Route d'Ahuy\u2069\u00a0» porte aussi ce nom/);
  for (const d of ["adresse_non_localisee", "adresse_incertaine"]) {
    assert.match(await p.getAttribute(`tr[data-decision=${d}]`, "class"), /a-revoir/);
  }
  await sansViolation(p, "list with both kinds");
  await contexte.close();
});
