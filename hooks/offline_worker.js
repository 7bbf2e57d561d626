// The site's service worker, written to sw.js by hooks/offline.py, which fills in VERSION (a hash
// of every precached file) and FILES (addresses relative to this worker). Precached files are
// answered from the cache first; anything else goes to the network as if there were no worker.
const VERSION = "__VERSION__";
const FILES = __FILES__;
const PREFIX = "next-step-offline-";
const CACHE = PREFIX + VERSION;

self.addEventListener("install", (event) => {
  // "reload" skips the HTTP cache, which may still hold the previous build's files.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: "reload" })))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// A newer build waits until the reader accepts the page's offer to reload (or closes every tab).
self.addEventListener("message", (event) => {
  if (event.data === "activate") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin) return;
  // A page opened from search carries ?h=words to highlight: the same page in the cache.
  if (request.mode === "navigate") url.search = "";
  // caches.match, not caches.open: after "Remove offline copy" this must not make an empty cache again.
  event.respondWith(caches.match(url.href, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
});
