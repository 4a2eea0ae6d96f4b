// List pages work without this file; it only re-sorts as soon as another order is chosen.
(function () {
  "use strict";
  var select = document.getElementById("list-sort");
  if (!select || !select.form) {
    return;
  }
  document.documentElement.classList.add("js-lists");
  select.addEventListener("change", function () {
    select.form.submit();
  });
})();
