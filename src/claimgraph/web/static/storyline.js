// Draws the storyline chart from the figure spec the server embedded as JSON (no inline script).
(function () {
  "use strict";
  var holder = document.getElementById("timeline-chart");
  var data = document.getElementById("timeline-data");
  if (!holder || !data || typeof Plotly === "undefined") { return; }
  var figure = JSON.parse(data.textContent);
  Plotly.newPlot(holder, figure.data, figure.layout, { responsive: true, displaylogo: false }).then(function () {
    holder.setAttribute("data-rendered", "true");
  });
})();
