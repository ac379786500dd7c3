package server_test

import (
	"fmt"
	"net/http"
	"net/http/cookiejar"
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

// madeUp are reader cookie values a script invents: the shape the site's
// cookies had before they were signed, and a forged signature.
var madeUp = []string{"00112233445566778899aabbccddeeff", "ffeeddccbbaa99887766554433221100",
	"0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef"}

// TestCommentFlagOneAddressCannotHideAlone: one person at one address
// cannot hide a comment by sending a new reader cookie (made up, or signed
// by the site) or a new browser name with each flag, on the API or the form:
// each reader's flag reaches the moderators, but hiding counts addresses.
// Flags from other addresses do hide it.
func TestCommentFlagOneAddressCannotHideAlone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		tok := servertest.NewTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		c := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Chamara", Body: servertest.Polite(7)})
		servertest.ApproveByAPI(t, f, tok.Token, c.ID)

		script := servertest.NewVisitor(t, f, false)
		script.FlagWithCookie(t, madeUp[0], c.ID).Expect(t, "first flag", http.StatusCreated, "")
		// A made-up cookie is no cookie: the same address and browser.
		script.FlagWithCookie(t, madeUp[1], c.ID).Expect(t, "second flag with another made-up cookie", http.StatusConflict, "already flagged")
		// A new browser name, or cookies the site signed, fetched one after
		// another from the same address, are each let flag once...
		script.UA = "Mozilla/5.0 DatelineOtherBrowser/1"
		script.FlagWithCookie(t, madeUp[2], c.ID).Expect(t, "flag under another browser name", http.StatusCreated, "")
		// (The address's rate limit stops the script after a few.)
		formPath := fmt.Sprintf("/comments/%d/flag", c.ID)
		handOut := script.Send(t, http.MethodPost, formPath, "application/x-www-form-urlencoded", strings.NewReader("reason=spam"))
		handOut.ExpectHandOut(t, "a post without a cookie", formPath)
		script.FlagWithCookie(t, servertest.SignedCookie(t, handOut), c.ID).Expect(t, "flag with a fresh signed cookie", http.StatusCreated, "")
		// ...and every one reaches the moderators, but the comment stays up:
		// they all came from one address.
		if got := servertest.StoredComment(t, f, c.ID); got.Status != store.CommentApproved || got.Flags != 3 {
			t.Fatalf("after three flags from one address: %s with %d flags, want approved with 3", got.Status, got.Flags)
		}
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		servertest.GetPage(t, f, mc, "/newsroom/comments?tab=flagged").Expect(t, http.StatusOK, "3 flag(s) from 1 address(es):")

		// Readers at two more addresses: the third address hides it.
		getter := servertest.NewVisitor(t, f, true)
		got := getter.Form(t, formPath, url.Values{"reason": {"spam"}})
		got.ExpectRedirect(t, "another reader flags on the form", a.Path()+"?flagged=1#comments")
		servertest.ExpectStatus(t, f, c.ID, store.CommentApproved)
		// The same reader's cookie from elsewhere is still the same reader.
		servertest.NewVisitor(t, f, false).FlagWithCookie(t, servertest.SignedCookie(t, got), c.ID).
			Expect(t, "the second address's cookie from a third", http.StatusConflict, "already flagged")
		r := servertest.NewVisitor(t, f, false).Flag(t, c.ID, "spam", "")
		r.Expect(t, "a reader at a third address", http.StatusCreated, "")
		var answer servertest.FlagAnswer
		if r.Decode(t, &answer); !answer.Hidden {
			t.Fatalf("flags from three addresses did not hide the comment: %s", r.Body)
		}
		servertest.ExpectStatus(t, f, c.ID, store.CommentReported)

		// The form without cookies: the first post is handed a signed cookie
		// in place of the made-up one; a browser that does not keep it is
		// known by address and browser, so made-up cookies add nothing.
		d := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Dilini", Body: servertest.Polite(8)})
		servertest.ApproveByAPI(t, f, tok.Token, d.ID)
		form := servertest.NewVisitor(t, f, false)
		path := fmt.Sprintf("/comments/%d/flag", d.ID)
		body := url.Values{"reason": {"spam"}}.Encode()
		first := form.WithCookie(t, madeUp[0], http.MethodPost, path, "application/x-www-form-urlencoded", strings.NewReader(body))
		first.ExpectHandOut(t, "first form flag", path)
		if fresh := servertest.SignedCookie(t, first); fresh == madeUp[0] || !strings.Contains(fresh, ".") {
			t.Errorf("a made-up cookie was not replaced by a signed one: %q", fresh)
		}
		if cc := first.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("the answer that hands out a reader cookie is cacheable: Cache-Control %q", cc)
		}
		form.WithCookie(t, madeUp[0], http.MethodPost, path+"?reader=new", "application/x-www-form-urlencoded", strings.NewReader(body)).
			ExpectRedirect(t, "the form flag sent again without keeping the cookie", a.Path()+"?flagged=1#comments")
		for _, v := range madeUp[1:] {
			form.WithCookie(t, v, http.MethodPost, path+"?reader=new", "application/x-www-form-urlencoded", strings.NewReader(body)).
				Expect(t, http.StatusConflict, "You have already flagged this comment.")
		}
		if got := servertest.StoredComment(t, f, d.ID); got.Status != store.CommentApproved || got.Flags != 1 {
			t.Fatalf("after three form flags from one cookieless browser: %s with %d flags, want approved with 1", got.Status, got.Flags)
		}
	})
}

// TestCommentFlagReadersSharingAnAddress: two people behind one public
// address with the same phone browser (a Sri Lankan mobile network) are two
// readers: each flags once, neither is told they already flagged, and the
// same reader's second flag is refused.
func TestCommentFlagReadersSharingAnAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		tok := servertest.NewTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		c := servertest.PostFresh(t, f, a.ID, servertest.CommentIn{Name: "Chamara", Body: servertest.Polite(7)})
		servertest.ApproveByAPI(t, f, tok.Token, c.ID)
		first := servertest.NewVisitor(t, f, true)
		second := sameAddress(t, first)
		path := fmt.Sprintf("/comments/%d/flag", c.ID)
		for i, v := range []*servertest.Visitor{first, second} {
			v.Form(t, path, url.Values{"reason": {"spam"}}).
				ExpectRedirect(t, fmt.Sprintf("reader %d flags", i+1), a.Path()+"?flagged=1#comments")
		}
		first.Form(t, path, url.Values{"reason": {"obscene"}}).Expect(t, http.StatusConflict, "You have already flagged this comment.")
		if got := servertest.StoredComment(t, f, c.ID); got.Status != store.CommentApproved || got.Flags != 2 {
			t.Fatalf("after two readers behind one address flagged: %s with %d flags, want approved with 2", got.Status, got.Flags)
		}
	})
}

// sameAddress is another browser (its own cookies) on v's address with v's
// browser name: a second reader on the same network and phone.
func sameAddress(t *testing.T, v *servertest.Visitor) *servertest.Visitor {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := *v.Client
	c.Jar = jar
	return &servertest.Visitor{Fixture: v.Fixture, UA: v.UA, Client: &c}
}

// TestCommentMadeUpCookieIsNoReader: a reader cookie the site did not sign
// is no cookie at all, so made-up values do not make new visitors (the key
// the spam checks and bans count by), while the site's own signed cookie
// keeps a browser one visitor, and a ban on it holds.
func TestCommentMadeUpCookieIsNoReader(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		script := servertest.NewVisitor(t, f, false)
		var visitors []string
		for i, v := range madeUp {
			r := script.WithCookie(t, v, http.MethodPost, servertest.CommentsPath(a.ID), "application/json",
				strings.NewReader(fmt.Sprintf(`{"name":"Sunil","body":%q}`, servertest.Polite(i))))
			out := servertest.OutcomeOf(t, servertest.APIReply{Status: r.Status, Header: r.Header, Body: r.Body})
			visitors = append(visitors, servertest.StoredComment(t, f, out.ID).Visitor)
		}
		plain := script.PostOK(t, a.ID, servertest.CommentIn{Name: "Sunil", Body: servertest.Polite(3)})
		for i, v := range visitors {
			if v != servertest.StoredComment(t, f, plain.ID).Visitor {
				t.Errorf("comment %d with made-up cookie %q was stored as a visitor of its own", i, madeUp[i])
			}
		}

		// A browser: its first post sets the signed cookie, its second
		// carries it. Banning the second's author stops the browser even
		// under another browser name.
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		browser := servertest.NewVisitor(t, f, true)
		formPath := fmt.Sprintf("/news/%d/comments", a.ID)
		// Short comments, which are no spam however soon they are sent.
		r := browser.Form(t, formPath, servertest.CommentForm("Nuwan", "", "Well reported.", ""))
		servertest.YourCommentID(t, r, a)
		servertest.SignedCookie(t, r)
		second := servertest.YourCommentID(t, browser.Form(t, formPath, servertest.CommentForm("Nuwan", "", "Agreed, well put.", "")), a)
		servertest.DecideInQueue(t, f, mc, second, "ban", url.Values{"ban_for": {"24h"}})
		browser.UA = "Mozilla/5.0 DatelineOtherBrowser/2"
		before := servertest.CommentTotal(t, f)
		browser.Form(t, formPath, servertest.CommentForm("Nuwan", "", servertest.Polite(6), "")).Expect(t, http.StatusForbidden, "You can no longer comment on this site.")
		browser.Comment(t, a.ID, servertest.CommentIn{Name: "Nuwan", Body: servertest.Polite(7)}).Expect(t, "banned browser on the API", http.StatusForbidden, "no longer comment")
		if after := servertest.CommentTotal(t, f); after != before {
			t.Errorf("a banned browser's comments were stored: %d before, %d after", before, after)
		}
	})
}

// TestCommentFlagsFromOneIPv6NetworkCountOnce: flags from different /64s of
// one /48 (what one home or office, or a free tunnel, holds) reach the
// moderators but count as one address for hiding; the third /48 hides the
// comment. Before, three /64s of one /56 hid a comment.
func TestCommentFlagsFromOneIPv6NetworkCountOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e, "--trusted-proxies", "127.0.0.1")
		tok := servertest.NewTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		c := servertest.PostFresh(t, f, f.Staff.ID, servertest.CommentIn{Name: "Chamara", Body: servertest.Polite(7)})
		servertest.ApproveByAPI(t, f, tok.Token, c.ID)
		flag := func(from string) int {
			t.Helper()
			req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/v1/comments/%d/flags", f.Srv.URL, c.ID), strings.NewReader(`{"reason":"spam"}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Forwarded-For", from)
			req.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}
		got := []int{flag("2001:db8:ee:100::1"), flag("2001:db8:ee:101::1"), flag("2001:db8:ee:1ff::9")}
		if got[0] != http.StatusCreated || got[1] != http.StatusCreated || got[2] != http.StatusCreated {
			t.Fatalf("flags from three /64s of one /48: %v, want each taken for the moderators", got)
		}
		if s := flag("2001:db8:ef::1"); s != http.StatusCreated {
			t.Fatalf("a flag from another /48: %d, want 201", s)
		}
		if got := servertest.StoredComment(t, f, c.ID); got.Status != store.CommentApproved || got.Flags != 4 {
			t.Fatalf("after flags from two /48s: %s with %d flags, want approved with 4", got.Status, got.Flags)
		}
		if s := flag("2001:db8:f0::1"); s != http.StatusCreated {
			t.Fatalf("a flag from a third /48: %d, want 201", s)
		}
		servertest.ExpectStatus(t, f, c.ID, store.CommentReported)
	})
}

// TestCommentSingleFlagIsVisibleToModerators: one reader's flag, far below
// the threshold that hides a comment, already shows in the queue's Flagged
// tab with its reason.
func TestCommentSingleFlagIsVisibleToModerators(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		tok := servertest.NewTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		c := servertest.PostFresh(t, f, f.Staff.ID, servertest.CommentIn{Name: "Chamara", Body: servertest.Polite(9)})
		servertest.ApproveByAPI(t, f, tok.Token, c.ID)
		servertest.GetPage(t, f, mc, "/newsroom/comments?tab=flagged").Expect(t, http.StatusOK, "Flagged (0)", "Nothing here.")
		servertest.NewVisitor(t, f, false).Flag(t, c.ID, "spam", "").Expect(t, "one flag", http.StatusCreated, "")
		servertest.ExpectStatus(t, f, c.ID, store.CommentApproved)
		r := servertest.GetPage(t, f, mc, "/newsroom/comments?tab=flagged")
		r.Expect(t, http.StatusOK, "Flagged (1)", servertest.Polite(9), "1 flag(s) from 1 address(es):", "spam")
	})
}

// TestCommentBansListedSearchedAndLifted: moderators find a ban by the
// commenter's name or email, lift it with an audit entry, and the reader
// can comment again; reporters cannot see the list.
func TestCommentBansListedSearchedAndLifted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		troll, other := servertest.NewVisitor(t, f, false), servertest.NewVisitor(t, f, false)
		c := troll.PostOK(t, f.Staff.ID, servertest.CommentIn{Name: "Sunil Troll", Email: "sunil@reader.test", Body: servertest.Polite(4)})
		d := other.PostOK(t, f.Staff.ID, servertest.CommentIn{Name: "Kamala", Email: "kamala@reader.test", Body: servertest.Polite(5)})
		servertest.DecideInQueue(t, f, mc, c.ID, "ban", url.Values{"ban_for": {"168h"}, "reason": {"abuse of other readers"}})
		servertest.DecideInQueue(t, f, mc, d.ID, "ban", url.Values{"ban_for": {"0"}})

		servertest.GetPage(t, f, mc, "/newsroom/comments/bans").Expect(t, http.StatusOK, "Sunil Troll", "sunil@reader.test", "abuse of other readers", "Kamala", "for good")
		r := servertest.GetPage(t, f, mc, "/newsroom/comments/bans?q=SUNIL")
		r.Expect(t, http.StatusOK, "Sunil Troll")
		servertest.Lacks(t, "a search for Sunil", r.Body, "kamala@reader.test")
		m := regexp.MustCompile(`action="(/newsroom/comments/bans/\d+/lift)"`).FindStringSubmatch(r.Body)
		if m == nil {
			t.Fatalf("no lift button\n%s", servertest.MainText(r.Body))
		}
		rc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Reporter, "Rani Reporter"))
		servertest.GetPage(t, f, rc, "/newsroom/comments/bans").Expect(t, http.StatusForbidden)
		servertest.PostForm(t, f, rc, m[1], nil).Expect(t, http.StatusForbidden)

		troll.Comment(t, f.Staff.ID, servertest.CommentIn{Name: "Sunil Troll", Email: "sunil@reader.test", Body: servertest.Polite(6)}).
			Expect(t, "banned", http.StatusForbidden, "no longer comment")
		servertest.ExpectDecided(t, servertest.PostForm(t, f, mc, m[1], nil), "lift", "/newsroom/comments/bans", "ban-lifted")
		servertest.PostForm(t, f, mc, m[1], nil).Expect(t, http.StatusNotFound, "There is no ban in force")
		troll.PostOK(t, f.Staff.ID, servertest.CommentIn{Name: "Sunil Troll", Email: "sunil@reader.test", Body: servertest.Polite(7)})

		r = servertest.GetPage(t, f, mc, "/newsroom/comments/bans")
		servertest.Lacks(t, "active bans after the lift", r.Body, "sunil@reader.test")
		servertest.GetPage(t, f, mc, "/newsroom/comments/bans?all=1").Expect(t, http.StatusOK, "sunil@reader.test", "ended")
		if log := servertest.CommentAudit(t, f, "ban", 0); !slices.ContainsFunc(log, func(e store.AuditEntry) bool {
			return e.Actor == "Mala Moderator" && e.Action == "lift-ban" && e.AfterStatus == "lifted"
		}) {
			t.Errorf("the lift is not audited: %+v", log)
		}
	})
}
