// End-to-end journeys of the check page in Debian's headless Chromium at phone size, against
// the built site served on 127.0.0.1. No sleeps: every wait is on a state of the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { servir, lancer, page, axe, violationsCsp, ARTEFACTS, premiereSuggestion } from "./outils.mjs";

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

async function ouvrir(options = {}, chemin = "") {
  const { contexte, p } = await page(navigateur, options);
  await p.goto(serveur.url + chemin);
  await p.waitForSelector("#adresse");
  return { contexte, p };
}

async function sansViolation(p, etat) {
  const v = await axe(p);
  assert.deepEqual(v, [], `axe-core violations (${etat}): ${JSON.stringify(v, null, 1)}`);
}

/** Types an address, waits for the suggestions, takes the first with Enter. */
async function chercher(p, texte) {
  await p.fill("#adresse", texte);
  await premiereSuggestion(p);
  await p.keyboard.press("Enter");
  return p.waitForSelector(".reponse");
}

/** The contrast ratio of two CSS rgb() colours (WCAG's relative luminance). */
function contraste(a, b) {
  const lum = (c) => {
    const [r, g, v] = c.match(/[\d.]+/g).slice(0, 3).map((x) => {
      const s = Number(x) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * v;
  };
  const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m);
  return (x + 0.05) / (y + 0.05);
}

async function decision(p) {
  return p.getAttribute(".reponse", "data-decision");
}

function seulementNotreOrigine(p) {
  const autres = p.requetes.filter((u) => !u.startsWith(serveur.url) && !u.startsWith("data:") && !u.startsWith("blob:"));
  assert.deepEqual(autres, [], "requests to another origin");
}

test("first screen: the programme, what stays on the device, the sources", async () => {
  const { contexte, p } = await ouvrir();
  assert.match(await p.textContent("h1"), /accompagné/);
  // The age hint says the programme's ages (2–16), not the field's bounds (0–20).
  await p.waitForFunction(() => document.querySelector("#age-aide")?.textContent === "En années. Le programme accompagne les enfants de 2 à 16 ans.");
  assert.match(await p.textContent(".confidentialite"), /Tout reste sur votre appareil/);
  const sources = await p.textContent(".sources");
  assert.match(sources, /IGN – INSEE, Contours…IRIS® 2020, Licence Ouverte 2\.0/);
  // Each dataset as PROVENANCE.md records it: the addresses are Dijon Métropole's shops in the
  // BAN layout (licence not stated), not the Base Adresse Nationale; FANTOIR 2015 names the streets.
  assert.match(sources, /Adresses des commerces de Dijon \(Dijon Métropole\), au format de la Base Adresse Nationale/);
  assert.match(sources, /licence non précisée, données de démonstration/);
  assert.match(sources, /DGFiP, FANTOIR \(novembre 2015\)/);
  assert.doesNotMatch(sources, /Base Adresse Nationale, Licence Ouverte/);
  assert.match(await p.textContent(".programme"), /Accompagnement individualisé des enfants en difficulté — les PEP 21/);
  assert.equal(await p.getAttribute("html", "lang"), "fr");
  await sansViolation(p, "first screen");
  assert.deepEqual(p.erreurs, []);
  await contexte.close();
});

const CAS = [
  { nom: "eligible north", saisie: "6 place de la france libre", decision: "eligible", texte: /équipe nord/ },
  { nom: "eligible south, typo and abbreviation", saisie: "2 av du mont blnc", decision: "eligible", texte: /équipe sud/ },
  { nom: "Grésilles", saisie: "13 impasse de reggio", decision: "zone_prioritaire", texte: /Grésilles/, contacts: 1 },
  { nom: "Fontaine d'Ouche", saisie: "30 pl de la fontaine d'ouche", decision: "zone_prioritaire", texte: /Fontaine d’Ouche|Fontaine d'Ouche/ },
  { nom: "outside the territories", saisie: "7 rue victor dumay", decision: "hors_territoire", texte: /pas dans les quartiers/ },
  { nom: "partial IRIS: to be confirmed", saisie: "1 place de la republique", decision: "a_confirmer", texte: /vérifier/ },
];

for (const c of CAS) {
  test(`answer: ${c.nom}`, async () => {
    const { contexte, p } = await ouvrir();
    const t0 = await p.evaluate(() => performance.now());
    await chercher(p, c.saisie);
    const t1 = await p.evaluate(() => performance.now());
    console.log(`# ${c.nom}: answer ${Math.round(t1 - t0)} ms after typing; page load to answer ${Math.round(t1)} ms`);
    assert.equal(await decision(p), c.decision);
    assert.match(await p.textContent(".reponse"), c.texte);
    // Focus moved to the answer; the link holds the state.
    assert.equal(await p.evaluate(() => document.activeElement?.id), "titre-reponse");
    assert.match(p.url(), /adresse=/);
    // The contact is given once (the priority zones' answer gave it twice).
    const contacts = (await p.$$(".reponse .contact")).length;
    assert.ok(contacts <= 1, "one contact");
    if (c.contacts !== undefined) assert.equal(contacts, c.contacts);
    await p.click(".reponse details summary");
    await sansViolation(p, c.nom);
    await p.screenshot({ path: join(ARTEFACTS, `reponse-${c.decision}-${c.nom.replace(/\W+/g, "-")}.png`), fullPage: true });
    seulementNotreOrigine(p);
    assert.deepEqual(await violationsCsp(p), [], "CSP violations");
    assert.deepEqual(p.erreurs, []);
    await contexte.close();
  });
}

test("the link keeps the answer across a reload, and the back button returns", async () => {
  const { contexte, p } = await ouvrir();
  await chercher(p, "6 place de la france libre");
  await p.fill("#age", "7");
  await p.waitForFunction(() => location.search.includes("age=7"));
  await p.reload();
  await p.waitForSelector(".reponse[data-decision=eligible]");
  assert.equal(await p.inputValue("#age"), "7");
  await chercher(p, "7 rue victor dumay");
  assert.equal(await decision(p), "hors_territoire");
  await p.goBack();
  await p.waitForSelector(".reponse[data-decision=eligible]");
  await contexte.close();
});

test("after an answer, every age 0–20 typed key by key keeps its digits, the focus and the right answer", async () => {
  const { contexte, p } = await ouvrir();
  await chercher(p, "6 place de la france libre");
  assert.equal(await p.evaluate(() => document.activeElement?.id), "titre-reponse", "picking an address moves the focus to the answer");
  for (let age = 0; age <= 20; age++) {
    await p.focus("#age");
    await p.keyboard.press("Control+A");
    await p.keyboard.press("Backspace");
    await p.keyboard.type(String(age)); // one key at a time
    const attendu = age < 2 || age > 16 ? "hors_age" : "eligible";
    await p.waitForSelector(`.reponse[data-decision=${attendu}]`);
    assert.equal(await p.inputValue("#age"), String(age), `age ${age}: the field keeps every digit`);
    assert.equal(await p.evaluate(() => document.activeElement?.id), "age", `age ${age}: the focus stays in the field`);
    await p.waitForFunction((a) => new URLSearchParams(location.search).get("age") === a, String(age));
  }
  await contexte.close();
});

test("an age typed in Arabic-Indic digits (« ٥ ») reads as a number", async () => {
  const { contexte, p } = await ouvrir({}, "?langue=ar");
  // The page arrives in French from the HTML; the App then applies the linked language.
  await p.waitForFunction(() => document.documentElement.lang === "ar");
  await chercher(p, "6 place de la france libre");
  await p.focus("#age");
  await p.keyboard.type("١٧");
  await p.waitForSelector(".reponse[data-decision=hors_age]");
  await p.fill("#age", "٥");
  await p.waitForSelector(".reponse[data-decision=eligible]");
  assert.equal(await p.getAttribute("#age", "aria-invalid"), "false");
  await p.waitForFunction(() => new URLSearchParams(location.search).get("age") === "5");
  await contexte.close();
});

test("age outside 2–16 answers first", async () => {
  const { contexte, p } = await ouvrir();
  await chercher(p, "6 place de la france libre");
  await p.fill("#age", "17");
  await p.waitForSelector(".reponse[data-decision=hors_age]");
  await p.fill("#age", "douze");
  await p.waitForSelector("#age-erreur");
  assert.equal(await p.getAttribute("#age", "aria-invalid"), "true");
  await sansViolation(p, "age error");
  await contexte.close();
});

test("address absent from the data → my location (emulated) → answer", async () => {
  const { contexte, p } = await ouvrir({
    permissions: ["geolocation"],
    geolocation: { longitude: 5.079116, latitude: 47.298195, accuracy: 12 },
  });
  await p.fill("#adresse", "999 rue qui nexiste pas du tout");
  await p.waitForFunction(() => document.querySelector("[role=status][aria-live]")?.textContent.includes("Aucune"));
  await p.click(".alternatives summary");
  await p.click("text=Utiliser ma position");
  await p.waitForSelector(".reponse[data-decision=eligible]");
  assert.match(await p.textContent(".message-position"), /12 m/);
  assert.match(p.url(), /lon=5\.079116/);
  await sansViolation(p, "location answer");
  seulementNotreOrigine(p);
  await contexte.close();
});

test("an address that matches nothing: Enter says so on screen and offers the ways on, right there", async () => {
  const { contexte, p } = await ouvrir({
    permissions: ["geolocation"],
    geolocation: { longitude: 5.079116, latitude: 47.298195, accuracy: 12 },
  });
  // (« 12 rue des Marmuzots », the example, is now a street known without positions.)
  await p.focus("#adresse");
  await p.keyboard.type("12 rue qui nexiste pas");
  // While typing: « no address matches » is shown under the field, not only said.
  await p.waitForSelector("#adresse-statut.aucune-suggestion");
  assert.ok(await p.isVisible("#adresse-statut"), "the « no match » line is visible");
  await p.keyboard.press("Enter");
  const bloc = await p.waitForSelector("#introuvable");
  assert.ok(await bloc.isVisible());
  assert.match(await bloc.textContent(), /Aucune adresse de nos données ne correspond à «\u00a0\u206812 rue qui nexiste pas\u2069\u00a0»/);
  assert.equal(await p.getAttribute("#introuvable .titre", "role"), "alert");
  const boutons = await p.$$eval("#introuvable button", (l) => l.map((b) => b.textContent));
  assert.deepEqual(boutons, ["Utiliser ma position", "Choisir le lieu sur la carte", "Chercher avec le service national des adresses"]);
  // « Mon adresse n’est pas dans la liste » is open with them.
  assert.equal(await p.evaluate(() => document.querySelector("details.alternatives").open), true);
  assert.equal(await p.evaluate(() => document.activeElement?.id), "adresse", "the field keeps the focus (to correct a typo)");
  await sansViolation(p, "not found");
  await p.screenshot({ path: join(ARTEFACTS, "introuvable.png"), fullPage: true });
  // Keyboard only: Tab reaches the ways on; the map takes the focus.
  await p.keyboard.press("Tab");
  assert.equal(await p.evaluate(() => document.activeElement?.textContent), "Utiliser ma position");
  await p.keyboard.press("Tab");
  await p.keyboard.press("Enter");
  await p.waitForSelector("svg.plan");
  assert.equal(await p.evaluate(() => document.activeElement?.id), "alternative-carte");
  // The national service: the focus goes to what would be sent, nothing is sent yet.
  await p.click("#introuvable >> text=Chercher avec le service national des adresses");
  assert.equal(await p.evaluate(() => document.activeElement?.id), "alternative-en-ligne");
  assert.deepEqual(p.requetes.filter((u) => !u.startsWith(serveur.url)), [], "nothing sent before the user asks");
  // The position: the answer, and the message goes.
  await p.click("#introuvable >> text=Utiliser ma position");
  await p.waitForSelector(".reponse[data-decision=eligible]");
  assert.equal(await p.$("#introuvable"), null);
  assert.equal(await p.evaluate(() => document.activeElement?.id), "titre-reponse");
  // Typing again clears the message.
  await p.fill("#adresse", "12 rue qui nexiste pas");
  await p.keyboard.press("Enter");
  await p.waitForSelector("#introuvable");
  await p.keyboard.type(" bis");
  await p.waitForSelector("#introuvable", { state: "detached" });
  await contexte.close();
});

test("location refused gets a message", async () => {
  const { contexte, p } = await ouvrir({ permissions: [] });
  await p.click(".alternatives summary");
  await p.click("text=Utiliser ma position");
  await p.waitForFunction(() => /autorisé/.test(document.querySelector(".message-position")?.textContent ?? ""));
  await contexte.close();
});

test("a tap on the map sets a point, then confirm gives the answer", async () => {
  const { contexte, p } = await ouvrir();
  await p.click(".alternatives summary");
  const carte = await p.waitForSelector("svg.plan");
  await sansViolation(p, "map");
  const b = await carte.boundingBox();
  await carte.click({ position: { x: b.width * 0.5, y: b.height * 0.5 } });
  await p.click("text=Vérifier ce lieu");
  await p.waitForSelector(".reponse");
  assert.match(p.url(), /lon=/);
  // Drag to pan (a gesture), then zoom and pan by buttons (the alternative to dragging).
  await carte.scrollIntoViewIfNeeded();
  const v = await carte.boundingBox();
  const avant = await p.getAttribute("svg.plan", "viewBox");
  await p.mouse.move(v.x + v.width / 2, v.y + v.height / 2);
  await p.mouse.down();
  await p.mouse.move(v.x + v.width / 2 + 80, v.y + v.height / 2 + 20, { steps: 5 });
  await p.mouse.up();
  await p.waitForFunction((a) => document.querySelector("svg.plan").getAttribute("viewBox") !== a, avant);
  assert.equal(await p.$("text=Vérifier ce lieu"), null, "a drag places no point");
  const vb = await p.getAttribute("svg.plan", "viewBox");
  await p.click("button[aria-label=Zoomer]");
  await p.click("button[aria-label='Déplacer vers le nord']");
  assert.notEqual(await p.getAttribute("svg.plan", "viewBox"), vb);
  await p.screenshot({ path: join(ARTEFACTS, "carte.png"), fullPage: true });
  assert.deepEqual(await violationsCsp(p), [], "CSP violations");
  await contexte.close();
});

test("keyboard only: type, arrow down, Enter", async () => {
  const { contexte, p } = await ouvrir();
  await p.focus("#adresse");
  await p.keyboard.type("7 rue victor duma");
  await premiereSuggestion(p);
  await p.keyboard.press("ArrowDown");
  assert.equal(await p.getAttribute("#adresse", "aria-activedescendant"), "suggestion-0");
  assert.equal(await p.getAttribute("#suggestion-0", "aria-selected"), "true");
  // The highlighted suggestion is seen by its outline, at least 3:1 against the list's white.
  const style = await p.$eval("#suggestion-0", (e) => { const c = getComputedStyle(e); return [c.outlineStyle, Number.parseFloat(c.outlineWidth), c.outlineColor]; });
  assert.equal(style[0], "solid");
  assert.ok(style[1] >= 2, `outline ${style[1]} px`);
  assert.ok(contraste(style[2], "rgb(255, 255, 255)") >= 3, `outline ${style[2]}: ${contraste(style[2], "rgb(255, 255, 255)")}:1`);
  // Forced colours: it stays apart from the others (the system's highlight colours).
  await p.emulateMedia({ forcedColors: "active" });
  const fonds = await p.$$eval("#suggestions [role=option]", (l) => l.map((e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).outlineStyle]));
  assert.ok(fonds.length > 1, "several suggestions");
  assert.notEqual(fonds[0][0], fonds[1][0], "the highlighted suggestion has its own background in forced colours");
  assert.equal(fonds[0][1], "solid");
  assert.ok(contraste(fonds[0][0], fonds[1][0]) >= 3, `highlight ${fonds[0][0]} vs ${fonds[1][0]}`);
  await p.screenshot({ path: join(ARTEFACTS, "suggestion-couleurs-forcees.png") });
  await p.emulateMedia({ forcedColors: "none" });
  await p.keyboard.press("Enter");
  await p.waitForSelector(".reponse[data-decision=hors_territoire]");
  await p.keyboard.press("Tab");
  assert.ok(await p.evaluate(() => document.activeElement && document.activeElement !== document.body));
  await contexte.close();
});

for (const [code, attendu, dir, titre] of [["en", /Yes, your address/, "ltr", "Parcours — individual support for children, Dijon"], ["ar", /نعم/, "rtl", "Parcours — المرافقة الفردية للأطفال، ديجون"]]) {
  test(`language ${code}`, async () => {
    const { contexte, p } = await ouvrir();
    assert.equal(await p.title(), "Parcours — accompagnement individualisé des enfants, Dijon");
    await p.selectOption(".langue select", code);
    await p.waitForFunction((c) => document.documentElement.lang === c, code);
    assert.equal(await p.getAttribute("html", "dir"), dir);
    // The page's title follows the language.
    assert.equal(await p.title(), titre);
    await chercher(p, "6 place de la france libre");
    assert.match(await p.textContent(".reponse"), attendu);
    assert.match(p.url(), new RegExp(`langue=${code}`));
    await sansViolation(p, `language ${code}`);
    await p.screenshot({ path: join(ARTEFACTS, `langue-${code}.png`), fullPage: true });
    // The choice persists on this device.
    await p.goto(serveur.url);
    // The page comes in French (its HTML), then the App applies the language kept.
    await p.waitForFunction((c) => document.documentElement.lang === c, code);
    assert.equal(await p.getAttribute("html", "dir"), dir);
    await contexte.close();
  });
}

test("assets that fail to load give a clear error, never a blank page", async () => {
  for (const [chemin, reponse, motif] of [
    ["/assets/carte.bin", { status: 404, body: "not found" }, /HTTP 404/],
    ["/assets/adresses.bin", { status: 200, body: Buffer.from("PRCS\x02\x04\x00\x05\x00\x00\x00\x00\x00\x00\x00hello") }, /checksum/],
    ["/assets/textes-fr.bin", { status: 404, body: "not found" }, /textes-fr\.bin: HTTP 404/],
  ]) {
    const s = await servir(undefined, (url) => (url.pathname === chemin ? reponse : null));
    const { contexte, p } = await page(navigateur);
    await p.goto(s.url);
    await p.waitForSelector(".erreur[role=alert]");
    assert.match(await p.textContent(".erreur"), motif);
    assert.match(await p.textContent(".erreur"), /n’ont pas pu être chargées/);
    await sansViolation(p, `error ${chemin}`);
    await contexte.close();
    await s.fermer();
  }
});

test("a language whose messages cannot be loaded: the page stays as it is and says so", async () => {
  const s = await servir(undefined, (url) => (url.pathname === "/assets/textes-en.bin" ? { status: 404, body: "not found" } : null));
  const { contexte, p } = await page(navigateur);
  await p.goto(s.url);
  await p.waitForSelector("#adresse");
  await p.selectOption(".langue select", "en");
  await p.waitForSelector(".erreur-langue[role=alert]");
  assert.match(await p.textContent(".erreur-langue"), /Cette langue n’a pas pu être chargée/);
  assert.equal(await p.getAttribute("html", "lang"), "fr");
  assert.equal(await p.inputValue(".langue select"), "fr");
  assert.match(await p.textContent("h1"), /Votre enfant/);
  await sansViolation(p, "language unavailable");
  // Another language still works, and the message goes.
  await p.selectOption(".langue select", "ar");
  await p.waitForFunction(() => document.documentElement.lang === "ar");
  assert.equal(await p.locator(".erreur-langue").count(), 0);
  await contexte.close();
  await s.fermer();
});

test("online search only when asked: one request to the national service, with the typed text", async () => {
  // A local stub answering in the service's GeoCodeJSON format; the browser's requests to the
  // configured endpoint are routed to it (nothing leaves this machine).
  const stub = await servir(undefined, (url) => ({
    status: 200,
    headers: { "content-type": "application/json", "access-control-allow-origin": "*" },
    body: JSON.stringify({
      type: "FeatureCollection", version: "draft", query: url.searchParams.get("q"),
      features: [{ type: "Feature", geometry: { type: "Point", coordinates: [5.079116, 47.298195] },
        properties: { label: "3 Rue Inconnue 21000 Dijon", score: 0.9, type: "housenumber", citycode: "21231" } }],
    }),
  }));
  const { contexte, p } = await ouvrir();
  const demandes = [];
  await p.route("https://data.geopf.fr/**", async (route) => {
    demandes.push(route.request().url());
    const u = new URL(route.request().url());
    route.fulfill({ response: await p.request.fetch(stub.url + "search" + u.search) });
  });
  await p.fill("#adresse", "3 rue inconnue");
  await p.waitForFunction(() => document.querySelector("[role=status][aria-live]")?.textContent.includes("Aucune"));
  await p.click(".alternatives summary");
  assert.match(await p.textContent(".en-ligne"), /sera envoyée au service national/);
  assert.deepEqual(demandes, [], "nothing sent before the user asks");
  await p.click("text=Envoyer l’adresse au service national");
  await p.click("text=3 Rue Inconnue 21000 Dijon");
  await p.waitForSelector(".reponse[data-decision=eligible]");
  assert.equal(demandes.length, 1);
  assert.equal(new URL(demandes[0]).searchParams.get("q"), "3 rue inconnue");
  assert.match(await p.textContent(".reponse .lieu"), /service national/);
  const autres = p.requetes.filter((u) => !u.startsWith(serveur.url) && !u.startsWith("https://data.geopf.fr/"));
  assert.deepEqual(autres, []);
  await sansViolation(p, "online search");
  assert.deepEqual(await violationsCsp(p), [], "CSP violations");
  await contexte.close();
  await stub.fermer();
});
