// Parcours service worker: keeps the app shell and the data of one version, so the app works
// offline after the first visit. A new deployment installs beside it; the page offers to
// switch, then the old caches are removed. Written by scripts/apres-construction.mjs.
const VERSION = "__VERSION__";
const FICHIERS = __FICHIERS__;
const CACHE = `parcours-${VERSION}`;

self.addEventListener("install", (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FICHIERS)));
});

self.addEventListener("activate", (e) => {
  e.waitUntil((async () => {
    for (const k of await caches.keys()) {
      if (k.startsWith("parcours-") && k !== CACHE) await caches.delete(k);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (e) => {
  if (e.data === "activer") self.skipWaiting();
});

self.addEventListener("fetch", (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== "GET" || url.origin !== self.location.origin) return;
  e.respondWith((async () => {
    const c = await caches.open(CACHE);
    // A page load gets the cached shell: the page's state is in its query string.
    const navigation = e.request.mode === "navigate";
    const trouve = await c.match(navigation ? "./" : e.request, { ignoreSearch: navigation });
    return trouve ?? fetch(e.request);
  })());
});
