// Votes without a page reload. Without JavaScript the same buttons submit the form.
(function () {
  "use strict";
  if (!window.fetch) { return; }
  var token = document.querySelector('meta[name="csrf-token"]');
  document.addEventListener("click", function (event) {
    var button = event.target.closest(".vote-form button[name=value]");
    if (!button) { return; }
    event.preventDefault();
    var form = button.form;
    var body = new FormData(form);
    body.set("value", button.value);
    fetch(form.action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token ? token.content : "" }
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      var score = form.querySelector(".score");
      if (!result.ok) {
        score.setAttribute("title", result.data.error || "Your vote was not counted.");
        var note = form.querySelector(".vote-error") || document.createElement("span");
        note.className = "vote-error";
        note.setAttribute("role", "alert");
        note.textContent = result.data.error || "Your vote was not counted.";
        form.appendChild(note);
        return;
      }
      var value = result.data.value;
      score.lastChild.textContent = result.data.score;
      var buttons = form.querySelectorAll("button[name=value]");
      var up = buttons[0], down = buttons[1];
      up.classList.toggle("voted", value === 1);
      down.classList.toggle("voted", value === -1);
      up.setAttribute("aria-pressed", value === 1 ? "true" : "false");
      down.setAttribute("aria-pressed", value === -1 ? "true" : "false");
      up.value = value === 1 ? "0" : "1";
      down.value = value === -1 ? "0" : "-1";
    }).catch(function () { form.submit(); });
  });
}());
