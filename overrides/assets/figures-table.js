/* "All figures" as a reader's tool: filter the table by partner, resource, kind of figure and check
   against other sources, find a figure by its words, and sort by a column. Progressive enhancement:
   without this script the table is complete and every row links to its figure and its source.
   The choices come from the rows themselves (data-partners, data-resources, data-kind, data-verdict);
   the labels from the page (the links' texts) and from data/strings.yml (#reader-strings). */
(function () {
  "use strict";
  var table = document.querySelector("table.dossier-figures-table");
  if (!table) return;
  var strings = JSON.parse((document.getElementById("reader-strings") || {}).textContent || "{}");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var t = function (key, fields) {
    return (strings[key] || key).replace(/\{(\w+)\}/g, function (all, name) { return fields && name in fields ? fields[name] : all; });
  };

  /* The distinct values of a row attribute, each with its label: a link's text for partners and resources. */
  function choices(attr, label) {
    var seen = {}, order = [];
    rows.forEach(function (row) {
      (row.getAttribute(attr) || "").split(" ").filter(Boolean).forEach(function (value) {
        if (!(value in seen)) { seen[value] = label(value, row); order.push(value); }
      });
    });
    return order.map(function (value) { return [value, seen[value]]; });
  }
  function linkText(kind) {
    return function (value, row) {
      var link = row.querySelector('a[href*="' + kind + '/' + value + '/"]');
      return link ? link.textContent : value;
    };
  }

  var form = document.createElement("form");
  form.className = "dossier-table-filter";
  form.setAttribute("role", "search");
  form.setAttribute("aria-label", t("table.filter.label"));
  form.addEventListener("submit", function (event) { event.preventDefault(); });

  function field(labelText, control) {
    var wrap = document.createElement("label");
    wrap.className = "dossier-table-filter__field";
    var span = document.createElement("span");
    span.textContent = labelText;
    wrap.append(span, control);
    form.appendChild(wrap);
    return control;
  }
  function select(name, labelText, options) {
    var control = document.createElement("select");
    control.name = name;
    var any = new Option(t("table.filter.any"), "");
    control.add(any);
    options.forEach(function (o) { control.add(new Option(o[1], o[0])); });
    return field(labelText, control);
  }

  var search = document.createElement("input");
  search.type = "search";
  search.name = "q";
  field(t("table.filter.search"), search);
  var partner = select("partner", t("table.filter.partner"), choices("data-partners", linkText("partners")));
  var resource = select("resource", t("table.filter.resource"), choices("data-resources", linkText("resources")));
  var kind = select("kind", t("table.filter.kind"), choices("data-kind", function (v) { return t("kind." + v); }));
  var verdict = select("verdict", t("table.filter.verdict"), choices("data-verdict", function (v) {
    return v === "agrees" ? t("table.verdict_ok") : t("badge." + v);
  }));
  var reset = document.createElement("button");
  reset.type = "reset";
  reset.className = "dossier-table-filter__reset";
  reset.textContent = t("table.filter.reset");
  form.appendChild(reset);
  var status = document.createElement("p");
  status.className = "dossier-table-filter__status";
  status.setAttribute("role", "status");
  form.appendChild(status);

  function matches(row) {
    var words = search.value.trim().toLowerCase();
    var has = function (attr, value) { return !value || (" " + row.getAttribute(attr) + " ").indexOf(" " + value + " ") >= 0; };
    return has("data-partners", partner.value) && has("data-resources", resource.value) &&
      has("data-kind", kind.value) && has("data-verdict", verdict.value) &&
      (!words || row.textContent.toLowerCase().indexOf(words) >= 0);
  }
  function apply() {
    var shown = 0;
    rows.forEach(function (row) { var ok = matches(row); row.hidden = !ok; shown += ok ? 1 : 0; });
    status.textContent = t("table.filter.shown", { shown: shown, total: rows.length });
  }
  form.addEventListener("input", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });

  /* Sorting: a button in each sortable header; numbers by their stored value, words by the language's order. */
  var collator = new Intl.Collator(strings.lang || undefined, { numeric: true, sensitivity: "base" });
  function sortKey(row, column) {
    if (column === 0 && row.dataset.sort !== "") return Number(row.dataset.sort);
    return row.cells[column].textContent.trim();
  }
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, column) {
    if (column === heads.length - 1) return;  // the permalink column
    var button = document.createElement("button");
    button.type = "button";
    button.className = "dossier-table-sort";
    button.textContent = th.textContent;
    button.setAttribute("aria-label", t("table.sort", { column: th.textContent }));
    th.replaceChildren(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var sorted = rows.slice().sort(function (a, b) {
        var x = sortKey(a, column), y = sortKey(b, column);
        var order = typeof x === "number" && typeof y === "number" ? x - y :
          typeof x === "number" ? -1 : typeof y === "number" ? 1 : collator.compare(x, y);
        return ascending ? order : -order;
      });
      sorted.forEach(function (row) { table.tBodies[0].appendChild(row); });
    });
  });

  var scroller = table.closest(".dossier-scroll") || table;
  scroller.parentNode.insertBefore(form, scroller);
  apply();
})();
