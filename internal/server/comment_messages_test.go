package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/comments"
	"dateline/internal/i18n"
	"dateline/internal/moderation"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// commentNotice is what a page tells a reader about the comment they sent:
// its kind (refused, held, published), its ARIA role and its words.
type commentNotice struct {
	kind, role, text string
}

var noticeRE = regexp.MustCompile(`(?s)<div id="your-comment" class="comment-message ([a-z]+)" role="([a-z]+)"[^>]*>(.*?)</div>`)

// noticesOf returns every comment notice on a page. Anything else styled as
// one counts too, with an empty kind, so a stray second box is caught.
func noticesOf(body string) []commentNotice {
	var out []commentNotice
	for _, m := range noticeRE.FindAllStringSubmatch(body, -1) {
		out = append(out, commentNotice{kind: m[1], role: m[2], text: strings.Join(strings.Fields(html.UnescapeString(servertest.TagRE.ReplaceAllString(m[3], " "))), " ")})
	}
	if extra := strings.Count(body, `class="comment-message`) - len(out); extra > 0 {
		out = append(out, make([]commentNotice, extra)...)
	}
	return out
}

// filledForm is what the comment form on a page holds.
type filledForm struct {
	name, email, body string
	sendable          bool // a comment form that can be sent, not a read-only copy
}

var (
	nameInputRE  = regexp.MustCompile(`<input name="name"[^>]*>`)
	emailInputRE = regexp.MustCompile(`<input type="email" name="email"[^>]*>`)
	valueRE      = regexp.MustCompile(`\svalue="([^"]*)"`)
	textareaRE   = regexp.MustCompile(`(?s)<textarea name="body"[^>]*>(.*?)</textarea>`)
)

// formOf reads back the comment form of a page, as a browser would fill it.
func formOf(body string) filledForm {
	attr := func(re *regexp.Regexp) string {
		if m := valueRE.FindStringSubmatch(re.FindString(body)); m != nil {
			return html.UnescapeString(m[1])
		}
		return ""
	}
	f := filledForm{name: attr(nameInputRE), email: attr(emailInputRE), sendable: strings.Contains(body, `<form id="comment-form"`)}
	if m := textareaRE.FindStringSubmatch(body); m != nil {
		// A newline right after <textarea> is not part of its value.
		f.body = strings.TrimPrefix(html.UnescapeString(m[1]), "\n")
	}
	return f
}

// contradictions are the words of each kind of notice that no other kind
// may show: a refusal never thanks, a held comment is never refused.
var contradictions = map[string][]string{
	"refused":   {"awaiting moderation", "is published", "Thank you"},
	"held":      {"not accepted", "not allowed", "is published"},
	"published": {"not accepted", "not allowed", "awaiting moderation"},
}

// expectOneNotice fails the test unless the page shows exactly one notice,
// of the kind and role, saying each text and nothing of another kind.
func expectOneNotice(t *testing.T, what string, r servertest.Reply, kind string, says ...string) commentNotice {
	t.Helper()
	ns := noticesOf(r.Body)
	if len(ns) != 1 {
		t.Fatalf("%s: %d comment notices, want exactly 1: %+v\n%s", what, len(ns), ns, servertest.MainText(r.Body))
	}
	n := ns[0]
	role := "status"
	if kind == "refused" {
		role = "alert"
	}
	if n.kind != kind || n.role != role {
		t.Errorf("%s: a %q notice with role %q, want %q with role %q: %q", what, n.kind, n.role, kind, role, n.text)
	}
	for _, s := range says {
		if !strings.Contains(n.text, s) {
			t.Errorf("%s: the notice %q does not say %q", what, n.text, s)
		}
	}
	for _, bad := range contradictions[kind] {
		if strings.Contains(n.text, bad) {
			t.Errorf("%s: the %s notice also says %q: %q", what, kind, bad, n.text)
		}
	}
	return n
}

// expectNoStore fails the test unless no cache may keep the reply.
func expectNoStore(t *testing.T, what string, r servertest.Reply) {
	t.Helper()
	if cc := r.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") || strings.Contains(cc, "public") {
		t.Errorf("%s: Cache-Control %q, want no-store", what, cc)
	}
	if r.Header.Get("Surrogate-Key") != "" || r.Header.Get("Cache-Tag") != "" {
		t.Errorf("%s: tagged for a shared cache (Surrogate-Key %q)", what, r.Header.Get("Surrogate-Key"))
	}
}

// expectTextBack fails the test unless the reply's comment form holds what
// the reader sent.
func expectTextBack(t *testing.T, what string, r servertest.Reply, sent url.Values, sendable bool) {
	t.Helper()
	got := formOf(r.Body)
	want := filledForm{name: sent.Get("name"), email: sent.Get("email"), body: strings.ToValidUTF8(sent.Get("body"), "\uFFFD"), sendable: sendable}
	if !sendable {
		want.name, want.email = "", "" // a read-only copy of the text alone
	}
	if got != want {
		t.Errorf("%s: the form comes back as %+v, want %+v", what, got, want)
	}
}

// capitalsBody breaks the capitals guideline and no other.
const capitalsBody = "THE RIVER ROSE TWO METRES AND NOBODY WARNED US IN TIME"

// rejectCapitals makes the site refuse comments in capitals outright (by
// default they wait for a moderator).
func rejectCapitals(t *testing.T, f *servertest.Fixture, mode comments.Mode) {
	t.Helper()
	p := comments.DefaultPolicy()
	p.Mode = mode
	p.Actions[moderation.AllCaps] = moderation.Reject
	if err := comments.SavePolicy(context.Background(), f.Store, p, store.Change{Actor: "test", Action: "set-policy"}); err != nil {
		t.Fatal(err)
	}
}

// TestCommentFormRefusalsGiveTheTextBack: without script, every way the
// comment form can refuse a comment answers with a page that says so once,
// as a refusal (role=alert), with the reasons in words and the reader's
// name, email and text back in the form, and that no cache keeps.
func TestCommentFormRefusalsGiveTheTextBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		ctx := context.Background()
		rejectCapitals(t, f, comments.Pre)
		ts := servertest.FormTimeOf(t, servertest.NewVisitor(t, f, true).Page(t, a.Path()))
		time.Sleep(3100 * time.Millisecond) // a person takes a few seconds to write
		path := fmt.Sprintf("/news/%d/comments", a.ID)

		honeypot := servertest.CommentForm("Best Deals", "", servertest.Polite(1), ts)
		honeypot.Set("website", "https://deals.test/")
		for _, tc := range []struct {
			name   string
			form   url.Values
			status int
			says   []string
		}{
			{"all capitals", servertest.CommentForm("Sunil", "sunil@reader.test", capitalsBody, ts), http.StatusUnprocessableEntity,
				[]string{"Your comment was not accepted.", "Comments written in capital letters are not allowed.", "change it and send it again"}},
			{"markup in capitals", servertest.CommentForm(`"><script>alert(1)</script>`, "", "</TEXTAREA><SCRIPT>ALERT(1)</SCRIPT> "+capitalsBody, ts), http.StatusUnprocessableEntity,
				[]string{"Comments written in capital letters are not allowed."}},
			{"obscene", servertest.CommentForm("Sunil", "", "What a load of shit from the ministry, and the river is still rising.", ts), http.StatusUnprocessableEntity,
				[]string{"Your comment was not accepted.", "Obscene or abusive language is not allowed. (“shit”)"}},
			{"hidden field filled", honeypot, http.StatusUnprocessableEntity,
				[]string{"Your comment was not accepted.", "The comment looks like spam or like it was sent by a program."}},
			{"no name", servertest.CommentForm(" ", "", servertest.Polite(2), ts), http.StatusBadRequest,
				[]string{"Your comment was not accepted.", "Please give a display name.", "change it and send it again"}},
			{"too long", servertest.CommentForm("Long", "", strings.Repeat("é", 2001), ts), http.StatusBadRequest,
				[]string{"The comment is 2001 characters; the limit is 2000."}},
			{"two problems", servertest.CommentForm("", "kasun at home", servertest.Polite(3), ts), http.StatusBadRequest,
				[]string{"Please give a display name.", "The email address does not look right (it is optional)."}},
			{"invalid UTF-8", servertest.CommentForm("Nimal", "", "Caf\xe9 owners by the lagoon", ts), http.StatusBadRequest,
				[]string{"The text is not valid UTF-8."}},
		} {
			r := servertest.NewVisitor(t, f, true).Form(t, path, tc.form)
			if r.Status != tc.status {
				t.Errorf("%s: status %d, want %d (Location %q)\n%s", tc.name, r.Status, tc.status, r.Header.Get("Location"), servertest.MainText(r.Body))
				continue
			}
			expectOneNotice(t, tc.name, r, "refused", tc.says...)
			expectTextBack(t, tc.name, r, tc.form, true)
			servertest.Lacks(t, tc.name, r.Body, "<script>alert(1)", "</TEXTAREA><SCRIPT>") // given back as text, never as markup
			expectNoStore(t, tc.name, r)
			servertest.Contains(t, tc.name, r.Body, `<html lang="en">`, `<meta name="robots" content="noindex">`, `href="`+a.Path()+`"`)
		}

		// A refused reply keeps its place in the thread.
		tok := servertest.NewTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		parent := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Chamara", Body: servertest.Polite(4)})
		servertest.ApproveByAPI(t, f, tok.Token, parent.ID)
		reply := servertest.CommentForm("Sunil", "", capitalsBody, ts)
		reply.Set("parent_id", fmt.Sprint(parent.ID))
		r := servertest.NewVisitor(t, f, true).Form(t, path, reply)
		expectOneNotice(t, "refused reply", r, "refused", "Comments written in capital letters are not allowed.")
		servertest.Contains(t, "refused reply", r.Body, "Replying to Chamara", fmt.Sprintf(`<input type="hidden" name="parent_id" value="%d">`, parent.ID))

		// Too many at once: the answer says when to come back, and keeps the text.
		hurried := servertest.NewVisitor(t, f, true)
		limited := false
		for i := 0; i < 12 && !limited; i++ {
			sent := servertest.CommentForm("", "", fmt.Sprintf("Comment %d of a hurried reader, without a name.", i), ts)
			r := hurried.Form(t, path, sent)
			if r.Status != http.StatusTooManyRequests {
				continue
			}
			limited = true
			expectOneNotice(t, "too many", r, "refused", "You are sending comments too fast.", "send it again")
			expectTextBack(t, "too many", r, sent, true)
			expectNoStore(t, "too many", r)
			if r.Header.Get("Retry-After") == "" {
				t.Errorf("too many: no Retry-After")
			}
		}
		if !limited {
			t.Fatal("12 quick posts from one address were never limited")
		}

		// Banned and closed: sending again cannot help, so the text comes
		// back as a copy to keep rather than in a form to send.
		if err := f.Store.Ban(ctx, "troll@reader.test", "", "", "abuse", time.Time{}, store.Change{Actor: "test", Action: "ban"}); err != nil {
			t.Fatal(err)
		}
		banned := servertest.CommentForm("Troll", "troll@reader.test", servertest.Polite(5), ts)
		r = servertest.NewVisitor(t, f, true).Form(t, path, banned)
		if r.Status != http.StatusForbidden {
			t.Fatalf("banned: status %d\n%s", r.Status, servertest.MainText(r.Body))
		}
		expectOneNotice(t, "banned", r, "refused", "You can no longer comment on this site.", "keep a copy")
		expectTextBack(t, "banned", r, banned, false)
		expectNoStore(t, "banned", r)

		if err := f.Store.SetArticleCommentMode(ctx, a.ID, "closed", store.Change{Actor: "test", Action: "comment-mode"}); err != nil {
			t.Fatal(err)
		}
		late := servertest.CommentForm("Kasun", "", servertest.Polite(6), ts)
		r = servertest.NewVisitor(t, f, true).Form(t, path, late)
		if r.Status != http.StatusForbidden {
			t.Fatalf("closed: status %d\n%s", r.Status, servertest.MainText(r.Body))
		}
		expectOneNotice(t, "closed", r, "refused", "Comments are closed on this article.", "keep a copy")
		expectTextBack(t, "closed", r, late, false)
		expectNoStore(t, "closed", r)
	})
}

// TestCommentFormOutcomesSayWhatHappened: a comment that goes through is
// told so once: held is a neutral "awaiting moderation" without the checks'
// "not allowed", published is a success, and the form is empty again. A
// comment a moderator rejected later is a refusal with the text back.
func TestCommentFormOutcomesSayWhatHappened(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		ts := servertest.FormTimeOf(t, servertest.NewVisitor(t, f, true).Page(t, a.Path()))
		time.Sleep(3100 * time.Millisecond)
		path := fmt.Sprintf("/news/%d/comments", a.ID)

		// follow sends the form, expects the redirect back to the article and
		// returns the page it leads to.
		follow := func(what string, v *servertest.Visitor, form url.Values) (servertest.Reply, int64) {
			t.Helper()
			id := servertest.YourCommentID(t, v.Form(t, path, form), a)
			page := v.Page(t, fmt.Sprintf("%s?comment=%d", a.Path(), id))
			page.Expect(t, http.StatusOK)
			expectNoStore(t, what, page)
			return page, id
		}

		// Held, once for being clean under pre-moderation and once for a
		// link the checks hold: neither is told it is "not allowed".
		for _, body := range []string{servertest.Polite(0), servertest.LinkBody} {
			page, _ := follow("held", servertest.NewVisitor(t, f, true), servertest.CommentForm("Nimali", "nimali@reader.test", body, ts))
			expectOneNotice(t, "held "+body, page, "held", "Thank you. Your comment is awaiting moderation and will appear once an editor approves it.")
			if got := formOf(page.Body); got != (filledForm{sendable: true}) {
				t.Errorf("held %q: the form after sending holds %+v, want it empty", body, got)
			}
		}

		// The article page itself stays the same for everyone: cached,
		// and setting no cookie.
		public := servertest.NewVisitor(t, f, true).Page(t, a.Path())
		if cc := public.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "public") || len(public.Cookies) > 0 || len(noticesOf(public.Body)) > 0 {
			t.Errorf("the public article page: Cache-Control %q, cookies %v, %d comment notices", cc, public.Cookies, len(noticesOf(public.Body)))
		}

		// Published under post-moderation, links allowed: no warning either.
		p := comments.DefaultPolicy()
		p.Mode = comments.Post
		p.Actions[moderation.OutsideLink] = moderation.Allow
		if err := comments.SavePolicy(context.Background(), f.Store, p, store.Change{Actor: "test", Action: "set-policy"}); err != nil {
			t.Fatal(err)
		}
		page, _ := follow("published", servertest.NewVisitor(t, f, true), servertest.CommentForm("Ayesha", "", servertest.LinkBody, ts))
		expectOneNotice(t, "published", page, "published", "Your comment is published.")
		if got := formOf(page.Body); got != (filledForm{sendable: true}) {
			t.Errorf("published: the form after sending holds %+v, want it empty", got)
		}

		// Held, then rejected by a moderator: coming back to it, the reader
		// is told it was refused and has the text to change.
		p.Mode = comments.Pre
		if err := comments.SavePolicy(context.Background(), f.Store, p, store.Change{Actor: "test", Action: "set-policy"}); err != nil {
			t.Fatal(err)
		}
		reader := servertest.NewVisitor(t, f, true)
		_, id := follow("held for a moderator", reader, servertest.CommentForm("Ruwan", "", servertest.Polite(7), ts))
		servertest.RejectByAPI(t, f, servertest.NewTokenUser(t, f, auth.Moderator, "Tharaka Moderator").Token, id, "off-topic")
		again := reader.Page(t, fmt.Sprintf("%s?comment=%d", a.Path(), id))
		expectOneNotice(t, "rejected by a moderator", again, "refused", "Your comment was not accepted.", "An editor decided that it breaks our guidelines.")
		if got := formOf(again.Body); got.name != "Ruwan" || got.body != servertest.Polite(7) || !got.sendable {
			t.Errorf("rejected by a moderator: the form holds %+v, want the name and text back", got)
		}
		expectNoStore(t, "rejected by a moderator", again)
	})
}

// TestCommentRefusalsInEachEdition: a refusal is said in the article's
// language, including one that comes before the article is read.
func TestCommentRefusalsInEachEdition(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		s := servertest.SeedEditions(t, f)
		rejectCapitals(t, f, comments.Pre)
		texts, err := i18n.Load(f.Cfg.Location)
		if err != nil {
			t.Fatal(err)
		}
		si, ta := texts.Get("si"), texts.Get("ta")
		ts := servertest.FormTimeOf(t, servertest.NewVisitor(t, f, true).Page(t, "/si"+s.SI.Path()))
		time.Sleep(3100 * time.Millisecond)

		sent := servertest.CommentForm("Sunil", "", capitalsBody, ts)
		r := servertest.NewVisitor(t, f, true).Form(t, fmt.Sprintf("/news/%d/comments", s.SI.ID), sent)
		if r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("Sinhala capitals: status %d\n%s", r.Status, servertest.MainText(r.Body))
		}
		expectOneNotice(t, "Sinhala capitals", r, "refused", si.T("comment.notice.refused"), si.T("finding.all-caps"), si.T("comment.notice.fix"))
		expectTextBack(t, "Sinhala capitals", r, sent, true)
		servertest.Contains(t, "Sinhala capitals", r.Body, `<html lang="si">`, `href="/si`+s.SI.Path()+`"`)
		servertest.Lacks(t, "Sinhala capitals", r.Body, "Your comment was not accepted.")

		// The limit refuses before the article is read: the form says
		// which language it was in.
		v := servertest.NewVisitor(t, f, true)
		for i := 0; i < 12; i++ {
			sent := servertest.CommentForm("", "", fmt.Sprintf("கருத்து %d", i), ts)
			sent.Set("lang", "ta")
			r := v.Form(t, fmt.Sprintf("/news/%d/comments", s.TA.ID), sent)
			if r.Status == http.StatusTooManyRequests {
				expectOneNotice(t, "Tamil too many", r, "refused", ta.T("comment.notice.refused"), ta.T("comment.error.too_fast"))
				expectTextBack(t, "Tamil too many", r, sent, true)
				servertest.Contains(t, "Tamil too many", r.Body, `<html lang="ta">`)
				return
			}
		}
		t.Fatal("12 quick posts were never limited")
	})
}

// commentReply is the comment form's answer to its script.
type commentReply struct {
	Kind    string   `json:"kind"`
	Message string   `json:"message"`
	Detail  string   `json:"detail"`
	Reasons []string `json:"reasons"`
	Hint    string   `json:"hint"`
}

// TestCommentFormAnswersItsScript: with script, the form is sent with
// fetch asking for JSON, and each outcome is one answer of one kind in the
// page's words, never cached.
func TestCommentFormAnswersItsScript(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		rejectCapitals(t, f, comments.Pre)
		ts := servertest.FormTimeOf(t, servertest.NewVisitor(t, f, true).Page(t, a.Path()))
		time.Sleep(3100 * time.Millisecond)
		path := fmt.Sprintf("/news/%d/comments", a.ID)
		fetch := func(v *servertest.Visitor, form url.Values) (servertest.Reply, commentReply) {
			t.Helper()
			req, err := http.NewRequest(http.MethodPost, f.Srv.URL+path, strings.NewReader(form.Encode()))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("User-Agent", v.UA)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
			req.Header.Set("Accept", "application/json")
			r := servertest.Send(t, f, v.Client, req)
			if r.Status == http.StatusTemporaryRedirect { // handed a reader cookie: fetch sends it again
				req, _ = http.NewRequest(http.MethodPost, f.Srv.URL+r.Header.Get("Location"), strings.NewReader(form.Encode()))
				req.Header.Set("User-Agent", v.UA)
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
				req.Header.Set("Accept", "application/json")
				r = servertest.Send(t, f, v.Client, req)
			}
			var out commentReply
			if err := json.Unmarshal([]byte(r.Body), &out); err != nil {
				t.Fatalf("%s: %d %q is not JSON: %v", r, r.Status, r.Body, err)
			}
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("%s: Content-Type %q", r, ct)
			}
			expectNoStore(t, r.String(), r)
			return r, out
		}
		for _, tc := range []struct {
			name    string
			form    url.Values
			status  int
			kind    string
			message string
			reasons []string
		}{
			{"held", servertest.CommentForm("Nimali", "", servertest.Polite(0), ts), http.StatusOK, "held", "Thank you. Your comment is awaiting moderation", nil},
			{"held for a link", servertest.CommentForm("Ayesha", "", servertest.LinkBody, ts), http.StatusOK, "held", "Thank you. Your comment is awaiting moderation", nil},
			{"all capitals", servertest.CommentForm("Sunil", "", capitalsBody, ts), http.StatusUnprocessableEntity, "refused", "Your comment was not accepted.",
				[]string{"Comments written in capital letters are not allowed."}},
			{"no name", servertest.CommentForm("", "", servertest.Polite(1), ts), http.StatusBadRequest, "refused", "Your comment was not accepted.",
				[]string{"Please give a display name."}},
		} {
			r, out := fetch(servertest.NewVisitor(t, f, true), tc.form)
			if r.Status != tc.status || out.Kind != tc.kind || out.Message != tc.message || strings.Join(out.Reasons, "|") != strings.Join(tc.reasons, "|") {
				t.Errorf("%s: %d %+v, want %d %s %q with reasons %q", tc.name, r.Status, out, tc.status, tc.kind, tc.message, tc.reasons)
			}
			if (tc.kind == "refused") != (out.Hint != "") {
				t.Errorf("%s: hint %q", tc.name, out.Hint)
			}
		}

		// Where sending again cannot help, the hint offers a copy; the
		// script leaves the text where it is.
		if err := f.Store.Ban(context.Background(), "troll@reader.test", "", "", "abuse", time.Time{}, store.Change{Actor: "test", Action: "ban"}); err != nil {
			t.Fatal(err)
		}
		r, out := fetch(servertest.NewVisitor(t, f, true), servertest.CommentForm("Troll", "troll@reader.test", servertest.Polite(2), ts))
		if r.Status != http.StatusForbidden || out.Kind != "refused" || strings.Join(out.Reasons, "|") != "You can no longer comment on this site." ||
			out.Hint != "Your comment is below, so that you can keep a copy." {
			t.Errorf("banned: %d %+v", r.Status, out)
		}
		// Published under post-moderation.
		if err := comments.SavePolicy(context.Background(), f.Store, comments.Policy{Mode: comments.Post, FlagThreshold: 3},
			store.Change{Actor: "test", Action: "set-policy"}); err != nil {
			t.Fatal(err)
		}
		r, out = fetch(servertest.NewVisitor(t, f, true), servertest.CommentForm("Kasun", "", servertest.Polite(3), ts))
		if r.Status != http.StatusOK || out.Kind != "published" || out.Message != "Your comment is published." || out.Detail != "" || out.Reasons != nil || out.Hint != "" {
			t.Errorf("published: %d %+v", r.Status, out)
		}

		hurried := servertest.NewVisitor(t, f, true)
		for i := 0; ; i++ {
			if i == 12 {
				t.Fatal("12 quick posts were never limited")
			}
			r, out := fetch(hurried, servertest.CommentForm("", "", servertest.Polite(i), ts))
			if r.Status == http.StatusTooManyRequests {
				if out.Kind != "refused" || len(out.Reasons) != 1 || !strings.HasPrefix(out.Reasons[0], "You are sending comments too fast.") || r.Header.Get("Retry-After") == "" {
					t.Errorf("too many: %+v, Retry-After %q", out, r.Header.Get("Retry-After"))
				}
				break
			}
		}
	})
}

// TestCommentReplyFormNamesTheRightComment: the reply link opens the form
// replying to that comment whichever order the page lists comments in.
func TestCommentReplyFormNamesTheRightComment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		tok := servertest.NewTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		older := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Chamara", Body: servertest.Polite(0)})
		servertest.ApproveByAPI(t, f, tok.Token, older.ID)
		newer := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Dilani", Body: servertest.Polite(1)})
		servertest.ApproveByAPI(t, f, tok.Token, newer.ID)
		for _, order := range []string{"oldest", "newest"} {
			r := servertest.NewVisitor(t, f, true).Page(t, fmt.Sprintf("%s?comments=%s&reply=%d", a.Path(), order, older.ID))
			r.Expect(t, http.StatusOK, "Replying to Chamara")
			servertest.Contains(t, order+" first", r.Body, fmt.Sprintf(`<input type="hidden" name="parent_id" value="%d">`, older.ID))
		}
	})
}
