// Lesson forms (lesson done, step done, check questions) sent without reloading the page.
// Without this script the same forms post normally and the page comes back with the result.
// A form that cannot be sent (no signal) raises "learning:unsent" with its URL and fields,
// so an offline queue can keep it; if nothing takes it, the form is posted the plain way.

const newId = () => self.OfflineQueue.newId(); // offline-queue.js, on every page

function show(form, ok, text) {
  const box = form.querySelector("[role=status]") || form.appendChild(document.createElement("p"));
  box.setAttribute("role", "status");
  box.replaceChildren();
  const p = document.createElement("p");
  p.className = "message " + (ok ? "message-success" : "message-error");
  p.textContent = text;
  box.append(p);
  return box;
}

function done(form, data) {
  const kind = form.dataset.learning;
  if (kind === "quiz") {
    show(form, data.correct, data.verdict + " " + data.explanation);
    form.querySelector("[name=client_id]").value = newId(); // another try is a new attempt
  } else if (kind === "step") {
    const mark = Object.assign(document.createElement("p"), { className: "step-done" });
    mark.textContent = "✓ " + data.message;
    form.replaceWith(mark);
  } else {
    const box = show(form, true, data.message);
    form.querySelector("button").hidden = true;
    if (data.next_url) {
      const link = Object.assign(document.createElement("a"), {
        href: data.next_url,
        className: "button",
      });
      link.textContent = document.querySelector("a[rel=next] span")?.textContent || "→";
      box.append(link);
    }
  }
}

document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-learning]");
  if (!form) return;
  event.preventDefault();
  const button = form.querySelector("button");
  if (button) button.disabled = true;
  const body = new FormData(form);
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": body.get("csrfmiddlewaretoken") },
    });
    const data = await response.json();
    if (data.ok) done(form, data);
    else show(form, false, data.message);
  } catch (error) {
    const unsent = new CustomEvent("learning:unsent", {
      cancelable: true,
      detail: { url: form.action, fields: Object.fromEntries(body) },
    });
    if (document.dispatchEvent(unsent)) form.submit();
  } finally {
    if (button) button.disabled = false;
  }
});
