// markdown.js: the Markdown toolbar of the newsroom's editors. Loaded with
// <script defer>; no inline script, no eval, no dependencies, so it runs
// under a strict CSP, and quietly does nothing on a page without a toolbar.
//
//   .md-toolbar[data-for=ID]   buttons for textarea#ID, and in that textarea:
//     Ctrl/Cmd+B, +I, +K       bold, italic, link (the buttons' work)
//     Enter in a list item     the next item's marker ("- ", "2. "); on an
//                              empty item, the end of the list
//
// Every change goes through replace(), which keeps the browser's undo
// history and fires the input event the preview, word count and kept
// draft (editor.js) listen for.
(function () {
  "use strict";

  var BUTTONS = [
    { label: "B", name: "Bold", hint: "**bold**", key: "b", run: function (ta) { wrap(ta, "**", "bold text"); } },
    { label: "I", name: "Italic", hint: "_italic_", key: "i", run: function (ta) { wrap(ta, "_", "italic text"); } },
    { label: "H2", name: "Heading", hint: "## Heading", run: function (ta) { prefixLines(ta, "## ", /^#{1,6} /, /^## /); } },
    { label: "Link", name: "Link", hint: "[text](https://)", key: "k", run: link },
    { label: "Quote", name: "Quote", hint: "> quote", run: function (ta) { prefixLines(ta, "> ", /^> ?/); } },
    { label: "List", name: "Bulleted list", hint: "- item", run: function (ta) { prefixLines(ta, "- ", /^[-*+] /); } },
    { label: "1.", name: "Numbered list", hint: "1. item", run: function (ta) { prefixLines(ta, null, /^\d+[.)] /); } }
  ];

  // A list item's marker: indentation, "-", "*", "+" or a number with "." or
  // ")", and the spaces after it.
  var LIST_ITEM = /^(\s*)([-*+]|(\d{1,9})([.)]))( +)/;

  // replace puts text in place of ta.value[start:end], selects
  // [selStart, selEnd) and lets listeners know through an input event.
  function replace(ta, start, end, text, selStart, selEnd) {
    ta.focus();
    ta.setSelectionRange(start, end);
    // execCommand keeps the browser's undo history (Ctrl+Z undoes the
    // formatting) and fires input itself; it is deprecated but has no
    // successor, so fall back to setRangeText where it is refused.
    var done = false;
    try {
      done = document.execCommand("insertText", false, text);
    } catch (e) {
      done = false;
    }
    if (!done) {
      ta.setRangeText(text, start, end, "end");
      ta.dispatchEvent(new Event("input", { bubbles: true }));
    }
    ta.setSelectionRange(selStart, selEnd);
  }

  // wrap surrounds the selection with marker, or removes the marker when the
  // selection is already wrapped. Spaces at the selection's edges stay
  // outside, since "**word **" is not bold in Markdown.
  function wrap(ta, marker, placeholder) {
    var v = ta.value, start = ta.selectionStart, end = ta.selectionEnd, n = marker.length;
    while (start < end && /\s/.test(v.charAt(start))) start++;
    while (end > start && /\s/.test(v.charAt(end - 1))) end--;
    var sel = v.slice(start, end);

    if (sel.length >= 2 * n && sel.slice(0, n) === marker && sel.slice(-n) === marker) {
      var inner = sel.slice(n, -n);
      replace(ta, start, end, inner, start, start + inner.length);
      return;
    }
    if (sel && v.slice(start - n, start) === marker && v.slice(end, end + n) === marker) {
      replace(ta, start - n, end + n, sel, start - n, end - n);
      return;
    }
    var text = sel || placeholder;
    replace(ta, start, end, marker + text + marker, start + n, start + n + text.length);
  }

  // prefixLines toggles a block prefix on every line the selection touches:
  // if all non-blank lines already have it (they match own, which defaults
  // to existing) it is removed; otherwise it is added, replacing any prefix
  // of the same kind (existing), so "### Title" becomes "## Title". A null
  // prefix numbers the lines "1. ", "2. " and so on.
  function prefixLines(ta, prefix, existing, own) {
    own = own || existing;
    var v = ta.value, start = ta.selectionStart, end = ta.selectionEnd;
    // A selection that ends just after a newline does not touch the next line.
    if (end > start && v.charAt(end - 1) === "\n") end--;
    var from = v.lastIndexOf("\n", start - 1) + 1;
    var to = v.indexOf("\n", end);
    if (to < 0) to = v.length;

    var lines = v.slice(from, to).split("\n");
    var filled = lines.filter(function (l) { return l.trim() !== ""; });
    var remove = filled.length > 0 && filled.every(function (l) { return own.test(l); });
    var count = 0;
    var out = lines.map(function (l) {
      if (remove) return l.replace(existing, "");
      if (l.trim() === "") {
        // Keep a multi-line quote one block; an empty line alone still gets
        // its prefix so the caret lands after it.
        if (lines.length === 1) return (prefix || "1. ") + l;
        return prefix === "> " ? ">" : l;
      }
      count++;
      return (prefix || count + ". ") + l.replace(existing, "");
    }).join("\n");

    if (start === end) {
      replace(ta, from, to, out, from + out.length, from + out.length);
    } else {
      replace(ta, from, to, out, from, from + out.length);
    }
  }

  // link turns the selection into [text](https://) and selects the address,
  // so what is typed or pasted next replaces it; the selected words become
  // the link's text. A selected address is kept, and the text placeholder
  // is selected instead.
  function link(ta) {
    var v = ta.value, start = ta.selectionStart, end = ta.selectionEnd;
    var sel = v.slice(start, end);
    if (/^https?:\/\/\S+$/i.test(sel.trim())) {
      var md = "[link text](" + sel.trim() + ")";
      replace(ta, start, end, md, start + 1, start + 1 + "link text".length);
      return;
    }
    // Spaces at the edges stay outside the brackets, as in wrap.
    while (start < end && /\s/.test(v.charAt(start))) start++;
    while (end > start && /\s/.test(v.charAt(end - 1))) end--;
    var text = v.slice(start, end) || "link text";
    var u = start + text.length + 3; // after "[", text and "]("
    replace(ta, start, end, "[" + text + "](https://)", u, u + "https://".length);
  }

  // continueList handles Enter in a list item and reports whether it did:
  // after the marker it starts the next item (the number one up), and on an
  // item with nothing after its marker it ends the list, leaving a blank
  // line so that what follows is a paragraph of its own.
  function continueList(ta) {
    var v = ta.value, caret = ta.selectionStart;
    if (caret !== ta.selectionEnd) return false;
    var from = v.lastIndexOf("\n", caret - 1) + 1;
    var to = v.indexOf("\n", caret);
    if (to < 0) to = v.length;
    var m = LIST_ITEM.exec(v.slice(from, to));
    // In the indentation or the marker itself, Enter is an ordinary newline.
    if (!m || caret - from < m[0].length) return false;
    if (v.slice(from + m[0].length, to).trim() === "") {
      // A blank line after the list, unless the list has no item before.
      var previous = from > 0 ? v.slice(v.lastIndexOf("\n", from - 2) + 1, from - 1) : "";
      var end = previous.trim() === "" ? "" : "\n";
      replace(ta, from, to, end, from + end.length, from + end.length);
      return true;
    }
    var marker = m[3] ? (parseInt(m[3], 10) + 1) + m[4] : m[2];
    var next = "\n" + m[1] + marker + m[5];
    replace(ta, caret, caret, next, caret + next.length, caret + next.length);
    return true;
  }

  // shortcutKey is the letter of a Ctrl/Cmd shortcut, or "". With a
  // Sinhala or Tamil layout e.key is not a Latin letter; the key's place
  // on the keyboard (e.code) still is.
  function shortcutKey(e) {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return "";
    if (/^[a-z]$/i.test(e.key || "")) return e.key.toLowerCase();
    var m = /^Key([A-Z])$/.exec(e.code || "");
    return m ? m[1].toLowerCase() : "";
  }

  // initKeys listens on the textarea itself, so the shortcuts never act in
  // the other fields; typing in a language's input method is left alone.
  function initKeys(ta) {
    ta.addEventListener("keydown", function (e) {
      if (e.isComposing || e.keyCode === 229 || e.defaultPrevented || !editable(ta)) return;
      if (e.key === "Enter") {
        if (!e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey && continueList(ta)) e.preventDefault();
        return;
      }
      var k = shortcutKey(e);
      for (var i = 0; k && i < BUTTONS.length; i++) {
        if (BUTTONS[i].key === k) {
          // Not the browser's own Ctrl+B (bookmarks) or Ctrl+K (search).
          e.preventDefault();
          BUTTONS[i].run(ta);
          return;
        }
      }
    });
  }

  // editable: a member who may only read an article gets a read-only body,
  // which neither the buttons nor the keys may change.
  function editable(ta) {
    return !ta.readOnly && !ta.disabled;
  }

  function initToolbar(bar) {
    var ta = document.getElementById(bar.getAttribute("data-for") || "");
    if (!ta || ta.tagName !== "TEXTAREA" || bar.hasAttribute("data-ready")) return;
    bar.setAttribute("data-ready", "");
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-controls", ta.id);
    if (!bar.hasAttribute("aria-label")) bar.setAttribute("aria-label", "Formatting");
    var mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent || "");

    var buttons = BUTTONS.map(function (spec, i) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = spec.label;
      b.setAttribute("aria-label", spec.name);
      b.title = spec.name + ": " + spec.hint + (spec.key ? " (" + (mac ? "Cmd+" : "Ctrl+") + spec.key.toUpperCase() + ")" : "");
      if (spec.key) b.setAttribute("aria-keyshortcuts", (mac ? "Meta+" : "Control+") + spec.key.toUpperCase());
      // One tab stop for the whole toolbar; arrow keys move within it.
      b.tabIndex = i === 0 ? 0 : -1;
      b.disabled = !editable(ta);
      b.addEventListener("click", function () {
        if (editable(ta)) spec.run(ta);
      });
      bar.appendChild(b);
      return b;
    });

    bar.addEventListener("keydown", function (e) {
      var i = buttons.indexOf(document.activeElement);
      if (i < 0) return;
      var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: buttons.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      next = (next + buttons.length) % buttons.length;
      buttons[i].tabIndex = -1;
      buttons[next].tabIndex = 0;
      buttons[next].focus();
    });
    initKeys(ta);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-toolbar[data-for]"), initToolbar);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
