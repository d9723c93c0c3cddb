/* Progressive enhancement only: every note is readable without this file. */
(function () {
  "use strict";
  function init() {
    document.documentElement.classList.add("fc-js");
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
