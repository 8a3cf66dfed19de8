// Enhancements only: everything works without this file.
(function () {
  "use strict";
  // Move focus to the error summary so screen readers announce it.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  // Show only the chosen district's schools (the server checks the pair anyway).
  var district = document.getElementById("id_district");
  var school = document.getElementById("id_school");
  if (district && school) {
    var groups = Array.prototype.slice.call(school.querySelectorAll("optgroup"));
    var names = {};
    Array.prototype.forEach.call(district.options, function (option) { names[option.value] = option.text; });
    var filter = function () {
      var chosen = names[district.value];
      groups.forEach(function (group) {
        var show = !district.value || group.label === chosen;
        group.hidden = !show;
        group.disabled = !show;
      });
      var selected = school.options[school.selectedIndex];
      if (selected && selected.parentNode.disabled) { school.value = ""; }
    };
    district.addEventListener("change", filter);
    filter();
  }

  // Forms with a proof-of-work challenge (reporting/pow.py): solve it in a worker, then send.
  // Without a worker the form goes as it is, and the server asks for a short wait instead.
  Array.prototype.forEach.call(document.querySelectorAll("form[data-pow]"), function (form) {
    var token = form.querySelector("input[name=token]");
    var work = form.querySelector("input[name=work]");
    var status = form.querySelector(".pow-status");
    if (!token || !work || !window.Worker || !form.dataset.powWorker) { return; }
    var busy = false;
    form.addEventListener("submit", function (event) {
      if (work.value) { return; }
      event.preventDefault();
      if (busy) { return; }
      busy = true;
      var submitter = event.submitter || form.querySelector("button[name]");
      if (status) { status.hidden = false; }
      var worker;
      try {
        worker = new window.Worker(form.dataset.powWorker);
      } catch (error) {
        form.submit();
        return;
      }
      worker.onmessage = function (message) {
        worker.terminate();
        work.value = message.data.work;
        if (submitter && submitter.name) {
          var pressed = document.createElement("input");
          pressed.type = "hidden";
          pressed.name = submitter.name;
          pressed.value = submitter.value;
          form.appendChild(pressed);
        }
        form.submit();
      };
      worker.onerror = function () { worker.terminate(); form.submit(); };
      worker.postMessage({ token: token.value, bits: parseInt(form.dataset.pow, 10) });
    });
  });

  // Without JavaScript a required wait is enforced by the server; with it, the work above
  // replaces the wait, so there is nothing to count down.
})();
