/* Source preview: hovering or focusing a figure (a.dossier-fig) shows the paragraph it quotes, with the
   quoted words highlighted, the paragraph number and the short citation, and the verdicts of other
   sources on the figure (the link's data-verdicts, macros/figlink.py). Escape closes it. On a touch
   screen the first tap shows the card and a second tap (or the card's link) goes on.
   The paragraph is read from the source page itself (same site, fetched once per page), so the
   card always shows what the link leads to. Without this script a figure is a plain link. */
(function () {
  "use strict";
  var strings = JSON.parse((document.getElementById("reader-strings") || {}).textContent || "{}");
  var SHOW_DELAY = 200, HIDE_DELAY = 250;
  var pages = {};        // source page URL -> Promise of its parsed document
  var card = null;       // the one card element, reused
  var owner = null;      // the figure link the card describes
  var showTimer = 0, hideTimer = 0;
  var pointer = "mouse", openBefore = false;  // the last pointer (a tap: "touch"), and whether the tapped figure's card was open

  function sourcePage(url) {
    if (url === location.href.split("#")[0]) return Promise.resolve(document);
    if (!pages[url]) {
      pages[url] = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + url);
        return r.text();
      }).then(function (html) { return new DOMParser().parseFromString(html, "text/html"); });
      pages[url].catch(function () { delete pages[url]; });  // try again on the next hover
    }
    return pages[url];
  }

  function target(link) {
    var url = new URL(link.href, location.href);
    if (url.origin !== location.origin) return null;
    var anchor = decodeURIComponent(url.hash.slice(1));
    return { page: url.href.split("#")[0], paragraph: anchor.split("--")[0], figure: link.dataset.fig };
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  /* A copy of one block of the paragraph, without ids; the figure's own quoted words stand out. */
  function copyOf(node, figure) {
    var copy = document.importNode(node, true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
    copy.querySelectorAll("mark.dossier-quote").forEach(function (mark) {
      if ((" " + mark.dataset.figs + " ").indexOf(" " + figure + " ") >= 0) mark.classList.add("dossier-fig-preview__hit");
    });
    return copy;
  }

  /* "Other sources: World Nuclear Association — agrees; S&P Global — differs" from the link's verdicts and
     who states each, in the edition's language; then the badge's meaning, when the figure has one. */
  function verdicts(link) {
    var kinds = (link.dataset.verdicts || "").split(",").filter(Boolean);
    var who = (link.dataset.verdictSources || "").split(" | ");
    var badge = link.nextElementSibling && link.nextElementSibling.classList.contains("dossier-badge") ? link.nextElementSibling : null;
    if (!kinds.length && !badge) return null;
    var box = document.createElement("div");
    if (badge && badge.title) box.appendChild(el("p", "dossier-fig-preview__badge", badge.textContent + ": " + badge.title));
    if (kinds.length) {
      var line = el("p", "dossier-fig-preview__verdicts", strings["preview.other_sources"] + ": ");
      kinds.forEach(function (kind, i) {
        if (i) line.appendChild(document.createTextNode("; "));
        if (who[i]) line.appendChild(document.createTextNode(who[i] + " — "));
        line.appendChild(el("span", "dossier-fig-preview__verdict dossier-fig-preview__verdict--" + kind, strings["verdict." + kind] || kind));
      });
      box.appendChild(line);
    }
    return box;
  }

  function fill(section, figure, link) {
    var body = el("div", "dossier-fig-preview__body");
    var rendering = section.querySelector(".dossier-src-para__rendering");
    var original = section.querySelector(".dossier-src-para__original");
    var pair = Boolean(rendering && original);
    if (pair) {  // an edition in another language: its own rendering beside the original
      body.appendChild(copyOf(rendering, figure)).className = "dossier-fig-preview__rendering";
      body.appendChild(copyOf(original, figure)).className = "dossier-fig-preview__original";
    } else {
      body.appendChild(copyOf(section.querySelector(".dossier-src-para__text"), figure));
    }
    card.classList.toggle("dossier-fig-preview--pair", pair);
    var head = el("p", "dossier-fig-preview__head");
    head.appendChild(el("span", "dossier-fig-preview__number", section.getAttribute("aria-label")));
    if (section.dataset.cite) head.appendChild(el("cite", "dossier-fig-preview__cite", section.dataset.cite));
    var judged = verdicts(link);
    var open = el("a", "dossier-fig-preview__open", strings["preview.open"]);  // on a touch screen, the way on
    open.href = link.href;
    var foot = el("p", "dossier-fig-preview__foot");
    foot.appendChild(open);
    card.replaceChildren.apply(card, judged ? [head, body, judged, foot] : [head, body, foot]);
  }

  /* Below the link if it fits, else on the roomier side; a paragraph taller than the room is
     clipped, scrolled so the quoted words show (the link leads to the whole paragraph). */
  function place(link) {
    var box = link.getBoundingClientRect(), gap = 6, margin = 8;
    var header = document.querySelector(".md-header");  // the site's bar stays visible: the card never covers it
    var top0 = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    var below = window.innerHeight - box.bottom - gap - margin, above = box.top - gap - margin - top0;
    card.style.maxHeight = "";
    var fitsBelow = card.offsetHeight <= below;
    var room = fitsBelow ? below : Math.max(below, above);
    card.style.maxHeight = Math.max(room, 160) + "px";
    var width = card.offsetWidth, viewportWidth = document.documentElement.clientWidth;
    var left = Math.max(margin, Math.min(box.left, viewportWidth - width - margin));
    var top = fitsBelow || below >= above ? box.bottom + gap : box.top - gap - card.offsetHeight;
    card.style.left = (left + window.scrollX) + "px";
    card.style.top = (Math.max(top, top0 + margin - window.scrollY, -window.scrollY) + window.scrollY) + "px";
    showQuote();
  }

  function showQuote() {
    var body = card.querySelector(".dossier-fig-preview__body"), hit = card.querySelector(".dossier-fig-preview__hit");
    if (!body) return;
    body.scrollTop = 0;
    if (hit) {
      var offset = hit.getBoundingClientRect().bottom - body.getBoundingClientRect().bottom;
      if (offset > 0) body.scrollTop = offset + body.clientHeight / 3;
    }
    body.classList.toggle("dossier-is-clipped-top", body.scrollTop > 0);
    body.classList.toggle("dossier-is-clipped-bottom", body.scrollTop + body.clientHeight < body.scrollHeight - 1);
  }

  function ensureCard() {
    if (card) return;
    card = el("div", "dossier-fig-preview md-typeset");
    card.id = "dossier-fig-preview";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    card.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    card.addEventListener("mouseleave", function () { if (pointer !== "touch") hideSoon(); });
    document.body.appendChild(card);
  }

  function show(link) {
    var where = target(link);
    if (!where) return;
    ensureCard();
    clearTimeout(hideTimer);
    if (owner && owner !== link) owner.removeAttribute("aria-describedby");
    owner = link;
    card.classList.remove("dossier-fig-preview--pair");
    card.replaceChildren(el("p", "dossier-fig-preview__status", strings["preview.loading"]));
    card.hidden = false;
    link.setAttribute("aria-describedby", card.id);
    place(link);
    sourcePage(where.page).then(function (doc) {
      var section = doc.getElementById(where.paragraph);
      if (owner !== link) return;
      if (!section) throw new Error("no paragraph " + where.paragraph);
      fill(section, where.figure, link);
      card.dataset.paragraph = where.paragraph;
      place(link);
    }).catch(function () {
      if (owner !== link) return;
      card.replaceChildren(el("p", "dossier-fig-preview__status", strings["preview.failed"]));
      place(link);
    });
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (!card || card.hidden) return;
    card.hidden = true;
    delete card.dataset.paragraph;
    if (owner) owner.removeAttribute("aria-describedby");
    owner = null;
  }

  function hideSoon() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY);
  }

  function figureOf(event) {
    return event.target instanceof Element ? event.target.closest("a.dossier-fig[data-fig]") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var link = figureOf(event);
    if (!link || link === owner) { if (link) clearTimeout(hideTimer); return; }
    clearTimeout(showTimer);
    showTimer = setTimeout(function () { show(link); }, SHOW_DELAY);
  });
  document.addEventListener("mouseout", function (event) {
    if (pointer === "touch") return;  // the mouse events a tap leaves behind: after a tap, a tap elsewhere closes the card
    var link = figureOf(event);
    if (link && !link.contains(event.relatedTarget)) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var link = figureOf(event);
    if (link) { clearTimeout(showTimer); show(link); }
  });
  document.addEventListener("focusout", function (event) {
    if (figureOf(event) && !(card && card.contains(event.relatedTarget))) hide();  // not when going into the card
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && card && !card.hidden) hide();
  });
  /* On a touch screen the first tap on a figure shows its card (there is no hover); a second tap on the
     figure, or the card's own link, goes on to the source. A tap elsewhere closes the card. */
  document.addEventListener("pointerdown", function (event) {
    pointer = event.pointerType || "mouse";
    var link = figureOf(event);
    openBefore = !!link && link === owner && !!card && !card.hidden;  // (focus will open it before the click)
  }, true);
  document.addEventListener("click", function (event) {
    var link = figureOf(event);
    if (link && pointer === "touch" && !openBefore) {
      event.preventDefault();
      clearTimeout(showTimer);
      show(link);
    } else if (!link && card && !card.hidden && !card.contains(event.target)) {
      hide();
    }
  });
})();
