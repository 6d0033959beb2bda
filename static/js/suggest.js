// Title suggestions for the header search box: an ARIA 1.2 combobox.
// Without JavaScript the box is a plain search form that leads to /search.
(function () {
  "use strict";
  var input = document.getElementById("site-search-q");
  if (!input || !window.fetch) { return; }
  var form = input.form;
  var list = document.createElement("ul");
  list.id = "site-search-suggestions";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Suggested titles");
  list.hidden = true;
  form.appendChild(list);
  // How many titles came back, said once by screen readers (the list itself is silent).
  var status = document.createElement("div");
  status.id = "site-search-status";
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite"); // not role=status: the flash messages are the page's status
  form.appendChild(status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  var items = [];
  var active = -1;
  var timer = null;
  var latest = 0;
  var endpoint = form.getAttribute("data-suggest") || "/search/suggest";

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function select(index) {
    var options = list.querySelectorAll("[role=option]");
    options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index >= 0) { input.setAttribute("aria-activedescendant", options[index].id); }
    else { input.removeAttribute("aria-activedescendant"); }
  }

  function announce(count) {
    status.textContent = count === 0 ? "No suggestions" : count + (count === 1 ? " suggestion" : " suggestions");
  }

  function open() {
    if (!items.length) { return false; }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    return true;
  }

  function show(suggestions) {
    items = suggestions;
    list.textContent = "";
    announce(suggestions.length);
    if (!suggestions.length) { close(); return; }
    suggestions.forEach(function (item, i) {
      var option = document.createElement("li");
      option.id = "site-search-option-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = item.title;
      var kind = document.createElement("span");
      kind.className = "suggestion-type";
      kind.textContent = item.type === "question" ? "question" : "article";
      // Read as "Makerspace rules, article": the pause the eye gets from the type's style.
      option.setAttribute("aria-label", item.title + ", " + kind.textContent);
      option.appendChild(kind);
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        window.location.href = item.url;
      });
      list.appendChild(option);
    });
    open();
    active = -1;
  }

  function lookup() {
    var text = input.value.trim();
    if (text.length < 2) { items = []; status.textContent = ""; close(); return; }
    var ticket = ++latest;
    fetch(endpoint + "?q=" + encodeURIComponent(text), { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { if (ticket === latest) { show(data.suggestions || []); } })
      .catch(function () { close(); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(lookup, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) {
      // The list comes back with ArrowDown (the first title chosen) or Alt+ArrowDown (none);
      // Escape with the list closed is left to the browser, which empties the box.
      if (event.key === "ArrowDown" && input.value.trim().length >= 2) {
        event.preventDefault();
        if (open()) { announce(items.length); if (!event.altKey) { select(0); } }
        else { lookup(); }
      }
      return;
    }
    if (event.key === "ArrowDown" && event.altKey) { event.preventDefault(); }
    else if (event.key === "ArrowDown") { event.preventDefault(); select(Math.min(active + 1, items.length - 1)); }
    else if (event.key === "ArrowUp") { event.preventDefault(); select(Math.max(active - 1, -1)); }
    else if (event.key === "Escape") { event.preventDefault(); close(); }
    else if (event.key === "Enter" && active >= 0) { event.preventDefault(); window.location.href = items[active].url; }
  });
  input.addEventListener("blur", function () { setTimeout(close, 100); });
}());
