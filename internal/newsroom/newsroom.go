// Package newsroom serves the staff side at /newsroom/: login, the article
// list and editor, workflow steps, revisions, corrections, the audit log,
// staff accounts, sections and tags, and personal API tokens. Every action
// checks the signed-in member's role on the server.
package newsroom

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"dateline/internal/auth"
	"dateline/internal/comments"
	"dateline/internal/config"
	"dateline/internal/desk"
	"dateline/internal/i18n"
	"dateline/internal/markup"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/video"
	"dateline/internal/views"
	"dateline/internal/web"
	"dateline/ui"
)

// Newsroom holds what the staff handlers need.
type Newsroom struct {
	cfg      config.Config
	store    *store.Store
	desk     *desk.Desk
	comments *comments.Service
	rankings *views.Rankings
	md       *markup.Renderer
	tmpl     *ui.Templates
	text     *i18n.Bundle // the public site's words, for the preview of a story
	gate     *auth.Gate   // bounds password hashing (sign-in, password changes, setup)
	now      func() time.Time

	secretKey signinSecret
}

// New parses the newsroom templates and returns the surface.
func New(cfg config.Config, st *store.Store, dk *desk.Desk, cs *comments.Service, md *markup.Renderer, assets *ui.Assets, rk *views.Rankings, gate *auth.Gate) (*Newsroom, error) {
	n := &Newsroom{cfg: cfg, store: st, desk: dk, comments: cs, rankings: rk, md: md, gate: gate, now: time.Now}
	text, err := i18n.Load(cfg.Location)
	if err != nil {
		return nil, err
	}
	n.text = text
	tmpl, err := ui.LoadNewsroomTemplates(n.funcs(), assets)
	if err != nil {
		return nil, err
	}
	for _, page := range []string{"login", "setup", "articles", "editor", "revisions", "revision", "audit", "staff", "account", "sections", "message", "preview", "comments", "policy",
		"videos", "video_editor", "programmes", "dashboard", "bans"} {
		if !tmpl.Has(page) {
			return nil, fmt.Errorf("newsroom: page template %q is missing", page)
		}
	}
	n.tmpl = tmpl
	return n, nil
}

func (n *Newsroom) funcs() template.FuncMap {
	return template.FuncMap{
		"dateline": func(t time.Time) string { return news.FormatDateline(t, n.cfg.Location) },
		"inputTime": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(n.cfg.Location).Format("2006-01-02T15:04")
		},
		"isoTime":  func(t time.Time) string { return t.In(n.cfg.Location).Format(time.RFC3339) },
		"mediaURL": mediaPath,
		"can":      func(role string, action string) bool { return auth.Can(auth.Role(role), auth.Action(action)) },
		"add":      func(a, b int) int { return a + b },
		"sub":      func(a, b int) int { return a - b },
		"views":    viewsLabel,
		"href":     n.cfg.Editions.Path,
	}
}

// EditionChoice is an edition as the newsroom's menus offer it.
type EditionChoice struct {
	Lang, Name string
}

// editionChoices lists the configured editions, the default first. The
// newsroom's own interface is English, so the names are English too.
func (n *Newsroom) editionChoices() []EditionChoice {
	var out []EditionChoice
	for _, ed := range n.cfg.Editions.All() {
		out = append(out, EditionChoice{Lang: ed.Lang, Name: video.LangLabel(ed.Lang)})
	}
	return out
}

// Frame is what every newsroom page's layout needs.
type Frame struct {
	SiteName string
	Title    string
	Me       store.Account
	Nav      string     // which menu entry is current
	Notice   string     // a one-line confirmation after a redirect
	Undo     *UndoOffer // the notice's Undo button, when it confirms a decision that can be undone
	Error    string     // what went wrong, shown at the top
}

// frame fills the layout data for the signed-in member.
func (n *Newsroom) frame(r *http.Request, title, nav string) Frame {
	f := Frame{SiteName: n.cfg.SiteName, Title: title, Nav: nav, Notice: notices[r.URL.Query().Get("done")]}
	if acc, ok := accountFrom(r.Context()); ok {
		f.Me = acc
	}
	return f
}

// notices are the confirmations a redirect can ask for with ?done=.
var notices = map[string]string{
	"saved":           "Saved.",
	"linked":          "Linked: the versions now point readers to each other.",
	"ban-lifted":      "Ban lifted. The reader can comment again.",
	"unlinked":        "Unlinked: that version is no longer shown as this story in its edition.",
	"created":         "Article created.",
	"submit":          "Submitted for review.",
	"publish":         "Published. It is on the site now.",
	"schedule":        "Scheduled.",
	"unpublish":       "Unpublished. Readers can no longer see it.",
	"corrected":       "Note added to the article.",
	"restored":        "Revision restored as the current version.",
	"password":        "Your password has been changed.",
	"password-tokens": "Your password has been changed and your API tokens revoked.",
	"staff":           "Staff member saved.",
	"revoked":         "Token revoked.",
	"section":         "Section saved.",
	"tag":             "Tag renamed.",
	"deleted":         "Article deleted.",
	"logged-out":      "You have signed out.",
	"setup-ready":     "Your admin account is ready.",
	"decided":         "Done.",
	"undone":          "Undone: everything the decision changed is as it was before.",
	"policy":          "Comment policy saved.",

	// Video stories and programmes.
	"video-save":      "Saved.",
	"video-submit":    "Submitted for review.",
	"video-publish":   "Published. The video story is on the site now.",
	"video-unpublish": "Unpublished. Readers can no longer see the video story.",
	"video-deleted":   "Video story deleted.",
	"programme":       "Programme saved.",
	"slot":            "Slot added.",
}

// page renders a newsroom page into a buffer, then writes it uncached.
func (n *Newsroom) page(w http.ResponseWriter, status int, name string, data any) error {
	body, err := n.tmpl.Render(name, data)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err = w.Write(body)
	return err
}

// MessageData is the data of the plain message page (errors, one-time secrets).
type MessageData struct {
	Frame
	Status  int
	Heading string
	Message string
	Secret  string // shown once, e.g. a new password or token
	Back    string
	Confirm *Confirmation // a step that needs a second, deliberate click
}

// Confirmation is a form that repeats a destructive post with confirm=yes
// and the post's other fields.
type Confirmation struct {
	Method string // "GET" for a step that changes nothing stored; POST when empty
	Action string // the address the form posts to
	Fields []Field
	Button string
	Cancel string // where "Cancel" leads; no link when empty
}

// Field is a hidden form field.
type Field struct{ Name, Value string }

// errorPage is the newsroom's ErrorWriter.
func (n *Newsroom) errorPage(w http.ResponseWriter, r *http.Request, status int, message string) {
	data := MessageData{Frame: n.frame(r, http.StatusText(status), ""), Status: status,
		Heading: http.StatusText(status), Message: message, Back: "/newsroom/"}
	if err := n.page(w, status, "message", data); err != nil {
		slog.Error("render newsroom error page", "err", err)
		http.Error(w, message, status)
	}
}

// handle adapts a public newsroom handler (login, setup).
func (n *Newsroom) handle(h web.HandlerFunc) http.Handler {
	return web.Adapt(n.mapErrors(h), n.errorPage)
}

// mapErrors turns the desk's errors into statuses web.StatusOf knows.
func (n *Newsroom) mapErrors(h web.HandlerFunc) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		err := h(w, r)
		var forbidden *auth.Forbidden
		var input *desk.InputError
		switch {
		case err == nil:
			return nil
		case asErr(err, &forbidden):
			return &web.Error{Status: http.StatusForbidden, Message: forbidden.Error()}
		case asErr(err, &input):
			return &web.Error{Status: http.StatusBadRequest, Message: input.Error()}
		case errors.Is(err, auth.ErrBusy):
			w.Header().Set("Retry-After", strconv.Itoa(n.gate.RetryAfter()))
			return &web.Error{Status: http.StatusTooManyRequests, Message: "The newsroom is busy checking passwords. Try again in a few seconds."}
		}
		return err
	}
}

// redirect answers a successful form post with 303 See Other.
func redirect(w http.ResponseWriter, r *http.Request, path, done string) error {
	if done != "" {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		path += sep + "done=" + url.QueryEscape(done)
	}
	http.Redirect(w, r, path, http.StatusSeeOther)
	return nil
}

type ctxKey struct{}

func withAccount(ctx context.Context, acc store.Account) context.Context {
	return context.WithValue(ctx, ctxKey{}, acc)
}

func accountFrom(ctx context.Context) (store.Account, bool) {
	acc, ok := ctx.Value(ctxKey{}).(store.Account)
	return acc, ok
}

// actor is the signed-in member as the desk sees them.
func actor(r *http.Request) auth.Actor {
	acc, _ := accountFrom(r.Context())
	return auth.Actor{Account: acc}
}

// require refuses the request unless the signed-in member's role allows a.
func require(r *http.Request, a auth.Action, what string) error {
	acc, _ := accountFrom(r.Context())
	if !acc.Active || !auth.Can(auth.Role(acc.Role), a) {
		return &web.Error{Status: http.StatusForbidden, Message: "Your role does not allow you to " + what + "."}
	}
	return nil
}
