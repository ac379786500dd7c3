package newsroom

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"dateline/internal/auth"
	"dateline/internal/store"
	"dateline/internal/web"
)

// Sign-in throttling. Every attempt is counted before its password is
// checked, under several keys at once:
//
//   - the address: 20 attempts that did not succeed in 15 minutes, then
//     429 for the rest of the window (an IPv6 address counts by its /48,
//     see web.AddressBlock);
//   - the email at a place (the address, or a browser that has signed in
//     as that email before): 5, then sign-in from that place pauses for 15
//     minutes;
//   - the email from places it has never signed in from: 30 in 15 minutes,
//     then such places pause, while the owner's known addresses and
//     browsers carry on.
//
// So a stranger can lock out only themselves, and the owner of an account
// under attack signs in as usual from where they always do. A success
// takes its count back. Reaching a limit on an account writes an audit
// entry the owner and admins can see.
const (
	placeLimit     = 5
	addressLimit   = 20
	accountLimit   = 30
	changeLimit    = 5 // wrong current passwords on the change form
	signinWindow   = 15 * time.Minute
	signinPause    = 15 * time.Minute
	deviceCookie   = "dateline_device"
	deviceLifetime = store.SignInPlacesKept
)

// genericLoginFailure is the one answer to every refused sign-in (unknown
// email, wrong password, paused, deactivated), so the answer tells an
// outsider nothing about which accounts exist or what state they are in.
const genericLoginFailure = "That email and password do not match an account. " +
	"After repeated failures, signing in from this device pauses for 15 minutes; an admin can reset your password."

// signinSecret keys the hashes that name throttle counters and known
// places, so the tables hold no address or email, and (under a label of
// their own) the signatures of kept images. Nodes agree on it through the
// database.
type signinSecret struct {
	mu  sync.Mutex
	key []byte
}

func (n *Newsroom) signinKey(ctx context.Context) ([]byte, error) {
	n.secretKey.mu.Lock()
	defer n.secretKey.mu.Unlock()
	if n.secretKey.key != nil {
		return n.secretKey.key, nil
	}
	b := make([]byte, 32)
	rand.Read(b)
	v, err := n.store.EnsureSetting(ctx, "signin-secret", hex.EncodeToString(b))
	if err != nil {
		return nil, err
	}
	if n.secretKey.key, err = hex.DecodeString(v); err != nil || len(n.secretKey.key) < 16 {
		n.secretKey.key = nil
		return nil, errBadSecret
	}
	return n.secretKey.key, nil
}

var errBadSecret = errors.New("newsroom: the stored signin-secret setting is not a hex key of at least 16 bytes")

// signinPlace is one attempt's keys.
type signinPlace struct {
	subject    string // the email
	address    string // the address (IPv6: its /48)
	place      string // the email at this address, or at this known browser
	addrPlace  string // the email at this address, as remembered after a success
	devPlace   string // the email in this browser, as remembered after a success
	account    string // the email from unknown places
	knownAddr  bool
	knownDev   bool
	deviceID   string // the browser's id from its cookie, or a new one
	hasDevice  bool
	secretKey  []byte
	countedFor []string // keys counted for this attempt, to forgive on success
}

func (n *Newsroom) newSigninPlace(ctx context.Context, r *http.Request, email string) (*signinPlace, error) {
	key, err := n.signinKey(ctx)
	if err != nil {
		return nil, err
	}
	p := &signinPlace{secretKey: key}
	mail := strings.ToLower(strings.TrimSpace(email))
	addr := web.AddressBlock(n.clientIP(r))
	p.subject = p.subjectOf(email)
	p.address = p.mac("address", addr)
	p.account = p.mac("account", mail)
	p.addrPlace = p.mac("at", mail, addr)
	if c, err := r.Cookie(deviceCookie); err == nil && len(c.Value) >= 20 && len(c.Value) <= 100 {
		p.deviceID, p.hasDevice = c.Value, true
	} else {
		p.deviceID, _ = auth.NewToken("dld_")
	}
	p.devPlace = p.mac("device", mail, p.deviceID)
	since := time.Now().Add(-store.SignInPlacesKept)
	// Both look-ups run for every attempt, known email or not, so that the
	// time taken says nothing about the account.
	if p.knownDev, err = n.store.SignInPlaceKnown(ctx, p.devPlace, since); err != nil {
		return nil, err
	}
	if p.knownAddr, err = n.store.SignInPlaceKnown(ctx, p.addrPlace, since); err != nil {
		return nil, err
	}
	p.knownDev = p.knownDev && p.hasDevice
	p.place = p.addrPlace
	if p.knownDev {
		p.place = p.devPlace
	}
	return p, nil
}

// subjectOf names an account's keys for ClearSignInSubject: every count
// under an email, whatever place it came from, carries it.
func (p *signinPlace) subjectOf(email string) string {
	return p.mac("subject", strings.ToLower(strings.TrimSpace(email)))
}

func (p *signinPlace) mac(parts ...string) string {
	m := hmac.New(sha256.New, p.secretKey)
	m.Write([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(m.Sum(nil))
}

// count records the attempt under key and reports whether it is within
// limit, and until when the key is paused if not.
func (n *Newsroom) count(ctx context.Context, p *signinPlace, key string, limit int) (within bool, c store.SignInCount, err error) {
	c, err = n.store.CountSignInAttempt(ctx, key, p.subject, limit, signinWindow, signinPause)
	if err != nil {
		return false, c, err
	}
	p.countedFor = append(p.countedFor, key)
	return c.Failures <= limit, c, nil
}

// forgive takes back this attempt's counts but those under keep (a
// success, or an attempt whose password was never checked).
func (n *Newsroom) forgive(ctx context.Context, p *signinPlace, keep ...string) error {
	for _, k := range p.countedFor {
		if slices.Contains(keep, k) {
			continue
		}
		if err := n.store.ForgiveSignInAttempt(ctx, k); err != nil {
			return err
		}
	}
	p.countedFor = nil
	return nil
}

// remember notes the address and browser of a successful sign-in, clears
// the run of failures there, and gives the browser its id to keep.
func (n *Newsroom) remember(ctx context.Context, w http.ResponseWriter, p *signinPlace) error {
	if err := n.forgive(ctx, p); err != nil {
		return err
	}
	if err := n.store.ClearSignInAttempts(ctx, p.place); err != nil {
		return err
	}
	for _, k := range []string{p.addrPlace, p.devPlace} {
		if err := n.store.RememberSignInPlace(ctx, k, p.subject); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{
		Name: deviceCookie, Value: p.deviceID, Path: "/newsroom/", MaxAge: int(deviceLifetime.Seconds()),
		HttpOnly: true, Secure: n.secure(), SameSite: http.SameSiteLaxMode,
	})
	return nil
}

// liftSigninPauses clears every pause on an account (an admin's reset).
func (n *Newsroom) liftSigninPauses(ctx context.Context, email string) error {
	key, err := n.signinKey(ctx)
	if err != nil {
		return err
	}
	p := signinPlace{secretKey: key}
	return n.store.ClearSignInSubject(ctx, p.subjectOf(email))
}
