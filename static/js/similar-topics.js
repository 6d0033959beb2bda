// While a member types a training topic's title, show similar topics (as similar.js does
// for questions), so that demand gathers on one topic instead of five.
// The list itself is not a live region (it would be read again on every keystroke); a
// separate status line announces only a changed count.
(function () {
  "use strict";
  var input = document.querySelector("input[data-similar]");
  var live = document.getElementById("similar-live");
  var status = document.getElementById("similar-status");
  if (!input || !live || !status || !window.fetch) { return; }
  var timer = null;
  var latest = 0;
  var shownKey = "";
  var announced = 0;
  function announce(count) {
    if (count === announced) { return; }
    announced = count;
    status.textContent = count === 0 ? "No similar topics." :
      count + (count === 1 ? " similar topic" :
               " similar topics") + " below the title.";
  }
  function show(items) {
    var key = items.map(function (item) { return item.url; }).join("\n");
    announce(items.length);
    if (key === shownKey) { return; }  // the same list: leave it as it is
    shownKey = key;
    live.textContent = "";
    if (!items.length) { return; }
    var heading = document.createElement("p");
    heading.className = "similar-heading";
    heading.textContent = "Similar topics — register interest on one of these instead?";
    var list = document.createElement("ul");
    items.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      li.appendChild(link);
      list.appendChild(li);
    });
    live.appendChild(heading);
    live.appendChild(list);
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var text = input.value.trim();
      if (text.length < 8) { show([]); return; }
      var ticket = ++latest;
      fetch(input.getAttribute("data-similar") + "?title=" + encodeURIComponent(text))
        .then(function (response) { return response.json(); })
        .then(function (data) { if (ticket === latest) { show(data.similar || []); } })
        .catch(function () { show([]); });
    }, 300);
  });
}());
