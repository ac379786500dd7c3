// Keyboard shortcuts for the comment queue: j/k move between comments,
// a approves, r focuses the reject reason, b the ban length, x ticks the
// comment for a bulk action. Typing in a field is never intercepted.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".queue-item"));
  if (!items.length) return;
  var current = 0;
  function focus(i) {
    current = Math.max(0, Math.min(items.length - 1, i));
    items.forEach(function (el, j) { el.classList.toggle("current", j === current); });
    items[current].focus();
    items[current].scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
    var item = items[current];
    switch (e.key) {
      case "j": focus(current + 1); break;
      case "k": focus(current - 1); break;
      case "a": var b = item.querySelector('[data-key="a"]'); if (b) b.click(); break;
      case "r": var r = item.querySelector('[data-key="r"]'); if (r) r.focus(); break;
      case "b": var s = item.querySelector('[data-key="b"]'); if (s) s.focus(); break;
      case "x": var c = item.querySelector('input[type="checkbox"]'); if (c) c.checked = !c.checked; break;
      default: return;
    }
    e.preventDefault();
  });
  focus(0);
})();
