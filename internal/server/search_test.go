package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"dateline/internal/news"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// searchReply is the body of GET /api/v1/search.
type searchReply struct {
	Total int `json:"total"`
	Items []struct {
		Kind        string    `json:"kind"`
		ID          int64     `json:"id"`
		Title       string    `json:"title"`
		URL         string    `json:"url"`
		Snippet     string    `json:"snippet"`
		PublishedAt time.Time `json:"published_at"`
	} `json:"items"`
	Error string `json:"error"`
}

// searchFixture adds Sinhala, Tamil and video content to the fixture.
type searchFixture struct {
	*servertest.Fixture
	sinhala, tamil news.Article
	video          news.Video
	readers        int // each request comes from its own address, so no limiter interferes
}

func newSearchFixture(t *testing.T, e storetest.Engine) *searchFixture {
	t.Helper()
	f := &searchFixture{Fixture: servertest.New(t, e)}
	ctx := context.Background()
	ch := store.Change{Actor: "test", Action: "create"}
	now := time.Now().UTC().Truncate(time.Minute)
	f.sinhala = news.Article{Lang: "si", Section: f.Local, Status: news.StatusPublished, PublishedAt: now.Add(-time.Hour),
		Headline: "ශ්\u200dරී ලංකා ක්\u200dරිකට් කණ්ඩායම ජයග්\u200dරහණය කරයි",
		Summary:  "කොළඹ පැවති තරගයේදී කණ්ඩායම කඩුලු පහකින් ජය ගත්තේය.", BodyHTML: "<p>ප්\u200dරේක්ෂකයින් දහස් ගණනක් පැමිණ සිටියහ.</p>"}
	f.tamil = news.Article{Lang: "ta", Section: f.Local, Status: news.StatusPublished, PublishedAt: now.Add(-2 * time.Hour),
		Headline: "இலங்கை கிரிக்கெட் அணி வெற்றி பெற்றது", BodyHTML: "<p>கொழும்பில் நடைபெற்ற போட்டியில் இலங்கை அணி வெற்றி பெற்றது.</p>"}
	for _, a := range []*news.Article{&f.sinhala, &f.tamil} {
		if err := f.Store.CreateArticle(ctx, a, ch); err != nil {
			t.Fatal(err)
		}
	}
	f.video = news.Video{Title: "Elephants cross the road at Habarana", Summary: "A herd stopped traffic <for> an hour.",
		Lang: "en", Status: news.StatusPublished, Provider: "youtube", ProviderID: "dQw4w9WgXcQ", PublishedAt: now.Add(-30 * time.Minute)}
	if err := f.Store.CreateVideo(ctx, &f.video, ch); err != nil {
		t.Fatal(err)
	}
	return f
}

// fetch sends a raw path (hostile bytes and all) from a fresh address.
func (f *searchFixture) fetch(t *testing.T, path string) (*http.Response, string) {
	t.Helper()
	f.readers++
	req, err := http.NewRequest("GET", f.Srv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.URL.Opaque = path
	resp, err := clientFrom(t, fmt.Sprintf("127.0.%d.%d", 8+f.readers/250, 1+f.readers%250)).Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func (f *searchFixture) api(t *testing.T, query string, status int) searchReply {
	t.Helper()
	resp, body := f.fetch(t, "/api/v1/search?"+query)
	var r searchReply
	if resp.StatusCode != status || json.Unmarshal([]byte(body), &r) != nil {
		t.Fatalf("GET /api/v1/search?%.80s: %d %.300s, want %d and JSON", query, resp.StatusCode, body, status)
	}
	return r
}

func TestSearchAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newSearchFixture(t, e)

		r := f.api(t, "q=kelani+river", 200)
		if r.Total != 1 || r.Items[0].Kind != "article" || r.Items[0].ID != f.Staff.ID || r.Items[0].URL != f.Srv.URL+f.Staff.Path() ||
			r.Items[0].Title != f.Staff.Headline || !r.Items[0].PublishedAt.Equal(f.Staff.PublishedAt) {
			t.Errorf("kelani river: %+v", r)
		}
		// The words are only in the headline: the snippet is the summary.
		if r.Items[0].Snippet != "Residents moved to higher ground." {
			t.Errorf("snippet %q, want the summary", r.Items[0].Snippet)
		}
		if r := f.api(t, "q=metres", 200); r.Total != 1 || r.Items[0].Snippet != "Water levels rose two <mark>metres</mark> overnight. What next More rain is expected." {
			t.Errorf("a word in the body: %+v", r)
		}

		// Sinhala typed without the joiners finds the headline typed with them.
		si := f.api(t, "lang=si&q="+url.QueryEscape("ශ්රී ක්රිකට්"), 200)
		if si.Total != 1 || si.Items[0].ID != f.sinhala.ID || si.Items[0].Title != f.sinhala.Headline {
			t.Errorf("sinhala: %+v", si)
		}
		ta := f.api(t, "lang=ta&q="+url.QueryEscape(`"இலங்கை கிரிக்கெட்"`), 200)
		if ta.Total != 1 || ta.Items[0].ID != f.tamil.ID || !strings.Contains(ta.Items[0].Snippet, "<mark>இலங்கை</mark>") {
			t.Errorf("tamil phrase: %+v", ta)
		}
		if r := f.api(t, "lang=en&q="+url.QueryEscape("கிரிக்கெட்"), 200); r.Total != 0 || len(r.Items) != 0 || r.Items == nil {
			t.Errorf("a Tamil word in the English edition: %+v (items must be [] not null)", r)
		}

		v := f.api(t, "q=elephants", 200)
		if v.Total != 1 || v.Items[0].Kind != "video" || v.Items[0].URL != f.Srv.URL+f.video.Path() ||
			v.Items[0].Snippet != "A herd stopped traffic &lt;for&gt; an hour." {
			t.Errorf("video: %+v", v)
		}

		// Paging: 23 filler stories, 20 a page; past the end is an empty page.
		p1, p2, p3 := f.api(t, "q=filler", 200), f.api(t, "q=filler&page=2", 200), f.api(t, "q=filler&page=3", 200)
		if p1.Total != 23 || len(p1.Items) != 20 || p2.Total != 23 || len(p2.Items) != 3 || p3.Total != 23 || len(p3.Items) != 0 {
			t.Errorf("pages: %d/%d, %d/%d, %d/%d", p1.Total, len(p1.Items), p2.Total, len(p2.Items), p3.Total, len(p3.Items))
		}

		// The hostile story: found, and nothing of its markup survives unescaped.
		h := f.api(t, "q=script+alert", 200)
		if h.Total != 1 || h.Items[0].ID != f.Hostile.ID || strings.Contains(h.Items[0].Snippet, "<img") || strings.Contains(h.Items[0].Snippet, "<script") {
			t.Errorf("hostile: %+v", h)
		}

		// Drafts and unpublished stories are never found; unpublishing is seen at once.
		for _, q := range []string{"unfinished", "pulled"} {
			if r := f.api(t, "q="+q, 200); r.Total != 0 {
				t.Errorf("%s found %+v", q, r)
			}
		}
		a := f.Staff
		a.Status = news.StatusUnpublished
		if err := f.Store.UpdateArticle(context.Background(), &a, store.Change{Actor: "test", Action: "unpublish"}); err != nil {
			t.Fatal(err)
		}
		if r := f.api(t, "q=kelani", 200); r.Total != 0 {
			t.Errorf("unpublished story still found: %+v", r)
		}
	})
}

// TestSearchHostileInput sends what breaks naive full-text search through
// the real router: never a 500, always a result or a message.
func TestSearchHostileInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newSearchFixture(t, e)
		tenKB := url.QueryEscape(strings.Repeat("kelani ", 1500))
		cases := []struct {
			query  string
			status int
			want   string // in the body
		}{
			{"", 400, "q is required"},
			{"q=", 400, "q is required"},
			{"q=%20%09%0A", 400, "q is required"},
			{"q=" + url.QueryEscape(`* : ^ ( ) - + { } " '`), 400, "no words"},
			{"q=%00", 400, "no words"},
			{"q=%FF%FE", 400, "no words"},
			{"q=" + tenKB, 400, "at most 512 bytes"},
			{"q=kelani&lang=xx", 400, "lang must be one of en, si, ta"},
			{"q=kelani&lang=" + url.QueryEscape("en' OR '1'='1"), 400, "lang must be"},
			{"q=kelani&page=0", 400, "page number"},
			{"q=kelani&page=abc", 400, "page number"},
			{"q=kelani&page=99999999999999999999", 400, "page number"},
			{"q=kelani&page=100000", 200, `"items":[]`},
			{"q=kelani%00river", 200, `"total":1`},
			{"q=kelani%FFriver", 200, `"total":1`},
			{"q=" + url.QueryEscape(`"kelani river`), 200, `"total":1`}, // unbalanced quote: a phrase to the end
			{"q=" + url.QueryEscape(`kelani"`), 200, `"total":1`},
			{"q=" + url.QueryEscape(`NEAR(kelani river, 2)`), 200, `"total":0`},
			{"q=" + url.QueryEscape(`kelani OR geneva`), 200, `"total":0`}, // OR is a word, not an operator
			{"q=" + url.QueryEscape(`kelani NOT river`), 200, `"total":0`},
			{"q=" + url.QueryEscape(`-kelani`), 200, `"total":1`},
			{"q=" + url.QueryEscape(`kel*`), 200, `"total":0`}, // no prefix queries
			{"q=" + url.QueryEscape(`title:kelani`), 200, `"total":0`},
			{"q=" + url.QueryEscape(`{title}:kelani ^river`), 200, `"total":0`},
			{"q=" + url.QueryEscape(`kelani & !river | rain:* <-> x`), 200, `"total":0`},
			{"q=" + url.QueryEscape(`'); DROP TABLE articles; --`), 200, `"total":0`},
			{"q=" + url.QueryEscape(`"" "" kelani`), 200, `"total":1`},
			{"q=" + url.QueryEscape(strings.Repeat("kelani ", 73)), 200, `"total":1`}, // 511 bytes: allowed
			{"q=" + url.QueryEscape(strings.Repeat(`"a b" `, 40)), 200, `"total":0`},
		}
		for _, tc := range cases {
			resp, body := f.fetch(t, "/api/v1/search?"+tc.query)
			if resp.StatusCode != tc.status || !strings.Contains(body, tc.want) {
				t.Errorf("?%.60s: %d %.200s, want %d with %q", tc.query, resp.StatusCode, body, tc.status, tc.want)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("?%.60s: Content-Type %q", tc.query, ct)
			}
		}
		// The articles table survived the SQL in the query above.
		if r := f.api(t, "q=geneva", 200); r.Total != 1 {
			t.Errorf("after the hostile queries: %+v", r)
		}
	})
}

func TestSearchPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newSearchFixture(t, e)
		tenKB := strings.Repeat("kelani ", 1500)
		cases := []struct {
			path     string
			status   int
			contains []string
			lacks    []string
		}{
			{"/search", 200, []string{"<h1>Search</h1>", `name="q"`, `<meta name="robots" content="noindex">`}, []string{"result"}},
			{"/search?q=kelani", 200, []string{"1 result", `href="` + f.Staff.Path() + `"`, "<mark>Kelani</mark> river rises",
				`value="kelani"`}, []string{f.Draft.Headline}},
			{"/search?q=%22river+rises%22", 200, []string{"<mark>river</mark> <mark>rises</mark>", "<title>Search: &#34;river rises&#34; | Dateline Test</title>"}, nil},
			{"/search?q=elephants", 200, []string{`<span class="kicker">Video</span>`, `href="` + f.video.Path() + `"`, "&lt;for&gt;"}, nil},
			{"/search?q=filler", 200, []string{"23 results", "Page 1 of 2", `href="/search?page=2&amp;q=filler"`}, nil},
			{"/search?q=filler&page=2", 200, []string{"Page 2 of 2", `rel="prev" href="/search?q=filler"`}, nil},
			{"/search?q=filler&page=3", 404, []string{"page 3 does not exist"}, nil},
			{"/search?q=filler&page=abc", 400, []string{"page number must be a whole number"}, nil},
			{"/search?q=zanzibar", 200, []string{"Nothing was found for “zanzibar”."}, []string{"search-count"}},
			{"/search?q=", 400, []string{"Type one or more words to search for.", `name="q"`}, nil},
			{"/search?q=%2A%3A%5E%28%29", 400, []string{"Type one or more words", `value="*:^()"`}, nil},
			{"/search?q=%FF%00", 400, []string{"Type one or more words"}, nil},
			{"/search?q=" + url.QueryEscape(tenKB), 400, []string{"That search is too long. Use fewer words."}, []string{tenKB[:600]}},
			{"/search?q=%3Cscript%3E+alert%28", 200, []string{`value="&lt;script&gt; alert("`,
				"&lt;<mark>script</mark>&gt;<mark>alert</mark>(&#34;x&#34;)&lt;/<mark>script</mark>&gt; &amp; &#34;quotes&#34;",
				"&lt;img src=x onerror=<mark>alert</mark>(1)&gt;"}, []string{"<script>alert", "<img src"}},
			{"/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200, []string{`value="&lt;script&gt;alert(1)&lt;/script&gt;"`, "Nothing was found for"},
				[]string{"<script>alert"}}, // no spaces: one phrase, which no story has
			{"/search?q=" + url.QueryEscape("கிரிக்கெட்"), 200, []string{"Nothing was found for"}, nil}, // the English edition
			// Each edition searches its own stories, in its own words and addresses.
			{"/ta/search?q=" + url.QueryEscape("கிரிக்கெட்"), 200, []string{`<html lang="ta"`, `href="/ta` + f.tamil.Path() + `"`,
				"<mark>கிரிக்கெட்</mark>", `action="/ta/search"`}, []string{f.Staff.Headline}},
			{"/si/search?q=" + url.QueryEscape("கிரிக்கெட்"), 200, []string{`<html lang="si"`, "“கிரிக்கெட்” සඳහා කිසිවක් හමු නොවීය."}, nil},
		}
		for _, tc := range cases {
			resp, body := f.fetch(t, tc.path)
			if resp.StatusCode != tc.status {
				t.Errorf("%.80s: status %d, want %d", tc.path, resp.StatusCode, tc.status)
			}
			servertest.Contains(t, tc.path[:min(len(tc.path), 80)], body, tc.contains...)
			servertest.Lacks(t, tc.path[:min(len(tc.path), 80)], body, tc.lacks...)
		}
	})
}

// TestSearchFloodIsLimitedPerAddress: one address searching without pause
// is refused with 429s; another reader is not affected.
func TestSearchFloodIsLimitedPerAddress(t *testing.T) {
	f := servertest.New(t, storetest.Open(t, "sqlite"))
	for _, path := range []string{"/api/v1/search?q=kelani", "/search?q=kelani"} {
		limited := 0
		c := clientFrom(t, "127.0.20.1")
		for range 40 {
			resp, err := c.Get(f.Srv.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode == http.StatusTooManyRequests {
				limited++
			}
		}
		if limited == 0 {
			t.Errorf("%s: 40 searches in a moment from one address were all answered", path)
		}
		resp, err := clientFrom(t, "127.0.20.2").Get(f.Srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: another reader got %d during the flood", path, resp.StatusCode)
		}
	}
}
