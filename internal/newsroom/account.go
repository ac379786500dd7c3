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
	"dateline/internal/news"
	"dateline/internal/store"
)

// AccountData is the data of the member's own account page.
type AccountData struct {
	Frame
	Tokens []store.Token
	Alerts []store.SignInAlert // sign-in pauses on this account in the last 30 days
}

func (n *Newsroom) accountPage(w http.ResponseWriter, r *http.Request, status int, errMsg string) error {
	data := AccountData{Frame: n.frame(r, "Your account", "account")}
	data.Error = errMsg
	var err error
	if data.Tokens, err = n.store.Tokens(r.Context(), actor(r).Account.ID); err != nil {
		return err
	}
	if data.Alerts, err = n.store.SignInAlerts(r.Context(), actor(r).Account.ID, n.now().Add(-30*24*time.Hour)); err != nil {
		return err
	}
	return n.page(w, status, "account", data)
}

func (n *Newsroom) account(w http.ResponseWriter, r *http.Request) error {
	return n.accountPage(w, r, http.StatusOK, "")
}

// changePassword needs the current password, so a session left open on a
// shared computer cannot be used to take the account over. Wrong current
// passwords are counted like sign-ins: five in 15 minutes pause the form
// (and tell the owner through the audit log).
func (n *Newsroom) changePassword(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	me := actor(r).Account
	current, next := r.PostFormValue("current"), r.PostFormValue("password")
	key, err := n.signinKey(ctx)
	if err != nil {
		return err
	}
	p := &signinPlace{secretKey: key}
	p.subject = p.subjectOf(me.Email)
	changeKey := p.mac("change", strconv.FormatInt(me.ID, 10))
	within, c, err := n.count(ctx, p, changeKey, changeLimit)
	if err != nil {
		return err
	}
	if !within {
		w.Header().Set("Retry-After", retryAfter(c.Until, n.now()))
		return n.accountPage(w, r, http.StatusTooManyRequests, fmt.Sprintf(
			"Too many wrong current passwords. Password changes are paused until %s.", n.clock(c.Until)))
	}
	ok, err := n.gate.Check(ctx, me.PasswordHash, current)
	if err != nil {
		return errors.Join(err, n.forgive(context.WithoutCancel(ctx), p))
	}
	if !ok {
		if c.Failures == changeLimit {
			if err := n.auditPause(ctx, me.ID, changeKey, fmt.Sprintf("%d wrong current passwords on the password form, from %s; password changes paused until %s",
				changeLimit, n.clientIP(r), n.clock(c.Until))); err != nil {
				return err
			}
		}
		return n.accountPage(w, r, http.StatusBadRequest, "Your current password is not right.")
	}
	if err := n.forgive(ctx, p); err != nil {
		return err
	}
	switch {
	case auth.ValidatePassword(next) != nil:
		return n.accountPage(w, r, http.StatusBadRequest, capitalise(auth.ValidatePassword(next).Error()))
	case next != r.PostFormValue("confirm"):
		return n.accountPage(w, r, http.StatusBadRequest, "The two new passwords differ.")
	}
	hash, err := n.gate.Hash(ctx, next)
	if err != nil {
		return err
	}
	revoke := r.PostFormValue("revoke_tokens") != ""
	if err := n.store.SetPassword(ctx, me.ID, hash, revoke, actor(r).Change("change-password", "")); err != nil {
		return err
	}
	// Every session ended with the old password; give this browser a new one.
	if err := n.startSession(w, r, me); err != nil {
		return err
	}
	done := "password"
	if revoke {
		done = "password-tokens"
	}
	return redirect(w, r, "/newsroom/account", done)
}

// createToken makes a personal API token, shown once.
func (n *Newsroom) createToken(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.ManageOwnTokens, "create API tokens"); err != nil {
		return err
	}
	name := strings.TrimSpace(r.PostFormValue("name"))
	if name == "" || len(name) > 80 {
		return n.accountPage(w, r, http.StatusBadRequest, "Give the token a name (at most 80 characters), such as the program that will use it.")
	}
	token, hash := auth.NewToken("dlt_")
	if _, err := n.store.CreateToken(r.Context(), actor(r).Account.ID, name, hash, actor(r).Change("create-token", name)); err != nil {
		return err
	}
	return n.secret(w, r, "API token created", "Send it as \"Authorization: Bearer <token>\". It acts with your role. It is shown only this once; store it somewhere safe.", token, "/newsroom/account")
}

func (n *Newsroom) revokeToken(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := n.store.RevokeToken(r.Context(), id, actor(r).Account.ID, actor(r).Change("revoke-token", "")); err != nil {
		return err
	}
	return redirect(w, r, "/newsroom/account", "revoked")
}

// SectionsData is the data of the sections and tags page.
type SectionsData struct {
	Frame
	Sections []news.Section
	Tags     []store.TagCount
	Editions []EditionChoice                        // editions whose section names are translated (all but English)
	Names    map[int64]map[string]store.SectionName // section → language → name
}

func (n *Newsroom) sections(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.ManageTaxonomy, "manage sections and tags"); err != nil {
		return err
	}
	return n.sectionsPage(w, r, http.StatusOK, "")
}

func (n *Newsroom) sectionsPage(w http.ResponseWriter, r *http.Request, status int, errMsg string) error {
	data := SectionsData{Frame: n.frame(r, "Sections and tags", "sections")}
	data.Error = errMsg
	var err error
	if data.Sections, err = n.store.Sections(r.Context()); err != nil {
		return err
	}
	if data.Tags, err = n.store.Tags(r.Context(), 500, 0); err != nil {
		return err
	}
	for _, ed := range n.editionChoices() {
		if ed.Lang != "en" {
			data.Editions = append(data.Editions, ed)
		}
	}
	names, err := n.store.SectionNames(r.Context())
	if err != nil {
		return err
	}
	data.Names = map[int64]map[string]store.SectionName{}
	for _, nm := range names {
		if data.Names[nm.SectionID] == nil {
			data.Names[nm.SectionID] = map[string]store.SectionName{}
		}
		data.Names[nm.SectionID][nm.Lang] = nm
	}
	return n.page(w, status, "sections", data)
}

// saveSection creates a section (no id) or updates one.
func (n *Newsroom) saveSection(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.ManageTaxonomy, "manage sections and tags"); err != nil {
		return err
	}
	sec := news.Section{Name: strings.TrimSpace(r.PostFormValue("name")), Description: strings.TrimSpace(r.PostFormValue("description"))}
	sec.Slug = strings.TrimSpace(r.PostFormValue("slug"))
	if sec.Slug == "" {
		sec.Slug = news.Slugify(sec.Name)
	}
	sec.Position, _ = strconv.Atoi(r.PostFormValue("position"))
	if sec.Name == "" || len(sec.Name) > 60 || news.Slugify(sec.Slug) != sec.Slug {
		return n.sectionsPage(w, r, http.StatusBadRequest, "A section needs a name (at most 60 characters) and a slug of lower-case letters, digits and hyphens.")
	}
	var err error
	if raw := r.PathValue("id"); raw != "" {
		if sec.ID, err = pathID(r, "id"); err != nil {
			return err
		}
		err = n.store.UpdateSection(r.Context(), sec, actor(r).Change("update", sec.Name))
	} else {
		err = n.store.CreateSection(r.Context(), &sec)
		if err == nil {
			err = n.store.Audit(r.Context(), actor(r).Change("create", sec.Name), "section", sec.ID, "", "")
		}
	}
	if err != nil && isConflict(err) {
		return n.sectionsPage(w, r, http.StatusConflict, "Another section already uses the slug "+strconv.Quote(sec.Slug)+".")
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/newsroom/sections", "section")
}

func (n *Newsroom) renameTag(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.ManageTaxonomy, "manage sections and tags"); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	name := strings.TrimSpace(r.PostFormValue("name"))
	if name == "" || len(name) > 60 {
		return n.sectionsPage(w, r, http.StatusBadRequest, "A tag needs a name of at most 60 characters.")
	}
	if err := n.store.RenameTag(r.Context(), id, name, actor(r).Change("rename", name)); err != nil {
		return err
	}
	return redirect(w, r, "/newsroom/sections", "tag")
}
