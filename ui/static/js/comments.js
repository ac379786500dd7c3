// The comment form. As the reader types, the live guideline check asks the
// server's checker and shows what it would flag, before anything is sent.
// On sending, the form goes by fetch, asking for JSON, and the answer is one
// message (a refusal, a held comment or a published one) drawn where the
// page draws its own, with the same id, so the page never shows two: a
// refusal keeps the reader's text in the form, the others clear it.
// Without JavaScript the form still works; the same checks run on posting
// and the server answers with a page.
// What this script writes comes from the server's answer, in the page's
// language, or from the form's data-text-* attributes, which the page fills
// in its own language; the checker's English reason is only a fallback for
// a rule the page has no words for.
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
  var timer = null, seq = 0, sending = false;

  // The message about the last comment sent, if the page has one.
  function message() { return document.getElementById("your-comment"); }
  function refusalShown() {
    var m = message();
    return !!m && m.classList.contains("refused");
  }

  function show(findings) {
    while (box.firstChild) box.removeChild(box.firstChild);
    // A refusal on show already says what is wrong; it stays the one
    // message until the comment is sent again.
    if (!findings || !findings.length || refusalShown()) return;
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
  body.addEventListener("input", function () {
    // Writing a new comment after one went through: the message about that
    // one has done its work, and must not stand over what the check says
    // about this one.
    var m = message();
    if (m && !refusalShown()) m.parentNode.removeChild(m);
    later();
  });
  if (name) name.addEventListener("input", later);

  // The page may come from a cache, so its form time is when it was
  // rendered; ask for the time this reader opened the form, and again
  // after each comment that went through, for the next one.
  var ts = form.querySelector("input[name=ts]");
  var tsURL = form.getAttribute("data-form-time-url");
  function freshTime() {
    if (!ts || !tsURL) return;
    fetch(tsURL, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (res) { if (res && res.ts) ts.value = res.ts; })
      .catch(function () { /* the rendered time stays: the check is only looser */ });
  }
  freshTime();

  // say draws the server's answer as the page's one message and moves
  // focus to it, so that it is read out and the reader starts from it.
  function say(res) {
    var kind = res.kind === "held" || res.kind === "published" ? res.kind : "refused";
    var el = document.createElement("div");
    el.id = "your-comment";
    el.className = "comment-message " + kind;
    el.setAttribute("role", kind === "refused" ? "alert" : "status");
    el.tabIndex = -1;
    var p = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = res.message || "";
    p.appendChild(strong);
    if (res.detail) p.appendChild(document.createTextNode(" " + res.detail));
    el.appendChild(p);
    if (res.reasons && res.reasons.length) {
      var ul = document.createElement("ul");
      res.reasons.forEach(function (reason) {
        var li = document.createElement("li");
        li.textContent = reason;
        ul.appendChild(li);
      });
      el.appendChild(ul);
    }
    if (res.hint) {
      var hint = document.createElement("p");
      hint.textContent = res.hint;
      el.appendChild(hint);
    }
    var old = message();
    if (old) old.parentNode.removeChild(old);
    form.parentNode.insertBefore(el, form);
    el.focus();
  }

  // clear empties the form for the next comment, which is no reply.
  function clear() {
    [name, form.querySelector("input[name=email]"), body].forEach(function (field) {
      if (field) field.value = "";
    });
    var replying = form.querySelector(".replying");
    if (replying) replying.parentNode.removeChild(replying);
    var parent = form.querySelector("input[name=parent_id]");
    if (parent) parent.parentNode.removeChild(parent);
    freshTime();
  }

  var button = form.querySelector("button[type=submit]");
  form.addEventListener("submit", function (ev) {
    if (!window.fetch || !window.URLSearchParams || !window.FormData) return; // sent as a plain form
    ev.preventDefault();
    if (sending) return;
    sending = true;
    if (button) button.disabled = true;
    clearTimeout(timer);
    seq++; // a check still on its way is about text already sent
    var old = message();
    if (old) old.parentNode.removeChild(old);
    show([]);
    var unsent = { kind: "refused", message: form.getAttribute("data-text-unsent") || "" };
    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json" },
      body: new URLSearchParams(new FormData(form))
    }).then(function (r) {
      // Anything but the form's own answer (a proxy's error page, a
      // refusal before the handler) is a send that did not happen.
      var type = r.headers.get("Content-Type") || "";
      return type.indexOf("application/json") === 0 ? r.json() : null;
    }).then(function (res) {
      if (!res || !res.kind || !res.message) res = unsent;
      say(res);
      if (res.kind === "held" || res.kind === "published") clear();
    }).catch(function () {
      say(unsent);
    }).then(function () {
      sending = false;
      if (button) button.disabled = false;
    });
  });
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
