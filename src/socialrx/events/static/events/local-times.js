/* Events: the viewer's own clock beside an event's times.
   Virtual and hybrid events' pages mark each moment as
     <time class="js-local-time" datetime="2027-04-15T14:00:00+00:00" data-event-zone="America/Chicago">9:00 AM</time>
   and, when the browser's time zone is not the event's, this script writes
     " (4:00 PM your time, Europe/Berlin)" after it (with the weekday when the date differs).
   Loaded with `defer`; no inline script and no HTML written, so the page's CSP holds. */
(function () {
  "use strict";

  function viewerZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      return "";
    }
  }

  function parts(moment, zone, locale) {
    var found = {};
    new Intl.DateTimeFormat(locale, {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(moment).forEach(function (part) { found[part.type] = part.value; });
    return found;
  }

  function annotate(element, zone, locale) {
    if (element.getAttribute("data-local-time-done") === "1") return;
    var eventZone = element.getAttribute("data-event-zone") || "";
    if (!eventZone || eventZone === zone) return;
    var moment = new Date(element.getAttribute("datetime"));
    if (isNaN(moment.getTime())) return;
    var there, here;
    try {
      there = parts(moment, eventZone, locale);
      here = parts(moment, zone, locale);
    } catch (error) {
      return; // a zone this browser does not know
    }
    var sameDay = there.year === here.year && there.month === here.month && there.day === here.day;
    if (sameDay && there.hour === here.hour && there.minute === here.minute) return; // same clock
    var options = { timeZone: zone, hour: "numeric", minute: "2-digit" };
    if (!sameDay) options.weekday = "short";
    var clock = new Intl.DateTimeFormat(locale, options).format(moment);
    var note = document.createElement("span");
    note.className = "local-time";
    note.textContent = " (" + clock + " your time, " + zone + ")";
    element.insertAdjacentElement("afterend", note);
    element.setAttribute("data-local-time-done", "1");
  }

  function run() {
    var zone = viewerZone();
    if (!zone) return;
    var locale = document.documentElement.lang || undefined;
    var times = document.querySelectorAll("time.js-local-time[datetime]");
    for (var i = 0; i < times.length; i += 1) annotate(times[i], zone, locale);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
