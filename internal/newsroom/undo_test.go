package newsroom_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"dateline/internal/auth"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestUndoApproveHidesTheCommentAgain: approving, then pressing the
// notice's Undo button, leaves the comment pending exactly as before, gone
// from the article page (cached before the undo) and its count, and the
// audit log says who undid what. A decision is undone once.
func TestUndoApproveHidesTheCommentAgain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		body := servertest.Polite(1)
		c := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Dilani", Body: body})
		before := servertest.StoredComment(t, f, c.ID)
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))

		decision := servertest.DecideInQueue(t, f, mc, c.ID, "approve", nil)
		token := servertest.UndoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, fmt.Sprintf("Approved comment %d.", c.ID))
		servertest.Shows(t, "article after approving", servertest.ArticlePage(t, f, a), "Comments (1)", body)

		servertest.UndoOK(t, f, mc, token, "pending")
		servertest.SameComment(t, "after undoing the approval", before, servertest.StoredComment(t, f, c.ID))
		page := servertest.ArticlePage(t, f, a)
		servertest.Hides(t, "article after the undo", page, body, "Comments (1)")
		if ids := servertest.ListedIDs(t, f, a.ID); len(ids) != 0 {
			t.Errorf("the API still lists %v after the undo", ids)
		}
		servertest.GetPage(t, f, mc, "/newsroom/comments?done=undone").Expect(t, http.StatusOK, "Pending (1)", "Approved (0)", body, "Undone:")
		servertest.AuditUndo(t, f, "Mala Moderator", "comment", c.ID, fmt.Sprintf("undid approve of comment %d", c.ID), store.CommentApproved, store.CommentPending)
		ac := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Admin, "Asha Admin"))
		servertest.ExpectAuditLines(t, "audit page", servertest.AuditLines(t, f, ac, "type=comment"), []servertest.AuditLine{{Who: "Mala Moderator", Action: "undo",
			Object: fmt.Sprintf("comment %d", c.ID), Statuses: "approved → pending", Detail: fmt.Sprintf("undid approve of comment %d", c.ID)}})

		// Once undone, the notice offers it no more and the button is refused.
		servertest.NoUndoOffered(t, f, mc, "the notice after the undo", fmt.Sprintf("/newsroom/comments?undo=%d&done=decided", decision))
		servertest.Undo(t, f, mc, token, "pending").Expect(t, http.StatusConflict, "already been undone")
		servertest.ExpectStatus(t, f, c.ID, store.CommentPending)
	})
}

// TestUndoRejectRestoresTheEarlierDecision: undoing a rejection gives the
// comment back its earlier status and reason (an approved one shows on the
// article again); undoing the approval of a reported comment puts back the
// reader flags the approval cleared.
func TestUndoRejectRestoresTheEarlierDecision(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Lead
		tok := servertest.NewTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))

		waiting := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Ruwan", Body: servertest.Polite(2)})
		before := servertest.StoredComment(t, f, waiting.ID)
		decision := servertest.DecideInQueue(t, f, mc, waiting.ID, "reject", url.Values{"reason": {"off-topic"}})
		token := servertest.UndoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, fmt.Sprintf("Rejected comment %d.", waiting.ID))
		servertest.UndoOK(t, f, mc, token, "pending")
		servertest.SameComment(t, "after undoing the rejection of a waiting comment", before, servertest.StoredComment(t, f, waiting.ID))
		servertest.AuditUndo(t, f, "Mala Moderator", "comment", waiting.ID, fmt.Sprintf("undid reject of comment %d", waiting.ID), store.CommentRejected, store.CommentPending)

		shown := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Kasun", Body: servertest.Polite(3)})
		servertest.ApproveByAPI(t, f, tok.Token, shown.ID)
		before = servertest.StoredComment(t, f, shown.ID)
		decision = servertest.DecideInQueue(t, f, mc, shown.ID, "reject", url.Values{"tab": {"approved"}, "reason": {"spam"}})
		servertest.Hides(t, "article after the rejection", servertest.ArticlePage(t, f, a), servertest.Polite(3))
		servertest.UndoOK(t, f, mc, servertest.UndoToken(t, f, mc, "/newsroom/comments?tab=approved", decision, "Rejected comment"), "approved")
		servertest.SameComment(t, "after undoing the rejection of a shown comment", before, servertest.StoredComment(t, f, shown.ID))
		servertest.Shows(t, "article after undoing the rejection", servertest.ArticlePage(t, f, a), servertest.Polite(3))

		// Readers' flags hid this one; approving it clears them, and the
		// undo brings them back, so the reported queue shows them again.
		for i, reason := range []string{"spam", "all-caps", "other"} {
			servertest.NewVisitor(t, f, false).Flag(t, shown.ID, reason, "Same text under every story").
				Expect(t, fmt.Sprintf("flag %d", i+1), http.StatusCreated, "")
		}
		before = servertest.ExpectStatus(t, f, shown.ID, store.CommentReported)
		flags, err := f.Store.Flags(context.Background(), shown.ID)
		if err != nil || len(flags) != 3 {
			t.Fatalf("flags before the approval: %+v, %v", flags, err)
		}
		decision = servertest.DecideInQueue(t, f, mc, shown.ID, "approve", url.Values{"tab": {"reported"}})
		if c := servertest.StoredComment(t, f, shown.ID); c.Flags != 0 {
			t.Fatalf("approving a reported comment left %d flags", c.Flags)
		}
		servertest.UndoOK(t, f, mc, servertest.UndoToken(t, f, mc, "/newsroom/comments?tab=reported", decision, "Approved comment"), "reported")
		servertest.SameComment(t, "after undoing the approval of a reported comment", before, servertest.StoredComment(t, f, shown.ID))
		again, err := f.Store.Flags(context.Background(), shown.ID)
		if err != nil || !slices.Equal(again, flags) {
			t.Fatalf("flags after the undo: %+v (%v), want %+v", again, err, flags)
		}
		servertest.Hides(t, "article after undoing the approval of a reported comment", servertest.ArticlePage(t, f, a), servertest.Polite(3))
		servertest.GetPage(t, f, mc, "/newsroom/comments?tab=reported").Expect(t, http.StatusOK, "Reported (1)", "3 flag(s) from 3 address(es):")
	})
}

// TestUndoBulkAsAWhole: a bulk decision is applied to every ticked comment
// or to none, and undone as a whole, or not at all when one of its comments
// has been decided again since.
func TestUndoBulkAsAWhole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		var ids []string
		var before []store.Comment
		for i, name := range []string{"Amal", "Bimal", "Chamal"} {
			c := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: name, Body: servertest.Polite(4 + i)})
			ids = append(ids, fmt.Sprint(c.ID))
			before = append(before, servertest.StoredComment(t, f, c.ID))
		}
		bulk := func(decision, reason string, ids ...string) servertest.Reply {
			return servertest.PostForm(t, f, mc, "/newsroom/comments/bulk", url.Values{"tab": {"pending"}, "decision": {decision}, "reason": {reason}, "ids": ids})
		}

		// One comment that does not exist: none of the others is decided.
		bulk("approve", "", append([]string{"999999"}, ids...)...).Expect(t, http.StatusNotFound)
		for _, c := range before {
			servertest.ExpectStatus(t, f, c.ID, store.CommentPending)
		}

		decision := servertest.ExpectDecided(t, bulk("approve", "", ids...), "bulk approve", "/newsroom/comments?tab=pending", "decided")
		token := servertest.UndoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, "Approved 3 comments.")
		servertest.Shows(t, "article after the bulk approval", servertest.ArticlePage(t, f, a), "Comments (3)")
		servertest.UndoOK(t, f, mc, token, "pending")
		for _, c := range before {
			servertest.SameComment(t, "after undoing the bulk approval", c, servertest.StoredComment(t, f, c.ID))
			servertest.AuditUndo(t, f, "Mala Moderator", "comment", c.ID, fmt.Sprintf("undid approve of comment %d", c.ID), store.CommentApproved, store.CommentPending)
		}
		servertest.Hides(t, "article after undoing the bulk approval", servertest.ArticlePage(t, f, a), servertest.Polite(4), servertest.Polite(5), servertest.Polite(6))

		// Another moderator approves one of a bulk rejection's comments:
		// the rejection can no longer be undone, not even for the others.
		decision = servertest.ExpectDecided(t, bulk("reject", "spam", ids...), "bulk reject", "/newsroom/comments?tab=pending", "decided")
		token = servertest.UndoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, "Rejected 3 comments.")
		other := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Nimal Moderator"))
		servertest.DecideInQueue(t, f, other, before[1].ID, "approve", url.Values{"tab": {"rejected"}})
		servertest.Undo(t, f, mc, token, "pending").Expect(t, http.StatusConflict, fmt.Sprintf("Not undone: comment %d changed since the decision", before[1].ID))
		servertest.ExpectStatus(t, f, before[0].ID, store.CommentRejected)
		servertest.ExpectStatus(t, f, before[1].ID, store.CommentApproved)
		servertest.ExpectStatus(t, f, before[2].ID, store.CommentRejected)
	})
}

// TestUndoBanEndsTheBan: undoing a ban lets the reader comment again and
// puts their waiting comment back in the queue; undoing the lifting of a
// ban bans them again until the ban's old end.
func TestUndoBanEndsTheBan(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		troll := servertest.NewVisitor(t, f, false)
		c := troll.PostOK(t, a.ID, servertest.CommentIn{Name: "Sunil", Email: "sunil@reader.test", Body: servertest.Polite(4)})
		before := servertest.StoredComment(t, f, c.ID)

		decision := servertest.DecideInQueue(t, f, mc, c.ID, "ban", url.Values{"ban_for": {"168h"}, "reason": {"abuse of other readers"}})
		token := servertest.UndoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, fmt.Sprintf("Commenter banned, and comment %d rejected.", c.ID))
		troll.Comment(t, a.ID, servertest.CommentIn{Name: "Sunil", Email: "sunil@reader.test", Body: servertest.Polite(5)}).
			Expect(t, "banned", http.StatusForbidden, "no longer comment")
		bans := servertest.CommentAudit(t, f, "ban", 0)
		if len(bans) != 1 {
			t.Fatalf("audit of bans: %+v", bans)
		}
		banID := bans[0].ObjectID

		servertest.UndoOK(t, f, mc, token, "pending")
		servertest.SameComment(t, "after undoing the ban", before, servertest.StoredComment(t, f, c.ID))
		servertest.AuditUndo(t, f, "Mala Moderator", "comment", c.ID, fmt.Sprintf("undid reject of comment %d", c.ID), store.CommentRejected, store.CommentPending)
		servertest.AuditUndo(t, f, "Mala Moderator", "ban", banID, fmt.Sprintf("undid ban %d", banID), "banned", "lifted")
		troll.PostOK(t, a.ID, servertest.CommentIn{Name: "Sunil", Email: "sunil@reader.test", Body: servertest.Polite(6)})
		servertest.Lacks(t, "bans in force after the undo", servertest.GetPage(t, f, mc, "/newsroom/comments/bans").Body, "sunil@reader.test")

		// Lifting a ban for good, then undoing that, bans for good again.
		d := servertest.NewVisitor(t, f, false)
		dc := d.PostOK(t, a.ID, servertest.CommentIn{Name: "Nuwan", Email: "nuwan@reader.test", Body: servertest.Polite(7)})
		servertest.DecideInQueue(t, f, mc, dc.ID, "ban", url.Values{"ban_for": {"0"}})
		r := servertest.GetPage(t, f, mc, "/newsroom/comments/bans?q=nuwan")
		m := regexp.MustCompile(`action="/newsroom/comments/bans/(\d+)/lift"`).FindStringSubmatch(r.Body)
		if m == nil {
			t.Fatalf("no lift button\n%s", servertest.MainText(r.Body))
		}
		lift := servertest.ExpectDecided(t, servertest.PostForm(t, f, mc, "/newsroom/comments/bans/"+m[1]+"/lift", nil), "lift", "/newsroom/comments/bans", "ban-lifted")
		d.PostOK(t, a.ID, servertest.CommentIn{Name: "Nuwan", Email: "nuwan@reader.test", Body: servertest.Polite(8)})
		token = servertest.UndoToken(t, f, mc, "/newsroom/comments/bans", lift, "Ban lifted.")
		// The bans page has no keyboard shortcuts, so its notice names none.
		servertest.Lacks(t, "the bans page's notice", servertest.GetPage(t, f, mc, fmt.Sprintf("/newsroom/comments/bans?undo=%d", lift)).Body, "<kbd>u</kbd>")
		servertest.Undo(t, f, mc, token, "").ExpectRedirect(t, "undo the lift", "/newsroom/comments/bans?done=undone")
		d.Comment(t, a.ID, servertest.CommentIn{Name: "Nuwan", Email: "nuwan@reader.test", Body: servertest.Polite(9)}).
			Expect(t, "banned again", http.StatusForbidden, "no longer comment")
		servertest.GetPage(t, f, mc, "/newsroom/comments/bans?q=nuwan").Expect(t, http.StatusOK, "nuwan@reader.test", "for good")
	})
}

// TestUndoRefusedWhenTooLateOrOvertaken: after the window, or once another
// moderator or readers have changed the comment, the undo is refused with a
// reason and changes nothing.
func TestUndoRefusedWhenTooLateOrOvertaken(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		other := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Nimal Moderator"))

		// Another moderator decides after Mala: her undo would clobber it.
		c := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Amal", Body: servertest.Polite(1)})
		decision := servertest.DecideInQueue(t, f, mc, c.ID, "approve", nil)
		token := servertest.UndoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, "Approved comment")
		servertest.DecideInQueue(t, f, other, c.ID, "reject", url.Values{"tab": {"approved"}, "reason": {"defamatory"}})
		overtaken := servertest.StoredComment(t, f, c.ID)
		servertest.Undo(t, f, mc, token, "pending").Expect(t, http.StatusConflict, fmt.Sprintf("comment %d changed since the decision", c.ID), "Nothing was changed")
		servertest.SameComment(t, "after the refused undo", overtaken, servertest.StoredComment(t, f, c.ID))

		// Approving the same comment again is a later decision too.
		c = servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Bimal", Body: servertest.Polite(2)})
		decision = servertest.DecideInQueue(t, f, mc, c.ID, "approve", nil)
		token = servertest.UndoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, "Approved comment")
		servertest.DecideInQueue(t, f, other, c.ID, "approve", url.Values{"tab": {"approved"}})
		servertest.Undo(t, f, mc, token, "pending").Expect(t, http.StatusConflict, "changed since the decision")
		servertest.ExpectStatus(t, f, c.ID, store.CommentApproved)

		// A reader's flag on the approved comment changes it as well.
		c = servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Chamal", Body: servertest.Polite(3)})
		decision = servertest.DecideInQueue(t, f, mc, c.ID, "approve", nil)
		token = servertest.UndoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, "Approved comment")
		servertest.NewVisitor(t, f, false).Flag(t, c.ID, "spam", "").Expect(t, "flag", http.StatusCreated, "")
		servertest.Undo(t, f, mc, token, "pending").Expect(t, http.StatusConflict, "changed since the decision")
		if got := servertest.ExpectStatus(t, f, c.ID, store.CommentApproved); got.Flags != 1 {
			t.Errorf("the refused undo changed the flags: %d", got.Flags)
		}

		// Too late: the window has passed.
		c = servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Dilan", Body: servertest.Polite(4)})
		decision = servertest.DecideInQueue(t, f, mc, c.ID, "approve", nil)
		token = servertest.UndoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, "Approved comment")
		approved := servertest.StoredComment(t, f, c.ID)
		audit := len(servertest.CommentAudit(t, f, "comment", c.ID))
		servertest.ExpireUndos(t, e)
		servertest.NoUndoOffered(t, f, mc, "the notice after the window", fmt.Sprintf("/newsroom/comments?undo=%d&done=decided", decision))
		servertest.Undo(t, f, mc, token, "pending").Expect(t, http.StatusGone, "Too late to undo", "10 minutes")
		servertest.SameComment(t, "after the late undo", approved, servertest.StoredComment(t, f, c.ID))
		if n := len(servertest.CommentAudit(t, f, "comment", c.ID)); n != audit {
			t.Errorf("the refused undo was audited: %d entries, had %d", n, audit)
		}
	})
}

// TestUndoIsTheDecidersOwn: only the moderator who decided may undo, and
// only while their role allows moderating; another moderator or an admin
// decides again instead. The notice with its token is shown to the decider
// alone.
func TestUndoIsTheDecidersOwn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		mala := servertest.NewMember(t, f, auth.Moderator, "Mala Moderator")
		mc := servertest.LoginAs(t, f, mala)
		c := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Amal", Body: servertest.Polite(1)})
		decision := servertest.DecideInQueue(t, f, mc, c.ID, "approve", nil)
		token := servertest.UndoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, "Approved comment")
		notice := fmt.Sprintf("/newsroom/comments?undo=%d&done=decided", decision)

		for _, who := range []servertest.Member{servertest.NewMember(t, f, auth.Moderator, "Nimal Moderator"), servertest.NewMember(t, f, auth.Admin, "Asha Admin")} {
			wc := servertest.LoginAs(t, f, who)
			r := servertest.GetPage(t, f, wc, notice)
			r.Expect(t, http.StatusOK)
			servertest.Lacks(t, who.Name+"'s view of Mala's notice", r.Body, token, "Approved comment")
			servertest.Undo(t, f, wc, token, "pending").Expect(t, http.StatusForbidden, "Only the moderator who made a decision can undo it.")
			servertest.ExpectStatus(t, f, c.ID, store.CommentApproved)
		}
		for _, role := range []auth.Role{auth.Reporter, auth.Editor} {
			rc := servertest.LoginAs(t, f, servertest.NewMember(t, f, role, strings.ToUpper(string(role[:1]))+string(role[1:])+" Person"))
			servertest.Undo(t, f, rc, token, "pending").Expect(t, http.StatusForbidden, "Your role does not allow you to undo")
			servertest.ExpectStatus(t, f, c.ID, store.CommentApproved)
		}
		// Without a session the button is refused too.
		servertest.Undo(t, f, servertest.NewBrowser(t), token, "pending").Expect(t, http.StatusUnauthorized)

		// Mala, moved to the reporters' desk, can no longer undo.
		if err := f.Store.SetRoleActive(context.Background(), mala.ID, string(auth.Reporter), true, store.Change{Actor: "test", Action: "role"}); err != nil {
			t.Fatal(err)
		}
		servertest.Undo(t, f, mc, token, "pending").Expect(t, http.StatusForbidden, "Your role does not allow you to undo")
		servertest.ExpectStatus(t, f, c.ID, store.CommentApproved)
	})
}

// TestUndoNeedsTheNoticesToken: the Undo button posts a secret only the
// decider's notice carries, and a cross-site post is refused before it is
// read, so another site cannot make a moderator's browser undo anything.
func TestUndoNeedsTheNoticesToken(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		c := servertest.PostFresh(t, f, f.Staff.ID, servertest.CommentIn{Name: "Amal", Body: servertest.Polite(1)})
		decision := servertest.DecideInQueue(t, f, mc, c.ID, "approve", nil)
		token := servertest.UndoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, "Approved comment")

		for _, site := range []string{"cross-site", "same-site"} {
			req, err := http.NewRequest(http.MethodPost, f.Srv.URL+"/newsroom/comments/undo",
				strings.NewReader(url.Values{"token": {token}, "tab": {"pending"}}.Encode()))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Sec-Fetch-Site", site)
			req.Header.Set("Origin", "http://attacker.example")
			resp, err := mc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s undo: %d, want 403", site, resp.StatusCode)
			}
		}
		servertest.PostForm(t, f, mc, "/newsroom/comments/undo", url.Values{"tab": {"pending"}}).
			Expect(t, http.StatusForbidden, "This undo form is not one the newsroom gave you.")
		servertest.Undo(t, f, mc, strings.Repeat("A", 26), "pending").Expect(t, http.StatusNotFound, "There is no such decision to undo.")
		servertest.ExpectStatus(t, f, c.ID, store.CommentApproved)

		servertest.UndoOK(t, f, mc, token, "pending")
		servertest.ExpectStatus(t, f, c.ID, store.CommentPending)
	})
}
