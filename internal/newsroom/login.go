package newsroom

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"dateline/internal/auth"
	"dateline/internal/store"
)

// Login throttling: per account, a run of failures locks it for a while;
// per address, too many failures in a window refuse further tries.
const (
	maxFailures      = 5
	lockFor          = 15 * time.Minute
	ipWindow         = 15 * time.Minute
	maxFailuresPerIP = 20
)

// LoginData is the data of the login page.
type LoginData struct {
	Frame
	Email string
	Next  string
}

// dummyHash is checked against when the email is unknown, so the answer
// takes as long as for a real account and does not reveal which emails exist.
var dummyHash, _ = auth.HashPassword("not the password of anyone here")

func (n *Newsroom) loginForm(w http.ResponseWriter, r *http.Request) error {
	if _, ok, _ := n.session(r); ok {
		http.Redirect(w, r, "/newsroom/", http.StatusSeeOther)
		return nil
	}
	return n.page(w, http.StatusOK, "login", LoginData{Frame: n.frame(r, "Sign in", ""), Next: safeNext(r.URL.Query().Get("next"))})
}

func (n *Newsroom) login(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	email := strings.TrimSpace(r.PostFormValue("email"))
	password := r.PostFormValue("password")
	data := LoginData{Frame: n.frame(r, "Sign in", ""), Email: email, Next: safeNext(r.PostFormValue("next"))}
	fail := func(status int, msg string) error {
		data.Error = msg
		return n.page(w, status, "login", data)
	}
	ip := n.clientIP(r)
	recent, err := n.store.RecentLoginFailures(ctx, ip, n.now().Add(-ipWindow))
	if err != nil {
		return err
	}
	if recent >= maxFailuresPerIP {
		w.Header().Set("Retry-After", fmt.Sprint(int(ipWindow.Seconds())))
		return fail(http.StatusTooManyRequests, "Too many failed sign-ins from your address. Wait 15 minutes and try again.")
	}
	if email == "" || password == "" || len(email) > 254 || len(password) > 1024 {
		return fail(http.StatusBadRequest, "Enter your email address and password.")
	}
	acc, err := n.store.AccountByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) {
		auth.CheckPassword(dummyHash, password)
		if err := n.store.LoginFailed(ctx, 0, ip, email, maxFailures, time.Time{}); err != nil {
			return err
		}
		return fail(http.StatusUnauthorized, "That email and password do not match an account.")
	}
	if err != nil {
		return err
	}
	if acc.LockedUntil.After(n.now()) {
		return fail(http.StatusForbidden, fmt.Sprintf("This account is locked after %d failed sign-ins, until %s. An admin can unlock it by resetting the password.",
			maxFailures, acc.LockedUntil.In(n.cfg.Location).Format("03:04 pm")))
	}
	if !acc.Active || acc.PasswordHash == "" || !auth.CheckPassword(acc.PasswordHash, password) {
		if err := n.store.LoginFailed(ctx, acc.ID, ip, email, maxFailures, n.now().Add(lockFor)); err != nil {
			return err
		}
		failures := acc.FailedLogins
		if !acc.LockedUntil.IsZero() { // an expired lock: the count starts again
			failures = 0
		}
		if failures+1 >= maxFailures {
			return fail(http.StatusForbidden, fmt.Sprintf("That password is wrong. After %d failed sign-ins the account is locked for 15 minutes.", maxFailures))
		}
		return fail(http.StatusUnauthorized, "That email and password do not match an account.")
	}
	if err := n.store.LoginSucceeded(ctx, acc.ID); err != nil {
		return err
	}
	if err := n.startSession(w, r, acc); err != nil {
		return err
	}
	return redirect(w, r, data.Next, "")
}

func (n *Newsroom) logout(w http.ResponseWriter, r *http.Request) error {
	if err := n.endSession(w, r); err != nil {
		return err
	}
	return redirect(w, r, "/newsroom/login", "logged-out")
}

// safeNext keeps redirects after login inside the newsroom: no other host,
// no scheme, no protocol-relative or backslash tricks.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/newsroom/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/newsroom/"
	}
	return next
}
