/*
 * The site search's web worker, in place of Material's: it speaks Material's protocol (SETUP ->
 * READY, QUERY -> RESULT), but searches the indexes prebuilt at build time instead of indexing
 * every page in the reader's browser. Material starts the worker on every page, so lunr.js and
 * the data are fetched on the first query, not on every page view.
 */

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var SITE = new URL("../../../", self.location.href);
var engine = null;
var loading = null;

function fetchJSON(path) {
  return fetch(new URL(path, SITE)).then(function (response) {
    if (!response.ok) throw new Error(path + ": " + response.status);
    return response.json();
  });
}

function load() {
  if (!loading) {
    loading = new Promise(function (resolve) {
      importScripts(
        "lunr.js",
        "../lunr/min/lunr.stemmer.support.min.js",
        "../lunr/min/lunr.da.min.js",
        "search-core.js",
        "suggest.js"
      );
      resolve();
    }).then(function () {
      return Promise.all([fetchJSON("search/docs.json"), fetchJSON("search/index-main.json")]);
    }).then(function (data) {
        engine = new SmartCitySearch.Engine(data[0].docs, data[0].stopWords, data[1]);
        fetchJSON("search/index-body.json").then(function (body) { engine.addBody(body); });
        return engine;
      });
  }
  return loading;
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

/* A query that finds nothing gets the nearest known words instead: a first item saying so,
   which opens the case finder with the corrected words, then what those words find. */
function answer(query) {
  var hits = engine.search(query);
  if (hits.length || query.replace(/[^\p{L}\p{N}]/gu, "").length < 3) return Promise.resolve(result(hits));
  return knownWords().then(function (words) {
    var better = SmartCitySuggest.suggest(engine, words, query);
    if (!better) return result([]);
    var data = result(engine.search(better));
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
  }, function () { return result([]); });
}

function result(found) {
  var hits = found.slice(0, 50);
  return {
    items: hits.map(function (hit) {
      var doc = engine.docs[hit.ref];
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
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    if (!/[\p{L}\p{N}]/u.test(message.data)) {
      /* Material sends an empty query when the page loads: answer it without loading anything. */
      postMessage({ type: RESULT, data: { items: [] } });
      return;
    }
    /* Answers leave in the order the queries came: Material shows the last answer, and one
       that waits for the known words must not overtake the next keystroke's. */
    var query = message.data;
    answered = answered.then(load).then(function () {
      return answer(query);
    }).then(function (data) {
      postMessage({ type: RESULT, data: data });
    }, function () {
      postMessage({ type: RESULT, data: { items: [] } });
    });
  }
});
