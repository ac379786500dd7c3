package server_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/comments"
	"dateline/internal/moderation"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// shows fails the test unless the page shows each plain text, escaped as
// the templates escape it.
func shows(t *testing.T, what, page string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		contains(t, what, page, html.EscapeString(s))
	}
}

// hides fails the test if the page shows any of the plain texts.
func hides(t *testing.T, what, page string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		lacks(t, what, page, html.EscapeString(s))
	}
}

func TestCommentFormPostAwaitsModeration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		reader, bot := newVisitor(t, f, true), newVisitor(t, f, true)
		page := reader.page(t, a.Path())
		page.expect(t, http.StatusOK, "Every comment is read by our editors before it appears.")
		contains(t, "article page", page.body, fmt.Sprintf(`action="/news/%d/comments"`, a.ID), `name="website"`)
		ts, botTS := formTimeOf(t, page), formTimeOf(t, bot.page(t, a.Path()))
		// A person takes a few seconds to write; posting sooner is a spam signal.
		time.Sleep(3100 * time.Millisecond)

		body := polite(0)
		r := reader.form(t, fmt.Sprintf("/news/%d/comments", a.ID), commentForm("Nimali", "nimali@reader.test", body, ts))
		id := yourCommentID(t, r, a)
		c := expectStatus(t, f, id, store.CommentPending)
		if c.ArticleID != a.ID || c.Name != "Nimali" || c.Email != "nimali@reader.test" || c.Body != body || c.ParentID != 0 || c.Visitor == "" {
			t.Fatalf("stored comment: %+v", c)
		}
		if fi, ok := findingOf(storedFindings(t, c), "outside-link"); ok {
			t.Errorf("clean comment has an outside-link finding: %+v", fi)
		}
		if !slices.ContainsFunc(r.cookies, func(c *http.Cookie) bool { return c.Name == "dateline_reader" && c.HttpOnly }) {
			t.Errorf("the form post set no HttpOnly reader cookie: %v", r.cookies)
		}

		mine := reader.page(t, fmt.Sprintf("%s?comment=%d", a.Path(), id))
		mine.expect(t, http.StatusOK, "Your comment is awaiting moderation")
		if cc := mine.header.Get("Cache-Control"); cc != "private, no-store" {
			t.Errorf("the reader's own notice is cacheable: Cache-Control %q", cc)
		}
		hides(t, "author's page before approval", mine.body, body)

		other := newVisitor(t, f, false).page(t, fmt.Sprintf("%s?comment=%d", a.Path(), id))
		other.expect(t, http.StatusOK, "No comments yet.")
		hides(t, "another reader's page", other.body, "awaiting moderation", body)
		if ids := listedIDs(t, f, a.ID); len(ids) != 0 {
			t.Fatalf("the API lists comments before approval: %v", ids)
		}

		// A bot fills the hidden field: the comment is kept as rejected, for
		// the moderators, and the bot is told it was not accepted.
		r = bot.form(t, fmt.Sprintf("/news/%d/comments", a.ID), url.Values{"name": {"Best Deals"}, "email": {""},
			"body": {polite(1)}, "website": {"https://deals.test/"}, "ts": {botTS}})
		r.expect(t, http.StatusUnprocessableEntity, "Your comment was not accepted.", "The comment looks like spam")
		refused, _, err := f.store.CommentQueue(context.Background(), store.CommentRejected, 10, 0)
		if err != nil || len(refused) != 1 || refused[0].Body != polite(1) {
			t.Fatalf("rejected comments after the bot: %+v %v", refused, err)
		}
		if _, ok := findingOf(storedFindings(t, refused[0].Comment), "spam"); !ok {
			t.Errorf("honeypot comment without a spam finding: %s", refused[0].Findings)
		}

		mod := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		decideInQueue(t, f, mod, id, "approve", nil)
		reader.page(t, fmt.Sprintf("%s?comment=%d", a.Path(), id)).expect(t, http.StatusOK, "Your comment is published.", body)
		public := articlePage(t, f, a)
		shows(t, "public page after approval", public, "Comments (1)", "Nimali", body)
		hides(t, "public page after approval", public, polite(1), "nimali@reader.test")
		items, raw := publicComments(t, f, a.ID)
		if len(items) != 1 || items[0].ID != id || items[0].Name != "Nimali" || items[0].Body != body {
			t.Fatalf("API list after approval: %+v", items)
		}
		lacks(t, "API list", raw, "nimali@reader.test", c.Visitor, `"email"`)
	})
}

func TestCommentAPIPostAndCheck(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff

		r := newVisitor(t, f, false).comment(t, a.ID, commentIn{Name: "Kasun", Body: polite(3)})
		r.expect(t, "clean comment", http.StatusAccepted, "")
		if cc := r.header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("post answer Cache-Control %q, want no-store", cc)
		}
		contains(t, "clean comment answer", r.body, `"findings":[`) // a list, never null
		clean := outcomeOf(t, r)
		if clean.ID < 1 || clean.Status != store.CommentPending {
			t.Fatalf("clean comment: %s", r.body)
		}
		if fi, ok := findingOf(clean.Findings, "outside-link"); ok {
			t.Errorf("clean comment has an outside-link finding: %+v", fi)
		}
		expectStatus(t, f, clean.ID, store.CommentPending)

		linked := postFresh(t, f, a.ID, commentIn{Name: "Ayesha", Email: "ayesha@reader.test", Body: linkBody})
		if linked.Status != store.CommentPending {
			t.Fatalf("linked comment: %+v, want pending", linked)
		}
		expectLinkFinding(t, "posted link", linkBody, linked.Findings)
		// What the reader was told is what moderators will see.
		if got := storedFindings(t, storedComment(t, f, linked.ID)); !reflect.DeepEqual(got, linked.Findings) {
			t.Errorf("stored findings %+v, answered %+v", got, linked.Findings)
		}

		// The live check stores nothing and promises nothing.
		before := commentTotal(t, f)
		checker := newVisitor(t, f, false)
		check := func(body any) apiReply { return checker.json(t, http.MethodPost, "/api/v1/comments/check", body) }
		r = check(map[string]any{"article_id": a.ID, "body": linkBody})
		r.expect(t, "check a link", http.StatusOK, "")
		lacks(t, "check answer", r.body, `"id"`)
		out := outcomeOf(t, r)
		if out.Status != store.CommentPending {
			t.Errorf("check of a link: status %q, want pending", out.Status)
		}
		expectLinkFinding(t, "checked link", linkBody, out.Findings)
		r = check(map[string]any{"article_id": a.ID, "name": "Kasun", "body": polite(4)})
		r.expect(t, "check clean text", http.StatusOK, "")
		if out := outcomeOf(t, r); out.Status != store.CommentPending || out.Findings == nil {
			t.Errorf("check of clean text: %s", r.body)
		} else if fi, ok := findingOf(out.Findings, "outside-link"); ok {
			t.Errorf("check of clean text: outside-link %+v", fi)
		}
		for _, tc := range []struct {
			name   string
			body   any
			status int
			says   string
		}{
			{"no article", map[string]any{"body": polite(4)}, 400, "article_id"},
			{"unknown article", map[string]any{"article_id": 999999, "body": polite(4)}, 404, "no such published article"},
			{"draft", map[string]any{"article_id": f.draft.ID, "body": polite(4)}, 404, "no such published article"},
			{"empty body", map[string]any{"article_id": a.ID, "body": "  "}, 400, "empty"},
			{"not JSON", `article_id=1`, 400, "not valid JSON"},
		} {
			check(tc.body).expect(t, "check "+tc.name, tc.status, tc.says)
		}
		if after := commentTotal(t, f); after != before {
			t.Fatalf("the check stored comments: %d before, %d after", before, after)
		}
		if ids := listedIDs(t, f, a.ID); len(ids) != 0 {
			t.Fatalf("pending comments in the public list: %v", ids)
		}
	})
}

func TestCommentModeratorDecisions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		keepBody, dropBody := polite(1), polite(2)
		keep := postFresh(t, f, a.ID, commentIn{Name: "Dilani", Email: "dilani@reader.test", Body: keepBody})
		drop := postFresh(t, f, a.ID, commentIn{Name: "Ruwan", Body: dropBody})

		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		q := getPage(t, f, mc, "/newsroom/comments")
		q.expect(t, http.StatusOK, "Pending (2)", keepBody, dropBody, a.Headline)

		decideInQueue(t, f, mc, keep.ID, "approve", nil)
		r := postForm(t, f, mc, fmt.Sprintf("/newsroom/comments/%d/reject", drop.ID), url.Values{"tab": {"pending"}, "reason": {"other"}, "reason_text": {" "}})
		r.expect(t, http.StatusBadRequest, "Give a reason for rejecting the comment.")
		expectStatus(t, f, drop.ID, store.CommentPending)
		// A reason typed out is kept whatever the menu shows.
		decideInQueue(t, f, mc, drop.ID, "reject", url.Values{"reason": {"off-topic"}, "reason_text": {"Mocks another reader by name"}})
		if c := expectStatus(t, f, drop.ID, store.CommentRejected); c.Reason != "Mocks another reader by name" {
			t.Errorf("rejection reason %q, want the typed one", c.Reason)
		}
		r = postForm(t, f, mc, "/newsroom/comments/999999/approve", url.Values{"tab": {"pending"}})
		r.expect(t, http.StatusNotFound)

		page := articlePage(t, f, a)
		shows(t, "article after the decisions", page, "Comments (1)", "Dilani", keepBody)
		hides(t, "article after the decisions", page, dropBody, "Ruwan", "dilani@reader.test")
		if ids := listedIDs(t, f, a.ID); !slices.Equal(ids, []int64{keep.ID}) {
			t.Fatalf("API list %v, want [%d]", ids, keep.ID)
		}
		getPage(t, f, mc, "/newsroom/comments?tab=approved").expect(t, http.StatusOK, "Approved (1)", keepBody)
		getPage(t, f, mc, "/newsroom/comments?tab=rejected").expect(t, http.StatusOK, "Rejected (1)", dropBody, "rejected as: Mocks another reader by name")
		getPage(t, f, mc, "/newsroom/comments").expect(t, http.StatusOK, "Pending (0)", "Nothing is waiting.", "Nothing here.")

		// Only moderators and admins decide.
		rc := loginAs(t, f, newMember(t, f, auth.Reporter, "Rani Reporter"))
		getPage(t, f, rc, "/newsroom/comments").expect(t, http.StatusForbidden)
		postForm(t, f, rc, fmt.Sprintf("/newsroom/comments/%d/approve", drop.ID), url.Values{"tab": {"rejected"}}).expect(t, http.StatusForbidden)
		expectStatus(t, f, drop.ID, store.CommentRejected)

		// Both decisions are in the audit log, with who made them.
		if log := commentAudit(t, f, "comment", keep.ID); !hasEntry(log, "Mala Moderator", "approve", store.CommentPending, store.CommentApproved) {
			t.Errorf("no audit entry for the approval: %+v", log)
		}
		if log := commentAudit(t, f, "comment", drop.ID); !hasEntry(log, "Mala Moderator", "reject", store.CommentPending, store.CommentRejected) {
			t.Errorf("no audit entry for the rejection: %+v", log)
		}
		ac := loginAs(t, f, newMember(t, f, auth.Admin, "Asha Admin"))
		wants := []auditLine{
			{who: "Mala Moderator", action: "approve", object: fmt.Sprintf("comment %d", keep.ID), statuses: "pending → approved"},
			{who: "Mala Moderator", action: "reject", object: fmt.Sprintf("comment %d", drop.ID), statuses: "pending → rejected", detail: "Mocks another reader by name"},
		}
		expectAuditLines(t, "audit page", auditLines(t, f, ac, ""), wants)
		// An admin looking into comment decisions filters the log to them.
		if r := getPage(t, f, ac, "/newsroom/audit?type=comment"); r.status != http.StatusOK {
			t.Errorf("the audit log cannot be filtered to comments: %s answers %d %q", r, r.status, mainText(r.body))
		} else {
			expectAuditLines(t, "audit page of comments", auditLines(t, f, ac, "type=comment"), wants)
		}
	})
}

// expectAuditLines fails the test unless each wanted entry is on the page
// (the detail matched as a part).
func expectAuditLines(t *testing.T, what string, lines, wants []auditLine) {
	t.Helper()
	for _, want := range wants {
		if !slices.ContainsFunc(lines, func(l auditLine) bool {
			return l.who == want.who && l.action == want.action && l.object == want.object && l.statuses == want.statuses &&
				strings.Contains(l.detail, want.detail)
		}) {
			t.Errorf("%s lacks %+v: %+v", what, want, lines)
		}
	}
}

func TestCommentFlagsHideAfterDistinctReaders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		tok := newTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		body := polite(5)
		c := postFresh(t, f, a.ID, commentIn{Name: "Chamara", Body: body})
		approveByAPI(t, f, tok.token, c.ID)
		waiting := postFresh(t, f, a.ID, commentIn{Name: "Sanduni", Body: polite(6)})

		readers := []*visitor{newVisitor(t, f, false), newVisitor(t, f, false), newVisitor(t, f, false)}
		flagged := func(r apiReply, what string, hidden bool) {
			t.Helper()
			r.expect(t, what, http.StatusCreated, "")
			var got flagAnswer
			r.decode(t, &got)
			if got.CommentID != c.ID || got.Hidden != hidden {
				t.Fatalf("%s: %s, want hidden=%v", what, r.body, hidden)
			}
		}
		flagged(readers[0].flag(t, c.ID, "spam", ""), "first flag", false)
		readers[0].flag(t, c.ID, "all-caps", "").expect(t, "the same reader again", http.StatusConflict, "already flagged")
		flagged(readers[1].flag(t, c.ID, "outside-link", ""), "second flag", false)
		shows(t, "article after two flags", articlePage(t, f, a), body)
		note := "It repeats the same post on every story"
		flagged(readers[2].flag(t, c.ID, "other", note), "third flag", true)

		hidden := expectStatus(t, f, c.ID, store.CommentReported)
		if hidden.Flags != 3 {
			t.Errorf("flag count %d, want 3", hidden.Flags)
		}
		hides(t, "article after three flags", articlePage(t, f, a), body)
		if ids := listedIDs(t, f, a.ID); len(ids) != 0 {
			t.Fatalf("hidden comment still in the API list: %v", ids)
		}
		if log := commentAudit(t, f, "comment", c.ID); !hasEntry(log, "readers", "hide", store.CommentApproved, store.CommentReported) {
			t.Errorf("hiding is not audited: %+v", log)
		}
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		getPage(t, f, mc, "/newsroom/comments?tab=reported").expect(t, http.StatusOK,
			"Reported (1)", body, "3 flag(s) from 3 address(es):", "spam", "outside-link", "other (“"+note+"”)")

		late := newVisitor(t, f, false)
		late.flag(t, c.ID, "spam", "").expect(t, "flag a hidden comment", http.StatusNotFound, "")
		late.flag(t, waiting.ID, "spam", "").expect(t, "flag a pending comment", http.StatusNotFound, "")
		late.flag(t, 999999, "spam", "").expect(t, "flag an unknown comment", http.StatusNotFound, "")
		bad := newVisitor(t, f, false)
		bad.flag(t, c.ID, "rude", "").expect(t, "unknown reason", http.StatusBadRequest, "Choose why")
		bad.flag(t, c.ID, "other", "").expect(t, "other without a note", http.StatusBadRequest, `"other"`)
		bad.flag(t, c.ID, "other", "   ").expect(t, "other with a blank note", http.StatusBadRequest, `"other"`)
		bad.flag(t, c.ID, "spam", strings.Repeat("n", 301)).expect(t, "note too long", http.StatusBadRequest, "300 characters")
		newVisitor(t, f, false).json(t, http.MethodPost, "/api/v1/comments/abc/flags", map[string]string{"reason": "spam"}).
			expect(t, "comment id not a number", http.StatusBadRequest, "positive whole number")
		if flags, err := f.store.Flags(context.Background(), c.ID); err != nil || len(flags) != 3 {
			t.Fatalf("flags after the refusals: %+v %v", flags, err)
		}
	})
}

// TestCommentFormFlagCountsEachReaderOnce flags through the article page's
// form. A browser is one reader by its cookie; a client that keeps no
// cookie must still count once (by address and browser, as the API counts
// it), or one person could hide any comment alone.
func TestCommentFormFlagCountsEachReaderOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		tok := newTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		c := postFresh(t, f, a.ID, commentIn{Name: "Chamara", Body: polite(7)})
		approveByAPI(t, f, tok.token, c.ID)
		path := fmt.Sprintf("/comments/%d/flag", c.ID)

		browser := newVisitor(t, f, true)
		r := browser.form(t, path, url.Values{"reason": {"spam"}, "note": {""}})
		r.expectRedirect(t, "flag through the form", a.Path()+"?flagged=1#comments")
		browser.page(t, a.Path()+"?flagged=1").expect(t, http.StatusOK, "Thank you. The editors will look at the comment you flagged.")
		browser.form(t, path, url.Values{"reason": {"spam"}}).expect(t, http.StatusConflict, "You have already flagged this comment.")
		browser.form(t, path, url.Values{"reason": {"other"}, "note": {""}}).expect(t, http.StatusBadRequest)

		script := newVisitor(t, f, false)
		script.form(t, path, url.Values{"reason": {"spam"}}).expectRedirect(t, "first cookie-less flag", a.Path()+"?flagged=1#comments")
		r = script.form(t, path, url.Values{"reason": {"spam"}})
		if r.status != http.StatusConflict {
			t.Errorf("a second flag from the same address and browser without cookies: %d, want 409", r.status)
		}
		if got := storedComment(t, f, c.ID); got.Status != store.CommentApproved || got.Flags != 2 {
			t.Errorf("after flags from two readers the comment is %s with %d flags, want approved with 2", got.Status, got.Flags)
		}
	})
}

// TestCommentFlagPageWithoutScript: the article page carries one flag form
// for all its comments, and each comment's flag link opens a page of its
// own with the form, which works without JavaScript and never shows a
// comment readers cannot see.
func TestCommentFlagPageWithoutScript(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		tok := newTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		shown := postFresh(t, f, a.ID, commentIn{Name: "Chamara", Body: polite(3)})
		approveByAPI(t, f, tok.token, shown.ID)
		other := postFresh(t, f, a.ID, commentIn{Name: "Nirmala", Body: polite(4)})
		approveByAPI(t, f, tok.token, other.ID)
		held := postFresh(t, f, a.ID, commentIn{Name: "Kasun", Body: polite(5)})
		rejected := postFresh(t, f, a.ID, commentIn{Name: "Ruwan", Body: polite(6)})
		rejectByAPI(t, f, tok.token, rejected.ID, "off topic")

		reader := newVisitor(t, f, true)
		page := reader.page(t, a.Path())
		page.expect(t, http.StatusOK)
		for _, id := range []int64{shown.ID, other.ID} {
			if link := fmt.Sprintf(`<a class="flag" href="/comments/%d/flag"`, id); !strings.Contains(page.body, link) {
				t.Errorf("article page lacks the flag link %s", link)
			}
		}
		if n := strings.Count(page.body, `<form id="flag-form"`); n != 1 {
			t.Errorf("article page with two comments has %d flag forms, want 1", n)
		}

		path := fmt.Sprintf("/comments/%d/flag", shown.ID)
		r := reader.page(t, path)
		r.expect(t, http.StatusOK, "Flag this comment", "Chamara", polite(3), "Spam or advertising", "Back to the story")
		contains(t, "flag page", r.body, `action="`+path+`"`, `name="reason" value="spam"`,
			`<meta name="robots" content="noindex">`, `href="`+a.Path()+fmt.Sprintf(`#comment-%d"`, shown.ID))
		if got := r.header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("flag page Cache-Control %q, want no-store", got)
		}
		reader.form(t, path, url.Values{"reason": {"spam"}}).expectRedirect(t, "flag from the flag page", a.Path()+"?flagged=1#comments")
		if got := storedComment(t, f, shown.ID); got.Flags != 1 {
			t.Errorf("after a flag from its page the comment has %d flags, want 1", got.Flags)
		}

		for _, id := range []int64{held.ID, rejected.ID, 999999} {
			r := reader.page(t, fmt.Sprintf("/comments/%d/flag", id))
			r.expect(t, http.StatusNotFound)
			if strings.Contains(r.body, "Kasun") || strings.Contains(r.body, "Ruwan") {
				t.Errorf("flag page of comment %d shows a comment readers cannot see", id)
			}
		}
		reader.page(t, "/comments/abc/flag").expect(t, http.StatusNotFound)

		// A reply's flag page lives only while its parent is shown.
		reply := postFresh(t, f, a.ID, commentIn{Name: "Sanduni", Body: polite(8), ParentID: other.ID})
		approveByAPI(t, f, tok.token, reply.ID)
		replyPath := fmt.Sprintf("/comments/%d/flag", reply.ID)
		reader.page(t, replyPath).expect(t, http.StatusOK, "Sanduni")
		rejectByAPI(t, f, tok.token, other.ID, "off topic")
		if r := reader.page(t, replyPath); r.status != http.StatusNotFound || strings.Contains(r.body, "Sanduni") {
			t.Errorf("flag page of a reply whose parent was rejected: %d", r.status)
		}
	})
}

// TestCommentRestoredCommentNeedsFreshFlags: once a moderator has read the
// flags and put a comment back, the flags they dismissed must not count
// again, or one more flag hides it at once.
func TestCommentRestoredCommentNeedsFreshFlags(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		tok := newTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		c := postFresh(t, f, a.ID, commentIn{Name: "Chamara", Body: polite(8)})
		approveByAPI(t, f, tok.token, c.ID)
		for i := 0; i < 3; i++ {
			newVisitor(t, f, false).flag(t, c.ID, "spam", "").expect(t, fmt.Sprintf("flag %d", i+1), http.StatusCreated, "")
		}
		expectStatus(t, f, c.ID, store.CommentReported)
		approveByAPI(t, f, tok.token, c.ID) // the moderator read the flags and disagreed
		shows(t, "restored comment", articlePage(t, f, a), polite(8))

		r := newVisitor(t, f, false).flag(t, c.ID, "spam", "")
		r.expect(t, "a new flag after the restore", http.StatusCreated, "")
		var got flagAnswer
		r.decode(t, &got)
		if got.Hidden || storedComment(t, f, c.ID).Status != store.CommentApproved {
			t.Errorf("one new flag hid a comment a moderator had restored (answer %s)", r.body)
		}
	})
}

// TestCommentHiddenParentCountsMatch: when flags hide a comment, the page
// and the API must still agree on what readers see, and the count in the
// heading must be the number of comments shown.
func TestCommentHiddenParentCountsMatch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		tok := newTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		parent := postFresh(t, f, a.ID, commentIn{Name: "Chamara", Body: polite(9)})
		approveByAPI(t, f, tok.token, parent.ID)
		reply := postFresh(t, f, a.ID, commentIn{Name: "Sanduni", Body: polite(10), ParentID: parent.ID})
		approveByAPI(t, f, tok.token, reply.ID)
		for i := 0; i < 3; i++ {
			newVisitor(t, f, false).flag(t, parent.ID, "spam", "").expect(t, "flag", http.StatusCreated, "")
		}
		page := articlePage(t, f, a)
		shown := shownComments(page)
		listed := listedIDs(t, f, a.ID)
		if !slices.Equal(shown, listed) {
			t.Errorf("the page shows comments %v but the API lists %v", shown, listed)
		}
		if heading := regexp.MustCompile(`Comments \((\d+)\)`).FindStringSubmatch(page); heading != nil && heading[1] != fmt.Sprint(len(shown)) {
			t.Errorf("the heading says %s comments but the page shows %d", heading[1], len(shown))
		}
	})
}

func TestCommentModes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		ac := loginAs(t, f, newMember(t, f, auth.Admin, "Asha Admin"))
		ec := loginAs(t, f, newMember(t, f, auth.Editor, "Eran Editor"))
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		policy := func(mode, threshold string) url.Values {
			return url.Values{"mode": {mode}, "flag_threshold": {threshold}, "words_en": {""}, "words_si": {""}, "words_ta": {""}}
		}

		postForm(t, f, ec, "/newsroom/settings/comments", policy("post", "3")).expect(t, http.StatusForbidden)
		postForm(t, f, ac, "/newsroom/settings/comments", policy("post", "0")).expect(t, http.StatusBadRequest, "between 1 and 100")
		postForm(t, f, ac, "/newsroom/settings/comments", policy("sometimes", "3")).expect(t, http.StatusBadRequest, "pre, post or closed")
		// The page says what each check and action does.
		getPage(t, f, ac, "/newsroom/settings/comments").expect(t, http.StatusOK,
			"Accusations of a crime or wrongdoing against a named or identifiable person", "hold: keep it for a moderator")
		// Letting legal-risk comments through asks first, and the form comes back as filled in.
		risky := policy("post", "3")
		risky.Set("action_defamation-risk", "allow")
		ask := postForm(t, f, ac, "/newsroom/settings/comments", risky)
		ask.expect(t, http.StatusConflict, "Allowing legal-risk comments publishes accusations", "I understand")
		contains(t, "the policy form asking to confirm", ask.body, `value="post" checked`, `value="allow" selected`)
		if p, _ := comments.LoadPolicy(context.Background(), f.store); p.Actions[moderation.DefamationRisk] == moderation.Allow {
			t.Fatal("an unconfirmed change let legal-risk comments through")
		}
		risky.Set("confirm_defamation", "yes")
		postForm(t, f, ac, "/newsroom/settings/comments", risky).expectRedirect(t, "confirmed", "/newsroom/settings/comments?done=policy")
		postForm(t, f, ac, "/newsroom/settings/comments", policy("post", "3")).expectRedirect(t, "post mode", "/newsroom/settings/comments?done=policy")
		settings := getPage(t, f, ac, "/newsroom/settings/comments?done=policy")
		settings.expect(t, http.StatusOK, "Comment policy saved.")
		contains(t, "policy page", settings.body, `value="post" checked`)
		if log := commentAudit(t, f, "setting", 0); !hasEntry(log, "Asha Admin", "set-policy", "", "comment-policy") {
			t.Errorf("the policy change is not audited: %+v", log)
		}

		// Post-moderation: clean comments appear at once, held ones wait.
		clean := postFresh(t, f, a.ID, commentIn{Name: "Kasun", Body: polite(11)})
		if clean.Status != store.CommentApproved {
			t.Fatalf("clean comment under post-moderation: %+v", clean)
		}
		held := postFresh(t, f, a.ID, commentIn{Name: "Ayesha", Body: linkBody})
		if held.Status != store.CommentPending {
			t.Fatalf("comment with a link under post-moderation: %+v", held)
		}
		expectLinkFinding(t, "held comment", linkBody, held.Findings)
		page := articlePage(t, f, a)
		shows(t, "post-moderated article", page, polite(11), "Comments appear at once unless our checks hold them for an editor.")
		hides(t, "post-moderated article", page, linkBody)
		if ids := listedIDs(t, f, a.ID); !slices.Equal(ids, []int64{clean.ID}) {
			t.Fatalf("API list %v, want [%d]", ids, clean.ID)
		}
		r := newVisitor(t, f, false).json(t, http.MethodPost, "/api/v1/comments/check", map[string]any{"article_id": a.ID, "body": polite(12)})
		r.expect(t, "check under post-moderation", http.StatusOK, "")
		if out := outcomeOf(t, r); out.Status != store.CommentPending {
			t.Errorf("the live check promised %q, want pending", out.Status)
		}

		// An editor closes one article.
		modePath := fmt.Sprintf("/newsroom/articles/%d/comment-mode", a.ID)
		postForm(t, f, mc, modePath, url.Values{"comment_mode": {"closed"}}).expect(t, http.StatusForbidden)
		postForm(t, f, ec, modePath, url.Values{"comment_mode": {"open"}}).expect(t, http.StatusBadRequest, "Choose the site default")
		postForm(t, f, ec, "/newsroom/articles/999999/comment-mode", url.Values{"comment_mode": {"closed"}}).expect(t, http.StatusNotFound)
		postForm(t, f, ec, modePath, url.Values{"comment_mode": {"closed"}}).expectRedirect(t, "close comments", fmt.Sprintf("/newsroom/articles/%d?done=saved", a.ID))
		contains(t, "editor", getPage(t, f, ec, fmt.Sprintf("/newsroom/articles/%d", a.ID)).body, `<option value="closed" selected>`)
		if log := commentAudit(t, f, "article", a.ID); !hasEntry(log, "Eran Editor", "comment-mode", "", "comments closed") {
			t.Errorf("closing comments is not audited: %+v", log)
		}
		before := commentTotal(t, f)
		newVisitor(t, f, false).comment(t, a.ID, commentIn{Name: "Kasun", Body: polite(13)}).expect(t, "post to a closed article", http.StatusForbidden, "closed")
		newVisitor(t, f, false).json(t, http.MethodPost, "/api/v1/comments/check", map[string]any{"article_id": a.ID, "body": polite(13)}).
			expect(t, "check on a closed article", http.StatusForbidden, "closed")
		newVisitor(t, f, true).form(t, fmt.Sprintf("/news/%d/comments", a.ID), commentForm("Kasun", "", polite(13), "")).
			expect(t, http.StatusForbidden, "Comments are closed on this article.")
		if after := commentTotal(t, f); after != before {
			t.Fatalf("posts to a closed article were stored: %d before, %d after", before, after)
		}
		page = articlePage(t, f, a)
		shows(t, "closed article", page, "Comments are closed on this article.", polite(11))
		lacks(t, "closed article", page, `id="comment-form"`, `class="reply"`)

		// Pre-moderation on one article wins over the site's post-moderation.
		postForm(t, f, ec, fmt.Sprintf("/newsroom/articles/%d/comment-mode", f.lead.ID), url.Values{"comment_mode": {"pre"}}).
			expectRedirect(t, "pre-moderate one article", fmt.Sprintf("/newsroom/articles/%d?done=saved", f.lead.ID))
		if got := postFresh(t, f, f.lead.ID, commentIn{Name: "Kasun", Body: polite(0)}); got.Status != store.CommentPending {
			t.Fatalf("clean comment on a pre-moderated article: %+v", got)
		}
		shows(t, "pre-moderated article", articlePage(t, f, f.lead), "Every comment is read by our editors before it appears.")

		// Back to the site default.
		postForm(t, f, ec, modePath, url.Values{"comment_mode": {""}}).expectRedirect(t, "site default", fmt.Sprintf("/newsroom/articles/%d?done=saved", a.ID))
		if got := postFresh(t, f, a.ID, commentIn{Name: "Kasun", Body: polite(1)}); got.Status != store.CommentApproved {
			t.Fatalf("clean comment back under the site's post-moderation: %+v", got)
		}

		// Closed site-wide: articles without their own mode close, the
		// pre-moderated one stays open.
		postForm(t, f, ac, "/newsroom/settings/comments", policy("closed", "3")).expectRedirect(t, "close everywhere", "/newsroom/settings/comments?done=policy")
		newVisitor(t, f, false).comment(t, a.ID, commentIn{Name: "Kasun", Body: polite(2)}).expect(t, "site closed", http.StatusForbidden, "closed")
		if got := postFresh(t, f, f.lead.ID, commentIn{Name: "Kasun", Body: polite(3)}); got.Status != store.CommentPending {
			t.Fatalf("comment on an article that overrides the closed site: %+v", got)
		}
	})
}

func TestCommentBanStopsTheAuthor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		troll := newVisitor(t, f, false)
		c := troll.postOK(t, a.ID, commentIn{Name: "Sunil", Email: "sunil@reader.test", Body: polite(4)})
		banPath := fmt.Sprintf("/newsroom/comments/%d/ban", c.ID)

		rc := loginAs(t, f, newMember(t, f, auth.Reporter, "Rani Reporter"))
		postForm(t, f, rc, banPath, url.Values{"tab": {"pending"}, "ban_for": {"24h"}}).expect(t, http.StatusForbidden)
		postForm(t, f, mc, banPath, url.Values{"tab": {"pending"}, "ban_for": {"forever"}}).expect(t, http.StatusBadRequest, "how long the ban lasts")
		postForm(t, f, mc, banPath, url.Values{"tab": {"pending"}, "ban_for": {"-24h"}}).expect(t, http.StatusBadRequest, "how long the ban lasts")
		if log := commentAudit(t, f, "ban", 0); len(log) != 0 {
			t.Fatalf("refused bans were stored: %+v", log)
		}
		// The script kept no cookie: the moderator says they mean to ban its
		// address and browser too (TestCommentBanWarnsWhenOthersShareTheBrowser).
		decideInQueue(t, f, mc, c.ID, "ban", url.Values{"ban_for": {"24h"}, "reason": {"banned by a moderator"}, "shared": {"1"}})
		// The waiting comment goes with its author.
		if got := expectStatus(t, f, c.ID, store.CommentRejected); got.Reason != "banned by a moderator" {
			t.Errorf("banned author's comment rejected as %q", got.Reason)
		}
		log := commentAudit(t, f, "ban", 0)
		if !slices.ContainsFunc(log, func(e store.AuditEntry) bool {
			return e.Actor == "Mala Moderator" && e.Action == "ban" &&
				strings.Contains(e.Detail, fmt.Sprintf("author of comment %d (by address and browser, which other readers may share), for 1 day", c.ID))
		}) {
			t.Errorf("the ban is not audited: %+v", log)
		}

		before := commentTotal(t, f)
		troll.comment(t, a.ID, commentIn{Name: "Sunil", Email: "sunil@reader.test", Body: polite(5)}).
			expect(t, "banned author again", http.StatusForbidden, "no longer comment")
		troll.comment(t, a.ID, commentIn{Name: "Sunil P", Email: "sunil.p@reader.test", Body: polite(6)}).
			expect(t, "banned visitor with another email", http.StatusForbidden, "no longer comment")
		newVisitor(t, f, false).comment(t, a.ID, commentIn{Name: "Sunil", Email: "SUNIL@Reader.TEST", Body: polite(7)}).
			expect(t, "banned email in capitals from elsewhere", http.StatusForbidden, "no longer comment")
		newVisitor(t, f, true).form(t, fmt.Sprintf("/news/%d/comments", a.ID), commentForm("Sunil", "sunil@reader.test", polite(8), "")).
			expect(t, http.StatusForbidden, "You can no longer comment on this site.")
		if after := commentTotal(t, f); after != before {
			t.Fatalf("a banned author's comments were stored: %d before, %d after", before, after)
		}
		postFresh(t, f, a.ID, commentIn{Name: "Kumari", Email: "kumari@reader.test", Body: polite(9)})

		// A ban for good, and one that has run out.
		forGood := postFresh(t, f, a.ID, commentIn{Name: "Nuwan", Email: "nuwan@reader.test", Body: polite(10)})
		decideInQueue(t, f, mc, forGood.ID, "ban", url.Values{"ban_for": {"0"}})
		if log := commentAudit(t, f, "ban", 0); !slices.ContainsFunc(log, func(e store.AuditEntry) bool {
			return strings.Contains(e.Detail, fmt.Sprintf("author of comment %d (by email only: the browser was known only by address), for good", forGood.ID))
		}) {
			t.Errorf("the ban for good does not say so in the audit log: %+v", log)
		}
		newVisitor(t, f, false).comment(t, a.ID, commentIn{Name: "Nuwan", Email: "nuwan@reader.test", Body: polite(11)}).
			expect(t, "banned for good", http.StatusForbidden, "no longer comment")
		if err := f.store.Ban(context.Background(), "lapsed@reader.test", "", "", "last year", time.Now().Add(-time.Hour),
			store.Change{Actor: "test", Action: "ban"}); err != nil {
			t.Fatal(err)
		}
		postFresh(t, f, a.ID, commentIn{Name: "Lapsed", Email: "lapsed@reader.test", Body: polite(12)})
	})
}

// TestCommentBanHoldsForCookielessForm: a banned script that sends no
// cookies is the same visitor (address and browser) on the form as on the
// API, so leaving out the email does not get it past the ban.
func TestCommentBanHoldsForCookielessForm(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		script := newVisitor(t, f, false)
		c := script.postOK(t, a.ID, commentIn{Name: "Sunil", Body: polite(4)})
		decideInQueue(t, f, mc, c.ID, "ban", url.Values{"ban_for": {"24h"}, "shared": {"1"}})
		script.comment(t, a.ID, commentIn{Name: "Sunil", Body: polite(5)}).expect(t, "banned script on the API", http.StatusForbidden, "no longer comment")
		before := commentTotal(t, f)
		r := script.form(t, fmt.Sprintf("/news/%d/comments", a.ID), commentForm("Sunil", "", polite(6), ""))
		if r.status != http.StatusForbidden {
			t.Errorf("banned script on the form without cookies: %d to %q, want 403", r.status, r.header.Get("Location"))
		}
		if after := commentTotal(t, f); after != before {
			t.Errorf("a banned visitor's comment was stored: %d before, %d after", before, after)
		}
	})
}

func TestCommentRateLimitPerAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		// One address; a different browser each time, so the only thing the
		// posts share is the address the limiter counts.
		v := newVisitor(t, f, false)
		var accepted []int64
		limited := 0
		for i := 0; i < 12; i++ {
			v.ua = fmt.Sprintf("Mozilla/5.0 DatelineRateTest/%d", i)
			body := fmt.Sprintf("Comment %d of a hurried reader: %s", i, polite(i))
			r := v.comment(t, a.ID, commentIn{Name: "Rapid", Body: body})
			switch r.status {
			case http.StatusAccepted:
				out := outcomeOf(t, r)
				if c := storedComment(t, f, out.ID); c.Body != body || c.Status != out.Status {
					t.Fatalf("post %d answered %+v, stored %+v", i, out, c)
				}
				accepted = append(accepted, out.ID)
			case http.StatusTooManyRequests:
				r.expect(t, fmt.Sprintf("post %d", i), http.StatusTooManyRequests, "too many requests")
				limited++
			default:
				t.Fatalf("post %d: %d %s", i, r.status, r.body)
			}
		}
		if limited == 0 || len(accepted) == 0 || len(accepted) > 6 {
			t.Fatalf("12 quick posts from one address: %d accepted, %d refused; want a burst accepted and the rest refused", len(accepted), limited)
		}
		if n := commentTotal(t, f); n != len(accepted) {
			t.Fatalf("%d comments stored, %d accepted", n, len(accepted))
		}
		// Flags from the same address share the allowance.
		v.flag(t, accepted[0], "spam", "").expect(t, "flag from a limited address", http.StatusTooManyRequests, "too many requests")
		// Another address is not held back.
		postFresh(t, f, a.ID, commentIn{Name: "Calm", Body: polite(13)})

		// The form has the same limit.
		browser := newVisitor(t, f, true)
		formLimited, formAccepted := 0, 0
		for i := 0; i < 8; i++ {
			// Short enough to be no spam however soon it is sent.
			r := browser.form(t, fmt.Sprintf("/news/%d/comments", a.ID), commentForm("Rapid", "", fmt.Sprintf("Form comment %d.", i), ""))
			switch r.status {
			case http.StatusSeeOther:
				storedComment(t, f, yourCommentID(t, r, a))
				formAccepted++
			case http.StatusTooManyRequests:
				r.expect(t, http.StatusTooManyRequests, "You are sending comments too fast.")
				formLimited++
			default:
				t.Fatalf("form post %d: %d %s", i, r.status, mainText(r.body))
			}
		}
		if formLimited == 0 || formAccepted == 0 {
			t.Fatalf("8 quick form posts: %d accepted, %d refused", formAccepted, formLimited)
		}
		if n := commentTotal(t, f); n != len(accepted)+1+formAccepted {
			t.Fatalf("%d comments stored, want %d", n, len(accepted)+1+formAccepted)
		}
	})
}

func TestCommentHostileInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		tok := newTokenUser(t, f, auth.Moderator, "Tharaka Moderator")

		// Markup is stored as typed and always shown as text.
		name, body := "<script>alert(1)</script>", "Lovely photographs <img src=x onerror=alert(1)> of the harbour at dawn."
		hostile := postFresh(t, f, a.ID, commentIn{Name: name, Body: body})
		if c := storedComment(t, f, hostile.ID); c.Name != name || c.Body != body {
			t.Fatalf("stored %q / %q", c.Name, c.Body)
		}
		approveByAPI(t, f, tok.token, hostile.ID)
		page := articlePage(t, f, a)
		contains(t, "article with a hostile comment", page, "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;")
		lacks(t, "article with a hostile comment", page, "<script>alert(1)", "<img src=x")
		if items, _ := publicComments(t, f, a.ID); len(items) != 1 || items[0].Name != name || items[0].Body != body {
			t.Fatalf("API list: %+v", items)
		}
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		q := getPage(t, f, mc, "/newsroom/comments?tab=approved")
		q.expect(t, http.StatusOK, name, body)
		lacks(t, "queue with a hostile comment", q.body, "<script>alert(1)", "<img src=x")

		// Exactly 2,000 characters is allowed, however many bytes they take.
		postFresh(t, f, a.ID, commentIn{Name: "Long", Body: strings.Repeat("é", 2000)})

		before := commentTotal(t, f)
		huge := `{"name": "Big", "body": "` + strings.Repeat("a", 10<<20) + `"}`
		for _, tc := range []struct {
			name   string
			path   string
			body   any
			status int
			says   string
		}{
			{"10 MB body", commentsPath(a.ID), huge, 413, "larger than"},
			{"unknown article", commentsPath(999999), commentIn{Name: "Kasun", Body: polite(0)}, 404, "no such published article"},
			{"draft article", commentsPath(f.draft.ID), commentIn{Name: "Kasun", Body: polite(0)}, 404, "no such published article"},
			{"unpublished article", commentsPath(f.pulled.ID), commentIn{Name: "Kasun", Body: polite(0)}, 404, "no such published article"},
			{"article id not a number", "/api/v1/articles/abc/comments", commentIn{Name: "Kasun", Body: polite(0)}, 400, "positive whole number"},
			{"2,001 characters", commentsPath(a.ID), commentIn{Name: "Long", Body: strings.Repeat("é", 2001)}, 400, "the limit is 2000"},
			{"empty name", commentsPath(a.ID), commentIn{Name: "", Body: polite(0)}, 400, "display name"},
			{"blank name", commentsPath(a.ID), commentIn{Name: " \t ", Body: polite(0)}, 400, "display name"},
			{"name too long", commentsPath(a.ID), commentIn{Name: strings.Repeat("n", 81), Body: polite(0)}, 400, "name is longer"},
			{"empty body", commentsPath(a.ID), commentIn{Name: "Kasun", Body: "\n \r\n"}, 400, "empty"},
			{"bad email", commentsPath(a.ID), commentIn{Name: "Kasun", Email: "kasun at home", Body: polite(0)}, 400, "email"},
			{"honeypot field in JSON", commentsPath(a.ID), map[string]string{"name": "Kasun", "body": polite(0), "website": "x"}, 400, `unknown field "website"`},
			{"not JSON", commentsPath(a.ID), "name=Kasun&body=hello", 400, "not valid JSON"},
		} {
			newVisitor(t, f, false).json(t, http.MethodPost, tc.path, tc.body).expect(t, tc.name, tc.status, tc.says)
		}

		formPath := fmt.Sprintf("/news/%d/comments", a.ID)
		const formType = "application/x-www-form-urlencoded"
		for _, tc := range []struct {
			name   string
			path   string
			body   string
			status int
			says   string
		}{
			{"10 MB form", formPath, "name=Big&body=" + strings.Repeat("a", 10<<20), 413, "far too long"},
			{"raw invalid UTF-8", formPath, "name=Nimal&email=&website=&ts=&body=\xff\xfe", 400, "not valid UTF-8"},
			{"escaped invalid UTF-8", formPath, "name=%FF%FE&body=" + url.QueryEscape(polite(0)), 400, "not valid UTF-8"},
			{"unknown article", "/news/999999/comments", "name=Nimal&body=" + url.QueryEscape(polite(0)), 404, ""},
			{"unpublished article", fmt.Sprintf("/news/%d/comments", f.pulled.ID), "name=Nimal&body=" + url.QueryEscape(polite(0)), 404, ""},
		} {
			v := newVisitor(t, f, true)
			v.again(t, v.send(t, http.MethodPost, tc.path, formType, strings.NewReader(tc.body)), tc.body).expect(t, tc.status, tc.says)
		}
		if after := commentTotal(t, f); after != before {
			t.Fatalf("refused comments were stored: %d before, %d after", before, after)
		}
	})
}

func TestCommentReplies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		tok := newTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		parent := postFresh(t, f, a.ID, commentIn{Name: "Chamara", Body: polite(0)})
		approveByAPI(t, f, tok.token, parent.ID)
		refused := postFresh(t, f, a.ID, commentIn{Name: "Ruwan", Body: polite(1)})
		rejectByAPI(t, f, tok.token, refused.ID, "off-topic")
		waiting := postFresh(t, f, a.ID, commentIn{Name: "Sanduni", Body: polite(2)})
		elsewhere := postFresh(t, f, f.lead.ID, commentIn{Name: "Kasun", Body: polite(3)})
		approveByAPI(t, f, tok.token, elsewhere.ID)

		before := commentTotal(t, f)
		for _, tc := range []struct {
			name   string
			parent int64
		}{
			{"reply to a rejected comment", refused.ID},
			{"reply to a pending comment", waiting.ID},
			{"reply to a comment on another article", elsewhere.ID},
			{"reply to no comment", 999999},
		} {
			newVisitor(t, f, false).comment(t, a.ID, commentIn{Name: "Dilani", Body: polite(4), ParentID: tc.parent}).
				expect(t, tc.name, http.StatusBadRequest, "reply to a published comment")
		}
		if after := commentTotal(t, f); after != before {
			t.Fatalf("refused replies were stored: %d before, %d after", before, after)
		}

		reply := postFresh(t, f, a.ID, commentIn{Name: "Dilani", Body: polite(5), ParentID: parent.ID})
		if reply.Status != store.CommentPending {
			t.Fatalf("reply: %+v", reply)
		}
		hides(t, "article before the reply is approved", articlePage(t, f, a), polite(5))
		approveByAPI(t, f, tok.token, reply.ID)
		page := articlePage(t, f, a)
		shows(t, "article with a reply", page, "Comments (2)", polite(0), polite(5))
		if !nestedUnder(page, parent.ID, reply.ID) {
			t.Errorf("reply %d is not shown under comment %d", reply.ID, parent.ID)
		}
		items, _ := publicComments(t, f, a.ID)
		if len(items) != 2 || items[0].ID != parent.ID || items[0].ParentID != 0 || items[1].ID != reply.ID || items[1].ParentID != parent.ID {
			t.Fatalf("API list: %+v", items)
		}
		// Replies are one level deep.
		newVisitor(t, f, false).comment(t, a.ID, commentIn{Name: "Kasun", Body: polite(6), ParentID: reply.ID}).
			expect(t, "reply to a reply", http.StatusBadRequest, "reply to a published comment")

		// The page's reply link opens the form with the parent filled in.
		contains(t, "article with a reply", page, fmt.Sprintf(`href="?reply=%d#comment-form"`, parent.ID))
		r := newVisitor(t, f, true).page(t, fmt.Sprintf("%s?reply=%d", a.Path(), parent.ID))
		r.expect(t, http.StatusOK, "Replying to Chamara")
		contains(t, "reply form", r.body, fmt.Sprintf(`<input type="hidden" name="parent_id" value="%d">`, parent.ID))
	})
}

func TestCommentAdminAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		mod := newTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		rep := newTokenUser(t, f, auth.Reporter, "Rani Reporter")
		ed := newTokenUser(t, f, auth.Editor, "Eran Editor")
		adm := newTokenUser(t, f, auth.Admin, "Asha Admin")
		p := postFresh(t, f, a.ID, commentIn{Name: "Priya", Email: "priya@reader.test", Body: linkBody})
		other := postFresh(t, f, a.ID, commentIn{Name: "Kasun", Body: polite(0)})

		type adminComment struct {
			ID        int64     `json:"id"`
			ArticleID int64     `json:"article_id"`
			Name      string    `json:"name"`
			Email     string    `json:"email"`
			Body      string    `json:"body"`
			Status    string    `json:"status"`
			Reason    string    `json:"reason"`
			Flags     int       `json:"flags"`
			Findings  []finding `json:"findings"`
		}
		type adminList struct {
			Items []adminComment `json:"items"`
			Page  int            `json:"page"`
			Total int            `json:"total"`
		}
		list := func(token, query string) (apiReply, adminList) {
			t.Helper()
			r := f.callAdminAPI(token, http.MethodGet, "/api/v1/admin/comments"+query, nil)
			var l adminList
			if r.status == http.StatusOK {
				r.decode(t, &l)
			}
			return r, l
		}

		r, l := list(mod.token, "?status=pending")
		r.expect(t, "moderator lists pending", http.StatusOK, "")
		if cc := r.header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("admin comment list Cache-Control %q, want no-store", cc)
		}
		if l.Total != 2 || l.Page != 1 || len(l.Items) != 2 {
			t.Fatalf("pending list: %+v", l)
		}
		got := l.Items[slices.IndexFunc(l.Items, func(c adminComment) bool { return c.ID == p.ID })]
		if got.ArticleID != a.ID || got.Name != "Priya" || got.Email != "priya@reader.test" || got.Body != linkBody || got.Status != string(store.CommentPending) {
			t.Fatalf("pending comment as moderators see it: %+v", got)
		}
		expectLinkFinding(t, "admin list", linkBody, got.Findings)
		if _, l := list(mod.token, ""); l.Total != 2 {
			t.Errorf("the list without a status: %+v, want the pending ones", l)
		}
		r, _ = list(adm.token, "?status=pending")
		r.expect(t, "admin lists pending", http.StatusOK, "")
		for _, u := range []tokenUser{rep, ed} {
			r, _ = list(u.token, "?status=pending")
			r.expect(t, u.Role+" lists pending", http.StatusForbidden, "moderate comments")
		}
		r, _ = list("", "?status=pending")
		r.expect(t, "no token", http.StatusUnauthorized, "")
		r, _ = list(mod.token, "?status=spam")
		r.expect(t, "unknown status", http.StatusBadRequest, "status must be")
		r, _ = list(mod.token, "?page=0")
		r.expect(t, "page 0", http.StatusBadRequest, "page")

		f.callAdminAPI(rep.token, http.MethodPost, adminCommentPath(p.ID, "approve"), nil).expect(t, "reporter approves", http.StatusForbidden, "moderate comments")
		expectStatus(t, f, p.ID, store.CommentPending)
		r = f.callAdminAPI(mod.token, http.MethodPost, adminCommentPath(p.ID, "approve"), nil)
		r.expect(t, "moderator approves", http.StatusOK, "")
		var decided adminComment
		r.decode(t, &decided)
		if decided.ID != p.ID || decided.Status != string(store.CommentApproved) {
			t.Fatalf("approved: %s", r.body)
		}
		if ids := listedIDs(t, f, a.ID); !slices.Equal(ids, []int64{p.ID}) {
			t.Fatalf("public list %v, want [%d]", ids, p.ID)
		}
		if _, l := list(mod.token, "?status=approved"); l.Total != 1 || l.Items[0].ID != p.ID {
			t.Errorf("approved list: %+v", l)
		}

		f.callAdminAPI(mod.token, http.MethodPost, adminCommentPath(other.ID, "reject"), nil).expect(t, "reject without a reason", http.StatusBadRequest, "reason")
		f.callAdminAPI(mod.token, http.MethodPost, adminCommentPath(other.ID, "reject"), map[string]string{"reason": " "}).
			expect(t, "reject with a blank reason", http.StatusBadRequest, "reason")
		expectStatus(t, f, other.ID, store.CommentPending)
		r = f.callAdminAPI(mod.token, http.MethodPost, adminCommentPath(other.ID, "reject"), map[string]string{"reason": "off-topic"})
		r.expect(t, "reject", http.StatusOK, "")
		r.decode(t, &decided)
		if decided.Status != string(store.CommentRejected) || decided.Reason != "off-topic" {
			t.Fatalf("rejected: %s", r.body)
		}
		f.callAdminAPI(mod.token, http.MethodPost, adminCommentPath(999999, "approve"), nil).expect(t, "unknown comment", http.StatusNotFound, "no comment with id 999999")
		f.callAdminAPI(mod.token, http.MethodPost, "/api/v1/admin/comments/abc/approve", nil).expect(t, "id not a number", http.StatusBadRequest, "positive whole number")

		if log := commentAudit(t, f, "comment", p.ID); !hasEntry(log, "Tharaka Moderator", "approve", store.CommentPending, store.CommentApproved) {
			t.Errorf("the API approval is not audited: %+v", log)
		}
		if log := commentAudit(t, f, "comment", other.ID); !hasEntry(log, "Tharaka Moderator", "reject", store.CommentPending, store.CommentRejected) {
			t.Errorf("the API rejection is not audited: %+v", log)
		}
	})
}

func TestCommentQueuePage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		tok := newTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		getPage(t, f, mc, "/newsroom/comments").expect(t, http.StatusOK, "Nothing is waiting.", "Nothing here.", "Pending (0)")

		postFresh(t, f, f.staff.ID, commentIn{Name: "Priya", Email: "priya@reader.test", Body: linkBody})
		reported := postFresh(t, f, f.lead.ID, commentIn{Name: "Kasun", Body: polite(0)})
		approveByAPI(t, f, tok.token, reported.ID)
		note := "Posted the same <b>text</b> under every story"
		for i, reason := range []string{"spam", "all-caps", "other"} {
			n := ""
			if reason == "other" {
				n = note
			}
			newVisitor(t, f, false).flag(t, reported.ID, reason, n).expect(t, fmt.Sprintf("flag %d", i+1), http.StatusCreated, "")
		}

		q := getPage(t, f, mc, "/newsroom/comments")
		q.expect(t, http.StatusOK, "Pending (1)", "Reported (1)", "Oldest waiting:", "under a minute",
			f.staff.Headline, "<priya@reader.test>", "Priya")
		contains(t, "queue", q.body, fmt.Sprintf(`href="%s"`, f.staff.Path()), `<ul class="findings">`, "<strong>outside-link</strong> (hold)")
		lacks(t, "pending tab", q.body, f.lead.Headline)

		r := getPage(t, f, mc, "/newsroom/comments?tab=reported")
		r.expect(t, http.StatusOK, f.lead.Headline, polite(0), "3 flag(s) from 3 address(es):", "spam; all-caps; other (“"+note+"”)")
		lacks(t, "reported tab", r.body, "<b>text</b>")

		getPage(t, f, mc, "/newsroom/comments?tab=spam").expect(t, http.StatusBadRequest, "Unknown tab.")
		getPage(t, f, mc, "/newsroom/comments?page=0").expect(t, http.StatusBadRequest, "page number")

		// Bulk decisions apply to every ticked comment.
		x := postFresh(t, f, f.staff.ID, commentIn{Name: "Dilani", Body: polite(1)})
		y := postFresh(t, f, f.staff.ID, commentIn{Name: "Ruwan", Body: polite(2)})
		z := postFresh(t, f, f.staff.ID, commentIn{Name: "Nuwan", Body: polite(3)})
		postForm(t, f, mc, "/newsroom/comments/bulk", url.Values{"tab": {"pending"}, "decision": {"approve"}}).
			expect(t, http.StatusBadRequest, "Tick between 1 and 200 comments first.")
		r = postForm(t, f, mc, "/newsroom/comments/bulk", url.Values{"tab": {"pending"}, "decision": {"approve"},
			"ids": {fmt.Sprint(x.ID), fmt.Sprint(y.ID)}})
		expectDecided(t, r, "bulk approve", "/newsroom/comments?tab=pending", "decided")
		expectStatus(t, f, x.ID, store.CommentApproved)
		expectStatus(t, f, y.ID, store.CommentApproved)
		// The bulk reason menu starts empty: no reason is chosen for the moderator.
		contains(t, "the bulk form", getPage(t, f, mc, "/newsroom/comments").body, `<option value="">Reason for rejecting…</option>`)
		postForm(t, f, mc, "/newsroom/comments/bulk", url.Values{"tab": {"pending"}, "decision": {"reject"}, "reason": {""},
			"ids": {fmt.Sprint(z.ID)}}).expect(t, http.StatusBadRequest, "Give a reason for rejecting the comment.")
		expectStatus(t, f, z.ID, store.CommentPending)
		r = postForm(t, f, mc, "/newsroom/comments/bulk", url.Values{"tab": {"pending"}, "decision": {"reject"}, "reason": {"spam"},
			"ids": {fmt.Sprint(z.ID)}})
		expectDecided(t, r, "bulk reject", "/newsroom/comments?tab=pending", "decided")
		if c := expectStatus(t, f, z.ID, store.CommentRejected); c.Reason != "spam" {
			t.Errorf("bulk rejection reason %q", c.Reason)
		}
	})
}

// TestCommentQueueHighlightsFindings: the queue marks what the checks found
// inside the comment. (It needs the real moderation package: the
// worktree's stand-in highlights nothing.)
func TestCommentQueueHighlightsFindings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		postFresh(t, f, f.staff.ID, commentIn{Name: "Priya", Body: linkBody})
		q := getPage(t, f, mc, "/newsroom/comments")
		q.expect(t, http.StatusOK, "Café owners by the lagoon")
		if !regexp.MustCompile(`<mark class="rule-outside-link"[^>]*>example\.com</mark>`).MatchString(q.body) {
			t.Errorf("the queue does not mark the link: %s", regexp.MustCompile(`(?s)<p class="queue-body">.*?</p>`).FindString(q.body))
		}
	})
}
