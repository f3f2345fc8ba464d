/*
 * The three names lunr-languages' Danish stemmer (lunr.stemmer.support.min.js, lunr.da.min.js)
 * needs from lunr, so that the stemmer loads without lunr.js itself (25 KB compressed): the
 * index is searched by search-core.js, and the stemmer is called on plain strings.
 */
(function (root) {
  "use strict";
  root.lunr = root.lunr || {
    Pipeline: { registerFunction: function () {} },
    generateStopWordFilter: function () { return function (token) { return token; }; }
  };
})(typeof self !== "undefined" ? self : this);
