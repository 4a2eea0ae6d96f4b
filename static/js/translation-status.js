/* Admin: each Czech/English tab says whether its language is filled in or still empty. */
(function () {
  "use strict";
  var script = document.currentScript;
  var labels = { filled: script.dataset.filled, empty: script.dataset.empty };

  function isFilled(panel) {
    var fields = panel.querySelectorAll("input:not([type=hidden]), textarea, select");
    return Array.prototype.some.call(fields, function (field) {
      return field.value.trim() !== "";
    });
  }

  function mark(tab, panel) {
    var state = tab.querySelector(".translation-state");
    if (!state) {
      state = document.createElement("span");
      state.className = "translation-state";
      tab.appendChild(state);
    }
    var filled = isFilled(panel);
    state.textContent = filled ? " ✓" : " – " + labels.empty;
    tab.setAttribute("title", (tab.getAttribute("title") || "").split(":")[0] + ": " +
      (filled ? labels.filled : labels.empty));
    tab.parentNode.classList.toggle("translation-empty", !filled);
  }

  window.addEventListener("load", function () {
    document.querySelectorAll(".ui-tabs-nav a[href^='#']").forEach(function (tab) {
      var panel = document.getElementById(tab.getAttribute("href").slice(1));
      if (!panel) {
        return;
      }
      mark(tab, panel);
      panel.addEventListener("input", function () { mark(tab, panel); });
    });
  });
})();
