// Package browsertest starts Debian's headless Chromium for tests and
// collects what a page reports to its console. Without a chromium binary the
// test is skipped with a message, except under CI (CI set), where it fails:
// the browser tests must run there.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Console gathers errors the page logged, threw or failed to load.
type Console struct {
	mu     sync.Mutex
	errors []string
}

// Errors returns what has been collected so far.
func (c *Console) Errors() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.errors...)
}

func (c *Console) add(format string, args ...any) {
	c.mu.Lock()
	c.errors = append(c.errors, fmt.Sprintf(format, args...))
	c.mu.Unlock()
}

// chromium finds Debian's browser binary.
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// New starts a fresh headless browser for the test and returns a tab context
// (with a time limit) and the console collector. Everything is closed when the
// test ends.
func New(t *testing.T) (context.Context, *Console) {
	t.Helper()
	path := chromium()
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed under CI: .ci/run must install Debian's chromium")
		}
		t.Skip("chromium not found: skipping browser test (apt-get install chromium to run it)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(412, 915), // a phone-sized window: the site is read on phones first
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	ctx, cancelTime := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })

	console := &Console{}
	// Subscribe before the first page loads so no message is lost.
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				console.add("%s: %s %s", m.Type, m.Text, m.URL)
			}
		}
	}()
	return ctx, console
}
