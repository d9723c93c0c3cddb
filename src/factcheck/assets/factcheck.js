/* Progressive enhancement only: every note is readable without this file.
   Narrow screens: notes start closed and open in place from their highlight or marker.
   Wide screens: notes stay beside the text; highlight and note emphasise each other.
   Keyboard: Enter or Space on a marker opens its note, Escape closes it and returns focus. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 76.25em)");
  var lastMarker = null;

  function noteOf(id) { return document.getElementById("a-" + id); }
  function markerOf(id) { return document.getElementById("r-" + id); }
  function marksOf(id) {
    return document.querySelectorAll('mark.fc-hl[data-annotation="' + id + '"]');
  }

  function setActive(id, on) {
    var note = noteOf(id), marker = markerOf(id);
    if (note) note.classList.toggle("fc-active", on);
    if (marker) marker.classList.toggle("fc-active", on);
    marksOf(id).forEach(function (m) { m.classList.toggle("fc-active", on); });
  }

  function setOpen(id, open) {
    var note = noteOf(id), marker = markerOf(id);
    if (!note) return;
    note.classList.toggle("fc-open", open);
    var aside = note.parentNode;
    aside.classList.toggle("fc-has-open", !!aside.querySelector(".fc-open"));
    if (marker) expanded(marker, open);
  }

  // Only narrow screens open and close notes; beside the text a note is always shown.
  function expanded(marker, open) {
    if (wide.matches) marker.removeAttribute("aria-expanded");
    else marker.setAttribute("aria-expanded", String(open));
  }

  function openNote(id, focus) {
    var note = noteOf(id);
    if (!note) return;
    decorateNote(note);
    setOpen(id, true);
    setActive(id, true);
    if (focus) {
      note.focus({ preventScroll: true });
      note.scrollIntoView({ block: "nearest" });
    }
  }

  function closeNote(id) {
    setOpen(id, false);
    setActive(id, false);
    var marker = markerOf(id);
    if (marker) marker.focus();
  }

  function toggleFromText(id, event) {
    event.preventDefault();
    var note = noteOf(id);
    if (!note) return;
    lastMarker = markerOf(id);
    if (!wide.matches && note.classList.contains("fc-open")) {
      setOpen(id, false);
      setActive(id, false);
      return;
    }
    openNote(id, true);
    if (history.replaceState) history.replaceState(null, "", "#a-" + id);
  }

  function noteUrl(id) {
    return location.href.split("#")[0] + "#a-" + id;
  }

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

  function onClick(event) {
    var target = event.target.closest && event.target.closest("a.fc-ref__link, mark.fc-hl, button.fc-copy");
    if (!target) return;
    var id = target.getAttribute("data-annotation");
    if (target.tagName === "BUTTON") {
      var status = target.parentNode.querySelector(".fc-copy__status");
      copy(noteUrl(id)).then(function () {
        status.textContent = "Link copied";
      }, function () {
        status.textContent = "Copy this link: " + noteUrl(id);
      });
      return;
    }
    if (target.tagName === "MARK" && event.target.closest("a")) return; // a link inside the quote
    toggleFromText(id, event);
  }

  function onKey(event) {
    if (event.key === " " && event.target.matches && event.target.matches("a.fc-ref__link")) {
      toggleFromText(event.target.getAttribute("data-annotation"), event);
    } else if (event.key === "Escape") {
      var note = event.target.closest && event.target.closest("section.fc-note");
      if (!note && lastMarker) note = noteOf(lastMarker.getAttribute("data-annotation"));
      if (note && (note.classList.contains("fc-open") || note.contains(event.target))) {
        event.preventDefault();
        closeNote(note.getAttribute("data-annotation"));
        lastMarker = null;
      }
    }
  }

  function onHover(event) {
    var on = event.type === "mouseover" || event.type === "focusin";
    var target = event.target.closest && event.target.closest("mark.fc-hl, a.fc-ref__link, section.fc-note");
    if (!target) return;
    var related = event.relatedTarget && event.relatedTarget.closest &&
      event.relatedTarget.closest("mark.fc-hl, a.fc-ref__link, section.fc-note");
    if (related === target) return;
    var id = target.getAttribute("data-annotation");
    var note = noteOf(id);
    if (!on && note && note.classList.contains("fc-open") && !wide.matches) return;
    setActive(id, on);
  }

  function followHash() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf("a-") !== 0) return;
    var id = hash.slice(2);
    if (!noteOf(id)) return;
    lastMarker = markerOf(id);
    openNote(id, false);
    noteOf(id).scrollIntoView({ block: "start" });
  }

  // In the margin, caveats and sources wait behind a button so that notes stay near their text.
  function compactDetails(note) {
    var first = note.querySelector(".fc-note__caveats, .fc-note__since, .fc-note__sources");
    if (!first) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "fc-more";
    button.setAttribute("aria-expanded", "false");
    button.textContent = note.querySelector(".fc-note__caveats") ? "Caveats and sources" : "Sources";
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      note.classList.toggle("fc-more-open", open);
    });
    first.parentNode.insertBefore(button, first);
  }

  function decorateNote(note) {
    if (note.hasAttribute("tabindex")) return;
    var id = note.getAttribute("data-annotation");
    note.setAttribute("tabindex", "-1");
    var marker = markerOf(id);
    if (marker) {
      marker.setAttribute("aria-controls", note.id);
      expanded(marker, false);
    }
    compactDetails(note);
    var foot = note.querySelector(".fc-note__foot");
    if (foot) {
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
  }

  // Buttons and ARIA state are added after the first paint, a few notes per task, so that
  // loading the page is not one long task; a note that opens before then is decorated at once.
  function decorateLater() {
    var notes = Array.prototype.slice.call(document.querySelectorAll("section.fc-note:not([tabindex])"));
    function batch() {
      var start = Date.now();
      while (notes.length && Date.now() - start < 8) decorateNote(notes.shift());
      if (notes.length) setTimeout(batch, 0);
    }
    requestAnimationFrame(function () { setTimeout(batch, 0); });
  }

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

  // Print: the notes once more after the essay, as numbered endnotes (copies without ids).
  function buildEndnotes() {
    var article = document.querySelector("article.md-content__inner");
    var notes = document.querySelectorAll("section.fc-note");
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
      item.className = "fc-endnote " + note.className.replace(/\bfc-(open|active)\b/g, "");
      item.value = Number(note.querySelector(".fc-note__number").textContent);
      var copy = note.cloneNode(true);
      copy.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
      copy.querySelectorAll(".fc-note__foot, .fc-more").forEach(function (e) { e.remove(); });
      while (copy.firstChild) item.appendChild(copy.firstChild);
      list.appendChild(item);
    });
    box.appendChild(title);
    box.appendChild(list);
    article.appendChild(box);
    document.documentElement.classList.add("fc-endnotes-built");
  }

  function init() {
    document.documentElement.classList.add("fc-js");
    // Material's search dialog has no accessible name; screen readers announce it as "Search".
    var search = document.querySelector('.md-search[role="dialog"]:not([aria-label])');
    if (search) search.setAttribute("aria-label", "Search");
    claimFilter();
    followHash();
    decorateLater();
  }

  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKey);
  document.addEventListener("mouseover", onHover);
  document.addEventListener("mouseout", onHover);
  document.addEventListener("focusin", onHover);
  document.addEventListener("focusout", onHover);
  window.addEventListener("hashchange", followHash);
  window.addEventListener("beforeprint", buildEndnotes);
  var print = window.matchMedia("print");
  if (print.addEventListener) print.addEventListener("change", function (e) { if (e.matches) buildEndnotes(); });
  wide.addEventListener("change", function () {
    document.querySelectorAll("a.fc-ref__link[aria-controls]").forEach(function (m) {
      var note = document.getElementById(m.getAttribute("aria-controls"));
      expanded(m, note.classList.contains("fc-open"));
    });
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
