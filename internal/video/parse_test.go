package video

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"
)

const vimeoEmbedCode = `<div style="padding:56.25% 0 0 0;position:relative;"><iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e&amp;badge=0&amp;autopause=0&amp;player_id=0&amp;app_id=58479" frameborder="0" allow="autoplay; fullscreen; picture-in-picture; clipboard-write" style="position:absolute;top:0;left:0;width:100%;height:100%;" title="The New Vimeo Player"></iframe></div><script src="https://player.vimeo.com/api/player.js"></script>`

const youTubeEmbedCode = `<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=AbCdEf12&amp;start=75" title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>`

func TestParseURL(t *testing.T) {
	const yt, vm = "dQw4w9WgXcQ", "76979871"
	cases := []struct {
		name     string
		in       string
		provider Provider
		id, hash string
		start    time.Duration
		err      string // part of the message when the link is refused
	}{
		// YouTube, as pasted from the address bar, the Share button and embed codes.
		{name: "watch", in: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", provider: YouTube, id: yt},
		{name: "no scheme no www", in: "youtube.com/watch?v=dQw4w9WgXcQ", provider: YouTube, id: yt},
		{name: "http and params in any order", in: "http://youtube.com/watch?feature=share&list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI&v=dQw4w9WgXcQ&index=3&t=42", provider: YouTube, id: yt, start: 42 * time.Second},
		{name: "t with units", in: "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s", provider: YouTube, id: yt, start: 90 * time.Second},
		{name: "t in seconds with s", in: "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90s", provider: YouTube, id: yt, start: 90 * time.Second},
		{name: "mobile", in: "https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=youtu.be", provider: YouTube, id: yt},
		{name: "music", in: "https://music.youtube.com/watch?v=dQw4w9WgXcQ&si=Q1w2e3r4", provider: YouTube, id: yt},
		{name: "desktop app param first", in: "https://www.youtube.com/watch?app=desktop&v=dQw4w9WgXcQ", provider: YouTube, id: yt},
		{name: "short link", in: "https://youtu.be/dQw4w9WgXcQ", provider: YouTube, id: yt},
		{name: "short link no scheme with t", in: "youtu.be/dQw4w9WgXcQ?t=90", provider: YouTube, id: yt, start: 90 * time.Second},
		{name: "short link share params", in: "https://youtu.be/dQw4w9WgXcQ?si=Xb1Kc9eQ-7u_Ab&t=1h2m3s", provider: YouTube, id: yt, start: time.Hour + 2*time.Minute + 3*time.Second},
		{name: "short link upper-case host", in: "\thttps://YOUTU.BE/dQw4w9WgXcQ\n", provider: YouTube, id: yt},
		{name: "embed with start", in: "https://www.youtube.com/embed/dQw4w9WgXcQ?start=30", provider: YouTube, id: yt, start: 30 * time.Second},
		{name: "nocookie embed", in: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0", provider: YouTube, id: yt},
		{name: "shorts", in: "https://youtube.com/shorts/M7lc1UVf-VE?feature=share", provider: YouTube, id: "M7lc1UVf-VE"},
		{name: "live", in: "https://www.youtube.com/live/_OBlgSz8sSM?si=abcdef", provider: YouTube, id: "_OBlgSz8sSM"},
		{name: "old v path", in: "https://www.youtube.com/v/dQw4w9WgXcQ?version=3", provider: YouTube, id: yt},
		{name: "watch path", in: "https://www.youtube.com/watch/dQw4w9WgXcQ?", provider: YouTube, id: yt},
		{name: "trailing slash", in: "https://www.youtube.com/shorts/M7lc1UVf-VE/", provider: YouTube, id: "M7lc1UVf-VE"},
		{name: "trailing slash after query", in: "  https://www.youtube.com/watch?v=dQw4w9WgXcQ/  ", provider: YouTube, id: yt},
		{name: "fragment t", in: "www.youtube.com/watch?v=dQw4w9WgXcQ#t=45", provider: YouTube, id: yt, start: 45 * time.Second},
		{name: "angle brackets from e-mail", in: "<https://youtu.be/dQw4w9WgXcQ>", provider: YouTube, id: yt},
		{name: "end of a sentence", in: "(https://youtu.be/dQw4w9WgXcQ).", provider: YouTube, id: yt},
		{name: "default port", in: "https://youtube.com:443/watch?v=dQw4w9WgXcQ", provider: YouTube, id: yt},
		{name: "protocol relative", in: "//www.youtube.com/embed/dQw4w9WgXcQ", provider: YouTube, id: yt},
		{name: "fully qualified host", in: "https://www.youtube.com./watch?v=dQw4w9WgXcQ", provider: YouTube, id: yt},
		{name: "youtube embed code", in: youTubeEmbedCode, provider: YouTube, id: yt, start: 75 * time.Second},
		{name: "embed code single quotes unquoted attrs", in: `<IFRAME width=560 SRC='https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ' allowfullscreen></IFRAME>`, provider: YouTube, id: yt},

		// Vimeo.
		{name: "vimeo", in: "https://vimeo.com/76979871", provider: Vimeo, id: vm},
		{name: "vimeo no scheme trailing slash", in: "vimeo.com/76979871/", provider: Vimeo, id: vm},
		{name: "vimeo unlisted", in: "https://vimeo.com/76979871/8272103f6e", provider: Vimeo, id: vm, hash: "8272103f6e"},
		{name: "vimeo unlisted share param", in: "https://vimeo.com/76979871/8272103f6e?share=copy", provider: Vimeo, id: vm, hash: "8272103f6e"},
		{name: "vimeo channel video", in: "https://vimeo.com/channels/staffpicks/76979871", provider: Vimeo, id: vm},
		{name: "vimeo group video", in: "https://vimeo.com/groups/shortfilms/videos/76979871", provider: Vimeo, id: vm},
		{name: "vimeo album video", in: "https://vimeo.com/album/2222222/video/76979871", provider: Vimeo, id: vm},
		{name: "vimeo showcase video", in: "https://vimeo.com/showcase/7654321/video/76979871", provider: Vimeo, id: vm},
		{name: "vimeo manage page", in: "https://vimeo.com/manage/videos/76979871", provider: Vimeo, id: vm},
		{name: "vimeo player with hash", in: "https://player.vimeo.com/video/76979871?h=8272103f6e&badge=0&autopause=0", provider: Vimeo, id: vm, hash: "8272103f6e"},
		{name: "vimeo fragment start", in: "https://vimeo.com/76979871#t=1m5s", provider: Vimeo, id: vm, start: 65 * time.Second},
		{name: "vimeo www fragment seconds", in: "https://www.vimeo.com/76979871#t=30", provider: Vimeo, id: vm, start: 30 * time.Second},
		{name: "vimeo embed code", in: vimeoEmbedCode, provider: Vimeo, id: vm, hash: "8272103f6e"},
		{name: "iframe data-src decoy", in: `<iframe data-src="https://evil.example/x" title="src=https://evil.example/" src="https://player.vimeo.com/video/76979871"></iframe>`, provider: Vimeo, id: vm},

		// Refused.
		{name: "empty", in: "", err: "Paste the link of a YouTube or Vimeo video."},
		{name: "blank", in: " \t\n ", err: "Paste the link"},
		{name: "only punctuation", in: `"()."`, err: "Paste the link"},
		{name: "other host", in: "https://www.dailymotion.com/video/x7tgad0", err: `Links to "www.dailymotion.com" cannot be played here`},
		{name: "ip address", in: "http://192.168.0.1/watch?v=dQw4w9WgXcQ", err: "cannot be played here"},
		{name: "suffix look-alike", in: "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", err: "only looks like YouTube or Vimeo"},
		{name: "prefix look-alike", in: "https://evil-youtube.com/watch?v=dQw4w9WgXcQ", err: "only looks like"},
		{name: "short link look-alike", in: "https://youtu.be.example/dQw4w9WgXcQ", err: "only looks like"},
		{name: "vimeo look-alike", in: "https://vimeo.co/76979871", err: "only looks like"},
		{name: "punycode look-alike", in: "https://xn--yutube-wqf.com/watch?v=dQw4w9WgXcQ", err: "only looks like"},
		{name: "cyrillic o", in: "https://yоutube.com/watch?v=dQw4w9WgXcQ", err: "only looks like"},
		{name: "user info host trick", in: "https://youtube.com@evil.example/watch?v=dQw4w9WgXcQ", err: "Video links do not carry a user name"},
		{name: "backslash host trick", in: `https://youtube.com\@evil.example/watch?v=dQw4w9WgXcQ`, err: "does not look like a web address"},
		{name: "odd port", in: "https://www.youtube.com:8080/watch?v=dQw4w9WgXcQ", err: "port"},
		{name: "playlist", in: "https://www.youtube.com/playlist?list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI", err: "That is a playlist; paste the link of one video."},
		{name: "watch playlist without video", in: "https://www.youtube.com/watch?list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI", err: "That is a playlist"},
		{name: "embedded playlist", in: "https://www.youtube.com/embed/videoseries?list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI", err: "That is a playlist"},
		{name: "music playlist", in: "https://music.youtube.com/playlist?list=OLAK5uy_abc", err: "That is a playlist"},
		{name: "handle", in: "https://www.youtube.com/@BBCNews", err: "That is a channel; paste the link of one video."},
		{name: "channel id", in: "https://www.youtube.com/channel/UC16niRr50-MSBwiO3YDb3RA", err: "That is a channel"},
		{name: "custom channel", in: "youtube.com/c/NewsFirstSri", err: "That is a channel"},
		{name: "user channel", in: "https://www.youtube.com/user/NewsFirstSL/videos", err: "That is a channel"},
		{name: "youtube home", in: "https://www.youtube.com/", err: "does not point to a video"},
		{name: "youtube search", in: "https://www.youtube.com/results?search_query=colombo", err: "does not point to a video"},
		{name: "empty v", in: "https://www.youtube.com/watch?v=", err: "does not point to a video"},
		{name: "short id", in: "https://www.youtube.com/watch?v=dQw4w9WgXc", err: `The video id "dQw4w9WgXc" is not valid`},
		{name: "long id", in: "https://youtu.be/dQw4w9WgXcQQ", err: "YouTube ids are 11"},
		{name: "bad id characters", in: "https://www.youtube.com/watch?v=dQw4w9W%21XcQ", err: "is not valid"},
		{name: "id with script", in: "https://www.youtube.com/watch?v=dQw4w9WgXcQ<script>alert(1)</script>", err: "does not look like a web address"},
		{name: "junk start", in: "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=abc", err: `The start time "abc"`},
		{name: "unit missing", in: "https://youtu.be/dQw4w9WgXcQ?t=1m30", err: "The start time"},
		{name: "start beyond a day", in: "https://youtu.be/dQw4w9WgXcQ?t=25h", err: "more than 24 hours"},
		{name: "javascript", in: "javascript:alert(document.cookie)", err: "That is not a web address"},
		{name: "javascript mixed case", in: "JavaScript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ", err: "That is not a web address"},
		{name: "data", in: "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", err: "That is not a web address"},
		{name: "iframe javascript src", in: `<iframe src="javascript:alert(1)"></iframe>`, err: "That is not a web address"},
		{name: "iframe without src", in: `<iframe width="560" height="315"></iframe>`, err: "That embed code has no video address in it"},
		{name: "ftp", in: "ftp://youtube.com/watch?v=dQw4w9WgXcQ", err: "Only http and https links"},
		{name: "too long", in: "https://www.youtube.com/watch?v=dQw4w9WgXcQ&x=" + strings.Repeat("a", 2000), err: "longer than 2,000 characters"},
		{name: "words around", in: "Watch this: https://youtu.be/dQw4w9WgXcQ", err: "That has spaces in it"},
		{name: "two links", in: "https://youtu.be/dQw4w9WgXcQ\nhttps://vimeo.com/76979871", err: "spaces"},
		{name: "zero-width space", in: "https://youtu.be/dQw4w9WgXcQ\u200b", err: "hidden characters"},
		{name: "right-to-left override", in: "https://youtu.be/\u202edQw4w9WgXcQ", err: "hidden characters"},
		{name: "vimeo channel", in: "https://vimeo.com/channels/staffpicks", err: "That is a channel"},
		{name: "vimeo group", in: "https://vimeo.com/groups/shortfilms", err: "That is a group"},
		{name: "vimeo showcase", in: "https://vimeo.com/showcase/7654321", err: "That is a showcase"},
		{name: "vimeo profile", in: "https://vimeo.com/newsfirst", err: "That Vimeo link does not point to a video"},
		{name: "vimeo bad hash", in: "https://vimeo.com/76979871/not-a-hash", err: `The privacy hash "not-a-hash"`},
		{name: "vimeo leading zero", in: "https://vimeo.com/076979871", err: "Vimeo ids are numbers"},
		{name: "vimeo player bad id", in: "https://player.vimeo.com/video/abc", err: "Vimeo ids are numbers"},
		{name: "vimeo player elsewhere", in: "https://player.vimeo.com/api/player.js", err: "does not point to a video"},
		{name: "bare word", in: "youtube", err: "only looks like"},
		{name: "localhost", in: "localhost:8080/watch?v=dQw4w9WgXcQ", err: "port"},
		{name: "localhost default port", in: "http://localhost/watch?v=dQw4w9WgXcQ", err: "cannot be played here"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseURL(tc.in)
			if tc.err != "" {
				if err == nil {
					t.Fatalf("ParseURL(%q) = %+v, want error containing %q", tc.in, got, tc.err)
				}
				if !strings.Contains(err.Error(), tc.err) {
					t.Errorf("error %q, want it to contain %q", err, tc.err)
				}
				if !errors.Is(err, ErrBadURL) {
					t.Errorf("error %q does not wrap ErrBadURL", err)
				}
				checkSentence(t, err.Error())
				if got != (Source{}) {
					t.Errorf("refused link returned %+v", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseURL(%q): %v", tc.in, err)
			}
			want := Source{Provider: tc.provider, ID: tc.id, Hash: tc.hash, Start: tc.start}
			if got != want {
				t.Errorf("ParseURL(%q) = %+v, want %+v", tc.in, got, want)
			}
		})
	}
}

// checkSentence fails unless msg reads as one sentence for a producer:
// starts with a capital, ends with a full stop, has no line breaks.
func checkSentence(t *testing.T, msg string) {
	t.Helper()
	first := []rune(msg)[0]
	if !unicode.IsUpper(first) || !strings.HasSuffix(msg, ".") || strings.ContainsAny(msg, "\r\n") {
		t.Errorf("message %q is not a sentence", msg)
	}
}

func TestParseURLQuotesHostileInputSafely(t *testing.T) {
	_, err := ParseURL("https://evil.example/" + strings.Repeat("x", 50))
	if err == nil {
		t.Fatal("accepted")
	}
	long := "https://" + strings.Repeat("a", 60) + ".example/"
	_, err = ParseURL(long)
	if err == nil || strings.Contains(err.Error(), strings.Repeat("a", 60)) || !strings.Contains(err.Error(), "…") {
		t.Errorf("long host should be cut short in %v", err)
	}
}
