// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector("meta[name=csrf-token]") || document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) {
    event.detail.headers["X-CSRFToken"] = token.content || token.value;
  }
});

// Forms marked data-submit-once: a second click while the first submission runs does nothing.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.matches("form[data-submit-once]")) return;
  if (form.dataset.submitting === "true") {
    event.preventDefault();
    return;
  }
  form.dataset.submitting = "true";
  form.querySelectorAll("button[type=submit]").forEach((button) => button.setAttribute("aria-disabled", "true"));
});

// On a phone, each row of a data table reads as a card: every cell says which column it belongs to (main.css
// shows the label before the value). The roles keep the table's semantics once the CSS stops laying it out as one.
function labelTableCells(root) {
  root.querySelectorAll("main table").forEach((table) => {
    const headerRow = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!headerRow || table.classList.contains("table--cards")) return;
    const labels = [];
    Array.from(headerRow.cells).forEach((cell) => {
      for (let span = 0; span < cell.colSpan; span += 1) labels.push(cell.textContent.trim());
    });
    table.setAttribute("role", "table");
    table.querySelectorAll("thead, tbody, tfoot").forEach((group) => group.setAttribute("role", "rowgroup"));
    Array.from(table.rows).forEach((row) => {
      row.setAttribute("role", "row");
      let column = 0;
      Array.from(row.cells).forEach((cell) => {
        const inHead = row.parentElement === table.tHead;
        const isRowHeader = !inHead && cell.tagName === "TH";
        cell.setAttribute("role", inHead ? "columnheader" : isRowHeader ? "rowheader" : "cell");
        if (!inHead && labels[column] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", labels[column]);
        column += cell.colSpan;
      });
    });
    table.classList.add("table--cards");
  });
}
document.addEventListener("DOMContentLoaded", () => labelTableCells(document));
document.addEventListener("htmx:afterSettle", (event) => labelTableCells(event.target.closest("main") || document));
