/*
 * Search over the prebuilt lunr indexes, shared by the site search worker and the case finder.
 *
 * Queries are analysed exactly as the build analysed the documents (generator/search/analysis.py):
 * NFKC-normalised, lowercased words of letters and digits, stop words dropped, the Snowball Danish stemmer
 * (lunr-languages' lunr.da), then the same two normalisation rules. Each query word matches its
 * term exactly, as a prefix (typing "kommu" finds "kommune"), and as typed (a prefix of a longer
 * word); words are combined with AND, so every word narrows the result.
 */
(function (root) {
  "use strict";

  var WORD = /[\p{L}\p{N}]+/gu;
  var SYNCOPE = /^(.*[^aeiouyæøå])e([lnr])$/;
  var BODY_WEIGHT = 0.5;
  var PREFIX_MIN = 4;

  function words(text) {
    return (String(text).normalize("NFKC").toLowerCase().match(WORD) || []);
  }

  function normalise(stem) {
    if (stem.length > 5 && stem.charAt(stem.length - 1) === "s") stem = stem.slice(0, -1);
    var match = SYNCOPE.exec(stem);
    if (match && stem.length >= 5) stem = match[1] + match[2];
    return stem;
  }

  var DIGIT = /\p{N}/u;

  function term(word) {
    if (DIGIT.test(word)) return word;
    return normalise(root.lunr.da.stemmer(new root.lunr.Token(word)).toString());
  }

  function Engine(docs, stopWords, main) {
    this.docs = docs;
    this.stop = new Set(stopWords);
    this.main = root.lunr.Index.load(main);
    this.body = null;
  }

  Engine.prototype.addBody = function (body) {
    this.body = root.lunr.Index.load(body);
  };

  /* Query words with their index terms; stop words dropped unless nothing else is left. */
  Engine.prototype.analyse = function (query) {
    var all = words(query);
    var kept = all.filter(function (w) { return !this.stop.has(w); }, this);
    return (kept.length ? kept : all).map(function (w) { return { word: w, term: term(w) }; });
  };

  function matches(index, item) {
    var wildcard = root.lunr.Query.wildcard.TRAILING;
    return index.query(function (q) {
      q.term(item.term, { usePipeline: false, boost: 10 });
      /* Prefixes from four letters: "pa*" or "sen*" would expand to a large share of the vocabulary. */
      if (item.term.length >= PREFIX_MIN) q.term(item.term, { usePipeline: false, wildcard: wildcard, boost: 3 });
      if (item.word !== item.term && item.word.length >= PREFIX_MIN)
        q.term(item.word, { usePipeline: false, wildcard: wildcard, boost: 1 });
    });
  }

  /*
   * Search: returns [{ref, score, words}] best first. `limit(ref)` may restrict the documents
   * (the finder searches cases only).
   */
  Engine.prototype.search = function (query, limit) {
    var items = this.analyse(query);
    if (!items.length) return [];
    var total = null;
    for (var i = 0; i < items.length; i++) {
      var scores = new Map();
      var add = function (weight) {
        return function (hit) {
          var ref = Number(hit.ref);  /* lunr refs are strings; documents are numbered */
          if (limit && !limit(ref)) return;
          scores.set(ref, (scores.get(ref) || 0) + weight * hit.score);
        };
      };
      matches(this.main, items[i]).forEach(add(1));
      if (this.body) matches(this.body, items[i]).forEach(add(BODY_WEIGHT));
      if (total === null) {
        total = scores;
      } else {
        var next = new Map();
        total.forEach(function (score, ref) {
          if (scores.has(ref)) next.set(ref, score + scores.get(ref));
        });
        total = next;
      }
      if (!total.size) return [];
    }
    var words = items.map(function (item) { return item.word; });
    return Array.from(total, function (entry) {
      return { ref: entry[0], score: entry[1], words: words };
    }).sort(function (a, b) { return b.score - a.score || a.ref - b.ref; });
  };

  root.SmartCitySearch = { Engine: Engine, words: words, term: term, normalise: normalise };
})(typeof self !== "undefined" ? self : this);
