/*
 * The site search's web worker, in place of Material's: it speaks Material's protocol (SETUP ->
 * READY, QUERY -> RESULT), but searches the index prebuilt at build time instead of indexing
 * every page in the reader's browser. Material starts the worker on every page; the worker
 * fetches its scripts and the manifest at once (about 15 KB compressed, from the browser's
 * cache after the first page), so that a first query waits only for the shards of its words
 * (search-core.js) and the result texts of the results it answers with, in chunks of documents
 * (generator/site/search/shards.py).
 */

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var SITE = new URL("../../../", self.location.href);
var engine = null;
var loading = null;
var chunks = [];  /* chunk number -> promise of its [url, title, summary] rows */
var fetched = [];  /* chunk number -> true once its rows are in */
var FIRST = 10;  /* Material shows the first ten results at once, the others as the reader scrolls */
var MOST = 50;

function fetchJSON(path) {
  return fetch(new URL(path, SITE)).then(function (response) {
    if (!response.ok) throw new Error(path + ": " + response.status);
    return response.json();
  });
}

var SCRIPTS = [
  "lunr-shim.js",
  "../lunr/min/lunr.stemmer.support.min.js",
  "../lunr/min/lunr.da.min.js",
  "search-core.js",
  "suggest.js"
];

function load() {
  if (!loading) {
    /* The manifest and the scripts are requested together; importScripts, which would fetch
       the scripts one after the other, then takes them from the browser's cache. */
    var manifest = fetchJSON("search/manifest.json");
    manifest.catch(function () {});
    var scripts = Promise.all(SCRIPTS.map(function (name) {
      return fetch(new URL(name, self.location.href)).then(function (response) {
        return response.arrayBuffer();
      }).catch(function () {});  /* importScripts then fetches it, and says what is wrong */
    }));
    loading = scripts.then(function () {
      importScripts.apply(self, SCRIPTS);
      return manifest;
    }).then(function (manifest) {
      engine = new SmartCitySearch.Engine(manifest, fetchJSON);
      return engine;
    });
    loading.catch(function () { loading = null; });  /* the next query tries again */
  }
  return loading;
}

load().catch(function () {});  /* at once: ready before the reader's first query */

/* The texts of documents `refs`: a promise of {ref: [url, title, summary]}. */
function pages(refs) {
  var size = engine.manifest.chunk, wanted = [];
  refs.forEach(function (ref) {  /* in the order of the results: the best ones' texts first */
    var n = Math.floor(ref / size);
    if (wanted.indexOf(n) < 0) wanted.push(n);
  });
  return Promise.all(wanted.map(function (n) {
    if (!chunks[n]) {
      chunks[n] = fetchJSON(engine.file("search/pages/" + n + ".json"));
      chunks[n].then(function () { fetched[n] = true; }, function () { delete chunks[n]; });
    }
    return chunks[n];
  })).then(function () {
    return Promise.all(refs.map(function (ref) {
      return chunks[Math.floor(ref / size)].then(function (rows) { return rows[ref % size]; });
    }));
  }).then(function (rows) {
    var found = {};
    refs.forEach(function (ref, i) { found[ref] = rows[i]; });
    return found;
  });
}

function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

/* Mark the query's words where a word of the text begins with them (text is escaped first). */
function highlight(text, words) {
  var escaped = escapeHTML(text);
  if (!words.length) return escaped;
  var pattern = new RegExp("(^|[^\\p{L}\\p{N}])(" + words.map(function (w) {
    return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }).join("|") + ")", "giu");
  return escaped.replace(pattern, "$1<mark>$2</mark>");
}

var known = null;
var answered = Promise.resolve();

/* The known words for `Mente du ...?`, fetched the first time a query finds nothing. */
function knownWords() {
  if (!known) known = fetchJSON("search/words.json").then(function (data) { return data.words; });
  return known;
}

/* The answer to a query with hits. When the texts of all of them are not in yet, the first ten
   go first (`post`), as soon as their texts are, and then all, unless a newer query came: the
   texts of the others are fetched after, so that they do not hold up the first. */
function answerHits(hits, post, current) {
  var most = hits.slice(0, MOST), size = engine.manifest.chunk;
  var missing = most.some(function (hit) { return !fetched[Math.floor(hit.ref / size)]; });
  if (most.length <= FIRST || !missing) return result(most);
  return result(most.slice(0, FIRST)).then(function (first) {
    if (!current()) return null;
    post(first);
    return result(most);
  });
}

/* A query that finds nothing gets the nearest known words instead: a first item saying so,
   which opens the case finder with the corrected words, then what those words find. */
function answer(query, post, current) {
  return engine.ready(query).then(function () {
    var hits = engine.search(query);
    if (hits.length) return answerHits(hits, post, current);
    if (query.replace(/[^\p{L}\p{N}]/gu, "").length < 3) return result(hits);
    return knownWords().then(function (words) {
      return SmartCitySuggest.suggest(engine, words, query);
    }).then(function (better) {
      if (!better) return result([]);
      return result(engine.search(better)).then(function (data) {
        var marked = SmartCitySearch.words(better);
        data.items.unshift([{
          location: "cases/?tekst=" + encodeURIComponent(better),
          title: "Mente du " + highlight(better, marked) + "?",
          text: "Intet passer til »" + escapeHTML(query.trim()) + "«. Her er resultaterne for »" +
            escapeHTML(better) + "«.",
          score: 0,
          terms: {}
        }]);
        return data;
      });
    }, function () { return result([]); });
  });
}

/* Material's result items for the first 50 hits, with their texts. */
function result(found) {
  var hits = found.slice(0, MOST);
  return pages(hits.map(function (hit) { return hit.ref; })).then(function (docs) {
    return {
      items: hits.map(function (hit) {
        var doc = docs[hit.ref];
        var terms = {};
        hit.words.forEach(function (w) { terms[w] = true; });
        return [{
          location: doc[0],
          title: highlight(doc[1], hit.words),
          text: highlight(doc[2], hit.words),
          score: hit.score,
          terms: terms
        }];
      })
    };
  });
}

var latest = 0;  /* the number of the last query received */

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var mine = ++latest;
    if (!/[\p{L}\p{N}]/u.test(message.data)) {
      /* Material sends an empty query when the page loads: answer it without loading anything. */
      postMessage({ type: RESULT, data: { items: [] } });
      return;
    }
    /* Answers leave in the order the queries came: Material shows the last answer, and one
       that waits for the known words must not overtake the next keystroke's. A query that a
       newer one has replaced by the time its turn comes is skipped, so typing fetches the
       shards and result texts of the words it stops at, not of every letter. */
    var query = message.data;
    var current = function () { return mine === latest; };
    var post = function (data) { postMessage({ type: RESULT, data: data }); };
    answered = answered.then(load).then(function () {
      return current() ? answer(query, post, current) : null;
    }).then(function (data) {
      if (data && current()) post(data);
    }, function () {
      postMessage({ type: RESULT, data: { items: [] } });
    });
  }
});
