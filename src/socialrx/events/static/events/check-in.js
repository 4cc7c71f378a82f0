/* Check-in at the door: scan tickets with the phone's camera, or find people by name.
 *
 * The camera: the browser's own BarcodeDetector when it reads QR codes (Chrome on Android),
 * otherwise jsQR (vendor/jsqr, loaded when the camera starts) on frames drawn to a canvas.
 * Cameras need a secure context (https, or localhost): without one the page says so and the
 * name search and the typed ticket code still work. Every form also works without this file.
 * The door's name is remembered on this device (localStorage) and sent with each check-in;
 * the counts refresh every 10 seconds while the page is visible. */
(function () {
  "use strict";

  var root = document.querySelector("[data-door]");
  if (!root) { return; }

  var DOOR_KEY = "socialrx.events.door";
  var REPEAT_MS = 4000; // the same code seen again within this is the same scan
  var COUNTS_MS = 10000;

  var doorInput = document.getElementById("door-name");
  var resultBox = root.querySelector("[data-result]");
  var resultText = root.querySelector("[data-result-text]");
  var resultDetail = root.querySelector("[data-result-detail]");
  var cameraBox = root.querySelector("[data-camera]");
  var video = root.querySelector("video");
  var startButton = root.querySelector("[data-camera-start]");
  var stopButton = root.querySelector("[data-camera-stop]");
  var note = root.querySelector("[data-camera-note]");
  var scanForm = root.querySelector("[data-scan-form]");
  var searchForm = root.querySelector("[data-search-form]");
  var results = root.querySelector("[data-results]");
  var countsBody = root.querySelector("[data-counts]");
  var countsNote = root.querySelector("[data-counts-note]");

  function csrfToken() {
    var field = root.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  /* --- the door's name ------------------------------------------------------------------ */

  function currentDoor() { return (doorInput.value || "").trim(); }

  function syncDoorFields() {
    root.querySelectorAll("[data-door-field]").forEach(function (field) { field.value = currentDoor(); });
  }

  try {
    var saved = window.localStorage.getItem(DOOR_KEY);
    if (saved && !doorInput.value) { doorInput.value = saved; }
  } catch (error) { /* storage refused (private mode): the field still works */ }
  syncDoorFields();
  doorInput.addEventListener("input", function () {
    try { window.localStorage.setItem(DOOR_KEY, currentDoor()); } catch (error) { /* see above */ }
    syncDoorFields();
  });
  var doorSave = root.querySelector("[data-door-save]");
  var doorHelp = root.querySelector("[data-door-help]");
  if (doorSave) { doorSave.hidden = true; }
  if (doorHelp) { doorHelp.textContent = "Recorded with each check-in; this device remembers it."; }
  root.querySelector("[data-door-form]").addEventListener("submit", function (event) {
    event.preventDefault();
    doorInput.blur();
  });

  /* --- the answer panel ----------------------------------------------------------------- */

  function show(tone, text, detail) {
    resultBox.className = "door-result door-result-" + tone;
    resultText.textContent = text;
    resultDetail.textContent = detail || "";
  }

  function showResult(data) {
    var detail = "";
    var person = data.attendee;
    if (person && data.outcome === "checked_in") {
      detail = [person.job_title, person.organization].filter(Boolean).join(" · ");
    } else if (person) { // the message does not name them: say whose ticket it is
      detail = [person.name + ", " + person.ticket_type, person.organization].filter(Boolean).join(" · ");
    }
    show(data.tone, data.message, detail);
    if (navigator.vibrate) { navigator.vibrate(data.tone === "success" ? 80 : [80, 60, 80]); }
  }

  function showError(error) {
    show("error", error.message || "Something went wrong: try again.");
  }

  function readJSON(response) {
    var type = response.headers.get("Content-Type") || "";
    if (type.indexOf("application/json") === -1) {
      throw new Error("The answer was not understood: your session may have ended. Reload the page.");
    }
    return response.json().then(function (data) {
      if (!response.ok) { throw new Error(data.error || "That did not go through (" + response.status + ")."); }
      return data;
    });
  }

  function send(url, body, isJSON) {
    var headers = { "Accept": "application/json", "X-CSRFToken": csrfToken() };
    if (isJSON) { headers["Content-Type"] = "application/json"; }
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: headers,
      body: isJSON ? JSON.stringify(body) : body
    }).then(readJSON, function () {
      throw new Error("No connection: the check-in was not recorded. Try again.");
    });
  }

  /* --- live counts ---------------------------------------------------------------------- */

  function cell(tag, text, className) {
    var element = document.createElement(tag);
    element.textContent = String(text);
    if (className) { element.className = className; }
    if (tag === "th") { element.scope = "row"; }
    return element;
  }

  function drawCounts(data) {
    var rows = document.createDocumentFragment();
    data.types.forEach(function (type) {
      var row = document.createElement("tr");
      row.appendChild(cell("th", type.name));
      row.appendChild(cell("td", type.checked_in, "numeric"));
      row.appendChild(cell("td", type.registered, "numeric"));
      rows.appendChild(row);
    });
    if (data.types.length) {
      countsBody.replaceChildren(rows);
    }
    root.querySelector("[data-total-checked-in]").textContent = data.total.checked_in;
    root.querySelector("[data-total-registered]").textContent = data.total.registered;
    var now = new Date();
    countsNote.textContent = "Updated at " + now.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" }) + "; refreshed every 10 seconds.";
  }

  function refreshCounts() {
    return fetch(root.dataset.countsUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(readJSON)
      .then(drawCounts)
      .catch(function () { countsNote.textContent = "The counts could not be refreshed: check the connection."; });
  }

  countsNote.textContent = "Refreshed every 10 seconds.";
  window.setInterval(function () { if (!document.hidden) { refreshCounts(); } }, COUNTS_MS);

  /* --- scanning ------------------------------------------------------------------------- */

  var busy = false;
  var lastToken = "";
  var lastAt = 0;

  function submitToken(token) {
    busy = true;
    show("pending", "Checking the ticket…");
    return send(root.dataset.scanUrl, { token: token, door: currentDoor() }, true)
      .then(function (data) { showResult(data); refreshCounts(); return data; })
      .catch(function (error) { showError(error); return null; })
      .then(function (data) { busy = false; return data; });
  }

  scanForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var field = scanForm.elements.token;
    var token = field.value.trim();
    if (!token) { field.focus(); return; }
    submitToken(token).then(function (data) {
      if (data) { field.value = ""; }
      resultBox.focus();
    });
  });

  var stream = null;
  var detector = null;
  var running = false;
  var timer = null;
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var hasCamera = Boolean(window.isSecureContext && navigator.mediaDevices && navigator.mediaDevices.getUserMedia);

  if (hasCamera) {
    startButton.hidden = false;
    note.textContent = "Start the camera and hold a ticket's QR code in front of it.";
  } else if (!window.isSecureContext) {
    note.textContent = "The camera works only on a secure connection (https, or localhost): open this page over https to scan. Meanwhile, find attendees by name below or type the ticket's code.";
  } else {
    note.textContent = "This browser cannot use a camera here. Find attendees by name below, or type the ticket's code.";
  }

  function loadJsQR() {
    if (window.jsQR) { return Promise.resolve(null); }
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = root.dataset.jsqrUrl;
      script.addEventListener("load", function () { resolve(null); });
      script.addEventListener("error", function () { reject(new Error("The QR reader could not load: reload the page.")); });
      document.head.appendChild(script);
    });
  }

  function qrReader() {
    if (!("BarcodeDetector" in window) || !window.BarcodeDetector.getSupportedFormats) { return loadJsQR(); }
    return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
      if (formats.indexOf("qr_code") === -1) { return loadJsQR(); }
      return new window.BarcodeDetector({ formats: ["qr_code"] });
    }, loadJsQR);
  }

  function readFrame() {
    if (!running || busy || video.readyState < 2) { return Promise.resolve(null); }
    if (detector) {
      return detector.detect(video).then(function (codes) { return codes.length ? codes[0].rawValue : null; });
    }
    var width = video.videoWidth;
    var height = video.videoHeight;
    if (!width || !height) { return Promise.resolve(null); }
    var scale = Math.min(1, 720 / Math.max(width, height));
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    var image = context.getImageData(0, 0, canvas.width, canvas.height);
    var code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
    return Promise.resolve(code ? code.data : null);
  }

  function loop() {
    if (!running) { return; }
    readFrame()
      .then(function (token) {
        if (!token) { return; }
        var now = Date.now();
        if (token === lastToken && now - lastAt < REPEAT_MS) { return; }
        lastToken = token;
        lastAt = now;
        return submitToken(token);
      })
      .catch(function () { /* one unreadable frame: try the next */ })
      .then(function () { if (running) { timer = window.setTimeout(loop, detector ? 120 : 220); } });
  }

  function stopCamera() {
    running = false;
    window.clearTimeout(timer);
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
    stream = null;
    video.srcObject = null;
    cameraBox.hidden = true;
    stopButton.hidden = true;
    startButton.hidden = !hasCamera;
  }

  function cameraProblem(error) {
    var name = error && error.name;
    if (name === "NotAllowedError" || name === "SecurityError") {
      return "The camera was not allowed. Allow it in the browser's settings for this site, or find attendees by name below.";
    }
    if (name === "NotFoundError" || name === "OverconstrainedError") {
      return "No camera was found on this device. Find attendees by name below, or type the ticket's code.";
    }
    if (name === "NotReadableError") {
      return "The camera is in use by another app: close it and start the camera again.";
    }
    return (error && error.message) || "The camera could not start. Find attendees by name below.";
  }

  startButton.addEventListener("click", function () {
    startButton.disabled = true;
    note.textContent = "Starting the camera…";
    qrReader()
      .then(function (reader) {
        detector = reader;
        return navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: "environment" } }, audio: false });
      })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        cameraBox.hidden = false;
        return video.play();
      })
      .then(function () {
        running = true;
        startButton.hidden = true;
        stopButton.hidden = false;
        note.textContent = "Hold the ticket's QR code in front of the camera.";
        loop();
      })
      .catch(function (error) {
        stopCamera();
        note.textContent = cameraProblem(error);
      })
      .then(function () { startButton.disabled = false; });
  });

  stopButton.addEventListener("click", function () {
    stopCamera();
    note.textContent = "Camera stopped.";
    startButton.focus();
  });

  document.addEventListener("visibilitychange", function () {
    if (document.hidden && running) {
      stopCamera();
      note.textContent = "The camera stopped while the page was hidden: start it again to scan.";
    }
  });

  /* --- search by name ------------------------------------------------------------------- */

  var searchTimer = null;
  var searchSeq = 0;

  function runSearch() {
    var query = searchForm.elements.q.value.trim();
    var url = root.dataset.searchUrl + "?" + new URLSearchParams({ q: query, door: currentDoor() }).toString();
    var seq = ++searchSeq;
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("The search did not go through (" + response.status + ")."); }
        return response.text();
      })
      .then(function (html) {
        if (seq !== searchSeq) { return; } // a later search has answered already
        results.innerHTML = html; // the server's own escaped fragment
        syncDoorFields();
      })
      .catch(showError);
  }

  searchForm.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(searchTimer);
    runSearch();
  });

  searchForm.elements.q.addEventListener("input", function () {
    window.clearTimeout(searchTimer);
    if (searchForm.elements.q.value.trim().length < 2) { return; }
    searchTimer = window.setTimeout(runSearch, 300);
  });

  results.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-check-in-form]");
    if (!form) { return; }
    event.preventDefault();
    form.elements.door.value = currentDoor();
    var button = form.querySelector("button");
    button.disabled = true;
    show("pending", "Checking in…");
    send(form.action, new FormData(form), false)
      .then(function (data) { showResult(data); refreshCounts(); return runSearch(); })
      .catch(function (error) { showError(error); button.disabled = false; })
      .then(function () { resultBox.focus(); });
  });
}());
