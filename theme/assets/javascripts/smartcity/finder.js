/*
 * The case finder: filters every case in memory and shows the first matches as cards.
 *
 * The page as served lists the newest cases and links to the pages with the rest, which is all a
 * reader without script gets. This script reads every case's card text and facet values from
 * one compact file (generator/site/finder.py, `search/finder.json`), then replaces that list with the
 * matches of the reader's choices: the first `pageSize` as cards, "Vis flere" for the next ones,
 * while the count says how many match in all. Showing a few cards instead of hiding thousands
 * keeps each keystroke's style and layout work small, whatever the number of cases.
 *
 * Facets combine with AND across facets and OR within one; each value's count is the number of
 * cases it would give, given every other choice. Free text goes through the prebuilt index
 * (search-core.js), whose manifest is fetched when the reader starts a text search and whose
 * shards come as the words need them (the list is marked busy meanwhile); while there is text,
 * the best matches come first unless the reader chose another order, and a text that finds
 * nothing offers the nearest known words (suggest.js).
 * The state lives in the URL (?theme=trafik&status=operation&tekst=parkering): typing replaces
 * the history entry, other changes add one, and Back restores the previous state. The text is
 * not in `q`, which Material's site search reads and would open its search over the finder; an
 * old link with `q` is rewritten before Material looks (finder-address.js).
 *
 * On a narrow screen the facets wait behind one "Filtrér" button, which says how many are
 * chosen, so the results come first.
 *
 * `data-sc-ready` on the finder says what works: "facets" once the data is in (text search
 * loads on first use), "full" once the index's manifest is too.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-sc-finder]");
  if (!root) return;
  var TEXT = "tekst";  /* finder-address.js renames an old link's `q` before Material reads it */
  var config = JSON.parse(document.getElementById("sc-finder-config").textContent);
  var base = new URL(config.base + "/", location.href);

  function fetchJSON(path) {
    return fetch(new URL(path, base)).then(function (r) {
      if (!r.ok) throw new Error(path);
      return r.json();
    });
  }

  /* The data starts before anything else; the text index waits for a text search. */
  var dataLoad = fetchJSON(config.data);

  var form = root.querySelector("form");
  var list = root.querySelector(".sc-finder__list");
  var countText = document.getElementById("sc-finder-count");
  var empty = root.querySelector(".sc-finder__empty");
  var more = root.querySelector(".sc-finder__more");
  var moreButton = more.querySelector("button");
  var shownText = more.querySelector(".sc-finder__shown");
  var template = document.getElementById("sc-finder-card");
  var query = form.elements[TEXT];
  var toggle = root.querySelector(".sc-finder__toggle");
  var toggleCount = root.querySelector(".sc-finder__active");
  var facetPanel = document.getElementById("sc-finder-facets");
  var showButton = root.querySelector(".sc-finder__show");
  var suggestion = root.querySelector(".sc-finder__suggestion");
  var suggestionButton = suggestion.querySelector("button");
  var sort = form.elements.sort;
  var FACETS = config.facets;
  var PAGE = config.pageSize;
  var collator = new Intl.Collator("da");
  var MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
    "september", "oktober", "november", "december"];

  /* `2024-03-03` -> `3. marts 2024`, as generator/site/formatting.py writes it on the served cards. */
  function danishDate(iso) {
    var parts = iso.split("-");
    return Number(parts[2]) + ". " + MONTHS[Number(parts[1]) - 1] + " " + parts[0];
  }

  var cases = null;        /* one record per case, in the site's order (newest first) */
  var facetValues = {};    /* key -> {value: index} */
  var facetSizes = [];     /* per facet, how many values it has */
  var counters = {};       /* key -> [count element per value index] */
  var ranks = {};          /* sort key -> Int32Array of each case's place in that order */
  var engine = null;
  var matches = [];        /* the cases that match, in the chosen order */
  var lastText = "";       /* the text the sort last followed */
  var known = null;        /* the words behind `Mente du ...?`, fetched when first needed */
  var shown = 0;           /* how many of them are in the list */

  function load(data) {
    FACETS.forEach(function (key) {
      var index = facetValues[key] = {};
      (data.facets[key] || []).forEach(function (pair, i) { index[pair[0]] = i; });
      facetSizes.push((data.facets[key] || []).length);
      counters[key] = [];
    });
    root.querySelectorAll("[data-sc-count]").forEach(function (el) {
      var id = el.getAttribute("data-sc-count"), colon = id.indexOf(":");
      var key = id.slice(0, colon), i = facetValues[key] && facetValues[key][id.slice(colon + 1)];
      if (i !== undefined) counters[key][i] = el;
    });
    var labels = function (key) { return (data.facets[key] || []).map(function (pair) { return pair[1]; }); };
    var themes = labels("theme"), municipalities = labels("municipality"), statuses = labels("status");
    var statusValues = (data.facets.status || []).map(function (pair) { return pair[0]; });
    var T = FACETS.indexOf("theme"), M = FACETS.indexOf("municipality"), S = FACETS.indexOf("status");
    cases = data.cases.map(function (row, ref) {
      var values = row[6];
      return {
        ref: ref, url: row[0], title: row[1], summary: row[2], period: row[3],
        published: row[4], year: row[5], values: values,
        municipality: municipalities[values[M][0]] || "",
        status: statusValues[values[S][0]] || "", statusLabel: statuses[values[S][0]] || "",
        themes: values[T].map(function (i) { return themes[i]; }).join(", "),
        card: null
      };
    });
    /* The cards as served stay the cards of their cases: when the finder's first list is the
       served one, nothing is replaced, and a reader already tabbing through it keeps the place. */
    var served = {};
    Array.prototype.forEach.call(list.children, function (li) {
      var link = li.querySelector(".sc-card__title a");
      if (link) served[new URL(link.getAttribute("href"), location.href).pathname] = li;
    });
    cases.forEach(function (c) {
      var li = served[new URL(c.url, base).pathname];
      if (li) c.card = li;
    });
  }

  /* -- cards: the page's own template, filled with text only ----------------------------- */

  function card(c) {
    if (c.card) return c.card;
    var li = template.content.firstElementChild.cloneNode(true);
    var link = li.querySelector(".sc-card__title a");
    link.href = new URL(c.url, base).pathname;
    link.textContent = c.title;
    li.querySelector(".sc-card__municipality").textContent = c.municipality;
    var status = li.querySelector(".sc-status");
    status.className = "sc-status sc-status--" + c.status;
    status.textContent = c.statusLabel;
    li.querySelector(".sc-card__period").textContent = c.period;
    li.querySelector(".sc-card__published").textContent = "Udgivet " + danishDate(c.published);
    li.querySelector(".sc-card__summary").textContent = c.summary;
    li.querySelector(".sc-card__themes").textContent = c.themes;
    return (c.card = li);
  }

  /* -- state: form <-> URL ------------------------------------------------------------- */

  /* Best match first while there is text; newest first without. */
  function defaultSort(text) { return text ? "relevance" : "newest"; }

  function state() {
    var selected = FACETS.map(function () { return null; });
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]:checked"), function (box) {
      var k = FACETS.indexOf(box.name), i = facetValues[box.name] && facetValues[box.name][box.value];
      if (k < 0 || i === undefined) return;
      (selected[k] = selected[k] || new Set()).add(i);
    });
    return {
      selected: selected,
      from: Number(form.elements.from.value) || null,
      to: Number(form.elements.to.value) || null,
      q: query.value.trim(),
      sort: sort.value
    };
  }

  function toURL() {
    var params = new URLSearchParams();
    FACETS.forEach(function (key) {
      Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox][name=" + key + "]:checked"),
        function (box) { params.append(key, box.value); });
    });
    var from = Number(form.elements.from.value), to = Number(form.elements.to.value), q = query.value.trim();
    if (from) params.set("from", from);
    if (to) params.set("to", to);
    if (q) params.set(TEXT, q);
    if (sort.value !== defaultSort(q)) params.set("sort", sort.value);
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
    query.value = params.get(TEXT) || "";
    sort.value = params.get("sort") || defaultSort(query.value.trim());
    if (sort.selectedIndex < 0) sort.value = defaultSort(query.value.trim());
    lastText = query.value.trim();
  }

  function remember(push) {
    var url = toURL();
    if (url === location.pathname + location.search) return;
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }

  /* -- filtering ----------------------------------------------------------------------- */

  function rank(key, compare) {
    if (!ranks[key]) {
      var order = cases.slice().sort(compare), r = new Int32Array(cases.length);
      order.forEach(function (c, i) { r[c.ref] = i; });
      ranks[key] = r;
    }
    return ranks[key];
  }

  /* The cases are in the site's order (newest first); another order is a sort of the matches
     by a rank computed once, so that no keystroke compares thousands of strings. */
  function order(s, scores) {
    var r;
    switch (s.sort) {
      case "oldest":
        r = rank("oldest", function (a, b) { return a.published < b.published ? -1 : a.published > b.published ? 1 : a.ref - b.ref; });
        break;
      case "title":
        r = rank("title", function (a, b) { return collator.compare(a.title, b.title) || a.ref - b.ref; });
        break;
      case "municipality":
        r = rank("municipality", function (a, b) { return collator.compare(a.municipality, b.municipality) || a.ref - b.ref; });
        break;
      case "relevance":
        if (scores) matches.sort(function (a, b) { return scores.get(b.ref) - scores.get(a.ref) || a.ref - b.ref; });
        return;
      case "newest":
      default:
        return;
    }
    matches.sort(function (a, b) { return r[a.ref] - r[b.ref]; });
  }

  function apply() {
    if (!cases) return;
    root.setAttribute("data-sc-ready", engine ? "full" : "facets");
    var s = state();
    var scores = null;
    /* One letter narrows nothing and would score every document: text search starts at two. */
    if (s.q && searchFailed) {
      scores = plainMatches(s.q);
    } else if (s.q && s.q.replace(/[^\p{L}\p{N}]/gu, "").length >= 2) {
      /* The list stays as it is, marked busy, until the index has what the text needs. */
      if (!engine) { list.setAttribute("aria-busy", "true"); loadEngine(); return; }
      if (!engine.loaded(s.q)) { wait(s.q); return; }
      scores = new Map();
      engine.search(s.q, caseOnly).forEach(function (hit) { scores.set(hit.ref, hit.score); });
    }
    list.removeAttribute("aria-busy");
    var F = FACETS.length, counts = [], active = [];
    for (var k = 0; k < F; k++) {
      counts.push(new Int32Array(facetSizes[k]));
      if (s.selected[k]) active.push(k);
    }
    matches = [];
    for (var n = 0; n < cases.length; n++) {
      var c = cases[n];
      if (scores && !scores.has(c.ref)) continue;
      if ((s.from && c.year < s.from) || (s.to && c.year > s.to)) continue;
      /* A value's count: the cases it would give, with every other facet as chosen. A case
         that fails no facet counts for every facet; one that fails exactly one facet counts
         for that facet only; one that fails two counts nowhere. */
      var failed = -1, fails = 0;
      for (var a = 0; a < active.length && fails < 2; a++) {
        var key = active[a], values = c.values[key], chosen = s.selected[key], hit = false;
        for (var j = 0; j < values.length; j++) if (chosen.has(values[j])) { hit = true; break; }
        if (!hit) { fails++; failed = key; }
      }
      if (fails > 1) continue;
      for (k = 0; k < F; k++) {
        if (fails && k !== failed) continue;
        var vs = c.values[k], count = counts[k];
        for (j = 0; j < vs.length; j++) count[vs[j]]++;
      }
      if (!fails) matches.push(c);
    }
    FACETS.forEach(function (key, k) {
      counters[key].forEach(function (el, i) {
        var text = String(counts[k][i]);
        if (el.textContent !== text) el.textContent = text;
      });
    });
    order(s, scores);
    render(Math.min(matches.length, PAGE));
    var total = cases.length;
    countText.textContent = (matches.length === total
      ? "Viser alle " + total + " cases."
      : "Viser " + matches.length + " af " + total + " cases.") + searchNote();
    empty.hidden = matches.length !== 0;
    offerSuggestion(matches.length === 0 && scores && scores.size === 0 ? s.q : "");
    var active = form.querySelectorAll("input[type=checkbox]:checked").length + (s.from || s.to ? 1 : 0);
    toggleCount.textContent = active ? "(" + active + " valgt)" : "";
    showButton.textContent = "Vis " + (matches.length === 1 ? "1 case" : matches.length + " cases");
  }

  function caseOnly(ref) { return ref < cases.length; }

  /* Fetch the shards a text needs, then show its matches (or whatever the text is by then). */
  function wait(text) {
    list.setAttribute("aria-busy", "true");
    engine.ready(text).then(apply, function () { searchFailed = true; apply(); });
  }

  /* `Mente du ...?` under an empty result, when the text alone finds nothing. */
  function offerSuggestion(text) {
    suggestion.hidden = true;
    if (!text || !engine || searchFailed) return;
    if (!known) {
      known = fetchJSON("search/words.json").then(function (data) { return data.words; });
      known.then(apply, function () {});
      return;
    }
    known.then(function (words) {
      if (query.value.trim() !== text) return null;
      return SmartCitySuggest.suggest(engine, words, text, caseOnly);
    }).then(function (better) {
      if (!better || query.value.trim() !== text) return;
      suggestionButton.textContent = better;
      suggestion.hidden = false;
    }, function () {});
  }

  /* Should the index not load, text search carries on over the finder's own data (titles,
     summaries, municipalities), and the count says so. */
  var searchFailed = false;
  function searchNote() {
    return searchFailed ? " Søgeindekset kunne ikke indlæses, så der søges kun i titler, resuméer og kommuner." : "";
  }
  function plainWords(text) {
    return String(text).normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  }
  function plainMatches(q) {
    var wanted = plainWords(q), found = new Map();
    cases.forEach(function (c) {
      var text = plainWords(c.title + " " + c.summary + " " + c.municipality).join(" ");
      if (wanted.every(function (w) { return text.indexOf(w) !== -1; })) found.set(c.ref, 1);
    });
    return found;
  }

  /* The list holds the first `count` matches: after a new search, a fresh list; after "Vis
     flere", the same list with more at the end. */
  function render(count) {
    var same = list.children.length === count;
    for (var k = 0; same && k < count; k++) same = list.children[k] === card(matches[k]);
    if (!same) {
      var fragment = document.createDocumentFragment();
      for (var i = 0; i < count; i++) fragment.appendChild(card(matches[i]));
      list.replaceChildren(fragment);
    }
    shown = count;
    updateMore();
  }

  function showMore() {
    var next = Math.min(matches.length, shown + PAGE);
    var fragment = document.createDocumentFragment();
    for (var i = shown; i < next; i++) fragment.appendChild(card(matches[i]));
    var first = fragment.firstElementChild;
    list.appendChild(fragment);
    shown = next;
    updateMore();
    /* The keyboard carries on where the new cards begin. */
    if (first) first.querySelector("a").focus();
  }

  function updateMore() {
    more.hidden = shown >= matches.length;
    shownText.textContent = "Du ser de første " + shown + " af " + matches.length + ".";
  }

  /* -- events -------------------------------------------------------------------------- */

  form.addEventListener("submit", function (event) { event.preventDefault(); remember(true); });
  /* A search gets one history entry: the first keystroke adds it, the next ones update it. */
  var typing = false;
  form.addEventListener("input", function (event) {
    if (event.target === query) followText();
    else if (event.target === sort) lastText = query.value.trim();
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

  /* The sort follows the text (best match while there is text) unless the reader chose one. */
  function followText() {
    var text = query.value.trim();
    if (sort.value === defaultSort(lastText)) sort.value = defaultSort(text);
    lastText = text;
  }

  suggestionButton.addEventListener("click", function () {
    query.value = suggestionButton.textContent;
    followText();
    typing = false;
    apply();
    remember(true);
    query.focus();
  });

  /* Narrow screens: the facets open and close under one button; "Vis ... cases" closes them and
     moves to the results. */
  function openFilters(open) {
    root.classList.toggle("sc-finder--filters-open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  toggle.addEventListener("click", function () {
    openFilters(toggle.getAttribute("aria-expanded") !== "true");
  });
  showButton.addEventListener("click", function () {
    openFilters(false);
    countText.scrollIntoView({ block: "start" });
    countText.focus();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { sort.value = defaultSort(""); lastText = ""; apply(); remember(true); }, 0);
  });
  window.addEventListener("popstate", function () { fromURL(); apply(); });
  moreButton.addEventListener("click", showMore);

  fromURL();

  var ready = dataLoad.then(function (data) {
    load(data);
    root.classList.add("sc-finder--active");
    apply();
  });
  ready.catch(function () {
    /* The list as served stays, with its links to the other pages. */
    countText.textContent += " Filtrene kunne ikke indlæses.";
  });

  /* The index's manifest is fetched when the reader starts a text search (or arrives with one
     in the URL), not on every visit; the shards follow the words typed. */
  var engineLoad = null;
  function loadEngine() {
    if (!engineLoad) {
      engineLoad = fetchJSON("search/manifest.json").then(function (manifest) {
        engine = new SmartCitySearch.Engine(manifest, fetchJSON);
        apply();
      });
      /* A missing or unreadable index leaves the facets and a plain text search. */
      engineLoad.catch(function () {
        searchFailed = true;
        apply();
      });
    }
    return engineLoad;
  }
  query.addEventListener("focus", loadEngine);
  query.addEventListener("input", loadEngine);
  if (query.value.trim()) loadEngine();

})();
