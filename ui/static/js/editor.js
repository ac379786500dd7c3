// editor.js: the newsroom article editor. Loaded with <script defer>; no
// inline script, no eval, no dependencies, so it runs under a strict CSP.
//
// Each feature looks for its own elements and quietly does nothing when they
// are missing, so the file is safe on any page (the Markdown toolbar is in
// markdown.js):
//   #article-form              unsaved-changes warning, Ctrl/Cmd+S to save
//     [data-preview-url] + #preview   live preview (POSTed, debounced)
//     [data-save-shortcut] on a submit button: the submitter Ctrl/Cmd+S uses
//   #word-count + textarea#body       "N words"
//   form.nr-filters            list filters apply when a menu or box changes
//   form[data-draft-key]       what is typed is kept in this browser until
//                              saved, and offered back if a save failed
(function () {
  "use strict";

  var PREVIEW_DELAY_MS = 400;
  // What the preview shows of the form: everything the public page does.
  // Of a picture chosen but not saved yet only the name is sent; the server
  // says where it will go.
  var PREVIEW_FIELDS = ["headline", "summary", "body", "place", "lang", "section", "authors", "source_type",
    "source_name", "image", "image_caption", "image_credit", "remove_image", "publish_at"];

  // ---- Live preview -----------------------------------------------------

  function previewData(form) {
    var data = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (el) {
      if (PREVIEW_FIELDS.indexOf(el.name) < 0 || el.disabled) return;
      if (el.type === "file") {
        if (el.files && el.files.length) data.append("new_image", el.files[0].name);
      } else if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) data.append(el.name, el.value);
      } else if (typeof el.value === "string") {
        data.append(el.name, el.value);
      }
    });
    return data;
  }

  function initPreview(form) {
    var url = form.getAttribute("data-preview-url");
    var pane = document.getElementById("preview");
    if (!url || !pane || typeof fetch !== "function") return;

    var timer = 0;
    var sent = 0;    // sequence number of the latest request
    var shown = 0;   // sequence number of the response on screen

    function show(seq, apply) {
      // Responses can overtake each other; never replace newer with older.
      if (seq <= shown) return;
      shown = seq;
      apply();
      if (shown === sent) pane.removeAttribute("aria-busy");
    }
    // fail puts a note at the top of the pane and leaves the last preview
    // under it: it is still what the text looked like a moment ago.
    function fail(seq, message, signIn) {
      show(seq, function () {
        var note = pane.querySelector(".preview-alert");
        if (!note) {
          note = document.createElement("p");
          note.className = "preview-alert";
          note.setAttribute("role", "status");
          pane.insertBefore(note, pane.firstChild);
        }
        note.textContent = message;
        if (signIn) {
          // A new tab, so this page and what is typed in it stay put.
          var a = document.createElement("a");
          a.href = "/newsroom/login";
          a.target = "_blank";
          a.rel = "noopener";
          a.textContent = "Sign in (new tab)";
          note.appendChild(document.createTextNode(" "));
          note.appendChild(a);
        }
      });
    }

    function request() {
      var seq = ++sent;
      pane.setAttribute("aria-busy", "true");
      // Without a session the server answers with a redirect to sign in,
      // not a 4xx, which the browser would log as a console error; "manual"
      // leaves the redirect unfollowed, so no sign-in page is fetched.
      fetch(url, { method: "POST", credentials: "same-origin", body: previewData(form), redirect: "manual" })
        .then(function (res) {
          if (res.type === "opaqueredirect" || res.redirected || res.status === 401) {
            fail(seq, "Signed out: sign in again to refresh the preview. This browser keeps what you type here.", true);
            return;
          }
          if (res.status === 413) {
            fail(seq, "Preview not refreshed: the text is longer than an article may be. Shorten it to save it.");
            return;
          }
          if (!res.ok) {
            fail(seq, "Preview not refreshed (error " + res.status + ").");
            return;
          }
          return res.text().then(function (html) {
            // The server renders and sanitises this HTML (internal/markup).
            show(seq, function () { pane.innerHTML = html; });
          });
        })
        .catch(function () {
          fail(seq, "Preview not refreshed: check your connection.");
        });
    }

    function later(e) {
      if (PREVIEW_FIELDS.indexOf(e.target && e.target.name) < 0) return;
      clearTimeout(timer);
      timer = setTimeout(request, PREVIEW_DELAY_MS);
    }
    // Menus, boxes and the file chooser may report only "change".
    form.addEventListener("input", later);
    form.addEventListener("change", later);

    // An existing article opens with its preview, unless the page
    // already rendered one.
    var body = form.elements.namedItem("body");
    if (pane.textContent.trim() === "" && body && body.value && body.value.trim() !== "") request();
  }

  // ---- Unsaved changes and Ctrl/Cmd+S -----------------------------------

  // snapshot serialises what the user can change, to compare with the state
  // the page loaded with; typing and then undoing is not an unsaved change.
  function snapshot(form) {
    var parts = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.type === "file" || el.type === "submit" || el.type === "button") return;
      if (el.type === "checkbox" || el.type === "radio") {
        parts.push(el.name + "=" + el.checked);
      } else if (typeof el.value === "string") {
        parts.push(el.name + "=" + el.value);
      }
    });
    return JSON.stringify(parts);
  }

  function initForm(form) {
    var initial = snapshot(form);
    var submitting = false;

    form.addEventListener("submit", function () { submitting = true; });
    // Coming back through the history cache, the page is live again.
    window.addEventListener("pageshow", function (e) {
      if (e.persisted) submitting = false;
    });
    window.addEventListener("beforeunload", function (e) {
      if (submitting || snapshot(form) === initial) return;
      e.preventDefault();
      e.returnValue = ""; // older browsers need this to show the prompt
    });

    // The listener is on the form, so it only hears keys while focus is inside.
    form.addEventListener("keydown", function (e) {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.isComposing) return;
      if (e.key !== "s" && e.key !== "S") return;
      e.preventDefault(); // not the browser's "Save page as"
      if (e.repeat || submitting) return;
      var submitter = form.querySelector("[data-save-shortcut]");
      if (typeof form.requestSubmit === "function") {
        form.requestSubmit(submitter || undefined);
      } else if (submitter) {
        submitter.click();
      } else {
        submitting = true;
        form.submit();
      }
    });
  }

  // ---- Word count -------------------------------------------------------

  function initWordCount() {
    var out = document.getElementById("word-count");
    var body = document.getElementById("body");
    if (!out || !body || typeof body.value !== "string") return;
    // A word has a letter or digit, so Markdown marks such as "-" or "##"
    // do not count; Sinhala and Tamil are space-separated like English.
    var wordy = /[\p{L}\p{N}]/u;
    function update() {
      var n = body.value.split(/\s+/).filter(function (w) { return wordy.test(w); }).length;
      out.textContent = n + (n === 1 ? " word" : " words");
    }
    body.addEventListener("input", update);
    update();
  }

  function init() {
    var form = document.getElementById("article-form");
    if (form && form.tagName === "FORM") {
      initForm(form);
      initPreview(form);
    }
    initWordCount();
    initListFilters();
    Array.prototype.forEach.call(document.querySelectorAll("form[data-draft-key]"), initDraft);
    initSignOut();
  }

  // ---- Drafts kept in the browser ----------------------------------------

  // A long form with data-draft-key keeps what is typed in this browser's
  // localStorage, so a save that fails (the session ended, the network
  // dropped) loses nothing: the next time the form is opened, the page
  // offers the text back. A page reached after a successful save (?done=)
  // forgets the draft of its form, and of "new" when a new story was made.
  var DRAFT_PREFIX = "dateline-draft:";
  var DRAFT_SKIP = { version: true, next: true, tab: true };
  var DRAFT_DAYS = 7;

  // Signing out on purpose forgets every kept draft: the next person at a
  // shared computer finds none.
  function initSignOut() {
    Array.prototype.forEach.call(document.querySelectorAll('form[action="/newsroom/logout"]'), function (f) {
      f.addEventListener("submit", function () {
        var store = storage();
        if (!store) return;
        Object.keys(store).forEach(function (k) { if (k.indexOf(DRAFT_PREFIX) === 0) store.removeItem(k); });
      });
    });
  }

  function draftFields(form) {
    var out = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || DRAFT_SKIP[el.name] || el.type === "file" || el.type === "submit" ||
          el.type === "button" || el.type === "hidden" || el.type === "password") return;
      out.push(el);
    });
    return out;
  }

  function readDraft(form) {
    var values = {};
    draftFields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) values[el.name + "=" + el.value] = true;
      } else {
        values[el.name] = el.value;
      }
    });
    return values;
  }

  function sameDraft(a, b) {
    var ka = Object.keys(a), kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    return ka.every(function (k) { return a[k] === b[k]; });
  }

  function applyDraft(form, values) {
    draftFields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = !!values[el.name + "=" + el.value];
      } else if (Object.prototype.hasOwnProperty.call(values, el.name)) {
        el.value = values[el.name];
      } else {
        return;
      }
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function storage() {
    try { return window.localStorage; } catch (e) { return null; } // private modes may refuse
  }

  function initDraft(form) {
    var key = form.getAttribute("data-draft-key");
    var store = storage();
    if (!key || !store) return;
    var name = DRAFT_PREFIX + key;
    // After a save the server sends the member on with ?done=: the draft of
    // this form is in, and so is that of the new-story form the save came
    // from (remembered for this tab when it was submitted).
    if (new URLSearchParams(location.search).get("done")) {
      store.removeItem(name);
      var fromNew = sessionDraft("get");
      if (fromNew) store.removeItem(DRAFT_PREFIX + fromNew);
    }
    sessionDraft("remove");
    var onPage = readDraft(form);
    var kept = null;
    try { kept = JSON.parse(store.getItem(name) || "null"); } catch (e) { kept = null; }
    // A week is long enough to come back to a story; older text is dropped,
    // so a shared computer does not keep it for good.
    if (kept && !(Date.now() - new Date(kept.savedAt).getTime() < DRAFT_DAYS * 864e5)) {
      store.removeItem(name);
      kept = null;
    }
    if (kept && kept.values && !sameDraft(kept.values, onPage)) offerDraft(form, name, kept);

    var timer = null;
    function save() {
      timer = null;
      var now = readDraft(form);
      if (sameDraft(now, onPage)) return; // nothing typed since the page came
      try { store.setItem(name, JSON.stringify({ savedAt: new Date().toISOString(), values: now })); } catch (e) { /* full: nothing to do */ }
    }
    function later() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, 300);
    }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    form.addEventListener("submit", function () {
      if (timer) clearTimeout(timer);
      save();
      if (key === form.getAttribute("data-draft-new")) sessionDraft("set", key);
    });
  }

  // sessionDraft remembers, for this tab only, which new-story form was
  // just submitted.
  function sessionDraft(op, key) {
    try {
      var s = window.sessionStorage;
      if (op === "set") s.setItem("dateline-draft-submitted", key);
      if (op === "remove") s.removeItem("dateline-draft-submitted");
      return op === "get" ? s.getItem("dateline-draft-submitted") : null;
    } catch (e) {
      return null;
    }
  }

  function offerDraft(form, name, kept) {
    var bar = document.createElement("div");
    bar.className = "notice draft-offer";
    bar.setAttribute("role", "status");
    var when = new Date(kept.savedAt);
    var text = document.createElement("span");
    text.textContent = "This browser kept text you had not saved" +
      (isNaN(when) ? "" : " (" + when.toLocaleString() + ")") + ". ";
    var restore = document.createElement("button");
    restore.type = "button";
    restore.className = "primary";
    restore.textContent = "Restore it";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.textContent = "Discard it";
    restore.addEventListener("click", function () {
      applyDraft(form, kept.values);
      bar.remove();
    });
    discard.addEventListener("click", function () {
      var store = storage();
      if (store) store.removeItem(name);
      bar.remove();
    });
    bar.appendChild(text);
    bar.appendChild(restore);
    bar.appendChild(document.createTextNode(" "));
    bar.appendChild(discard);
    form.parentNode.insertBefore(bar, form);
  }

  // ---- List filters ------------------------------------------------------

  // initListFilters applies a list's filters as soon as a menu or box is
  // changed; the Filter button stays for typed words and for browsers
  // without script.
  function initListFilters() {
    var form = document.querySelector("form.nr-filters");
    if (!form) {
      return;
    }
    form.addEventListener("change", function (e) {
      var t = e.target;
      if (t.tagName === "SELECT" || (t.tagName === "INPUT" && t.type === "checkbox")) {
        if (form.requestSubmit) {
          form.requestSubmit();
        } else {
          form.submit();
        }
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
