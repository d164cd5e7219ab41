// kg index: sort the audit table by a column, and filter it to single-source claims.
(function () {
  "use strict";
  var table = document.getElementById("kg-audit");
  var body = table.tBodies[0];
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

  function value(row, index) {
    var raw = row.cells[index].getAttribute("data-sort") || "";
    var number = Number(raw);
    return raw !== "" && !isNaN(number) ? number : raw;
  }

  function sortBy(index) {
    var ascending = headers[index].getAttribute("aria-sort") !== "ascending";
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    headers[index].setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, index);
      var y = value(b, index);
      var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  headers.forEach(function (header, index) {
    header.addEventListener("click", function () { sortBy(index); });
    header.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(index); }
    });
  });

  document.getElementById("kg-only-single").addEventListener("change", function (event) {
    var only = event.target.checked;
    Array.prototype.forEach.call(body.rows, function (row) {
      row.hidden = only && !row.classList.contains("kg-single");
    });
  });
})();
