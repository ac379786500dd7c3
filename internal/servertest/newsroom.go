package servertest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/news"
	"dateline/internal/store"
)

// staffPassword is the password of every account the newsroom tests create.
const staffPassword = "kelani-monsoon-2026"

// Member is a staff account a test can sign in as.
type Member struct {
	store.Account
	Password string
}

// NewMember creates an active account with the role, the email
// firstname@dateline.test and staffPassword.
func NewMember(t *testing.T, f *Fixture, role auth.Role, name string) Member {
	t.Helper()
	hash, err := auth.HashPassword(staffPassword)
	if err != nil {
		t.Fatal(err)
	}
	email := strings.ToLower(strings.Fields(name)[0]) + "@dateline.test"
	acc := store.Account{Name: name, Email: email, Role: string(role), PasswordHash: hash}
	if err := f.Store.CreateAccount(context.Background(), &acc, store.Change{Actor: "test", Action: "create"}); err != nil {
		t.Fatalf("create %s %s: %v", role, name, err)
	}
	return Member{Account: acc, Password: staffPassword}
}

// NewBrowser is a client with its own cookie jar, like one person's browser.
// It stops at redirects so that tests see where they point.
func NewBrowser(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// Login signs in through the form in a fresh browser and fails the test
// unless the newsroom lets them in.
func Login(t *testing.T, f *Fixture, email, pw string) *http.Client {
	t.Helper()
	c := NewBrowser(t)
	r := PostForm(t, f, c, "/newsroom/login", url.Values{"email": {email}, "password": {pw}})
	r.ExpectRedirect(t, "sign in as "+email, "/newsroom/")
	return c
}

// LoginAs signs a member in.
func LoginAs(t *testing.T, f *Fixture, m Member) *http.Client {
	t.Helper()
	return Login(t, f, m.Email, m.Password)
}

// Reply is a newsroom response, read in full.
type Reply struct {
	Method, Path string
	Status       int
	Header       http.Header
	Cookies      []*http.Cookie
	Body         string
}

func (r Reply) String() string { return r.Method + " " + r.Path }

// Send makes a request with c as a same-origin browser would (the server
// refuses cross-site form posts) and reads the reply.
func Send(t *testing.T, f *Fixture, c *http.Client, req *http.Request) Reply {
	t.Helper()
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		req.Header.Set("Origin", f.Srv.URL)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the reply: %v", req.Method, req.URL.Path, err)
	}
	return Reply{Method: req.Method, Path: req.URL.RequestURI(), Status: resp.StatusCode, Header: resp.Header,
		Cookies: resp.Cookies(), Body: string(body)}
}

// GetPage fetches a path with the browser's cookies.
func GetPage(t *testing.T, f *Fixture, c *http.Client, path string) Reply {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, f.Srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return Send(t, f, c, req)
}

// PostForm submits an ordinary (URL-encoded) form.
func PostForm(t *testing.T, f *Fixture, c *http.Client, path string, form url.Values) Reply {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, f.Srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return Send(t, f, c, req)
}

// Upload is a file sent in a multipart form.
type Upload struct {
	Field, Name string
	Data        []byte
}

// PostMultipart submits a multipart form, as the article editor does, with
// the fields first and then the files.
func PostMultipart(t *testing.T, f *Fixture, c *http.Client, path string, form url.Values, files ...Upload) Reply {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for name, values := range form {
		for _, v := range values {
			if err := mw.WriteField(name, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, up := range files {
		w, err := mw.CreateFormFile(up.Field, up.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(up.Data); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, f.Srv.URL+path, &buf)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return Send(t, f, c, req)
}

// Expect fails the test unless the reply has the status and shows each of
// the texts (plain text, matched as the page escapes it).
func (r Reply) Expect(t *testing.T, status int, texts ...string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("%s: status %d, want %d\n%s", r, r.Status, status, MainText(r.Body))
	}
	for _, s := range texts {
		if !strings.Contains(r.Body, html.EscapeString(s)) {
			t.Fatalf("%s: the page does not say %q\n%s", r, s, MainText(r.Body))
		}
	}
}

// ExpectRedirect fails the test unless the reply is a 303 to location.
func (r Reply) ExpectRedirect(t *testing.T, what, location string) {
	t.Helper()
	if r.Status != http.StatusSeeOther || r.Header.Get("Location") != location {
		t.Fatalf("%s (%s): %d to %q, want 303 to %q\n%s", what, r, r.Status, r.Header.Get("Location"), location, MainText(r.Body))
	}
}

// MainText is the page's <main> with tags removed, for failure messages.
func MainText(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	text := strings.Join(strings.Fields(html.UnescapeString(TagRE.ReplaceAllString(body, " "))), " ")
	if len(text) > 600 {
		text = text[:600] + "…"
	}
	return text
}

var TagRE = regexp.MustCompile(`<[^>]*>`)

// ArticleIDFrom reads the article id from a redirect to its editor.
func ArticleIDFrom(t *testing.T, r Reply) int64 {
	t.Helper()
	m := regexp.MustCompile(`^/newsroom/articles/(\d+)\?`).FindStringSubmatch(r.Header.Get("Location"))
	if m == nil {
		t.Fatalf("%s: %d to %q, want a redirect to the article's editor\n%s", r, r.Status, r.Header.Get("Location"), MainText(r.Body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// StoryForm is the editor form for a complete, valid new story, as a
// reporter fills it in.
func StoryForm(f *Fixture, headline, body string) url.Values {
	return url.Values{
		"headline": {headline}, "summary": {"Fishermen were warned to stay ashore."}, "body": {body},
		"section": {strconv.FormatInt(f.Local.ID, 10)}, "lang": {"en"}, "place": {"Galle"}, "tags": {"Weather, Coast"},
		"source_type": {"staff"}, "source_name": {""}, "image_caption": {""}, "image_credit": {""},
		"slug": {""}, "version": {"0"}, "publish_at": {""}, "action": {"save"},
	}
}

// FormFor is the editor form of a stored article as its editor page would
// Send it back, with the workflow step to apply.
func FormFor(a news.Article, action string) url.Values {
	v := url.Values{
		"headline": {a.Headline}, "summary": {a.Summary}, "body": {a.BodyMarkdown},
		"section": {strconv.FormatInt(a.Section.ID, 10)}, "lang": {a.Lang}, "place": {a.Place}, "tags": {""},
		"source_type": {"staff"}, "source_name": {""}, "image_caption": {a.ImageCaption}, "image_credit": {a.ImageCredit},
		"slug": {a.Slug}, "version": {strconv.Itoa(a.Version)}, "publish_at": {""}, "action": {action},
	}
	for _, au := range a.Authors {
		v.Add("authors", strconv.FormatInt(au.ID, 10))
	}
	return v
}

// EditorFields reads the article form of an editor page the way a browser
// would submit it: inputs, checked boxes, text areas and selected options
// (no buttons and no files; the test chooses those).
func EditorFields(t *testing.T, r Reply) url.Values {
	t.Helper()
	form := regexp.MustCompile(`(?s)<form id="article-form".*?</form>`).FindString(r.Body)
	if form == "" {
		t.Fatalf("%s: no article form on the page\n%s", r, MainText(r.Body))
	}
	v := url.Values{}
	for _, tag := range regexp.MustCompile(`<input\b[^>]*>`).FindAllString(form, -1) {
		a := Attributes(tag)
		switch a["type"] {
		case "file", "submit", "button":
			continue
		case "checkbox", "radio":
			if _, on := a["checked"]; !on {
				continue
			}
		}
		if name, ok := a["name"]; ok {
			v.Add(name, a["value"])
		}
	}
	for _, m := range regexp.MustCompile(`(?s)<textarea\b([^>]*)>(.*?)</textarea>`).FindAllStringSubmatch(form, -1) {
		v.Add(Attributes(m[1])["name"], html.UnescapeString(m[2]))
	}
	for _, m := range regexp.MustCompile(`(?s)<select\b([^>]*)>(.*?)</select>`).FindAllStringSubmatch(form, -1) {
		for _, opt := range regexp.MustCompile(`<option\b[^>]*>`).FindAllString(m[2], -1) {
			if a := Attributes(opt); HasAttr(a, "selected") {
				v.Set(Attributes(m[1])["name"], a["value"])
			}
		}
	}
	return v
}

var attrRE = regexp.MustCompile(`([a-z-]+)(?:="([^"]*)")?`)

// Attributes reads the attributes of one tag (our templates always quote
// values with double quotes).
func Attributes(tag string) map[string]string {
	tag = strings.TrimPrefix(strings.TrimSuffix(tag, ">"), "<")
	if i := strings.IndexAny(tag, " \t\n"); i >= 0 && !strings.Contains(tag[:i], "=") {
		tag = tag[i:] // drop the element name
	}
	out := map[string]string{}
	for _, m := range attrRE.FindAllStringSubmatch(tag, -1) {
		out[m[1]] = html.UnescapeString(m[2])
	}
	return out
}

func HasAttr(a map[string]string, name string) bool { _, ok := a[name]; return ok }

// OpenEditor loads an article's editor and returns its form as the browser
// would send it back.
func OpenEditor(t *testing.T, f *Fixture, c *http.Client, id int64) url.Values {
	t.Helper()
	r := GetPage(t, f, c, fmt.Sprintf("/newsroom/articles/%d", id))
	r.Expect(t, http.StatusOK)
	return EditorFields(t, r)
}

// SecretOf returns the value a page shows once in <code class="secret">.
func SecretOf(t *testing.T, r Reply) string {
	t.Helper()
	m := regexp.MustCompile(`<code class="secret" id="secret">([^<]+)</code>`).FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatalf("%s: no secret on the page\n%s", r, MainText(r.Body))
	}
	return html.UnescapeString(m[1])
}

// TableRows returns the cells, as text, of each row in the page's table body.
func TableRows(body string) [][]string {
	start, end := strings.Index(body, "<tbody>"), strings.Index(body, "</tbody>")
	if start < 0 || end < start {
		return nil
	}
	var rows [][]string
	for _, tr := range strings.Split(body[start:end], "<tr>")[1:] {
		var cells []string
		for _, td := range strings.Split(tr, "<td")[1:] {
			td = td[strings.Index(td, ">")+1:]
			td, _, _ = strings.Cut(td, "</td>")
			cells = append(cells, strings.Join(strings.Fields(html.UnescapeString(TagRE.ReplaceAllString(td, " "))), " "))
		}
		rows = append(rows, cells)
	}
	return rows
}

// AuditLine is one row of the newsroom's audit log page.
type AuditLine struct{ Who, Action, Object, Statuses, Detail string }

// AuditLines reads the audit log page as an admin sees it, newest first.
func AuditLines(t *testing.T, f *Fixture, admin *http.Client, query string) []AuditLine {
	t.Helper()
	r := GetPage(t, f, admin, "/newsroom/audit?"+query)
	r.Expect(t, http.StatusOK, "Audit log")
	var out []AuditLine
	for _, cells := range TableRows(r.Body) {
		if len(cells) == 6 {
			out = append(out, AuditLine{Who: cells[1], Action: cells[2], Object: cells[3], Statuses: cells[4], Detail: cells[5]})
		}
	}
	return out
}

// HasAudit reports whether the log has an entry of the action by who.
func HasAudit(lines []AuditLine, who, action string) bool {
	for _, l := range lines {
		if l.Who == who && l.Action == action {
			return true
		}
	}
	return false
}

// Footprint is what a refused request must leave as it was: every stored
// change writes an audit entry, and uploads add media.
type Footprint struct {
	Audit    int
	Articles int
	Media    int
}

func TakeFootprint(t *testing.T, f *Fixture) Footprint {
	t.Helper()
	ctx := context.Background()
	log, err := f.Store.AuditLog(ctx, store.AuditFilter{Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	_, total, err := f.Store.NewsroomList(ctx, store.NewsroomFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return Footprint{Audit: len(log), Articles: total, Media: countMedia(t, f)}
}

// countMedia counts stored images by looking them up by id; ids are handed
// out in order, so a few misses in a row mean there are no more.
func countMedia(t *testing.T, f *Fixture) int {
	t.Helper()
	n := 0
	for id, misses := int64(1), 0; misses < 5; id++ {
		_, _, err := f.Store.MediaFile(context.Background(), id, "page")
		switch {
		case err == nil:
			n, misses = n+1, 0
		case errors.Is(err, store.ErrNotFound):
			misses++
		default:
			t.Fatal(err)
		}
	}
	return n
}

// Unchanged fails the test if the store changed since before was taken.
func Unchanged(t *testing.T, what string, f *Fixture, before Footprint) {
	t.Helper()
	if after := TakeFootprint(t, f); after != before {
		t.Errorf("%s changed the store: before %+v, after %+v", what, before, after)
	}
}

// Stored reads an article back from the store.
func Stored(t *testing.T, f *Fixture, id int64) news.Article {
	t.Helper()
	a, err := f.Store.Article(context.Background(), id)
	if err != nil {
		t.Fatalf("article %d: %v", id, err)
	}
	return a
}

// SeedOwned stores an article owned by a member in a status, with two
// revisions (created, then saved with a new body), bypassing the newsroom.
func SeedOwned(t *testing.T, f *Fixture, owner int64, status news.Status, headline string) news.Article {
	t.Helper()
	ctx := context.Background()
	a := news.Article{Headline: headline, Summary: "Seeded for a newsroom test.", BodyMarkdown: "First body.",
		BodyHTML: "<p>First body.</p>", Section: f.Local, Lang: "en", Status: status, OwnerID: owner}
	switch status {
	case news.StatusPublished:
		a.PublishedAt = time.Now().Add(-time.Hour).UTC().Truncate(time.Second)
	case news.StatusScheduled:
		a.ScheduledAt = time.Now().Add(24 * time.Hour).UTC().Truncate(time.Second)
	}
	if err := f.Store.CreateArticle(ctx, &a, store.Change{Actor: "test", Action: "create"}); err != nil {
		t.Fatal(err)
	}
	a.BodyMarkdown, a.BodyHTML = "Second body.", "<p>Second body.</p>"
	if err := f.Store.UpdateArticle(ctx, &a, store.Change{Actor: "test", Action: "save"}); err != nil {
		t.Fatal(err)
	}
	return a
}

// FirstRevision returns the id of an article's oldest revision.
func FirstRevision(t *testing.T, f *Fixture, id int64) int64 {
	t.Helper()
	revs, err := f.Store.Revisions(context.Background(), id, 100)
	if err != nil || len(revs) == 0 {
		t.Fatalf("revisions of %d: %v (%d)", id, err, len(revs))
	}
	return revs[len(revs)-1].ID
}

// ArticleLD is the part of a public page's NewsArticle JSON-LD the tests read.
type ArticleLD struct {
	Type          string `json:"@type"`
	DatePublished string `json:"datePublished"`
	DateModified  string `json:"dateModified"`
}

// JSONLD reads the NewsArticle structured data of a public article page.
func JSONLD(t *testing.T, body string) (ld ArticleLD, published, modified time.Time) {
	t.Helper()
	for _, m := range regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindAllStringSubmatch(body, -1) {
		if err := json.Unmarshal([]byte(m[1]), &ld); err == nil && ld.Type == "NewsArticle" {
			published, err1 := time.Parse(time.RFC3339, ld.DatePublished)
			modified, err2 := time.Parse(time.RFC3339, ld.DateModified)
			if err1 != nil || err2 != nil {
				t.Fatalf("JSON-LD dates %q / %q: %v %v", ld.DatePublished, ld.DateModified, err1, err2)
			}
			return ld, published, modified
		}
	}
	t.Fatalf("no NewsArticle JSON-LD on the page")
	return
}

const WrongLogin = "That email and password do not match an account."

// GenericFailure is the whole answer to every refused sign-in.
const GenericFailure = WrongLogin + " After repeated failures, signing in from this device pauses for 15 minutes; an admin can reset your password."

// UndoFormRE finds the token of the Undo button in a moderation notice.
var UndoFormRE = regexp.MustCompile(`<form method="post" action="/newsroom/comments/undo"[^>]*>\s*<input type="hidden" name="token" value="([^"]+)">`)
