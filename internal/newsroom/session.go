package newsroom

import (
	"errors"
	"net/http"
	"net/url"
	"time"

	"dateline/internal/auth"
	"dateline/internal/store"
	"dateline/internal/web"
)

const (
	sessionCookie   = "dateline_session"
	sessionLifetime = 7 * 24 * time.Hour // absolute limit
	sessionIdle     = 12 * time.Hour     // signed out after this long without a request
	touchEvery      = time.Minute        // how often activity is written back
)

// startSession stores a new session and sets its cookie. Only the hash of
// the secret is stored, so a copy of the database opens no sessions.
func (n *Newsroom) startSession(w http.ResponseWriter, r *http.Request, acc store.Account) error {
	token, hash := auth.NewToken("dls_")
	expires := n.now().Add(sessionLifetime)
	if err := n.store.CreateSession(r.Context(), hash, acc.ID, expires, n.clientIP(r), trim(r.UserAgent(), 300)); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/", Expires: expires,
		HttpOnly: true, Secure: n.secure(), SameSite: http.SameSiteLaxMode,
	})
	return nil
}

// secure says whether cookies must be Secure: whenever readers reach the
// site over https, even if a proxy talks plain HTTP to us.
func (n *Newsroom) secure() bool { return n.cfg.HTTPS() }

func (n *Newsroom) endSession(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := n.store.DeleteSession(r.Context(), auth.HashToken(c.Value)); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: n.secure(), SameSite: http.SameSiteLaxMode})
	return nil
}

// session returns the live session behind the request's cookie, if any.
func (n *Newsroom) session(r *http.Request) (store.Session, bool, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || len(c.Value) > 200 {
		return store.Session{}, false, nil
	}
	sess, err := n.store.SessionByHash(r.Context(), auth.HashToken(c.Value))
	if errors.Is(err, store.ErrNotFound) {
		return sess, false, nil
	}
	if err != nil {
		return sess, false, err
	}
	if n.now().Sub(sess.LastSeen) > sessionIdle {
		n.store.DeleteSession(r.Context(), sess.ID)
		return sess, false, nil
	}
	if n.now().Sub(sess.LastSeen) > touchEvery {
		n.store.TouchSession(r.Context(), sess.ID)
	}
	return sess, true, nil
}

// authed wraps a staff handler: without a session, pages redirect to the
// login form and form posts are refused.
func (n *Newsroom) authed(h web.HandlerFunc) http.Handler {
	return n.withSession(h, func(w http.ResponseWriter, r *http.Request) error {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			http.Redirect(w, r, "/newsroom/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return nil
		}
		return &web.Error{Status: http.StatusUnauthorized, Message: "Your session has ended, so this was not saved. Sign in again and open the same page: this browser has kept what you typed in the article, video and policy forms and offers it back."}
	})
}

// fetched wraps a staff handler that page script calls rather than a
// person (the live preview): without a session it answers 303 to the
// sign-in page. Browsers log every 4xx answer to a fetch as a console
// error; editor.js reads the redirect as "signed out" and says so instead.
func (n *Newsroom) fetched(h web.HandlerFunc) http.Handler {
	return n.withSession(h, func(w http.ResponseWriter, r *http.Request) error {
		http.Redirect(w, r, "/newsroom/login", http.StatusSeeOther)
		return nil
	})
}

// withSession runs h for a signed-in member, and signedOut for anyone else.
func (n *Newsroom) withSession(h, signedOut web.HandlerFunc) http.Handler {
	return web.Adapt(n.mapErrors(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Cache-Control", "no-store")
		sess, ok, err := n.session(r)
		if err != nil {
			return err
		}
		if !ok {
			return signedOut(w, r)
		}
		r = r.WithContext(withAccount(r.Context(), sess.Account))
		// net/http removes the spooled files of the request it handed out,
		// not of this copy, which is the one the handler parses.
		defer func() {
			if r.MultipartForm != nil {
				r.MultipartForm.RemoveAll()
			}
		}()
		return h(w, r)
	}), n.errorPage)
}

// clientIP is the member's address, believing X-Forwarded-For only from the
// configured trusted proxies.
func (n *Newsroom) clientIP(r *http.Request) string { return web.ClientIP(r, n.cfg.TrustedProxies) }

func trim(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
