// The map (issue 15, item 3 and the map of item 15): IRIS names, streets named when zoomed in,
// the chosen point where the finger was, the user's position, an SVG icon, patterns that tell
// the categories apart, a legend that stays visible in forced colours. Built site on 127.0.0.1,
// Debian's Chromium; no sleeps: every wait is on a state of the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { servir, lancer, page, axe, violationsCsp, ARTEFACTS, premiereSuggestion } from "./outils.mjs";
import { lirePng, luminance } from "./png.mjs";

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

const ORDINATEUR = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false };

/** Opens the page, then the map (« Mon adresse n'est pas dans la liste »). */
async function ouvrirCarte(options = {}, chemin = "") {
  const { contexte, p } = await page(navigateur, options);
  await p.goto(serveur.url + chemin);
  await p.waitForSelector("#adresse");
  await p.click(".alternatives summary");
  const carte = await p.waitForSelector("svg.plan");
  // Names are placed once the drawing's width is measured.
  await p.waitForSelector(".noms-iris text");
  return { contexte, p, carte };
}

async function sansViolation(p, etat) {
  const v = await axe(p);
  assert.deepEqual(v, [], `axe-core violations (${etat}): ${JSON.stringify(v, null, 1)}`);
}

/** The texts of a group of names, with their boxes on screen. */
function noms(p, selecteur) {
  return p.$$eval(selecteur, (ts) => ts.map((t) => {
    const r = t.getBoundingClientRect();
    return { texte: t.textContent, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom };
  }));
}

function sansChevauchement(boites) {
  for (let i = 0; i < boites.length; i++) {
    for (let j = i + 1; j < boites.length; j++) {
      const [a, b] = [boites[i], boites[j]];
      // Glyph boxes include the line's spacing: a pixel of slack.
      const commun = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 1 && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 1;
      assert.ok(!commun, `« ${a.texte} » covers « ${b.texte} »`);
    }
  }
}

async function zoomer(p, fois) {
  for (let i = 0; i < fois; i++) {
    const avant = await p.getAttribute("svg.plan", "viewBox");
    await p.click("button[aria-label=Zoomer]");
    await p.waitForFunction((a) => document.querySelector("svg.plan").getAttribute("viewBox") !== a, avant);
  }
}

for (const [taille, options] of [["390", {}], ["1280", ORDINATEUR]]) {
  test(`at ${taille} px the map names the IRIS, and zoomed in, the streets, none covering another`, async () => {
    const { contexte, p, carte } = await ouvrirCarte(options);
    const iris = await noms(p, ".noms-iris text");
    const textes = iris.map((n) => n.texte);
    assert.ok(iris.length >= 6, `IRIS names on the whole city: ${textes}`);
    // Names of the data's IRIS, each inside the drawing.
    const titres = await p.$$eval("path.iris title", (ts) => ts.map((t) => t.textContent));
    assert.equal(titres.length, 66);
    assert.ok(textes.every((t) => titres.includes(t)), `${textes}`);
    const b = await carte.boundingBox();
    assert.ok(iris.every((n) => n.x0 + n.x1 > 2 * b.x && n.x0 + n.x1 < 2 * (b.x + b.width)));
    sansChevauchement(iris);
    // The streets the addresses draw, but not their names from this far.
    const sousChemins = await p.$eval("path.voies", (r) => (r.getAttribute("d").match(/M/g) ?? []).length);
    assert.ok(sousChemins > 300, `${sousChemins} street lines`);
    assert.equal((await noms(p, ".noms-voies text")).length, 0);
    await carte.screenshot({ path: join(ARTEFACTS, `carte-${taille}-ville.png`) });

    await zoomer(p, 5);
    const rues = await noms(p, ".noms-voies text");
    assert.ok(rues.length >= 5, `street names zoomed in: ${rues.map((n) => n.texte)}`);
    assert.ok(rues.every((n) => /^(Rue|Avenue|Boulevard|Place|Allée|Impasse|Quai|Chemin|Cours|Passage|Square|Rond-Point|Promenade|Esplanade|Parvis|Port|Route|Cour|Faubourg|Sentier|Villa|Cité|Voie|Mail|Clos|Parc|Galerie|Square|Pont|Porte)\b/.test(n.texte)),
      `${rues.map((n) => n.texte)}`);
    sansChevauchement([...rues, ...(await noms(p, ".noms-iris text"))]);
    await sansViolation(p, `map zoomed in at ${taille}`);
    await carte.screenshot({ path: join(ARTEFACTS, `carte-${taille}-rues.png`) });
    await p.screenshot({ path: join(ARTEFACTS, `carte-${taille}-page.png`), fullPage: true });
    assert.deepEqual(await violationsCsp(p), [], "CSP violations");
    assert.deepEqual(p.erreurs, []);
    await contexte.close();
  });
}

/** The tip of the chosen point's pin, on screen, from the drawing's top left corner. */
function pointe(p, selecteur) {
  return p.$eval(selecteur, (g) => {
    const r = g.querySelector("path").getBoundingClientRect();
    const b = g.ownerSVGElement.getBoundingClientRect();
    return { x: (r.left + r.right) / 2 - b.left, y: r.bottom - b.top };
  });
}

test("a tap places the chosen point where the finger was; confirmed, it stays", async () => {
  const { contexte, p, carte } = await ouvrirCarte();
  assert.equal(await p.$(".marque-point"), null);
  await zoomer(p, 2);
  const b = await carte.boundingBox();
  const tap = { x: b.width * 0.3, y: b.height * 0.6 };
  await carte.click({ position: tap });
  await p.waitForSelector(".marque-point.provisoire");
  const ici = await pointe(p, ".marque-point");
  assert.ok(Math.abs(ici.x - tap.x) < 2 && Math.abs(ici.y - tap.y) < 2, `pin at ${JSON.stringify(ici)}, tap at ${JSON.stringify(tap)}`);
  assert.match(await p.textContent(".legende"), /Lieu choisi/);
  await p.click("text=Vérifier ce lieu");
  await p.waitForSelector(".reponse");
  await p.waitForSelector(".marque-point:not(.provisoire)");
  const confirme = await pointe(p, ".marque-point");
  assert.ok(Math.abs(confirme.x - ici.x) < 1 && Math.abs(confirme.y - ici.y) < 1);
  await sansViolation(p, "map with a chosen point");
  await contexte.close();
});

test("opened after choosing an address, the map is around it: its pin at the centre, its streets named", async () => {
  const { contexte, p } = await page(navigateur);
  await p.goto(serveur.url);
  await p.fill("#adresse", "6 place de la france libre");
  await premiereSuggestion(p);
  await p.keyboard.press("Enter");
  await p.waitForSelector(".reponse");
  await p.click(".alternatives summary");
  const carte = await p.waitForSelector("svg.plan");
  await p.waitForSelector(".noms-voies text");
  const b = await carte.boundingBox();
  const ici = await pointe(p, ".marque-point:not(.provisoire)");
  assert.ok(Math.abs(ici.x - b.width / 2) < 2 && Math.abs(ici.y - b.height / 2) < 2, JSON.stringify(ici));
  sansChevauchement([...(await noms(p, ".noms-voies text")), ...(await noms(p, ".noms-iris text"))]);
  await sansViolation(p, "map around the chosen address");
  await contexte.close();
});

test("the centre button shows an SVG icon (no ⌖ glyph) and places the point at the centre", async () => {
  const { contexte, p, carte } = await ouvrirCarte();
  const bouton = await p.$("button.centre");
  assert.equal(await bouton.$eval("svg", (s) => s.getAttribute("aria-hidden")), "true");
  assert.equal(await bouton.textContent(), "Placer le lieu au centre");
  assert.ok(!(await p.textContent("body")).includes("⌖"));
  const icone = await bouton.$eval("svg", (s) => { const r = s.getBoundingClientRect(); return [r.width, r.height]; });
  assert.deepEqual(icone, [20, 20]);
  await bouton.click();
  await p.waitForSelector(".marque-point.provisoire");
  const b = await carte.boundingBox();
  const ici = await pointe(p, ".marque-point");
  assert.ok(Math.abs(ici.x - b.width / 2) < 2 && Math.abs(ici.y - b.height / 2) < 2, JSON.stringify(ici));
  await contexte.close();
});

test("my location: the map comes to it and marks it, with its accuracy", async () => {
  const { contexte, p, carte } = await ouvrirCarte({
    permissions: ["geolocation"],
    geolocation: { longitude: 5.035, latitude: 47.322, accuracy: 40 },
  });
  await p.click("text=Utiliser ma position");
  await p.waitForSelector(".reponse");
  const position = await p.waitForSelector(".marque-position .point");
  const b = await carte.boundingBox();
  const r = await position.boundingBox();
  const centre = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  assert.ok(Math.abs(centre.x - (b.x + b.width / 2)) < 2 && Math.abs(centre.y - (b.y + b.height / 2)) < 2, JSON.stringify({ centre, b }));
  // The accuracy circle: 40 m at the view's scale.
  const vb = (await p.getAttribute("svg.plan", "viewBox")).split(" ").map(Number);
  const cercle = await p.$eval(".marque-position .precision", (c) => c.getBoundingClientRect().width);
  assert.ok(Math.abs(cercle - (80 * b.width) / vb[2]) < 2, `${cercle} px`);
  // Close enough to read the streets; the answer's point is the same place.
  assert.ok((await noms(p, ".noms-voies text")).length > 0);
  const pin = await pointe(p, ".marque-point");
  assert.ok(Math.abs(pin.x + b.x - centre.x) < 2 && Math.abs(pin.y + b.y - centre.y) < 2, JSON.stringify({ pin, centre }));
  assert.match(await p.textContent(".legende"), /Votre position/);
  await sansViolation(p, "map with my location");
  await carte.screenshot({ path: join(ARTEFACTS, "carte-position.png") });
  await contexte.close();
});

/** The legend's four swatches, as pixels, inside their border. */
async function pastilles(p) {
  const out = [];
  for (const s of await p.$$(".legende svg.pastille:not(.symbole)")) {
    const img = lirePng(await s.screenshot());
    const m = 2;
    const pixels = img.pixels.filter((_, k) => {
      const [x, y] = [k % img.largeur, Math.floor(k / img.largeur)];
      return x >= m && y >= m && x < img.largeur - m && y < img.hauteur - m;
    });
    out.push({ largeur: img.largeur - 2 * m, hauteur: img.hauteur - 2 * m, pixels });
  }
  return out;
}

/** Share of the pixels at least `ecart` away in luminance from the swatch's lightest. */
function partContrastee(img, ecart = 0.3) {
  const l = img.pixels.map(luminance);
  const max = Math.max(...l);
  return l.filter((x) => max - x >= ecart).length / l.length;
}

/** Mean difference of luminance between two images of the same size. */
function difference(a, b) {
  return a.pixels.reduce((s, px, i) => s + Math.abs(luminance(px) - luminance(b.pixels[i])), 0) / a.pixels.length;
}

for (const forcees of [false, true]) {
  test(`${forcees ? "forced colours" : "colours"}: each category has its own pattern, the legend shows it`, async () => {
    const { contexte, p, carte } = await ouvrirCarte(ORDINATEUR);
    if (forcees) {
      await p.emulateMedia({ forcedColors: "active" });
      await p.waitForFunction(() => matchMedia("(forced-colors: active)").matches);
    }
    const [nord, sud, prioritaire, autre] = await pastilles(p);
    // North (stripes), south (dots) and the priority zones (cross-hatching) are patterns with
    // dark marks; the rest is plain — and told apart in grey alone.
    for (const [nom, img] of [["north", nord], ["south", sud], ["priority", prioritaire]]) {
      const part = partContrastee(img);
      assert.ok(part > 0.1, `${nom}: ${Math.round(part * 100)} % of the swatch is marked`);
    }
    assert.equal(partContrastee(autre), 0, "the rest: plain inside its border");
    const images = [nord, sud, prioritaire, autre];
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) {
      assert.ok(difference(images[i], images[j]) > 0.04, `swatches ${i} and ${j} look alike in grey`);
    }
    // The names stay readable in the user's colours.
    const texte = await p.$eval(".noms-iris text", (t) => getComputedStyle(t).fill);
    assert.notEqual(texte, "none");
    await sansViolation(p, forcees ? "map, forced colours" : "map");
    await carte.screenshot({ path: join(ARTEFACTS, `carte-${forcees ? "couleurs-forcees" : "couleurs"}.png`) });
    await p.screenshot({ path: join(ARTEFACTS, `legende-${forcees ? "couleurs-forcees" : "couleurs"}.png`), clip: await (await p.$(".legende")).boundingBox() });
    await contexte.close();
  });
}
