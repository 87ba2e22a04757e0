// django-celery-beat's periodic task form: under the crontab, say in words when it runs (its own inline script,
// moved here so the Content-Security-Policy needs no inline script).
(function () {
  "use strict";
  var $ = window.django && window.django.jQuery;
  var script = document.getElementById("periodic-task-overrides");
  var source = document.getElementById("readable-crontabs");
  if (!$ || !script || !source) {
    return;
  }
  var readableCrontabs = JSON.parse(source.textContent);
  var originalHelp = script.dataset.crontabHelp || "";
  $(function () {
    $(".field-crontab_translation").hide();
    $(".field-crontab").change(function () {
      var help = $(".field-crontab .help");
      help.text(originalHelp);
      var readable = readableCrontabs[$("#id_crontab").val()];
      if (readable) {
        help.append($("<br>"), document.createTextNode(readable));
      }
    });
  });
})();
