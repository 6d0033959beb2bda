// While a member types a title, show similar things already here: questions and
// solutions as a question is asked, training topics as one is proposed. The input names
// the address to ask (data-similar) and may name its words (data-similar-none, -one,
// -many, -heading); without them it speaks of questions and solutions.
// The list itself is not a live region (it would be read again on every keystroke); a
// separate status line announces only a changed count.
(function () {
  "use strict";
  var input = document.querySelector("input[data-similar]");
  var live = document.getElementById("similar-live");
  var status = document.getElementById("similar-status");
  if (!input || !live || !status || !window.fetch) { return; }
  function words(name, fallback) { return input.getAttribute("data-similar-" + name) || fallback; }
  var none = words("none", "No similar questions.");
  var one = words("one", " similar question or solution");
  var many = words("many", " similar questions and solutions");
  var headingText = words("heading",
    "Similar questions and solutions — one of these may already help:");
  var timer = null;
  var latest = 0;
  var shownKey = "";
  var announced = 0;
  function announce(count) {
    if (count === announced) { return; }
    announced = count;
    status.textContent = count === 0 ? none :
      count + (count === 1 ? one : many) + " below the title.";
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
    heading.textContent = headingText;
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
