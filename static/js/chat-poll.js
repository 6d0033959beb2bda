// A live chat's new replies, without reloading: ask for the replies after the last one
// this page has (the server answers 204 when there is none), put each under its prompt or
// reply, and say how many arrived in a polite live region (a count, not the replies read
// out again). Without JavaScript the page works by reloading.
(function () {
  "use strict";
  var poll = document.getElementById("chat-poll");
  var news = document.getElementById("chat-news");
  if (!poll || !news || !window.fetch) { return; }
  var url = poll.getAttribute("data-url");
  var last = parseInt(poll.getAttribute("data-last"), 10) || 0;
  var EVERY = 4000, SLOWEST = 30000;
  var wait = EVERY, timer = null, missing = false;

  function listFor(reply) {
    if (reply.parent_id) { return document.getElementById("reply-" + reply.parent_id + "-replies"); }
    if (reply.prompt_id) { return document.getElementById("prompt-" + reply.prompt_id + "-replies"); }
    return document.getElementById("introductions-replies");
  }

  function add(reply) {
    if (document.getElementById("reply-" + reply.id)) { return true; }
    var list = listFor(reply);
    if (!list) { missing = true; return false; }
    var holder = document.createElement("ul");
    holder.innerHTML = reply.html;
    var item = holder.firstElementChild;
    if (!item) { return false; }
    list.appendChild(item);
    list.hidden = false;
    return true;
  }

  function announce(count) {
    var text = count === 1 ? "1 new reply" : count + " new replies";
    if (missing) { text += ". A new prompt is out: reload the page to see it."; }
    news.textContent = "";
    // A fresh text node each time, so the same count is announced again.
    window.setTimeout(function () { news.textContent = text + "."; }, 50);
  }

  function schedule() {
    timer = window.setTimeout(check, document.hidden ? SLOWEST : wait);
  }

  function check() {
    fetch(url + "?after=" + last, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (response.status === 204) { return null; }
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        wait = EVERY;
        if (data && data.replies && data.replies.length) {
          var added = 0;
          data.replies.forEach(function (reply) { if (add(reply)) { added += 1; } });
          last = Math.max(last, data.last || 0);
          if (added || missing) { announce(added); }
        }
        schedule();
      })
      .catch(function () { wait = Math.min(wait * 2, SLOWEST); schedule(); });
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { window.clearTimeout(timer); check(); }
  });
  schedule();
})();
