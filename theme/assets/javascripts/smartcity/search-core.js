/*
 * Search over the prebuilt, sharded index, shared by the site search worker and the case finder.
 *
 * Queries are analysed exactly as the build analysed the documents (generator/site/search/analysis.py):
 * NFKC-normalised, lowercased words of letters and digits, stop words dropped, the Snowball Danish
 * stemmer (lunr-languages' lunr.da), then the same two normalisation rules. Each query word
 * matches its term exactly, as a prefix (typing "kommu" finds "kommune"), and as typed (a prefix
 * of a longer word); words are combined with AND, so every word narrows the result.
 *
 * The index comes in shards of terms (generator/site/search/shards.py): the manifest lists the first
 * term of each, and `ready(query)` fetches the shards the query's words need, once each. Scores
 * are lunr.js's for the same query over the whole index: per word and index, the sum over the
 * matched terms of the clause boosts times the term's BM25 weight, divided by the norm of the
 * query's boosts; the bodies count half.
 */
(function (root) {
  "use strict";

  var WORD = /[\p{L}\p{N}]+/gu;
  var SYNCOPE = /^(.*[^aeiouyæøå])e([lnr])$/;
  var BODY_WEIGHT = 0.5;
  var PREFIX_MIN = 4;
  var SCALE = 1000;  /* weights are stored in thousandths */
  var PARTS = [[1, 1], [2, BODY_WEIGHT]];  /* [place in a shard entry, weight]: main, bodies */

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
    return normalise(root.lunr.da.stemmer(word));
  }

  /* What one query word looks for: its term exactly, its term as a prefix, the word as typed as
     a prefix; prefixes from four letters ("pa*" or "sen*" would match a large share of the
     vocabulary). The boosts are those the unsharded lunr queries used. */
  function clauses(item) {
    var list = [{ text: item.term, prefix: false, boost: 10 }];
    if (item.term.length >= PREFIX_MIN) list.push({ text: item.term, prefix: true, boost: 3 });
    if (item.word !== item.term && item.word.length >= PREFIX_MIN)
      list.push({ text: item.word, prefix: true, boost: 1 });
    return list;
  }

  /* The first place in sorted `entries` whose term is not before `text` (JavaScript's string
     order, which the build sorts by). */
  function lowerBound(entries, text) {
    var lo = 0, hi = entries.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (entries[mid][0] < text) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* `manifest` is search/manifest.json; `fetchJSON(path)` fetches a file of the site. */
  function Engine(manifest, fetchJSON) {
    this.manifest = manifest;
    this.stop = new Set(manifest.stopWords);
    this.first = manifest.shards;
    this.fetchJSON = fetchJSON;
    this.shards = [];   /* number -> its entries, once fetched */
    this.pending = [];  /* number -> the fetch under way or done */
  }

  /* A file of this build (the version keeps a cached shard of an older build out). */
  Engine.prototype.file = function (path) {
    return path + "?v=" + encodeURIComponent(this.manifest.version);
  };

  /* The shard whose range holds `text`: the last whose first term is not after it. */
  Engine.prototype.shardOf = function (text) {
    var lo = 0, hi = this.first.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (this.first[mid] <= text) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  /* The shards that may hold a clause's terms: its own, and for a prefix each following shard
     that begins with it. */
  Engine.prototype.shardsFor = function (clause) {
    if (!this.first.length) return [];
    var i = this.shardOf(clause.text), found = [i];
    if (clause.prefix)
      while (i + 1 < this.first.length && this.first[i + 1].startsWith(clause.text)) found.push(++i);
    return found;
  };

  /* Query words with their index terms; stop words dropped unless nothing else is left. */
  Engine.prototype.analyse = function (query) {
    var all = words(query);
    var kept = all.filter(function (w) { return !this.stop.has(w); }, this);
    return (kept.length ? kept : all).map(function (w) { return { word: w, term: term(w) }; });
  };

  /* The shard numbers a query needs. */
  Engine.prototype.need = function (query) {
    var wanted = new Set();
    this.analyse(query).forEach(function (item) {
      clauses(item).forEach(function (clause) {
        this.shardsFor(clause).forEach(function (n) { wanted.add(n); });
      }, this);
    }, this);
    return Array.from(wanted);
  };

  /* True when every shard the query needs is in: `search` can answer at once. */
  Engine.prototype.loaded = function (query) {
    return this.need(query).every(function (n) { return this.shards[n]; }, this);
  };

  Engine.prototype.load = function (n) {
    var self = this;
    if (!this.pending[n]) {
      this.pending[n] = this.fetchJSON(this.file("search/terms/" + n + ".json")).then(function (entries) {
        self.shards[n] = entries;
      }, function (error) {
        delete self.pending[n];  /* a later query tries again */
        throw error;
      });
    }
    return this.pending[n];
  };

  /* Fetches what the query needs; resolves when `search` can answer it. */
  Engine.prototype.ready = function (query) {
    return Promise.all(this.need(query).map(this.load, this));
  };

  /* The shard entries a clause matches, from the shards in. */
  Engine.prototype.expand = function (clause) {
    var found = [];
    this.shardsFor(clause).forEach(function (n) {
      var entries = this.shards[n] || [];
      for (var i = lowerBound(entries, clause.text); i < entries.length; i++) {
        var t = entries[i][0];
        if (clause.prefix ? !t.startsWith(clause.text) : t !== clause.text) break;
        found.push(entries[i]);
      }
    }, this);
    return found;
  };

  /* One query word's scores, by document number. */
  Engine.prototype.score = function (item, limit) {
    var matched = new Map();  /* term -> {entry, boost}: a term two clauses match adds both boosts */
    clauses(item).forEach(function (clause) {
      this.expand(clause).forEach(function (entry) {
        var seen = matched.get(entry[0]);
        if (seen) seen.boost += clause.boost;
        else matched.set(entry[0], { entry: entry, boost: clause.boost });
      });
    }, this);
    var scores = new Map();
    PARTS.forEach(function (part) {
      var place = part[0], norm = 0;
      matched.forEach(function (m) { if (m.entry[place].length) norm += m.boost * m.boost; });
      if (!norm) return;
      var factor = part[1] / Math.sqrt(norm) / SCALE;
      matched.forEach(function (m) {
        var postings = m.entry[place], doc = 0;
        for (var i = 0; i < postings.length; i += 2) {
          doc += postings[i];
          if (limit && !limit(doc)) continue;
          scores.set(doc, (scores.get(doc) || 0) + factor * m.boost * postings[i + 1]);
        }
      });
    });
    return scores;
  };

  /*
   * Search the shards in (call `ready(query)` first): returns [{ref, score, words}] best first.
   * `limit(ref)` may restrict the documents (the finder searches cases only).
   */
  Engine.prototype.search = function (query, limit) {
    var items = this.analyse(query);
    if (!items.length) return [];
    var total = null;
    for (var i = 0; i < items.length; i++) {
      var scores = this.score(items[i], limit);
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
    var found = items.map(function (item) { return item.word; });
    return Array.from(total, function (entry) {
      return { ref: entry[0], score: entry[1], words: found };
    }).sort(function (a, b) { return b.score - a.score || a.ref - b.ref; });
  };

  root.SmartCitySearch = { Engine: Engine, words: words, term: term, normalise: normalise };
})(typeof self !== "undefined" ? self : this);
