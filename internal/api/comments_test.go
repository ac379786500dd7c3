package api_test

import (
	"net/http"
	"reflect"
	"slices"
	"testing"

	"dateline/internal/auth"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

func TestCommentAPIPostAndCheck(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff

		r := servertest.NewVisitor(t, f, false).Comment(t, a.ID, servertest.CommentIn{Name: "Kasun", Body: servertest.Polite(3)})
		r.Expect(t, "clean comment", http.StatusAccepted, "")
		if cc := r.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("post answer Cache-Control %q, want no-store", cc)
		}
		servertest.Contains(t, "clean comment answer", r.Body, `"findings":[`) // a list, never null
		clean := servertest.OutcomeOf(t, r)
		if clean.ID < 1 || clean.Status != store.CommentPending {
			t.Fatalf("clean comment: %s", r.Body)
		}
		if fi, ok := servertest.FindingOf(clean.Findings, "outside-link"); ok {
			t.Errorf("clean comment has an outside-link finding: %+v", fi)
		}
		servertest.ExpectStatus(t, f, clean.ID, store.CommentPending)

		linked := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Ayesha", Email: "ayesha@reader.test", Body: servertest.LinkBody})
		if linked.Status != store.CommentPending {
			t.Fatalf("linked comment: %+v, want pending", linked)
		}
		servertest.ExpectLinkFinding(t, "posted link", servertest.LinkBody, linked.Findings)
		// What the reader was told is what moderators will see.
		if got := servertest.StoredFindings(t, servertest.StoredComment(t, f, linked.ID)); !reflect.DeepEqual(got, linked.Findings) {
			t.Errorf("stored findings %+v, answered %+v", got, linked.Findings)
		}

		// The live check stores nothing and promises nothing.
		before := servertest.CommentTotal(t, f)
		checker := servertest.NewVisitor(t, f, false)
		check := func(body any) servertest.APIReply {
			return checker.JSON(t, http.MethodPost, "/api/v1/comments/check", body)
		}
		r = check(map[string]any{"article_id": a.ID, "body": servertest.LinkBody})
		r.Expect(t, "check a link", http.StatusOK, "")
		servertest.Lacks(t, "check answer", r.Body, `"id"`)
		out := servertest.OutcomeOf(t, r)
		if out.Status != store.CommentPending {
			t.Errorf("check of a link: status %q, want pending", out.Status)
		}
		servertest.ExpectLinkFinding(t, "checked link", servertest.LinkBody, out.Findings)
		r = check(map[string]any{"article_id": a.ID, "name": "Kasun", "body": servertest.Polite(4)})
		r.Expect(t, "check clean text", http.StatusOK, "")
		if out := servertest.OutcomeOf(t, r); out.Status != store.CommentPending || out.Findings == nil {
			t.Errorf("check of clean text: %s", r.Body)
		} else if fi, ok := servertest.FindingOf(out.Findings, "outside-link"); ok {
			t.Errorf("check of clean text: outside-link %+v", fi)
		}
		for _, tc := range []struct {
			name   string
			body   any
			status int
			says   string
		}{
			{"no article", map[string]any{"body": servertest.Polite(4)}, 400, "article_id"},
			{"unknown article", map[string]any{"article_id": 999999, "body": servertest.Polite(4)}, 404, "no such published article"},
			{"draft", map[string]any{"article_id": f.Draft.ID, "body": servertest.Polite(4)}, 404, "no such published article"},
			{"empty body", map[string]any{"article_id": a.ID, "body": "  "}, 400, "empty"},
			{"not JSON", `article_id=1`, 400, "not valid JSON"},
		} {
			check(tc.body).Expect(t, "check "+tc.name, tc.status, tc.says)
		}
		if after := servertest.CommentTotal(t, f); after != before {
			t.Fatalf("the check stored comments: %d before, %d after", before, after)
		}
		if ids := servertest.ListedIDs(t, f, a.ID); len(ids) != 0 {
			t.Fatalf("pending comments in the public list: %v", ids)
		}
	})
}

func TestCommentAdminAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		mod := servertest.NewTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		rep := servertest.NewTokenUser(t, f, auth.Reporter, "Rani Reporter")
		ed := servertest.NewTokenUser(t, f, auth.Editor, "Eran Editor")
		adm := servertest.NewTokenUser(t, f, auth.Admin, "Asha Admin")
		p := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Priya", Email: "priya@reader.test", Body: servertest.LinkBody})
		other := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Kasun", Body: servertest.Polite(0)})

		type adminComment struct {
			ID        int64                `json:"id"`
			ArticleID int64                `json:"article_id"`
			Name      string               `json:"name"`
			Email     string               `json:"email"`
			Body      string               `json:"body"`
			Status    string               `json:"status"`
			Reason    string               `json:"reason"`
			Flags     int                  `json:"flags"`
			Findings  []servertest.Finding `json:"findings"`
		}
		type adminList struct {
			Items []adminComment `json:"items"`
			Page  int            `json:"page"`
			Total int            `json:"total"`
		}
		list := func(token, query string) (servertest.APIReply, adminList) {
			t.Helper()
			r := f.CallAdminAPI(token, http.MethodGet, "/api/v1/admin/comments"+query, nil)
			var l adminList
			if r.Status == http.StatusOK {
				r.Decode(t, &l)
			}
			return r, l
		}

		r, l := list(mod.Token, "?status=pending")
		r.Expect(t, "moderator lists pending", http.StatusOK, "")
		if cc := r.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("admin comment list Cache-Control %q, want no-store", cc)
		}
		if l.Total != 2 || l.Page != 1 || len(l.Items) != 2 {
			t.Fatalf("pending list: %+v", l)
		}
		got := l.Items[slices.IndexFunc(l.Items, func(c adminComment) bool { return c.ID == p.ID })]
		if got.ArticleID != a.ID || got.Name != "Priya" || got.Email != "priya@reader.test" || got.Body != servertest.LinkBody || got.Status != string(store.CommentPending) {
			t.Fatalf("pending comment as moderators see it: %+v", got)
		}
		servertest.ExpectLinkFinding(t, "admin list", servertest.LinkBody, got.Findings)
		if _, l := list(mod.Token, ""); l.Total != 2 {
			t.Errorf("the list without a status: %+v, want the pending ones", l)
		}
		r, _ = list(adm.Token, "?status=pending")
		r.Expect(t, "admin lists pending", http.StatusOK, "")
		for _, u := range []servertest.TokenUser{rep, ed} {
			r, _ = list(u.Token, "?status=pending")
			r.Expect(t, u.Role+" lists pending", http.StatusForbidden, "moderate comments")
		}
		r, _ = list("", "?status=pending")
		r.Expect(t, "no token", http.StatusUnauthorized, "")
		r, _ = list(mod.Token, "?status=spam")
		r.Expect(t, "unknown status", http.StatusBadRequest, "status must be")
		r, _ = list(mod.Token, "?page=0")
		r.Expect(t, "page 0", http.StatusBadRequest, "page")

		f.CallAdminAPI(rep.Token, http.MethodPost, servertest.AdminCommentPath(p.ID, "approve"), nil).Expect(t, "reporter approves", http.StatusForbidden, "moderate comments")
		servertest.ExpectStatus(t, f, p.ID, store.CommentPending)
		r = f.CallAdminAPI(mod.Token, http.MethodPost, servertest.AdminCommentPath(p.ID, "approve"), nil)
		r.Expect(t, "moderator approves", http.StatusOK, "")
		var decided adminComment
		r.Decode(t, &decided)
		if decided.ID != p.ID || decided.Status != string(store.CommentApproved) {
			t.Fatalf("approved: %s", r.Body)
		}
		if ids := servertest.ListedIDs(t, f, a.ID); !slices.Equal(ids, []int64{p.ID}) {
			t.Fatalf("public list %v, want [%d]", ids, p.ID)
		}
		if _, l := list(mod.Token, "?status=approved"); l.Total != 1 || l.Items[0].ID != p.ID {
			t.Errorf("approved list: %+v", l)
		}

		f.CallAdminAPI(mod.Token, http.MethodPost, servertest.AdminCommentPath(other.ID, "reject"), nil).Expect(t, "reject without a reason", http.StatusBadRequest, "reason")
		f.CallAdminAPI(mod.Token, http.MethodPost, servertest.AdminCommentPath(other.ID, "reject"), map[string]string{"reason": " "}).
			Expect(t, "reject with a blank reason", http.StatusBadRequest, "reason")
		servertest.ExpectStatus(t, f, other.ID, store.CommentPending)
		r = f.CallAdminAPI(mod.Token, http.MethodPost, servertest.AdminCommentPath(other.ID, "reject"), map[string]string{"reason": "off-topic"})
		r.Expect(t, "reject", http.StatusOK, "")
		r.Decode(t, &decided)
		if decided.Status != string(store.CommentRejected) || decided.Reason != "off-topic" {
			t.Fatalf("rejected: %s", r.Body)
		}
		f.CallAdminAPI(mod.Token, http.MethodPost, servertest.AdminCommentPath(999999, "approve"), nil).Expect(t, "unknown comment", http.StatusNotFound, "no comment with id 999999")
		f.CallAdminAPI(mod.Token, http.MethodPost, "/api/v1/admin/comments/abc/approve", nil).Expect(t, "id not a number", http.StatusBadRequest, "positive whole number")

		if log := servertest.CommentAudit(t, f, "comment", p.ID); !servertest.HasEntry(log, "Tharaka Moderator", "approve", store.CommentPending, store.CommentApproved) {
			t.Errorf("the API approval is not audited: %+v", log)
		}
		if log := servertest.CommentAudit(t, f, "comment", other.ID); !servertest.HasEntry(log, "Tharaka Moderator", "reject", store.CommentPending, store.CommentRejected) {
			t.Errorf("the API rejection is not audited: %+v", log)
		}
	})
}
