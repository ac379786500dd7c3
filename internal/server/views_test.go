package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"dateline/internal/news"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

const chromeUA = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"

// beacon sends a view as a browser's sendBeacon would, from a given address
// (any 127.x address reaches the test server on Linux).
func beacon(t *testing.T, f *servertest.Fixture, from, ua, body string, extra map[string]string) int {
	t.Helper()
	req, _ := http.NewRequest("POST", f.Srv.URL+"/api/v1/views", strings.NewReader(body))
	req.Header.Set("Content-Type", "text/plain;charset=UTF-8")
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept-Language", "en-GB,en;q=0.9")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Sec-Fetch-Dest", "empty")
	for k, v := range extra {
		req.Header.Set(k, v)
	}
	c := clientFrom(t, from)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

type mostViewedReply struct {
	Kind, Window string
	Items        []struct {
		ID    int64
		Title string
		URL   string
		Views int64
	}
}

func mostViewed(t *testing.T, f *servertest.Fixture, query string) mostViewedReply {
	t.Helper()
	resp, body := f.Get("/api/v1/most-viewed?" + query)
	if resp.StatusCode != 200 {
		t.Fatalf("most-viewed %s: %d %s", query, resp.StatusCode, body)
	}
	var out mostViewedReply
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestViewCountingAndMostViewed: people count once a day per story, bots and
// prefetches never; the flushed counts rank the Most Viewed list, which the
// front page shows, and an unpublished story leaves it at once.
func TestViewCountingAndMostViewed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		ctx := context.Background()
		view := func(id int64) string { return fmt.Sprintf(`{"kind":"article","id":%d}`, id) }
		// Three readers read the staff story (one of them three times), one reads the lead.
		for i, from := range []string{"127.0.1.1", "127.0.1.2", "127.0.1.3", "127.0.1.1", "127.0.1.1"} {
			if got := beacon(t, f, from, chromeUA, view(f.Staff.ID), nil); got != 204 {
				t.Fatalf("view %d: %d", i, got)
			}
		}
		beacon(t, f, "127.0.1.4", chromeUA, view(f.Lead.ID), nil)
		// None of these count.
		bots := []struct {
			ua    string
			extra map[string]string
		}{
			{"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", nil},
			{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", nil},
			{"curl/8.5.0", nil},
			{chromeUA, map[string]string{"Sec-Purpose": "prefetch"}},
			{chromeUA, map[string]string{"Accept-Language": ""}},
		}
		for i, b := range bots {
			if got := beacon(t, f, fmt.Sprintf("127.0.2.%d", i+1), b.ua, view(f.Lead.ID), b.extra); got != 204 {
				t.Fatalf("bot %d: %d", i, got)
			}
		}
		// Unknown ids are accepted and dropped; bad input is refused.
		beacon(t, f, "127.0.3.1", chromeUA, view(987654), nil)
		beacon(t, f, "127.0.3.1", chromeUA, view(f.Draft.ID), nil)
		for body, want := range map[string]int{
			`{"kind":"podcast","id":1}`: 400, `{"kind":"article","id":-1}`: 400, `not json`: 400,
			`{"kind":"article","id":1,"pad":"` + strings.Repeat("x", 4000) + `"}`: 413,
		} {
			if got := beacon(t, f, "127.0.3.2", chromeUA, body, nil); got != want {
				t.Errorf("beacon %.40q: %d, want %d", body, got, want)
			}
		}
		if err := f.Tracker.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		top := mostViewed(t, f, "kind=article&window=24h&lang=en&limit=10")
		if len(top.Items) != 2 || top.Items[0].ID != f.Staff.ID || top.Items[0].Views != 3 || top.Items[1].Views != 1 ||
			top.Items[0].URL != f.Srv.URL+f.Staff.Path() || top.Kind != "article" || top.Window != "24h" {
			t.Fatalf("most viewed: %+v", top)
		}
		_, front := f.Get("/")
		sidebar := front[strings.Index(front, `id="most-viewed"`):]
		if !strings.Contains(sidebar, f.Staff.Headline) {
			t.Error("the front page's Most Viewed does not list the most read story")
		}
		for q, want := range map[string]int{"kind=podcast": 400, "window=1y": 400, "lang=fr": 400, "limit=500": 400} {
			if resp, _ := f.Get("/api/v1/most-viewed?" + q); resp.StatusCode != want {
				t.Errorf("most-viewed?%s: %d, want %d", q, resp.StatusCode, want)
			}
		}

		// Unpublishing drops it from the (cached) list at once.
		a, _ := f.Store.Article(ctx, f.Staff.ID)
		a.Status = news.StatusUnpublished
		if err := f.Store.UpdateArticle(ctx, &a, store.Change{Actor: "t", Action: "unpublish"}); err != nil {
			t.Fatal(err)
		}
		if top := mostViewed(t, f, "kind=article&window=24h&lang=en&limit=10"); len(top.Items) != 1 || top.Items[0].ID != f.Lead.ID {
			t.Fatalf("after unpublishing: %+v", top)
		}
	})
}

// TestBeaconFloodIsLimitedPerAddress: one address flooding the beacon gets
// 429s; another reader is not affected.
func TestBeaconFloodIsLimitedPerAddress(t *testing.T) {
	f := servertest.New(t, storetest.Open(t, "sqlite"))
	body := fmt.Sprintf(`{"kind":"article","id":%d}`, f.Lead.ID)
	limited := 0
	for range 150 {
		if beacon(t, f, "127.0.4.1", chromeUA, body, nil) == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited == 0 {
		t.Fatal("150 beacons in a moment from one address were all accepted")
	}
	if got := beacon(t, f, "127.0.4.2", chromeUA, body, nil); got != 204 {
		t.Fatalf("another reader got %d during the flood", got)
	}
}

// clientFrom is an HTTP client whose requests come from the given loopback
// address, so each test reader has an address of its own.
func clientFrom(t *testing.T, ip string) *http.Client {
	t.Helper()
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
	tr := &http.Transport{DialContext: dialer.DialContext}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

// TestReadershipDashboard: the newsroom shows the top lists, a 48-hour SVG
// chart and view counts in the article list; moderators are not shown it.
func TestReadershipDashboard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		for _, from := range []string{"127.0.5.1", "127.0.5.2"} {
			beacon(t, f, from, chromeUA, fmt.Sprintf(`{"kind":"article","id":%d}`, f.Staff.ID), nil)
		}
		if err := f.Tracker.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
		editor := servertest.LoginAs(t, f, servertest.NewMember(t, f, "editor", "Ed Itor"))
		page := servertest.GetPage(t, f, editor, "/newsroom/dashboard")
		page.Expect(t, 200, "Articles, last 24 hours", f.Staff.Headline, "2 in all")
		if !strings.Contains(page.Body, `<svg class="chart"`) || strings.Count(page.Body, "<rect") != 48 {
			t.Errorf("chart has %d bars, want 48", strings.Count(page.Body, "<rect"))
		}
		list := servertest.GetPage(t, f, editor, "/newsroom/?q="+strings.Fields(f.Staff.Headline)[0])
		list.Expect(t, 200, "Views")
		if !strings.Contains(list.Body, "<td>2</td>") {
			t.Error("the article list does not show the story's 2 views")
		}
		mod := servertest.LoginAs(t, f, servertest.NewMember(t, f, "moderator", "Mo Derator"))
		servertest.GetPage(t, f, mod, "/newsroom/dashboard").Expect(t, 403)
	})
}
