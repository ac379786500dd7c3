package server_test

import (
	"context"
	"encoding/json"
	"fmt"
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

// visitor is one reader as the comment section sees them: their own
// loopback address (the rate limits count per address, and the real checker
// may count a visitor's recent comments), their own User-Agent and, for a
// browser, their own cookie jar.
type visitor struct {
	f      *fixture
	ua     string
	client *http.Client
}

var visitorSeq atomic.Uint32

// newVisitor returns a reader on an address no other visitor in the process
// uses. A browser keeps cookies; a script does not.
func newVisitor(t *testing.T, f *fixture, browser bool) *visitor {
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
	return &visitor{f: f, ua: fmt.Sprintf("Mozilla/5.0 (X11; Linux x86_64) DatelineTestReader/%d", n), client: c}
}

// send makes a request as this visitor (same-origin, as a browser on the site).
func (v *visitor) send(t *testing.T, method, path, contentType string, body io.Reader) pageReply {
	t.Helper()
	req, err := http.NewRequest(method, v.f.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("User-Agent", v.ua)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return send(t, v.f, v.client, req)
}

// page fetches a public page.
func (v *visitor) page(t *testing.T, path string) pageReply {
	t.Helper()
	return v.send(t, http.MethodGet, path, "", nil)
}

// form submits a URL-encoded form.
func (v *visitor) form(t *testing.T, path string, form url.Values) pageReply {
	t.Helper()
	r := v.send(t, http.MethodPost, path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	return v.again(t, r, form.Encode())
}

// again follows a 307 as a browser does: the same post to the new address,
// with whatever cookie the answer set if this visitor keeps cookies. The
// site hands a reader their reader cookie that way before taking a comment
// or a flag. The reply keeps the cookies the 307 set.
func (v *visitor) again(t *testing.T, r pageReply, body string) pageReply {
	t.Helper()
	if r.status != http.StatusTemporaryRedirect {
		return r
	}
	to, err := url.Parse(r.header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	next := v.send(t, http.MethodPost, to.RequestURI(), "application/x-www-form-urlencoded", strings.NewReader(body))
	next.cookies = append(r.cookies, next.cookies...)
	return next
}

// json sends a JSON request: a string body as is, anything else marshalled.
func (v *visitor) json(t *testing.T, method, path string, body any) apiReply {
	t.Helper()
	raw, ok := body.(string)
	if !ok {
		js, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		raw = string(js)
	}
	r := v.send(t, method, path, "application/json", strings.NewReader(raw))
	return apiReply{status: r.status, header: r.header, body: r.body}
}

// commentIn is a comment as a reader sends it through the API.
type commentIn struct {
	Name     string `json:"name"`
	Email    string `json:"email,omitempty"`
	Body     string `json:"body"`
	ParentID int64  `json:"parent_id,omitempty"`
}

// finding is one guideline finding as the API and the store report it.
type finding struct {
	Rule   string `json:"rule"`
	Match  string `json:"match"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Action string `json:"action"`
	Reason string `json:"reason"`
}

// commentOutcome is the answer to a posted or checked comment.
type commentOutcome struct {
	ID       int64               `json:"id"`
	Status   store.CommentStatus `json:"status"`
	Findings []finding           `json:"findings"`
}

func commentsPath(articleID int64) string {
	return fmt.Sprintf("/api/v1/articles/%d/comments", articleID)
}

// comment posts a comment through the API.
func (v *visitor) comment(t *testing.T, articleID int64, in commentIn) apiReply {
	t.Helper()
	return v.json(t, http.MethodPost, commentsPath(articleID), in)
}

// postOK posts a comment through the API, fails the test unless it is
// accepted (202) and stored as answered, and returns the answer.
func (v *visitor) postOK(t *testing.T, articleID int64, in commentIn) commentOutcome {
	t.Helper()
	r := v.comment(t, articleID, in)
	r.expect(t, "post "+strconv.Quote(in.Body), http.StatusAccepted, "")
	out := outcomeOf(t, r)
	if out.ID < 1 {
		t.Fatalf("post %q: no id in %s", in.Body, r.body)
	}
	c := storedComment(t, v.f, out.ID)
	if c.ArticleID != articleID || c.Status != out.Status || c.Body != strings.TrimSpace(in.Body) || c.ParentID != in.ParentID {
		t.Fatalf("post %q: answered %+v but stored %+v", in.Body, out, c)
	}
	return out
}

// postFresh posts a comment as a reader who has not been here before.
func postFresh(t *testing.T, f *fixture, articleID int64, in commentIn) commentOutcome {
	t.Helper()
	return newVisitor(t, f, false).postOK(t, articleID, in)
}

func outcomeOf(t *testing.T, r apiReply) commentOutcome {
	t.Helper()
	var out commentOutcome
	r.decode(t, &out)
	return out
}

// findingOf returns the first finding of a rule.
func findingOf(fs []finding, rule string) (finding, bool) {
	for _, f := range fs {
		if f.Rule == rule {
			return f, true
		}
	}
	return finding{}, false
}

// storedFindings reads a stored comment's findings.
func storedFindings(t *testing.T, c store.Comment) []finding {
	t.Helper()
	var fs []finding
	if err := json.Unmarshal([]byte(c.Findings), &fs); err != nil {
		t.Fatalf("comment %d findings %q: %v", c.ID, c.Findings, err)
	}
	return fs
}

// expectLinkFinding fails the test unless the findings point at exactly
// "example.com" in body, counting in characters.
func expectLinkFinding(t *testing.T, what, body string, fs []finding) finding {
	t.Helper()
	fi, ok := findingOf(fs, "outside-link")
	if !ok {
		t.Fatalf("%s: no outside-link finding in %+v", what, fs)
	}
	runes := []rune(body)
	if fi.Start < 0 || fi.Start > fi.End || fi.End > len(runes) || string(runes[fi.Start:fi.End]) != "example.com" {
		t.Fatalf("%s: outside-link at [%d:%d] of %q, want the characters of \"example.com\"", what, fi.Start, fi.End, body)
	}
	return fi
}

// storedComment reads a comment back from the store.
func storedComment(t *testing.T, f *fixture, id int64) store.Comment {
	t.Helper()
	c, err := f.store.CommentByID(context.Background(), id)
	if err != nil {
		t.Fatalf("comment %d: %v", id, err)
	}
	return c
}

// expectStatus fails the test unless the stored comment has the status.
func expectStatus(t *testing.T, f *fixture, id int64, status store.CommentStatus) store.Comment {
	t.Helper()
	c := storedComment(t, f, id)
	if c.Status != status {
		t.Fatalf("comment %d is %s, want %s", id, c.Status, status)
	}
	return c
}

// commentTotal counts every stored comment, whatever its status.
func commentTotal(t *testing.T, f *fixture) int {
	t.Helper()
	n := 0
	for _, status := range store.CommentStatuses {
		c, err := f.store.CountComments(context.Background(), status)
		if err != nil {
			t.Fatal(err)
		}
		n += c
	}
	return n
}

// listedComment is a comment in the public API's list.
type listedComment struct {
	ID       int64  `json:"id"`
	ParentID int64  `json:"parent_id"`
	Name     string `json:"name"`
	Body     string `json:"body"`
}

// publicComments lists an article's comments through the public API, with
// the raw answer for checks on what it must not reveal.
func publicComments(t *testing.T, f *fixture, articleID int64) ([]listedComment, string) {
	t.Helper()
	resp, body := f.get(commentsPath(articleID))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", commentsPath(articleID), resp.StatusCode, body)
	}
	var list struct {
		Items []listedComment `json:"items"`
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

// listedIDs returns the ids of the public API's list.
func listedIDs(t *testing.T, f *fixture, articleID int64) []int64 {
	t.Helper()
	items, _ := publicComments(t, f, articleID)
	ids := []int64{}
	for _, c := range items {
		ids = append(ids, c.ID)
	}
	return ids
}

// articlePage fetches an article's public page as a reader with no cookies.
func articlePage(t *testing.T, f *fixture, a news.Article) string {
	t.Helper()
	resp, body := f.get(a.Path())
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", a.Path(), resp.StatusCode)
	}
	return body
}

// shownComments returns the ids of the comments an article page shows.
func shownComments(body string) []int64 {
	ids := []int64{}
	for _, m := range regexp.MustCompile(`<li class="comment" id="comment-(\d+)">`).FindAllStringSubmatch(body, -1) {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		ids = append(ids, id)
	}
	return ids
}

// nestedUnder reports whether an article page shows child in the replies of
// parent's thread.
func nestedUnder(body string, parent, child int64) bool {
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

// formTimeOf reads the signed form time from an article page's comment form.
func formTimeOf(t *testing.T, r pageReply) string {
	t.Helper()
	m := regexp.MustCompile(`<input type="hidden" name="ts" value="([^"]+)">`).FindStringSubmatch(r.body)
	if m == nil {
		t.Fatalf("%s: no comment form with a form time\n%s", r, mainText(r.body))
	}
	return m[1]
}

// yourCommentID reads the comment id from the redirect after the comment
// form, failing unless it goes back to the article as readers expect.
func yourCommentID(t *testing.T, r pageReply, a news.Article) int64 {
	t.Helper()
	m := regexp.MustCompile(`^` + regexp.QuoteMeta(a.Path()) + `\?comment=(\d+)#your-comment$`).FindStringSubmatch(r.header.Get("Location"))
	if r.status != http.StatusSeeOther || m == nil {
		t.Fatalf("%s: %d to %q, want 303 to %s?comment=ID#your-comment\n%s", r, r.status, r.header.Get("Location"), a.Path(), mainText(r.body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// sentCommentID returns the id of the comment a form post stored: from the
// redirect back to the article or, for one the checks refused (422), by
// its text among the rejected comments, which are kept for the moderators.
func sentCommentID(t *testing.T, f *fixture, r pageReply, a news.Article, body string) int64 {
	t.Helper()
	if r.status != http.StatusUnprocessableEntity {
		return yourCommentID(t, r, a)
	}
	body = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\r", "\n"))
	refused, _, err := f.store.CommentQueue(context.Background(), store.CommentRejected, 1000, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range refused {
		if c.ArticleID == a.ID && c.Body == body {
			return c.ID
		}
	}
	t.Fatalf("%s: refused (%s), but not stored as rejected: %q", r, mainText(r.body), body)
	return 0
}

// commentForm is the comment form as the article page sends it, filled in.
func commentForm(name, email, body, ts string) url.Values {
	return url.Values{"name": {name}, "email": {email}, "body": {body}, "website": {""}, "ts": {ts}}
}

// decideInQueue presses a decision button on one comment in the newsroom
// queue, fails unless it goes back to the queue, and returns the decision's
// number, by which the queue's notice offers to undo it.
func decideInQueue(t *testing.T, f *fixture, c *http.Client, id int64, decision string, form url.Values) int64 {
	t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if form.Get("tab") == "" {
		form.Set("tab", string(store.CommentPending))
	}
	r := postForm(t, f, c, fmt.Sprintf("/newsroom/comments/%d/%s", id, decision), form)
	return expectDecided(t, r, fmt.Sprintf("%s comment %d", decision, id), "/newsroom/comments?tab="+form.Get("tab"), "decided")
}

// expectDecided fails the test unless the reply is a 303 to page with the
// notice done and a decision to offer undoing, whose number it returns.
func expectDecided(t *testing.T, r pageReply, what, page, done string) int64 {
	t.Helper()
	sep := "?"
	if strings.Contains(page, "?") {
		sep = "&"
	}
	m := regexp.MustCompile(`^` + regexp.QuoteMeta(page+sep) + `undo=(\d+)&done=` + regexp.QuoteMeta(done) + `$`).FindStringSubmatch(r.header.Get("Location"))
	if r.status != http.StatusSeeOther || m == nil {
		t.Fatalf("%s (%s): %d to %q, want 303 to %s%sundo=N&done=%s\n%s", what, r, r.status, r.header.Get("Location"), page, sep, done, mainText(r.body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func adminCommentPath(id int64, decision string) string {
	return fmt.Sprintf("/api/v1/admin/comments/%d/%s", id, decision)
}

// approveByAPI approves a comment with a moderator's token.
func approveByAPI(t *testing.T, f *fixture, token string, id int64) {
	t.Helper()
	f.callAdminAPI(token, http.MethodPost, adminCommentPath(id, "approve"), nil).expect(t, fmt.Sprintf("approve %d", id), http.StatusOK, "")
	expectStatus(t, f, id, store.CommentApproved)
}

// rejectByAPI rejects a comment with a moderator's token.
func rejectByAPI(t *testing.T, f *fixture, token string, id int64, reason string) {
	t.Helper()
	f.callAdminAPI(token, http.MethodPost, adminCommentPath(id, "reject"), map[string]string{"reason": reason}).
		expect(t, fmt.Sprintf("reject %d", id), http.StatusOK, "")
	expectStatus(t, f, id, store.CommentRejected)
}

// flag reports a comment through the API as the visitor.
func (v *visitor) flag(t *testing.T, id int64, reason, note string) apiReply {
	t.Helper()
	return v.json(t, http.MethodPost, fmt.Sprintf("/api/v1/comments/%d/flags", id), map[string]string{"reason": reason, "note": note})
}

// flagAnswer is the answer to an accepted flag.
type flagAnswer struct {
	CommentID int64 `json:"comment_id"`
	Hidden    bool  `json:"hidden"`
}

// commentAudit returns the audit entries about one comment, newest first.
func commentAudit(t *testing.T, f *fixture, objectType string, id int64) []store.AuditEntry {
	t.Helper()
	log, err := f.store.AuditLog(context.Background(), store.AuditFilter{ObjectType: objectType, ObjectID: id, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return log
}

// hasEntry reports whether the log has an entry of the action by an actor
// whose name starts with who, moving between the statuses.
func hasEntry[S ~string](log []store.AuditEntry, who, action string, before, after S) bool {
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

// polite returns the i-th clean comment body.
func polite(i int) string { return politeBodies[i%len(politeBodies)] }

// linkBody is a clean comment but for a link to another site, after
// characters that take more than one byte, so that finding offsets in
// characters and in bytes differ.
const linkBody = "Café owners by the lagoon shared the tide tables at example.com this morning."
