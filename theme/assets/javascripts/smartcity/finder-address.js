/*
 * Old links to the finder kept the text in `?q=`, which Material's site search reads when its
 * script starts, opening the search over the finder. Loaded before Material's script, this
 * renames it to `?tekst=` (what the finder writes now), so such a link opens the finder as it was.
 */
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  if (!params.has("q")) return;
  if (!params.has("tekst")) params.set("tekst", params.get("q"));
  params.delete("q");
  history.replaceState(history.state, "", location.pathname + "?" + params.toString() + location.hash);
})();
