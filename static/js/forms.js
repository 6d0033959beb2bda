// A form sent back with errors: move focus to the summary of them at the top of the page,
// so that keyboard and screen-reader users start from what needs fixing.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
}());
