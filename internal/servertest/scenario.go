package servertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"dateline/internal/auth"
	"dateline/internal/store/storetest"
)

// Who sends a scenario's request: nobody in particular (the zero value, a
// script with no cookies and no token), a browser the test signed in, a new
// member of a role signed in for the request, or a bearer token.
type Who struct {
	Browser *http.Client // cookies of a signed-in person, as from LoginAs
	Role    auth.Role    // a member with the role, created and signed in by Run
	Token   string       // sent as "Authorization: Bearer …"
}

// scenarioSeq names the members Run signs in for a role, one each.
var scenarioSeq atomic.Uint32

// AsRole is a new member of the role, signed in through the form.
func AsRole(r auth.Role) Who { return Who{Role: r} }

// AsBrowser is the person whose cookies c holds.
func AsBrowser(c *http.Client) Who { return Who{Browser: c} }

// AsToken is a caller of the API with a personal token.
func AsToken(token string) Who { return Who{Token: token} }

// Scenario is one request through the real router and what its answer must
// be. Every HTTP test of a surface can be written as a table of them and run
// on both engines with RunScenarios, or one at a time with Run.
type Scenario struct {
	Name   string
	Method string // GET when empty
	Path   string
	// Body is the request body: nil for none, a string sent as is (as JSON,
	// unless Header names another Content-Type), url.Values as a URL-encoded
	// form, anything else marshalled to JSON.
	Body   any
	Header http.Header // request headers, over the defaults for the body
	As     Who

	Status      int               // the answer's status
	Contains    []string          // texts the body must hold, as sent (not escaped for the test)
	NotContains []string          // texts the body must not hold
	Headers     map[string]string // answer headers that must have exactly these values
	// JSON asks for the API's checks (APIReply.Expect): the answer is JSON
	// and, for an error status, {"error": …} mentioning Error.
	JSON  bool
	Error string
}

// Run sends the request and checks the answer, failing the test at the
// first difference; it returns the answer for any further checks.
func (s Scenario) Run(t *testing.T, f *Fixture) Reply {
	t.Helper()
	method := s.Method
	if method == "" {
		method = http.MethodGet
	}
	var body io.Reader
	contentType := ""
	switch b := s.Body.(type) {
	case nil:
	case string:
		body, contentType = strings.NewReader(b), "application/json"
	case url.Values:
		body, contentType = strings.NewReader(b.Encode()), "application/x-www-form-urlencoded"
	default:
		js, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		body, contentType = bytes.NewReader(js), "application/json"
	}
	req, err := http.NewRequest(method, f.Srv.URL+s.Path, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, vs := range s.Header {
		req.Header[k] = vs
	}
	if s.As.Token != "" {
		req.Header.Set("Authorization", "Bearer "+s.As.Token)
	}
	var r Reply
	switch {
	case s.As.Browser != nil:
		r = Send(t, f, s.As.Browser, req)
	case s.As.Role != "":
		name := fmt.Sprintf("%s Scenario%d", strings.ToUpper(string(s.As.Role[:1]))+string(s.As.Role[1:]), scenarioSeq.Add(1))
		r = Send(t, f, LoginAs(t, f, NewMember(t, f, s.As.Role, name)), req)
	default:
		// Not a browser: no Origin and no cookies, as a script or an API
		// client sends it.
		r = sendPlain(t, req)
	}
	s.check(t, r)
	return r
}

// sendPlain makes a request with the shared Client and reads the reply.
func sendPlain(t *testing.T, req *http.Request) Reply {
	t.Helper()
	resp, err := Client.Do(req)
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

func (s Scenario) check(t *testing.T, r Reply) {
	t.Helper()
	what := s.Name
	if what == "" {
		what = r.String()
	}
	if s.JSON {
		APIReply{Status: r.Status, Header: r.Header, Body: r.Body}.Expect(t, what, s.Status, s.Error)
	}
	if r.Status != s.Status {
		t.Fatalf("%s (%s): status %d, want %d\n%s", what, r, r.Status, s.Status, MainText(r.Body))
	}
	for _, w := range s.Contains {
		if !strings.Contains(r.Body, w) {
			t.Errorf("%s (%s): missing %q\n%s", what, r, w, MainText(r.Body))
		}
	}
	for _, b := range s.NotContains {
		if strings.Contains(r.Body, b) {
			t.Errorf("%s (%s): must not contain %q", what, r, b)
		}
	}
	for k, v := range s.Headers {
		if got := r.Header.Get(k); got != v {
			t.Errorf("%s (%s): %s is %q, want %q", what, r, k, got, v)
		}
	}
}

// RunScenarios runs each scenario as a subtest on both engines, each engine
// with a fixture of its own started with flags. scenarios is called once per
// Fixture, so that the table may name the fixture's stories and people.
func RunScenarios(t *testing.T, flags []string, scenarios func(t *testing.T, f *Fixture) []Scenario) {
	t.Helper()
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := New(t, e, flags...)
		for _, s := range scenarios(t, f) {
			t.Run(s.Name, func(t *testing.T) { s.Run(t, f) })
		}
	})
}
