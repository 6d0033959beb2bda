// While a member types a question's title, show similar questions and solutions.
(function () {
  "use strict";
  var input = document.querySelector("input[data-similar]");
  var live = document.getElementById("similar-live");
  if (!input || !live || !window.fetch) { return; }
  var timer = null;
  var latest = 0;
  function show(items) {
    live.textContent = "";
    if (!items.length) { return; }
    var heading = document.createElement("p");
    heading.className = "similar-heading";
    heading.textContent = "Similar questions and solutions — one of these may already help:";
    var list = document.createElement("ul");
    items.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      li.appendChild(link);
      if (item.solved) {
        var badge = document.createElement("span");
        badge.className = "badge badge-solution";
        badge.textContent = "Solved";
        li.appendChild(document.createTextNode(" "));
        li.appendChild(badge);
      }
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
