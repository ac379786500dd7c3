package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestCommentReadersGetAnIdentityBeforePosting: a first-time reader's
// comment is answered with a reader cookie and a 307 (not cacheable) that
// sends it again, so it is stored under the reader's own identity; two
// first-time readers behind one address with the same phone browser are
// two readers whose histories stay apart. Only a browser that keeps no
// cookies is known by address and browser, and the comment says so.
func TestCommentReadersGetAnIdentityBeforePosting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		formPath := fmt.Sprintf("/news/%d/comments", a.ID)
		first := servertest.NewVisitor(t, f, true)
		second := sameAddress(t, first)

		body := servertest.CommentForm("Nimali", "", brief(1), "").Encode()
		handOut := first.Send(t, http.MethodPost, formPath, "application/x-www-form-urlencoded", strings.NewReader(body))
		handOut.ExpectHandOut(t, "a first-time reader's comment", formPath)
		if cc := handOut.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("the answer that hands out a reader cookie is cacheable: Cache-Control %q", cc)
		}
		if n := servertest.CommentTotal(t, f); n != 0 {
			t.Fatalf("a comment was stored before its reader had an identity: %d comments", n)
		}
		one := servertest.StoredComment(t, f, servertest.YourCommentID(t, first.Again(t, handOut, body), a))
		two := servertest.StoredComment(t, f, servertest.YourCommentID(t, second.Form(t, formPath, servertest.CommentForm("Kamal", "", brief(2), "")), a))
		for _, c := range []store.Comment{one, two} {
			if c.VisitorKind != store.VisitorReader || c.Visitor == "" {
				t.Errorf("comment %d stored as visitor %q of kind %q, want a reader's own", c.ID, c.Visitor, c.VisitorKind)
			}
		}
		if one.Visitor == two.Visitor {
			t.Fatal("two readers behind one address with one browser were stored as one visitor")
		}
		// The comment page tells each reader about their own comment only.
		if r := first.Page(t, fmt.Sprintf("%s?comment=%d", a.Path(), one.ID)); !strings.Contains(r.Body, `id="your-comment"`) {
			t.Error("the reader who wrote a comment was not told about it")
		}
		if r := second.Page(t, fmt.Sprintf("%s?comment=%d", a.Path(), one.ID)); strings.Contains(r.Body, `id="your-comment"`) {
			t.Error("a second reader on the same address and browser was shown the first one's comment as theirs")
		}

		// A browser that keeps no cookies: the last resort, said as such.
		script := servertest.NewVisitor(t, f, false)
		c := servertest.StoredComment(t, f, servertest.YourCommentID(t, script.Form(t, formPath, servertest.CommentForm("Sunil", "", brief(3), "")), a))
		if c.VisitorKind != store.VisitorAddress {
			t.Errorf("a cookieless comment was stored as kind %q, want %q", c.VisitorKind, store.VisitorAddress)
		}
	})
}

// TestCommentBanWarnsWhenOthersShareTheBrowser: banning a commenter known
// only by address and browser is refused until the moderator ticks that
// they accept catching everyone sharing them (with an email, the ban is by
// email alone), the queue says why beforehand, and the list of bans says
// what each ban stops. Banning a reader with their own identity stops them
// and not the reader beside them on the same address and phone browser.
func TestCommentBanWarnsWhenOthersShareTheBrowser(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		formPath := fmt.Sprintf("/news/%d/comments", a.ID)

		// Known only by address and browser, no email.
		script := servertest.NewVisitor(t, f, false)
		c := script.PostOK(t, a.ID, servertest.CommentIn{Name: "Sunil", Body: servertest.Polite(4)})
		servertest.GetPage(t, f, mc, "/newsroom/comments").Expect(t, http.StatusOK, "known only by address and browser", "also ban the address and browser")
		servertest.PostForm(t, f, mc, fmt.Sprintf("/newsroom/comments/%d/ban", c.ID), url.Values{"tab": {"pending"}, "ban_for": {"24h"}}).
			Expect(t, http.StatusConflict, "Not banned", "other readers may share")
		if log := servertest.CommentAudit(t, f, "ban", 0); len(log) != 0 {
			t.Fatalf("a refused ban was stored: %+v", log)
		}
		servertest.ExpectStatus(t, f, c.ID, store.CommentPending)
		servertest.DecideInQueue(t, f, mc, c.ID, "ban", url.Values{"ban_for": {"24h"}, "shared": {"1"}})
		script.Comment(t, a.ID, servertest.CommentIn{Name: "Sunil", Body: servertest.Polite(5)}).Expect(t, "banned address and browser", http.StatusForbidden, "no longer comment")
		servertest.GetPage(t, f, mc, "/newsroom/comments/bans").Expect(t, http.StatusOK, "address and browser", "(may stop other readers)")

		// Known only by address and browser, with an email: the email only.
		other := servertest.NewVisitor(t, f, false)
		d := other.PostOK(t, a.ID, servertest.CommentIn{Name: "Ruwan", Email: "ruwan@reader.test", Body: servertest.Polite(6)})
		servertest.DecideInQueue(t, f, mc, d.ID, "ban", url.Values{"ban_for": {"24h"}})
		other.Comment(t, a.ID, servertest.CommentIn{Name: "Ruwan", Email: "ruwan@reader.test", Body: servertest.Polite(7)}).Expect(t, "banned email", http.StatusForbidden, "no longer comment")
		other.PostOK(t, a.ID, servertest.CommentIn{Name: "Someone", Body: servertest.Polite(8)})

		// A reader with their own identity: no warning, and the ban stops
		// their browser only.
		banned := servertest.NewVisitor(t, f, true)
		beside := sameAddress(t, banned)
		mine := servertest.YourCommentID(t, banned.Form(t, formPath, servertest.CommentForm("Nuwan", "", brief(9), "")), a)
		queue := servertest.GetPage(t, f, mc, "/newsroom/comments?tab="+string(servertest.StoredComment(t, f, mine).Status))
		if i := strings.Index(queue.Body, fmt.Sprintf(`id="c%d"`, mine)); i < 0 {
			t.Fatalf("comment %d is not in the queue", mine)
		} else if item, _, _ := strings.Cut(queue.Body[i:], "</li>"); strings.Contains(item, "known only by address") {
			t.Errorf("the queue warns about a reader with their own identity:\n%s", servertest.MainText(item))
		}
		servertest.DecideInQueue(t, f, mc, mine, "ban", url.Values{"ban_for": {"24h"}})
		banned.Form(t, formPath, servertest.CommentForm("Nuwan", "", brief(10), "")).Expect(t, http.StatusForbidden, "You can no longer comment on this site.")
		servertest.YourCommentID(t, beside.Form(t, formPath, servertest.CommentForm("Kumari", "", brief(11), "")), a)
	})
}

// TestCommentDuplicateFromFreshCookies: a script that takes a fresh signed
// reader cookie for every post is a new reader each time, but the same text
// from the same address within minutes is still caught as a repeat, while
// the same words from another address are not. A comment refused for being
// sent too fast does not count: its reader sends the same text again.
func TestCommentDuplicateFromFreshCookies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		formPath := fmt.Sprintf("/news/%d/comments", a.ID)
		text := brief(99)
		repeated := func(v *servertest.Visitor, fresh bool) bool {
			t.Helper()
			body := servertest.CommentForm("Sunil", "", text, "").Encode()
			var r servertest.Reply
			if fresh {
				handOut := v.Send(t, http.MethodPost, formPath, "application/x-www-form-urlencoded", strings.NewReader(body))
				handOut.ExpectHandOut(t, "a post without a cookie", formPath)
				r = v.WithCookie(t, servertest.SignedCookie(t, handOut), http.MethodPost, formPath, "application/x-www-form-urlencoded", strings.NewReader(body))
			} else {
				r = v.Form(t, formPath, servertest.CommentForm("Sunil", "", text, ""))
			}
			for _, fd := range servertest.StoredFindings(t, servertest.StoredComment(t, f, servertest.SentCommentID(t, f, r, a, text))) {
				if strings.Contains(fd.Match, "same text") {
					return true
				}
			}
			return false
		}
		script := servertest.NewVisitor(t, f, false)
		if repeated(script, true) {
			t.Fatal("the first post was taken for a repeat")
		}
		if !repeated(script, true) {
			t.Error("the same text with a fresh cookie from the same address was not caught as a repeat")
		}
		if repeated(servertest.NewVisitor(t, f, true), false) {
			t.Error("the same words from another address were taken for a repeat")
		}

		// Refused for speed, then sent again as it was: taken.
		reader := servertest.NewVisitor(t, f, true)
		shown := time.Now()
		form := servertest.CommentForm("Nimali", "", servertest.Polite(3), servertest.FormTimeOf(t, reader.Page(t, a.Path())))
		reader.Form(t, formPath, form).Expect(t, http.StatusUnprocessableEntity, "Your comment was not accepted.")
		time.Sleep(time.Until(shown.Add(3200 * time.Millisecond)))
		servertest.YourCommentID(t, reader.Form(t, formPath, form), a)
	})
}

// brief is a comment short enough ("Thanks, number 4.") that the checks
// never take it for a program's, however fast it is sent.
func brief(i int) string { return fmt.Sprintf("Thanks, number %d.", i) }

// TestCommentBannedReaderWithFreshCookieIsHeld: a banned reader who clears
// cookies is a new reader, but what they write from the banned comment's
// address waits for a moderator, with a finding that says why; it is not
// refused, since other readers share the address. From another address,
// nothing is said. Moderators see how many addresses a comment's flags
// came from.
func TestCommentBannedReaderWithFreshCookieIsHeld(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		a := f.Staff
		mc := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))
		formPath := fmt.Sprintf("/news/%d/comments", a.ID)
		banned := servertest.NewVisitor(t, f, true)
		first := servertest.YourCommentID(t, banned.Form(t, formPath, servertest.CommentForm("Nuwan", "", brief(1), "")), a)
		servertest.DecideInQueue(t, f, mc, first, "ban", url.Values{"ban_for": {"24h"}})
		nearBan := func(c store.Comment) bool {
			for _, fd := range servertest.StoredFindings(t, c) {
				if strings.Contains(fd.Match, "address of a banned commenter") {
					return true
				}
			}
			return false
		}
		// Cookies cleared: a new reader, same address.
		again := sameAddress(t, banned)
		c := servertest.StoredComment(t, f, servertest.YourCommentID(t, again.Form(t, formPath, servertest.CommentForm("Nuwan Again", "", brief(2), "")), a))
		if c.Status != store.CommentPending || !nearBan(c) {
			t.Errorf("a new reader at a banned commenter's address: %s, findings %s; want held, saying why", c.Status, c.Findings)
		}
		if other := servertest.StoredComment(t, f, servertest.YourCommentID(t, servertest.NewVisitor(t, f, true).Form(t, formPath, servertest.CommentForm("Kumari", "", brief(3), "")), a)); nearBan(other) {
			t.Errorf("a reader at another address was taken for the banned one: %s", other.Findings)
		}
	})
}
