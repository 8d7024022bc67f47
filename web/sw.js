// threadlab's offline copy. On install it caches the page and both builds (whichever exist);
// afterwards every same-origin GET goes to the network first, so a new release shows at once,
// and falls back to the cache when the network is gone. Cached responses keep their headers,
// so a page that was cross-origin isolated stays so offline.
"use strict";
const CACHE = "threadlab-v1";  // a new name drops every older copy on activation
const FILES = [
  "./", "index.html", "threadlab.css", "loader.js", "tl-course.js", "tl-mirror.js", "tl-export.js", "tl-scorm.js", "tl-xapi.js",
  "threadlab-single.js", "threadlab-single.wasm",
  "threadlab-threads.js", "threadlab-threads.wasm", "threadlab-threads.worker.js",
  "lab/lab.js", "lab/lab.css", "lab/kernel_worker.js", "lab/message_worker.js", "lab/threadlab-lab-kernel.wasm",
];
let cached = null;  // resolves when the install-time copy is complete

function fill() {
  return caches.open(CACHE).then((cache) =>
    // One at a time and each on its own: a variant that was not built is simply absent.
    Promise.all(FILES.map((f) => cache.add(new Request(f, { cache: "no-cache" })).catch(() => null))));
}

self.addEventListener("install", (event) => {
  cached = fill();
  event.waitUntil(cached.then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("threadlab-") && n !== CACHE)
                                        .map((n) => caches.delete(n))))
      .then(() => self.clients.claim()));
});

self.addEventListener("message", (event) => {
  if (!event.data || event.data.threadlab !== "cache-status" || !event.ports[0]) return;
  (cached || fill()).then(() => event.ports[0].postMessage("cached"));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(request);
      if (response.ok && response.type === "basic") cache.put(request, response.clone()).catch(() => {});
      return response;
    } catch (e) {
      const hit = await cache.match(request, { ignoreSearch: true });
      if (hit) return hit;
      throw e;
    }
  })());
});
