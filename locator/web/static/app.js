/* locator search page: form, result list and map kept in step; works offline.
 * Data come from script files (data/*.js) so the page also runs from file://.
 * Every text from data is set with textContent; links are built from checked parts.
 */
(function () {
  "use strict";

  var Core = window.LocatorCore;
  var CONFIG = window.LOCATOR_CONFIG || { mode: "static", defaultLang: "es", tiles: "", api: null };
  var I18N = window.LOCATOR_I18N;
  var LIMIT = 10;
  var OSM = "https://www.openstreetmap.org/";
  var state = { lang: "es", sites: [], gaz: null, gazPromise: null, results: null, place: null,
    query: "", selected: -1, map: null, resultLayer: null, markers: [], source: "local" };

  function $(id) { return document.getElementById(id); }

  function t(key, params) {
    var table = (I18N && I18N.ui[state.lang]) || {};
    var text = table[key] || (I18N && I18N.ui.es[key]) || key;
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      return params && params[name] != null ? String(params[name]) : m;
    });
  }

  function label(vocab, id) {
    var entry = I18N && I18N[vocab] && I18N[vocab][id];
    return entry ? entry[state.lang] : id;
  }

  /* Build an element: attrs are set with setAttribute, children are nodes or text. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] != null && attrs[k] !== false) { node.setAttribute(k, String(attrs[k])); }
    });
    (children || []).forEach(function (c) {
      if (c != null) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); }
    });
    return node;
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function safeUrl(url) {
    return /^https?:\/\/[^\s"<>]+$/i.test(url || "") ? url : null;
  }

  function fmt(x) {
    return x.toLocaleString(state.lang === "en" ? "en-US" : "es-MX",
      { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  }

  /* ------------------------------------------------------------ language */
  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.title = t("page_title");
    document.querySelectorAll("[data-i18n]").forEach(function (node) {
      node.textContent = t(node.getAttribute("data-i18n"));
    });
    document.querySelectorAll("[data-i18n-attr]").forEach(function (node) {
      node.getAttribute("data-i18n-attr").split(";").forEach(function (pair) {
        var parts = pair.split(":");
        node.setAttribute(parts[0], t(parts[1]));
      });
    });
    var toggle = $("lang-toggle");
    toggle.textContent = t("lang_toggle");
    toggle.setAttribute("lang", t("lang_toggle_code"));
    fillFilters();
    $("data-version").textContent = t("footer_data", { version: (window.LOCATOR_SITES || {}).version || "?" });
    if (state.results) { render(); }
  }

  function setLanguage(lang) {
    state.lang = lang === "en" ? "en" : "es";
    try { localStorage.setItem("locator.lang", state.lang); } catch (e) { /* private mode */ }
    applyLanguage();
  }

  function fillSelect(select, allKey, ids, vocab) {
    var keep = select.value;
    select.replaceChildren(el("option", { value: "" }, [t(allKey)]));
    ids.forEach(function (id) {
      select.appendChild(el("option", { value: id }, [label(vocab, id)]));
    });
    select.value = ids.indexOf(keep) >= 0 ? keep : "";
  }

  function fillFilters() {
    var kinds = [];
    var services = [];
    state.sites.forEach(function (s) {
      if (kinds.indexOf(s.kind) < 0) { kinds.push(s.kind); }
      s.services.forEach(function (x) { if (services.indexOf(x) < 0) { services.push(x); } });
    });
    var order = function (vocab) {
      var ids = Object.keys(I18N[vocab]);
      return function (a, b) { return ids.indexOf(a) - ids.indexOf(b); };
    };
    fillSelect($("kind"), "kind_all", kinds.sort(order("kinds")), "kinds");
    fillSelect($("service"), "service_all", services.sort(order("services")), "services");
  }

  /* ------------------------------------------------------------ data */
  function loadGazetteer() {
    if (state.gaz) { return Promise.resolve(state.gaz); }
    if (!state.gazPromise) {
      state.gazPromise = new Promise(function (resolve, reject) {
        var done = function () {
          if (window.LOCATOR_GAZETTEER) {
            state.gaz = new Core.Gazetteer(window.LOCATOR_GAZETTEER);
            resolve(state.gaz);
          } else { state.gazPromise = null; reject(new Core.GeoError("err_data")); }
        };
        if (window.LOCATOR_GAZETTEER) { done(); return; }
        var script = el("script", { src: "data/gazetteer.js" });
        script.addEventListener("load", done);
        script.addEventListener("error", function () { script.remove(); done(); });
        document.head.appendChild(script);
      });
    }
    return state.gazPromise;
  }

  function fromApi(q, opts) {
    /* 2 x LIMIT: the API's k-d tree may pick either of two equidistant sites at the
     * LIMIT-th place; within its answer ties follow dataset order, as Core.nearest does. */
    var params = new URLSearchParams({ q: q, limit: String(2 * LIMIT), lang: state.lang });
    if (opts.kinds.length) { params.set("kind", opts.kinds.join(",")); }
    if (opts.services.length) { params.set("service", opts.services.join(",")); }
    return fetch(CONFIG.api + "?" + params.toString(), { headers: { Accept: "application/geo+json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error("api")); })
      .then(function (fc) {
        var byId = {};
        state.sites.forEach(function (s) { byId[s.id] = s; });
        var results = fc.features.filter(function (f) { return byId[f.id]; }).slice(0, LIMIT)
          .map(function (f, i) {
            var km = f.properties.distance_km;
            return { site: byId[f.id], rank: i + 1, km: km, mi: km / Core.KM_PER_MI };
          });
        return { place: fc.query, results: results, source: "api" };
      });
  }

  /* ------------------------------------------------------------ search */
  function filters() {
    var kind = $("kind").value;
    var service = $("service").value;
    return { kinds: kind ? [kind] : [], services: service ? [service] : [] };
  }

  function showError(key, params) {
    $("error").textContent = t(key, params);
    $("error").hidden = false;
    announce("");
  }

  /* Update the polite live region; the same text again is re-announced after a pause. */
  function announce(text) {
    var live = $("status");
    window.clearTimeout(state.announceTimer);
    if (live.textContent !== text) { live.textContent = text; return; }
    live.textContent = "";
    state.announceTimer = window.setTimeout(function () { live.textContent = text; }, 100);
  }

  function search(q) {
    var opts = filters();
    var seq = state.seq = (state.seq || 0) + 1;
    state.query = q;
    document.body.setAttribute("data-busy", "true");
    $("error").hidden = true;
    announce(t("status_searching"));
    var started = performance.now();
    /* First visit, gazetteer still downloading: ask the API (same order, see tests). */
    var apiFirst = !state.gaz && CONFIG.api && navigator.onLine;
    var local = function () {
      return loadGazetteer().then(function (gaz) {
        var place = gaz.geocode(q, 1)[0];
        var results = Core.nearest(state.sites, place.lat, place.lon,
          { k: LIMIT, kinds: opts.kinds, services: opts.services });
        return { place: place, results: results, source: "local" };
      });
    };
    var work = apiFirst ? fromApi(q, opts).catch(local) : local().catch(function (err) {
      var lookup = err && (err.code === "err_not_found" || err.code === "err_zip_not_found");
      if (lookup && CONFIG.api && navigator.onLine) {
        return fromApi(q, opts).catch(function () { throw err; });
      }
      throw err;
    });
    return work.then(function (r) {
      if (seq !== state.seq) { return; }  // a newer search has started: drop this answer
      state.place = r.place;
      state.results = r.results;
      state.source = r.source;
      state.selected = -1;
      state.lastMs = performance.now() - started;
      if (state.firstResultAt == null) { state.firstResultAt = performance.now(); }
      updateUrl(q, opts);
      render();
      fitResults();
    }).catch(function (err) {
      if (seq !== state.seq) { return; }
      state.results = null;
      clearResults();
      showError(err && err.code ? err.code : "err_data", err && err.params);
    }).then(function () {
      state.searches = (state.searches || 0) + 1;
      document.body.setAttribute("data-searches", String(state.searches));
      if (seq === state.seq) { document.body.setAttribute("data-busy", "false"); }
    });
  }

  function updateUrl(q, opts) {
    var url = new URL(window.location.href);
    url.search = permalinkSearch(q, opts);
    try { window.history.replaceState(null, "", url.toString()); } catch (e) { /* file:// */ }
  }

  function permalinkSearch(q, opts) {
    var params = new URLSearchParams({ q: q });
    if (opts.kinds.length) { params.set("kind", opts.kinds[0]); }
    if (opts.services.length) { params.set("service", opts.services[0]); }
    return "?" + params.toString();
  }

  /* ------------------------------------------------------------ rendering */
  function clearResults() {
    $("results").replaceChildren();
    $("permalink").hidden = true;
    if (state.resultLayer) { state.resultLayer.clearLayers(); }
    state.markers = [];
  }

  function render() {
    clearResults();
    var results = state.results || [];
    var place = state.place.label || "";
    results.forEach(function (r, i) { $("results").appendChild(resultItem(r, i)); });
    results.forEach(function (r, i) { addMarker(r, i); });
    if (state.map && state.place) {
      L.circleMarker([state.place.lat, state.place.lon], { radius: 7, color: "#b3261e", weight: 3,
        fillOpacity: 0.2, interactive: false }).addTo(state.resultLayer);
    }
    var key = results.length === 0 ? "status_none" : (results.length === 1 ? "status_one" : "status_results");
    var text = t(key, { n: results.length, place: place });
    if (!navigator.onLine) { text += " " + t("offline_now"); }
    announce(text);
    var link = $("permalink-link");
    link.setAttribute("href", permalinkSearch(state.query, filters()));
    $("permalink").hidden = !results.length;
    if (state.selected >= 0) { select(state.selected, { focus: false, pan: false }); }
  }

  function siteMapUrl(s) {
    return OSM + "?mlat=" + s.lat + "&mlon=" + s.lon + "#map=16/" + s.lat + "/" + s.lon;
  }

  function directionsUrl(s) {
    var from = state.place ? state.place.lat + "%2C" + state.place.lon : "";
    return OSM + "directions?engine=fossgis_osrm_car&route=" + from + "%3B" + s.lat + "%2C" + s.lon;
  }

  function shareText(s) {
    return t("share_text", { name: s.name, address: s.address || s.city, phone: s.phone || "—",
      map: siteMapUrl(s) });
  }

  function link(href, text, extra) {
    var attrs = Object.assign({ href: href }, extra || {});
    return el("a", attrs, [text]);
  }

  function resultItem(r, i) {
    var s = r.site;
    var n = i + 1;
    var titleId = "result-title-" + n;
    var pick = el("button", { type: "button", class: "pick", id: "pick-" + n,
      "aria-describedby": "result-dist-" + n }, [
      el("span", { class: "rank", "aria-hidden": "true" }, [String(n)]),
      el("span", { class: "visually-hidden" }, [n + ". "]),
      el("span", { id: titleId }, [s.name])]);
    pick.addEventListener("click", function () { select(i, { focus: false, pan: true }); });
    var details = [
      el("p", { class: "kind" }, [label("kinds", s.kind)]),
      el("p", { class: "distance", id: "result-dist-" + n },
        [t("distance", { km: fmt(r.km), mi: fmt(r.mi) })])
    ];
    if (s.address) { details.push(el("p", { class: "address" }, [s.address])); }
    var note = I18N.precision[s.precision] ? I18N.precision[s.precision][state.lang] : "";
    if (note) { details.push(el("p", { class: "precision" }, [note])); }
    if (s.illustrative) {
      details.push(el("p", { class: "illustrative" }, [I18N.illustrative[state.lang]]));
    }
    if (s.hours) { details.push(el("p", { class: "hours" }, [t("hours") + ": " + s.hours])); }
    if (s.notes) { details.push(el("p", { class: "notes" }, [t("note") + ": " + s.notes])); }
    if (s.verified) { details.push(el("p", { class: "verified" }, [t("verified")])); }
    if (s.services.length) {
      details.push(el("details", { class: "services" }, [
        el("summary", {}, [t("services", { n: s.services.length })]),
        el("ul", {}, s.services.map(function (x) { return el("li", {}, [label("services", x)]); }))
      ]));
    }
    details.push(actions(s, titleId));
    return el("li", { class: "result", id: "result-" + n, "data-index": i, "data-site-id": s.id },
      [el("article", { "aria-labelledby": titleId }, [el("h3", {}, [pick])].concat(details))]);
  }

  function actions(s, titleId) {
    var ext = { rel: "noopener noreferrer", "aria-describedby": titleId };
    var items = [];
    var geo = "geo:" + s.lat + "," + s.lon + "?q=" + s.lat + "," + s.lon + "(" +
      encodeURIComponent(s.name) + ")";
    items.push(link(geo, t("directions_app"), { "aria-describedby": titleId }));
    items.push(link(directionsUrl(s), t("directions_osm"), Object.assign({ target: "_blank" }, ext)));
    var tel = (s.phone || "").replace(/[^\d+]/g, "");
    if (tel.length >= 7) {
      items.push(link("tel:" + tel, t("call", { phone: s.phone }), { "aria-describedby": titleId }));
    }
    if (safeUrl(s.url)) {
      items.push(link(s.url, t("website"), Object.assign({ target: "_blank" }, ext)));
    }
    var text = encodeURIComponent(shareText(s));
    items.push(link("https://wa.me/?text=" + text, t("share_whatsapp"),
      Object.assign({ target: "_blank" }, ext)));
    items.push(link("sms:?&body=" + text, t("share_sms"), { "aria-describedby": titleId }));
    var list = el("ul", { class: "actions" }, items.map(function (a) { return el("li", {}, [a]); }));
    if (s.precision !== "address") {
      return el("div", {}, [el("p", { class: "approx" }, [t("approx_directions")]), list]);
    }
    return list;
  }

  /* ------------------------------------------------------------ map */
  function initMap() {
    if (!window.L) { return; }
    var map = L.map("map", { minZoom: 2, maxZoom: 12, worldCopyJump: true });
    map.setView([38.5, -96], 3);
    if (CONFIG.tiles) {
      L.tileLayer(CONFIG.tiles, {
        maxNativeZoom: CONFIG.tileMaxZoom || 6, maxZoom: 12, minZoom: 0,
        errorTileUrl: "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==",
        attribution: '<a href="https://www.openstreetmap.org/copyright" rel="noopener noreferrer">' +
          escapeHtml(CONFIG.attribution || "© OpenStreetMap contributors") + "</a>"
      }).addTo(map);
    }
    if (L.markerClusterGroup) {
      map.createPane("allSites").style.zIndex = "450";
      var all = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40,
        clusterPane: "allSites" });
      state.sites.forEach(function (s) {
        var dot = L.circleMarker([s.lat, s.lon], { radius: 5, color: "#555", weight: 1,
          fillColor: "#9ab", fillOpacity: 0.8, pane: "allSites" });
        dot.bindTooltip(el("span", {}, [String(s.name)]));  // an element: Leaflet would parse a string as HTML
        all.addLayer(dot);
      });
      map.addLayer(all);
    }
    state.resultLayer = L.layerGroup().addTo(map);
    state.map = map;
  }

  function addMarker(r, i) {
    if (!state.map) { return; }
    var s = r.site;
    var badge = el("span", { class: "marker-rank" }, [String(i + 1)]);
    var marker = L.marker([s.lat, s.lon], {
      icon: L.divIcon({ className: "rank-marker", html: badge, iconSize: [32, 32], iconAnchor: [16, 16] }),
      title: t("marker_title", { n: i + 1, name: s.name }), riseOnHover: true, keyboard: true,
      zIndexOffset: (LIMIT - i) * 20
    });
    var popup = el("div", { class: "popup" }, [
      el("strong", {}, [(i + 1) + ". " + s.name]),
      el("br"), document.createTextNode(t("distance", { km: fmt(r.km), mi: fmt(r.mi) })),
      s.address ? el("br") : null, s.address ? document.createTextNode(s.address) : null
    ]);
    marker.bindPopup(popup);
    marker.on("click", function () { select(i, { focus: true, pan: false, fromMap: true }); });
    marker.addTo(state.resultLayer);
    state.markers.push(marker);
  }

  function fitResults() {
    if (!state.map || !state.results || !state.results.length) { return; }
    var pts = state.results.slice(0, 5).map(function (r) { return [r.site.lat, r.site.lon]; });
    pts.push([state.place.lat, state.place.lon]);
    state.map.fitBounds(L.latLngBounds(pts).pad(0.2), { maxZoom: 10 });
  }

  function select(i, opts) {
    state.selected = i;
    document.querySelectorAll(".result").forEach(function (li, j) {
      li.classList.toggle("is-selected", j === i);
      var pick = li.querySelector(".pick");
      if (j === i) { pick.setAttribute("aria-current", "true"); } else { pick.removeAttribute("aria-current"); }
    });
    state.markers.forEach(function (m, j) {
      var icon = m.getElement && m.getElement();
      if (icon) { icon.classList.toggle("is-selected", j === i); }
      m.setZIndexOffset(j === i ? 1000 : (LIMIT - j) * 20);
    });
    var marker = state.markers[i];
    if (marker && opts.pan) {
      state.map.setView(marker.getLatLng(), Math.max(state.map.getZoom(), 8));
      marker.openPopup();
    }
    var item = $("result-" + (i + 1));
    if (item && opts.fromMap) {
      item.scrollIntoView({ block: "nearest" });
      if (opts.focus) { item.querySelector(".pick").focus({ preventScroll: true }); }
    }
  }

  /* ------------------------------------------------------------ start */
  function locate() {
    if (!navigator.geolocation) { showError("err_geo"); return; }
    announce(t("status_locating"));
    navigator.geolocation.getCurrentPosition(function (pos) {
      var q = pos.coords.latitude.toFixed(3) + ", " + pos.coords.longitude.toFixed(3);
      $("search-input").value = q;
      search(q);
    }, function () { showError("err_geo"); }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
  }

  function registerWorker() {
    if (!("serviceWorker" in navigator) || !/^https?:$/.test(window.location.protocol)) { return; }
    navigator.serviceWorker.register("sw.js").then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () {
      $("offline-ready").setAttribute("data-i18n", "offline_ready");
      $("offline-ready").textContent = t("offline_ready");
    }).catch(function () { /* the page still works online */ });
  }

  function start() {
    if (!I18N || !window.LOCATOR_SITES || !Core) {
      $("error").textContent = "No se pudieron cargar los datos. / The data could not be loaded.";
      $("error").hidden = false;
      return;
    }
    state.sites = Core.siteRecords(window.LOCATOR_SITES);
    var saved = null;
    try { saved = localStorage.getItem("locator.lang"); } catch (e) { /* private mode */ }
    state.lang = saved === "en" || saved === "es" ? saved : (CONFIG.defaultLang || "es");
    initMap();
    applyLanguage();
    $("lang-toggle").addEventListener("click", function () {
      setLanguage(state.lang === "es" ? "en" : "es");
    });
    $("search-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      search($("search-input").value);
    });
    $("locate").addEventListener("click", locate);
    ["kind", "service"].forEach(function (id) {
      $(id).addEventListener("change", function () {
        var q = $("search-input").value.trim() || state.query;
        if (q) { search(q); }
      });
    });
    var params = new URLSearchParams(window.location.search);
    if (params.get("kind")) { $("kind").value = params.get("kind"); }
    if (params.get("service")) { $("service").value = params.get("service"); }
    document.body.setAttribute("data-ready", "true");
    if (params.get("q")) {
      $("search-input").value = params.get("q");
      search(params.get("q"));
    }
    window.setTimeout(function () { loadGazetteer().catch(function () { /* retried on search */ }); }, 300);
    registerWorker();
  }

  window.LocatorApp = { search: search, state: state, loadGazetteer: loadGazetteer };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else { start(); }
})();
