/*
 * The case finder: filters the server-rendered list of cases in place.
 *
 * Facets combine with AND across facets and OR within one; each value's count is the number of
 * cases it would give, given every other choice. Free text goes through the prebuilt lunr index
 * (search-core.js). The state lives in the URL (?theme=trafik&status=operation&q=parkering):
 * typing replaces the history entry, other changes add one, and Back restores the previous state.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-sc-finder]");
  if (!root) return;
  var config = JSON.parse(document.getElementById("sc-finder-config").textContent);
  var form = root.querySelector("form");
  var list = root.querySelector(".sc-finder__list");
  var countText = document.getElementById("sc-finder-count");
  var empty = root.querySelector(".sc-finder__empty");
  var query = form.elements.q;
  var sort = form.elements.sort;
  var FACETS = config.facets;
  var base = new URL(config.base + "/", location.href);
  var collator = new Intl.Collator("da");

  var items = Array.prototype.map.call(list.children, function (el) {
    var values = {};
    FACETS.forEach(function (key) {
      var raw = el.getAttribute("data-" + key);
      values[key] = raw ? raw.split(" ") : [];
    });
    return {
      el: el,
      ref: Number(el.getAttribute("data-ref")),
      values: values,
      year: Number(el.getAttribute("data-year")),
      published: el.getAttribute("data-published"),
      title: el.querySelector("h2").textContent.trim(),
      municipality: el.getAttribute("data-municipality-name"),
      shown: true
    };
  });
  var counters = {};
  root.querySelectorAll("[data-sc-count]").forEach(function (el) {
    counters[el.getAttribute("data-sc-count")] = el;
  });

  var engine = null;
  var order = "";

  function fetchJSON(path) {
    return fetch(new URL(path, base)).then(function (r) {
      if (!r.ok) throw new Error(path);
      return r.json();
    });
  }

  /* -- state: form <-> URL ------------------------------------------------------------- */

  function state() {
    var selected = {};
    FACETS.forEach(function (key) { selected[key] = new Set(); });
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]:checked"), function (box) {
      selected[box.name].add(box.value);
    });
    return {
      selected: selected,
      from: Number(form.elements.from.value) || null,
      to: Number(form.elements.to.value) || null,
      q: query.value.trim(),
      sort: sort.value
    };
  }

  function toURL(s) {
    var params = new URLSearchParams();
    FACETS.forEach(function (key) {
      s.selected[key].forEach(function (value) { params.append(key, value); });
    });
    if (s.from) params.set("from", s.from);
    if (s.to) params.set("to", s.to);
    if (s.q) params.set("q", s.q);
    if (s.sort) params.set("sort", s.sort);
    var search = params.toString();
    return location.pathname + (search ? "?" + search : "");
  }

  function fromURL() {
    var params = new URLSearchParams(location.search);
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
    });
    form.elements.from.value = params.get("from") || "";
    form.elements.to.value = params.get("to") || "";
    query.value = params.get("q") || "";
    sort.value = params.get("sort") || "";
    if (sort.selectedIndex < 0) sort.value = "";
  }

  function remember(push) {
    var url = toURL(state());
    if (url === location.pathname + location.search) return;
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }

  /* -- filtering ----------------------------------------------------------------------- */

  function facetMatch(item, s, skip) {
    for (var i = 0; i < FACETS.length; i++) {
      var key = FACETS[i];
      if (key === skip || !s.selected[key].size) continue;
      var values = item.values[key], hit = false;
      for (var j = 0; j < values.length; j++) if (s.selected[key].has(values[j])) { hit = true; break; }
      if (!hit) return false;
    }
    return true;
  }

  /* The order only changes when the reader asks for another one: re-sorting thousands of cards
     by relevance on every keystroke would cost more than the search itself. */
  function compare(s, scores) {
    switch (s.sort) {
      case "oldest":
        return function (a, b) { return a.published < b.published ? -1 : a.published > b.published ? 1 : a.ref - b.ref; };
      case "title":
        return function (a, b) { return collator.compare(a.title, b.title) || a.ref - b.ref; };
      case "municipality":
        return function (a, b) { return collator.compare(a.municipality, b.municipality) || a.ref - b.ref; };
      case "relevance":
        if (scores) return function (a, b) { return (scores.get(b.ref) || 0) - (scores.get(a.ref) || 0) || a.ref - b.ref; };
        return function (a, b) { return a.ref - b.ref; };
      default:
        return function (a, b) { return a.ref - b.ref; };  /* the page's own order: newest first */
    }
  }

  function apply() {
    var s = state();
    var scores = null;
    /* One letter narrows nothing and would score every document: text search starts at two. */
    if (s.q && engine && s.q.replace(/[^\p{L}\p{N}]/gu, "").length >= 2) {
      scores = new Map();
      engine.search(s.q, function (ref) { return ref < config.cases; }).forEach(function (hit) {
        scores.set(hit.ref, hit.score);
      });
    }
    var counts = {};
    FACETS.forEach(function (key) { counts[key] = {}; });
    var shown = 0;
    items.forEach(function (item) {
      var base = (!scores || scores.has(item.ref)) &&
        (!s.from || item.year >= s.from) && (!s.to || item.year <= s.to);
      if (base) {
        /* A value's count: the cases it would give, with every other facet as chosen. */
        FACETS.forEach(function (key) {
          if (facetMatch(item, s, key)) {
            item.values[key].forEach(function (value) { counts[key][value] = (counts[key][value] || 0) + 1; });
          }
        });
      }
      var visible = base && facetMatch(item, s, null);
      if (visible !== item.shown) { item.el.hidden = !visible; item.shown = visible; }
      if (visible) shown++;
    });
    Object.keys(counters).forEach(function (id) {
      var parts = id.split(":"), n = String(counts[parts[0]][parts[1]] || 0);
      if (counters[id].textContent !== n) counters[id].textContent = n;
    });
    var sorted = items.slice().sort(compare(s, scores));
    var key = sorted.map(function (item) { return item.ref; }).join(",");
    if (key !== order) {
      var fragment = document.createDocumentFragment();
      sorted.forEach(function (item) { fragment.appendChild(item.el); });
      list.appendChild(fragment);
      order = key;
    }
    var total = items.length;
    countText.textContent = shown === total
      ? "Viser alle " + total + " cases."
      : "Viser " + shown + " af " + total + " cases.";
    empty.hidden = shown !== 0;
    root.setAttribute("data-sc-ready", !engine ? "facets" : engine.body ? "full" : "search");
  }

  /* -- events -------------------------------------------------------------------------- */

  form.addEventListener("submit", function (event) { event.preventDefault(); remember(true); });
  /* A search gets one history entry: the first keystroke adds it, the next ones update it. */
  var typing = false;
  form.addEventListener("input", function (event) {
    apply();
    if (event.target === query) {
      remember(!typing);
      typing = true;
    } else {
      typing = false;
      remember(true);
    }
  });
  query.addEventListener("change", function () { typing = false; });
  form.addEventListener("reset", function () {
    setTimeout(function () { apply(); remember(true); }, 0);
  });
  window.addEventListener("popstate", function () { fromURL(); apply(); });

  root.classList.add("sc-finder--active");
  fromURL();
  order = items.map(function (item) { return item.ref; }).join(",");
  apply();

  /* The small index makes the finder usable; the bodies' index is fetched when the reader
     starts a text search (or arrives with one in the URL), not on every visit. */
  var main = fetchJSON("search/index-main.json").then(function (data) {
    engine = new SmartCitySearch.Engine(null, config.stopWords, data);
    apply();
  });
  var body = null;
  function loadBody() {
    if (!body) {
      body = Promise.all([main, fetchJSON("search/index-body.json")]).then(function (data) {
        engine.addBody(data[1]);
        apply();
      });
    }
    return body;
  }
  query.addEventListener("focus", loadBody);
  if (query.value.trim()) loadBody();

  main.catch(function () {
    countText.textContent += " Fritekstsøgningen kunne ikke indlæses.";
  });
})();
