// The site's service worker, written to sw.js by hooks/offline.py, which fills in VERSION (a hash
// of every precached file) and FILE_LIST (the list of those files, addresses relative to this
// worker, with the same version). Precached files are answered from the cache first; anything
// else goes to the network as if there were no worker.
const VERSION = "__VERSION__";
const FILE_LIST = "__FILE_LIST__";
const PREFIX = "next-step-offline-";
// "" for English, "es-" for the Spanish build (site/es): each language's worker keeps and clears only its own caches.
const OWN = PREFIX + "__LANGUAGE__";
const CACHE = OWN + VERSION;

// "reload" skips the HTTP cache, which may still hold the previous build's files.
const fresh = (file) => new Request(file, { cache: "reload" });

self.addEventListener("install", (event) => {
  event.waitUntil(
    fetch(fresh(FILE_LIST))
      .then((response) => response.json())
      .then(async (list) => {
        // A list from another build (a deploy half done) would fill this cache with the wrong files: fail, and try again on the next visit.
        if (list.version !== VERSION) throw new Error(`${FILE_LIST} is for version ${list.version}, not ${VERSION}`);
        await (await caches.open(CACHE)).addAll(list.files.map(fresh));
      }),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(OWN) && /^[0-9a-f]+$/.test(name.slice(OWN.length)) && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// A newer build waits until the reader accepts the page's offer to reload (or closes every tab).
self.addEventListener("message", (event) => {
  if (event.data === "activate") self.skipWaiting();
});

// Material reads a sitemap beside each page's language alternates (hooks/alternates.py writes them, all empty); the
// copy keeps none of them, so offline each gets an empty one from here instead of a failed request.
const offlineSitemap = (url, error) => {
  if (!url.pathname.endsWith("/sitemap.xml")) throw error;
  return new Response('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n', { headers: { "Content-Type": "application/xml" } });
};

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin) return;
  // A page opened from search carries ?h=words to highlight: the same page in the cache.
  if (request.mode === "navigate") url.search = "";
  // caches.match, not caches.open: after "Remove offline copy" this must not make an empty cache again.
  event.respondWith(caches.match(url.href, { cacheName: CACHE }).then((hit) => hit || fetch(request).catch((error) => offlineSitemap(url, error))));
});
