// Warns a signed-in staff member before the idle timeout signs them out, so a long note or
// message is not lost, and lets them stay signed in. Typing sends no request, so without this
// the server would see the officer as idle while they write.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var idleSeconds = parseInt(script.dataset.idleSeconds, 10);
  var warnSeconds = parseInt(script.dataset.warnSeconds, 10);
  if (!idleSeconds || !warnSeconds) return;

  var banner = null;
  var timer = null;

  function hide() {
    if (banner) {
      banner.remove();
      banner = null;
    }
  }

  function stay() {
    // Any admin request refreshes the session's activity time.
    fetch(script.dataset.keepAliveUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.redirected) {
          window.location.reload(); // already signed out: show the sign-in page and its notice
          return;
        }
        hide();
        schedule();
      });
  }

  function show() {
    if (banner) return;
    banner = document.createElement("div");
    banner.className = "idle-warning";
    // An alert, not a dialog: focus stays where the officer is typing, so no keystroke is lost.
    banner.setAttribute("role", "alert");
    var text = document.createElement("p");
    text.id = "idle-warning-text";
    text.textContent = script.dataset.message;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = script.dataset.stayLabel;
    button.addEventListener("click", stay);
    banner.appendChild(text);
    banner.appendChild(button);
    document.body.appendChild(banner);
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(show, Math.max(0, idleSeconds - warnSeconds) * 1000);
  }

  schedule();
})();
