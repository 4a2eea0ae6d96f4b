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

  // The tabs are built by modeltranslation's ready handler, which may run before or
  // after the load event, and again for every inline row added later: mark each tab
  // once, whenever it appears.
  function markNewTabs() {
    document.querySelectorAll(".ui-tabs-nav a[href^='#']").forEach(function (tab) {
      if (tab.dataset.translationState) {
        return;
      }
      var panel = document.getElementById(tab.getAttribute("href").slice(1));
      if (!panel) {
        return;
      }
      tab.dataset.translationState = "marked";
      mark(tab, panel);
      panel.addEventListener("input", function () { mark(tab, panel); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    markNewTabs();
    new MutationObserver(markNewTabs).observe(document.body, { childList: true, subtree: true });
  });
  window.addEventListener("load", markNewTabs);
})();
