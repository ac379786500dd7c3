package servertest

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"dateline/internal/news"
	"dateline/internal/store"
)

// Visitor is one reader as the comment section sees them: their own
// loopback address (the rate limits count per address, and the real checker
// may count a visitor's recent comments), their own User-Agent and, for a
// browser, their own cookie jar.
type Visitor struct {
	Fixture *Fixture
	UA      string
	Client  *http.Client
}

var visitorSeq atomic.Uint32

// NewVisitor returns a reader on an address no other visitor in the process
// uses. A browser keeps cookies; a script does not.
func NewVisitor(t *testing.T, f *Fixture, browser bool) *Visitor {
	t.Helper()
	n := visitorSeq.Add(1)
	// 127.0.0.0/8 is all loopback on Linux; skipping 127.0.x.x keeps clear
	// of 127.0.0.1, where the fixture's own client and the staff browsers
	// come from.
	ip := net.IPv4(127, byte(1+n/62500%250), byte(n/250%250), byte(1+n%250))
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: ip}, Timeout: 5 * time.Second}
	tr := &http.Transport{DialContext: dialer.DialContext}
	t.Cleanup(tr.CloseIdleConnections)
	c := &http.Client{Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if browser {
		jar, err := cookiejar.New(nil)
		if err != nil {
			t.Fatal(err)
		}
		c.Jar = jar
	}
	return &Visitor{Fixture: f, UA: fmt.Sprintf("Mozilla/5.0 (X11; Linux x86_64) DatelineTestReader/%d", n), Client: c}
}

// Send makes a request as this visitor (same-origin, as a browser on the site).
func (v *Visitor) Send(t *testing.T, method, path, contentType string, body io.Reader) Reply {
	t.Helper()
	req, err := http.NewRequest(method, v.Fixture.Srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("User-Agent", v.UA)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return Send(t, v.Fixture, v.Client, req)
}

// Page fetches a public page.
func (v *Visitor) Page(t *testing.T, path string) Reply {
	t.Helper()
	return v.Send(t, http.MethodGet, path, "", nil)
}

// Form submits a URL-encoded form.
func (v *Visitor) Form(t *testing.T, path string, form url.Values) Reply {
	t.Helper()
	r := v.Send(t, http.MethodPost, path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	return v.Again(t, r, form.Encode())
}

// Again follows a 307 as a browser does: the same post to the new address,
// with whatever cookie the answer set if this visitor keeps cookies. The
// site hands a reader their reader cookie that way before taking a comment
// or a flag. The reply keeps the cookies the 307 set.
func (v *Visitor) Again(t *testing.T, r Reply, body string) Reply {
	t.Helper()
	if r.Status != http.StatusTemporaryRedirect {
		return r
	}
	to, err := url.Parse(r.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	next := v.Send(t, http.MethodPost, to.RequestURI(), "application/x-www-form-urlencoded", strings.NewReader(body))
	next.Cookies = append(r.Cookies, next.Cookies...)
	return next
}

// JSON sends a JSON request: a string body as is, anything else marshalled.
func (v *Visitor) JSON(t *testing.T, method, path string, body any) APIReply {
	t.Helper()
	raw, ok := body.(string)
	if !ok {
		js, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		raw = string(js)
	}
	r := v.Send(t, method, path, "application/json", strings.NewReader(raw))
	return APIReply{Status: r.Status, Header: r.Header, Body: r.Body}
}

// CommentIn is a comment as a reader sends it through the API.
type CommentIn struct {
	Name     string `json:"name"`
	Email    string `json:"email,omitempty"`
	Body     string `json:"body"`
	ParentID int64  `json:"parent_id,omitempty"`
}

// Finding is one guideline finding as the API and the store report it.
type Finding struct {
	Rule   string `json:"rule"`
	Match  string `json:"match"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Action string `json:"action"`
	Reason string `json:"reason"`
}

// CommentOutcome is the answer to a posted or checked comment.
type CommentOutcome struct {
	ID       int64               `json:"id"`
	Status   store.CommentStatus `json:"status"`
	Findings []Finding           `json:"findings"`
}

func CommentsPath(articleID int64) string {
	return fmt.Sprintf("/api/v1/articles/%d/comments", articleID)
}

// Comment posts a comment through the API.
func (v *Visitor) Comment(t *testing.T, articleID int64, in CommentIn) APIReply {
	t.Helper()
	return v.JSON(t, http.MethodPost, CommentsPath(articleID), in)
}

// PostOK posts a comment through the API, fails the test unless it is
// accepted (202) and stored as answered, and returns the answer.
func (v *Visitor) PostOK(t *testing.T, articleID int64, in CommentIn) CommentOutcome {
	t.Helper()
	r := v.Comment(t, articleID, in)
	r.Expect(t, "post "+strconv.Quote(in.Body), http.StatusAccepted, "")
	out := OutcomeOf(t, r)
	if out.ID < 1 {
		t.Fatalf("post %q: no id in %s", in.Body, r.Body)
	}
	c := StoredComment(t, v.Fixture, out.ID)
	if c.ArticleID != articleID || c.Status != out.Status || c.Body != strings.TrimSpace(in.Body) || c.ParentID != in.ParentID {
		t.Fatalf("post %q: answered %+v but stored %+v", in.Body, out, c)
	}
	return out
}

// PostFresh posts a comment as a reader who has not been here before.
func PostFresh(t *testing.T, f *Fixture, articleID int64, in CommentIn) CommentOutcome {
	t.Helper()
	return NewVisitor(t, f, false).PostOK(t, articleID, in)
}

func OutcomeOf(t *testing.T, r APIReply) CommentOutcome {
	t.Helper()
	var out CommentOutcome
	r.Decode(t, &out)
	return out
}

// FindingOf returns the first finding of a rule.
func FindingOf(fs []Finding, rule string) (Finding, bool) {
	for _, f := range fs {
		if f.Rule == rule {
			return f, true
		}
	}
	return Finding{}, false
}

// StoredFindings reads a stored comment's findings.
func StoredFindings(t *testing.T, c store.Comment) []Finding {
	t.Helper()
	var fs []Finding
	if err := json.Unmarshal([]byte(c.Findings), &fs); err != nil {
		t.Fatalf("comment %d findings %q: %v", c.ID, c.Findings, err)
	}
	return fs
}

// ExpectLinkFinding fails the test unless the findings point at exactly
// "example.com" in body, counting in characters.
func ExpectLinkFinding(t *testing.T, what, body string, fs []Finding) Finding {
	t.Helper()
	fi, ok := FindingOf(fs, "outside-link")
	if !ok {
		t.Fatalf("%s: no outside-link finding in %+v", what, fs)
	}
	runes := []rune(body)
	if fi.Start < 0 || fi.Start > fi.End || fi.End > len(runes) || string(runes[fi.Start:fi.End]) != "example.com" {
		t.Fatalf("%s: outside-link at [%d:%d] of %q, want the characters of \"example.com\"", what, fi.Start, fi.End, body)
	}
	return fi
}

// StoredComment reads a comment back from the store.
func StoredComment(t *testing.T, f *Fixture, id int64) store.Comment {
	t.Helper()
	c, err := f.Store.CommentByID(context.Background(), id)
	if err != nil {
		t.Fatalf("comment %d: %v", id, err)
	}
	return c
}

// ExpectStatus fails the test unless the stored comment has the status.
func ExpectStatus(t *testing.T, f *Fixture, id int64, status store.CommentStatus) store.Comment {
	t.Helper()
	c := StoredComment(t, f, id)
	if c.Status != status {
		t.Fatalf("comment %d is %s, want %s", id, c.Status, status)
	}
	return c
}

// CommentTotal counts every stored comment, whatever its status.
func CommentTotal(t *testing.T, f *Fixture) int {
	t.Helper()
	n := 0
	for _, status := range store.CommentStatuses {
		c, err := f.Store.CountComments(context.Background(), status)
		if err != nil {
			t.Fatal(err)
		}
		n += c
	}
	return n
}

// ListedComment is a comment in the public API's list.
type ListedComment struct {
	ID       int64  `json:"id"`
	ParentID int64  `json:"parent_id"`
	Name     string `json:"name"`
	Body     string `json:"body"`
}

// PublicComments lists an article's comments through the public API, with
// the raw answer for checks on what it must not reveal.
func PublicComments(t *testing.T, f *Fixture, articleID int64) ([]ListedComment, string) {
	t.Helper()
	resp, body := f.Get(CommentsPath(articleID))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", CommentsPath(articleID), resp.StatusCode, body)
	}
	var list struct {
		Items []ListedComment `json:"items"`
		Total int             `json:"total"`
	}
	if err := json.Unmarshal([]byte(body), &list); err != nil {
		t.Fatalf("comment list %q: %v", body, err)
	}
	if list.Total != len(list.Items) {
		t.Fatalf("comment list total %d with %d items", list.Total, len(list.Items))
	}
	return list.Items, body
}

// ListedIDs returns the ids of the public API's list.
func ListedIDs(t *testing.T, f *Fixture, articleID int64) []int64 {
	t.Helper()
	items, _ := PublicComments(t, f, articleID)
	ids := []int64{}
	for _, c := range items {
		ids = append(ids, c.ID)
	}
	return ids
}

// ArticlePage fetches an article's public page as a reader with no cookies.
func ArticlePage(t *testing.T, f *Fixture, a news.Article) string {
	t.Helper()
	resp, body := f.Get(a.Path())
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", a.Path(), resp.StatusCode)
	}
	return body
}

// ShownComments returns the ids of the comments an article page shows.
func ShownComments(body string) []int64 {
	ids := []int64{}
	for _, m := range regexp.MustCompile(`<li class="comment" id="comment-(\d+)">`).FindAllStringSubmatch(body, -1) {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		ids = append(ids, id)
	}
	return ids
}

// NestedUnder reports whether an article page shows child in the replies of
// parent's thread.
func NestedUnder(body string, parent, child int64) bool {
	start := strings.Index(body, fmt.Sprintf(`<li class="comment" id="comment-%d">`, parent))
	if start < 0 {
		return false
	}
	rest := body[start+1:]
	replies := strings.Index(rest, `<ol class="replies">`)
	if replies < 0 || strings.Contains(rest[:replies], `<li class="comment"`) {
		return false
	}
	end := strings.Index(rest[replies:], "</ol>")
	return end >= 0 && strings.Contains(rest[replies:replies+end], fmt.Sprintf(`id="comment-%d"`, child))
}

// FormTimeOf reads the signed form time from an article page's comment form.
func FormTimeOf(t *testing.T, r Reply) string {
	t.Helper()
	m := regexp.MustCompile(`<input type="hidden" name="ts" value="([^"]+)">`).FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatalf("%s: no comment form with a form time\n%s", r, MainText(r.Body))
	}
	return m[1]
}

// YourCommentID reads the comment id from the redirect after the comment
// Form, failing unless it goes back to the article as readers expect.
func YourCommentID(t *testing.T, r Reply, a news.Article) int64 {
	t.Helper()
	m := regexp.MustCompile(`^` + regexp.QuoteMeta(a.Path()) + `\?comment=(\d+)#your-comment$`).FindStringSubmatch(r.Header.Get("Location"))
	if r.Status != http.StatusSeeOther || m == nil {
		t.Fatalf("%s: %d to %q, want 303 to %s?comment=ID#your-comment\n%s", r, r.Status, r.Header.Get("Location"), a.Path(), MainText(r.Body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// SentCommentID returns the id of the comment a form post stored: from the
// redirect back to the article or, for one the checks refused (422), by
// its text among the rejected comments, which are kept for the moderators.
func SentCommentID(t *testing.T, f *Fixture, r Reply, a news.Article, body string) int64 {
	t.Helper()
	if r.Status != http.StatusUnprocessableEntity {
		return YourCommentID(t, r, a)
	}
	body = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\r", "\n"))
	refused, _, err := f.Store.CommentQueue(context.Background(), store.CommentRejected, 1000, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range refused {
		if c.ArticleID == a.ID && c.Body == body {
			return c.ID
		}
	}
	t.Fatalf("%s: refused (%s), but not stored as rejected: %q", r, MainText(r.Body), body)
	return 0
}

// CommentForm is the comment form as the article page sends it, filled in.
func CommentForm(name, email, body, ts string) url.Values {
	return url.Values{"name": {name}, "email": {email}, "body": {body}, "website": {""}, "ts": {ts}}
}

// DecideInQueue presses a decision button on one comment in the newsroom
// queue, fails unless it goes back to the queue, and returns the decision's
// number, by which the queue's notice offers to undo it.
func DecideInQueue(t *testing.T, f *Fixture, c *http.Client, id int64, decision string, form url.Values) int64 {
	t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if form.Get("tab") == "" {
		form.Set("tab", string(store.CommentPending))
	}
	r := PostForm(t, f, c, fmt.Sprintf("/newsroom/comments/%d/%s", id, decision), form)
	return ExpectDecided(t, r, fmt.Sprintf("%s comment %d", decision, id), "/newsroom/comments?tab="+form.Get("tab"), "decided")
}

// ExpectDecided fails the test unless the reply is a 303 to page with the
// notice done and a decision to offer undoing, whose number it returns.
func ExpectDecided(t *testing.T, r Reply, what, page, done string) int64 {
	t.Helper()
	sep := "?"
	if strings.Contains(page, "?") {
		sep = "&"
	}
	m := regexp.MustCompile(`^` + regexp.QuoteMeta(page+sep) + `undo=(\d+)&done=` + regexp.QuoteMeta(done) + `$`).FindStringSubmatch(r.Header.Get("Location"))
	if r.Status != http.StatusSeeOther || m == nil {
		t.Fatalf("%s (%s): %d to %q, want 303 to %s%sundo=N&done=%s\n%s", what, r, r.Status, r.Header.Get("Location"), page, sep, done, MainText(r.Body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func AdminCommentPath(id int64, decision string) string {
	return fmt.Sprintf("/api/v1/admin/comments/%d/%s", id, decision)
}

// ApproveByAPI approves a comment with a moderator's token.
func ApproveByAPI(t *testing.T, f *Fixture, token string, id int64) {
	t.Helper()
	f.CallAdminAPI(token, http.MethodPost, AdminCommentPath(id, "approve"), nil).Expect(t, fmt.Sprintf("approve %d", id), http.StatusOK, "")
	ExpectStatus(t, f, id, store.CommentApproved)
}

// RejectByAPI rejects a comment with a moderator's token.
func RejectByAPI(t *testing.T, f *Fixture, token string, id int64, reason string) {
	t.Helper()
	f.CallAdminAPI(token, http.MethodPost, AdminCommentPath(id, "reject"), map[string]string{"reason": reason}).
		Expect(t, fmt.Sprintf("reject %d", id), http.StatusOK, "")
	ExpectStatus(t, f, id, store.CommentRejected)
}

// Flag reports a comment through the API as the visitor.
func (v *Visitor) Flag(t *testing.T, id int64, reason, note string) APIReply {
	t.Helper()
	return v.JSON(t, http.MethodPost, fmt.Sprintf("/api/v1/comments/%d/flags", id), map[string]string{"reason": reason, "note": note})
}

// FlagAnswer is the answer to an accepted flag.
type FlagAnswer struct {
	CommentID int64 `json:"comment_id"`
	Hidden    bool  `json:"hidden"`
}

// CommentAudit returns the audit entries about one comment, newest first.
func CommentAudit(t *testing.T, f *Fixture, objectType string, id int64) []store.AuditEntry {
	t.Helper()
	log, err := f.Store.AuditLog(context.Background(), store.AuditFilter{ObjectType: objectType, ObjectID: id, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return log
}

// HasEntry reports whether the log has an entry of the action by an actor
// whose name starts with who, moving between the statuses.
func HasEntry[S ~string](log []store.AuditEntry, who, action string, before, after S) bool {
	for _, e := range log {
		if strings.HasPrefix(e.Actor, who) && e.Action == action && e.BeforeStatus == string(before) && e.AfterStatus == string(after) {
			return true
		}
	}
	return false
}

// politeBodies are clean comments, each different, as readers write them:
// no links, no capitals, no names, nothing the checks should object to.
var politeBodies = []string{
	"Thank you for the clear report. I hope the families near the river are safe tonight.",
	"The photographs of the rescue boats were moving. Well done to the volunteers.",
	"I watched the water rise from our balcony all night, and it was frightening.",
	"The new flood warnings were easy to follow. Thank you for publishing the river levels.",
	"Our neighbours moved their elderly parents to the temple hall, which stayed dry.",
	"It would help to have a map of the roads that are still open in the morning.",
	"The schools in our area are closed again today, so the children are at home.",
	"We collected rice and drinking water at the community centre for the relief effort.",
	"Good to see the reporting follow up on last year's promises about the canals.",
	"Please keep updating this story; many of us rely on it for news from home.",
	"The bus service resumed this afternoon, though the journey took twice as long.",
	"A calm and careful article. I appreciated the advice on boiling drinking water.",
	"The rain stopped for an hour around noon, and people came out to clear the drains.",
	"Thank you to the nurses at the district hospital who kept working through the night.",
}

// Polite returns the i-th clean comment body.
func Polite(i int) string { return politeBodies[i%len(politeBodies)] }

// LinkBody is a clean comment but for a link to another site, after
// characters that take more than one byte, so that finding offsets in
// characters and in bytes differ.
const LinkBody = "Café owners by the lagoon shared the tide tables at example.com this morning."

// WithCookie makes a request as this visitor with a reader cookie of the
// Visitor's own choosing, as a script can send any value it likes.
func (v *Visitor) WithCookie(t *testing.T, cookie, method, path, contentType string, body io.Reader) Reply {
	t.Helper()
	req, err := http.NewRequest(method, v.Fixture.Srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("User-Agent", v.UA)
	req.Header.Set("Content-Type", contentType)
	req.AddCookie(&http.Cookie{Name: "dateline_reader", Value: cookie})
	return Send(t, v.Fixture, v.Client, req)
}

// FlagWithCookie flags a comment through the API with a chosen cookie.
func (v *Visitor) FlagWithCookie(t *testing.T, cookie string, id int64) APIReply {
	t.Helper()
	r := v.WithCookie(t, cookie, http.MethodPost, fmt.Sprintf("/api/v1/comments/%d/flags", id), "application/json",
		strings.NewReader(`{"reason":"spam","note":""}`))
	return APIReply{Status: r.Status, Header: r.Header, Body: r.Body}
}

// SignedCookie is the reader cookie the site gave a browser visitor.
func SignedCookie(t *testing.T, r Reply) string {
	t.Helper()
	for _, c := range r.Cookies {
		if c.Name == "dateline_reader" {
			return c.Value
		}
	}
	t.Fatalf("%s set no reader cookie", r)
	return ""
}

// ExpectHandOut checks that a post was answered with a reader cookie and a
// 307 that sends the same post again to path?reader=new.
func (r Reply) ExpectHandOut(t *testing.T, what, path string) {
	t.Helper()
	if r.Status != http.StatusTemporaryRedirect || r.Header.Get("Location") != path+"?reader=new" {
		t.Fatalf("%s (%s): %d to %q, want 307 to %q", what, r, r.Status, r.Header.Get("Location"), path+"?reader=new")
	}
	SignedCookie(t, r)
}

// Shows fails the test unless the page shows each plain text, escaped as
// the templates escape it.
func Shows(t *testing.T, what, page string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		Contains(t, what, page, html.EscapeString(s))
	}
}

// Hides fails the test if the page shows any of the plain texts.
func Hides(t *testing.T, what, page string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		Lacks(t, what, page, html.EscapeString(s))
	}
}
