package newsroom

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"dateline/internal/auth"
	"dateline/internal/store"
)

// LoginData is the data of the login page.
type LoginData struct {
	Frame
	Email string
	Next  string
}

// dummyHash is checked against whenever there is no real hash to check
// (unknown email, paused place, deactivated account), so every refused
// sign-in costs one argon2id run like a wrong password does.
var dummyHash, _ = auth.HashPassword("not the password of anyone here")

func (n *Newsroom) loginForm(w http.ResponseWriter, r *http.Request) error {
	if _, ok, _ := n.session(r); ok {
		http.Redirect(w, r, "/newsroom/", http.StatusSeeOther)
		return nil
	}
	return n.page(w, http.StatusOK, "login", LoginData{Frame: n.frame(r, "Sign in", ""), Next: safeNext(r.URL.Query().Get("next"))})
}

// login checks a sign-in. The attempt is counted (see signin_limits.go)
// before the password is checked, and every refusal other than the
// per-address limit gets the same answer after the same work.
func (n *Newsroom) login(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	email := strings.TrimSpace(r.PostFormValue("email"))
	password := r.PostFormValue("password")
	data := LoginData{Frame: n.frame(r, "Sign in", ""), Email: email, Next: safeNext(r.PostFormValue("next"))}
	fail := func(status int, msg string) error {
		data.Error = msg
		return n.page(w, status, "login", data)
	}
	if email == "" || password == "" || len(email) > 254 || len(password) > 1024 {
		return fail(http.StatusBadRequest, "Enter your email address and password.")
	}
	p, err := n.newSigninPlace(ctx, r, email)
	if err != nil {
		return err
	}
	// The owner's own browser is not held back by what others at the same
	// address (an office, a mobile carrier's gateway) get wrong.
	if !p.knownDev {
		ok, c, err := n.count(ctx, p, p.address, addressLimit)
		if err != nil {
			return err
		}
		if !ok {
			w.Header().Set("Retry-After", retryAfter(c.Until, n.now()))
			return fail(http.StatusTooManyRequests, "Too many failed sign-ins from your address. Wait 15 minutes and try again.")
		}
	}
	acc, err := n.checkLogin(ctx, r, p, email, password)
	if errors.Is(err, auth.ErrBusy) {
		// The place and account counts are taken back, the address's is
		// not: otherwise one address could keep the gate full for ever,
		// each refusal costing it nothing.
		if err := n.forgive(context.WithoutCancel(ctx), p, p.address); err != nil {
			return err
		}
		w.Header().Set("Retry-After", strconv.Itoa(n.gate.RetryAfter()))
		return fail(http.StatusTooManyRequests, "The newsroom is busy checking sign-ins. Try again in a few seconds.")
	}
	if errors.Is(err, errDeactivated) {
		return fail(http.StatusForbidden, "Your account has been deactivated, so it cannot sign in. Ask an admin if you need it again.")
	}
	if errors.Is(err, errBadLogin) {
		return fail(http.StatusUnauthorized, genericLoginFailure)
	}
	if err != nil {
		return err
	}
	if err := n.store.LoginSucceeded(ctx, acc.ID); err != nil {
		return err
	}
	if err := n.remember(ctx, w, p); err != nil {
		return err
	}
	if err := n.startSession(w, r, acc); err != nil {
		return err
	}
	return redirect(w, r, data.Next, "")
}

var (
	// errBadLogin is every refused sign-in but one (see errDeactivated).
	errBadLogin = errors.New("newsroom: the email and password do not match, or sign-in is paused")
	// errDeactivated is the right password for an account an admin has
	// deactivated.
	errDeactivated = errors.New("newsroom: the account is deactivated")
)

// checkLogin counts the attempt at its place (and, from a place the
// account has never signed in from, against the account), runs exactly one
// password hash inside the gate, and returns the account if the sign-in
// stands, errBadLogin (or errDeactivated) if not. auth.ErrBusy means the
// hash never ran; the caller takes the counts back.
func (n *Newsroom) checkLogin(ctx context.Context, r *http.Request, p *signinPlace, email, password string) (store.Account, error) {
	allowed, placeCount, err := n.count(ctx, p, p.place, placeLimit)
	if err != nil {
		return store.Account{}, err
	}
	accountCount := store.SignInCount{}
	if !p.knownDev && !p.knownAddr {
		within, c, err := n.count(ctx, p, p.account, accountLimit)
		if err != nil {
			return store.Account{}, err
		}
		allowed, accountCount = allowed && within, c
	}
	acc, err := n.store.AccountByEmail(ctx, email)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return store.Account{}, err
	}
	hash := dummyHash
	if allowed && err == nil && acc.PasswordHash != "" {
		hash = acc.PasswordHash
	}
	check := n.gate.Check
	if p.knownDev || p.knownAddr {
		check = n.gate.CheckTrusted // a stranger's flood cannot keep the owner out
	}
	match, err := check(ctx, hash, password)
	if err != nil {
		return store.Account{}, err
	}
	if match && hash != dummyHash {
		if !acc.Active {
			// Only someone who knows the password learns this, so it
			// tells an outsider nothing; the member learns why.
			return store.Account{}, errDeactivated
		}
		return acc, nil
	}
	// A failure: the same writes whether or not the email is known.
	if err := n.store.LoginFailed(ctx, email); err != nil {
		return store.Account{}, err
	}
	ip := n.clientIP(r)
	switch {
	case placeCount.Failures == placeLimit:
		err = n.auditPause(ctx, acc.ID, p.place, fmt.Sprintf("%d failed sign-ins for %s from %s; sign-in from there is paused until %s",
			placeLimit, email, ip, n.clock(placeCount.Until)))
	case accountCount.Failures == accountLimit:
		err = n.auditPause(ctx, acc.ID, p.account, fmt.Sprintf("%d failed sign-ins for %s from addresses it has not signed in from (last %s); sign-in from new places is paused until %s",
			accountLimit, email, ip, n.clock(accountCount.Until)))
	}
	if err != nil {
		return store.Account{}, err
	}
	return store.Account{}, errBadLogin
}

// auditPause tells the owner and the admins, through the audit log, that
// someone reached a sign-in limit on the account. For an email that is no
// account (id 0) nothing is logged, so made-up emails cannot fill the log,
// but a write of the same shape runs on the paused key, so the answer takes
// as long either way.
func (n *Newsroom) auditPause(ctx context.Context, accountID int64, key, detail string) error {
	if accountID == 0 {
		return n.store.TouchSignInAttempts(ctx, key)
	}
	return n.store.Audit(ctx, store.Change{Actor: "sign-in guard", Action: "signin-paused", Detail: detail}, "staff", accountID, "", "")
}

func (n *Newsroom) clock(t time.Time) string { return t.In(n.cfg.Location).Format("15:04 MST") }

// retryAfter is the whole seconds from now until t, at least 1.
func retryAfter(t, now time.Time) string {
	return strconv.Itoa(max(1, int(t.Sub(now).Seconds()+0.999)))
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
