// Drafts of the referral request, only when the user asks to keep one: encrypted with
// AES-GCM under a non-extractable WebCrypto key, both in IndexedDB; gone after 7 days.
const BASE = "parcours";
const MAGASIN = "brouillon";
const VERSION = 2; // 1: the draft as JSON text
const DUREE_MS = 7 * 24 * 3600 * 1000;

function ouvrir() {
  return new Promise((ok, ko) => {
    const r = indexedDB.open(BASE, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(MAGASIN);
    r.onsuccess = () => ok(r.result);
    r.onerror = () => ko(r.error);
  });
}

async function operation(mode, f) {
  const db = await ouvrir();
  try {
    return await new Promise((ok, ko) => {
      const tx = db.transaction(MAGASIN, mode);
      const r = f(tx.objectStore(MAGASIN));
      tx.oncomplete = () => ok(r ? r.result : undefined);
      tx.onerror = () => ko(tx.error);
      tx.onabort = () => ko(tx.error);
    });
  } finally {
    db.close();
  }
}

// One operation at a time, in the order asked: two first saves would otherwise each create a
// key (the draft then encrypted under the one overwritten), and an older save could land after a
// newer one, or after an erase.
let file = Promise.resolve();
function enFile(f) {
  const r = file.then(f);
  file = r.catch(() => {});
  return r;
}

async function cle() {
  let k = await operation("readonly", (s) => s.get("cle"));
  if (!k) {
    k = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
    await operation("readwrite", (s) => s.put(k, "cle"));
  }
  return k;
}

// `octets`: the draft as the core writes it (its first byte is the layout's version).
export function sauver_brouillon(octets) {
  const copie = octets.slice(); // a view into the WebAssembly memory is only valid now
  return enFile(() => sauver(copie));
}

async function sauver(octets) {
  const k = await cle();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const donnees = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, k, octets);
  await operation("readwrite", (s) => s.put({ version: VERSION, expire: Date.now() + DUREE_MS, iv, donnees }, "brouillon"));
}

// "aucun", "expire" (then erased), "version" or "illisible" (kept: never dropped silently), or
// the draft's bytes with the time it was saved.
export function charger_brouillon() {
  return enFile(charger);
}

async function charger() {
  const b = await operation("readonly", (s) => s.get("brouillon"));
  if (!b) return { etat: "aucun" };
  if (typeof b !== "object" || b.version !== VERSION) return { etat: "version" };
  if (!(b.expire > Date.now())) {
    await operation("readwrite", (s) => s.delete("brouillon"));
    return { etat: "expire" };
  }
  try {
    const k = await cle();
    const clair = await crypto.subtle.decrypt({ name: "AES-GCM", iv: b.iv }, k, b.donnees);
    // When it was last saved: each save sets its expiry 7 days ahead.
    return { etat: "ok", octets: new Uint8Array(clair), enregistre: b.expire - DUREE_MS };
  } catch {
    return { etat: "illisible" };
  }
}

export function effacer_brouillon() {
  return enFile(() => operation("readwrite", (s) => s.delete("brouillon")));
}

export function effacer_tout() {
  return enFile(async () => {
    await operation("readwrite", (s) => s.clear());
    try { localStorage.clear(); } catch { /* nothing stored there, or no storage */ }
  });
}
