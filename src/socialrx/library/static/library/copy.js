// "Copy the address" buttons: <button data-copy="#input-id" data-copied="Copied" hidden>.
// Without JavaScript the button stays hidden and the address can be selected by hand.
(function () {
  "use strict";
  function setUp(button) {
    var target = document.querySelector(button.getAttribute("data-copy"));
    var status = button.closest(".field") && button.closest(".field").querySelector("[data-copy-status]");
    if (!target || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.value).then(
        function () {
          if (status) {
            status.textContent = "The address was copied: paste it into your podcast app.";
          }
        },
        function () {
          target.select();
          if (status) {
            status.textContent = "Copying was refused by the browser: the address is selected, copy it with your keyboard.";
          }
        }
      );
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("button[data-copy]").forEach(setUp);
  });
})();
