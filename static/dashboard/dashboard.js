// The monthly chart: stacked bars per package. Right to left in Arabic: the oldest month on the right, the legend
// and tooltips read from the right, as a person reading the page expects.
(function () {
  "use strict";
  var canvas = document.getElementById("monthly-chart");
  var source = document.getElementById("monthly-chart-data");
  if (!canvas || !source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var rtl = document.documentElement.dir === "rtl";
  var font = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.family = font;
  new Chart(canvas, {
    type: "bar",
    data: data,
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: "en-US", // Western digits with a comma between thousands, as everywhere in the portal
      plugins: {
        legend: { position: "bottom", rtl: rtl, textDirection: rtl ? "rtl" : "ltr" },
        tooltip: { rtl: rtl, textDirection: rtl ? "rtl" : "ltr" }
      },
      scales: {
        x: { stacked: true, reverse: rtl, ticks: { autoSkip: true, maxRotation: 0 } },
        y: { stacked: true, beginAtZero: true, position: rtl ? "right" : "left", ticks: { precision: 0 } }
      }
    }
  });
})();
