package newsroom

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"dateline/internal/auth"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/web"
)

// setupLifetime is how long a first-run setup link stays valid.
const setupLifetime = 24 * time.Hour

// SetupLink returns a one-time link that creates the first admin, or "" when
// an admin already exists. serve prints it at start.
func SetupLink(ctx context.Context, st *store.Store, baseURL string) (string, error) {
	exists, err := st.AdminExists(ctx)
	if err != nil || exists {
		return "", err
	}
	token, hash := auth.NewToken("dlsetup_")
	if err := st.CreateSetupToken(ctx, hash, time.Now().Add(setupLifetime)); err != nil {
		return "", err
	}
	return baseURL + "/newsroom/setup?token=" + token, nil
}

// SetupData is the data of the first-admin form.
type SetupData struct {
	Frame
	Token string
	Name  string
	Email string
}

func (n *Newsroom) setupForm(w http.ResponseWriter, r *http.Request) error {
	token := r.URL.Query().Get("token")
	ok, err := n.store.SetupTokenValid(r.Context(), auth.HashToken(token))
	if err != nil {
		return err
	}
	if !ok || token == "" {
		return web.NotFound("This setup link has been used or has expired. Restart dateline serve for a new one, or use: dateline user add --role admin")
	}
	return n.page(w, http.StatusOK, "setup", SetupData{Frame: n.frame(r, "Create the first admin", ""), Token: token})
}

func (n *Newsroom) setup(w http.ResponseWriter, r *http.Request) error {
	data := SetupData{Frame: n.frame(r, "Create the first admin", ""), Token: r.PostFormValue("token"),
		Name: strings.TrimSpace(r.PostFormValue("name")), Email: strings.TrimSpace(r.PostFormValue("email"))}
	password := r.PostFormValue("password")
	var problems []string
	if data.Name == "" || len(data.Name) > 100 {
		problems = append(problems, "Enter your name.")
	}
	if !plausibleEmail(data.Email) {
		problems = append(problems, "Enter a valid email address.")
	}
	if err := auth.ValidatePassword(password); err != nil {
		problems = append(problems, capitalise(err.Error()))
	} else if password != r.PostFormValue("confirm") {
		problems = append(problems, "The two passwords differ.")
	}
	if len(problems) > 0 {
		data.Error = strings.Join(problems, " ")
		return n.page(w, http.StatusBadRequest, "setup", data)
	}
	// Only a live link may make the server hash: the form is open to anyone.
	if valid, err := n.store.SetupTokenValid(r.Context(), auth.HashToken(data.Token)); err != nil {
		return err
	} else if !valid {
		return web.NotFound(store.ErrSetupUsed.Error())
	}
	hash, err := n.gate.Hash(r.Context(), password)
	if err != nil {
		return err
	}
	acc := store.Account{Slug: news.Slugify(data.Name), Name: data.Name, Email: data.Email, PasswordHash: hash}
	err = n.store.UseSetupToken(r.Context(), auth.HashToken(data.Token), &acc)
	if errors.Is(err, store.ErrSetupUsed) {
		return web.NotFound(err.Error())
	}
	if errors.Is(err, store.ErrConflict) {
		data.Error = "That name or email is already used by a staff member."
		return n.page(w, http.StatusConflict, "setup", data)
	}
	if err != nil {
		return err
	}
	if err := n.startSession(w, r, acc); err != nil {
		return err
	}
	return redirect(w, r, "/newsroom/", "setup-ready")
}

// plausibleEmail checks the shape of an address; delivery is not our concern.
func plausibleEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	return len(s) <= 254 && at > 0 && at < len(s)-3 && strings.Contains(s[at:], ".") && !strings.ContainsAny(s, " \t\r\n<>\"")
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
