// Benchmark of the list page in headless Chromium: 10,000 addresses pasted (a real clipboard
// paste: Ctrl+V), the time from the paste event to « prêtes à vérifier », then checked, the time
// the page measured (from the click to the table). Usage: node scripts/bench-liste.mjs [dist] [n]
import { readFileSync } from "node:fs";
import { servir, lancer, page } from "../tests/e2e/outils.mjs";

const dist = process.argv[2] ?? "dist";
const n = Number(process.argv[3] ?? 10_000);
const requetes = readFileSync(new URL("../../shared/eval/address-queries-dev.tsv", import.meta.url), "utf8")
  .split("\n").slice(1).filter(Boolean).map((l) => l.split("\t")[1]);
const adresses = Array.from({ length: n }, (_, i) => requetes[i % requetes.length]);
const s = await servir(dist);
const b = await lancer();
const { contexte, p } = await page(b, { viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false });
await contexte.grantPermissions(["clipboard-read", "clipboard-write"], { origin: s.url });
await p.goto(s.url + "?vue=liste");
await p.waitForSelector("#colle");
const mesures = [];
for (let tour = 0; tour < 3; tour++) {
  // A user's paste: the text on the clipboard, Ctrl+V in the box.
  await p.evaluate((t) => navigator.clipboard.writeText(t), adresses.join("\n"));
  await p.evaluate(() => {
    window.__mesure = {};
    document.addEventListener("paste", () => { window.__mesure.colle = performance.now(); }, true);
    new MutationObserver(() => {
      if (document.querySelector("#liste-pretes")?.dataset.lignes && !window.__mesure.pret) window.__mesure.pret = performance.now();
    }).observe(document.body, { subtree: true, attributes: true, childList: true });
  });
  await p.focus("#colle");
  await p.keyboard.press("Control+V");
  await p.waitForSelector(`#liste-pretes[data-lignes="${n}"]`);
  const collage_ms = await p.evaluate(() => Math.round(window.__mesure.pret - window.__mesure.colle));
  const t0 = Date.now();
  await p.click("text=Vérifier les adresses");
  await p.waitForSelector(`#titre-resultats[data-lignes="${n}"]`);
  const ms = Number(await p.getAttribute("#titre-resultats", "data-ms"));
  mesures.push({ collage_ms, page_ms: ms, bout_en_bout_ms: Date.now() - t0 });
  await p.evaluate(() => location.reload());
  await p.waitForSelector("#colle");
}
console.log(JSON.stringify({ adresses: n, mesures }, null, 1));
const med = mesures.map((m) => m.page_ms).sort((a, b) => a - b)[1];
const collage = mesures.map((m) => m.collage_ms).sort((a, b) => a - b)[1];
console.log(`list of ${n} addresses: pasted and ready to check in ${collage} ms (median); checked in ${med} ms in the page (checking + sorting), headless Chromium`);
await b.close();
await s.fermer();
