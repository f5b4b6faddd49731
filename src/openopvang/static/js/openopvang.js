// Small behaviour for the staff pages. Served from our own origin: the
// Content-Security-Policy allows no inline scripts.
(function () {
  "use strict";

  // Tell assistive technology that htmx is replacing a region.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    if (target) { target.setAttribute("aria-busy", "true"); }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (target) { target.removeAttribute("aria-busy"); }
  });
  document.addEventListener("htmx:responseError", function (event) {
    var target = event.detail.target;
    if (target) { target.removeAttribute("aria-busy"); }
  });
})();
