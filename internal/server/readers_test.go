package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"dateline/internal/auth"
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
		f := newFixture(t, e)
		a := f.staff
		formPath := fmt.Sprintf("/news/%d/comments", a.ID)
		first := newVisitor(t, f, true)
		second := sameAddress(t, first)

		body := commentForm("Nimali", "", brief(1), "").Encode()
		handOut := first.send(t, http.MethodPost, formPath, "application/x-www-form-urlencoded", strings.NewReader(body))
		handOut.expectHandOut(t, "a first-time reader's comment", formPath)
		if cc := handOut.header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("the answer that hands out a reader cookie is cacheable: Cache-Control %q", cc)
		}
		if n := commentTotal(t, f); n != 0 {
			t.Fatalf("a comment was stored before its reader had an identity: %d comments", n)
		}
		one := storedComment(t, f, yourCommentID(t, first.again(t, handOut, body), a))
		two := storedComment(t, f, yourCommentID(t, second.form(t, formPath, commentForm("Kamal", "", brief(2), "")), a))
		for _, c := range []store.Comment{one, two} {
			if c.VisitorKind != store.VisitorReader || c.Visitor == "" {
				t.Errorf("comment %d stored as visitor %q of kind %q, want a reader's own", c.ID, c.Visitor, c.VisitorKind)
			}
		}
		if one.Visitor == two.Visitor {
			t.Fatal("two readers behind one address with one browser were stored as one visitor")
		}
		// The comment page tells each reader about their own comment only.
		if r := first.page(t, fmt.Sprintf("%s?comment=%d", a.Path(), one.ID)); !strings.Contains(r.body, `id="your-comment"`) {
			t.Error("the reader who wrote a comment was not told about it")
		}
		if r := second.page(t, fmt.Sprintf("%s?comment=%d", a.Path(), one.ID)); strings.Contains(r.body, `id="your-comment"`) {
			t.Error("a second reader on the same address and browser was shown the first one's comment as theirs")
		}

		// A browser that keeps no cookies: the last resort, said as such.
		script := newVisitor(t, f, false)
		c := storedComment(t, f, yourCommentID(t, script.form(t, formPath, commentForm("Sunil", "", brief(3), "")), a))
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
		f := newFixture(t, e)
		a := f.staff
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		formPath := fmt.Sprintf("/news/%d/comments", a.ID)

		// Known only by address and browser, no email.
		script := newVisitor(t, f, false)
		c := script.postOK(t, a.ID, commentIn{Name: "Sunil", Body: polite(4)})
		getPage(t, f, mc, "/newsroom/comments").expect(t, http.StatusOK, "known only by address and browser", "also ban the address and browser")
		postForm(t, f, mc, fmt.Sprintf("/newsroom/comments/%d/ban", c.ID), url.Values{"tab": {"pending"}, "ban_for": {"24h"}}).
			expect(t, http.StatusConflict, "Not banned", "other readers may share")
		if log := commentAudit(t, f, "ban", 0); len(log) != 0 {
			t.Fatalf("a refused ban was stored: %+v", log)
		}
		expectStatus(t, f, c.ID, store.CommentPending)
		decideInQueue(t, f, mc, c.ID, "ban", url.Values{"ban_for": {"24h"}, "shared": {"1"}})
		script.comment(t, a.ID, commentIn{Name: "Sunil", Body: polite(5)}).expect(t, "banned address and browser", http.StatusForbidden, "no longer comment")
		getPage(t, f, mc, "/newsroom/comments/bans").expect(t, http.StatusOK, "address and browser", "(may stop other readers)")

		// Known only by address and browser, with an email: the email only.
		other := newVisitor(t, f, false)
		d := other.postOK(t, a.ID, commentIn{Name: "Ruwan", Email: "ruwan@reader.test", Body: polite(6)})
		decideInQueue(t, f, mc, d.ID, "ban", url.Values{"ban_for": {"24h"}})
		other.comment(t, a.ID, commentIn{Name: "Ruwan", Email: "ruwan@reader.test", Body: polite(7)}).expect(t, "banned email", http.StatusForbidden, "no longer comment")
		other.postOK(t, a.ID, commentIn{Name: "Someone", Body: polite(8)})

		// A reader with their own identity: no warning, and the ban stops
		// their browser only.
		banned := newVisitor(t, f, true)
		beside := sameAddress(t, banned)
		mine := yourCommentID(t, banned.form(t, formPath, commentForm("Nuwan", "", brief(9), "")), a)
		queue := getPage(t, f, mc, "/newsroom/comments?tab="+string(storedComment(t, f, mine).Status))
		if i := strings.Index(queue.body, fmt.Sprintf(`id="c%d"`, mine)); i < 0 {
			t.Fatalf("comment %d is not in the queue", mine)
		} else if item, _, _ := strings.Cut(queue.body[i:], "</li>"); strings.Contains(item, "known only by address") {
			t.Errorf("the queue warns about a reader with their own identity:\n%s", mainText(item))
		}
		decideInQueue(t, f, mc, mine, "ban", url.Values{"ban_for": {"24h"}})
		banned.form(t, formPath, commentForm("Nuwan", "", brief(10), "")).expect(t, http.StatusForbidden, "You can no longer comment on this site.")
		yourCommentID(t, beside.form(t, formPath, commentForm("Kumari", "", brief(11), "")), a)
	})
}

// TestCommentDuplicateFromFreshCookies: a script that takes a fresh signed
// reader cookie for every post is a new reader each time, but the same text
// from the same address within minutes is still caught as a repeat, while
// the same words from another address are not. A comment refused for being
// sent too fast does not count: its reader sends the same text again.
func TestCommentDuplicateFromFreshCookies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		a := f.staff
		formPath := fmt.Sprintf("/news/%d/comments", a.ID)
		text := brief(99)
		repeated := func(v *visitor, fresh bool) bool {
			t.Helper()
			body := commentForm("Sunil", "", text, "").Encode()
			var r pageReply
			if fresh {
				handOut := v.send(t, http.MethodPost, formPath, "application/x-www-form-urlencoded", strings.NewReader(body))
				handOut.expectHandOut(t, "a post without a cookie", formPath)
				r = v.withCookie(t, signedCookie(t, handOut), http.MethodPost, formPath, "application/x-www-form-urlencoded", strings.NewReader(body))
			} else {
				r = v.form(t, formPath, commentForm("Sunil", "", text, ""))
			}
			for _, fd := range storedFindings(t, storedComment(t, f, sentCommentID(t, f, r, a, text))) {
				if strings.Contains(fd.Match, "same text") {
					return true
				}
			}
			return false
		}
		script := newVisitor(t, f, false)
		if repeated(script, true) {
			t.Fatal("the first post was taken for a repeat")
		}
		if !repeated(script, true) {
			t.Error("the same text with a fresh cookie from the same address was not caught as a repeat")
		}
		if repeated(newVisitor(t, f, true), false) {
			t.Error("the same words from another address were taken for a repeat")
		}

		// Refused for speed, then sent again as it was: taken.
		reader := newVisitor(t, f, true)
		shown := time.Now()
		form := commentForm("Nimali", "", polite(3), formTimeOf(t, reader.page(t, a.Path())))
		reader.form(t, formPath, form).expect(t, http.StatusUnprocessableEntity, "Your comment was not accepted.")
		time.Sleep(time.Until(shown.Add(3200 * time.Millisecond)))
		yourCommentID(t, reader.form(t, formPath, form), a)
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
		f := newFixture(t, e)
		a := f.staff
		mc := loginAs(t, f, newMember(t, f, auth.Moderator, "Mala Moderator"))
		formPath := fmt.Sprintf("/news/%d/comments", a.ID)
		banned := newVisitor(t, f, true)
		first := yourCommentID(t, banned.form(t, formPath, commentForm("Nuwan", "", brief(1), "")), a)
		decideInQueue(t, f, mc, first, "ban", url.Values{"ban_for": {"24h"}})
		nearBan := func(c store.Comment) bool {
			for _, fd := range storedFindings(t, c) {
				if strings.Contains(fd.Match, "address of a banned commenter") {
					return true
				}
			}
			return false
		}
		// Cookies cleared: a new reader, same address.
		again := sameAddress(t, banned)
		c := storedComment(t, f, yourCommentID(t, again.form(t, formPath, commentForm("Nuwan Again", "", brief(2), "")), a))
		if c.Status != store.CommentPending || !nearBan(c) {
			t.Errorf("a new reader at a banned commenter's address: %s, findings %s; want held, saying why", c.Status, c.Findings)
		}
		if other := storedComment(t, f, yourCommentID(t, newVisitor(t, f, true).form(t, formPath, commentForm("Kumari", "", brief(3), "")), a)); nearBan(other) {
			t.Errorf("a reader at another address was taken for the banned one: %s", other.Findings)
		}
	})
}
