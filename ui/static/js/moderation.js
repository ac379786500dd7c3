// Keyboard shortcuts for the comment queue: j/k move between comments,
// a approves, r rejects with the reason the checks found (or opens the
// reason menu when they found none), b focuses the ban length, x ticks the
// comment for a bulk action, and u presses the Undo button of the notice
// that confirms the last decision (also once the queue is empty). Typing in
// a field is never intercepted. The keys act on the current comment: the
// one last clicked, tabbed into or moved to.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".queue-item"));
  var current = 0;
  // mark makes item i the current one, the one every key acts on, and
  // shows it.
  function mark(i) {
    current = Math.max(0, Math.min(items.length - 1, i));
    items.forEach(function (el, j) { el.classList.toggle("current", j === current); });
  }
  function focus(i) {
    mark(i);
    items[current].focus();
    items[current].scrollIntoView({ block: "nearest" });
  }
  // The current comment is always the one last clicked, tabbed into or
  // moved to with j/k: a key never acts on a comment the moderator is not
  // looking at.
  function follow(e) {
    var li = e.target && e.target.closest ? e.target.closest(".queue-item") : null;
    var i = items.indexOf(li);
    if (i >= 0 && i !== current) mark(i);
  }
  document.addEventListener("click", follow);
  document.addEventListener("focusin", follow);
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
    if (e.key === "u") {
      var undo = document.querySelector('.notice [data-key="u"]');
      if (undo) { e.preventDefault(); undo.click(); }
      return;
    }
    if (!items.length) return;
    var item = items[current];
    switch (e.key) {
      case "j": focus(current + 1); break;
      case "k": focus(current - 1); break;
      case "a": var b = item.querySelector('[data-key="a"]'); if (b) b.click(); break;
      case "r":
        // With a reason the findings point to (or one chosen), r rejects
        // at once; without one it opens the menu to choose.
        var r = item.querySelector('[data-key="r"]');
        var go = item.querySelector('[data-key="reject"]');
        if (r && go && r.value && r.value !== "other") go.click(); else if (r) r.focus();
        break;
      case "b": var s = item.querySelector('[data-key="b"]'); if (s) s.focus(); break;
      case "x": var c = item.querySelector('input[type="checkbox"]'); if (c) c.checked = !c.checked; break;
      default: return;
    }
    e.preventDefault();
  });
  if (items.length) focus(0);
})();
