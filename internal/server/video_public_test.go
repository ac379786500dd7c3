package server_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
	"dateline/internal/news"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
	"dateline/internal/video"
)

// videoScene is the fixture plus a programme with 23 uploaded episodes (two
// pages), a YouTube clip, a Vimeo clip with a hostile summary, a draft whose
// file nobody may fetch, and a pulled clip.
type videoScene struct {
	*servertest.Fixture
	prog       news.Programme
	file       store.VideoFile // shown by the published episodes
	hiddenFile store.VideoFile // shown only by the draft
	fileBytes  []byte
	yt, vimeo  news.Video
	episodes   []news.Video // newest air date first
	draft      news.Video
	pulled     news.Video
}

const ytID = "dQw4w9WgXcQ"

// mp4Bytes is a file that starts like an MP4 (an ftyp box, then a free box
// filling the rest). It is only ever served, never decoded.
func mp4Bytes(size int) []byte {
	b := make([]byte, size)
	copy(b, []byte{0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1'})
	binary.BigEndian.PutUint32(b[24:], uint32(size-24))
	copy(b[28:], "free")
	for i := 32; i < size; i++ {
		b[i] = byte(i * 7)
	}
	return b
}

func newVideoScene(t *testing.T, e storetest.Engine) *videoScene {
	t.Helper()
	ctx := context.Background()
	sc := &videoScene{Fixture: servertest.New(t, e), fileBytes: mp4Bytes(5000)}
	st := sc.Store
	ch := store.Change{Actor: "test", Action: "create"}
	var err error
	if sc.file, err = st.SaveVideoFile(ctx, "prime-time.mp4", bytes.NewReader(sc.fileBytes), 1<<20); err != nil {
		t.Fatal(err)
	}
	if sc.hiddenFile, err = st.SaveVideoFile(ctx, "embargoed.mp4", bytes.NewReader(mp4Bytes(3000)), 1<<20); err != nil {
		t.Fatal(err)
	}
	sc.prog = news.Programme{Slug: "news-in-brief", Name: "News in Brief", Lang: "en",
		Description: "The day's main stories in five minutes.",
		Slots:       []news.Slot{{Slug: "prime-time", Name: "Prime Time", Position: 1}, {Slug: "morning", Name: "Morning", Position: 2}}}
	if err := st.CreateProgramme(ctx, &sc.prog, ch); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Minute)
	mk := func(v news.Video) news.Video {
		t.Helper()
		if v.Status == "" {
			v.Status = news.StatusPublished
		}
		if v.Lang == "" {
			v.Lang = "en"
		}
		if err := st.CreateVideo(ctx, &v, ch); err != nil {
			t.Fatal(err)
		}
		return v
	}
	sc.yt = mk(news.Video{Title: "Harbour cranes arrive in Colombo", CustomTitle: true, Summary: "Four new cranes for the east terminal.",
		Provider: "youtube", ProviderID: ytID, Duration: 4*time.Minute + 5*time.Second, Tags: []news.Tag{{Name: "Harbour"}},
		PublishedAt: now.Add(-time.Hour)})
	sc.vimeo = mk(news.Video{Title: "කොළඹ වරාය පුළුල් කෙරේ", CustomTitle: true, Summary: `<img src=x onerror=alert(1)> "quoted"`,
		Lang: "si", Provider: "vimeo", ProviderID: "76979871", Duration: 90 * time.Second, PublishedAt: now.Add(-2 * time.Hour)})
	aired := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := range 23 {
		day := aired.AddDate(0, 0, -i)
		sc.episodes = append(sc.episodes, mk(news.Video{
			Title: video.EpisodeTitle("News in Brief", "Prime Time", day), Provider: "upload",
			FileID: sc.file.ID, FileName: sc.file.Filename, Thumbnail: sc.Lead.Image, Duration: 5 * time.Minute,
			Programme: &sc.prog, Slot: &sc.prog.Slots[0], AirDate: day.Format(time.DateOnly),
			Summary: fmt.Sprintf("Bulletin %d.", i), PublishedAt: now.Add(-time.Duration(3+i) * time.Hour)}))
	}
	sc.draft = mk(news.Video{Title: "Embargoed interview", CustomTitle: true, Provider: "upload", Status: news.StatusDraft,
		FileID: sc.hiddenFile.ID, FileName: sc.hiddenFile.Filename})
	sc.pulled = mk(news.Video{Title: "Clip that was pulled", CustomTitle: true, Provider: "youtube", ProviderID: "aaaaaaaaaaa",
		Status: news.StatusUnpublished, PublishedAt: now.Add(-30 * time.Minute)})
	return sc
}

// fetch sends a GET with extra headers and returns the response and body.
func (sc *videoScene) fetch(path string, header http.Header) (*http.Response, []byte) {
	sc.T.Helper()
	req, err := http.NewRequest("GET", sc.Srv.URL, nil)
	if err != nil {
		sc.T.Fatal(err)
	}
	req.URL.Opaque = path
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := servertest.Client.Do(req)
	if err != nil {
		sc.T.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

var (
	mediaSrcAttr = regexp.MustCompile(`\ssrc="([^"]*)"`)
	mediaTagRE   = regexp.MustCompile(`<(img|script|iframe|video|audio|source|embed|object)\b[^>]*>`)
)

// noProviderRequests checks that a page makes no request to a video
// provider before a click: no iframe, no outside script, and every src is
// ours except YouTube stills, which must load lazily.
func noProviderRequests(t *testing.T, what, body string) {
	t.Helper()
	servertest.Lacks(t, what, body, "<iframe", "<video", "<embed", "<object")
	for _, tag := range mediaTagRE.FindAllString(body, -1) {
		for _, m := range mediaSrcAttr.FindAllStringSubmatch(tag, -1) {
			src := m[1]
			switch {
			case strings.HasPrefix(src, "/") && !strings.HasPrefix(src, "//"):
			case strings.HasPrefix(src, "https://i.ytimg.com/") && strings.HasPrefix(tag, "<img") && strings.Contains(tag, `loading="lazy"`):
			default:
				t.Errorf("%s: %s loads %q before any click", what, tag, src)
			}
		}
	}
	for _, host := range []string{"youtube.com", "youtube-nocookie.com", "vimeo.com"} {
		if regexp.MustCompile(`src="[^"]*` + regexp.QuoteMeta(host)).MatchString(body) {
			t.Errorf("%s: a src attribute points at %s", what, host)
		}
	}
}

func TestVideoPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		sc := newVideoScene(t, e)
		ep := sc.episodes[0]
		filePath := fmt.Sprintf("/media/video/%d/prime-time.mp4", sc.file.ID)
		thumbPath := fmt.Sprintf("/media/%d/page/harbour.jpg", sc.Lead.Image.ID)

		type scenario struct {
			path     string
			status   int
			contains []string
			lacks    []string
			location string
		}
		scenarios := []scenario{
			{path: sc.yt.Path(), status: 200, contains: []string{
				"<h1>Harbour cranes arrive in Colombo</h1>", "(English)", "4:05", "Four new cranes for the east terminal.",
				`data-embed="https://www.youtube-nocookie.com/embed/` + ytID + `?autoplay=1&amp;rel=0"`,
				`href="https://www.youtube.com/watch?v=` + ytID + `"`, "Watch on YouTube",
				`<img src="https://i.ytimg.com/vi/` + ytID + `/hqdefault.jpg" alt="" width="480" height="270" loading="lazy"`,
				`<button type="button" class="player-play" hidden>`, `<script src="/static/js/player.`,
				`"@type":"VideoObject"`, `"name":"Harbour cranes arrive in Colombo"`, `"duration":"PT4M5S"`,
				`"embedUrl":"https://www.youtube-nocookie.com/embed/` + ytID, `"thumbnailUrl":["https://i.ytimg.com/vi/` + ytID,
				`"uploadDate":"` + sc.yt.PublishedAt.In(colomboZone(t)).Format(time.RFC3339) + `"`, `"inLanguage":"en"`,
				`<link rel="canonical" href="` + sc.Srv.URL + sc.yt.Path() + `">`, `href="/tag/harbour"`,
				`<a href="/video" aria-current="page">Video</a>`, `<meta property="og:type" content="video.other">`},
				lacks: []string{"More from", "contentUrl"}},
			{path: "/si" + sc.vimeo.Path(), status: 200, contains: []string{
				"<h1>කොළඹ වරාය පුළුල් කෙරේ</h1>", "(සිංහල)", "1:30", `<html lang="si">`,
				`data-embed="https://player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1"`, `href="https://vimeo.com/76979871"`,
				"Vimeo හි නරඹන්න", `<span class="player-blank"></span>`, "&lt;img src=x onerror=alert(1)&gt;", `"duration":"PT1M30S"`},
				lacks: []string{"<img src=x onerror", "thumbnailUrl", "i.ytimg.com"}},
			{path: ep.Path(), status: 200, contains: []string{
				"<h1>NEWS IN BRIEF | PRIME TIME | 2026.03.01</h1>", "(English)", "5:00",
				`Aired <time datetime="2026-03-01">March 1, 2026</time>`, `data-file="` + filePath + `"`,
				`<a class="player-poster" href="` + filePath + `">`, "Play the video (MP4)", `src="` + thumbPath + `"`,
				`<a class="kicker" href="/programme/news-in-brief">News in Brief</a>`, "From <a href=\"/programme/news-in-brief\">News in Brief</a>, Prime Time",
				"More from News in Brief", sc.episodes[1].Title, sc.episodes[5].Title,
				`"contentUrl":"` + sc.Srv.URL + filePath + `"`, `"duration":"PT5M"`, `"thumbnailUrl":["` + sc.Srv.URL + thumbPath + `"]`},
				lacks: []string{"data-embed", "embedUrl", sc.episodes[6].Title, "i.ytimg.com"}},
			{path: fmt.Sprintf("/video/%d", sc.yt.ID), status: 301, location: sc.yt.Path()},
			{path: fmt.Sprintf("/video/%d/wrong-slug", sc.yt.ID), status: 301, location: sc.yt.Path()},
			{path: fmt.Sprintf("/video/%d/'%%20OR%%201=1--", ep.ID), status: 301, location: ep.Path()},
			{path: "/video/999999/nothing", status: 404, contains: []string{"Page not found"}},
			{path: "/video/999999", status: 404},
			{path: sc.draft.Path(), status: 404, lacks: []string{sc.draft.Title}},
			{path: fmt.Sprintf("/video/%d", sc.draft.ID), status: 404},
			{path: sc.pulled.Path(), status: 404, lacks: []string{sc.pulled.Title}},
			{path: "/video/abc/x", status: 404},
			{path: "/video/0", status: 404},
			{path: "/video/99999999999999999999999/x", status: 404},

			{path: "/video", status: 200, contains: []string{"<h1>Video</h1>", "Page 1 of 2", `href="/video?page=2"`, sc.yt.Title,
				sc.vimeo.Title, "(Sinhala)", `<a href="/programme/news-in-brief">News in Brief</a>`, `aria-current="page">All languages</a>`},
				lacks: []string{sc.draft.Title, sc.pulled.Title, "<img src=x"}},
			{path: "/video?page=2", status: 200, contains: []string{"Page 2 of 2", `rel="prev" href="/video"`, sc.episodes[22].Title},
				lacks: []string{sc.yt.Title}},
			{path: "/video?page=3", status: 404, contains: []string{"page 3 does not exist"}},
			{path: "/video?page=0", status: 400},
			{path: "/video?page=abc", status: 400},
			{path: "/video?lang=si", status: 200, contains: []string{"<h1>Video (Sinhala)</h1>", sc.vimeo.Title, `aria-current="page">Sinhala</a>`},
				lacks: []string{sc.yt.Title, "Page 1 of"}},
			{path: "/video?lang=ta", status: 200, contains: []string{"No video stories have been published here yet."}},
			{path: "/video?lang=ta&page=2", status: 404},
			{path: "/video?lang=fr", status: 400, contains: []string{"en, si, ta"}},
			{path: "/video?lang=%3Cscript%3E", status: 400, lacks: []string{"<script>"}},
			{path: "/video?programme=news-in-brief", status: 200, contains: []string{"<h1>News in Brief</h1>", "Page 1 of 2",
				`href="/video?page=2&amp;programme=news-in-brief"`, ep.Title}, lacks: []string{sc.yt.Title, sc.vimeo.Title}},
			{path: "/video?programme=news-in-brief&lang=en&page=2", status: 200, contains: []string{"Page 2 of 2", sc.episodes[22].Title}},
			{path: "/video?programme=news-in-brief&lang=si", status: 200, contains: []string{"No video stories"}},
			{path: "/video?programme=nowhere", status: 400},
			{path: "/video?programme=%FF%FE", status: 400},

			{path: "/programme/news-in-brief", status: 200, contains: []string{"News in Brief", "(English)",
				"The day&#39;s main stories in five minutes.", `<span class="slot">Prime Time</span>, <span class="slot">Morning</span>`,
				ep.Title, sc.episodes[19].Title, "Page 1 of 2", `href="/programme/news-in-brief?page=2"`,
				`Aired <time datetime="2026-03-01">March 1, 2026</time>`},
				lacks: []string{sc.episodes[20].Title, sc.yt.Title}},
			{path: "/programme/news-in-brief?page=2", status: 200, contains: []string{"Page 2 of 2", sc.episodes[22].Title}},
			{path: "/programme/news-in-brief?page=3", status: 404},
			{path: "/programme/news-in-brief?page=-1", status: 400},
			{path: "/programme/nowhere", status: 404},
			{path: "/programme/%FF", status: 404},
		}
		for _, s := range scenarios {
			resp, body := sc.Get(s.path)
			if resp.StatusCode != s.status {
				t.Errorf("GET %s: status %d, want %d", s.path, resp.StatusCode, s.status)
				continue
			}
			what := "GET " + s.path
			servertest.Contains(t, what, body, s.contains...)
			servertest.Lacks(t, what, body, s.lacks...)
			servertest.Lacks(t, what, body, "goroutine ", "panic", ".go:")
			if s.location != "" && resp.Header.Get("Location") != s.location {
				t.Errorf("%s: Location %q, want %q", what, resp.Header.Get("Location"), s.location)
			}
			if s.status >= 400 && !strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
				t.Errorf("%s: error page is %q, want HTML", what, resp.Header.Get("Content-Type"))
			}
			if s.status == 200 {
				noProviderRequests(t, what, body)
			}
		}

		resp, _ := sc.Get(sc.yt.Path())
		csp := resp.Header.Get("Content-Security-Policy")
		for _, want := range []string{"frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com",
			"img-src 'self' data: https://i.ytimg.com", "media-src 'self'", "script-src 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("video page CSP %q lacks %q", csp, want)
			}
		}
	})
}

func colomboZone(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Colombo")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestArticleEmbedsPublishedVideo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		sc := newVideoScene(t, e)
		ctx := context.Background()
		ch := store.Change{Actor: "test", Action: "embed"}
		if err := sc.Store.SetArticleVideo(ctx, sc.Staff.ID, sc.yt.ID, ch); err != nil {
			t.Fatal(err)
		}
		if err := sc.Store.SetArticleVideo(ctx, sc.Lead.ID, sc.draft.ID, ch); err != nil {
			t.Fatal(err)
		}
		_, body := sc.Get(sc.Staff.Path())
		servertest.Contains(t, "article with a video", body, `<section class="article-video" aria-label="Video">`,
			`data-embed="https://www.youtube-nocookie.com/embed/`+ytID, "Watch on YouTube", `<script src="/static/js/player.`,
			`<figcaption><a href="`+sc.yt.Path()+`">Harbour cranes arrive in Colombo</a>`)
		noProviderRequests(t, "article with a video", body)
		if i, j := strings.Index(body, "article-video"), strings.Index(body, `<div class="body">`); i < 0 || j < i {
			t.Error("the player is not above the article body")
		}
		_, body = sc.Get(sc.Lead.Path())
		servertest.Lacks(t, "article embedding a draft video", body, "article-video", sc.draft.Title, "player.js")
		_, body = sc.Get(sc.Hostile.Path())
		servertest.Lacks(t, "article without a video", body, "article-video", "data-player")
	})
}

func TestVideoFileServing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		sc := newVideoScene(t, e)
		path := fmt.Sprintf("/media/video/%d/prime-time.mp4", sc.file.ID)
		size := len(sc.fileBytes)

		resp, body := sc.fetch(path, nil)
		if resp.StatusCode != 200 || !bytes.Equal(body, sc.fileBytes) {
			t.Fatalf("GET %s: %d, %d bytes, want 200 and the %d stored bytes", path, resp.StatusCode, len(body), size)
		}
		for k, v := range map[string]string{
			// A page's lifetimes, not a year: whether readers may have the
			// file changes when its story is unpublished.
			"Content-Type": "video/mp4", "Accept-Ranges": "bytes", "Cache-Control": "public, max-age=30, s-maxage=300, stale-while-revalidate=30, stale-if-error=86400",
			"ETag": `"` + sc.file.SHA256 + `"`, "Content-Security-Policy": "default-src 'none'; sandbox",
			"X-Content-Type-Options": "nosniff", "Content-Length": fmt.Sprint(size),
		} {
			if got := resp.Header.Get(k); got != v {
				t.Errorf("GET %s: %s = %q, want %q", path, k, got, v)
			}
		}
		if key := resp.Header.Get("Surrogate-Key"); !strings.HasPrefix(key, "video:") || strings.Contains(key, " ") {
			t.Errorf("GET %s: Surrogate-Key %q, want the tag of the one video story that shows it", path, key)
		}

		ranges := []struct {
			header       string
			from, to     int
			contentRange string
		}{
			{"bytes=0-99", 0, 100, fmt.Sprintf("bytes 0-99/%d", size)},
			{"bytes=1000-1099", 1000, 1100, fmt.Sprintf("bytes 1000-1099/%d", size)},
			{"bytes=-10", size - 10, size, fmt.Sprintf("bytes %d-%d/%d", size-10, size-1, size)},
			{fmt.Sprintf("bytes=%d-", size-1), size - 1, size, fmt.Sprintf("bytes %d-%d/%d", size-1, size-1, size)},
		}
		for _, rg := range ranges {
			resp, body := sc.fetch(path, http.Header{"Range": {rg.header}})
			if resp.StatusCode != http.StatusPartialContent {
				t.Errorf("Range %s: status %d, want 206", rg.header, resp.StatusCode)
				continue
			}
			if got := resp.Header.Get("Content-Range"); got != rg.contentRange {
				t.Errorf("Range %s: Content-Range %q, want %q", rg.header, got, rg.contentRange)
			}
			if !bytes.Equal(body, sc.fileBytes[rg.from:rg.to]) {
				t.Errorf("Range %s: got %d bytes that are not bytes %d-%d of the file", rg.header, len(body), rg.from, rg.to-1)
			}
		}
		if resp, _ := sc.fetch(path, http.Header{"Range": {"bytes=999999999-"}}); resp.StatusCode != http.StatusRequestedRangeNotSatisfiable {
			t.Errorf("Range past the end: status %d, want 416", resp.StatusCode)
		} else if got := resp.Header.Get("Content-Range"); got != fmt.Sprintf("bytes */%d", size) {
			t.Errorf("Range past the end: Content-Range %q", got)
		}
		if resp, body := sc.fetch(path, http.Header{"If-None-Match": {`"` + sc.file.SHA256 + `"`}}); resp.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Errorf("If-None-Match: status %d with %d bytes, want 304", resp.StatusCode, len(body))
		}

		hidden := fmt.Sprintf("/media/video/%d/embargoed.mp4", sc.hiddenFile.ID)
		cases := []struct {
			path     string
			status   int
			location string
		}{
			{fmt.Sprintf("/media/video/%d/other-name.mp4", sc.file.ID), 301, path},
			{fmt.Sprintf("/media/video/%d/prime-time.MP4", sc.file.ID), 301, path},
			{hidden, 404, ""},
			{fmt.Sprintf("/media/video/%d/other.mp4", sc.hiddenFile.ID), 404, ""},
			{"/media/video/424242/x.mp4", 404, ""},
			{"/media/video/abc/x.mp4", 404, ""},
			{"/media/video/0/x.mp4", 404, ""},
			{"/media/video/..%2F..%2Fetc%2Fpasswd/x.mp4", 404, ""},
		}
		for _, c := range cases {
			resp, body := sc.fetch(c.path, nil)
			if resp.StatusCode != c.status {
				t.Errorf("GET %s: status %d, want %d", c.path, resp.StatusCode, c.status)
			}
			if resp.Header.Get("Location") != c.location {
				t.Errorf("GET %s: Location %q, want %q", c.path, resp.Header.Get("Location"), c.location)
			}
			if bytes.Contains(body, []byte("ftyp")) {
				t.Errorf("GET %s served the file", c.path)
			}
		}

		// Names that try to climb out of the video folder are never read: the
		// name is only compared with the stored one.
		for _, p := range []string{
			"/media/video/1/..%2F..%2Fetc%2Fpasswd",
			fmt.Sprintf("/media/video/%d/..%%2F..%%2F..%%2Fetc%%2Fpasswd", sc.file.ID),
			fmt.Sprintf("/media/video/%d/..%%2Fdateline.db", sc.file.ID),
			fmt.Sprintf("/media/video/%d/../../../etc/passwd", sc.file.ID),
			fmt.Sprintf("/media/video/%d/%%2e%%2e%%2f%%2e%%2e%%2fetc%%2fpasswd", sc.file.ID),
		} {
			resp, body := sc.fetch(p, nil)
			loc := resp.Header.Get("Location")
			switch {
			case resp.StatusCode == 404:
			// The mux itself sends paths with dot segments to their clean form.
			case resp.StatusCode >= 300 && resp.StatusCode < 400 && (loc == path || !strings.HasPrefix(loc, "/media/video/")):
			default:
				t.Errorf("GET %s: status %d Location %q, want a redirect to %s or out of /media/video/, or 404", p, resp.StatusCode, loc, path)
			}
			if bytes.Contains(body, []byte("root:")) || bytes.Contains(body, []byte("SQLite format")) || resp.Header.Get("Content-Type") == "video/mp4" {
				t.Errorf("GET %s served a file", p)
			}
		}
	})
}

func TestVideoFeeds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		sc := newVideoScene(t, e)
		base := sc.Srv.URL

		resp, body := sc.Get("/sitemap-video.xml")
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/xml") {
			t.Fatalf("video sitemap: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		const nsVideo = "http://www.google.com/schemas/sitemap-video/1.1"
		if !strings.Contains(body, `xmlns:video="`+nsVideo+`"`) {
			t.Errorf("video sitemap does not declare xmlns:video:\n%.500s", body)
		}
		var set struct {
			XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
			URLs    []struct {
				Loc   string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
				Video []struct {
					Thumbnail   string `xml:"http://www.google.com/schemas/sitemap-video/1.1 thumbnail_loc"`
					Title       string `xml:"http://www.google.com/schemas/sitemap-video/1.1 title"`
					Description string `xml:"http://www.google.com/schemas/sitemap-video/1.1 description"`
					ContentLoc  string `xml:"http://www.google.com/schemas/sitemap-video/1.1 content_loc"`
					PlayerLoc   string `xml:"http://www.google.com/schemas/sitemap-video/1.1 player_loc"`
					Duration    string `xml:"http://www.google.com/schemas/sitemap-video/1.1 duration"`
					Published   string `xml:"http://www.google.com/schemas/sitemap-video/1.1 publication_date"`
				} `xml:"http://www.google.com/schemas/sitemap-video/1.1 video"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal([]byte(body), &set); err != nil {
			t.Fatalf("video sitemap does not parse: %v", err)
		}
		// The Vimeo clip has no still, which Google requires, so it is left out.
		if len(set.URLs) != 24 {
			t.Fatalf("video sitemap has %d entries, want 24", len(set.URLs))
		}
		byLoc := map[string]int{}
		for i, u := range set.URLs {
			byLoc[u.Loc] = i
			if len(u.Video) != 1 || u.Video[0].Thumbnail == "" || u.Video[0].Title == "" || u.Video[0].Description == "" {
				t.Fatalf("entry %s lacks what Google requires: %+v", u.Loc, u.Video)
			}
			if _, err := time.Parse(time.RFC3339, u.Video[0].Published); err != nil || !strings.HasSuffix(u.Video[0].Published, "+05:30") {
				t.Errorf("entry %s publication_date %q", u.Loc, u.Video[0].Published)
			}
		}
		yt := set.URLs[byLoc[base+sc.yt.Path()]].Video[0]
		if yt.Thumbnail != "https://i.ytimg.com/vi/"+ytID+"/hqdefault.jpg" || yt.Duration != "245" || yt.ContentLoc != "" ||
			yt.PlayerLoc != "https://www.youtube-nocookie.com/embed/"+ytID+"?autoplay=1&rel=0" {
			t.Errorf("YouTube entry %+v", yt)
		}
		ep := set.URLs[byLoc[base+sc.episodes[0].Path()]].Video[0]
		if ep.ContentLoc != fmt.Sprintf("%s/media/video/%d/prime-time.mp4", base, sc.file.ID) || ep.PlayerLoc != "" || ep.Duration != "300" ||
			ep.Title != "NEWS IN BRIEF | PRIME TIME | 2026.03.01" || !strings.HasPrefix(ep.Thumbnail, base+"/media/") {
			t.Errorf("episode entry %+v", ep)
		}
		for _, hidden := range []news.Video{sc.draft, sc.pulled, sc.vimeo} {
			if _, ok := byLoc[base+hidden.Path()]; ok {
				t.Errorf("video sitemap lists %q", hidden.Title)
			}
		}

		_, robots := sc.Get("/robots.txt")
		servertest.Contains(t, "robots.txt", robots, "Sitemap: "+base+"/sitemap-video.xml")

		resp, body = sc.Get("/video/rss.xml")
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/rss+xml") {
			t.Fatalf("video feed: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		var doc struct {
			Channel struct {
				Items []struct {
					Title   string `xml:"title"`
					Link    string `xml:"link"`
					GUID    string `xml:"guid"`
					PubDate string `xml:"pubDate"`
				} `xml:"item"`
			} `xml:"channel"`
		}
		if err := xml.Unmarshal([]byte(body), &doc); err != nil {
			t.Fatalf("video feed does not parse: %v", err)
		}
		// The root feed is the English edition's; the Sinhala story is in /si/'s.
		if len(doc.Channel.Items) != 24 {
			t.Fatalf("video feed has %d items, want 24", len(doc.Channel.Items))
		}
		if _, siFeed := sc.Get("/si/video/rss.xml"); !strings.Contains(siFeed, "<link>"+base+"/si"+sc.vimeo.Path()+"</link>") ||
			strings.Contains(siFeed, sc.yt.Title) {
			t.Errorf("the Sinhala edition's video feed should carry only the Sinhala story:\n%s", siFeed)
		}
		first := doc.Channel.Items[0]
		if first.Title != sc.yt.Title || first.Link != base+sc.yt.Path() || first.GUID != fmt.Sprintf("%s/video/%d", base, sc.yt.ID) {
			t.Errorf("first feed item %+v", first)
		}
		for _, it := range doc.Channel.Items {
			if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
				t.Errorf("pubDate %q: %v", it.PubDate, err)
			}
			if it.Title == sc.draft.Title || it.Title == sc.pulled.Title {
				t.Errorf("video feed lists %q", it.Title)
			}
		}
	})
}

func TestVideosAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		sc := newVideoScene(t, e)
		base := sc.Srv.URL
		getJSON := func(path string, status int) map[string]any {
			t.Helper()
			resp, body := sc.Get(path)
			if resp.StatusCode != status || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
				t.Fatalf("GET %s: %d %s, want %d JSON\n%s", path, resp.StatusCode, resp.Header.Get("Content-Type"), status, body)
			}
			var v map[string]any
			if err := json.Unmarshal([]byte(body), &v); err != nil {
				t.Fatalf("GET %s: %v", path, err)
			}
			return v
		}
		items := func(env map[string]any) []map[string]any {
			t.Helper()
			raw, ok := env["items"].([]any)
			if !ok {
				t.Fatalf("no items array in %v", env)
			}
			out := make([]map[string]any, len(raw))
			for i, r := range raw {
				out[i] = r.(map[string]any)
			}
			return out
		}
		envelope := func(env map[string]any, page, perPage, total float64) {
			t.Helper()
			if env["page"] != page || env["per_page"] != perPage || env["total"] != total {
				t.Errorf("envelope page %v per_page %v total %v, want %v %v %v", env["page"], env["per_page"], env["total"], page, perPage, total)
			}
		}

		env := getJSON("/api/v1/videos", 200)
		envelope(env, 1, 20, 25)
		list := items(env)
		if len(list) != 20 {
			t.Fatalf("%d items on page 1", len(list))
		}
		yt := list[0]
		want := map[string]any{
			"id": float64(sc.yt.ID), "title": sc.yt.Title, "url": base + sc.yt.Path(), "lang": "en",
			"programme": nil, "slot": nil, "air_date": nil, "duration": float64(245),
			"thumbnail": "https://i.ytimg.com/vi/" + ytID + "/hqdefault.jpg", "summary": sc.yt.Summary,
			"published_at": sc.yt.PublishedAt.UTC().Format(time.RFC3339),
		}
		for k, v := range want {
			if got, ok := yt[k]; !ok || got != v {
				t.Errorf("YouTube item %s = %#v (present %v), want %#v", k, got, ok, v)
			}
		}
		src, _ := yt["source"].(map[string]any)
		if len(src) != 3 || src["provider"] != "youtube" || src["id"] != ytID ||
			src["embed_url"] != "https://www.youtube-nocookie.com/embed/"+ytID+"?autoplay=1&rel=0" {
			t.Errorf("YouTube source %v", src)
		}

		env = getJSON("/api/v1/videos?page=2", 200)
		envelope(env, 2, 20, 25)
		if n := len(items(env)); n != 5 {
			t.Errorf("%d items on page 2, want 5", n)
		}
		env = getJSON("/api/v1/videos?page=9", 200)
		if n := len(items(env)); n != 0 {
			t.Errorf("%d items past the end", n)
		}

		env = getJSON("/api/v1/videos?lang=si", 200)
		envelope(env, 1, 20, 1)
		vm := items(env)[0]
		if vm["title"] != sc.vimeo.Title || vm["thumbnail"] != nil || vm["summary"] != sc.vimeo.Summary {
			t.Errorf("Vimeo item %v", vm)
		}
		if src, _ := vm["source"].(map[string]any); src["provider"] != "vimeo" || src["id"] != "76979871" ||
			src["embed_url"] != "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1" {
			t.Errorf("Vimeo source %v", src)
		}

		env = getJSON("/api/v1/videos?programme=news-in-brief&lang=en", 200)
		envelope(env, 1, 20, 23)
		ep := items(env)[0]
		filePath := fmt.Sprintf("/media/video/%d/prime-time.mp4", sc.file.ID)
		for k, v := range map[string]any{
			"programme": "news-in-brief", "slot": "prime-time", "air_date": "2026-03-01", "duration": float64(300),
			"title":     "NEWS IN BRIEF | PRIME TIME | 2026.03.01",
			"thumbnail": fmt.Sprintf("%s/media/%d/page/harbour.jpg", base, sc.Lead.Image.ID),
		} {
			if ep[k] != v {
				t.Errorf("episode %s = %#v, want %#v", k, ep[k], v)
			}
		}
		if src, _ := ep["source"].(map[string]any); len(src) != 2 || src["provider"] != "upload" || src["url"] != base+filePath {
			t.Errorf("upload source %v", src)
		}

		one := getJSON(fmt.Sprintf("/api/v1/videos/%d", sc.episodes[3].ID), 200)
		if one["id"] != float64(sc.episodes[3].ID) || one["air_date"] != sc.episodes[3].AirDate {
			t.Errorf("one video: %v", one)
		}

		for _, c := range []struct {
			path   string
			status int
			says   string
		}{
			{fmt.Sprintf("/api/v1/videos/%d", sc.draft.ID), 404, "no published video"},
			{fmt.Sprintf("/api/v1/videos/%d", sc.pulled.ID), 404, "no published video"},
			{"/api/v1/videos/999999", 404, "no published video"},
			{"/api/v1/videos/abc", 400, "positive whole number"},
			{"/api/v1/videos/-3", 400, "positive whole number"},
			{"/api/v1/videos?lang=fr", 400, "lang must be one of"},
			{"/api/v1/videos?lang=%3Cscript%3E", 400, "lang must be one of"},
			{"/api/v1/videos?page=0", 400, "page must be"},
			{"/api/v1/videos?page=abc", 400, "page must be"},
			{"/api/v1/videos?page=99999999999999999999", 400, "page must be"},
			{"/api/v1/videos?per_page=500", 400, "per_page must be"},
			{"/api/v1/videos?programme=nowhere", 400, "no programme"},
			{"/api/v1/videos?programme=%FF%FE", 400, "programme must be"},
		} {
			v := getJSON(c.path, c.status)
			if msg, _ := v["error"].(string); !strings.Contains(msg, c.says) {
				t.Errorf("GET %s: error %q, want it to say %q", c.path, msg, c.says)
			}
		}
	})
}

// TestVideoPlayerLoadsOnlyOnClick opens video pages in a real browser: the
// page holds no provider frame until the play button is clicked, and the
// click puts in the privacy-enhanced player or our own <video>.
func TestVideoPlayerLoadsOnlyOnClick(t *testing.T) {
	sc := newVideoScene(t, storetest.Open(t, "sqlite"))
	ctx, console := browsertest.New(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("browser: %v", err)
		}
	}

	must(chromedp.Do(ctx, chromedp.Navigate(sc.Srv.URL+sc.yt.Path()), chromedp.WaitVisible(chromedp.CSS(".player-play"))))
	before, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelectorAll("iframe").length + " " +
		performance.getEntriesByType("resource").map(e => e.name).filter(n => /youtube|vimeo/.test(n)).join(" ")`))
	must(err)
	if before != "0 " {
		t.Fatalf("before any click the page has frames or provider requests: %q", before)
	}
	must(chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".player-play")), chromedp.WaitReady(chromedp.CSS("iframe.player-media"))))
	frame, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(f => [f.src, f.getAttribute("allow"), f.title,
		document.querySelectorAll(".player-play").length].join("|"))(document.querySelector("iframe.player-media"))`))
	must(err)
	if want := "https://www.youtube-nocookie.com/embed/" + ytID + "?autoplay=1&rel=0|autoplay; fullscreen; picture-in-picture|" +
		sc.yt.Title + "|0"; frame != want {
		t.Errorf("after the click the frame is %q, want %q", frame, want)
	}

	ep := sc.episodes[0]
	must(chromedp.Do(ctx, chromedp.Navigate(sc.Srv.URL+ep.Path()), chromedp.WaitVisible(chromedp.CSS(".player-play")),
		chromedp.Click(chromedp.CSS(".player-play")), chromedp.WaitReady(chromedp.CSS("video.player-media"))))
	vid, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(v => [new URL(v.src).pathname, v.controls, v.autoplay,
		v.playsInline].join("|"))(document.querySelector("video.player-media"))`))
	must(err)
	if want := fmt.Sprintf("/media/video/%d/prime-time.mp4|true|true|true", sc.file.ID); vid != want {
		t.Errorf("after the click the video is %q, want %q", vid, want)
	}
	for _, e := range console.Errors() {
		// The test file is not a playable video and the sandbox has no
		// network; only errors from our own page code matter.
		if strings.Contains(e, "player.") || strings.Contains(e, "Content Security Policy") {
			t.Errorf("console: %s", e)
		}
	}
}
