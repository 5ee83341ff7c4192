/* locator service worker: keeps the search page working offline.
 * Shell, vendor assets and data files are cached at install (the page registers the worker
 * after its first result, so this never competes with it); the page and data files are
 * network-first (fresh when online, cached when not). Map tiles are cache-first: tiles viewed
 * online are cached; all the basemap's tiles (about 280, 3 MB) only when the person presses
 * "guardar mapa sin conexión" (a prepaid phone's data is not spent without asking).
 * The API (/v1/) is never cached here: offline, the page computes results itself.
 */
"use strict";

var BUILD = "__BUILD_ID__";
var SHELL_CACHE = "locator-shell-" + BUILD;
var TILE_CACHE = "locator-tiles-v1";
var NETWORK_TIMEOUT_MS = 4000;
var SHELL = [
  "./",
  "manifest.webmanifest",
  "static/app.css",
  "static/core.js",
  "static/app.js",
  "static/icons/icon.svg",
  "static/icons/icon-192.png",
  "static/icons/icon-512.png",
  "static/vendor/leaflet/leaflet.js",
  "static/vendor/leaflet/leaflet.css",
  "static/vendor/leaflet/images/layers.png",
  "static/vendor/leaflet/images/layers-2x.png",
  "static/vendor/markercluster/leaflet.markercluster.js",
  "static/vendor/markercluster/MarkerCluster.css",
  "static/vendor/markercluster/MarkerCluster.Default.css",
  "data/config.js",
  "data/i18n.js",
  "data/sites.js",
  "data/gazetteer.js",
  "data/visits.js",
  "data/boundaries.js"
];

function scoped(path) { return new URL(path, self.registration.scope).href; }

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL_CACHE)
      .then(function (cache) { return cache.addAll(SHELL.map(scoped)); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("locator-shell-") === 0 && name !== SHELL_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function withTimeout(promise, ms) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error("timeout")); }, ms);
    promise.then(function (r) { clearTimeout(timer); resolve(r); },
      function (e) { clearTimeout(timer); reject(e); });
  });
}

/* Network first; on success refresh the cached copy under `key`; else the cached copy. */
function networkFirst(request, key) {
  return withTimeout(fetch(request), NETWORK_TIMEOUT_MS).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(SHELL_CACHE).then(function (cache) { cache.put(key, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(key, { ignoreSearch: true }).then(function (hit) {
      return hit || Response.error();
    });
  });
}

function cacheFirst(request, cacheName) {
  return caches.match(request).then(function (hit) {
    if (hit) { return hit; }
    return fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(cacheName).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    });
  });
}

/* Fetch and cache `urls` (same origin only) a few at a time, skipping cached ones. */
function precache(urls) {
  var queue = urls.filter(function (u) {
    return new URL(u, self.registration.scope).origin === self.location.origin;
  }).map(scoped);
  var count = 0;
  function worker() {
    var url = queue.shift();
    if (!url) { return Promise.resolve(); }
    var name = url.indexOf(scoped("tiles/")) === 0 ? TILE_CACHE : SHELL_CACHE;
    return caches.open(name).then(function (cache) {
      return cache.match(url).then(function (hit) {
        if (hit) { count++; return null; }
        return fetch(url).then(function (response) {
          if (response.ok) { count++; return cache.put(url, response); }
          return null;
        });
      });
    }).catch(function () { return null; }).then(worker);
  }
  var workers = [];
  for (var i = 0; i < 4; i++) { workers.push(worker()); }
  return Promise.all(workers).then(function () { return count; });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "precache" || !Array.isArray(data.urls)) { return; }
  event.waitUntil(precache(data.urls.slice(0, 5000)).then(function (count) {
    if (event.source) { event.source.postMessage({ type: "precached", count: count }); }
  }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  var path = url.href.slice(self.registration.scope.length);
  if (path.indexOf("v1/") === 0) { return; }
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, scoped("./")));
  } else if (path.indexOf("data/") === 0) {
    event.respondWith(networkFirst(request, scoped(path.split("?")[0])));
  } else if (path.indexOf("tiles/") === 0) {
    event.respondWith(cacheFirst(request, TILE_CACHE));
  } else {
    event.respondWith(cacheFirst(request, SHELL_CACHE));
  }
});
