/* Progressive enhancement only: without this file every note is a disclosure after its
   paragraph, one click away, and everything prints.
   Wide screens: notes become compact cards in the margin beside their highlight. Cards never
   cover each other and never move the text; opening one aligns it with its highlight and pushes
   the other cards away.
   Narrow screens: notes stay hidden until their highlight or number is tapped, then open below
   the paragraph, with the tapped phrase kept on screen.
   Keyboard: Enter or Space on a number opens its note, Escape closes it and returns focus.
   Reader controls above the essay: all notes, claims only or none, and a filter by verdict. */
(function () {
  "use strict";
  window.factcheckReady = true; // the page's early script falls back to the plain layout without it
  var root = document.documentElement;
  root.classList.add("fc-js");
  var wide = window.matchMedia("(min-width: 76.25em)");
  var GAP = 8; // px between cards in the margin
  var STORE = "factcheck-reader";
  var lastTrigger = null;
  var focused = null; // the card that keeps its place next to its highlight

  function essay() { return document.querySelector(".fc-essay"); }
  function noteOf(id) { return document.getElementById("a-" + id); }
  function markerOf(id) { return document.getElementById("r-" + id); }
  function highlightOf(id) { return document.getElementById("h-" + id); }
  function marksOf(id) {
    return document.querySelectorAll('mark.fc-hl[data-annotation="' + id + '"]');
  }
  function cards() {
    return Array.prototype.slice.call(document.querySelectorAll(".fc-essay details.fc-note"));
  }
  function visible(card) { return !card.classList.contains("fc-off"); }

  /* Margin layout (wide screens) ------------------------------------------------------ */

  function desiredTop(card, box) {
    var mark = highlightOf(card.getAttribute("data-annotation"));
    var line = mark ? mark.getBoundingClientRect().top : card.parentNode.getBoundingClientRect().top;
    return line - box.top;
  }

  // Tops for cards wanted at ``wanted`` with ``heights``, GAP apart, never overlapping. Card
  // ``anchor`` (an open one) sits level with its highlight if there is room above for the cards
  // before it, which then move up; every other card moves down only as far as it must.
  function placed(wanted, heights, anchor) {
    var tops = new Array(wanted.length), i;
    function down(from) {
      for (i = from; i < wanted.length; i++) {
        tops[i] = i === 0 ? Math.max(wanted[0], 0) : Math.max(wanted[i], tops[i - 1] + heights[i - 1] + GAP);
      }
    }
    if (anchor < 0) { down(0); return tops; }
    tops[anchor] = Math.max(wanted[anchor], 0);
    for (i = anchor - 1; i >= 0; i--) tops[i] = Math.min(wanted[i], tops[i + 1] - GAP - heights[i]);
    if (anchor > 0 && tops[0] < 0) { down(0); return tops; }
    down(anchor + 1);
    return tops;
  }

  function layout() {
    var container = essay();
    if (!container) return;
    if (!wide.matches) {
      container.style.minHeight = "";
      cards().forEach(function (card) { card.style.top = ""; });
      container.classList.add("fc-placed");
      return;
    }
    var box = container.getBoundingClientRect();
    var shown = cards().filter(visible);
    var wanted = shown.map(function (card) { return desiredTop(card, box); });
    var heights = shown.map(function (card) { return card.offsetHeight; });
    var tops = placed(wanted, heights, focused ? shown.indexOf(focused) : -1);
    var bottom = 0;
    shown.forEach(function (card, index) {
      card.style.top = Math.round(tops[index]) + "px";
      bottom = Math.max(bottom, tops[index] + heights[index]);
    });
    // The essay grows to hold the last card, and does not shrink back when a card closes:
    // near the end of the page that would scroll the text under the reader.
    if (bottom > container.offsetHeight) container.style.minHeight = Math.ceil(bottom) + "px";
    container.classList.add("fc-placed");
  }

  var pending = 0;
  function layoutSoon() {
    if (pending) return;
    pending = requestAnimationFrame(function () { pending = 0; layout(); });
  }

  /* Opening and closing --------------------------------------------------------------- */

  function setActive(id, on) {
    var note = noteOf(id), marker = markerOf(id);
    if (note) note.classList.toggle("fc-active", on);
    if (marker) marker.classList.toggle("fc-active", on);
    marksOf(id).forEach(function (m) { m.classList.toggle("fc-active", on); });
  }

  function keepOnScreen(id) {
    var mark = highlightOf(id), note = noteOf(id);
    if (!mark || !note) return;
    var header = document.querySelector(".md-header");
    var top = (header ? header.getBoundingClientRect().bottom : 0) + 8;
    var phrase = mark.getBoundingClientRect();
    var card = note.getBoundingClientRect();
    if (phrase.top < top || phrase.bottom > window.innerHeight) {
      window.scrollBy(0, phrase.top - top - window.innerHeight / 4); // the phrase back in view
      phrase = mark.getBoundingClientRect();
      card = note.getBoundingClientRect();
    }
    var overflow = card.top + Math.min(card.height, 160) - window.innerHeight;
    if (overflow > 0) window.scrollBy(0, Math.min(overflow, phrase.top - top)); // the phrase stays
  }

  function openNote(id, trigger) {
    var note = noteOf(id);
    if (!note) return;
    if (note.classList.contains("fc-off")) showEverything(); // a link to a hidden note shows it
    lastTrigger = trigger || lastTrigger;
    focused = note;
    note.open = true;
    setActive(id, true);
    layout();
    if (!wide.matches) keepOnScreen(id); // in the margin the card opens level with the phrase
  }

  function closeNote(note, returnFocus) {
    var id = note.getAttribute("data-annotation");
    note.open = false;
    setActive(id, false);
    if (focused === note) focused = null;
    layout();
    if (returnFocus) {
      var back = lastTrigger && document.contains(lastTrigger) ? lastTrigger : markerOf(id);
      if (back) back.focus();
    }
    lastTrigger = null;
  }

  function onClick(event) {
    var target = event.target.closest && event.target.closest("a.fc-ref__link, mark.fc-hl, button.fc-copy");
    if (!target || !target.closest(".fc-essay")) return;
    var id = target.getAttribute("data-annotation");
    if (target.tagName === "BUTTON") { copyLink(target, id); return; }
    if (target.tagName === "MARK" && event.target.closest("a")) return; // a link inside the quote
    event.preventDefault();
    var note = noteOf(id);
    if (!note) return;
    if (note.open && !wide.matches) { closeNote(note, false); return; }
    openNote(id, target.tagName === "A" ? target : markerOf(id));
    var summary = note.querySelector("summary");
    if (summary) summary.focus({ preventScroll: true });
    if (history.replaceState) history.replaceState(null, "", "#a-" + id);
  }

  function onToggle(event) {
    var note = event.target;
    if (!note.matches || !note.matches(".fc-essay details.fc-note")) return;
    var id = note.getAttribute("data-annotation");
    if (note.open) { focused = note; setActive(id, true); } else {
      setActive(id, false);
      if (focused === note) focused = null;
    }
    layoutSoon();
  }

  function onKey(event) {
    if (event.key === " " && event.target.matches && event.target.matches("a.fc-ref__link")) {
      event.target.click();
      event.preventDefault();
    } else if (event.key === "Escape") {
      var note = event.target.closest && event.target.closest("details.fc-note[open]");
      if (!note && lastTrigger) note = noteOf(lastTrigger.getAttribute("data-annotation"));
      if (note && note.open) {
        event.preventDefault();
        closeNote(note, true);
      }
    }
  }

  function onHover(event) {
    var on = event.type === "mouseover" || event.type === "focusin";
    var target = event.target.closest && event.target.closest("mark.fc-hl, a.fc-ref__link, details.fc-note");
    if (!target || !target.closest(".fc-essay")) return;
    var related = event.relatedTarget && event.relatedTarget.closest &&
      event.relatedTarget.closest("mark.fc-hl, a.fc-ref__link, details.fc-note");
    if (related === target) return;
    var id = target.getAttribute("data-annotation");
    var note = noteOf(id);
    if (!on && note && note.open) return;
    setActive(id, on);
  }

  function followHash() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf("a-") !== 0 || !noteOf(hash.slice(2))) return;
    var id = hash.slice(2);
    cards().forEach(function (card) { if (card.open && card !== noteOf(id)) closeNote(card, false); });
    openNote(id, markerOf(id));
    showPhraseAndNote(id);
  }

  // The phrase a fifth of the way down the window, its open note level with it (margin) or
  // just below its paragraph (narrow screens). Done again once the page has loaded, because
  // the browser's own jump to the fragment comes after the script's first one.
  function showPhraseAndNote(id) {
    var mark = highlightOf(id);
    if (!mark) return;
    var header = document.querySelector(".md-header");
    var offset = (header ? header.offsetHeight : 0) + window.innerHeight / 5;
    window.scrollTo(0, window.scrollY + mark.getBoundingClientRect().top - offset);
    if (!wide.matches) keepOnScreen(id);
  }

  function afterLoad() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf("a-") === 0 && noteOf(hash.slice(2)) && noteOf(hash.slice(2)).open) {
      layout();
      showPhraseAndNote(hash.slice(2));
    }
    root.classList.add("fc-loaded");
  }

  /* Copy a note's link ---------------------------------------------------------------- */

  function noteUrl(id) { return location.href.split("#")[0] + "#a-" + id; }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand && document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy refused"));
    });
  }

  function copyLink(button, id) {
    var status = button.parentNode.querySelector(".fc-copy__status");
    copy(noteUrl(id)).then(function () { status.textContent = "Link copied"; },
      function () { status.textContent = "Copy this link: " + noteUrl(id); });
  }

  function decorate(note) {
    var id = note.getAttribute("data-annotation");
    var marker = markerOf(id);
    if (marker) marker.setAttribute("aria-controls", note.id);
    var foot = note.querySelector(".fc-note__foot");
    if (!foot || foot.querySelector(".fc-copy")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "fc-copy";
    button.setAttribute("data-annotation", id);
    button.textContent = "Copy link";
    var status = document.createElement("span");
    status.className = "fc-copy__status";
    status.setAttribute("role", "status");
    foot.insertBefore(document.createTextNode(" · "), foot.firstChild);
    foot.insertBefore(button, foot.firstChild);
    foot.appendChild(status);
  }

  /* Reader controls: all notes, claims only or none, and a verdict filter --------------- */

  var settings = { show: "all", hidden: [] };

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(STORE) || "{}");
      if (["all", "claims", "none"].indexOf(saved.show) >= 0) settings.show = saved.show;
      if (Array.isArray(saved.hidden)) settings.hidden = saved.hidden.filter(function (v) { return typeof v === "string"; });
    } catch (error) { /* private mode or a broken value: the defaults */ }
  }

  function save() {
    try { localStorage.setItem(STORE, JSON.stringify(settings)); } catch (error) { /* not kept */ }
  }

  function shows(card) {
    if (settings.show === "none") return false;
    var kind = card.getAttribute("data-kind");
    if (settings.show === "claims" && kind !== "claim") return false;
    var key = card.getAttribute("data-verdict") || kind;
    return settings.hidden.indexOf(key) < 0;
  }

  function apply(announce) {
    var all = cards(), count = 0;
    all.forEach(function (card) {
      var on = shows(card), id = card.getAttribute("data-annotation");
      if (on) count++;
      card.classList.toggle("fc-off", !on);
      if (!on && card.open) card.open = false;
      marksOf(id).forEach(function (m) { m.classList.toggle("fc-off", !on); });
      var marker = markerOf(id);
      if (marker) marker.parentNode.classList.toggle("fc-off", !on);
    });
    document.querySelectorAll(".fc-notes").forEach(function (aside) {
      aside.classList.toggle("fc-off", !aside.querySelector("details.fc-note:not(.fc-off)"));
    });
    var status = document.querySelector(".fc-controls__status");
    if (status && announce !== false) {
      status.textContent = count === all.length ? "Showing all " + count + " notes" :
        count === 0 ? "Clean reading: no notes shown" : "Showing " + count + " of " + all.length + " notes";
    }
    document.querySelectorAll(".fc-legend input").forEach(function (input) {
      input.checked = input.name === "fc-show" ? input.value === settings.show :
        settings.hidden.indexOf(input.value) < 0;
      input.disabled = input.name !== "fc-show" && settings.show === "none";
    });
    layout();
  }

  function showEverything() {
    settings.show = "all";
    settings.hidden = [];
    save();
    apply(true);
  }

  function controls() {
    var legend = document.querySelector(".fc-legend");
    if (!legend || legend.hasAttribute("data-fc-bound")) return;
    legend.setAttribute("data-fc-bound", "");
    legend.addEventListener("change", function (event) {
      var input = event.target;
      if (input.name === "fc-show") settings.show = input.value;
      if (input.name === "fc-verdict") {
        settings.hidden = settings.hidden.filter(function (v) { return v !== input.value; });
        if (!input.checked) settings.hidden.push(input.value);
      }
      save();
      apply(true);
    });
  }

  /* Claims index filter ------------------------------------------------------------------- */

  function claimFilter() {
    var list = document.querySelector("[data-fc-claims]");
    if (!list || list.parentNode.querySelector(".fc-filter")) return;
    var groups = list.querySelectorAll(".fc-claims__group");
    var bar = document.createElement("div");
    bar.className = "fc-filter";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Show claims with this verdict");
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    status.className = "fc-filter__status";
    var total = list.querySelectorAll(".fc-claim-item").length;
    function add(label, verdict, count) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = label + " (" + count + ")";
      button.setAttribute("data-verdict", verdict);
      button.setAttribute("aria-pressed", String(verdict === "all"));
      button.addEventListener("click", function () {
        bar.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
        groups.forEach(function (g) { g.hidden = verdict !== "all" && g.getAttribute("data-verdict") !== verdict; });
        status.textContent = "Showing " + count + " of " + total + " claims";
      });
      bar.appendChild(button);
    }
    add("All", "all", total);
    groups.forEach(function (g) {
      var heading = g.querySelector("h2").textContent.replace(/\s*\(\d+\)$/, "");
      add(heading, g.getAttribute("data-verdict"), g.querySelectorAll(".fc-claim-item").length);
    });
    list.parentNode.insertBefore(bar, list);
    list.parentNode.insertBefore(status, list);
  }

  /* Print: every note once more after the essay, as numbered endnotes ----------------------- */

  function buildEndnotes() {
    var article = document.querySelector(".fc-essay");
    var notes = document.querySelectorAll(".fc-essay details.fc-note");
    if (!article || !notes.length || article.querySelector(".fc-endnotes")) return;
    var box = document.createElement("div");
    box.className = "fc-endnotes";
    box.setAttribute("data-fc-ui", "");
    box.setAttribute("aria-hidden", "true"); // a copy for paper; screen readers have the notes
    var title = document.createElement("p");
    title.className = "fc-endnotes__title";
    title.textContent = "Notes";
    var list = document.createElement("ol");
    list.className = "fc-endnotes__list";
    notes.forEach(function (note) {
      var item = document.createElement("li");
      item.className = "fc-endnote fc-note--" + (note.getAttribute("data-verdict") || note.getAttribute("data-kind"));
      item.value = Number(note.querySelector(".fc-note__number").textContent);
      var head = note.querySelector("summary").cloneNode(true);
      var content = note.querySelector(".fc-note__content").cloneNode(true);
      [head, content].forEach(function (part) {
        part.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
        part.querySelectorAll(".fc-note__foot").forEach(function (e) { e.remove(); });
        var wrap = document.createElement("div");
        wrap.className = part === head ? "fc-endnote__head" : "fc-endnote__body";
        while (part.firstChild) wrap.appendChild(part.firstChild);
        item.appendChild(wrap);
      });
      list.appendChild(item);
    });
    box.appendChild(title);
    box.appendChild(list);
    article.appendChild(box);
    root.classList.add("fc-endnotes-built");
  }

  /* Start ------------------------------------------------------------------------------- */

  function init() {
    // Material's search dialog has no accessible name; screen readers announce it as "Search".
    var search = document.querySelector('.md-search[role="dialog"]:not([aria-label])');
    if (search) search.setAttribute("aria-label", "Search");
    claimFilter();
    if (!essay()) return;
    cards().forEach(decorate);
    load();
    controls();
    apply(false);
    followHash();
    if (window.ResizeObserver) {
      var width = 0;
      new ResizeObserver(function (entries) {
        var now = entries[0].contentRect.width;
        if (now !== width) { width = now; essay().style.minHeight = ""; layoutSoon(); }
      }).observe(essay());
    }
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(layoutSoon);
  }

  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKey);
  document.addEventListener("toggle", onToggle, true);
  document.addEventListener("mouseover", onHover);
  document.addEventListener("mouseout", onHover);
  document.addEventListener("focusin", onHover);
  document.addEventListener("focusout", onHover);
  window.addEventListener("hashchange", followHash);
  if (document.readyState === "complete") setTimeout(afterLoad, 0);
  else window.addEventListener("load", function () { setTimeout(afterLoad, 0); });
  window.addEventListener("beforeprint", buildEndnotes);
  var print = window.matchMedia("print");
  if (print.addEventListener) print.addEventListener("change", function (e) { if (e.matches) buildEndnotes(); });
  if (wide.addEventListener) wide.addEventListener("change", layoutSoon);

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
