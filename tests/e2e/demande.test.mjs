// The referral request: a parent's journey to the printed summary, a school staff journey to
// the mailto link, errors announced, every step accessible, keyboard only, Arabic once.
// The team's e-mail is not configured in the real programme (never invented): these tests serve
// a programme built from config/programme.toml with example.org addresses (and ages 3–15).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { servir, lancer, page, axe, violationsCsp, RACINE, ARTEFACTS, jusqua, premiereSuggestion } from "./outils.mjs";

let serveur, navigateur;
before(async () => {
  const d = mkdtempSync(join(tmpdir(), "parcours-e2e-"));
  const toml = readFileSync(join(RACINE, "config/programme.toml"), "utf8")
    .replace(/contact = \{ nom = "Équipe pluridisciplinaire nord \(les PEP 21\)", email = ""/, 'contact = { nom = "Équipe nord", email = "equipe-nord@example.org"')
    .replace(/contact = \{ nom = "Équipe pluridisciplinaire sud \(les PEP 21\)", email = ""/, 'contact = { nom = "Équipe sud", email = "equipe-sud@example.org"')
    // Other ages than the real programme's: what the page says of ages comes from the programme.
    .replace(/^age_min = 2$/m, "age_min = 3")
    .replace(/^age_max = 16$/m, "age_max = 15");
  assert.match(toml, /equipe-nord@example\.org/);
  assert.match(toml, /^age_min = 3$/m);
  writeFileSync(join(d, "programme.toml"), toml);
  execFileSync("cargo", ["run", "-q", "--release", "-p", "parcours-data", "--", "build",
    "--donnees", process.env.PARCOURS_DONNEES ?? join(RACINE, "../shared/data"),
    "--programme", join(d, "programme.toml"), "--sortie", join(d, "assets")], { cwd: RACINE, stdio: "inherit" });
  const programme = readFileSync(join(d, "assets/programme.bin"));
  serveur = await servir(undefined, (url) => (url.pathname === "/assets/programme.bin"
    ? { status: 200, headers: { "content-type": "application/octet-stream" }, body: programme } : null));
  navigateur = await lancer();
});
after(async () => { await navigateur?.close(); await serveur?.fermer(); });

async function sansViolation(p, etat) {
  const v = await axe(p);
  assert.deepEqual(v, [], `axe-core violations (${etat}): ${JSON.stringify(v, null, 1)}`);
}

async function jusquALaDemande(p, adresse) {
  await p.goto(serveur.url);
  await p.waitForSelector("#adresse");
  await p.fill("#adresse", adresse);
  await premiereSuggestion(p);
  await p.keyboard.press("Enter");
  await p.waitForSelector(".reponse");
  await p.click("text=Faire une demande");
  await p.waitForSelector(".demande-formulaire");
}

const suivant = (p) => p.click(".demande-formulaire >> text=Suivant");
const etape = (p) => p.textContent("#demande-etape");

/** Keyboard only: focus the field, then type. */
async function taper(p, selecteur, texte) {
  await p.focus(selecteur);
  await p.keyboard.type(texte);
}

/** The ids of the step's text fields. */
const champsTexte = (p) => p.$$eval(".demande-formulaire input:not([type=checkbox]):not([type=radio]), .demande-formulaire textarea", (l) => l.map((i) => i.id));

/** A parent's request from the agreement to the summary (the child Lina Martin). */
async function demandeParent(p, { adresse = null } = {}) {
  await p.check("#demande-consentement");
  await suivant(p);
  await p.fill("#demande-enfantprenom", "Lina");
  await p.fill("#demande-enfantnom", "Martin");
  await p.fill("#demande-enfantnaissance", "03/05/2017");
  await suivant(p);
  await p.waitForSelector("#demande-responsables");
  if (adresse !== null) await p.fill("#demande-adresse", adresse);
  await p.fill("#demande-responsables", "Sophie Martin");
  await p.fill("#demande-telephone", "0612345678");
  await suivant(p);
  await p.check(".demande-formulaire label:has-text('les apprentissages') input");
  await suivant(p);
  await p.waitForSelector(".recapitulatif");
}

test("a parent's journey: what will happen and the agreement first, errors announced on the way, to the printable summary", async () => {
  const { contexte, p } = await page(navigateur);
  await jusquALaDemande(p, "2 av du mont blanc");
  // Step 1: what will happen, who asks, the agreement — and no personal field.
  assert.match(await etape(p), /Étape 1 sur 5\s:\sl’accord de la famille/);
  // The age hint says the programme's ages (3–15 here), not the field's bounds.
  assert.equal(await p.textContent("#age-aide"), "En années. Le programme accompagne les enfants de 3 à 15 ans.");
  assert.match(await p.textContent(".ce-qui-va-se-passer"), /Ce qui va se passer.*Rien n’est envoyé sans vous/);
  assert.deepEqual(await champsTexte(p), [], "no text field before the agreement");
  await sansViolation(p, "step 1");
  await suivant(p);
  await p.waitForSelector("#demande-erreurs[role=alert]");
  assert.match(await p.textContent("#demande-erreurs"), /L’accord de la famille est nécessaire/);
  assert.deepEqual(await champsTexte(p), [], "still nothing to type without the agreement");
  await p.click("text=J’accepte que l’équipe me contacte");
  await suivant(p);
  // Step 2 empty: the errors are summed up, announced, and next to each field.
  assert.match(await etape(p), /Étape 2 sur 5/);
  await suivant(p);
  await p.waitForSelector("#demande-erreurs[role=alert]");
  assert.match(await p.textContent("#demande-erreurs"), /3 erreurs/);
  assert.equal(await p.getAttribute("#demande-enfantprenom", "aria-invalid"), "true");
  assert.equal(await p.evaluate(() => document.activeElement?.id), "demande-erreurs");
  await sansViolation(p, "step 2 with errors");
  // The date's format is shown from the start, with the programme's ages.
  assert.match(await p.textContent("#demande-enfantnaissance-aide"), /Au format jj\/mm\/aaaa, par exemple 03\/05\/2017\. L’enfant doit avoir entre 3 et 15 ans\./);
  assert.match(await p.getAttribute("#demande-enfantnaissance", "aria-describedby"), /demande-enfantnaissance-aide/);
  // The child's names are not the user's: the browser does not fill them.
  assert.equal(await p.getAttribute("#demande-enfantprenom", "autocomplete"), "off");
  await p.fill("#demande-enfantprenom", "Lina");
  await p.fill("#demande-enfantnom", "Martin");
  await p.fill("#demande-enfantnaissance", "03/05/2017");
  await p.fill("#demande-enfantecole", "École Voltaire");
  await p.fill("#demande-classe", "CM1");
  await suivant(p);
  await p.waitForSelector("#demande-responsables");
  // The home address comes prefilled from the chosen address.
  assert.equal(await p.inputValue("#demande-adresse"), "2 Avenue du Mont Blanc, 21000 Dijon");
  await sansViolation(p, "step 3");
  // A parent's own name, home, phone and e-mail: the browser may fill them in.
  assert.deepEqual(await p.$$eval("#demande-adresse, #demande-responsables, #demande-telephone, #demande-email", (l) => l.map((i) => [i.type, i.autocomplete])),
    [["text", "street-address"], ["text", "name"], ["tel", "tel"], ["email", "email"]]);
  // Every input type looks alike (the phone and e-mail fields were left unstyled).
  const style = (sel) => p.$eval(sel, (i) => { const c = getComputedStyle(i); const r = i.getBoundingClientRect(); return [c.fontSize, c.borderTopWidth, c.borderTopColor, c.borderRadius, Math.round(r.width), Math.round(r.height)]; });
  const texte = await style("#demande-responsables");
  assert.deepEqual(await style("#demande-telephone"), texte);
  assert.deepEqual(await style("#demande-email"), texte);
  assert.ok(Number.parseFloat(texte[0]) >= 17, `font size ${texte[0]}`);
  await p.fill("#demande-responsables", "Sophie Martin");
  await p.fill("#demande-telephone", "06 12");
  await suivant(p);
  await p.waitForSelector("#demande-telephone-erreur");
  assert.match(await p.textContent("#demande-telephone-erreur"), /10 chiffres/);
  await p.fill("#demande-telephone", "06 12 34 56 78");
  await suivant(p);
  await p.click("text=les apprentissages");
  await sansViolation(p, "step 4");
  await suivant(p);
  const recap = await p.textContent(".recapitulatif");
  assert.match(recap, /Enfant\s:\sLina Martin/);
  assert.match(recap, /Né\(e\) le 03\/05\/2017/);
  // School and class each on their line.
  assert.match(await p.textContent(".recapitulatif pre"), /\nÉcole\s:\sÉcole Voltaire\nClasse\s:\sCM1\n/);
  assert.match(await p.textContent(".recap-intro"), /envoyez-la par courriel/);
  assert.match(recap, /Adresse du domicile\s:\s2 Avenue du Mont Blanc, 21000 Dijon/);
  assert.match(recap, /Téléphone\s:\s06 12 34 56 78/);
  assert.match(recap, /2 Avenue du Mont Blanc, 21000 Dijon — dans le programme, équipe sud/);
  assert.match(recap, /contours IRIS 2020/);
  assert.match(recap, /j’accepte que l’équipe me contacte/);
  // The mail link carries exactly the summary.
  const lien = await p.getAttribute("#demande-courriel", "href");
  assert.ok(lien.startsWith("mailto:equipe-sud@example.org?subject="));
  assert.equal(decodeURIComponent(lien.split("&body=")[1]).replaceAll("\r\n", "\n"), await p.textContent(".recapitulatif pre"));
  // Printed: only the summary shows, on one page (no blank pages after it).
  await p.emulateMedia({ media: "print" });
  assert.equal(await p.evaluate(() => getComputedStyle(document.querySelector("h1")).display), "none");
  assert.equal(await p.evaluate(() => getComputedStyle(document.querySelector(".recapitulatif pre")).visibility), "visible");
  const pdf = (await p.pdf({ format: "A4" })).toString("latin1");
  assert.equal(pdf.match(/\/Type\s*\/Page\b/g)?.length, 1, "one printed page");
  await p.emulateMedia({ media: "screen" });
  await sansViolation(p, "summary");
  assert.deepEqual(await violationsCsp(p), []);
  assert.deepEqual(p.requetes.filter((u) => !u.startsWith(serveur.url)), [], "nothing leaves");
  await contexte.close();
});

test("school staff, keyboard only: the family's agreement (when and how) first, then who asks, to the mailto link; the download holds the same text", async () => {
  const { contexte, p } = await page(navigateur, { acceptDownloads: true });
  await jusquALaDemande(p, "6 place de la france libre");
  await p.focus("input[name=demandeur] >> nth=1");
  await p.keyboard.press("Space");
  assert.match(await p.textContent(".ce-qui-va-se-passer"), /dites quand et comment/);
  // Step 1 for a professional: the agreement, how and when — no personal field.
  assert.deepEqual(await champsTexte(p), ["demande-consentementdate"]);
  assert.match(await p.textContent("#demande-consentementdate-aide"), /jj\/mm\/aaaa/);
  await p.focus(".demande-formulaire >> text=Suivant");
  await p.keyboard.press("Enter");
  await p.waitForSelector("#demande-erreurs");
  assert.match(await p.textContent("#demande-erreurs"), /Comment la famille a-t-elle donné son accord/);
  await p.focus("#demande-consentement");
  await p.keyboard.press("Space");
  await p.focus("input[name=moyen-accord] >> nth=1");
  await p.keyboard.press("Space");
  await taper(p, "#demande-consentementdate", "20/11/2026");
  await sansViolation(p, "professional's step 1");
  await p.focus(".demande-formulaire >> text=Suivant");
  await p.keyboard.press("Enter");
  assert.match(await etape(p), /Étape 2 sur 6\s:\squi fait la demande/);
  // The professional's own details may be filled in by the browser; the family's may not.
  assert.deepEqual(await p.$$eval("#demande-pronom, #demande-profonction, #demande-prostructure, #demande-procontact", (l) => l.map((i) => i.autocomplete)),
    ["name", "organization-title", "organization", "email"]);
  await taper(p, "#demande-pronom", "M. Durand");
  await taper(p, "#demande-profonction", "directeur");
  await taper(p, "#demande-prostructure", "École Champollion");
  await taper(p, "#demande-procontact", "ce.0210000a@ac-dijon.fr");
  await p.focus(".demande-formulaire >> text=Suivant");
  await p.keyboard.press("Enter");
  await taper(p, "#demande-enfantprenom", "Adam");
  await taper(p, "#demande-enfantnom", "Benali");
  await taper(p, "#demande-enfantnaissance", "2015-09-14");
  await p.focus(".demande-formulaire >> text=Suivant");
  await p.keyboard.press("Enter");
  assert.deepEqual(await p.$$eval("#demande-responsables, #demande-telephone, #demande-email", (l) => l.map((i) => i.autocomplete)), ["off", "off", "off"]);
  await taper(p, "#demande-responsables", "Mme Benali");
  await taper(p, "#demande-email", "famille.benali@example.org");
  await p.focus(".demande-formulaire >> text=Suivant");
  await p.keyboard.press("Enter");
  await p.focus("text=le langage");
  await p.keyboard.press("Space");
  await p.focus(".demande-formulaire >> text=Suivant");
  await p.keyboard.press("Enter");
  await p.waitForSelector(".recapitulatif");
  const lien = await p.getAttribute("#demande-courriel", "href");
  assert.ok(lien.startsWith("mailto:equipe-nord@example.org?subject=Demande%20d%E2%80%99accompagnement"), lien);
  const corps = decodeURIComponent(lien.split("&body=")[1]);
  assert.match(corps, /M\. Durand, directeur \(personnel scolaire\), École Champollion/);
  assert.match(corps, /la famille a été informée de cette demande et l’accepte \(accord donné le 20\/11\/2026, par téléphone\)/);
  const [fichier] = await Promise.all([p.waitForEvent("download"), p.click("text=Télécharger la demande")]);
  const html = readFileSync(await fichier.path(), "utf8");
  assert.ok(html.includes(corps.replaceAll("\r\n", "\n")), "the file holds the same text");
  assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/, "readable on a phone");
  // The file on a phone: no sideways scrolling.
  const telephone = await navigateur.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const f = await telephone.newPage();
  await f.setContent(html);
  assert.ok(await f.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "fits a phone's width");
  await telephone.close();
  await contexte.close();
});

test("a request from a map point or a position asks for the home address", async () => {
  const { contexte, p } = await page(navigateur);
  await p.goto(serveur.url + "?lon=5.079116&lat=47.298195&precision=12");
  await p.waitForSelector(".reponse[data-decision=eligible]");
  await p.click("text=Faire une demande");
  await p.check("#demande-consentement");
  await suivant(p);
  await p.fill("#demande-enfantprenom", "Lina");
  await p.fill("#demande-enfantnom", "Martin");
  await p.fill("#demande-enfantnaissance", "03/05/2017");
  await suivant(p);
  await p.waitForSelector("#demande-adresse");
  assert.equal(await p.inputValue("#demande-adresse"), "", "nothing to prefill from a point");
  assert.match(await p.textContent("#demande-adresse-aide"), /indiquez l’adresse où vit l’enfant/);
  await p.fill("#demande-responsables", "Sophie Martin");
  await p.fill("#demande-telephone", "0612345678");
  await suivant(p);
  await p.waitForSelector("#demande-adresse-erreur");
  assert.match(await p.textContent("#demande-adresse-erreur"), /Ce champ est à remplir/);
  assert.equal(await p.getAttribute("#demande-adresse", "aria-invalid"), "true");
  await sansViolation(p, "home address missing");
  await p.fill("#demande-adresse", "3 rue des Marmuzots, 21000 Dijon");
  await suivant(p);
  await p.click("text=les apprentissages");
  await suivant(p);
  const recap = await p.textContent(".recapitulatif");
  assert.match(recap, /point 47,29820|point 47\.29820/);
  assert.match(recap, /Adresse du domicile\s:\s3 rue des Marmuzots, 21000 Dijon/);
  await contexte.close();
});

test("leaving with answers kept nowhere asks first: « Fermer la demande », « Nouvelle recherche », the back gesture", async () => {
  const { contexte, p } = await page(navigateur);
  await jusquALaDemande(p, "6 place de la france libre");
  const adresse = p.url();
  // Nothing typed yet: closing does not ask.
  await p.click("text=Fermer la demande");
  await p.waitForSelector(".demande-formulaire", { state: "detached" });
  assert.equal(await p.evaluate(() => document.activeElement?.id), "titre-reponse");
  // Answers typed: « Fermer la demande » asks, « Continuer » keeps everything.
  await p.click("text=Faire une demande");
  await p.check("#demande-consentement");
  await p.click(".demande-formulaire >> text=Fermer la demande");
  await p.waitForSelector("dialog#demande-quitter[open]");
  assert.match(await p.textContent("#demande-quitter"), /Quitter la demande\s?\?.*seront perdues/);
  assert.equal(await p.evaluate(() => document.activeElement?.textContent), "Continuer la demande", "the safe choice has the focus");
  await sansViolation(p, "leave dialog");
  await p.keyboard.press("Enter");
  await p.waitForSelector("dialog#demande-quitter", { state: "detached" });
  assert.equal(await p.isChecked("#demande-consentement"), true);
  // Escape also keeps the request.
  await p.click(".demande-formulaire >> text=Fermer la demande");
  await p.waitForSelector("dialog#demande-quitter[open]");
  await p.keyboard.press("Escape");
  await p.waitForSelector("dialog#demande-quitter", { state: "detached" });
  assert.equal(await p.isChecked("#demande-consentement"), true);
  // The back gesture asks too; the request and its address stay until the user chooses.
  await p.goBack();
  await p.waitForSelector("dialog#demande-quitter[open]");
  assert.equal(await p.isChecked("#demande-consentement"), true);
  assert.equal(p.url(), adresse);
  await p.click("text=Quitter sans garder");
  await p.waitForSelector(".demande-formulaire", { state: "detached" });
  await p.waitForSelector(".reponse[data-decision=eligible]");
  assert.equal(p.url(), adresse);
  // « Nouvelle recherche » with answers typed asks as well.
  await p.click("text=Faire une demande");
  await p.check("#demande-consentement");
  await p.click("text=Nouvelle recherche");
  await p.waitForSelector("dialog#demande-quitter[open]");
  await p.click("text=Quitter sans garder");
  await p.waitForSelector(".reponse", { state: "detached" });
  assert.equal(await p.evaluate(() => document.activeElement?.id), "adresse");
  // Nothing typed: the back gesture simply closes the request.
  await p.fill("#adresse", "6 place de la france libre");
  await premiereSuggestion(p);
  await p.keyboard.press("Enter");
  await p.click("text=Faire une demande");
  await p.waitForSelector(".demande-formulaire");
  await p.goBack();
  await p.waitForSelector(".demande-formulaire", { state: "detached" });
  await p.waitForSelector(".reponse[data-decision=eligible]");
  await contexte.close();
});

test("an address outside the programme checked while the form is open: the form says so and stops", async () => {
  const { contexte, p } = await page(navigateur);
  await jusquALaDemande(p, "6 place de la france libre");
  await p.check("#demande-consentement");
  await suivant(p);
  await p.fill("#demande-enfantprenom", "Lina");
  await p.fill("#adresse", "7 rue victor dumay");
  await premiereSuggestion(p);
  await p.keyboard.press("Enter");
  await p.waitForSelector(".reponse[data-decision=hors_territoire]");
  const arret = await p.waitForSelector(".demande-arretee[role=alert]");
  assert.match(await arret.textContent(), /n’est pas dans les quartiers du programme.*ne peut pas continuer/);
  assert.equal(await p.$(".demande-formulaire >> text=Suivant"), null, "no way on for this address");
  assert.equal(await p.inputValue("#demande-enfantprenom"), "Lina", "what was typed stays");
  await sansViolation(p, "form stopped");
  // Back to an address of the programme: the request goes on, about it.
  await p.fill("#adresse", "2 av du mont blanc");
  await premiereSuggestion(p);
  await p.keyboard.press("Enter");
  await p.waitForSelector(".reponse[data-decision=eligible]");
  await p.waitForSelector(".demande-arretee", { state: "detached" });
  await p.fill("#demande-enfantnom", "Martin");
  await p.fill("#demande-enfantnaissance", "03/05/2017");
  await suivant(p);
  assert.equal(await p.inputValue("#demande-adresse"), "2 Avenue du Mont Blanc, 21000 Dijon");
  await contexte.close();
});

test("without a configured team contact: print and download only, said plainly", async () => {
  const s = await servir();
  const { contexte, p } = await page(navigateur);
  await p.goto(s.url + "?adresse=6+Place+de+la+France+Libre%2C+21000+Dijon");
  await p.waitForSelector(".reponse");
  await p.click("text=Faire une demande");
  await p.waitForSelector(".demande-formulaire");
  await demandeParent(p);
  assert.equal(await p.$("#demande-courriel"), null);
  assert.match(await p.textContent(".demande-formulaire"), /ne sont pas encore configurées/);
  // No e-mail hand-off: the summary does not suggest one.
  assert.doesNotMatch(await p.textContent(".recap-intro"), /courriel/);
  assert.match(await p.textContent(".recap-intro"), /Imprimez-la ou téléchargez-la/);
  await contexte.close();
  await s.fermer();
});

test("the form in Arabic, with Arabic-Indic digits; the request for the team comes out in French, left to right", async () => {
  const { contexte, p } = await page(navigateur, { acceptDownloads: true });
  await p.goto(serveur.url + "?langue=ar");
  await p.waitForSelector("#adresse");
  await p.fill("#adresse", "6 place de la france libre");
  await premiereSuggestion(p);
  await p.keyboard.press("Enter");
  await p.click("text=تقديم طلب");
  await p.waitForSelector(".demande-formulaire");
  assert.match(await p.textContent("#demande-etape"), /الخطوة 1 من 5/);
  await sansViolation(p, "arabic form");
  await p.screenshot({ path: join(ARTEFACTS, "demande-ar-etape1.png"), fullPage: true });
  await p.check("#demande-consentement");
  await p.click("#demande-suivant");
  await p.fill("#demande-enfantprenom", "ليلى");
  await p.fill("#demande-enfantnom", "Benali");
  await p.fill("#demande-enfantnaissance", "٠٣/٠٥/٢٠١٧");
  await p.click("#demande-suivant");
  await p.waitForSelector("#demande-responsables");
  await p.fill("#demande-responsables", "سعاد بن علي");
  await p.fill("#demande-telephone", "٠٦ ١٢ ٣٤ ٥٦ ٧٨");
  await p.click("#demande-suivant");
  await p.check(".demande-formulaire fieldset input[type=checkbox] >> nth=0");
  await p.click("#demande-suivant");
  await p.waitForSelector(".recapitulatif");
  // Read as digits: the date and the phone are in the request.
  const recap = await p.textContent(".recapitulatif pre");
  assert.match(recap, /Né\(e\) le 03\/05\/2017/);
  assert.match(recap, /Téléphone\s:\s06 12 34 56 78/);
  assert.match(recap, /^Demande d’accompagnement individualisé/);
  assert.match(recap, /Enfant\s:\sليلى Benali/);
  // French, left to right, inside the Arabic page (printed as well).
  assert.deepEqual(await p.$eval(".recapitulatif", (e) => [e.lang, e.dir, getComputedStyle(e.querySelector("pre")).direction]), ["fr", "ltr", "ltr"]);
  assert.equal(await p.textContent(".recapitulatif .signature"), "Signature\u00a0:");
  await sansViolation(p, "arabic summary");
  await p.screenshot({ path: join(ARTEFACTS, "demande-ar-recapitulatif.png"), fullPage: true });
  const [fichier] = await Promise.all([p.waitForEvent("download"), p.click("#demande-telecharger")]);
  const html = readFileSync(await fichier.path(), "utf8");
  assert.match(html, /^<!DOCTYPE html><html lang="fr" dir="ltr">/);
  assert.match(html, /<p>Signature\u00a0:<\/p>/);
  await contexte.close();
});

/** The stored draft record, read straight from IndexedDB (undefined when none). */
function enregistrement(p) {
  return p.evaluate(() => new Promise((ok) => {
    const r = indexedDB.open("parcours", 1);
    r.onupgradeneeded = () => r.result.createObjectStore("brouillon");
    r.onsuccess = () => {
      const tx = r.result.transaction("brouillon", "readonly");
      const g = tx.objectStore("brouillon").get("brouillon");
      g.onsuccess = () => { ok(g.result === undefined ? undefined : { version: g.result.version, chiffre: g.result.donnees instanceof ArrayBuffer }); r.result.close(); };
    };
  }));
}

test("drafts: nothing kept unless asked; kept encrypted; the first screen says so (day, first name) with « Reprendre » / « Effacer »; offered for its own request only; corrupted → said, then erased", async () => {
  const { contexte, p } = await page(navigateur);
  await jusquALaDemande(p, "6 place de la france libre");
  await p.check("#demande-consentement");
  await suivant(p);
  await p.fill("#demande-enfantprenom", "Lina");
  assert.equal(await enregistrement(p), undefined, "nothing stored without the box");
  await p.check("#demande-garder");
  await p.fill("#demande-enfantnom", "Martin");
  // Saved in the background after each change: wait until the stored draft holds the last one
  // (the page can still use its non-extractable key to decrypt it), then look at the record.
  await jusqua(p, () => new Promise((ok) => {
    const r = indexedDB.open("parcours", 1);
    r.onsuccess = () => {
      const tx = r.result.transaction("brouillon");
      const magasin = tx.objectStore("brouillon");
      const cle = magasin.get("cle");
      const b = magasin.get("brouillon");
      tx.oncomplete = async () => {
        r.result.close();
        if (!cle.result || !b.result) return ok(false);
        const clair = await crypto.subtle.decrypt({ name: "AES-GCM", iv: b.result.iv }, cle.result, b.result.donnees);
        ok(new TextDecoder().decode(clair).includes("Martin"));
      };
    };
  }));
  assert.deepEqual(await enregistrement(p), { version: 2, chiffre: true });
  // A new visit, on a shared computer: the first screen says a draft is kept, for whom, since when.
  await p.goto(serveur.url);
  const garde = await p.waitForSelector(".brouillon-garde:has-text('Lina')");
  const jour = new Date().toLocaleDateString("fr-FR");
  assert.match(await garde.textContent(), new RegExp(`Un brouillon de demande est gardé sur cet appareil, pour \u2068Lina\u2069 \\(enregistré le ${jour.replaceAll("/", "\\/")}\\)`));
  await sansViolation(p, "draft on the first screen");
  // Another child's request on the same computer: the draft is not offered inside it.
  await p.fill("#adresse", "2 av du mont blanc");
  await premiereSuggestion(p);
  await p.keyboard.press("Enter");
  await p.click("text=Faire une demande");
  await p.waitForFunction(() => document.querySelector("#demande-garder-aide")?.textContent.includes("Un autre brouillon"));
  assert.equal(await p.isChecked("#demande-garder"), false);
  assert.equal(await p.textContent(".message-brouillon"), "");
  await p.check("#demande-consentement");
  await suivant(p);
  assert.equal(await p.inputValue("#demande-enfantprenom"), "", "another request starts empty");
  await p.click(".demande-formulaire >> text=Fermer la demande");
  await p.click("text=Quitter sans garder");
  // « Reprendre »: the draft's own request, its answer, the form as it was.
  await p.click("text=Nouvelle recherche");
  await p.click(".brouillon-garde button:has-text('Reprendre')");
  await p.waitForSelector(".demande-formulaire");
  await p.waitForSelector(".reponse[data-decision=eligible]");
  assert.match(await p.textContent(".reponse .lieu"), /6 Place de la France Libre/);
  assert.match(await p.textContent(".message-brouillon"), /repris/);
  assert.equal(await p.isChecked("#demande-garder"), true);
  await suivant(p);
  assert.equal(await p.inputValue("#demande-enfantprenom"), "Lina");
  assert.equal(await p.inputValue("#demande-enfantnom"), "Martin");
  // Its own request opened again later: resumed there too.
  await p.reload();
  await p.waitForSelector(".reponse");
  await p.click("text=Faire une demande");
  await p.waitForFunction(() => document.querySelector(".message-brouillon")?.textContent.includes("repris"));
  // Corrupt it: same version, bytes that do not decrypt.
  await p.evaluate(() => new Promise((ok) => {
    const r = indexedDB.open("parcours", 1);
    r.onsuccess = () => {
      const tx = r.result.transaction("brouillon", "readwrite");
      tx.objectStore("brouillon").put({ version: 2, expire: Date.now() + 1e6, iv: new Uint8Array(12), donnees: new Uint8Array([1, 2, 3]).buffer }, "brouillon");
      tx.oncomplete = () => { r.result.close(); ok(); };
    };
  }));
  await p.reload();
  await p.waitForSelector(".brouillon-garde:has-text('n’a pas pu être relu')");
  await p.click("text=Faire une demande");
  await p.waitForFunction(() => document.querySelector(".message-brouillon")?.textContent.includes("n’a pas pu être relu"));
  assert.notEqual(await enregistrement(p), undefined, "a draft that cannot be read is not dropped silently");
  await sansViolation(p, "draft message");
  await p.click("#demande-effacer");
  await p.waitForFunction(() => document.querySelector(".message-brouillon")?.textContent.includes("a été effacé"));
  assert.equal(await enregistrement(p), undefined);
  // « Effacer » on the first screen.
  await p.goto(serveur.url);
  await p.waitForSelector("#adresse");
  await p.evaluate(() => new Promise((ok) => {
    const r = indexedDB.open("parcours", 1);
    r.onsuccess = () => {
      const tx = r.result.transaction("brouillon", "readwrite");
      tx.objectStore("brouillon").put({ version: 2, expire: Date.now() + 1e6, iv: new Uint8Array(12), donnees: new Uint8Array([1, 2, 3]).buffer }, "brouillon");
      tx.oncomplete = () => { r.result.close(); ok(); };
    };
  }));
  await p.reload();
  await p.click(".brouillon-garde button:has-text('Effacer')");
  await p.waitForSelector(".brouillon-garde:has-text('a été effacé de cet appareil')");
  assert.equal(await enregistrement(p), undefined);
  await contexte.close();
});

test("storage unavailable (as in private browsing): a message, and the form keeps working", async () => {
  const { contexte, p } = await page(navigateur);
  await p.addInitScript(() => {
    Object.defineProperty(window, "indexedDB", { get() { throw new DOMException("blocked", "SecurityError"); } });
  });
  await jusquALaDemande(p, "6 place de la france libre");
  await p.click("#demande-garder");
  await p.waitForFunction(() => document.querySelector(".message-brouillon")?.textContent.includes("ne permet pas de garder"));
  assert.equal(await p.isChecked("#demande-garder"), false, "the box says nothing is kept");
  await p.check("#demande-consentement");
  await suivant(p);
  await p.fill("#demande-enfantprenom", "Lina");
  await p.fill("#demande-enfantnom", "Martin");
  await p.fill("#demande-enfantnaissance", "03/05/2017");
  await suivant(p);
  await p.waitForSelector("#demande-responsables");
  assert.deepEqual(p.erreurs.filter((e) => !/blocked|SecurityError/.test(e)), []);
  await contexte.close();
});
