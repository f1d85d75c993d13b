/* The language switcher leads to the same page in the other edition (mkdocs-static-i18n does that);
   this keeps the place on the page too: anchors (#fig-…, #<source>-p4--…) are the same in both. */
(function () {
  "use strict";
  function carryHash() {
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      if (!link.dataset.page) link.dataset.page = link.getAttribute("href").split("#")[0];
      link.setAttribute("href", link.dataset.page + location.hash);
    });
  }
  carryHash();
  window.addEventListener("hashchange", carryHash);
})();
