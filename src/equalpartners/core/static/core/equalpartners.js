/*
 * Equal Partners: progressive enhancement only. Every page works without this file.
 * Loaded with `defer` from our own origin; no eval, no inline handlers (CSP 'self').
 */
(function () {
  "use strict";

  // The label or legend that names a field, so it can be scrolled into view with it.
  function labelFor(input) {
    var fieldset = input.closest("fieldset");
    if (fieldset) {
      var legend = fieldset.querySelector("legend");
      if (legend) {
        return legend;
      }
    }
    return document.querySelector("label[for='" + CSS.escape(input.id) + "']");
  }

  function init() {
    var summary = document.querySelector(".error-summary");
    if (!summary) {
      return;
    }

    // Move focus to the error summary, as GOV.UK Frontend does. Once focus leaves it,
    // drop the tabindex so a later click on it does not draw the focus ring.
    if (!summary.hasAttribute("tabindex")) {
      summary.setAttribute("tabindex", "-1");
    }
    summary.addEventListener("blur", function () {
      summary.removeAttribute("tabindex");
    }, { once: true });
    summary.focus();

    // Following an error link: focus the field and show its question (label or
    // legend) at the top, not just the input box.
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link || !window.CSS || !CSS.escape) {
        return;
      }
      var input = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!input) {
        return;
      }
      var label = labelFor(input);
      event.preventDefault();
      (label || input).scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
