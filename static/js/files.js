// Uploading beside a text field (templates/files/_editor_upload.html): the upload form is
// sent in the background and the Markdown it returns goes into the text at the cursor;
// files can also be dropped onto the text field or an image pasted into it. Without this
// script the form opens the result in a new tab, with the Markdown to copy.
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) { return; }
  // A page with several text fields includes this script beside each: set up once.
  if (window.commonplaceUploads) { return; }
  window.commonplaceUploads = true;
  var token = document.querySelector('meta[name="csrf-token"]');

  function insertAt(area, text) {
    var start = area.selectionStart, end = area.selectionEnd, value = area.value;
    if (typeof start !== "number") { start = end = value.length; }
    var before = value.slice(0, start), after = value.slice(end);
    var lead = before && !/\n$/.test(before) ? "\n" : "";
    var tail = after && !/^\n/.test(after) ? "\n" : "";
    area.value = before + lead + text + tail + after;
    var caret = (before + lead + text).length;
    area.setSelectionRange(caret, caret);
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function setup(form) {
    var area = document.getElementById(form.getAttribute("data-upload-form"));
    if (!area) { return; }
    var status = form.querySelector(".upload-status");
    var fileInput = form.querySelector('input[type="file"]');
    var alt = form.querySelector('input[name="alt"]');
    var decorative = form.querySelector('input[name="decorative"]');
    form.removeAttribute("target");
    Array.prototype.forEach.call(form.querySelectorAll(".js-hidden"), function (el) { el.remove(); });
    Array.prototype.forEach.call(form.querySelectorAll(".js-only"), function (el) { el.hidden = false; });

    function say(text) { status.textContent = text; }

    function send(file) {
      var data = new FormData();
      data.append("file", file, file.name || "pasted-image.png");
      data.append("alt", alt.value);
      if (decorative.checked) { data.append("decorative", "y"); }
      var csrf = form.querySelector('input[name="csrf_token"]');
      data.append("csrf_token", csrf ? csrf.value : (token ? token.content : ""));
      say("Uploading " + (file.name || "the image") + "…");
      return fetch(form.action, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (response) {
        if (response.status === 413) { return { ok: false, errors: ["This file is larger than we accept."] }; }
        return response.json().catch(function () {
          return { ok: false, errors: ["The upload failed (" + response.status + ")."] };
        });
      }).then(function (result) {
        if (!result.ok) {
          say("Not uploaded: " + (result.errors || []).join(" "));
          return;
        }
        insertAt(area, result.markdown);
        say("Uploaded " + result.name + " (" + result.size + ") and added to the text" +
            (result.image && !result.alt && !result.decorative ?
              ". Write its description between the square brackets." : "."));
        alt.value = ""; decorative.checked = false; fileInput.value = "";
        area.focus();
      }).catch(function () { say("The upload failed: check your connection and try again."); });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!fileInput.files.length) { say("Choose a file to upload."); fileInput.focus(); return; }
      send(fileInput.files[0]);
    });
    area.addEventListener("dragover", function (event) {
      if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) {
        event.preventDefault();
      }
    });
    area.addEventListener("drop", function (event) {
      var files = event.dataTransfer && event.dataTransfer.files;
      if (!files || !files.length) { return; }
      event.preventDefault();
      Array.prototype.forEach.call(files, send);
    });
    area.addEventListener("paste", function (event) {
      var items = (event.clipboardData && event.clipboardData.files) || [];
      if (!items.length) { return; }
      event.preventDefault();
      Array.prototype.forEach.call(items, send);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-upload-form]"), setup);
})();
