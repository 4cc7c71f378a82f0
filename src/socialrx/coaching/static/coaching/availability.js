/* The availability page: a "Copy link" button beside the private calendar link, and the
   exception form's from/to times hidden while "Whole day off" is chosen. Without JavaScript
   the button stays hidden (the read-only field can be copied by hand) and the times stay shown
   (the server ignores them for a day off). */
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

  function setUpCopy(button) {
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

  function setUpSpan(span) {
    var form = span.closest("form");
    var choices = form ? form.querySelectorAll("input[type=radio][name$='kind']") : [];
    if (!choices.length) {
      return;
    }
    var update = function () {
      var chosen = form.querySelector("input[type=radio][name$='kind']:checked");
      span.hidden = Boolean(chosen && chosen.value === "off");
    };
    for (var i = 0; i < choices.length; i += 1) {
      choices[i].addEventListener("change", update);
    }
    update();
  }

  function start() {
    var buttons = document.querySelectorAll(".js-copy-link[data-copy-from]");
    for (var i = 0; i < buttons.length; i += 1) {
      setUpCopy(buttons[i]);
    }
    var spans = document.querySelectorAll(".js-exception-span");
    for (var j = 0; j < spans.length; j += 1) {
      setUpSpan(spans[j]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
