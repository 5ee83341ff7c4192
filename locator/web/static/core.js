/* locator core: offline geocoding and exact nearest-site search, in the browser.
 *
 * Mirrors the server: geodata.gazetteer.Gazetteer.geocode (ZIP, "City, ST", city by
 * population, Spanish aliases, states, "lat,lon") and locator.index.SiteIndex.nearest
 * (haversine, R = 6371.0088 km, ties broken by dataset order). Brute force over every site:
 * exact, and fast enough for tens of thousands of sites.
 * No DOM here: window.LocatorCore is used by app.js and by the tests.
 */
(function (root) {
  "use strict";

  var R_KM = 6371.0088;
  var KM_PER_MI = 1.609344;
  var DEG = Math.PI / 180;
  var MAX_QUERY = 200;
  var ABBREV = { st: "saint", ste: "sainte", ft: "fort", mt: "mount" };
  var COORDS = /^\s*([-+]?\d{1,3}(?:\.\d+)?)\s*[,;\s]\s*([-+]?\d{1,3}(?:\.\d+)?)\s*$/;
  var ZIP_ANY = /\b(\d{5})(?:[-\s]\d{4})?\b/g;
  var ZIP_ONLY = /^\s*(\d{5})(?:[-\s]?\d{4})?\s*$/;
  var NON_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

  /** Same key as geodata.aliases.normalize: no accents, lower case, single spaces. */
  function foldWords(text) {
    var plain = String(text).normalize("NFKD").replace(/\p{M}/gu, "");
    return plain.toLowerCase().replace(NON_WORD, " ").trim().split(/\s+/).filter(Boolean);
  }

  function normalize(text) {
    return foldWords(text).map(function (w) { return ABBREV[w] || w; }).join(" ");
  }

  /** Haversine distance in km, the formula of locator.index._haversine1. */
  function haversineKm(lon1, lat1, lon2, lat2) {
    var p1 = lat1 * DEG;
    var p2 = lat2 * DEG;
    var s1 = Math.sin((p2 - p1) / 2);
    var a = s1 * s1;
    var s2 = Math.sin((lon2 * DEG - lon1 * DEG) / 2);
    a += Math.cos(p1) * Math.cos(p2) * (s2 * s2);
    return 2 * R_KM * Math.asin(Math.sqrt(Math.min(Math.max(a, 0), 1)));
  }

  function GeoError(code, params) {
    this.name = "GeoError";
    this.code = code;
    this.params = params || {};
    this.message = code;
  }
  GeoError.prototype = Object.create(Error.prototype);

  function popFactor(pop) {
    return pop ? Math.min(1, Math.log10(Math.max(pop, 1)) / 7) : 0.35;
  }

  function round4(x) { return Number(Math.min(x, 1).toFixed(4)); }

  /** Offline gazetteer over the compact tables of locator.web.bundle.gazetteer_data. */
  function Gazetteer(data) {
    this.d = data;
    this.byName = Object.create(null);
    var keys = Object.keys(data.cities);
    for (var i = 0; i < keys.length; i++) {
      var name = keys[i].slice(0, keys[i].lastIndexOf("|"));
      var norm = normalize(name);
      (this.byName[norm] = this.byName[norm] || []).push(keys[i]);
    }
  }

  Gazetteer.prototype.stateCode = function (text) {
    var words = foldWords(text);
    if (words.length === 1 && words[0].length === 2) {
      var code = words[0].toUpperCase();
      if (Object.prototype.hasOwnProperty.call(this.d.states, code)) { return code; }
    }
    var norm = normalize(text);
    var hit = this.d.state_aliases[norm];
    return hit || null;
  };

  Gazetteer.prototype.cityPlace = function (key, score) {
    var c = this.d.cities[key];
    var cut = key.lastIndexOf("|");
    var name = key.slice(0, cut);
    var state = key.slice(cut + 1);
    return { label: name + ", " + state, name: name, state: state, lat: c[0], lon: c[1],
      precision: "city", population: c.length > 2 ? c[2] : null, score: round4(score) };
  };

  Gazetteer.prototype.matchCities = function (name, state) {
    var out = [];
    var lo = state ? 0.9 : 0.55;
    var span = state ? 0.1 : 0.4;
    var keys = this.byName[name] || [];
    for (var i = 0; i < keys.length; i++) {
      var st = keys[i].slice(keys[i].lastIndexOf("|") + 1);
      if (!state || state === st) {
        var c = this.d.cities[keys[i]];
        out.push(this.cityPlace(keys[i], lo + span * popFactor(c.length > 2 ? c[2] : null)));
      }
    }
    var alias = this.d.aliases[name];
    if (alias && alias.indexOf("|") > 0 && this.d.cities[alias]) {
      if (!state || alias.slice(alias.lastIndexOf("|") + 1) === state) {
        out.push(this.cityPlace(alias, 0.97));
      }
    }
    return out;
  };

  Gazetteer.prototype.statePlace = function (code, score) {
    var p = this.d.state_points[code];
    if (!p) { return null; }
    var name = this.d.states[code];
    return { label: name, name: name, state: code, lat: p[0], lon: p[1], precision: "state",
      population: null, score: score };
  };

  /* words: the query folded (no accents, lower case) but without abbreviations expanded,
   * so "MT" stays a state code; city names are matched on normalize()d text. */
  Gazetteer.prototype.textCandidates = function (words) {
    if (!words.length) { return []; }
    var out = [];
    var whole = this.stateCode(words.join(" "));
    if (whole) {
      var sp = this.statePlace(whole, 0.9);
      if (sp) { out.push(sp); }
    }
    out = out.concat(this.matchCities(normalize(words.join(" ")), null));
    var short = (this.d.short_names || {})[words.join(" ")];
    if (short && this.d.cities[short]) {
      /* NYC, SF, "el Bronx": below a state (LA stays Louisiana, as in the API; the page
       * offers Los Angeles as a choice) */
      out.push(this.cityPlace(short, 0.89));
    }
    for (var n = 1; n <= Math.min(4, words.length - 1); n++) {
      var state = this.stateCode(words.slice(words.length - n).join(" "));
      if (state) {
        var head = normalize(words.slice(0, words.length - n).join(" "));
        out = out.concat(this.matchCities(head, state));
      }
    }
    return out;
  };

  Gazetteer.prototype.zipPlace = function (code) {
    var z = this.d.zips[code];
    var city = this.d.zip_cities[z[2]] || "|";
    var cut = city.lastIndexOf("|");
    return { label: code + " " + city.slice(0, cut) + ", " + city.slice(cut + 1),
      name: city.slice(0, cut), state: city.slice(cut + 1), lat: z[0], lon: z[1],
      precision: "postal_code", postal_code: code, population: null, score: 1 };
  };

  /** Ranked places for free text, best first; throws GeoError (code) when nothing matches. */
  Gazetteer.prototype.geocode = function (query, limit) {
    var text = String(query == null ? "" : query).trim();
    if (!text) { throw new GeoError("err_empty"); }
    if (text.length > MAX_QUERY) { throw new GeoError("err_too_long"); }
    if (!normalize(text)) { throw new GeoError("err_not_found", { q: text }); }
    var m = COORDS.exec(text);
    if (m) {
      var lat = parseFloat(m[1]);
      var lon = parseFloat(m[2]);
      if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
        throw new GeoError("err_coords");
      }
      var label = lat.toFixed(5) + ", " + lon.toFixed(5);
      return [{ label: label, name: label, state: "", lat: lat, lon: lon,
        precision: "coordinates", population: null, score: 1 }];
    }
    var self = this;
    var codes = [];
    text.replace(ZIP_ANY, function (_, code) { codes.push(code); return _; });
    var known = codes.filter(function (c) { return Object.prototype.hasOwnProperty.call(self.d.zips, c); });
    if (ZIP_ONLY.test(text) && !known.length) {
      throw new GeoError("err_zip_not_found", { zip: codes[0] });
    }
    var places = known.slice(0, 1).map(function (c) { return self.zipPlace(c); });
    var words = foldWords(places.length ? text.replace(ZIP_ANY, " ") : text);
    var fromText = this.textCandidates(words).filter(function (p) {
      return !places.length || p.precision !== "state";
    });
    places = places.concat(fromText);
    if (!places.length) { throw new GeoError("err_not_found", { q: text }); }
    var order = places.map(function (p, i) { return [p, i]; });
    order.sort(function (a, b) { return (b[0].score - a[0].score) || (a[1] - b[1]); });
    var seen = Object.create(null);
    var best = [];
    for (var i = 0; i < order.length; i++) {
      var id = order[i][0].precision + "|" + order[i][0].label;
      if (!seen[id]) { seen[id] = true; best.push(order[i][0]); }
    }
    return best.slice(0, Math.max(1, limit || 5));
  };

  /** Optimal-string-alignment distance of a and b, or max + 1 once it is above max. */
  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) { return max + 1; }
    var prev2 = null;
    var prev = [];
    for (var j = 0; j <= b.length; j++) { prev.push(j); }
    for (var i = 1; i <= a.length; i++) {
      var cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur.push(v);
        if (v < low) { low = v; }
      }
      if (low > max) { return max + 1; }
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  var ARTICLES = { el: true, la: true, los: true, las: true, the: true };

  /** Places whose name is one or two typos from the text ("Chicaco", "Los Angelos",
   *  "El Bronx"), best first: fewest typos, then largest population. For a text the
   *  gazetteer does not find; a trailing state ("Chicaco IL") narrows the names. */
  Gazetteer.prototype.suggest = function (query, limit) {
    var words = foldWords(String(query || "").replace(ZIP_ANY, " "));
    if (!words.length) { return []; }
    var state = null;
    for (var n = 1; n <= Math.min(4, words.length - 1); n++) {
      var st = this.stateCode(words.slice(words.length - n).join(" "));
      if (st) { state = st; words = words.slice(0, words.length - n); break; }
    }
    var names = [normalize(words.join(" "))];
    if (words.length > 1 && ARTICLES[words[0]]) { names.push(normalize(words.slice(1).join(" "))); }
    var hits = [];
    var self = this;
    var seen = Object.create(null);
    var add = function (place, d) {
      if (place && !seen[place.label]) { seen[place.label] = true; hits.push({ p: place, d: d }); }
    };
    names.forEach(function (name, alt) {
      var max = name.length <= 4 ? 1 : 2;
      Object.keys(self.byName).forEach(function (norm) {
        var d = editDistance(name, norm, max);
        if (d > max) { return; }
        self.byName[norm].forEach(function (key) {
          if (!state || key.slice(key.lastIndexOf("|") + 1) === state) {
            add(self.cityPlace(key, 0), d + alt * 0.5);
          }
        });
      });
      if (!state) {
        Object.keys(self.d.state_aliases).forEach(function (alias) {
          var d = editDistance(name, alias, max);
          if (d <= max) { add(self.statePlace(self.d.state_aliases[alias], 0), d + alt * 0.5); }
        });
      }
    });
    hits.sort(function (a, b) {
      return (a.d - b.d) || ((b.p.population || 0) - (a.p.population || 0)) ||
        (a.p.label < b.p.label ? -1 : a.p.label > b.p.label ? 1 : 0);
    });
    return hits.slice(0, limit || 5).map(function (h) { return h.p; });
  };

  /** True when the text names a place outside the US the page knows by name only
   *  ("Ciudad de México", "Tijuana"): it says so instead of "not found". */
  Gazetteer.prototype.isOutside = function (query) {
    var names = this.d.outside_names || [];
    return names.indexOf(normalize(String(query || ""))) >= 0;
  };

  /** Nearest ZIP point to (lat, lon) in km: far from every ZIP means outside the US. */
  Gazetteer.prototype.nearestZipKm = function (lat, lon) {
    var best = Infinity;
    var zips = this.d.zips;
    for (var code in zips) {
      var z = zips[code];
      if (Math.abs(z[0] - lat) * DEG * R_KM > best) { continue; }  // a lower bound
      var d = haversineKm(lon, lat, z[1], z[0]);
      if (d < best) { best = d; }
    }
    return best;
  };

  /** Sites as objects from the columns/rows of sites.json; `pos` keeps the dataset order. */
  function siteRecords(data) {
    var cols = data.columns;
    return data.rows.map(function (row, pos) {
      var rec = { pos: pos };
      for (var i = 0; i < cols.length; i++) { rec[cols[i]] = row[i]; }
      return rec;
    });
  }

  function anyOf(list, wanted) {
    for (var i = 0; i < list.length; i++) { if (wanted.indexOf(list[i]) >= 0) { return true; } }
    return false;
  }

  /** The k nearest sites to (lat, lon), nearest first, as the API orders them.
   *  opts: {k, kinds: [...], services: [...]} (ANY within a filter, AND across filters).
   *  Sites that move (s.mobile: VDS mobile units, HRSA vans) are left out unless opts.mobile. */
  function nearest(sites, lat, lon, opts) {
    opts = opts || {};
    var kinds = opts.kinds && opts.kinds.length ? opts.kinds : null;
    var services = opts.services && opts.services.length ? opts.services : null;
    var languages = opts.languages && opts.languages.length ? opts.languages : null;
    var hits = [];
    for (var i = 0; i < sites.length; i++) {
      var s = sites[i];
      if (kinds && kinds.indexOf(s.kind) < 0) { continue; }
      if (s.mobile && !opts.mobile) { continue; }  /* a site that moves is never ranked */
      if (services && !anyOf(s.services, services)) { continue; }
      if (languages && !anyOf(s.languages || [], languages)) { continue; }
      hits.push({ site: s, km: haversineKm(lon, lat, s.lon, s.lat) });
    }
    hits.sort(function (a, b) { return (a.km - b.km) || (a.site.pos - b.site.pos); });
    return hits.slice(0, opts.k || 5).map(function (h, i) {
      return { site: h.site, rank: i + 1, km: h.km, mi: h.km / KM_PER_MI };
    });
  }

  /** The part of a bilingual "español / English" text for lang ("es" or "en").
   *  Pairs may follow each other ("es1 / en1 es2 / en2"): a middle piece is split at its
   *  first sentence end. Text without exactly that shape is returned whole. */
  function langPart(text, lang) {
    var parts = String(text == null ? "" : text).split(" / ");
    if (parts.length < 2) { return parts[0]; }
    var es = [parts[0]];
    var en = [];
    for (var i = 1; i < parts.length - 1; i++) {
      var cut = /[.!?]\s+(?=\S)/.exec(parts[i]);
      if (!cut) { return text; }
      en.push(parts[i].slice(0, cut.index + 1));
      es.push(parts[i].slice(cut.index + cut[0].length));
    }
    en.push(parts[parts.length - 1]);
    return (lang === "en" ? en : es).join(" ");
  }

  root.LocatorCore = {
    langPart: langPart,
    R_KM: R_KM,
    KM_PER_MI: KM_PER_MI,
    normalize: normalize,
    haversineKm: haversineKm,
    Gazetteer: Gazetteer,
    editDistance: editDistance,
    GeoError: GeoError,
    siteRecords: siteRecords,
    nearest: nearest
  };
})(window);
