package servertest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/store"
)

// TokenUser is a staff member with a live personal API token.
type TokenUser struct {
	store.Account
	Token   string
	TokenID int64
}

// NewTokenUser creates an account with the role and a token for it.
func NewTokenUser(t *testing.T, f *Fixture, role auth.Role, name string) TokenUser {
	t.Helper()
	ctx := context.Background()
	u := TokenUser{Account: store.Account{Name: name, Role: string(role), PasswordHash: "not-a-hash"}}
	if err := f.Store.CreateAccount(ctx, &u.Account, store.Change{Actor: "test", Action: "create"}); err != nil {
		t.Fatal(err)
	}
	tok, hash := auth.NewToken("dlt_")
	id, err := f.Store.CreateToken(ctx, u.ID, "CMS import", hash, store.Change{StaffID: u.ID, Actor: name, Action: "create"})
	if err != nil {
		t.Fatal(err)
	}
	u.Token, u.TokenID = tok, id
	return u
}

// APIReply is an admin API response, read in full.
type APIReply struct {
	Status int
	Header http.Header
	Body   string
}

// AdminRequest sends a request with exactly the given headers. A nil body
// sends none, a string is sent as is, anything else as JSON.
func (f *Fixture) AdminRequest(method, path string, body any, header http.Header) APIReply {
	f.T.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		js, err := json.Marshal(b)
		if err != nil {
			f.T.Fatal(err)
		}
		r = bytes.NewReader(js)
	}
	req, err := http.NewRequest(method, f.Srv.URL+path, r)
	if err != nil {
		f.T.Fatal(err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	resp, err := Client.Do(req)
	if err != nil {
		f.T.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	return APIReply{Status: resp.StatusCode, Header: resp.Header, Body: string(got)}
}

// CallAdminAPI sends a JSON request with the token ("" for none).
func (f *Fixture) CallAdminAPI(token, method, path string, body any) APIReply {
	f.T.Helper()
	h := http.Header{}
	if body != nil {
		h.Set("Content-Type", "application/json")
	}
	if token != "" {
		h.Set("Authorization", "Bearer "+token)
	}
	return f.AdminRequest(method, path, body, h)
}

// Expect fails the test unless the reply has the status and, for errors, is
// JSON whose "error" mentions says.
func (r APIReply) Expect(t *testing.T, what string, status int, says string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("%s: status %d, want %d\n%s", what, r.Status, status, r.Body)
	}
	if status == http.StatusNoContent {
		return
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("%s: Content-Type %q, want JSON", what, r.Header.Get("Content-Type"))
	}
	if status >= 400 {
		var e struct{ Error string }
		if err := json.Unmarshal([]byte(r.Body), &e); err != nil || e.Error == "" {
			t.Fatalf("%s: error body %q is not {\"error\": ...}", what, r.Body)
		}
		if !strings.Contains(e.Error, says) {
			t.Fatalf("%s: error %q does not mention %q", what, e.Error, says)
		}
	}
}

// Decode reads the reply's JSON into v.
func (r APIReply) Decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.Body), v); err != nil {
		t.Fatalf("decoding %q: %v", r.Body, err)
	}
}

// AdminArticle is the admin article JSON: the public form plus the workflow.
type AdminArticle struct {
	APIArticle
	PublishedAt *time.Time `json:"published_at"`
	Status      string     `json:"status"`
	Version     int        `json:"version"`
	ScheduledAt *time.Time `json:"scheduled_at"`
	OwnerID     *int64     `json:"owner_id"`
}

func (r APIReply) Article(t *testing.T) AdminArticle {
	t.Helper()
	var a AdminArticle
	r.Decode(t, &a)
	return a
}

// NewStory is a complete, valid create request.
func NewStory(action string) map[string]any {
	return map[string]any{
		"headline": "Port expansion approved", "summary": "The cabinet agreed the second phase.",
		"body_markdown": "The **second phase** adds two berths.", "section": "local",
		"tags": []string{"Ports", "Economy"}, "authors": []string{"nadeesha-fernando"},
		"source": map[string]string{"type": "agency", "name": "Reuters"}, "place": "Colombo", "lang": "en",
		"action": action,
	}
}

// APIArticle is the subset of the article JSON the tests check.
type APIArticle struct {
	ID           int64  `json:"id"`
	Headline     string `json:"headline"`
	Slug         string `json:"slug"`
	URL          string `json:"url"`
	Summary      string `json:"summary"`
	BodyHTML     string `json:"body_html"`
	BodyMarkdown string `json:"body_markdown"`
	Section      struct{ Slug, Name string }
	Tags         []struct{ Slug, Name string }
	Authors      []struct{ Slug, Name string }
	Source       struct{ Type, Name, Line string }
	Place        string
	Lang         string
	Image        *struct {
		URL string `json:"url"`
	}
	PublishedAt time.Time `json:"published_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}
