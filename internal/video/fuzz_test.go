package video

import (
	"errors"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func FuzzParseURL(f *testing.F) {
	for _, seed := range []string{
		"https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s",
		"youtu.be/dQw4w9WgXcQ?si=x&t=90",
		"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=30",
		"https://youtube.com/shorts/M7lc1UVf-VE",
		"https://www.youtube.com/live/_OBlgSz8sSM",
		"//m.youtube.com/watch/dQw4w9WgXcQ#t=45",
		"https://www.youtube.com/playlist?list=PL1",
		"https://www.youtube.com/@BBCNews",
		"https://vimeo.com/76979871/8272103f6e#t=1m5s",
		"https://vimeo.com/groups/shortfilms/videos/76979871",
		"https://vimeo.com/showcase/7654321/video/76979871",
		"https://player.vimeo.com/video/76979871?h=8272103f6e",
		youTubeEmbedCode,
		vimeoEmbedCode,
		`<iframe data-src=x src='https://youtu.be/dQw4w9WgXcQ'`,
		"<iframe",
		"<iframe src=",
		"<iframe =x src",
		"https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
		"https://youtube.com@evil.example/watch?v=dQw4w9WgXcQ",
		"https://xn--yutube-wqf.com/",
		"javascript:alert(1)",
		"data:text/html,<script>alert(1)</script>",
		"https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=25h",
		"youtube.com:443",
		"",
	} {
		f.Add(seed)
	}
	ytID := regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)
	vimeoID := regexp.MustCompile(`^[1-9][0-9]{0,11}$`)
	vimeoHash := regexp.MustCompile(`^([0-9a-fA-F]{6,32})?$`)
	f.Fuzz(func(t *testing.T, in string) {
		src, err := ParseURL(in)
		if err != nil {
			if !errors.Is(err, ErrBadURL) {
				t.Fatalf("ParseURL(%q): error %q does not wrap ErrBadURL", in, err)
			}
			msg := err.Error()
			if msg == "" || !strings.HasSuffix(msg, ".") || strings.ContainsAny(msg, "\r\n") || len(msg) > 300 || !utf8.ValidString(msg) {
				t.Fatalf("ParseURL(%q): message %q is not a short sentence", in, msg)
			}
			if src != (Source{}) {
				t.Fatalf("ParseURL(%q) refused but returned %+v", in, src)
			}
			return
		}
		if src.Start < 0 || src.Start > 24*time.Hour || src.Start%time.Second != 0 {
			t.Fatalf("ParseURL(%q): start %v", in, src.Start)
		}
		var host, path string
		switch src.Provider {
		case YouTube:
			if !ytID.MatchString(src.ID) || src.Hash != "" {
				t.Fatalf("ParseURL(%q) = %+v: bad YouTube id", in, src)
			}
			host, path = "www.youtube-nocookie.com", "/embed/"+src.ID
		case Vimeo:
			if !vimeoID.MatchString(src.ID) || !vimeoHash.MatchString(src.Hash) {
				t.Fatalf("ParseURL(%q) = %+v: bad Vimeo id or hash", in, src)
			}
			host, path = "player.vimeo.com", "/video/"+src.ID
		default:
			t.Fatalf("ParseURL(%q) = %+v: unknown provider", in, src)
		}
		u, err := url.Parse(src.EmbedURL())
		if err != nil || u.Scheme != "https" || u.Host != host || u.Path != path || u.User != nil {
			t.Fatalf("ParseURL(%q): EmbedURL %q is not on %s%s", in, src.EmbedURL(), host, path)
		}
		w, err := url.Parse(src.WatchURL())
		if err != nil || w.Scheme != "https" || (w.Host != "www.youtube.com" && w.Host != "vimeo.com") {
			t.Fatalf("ParseURL(%q): WatchURL %q", in, src.WatchURL())
		}
	})
}

func FuzzParseDuration(f *testing.F) {
	for _, seed := range []string{"4:05", "1:02:03", "245", "4m5s", "1h2m3s", "-1", "24:00:01", "4:5", "9999999999"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d, err := ParseDuration(in)
		if err != nil {
			if !errors.Is(err, ErrBadDuration) {
				t.Fatalf("ParseDuration(%q): %v does not wrap ErrBadDuration", in, err)
			}
			return
		}
		if d < 0 || d > 24*time.Hour {
			t.Fatalf("ParseDuration(%q) = %v", in, d)
		}
		if back, err := ParseDuration(FormatDuration(d)); err != nil || back != d {
			t.Fatalf("ParseDuration(%q) = %v, which does not survive FormatDuration: %v, %v", in, d, back, err)
		}
	})
}

func FuzzSafeFilename(f *testing.F) {
	for _, seed := range []string{"../../etc/passwd", "Prime Time 22-09.MP4", "ශ්\u200dරී ලංකා.mp4", "con.mp4", "\x00", "a\u200d\u200db"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkFilename(t, in, SafeFilename(in))
	})
}

func FuzzSniffMP4(f *testing.F) {
	f.Add(ftyp("isom", "mp42"))
	f.Add([]byte("\x1a\x45\xdf\xa3webm"))
	f.Add([]byte("<html>"))
	f.Fuzz(func(t *testing.T, head []byte) {
		if err := SniffMP4(head); err != nil && !errors.Is(err, ErrNotVideo) {
			t.Fatalf("SniffMP4: %v does not wrap ErrNotVideo", err)
		}
	})
}
