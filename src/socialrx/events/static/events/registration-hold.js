// The order page: count down the minutes the places stay held ("12 minutes left").
(function () {
  "use strict";
  var nodes = document.querySelectorAll(".js-hold-countdown[data-expires]");
  if (!nodes.length) return;
  function draw() {
    var now = Date.now();
    nodes.forEach(function (node) {
      var left = Math.floor((Date.parse(node.getAttribute("data-expires")) - now) / 60000);
      if (isNaN(left)) return;
      if (left < 1) {
        node.textContent = "less than a minute left";
        if (left < 0) node.textContent = "no time left: pay now to keep the places if they are still free";
      } else {
        node.textContent = left + " minute" + (left === 1 ? "" : "s") + " left";
      }
    });
  }
  draw();
  window.setInterval(draw, 30000);
})();
