/*
 * The map's caption: the name and count of the municipality under the pointer, in focus, or
 * tapped, in a line under the map, because touch and keyboard never show a <title> tooltip.
 * On a touch screen the first tap on a municipality shows its caption (with a link to its page)
 * and a second tap on the same one opens it. Screen readers already hear each link's name, so
 * the caption is hidden from them. Without JavaScript the map is links, as before.
 */
(function () {
  "use strict";

  var figure = document.querySelector("figure.sc-map");
  if (!figure) return;
  var caption = figure.querySelector(".sc-map__caption");
  var shown = null;
  var touched = false;

  function show(area) {
    if (!area || area === shown) return;
    shown = area;
    caption.replaceChildren();
    var name = document.createElement("strong");
    name.textContent = area.querySelector("title").textContent;
    caption.appendChild(name);
    caption.appendChild(document.createTextNode(" "));
    var link = document.createElement("a");
    link.href = area.getAttribute("href");
    link.textContent = "Gå til kommunens side";
    link.tabIndex = -1;  /* the area itself is the keyboard's way there */
    caption.appendChild(link);
    caption.hidden = false;
  }

  function areaOf(target) {
    return target && target.closest ? target.closest("a.sc-area") : null;
  }

  /* A tap focuses the link before its click: the click decides, so that the first tap shows. */
  figure.addEventListener("focusin", function (event) { if (!touched) show(areaOf(event.target)); });
  figure.addEventListener("pointerover", function (event) {
    if (event.pointerType !== "touch") show(areaOf(event.target));
  });
  figure.addEventListener("pointerdown", function (event) { touched = event.pointerType === "touch"; });
  figure.addEventListener("click", function (event) {
    var area = areaOf(event.target);
    if (!area || !touched) return;
    touched = false;
    if (area !== shown) {
      event.preventDefault();
      show(area);
    }
  });
})();
