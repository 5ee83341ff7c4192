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
  var API_TIMEOUT_MS = 3000;      // the first search waits this long for the API, then local
  var DATA_TIMEOUT_MS = 30000;
  var OUTSIDE_KM = 100;           // farther than this from every US ZIP: outside the US    // a data file that never arrives: an error, not "Buscando…"
  var OSM = "https://www.openstreetmap.org/";
  var state = { lang: "es", sites: [], gaz: null, gazPromise: null, results: null, place: null, walkKinds: [],
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
    fillLegend();
    mapTexts();
    fillSubtitle();
    if (state.registration) { saveMapLabel(); }
    $("data-version").textContent = t("footer_data", { version: (window.LOCATOR_SITES || {}).version || "?" });
    if (state.results) { render(); }
    if (state.error && !$("error").hidden) { $("error").textContent = t(state.error[0], state.error[1]); }
    if (state.choices) { showChoices.apply(null, state.choices); }
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

  /* The subtitle names only the kinds of place the data holds (no clinics: no promise). */
  function fillSubtitle() {
    var names = [];
    var kinds = [];
    state.sites.forEach(function (s) { if (kinds.indexOf(s.kind) < 0) { kinds.push(s.kind); } });
    Object.keys(I18N.kind_plural || {}).concat(kinds).forEach(function (k) {
      if (kinds.indexOf(k) < 0) { return; }
      var name = I18N.kind_plural[k] ? I18N.kind_plural[k][state.lang] : label("kinds", k);
      if (names.indexOf(name) < 0) { names.push(name); }
    });
    if (!names.length) { return; }
    var list = names.length === 1 ? names[0] : names.slice(0, -1).join(", ") + " " + t("and") + " " +
      names[names.length - 1];
    var node = document.querySelector(".subtitle");
    node.textContent = t("subtitle_kinds", { kinds: list.charAt(0).toUpperCase() + list.slice(1) });
  }

  function fillFilters() {
    var kinds = [];
    var services = [];
    state.sites.forEach(function (s) {
      if (kinds.indexOf(s.kind) < 0 && state.walkKinds.indexOf(s.kind) >= 0) { kinds.push(s.kind); }
      s.services.forEach(function (x) { if (services.indexOf(x) < 0) { services.push(x); } });
    });
    var order = function (vocab) {
      var ids = Object.keys(I18N[vocab]);
      return function (a, b) { return ids.indexOf(a) - ids.indexOf(b); };
    };
    fillSelect($("kind"), "kind_all", kinds.sort(order("kinds")), "kinds");
    fillSelect($("service"), "service_all", services.sort(order("services")), "services");
    var langs = [];
    state.sites.forEach(function (s) {
      (s.languages || []).forEach(function (x) { if (langs.indexOf(x) < 0) { langs.push(x); } });
    });
    fillSelect($("language"), "language_all", langs.sort(), "languages");
    $("language-filter").hidden = !langs.length;  // no language data: no language filter
    $("service-filter").hidden = !services.length;
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
        var timer = window.setTimeout(function () {
          if (!state.gaz) { state.gazPromise = null; reject(new Core.GeoError("err_data_slow")); }
        }, CONFIG.dataTimeoutMs || DATA_TIMEOUT_MS);
        var script = el("script", { src: "data/gazetteer.js" });
        script.addEventListener("load", function () { window.clearTimeout(timer); });
        script.addEventListener("load", done);
        script.addEventListener("error", function () { script.remove(); done(); });
        document.head.appendChild(script);
      });
    }
    return state.gazPromise;
  }

  /* fetch() that gives up after ms (the request is aborted): a stalled API never keeps
   * the page at "Buscando…". Rejects with {timeout: true} or the network error. */
  function fetchWithin(url, ms, init) {
    var ctrl = window.AbortController ? new AbortController() : null;
    var timer = null;
    var timeout = new Promise(function (resolve, reject) {
      timer = window.setTimeout(function () {
        reject({ timeout: true });  // first: the race settles on this, not on the abort
        if (ctrl) { ctrl.abort(); }
      }, ms);
    });
    var request = fetch(url, Object.assign({}, init || {}, ctrl ? { signal: ctrl.signal } : {}));
    return Promise.race([request, timeout]).then(function (r) {
      window.clearTimeout(timer);
      return r;
    }, function (e) { window.clearTimeout(timer); throw e; });
  }

  /* The API's answer as {place, results, source: "api"}. A 404 with suggestions rejects
   * with a GeoError carrying them (shown as "¿Quiso decir…?"). */
  function fromApi(q, opts) {
    /* 2 x LIMIT: the API's k-d tree may pick either of two equidistant sites at the
     * LIMIT-th place; within its answer ties follow dataset order, as Core.nearest does. */
    var params = new URLSearchParams({ q: q, limit: String(2 * LIMIT), lang: state.lang });
    params.set("kind", opts.kinds.join(","));
    if (opts.services.length) { params.set("service", opts.services.join(",")); }
    var url = CONFIG.api + "?" + params.toString();
    return fetchWithin(url, CONFIG.apiTimeoutMs || API_TIMEOUT_MS,
      { headers: { Accept: "application/geo+json" } })
      .then(function (r) {
        if (r.ok) { return r.json(); }
        if (r.status === 404) {
          return r.json().then(function (body) {
            var sugg = (body && Array.isArray(body.suggestions) ? body.suggestions : [])
              .filter(function (x) { return typeof x === "string"; }).slice(0, 5);
            throw new Core.GeoError("err_not_found", { q: q, suggestions: sugg, api: true });
          }, function (e) {
            if (e instanceof Core.GeoError) { throw e; }
            throw new Error("api");
          });
        }
        return Promise.reject(new Error("api"));
      })
      .then(function (fc) {
        var byId = {};
        state.sites.forEach(function (s) { byId[s.id] = s; });
        var results = fc.features.filter(function (f) {
          return byId[f.id] && opts.kinds.indexOf(byId[f.id].kind) >= 0;
        }).slice(0, LIMIT).map(function (f, i) {
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
    var language = $("language").value;
    /* no kind chosen: every kind people walk into (mobile units are shown as their stops) */
    return { kinds: kind ? [kind] : state.walkKinds.slice(), services: service ? [service] : [],
      languages: language ? [language] : [], kind: kind };
  }

  function showError(key, params) {
    state.error = [key, params];
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

  /* q: the typed text; how.here: {lat, lon} of "use my location" (never put in the URL);
   * how.user: started by the person (focus and scroll go to the results summary). */
  function search(q, how) {
    how = how || {};
    var opts = filters();
    var seq = state.seq = (state.seq || 0) + 1;
    state.query = how.here ? "" : q;
    state.here = how.here || null;
    document.body.setAttribute("data-busy", "true");
    $("error").hidden = true;
    hideChoices();
    announce(t("status_searching"));
    var started = performance.now();
    /* First visit, gazetteer still downloading: ask the API (same order, see tests). */
    var apiFirst = !how.here && !state.gaz && CONFIG.api && navigator.onLine &&
      !opts.languages.length;  // the page filters languages itself
    var here = function () {
      var place = { label: t("near_you"), lat: how.here.lat, lon: how.here.lon, here: true };
      var results = Core.nearest(state.sites, place.lat, place.lon,
        { k: LIMIT, kinds: opts.kinds, services: opts.services, languages: opts.languages });
      return Promise.resolve({ place: place, results: results, source: "local" });
    };
    var local = function () {
      return loadGazetteer().then(function (gaz) {
        var place;
        try { place = gaz.geocode(q, 1)[0]; } catch (err) {
          if (err && err.code === "err_not_found" && gaz.isOutside(q)) {
            throw new Core.GeoError("err_outside", { q: q });
          }
          if (err && err.code === "err_not_found") {
            err.params.suggestions = gaz.suggest(q, 5).map(choiceOf);
          }
          throw err;
        }
        var results = Core.nearest(state.sites, place.lat, place.lon,
          { k: LIMIT, kinds: opts.kinds, services: opts.services, languages: opts.languages });
        return { place: place, results: results, source: "local" };
      });
    };
    var isLookup = function (err) {
      return err && (err.code === "err_not_found" || err.code === "err_zip_not_found");
    };
    var work;
    if (how.here) {
      work = here();
    } else if (apiFirst) {
      /* a lookup miss is an answer; a timeout or a failure falls back to the browser's data */
      work = fromApi(q, opts).catch(function (err) {
        if (isLookup(err)) {
          /* the browser also knows NYC, "el Bronx" and places outside the US */
          return local().catch(function (mine) {
            if (!isLookup(mine) && !(mine && mine.code === "err_outside")) { throw err; }
            if (mine.code === "err_outside") { throw mine; }
            mine.params.suggestions = mergeChoices(
              (err.params.suggestions || []).map(apiChoice),
              mine.params.suggestions || []);
            throw mine;
          });
        }
        return local().then(function (r) { r.fallback = err && err.timeout ? "slow" : "failed"; return r; });
      });
    } else {
      work = local().catch(function (err) {
        if (isLookup(err) && CONFIG.api && navigator.onLine) {
          return fromApi(q, opts).catch(function (apiErr) {
            if (isLookup(apiErr)) {
              err.params.suggestions = mergeChoices(
                (apiErr.params.suggestions || []).map(apiChoice),
                err.params.suggestions || []);
            }
            throw err;
          });
        }
        throw err;
      });
    }
    return work.then(function (r) {
      if (seq !== state.seq) { return; }  // a newer search has started: drop this answer
      state.place = r.place;
      state.results = r.results;
      state.source = r.source;
      state.fallback = r.fallback || "";
      state.outside = false;
      state.selected = -1;
      state.lastMs = performance.now() - started;
      if (state.firstResultAt == null) { state.firstResultAt = performance.now(); }
      updateUrl(state.query, opts);
      render();
      fitResults();
      showAlternatives(seq, q, how);
      checkOutside(seq);
      if (how.user) { showSummary(); }
    }).catch(function (err) {
      if (seq !== state.seq) { return; }
      state.results = null;
      state.place = null;
      clearResults();
      updateUrl("", opts);
      showError(err && err.code ? err.code : "err_data", err && err.params);
      var sugg = err && err.params && err.params.suggestions;
      if (sugg && sugg.length) { showChoices("choices_did_you_mean", sugg); }
    }).then(function () {
      state.searches = (state.searches || 0) + 1;
      document.body.setAttribute("data-searches", String(state.searches));
      if (seq === state.seq) { document.body.setAttribute("data-busy", "false"); }
      window.setTimeout(afterFirst, 0);
    });
  }

  /* ------------------------------------------------------------ choices */
  /* A place as a choice: what the button says and the text it searches. */
  function choiceOf(p) {
    return { q: p.precision === "state" ? p.state : p.label, place: p };
  }

  /* What a choice's button says, in the current language. */
  function choiceLabel(c) {
    if (!c.place) { return placeName({ precision: "city", label: c.q }); }
    return c.place.precision === "state" ? t("state_choice", { name: placeName(c.place) }) :
      placeName(c.place);
  }

  /* An API suggestion ("Los Angeles, CA") as a choice, named in the page's language. */
  function apiChoice(text) {
    return { q: text };
  }

  function mergeChoices(a, b) {
    var seen = {};
    return a.concat(b).filter(function (c) {
      var key = Core.normalize(c.q);
      if (seen[key]) { return false; }
      seen[key] = true;
      return true;
    }).slice(0, 6);
  }

  function hideChoices() {
    state.choices = null;
    $("choices").hidden = true;
    $("choices-list").replaceChildren();
  }

  /* params: a function (labels follow the language); kept to redraw on a language switch */
  function showChoices(titleKey, choices, params) {
    state.choices = [titleKey, choices, params];
    $("choices-title").textContent = t(titleKey, typeof params === "function" ? params() : params);
    $("choices-list").replaceChildren.apply($("choices-list"), choices.map(function (c) {
      var button = el("button", { type: "button", class: "choice" }, [choiceLabel(c)]);
      button.addEventListener("click", function () {
        $("search-input").value = c.q;
        search(c.q, { user: true });
      });
      return el("li", {}, [button]);
    }));
    $("choices").hidden = false;
  }

  /* Names that several places share ("Washington", "Springfield", "LA"): the results are for
   * the most likely one, and the others are offered, never picked silently. */
  function showAlternatives(seq, q, how) {
    hideChoices();
    if (how.here || !q) { return; }
    loadGazetteer().then(function (gaz) {
      if (seq !== state.seq) { return; }
      var found;
      try { found = gaz.geocode(q, 6); } catch (e) { return; }
      var top = found[0];
      if (top.precision === "postal_code" || top.precision === "coordinates") { return; }
      var others = found.slice(1).filter(function (p) {
        return p.score >= top.score - 0.12 && p.label !== state.place.label;
      });
      if (!others.length) { return; }
      showChoices("choices_other_places", others.map(choiceOf),
        function () { return { q: q, place: placeLabel() }; });
    }).catch(function () { /* no gazetteer: no choices */ });
  }

  /* A point far from every US ZIP code (Mexico City, the sea) is outside the US: say so. */
  function checkOutside(seq) {
    var p = state.place;
    if (!p || !(p.here || p.precision === "coordinates")) { return; }
    loadGazetteer().then(function (gaz) {
      if (seq !== state.seq || gaz.nearestZipKm(p.lat, p.lon) <= OUTSIDE_KM) { return; }
      state.outside = true;
      render();
    }).catch(function () { /* no gazetteer: nothing to say */ });
  }

  /* The URL names a typed search only: never coordinates from the device, never a failed
   * query (with no query, only the filters stay). */
  function updateUrl(q, opts) {
    var url = new URL(window.location.href);
    url.search = q ? permalinkSearch(q, opts) : permalinkSearch("", opts).replace(/^\?q=&?/, "?");
    if (url.search === "?") { url.search = ""; }
    try { window.history.replaceState(null, "", url.toString()); } catch (e) { /* file:// */ }
  }

  function showSummary() {
    var heading = $("results-heading");
    heading.focus({ preventScroll: true });
    $("status").scrollIntoView({ block: "start" });
  }

  function permalinkSearch(q, opts) {
    var params = new URLSearchParams({ q: q });
    if (opts.kind) { params.set("kind", opts.kind); }
    if (opts.services.length) { params.set("service", opts.services[0]); }
    return "?" + params.toString();
  }

  /* ------------------------------------------------------------ rendering */
  function clearResults() {
    $("results").replaceChildren();
    $("permalink").hidden = true;
    if (state.map) { state.map.closePopup(); state.map.eachLayer(function (l) { if (l.closeTooltip) { l.closeTooltip(); } }); }
    if (state.resultLayer) { state.resultLayer.clearLayers(); }
    state.markers = [];
  }

  /* A city's or state's name in the page's language ("Nueva York", "Nuevo México"). */
  function cityName(name) {
    return state.lang === "es" && I18N.cities_es && I18N.cities_es[name] ? I18N.cities_es[name] : name;
  }

  function stateName(code, fallback) {
    return state.lang === "es" && I18N.states_es && I18N.states_es[code] ? I18N.states_es[code] : fallback;
  }

  /* A place's name for people, in the page's language: the API and the gazetteer label
   * places in English ("New York, NY", "New Mexico", "Cook County, IL"). */
  function placeName(p) {
    var label = p.label || "";
    if (p.precision === "state") {
      return stateName(p.state || (I18N.state_codes || {})[label], label);
    }
    if (p.precision === "county") {
      var m = /^(.*) County, ([A-Z]{2})$/.exec(label);
      return m ? t("county_label", { name: m[1] }) + ", " + m[2] : label;
    }
    if (p.precision === "city") {
      var c = /^(.*), ([A-Z]{2})$/.exec(label);
      return c ? cityName(c[1]) + ", " + c[2] : label;
    }
    if (p.precision === "postal_code") {
      var z = /^(\d{5}) (.*), ([A-Z]{2})$/.exec(label);
      return z ? z[1] + " " + cityName(z[2]) + ", " + z[3] : label;
    }
    return label;
  }

  /* "New York, NY" (a stop's place) in the page's language: "Nueva York, NY". */
  function cityPlace(text) {
    return placeName({ precision: "city", label: String(text || "") });
  }

  /* A site's name in the page's language: the city part of "Consulado de México en New
   * York" is the city's Spanish name on the Spanish page. */
  function siteName(s) {
    var name = String(s.name || "");
    var city = String(s.city || "");
    var es = cityName(city);
    if (es !== city && city && name.slice(-city.length) === city) {
      return name.slice(0, name.length - city.length) + es;
    }
    return name;
  }

  function placeLabel() {
    return state.place.here ? t("near_you") : placeName(state.place);
  }

  function render() {
    clearResults();
    var results = state.results || [];
    var place = placeLabel();
    results.forEach(function (r, i) { $("results").appendChild(resultItem(r, i)); });
    addMarkers(results);
    addPlaceMarker();
    var key = results.length === 0 ? "status_none" : (results.length === 1 ? "status_one" : "status_results");
    var text = t(key, { n: results.length, place: place });
    if (state.outside) { text = t("outside_us") + " " + text; }
    if (!navigator.onLine) {
      text += " " + t("offline_now");
    } else if (state.fallback) {
      text += " " + t(state.fallback === "slow" ? "api_slow" : "api_failed");
    }
    announce(text);
    var link = $("permalink-link");
    link.setAttribute("href", permalinkSearch(state.query, filters()));
    $("permalink").hidden = !results.length || !state.query;
    if (state.selected >= 0) { select(state.selected, { focus: false, pan: false }); }
    renderVisits();
  }

  function siteMapUrl(s) {
    return OSM + "?mlat=" + s.lat + "&mlon=" + s.lon + "#map=16/" + s.lat + "/" + s.lon;
  }

  function shareText(s) {
    var phone = !s.contact_fallback && s.phone;
    return t(phone ? "share_text" : "share_text_nophone", { name: siteName(s),
      address: s.address || s.city, phone: phone, map: siteMapUrl(s) });
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
      el("span", { id: titleId }, [siteName(s)])]);
    pick.addEventListener("click", function () { select(i, { focus: false, pan: true }); });
    var details = [
      el("p", { class: "kind" }, [label("kinds", s.kind)]),
      el("p", { class: "distance", id: "result-dist-" + n },
        [t("distance", { km: fmt(r.km), mi: fmt(r.mi) })])
    ];
    /* a postal address stays as the post office writes it (not translated) */
    if (s.address) { details.push(el("p", { class: "address", translate: "no" }, [s.address])); }
    var note = I18N.precision[s.precision] ? I18N.precision[s.precision][state.lang] : "";
    if (note) { details.push(el("p", { class: "precision" }, [note])); }
    if (s.illustrative) {
      details.push(el("p", { class: "illustrative" }, [I18N.illustrative[state.lang]]));
    }
    if (evidenceText(s, "address")) {
      details.push(el("p", { class: "evidence" }, [evidenceText(s, "address")]));
    }
    var hours = (state.lang === "en" && s.hours_en) || s.hours;  /* es: days and words said in Spanish */
    if (hours) {
      details.push(el("p", { class: "hours" }, [s.hours_source_date ?
        t("hours_dated", { hours: hours, date: s.hours_source_date }) : t("hours") + ": " + hours]));
    }
    /* with no hours shown, a label says why (sources disagree: neither value is a fact) */
    if (evidenceText(s, "hours")) { details.push(el("p", { class: "evidence" }, [evidenceText(s, "hours")])); }
    if (s.notes) {
      details.push(el("p", { class: "notes" }, [t("note") + ": " + Core.langPart(s.notes, state.lang)]));
    }
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

  /* Directions in maps apps that need internet (walking, transit, car), in a fold. */
  function directionsBlock(s, titleId) {
    var to = s.lat + "," + s.lon;
    var from = state.place && !state.place.here ? state.place.lat + "," + state.place.lon : "";
    var ext = { target: "_blank", rel: "noopener noreferrer", "aria-describedby": titleId };
    var google = function (mode) {
      return "https://www.google.com/maps/dir/?api=1&destination=" + encodeURIComponent(to) +
        (from ? "&origin=" + encodeURIComponent(from) : "") + "&travelmode=" + mode;
    };
    var apple = function (flag) {
      return "https://maps.apple.com/?daddr=" + encodeURIComponent(to) +
        (from ? "&saddr=" + encodeURIComponent(from) : "") + "&dirflg=" + flag;
    };
    var osm = function (engine) {
      return OSM + "directions?engine=" + engine + "&route=" + (from ? from.replace(",", "%2C") : "") +
        "%3B" + s.lat + "%2C" + s.lon;
    };
    var rows = [
      ["dir_walk", [["Google Maps", google("walking")], ["Apple Maps", apple("w")],
        ["OpenStreetMap", osm("fossgis_osrm_foot")]]],
      ["dir_transit", [["Google Maps", google("transit")], ["Apple Maps", apple("r")]]],
      ["dir_car", [["Google Maps", google("driving")], ["Apple Maps", apple("d")],
        ["OpenStreetMap", osm("fossgis_osrm_car")]]]
    ];
    return el("details", { class: "directions" }, [
      el("summary", {}, [t("directions")]),
      el("ul", {}, rows.map(function (row) {
        return el("li", {}, [el("span", { class: "dir-mode" }, [t(row[0]) + ": "])].concat(
          row[1].map(function (app) {
            return link(app[1], app[0], Object.assign({ class: "dir-link", "data-mode": row[0] }, ext));
          })));
      }))
    ]);
  }

  /* CIAM and MEXITEL for a place with no sourced phone of its own (never "Tel. —"). */
  function nationalLines(titleId) {
    var lines = (I18N.national_lines && I18N.national_lines[state.lang]) || [];
    if (!lines.length) { return null; }
    return el("div", { class: "national" }, [
      el("p", {}, [t("no_phone")]),
      el("ul", {}, lines.map(function (line) {
        var tel = /^\+\d{8,15}$/.test(line.tel || "") ? "tel:" + line.tel : null;
        return el("li", { class: "national-line" }, [
          el("strong", {}, [line.name]),
          line.what ? el("p", {}, [line.what]) : null,
          line.hours ? el("p", {}, [t("line_hours", { hours: line.hours })]) : null,
          line.evidence_label ? el("p", { class: "evidence" }, [line.evidence_label]) : null,
          tel ? link(tel, t("call", { phone: line.phone }), { class: "call", "aria-describedby": titleId }) : null
        ]);
      }))
    ]);
  }

  function evidenceText(s, field) {
    var e = s.evidence && s.evidence[field];
    return e ? (e[state.lang] || e.es) : "";
  }

  function actions(s, titleId) {
    var ext = { rel: "noopener noreferrer", "aria-describedby": titleId };
    var items = [];
    var parts = [];
    /* tel: made in Python (geodata.phones), only for a valid number */
    var tel = !s.contact_fallback && /^tel:\+\d{7,15}$/.test(s.tel || "") ? s.tel : null;
    if (tel) {
      items.push(link(tel, t("call", { phone: s.phone }), { class: "call", "aria-describedby": titleId }));
    }
    var geo = "geo:" + s.lat + "," + s.lon + "?q=" + s.lat + "," + s.lon + "(" +
      encodeURIComponent(siteName(s)) + ")";
    items.push(link(geo, t("geo_app"), { "aria-describedby": titleId }));
    if (safeUrl(s.url)) {
      items.push(link(s.url, t("website"), Object.assign({ target: "_blank" }, ext)));
    }
    var text = encodeURIComponent(shareText(s));
    items.push(link("https://wa.me/?text=" + text, t("share_whatsapp"),
      Object.assign({ target: "_blank" }, ext)));
    items.push(link("sms:?&body=" + text, t("share_sms"), { "aria-describedby": titleId }));
    /* the phone's label beside its call link, or alone when no number is shown (disputed) */
    if ((tel || !s.phone) && evidenceText(s, "phone")) { parts.push(el("p", { class: "evidence" }, [evidenceText(s, "phone")])); }
    if (s.contact_fallback) { parts.push(nationalLines(titleId)); }
    if (s.precision !== "address") { parts.push(el("p", { class: "approx" }, [t("approx_directions")])); }
    parts.push(el("ul", { class: "actions" }, items.map(function (a) { return el("li", {}, [a]); })));
    parts.push(directionsBlock(s, titleId));
    return el("div", { class: "contact" }, parts);
  }

  /* ------------------------------------------------------------ mobile units */
  var VISIT_KM = 100;     // next visits within this great-circle distance of the place
  var VISIT_DAYS = 60;    // ... and this many days
  var VISIT_MAX = 6;

  function loadScript(name, global) {
    if (window[global]) { return Promise.resolve(window[global]); }
    return new Promise(function (resolve, reject) {
      var script = el("script", { src: "data/" + name + ".js" });
      script.addEventListener("load", function () {
        if (window[global]) { resolve(window[global]); } else { reject(new Error(name)); }
      });
      script.addEventListener("error", function () { script.remove(); reject(new Error(name)); });
      document.head.appendChild(script);
    });
  }

  /* The next visits near the searched place, from the saved data (works offline). */
  function nearVisits(data, place, now) {
    var until = now + VISIT_DAYS * 86400000;
    var out = [];
    data.visits.forEach(function (v) {
      var stop = data.stops[v[0]];
      var start = Date.parse(v[1]);
      var end = Date.parse(v[2]);
      if (end < now || start > until) { return; }
      var km = Core.haversineKm(place.lon, place.lat, stop.lon, stop.lat);
      if (km > VISIT_KM) { return; }
      out.push({ stop: stop, start: v[1], end: v[2], text: { es: v[3], en: v[4] }, km: km,
        route: routeOf(data, stop.route_id) });
    });
    return out.slice(0, VISIT_MAX);
  }

  function routeOf(data, id) {
    for (var i = 0; i < data.routes.length; i++) { if (data.routes[i].id === id) { return data.routes[i]; } }
    return { id: id, name: "", illustrative: false, line: [] };
  }

  function renderVisits() {
    var section = $("visits");
    var data = window.LOCATOR_VISITS;
    if (!state.place || !state.results) { section.hidden = true; return; }
    if (!data) {
      loadScript("visits", "LOCATOR_VISITS").then(renderVisits, function () { section.hidden = true; });
      return;
    }
    if (!data.stops.length) { section.hidden = true; return; }  // no mobile unit: no promise
    var visits = nearVisits(data, state.place, Date.now());
    state.visits = visits;
    var params = { km: VISIT_KM, days: VISIT_DAYS, place: placeLabel() };
    $("visits-summary").textContent = t(visits.length ? "visits_summary" : "visits_none", params) +
      (Date.now() + VISIT_DAYS * 86400000 > Date.parse(data.until) ?
        " " + t("visits_until", { date: data.until }) : "");
    $("visits-list").replaceChildren.apply($("visits-list"), visits.map(visitItem));
    $("visits-all").hidden = visits.length < 2;
    section.hidden = false;
    if (state.routeShown) { showRoute(state.routeShown, { pan: false }); }
  }

  function visitItem(v, i) {
    var when = el("p", { class: "visit-when" }, [v.text[state.lang] || v.text.es]);
    var parts = [when];
    if (v.stop.illustrative || v.route.illustrative) {
      /* as prominent as the date: same size and weight, right under it */
      parts.push(el("p", { class: "visit-illustrative" }, [t("visit_illustrative")]));
    }
    parts.push(el("p", { class: "visit-where" }, [t("visit_where",
      { place: cityPlace(v.stop.place), km: fmt(v.km), mi: fmt(v.km / Core.KM_PER_MI) })]));
    if (v.route.name) { parts.push(el("p", { class: "visit-route" }, [Core.langPart(v.route.name, state.lang)])); }
    var ics = el("button", { type: "button", class: "secondary small", id: "visit-ics-" + (i + 1),
      "aria-describedby": "visit-when-" + (i + 1) }, [t("ics_one")]);
    when.id = "visit-when-" + (i + 1);
    ics.addEventListener("click", function () { downloadIcs([v], "visita-" + (i + 1) + ".ics"); });
    var route = el("button", { type: "button", class: "secondary small",
      "aria-describedby": "visit-when-" + (i + 1) }, [t("show_route")]);
    route.addEventListener("click", function () { showRoute(v.route.id, { pan: true }); });
    parts.push(el("div", { class: "visit-actions" }, [ics, route]));
    return el("li", { class: "visit", "data-stop-id": v.stop.id }, parts);
  }

  /* RFC 5545 text: backslash, comma, semicolon and newlines escaped; lines folded. */
  function icsEscape(text) {
    return String(text).replace(/\\/g, "\\\\").replace(/([,;])/g, "\\$1").replace(/\r?\n/g, "\\n");
  }

  /* Lines of at most 75 octets (UTF-8), continued with a space (RFC 5545 3.1). */
  function icsFold(line) {
    var out = [];
    var cur = "";
    var bytes = 0;
    var enc = new TextEncoder();
    Array.from(line).forEach(function (ch) {
      var b = enc.encode(ch).length;
      if (bytes + b > 74) { out.push(cur); cur = " "; bytes = 1; }
      cur += ch;
      bytes += b;
    });
    out.push(cur);
    return out.join("\r\n");
  }

  function icsTime(iso) {
    return new Date(Date.parse(iso)).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  }

  function icsText(visits) {
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//locator//visitas//ES", "CALSCALE:GREGORIAN"];
    var stamp = icsTime(new Date().toISOString());
    visits.forEach(function (v) {
      var illustrative = v.stop.illustrative || v.route.illustrative;
      var title = kindLabelMobile() + " — " + cityPlace(v.stop.place);
      lines.push("BEGIN:VEVENT", "UID:" + v.stop.id + "-" + icsTime(v.start) + "@locator",
        "DTSTAMP:" + stamp, "DTSTART:" + icsTime(v.start), "DTEND:" + icsTime(v.end),
        icsFold("SUMMARY:" + icsEscape((illustrative ? t("visit_illustrative").split(":")[0] + ": " : "") + title)),
        icsFold("LOCATION:" + icsEscape(cityPlace(v.stop.place))),
        "GEO:" + v.stop.lat + ";" + v.stop.lon,
        icsFold("DESCRIPTION:" + icsEscape((illustrative ? t("ics_illustrative") + " " : "") +
          Core.langPart(v.route.name, state.lang))),
        "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.join("\r\n") + "\r\n";
  }

  function kindLabelMobile() {
    var kinds = CONFIG.mobileKinds || ["vds_mobile"];
    return label("kinds", kinds[0]);
  }

  function downloadIcs(visits, name) {
    var blob = new Blob([icsText(visits)], { type: "text/calendar;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: name, hidden: "hidden" });
    document.body.appendChild(a);
    a.click();
    window.setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }

  /* A route on the main map (dashed when illustrative) and its stops as a list. */
  function showRoute(routeId, opts) {
    var data = window.LOCATOR_VISITS;
    if (!data) { return; }
    var route = routeOf(data, routeId);
    var stops = data.stops.filter(function (s) { return s.route_id === routeId; })
      .sort(function (a, b) { return a.sequence - b.sequence; });
    state.routeShown = routeId;
    $("route-stops-heading").textContent = t("route_stops", { route: Core.langPart(route.name, state.lang) });
    $("route-stops-list").replaceChildren.apply($("route-stops-list"), stops.map(function (s, i) {
      return el("li", {}, [t("route_stop", { n: i + 1, place: cityPlace(s.place) }) +
        (s.illustrative ? " — " + t("visit_illustrative") : "")]);
    }));
    $("route-stops").hidden = false;
    if (!state.map) { return; }
    if (state.routeLayer) { state.routeLayer.remove(); }
    state.routeLayer = L.layerGroup().addTo(state.map);
    if (route.line.length > 1) {
      L.polyline(route.line, { color: "#7a3e00", weight: 4, opacity: 0.9,
        dashArray: route.illustrative ? "8 6" : null, className: "route-line", interactive: false })
        .addTo(state.routeLayer);
    }
    stops.forEach(function (s, i) {
      L.circleMarker([s.lat, s.lon], { radius: 7, color: "#7a3e00", weight: 2, fillColor: "#fff",
        fillOpacity: 1, className: "route-stop" })
        .bindTooltip(function () { return el("span", {}, [t("route_stop", { n: i + 1, place: cityPlace(s.place) })]); })
        .addTo(state.routeLayer);
    });
    fillLegend();
    if (opts.pan) {
      var pts = stops.map(function (s) { return [s.lat, s.lon]; }).concat(route.line);
      if (pts.length) { state.map.fitBounds(L.latLngBounds(pts).pad(0.15)); }
      $("map").scrollIntoView({ block: "nearest" });
    }
  }

  /* ------------------------------------------------------------ map */
  function initMap() {
    if (!window.L) { return; }
    /* the deepest zoom of any basemap first (MarkerCluster builds its levels up to it), then
     * limitZoom() keeps the map where its tiles are sharp */
    var maxZoom = CONFIG.mapMaxZoom || CONFIG.tileMaxZoom || 6;
    var map = L.map("map", { minZoom: 2, maxZoom: maxZoom, worldCopyJump: true,
      zoomControl: false });
    map.setView([38.5, -96], 3);
    state.zoom = L.control.zoom({ zoomInTitle: t("zoom_in"), zoomOutTitle: t("zoom_out") });
    state.zoom.addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com/" rel="noopener noreferrer">Leaflet</a>');
    state.map = map;
    addBasemaps(map);
    /* Leaflet's own popup close button says "Close popup": in the page's language */
    map.on("popupopen", function (ev) {
      var close = ev.popup.getElement && ev.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) { close.setAttribute("aria-label", t("close")); close.setAttribute("title", t("close")); }
    });
    if (L.markerClusterGroup) {
      map.createPane("allSites").style.zIndex = "450";
      var all = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40,
        clusterPane: "allSites" });
      state.sites.forEach(function (s) {
        var dot = L.circleMarker([s.lat, s.lon], { radius: 5, color: "#555", weight: 1,
          fillColor: "#9ab", fillOpacity: 0.8, pane: "allSites" });
        /* an element: Leaflet would parse a string as HTML; a function: in the current language */
        dot.bindTooltip(function () { return el("span", {}, [siteName(s)]); });
        all.addLayer(dot);
      });
      map.addLayer(all);
      state.allSites = all;
      /* the overview of all sites is for the eye (the list is for everyone): its cluster
       * bubbles are no Tab stops and no tiny touch targets for assistive technology */
      var quiet = function () {
        document.querySelectorAll("#map .marker-cluster").forEach(function (n) {
          n.removeAttribute("tabindex");
          n.setAttribute("aria-hidden", "true");
        });
      };
      all.on("animationend", quiet);
      map.on("zoomend moveend layeradd", function () { window.setTimeout(quiet, 0); });
    }
    state.resultLayer = L.layerGroup().addTo(map);
    var legend = L.control({ position: "bottomleft" });
    legend.onAdd = function () {
      state.legend = el("div", { class: "map-legend" });
      L.DomEvent.disableClickPropagation(state.legend);
      return state.legend;
    };
    legend.addTo(map);
    limitZoom();
  }

  /* ------------------------------------------------------------ basemap */
  var BLANK = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==";

  /* The bundled tiles (z0-6); a street basemap the operator gave (within its bounds); online
   * tiles only when the operator opted in. Attributions are data: inserted as escaped text. */
  function addBasemaps(map) {
    var top = CONFIG.mapMaxZoom || CONFIG.tileMaxZoom || 6;
    if (CONFIG.tiles) {
      L.tileLayer(CONFIG.tiles, { maxNativeZoom: CONFIG.tileMaxZoom || 6, maxZoom: top,
        minZoom: 0, errorTileUrl: BLANK, className: "bundled-basemap" }).addTo(map);
      state.hasBasemap = true;
    }
    var user = CONFIG.userTiles;
    if (user) {
      state.userBounds = L.latLngBounds(user.bounds);
      L.tileLayer(user.url, { bounds: state.userBounds, minZoom: user.minZoom,
        maxNativeZoom: user.maxZoom, maxZoom: top, zIndex: 2, errorTileUrl: BLANK,
        className: "user-basemap", attribution: escapeHtml(user.attribution || "") }).addTo(map);
    }
    var online = CONFIG.onlineTiles;
    if (online) {
      var layer = L.tileLayer(online.url, { maxNativeZoom: online.maxZoom, maxZoom: top,
        zIndex: 3, errorTileUrl: BLANK, className: "online-basemap",
        attribution: escapeHtml(online.attribution || "") }).addTo(map);
      state.onlineErrors = 0;
      layer.on("tileerror", function () {
        state.onlineErrors++;
        if (state.onlineErrors >= 3 && !state.onlineFailed) { state.onlineFailed = true; limitZoom(); }
      });
      layer.on("tileload", function (ev) {
        if (ev.tile && ev.tile.getAttribute("src") === BLANK) { return; }  // a failed tile's stand-in
        state.onlineErrors = 0;
        if (state.onlineFailed) { state.onlineFailed = false; limitZoom(); }
      });
    }
    state.zoomNote = $("zoom-note");  // under the map: it never covers the results on it
    map.on("moveend", function () { limitZoom(); });
    map.on("zoomend zoomlevelschange", zoomNote);
  }

  /* The deepest zoom drawn sharply at `center`: the street basemap inside its bounds, the
   * online tiles while they load, else the bundled tiles; never scaled up past them. */
  function sharpZoom(center) {
    var online = CONFIG.onlineTiles;
    if (online && !state.onlineFailed) { return online.maxZoom; }
    var user = CONFIG.userTiles;
    if (user && state.userBounds && state.userBounds.contains(center)) { return user.maxZoom; }
    return CONFIG.tileMaxZoom || 6;
  }

  function limitZoom(center) {
    if (!state.map) { return; }
    var max = sharpZoom(center ? L.latLng(center) : state.map.getCenter());
    if (state.map.getMaxZoom() !== max) { state.map.setMaxZoom(max); }
    zoomNote();
  }

  /* Why the map stops zooming (and how to get streets), or that online tiles need internet. */
  function zoomNote() {
    var note = state.zoomNote;
    if (!note || !state.map) { return; }
    var atLimit = state.map.getZoom() >= state.map.getMaxZoom();
    var inside = CONFIG.userTiles && state.userBounds && state.userBounds.contains(state.map.getCenter());
    var key = null;
    if (CONFIG.onlineTiles && !state.onlineFailed) { key = "zoom_note_online"; }
    else if (CONFIG.onlineTiles && atLimit) { key = "zoom_note_online_failed"; }
    else if (atLimit && CONFIG.userTiles && !inside) { key = "zoom_note_outside"; }
    else if (atLimit && !inside) { key = "zoom_note"; }
    note.hidden = !key;
    note.setAttribute("data-note", key || "");
    if (key) { note.textContent = t(key); }
  }

  /* Leaflet's controls and the attribution in the page's language. */
  function mapTexts() {
    if (!state.map) { return; }
    var zin = document.querySelector(".leaflet-control-zoom-in");
    var zout = document.querySelector(".leaflet-control-zoom-out");
    [[zin, "zoom_in"], [zout, "zoom_out"]].forEach(function (pair) {
      if (pair[0]) { pair[0].setAttribute("title", t(pair[1])); pair[0].setAttribute("aria-label", t(pair[1])); }
    });
    var ctl = state.map.attributionControl;
    if (state.attribution) { ctl.removeAttribution(state.attribution); }
    state.attribution = state.hasBasemap ? '<a href="https://www.openstreetmap.org/copyright" ' +
      'rel="noopener noreferrer">' + escapeHtml(t("osm_attribution")) + "</a>" : "";
    if (state.attribution) { ctl.addAttribution(state.attribution); }
    var close = document.querySelector(".leaflet-popup-close-button");
    if (close) { close.setAttribute("aria-label", t("close")); close.setAttribute("title", t("close")); }
    zoomNote();
  }

  function fillLegend() {
    if (!state.legend) { return; }
    var row = function (cls, text) {
      return el("li", {}, [el("span", { class: "swatch " + cls, "aria-hidden": "true" }), text]);
    };
    var wasOpen = state.legend.querySelector("details");
    var open = wasOpen ? wasOpen.open : !window.matchMedia("(max-width: 899px)").matches;
    /* folded on phones so it never covers the results on the small map */
    state.legend.replaceChildren(el("details", { open: open ? "open" : null }, [
      el("summary", {}, [t("legend")]),
      el("ul", {}, [
        row("swatch-place", t("legend_place")),
        row("swatch-result", t("legend_result")),
        row("swatch-other", t("legend_other")),
        state.boundaries ? row("swatch-state", t("legend_states")) : null,
        state.routeLayer ? row("swatch-route", t("legend_route")) : null
      ])
    ]));
  }

  /* Census state lines over the basemap (its tiles stop at z6; closer zooms blur). */
  function loadBoundaries() {
    if (!state.map || state.boundaries) { return; }
    var draw = function () {
      if (!window.LOCATOR_BOUNDARIES || state.boundaries) { return; }
      state.map.createPane("boundaries").style.zIndex = "350";
      state.boundaries = L.geoJSON(window.LOCATOR_BOUNDARIES, { pane: "boundaries",
        interactive: false, style: function () {
          return { color: "#5b4a8a", weight: 1.5, opacity: 0.75, className: "state-line" };
        } }).addTo(state.map);
      fillLegend();
    };
    if (window.LOCATOR_BOUNDARIES) { draw(); return; }
    var script = el("script", { src: "data/boundaries.js" });
    script.addEventListener("load", draw);
    script.addEventListener("error", function () { script.remove(); });
    document.head.appendChild(script);
  }

  /* Phones: the map sits between the results summary and the list (compact); wide screens:
   * beside the list. Moving the node keeps the reading order the same as the visual one. */
  function placeMap() {
    var panel = document.querySelector(".map-panel");
    if (!panel) { return; }
    var narrow = window.matchMedia("(max-width: 899px)").matches;
    if (narrow && panel.nextElementSibling !== $("results")) {
      $("results").parentNode.insertBefore(panel, $("results"));
    } else if (!narrow && panel.parentNode !== $("main")) {
      $("main").appendChild(panel);
    }
    document.body.setAttribute("data-layout", narrow ? "narrow" : "wide");
    if (state.map) { state.map.invalidateSize(); }
  }

  /* Results at the same point (a consulate and its VDS) share one marker: "1–2". */
  function groups(results) {
    var byPoint = {};
    var out = [];
    results.forEach(function (r, i) {
      var key = r.site.lat.toFixed(6) + "," + r.site.lon.toFixed(6);
      if (!byPoint[key]) { byPoint[key] = { lat: r.site.lat, lon: r.site.lon, idx: [] }; out.push(byPoint[key]); }
      byPoint[key].idx.push(i);
    });
    return out;
  }

  function rankLabel(idx) {
    var n = idx.map(function (i) { return i + 1; });
    var run = n.every(function (x, j) { return j === 0 || x === n[j - 1] + 1; });
    return n.length === 1 ? String(n[0]) : run ? n[0] + "–" + n[n.length - 1] : n.join(", ");
  }

  function popupEntry(r, i) {
    var s = r.site;
    var note = I18N.precision[s.precision] ? I18N.precision[s.precision][state.lang] : "";
    return el("div", { class: "popup-site" }, [
      el("strong", {}, [(i + 1) + ". " + siteName(s)]),
      el("p", {}, [t("distance", { km: fmt(r.km), mi: fmt(r.mi) })]),
      s.address ? el("p", { class: "address", translate: "no" }, [s.address]) : null,
      s.phone && !s.contact_fallback ? el("p", {}, [t("phone") + " " + s.phone]) : null,
      note ? el("p", { class: "precision" }, [note]) : null,
      s.illustrative ? el("p", { class: "illustrative" }, [I18N.illustrative[state.lang]]) : null
    ]);
  }

  function addMarkers(results) {
    if (!state.map) { return; }
    groups(results).forEach(function (g) {
      var text = rankLabel(g.idx);
      var width = Math.max(30, 12 + 9 * text.length);
      var badge = el("span", { class: "marker-rank" }, [text]);
      var names = g.idx.map(function (i) { return siteName(results[i].site); }).join(" · ");
      var marker = L.marker([g.lat, g.lon], {
        icon: L.divIcon({ className: "rank-marker", html: badge, iconSize: [width, 30],
          iconAnchor: [width / 2, 15] }),
        /* out of the tab order: the list holds every result (and is one Tab away) */
        title: t("marker_title", { n: text, name: names }), riseOnHover: true, keyboard: false,
        zIndexOffset: (LIMIT - g.idx[0]) * 20
      });
      marker.bindPopup(el("div", { class: "popup" },
        g.idx.map(function (i) { return popupEntry(results[i], i); })));
      marker.on("click", function () { select(g.idx[0], { focus: true, pan: false, fromMap: true }); });
      marker.addTo(state.resultLayer);
      g.idx.forEach(function (i) { state.markers[i] = marker; });
    });
  }

  function addPlaceMarker() {
    if (!state.map || !state.place) { return; }
    var label = t("legend_place") + ": " + placeLabel();
    L.marker([state.place.lat, state.place.lon], {
      icon: L.divIcon({ className: "place-marker", html: el("span", { class: "place-pin" }),
        iconSize: [22, 22], iconAnchor: [11, 11] }),
      title: label, keyboard: false, zIndexOffset: -100
    }).bindTooltip(el("span", {}, [label])).addTo(state.resultLayer);
  }

  function fitResults() {
    if (!state.map || !state.results || !state.results.length) { return; }
    var pts = state.results.slice(0, 5).map(function (r) { return [r.site.lat, r.site.lon]; });
    pts.push([state.place.lat, state.place.lon]);
    limitZoom(L.latLngBounds(pts).getCenter());
    state.map.fitBounds(L.latLngBounds(pts).pad(0.2), { maxZoom: 10 });
  }

  function select(i, opts) {
    state.selected = i;
    document.querySelectorAll(".result").forEach(function (li, j) {
      li.classList.toggle("is-selected", j === i);
      var pick = li.querySelector(".pick");
      if (j === i) { pick.setAttribute("aria-current", "true"); } else { pick.removeAttribute("aria-current"); }
    });
    var chosen = state.markers[i];
    state.markers.forEach(function (m, j) {
      if (state.markers.indexOf(m) !== j) { return; }  // a shared marker: once
      var icon = m.getElement && m.getElement();
      if (icon) { icon.classList.toggle("is-selected", m === chosen); }
      m.setZIndexOffset(m === chosen ? 1000 : (LIMIT - j) * 20);
    });
    var marker = state.markers[i];
    if (marker && opts.pan) {
      limitZoom(marker.getLatLng());
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
      /* rounded (~100 m); kept in memory only, never in the URL or the search box */
      var here = { lat: Number(pos.coords.latitude.toFixed(3)),
        lon: Number(pos.coords.longitude.toFixed(3)) };
      $("search-input").value = "";
      search("", { here: here, user: true });
    }, function () { showError("err_geo"); }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
  }

  function registerWorker() {
    if (state.worker || !("serviceWorker" in navigator) || !/^https?:$/.test(window.location.protocol)) { return; }
    state.worker = true;
    navigator.serviceWorker.addEventListener("message", function (ev) {
      if (ev.data && ev.data.type === "precached") {
        document.body.setAttribute("data-precached", String(ev.data.count));
        $("save-map-status").textContent = t("save_map_done", { n: ev.data.count });
        $("save-map").disabled = false;
      }
    });
    navigator.serviceWorker.register("sw.js").then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      $("offline-ready").setAttribute("data-i18n", "offline_ready");
      $("offline-ready").textContent = t("offline_ready");
      state.registration = reg;
      $("save-map-row").hidden = !(CONFIG.tileList || []).length;
      saveMapLabel();
    }).catch(function () { /* the page still works online */ });
  }

  function saveMapLabel() {
    var n = (CONFIG.tileList || []).length;
    $("save-map").textContent = t("save_map", { n: n,
      mb: fmt((CONFIG.tileBytes || 0) / 1e6) });
  }

  /* Only on request: every basemap tile the map can show, fetched by the worker. */
  function saveMap() {
    var reg = state.registration;
    if (!reg || !reg.active) { return; }
    var urls = (CONFIG.tileList || []).map(function (zxy) {
      var p = zxy.split("/");
      return CONFIG.tiles.replace("{z}", p[0]).replace("{x}", p[1]).replace("{y}", p[2]);
    });
    $("save-map").disabled = true;
    $("save-map-status").textContent = t("save_map_busy");
    reg.active.postMessage({ type: "precache", urls: urls });
  }

  /* After the first result (or a few seconds with none): the gazetteer, the state lines and
   * the offline copy, so they never compete with the first answer on a slow phone. */
  function afterFirst() {
    if (state.afterFirst) { return; }
    state.afterFirst = true;
    loadGazetteer().catch(function () { /* retried on search */ });
    loadBoundaries();
    registerWorker();
  }

  function start() {
    if (!I18N || !window.LOCATOR_SITES || !Core) {
      $("error").textContent = "No se pudieron cargar los datos. / The data could not be loaded.";
      $("error").hidden = false;
      return;
    }
    state.sites = Core.siteRecords(window.LOCATOR_SITES);
    var mobile = CONFIG.mobileKinds || ["vds_mobile"];
    state.walkKinds = [];
    state.sites.forEach(function (s) {
      if (mobile.indexOf(s.kind) < 0 && state.walkKinds.indexOf(s.kind) < 0) { state.walkKinds.push(s.kind); }
    });
    var saved = null;
    try { saved = localStorage.getItem("locator.lang"); } catch (e) { /* private mode */ }
    state.lang = saved === "en" || saved === "es" ? saved : (CONFIG.defaultLang || "es");
    placeMap();
    initMap();
    applyLanguage();
    window.matchMedia("(max-width: 899px)").addEventListener("change", placeMap);
    $("lang-toggle").addEventListener("click", function () {
      setLanguage(state.lang === "es" ? "en" : "es");
    });
    $("search-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      search($("search-input").value, { user: true });
    });
    $("locate").addEventListener("click", locate);
    $("visits-ics-all").addEventListener("click", function () {
      downloadIcs(state.visits || [], "visitas.ics");
    });
    ["kind", "service", "language"].forEach(function (id) {
      $(id).addEventListener("change", function () {
        var q = $("search-input").value.trim() || state.query;
        if (q) { search(q, { user: true }); } else if (state.here) {
          search("", { here: state.here, user: true });
        }
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
    $("save-map").addEventListener("click", saveMap);
    if (!params.get("q")) { window.setTimeout(afterFirst, 2500); }
  }

  window.LocatorApp = { search: search, state: state, loadGazetteer: loadGazetteer, icsText: icsText,
    groups: groups, rankLabel: rankLabel };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else { start(); }
})();
