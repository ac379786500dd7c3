package server_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"dateline/internal/auth"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// withCookie makes a request as this visitor with a reader cookie of the
// visitor's own choosing, as a script can send any value it likes.
func (v *visitor) withCookie(t *testing.T, cookie, method, path, contentType string, body io.Reader) pageReply {
	t.Helper()
	req, err := http.NewRequest(method, v.f.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("User-Agent", v.ua)
	req.Header.Set("Content-Type", contentType)
	req.AddCookie(&http.Cookie{Name: "dateline_reader", Value: cookie})
	return send(t, v.f, v.client, req)
}

// flagWithCookie flags a comment through the API with a chosen cookie.
func (v *visitor) flagWithCookie(t *testing.T, cookie string, id int64) apiReply {
	t.Helper()
	r := v.withCookie(t, cookie, http.MethodPost, fmt.Sprintf("/api/v1/comments/%d/flags", id), "application/json",
		strings.NewReader(`{"reason":"spam","note":""}`))
	return apiReply{status: r.status, header: r.header, body: r.body}
}

// signedCookie is the reader cookie the site gave a browser visitor.
func signedCookie(t *testing.T, r pageReply) string {
	t.Helper()
	for _, c := range r.cookies {
		if c.Name == "dateline_reader" {
			return c.Value
		}
	}
	t.Fatalf("%s set no reader cookie", r)
	return ""
}

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
		f := newFixture(t, e)
		a := f.staff
		tok := newTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		c := postFresh(t, f, a.ID, commentIn{Name: "Chamara", Body: polite(7)})
		approveByAPI(t, f, tok.token, c.ID)

		script := newVisitor(t, f, false)
		script.flagWithCookie(t, madeUp[0], c.ID).expect(t, "first flag", http.StatusCreated, "")
		// A made-up cookie is no cookie: the same address and browser.
		script.flagWithCookie(t, madeUp[1], c.ID).expect(t, "second flag with another made-up cookie", http.StatusConflict, "already flagged")
		// A new browser name, or cookies the site signed, fetched one after
		// another from the same address, are each let flag once...
		script.ua = "Mozilla/5.0 DatelineOtherBrowser/1"
		script.flagWithCookie(t, madeUp[2], c.ID).expect(t, "flag under another browser name", http.StatusCreated, "")
		// (The address's rate limit stops the script after a few.)
		formPath := fmt.Sprintf("/comments/%d/flag", c.ID)
		handOut := script.send(t, http.MethodPost, formPath, "application/x-www-form-urlencoded", strings.NewReader("reason=spam"))
		handOut.expectHandOut(t, "a post without a cookie", formPath)
		script.flagWithCookie(t, signedCookie(t, handOut), c.ID).expect(t, "flag with a fresh signed cookie", http.StatusCreated, "")
		// ...and every one reaches the moderators, but the comment stays up:
		// they all came from one address.
		if got := storedComment(t, f, c.ID); got.Status != store.CommentApproved || got.Flags != 3 {
			t.Fatalf("after three flags from one address: %s with %d flags, want approved with 3", got.Status, got.Flags)
		}
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		getPage(t, f, mc, "/newsroom/comments?tab=flagged").expect(t, http.StatusOK, "3 flag(s) from 1 address(es):")

		// Readers at two more addresses: the third address hides it.
		getter := newVisitor(t, f, true)
		got := getter.form(t, formPath, url.Values{"reason": {"spam"}})
		got.expectRedirect(t, "another reader flags on the form", a.Path()+"?flagged=1#comments")
		expectStatus(t, f, c.ID, store.CommentApproved)
		// The same reader's cookie from elsewhere is still the same reader.
		newVisitor(t, f, false).flagWithCookie(t, signedCookie(t, got), c.ID).
			expect(t, "the second address's cookie from a third", http.StatusConflict, "already flagged")
		r := newVisitor(t, f, false).flag(t, c.ID, "spam", "")
		r.expect(t, "a reader at a third address", http.StatusCreated, "")
		var answer flagAnswer
		if r.decode(t, &answer); !answer.Hidden {
			t.Fatalf("flags from three addresses did not hide the comment: %s", r.body)
		}
		expectStatus(t, f, c.ID, store.CommentReported)

		// The form without cookies: the first post is handed a signed cookie
		// in place of the made-up one; a browser that does not keep it is
		// known by address and browser, so made-up cookies add nothing.
		d := postFresh(t, f, a.ID, commentIn{Name: "Dilini", Body: polite(8)})
		approveByAPI(t, f, tok.token, d.ID)
		form := newVisitor(t, f, false)
		path := fmt.Sprintf("/comments/%d/flag", d.ID)
		body := url.Values{"reason": {"spam"}}.Encode()
		first := form.withCookie(t, madeUp[0], http.MethodPost, path, "application/x-www-form-urlencoded", strings.NewReader(body))
		first.expectHandOut(t, "first form flag", path)
		if fresh := signedCookie(t, first); fresh == madeUp[0] || !strings.Contains(fresh, ".") {
			t.Errorf("a made-up cookie was not replaced by a signed one: %q", fresh)
		}
		if cc := first.header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("the answer that hands out a reader cookie is cacheable: Cache-Control %q", cc)
		}
		form.withCookie(t, madeUp[0], http.MethodPost, path+"?reader=new", "application/x-www-form-urlencoded", strings.NewReader(body)).
			expectRedirect(t, "the form flag sent again without keeping the cookie", a.Path()+"?flagged=1#comments")
		for _, v := range madeUp[1:] {
			form.withCookie(t, v, http.MethodPost, path+"?reader=new", "application/x-www-form-urlencoded", strings.NewReader(body)).
				expect(t, http.StatusConflict, "You have already flagged this comment.")
		}
		if got := storedComment(t, f, d.ID); got.Status != store.CommentApproved || got.Flags != 1 {
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
		f := newFixture(t, e)
		a := f.staff
		tok := newTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		c := postFresh(t, f, a.ID, commentIn{Name: "Chamara", Body: polite(7)})
		approveByAPI(t, f, tok.token, c.ID)
		first := newVisitor(t, f, true)
		second := sameAddress(t, first)
		path := fmt.Sprintf("/comments/%d/flag", c.ID)
		for i, v := range []*visitor{first, second} {
			v.form(t, path, url.Values{"reason": {"spam"}}).
				expectRedirect(t, fmt.Sprintf("reader %d flags", i+1), a.Path()+"?flagged=1#comments")
		}
		first.form(t, path, url.Values{"reason": {"obscene"}}).expect(t, http.StatusConflict, "You have already flagged this comment.")
		if got := storedComment(t, f, c.ID); got.Status != store.CommentApproved || got.Flags != 2 {
			t.Fatalf("after two readers behind one address flagged: %s with %d flags, want approved with 2", got.Status, got.Flags)
		}
	})
}

// expectHandOut checks that a post was answered with a reader cookie and a
// 307 that sends the same post again to path?reader=new.
func (r pageReply) expectHandOut(t *testing.T, what, path string) {
	t.Helper()
	if r.status != http.StatusTemporaryRedirect || r.header.Get("Location") != path+"?reader=new" {
		t.Fatalf("%s (%s): %d to %q, want 307 to %q", what, r, r.status, r.header.Get("Location"), path+"?reader=new")
	}
	signedCookie(t, r)
}

// sameAddress is another browser (its own cookies) on v's address with v's
// browser name: a second reader on the same network and phone.
func sameAddress(t *testing.T, v *visitor) *visitor {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := *v.client
	c.Jar = jar
	return &visitor{f: v.f, ua: v.ua, client: &c}
}

// TestCommentMadeUpCookieIsNoReader: a reader cookie the site did not sign
// is no cookie at all, so made-up values do not make new visitors (the key
// the spam checks and bans count by), while the site's own signed cookie
// keeps a browser one visitor, and a ban on it holds.
func TestCommentMadeUpCookieIsNoReader(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		script := newVisitor(t, f, false)
		var visitors []string
		for i, v := range madeUp {
			r := script.withCookie(t, v, http.MethodPost, commentsPath(a.ID), "application/json",
				strings.NewReader(fmt.Sprintf(`{"name":"Sunil","body":%q}`, polite(i))))
			out := outcomeOf(t, apiReply{status: r.status, header: r.header, body: r.body})
			visitors = append(visitors, storedComment(t, f, out.ID).Visitor)
		}
		plain := script.postOK(t, a.ID, commentIn{Name: "Sunil", Body: polite(3)})
		for i, v := range visitors {
			if v != storedComment(t, f, plain.ID).Visitor {
				t.Errorf("comment %d with made-up cookie %q was stored as a visitor of its own", i, madeUp[i])
			}
		}

		// A browser: its first post sets the signed cookie, its second
		// carries it. Banning the second's author stops the browser even
		// under another browser name.
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		browser := newVisitor(t, f, true)
		formPath := fmt.Sprintf("/news/%d/comments", a.ID)
		// Short comments, which are no spam however soon they are sent.
		r := browser.form(t, formPath, commentForm("Nuwan", "", "Well reported.", ""))
		yourCommentID(t, r, a)
		signedCookie(t, r)
		second := yourCommentID(t, browser.form(t, formPath, commentForm("Nuwan", "", "Agreed, well put.", "")), a)
		decideInQueue(t, f, mc, second, "ban", url.Values{"ban_for": {"24h"}})
		browser.ua = "Mozilla/5.0 DatelineOtherBrowser/2"
		before := commentTotal(t, f)
		browser.form(t, formPath, commentForm("Nuwan", "", polite(6), "")).expect(t, http.StatusForbidden, "You can no longer comment on this site.")
		browser.comment(t, a.ID, commentIn{Name: "Nuwan", Body: polite(7)}).expect(t, "banned browser on the API", http.StatusForbidden, "no longer comment")
		if after := commentTotal(t, f); after != before {
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
		f := newFixture(t, e, "--trusted-proxies", "127.0.0.1")
		tok := newTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		c := postFresh(t, f, f.staff.ID, commentIn{Name: "Chamara", Body: polite(7)})
		approveByAPI(t, f, tok.token, c.ID)
		flag := func(from string) int {
			t.Helper()
			req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/v1/comments/%d/flags", f.srv.URL, c.ID), strings.NewReader(`{"reason":"spam"}`))
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
		if got := storedComment(t, f, c.ID); got.Status != store.CommentApproved || got.Flags != 4 {
			t.Fatalf("after flags from two /48s: %s with %d flags, want approved with 4", got.Status, got.Flags)
		}
		if s := flag("2001:db8:f0::1"); s != http.StatusCreated {
			t.Fatalf("a flag from a third /48: %d, want 201", s)
		}
		expectStatus(t, f, c.ID, store.CommentReported)
	})
}

// TestCommentSingleFlagIsVisibleToModerators: one reader's flag, far below
// the threshold that hides a comment, already shows in the queue's Flagged
// tab with its reason.
func TestCommentSingleFlagIsVisibleToModerators(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		tok := newTokenUser(t, f, auth.Moderator, "Tharaka Moderator")
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		c := postFresh(t, f, f.staff.ID, commentIn{Name: "Chamara", Body: polite(9)})
		approveByAPI(t, f, tok.token, c.ID)
		getPage(t, f, mc, "/newsroom/comments?tab=flagged").expect(t, http.StatusOK, "Flagged (0)", "Nothing here.")
		newVisitor(t, f, false).flag(t, c.ID, "spam", "").expect(t, "one flag", http.StatusCreated, "")
		expectStatus(t, f, c.ID, store.CommentApproved)
		r := getPage(t, f, mc, "/newsroom/comments?tab=flagged")
		r.expect(t, http.StatusOK, "Flagged (1)", polite(9), "1 flag(s) from 1 address(es):", "spam")
	})
}

// TestCommentBansListedSearchedAndLifted: moderators find a ban by the
// commenter's name or email, lift it with an audit entry, and the reader
// can comment again; reporters cannot see the list.
func TestCommentBansListedSearchedAndLifted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		troll, other := newVisitor(t, f, false), newVisitor(t, f, false)
		c := troll.postOK(t, f.staff.ID, commentIn{Name: "Sunil Troll", Email: "sunil@reader.test", Body: polite(4)})
		d := other.postOK(t, f.staff.ID, commentIn{Name: "Kamala", Email: "kamala@reader.test", Body: polite(5)})
		decideInQueue(t, f, mc, c.ID, "ban", url.Values{"ban_for": {"168h"}, "reason": {"abuse of other readers"}})
		decideInQueue(t, f, mc, d.ID, "ban", url.Values{"ban_for": {"0"}})

		getPage(t, f, mc, "/newsroom/comments/bans").expect(t, http.StatusOK, "Sunil Troll", "sunil@reader.test", "abuse of other readers", "Kamala", "for good")
		r := getPage(t, f, mc, "/newsroom/comments/bans?q=SUNIL")
		r.expect(t, http.StatusOK, "Sunil Troll")
		lacks(t, "a search for Sunil", r.body, "kamala@reader.test")
		m := regexp.MustCompile(`action="(/newsroom/comments/bans/\d+/lift)"`).FindStringSubmatch(r.body)
		if m == nil {
			t.Fatalf("no lift button\n%s", mainText(r.body))
		}
		rc := loginAs(t, f, newMember(t, f, auth.Reporter, "Rani Reporter"))
		getPage(t, f, rc, "/newsroom/comments/bans").expect(t, http.StatusForbidden)
		postForm(t, f, rc, m[1], nil).expect(t, http.StatusForbidden)

		troll.comment(t, f.staff.ID, commentIn{Name: "Sunil Troll", Email: "sunil@reader.test", Body: polite(6)}).
			expect(t, "banned", http.StatusForbidden, "no longer comment")
		expectDecided(t, postForm(t, f, mc, m[1], nil), "lift", "/newsroom/comments/bans", "ban-lifted")
		postForm(t, f, mc, m[1], nil).expect(t, http.StatusNotFound, "There is no ban in force")
		troll.postOK(t, f.staff.ID, commentIn{Name: "Sunil Troll", Email: "sunil@reader.test", Body: polite(7)})

		r = getPage(t, f, mc, "/newsroom/comments/bans")
		lacks(t, "active bans after the lift", r.body, "sunil@reader.test")
		getPage(t, f, mc, "/newsroom/comments/bans?all=1").expect(t, http.StatusOK, "sunil@reader.test", "ended")
		if log := commentAudit(t, f, "ban", 0); !slices.ContainsFunc(log, func(e store.AuditEntry) bool {
			return e.Actor == "Mala Moderator" && e.Action == "lift-ban" && e.AfterStatus == "lifted"
		}) {
			t.Errorf("the lift is not audited: %+v", log)
		}
	})
}
