package main

import (
	"context"
	"errors"
	"io"
	"net"
	"regexp"
	"testing"
	"time"
)

// TestSlowClientIsCutOff plays slowloris against `dateline serve`: a client
// that opens a connection and trickles header lines, never finishing the
// request, must be cut off by the server's header timeout (10 s) rather than
// hold the connection for as long as it likes. The bound checked is generous;
// the point is that the connection ends at all.
func TestSlowClientIsCutOff(t *testing.T) {
	env := envOf(map[string]string{"DATELINE_DATA_DIR": t.TempDir(), "DATELINE_ADDR": "127.0.0.1:0"})
	ctx, cancel := context.WithCancel(context.Background())
	out := &lockedBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, env, out) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Error("serve did not stop after its context ended")
		}
	})

	addrRE := regexp.MustCompile(`on (127\.0\.0\.1:\d+)`)
	var addr string
	for deadline := time.Now().Add(30 * time.Second); addr == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(out.String()); m != nil {
			addr = m[1]
		}
	}
	if addr == "" {
		t.Fatalf("serve did not report its address:\n%s", out.String())
	}

	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: "+addr+"\r\n"); err != nil {
		t.Fatal(err)
	}
	// Keep the request alive with a header line every half second, as
	// slowloris does, and watch for the server to hang up.
	closed := make(chan error, 1)
	go func() {
		_, err := io.Copy(io.Discard, conn) // returns when the server closes
		closed <- err
	}()
	limit := time.After(25 * time.Second) // the header timeout is 10 s; ReadTimeout (30 s) alone would not do
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-closed:
			if err != nil && !errors.Is(err, net.ErrClosed) {
				t.Logf("connection ended with %v", err)
			}
			return
		case <-tick.C:
			// A write may fail once the server has hung up; the read
			// above reports that.
			io.WriteString(conn, "X-Slow: x\r\n")
		case <-limit:
			t.Fatal("the server still holds a connection whose headers never end, 25 s after it opened")
		}
	}
}
