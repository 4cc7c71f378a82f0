/* My agenda: the "Copy link" button beside the private calendar link. Without JavaScript the
   button stays hidden and the read-only field can be selected and copied by hand. */
(function () {
  "use strict";

  function say(statusId, text) {
    var status = statusId && document.getElementById(statusId);
    if (status) {
      status.textContent = text;
    }
  }

  function copyByHand(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function setUp(button) {
    var field = document.getElementById(button.getAttribute("data-copy-from"));
    var statusId = button.getAttribute("data-copy-status");
    if (!field) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function () { say(statusId, "Link copied. Paste it into your calendar program."); };
      var failed = function () {
        field.focus();
        field.select();
        say(statusId, "Copying was not allowed: the link is selected, press Ctrl+C (⌘C on a Mac).");
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          if (copyByHand(field)) { done(); } else { failed(); }
        });
      } else if (copyByHand(field)) {
        done();
      } else {
        failed();
      }
    });
  }

  function start() {
    var buttons = document.querySelectorAll(".js-copy-link[data-copy-from]");
    for (var i = 0; i < buttons.length; i += 1) {
      setUp(buttons[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
