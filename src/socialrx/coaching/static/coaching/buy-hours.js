// The buy-hours page: the total follows the number of hours typed (the server prices the
// order again at the checkout; this is only the preview).
(function () {
  "use strict";
  var form = document.querySelector("form[data-unit-cents]");
  if (!form) return;
  var input = form.querySelector("input[name=hours]");
  var output = document.getElementById("buy-hours-total");
  var unit = parseInt(form.getAttribute("data-unit-cents"), 10);
  var money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
  function update() {
    var hours = Number(input.value);
    if (!Number.isInteger(hours) || hours < 1 || hours > Number(input.max || 40)) {
      output.textContent = "Enter a whole number of hours from 1 to " + (input.max || 40) + ".";
      return;
    }
    output.textContent = "";
    output.append(hours + " h × " + money.format(unit / 100) + " = ");
    var strong = document.createElement("strong");
    strong.textContent = money.format((unit * hours) / 100);
    output.append(strong);
  }
  input.addEventListener("input", update);
})();
