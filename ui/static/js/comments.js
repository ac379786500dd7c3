// Live guideline check for the comment form: as the reader types, ask the
// server's checker and show what it would flag, before anything is sent.
// Without JavaScript the form still works; the same checks run on posting.
// What this script writes comes from the form's data-text-* attributes, which
// the page fills in its own language; the server's English reason is only a
// fallback for a rule the page has no words for.
(function () {
  "use strict";
  var form = document.getElementById("comment-form");
  if (!form) return;
  var body = form.querySelector("textarea[name=body]");
  var name = form.querySelector("input[name=name]");
  var box = document.getElementById("comment-check");
  var url = form.getAttribute("data-check-url");
  var article = parseInt(form.getAttribute("data-article"), 10);
  if (!body || !box || !url || !article) return;
  var timer = null, seq = 0;

  function show(findings) {
    while (box.firstChild) box.removeChild(box.firstChild);
    if (!findings || !findings.length) return;
    var p = document.createElement("p");
    p.textContent = form.getAttribute("data-text-check") || "";
    box.appendChild(p);
    var ul = document.createElement("ul");
    findings.forEach(function (f) {
      var li = document.createElement("li");
      var said = /^[a-z-]+$/.test(f.rule || "") && form.getAttribute("data-text-" + f.rule);
      li.textContent = (said || f.reason) + (f.match ? " (\u201c" + f.match + "\u201d)" : "");
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  function check() {
    var text = body.value.trim();
    if (text.length < 3) { show([]); return; }
    var mine = ++seq;
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ body: text, name: name ? name.value : "", article_id: article })
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (res) {
        if (mine !== seq || !res) return;
        // Signals about sending too fast are about the send, not the text.
        show((res.findings || []).filter(function (f) { return f.rule !== "spam"; }));
      })
      .catch(function () { /* the check is a courtesy; posting checks again */ });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(check, 600);
  }
  body.addEventListener("input", later);
  if (name) name.addEventListener("input", later);

  // The page may come from a cache, so its form time is when it was
  // rendered; ask for the time this reader opened the form.
  var ts = form.querySelector("input[name=ts]");
  var tsURL = form.getAttribute("data-form-time-url");
  if (ts && tsURL) {
    fetch(tsURL, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (res) { if (res && res.ts) ts.value = res.ts; })
      .catch(function () { /* the rendered time stays: the check is only looser */ });
  }
})();

// One flag form serves every comment on the page: a click on a comment's
// flag link moves the form under that comment and points it there. Without
// JavaScript the link opens the same form on a page of its own.
(function () {
  "use strict";
  var form = document.getElementById("flag-form");
  var list = document.querySelector("#comments .comment-list");
  if (!form || !list) return;
  var current = null;
  list.addEventListener("click", function (ev) {
    var link = ev.target.closest ? ev.target.closest("a.flag") : null;
    if (!link || !list.contains(link)) return;
    ev.preventDefault();
    if (current === link && !form.hidden) {
      form.hidden = true;
      link.setAttribute("aria-expanded", "false");
      return;
    }
    if (current) current.setAttribute("aria-expanded", "false");
    current = link;
    form.reset();
    form.setAttribute("action", link.getAttribute("href"));
    link.parentNode.insertAdjacentElement("afterend", form);
    form.hidden = false;
    link.setAttribute("aria-expanded", "true");
    var first = form.querySelector("input[name=reason]");
    if (first) first.focus();
  });
})();
