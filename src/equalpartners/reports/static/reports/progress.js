/*
 * Learning reports: the progress page checks again by itself every two seconds, replacing what
 * it says (a polite live region), and goes to the report once it is ready. Without this file
 * the page's "Check again" link does the same.
 */
(function () {
  "use strict";

  function init() {
    var region = document.querySelector("[data-progress-poll]");
    if (!region || !window.fetch || !window.DOMParser) {
      return;
    }
    var interval = parseInt(region.getAttribute("data-progress-poll"), 10) || 2000;
    var here = window.location.href;

    function check() {
      fetch(here, { credentials: "same-origin" })
        .then(function (response) {
          if (response.redirected) {
            // Ready: load this page for real, which goes on to the report with its message.
            window.location.assign(here);
            return null;
          }
          return response.text();
        })
        .then(function (html) {
          if (!html) {
            return;
          }
          var fresh = new DOMParser()
            .parseFromString(html, "text/html")
            .querySelector("[data-progress-poll]");
          if (!fresh) {
            return;
          }
          if (fresh.textContent !== region.textContent) {
            region.innerHTML = fresh.innerHTML;
          }
          if (fresh.hasAttribute("data-progress-running")) {
            window.setTimeout(check, interval);
          } else {
            region.removeAttribute("data-progress-running");
          }
        })
        .catch(function () {
          window.setTimeout(check, interval * 2);
        });
    }

    if (region.hasAttribute("data-progress-running")) {
      window.setTimeout(check, interval);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
