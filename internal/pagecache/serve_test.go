package pagecache

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// serveEntry runs a real HTTP server that serves e for every request.
func serveEntry(t *testing.T, e *Entry) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(e.Serve))
	t.Cleanup(srv.Close)
	return srv
}

// fetch makes one request with the given header lines ("Name: value") and
// returns the response with its body read. The client neither asks for nor
// undoes gzip by itself.
func fetch(t *testing.T, srv *httptest.Server, method string, lines ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+"/news/1/x", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		name, value, _ := strings.Cut(l, ":")
		req.Header.Add(name, strings.TrimSpace(value))
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	t.Cleanup(client.CloseIdleConnections)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func pageEntry(c *Cache) *Entry {
	return c.NewEntry(200, http.Header{
		"Content-Type":     {"text/html; charset=utf-8"},
		"Cache-Control":    {"public, max-age=60, s-maxage=300, stale-while-revalidate=30"},
		"Surrogate-Key":    {"article:1 section:local edition:en"},
		"Content-Language": {"en"},
		"Link":             {`<https://news.example.lk/news/1/x>; rel="canonical"`},
	}, articlePage(200, 1), "article:1")
}

func TestServeNegotiatesGzip(t *testing.T) {
	e := pageEntry(New(8 << 20))
	srv := serveEntry(t, e)
	tests := []struct {
		acceptEncoding []string // header lines; nil sends none
		gzip           bool
	}{
		{nil, false},
		{[]string{""}, false},
		{[]string{"gzip"}, true},
		{[]string{"gzip, deflate, br, zstd"}, true},
		{[]string{"GZIP"}, true},
		{[]string{"x-gzip"}, true},
		{[]string{"br;q=1.0, gzip;q=0.8, *;q=0.1"}, true},
		{[]string{"deflate, br"}, false},
		{[]string{"gzip;q=0"}, false},
		{[]string{"gzip; q=0.000"}, false},
		{[]string{"gzip;Q=0"}, false},
		{[]string{"gzip;q=0.001"}, true},
		{[]string{"*"}, true},
		{[]string{"*;q=0"}, false},
		{[]string{"gzip;q=0, *"}, false},
		{[]string{"identity"}, false},
		{[]string{"identity;q=0.5, gzip;q=0.8"}, true},
		{[]string{"identity, gzip;q=0.5"}, false},
		{[]string{"gzip;q=0.5, *"}, false}, // * ranks identity above gzip
		{[]string{"gzip, gzip;q=0"}, false},
		{[]string{"deflate", "gzip"}, true}, // two header lines
		{[]string{"gzip;q=1.5"}, false},     // not a qvalue: ignored
		{[]string{"gzip;q=0.1234"}, false},
		{[]string{"gzip;q="}, false},
		{[]string{"gzip ; q=0.5 "}, true},
		{[]string{",,gzip,,"}, true},
		{[]string{"gzipx"}, false},
	}
	for _, tt := range tests {
		name := strings.Join(tt.acceptEncoding, " | ")
		if tt.acceptEncoding == nil {
			name = "no header"
		}
		t.Run(name, func(t *testing.T) {
			var lines []string
			for _, v := range tt.acceptEncoding {
				lines = append(lines, "Accept-Encoding: "+v)
			}
			resp, body := fetch(t, srv, "GET", lines...)
			wantBody, wantTag, wantCE := e.Body, e.ETag, ""
			if tt.gzip {
				wantBody, wantTag, wantCE = e.Gzip, e.GzipETag, "gzip"
			}
			if resp.StatusCode != 200 || !bytes.Equal(body, wantBody) {
				t.Fatalf("status %d, %d bytes; want 200 with %d", resp.StatusCode, len(body), len(wantBody))
			}
			if got := resp.Header.Get("Content-Encoding"); got != wantCE {
				t.Errorf("Content-Encoding = %q, want %q", got, wantCE)
			}
			if got := resp.Header.Get("Etag"); got != wantTag {
				t.Errorf("ETag = %s, want %s", got, wantTag)
			}
			if got := resp.Header.Get("Content-Length"); got != strconv.Itoa(len(wantBody)) {
				t.Errorf("Content-Length = %s, want %d", got, len(wantBody))
			}
			if got := resp.Header.Values("Vary"); len(got) != 1 || got[0] != "Accept-Encoding" {
				t.Errorf("Vary = %q, want just Accept-Encoding", got)
			}
			if got := resp.Header.Get("Content-Type"); got != "text/html; charset=utf-8" {
				t.Errorf("Content-Type = %q", got)
			}
			if tt.gzip && !bytes.Equal(gunzip(t, body), e.Body) {
				t.Error("gzip body does not decompress to the page")
			}
		})
	}
}

func TestServeNotModified(t *testing.T) {
	c := New(8 << 20)
	e := pageEntry(c)
	srv := serveEntry(t, e)
	tag, gzTag := e.ETag, e.GzipETag
	weak := "W/" + tag
	tests := []struct {
		name   string
		method string
		lines  []string
		status int
	}{
		{"no condition", "GET", nil, 200},
		{"its tag", "GET", []string{"If-None-Match: " + tag}, 304},
		{"its tag, weak", "GET", []string{"If-None-Match: " + weak}, 304},
		{"a list holding it", "GET", []string{`If-None-Match: "old-1", ` + tag + `, "old-2"`}, 304},
		{"a list without spaces", "GET", []string{`If-None-Match: "old-1",` + weak}, 304},
		{"a tag holding commas before it", "GET", []string{`If-None-Match: "a,b", ` + tag}, 304},
		{"on a second header line", "GET", []string{`If-None-Match: "old"`, "If-None-Match: " + tag}, 304},
		{"star", "GET", []string{"If-None-Match: *"}, 304},
		{"another tag", "GET", []string{`If-None-Match: "something-else"`}, 200},
		{"its hash unquoted", "GET", []string{"If-None-Match: " + strings.Trim(tag, `"`)}, 200},
		{"its tag inside a malformed value", "GET", []string{`If-None-Match: "old", bad, ` + tag}, 200},
		{"the gzip tag when gzip is not accepted", "GET", []string{"If-None-Match: " + gzTag}, 200},
		{"the gzip tag when gzip is accepted", "GET", []string{"If-None-Match: " + gzTag, "Accept-Encoding: gzip"}, 304},
		{"the plain tag when gzip is accepted", "GET", []string{"If-None-Match: " + tag, "Accept-Encoding: gzip"}, 200},
		{"both tags, as a cache holding both forms sends", "GET", []string{"If-None-Match: " + tag + ", " + gzTag, "Accept-Encoding: gzip"}, 304},
		{"HEAD", "HEAD", []string{"If-None-Match: " + tag}, 304},
		{"POST", "POST", []string{"If-None-Match: " + tag}, 412},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := fetch(t, srv, tt.method, tt.lines...)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.status != 304 {
				return
			}
			if len(body) != 0 {
				t.Errorf("304 with a %d-byte body", len(body))
			}
			wantTag := tag
			if strings.Contains(strings.Join(tt.lines, "\n"), "Accept-Encoding: gzip") {
				wantTag = gzTag
			}
			if got := resp.Header.Get("Etag"); got != wantTag {
				t.Errorf("ETag = %s, want %s", got, wantTag)
			}
			for _, k := range []string{"Cache-Control", "Vary", "Surrogate-Key"} {
				if resp.Header.Get(k) == "" {
					t.Errorf("304 without %s", k)
				}
			}
			for _, k := range []string{"Content-Type", "Content-Encoding", "Content-Length"} {
				if v := resp.Header.Get(k); v != "" {
					t.Errorf("304 with %s: %s", k, v)
				}
			}
		})
	}
	t.Run("an error page ignores the condition", func(t *testing.T) {
		e := c.NewEntry(404, http.Header{"Content-Type": {"text/html"}}, []byte("<h1>Not found</h1>"))
		resp, body := fetch(t, serveEntry(t, e), "GET", "If-None-Match: *")
		if resp.StatusCode != 404 || string(body) != "<h1>Not found</h1>" || resp.Header.Get("Etag") != "" {
			t.Errorf("status %d, body %q, ETag %q", resp.StatusCode, body, resp.Header.Get("Etag"))
		}
	})
}

func TestServeHEAD(t *testing.T) {
	e := pageEntry(New(8 << 20))
	srv := serveEntry(t, e)
	for _, tt := range []struct {
		lines  []string
		length int
	}{
		{nil, len(e.Body)},
		{[]string{"Accept-Encoding: gzip"}, len(e.Gzip)},
	} {
		resp, body := fetch(t, srv, "HEAD", tt.lines...)
		if resp.StatusCode != 200 || len(body) != 0 {
			t.Errorf("%v: status %d, %d body bytes", tt.lines, resp.StatusCode, len(body))
		}
		if resp.ContentLength != int64(tt.length) {
			t.Errorf("%v: Content-Length %d, want %d, the length a GET would send", tt.lines, resp.ContentLength, tt.length)
		}
		if resp.Header.Get("Etag") == "" {
			t.Errorf("%v: no ETag", tt.lines)
		}
	}
}

func TestServeReplaysHeaders(t *testing.T) {
	c := New(8 << 20)
	built := pageEntry(c)
	byHand := &Entry{Status: built.Status, Header: built.Header, Body: built.Body, Gzip: built.Gzip, ETag: built.ETag}
	for name, e := range map[string]*Entry{"built by NewEntry": built, "built by hand": byHand} {
		t.Run(name, func(t *testing.T) {
			resp, _ := fetch(t, serveEntry(t, e), "GET", "Accept-Encoding: gzip")
			for k := range built.Header {
				if got, want := resp.Header.Get(k), built.Header.Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			if got := resp.Header.Get("Etag"); got != built.GzipETag {
				t.Errorf("ETag = %s, want %s", got, built.GzipETag)
			}
			if resp.Header.Get("Content-Encoding") != "gzip" {
				t.Error("not gzip")
			}
		})
	}
	t.Run("the entry's own Vary is kept, with Accept-Encoding added", func(t *testing.T) {
		e := c.NewEntry(200, http.Header{"Vary": {"Accept-Language"}}, articlePage(5, 1))
		resp, _ := fetch(t, serveEntry(t, e), "GET")
		if got := strings.Join(resp.Header.Values("Vary"), ", "); got != "Accept-Language, Accept-Encoding" {
			t.Errorf("Vary = %q", got)
		}
	})
	t.Run("a small page has no gzip form and is served plain", func(t *testing.T) {
		e := c.NewEntry(200, http.Header{"Content-Type": {"text/plain"}}, []byte("User-agent: *\nAllow: /\n"))
		resp, body := fetch(t, serveEntry(t, e), "GET", "Accept-Encoding: gzip")
		if resp.Header.Get("Content-Encoding") != "" || string(body) != "User-agent: *\nAllow: /\n" {
			t.Errorf("Content-Encoding %q, body %q", resp.Header.Get("Content-Encoding"), body)
		}
		if resp.Header.Get("Etag") != e.ETag {
			t.Errorf("ETag %s, want %s", resp.Header.Get("Etag"), e.ETag)
		}
	})
	t.Run("a sniffed type survives gzip", func(t *testing.T) {
		e := c.NewEntry(200, nil, articlePage(20, 1))
		resp, _ := fetch(t, serveEntry(t, e), "GET", "Accept-Encoding: gzip")
		if got := resp.Header.Get("Content-Type"); got != "text/html; charset=utf-8" {
			t.Errorf("Content-Type = %q", got)
		}
	})
}

func TestQValue(t *testing.T) {
	tests := []struct {
		in string
		w  int
		ok bool
	}{
		{"0", 0, true}, {"1", 1000, true}, {"0.5", 500, true}, {"0.05", 50, true}, {"0.125", 125, true},
		{"1.000", 1000, true}, {"1.", 1000, true}, {"0.", 0, true},
		{"", 0, false}, {"2", 0, false}, {"1.5", 0, false}, {"0.1234", 0, false}, {".5", 0, false},
		{"0,5", 0, false}, {"0.5x", 0, false}, {"-0", 0, false},
	}
	for _, tt := range tests {
		if w, ok := qvalue(tt.in); w != tt.w || ok != tt.ok {
			t.Errorf("qvalue(%q) = %d, %v; want %d, %v", tt.in, w, ok, tt.w, tt.ok)
		}
	}
}
