package server_test

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"dateline/internal/news"
	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// TestPublicRoutes walks every public route on both engines through the real
// router and a real HTTP connection.
func TestPublicRoutes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		colombo, _ := time.LoadLocation("Asia/Colombo")
		leadPath := f.Lead.Path()

		type scenario struct {
			path     string
			status   int
			contains []string
			lacks    []string
			header   map[string]string
		}
		scenarios := []scenario{
			{path: "/", status: 200,
				contains: []string{"<title>Dateline Test</title>", f.Lead.Headline, f.Staff.Headline, "Most Viewed", "Most Viewed Video Stories",
					`href="/section/local"`, `href="/section/world"`, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;", `"@type":"WebSite"`},
				lacks: []string{f.Draft.Headline, f.Pulled.Headline, `<script>alert("x")`, "<img src=x onerror"}},
			{path: leadPath, status: 200,
				contains: []string{"<h1>" + f.Lead.Headline + "</h1>", "Source: Reuters -Agencies", news.FormatDateline(f.Lead.PublishedAt, colombo),
					"08:24 am", `<span class="place">Geneva</span>`, `"@type":"NewsArticle"`, `"@type":"Organization","name":"Reuters"`,
					`"datePublished":"` + f.Lead.PublishedAt.In(colombo).Format(time.RFC3339), `+05:30`,
					`<meta property="og:title" content="` + f.Lead.Headline + `">`, `<link rel="canonical" href="` + f.Srv.URL + leadPath + `">`,
					`name="twitter:card" content="summary_large_image"`, `href="/tag/climate"`, fmt.Sprintf(`/media/%d/page/harbour.jpg`, f.Lead.Image.ID), fmt.Sprintf(`content="%s/media/%d/card/harbour.jpg"`, f.Srv.URL, f.Lead.Image.ID),
					"The harbour at dawn", `<meta property="og:image" content="` + f.Srv.URL}},
			{path: f.Staff.Path(), status: 200,
				contains: []string{"By <span class=\"author\">Nadeesha Fernando</span>", "Source: Staff", "<strong>two metres</strong>",
					"More from Local", "Local filler story number 00", `"@type":"Person","name":"Nadeesha Fernando"`, `href="/tag/monsoon"`}},
			{path: f.Hostile.Path(), status: 200,
				contains: []string{"&lt;script&gt;"}, lacks: []string{"<script>alert", "javascript:alert", "onerror=alert(1)>"}},
			{path: fmt.Sprintf("/news/%d/wrong-slug", f.Lead.ID), status: 301, header: map[string]string{"Location": leadPath}},
			{path: fmt.Sprintf("/news/%d", f.Lead.ID), status: 301, header: map[string]string{"Location": leadPath}},
			{path: fmt.Sprintf("/news/%d/'%%20OR%%201=1--", f.Lead.ID), status: 301, header: map[string]string{"Location": leadPath}},
			{path: "/news/999999/nothing", status: 404, contains: []string{"Page not found", "<html lang=\"en\">"}},
			{path: f.Draft.Path(), status: 404, lacks: []string{f.Draft.Headline}},
			{path: f.Pulled.Path(), status: 404, lacks: []string{f.Pulled.Headline}},
			{path: "/news/abc/x", status: 404},
			{path: "/news/0/x", status: 404},
			{path: "/news/99999999999999999999999/x", status: 404},
			{path: "/news/-1", status: 404},
			// one address per article: FuzzPathParams found ids with a sign or leading zeros accepted
			{path: fmt.Sprintf("/news/0%d/%s", f.Lead.ID, f.Lead.Slug), status: 404},
			{path: fmt.Sprintf("/news/+%d/%s", f.Lead.ID, f.Lead.Slug), status: 404},

			{path: "/section/local", status: 200, contains: []string{"<h1>Local</h1>", "Page 1 of 2", `href="/section/local?page=2"`, f.Staff.Headline},
				lacks: []string{f.Lead.Headline}},
			{path: "/section/local?page=2", status: 200, contains: []string{"Page 2 of 2", `rel="prev" href="/section/local"`}},
			{path: "/section/local?page=3", status: 404, contains: []string{"page 3 does not exist"}},
			{path: "/section/local?page=abc", status: 400, contains: []string{"page number must be a whole number"}},
			{path: "/section/local?page=-4", status: 400},
			{path: "/section/local?page=0", status: 400},
			{path: "/section/local?page=99999999999999999999999999", status: 400},
			{path: "/section/nowhere", status: 404},
			{path: "/section/%FF%FE", status: 404},
			{path: "/section/'%20OR%20'1'='1", status: 404},
			{path: "/section/local%3B%20DROP%20TABLE%20articles", status: 404},
			{path: "/tag/monsoon", status: 200, contains: []string{"Monsoon", f.Staff.Headline}, lacks: []string{f.Lead.Headline}},
			{path: "/tag/not-a-tag", status: 404},
			{path: "/tag/%C3%28", status: 404},

			{path: "/healthz", status: 200, contains: []string{`"status":"ok"`, `"database":"` + e.Name}},
			// Not public: only with DATELINE_METRICS_TOKEN or on DATELINE_METRICS_ADDR (metrics_test.go).
			{path: "/metrics", status: 404},
			{path: "/robots.txt", status: 200, contains: []string{"Sitemap: " + f.Srv.URL + "/sitemap.xml"}},
			{path: fmt.Sprintf("/media/%d/page/harbour.jpg", f.Lead.Image.ID), status: 200,
				header: map[string]string{"Content-Type": "image/jpeg", "Cache-Control": "public, max-age=30, s-maxage=300, stale-while-revalidate=30, stale-if-error=86400",
					"Surrogate-Key": fmt.Sprintf("article:%d", f.Lead.ID)}},
			{path: fmt.Sprintf("/media/%d/thumb/harbour.jpg", f.Lead.Image.ID), status: 200, header: map[string]string{"Content-Type": "image/jpeg"}},
			{path: fmt.Sprintf("/media/%d/card/other.png", f.Lead.Image.ID), status: 404, header: map[string]string{"Location": ""}},
			{path: fmt.Sprintf("/media/%d/original/harbour.jpg", f.Lead.Image.ID), status: 404},
			{path: "/media/424242/page/x.jpg", status: 404},
			{path: "/static/css/site.deadbeef.css", status: 404},
			{path: "/no/such/page", status: 404, contains: []string{"Page not found"}},
			{path: "/%FF%FE%FD", status: 404},
			{path: "/sitemaps/articles-2.xml", status: 404},
			{path: "/sitemaps/articles-x.xml", status: 404},
			{path: "/sitemaps/passwd", status: 404},
		}
		for _, sc := range scenarios {
			resp, body := f.Get(sc.path)
			if resp.StatusCode != sc.status {
				t.Errorf("GET %s: status %d, want %d", sc.path, resp.StatusCode, sc.status)
				continue
			}
			servertest.Contains(t, "GET "+sc.path, body, sc.contains...)
			servertest.Lacks(t, "GET "+sc.path, body, sc.lacks...)
			servertest.Lacks(t, "GET "+sc.path, body, "goroutine ", "panic", ".go:")
			for k, v := range sc.header {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("GET %s: header %s = %q, want %q", sc.path, k, got, v)
				}
			}
			if sc.status >= 400 && !strings.HasPrefix(sc.path, "/sitemaps/") && !strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
				t.Errorf("GET %s: error page is %q, want HTML", sc.path, resp.Header.Get("Content-Type"))
			}
		}
	})
}

func TestStaticAssetsAreHashedAndCached(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		_, body := f.Get("/")
		start := strings.Index(body, `href="/static/css/site.`)
		if start < 0 {
			t.Fatal("front page links no hashed stylesheet")
		}
		href := body[start+6 : start+6+strings.Index(body[start+6:], `"`)]
		resp, css := f.Get(href)
		if resp.StatusCode != 200 || !strings.Contains(css, ".masthead") || resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Fatalf("GET %s: %d %q", href, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
	})
}

func TestCrossOriginPostIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		req, _ := http.NewRequest("POST", f.Srv.URL+"/", strings.NewReader("x=1"))
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		resp, err := servertest.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("cross-site POST: %d, want 403", resp.StatusCode)
		}
	})
}

// rssDoc is what the tests read back from a feed.
type rssDoc struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Title string   `xml:"title"`
		Links []string `xml:"link"`
		Items []struct {
			Title   string `xml:"title"`
			Link    string `xml:"link"`
			GUID    string `xml:"guid"`
			PubDate string `xml:"pubDate"`
		} `xml:"item"`
	} `xml:"channel"`
}

func TestFeedsParseAndFollowRSS(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		for _, tc := range []struct {
			path  string
			items int
		}{{"/rss.xml", 26}, {"/section/world/rss.xml", 1}, {"/section/local/rss.xml", 25}} {
			resp, body := f.Get(tc.path)
			if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/rss+xml") {
				t.Fatalf("GET %s: %d %s", tc.path, resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			var doc rssDoc
			if err := xml.Unmarshal([]byte(body), &doc); err != nil {
				t.Fatalf("%s does not parse: %v", tc.path, err)
			}
			if doc.Version != "2.0" || doc.Channel.Title == "" || len(doc.Channel.Links) == 0 || !strings.HasPrefix(doc.Channel.Links[0], f.Srv.URL) {
				t.Fatalf("%s channel: %+v", tc.path, doc.Channel.Title)
			}
			if len(doc.Channel.Items) != tc.items {
				t.Fatalf("%s: %d items, want %d", tc.path, len(doc.Channel.Items), tc.items)
			}
			guids := map[string]bool{}
			for _, it := range doc.Channel.Items {
				if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
					t.Errorf("%s: pubDate %q: %v", tc.path, it.PubDate, err)
				}
				if guids[it.GUID] || !strings.HasPrefix(it.GUID, f.Srv.URL+"/news/") || !strings.HasPrefix(it.Link, f.Srv.URL+"/news/") {
					t.Errorf("%s: bad or repeated guid %q / link %q", tc.path, it.GUID, it.Link)
				}
				guids[it.GUID] = true
				if it.Title == f.Draft.Headline || it.Title == f.Pulled.Headline {
					t.Errorf("%s lists an unpublished story", tc.path)
				}
			}
		}
		if resp, _ := f.Get("/section/nowhere/rss.xml"); resp.StatusCode != 404 {
			t.Fatalf("feed of unknown section: %d", resp.StatusCode)
		}
	})
}

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
		News    *struct {
			Publication struct {
				Name     string `xml:"name"`
				Language string `xml:"language"`
			} `xml:"publication"`
			Date  string `xml:"publication_date"`
			Title string `xml:"title"`
		} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
	} `xml:"url"`
}

func TestSitemaps(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		_, body := f.Get("/sitemap.xml")
		var index struct {
			XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
			Sitemaps []struct {
				Loc string `xml:"loc"`
			} `xml:"sitemap"`
		}
		if err := xml.Unmarshal([]byte(body), &index); err != nil {
			t.Fatalf("sitemap index: %v\n%s", err, body)
		}
		if len(index.Sitemaps) != 3 || index.Sitemaps[1].Loc != f.Srv.URL+"/sitemap-video.xml" ||
			index.Sitemaps[2].Loc != f.Srv.URL+"/sitemaps/articles-1.xml" {
			t.Fatalf("index lists %+v", index.Sitemaps)
		}
		for _, sm := range index.Sitemaps {
			resp, body := f.Get(strings.TrimPrefix(sm.Loc, f.Srv.URL))
			var set urlset
			wantURLs := !strings.HasSuffix(sm.Loc, "sitemap-video.xml") // this fixture has no videos
			if resp.StatusCode != 200 || xml.Unmarshal([]byte(body), &set) != nil || (wantURLs && len(set.URLs) == 0) {
				t.Fatalf("%s: %d, %d urls", sm.Loc, resp.StatusCode, len(set.URLs))
			}
			if strings.HasSuffix(sm.Loc, "articles-1.xml") {
				if len(set.URLs) != 26 {
					t.Fatalf("article sitemap has %d urls, want 26 published", len(set.URLs))
				}
				for _, u := range set.URLs {
					if _, err := time.Parse(time.RFC3339, u.LastMod); err != nil || !strings.HasPrefix(u.Loc, f.Srv.URL+"/news/") {
						t.Errorf("bad url %+v", u)
					}
				}
			}
		}

		_, body = f.Get("/sitemap-news.xml")
		var news urlset
		if err := xml.Unmarshal([]byte(body), &news); err != nil {
			t.Fatalf("news sitemap: %v", err)
		}
		// Only the three stories of the last two days, never the old filler.
		if len(news.URLs) != 3 {
			t.Fatalf("news sitemap has %d urls, want 3:\n%s", len(news.URLs), body)
		}
		for _, u := range news.URLs {
			if u.News == nil || u.News.Publication.Name != "Dateline Test" || u.News.Publication.Language != "en" || u.News.Title == "" {
				t.Fatalf("news entry %+v", u)
			}
			if _, err := time.Parse(time.RFC3339, u.News.Date); err != nil {
				t.Errorf("publication_date %q: %v", u.News.Date, err)
			}
		}
	})
}
