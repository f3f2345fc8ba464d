/*
 * `Mente du ...?`: the nearest known word for each word of a query that finds nothing, shared by
 * the site search worker and the case finder.
 *
 * Known words are those of the main index's fields (generator/site/search/suggest.py,
 * `search/words.json`), most frequent first. A word is replaced by the nearest one within one
 * edit (words of up to four letters) or two (longer words), counting a swap of two neighbouring
 * letters as one edit; of equally near words, the more frequent wins. The suggestion is offered
 * only when it finds something.
 */
(function (root) {
  "use strict";

  /* Edit distance with transpositions (optimal string alignment); stops early beyond `max`. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      var row = [i], best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1))
          d = Math.min(d, prev2[j - 2] + 1);
        row.push(d);
        if (d < best) best = d;
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  function nearest(word, known) {
    var max = word.length <= 4 ? 1 : 2, found = null, least = max + 1;
    for (var k = 0; k < known.length && least > 1; k++) {
      var d = distance(word, known[k], Math.min(max, least - 1));
      if (d < least) { least = d; found = known[k]; }
    }
    return least <= max ? found : null;
  }

  /* A promise of the corrected query, or of null. `engine` is a SmartCitySearch.Engine; `limit`
     as its search. The shards of the query's words and of the corrected words are fetched. */
  function suggest(engine, known, query, limit) {
    var words = root.SmartCitySearch.words(query);
    return engine.ready(query).then(function () {
      var changed = false;
      var fixed = words.map(function (word) {
        if (engine.stop.has(word) || engine.search(word, limit).length) return word;
        var better = nearest(word, known);
        if (better && better !== word) { changed = true; return better; }
        return word;
      });
      if (!changed) return null;
      var text = fixed.join(" ");
      return engine.ready(text).then(function () {
        return engine.search(text, limit).length ? text : null;
      });
    });
  }

  root.SmartCitySuggest = { suggest: suggest, nearest: nearest, distance: distance };
})(typeof self !== "undefined" ? self : this);
