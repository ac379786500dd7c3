package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"dateline/internal/comments"
	"dateline/internal/popularity"
	"dateline/internal/server"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// articleView is the beacon's body for one article.
func articleView(id int64) string { return fmt.Sprintf(`{"kind":"article","id":%d}`, id) }

// rotatingUA is a believable browser whose version changes with i, as a
// script buying views would send.
func rotatingUA(i int) string {
	return fmt.Sprintf("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.%d.0 Safari/537.36", 90+i%40, i)
}

// startNode starts another dateline process on the fixture's database: its
// own store handle, server, tracker and memory, as a second node behind a
// load balancer, or the same node after a restart.
func startNode(t *testing.T, f *servertest.Fixture, e storetest.Engine) *servertest.Fixture {
	t.Helper()
	st, err := store.Open(context.Background(), e.Options)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	app, err := server.Build(f.Cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	servertest.KeepSalts(t, app)
	srv := httptest.NewServer(app.Handler)
	t.Cleanup(srv.Close)
	node := *f
	node.Srv, node.Store, node.Tracker, node.App = srv, st, app.Tracker, app
	return &node
}

// viewsOf flushes the given nodes and returns the stored views of an article.
func viewsOf(t *testing.T, f *servertest.Fixture, id int64, nodes ...*servertest.Fixture) int64 {
	t.Helper()
	for _, n := range nodes {
		if err := n.Tracker.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	counts, err := f.Store.ViewsOf(context.Background(), popularity.Article, []int64{id})
	if err != nil {
		t.Fatal(err)
	}
	return counts[id]
}

// TestRotatingUserAgentsCountOneReader: 60 beacons from one address, each
// with another browser string, are one reader: the User-Agent is not part
// of who a reader is. A second address is a second reader.
func TestRotatingUserAgentsCountOneReader(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		for i := range 60 {
			if got := beacon(t, f, "127.0.6.1", rotatingUA(i), articleView(f.Staff.ID), nil); got != 204 {
				t.Fatalf("beacon %d: %d", i, got)
			}
		}
		if got := viewsOf(t, f, f.Staff.ID, f); got != 1 {
			t.Fatalf("60 user agents from one address counted %d views, want 1", got)
		}
		beacon(t, f, "127.0.6.2", chromeUA, articleView(f.Staff.ID), nil)
		if got := viewsOf(t, f, f.Staff.ID, f); got != 2 {
			t.Fatalf("a second address: %d views, want 2", got)
		}
		if top := mostViewed(t, f, "kind=article&window=24h&lang=en&limit=10"); len(top.Items) != 1 || top.Items[0].Views != 2 {
			t.Fatalf("most viewed: %+v", top)
		}
	})
}

// TestViewsOfMissingOrHiddenStoriesCountNothing: beacons for ids that do not
// exist, a draft and an unpublished story are answered 204 like any other (a
// different answer would tell a prober which ids exist) and count nothing.
func TestViewsOfMissingOrHiddenStoriesCountNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		bodies := []string{articleView(987654), articleView(f.Draft.ID), articleView(f.Pulled.ID), `{"kind":"video","id":987654}`}
		for i, body := range bodies {
			if got := beacon(t, f, fmt.Sprintf("127.0.6.%d", 10+i), chromeUA, body, nil); got != 204 {
				t.Fatalf("beacon %s: %d, want 204", body, got)
			}
		}
		if err := f.Tracker.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		articles, err := f.Store.ViewsOf(ctx, popularity.Article, []int64{987654, f.Draft.ID, f.Pulled.ID})
		if err != nil {
			t.Fatal(err)
		}
		videos, err := f.Store.ViewsOf(ctx, popularity.Video, []int64{987654})
		if err != nil {
			t.Fatal(err)
		}
		if len(articles)+len(videos) != 0 {
			t.Fatalf("views stored for missing or hidden items: %v %v", articles, videos)
		}
		per, err := f.Store.ViewsPerHour(ctx, popularity.Article, f.Draft.CreatedAt.Add(-48*3600e9))
		if err != nil || len(per) != 0 {
			t.Fatalf("views per hour %+v %v, want none", per, err)
		}
	})
}

// TestReaderCountsOnceAcrossNodesAndRestarts: ten readers each reading one
// story on two nodes of one database count ten, not twenty; a node started
// afresh on the same database (a restart) does not count them again.
func TestReaderCountsOnceAcrossNodesAndRestarts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		other := startNode(t, f, e)
		readAll := func(nodes ...*servertest.Fixture) {
			t.Helper()
			for _, n := range nodes {
				for i := range 10 {
					if got := beacon(t, n, fmt.Sprintf("127.0.7.%d", i+1), chromeUA, articleView(f.Staff.ID), nil); got != 204 {
						t.Fatalf("beacon: %d", got)
					}
				}
			}
		}
		readAll(f, other)
		if got := viewsOf(t, f, f.Staff.ID, f, other); got != 10 {
			t.Fatalf("ten readers on two nodes counted %d views, want 10", got)
		}
		restarted := startNode(t, f, e)
		readAll(restarted)
		if got := viewsOf(t, f, f.Staff.ID, restarted); got != 10 {
			t.Fatalf("after a restart the same ten readers make %d views, want 10", got)
		}
	})
}

// signedReader stands in for the signed dateline_reader cookie's verifier,
// which the tracker does not own: a value starting "signed-" is a verified
// reader, anything else is made up.
func signedReader(h http.Header) (string, bool) {
	c, err := (&http.Request{Header: h}).Cookie("dateline_reader")
	if err != nil || !strings.HasPrefix(c.Value, "signed-") {
		return "", false
	}
	return c.Value, true
}

// TestOneAddressAddsAtMostTheCap: verified readers behind one address (a
// household, a carrier's CGNAT) count each, up to popularity.PerAddress per
// story and day across all nodes, however many cookies the address rotates;
// made-up cookies are the address itself, one reader; and a node that
// cannot verify cookies (the default) counts an address once.
func TestOneAddressAddsAtMostTheCap(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		other := startNode(t, f, e)
		plain := startNode(t, f, e) // never told how to verify readers
		f.Tracker.IdentifyReaders(signedReader)
		other.Tracker.IdentifyReaders(signedReader)
		send := func(n *servertest.Fixture, from, cookie string, i int) {
			t.Helper()
			if got := beacon(t, n, from, rotatingUA(i), articleView(f.Staff.ID), map[string]string{"Cookie": "dateline_reader=" + cookie}); got != 204 {
				t.Fatalf("beacon from %s: %d", from, got)
			}
		}
		// Forty verified readers and twenty made-up cookies behind one address, over two nodes.
		for i := range 40 {
			send([]*servertest.Fixture{f, other}[i%2], "127.0.8.1", fmt.Sprintf("signed-%d", i), i)
		}
		for i := range 20 {
			send(f, "127.0.8.1", fmt.Sprintf("forged-%d", i), i)
		}
		if got := viewsOf(t, f, f.Staff.ID, f, other); got != popularity.PerAddress {
			t.Fatalf("one address with 40 verified readers and 20 made-up cookies: %d views, want %d", got, popularity.PerAddress)
		}
		// Another address: five verified readers, and made-up cookies that count as the address, once.
		for i := range 5 {
			send(other, "127.0.8.2", fmt.Sprintf("signed-b%d", i), i)
		}
		for i := range 20 {
			send(f, "127.0.8.2", fmt.Sprintf("forged-b%d", i), i)
		}
		if got := viewsOf(t, f, f.Staff.ID, f, other); got != popularity.PerAddress+6 {
			t.Fatalf("five verified readers and made-up cookies behind another address: %d views, want %d", got, popularity.PerAddress+6)
		}
		// A node with no verifier treats every cookie as absent.
		for i := range 5 {
			send(plain, "127.0.8.3", fmt.Sprintf("signed-c%d", i), i)
		}
		if got := viewsOf(t, f, f.Staff.ID, plain); got != popularity.PerAddress+7 {
			t.Fatalf("cookies on a node that cannot verify them: %d views, want %d", got, popularity.PerAddress+7)
		}
	})
}

// TestServerCountsOnlySignedReaderCookies: the server itself (no test
// verifier) tells readers behind one address apart only by reader cookies
// the site signed; made-up values of the same shape are the address, once.
func TestServerCountsOnlySignedReaderCookies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		// A second service on the same database signs with the same secret,
		// as another node would.
		cs, err := comments.New(context.Background(), f.Store, f.Cfg.BaseURL)
		if err != nil {
			t.Fatal(err)
		}
		send := func(cookie string, i int) {
			t.Helper()
			if got := beacon(t, f, "127.0.9.1", rotatingUA(i), articleView(f.Staff.ID), map[string]string{"Cookie": "dateline_reader=" + cookie}); got != 204 {
				t.Fatalf("beacon: %d", got)
			}
		}
		for i := range 3 {
			send(cs.NewReaderCookie(), i)
		}
		for i := range 5 {
			forged := cs.NewReaderCookie()
			send(forged[:len(forged)-4]+"beef", i) // a real-looking id with a wrong signature
		}
		if got := viewsOf(t, f, f.Staff.ID, f); got != 4 {
			t.Fatalf("three signed readers and five forged cookies behind one address: %d views, want 4", got)
		}
	})
}
