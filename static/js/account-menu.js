// The header's account menu: a disclosure button (WAI-ARIA APG "Disclosure") that shows
// the member's profile, Settings and Sign out. Loaded at the end of the body, not
// deferred, so the menu is folded away before the header is first drawn.
(function () {
  "use strict";
  var button = document.querySelector(".account-button");
  if (!button) { return; }
  var box = button.parentElement;
  var menu = document.getElementById(button.getAttribute("aria-controls"));
  box.classList.add("is-ready");
  button.hidden = false;
  menu.hidden = true;

  function set(open, refocus) {
    menu.hidden = !open;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open && refocus) { button.focus(); }
  }

  button.addEventListener("click", function () { set(menu.hidden, false); });
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !menu.hidden) {
      event.preventDefault();
      set(false, true);
    }
  });
  // Leaving the menu (by Tab or a click elsewhere) folds it.
  box.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) { set(false, false); }
  });
  document.addEventListener("click", function (event) {
    if (!menu.hidden && !box.contains(event.target)) { set(false, false); }
  });
}());
