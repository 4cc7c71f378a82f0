// The slot picker on a phone: a week of days one under another is long, so the days fold and
// only the first day with times (or the day holding the time already chosen) stays open.
// Without this script every day is open, which works as well.
(function () {
  "use strict";
  if (!window.matchMedia("(max-width: 40rem)").matches) {
    return;
  }
  var days = document.querySelectorAll(".booking-day");
  var chosen = document.querySelector(".booking-day input:checked");
  var keep = chosen ? chosen.closest(".booking-day") : document.querySelector(".booking-day:not([data-empty])");
  days.forEach(function (day) {
    if (day !== keep) {
      day.removeAttribute("open");
    }
  });
})();
