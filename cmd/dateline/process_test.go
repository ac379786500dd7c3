package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/news"
	"dateline/internal/store"
)

// The process tests run the real dateline binary, built once per test
// binary, against real databases, and talk to it over real HTTP, so that a
// SIGKILL, a SIGTERM or a database outage meets the process exactly as it
// would in production.

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
	binaryDir  string // removed by TestMain
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binaryDir != "" {
		os.RemoveAll(binaryDir)
	}
	os.Exit(code)
}

// datelineBinary builds ./cmd/dateline into a temporary folder the first
// time a test asks for it.
func datelineBinary(t *testing.T) string {
	t.Helper()
	binaryOnce.Do(func() {
		binaryDir, binaryErr = os.MkdirTemp("", "dateline-bin-*")
		if binaryErr != nil {
			return
		}
		binaryPath = filepath.Join(binaryDir, "dateline")
		out, err := exec.Command("go", "build", "-o", binaryPath, ".").CombinedOutput()
		if err != nil {
			binaryErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binaryErr != nil {
		t.Fatal(binaryErr)
	}
	return binaryPath
}

// process is one running `dateline serve`.
type process struct {
	t    *testing.T
	cmd  *exec.Cmd
	base string // http://127.0.0.1:PORT
	out  *lockedBuffer
	done chan struct{} // closed when the process has exited
	err  error         // its exit status, once done is closed
}

// startServe starts `dateline serve` with only the environment given (plus
// PATH and HOME), on a free port of 127.0.0.1, and waits until it listens.
func startServe(t *testing.T, env map[string]string) *process {
	t.Helper()
	cmd := exec.Command(datelineBinary(t), "serve")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "DATELINE_ADDR=127.0.0.1:0"}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	p := &process{t: t, cmd: cmd, out: &lockedBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		if p.alive() {
			p.cmd.Process.Kill()
			<-p.done
		}
		if t.Failed() {
			t.Logf("output of dateline (pid %d):\n%s", cmd.Process.Pid, p.out.String())
		}
	})
	addr := regexp.MustCompile(`Dateline is serving .* on (127\.0\.0\.1:\d+) `)
	deadline := time.Now().Add(60 * time.Second)
	for {
		if m := addr.FindStringSubmatch(p.out.String()); m != nil {
			p.base = "http://" + m[1]
			return p
		}
		select {
		case <-p.done:
			t.Fatalf("dateline stopped before serving: %v\n%s", p.err, p.out.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("dateline did not report its address within a minute:\n%s", p.out.String())
		}
	}
}

func (p *process) alive() bool {
	select {
	case <-p.done:
		return false
	default:
		return true
	}
}

// signal sends sig and, for SIGKILL, waits for the process to be gone.
func (p *process) signal(sig syscall.Signal) {
	p.t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		p.t.Fatalf("signal %v: %v", sig, err)
	}
	if sig == syscall.SIGKILL {
		<-p.done
	}
}

// wait waits up to limit for the process to exit and returns whether it
// did and its exit status.
func (p *process) wait(limit time.Duration) (exited bool, status error) {
	select {
	case <-p.done:
		return true, p.err
	case <-time.After(limit):
		return false, nil
	}
}

// baseEnv is the environment every process test gives dateline: its
// database, and 127.0.0.1 as a trusted proxy so that a test client can
// speak for many readers through X-Forwarded-For, as a CDN does. The
// per-address limits stay exactly as in production.
// metricsToken is the DATELINE_METRICS_TOKEN of the servers tests start,
// so that they may read /metrics.
const metricsToken = "test-metrics-token-0123456789"

func baseEnv(opts store.Options) map[string]string {
	env := map[string]string{"DATELINE_TRUSTED_PROXIES": "127.0.0.1", "DATELINE_METRICS_TOKEN": metricsToken}
	if opts.DatabaseURL != "" {
		env["DATABASE_URL"] = opts.DatabaseURL
	} else {
		env["DATELINE_DATA_DIR"] = opts.DataDir
	}
	return env
}

// newsroomToken prepares an empty database for the tests: the "local"
// section and an editor with an API token, which it returns.
func newsroomToken(t *testing.T, opts store.Options) string {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CreateSection(ctx, &news.Section{Slug: "local", Name: "Local", Position: 1}); err != nil {
		t.Fatal(err)
	}
	acc := store.Account{Name: "Dilani Editor", Email: "dilani@dateline.example", Role: string(auth.Editor), PasswordHash: "-"}
	ch := store.Change{Actor: "test", Action: "create"}
	if err := st.CreateAccount(ctx, &acc, ch); err != nil {
		t.Fatal(err)
	}
	token, hash := auth.NewToken("dlt_")
	if _, err := st.CreateToken(ctx, acc.ID, "fault drill", hash, ch); err != nil {
		t.Fatal(err)
	}
	return token
}

// reply is an HTTP response read in full.
type reply struct {
	status int
	header http.Header
	body   string
}

// call sends one request; body is JSON-encoded unless it is nil or an
// io.Reader. from, when not empty, is the reader's address as a trusted
// proxy would pass it on.
func call(ctx context.Context, client *http.Client, method, url, token, from string, body any) (reply, error) {
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case io.Reader:
		r = b
	default:
		js, err := json.Marshal(b)
		if err != nil {
			return reply{}, err
		}
		r = bytes.NewReader(js)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, r)
	if err != nil {
		return reply{}, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if from != "" {
		req.Header.Set("X-Forwarded-For", from)
	}
	resp, err := client.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return reply{}, err
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: string(b)}, nil
}

// articleReply is the part of an admin API article the tests read.
type articleReply struct {
	ID           int64  `json:"id"`
	Version      int    `json:"version"`
	Headline     string `json:"headline"`
	BodyMarkdown string `json:"body_markdown"`
	URL          string `json:"url"`
}

// publishArticle creates and publishes an article through the admin API.
func publishArticle(t *testing.T, client *http.Client, base, token, headline, body string) articleReply {
	t.Helper()
	r, err := call(context.Background(), client, "POST", base+"/api/v1/admin/articles", token, "", map[string]any{
		"headline": headline, "summary": "A fault drill story.", "body_markdown": body,
		"section": "local", "source": map[string]string{"type": "staff"}, "place": "Colombo", "lang": "en",
		"action": "publish",
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.status != http.StatusCreated {
		t.Fatalf("create article: %d %s", r.status, r.body)
	}
	var a articleReply
	if err := json.Unmarshal([]byte(r.body), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// beaconRequest is a view beacon as a browser sends it; agent and from
// make each simulated reader distinct.
func beaconRequest(ctx context.Context, base string, articleID int64, agent, from string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, "POST", base+"/api/v1/views",
		strings.NewReader(fmt.Sprintf(`{"kind":"article","id":%d}`, articleID)))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 "+agent)
	req.Header.Set("Accept-Language", "en-GB,en;q=0.8")
	req.Header.Set("X-Forwarded-For", from)
	return req, nil
}

// sendBeacon sends one view and reports whether it was acknowledged (204).
func sendBeacon(ctx context.Context, client *http.Client, base string, articleID int64, agent, from string) (bool, error) {
	req, err := beaconRequest(ctx, base, articleID, agent, from)
	if err != nil {
		return false, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return false, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == http.StatusNoContent, nil
}

// address returns a distinct IPv4 address for the n-th simulated reader of
// a group, so that per-address limits and visitor dedupe see many readers.
func address(group, n int) string {
	return fmt.Sprintf("10.%d.%d.%d", group, n/250, n%250+1)
}

// newClient is an HTTP client whose every request must finish within limit.
func newClient(limit time.Duration) *http.Client {
	return &http.Client{Timeout: limit, Transport: &http.Transport{MaxIdleConnsPerHost: 32},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
