package server_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/config"
	"dateline/internal/server"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestUndoOnAnotherNode: nodes keep nothing of a decision in memory. A
// moderator approves on one node, the next request of the same browser
// lands on another, which shows the notice and takes the undo, and the
// first node drops the article page it had cached with the comment.
func TestUndoOnAnotherNode(t *testing.T) {
	e := storetest.Open(t, "postgres")
	first := servertest.New(t, e)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st2, err := store.Open(ctx, e.Options)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	srv2 := httptest.NewUnstartedServer(nil)
	cfg, err := config.Load(func(string) string { return "" }, flag.NewFlagSet("node2", flag.ContinueOnError),
		[]string{"--base-url", "http://" + srv2.Listener.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	second, err := server.Build(cfg, st2)
	if err != nil {
		t.Fatal(err)
	}
	srv2.Config.Handler = second.Handler
	srv2.Start()
	defer srv2.Close()
	listening, watching := make(chan struct{}), make(chan struct{})
	go func() { first.App.Watch(ctx, func() { close(listening) }); close(watching) }()
	<-listening
	defer func() { cancel(); <-watching }()

	a := first.Staff
	c := servertest.PostFresh(t, first, a.ID, servertest.CommentIn{Name: "Dilani", Body: servertest.Polite(1)})
	mc := servertest.LoginAs(t, first, servertest.NewMember(t, first, auth.Moderator, "Mala Moderator"))
	decision := servertest.DecideInQueue(t, first, mc, c.ID, "approve", nil)
	servertest.Shows(t, "the first node's article", servertest.ArticlePage(t, first, a), servertest.Polite(1))

	// The session cookie is the browser's for the host, whatever the port.
	onSecond := func(method, path string, form url.Values) servertest.Reply {
		t.Helper()
		req, err := http.NewRequest(method, srv2.URL+path, strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		if method == http.MethodPost {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", srv2.URL)
		}
		resp, err := mc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return servertest.Reply{Method: method, Path: path, Status: resp.StatusCode, Header: resp.Header, Body: string(body)}
	}
	r := onSecond(http.MethodGet, fmt.Sprintf("/newsroom/comments?undo=%d&done=decided", decision), nil)
	r.Expect(t, http.StatusOK, fmt.Sprintf("Approved comment %d.", c.ID))
	m := servertest.UndoFormRE.FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatalf("the second node's notice offers no Undo button\n%s", servertest.MainText(r.Body))
	}
	onSecond(http.MethodPost, "/newsroom/comments/undo", url.Values{"token": {m[1]}, "tab": {"pending"}}).
		ExpectRedirect(t, "undo on the second node", "/newsroom/comments?tab=pending&done=undone")
	servertest.ExpectStatus(t, first, c.ID, store.CommentPending)

	start := time.Now()
	for strings.Contains(servertest.ArticlePage(t, first, a), servertest.Polite(1)) {
		if time.Since(start) > time.Second {
			t.Fatal("the first node still shows the comment a second after the undo on the second")
		}
		time.Sleep(10 * time.Millisecond)
	}
	// And the first node refuses the same undo again.
	servertest.Undo(t, first, mc, m[1], "pending").Expect(t, http.StatusConflict, "already been undone")
}
