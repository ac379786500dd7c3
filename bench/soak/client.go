package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// client sends the soak's requests to one Dateline and records each.
type client struct {
	base string // http://127.0.0.1:PORT
	http *http.Client
	rec  *recorder
}

func newClient(base string, rec *recorder) *client {
	return &client{base: base, rec: rec, http: &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256, IdleConnTimeout: time.Minute},
		// Redirects are answers to check (a comment's 303 names its id),
		// not to follow.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// identity is one simulated reader. The soak acts as a proxy in front of
// Dateline (DATELINE_TRUSTED_PROXIES=127.0.0.1) and names each reader's own
// address in X-Forwarded-For, so per-address limits apply per reader as
// they would behind a real proxy or CDN; nothing is switched off.
type identity struct {
	addr   string
	ua     string
	lang   string
	reader string  // the dateline_reader cookie the site handed this reader
	search *bucket // mirrors the 60 searches a minute (bursts of 20)
	beacon *bucket // mirrors the 120 views a minute (bursts of 60)
}

var browsers = []string{
	"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
	"Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
}

var languages = []string{"en-GB,en;q=0.9", "si-LK,si;q=0.9,en;q=0.8", "ta-LK,ta;q=0.9,en;q=0.8"}

// addresses hands out reader addresses from 198.18.0.0/15, the range set
// aside for benchmarks (RFC 2544), so none is a real reader's.
type addresses struct{ n atomic.Uint32 }

func (a *addresses) next() string {
	n := a.n.Add(1) % (1<<17 - 2)
	return fmt.Sprintf("198.%d.%d.%d", 18+n>>16, (n>>8)&0xff, n&0xff)
}

func (a *addresses) identity(i int) *identity {
	return &identity{addr: a.next(), ua: browsers[i%len(browsers)], lang: languages[i%len(languages)],
		search: newBucket(50, 15), beacon: newBucket(100, 40)}
}

// answer is a response, read whole.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// call sends one request as id (nil: no reader headers, for staff) and
// records it under endpoint. It reports whether the status was one of want.
// Requests run to completion even after the soak's time is up, so every
// request started is measured.
func (c *client) call(endpoint, method, path string, id *identity, bearer string, body io.Reader, contentType string, want ...int) (answer, bool) {
	req, err := http.NewRequestWithContext(context.Background(), method, c.base+path, body)
	if err != nil {
		c.rec.observe(endpoint, 0, 0, err.Error())
		return answer{}, false
	}
	if id != nil {
		req.Header.Set("X-Forwarded-For", id.addr)
		req.Header.Set("User-Agent", id.ua)
		req.Header.Set("Accept-Language", id.lang)
		if id.reader != "" {
			req.AddCookie(&http.Cookie{Name: "dateline_reader", Value: id.reader})
		}
	} else {
		req.Header.Set("User-Agent", "dateline-soak (staff client)")
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		c.rec.observe(endpoint, time.Since(start), 0, err.Error())
		return answer{}, false
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	a := answer{status: resp.StatusCode, header: resp.Header, body: data}
	if err != nil {
		c.rec.observe(endpoint, d, a.status, "reading the body: "+err.Error())
		return a, false
	}
	for _, w := range want {
		if a.status == w {
			c.rec.observe(endpoint, d, a.status, "")
			return a, true
		}
	}
	snippet := strings.Join(strings.Fields(string(data)), " ")
	if len(snippet) > 160 {
		snippet = snippet[:160]
	}
	c.rec.observe(endpoint, d, a.status, fmt.Sprintf("%s %s: %d %s", method, path, a.status, snippet))
	return a, false
}

// form posts url-encoded fields, as a browser submits a form.
// A reader's first comment or flag is answered with a reader cookie and a
// 307 back to the same post; the soak keeps the cookie and sends the post
// again, as a browser does.
func (c *client) form(endpoint, path string, id *identity, fields url.Values, want ...int) (answer, bool) {
	const ctype = "application/x-www-form-urlencoded"
	if id != nil && id.reader == "" {
		a, ok := c.call(endpoint+" (reader cookie)", http.MethodPost, path, id, "", strings.NewReader(fields.Encode()), ctype, http.StatusTemporaryRedirect)
		if !ok {
			return a, false
		}
		for _, ck := range (&http.Response{Header: a.header}).Cookies() {
			if ck.Name == "dateline_reader" {
				id.reader = ck.Value
			}
		}
		path = a.header.Get("Location")
	}
	return c.call(endpoint, http.MethodPost, path, id, "", strings.NewReader(fields.Encode()), ctype, want...)
}

// json sends v as JSON and decodes the answer into out when it is wanted.
func (c *client) json(endpoint, method, path, bearer string, v, out any, want ...int) bool {
	var body io.Reader
	ctype := ""
	if v != nil {
		b, _ := json.Marshal(v)
		body, ctype = bytes.NewReader(b), "application/json"
	}
	a, ok := c.call(endpoint, method, path, nil, bearer, body, ctype, want...)
	if ok && out != nil {
		if err := json.Unmarshal(a.body, out); err != nil {
			c.rec.observe(endpoint+" (decoding)", 0, 0, err.Error())
			return false
		}
	}
	return ok
}

// pathOf keeps the path and query of an absolute URL the server wrote with
// its base address.
func pathOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.RequestURI()
}
