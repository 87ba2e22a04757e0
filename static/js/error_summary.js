// The error summary of a form that failed (templates/_error_summary.html): focus it when the page loads, so a
// screen reader reads what is wrong first and a phone shows it; a link of the summary focuses its field and
// scrolls the field's label or legend into view (a plain jump to the input would hide its label). At once, not smoothly
// (Bootstrap makes scrolling smooth): the reader is taken straight to what is wrong.
(function () {
  "use strict";

  function labelOf(input) {
    var legend = input.closest("fieldset") && input.closest("fieldset").querySelector("legend");
    if (input.type === "radio" || (input.type === "checkbox" && input.name && document.getElementsByName(input.name).length > 1)) {
      return legend || input;
    }
    return (input.id && document.querySelector('label[for="' + input.id + '"]')) || legend || input;
  }

  function focusField(id) {
    var input = document.getElementById(id);
    if (!input) {
      return false;
    }
    labelOf(input).scrollIntoView({ block: "start", behavior: "instant" });
    input.focus({ preventScroll: true });
    return true;
  }

  function init() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    summary.focus();  // scrolls it into view only when it is not already on the screen
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-error-target]");
      if (link && focusField(link.getAttribute("data-error-target"))) {
        event.preventDefault();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
