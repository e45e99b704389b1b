// The filter box: hide the findings whose text lacks any of the words typed.
(function () {
  var box = document.getElementById("filter");
  if (!box) return;
  var shown = document.getElementById("shown");
  var none = document.getElementById("none");
  var listed = "#by-file tr[data-finding]:not([data-more])";
  var total = document.querySelectorAll(listed).length;
  function matches(row, words) {
    var text = ((row.getAttribute("data-file") || "") + " " + row.textContent).toLowerCase();
    return words.every(function (word) { return text.indexOf(word) !== -1; });
  }
  function apply() {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    document.querySelectorAll("tr[data-finding]").forEach(function (row) { row.hidden = !matches(row, words); });
    document.querySelectorAll("[data-group]").forEach(function (group) {
      group.hidden = !group.querySelector("tr[data-finding]:not([hidden])");
    });
    var visible = document.querySelectorAll(listed + ":not([hidden])").length;
    shown.textContent = words.length ? visible + " of " + total + " shown" : total + " findings listed";
    none.hidden = visible !== 0;
  }
  box.addEventListener("input", apply);
  apply();
})();
