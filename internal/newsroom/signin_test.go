package newsroom_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// Sign-in under attack: limits that hold under any concurrency, memory that
// stays bounded, one answer for every failure, and an owner whom strangers
// cannot lock out. The fixture believes X-Forwarded-For from the test
// client, so one test can play many addresses.

// postFormFrom posts a form as a browser at addr would (through a trusted
// proxy).
func postFormFrom(t *testing.T, f *servertest.Fixture, c *http.Client, addr, path string, form url.Values) servertest.Reply {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, f.Srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", addr)
	return servertest.Send(t, f, c, req)
}

// rawLogin posts a sign-in without a cookie jar and returns the status; it
// may run on any goroutine.
func rawLogin(f *servertest.Fixture, addr, email, password string) (int, string, error) {
	form := url.Values{"email": {email}, "password": {password}}
	req, err := http.NewRequest(http.MethodPost, f.Srv.URL+"/newsroom/login", strings.NewReader(form.Encode()))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", f.Srv.URL)
	req.Header.Set("X-Forwarded-For", addr)
	client := &http.Client{Timeout: 60 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, resp.Header.Get("Retry-After"), nil
}

// TestSignInLimitsHoldUnderConcurrency is the hostile tester's attack: 150
// parallel wrong guesses from one address at one account. Exactly 20 (the
// address limit) may reach a password check, exactly 5 of those (the
// per-place limit) against the real hash; the right password afterwards
// from that address is refused, while the owner elsewhere signs in.
func TestSignInLimitsHoldUnderConcurrency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e, "--trusted-proxies", "127.0.0.1")
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		const guesses = 150
		statuses := map[int]int{}
		busy := 0 // 429s from the hashing gate (Retry-After of a few seconds), not the limit
		var mu sync.Mutex
		var wg sync.WaitGroup
		start := make(chan struct{})
		before, _ := f.App.Passwords.Runs()
		for i := range guesses {
			wg.Go(func() {
				<-start
				status, retry, err := rawLogin(f, "198.51.100.7", rep.Email, fmt.Sprintf("guess number %d", i))
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				statuses[status]++
				if s, _ := strconv.Atoi(retry); status == http.StatusTooManyRequests && s <= 5 {
					busy++
				}
				mu.Unlock()
			})
		}
		close(start)
		wg.Wait()
		runs, _ := f.App.Passwords.Runs()
		// Some attempts may be told the newsroom is busy (429 from the
		// hashing gate); those are taken back, never checked, and the
		// address limit still bounds what was checked.
		checked := statuses[http.StatusUnauthorized]
		if checked+busy != 20 || statuses[http.StatusTooManyRequests] != guesses-checked || int(runs-before) != checked {
			t.Fatalf("150 parallel guesses: statuses %v (%d busy), %d password checks; want 20 checked or busy, the rest 429, one hash per check",
				statuses, busy, runs-before)
		}
		// The right password from the attacking address: refused.
		if status, retry, _ := rawLogin(f, "198.51.100.7", rep.Email, rep.Password); status != http.StatusTooManyRequests || retry == "" {
			t.Fatalf("the right password from the attacking address: %d (Retry-After %q)", status, retry)
		}
		// The owner from their own address is not locked out.
		owner := servertest.NewBrowser(t)
		postFormFrom(t, f, owner, "203.0.113.20", "/newsroom/login", url.Values{"email": {rep.Email}, "password": {rep.Password}}).
			ExpectRedirect(t, "the owner elsewhere", "/newsroom/")
	})
}

// TestSignInPausesThePlaceNotTheOwner: five wrong passwords pause sign-in
// for that email from that place (even with the right password next); the
// owner's own browser, which signed in before, is not paused, even at the
// same address; the owner learns of it in the audit log; an admin's reset
// lifts the pause.
func TestSignInPausesThePlaceNotTheOwner(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e, "--trusted-proxies", "127.0.0.1")
		admin := servertest.NewMember(t, f, auth.Admin, "Anjali Admin")
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		right := url.Values{"email": {rep.Email}, "password": {rep.Password}}
		wrong := url.Values{"email": {rep.Email}, "password": {"monsoon guess"}}
		const office = "192.0.2.44"

		// The owner signs in once from the office in their own browser.
		owner := servertest.NewBrowser(t)
		postFormFrom(t, f, owner, office, "/newsroom/login", right).ExpectRedirect(t, "owner", "/newsroom/")
		servertest.PostForm(t, f, owner, "/newsroom/logout", nil)

		// A stranger at the same office address guesses.
		stranger := servertest.NewBrowser(t)
		for range 5 {
			postFormFrom(t, f, stranger, office, "/newsroom/login", wrong).Expect(t, http.StatusUnauthorized, servertest.GenericFailure)
		}
		r := postFormFrom(t, f, stranger, office, "/newsroom/login", right)
		r.Expect(t, http.StatusUnauthorized, servertest.GenericFailure)
		if len(r.Cookies) != 0 {
			t.Fatalf("a paused place was given cookies: %v", r.Cookies)
		}
		// The owner's browser still signs in, at the same address.
		postFormFrom(t, f, owner, office, "/newsroom/login", right).ExpectRedirect(t, "owner's own browser", "/newsroom/")
		// So does the owner from home in a new browser (not a place under attack).
		postFormFrom(t, f, servertest.NewBrowser(t), "203.0.113.5", "/newsroom/login", right).ExpectRedirect(t, "owner from home", "/newsroom/")

		bossC := servertest.NewBrowser(t)
		postFormFrom(t, f, bossC, "203.0.113.9", "/newsroom/login", url.Values{"email": {admin.Email}, "password": {admin.Password}}).
			ExpectRedirect(t, "admin", "/newsroom/")
		lines := servertest.AuditLines(t, f, bossC, fmt.Sprintf("type=staff&id=%d", rep.ID))
		found := false
		for _, l := range lines {
			if l.Action == "signin-paused" && strings.Contains(l.Detail, office) && strings.Contains(l.Detail, rep.Email) {
				found = true
			}
		}
		if !found {
			t.Fatalf("the audit log does not tell of the pause: %+v", lines)
		}
		// The owner sees it on their account page too.
		servertest.GetPage(t, f, owner, "/newsroom/account").Expect(t, http.StatusOK, "Sign-in alerts", "failed sign-ins for "+rep.Email+" from "+office)

		// An admin's reset lifts the pause for the stranger's place too.
		r = servertest.PostForm(t, f, bossC, fmt.Sprintf("/newsroom/staff/%d/reset", rep.ID), url.Values{"confirm": {"yes"}})
		r.Expect(t, http.StatusOK, "Password reset", "any pause on signing in lifted")
		postFormFrom(t, f, servertest.NewBrowser(t), office, "/newsroom/login", url.Values{"email": {rep.Email}, "password": {servertest.SecretOf(t, r)}}).
			ExpectRedirect(t, "after reset", "/newsroom/")
	})
}

// TestSignInAccountLimitSparesKnownPlaces: guesses from many addresses (a
// botnet) pause the account for places it has never signed in from, but
// not for the owner's known address or browser.
func TestSignInAccountLimitSparesKnownPlaces(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e, "--trusted-proxies", "127.0.0.1")
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		right := url.Values{"email": {rep.Email}, "password": {rep.Password}}
		owner := servertest.NewBrowser(t)
		postFormFrom(t, f, owner, "192.0.2.10", "/newsroom/login", right).ExpectRedirect(t, "owner", "/newsroom/")
		servertest.PostForm(t, f, owner, "/newsroom/logout", nil)

		for i := range 30 {
			status, _, err := rawLogin(f, fmt.Sprintf("2001:db8:%x::1", i+1), rep.Email, "botnet guess")
			if err != nil || status != http.StatusUnauthorized {
				t.Fatalf("guess %d: %d %v", i, status, err)
			}
		}
		// A new place with the right password: refused like any failure.
		postFormFrom(t, f, servertest.NewBrowser(t), "198.51.100.99", "/newsroom/login", right).Expect(t, http.StatusUnauthorized, servertest.GenericFailure)
		// The owner's browser, and the owner's known address in a new browser: in.
		postFormFrom(t, f, owner, "198.51.100.100", "/newsroom/login", right).ExpectRedirect(t, "owner's browser", "/newsroom/")
		postFormFrom(t, f, servertest.NewBrowser(t), "192.0.2.10", "/newsroom/login", right).ExpectRedirect(t, "owner's address", "/newsroom/")
	})
}

// TestSignInFailuresLookAlike: unknown email, wrong password, a paused
// place, a deactivated account and an account without a password each get
// the same status and words, and each runs exactly one password hash, so
// neither the answer nor its time tells which case it was. Only the right
// password for a deactivated account is told the account is deactivated.
func TestSignInFailuresLookAlike(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e, "--trusted-proxies", "127.0.0.1")
		admin := servertest.NewMember(t, f, auth.Admin, "Anjali Admin")
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		gone := servertest.NewMember(t, f, auth.Reporter, "Gayan Gone")
		boss := servertest.LoginAs(t, f, admin)
		servertest.PostForm(t, f, boss, fmt.Sprintf("/newsroom/staff/%d", gone.ID), url.Values{"role": {"reporter"}}) // active unchecked: deactivate
		if acc, _ := f.Store.AccountByID(t.Context(), gone.ID); acc.Active {
			t.Fatal("could not deactivate the account")
		}
		byline := store.Account{Name: "Bimal Byline", Email: "bimal@dateline.test", Role: string(auth.Reporter)}
		if err := f.Store.CreateAccount(t.Context(), &byline, store.Change{Actor: "test", Action: "create"}); err != nil {
			t.Fatal(err)
		}
		for range 5 { // pause rep at this address
			postFormFrom(t, f, servertest.NewBrowser(t), "192.0.2.50", "/newsroom/login", url.Values{"email": {rep.Email}, "password": {"wrong one"}})
		}
		var bodies []string
		for _, tc := range []struct{ name, addr, email, password string }{
			{"unknown email", "192.0.2.61", "nobody@dateline.test", "whatever it is"},
			{"wrong password", "192.0.2.62", rep.Email, "not the password"},
			{"paused place, right password", "192.0.2.50", rep.Email, rep.Password},
			{"deactivated, wrong password", "192.0.2.63", gone.Email, "not the password"},
			{"byline without a login", "192.0.2.64", byline.Email, "anything at all"},
		} {
			before, _ := f.App.Passwords.Runs()
			r := postFormFrom(t, f, servertest.NewBrowser(t), tc.addr, "/newsroom/login", url.Values{"email": {tc.email}, "password": {tc.password}})
			after, _ := f.App.Passwords.Runs()
			r.Expect(t, http.StatusUnauthorized, servertest.GenericFailure)
			if after-before != 1 {
				t.Errorf("%s: %d password hashes, want exactly 1", tc.name, after-before)
			}
			bodies = append(bodies, servertest.MainText(r.Body))
		}
		for i := range bodies {
			if bodies[i] != bodies[0] {
				t.Errorf("answers differ:\n%s\n---\n%s", bodies[0], bodies[i])
			}
		}
		// Only the right password for a deactivated account learns why.
		postFormFrom(t, f, servertest.NewBrowser(t), "192.0.2.65", "/newsroom/login", url.Values{"email": {gone.Email}, "password": {gone.Password}}).
			Expect(t, http.StatusForbidden, "Your account has been deactivated")
	})
}

// TestSignInMemoryStaysBounded sends 300 parallel sign-ins with unknown
// emails from 300 addresses (each within every limit): password hashing
// runs at most one per CPU at once, the rest wait or get 429 with
// Retry-After, and the heap stays far below 300 × 19 MiB.
func TestSignInMemoryStaysBounded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e, "--trusted-proxies", "127.0.0.1")
		runtime.GC()
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		metrics.Read(sample)
		base := sample[0].Value.Uint64()
		var peak atomic.Uint64
		stop := make(chan struct{})
		var watch sync.WaitGroup
		watch.Go(func() {
			s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
			for {
				select {
				case <-stop:
					return
				case <-time.After(2 * time.Millisecond):
				}
				metrics.Read(s)
				if v := s[0].Value.Uint64(); v > peak.Load() {
					peak.Store(v)
				}
			}
		})
		const n = 300
		statuses := map[int]int{}
		var badRetry atomic.Int64
		var mu sync.Mutex
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range n {
			wg.Go(func() {
				<-start
				status, retry, err := rawLogin(f, fmt.Sprintf("10.%d.%d.1", i/250, i%250), fmt.Sprintf("nobody%d@dateline.test", i), "some password")
				if err != nil {
					t.Error(err)
				}
				if status == http.StatusTooManyRequests {
					if s, err := strconv.Atoi(retry); err != nil || s < 1 {
						badRetry.Add(1)
					}
				}
				mu.Lock()
				statuses[status]++
				mu.Unlock()
			})
		}
		close(start)
		wg.Wait()
		close(stop)
		watch.Wait()
		_, most := f.App.Passwords.Runs()
		grew := int64(peak.Load()) - int64(base)
		t.Logf("300 parallel sign-ins: statuses %v, at most %d hashes at once, heap grew by at most %d MiB", statuses, most, grew>>20)
		if most > int64(f.App.Passwords.Slots()) || f.App.Passwords.Slots() != runtime.GOMAXPROCS(0)+1 {
			t.Errorf("%d password hashes ran at once; the gate has %d slots, want one per CPU (%d) and one for known places",
				most, f.App.Passwords.Slots(), runtime.GOMAXPROCS(0))
		}
		if statuses[http.StatusUnauthorized]+statuses[http.StatusTooManyRequests] != n || badRetry.Load() > 0 {
			t.Errorf("statuses %v (want only 401 and 429), %d 429s without a good Retry-After", statuses, badRetry.Load())
		}
		// Unbounded, 300 hashes at once need 300 × 19 MiB ≈ 5.6 GiB.
		if grew > 400<<20 {
			t.Errorf("the heap grew by %d MiB under 300 parallel sign-ins", grew>>20)
		}
	})
}

// TestPasswordChangeIsThrottled: the change form checks the current
// password like a sign-in: after five wrong ones it pauses, with the
// right one refused too, and the owner is told through the audit log.
func TestPasswordChangeIsThrottled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		c := servertest.LoginAs(t, f, rep)
		const next = "lagoon-sunrise-7781"
		change := func(current string) servertest.Reply {
			return servertest.PostForm(t, f, c, "/newsroom/account/password", url.Values{"current": {current}, "password": {next}, "confirm": {next}})
		}
		for range 5 {
			change("a wrong guess").Expect(t, http.StatusBadRequest, "Your current password is not right.")
		}
		r := change(rep.Password)
		r.Expect(t, http.StatusTooManyRequests, "Too many wrong current passwords.")
		if r.Header.Get("Retry-After") == "" {
			t.Error("no Retry-After on the paused password form")
		}
		servertest.GetPage(t, f, c, "/newsroom/account").Expect(t, http.StatusOK, "Sign-in alerts", "wrong current passwords on the password form")
		servertest.PostForm(t, f, servertest.NewBrowser(t), "/newsroom/login", url.Values{"email": {rep.Email}, "password": {next}}).
			Expect(t, http.StatusUnauthorized, servertest.GenericFailure) // the password did not change
	})
}

// TestPasswordChangeAndResetRevokeTokens: an admin's reset revokes the
// member's API tokens; a member's own change revokes them when asked.
func TestPasswordChangeAndResetRevokeTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		admin := servertest.NewMember(t, f, auth.Admin, "Anjali Admin")
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		c, boss := servertest.LoginAs(t, f, rep), servertest.LoginAs(t, f, admin)
		token := func() string {
			r := servertest.PostForm(t, f, c, "/newsroom/tokens", url.Values{"name": {"wire importer"}})
			r.Expect(t, http.StatusOK, "API token created")
			return servertest.SecretOf(t, r)
		}
		works := func(tok string) bool {
			req, _ := http.NewRequest(http.MethodGet, f.Srv.URL+"/api/v1/admin/articles/"+strconv.FormatInt(f.Draft.ID, 10), nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode != http.StatusUnauthorized
		}
		kept, gone := token(), token()
		const next = "lagoon-sunrise-7781"
		servertest.PostForm(t, f, c, "/newsroom/account/password", url.Values{"current": {rep.Password}, "password": {next}, "confirm": {next}}).
			ExpectRedirect(t, "change keeping tokens", "/newsroom/account?done=password")
		if !works(kept) {
			t.Fatal("a change that keeps tokens revoked one")
		}
		c = servertest.Login(t, f, rep.Email, next)
		servertest.PostForm(t, f, c, "/newsroom/account/password", url.Values{"current": {next}, "password": {next + "b"}, "confirm": {next + "b"}, "revoke_tokens": {"on"}}).
			ExpectRedirect(t, "change revoking tokens", "/newsroom/account?done=password-tokens")
		if works(kept) || works(gone) {
			t.Fatal("tokens survived a change that revokes them")
		}
		c = servertest.Login(t, f, rep.Email, next+"b")
		again := token()
		servertest.PostForm(t, f, boss, fmt.Sprintf("/newsroom/staff/%d/reset", rep.ID), url.Values{"confirm": {"yes"}}).Expect(t, http.StatusOK, "API tokens revoked")
		if works(again) {
			t.Fatal("a token survived an admin's password reset")
		}
	})
}

// TestSignInFloodCannotKeepOwnerOut: strangers' sign-ins from hundreds of
// addresses fill the hashing gate; the owner, signing in from the browser
// they used before, gets the slot kept for known places and is let in.
func TestSignInFloodCannotKeepOwnerOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e, "--trusted-proxies", "127.0.0.1")
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		right := url.Values{"email": {rep.Email}, "password": {rep.Password}}
		owner := servertest.NewBrowser(t)
		postFormFrom(t, f, owner, "192.0.2.10", "/newsroom/login", right).ExpectRedirect(t, "owner", "/newsroom/")
		servertest.PostForm(t, f, owner, "/newsroom/logout", nil)

		var wg sync.WaitGroup
		var busy atomic.Int64
		for i := range 300 {
			wg.Go(func() {
				status, _, err := rawLogin(f, fmt.Sprintf("10.9.%d.%d", i/250, i%250+1), fmt.Sprintf("flood%d@dateline.test", i), "flood password")
				if err == nil && status == http.StatusTooManyRequests {
					busy.Add(1)
				}
			})
		}
		time.Sleep(300 * time.Millisecond) // the gate is full and its line long
		r := postFormFrom(t, f, owner, "192.0.2.10", "/newsroom/login", right)
		wg.Wait()
		if busy.Load() == 0 {
			t.Fatal("the flood never filled the gate; the test proves nothing")
		}
		r.ExpectRedirect(t, "the owner's browser during a flood", "/newsroom/")
	})
}
