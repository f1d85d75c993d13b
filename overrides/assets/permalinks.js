/* "Copy link" and "Cite" for each row of the All figures page. Without this script each row still
   has its permanent link (a.dossier-fig-permalink, #fig-<id>); the row carries what a citation needs
   (data-cite-figure, data-cite-source), and the page's address and today's date complete it. */
(function () {
  "use strict";
  var strings = JSON.parse((document.getElementById("reader-strings") || {}).textContent || "{}");
  var links = document.querySelectorAll("tr[id] a.dossier-fig-permalink");
  if (!links.length) return;

  var status = document.createElement("p");
  status.className = "dossier-fig-permalink-status";
  status.setAttribute("role", "status");
  document.body.appendChild(status);

  function urlOf(row) {
    return location.href.split("#")[0] + "#" + row.id;
  }

  function citationOf(row) {
    var date = new Intl.DateTimeFormat(strings.lang, { day: "numeric", month: "long", year: "numeric" }).format(new Date());
    var fields = { figure: row.dataset.citeFigure, source: row.dataset.citeSource, url: urlOf(row), date: date };
    return strings["permalink.citation"].replace(/\{(\w+)\}/g, function (all, name) { return fields[name]; });
  }

  function announce(text) {
    status.textContent = "";
    setTimeout(function () { status.textContent = text; }, 50);  // read out again on a second copy
  }

  /* If the clipboard is not available, show the text selected so the reader can copy it. */
  function byHand(cell, text) {
    var old = cell.querySelector(".dossier-fig-permalink-manual");
    if (old) old.remove();
    var label = document.createElement("label");
    label.className = "dossier-fig-permalink-manual";
    label.textContent = strings["permalink.copy_by_hand"] + " ";
    var box = document.createElement("textarea");
    box.readOnly = true;
    box.rows = 3;
    box.value = text;
    label.appendChild(box);
    cell.appendChild(label);
    box.focus();
    box.select();
  }

  function copy(cell, text, done) {
    var write = navigator.clipboard && window.isSecureContext
      ? navigator.clipboard.writeText(text) : Promise.reject(new Error("no clipboard"));
    write.then(function () { announce(done); }, function () { byHand(cell, text); });
  }

  function button(label, row, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "dossier-fig-permalink-button";
    b.textContent = label;
    b.setAttribute("aria-label", label + ": " + row.dataset.citeFigure);
    b.addEventListener("click", onClick);
    return b;
  }

  links.forEach(function (link) {
    var row = link.closest("tr");
    var cell = link.parentNode;
    link.href = urlOf(row);  // an absolute address, for "copy link address" too
    cell.appendChild(button(strings["permalink.copy_link"], row, function () {
      copy(cell, urlOf(row), strings["permalink.link_copied"]);
    }));
    cell.appendChild(button(strings["permalink.cite"], row, function () {
      copy(cell, citationOf(row), strings["permalink.citation_copied"]);
    }));
  });
})();
