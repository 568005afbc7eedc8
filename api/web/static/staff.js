// Staff console: a page following a background job reloads itself until the job is over
// (the panel has data-poll unless the page was asked to stop with auto=0). Without
// JavaScript the layout's <noscript> refresh does the same.
(function () {
  "use strict";
  var waiting = document.querySelector("[data-poll]");
  if (!waiting) return;
  var delay = parseInt(waiting.getAttribute("data-poll"), 10) || 2000;
  window.setTimeout(function () { window.location.reload(); }, delay);
})();

// The printable report: a print button (shown only when a script can press it).
(function () {
  "use strict";
  var button = document.querySelector("[data-print]");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
