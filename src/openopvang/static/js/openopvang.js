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

  // The main menu folds behind a "Menu" button on narrow screens (the CSS
  // shows the button only there); the button says whether the menu is open.
  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.querySelector(".oo-nav__toggle");
    if (!toggle) { return; }
    toggle.hidden = false;
    document.documentElement.classList.add("oo-js");
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
    });
  });
})();
