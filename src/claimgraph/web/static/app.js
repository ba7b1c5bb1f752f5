// claimgraph dashboard: hovering (or focusing) a claim lights up its evidence in the article.
(function () {
  "use strict";
  function setActive(key, on) {
    document.querySelectorAll(".hl[data-ev]").forEach(function (el) {
      var keys = (el.getAttribute("data-ev") || "").split(" ");
      if (keys.indexOf(key) !== -1) { el.classList.toggle("ev-active", on); }
    });
  }
  document.querySelectorAll(".claim-card[data-claim]").forEach(function (card) {
    var key = card.getAttribute("data-claim");
    ["mouseenter", "focus"].forEach(function (name) {
      card.addEventListener(name, function () { card.classList.add("active"); setActive(key, true); });
    });
    ["mouseleave", "blur"].forEach(function (name) {
      card.addEventListener(name, function () { card.classList.remove("active"); setActive(key, false); });
    });
  });
})();
