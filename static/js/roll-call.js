/* One-tap roll call: each tap is saved at once. Without this script the page is a
   plain form with a save button. Each tap carries its own id, so a retry counts once. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-roll]");
  if (!form || !window.fetch || !window.OfflineQueue) return;

  var newId = window.OfflineQueue.newId; // offline-queue.js, on every page

  var pending = {}; // learner id -> the tap waiting for a connection

  function send(row, tap) {
    var state = row.querySelector(".roll-state");
    state.textContent = form.dataset.saving;
    var body = new FormData();
    body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    body.append("learner", tap.learner);
    body.append("status", tap.status);
    body.append("client_id", tap.clientId);
    if (form.elements.confirm) body.append("confirm", "1");
    return fetch(form.action || location.href, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) throw new Error(data.error || form.dataset.failed);
          delete pending[tap.learner];
          form.elements["was-" + tap.learner].value = data.status;
          state.textContent = form.dataset.saved;
          row.dataset.saved = "1";
          count();
        });
      })
      .catch(function (error) {
        if (!navigator.onLine && offline(tap, state)) return; // kept on the phone (offline.js)
        state.textContent =
          error.message && error.message !== "Failed to fetch"
            ? error.message
            : form.dataset.failed;
        if (!navigator.onLine) pending[tap.learner] = tap;
      });
  }

  /* No signal: hand the tap to the offline queue, which sends it once when the signal returns. */
  function offline(tap, state) {
    var fields = { learner: tap.learner, status: tap.status, client_id: tap.clientId };
    if (form.elements.confirm) fields.confirm = "1";
    var unsent = new CustomEvent("offline:unsent", {
      cancelable: true,
      detail: { url: form.action || location.href, fields: fields },
    });
    if (document.dispatchEvent(unsent)) return false;
    var words = document.querySelector("script[data-saved-here]");
    state.textContent = words ? words.dataset.savedHere : form.dataset.failed;
    return true;
  }

  function count() {
    var out = document.getElementById("roll-marked");
    if (out) out.textContent = form.querySelectorAll(".roll-row input[type=radio]:checked").length;
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "radio") return;
    var row = input.closest(".roll-row");
    send(row, { learner: row.dataset.learner, status: input.value, clientId: newId() });
  });

  window.addEventListener("online", function () {
    Object.keys(pending).forEach(function (learner) {
      send(form.querySelector('.roll-row[data-learner="' + learner + '"]'), pending[learner]);
    });
  });
})();
