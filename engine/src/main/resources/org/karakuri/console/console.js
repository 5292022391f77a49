// Karakuri console: live progress of runs by server-sent events (GET /events). No library.
(function () {
  "use strict";
  var live = document.querySelector("[data-live]");
  if (!live || !window.EventSource) {
    return;
  }
  // the runs this page shows as going: the feed says at once if one ended before it connected
  var going = Array.prototype.map.call(document.querySelectorAll("[data-run][data-going]"), function (el) {
    return el.getAttribute("data-run");
  });
  var source = new EventSource("/events" + (going.length ? "?runs=" + encodeURIComponent(going.join(",")) : ""));
  source.addEventListener("run", function (e) {
    var run = JSON.parse(e.data);
    var rows = document.querySelectorAll('[data-run="' + run.id + '"]');
    rows.forEach(function (row) {
      var cell = row.querySelector(".live");
      if (cell) {
        cell.textContent = run.live;
      }
      if (run.state === "ended") {
        // the server renders the run's end: status, counts, report, evidence
        window.location.reload();
      }
    });
  });
})();
