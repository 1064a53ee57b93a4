// Sorts the sweep table by the clicked column: numbers as numbers, else text; click again to reverse.
(function () {
  "use strict";
  var table = document.getElementById("sweep-table");
  var body = table.tBodies[0];
  var dir = {};
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    th.addEventListener("click", function () {
      dir[col] = -(dir[col] || -1);
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = cell(a, col), y = cell(b, col);
        if (x === "" || y === "") return (x === "") - (y === ""); // no figure (a failed run): last either way
        var nx = parseFloat(x), ny = parseFloat(y);
        var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return c * dir[col];
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  // A failed row's error spans the metric columns, so its cells are found by position from the left.
  function cell(row, col) {
    var c = row.cells[col];
    return c ? (c.getAttribute("data-v") || "") : "";
  }
})();
