package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/comments"
	"dateline/internal/moderation"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

func TestCommentFormPostAwaitsModeration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		reader, bot := servertest.NewVisitor(t, f, true), servertest.NewVisitor(t, f, true)
		page := reader.Page(t, a.Path())
		page.Expect(t, http.StatusOK, "Every comment is read by our editors before it appears.")
		servertest.Contains(t, "article page", page.Body, fmt.Sprintf(`action="/news/%d/comments"`, a.ID), `name="website"`)
		ts, botTS := servertest.FormTimeOf(t, page), servertest.FormTimeOf(t, bot.Page(t, a.Path()))
		// A person takes a few seconds to write; posting sooner is a spam signal.
		time.Sleep(3100 * time.Millisecond)

		body := servertest.Polite(0)
		r := reader.Form(t, fmt.Sprintf("/news/%d/comments", a.ID), servertest.CommentForm("Nimali", "nimali@reader.test", body, ts))
		id := servertest.YourCommentID(t, r, a)
		c := servertest.ExpectStatus(t, f, id, store.CommentPending)
		if c.ArticleID != a.ID || c.Name != "Nimali" || c.Email != "nimali@reader.test" || c.Body != body || c.ParentID != 0 || c.Visitor == "" {
			t.Fatalf("stored comment: %+v", c)
		}
		if fi, ok := servertest.FindingOf(servertest.StoredFindings(t, c), "outside-link"); ok {
			t.Errorf("clean comment has an outside-link finding: %+v", fi)
		}
		if !slices.ContainsFunc(r.Cookies, func(c *http.Cookie) bool { return c.Name == "dateline_reader" && c.HttpOnly }) {
			t.Errorf("the form post set no HttpOnly reader cookie: %v", r.Cookies)
		}

		mine := reader.Page(t, fmt.Sprintf("%s?comment=%d", a.Path(), id))
		mine.Expect(t, http.StatusOK, "Your comment is awaiting moderation")
		if cc := mine.Header.Get("Cache-Control"); cc != "private, no-store" {
			t.Errorf("the reader's own notice is cacheable: Cache-Control %q", cc)
		}
		servertest.Hides(t, "author's page before approval", mine.Body, body)

		other := servertest.NewVisitor(t, f, false).Page(t, fmt.Sprintf("%s?comment=%d", a.Path(), id))
		other.Expect(t, http.StatusOK, "No comments yet.")
		servertest.Hides(t, "another reader's page", other.Body, "awaiting moderation", body)
		if ids := servertest.ListedIDs(t, f, a.ID); len(ids) != 0 {
			t.Fatalf("the API lists comments before approval: %v", ids)
		}

		// A bot fills the hidden field: the comment is kept as rejected, for
		// the moderators, and the bot is told it was not accepted.
		r = bot.Form(t, fmt.Sprintf("/news/%d/comments", a.ID), url.Values{"name": {"Best Deals"}, "email": {""},
			"body": {servertest.Polite(1)}, "website": {"https://deals.test/"}, "ts": {botTS}})
		r.Expect(t, http.StatusUnprocessableEntity, "Your comment was not accepted.", "The comment looks like spam")
		refused, _, err := f.Store.CommentQueue(context.Background(), store.CommentRejected, 10, 0)
		if err != nil || len(refused) != 1 || refused[0].Body != servertest.Polite(1) {
			t.Fatalf("rejected comments after the bot: %+v %v", refused, err)
		}
		if _, ok := servertest.FindingOf(servertest.StoredFindings(t, refused[0].Comment), "spam"); !ok {
			t.Errorf("honeypot comment without a spam finding: %s", refused[0].Findings)
		}

		mod := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		servertest.DecideInQueue(t, f, mod, id, "approve", nil)
		reader.Page(t, fmt.Sprintf("%s?comment=%d", a.Path(), id)).Expect(t, http.StatusOK, "Your comment is published.", body)
		public := servertest.ArticlePage(t, f, a)
		servertest.Shows(t, "public page after approval", public, "Comments (1)", "Nimali", body)
		servertest.Hides(t, "public page after approval", public, servertest.Polite(1), "nimali@reader.test")
		items, raw := servertest.PublicComments(t, f, a.ID)
		if len(items) != 1 || items[0].ID != id || items[0].Name != "Nimali" || items[0].Body != body {
			t.Fatalf("API list after approval: %+v", items)
		}
		servertest.Lacks(t, "API list", raw, "nimali@reader.test", c.Visitor, `"email"`)
	})
}

func TestCommentModeratorDecisions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		keepBody, dropBody := servertest.Polite(1), servertest.Polite(2)
		keep := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Dilani", Email: "dilani@reader.test", Body: keepBody})
		drop := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Ruwan", Body: dropBody})

		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		q := servertest.GetPage(t, f, mc, "/newsroom/comments")
		q.Expect(t, http.StatusOK, "Pending (2)", keepBody, dropBody, a.Headline)

		servertest.DecideInQueue(t, f, mc, keep.ID, "approve", nil)
		r := servertest.PostForm(t, f, mc, fmt.Sprintf("/newsroom/comments/%d/reject", drop.ID), url.Values{"tab": {"pending"}, "reason": {"other"}, "reason_text": {" "}})
		r.Expect(t, http.StatusBadRequest, "Give a reason for rejecting the comment.")
		servertest.ExpectStatus(t, f, drop.ID, store.CommentPending)
		// A reason typed out is kept whatever the menu shows.
		servertest.DecideInQueue(t, f, mc, drop.ID, "reject", url.Values{"reason": {"off-topic"}, "reason_text": {"Mocks another reader by name"}})
		if c := servertest.ExpectStatus(t, f, drop.ID, store.CommentRejected); c.Reason != "Mocks another reader by name" {
			t.Errorf("rejection reason %q, want the typed one", c.Reason)
		}
		r = servertest.PostForm(t, f, mc, "/newsroom/comments/999999/approve", url.Values{"tab": {"pending"}})
		r.Expect(t, http.StatusNotFound)

		page := servertest.ArticlePage(t, f, a)
		servertest.Shows(t, "article after the decisions", page, "Comments (1)", "Dilani", keepBody)
		servertest.Hides(t, "article after the decisions", page, dropBody, "Ruwan", "dilani@reader.test")
		if ids := servertest.ListedIDs(t, f, a.ID); !slices.Equal(ids, []int64{keep.ID}) {
			t.Fatalf("API list %v, want [%d]", ids, keep.ID)
		}
		servertest.GetPage(t, f, mc, "/newsroom/comments?tab=approved").Expect(t, http.StatusOK, "Approved (1)", keepBody)
		servertest.GetPage(t, f, mc, "/newsroom/comments?tab=rejected").Expect(t, http.StatusOK, "Rejected (1)", dropBody, "rejected as: Mocks another reader by name")
		servertest.GetPage(t, f, mc, "/newsroom/comments").Expect(t, http.StatusOK, "Pending (0)", "Nothing is waiting.", "Nothing here.")

		// Only moderators and admins decide.
		rc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Reporter, "Rani Reporter"))
		servertest.GetPage(t, f, rc, "/newsroom/comments").Expect(t, http.StatusForbidden)
		servertest.PostForm(t, f, rc, fmt.Sprintf("/newsroom/comments/%d/approve", drop.ID), url.Values{"tab": {"rejected"}}).Expect(t, http.StatusForbidden)
		servertest.ExpectStatus(t, f, drop.ID, store.CommentRejected)

		// Both decisions are in the audit log, with who made them.
		if log := servertest.CommentAudit(t, f, "comment", keep.ID); !servertest.HasEntry(log, "Mala Moderator", "approve", store.CommentPending, store.CommentApproved) {
			t.Errorf("no audit entry for the approval: %+v", log)
		}
		if log := servertest.CommentAudit(t, f, "comment", drop.ID); !servertest.HasEntry(log, "Mala Moderator", "reject", store.CommentPending, store.CommentRejected) {
			t.Errorf("no audit entry for the rejection: %+v", log)
		}
		ac := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Admin, "Asha Admin"))
		wants := []servertest.AuditLine{
			{Who: "Mala Moderator", Action: "approve", Object: fmt.Sprintf("comment %d", keep.ID), Statuses: "pending → approved"},
			{Who: "Mala Moderator", Action: "reject", Object: fmt.Sprintf("comment %d", drop.ID), Statuses: "pending → rejected", Detail: "Mocks another reader by name"},
		}
		servertest.ExpectAuditLines(t, "audit page", servertest.AuditLines(t, f, ac, ""), wants)
		// An admin looking into comment decisions filters the log to them.
		if r := servertest.GetPage(t, f, ac, "/newsroom/audit?type=comment"); r.Status != http.StatusOK {
			t.Errorf("the audit log cannot be filtered to comments: %s answers %d %q", r, r.Status, servertest.MainText(r.Body))
		} else {
			servertest.ExpectAuditLines(t, "audit page of comments", servertest.AuditLines(t, f, ac, "type=comment"), wants)
		}
	})
}

func TestCommentFlagsHideAfterDistinctReaders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		tok := servertest.NewTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		body := servertest.Polite(5)
		c := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Chamara", Body: body})
		servertest.ApproveByAPI(t, f, tok.Token, c.ID)
		waiting := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Sanduni", Body: servertest.Polite(6)})

		readers := []*servertest.Visitor{servertest.NewVisitor(t, f, false), servertest.NewVisitor(t, f, false), servertest.NewVisitor(t, f, false)}
		flagged := func(r servertest.APIReply, what string, hidden bool) {
			t.Helper()
			r.Expect(t, what, http.StatusCreated, "")
			var got servertest.FlagAnswer
			r.Decode(t, &got)
			if got.CommentID != c.ID || got.Hidden != hidden {
				t.Fatalf("%s: %s, want hidden=%v", what, r.Body, hidden)
			}
		}
		flagged(readers[0].Flag(t, c.ID, "spam", ""), "first flag", false)
		readers[0].Flag(t, c.ID, "all-caps", "").Expect(t, "the same reader again", http.StatusConflict, "already flagged")
		flagged(readers[1].Flag(t, c.ID, "outside-link", ""), "second flag", false)
		servertest.Shows(t, "article after two flags", servertest.ArticlePage(t, f, a), body)
		note := "It repeats the same post on every story"
		flagged(readers[2].Flag(t, c.ID, "other", note), "third flag", true)

		hidden := servertest.ExpectStatus(t, f, c.ID, store.CommentReported)
		if hidden.Flags != 3 {
			t.Errorf("flag count %d, want 3", hidden.Flags)
		}
		servertest.Hides(t, "article after three flags", servertest.ArticlePage(t, f, a), body)
		if ids := servertest.ListedIDs(t, f, a.ID); len(ids) != 0 {
			t.Fatalf("hidden comment still in the API list: %v", ids)
		}
		if log := servertest.CommentAudit(t, f, "comment", c.ID); !servertest.HasEntry(log, "readers", "hide", store.CommentApproved, store.CommentReported) {
			t.Errorf("hiding is not audited: %+v", log)
		}
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		servertest.GetPage(t, f, mc, "/newsroom/comments?tab=reported").Expect(t, http.StatusOK,
			"Reported (1)", body, "3 flag(s) from 3 address(es):", "spam", "outside-link", "other (“"+note+"”)")

		late := servertest.NewVisitor(t, f, false)
		late.Flag(t, c.ID, "spam", "").Expect(t, "flag a hidden comment", http.StatusNotFound, "")
		late.Flag(t, waiting.ID, "spam", "").Expect(t, "flag a pending comment", http.StatusNotFound, "")
		late.Flag(t, 999999, "spam", "").Expect(t, "flag an unknown comment", http.StatusNotFound, "")
		bad := servertest.NewVisitor(t, f, false)
		bad.Flag(t, c.ID, "rude", "").Expect(t, "unknown reason", http.StatusBadRequest, "Choose why")
		bad.Flag(t, c.ID, "other", "").Expect(t, "other without a note", http.StatusBadRequest, `"other"`)
		bad.Flag(t, c.ID, "other", "   ").Expect(t, "other with a blank note", http.StatusBadRequest, `"other"`)
		bad.Flag(t, c.ID, "spam", strings.Repeat("n", 301)).Expect(t, "note too long", http.StatusBadRequest, "300 characters")
		servertest.NewVisitor(t, f, false).JSON(t, http.MethodPost, "/api/v1/comments/abc/flags", map[string]string{"reason": "spam"}).
			Expect(t, "comment id not a number", http.StatusBadRequest, "positive whole number")
		if flags, err := f.Store.Flags(context.Background(), c.ID); err != nil || len(flags) != 3 {
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
		f := servertest.New(t, e)
		a := f.Staff
		tok := servertest.NewTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		c := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Chamara", Body: servertest.Polite(7)})
		servertest.ApproveByAPI(t, f, tok.Token, c.ID)
		path := fmt.Sprintf("/comments/%d/flag", c.ID)

		browser := servertest.NewVisitor(t, f, true)
		r := browser.Form(t, path, url.Values{"reason": {"spam"}, "note": {""}})
		r.ExpectRedirect(t, "flag through the form", a.Path()+"?flagged=1#comments")
		browser.Page(t, a.Path()+"?flagged=1").Expect(t, http.StatusOK, "Thank you. The editors will look at the comment you flagged.")
		browser.Form(t, path, url.Values{"reason": {"spam"}}).Expect(t, http.StatusConflict, "You have already flagged this comment.")
		browser.Form(t, path, url.Values{"reason": {"other"}, "note": {""}}).Expect(t, http.StatusBadRequest)

		script := servertest.NewVisitor(t, f, false)
		script.Form(t, path, url.Values{"reason": {"spam"}}).ExpectRedirect(t, "first cookie-less flag", a.Path()+"?flagged=1#comments")
		r = script.Form(t, path, url.Values{"reason": {"spam"}})
		if r.Status != http.StatusConflict {
			t.Errorf("a second flag from the same address and browser without cookies: %d, want 409", r.Status)
		}
		if got := servertest.StoredComment(t, f, c.ID); got.Status != store.CommentApproved || got.Flags != 2 {
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
		f := servertest.New(t, e)
		a := f.Staff
		tok := servertest.NewTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		shown := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Chamara", Body: servertest.Polite(3)})
		servertest.ApproveByAPI(t, f, tok.Token, shown.ID)
		other := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Nirmala", Body: servertest.Polite(4)})
		servertest.ApproveByAPI(t, f, tok.Token, other.ID)
		held := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Kasun", Body: servertest.Polite(5)})
		rejected := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Ruwan", Body: servertest.Polite(6)})
		servertest.RejectByAPI(t, f, tok.Token, rejected.ID, "off topic")

		reader := servertest.NewVisitor(t, f, true)
		page := reader.Page(t, a.Path())
		page.Expect(t, http.StatusOK)
		for _, id := range []int64{shown.ID, other.ID} {
			if link := fmt.Sprintf(`<a class="flag" href="/comments/%d/flag"`, id); !strings.Contains(page.Body, link) {
				t.Errorf("article page lacks the flag link %s", link)
			}
		}
		if n := strings.Count(page.Body, `<form id="flag-form"`); n != 1 {
			t.Errorf("article page with two comments has %d flag forms, want 1", n)
		}

		path := fmt.Sprintf("/comments/%d/flag", shown.ID)
		r := reader.Page(t, path)
		r.Expect(t, http.StatusOK, "Flag this comment", "Chamara", servertest.Polite(3), "Spam or advertising", "Back to the story")
		servertest.Contains(t, "flag page", r.Body, `action="`+path+`"`, `name="reason" value="spam"`,
			`<meta name="robots" content="noindex">`, `href="`+a.Path()+fmt.Sprintf(`#comment-%d"`, shown.ID))
		if got := r.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("flag page Cache-Control %q, want no-store", got)
		}
		reader.Form(t, path, url.Values{"reason": {"spam"}}).ExpectRedirect(t, "flag from the flag page", a.Path()+"?flagged=1#comments")
		if got := servertest.StoredComment(t, f, shown.ID); got.Flags != 1 {
			t.Errorf("after a flag from its page the comment has %d flags, want 1", got.Flags)
		}

		for _, id := range []int64{held.ID, rejected.ID, 999999} {
			r := reader.Page(t, fmt.Sprintf("/comments/%d/flag", id))
			r.Expect(t, http.StatusNotFound)
			if strings.Contains(r.Body, "Kasun") || strings.Contains(r.Body, "Ruwan") {
				t.Errorf("flag page of comment %d shows a comment readers cannot see", id)
			}
		}
		reader.Page(t, "/comments/abc/flag").Expect(t, http.StatusNotFound)

		// A reply's flag page lives only while its parent is shown.
		reply := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Sanduni", Body: servertest.Polite(8), ParentID: other.ID})
		servertest.ApproveByAPI(t, f, tok.Token, reply.ID)
		replyPath := fmt.Sprintf("/comments/%d/flag", reply.ID)
		reader.Page(t, replyPath).Expect(t, http.StatusOK, "Sanduni")
		servertest.RejectByAPI(t, f, tok.Token, other.ID, "off topic")
		if r := reader.Page(t, replyPath); r.Status != http.StatusNotFound || strings.Contains(r.Body, "Sanduni") {
			t.Errorf("flag page of a reply whose parent was rejected: %d", r.Status)
		}
	})
}

// TestCommentRestoredCommentNeedsFreshFlags: once a moderator has read the
// flags and put a comment back, the flags they dismissed must not count
// again, or one more flag hides it at once.
func TestCommentRestoredCommentNeedsFreshFlags(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		tok := servertest.NewTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		c := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Chamara", Body: servertest.Polite(8)})
		servertest.ApproveByAPI(t, f, tok.Token, c.ID)
		for i := 0; i < 3; i++ {
			servertest.NewVisitor(t, f, false).Flag(t, c.ID, "spam", "").Expect(t, fmt.Sprintf("flag %d", i+1), http.StatusCreated, "")
		}
		servertest.ExpectStatus(t, f, c.ID, store.CommentReported)
		servertest.ApproveByAPI(t, f, tok.Token, c.ID) // the moderator read the flags and disagreed
		servertest.Shows(t, "restored comment", servertest.ArticlePage(t, f, a), servertest.Polite(8))

		r := servertest.NewVisitor(t, f, false).Flag(t, c.ID, "spam", "")
		r.Expect(t, "a new flag after the restore", http.StatusCreated, "")
		var got servertest.FlagAnswer
		r.Decode(t, &got)
		if got.Hidden || servertest.StoredComment(t, f, c.ID).Status != store.CommentApproved {
			t.Errorf("one new flag hid a comment a moderator had restored (answer %s)", r.Body)
		}
	})
}

// TestCommentHiddenParentCountsMatch: when flags hide a comment, the page
// and the API must still agree on what readers see, and the count in the
// heading must be the number of comments shown.
func TestCommentHiddenParentCountsMatch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		tok := servertest.NewTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		parent := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Chamara", Body: servertest.Polite(9)})
		servertest.ApproveByAPI(t, f, tok.Token, parent.ID)
		reply := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Sanduni", Body: servertest.Polite(10), ParentID: parent.ID})
		servertest.ApproveByAPI(t, f, tok.Token, reply.ID)
		for i := 0; i < 3; i++ {
			servertest.NewVisitor(t, f, false).Flag(t, parent.ID, "spam", "").Expect(t, "flag", http.StatusCreated, "")
		}
		page := servertest.ArticlePage(t, f, a)
		shown := servertest.ShownComments(page)
		listed := servertest.ListedIDs(t, f, a.ID)
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
		f := servertest.New(t, e)
		a := f.Staff
		ac := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Admin, "Asha Admin"))
		ec := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Editor, "Eran Editor"))
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		policy := func(mode, threshold string) url.Values {
			return url.Values{"mode": {mode}, "flag_threshold": {threshold}, "words_en": {""}, "words_si": {""}, "words_ta": {""}}
		}

		servertest.PostForm(t, f, ec, "/newsroom/settings/comments", policy("post", "3")).Expect(t, http.StatusForbidden)
		servertest.PostForm(t, f, ac, "/newsroom/settings/comments", policy("post", "0")).Expect(t, http.StatusBadRequest, "between 1 and 100")
		servertest.PostForm(t, f, ac, "/newsroom/settings/comments", policy("sometimes", "3")).Expect(t, http.StatusBadRequest, "pre, post or closed")
		// The page says what each check and action does.
		servertest.GetPage(t, f, ac, "/newsroom/settings/comments").Expect(t, http.StatusOK,
			"Accusations of a crime or wrongdoing against a named or identifiable person", "hold: keep it for a moderator")
		// Letting legal-risk comments through asks first, and the form comes back as filled in.
		risky := policy("post", "3")
		risky.Set("action_defamation-risk", "allow")
		ask := servertest.PostForm(t, f, ac, "/newsroom/settings/comments", risky)
		ask.Expect(t, http.StatusConflict, "Allowing legal-risk comments publishes accusations", "I understand")
		servertest.Contains(t, "the policy form asking to confirm", ask.Body, `value="post" checked`, `value="allow" selected`)
		if p, _ := comments.LoadPolicy(context.Background(), f.Store); p.Actions[moderation.DefamationRisk] == moderation.Allow {
			t.Fatal("an unconfirmed change let legal-risk comments through")
		}
		risky.Set("confirm_defamation", "yes")
		servertest.PostForm(t, f, ac, "/newsroom/settings/comments", risky).ExpectRedirect(t, "confirmed", "/newsroom/settings/comments?done=policy")
		servertest.PostForm(t, f, ac, "/newsroom/settings/comments", policy("post", "3")).ExpectRedirect(t, "post mode", "/newsroom/settings/comments?done=policy")
		settings := servertest.GetPage(t, f, ac, "/newsroom/settings/comments?done=policy")
		settings.Expect(t, http.StatusOK, "Comment policy saved.")
		servertest.Contains(t, "policy page", settings.Body, `value="post" checked`)
		if log := servertest.CommentAudit(t, f, "setting", 0); !servertest.HasEntry(log, "Asha Admin", "set-policy", "", "comment-policy") {
			t.Errorf("the policy change is not audited: %+v", log)
		}

		// Post-moderation: clean comments appear at once, held ones wait.
		clean := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Kasun", Body: servertest.Polite(11)})
		if clean.Status != store.CommentApproved {
			t.Fatalf("clean comment under post-moderation: %+v", clean)
		}
		held := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Ayesha", Body: servertest.LinkBody})
		if held.Status != store.CommentPending {
			t.Fatalf("comment with a link under post-moderation: %+v", held)
		}
		servertest.ExpectLinkFinding(t, "held comment", servertest.LinkBody, held.Findings)
		page := servertest.ArticlePage(t, f, a)
		servertest.Shows(t, "post-moderated article", page, servertest.Polite(11), "Comments appear at once unless our checks hold them for an editor.")
		servertest.Hides(t, "post-moderated article", page, servertest.LinkBody)
		if ids := servertest.ListedIDs(t, f, a.ID); !slices.Equal(ids, []int64{clean.ID}) {
			t.Fatalf("API list %v, want [%d]", ids, clean.ID)
		}
		r := servertest.NewVisitor(t, f, false).JSON(t, http.MethodPost, "/api/v1/comments/check", map[string]any{"article_id": a.ID, "body": servertest.Polite(12)})
		r.Expect(t, "check under post-moderation", http.StatusOK, "")
		if out := servertest.OutcomeOf(t, r); out.Status != store.CommentPending {
			t.Errorf("the live check promised %q, want pending", out.Status)
		}

		// An editor closes one article.
		modePath := fmt.Sprintf("/newsroom/articles/%d/comment-mode", a.ID)
		servertest.PostForm(t, f, mc, modePath, url.Values{"comment_mode": {"closed"}}).Expect(t, http.StatusForbidden)
		servertest.PostForm(t, f, ec, modePath, url.Values{"comment_mode": {"open"}}).Expect(t, http.StatusBadRequest, "Choose the site default")
		servertest.PostForm(t, f, ec, "/newsroom/articles/999999/comment-mode", url.Values{"comment_mode": {"closed"}}).Expect(t, http.StatusNotFound)
		servertest.PostForm(t, f, ec, modePath, url.Values{"comment_mode": {"closed"}}).ExpectRedirect(t, "close comments", fmt.Sprintf("/newsroom/articles/%d?done=saved", a.ID))
		servertest.Contains(t, "editor", servertest.GetPage(t, f, ec, fmt.Sprintf("/newsroom/articles/%d", a.ID)).Body, `<option value="closed" selected>`)
		if log := servertest.CommentAudit(t, f, "article", a.ID); !servertest.HasEntry(log, "Eran Editor", "comment-mode", "", "comments closed") {
			t.Errorf("closing comments is not audited: %+v", log)
		}
		before := servertest.CommentTotal(t, f)
		servertest.NewVisitor(t, f, false).Comment(t, a.ID, servertest.CommentIn{Name: "Kasun", Body: servertest.Polite(13)}).Expect(t, "post to a closed article", http.StatusForbidden, "closed")
		servertest.NewVisitor(t, f, false).JSON(t, http.MethodPost, "/api/v1/comments/check", map[string]any{"article_id": a.ID, "body": servertest.Polite(13)}).
			Expect(t, "check on a closed article", http.StatusForbidden, "closed")
		servertest.NewVisitor(t, f, true).Form(t, fmt.Sprintf("/news/%d/comments", a.ID), servertest.CommentForm("Kasun", "", servertest.Polite(13), "")).
			Expect(t, http.StatusForbidden, "Comments are closed on this article.")
		if after := servertest.CommentTotal(t, f); after != before {
			t.Fatalf("posts to a closed article were stored: %d before, %d after", before, after)
		}
		page = servertest.ArticlePage(t, f, a)
		servertest.Shows(t, "closed article", page, "Comments are closed on this article.", servertest.Polite(11))
		servertest.Lacks(t, "closed article", page, `id="comment-form"`, `class="reply"`)

		// Pre-moderation on one article wins over the site's post-moderation.
		servertest.PostForm(t, f, ec, fmt.Sprintf("/newsroom/articles/%d/comment-mode", f.Lead.ID), url.Values{"comment_mode": {"pre"}}).
			ExpectRedirect(t, "pre-moderate one article", fmt.Sprintf("/newsroom/articles/%d?done=saved", f.Lead.ID))
		if got := servertest.PostFresh(t, f, f.Lead.ID, servertest.CommentIn{Name: "Kasun", Body: servertest.Polite(0)}); got.Status != store.CommentPending {
			t.Fatalf("clean comment on a pre-moderated article: %+v", got)
		}
		servertest.Shows(t, "pre-moderated article", servertest.ArticlePage(t, f, f.Lead), "Every comment is read by our editors before it appears.")

		// Back to the site default.
		servertest.PostForm(t, f, ec, modePath, url.Values{"comment_mode": {""}}).ExpectRedirect(t, "site default", fmt.Sprintf("/newsroom/articles/%d?done=saved", a.ID))
		if got := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Kasun", Body: servertest.Polite(1)}); got.Status != store.CommentApproved {
			t.Fatalf("clean comment back under the site's post-moderation: %+v", got)
		}

		// Closed site-wide: articles without their own mode close, the
		// pre-moderated one stays open.
		servertest.PostForm(t, f, ac, "/newsroom/settings/comments", policy("closed", "3")).ExpectRedirect(t, "close everywhere", "/newsroom/settings/comments?done=policy")
		servertest.NewVisitor(t, f, false).Comment(t, a.ID, servertest.CommentIn{Name: "Kasun", Body: servertest.Polite(2)}).Expect(t, "site closed", http.StatusForbidden, "closed")
		if got := servertest.PostFresh(t, f, f.Lead.ID, servertest.CommentIn{Name: "Kasun", Body: servertest.Polite(3)}); got.Status != store.CommentPending {
			t.Fatalf("comment on an article that overrides the closed site: %+v", got)
		}
	})
}

func TestCommentBanStopsTheAuthor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		troll := servertest.NewVisitor(t, f, false)
		c := troll.PostOK(t, a.ID, servertest.CommentIn{Name: "Sunil", Email: "sunil@reader.test", Body: servertest.Polite(4)})
		banPath := fmt.Sprintf("/newsroom/comments/%d/ban", c.ID)

		rc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Reporter, "Rani Reporter"))
		servertest.PostForm(t, f, rc, banPath, url.Values{"tab": {"pending"}, "ban_for": {"24h"}}).Expect(t, http.StatusForbidden)
		servertest.PostForm(t, f, mc, banPath, url.Values{"tab": {"pending"}, "ban_for": {"forever"}}).Expect(t, http.StatusBadRequest, "how long the ban lasts")
		servertest.PostForm(t, f, mc, banPath, url.Values{"tab": {"pending"}, "ban_for": {"-24h"}}).Expect(t, http.StatusBadRequest, "how long the ban lasts")
		if log := servertest.CommentAudit(t, f, "ban", 0); len(log) != 0 {
			t.Fatalf("refused bans were stored: %+v", log)
		}
		// The script kept no cookie: the moderator says they mean to ban its
		// address and browser too (TestCommentBanWarnsWhenOthersShareTheBrowser).
		servertest.DecideInQueue(t, f, mc, c.ID, "ban", url.Values{"ban_for": {"24h"}, "reason": {"banned by a moderator"}, "shared": {"1"}})
		// The waiting comment goes with its author.
		if got := servertest.ExpectStatus(t, f, c.ID, store.CommentRejected); got.Reason != "banned by a moderator" {
			t.Errorf("banned author's comment rejected as %q", got.Reason)
		}
		log := servertest.CommentAudit(t, f, "ban", 0)
		if !slices.ContainsFunc(log, func(e store.AuditEntry) bool {
			return e.Actor == "Mala Moderator" && e.Action == "ban" &&
				strings.Contains(e.Detail, fmt.Sprintf("author of comment %d (by address and browser, which other readers may share), for 1 day", c.ID))
		}) {
			t.Errorf("the ban is not audited: %+v", log)
		}

		before := servertest.CommentTotal(t, f)
		troll.Comment(t, a.ID, servertest.CommentIn{Name: "Sunil", Email: "sunil@reader.test", Body: servertest.Polite(5)}).
			Expect(t, "banned author again", http.StatusForbidden, "no longer comment")
		troll.Comment(t, a.ID, servertest.CommentIn{Name: "Sunil P", Email: "sunil.p@reader.test", Body: servertest.Polite(6)}).
			Expect(t, "banned visitor with another email", http.StatusForbidden, "no longer comment")
		servertest.NewVisitor(t, f, false).Comment(t, a.ID, servertest.CommentIn{Name: "Sunil", Email: "SUNIL@Reader.TEST", Body: servertest.Polite(7)}).
			Expect(t, "banned email in capitals from elsewhere", http.StatusForbidden, "no longer comment")
		servertest.NewVisitor(t, f, true).Form(t, fmt.Sprintf("/news/%d/comments", a.ID), servertest.CommentForm("Sunil", "sunil@reader.test", servertest.Polite(8), "")).
			Expect(t, http.StatusForbidden, "You can no longer comment on this site.")
		if after := servertest.CommentTotal(t, f); after != before {
			t.Fatalf("a banned author's comments were stored: %d before, %d after", before, after)
		}
		servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Kumari", Email: "kumari@reader.test", Body: servertest.Polite(9)})

		// A ban for good, and one that has run out.
		forGood := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Nuwan", Email: "nuwan@reader.test", Body: servertest.Polite(10)})
		servertest.DecideInQueue(t, f, mc, forGood.ID, "ban", url.Values{"ban_for": {"0"}})
		if log := servertest.CommentAudit(t, f, "ban", 0); !slices.ContainsFunc(log, func(e store.AuditEntry) bool {
			return strings.Contains(e.Detail, fmt.Sprintf("author of comment %d (by email only: the browser was known only by address), for good", forGood.ID))
		}) {
			t.Errorf("the ban for good does not say so in the audit log: %+v", log)
		}
		servertest.NewVisitor(t, f, false).Comment(t, a.ID, servertest.CommentIn{Name: "Nuwan", Email: "nuwan@reader.test", Body: servertest.Polite(11)}).
			Expect(t, "banned for good", http.StatusForbidden, "no longer comment")
		if err := f.Store.Ban(context.Background(), "lapsed@reader.test", "", "", "last year", time.Now().Add(-time.Hour),
			store.Change{Actor: "test", Action: "ban"}); err != nil {
			t.Fatal(err)
		}
		servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Lapsed", Email: "lapsed@reader.test", Body: servertest.Polite(12)})
	})
}

// TestCommentBanHoldsForCookielessForm: a banned script that sends no
// cookies is the same visitor (address and browser) on the form as on the
// API, so leaving out the email does not get it past the ban.
func TestCommentBanHoldsForCookielessForm(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		script := servertest.NewVisitor(t, f, false)
		c := script.PostOK(t, a.ID, servertest.CommentIn{Name: "Sunil", Body: servertest.Polite(4)})
		servertest.DecideInQueue(t, f, mc, c.ID, "ban", url.Values{"ban_for": {"24h"}, "shared": {"1"}})
		script.Comment(t, a.ID, servertest.CommentIn{Name: "Sunil", Body: servertest.Polite(5)}).Expect(t, "banned script on the API", http.StatusForbidden, "no longer comment")
		before := servertest.CommentTotal(t, f)
		r := script.Form(t, fmt.Sprintf("/news/%d/comments", a.ID), servertest.CommentForm("Sunil", "", servertest.Polite(6), ""))
		if r.Status != http.StatusForbidden {
			t.Errorf("banned script on the form without cookies: %d to %q, want 403", r.Status, r.Header.Get("Location"))
		}
		if after := servertest.CommentTotal(t, f); after != before {
			t.Errorf("a banned visitor's comment was stored: %d before, %d after", before, after)
		}
	})
}

func TestCommentRateLimitPerAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		// One address; a different browser each time, so the only thing the
		// posts share is the address the limiter counts.
		v := servertest.NewVisitor(t, f, false)
		var accepted []int64
		limited := 0
		for i := 0; i < 12; i++ {
			v.UA = fmt.Sprintf("Mozilla/5.0 DatelineRateTest/%d", i)
			body := fmt.Sprintf("Comment %d of a hurried reader: %s", i, servertest.Polite(i))
			r := v.Comment(t, a.ID, servertest.CommentIn{Name: "Rapid", Body: body})
			switch r.Status {
			case http.StatusAccepted:
				out := servertest.OutcomeOf(t, r)
				if c := servertest.StoredComment(t, f, out.ID); c.Body != body || c.Status != out.Status {
					t.Fatalf("post %d answered %+v, stored %+v", i, out, c)
				}
				accepted = append(accepted, out.ID)
			case http.StatusTooManyRequests:
				r.Expect(t, fmt.Sprintf("post %d", i), http.StatusTooManyRequests, "too many requests")
				limited++
			default:
				t.Fatalf("post %d: %d %s", i, r.Status, r.Body)
			}
		}
		if limited == 0 || len(accepted) == 0 || len(accepted) > 6 {
			t.Fatalf("12 quick posts from one address: %d accepted, %d refused; want a burst accepted and the rest refused", len(accepted), limited)
		}
		if n := servertest.CommentTotal(t, f); n != len(accepted) {
			t.Fatalf("%d comments stored, %d accepted", n, len(accepted))
		}
		// Flags from the same address share the allowance.
		v.Flag(t, accepted[0], "spam", "").Expect(t, "flag from a limited address", http.StatusTooManyRequests, "too many requests")
		// Another address is not held back.
		servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Calm", Body: servertest.Polite(13)})

		// The form has the same limit.
		browser := servertest.NewVisitor(t, f, true)
		formLimited, formAccepted := 0, 0
		for i := 0; i < 8; i++ {
			// Short enough to be no spam however soon it is sent.
			r := browser.Form(t, fmt.Sprintf("/news/%d/comments", a.ID), servertest.CommentForm("Rapid", "", fmt.Sprintf("Form comment %d.", i), ""))
			switch r.Status {
			case http.StatusSeeOther:
				servertest.StoredComment(t, f, servertest.YourCommentID(t, r, a))
				formAccepted++
			case http.StatusTooManyRequests:
				r.Expect(t, http.StatusTooManyRequests, "You are sending comments too fast.")
				formLimited++
			default:
				t.Fatalf("form post %d: %d %s", i, r.Status, servertest.MainText(r.Body))
			}
		}
		if formLimited == 0 || formAccepted == 0 {
			t.Fatalf("8 quick form posts: %d accepted, %d refused", formAccepted, formLimited)
		}
		if n := servertest.CommentTotal(t, f); n != len(accepted)+1+formAccepted {
			t.Fatalf("%d comments stored, want %d", n, len(accepted)+1+formAccepted)
		}
	})
}

func TestCommentHostileInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		tok := servertest.NewTokenUser(t, f, auth.Moderator, "Tharaka Moderator")

		// Markup is stored as typed and always shown as text.
		name, body := "<script>alert(1)</script>", "Lovely photographs <img src=x onerror=alert(1)> of the harbour at dawn."
		hostile := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: name, Body: body})
		if c := servertest.StoredComment(t, f, hostile.ID); c.Name != name || c.Body != body {
			t.Fatalf("stored %q / %q", c.Name, c.Body)
		}
		servertest.ApproveByAPI(t, f, tok.Token, hostile.ID)
		page := servertest.ArticlePage(t, f, a)
		servertest.Contains(t, "article with a hostile comment", page, "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;")
		servertest.Lacks(t, "article with a hostile comment", page, "<script>alert(1)", "<img src=x")
		if items, _ := servertest.PublicComments(t, f, a.ID); len(items) != 1 || items[0].Name != name || items[0].Body != body {
			t.Fatalf("API list: %+v", items)
		}
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		q := servertest.GetPage(t, f, mc, "/newsroom/comments?tab=approved")
		q.Expect(t, http.StatusOK, name, body)
		servertest.Lacks(t, "queue with a hostile comment", q.Body, "<script>alert(1)", "<img src=x")

		// Exactly 2,000 characters is allowed, however many bytes they take.
		servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Long", Body: strings.Repeat("é", 2000)})

		before := servertest.CommentTotal(t, f)
		huge := `{"name": "Big", "body": "` + strings.Repeat("a", 10<<20) + `"}`
		for _, tc := range []struct {
			name   string
			path   string
			body   any
			status int
			says   string
		}{
			{"10 MB body", servertest.CommentsPath(a.ID), huge, 413, "larger than"},
			{"unknown article", servertest.CommentsPath(999999), servertest.CommentIn{Name: "Kasun", Body: servertest.Polite(0)}, 404, "no such published article"},
			{"draft article", servertest.CommentsPath(f.Draft.ID), servertest.CommentIn{Name: "Kasun", Body: servertest.Polite(0)}, 404, "no such published article"},
			{"unpublished article", servertest.CommentsPath(f.Pulled.ID), servertest.CommentIn{Name: "Kasun", Body: servertest.Polite(0)}, 404, "no such published article"},
			{"article id not a number", "/api/v1/articles/abc/comments", servertest.CommentIn{Name: "Kasun", Body: servertest.Polite(0)}, 400, "positive whole number"},
			{"2,001 characters", servertest.CommentsPath(a.ID), servertest.CommentIn{Name: "Long", Body: strings.Repeat("é", 2001)}, 400, "the limit is 2000"},
			{"empty name", servertest.CommentsPath(a.ID), servertest.CommentIn{Name: "", Body: servertest.Polite(0)}, 400, "display name"},
			{"blank name", servertest.CommentsPath(a.ID), servertest.CommentIn{Name: " \t ", Body: servertest.Polite(0)}, 400, "display name"},
			{"name too long", servertest.CommentsPath(a.ID), servertest.CommentIn{Name: strings.Repeat("n", 81), Body: servertest.Polite(0)}, 400, "name is longer"},
			{"empty body", servertest.CommentsPath(a.ID), servertest.CommentIn{Name: "Kasun", Body: "\n \r\n"}, 400, "empty"},
			{"bad email", servertest.CommentsPath(a.ID), servertest.CommentIn{Name: "Kasun", Email: "kasun at home", Body: servertest.Polite(0)}, 400, "email"},
			{"honeypot field in JSON", servertest.CommentsPath(a.ID), map[string]string{"name": "Kasun", "body": servertest.Polite(0), "website": "x"}, 400, `unknown field "website"`},
			{"not JSON", servertest.CommentsPath(a.ID), "name=Kasun&body=hello", 400, "not valid JSON"},
		} {
			servertest.NewVisitor(t, f, false).JSON(t, http.MethodPost, tc.path, tc.body).Expect(t, tc.name, tc.status, tc.says)
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
			{"escaped invalid UTF-8", formPath, "name=%FF%FE&body=" + url.QueryEscape(servertest.Polite(0)), 400, "not valid UTF-8"},
			{"unknown article", "/news/999999/comments", "name=Nimal&body=" + url.QueryEscape(servertest.Polite(0)), 404, ""},
			{"unpublished article", fmt.Sprintf("/news/%d/comments", f.Pulled.ID), "name=Nimal&body=" + url.QueryEscape(servertest.Polite(0)), 404, ""},
		} {
			v := servertest.NewVisitor(t, f, true)
			v.Again(t, v.Send(t, http.MethodPost, tc.path, formType, strings.NewReader(tc.body)), tc.body).Expect(t, tc.status, tc.says)
		}
		if after := servertest.CommentTotal(t, f); after != before {
			t.Fatalf("refused comments were stored: %d before, %d after", before, after)
		}
	})
}

func TestCommentReplies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		tok := servertest.NewTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		parent := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Chamara", Body: servertest.Polite(0)})
		servertest.ApproveByAPI(t, f, tok.Token, parent.ID)
		refused := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Ruwan", Body: servertest.Polite(1)})
		servertest.RejectByAPI(t, f, tok.Token, refused.ID, "off-topic")
		waiting := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Sanduni", Body: servertest.Polite(2)})
		elsewhere := servertest.PostFresh(t, f, f.Lead.ID, servertest.CommentIn{Name: "Kasun", Body: servertest.Polite(3)})
		servertest.ApproveByAPI(t, f, tok.Token, elsewhere.ID)

		before := servertest.CommentTotal(t, f)
		for _, tc := range []struct {
			name   string
			parent int64
		}{
			{"reply to a rejected comment", refused.ID},
			{"reply to a pending comment", waiting.ID},
			{"reply to a comment on another article", elsewhere.ID},
			{"reply to no comment", 999999},
		} {
			servertest.NewVisitor(t, f, false).Comment(t, a.ID, servertest.CommentIn{Name: "Dilani", Body: servertest.Polite(4), ParentID: tc.parent}).
				Expect(t, tc.name, http.StatusBadRequest, "reply to a published comment")
		}
		if after := servertest.CommentTotal(t, f); after != before {
			t.Fatalf("refused replies were stored: %d before, %d after", before, after)
		}

		reply := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Dilani", Body: servertest.Polite(5), ParentID: parent.ID})
		if reply.Status != store.CommentPending {
			t.Fatalf("reply: %+v", reply)
		}
		servertest.Hides(t, "article before the reply is approved", servertest.ArticlePage(t, f, a), servertest.Polite(5))
		servertest.ApproveByAPI(t, f, tok.Token, reply.ID)
		page := servertest.ArticlePage(t, f, a)
		servertest.Shows(t, "article with a reply", page, "Comments (2)", servertest.Polite(0), servertest.Polite(5))
		if !servertest.NestedUnder(page, parent.ID, reply.ID) {
			t.Errorf("reply %d is not shown under comment %d", reply.ID, parent.ID)
		}
		items, _ := servertest.PublicComments(t, f, a.ID)
		if len(items) != 2 || items[0].ID != parent.ID || items[0].ParentID != 0 || items[1].ID != reply.ID || items[1].ParentID != parent.ID {
			t.Fatalf("API list: %+v", items)
		}
		// Replies are one level deep.
		servertest.NewVisitor(t, f, false).Comment(t, a.ID, servertest.CommentIn{Name: "Kasun", Body: servertest.Polite(6), ParentID: reply.ID}).
			Expect(t, "reply to a reply", http.StatusBadRequest, "reply to a published comment")

		// The page's reply link opens the form with the parent filled in.
		servertest.Contains(t, "article with a reply", page, fmt.Sprintf(`href="?reply=%d#comment-form"`, parent.ID))
		r := servertest.NewVisitor(t, f, true).Page(t, fmt.Sprintf("%s?reply=%d", a.Path(), parent.ID))
		r.Expect(t, http.StatusOK, "Replying to Chamara")
		servertest.Contains(t, "reply form", r.Body, fmt.Sprintf(`<input type="hidden" name="parent_id" value="%d">`, parent.ID))
	})
}

func TestCommentQueuePage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		tok := servertest.NewTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		servertest.GetPage(t, f, mc, "/newsroom/comments").Expect(t, http.StatusOK, "Nothing is waiting.", "Nothing here.", "Pending (0)")

		servertest.PostFresh(t, f, f.Staff.ID, servertest.CommentIn{Name: "Priya", Email: "priya@reader.test", Body: servertest.LinkBody})
		reported := servertest.PostFresh(t, f, f.Lead.ID, servertest.CommentIn{Name: "Kasun", Body: servertest.Polite(0)})
		servertest.ApproveByAPI(t, f, tok.Token, reported.ID)
		note := "Posted the same <b>text</b> under every story"
		for i, reason := range []string{"spam", "all-caps", "other"} {
			n := ""
			if reason == "other" {
				n = note
			}
			servertest.NewVisitor(t, f, false).Flag(t, reported.ID, reason, n).Expect(t, fmt.Sprintf("flag %d", i+1), http.StatusCreated, "")
		}

		q := servertest.GetPage(t, f, mc, "/newsroom/comments")
		q.Expect(t, http.StatusOK, "Pending (1)", "Reported (1)", "Oldest waiting:", "under a minute",
			f.Staff.Headline, "<priya@reader.test>", "Priya")
		servertest.Contains(t, "queue", q.Body, fmt.Sprintf(`href="%s"`, f.Staff.Path()), `<ul class="findings">`, "<strong>outside-link</strong> (hold)")
		servertest.Lacks(t, "pending tab", q.Body, f.Lead.Headline)

		r := servertest.GetPage(t, f, mc, "/newsroom/comments?tab=reported")
		r.Expect(t, http.StatusOK, f.Lead.Headline, servertest.Polite(0), "3 flag(s) from 3 address(es):", "spam; all-caps; other (“"+note+"”)")
		servertest.Lacks(t, "reported tab", r.Body, "<b>text</b>")

		servertest.GetPage(t, f, mc, "/newsroom/comments?tab=spam").Expect(t, http.StatusBadRequest, "Unknown tab.")
		servertest.GetPage(t, f, mc, "/newsroom/comments?page=0").Expect(t, http.StatusBadRequest, "page number")

		// Bulk decisions apply to every ticked comment.
		x := servertest.PostFresh(t, f, f.Staff.ID, servertest.CommentIn{Name: "Dilani", Body: servertest.Polite(1)})
		y := servertest.PostFresh(t, f, f.Staff.ID, servertest.CommentIn{Name: "Ruwan", Body: servertest.Polite(2)})
		z := servertest.PostFresh(t, f, f.Staff.ID, servertest.CommentIn{Name: "Nuwan", Body: servertest.Polite(3)})
		servertest.PostForm(t, f, mc, "/newsroom/comments/bulk", url.Values{"tab": {"pending"}, "decision": {"approve"}}).
			Expect(t, http.StatusBadRequest, "Tick between 1 and 200 comments first.")
		r = servertest.PostForm(t, f, mc, "/newsroom/comments/bulk", url.Values{"tab": {"pending"}, "decision": {"approve"},
			"ids": {fmt.Sprint(x.ID), fmt.Sprint(y.ID)}})
		servertest.ExpectDecided(t, r, "bulk approve", "/newsroom/comments?tab=pending", "decided")
		servertest.ExpectStatus(t, f, x.ID, store.CommentApproved)
		servertest.ExpectStatus(t, f, y.ID, store.CommentApproved)
		// The bulk reason menu starts empty: no reason is chosen for the moderator.
		servertest.Contains(t, "the bulk form", servertest.GetPage(t, f, mc, "/newsroom/comments").Body, `<option value="">Reason for rejecting…</option>`)
		servertest.PostForm(t, f, mc, "/newsroom/comments/bulk", url.Values{"tab": {"pending"}, "decision": {"reject"}, "reason": {""},
			"ids": {fmt.Sprint(z.ID)}}).Expect(t, http.StatusBadRequest, "Give a reason for rejecting the comment.")
		servertest.ExpectStatus(t, f, z.ID, store.CommentPending)
		r = servertest.PostForm(t, f, mc, "/newsroom/comments/bulk", url.Values{"tab": {"pending"}, "decision": {"reject"}, "reason": {"spam"},
			"ids": {fmt.Sprint(z.ID)}})
		servertest.ExpectDecided(t, r, "bulk reject", "/newsroom/comments?tab=pending", "decided")
		if c := servertest.ExpectStatus(t, f, z.ID, store.CommentRejected); c.Reason != "spam" {
			t.Errorf("bulk rejection reason %q", c.Reason)
		}
	})
}

// TestCommentQueueHighlightsFindings: the queue marks what the checks found
// inside the comment. (It needs the real moderation package: the
// worktree's stand-in highlights nothing.)
func TestCommentQueueHighlightsFindings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		servertest.PostFresh(t, f, f.Staff.ID, servertest.CommentIn{Name: "Priya", Body: servertest.LinkBody})
		q := servertest.GetPage(t, f, mc, "/newsroom/comments")
		q.Expect(t, http.StatusOK, "Café owners by the lagoon")
		if !regexp.MustCompile(`<mark class="rule-outside-link"[^>]*>example\.com</mark>`).MatchString(q.Body) {
			t.Errorf("the queue does not mark the link: %s", regexp.MustCompile(`(?s)<p class="queue-body">.*?</p>`).FindString(q.Body))
		}
	})
}
