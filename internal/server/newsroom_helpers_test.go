package server_test

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

// member is a staff account a test can sign in as.
type member struct {
	store.Account
	password string
}

// newMember creates an active account with the role, the email
// firstname@dateline.test and staffPassword.
func newMember(t *testing.T, f *fixture, role auth.Role, name string) member {
	t.Helper()
	hash, err := auth.HashPassword(staffPassword)
	if err != nil {
		t.Fatal(err)
	}
	email := strings.ToLower(strings.Fields(name)[0]) + "@dateline.test"
	acc := store.Account{Name: name, Email: email, Role: string(role), PasswordHash: hash}
	if err := f.store.CreateAccount(context.Background(), &acc, store.Change{Actor: "test", Action: "create"}); err != nil {
		t.Fatalf("create %s %s: %v", role, name, err)
	}
	return member{Account: acc, password: staffPassword}
}

// newBrowser is a client with its own cookie jar, like one person's browser.
// It stops at redirects so that tests see where they point.
func newBrowser(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// login signs in through the form in a fresh browser and fails the test
// unless the newsroom lets them in.
func login(t *testing.T, f *fixture, email, pw string) *http.Client {
	t.Helper()
	c := newBrowser(t)
	r := postForm(t, f, c, "/newsroom/login", url.Values{"email": {email}, "password": {pw}})
	r.expectRedirect(t, "sign in as "+email, "/newsroom/")
	return c
}

// loginAs signs a member in.
func loginAs(t *testing.T, f *fixture, m member) *http.Client {
	t.Helper()
	return login(t, f, m.Email, m.password)
}

// pageReply is a newsroom response, read in full.
type pageReply struct {
	method, path string
	status       int
	header       http.Header
	cookies      []*http.Cookie
	body         string
}

func (r pageReply) String() string { return r.method + " " + r.path }

// send makes a request with c as a same-origin browser would (the server
// refuses cross-site form posts) and reads the reply.
func send(t *testing.T, f *fixture, c *http.Client, req *http.Request) pageReply {
	t.Helper()
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		req.Header.Set("Origin", f.srv.URL)
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
	return pageReply{method: req.Method, path: req.URL.RequestURI(), status: resp.StatusCode, header: resp.Header,
		cookies: resp.Cookies(), body: string(body)}
}

// getPage fetches a path with the browser's cookies.
func getPage(t *testing.T, f *fixture, c *http.Client, path string) pageReply {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, f.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return send(t, f, c, req)
}

// postForm submits an ordinary (URL-encoded) form.
func postForm(t *testing.T, f *fixture, c *http.Client, path string, form url.Values) pageReply {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, f.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return send(t, f, c, req)
}

// upload is a file sent in a multipart form.
type upload struct {
	field, name string
	data        []byte
}

// postMultipart submits a multipart form, as the article editor does, with
// the fields first and then the files.
func postMultipart(t *testing.T, f *fixture, c *http.Client, path string, form url.Values, files ...upload) pageReply {
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
		w, err := mw.CreateFormFile(up.field, up.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(up.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, f.srv.URL+path, &buf)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return send(t, f, c, req)
}

// expect fails the test unless the reply has the status and shows each of
// the texts (plain text, matched as the page escapes it).
func (r pageReply) expect(t *testing.T, status int, texts ...string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("%s: status %d, want %d\n%s", r, r.status, status, mainText(r.body))
	}
	for _, s := range texts {
		if !strings.Contains(r.body, html.EscapeString(s)) {
			t.Fatalf("%s: the page does not say %q\n%s", r, s, mainText(r.body))
		}
	}
}

// expectRedirect fails the test unless the reply is a 303 to location.
func (r pageReply) expectRedirect(t *testing.T, what, location string) {
	t.Helper()
	if r.status != http.StatusSeeOther || r.header.Get("Location") != location {
		t.Fatalf("%s (%s): %d to %q, want 303 to %q\n%s", what, r, r.status, r.header.Get("Location"), location, mainText(r.body))
	}
}

// mainText is the page's <main> with tags removed, for failure messages.
func mainText(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	text := strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(body, " "))), " ")
	if len(text) > 600 {
		text = text[:600] + "…"
	}
	return text
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// articleIDFrom reads the article id from a redirect to its editor.
func articleIDFrom(t *testing.T, r pageReply) int64 {
	t.Helper()
	m := regexp.MustCompile(`^/newsroom/articles/(\d+)\?`).FindStringSubmatch(r.header.Get("Location"))
	if m == nil {
		t.Fatalf("%s: %d to %q, want a redirect to the article's editor\n%s", r, r.status, r.header.Get("Location"), mainText(r.body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// storyForm is the editor form for a complete, valid new story, as a
// reporter fills it in.
func storyForm(f *fixture, headline, body string) url.Values {
	return url.Values{
		"headline": {headline}, "summary": {"Fishermen were warned to stay ashore."}, "body": {body},
		"section": {strconv.FormatInt(f.local.ID, 10)}, "lang": {"en"}, "place": {"Galle"}, "tags": {"Weather, Coast"},
		"source_type": {"staff"}, "source_name": {""}, "image_caption": {""}, "image_credit": {""},
		"slug": {""}, "version": {"0"}, "publish_at": {""}, "action": {"save"},
	}
}

// formFor is the editor form of a stored article as its editor page would
// send it back, with the workflow step to apply.
func formFor(a news.Article, action string) url.Values {
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

// editorFields reads the article form of an editor page the way a browser
// would submit it: inputs, checked boxes, text areas and selected options
// (no buttons and no files; the test chooses those).
func editorFields(t *testing.T, r pageReply) url.Values {
	t.Helper()
	form := regexp.MustCompile(`(?s)<form id="article-form".*?</form>`).FindString(r.body)
	if form == "" {
		t.Fatalf("%s: no article form on the page\n%s", r, mainText(r.body))
	}
	v := url.Values{}
	for _, tag := range regexp.MustCompile(`<input\b[^>]*>`).FindAllString(form, -1) {
		a := attributes(tag)
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
		v.Add(attributes(m[1])["name"], html.UnescapeString(m[2]))
	}
	for _, m := range regexp.MustCompile(`(?s)<select\b([^>]*)>(.*?)</select>`).FindAllStringSubmatch(form, -1) {
		for _, opt := range regexp.MustCompile(`<option\b[^>]*>`).FindAllString(m[2], -1) {
			if a := attributes(opt); hasAttr(a, "selected") {
				v.Set(attributes(m[1])["name"], a["value"])
			}
		}
	}
	return v
}

var attrRE = regexp.MustCompile(`([a-z-]+)(?:="([^"]*)")?`)

// attributes reads the attributes of one tag (our templates always quote
// values with double quotes).
func attributes(tag string) map[string]string {
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

func hasAttr(a map[string]string, name string) bool { _, ok := a[name]; return ok }

// openEditor loads an article's editor and returns its form as the browser
// would send it back.
func openEditor(t *testing.T, f *fixture, c *http.Client, id int64) url.Values {
	t.Helper()
	r := getPage(t, f, c, fmt.Sprintf("/newsroom/articles/%d", id))
	r.expect(t, http.StatusOK)
	return editorFields(t, r)
}

// secretOf returns the value a page shows once in <code class="secret">.
func secretOf(t *testing.T, r pageReply) string {
	t.Helper()
	m := regexp.MustCompile(`<code class="secret" id="secret">([^<]+)</code>`).FindStringSubmatch(r.body)
	if m == nil {
		t.Fatalf("%s: no secret on the page\n%s", r, mainText(r.body))
	}
	return html.UnescapeString(m[1])
}

// tableRows returns the cells, as text, of each row in the page's table body.
func tableRows(body string) [][]string {
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
			cells = append(cells, strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(td, " "))), " "))
		}
		rows = append(rows, cells)
	}
	return rows
}

// auditLine is one row of the newsroom's audit log page.
type auditLine struct{ who, action, object, statuses, detail string }

// auditLines reads the audit log page as an admin sees it, newest first.
func auditLines(t *testing.T, f *fixture, admin *http.Client, query string) []auditLine {
	t.Helper()
	r := getPage(t, f, admin, "/newsroom/audit?"+query)
	r.expect(t, http.StatusOK, "Audit log")
	var out []auditLine
	for _, cells := range tableRows(r.body) {
		if len(cells) == 6 {
			out = append(out, auditLine{who: cells[1], action: cells[2], object: cells[3], statuses: cells[4], detail: cells[5]})
		}
	}
	return out
}

// hasAudit reports whether the log has an entry of the action by who.
func hasAudit(lines []auditLine, who, action string) bool {
	for _, l := range lines {
		if l.who == who && l.action == action {
			return true
		}
	}
	return false
}

// footprint is what a refused request must leave as it was: every stored
// change writes an audit entry, and uploads add media.
type footprint struct {
	audit    int
	articles int
	media    int
}

func takeFootprint(t *testing.T, f *fixture) footprint {
	t.Helper()
	ctx := context.Background()
	log, err := f.store.AuditLog(ctx, store.AuditFilter{Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	_, total, err := f.store.NewsroomList(ctx, store.NewsroomFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return footprint{audit: len(log), articles: total, media: countMedia(t, f)}
}

// countMedia counts stored images by looking them up by id; ids are handed
// out in order, so a few misses in a row mean there are no more.
func countMedia(t *testing.T, f *fixture) int {
	t.Helper()
	n := 0
	for id, misses := int64(1), 0; misses < 5; id++ {
		_, _, err := f.store.MediaFile(context.Background(), id, "page")
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

// unchanged fails the test if the store changed since before was taken.
func unchanged(t *testing.T, what string, f *fixture, before footprint) {
	t.Helper()
	if after := takeFootprint(t, f); after != before {
		t.Errorf("%s changed the store: before %+v, after %+v", what, before, after)
	}
}

// stored reads an article back from the store.
func stored(t *testing.T, f *fixture, id int64) news.Article {
	t.Helper()
	a, err := f.store.Article(context.Background(), id)
	if err != nil {
		t.Fatalf("article %d: %v", id, err)
	}
	return a
}

// seedOwned stores an article owned by a member in a status, with two
// revisions (created, then saved with a new body), bypassing the newsroom.
func seedOwned(t *testing.T, f *fixture, owner int64, status news.Status, headline string) news.Article {
	t.Helper()
	ctx := context.Background()
	a := news.Article{Headline: headline, Summary: "Seeded for a newsroom test.", BodyMarkdown: "First body.",
		BodyHTML: "<p>First body.</p>", Section: f.local, Lang: "en", Status: status, OwnerID: owner}
	switch status {
	case news.StatusPublished:
		a.PublishedAt = time.Now().Add(-time.Hour).UTC().Truncate(time.Second)
	case news.StatusScheduled:
		a.ScheduledAt = time.Now().Add(24 * time.Hour).UTC().Truncate(time.Second)
	}
	if err := f.store.CreateArticle(ctx, &a, store.Change{Actor: "test", Action: "create"}); err != nil {
		t.Fatal(err)
	}
	a.BodyMarkdown, a.BodyHTML = "Second body.", "<p>Second body.</p>"
	if err := f.store.UpdateArticle(ctx, &a, store.Change{Actor: "test", Action: "save"}); err != nil {
		t.Fatal(err)
	}
	return a
}

// firstRevision returns the id of an article's oldest revision.
func firstRevision(t *testing.T, f *fixture, id int64) int64 {
	t.Helper()
	revs, err := f.store.Revisions(context.Background(), id, 100)
	if err != nil || len(revs) == 0 {
		t.Fatalf("revisions of %d: %v (%d)", id, err, len(revs))
	}
	return revs[len(revs)-1].ID
}

// articleLD is the part of a public page's NewsArticle JSON-LD the tests read.
type articleLD struct {
	Type          string `json:"@type"`
	DatePublished string `json:"datePublished"`
	DateModified  string `json:"dateModified"`
}

// jsonLD reads the NewsArticle structured data of a public article page.
func jsonLD(t *testing.T, body string) (ld articleLD, published, modified time.Time) {
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
