// coordinator-node dashboard: keeps the page's content fresh, and drives a checkpoint's
// confirm / status calls once an API key is entered. No library, nothing fetched but this
// node's own pages and report API.
(function () {
  "use strict";
  var body = document.body;
  var seconds = Number(body.getAttribute("data-refresh-seconds")) || 5;
  var content = document.getElementById("content");
  var status = document.getElementById("refresh-status");
  var toggle = document.getElementById("refresh-toggle");
  var paused = false;
  var busy = false;
  var again = false;  // a forced refresh asked for while one was running
  var refreshes = 0;

  function say(text, failed) {
    status.textContent = text;
    status.classList.toggle("failed", !!failed);
  }

  function editing() {
    var active = document.activeElement;
    return active && content.contains(active) &&
      /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName);
  }

  function refresh(force) {
    if (busy) {
      again = again || !!force;
      return Promise.resolve();
    }
    if (!force && (paused || document.hidden || editing())) {
      return Promise.resolve();
    }
    busy = true;
    return fetch(location.href, {headers: {"X-Dashboard-Partial": "1"}, cache: "no-store"})
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        content.innerHTML = html;
        refreshes += 1;
        status.setAttribute("data-refreshes", String(refreshes));
        say("live · updated " + new Date().toLocaleTimeString() + " · every " + seconds + " s");
        document.dispatchEvent(new CustomEvent("dashboard:refreshed"));
      })
      .catch(function (error) {
        say("not updated: " + error.message + " (retrying)", true);
      })
      .then(function () {
        busy = false;
        if (again) {
          again = false;
          return refresh(true);
        }
      });
  }

  toggle.addEventListener("click", function () {
    paused = !paused;
    toggle.textContent = paused ? "resume" : "pause";
    say(paused ? "paused" : "live · every " + seconds + " s");
    if (!paused) { refresh(true); }
  });
  say("live · every " + seconds + " s");
  window.setInterval(refresh, seconds * 1000);

  // --- a checkpoint's confirm / status ---------------------------------------------------
  var actions = document.getElementById("checkpoint-actions");
  if (!actions) {
    return;
  }
  var KEY = "coordinator-node-api-key";
  var id = actions.getAttribute("data-checkpoint-id");
  var keyInput = document.getElementById("api-key");
  var controls = document.getElementById("checkpoint-controls");
  var txInput = document.getElementById("tx-hash-input");
  var confirmButton = document.getElementById("confirm-button");
  var advanceButton = document.getElementById("advance-button");
  var result = document.getElementById("action-result");
  var base = "/reports/checkpoints/" + encodeURIComponent(id);

  function current() {
    var badge = document.getElementById("checkpoint-status");
    return {status: badge ? badge.getAttribute("data-checkpoint-status") : "",
            next: badge ? badge.getAttribute("data-next-status") : ""};
  }

  function update() {
    var key = keyInput.value.trim();
    controls.hidden = key === "";
    var now = current();
    confirmButton.disabled = now.status !== "PENDING";
    advanceButton.disabled = !now.next;
    advanceButton.textContent = now.next ? "Advance: " + now.status + " → " + now.next
                                         : "Advance (" + (now.status || "?") + " is final here)";
  }

  function report(text, ok) {
    result.textContent = text;
    result.className = ok ? "ok" : "error";
  }

  function send(method, path, payload) {
    var key = keyInput.value.trim();
    if (!key) {
      report("enter the API key first", false);
      return;
    }
    confirmButton.disabled = advanceButton.disabled = true;
    report("sending…", true);
    fetch(base + path, {
      method: method,
      headers: {"Content-Type": "application/json", "X-API-Key": key},
      body: JSON.stringify(payload)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (response.ok) {
          report("done: the checkpoint is " + answer.status, true);
        } else {
          report("refused (HTTP " + response.status + "): " + (answer.detail || "no detail"),
                 false);
        }
      });
    }).catch(function (error) {
      report("not sent: " + error.message, false);
    }).then(function () {
      return refresh(true);
    }).then(update);
  }

  keyInput.value = window.sessionStorage.getItem(KEY) || "";
  keyInput.addEventListener("input", function () {
    window.sessionStorage.setItem(KEY, keyInput.value.trim());
    update();
  });
  confirmButton.addEventListener("click", function () {
    var tx = txInput.value.trim();
    if (!tx) {
      report("enter the transaction hash", false);
      return;
    }
    send("POST", "/confirm", {tx_hash: tx});
  });
  advanceButton.addEventListener("click", function () {
    var next = current().next;
    if (next) {
      send("PATCH", "/status", {status: next});
    }
  });
  document.addEventListener("dashboard:refreshed", update);
  update();
})();
