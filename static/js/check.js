/*
 * The eligibility check works without this script; it only adds conveniences:
 * a print button, moving focus to the error summary so screen readers hear it
 * first, and selecting the share link in one click.
 */
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }

    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });

    var shareUrl = document.getElementById("share-url");
    if (shareUrl) {
      shareUrl.addEventListener("focus", function () {
        shareUrl.select();
      });
    }
  });
})();
