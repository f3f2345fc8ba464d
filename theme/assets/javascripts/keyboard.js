/* Keyboard access to Material's header buttons.
 *
 * The menu button (small screens) and the search button are <label for="..."> elements that
 * toggle a hidden checkbox: a mouse can click them, but Tab never reaches them, so a keyboard
 * user on a phone or tablet could not open the navigation (WCAG 2.1.1). This turns them into
 * buttons: focusable, named, with their state, Enter and Space toggle them, focus moves into the
 * opened menu and Escape closes it again. Without JavaScript nothing changes.
 */
(function () {
  "use strict";

  var NAMES = { __drawer: "Menu", __search: "Søg" };

  function focusFirstIn(selector) {
    var panel = document.querySelector(selector);
    var first = panel && panel.querySelector("a[href], [tabindex='0'], input, button");
    if (first) {
      first.focus();
    }
  }

  document.querySelectorAll("label.md-header__button[for]").forEach(function (label) {
    var id = label.getAttribute("for");
    var toggle = document.getElementById(id);
    if (!toggle || !Object.prototype.hasOwnProperty.call(NAMES, id)) {
      return;
    }
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    label.setAttribute("aria-label", NAMES[id]);
    label.setAttribute("aria-expanded", String(toggle.checked));
    toggle.addEventListener("change", function () {
      label.setAttribute("aria-expanded", String(toggle.checked));
    });
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") {
        return;
      }
      // Stop here: Material's own Enter handler on the document would toggle a second time.
      event.preventDefault();
      event.stopPropagation();
      label.click();
      if (id === "__drawer" && toggle.checked) {
        focusFirstIn(".md-sidebar--primary");
      }
    });
  });

  // A table wider than the screen scrolls sideways in its wrapper; a keyboard can only scroll
  // it if the wrapper takes focus (WCAG 2.1.1). Only wrappers that really scroll become a tab
  // stop, named after their section's heading; on a wide screen nothing changes.
  var SCROLLERS = ".md-typeset__scrollwrap, .sc-scroll";
  function markScrollers() {
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        var section = box.closest("section[aria-labelledby]");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        if (section) {
          box.setAttribute("aria-labelledby", section.getAttribute("aria-labelledby"));
        } else {
          box.setAttribute("aria-label", "Tabel");
        }
      } else if (box.getAttribute("role") === "region") {
        ["tabindex", "role", "aria-labelledby", "aria-label"].forEach(function (name) {
          box.removeAttribute(name);
        });
      }
    });
  }
  markScrollers();
  var resizing;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(markScrollers, 100);
  });

  var drawer = document.getElementById("__drawer");
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer && drawer.checked) {
      drawer.checked = false;
      drawer.dispatchEvent(new Event("change"));
      var button = document.querySelector("label.md-header__button[for='__drawer']");
      if (button) {
        button.focus();
      }
    }
  });
})();
