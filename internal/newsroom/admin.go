package newsroom

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/auth"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/web"
)

// AuditData is the data of the audit log page.
type AuditData struct {
	Frame
	Entries []store.AuditEntry
	Page    int
	PrevURL string
	NextURL string
	Object  string
}

const auditPerPage = 50

func (n *Newsroom) audit(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.ViewAudit, "read the audit log"); err != nil {
		return err
	}
	q := r.URL.Query()
	page, err := web.PageNumber(r)
	if err != nil {
		return err
	}
	f := store.AuditFilter{ObjectType: q.Get("type"), Limit: auditPerPage + 1, Offset: (page - 1) * auditPerPage}
	switch f.ObjectType {
	case "", "article", "staff", "token", "section", "tag", "comment", "ban", "setting", "video", "programme":
	default:
		return web.BadRequest("Unknown kind of object.")
	}
	if f.ObjectID, err = optionalID(q.Get("id")); err != nil {
		return err
	}
	entries, err := n.store.AuditLog(r.Context(), f)
	if err != nil {
		return err
	}
	data := AuditData{Frame: n.frame(r, "Audit log", "audit"), Page: page, Object: f.ObjectType}
	base := "/newsroom/audit?type=" + f.ObjectType
	if f.ObjectID != 0 {
		base += "&id=" + strconv.FormatInt(f.ObjectID, 10)
	}
	if len(entries) > auditPerPage {
		entries = entries[:auditPerPage]
		data.NextURL = base + "&page=" + strconv.Itoa(page+1)
	}
	if page > 1 {
		data.PrevURL = base + "&page=" + strconv.Itoa(page-1)
	}
	data.Entries = entries
	return n.page(w, http.StatusOK, "audit", data)
}

// StaffData is the data of the staff page.
type StaffData struct {
	Frame
	Accounts []store.Account
	Roles    []auth.Role
	Form     struct{ Name, Email, Role string }
}

func (n *Newsroom) staffPage(w http.ResponseWriter, r *http.Request, status int, data StaffData) error {
	if err := require(r, auth.ManageStaff, "manage staff accounts"); err != nil {
		return err
	}
	var err error
	if data.Accounts, err = n.store.Accounts(r.Context()); err != nil {
		return err
	}
	data.Frame.Title, data.Frame.Nav, data.Roles = "Staff", "staff", auth.Roles
	return n.page(w, status, "staff", data)
}

func (n *Newsroom) staff(w http.ResponseWriter, r *http.Request) error {
	return n.staffPage(w, r, http.StatusOK, StaffData{Frame: n.frame(r, "Staff", "staff")})
}

// addStaff creates an account with a generated password, shown once.
func (n *Newsroom) addStaff(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.ManageStaff, "manage staff accounts"); err != nil {
		return err
	}
	data := StaffData{Frame: n.frame(r, "Staff", "staff")}
	data.Form.Name, data.Form.Email, data.Form.Role = strings.TrimSpace(r.PostFormValue("name")), strings.TrimSpace(r.PostFormValue("email")), r.PostFormValue("role")
	role, err := auth.ParseRole(data.Form.Role)
	switch {
	case data.Form.Name == "" || len(data.Form.Name) > 100:
		data.Error = "Enter the staff member's name."
	case !plausibleEmail(data.Form.Email):
		data.Error = "Enter a valid email address."
	case err != nil:
		data.Error = capitalise(err.Error())
	}
	if data.Error != "" {
		return n.staffPage(w, r, http.StatusBadRequest, data)
	}
	password := auth.GeneratePassword()
	hash, err := n.gate.Hash(r.Context(), password)
	if err != nil {
		return err
	}
	acc := store.Account{Slug: news.Slugify(data.Form.Name), Name: data.Form.Name, Email: data.Form.Email, Role: string(role), PasswordHash: hash}
	err = n.store.CreateAccount(r.Context(), &acc, actor(r).Change("create", "role "+string(role)))
	if errors.Is(err, store.ErrConflict) {
		data.Error = "That name or email is already used by a staff member."
		return n.staffPage(w, r, http.StatusConflict, data)
	}
	if err != nil {
		return err
	}
	return n.secret(w, r, "Account created", acc.Name+" can now sign in with the email "+acc.Email+" and this password. It is shown only this once; send it to them privately. They should change it after signing in.", password, "/newsroom/staff")
}

// updateStaff changes a member's role or active state.
func (n *Newsroom) updateStaff(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.ManageStaff, "manage staff accounts"); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	role, err := auth.ParseRole(r.PostFormValue("role"))
	if err != nil {
		return web.BadRequest(capitalise(err.Error()))
	}
	active := r.PostFormValue("active") == "1"
	if id == actor(r).Account.ID && (!active || role != auth.Admin) {
		return web.BadRequest("You cannot remove your own admin role or deactivate yourself; ask another admin.")
	}
	acc, err := n.store.AccountByID(r.Context(), id)
	if err != nil {
		return err
	}
	if err := n.store.SetRoleActive(r.Context(), id, string(role), active, actor(r).Change(staffChange(acc, role, active))); err != nil {
		return err
	}
	return redirect(w, r, "/newsroom/staff", "staff")
}

// staffChange names a staff update for the audit log by what it did
// ("deactivate", "change-role"), not as a bare "update".
func staffChange(before store.Account, role auth.Role, active bool) (action, detail string) {
	roleChanged := string(role) != before.Role
	detail = before.Name
	if roleChanged {
		detail += ": role " + before.Role + " → " + string(role)
	}
	switch {
	case before.Active && !active:
		return "deactivate", detail
	case !before.Active && active:
		return "reactivate", detail
	case roleChanged:
		return "change-role", detail
	}
	return "update", detail + " (no change)"
}

// resetPassword gives a member a new generated password, shown once, and
// ends their sessions and any lock.
func (n *Newsroom) resetPassword(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.ManageStaff, "reset passwords"); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	acc, err := n.store.AccountByID(r.Context(), id)
	if err != nil {
		return err
	}
	if r.PostFormValue("confirm") != "yes" {
		return n.page(w, http.StatusOK, "message", MessageData{Frame: n.frame(r, "Reset password?", "staff"), Status: http.StatusOK,
			Heading: "Reset " + acc.Name + "'s password?",
			Message: "A new password will be generated and shown to you once. " + acc.Name + " will be signed out everywhere at once, " +
				"their API tokens will be revoked, and they can sign in again only with the new password.",
			Confirm: &Confirmation{Action: r.URL.Path, Button: "Reset the password", Cancel: "/newsroom/staff"}})
	}
	password := auth.GeneratePassword()
	hash, err := n.gate.Hash(r.Context(), password)
	if err != nil {
		return err
	}
	// A reset is what an admin does for a member whose password may be
	// known to someone else, so their API tokens go with it.
	if err := n.store.SetPassword(r.Context(), id, hash, true, actor(r).Change("reset-password", acc.Name)); err != nil {
		return err
	}
	if err := n.liftSigninPauses(r.Context(), acc.Email); err != nil {
		return err
	}
	return n.secret(w, r, "Password reset", "The new password for "+acc.Name+" is below. It is shown only this once. Their sessions have been signed out, their API tokens revoked and any pause on signing in lifted.", password, "/newsroom/staff")
}

// secret shows a value once, never cached.
func (n *Newsroom) secret(w http.ResponseWriter, r *http.Request, heading, message, secret, back string) error {
	return n.page(w, http.StatusOK, "message", MessageData{Frame: n.frame(r, heading, ""), Status: http.StatusOK,
		Heading: heading, Message: message, Secret: secret, Back: back})
}
