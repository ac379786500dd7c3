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

	"dateline/internal/auth"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestUndoApproveHidesTheCommentAgain: approving, then pressing the
// notice's Undo button, leaves the comment pending exactly as before, gone
// from the article page (cached before the undo) and its count, and the
// audit log says who undid what. A decision is undone once.
func TestUndoApproveHidesTheCommentAgain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		body := polite(1)
		c := postFresh(t, f, a.ID, commentIn{Name: "Dilani", Body: body})
		before := storedComment(t, f, c.ID)
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))

		decision := decideInQueue(t, f, mc, c.ID, "approve", nil)
		token := undoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, fmt.Sprintf("Approved comment %d.", c.ID))
		shows(t, "article after approving", articlePage(t, f, a), "Comments (1)", body)

		undoOK(t, f, mc, token, "pending")
		sameComment(t, "after undoing the approval", before, storedComment(t, f, c.ID))
		page := articlePage(t, f, a)
		hides(t, "article after the undo", page, body, "Comments (1)")
		if ids := listedIDs(t, f, a.ID); len(ids) != 0 {
			t.Errorf("the API still lists %v after the undo", ids)
		}
		getPage(t, f, mc, "/newsroom/comments?done=undone").expect(t, http.StatusOK, "Pending (1)", "Approved (0)", body, "Undone:")
		auditUndo(t, f, "Mala Moderator", "comment", c.ID, fmt.Sprintf("undid approve of comment %d", c.ID), store.CommentApproved, store.CommentPending)
		ac := loginAs(t, f, newMember(t, f, auth.Admin, "Asha Admin"))
		expectAuditLines(t, "audit page", auditLines(t, f, ac, "type=comment"), []auditLine{{who: "Mala Moderator", action: "undo",
			object: fmt.Sprintf("comment %d", c.ID), statuses: "approved → pending", detail: fmt.Sprintf("undid approve of comment %d", c.ID)}})

		// Once undone, the notice offers it no more and the button is refused.
		noUndoOffered(t, f, mc, "the notice after the undo", fmt.Sprintf("/newsroom/comments?undo=%d&done=decided", decision))
		undo(t, f, mc, token, "pending").expect(t, http.StatusConflict, "already been undone")
		expectStatus(t, f, c.ID, store.CommentPending)
	})
}

// TestUndoRejectRestoresTheEarlierDecision: undoing a rejection gives the
// comment back its earlier status and reason (an approved one shows on the
// article again); undoing the approval of a reported comment puts back the
// reader flags the approval cleared.
func TestUndoRejectRestoresTheEarlierDecision(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.lead
		tok := newTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))

		waiting := postFresh(t, f, a.ID, commentIn{Name: "Ruwan", Body: polite(2)})
		before := storedComment(t, f, waiting.ID)
		decision := decideInQueue(t, f, mc, waiting.ID, "reject", url.Values{"reason": {"off-topic"}})
		token := undoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, fmt.Sprintf("Rejected comment %d.", waiting.ID))
		undoOK(t, f, mc, token, "pending")
		sameComment(t, "after undoing the rejection of a waiting comment", before, storedComment(t, f, waiting.ID))
		auditUndo(t, f, "Mala Moderator", "comment", waiting.ID, fmt.Sprintf("undid reject of comment %d", waiting.ID), store.CommentRejected, store.CommentPending)

		shown := postFresh(t, f, a.ID, commentIn{Name: "Kasun", Body: polite(3)})
		approveByAPI(t, f, tok.token, shown.ID)
		before = storedComment(t, f, shown.ID)
		decision = decideInQueue(t, f, mc, shown.ID, "reject", url.Values{"tab": {"approved"}, "reason": {"spam"}})
		hides(t, "article after the rejection", articlePage(t, f, a), polite(3))
		undoOK(t, f, mc, undoToken(t, f, mc, "/newsroom/comments?tab=approved", decision, "Rejected comment"), "approved")
		sameComment(t, "after undoing the rejection of a shown comment", before, storedComment(t, f, shown.ID))
		shows(t, "article after undoing the rejection", articlePage(t, f, a), polite(3))

		// Readers' flags hid this one; approving it clears them, and the
		// undo brings them back, so the reported queue shows them again.
		for i, reason := range []string{"spam", "all-caps", "other"} {
			newVisitor(t, f, false).flag(t, shown.ID, reason, "Same text under every story").
				expect(t, fmt.Sprintf("flag %d", i+1), http.StatusCreated, "")
		}
		before = expectStatus(t, f, shown.ID, store.CommentReported)
		flags, err := f.store.Flags(context.Background(), shown.ID)
		if err != nil || len(flags) != 3 {
			t.Fatalf("flags before the approval: %+v, %v", flags, err)
		}
		decision = decideInQueue(t, f, mc, shown.ID, "approve", url.Values{"tab": {"reported"}})
		if c := storedComment(t, f, shown.ID); c.Flags != 0 {
			t.Fatalf("approving a reported comment left %d flags", c.Flags)
		}
		undoOK(t, f, mc, undoToken(t, f, mc, "/newsroom/comments?tab=reported", decision, "Approved comment"), "reported")
		sameComment(t, "after undoing the approval of a reported comment", before, storedComment(t, f, shown.ID))
		again, err := f.store.Flags(context.Background(), shown.ID)
		if err != nil || !slices.Equal(again, flags) {
			t.Fatalf("flags after the undo: %+v (%v), want %+v", again, err, flags)
		}
		hides(t, "article after undoing the approval of a reported comment", articlePage(t, f, a), polite(3))
		getPage(t, f, mc, "/newsroom/comments?tab=reported").expect(t, http.StatusOK, "Reported (1)", "3 flag(s) from 3 address(es):")
	})
}

// TestUndoBulkAsAWhole: a bulk decision is applied to every ticked comment
// or to none, and undone as a whole, or not at all when one of its comments
// has been decided again since.
func TestUndoBulkAsAWhole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		var ids []string
		var before []store.Comment
		for i, name := range []string{"Amal", "Bimal", "Chamal"} {
			c := postFresh(t, f, a.ID, commentIn{Name: name, Body: polite(4 + i)})
			ids = append(ids, fmt.Sprint(c.ID))
			before = append(before, storedComment(t, f, c.ID))
		}
		bulk := func(decision, reason string, ids ...string) pageReply {
			return postForm(t, f, mc, "/newsroom/comments/bulk", url.Values{"tab": {"pending"}, "decision": {decision}, "reason": {reason}, "ids": ids})
		}

		// One comment that does not exist: none of the others is decided.
		bulk("approve", "", append([]string{"999999"}, ids...)...).expect(t, http.StatusNotFound)
		for _, c := range before {
			expectStatus(t, f, c.ID, store.CommentPending)
		}

		decision := expectDecided(t, bulk("approve", "", ids...), "bulk approve", "/newsroom/comments?tab=pending", "decided")
		token := undoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, "Approved 3 comments.")
		shows(t, "article after the bulk approval", articlePage(t, f, a), "Comments (3)")
		undoOK(t, f, mc, token, "pending")
		for _, c := range before {
			sameComment(t, "after undoing the bulk approval", c, storedComment(t, f, c.ID))
			auditUndo(t, f, "Mala Moderator", "comment", c.ID, fmt.Sprintf("undid approve of comment %d", c.ID), store.CommentApproved, store.CommentPending)
		}
		hides(t, "article after undoing the bulk approval", articlePage(t, f, a), polite(4), polite(5), polite(6))

		// Another moderator approves one of a bulk rejection's comments:
		// the rejection can no longer be undone, not even for the others.
		decision = expectDecided(t, bulk("reject", "spam", ids...), "bulk reject", "/newsroom/comments?tab=pending", "decided")
		token = undoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, "Rejected 3 comments.")
		other := loginAs(t, f, newMember(t, f, auth.Moderator, "Nimal Moderator"))
		decideInQueue(t, f, other, before[1].ID, "approve", url.Values{"tab": {"rejected"}})
		undo(t, f, mc, token, "pending").expect(t, http.StatusConflict, fmt.Sprintf("Not undone: comment %d changed since the decision", before[1].ID))
		expectStatus(t, f, before[0].ID, store.CommentRejected)
		expectStatus(t, f, before[1].ID, store.CommentApproved)
		expectStatus(t, f, before[2].ID, store.CommentRejected)
	})
}

// TestUndoBanEndsTheBan: undoing a ban lets the reader comment again and
// puts their waiting comment back in the queue; undoing the lifting of a
// ban bans them again until the ban's old end.
func TestUndoBanEndsTheBan(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		troll := newVisitor(t, f, false)
		c := troll.postOK(t, a.ID, commentIn{Name: "Sunil", Email: "sunil@reader.test", Body: polite(4)})
		before := storedComment(t, f, c.ID)

		decision := decideInQueue(t, f, mc, c.ID, "ban", url.Values{"ban_for": {"168h"}, "reason": {"abuse of other readers"}})
		token := undoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, fmt.Sprintf("Commenter banned, and comment %d rejected.", c.ID))
		troll.comment(t, a.ID, commentIn{Name: "Sunil", Email: "sunil@reader.test", Body: polite(5)}).
			expect(t, "banned", http.StatusForbidden, "no longer comment")
		bans := commentAudit(t, f, "ban", 0)
		if len(bans) != 1 {
			t.Fatalf("audit of bans: %+v", bans)
		}
		banID := bans[0].ObjectID

		undoOK(t, f, mc, token, "pending")
		sameComment(t, "after undoing the ban", before, storedComment(t, f, c.ID))
		auditUndo(t, f, "Mala Moderator", "comment", c.ID, fmt.Sprintf("undid reject of comment %d", c.ID), store.CommentRejected, store.CommentPending)
		auditUndo(t, f, "Mala Moderator", "ban", banID, fmt.Sprintf("undid ban %d", banID), "banned", "lifted")
		troll.postOK(t, a.ID, commentIn{Name: "Sunil", Email: "sunil@reader.test", Body: polite(6)})
		lacks(t, "bans in force after the undo", getPage(t, f, mc, "/newsroom/comments/bans").body, "sunil@reader.test")

		// Lifting a ban for good, then undoing that, bans for good again.
		d := newVisitor(t, f, false)
		dc := d.postOK(t, a.ID, commentIn{Name: "Nuwan", Email: "nuwan@reader.test", Body: polite(7)})
		decideInQueue(t, f, mc, dc.ID, "ban", url.Values{"ban_for": {"0"}})
		r := getPage(t, f, mc, "/newsroom/comments/bans?q=nuwan")
		m := regexp.MustCompile(`action="/newsroom/comments/bans/(\d+)/lift"`).FindStringSubmatch(r.body)
		if m == nil {
			t.Fatalf("no lift button\n%s", mainText(r.body))
		}
		lift := expectDecided(t, postForm(t, f, mc, "/newsroom/comments/bans/"+m[1]+"/lift", nil), "lift", "/newsroom/comments/bans", "ban-lifted")
		d.postOK(t, a.ID, commentIn{Name: "Nuwan", Email: "nuwan@reader.test", Body: polite(8)})
		token = undoToken(t, f, mc, "/newsroom/comments/bans", lift, "Ban lifted.")
		// The bans page has no keyboard shortcuts, so its notice names none.
		lacks(t, "the bans page's notice", getPage(t, f, mc, fmt.Sprintf("/newsroom/comments/bans?undo=%d", lift)).body, "<kbd>u</kbd>")
		undo(t, f, mc, token, "").expectRedirect(t, "undo the lift", "/newsroom/comments/bans?done=undone")
		d.comment(t, a.ID, commentIn{Name: "Nuwan", Email: "nuwan@reader.test", Body: polite(9)}).
			expect(t, "banned again", http.StatusForbidden, "no longer comment")
		getPage(t, f, mc, "/newsroom/comments/bans?q=nuwan").expect(t, http.StatusOK, "nuwan@reader.test", "for good")
	})
}

// TestUndoRefusedWhenTooLateOrOvertaken: after the window, or once another
// moderator or readers have changed the comment, the undo is refused with a
// reason and changes nothing.
func TestUndoRefusedWhenTooLateOrOvertaken(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		other := loginAs(t, f, newMember(t, f, auth.Moderator, "Nimal Moderator"))

		// Another moderator decides after Mala: her undo would clobber it.
		c := postFresh(t, f, a.ID, commentIn{Name: "Amal", Body: polite(1)})
		decision := decideInQueue(t, f, mc, c.ID, "approve", nil)
		token := undoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, "Approved comment")
		decideInQueue(t, f, other, c.ID, "reject", url.Values{"tab": {"approved"}, "reason": {"defamatory"}})
		overtaken := storedComment(t, f, c.ID)
		undo(t, f, mc, token, "pending").expect(t, http.StatusConflict, fmt.Sprintf("comment %d changed since the decision", c.ID), "Nothing was changed")
		sameComment(t, "after the refused undo", overtaken, storedComment(t, f, c.ID))

		// Approving the same comment again is a later decision too.
		c = postFresh(t, f, a.ID, commentIn{Name: "Bimal", Body: polite(2)})
		decision = decideInQueue(t, f, mc, c.ID, "approve", nil)
		token = undoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, "Approved comment")
		decideInQueue(t, f, other, c.ID, "approve", url.Values{"tab": {"approved"}})
		undo(t, f, mc, token, "pending").expect(t, http.StatusConflict, "changed since the decision")
		expectStatus(t, f, c.ID, store.CommentApproved)

		// A reader's flag on the approved comment changes it as well.
		c = postFresh(t, f, a.ID, commentIn{Name: "Chamal", Body: polite(3)})
		decision = decideInQueue(t, f, mc, c.ID, "approve", nil)
		token = undoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, "Approved comment")
		newVisitor(t, f, false).flag(t, c.ID, "spam", "").expect(t, "flag", http.StatusCreated, "")
		undo(t, f, mc, token, "pending").expect(t, http.StatusConflict, "changed since the decision")
		if got := expectStatus(t, f, c.ID, store.CommentApproved); got.Flags != 1 {
			t.Errorf("the refused undo changed the flags: %d", got.Flags)
		}

		// Too late: the window has passed.
		c = postFresh(t, f, a.ID, commentIn{Name: "Dilan", Body: polite(4)})
		decision = decideInQueue(t, f, mc, c.ID, "approve", nil)
		token = undoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, "Approved comment")
		approved := storedComment(t, f, c.ID)
		audit := len(commentAudit(t, f, "comment", c.ID))
		expireUndos(t, e)
		noUndoOffered(t, f, mc, "the notice after the window", fmt.Sprintf("/newsroom/comments?undo=%d&done=decided", decision))
		undo(t, f, mc, token, "pending").expect(t, http.StatusGone, "Too late to undo", "10 minutes")
		sameComment(t, "after the late undo", approved, storedComment(t, f, c.ID))
		if n := len(commentAudit(t, f, "comment", c.ID)); n != audit {
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
		f := newFixture(t, e)
		a := f.staff
		mala := newMember(t, f, auth.Moderator, "Mala Moderator")
		mc := loginAs(t, f, mala)
		c := postFresh(t, f, a.ID, commentIn{Name: "Amal", Body: polite(1)})
		decision := decideInQueue(t, f, mc, c.ID, "approve", nil)
		token := undoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, "Approved comment")
		notice := fmt.Sprintf("/newsroom/comments?undo=%d&done=decided", decision)

		for _, who := range []member{newMember(t, f, auth.Moderator, "Nimal Moderator"), newMember(t, f, auth.Admin, "Asha Admin")} {
			wc := loginAs(t, f, who)
			r := getPage(t, f, wc, notice)
			r.expect(t, http.StatusOK)
			lacks(t, who.Name+"'s view of Mala's notice", r.body, token, "Approved comment")
			undo(t, f, wc, token, "pending").expect(t, http.StatusForbidden, "Only the moderator who made a decision can undo it.")
			expectStatus(t, f, c.ID, store.CommentApproved)
		}
		for _, role := range []auth.Role{auth.Reporter, auth.Editor} {
			rc := loginAs(t, f, newMember(t, f, role, strings.ToUpper(string(role[:1]))+string(role[1:])+" Person"))
			undo(t, f, rc, token, "pending").expect(t, http.StatusForbidden, "Your role does not allow you to undo")
			expectStatus(t, f, c.ID, store.CommentApproved)
		}
		// Without a session the button is refused too.
		undo(t, f, newBrowser(t), token, "pending").expect(t, http.StatusUnauthorized)

		// Mala, moved to the reporters' desk, can no longer undo.
		if err := f.store.SetRoleActive(context.Background(), mala.ID, string(auth.Reporter), true, store.Change{Actor: "test", Action: "role"}); err != nil {
			t.Fatal(err)
		}
		undo(t, f, mc, token, "pending").expect(t, http.StatusForbidden, "Your role does not allow you to undo")
		expectStatus(t, f, c.ID, store.CommentApproved)
	})
}

// TestUndoNeedsTheNoticesToken: the Undo button posts a secret only the
// decider's notice carries, and a cross-site post is refused before it is
// read, so another site cannot make a moderator's browser undo anything.
func TestUndoNeedsTheNoticesToken(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		c := postFresh(t, f, f.staff.ID, commentIn{Name: "Amal", Body: polite(1)})
		decision := decideInQueue(t, f, mc, c.ID, "approve", nil)
		token := undoToken(t, f, mc, "/newsroom/comments?tab=pending", decision, "Approved comment")

		for _, site := range []string{"cross-site", "same-site"} {
			req, err := http.NewRequest(http.MethodPost, f.srv.URL+"/newsroom/comments/undo",
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
		postForm(t, f, mc, "/newsroom/comments/undo", url.Values{"tab": {"pending"}}).
			expect(t, http.StatusForbidden, "This undo form is not one the newsroom gave you.")
		undo(t, f, mc, strings.Repeat("A", 26), "pending").expect(t, http.StatusNotFound, "There is no such decision to undo.")
		expectStatus(t, f, c.ID, store.CommentApproved)

		undoOK(t, f, mc, token, "pending")
		expectStatus(t, f, c.ID, store.CommentPending)
	})
}
