package server_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"dateline/internal/auth"
	"dateline/internal/browsertest"
	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// TestMarkdownToolbarInBrowser types into the article editor as a writer
// would: the link button and Ctrl+K leave the address selected to type
// over, Ctrl+B and Ctrl+I (Cmd on a Mac) wrap the selection and can be
// undone, Enter carries a bulleted or numbered list on and ends it on an
// empty item. The shortcuts stay out of the other fields, the browser keeps
// the text as a draft, and nothing reaches the console.
func TestMarkdownToolbarInBrowser(t *testing.T) {
	f := servertest.New(t, storetest.Open(t, "sqlite"))
	ctx, console := browsertest.New(t)
	rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v (console: %q)", step, err, console.Errors())
		}
	}
	must("sign in", chromedp.Do(ctx,
		chromedp.Navigate(f.Srv.URL+"/newsroom/login"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), rep.Email),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), rep.Password),
		chromedp.Click(chromedp.CSS(`form[action="/newsroom/login"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.nr-table`)),
		chromedp.Navigate(f.Srv.URL+"/newsroom/articles/new"),
		chromedp.WaitVisible(chromedp.CSS(`.md-toolbar button[aria-label=Link]`)),
	))

	// set puts text in the body with [from, to) selected (a caret when
	// equal) and the focus in it.
	set := func(text string, from, to int) {
		t.Helper()
		must("set the body", chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
			const ta = document.getElementById("body");
			ta.focus();
			ta.value = `+strconv.Quote(text)+`;
			ta.setSelectionRange(`+strconv.Itoa(from)+`, `+strconv.Itoa(to)+`);
		})()`)))
	}
	selectText := func(text, part string) {
		t.Helper()
		i := strings.Index(text, part)
		set(text, i, i+len(part))
	}
	type state struct{ Value, Selected string }
	read := func() state {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
			const ta = document.getElementById("body");
			return [ta.value, ta.value.slice(ta.selectionStart, ta.selectionEnd)];
		})()`))
		must("read the body", err)
		return state{got[0], got[1]}
	}
	expect := func(what string, want state) {
		t.Helper()
		if got := read(); got != want {
			t.Errorf("%s: body %q with %q selected, want %q with %q selected", what, got.Value, got.Selected, want.Value, want.Selected)
		}
	}
	keys := func(step, k string, mods ...chromedp.Modifier) {
		t.Helper()
		var opts []chromedp.KeyOption
		if len(mods) > 0 {
			opts = append(opts, chromedp.KeyModifiers(mods...))
		}
		must(step, chromedp.Do(ctx, chromedp.KeyEvent(k, opts...)))
	}
	// enter presses Enter as a keyboard does: one keyDown carrying the
	// text, which Chrome splits into keydown and keypress, so a page that
	// handles the keydown stops the newline. (KeyEvent sends the character
	// as an event of its own, which no page can stop.)
	enter := func(step string) {
		t.Helper()
		must(step, chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
				ev := input.DispatchKeyEventParams{Type: typ, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13}
				if typ == input.DispatchKeyEventTypeKeyDown {
					ev.Text, ev.UnmodifiedText = "\r", "\r"
				}
				if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, ev); err != nil {
					return err
				}
			}
			return nil
		})))
	}
	click := func(button string) {
		t.Helper()
		must("click "+button, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.md-toolbar button[aria-label="`+button+`"]`))))
	}

	// Links: the address is selected, to be typed over.
	set("", 0, 0)
	click("Link")
	expect("Link with nothing selected", state{"[link text](https://)", "https://"})
	keys("type the address", "https://dateline.lk/port")
	expect("the address typed over", state{"[link text](https://dateline.lk/port)", ""})
	selectText("See the port report.", "port report")
	click("Link")
	expect("Link on selected words", state{"See the [port report](https://).", "https://"})
	selectText("See the port report.", "port report")
	keys("Ctrl+K", "k", chromedp.ModifierCtrl)
	expect("Ctrl+K on selected words", state{"See the [port report](https://).", "https://"})

	// Bold and italic, with Ctrl or Cmd, and undo.
	selectText("Rain all week.", "all week")
	keys("Ctrl+B", "b", chromedp.ModifierCtrl)
	expect("Ctrl+B", state{"Rain **all week**.", "all week"})
	must("undo", chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.execCommand("undo")`)))
	expect("Ctrl+B undone", state{"Rain all week.", "all week"})
	keys("Ctrl+I", "i", chromedp.ModifierCtrl)
	expect("Ctrl+I", state{"Rain _all week_.", "all week"})
	selectText("Rain all week.", "Rain")
	keys("Cmd+B", "b", chromedp.ModifierMeta)
	expect("Cmd+B", state{"**Rain** all week.", "Rain"})

	// Lists carry on with Enter and end on an empty item.
	set("Shopping:\n\n- apples", 20, 20)
	enter("Enter in a bulleted list")
	expect("Enter after a bullet", state{"Shopping:\n\n- apples\n- ", ""})
	keys("type the next item", "pears")
	enter("Enter after the second item")
	enter("Enter on an empty item")
	keys("type after the list", "Then home.")
	expect("the bulleted list ended", state{"Shopping:\n\n- apples\n- pears\n\nThen home.", ""})
	set("* one", 5, 5)
	enter("Enter after a starred item")
	expect("Enter after a starred item", state{"* one\n* ", ""})
	set("Steps:\n1. Boil", 14, 14)
	enter("Enter in a numbered list")
	expect("Enter after item 1", state{"Steps:\n1. Boil\n2. ", ""})
	keys("type item 2", "Stir")
	enter("Enter after item 2")
	expect("Enter after item 2", state{"Steps:\n1. Boil\n2. Stir\n3. ", ""})
	enter("end the numbered list")
	expect("the numbered list ended", state{"Steps:\n1. Boil\n2. Stir\n\n", ""})
	set("Not a list", 10, 10)
	enter("Enter outside a list")
	expect("Enter outside a list", state{"Not a list\n", ""})

	// The shortcuts belong to the body: in the headline they do nothing.
	set("Body stays.", 0, 4)
	must("type a headline", chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`input[name=headline]`), "Harbour reopens"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("input[name=headline]").select()`),
	))
	keys("Ctrl+B in the headline", "b", chromedp.ModifierCtrl)
	keys("Ctrl+K in the headline", "k", chromedp.ModifierCtrl)
	headline, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`input[name=headline]`)))
	must("read the headline", err)
	if body := read().Value; headline != "Harbour reopens" || body != "Body stays." {
		t.Errorf("after Ctrl+B and Ctrl+K in the headline: headline %q, body %q", headline, body)
	}

	// What the toolbar typed is kept in the browser as a draft.
	selectText("Body stays.", "stays")
	keys("Ctrl+B for the draft", "b", chromedp.ModifierCtrl)
	raw, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => {
		const d = localStorage.getItem("dateline-draft:article-new");
		return d && JSON.parse(d).values.body === "Body **stays**." ? d : false;
	})()`))
	must("the draft keeps the body", err)
	var kept struct{ Values map[string]any }
	if err := json.Unmarshal([]byte(raw), &kept); err != nil || kept.Values["headline"] != "Harbour reopens" {
		t.Errorf("kept draft %s (%v)", raw, err)
	}

	if errs := console.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}
