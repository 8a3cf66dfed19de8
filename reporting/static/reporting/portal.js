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

  // On the receipt form, count down a required wait instead of leaving people guessing.
  var form = document.getElementById("status-form");
  if (form && form.dataset.wait) {
    var button = form.querySelector("button[value='check']");
    var seconds = parseInt(form.dataset.wait, 10);
    if (button && seconds > 0) {
      var label = button.textContent;
      button.disabled = true;
      var timer = window.setInterval(function () {
        seconds -= 1;
        button.textContent = label + " (" + seconds + ")";
        if (seconds <= 0) {
          window.clearInterval(timer);
          button.disabled = false;
          button.textContent = label;
        }
      }, 1000);
    }
  }
})();
