package video

import (
	"testing"
	"time"
)

func TestSourceURLs(t *testing.T) {
	cases := []struct {
		name                string
		src                 Source
		embed, watch, thumb string
	}{
		{
			name:  "youtube",
			src:   Source{Provider: YouTube, ID: "dQw4w9WgXcQ"},
			embed: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0",
			watch: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
			thumb: "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg",
		},
		{
			name:  "youtube with start, fraction dropped",
			src:   Source{Provider: YouTube, ID: "M7lc1UVf-VE", Start: 90*time.Second + 500*time.Millisecond},
			embed: "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1&rel=0&start=90",
			watch: "https://www.youtube.com/watch?v=M7lc1UVf-VE",
			thumb: "https://i.ytimg.com/vi/M7lc1UVf-VE/hqdefault.jpg",
		},
		{
			name:  "youtube start under a second",
			src:   Source{Provider: YouTube, ID: "dQw4w9WgXcQ", Start: 400 * time.Millisecond},
			embed: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0",
			watch: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
			thumb: "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg",
		},
		{
			name:  "vimeo",
			src:   Source{Provider: Vimeo, ID: "76979871"},
			embed: "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1",
			watch: "https://vimeo.com/76979871",
		},
		{
			name:  "vimeo unlisted with start",
			src:   Source{Provider: Vimeo, ID: "76979871", Hash: "8272103f6e", Start: 65 * time.Second},
			embed: "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1&h=8272103f6e#t=65s",
			watch: "https://vimeo.com/76979871/8272103f6e",
		},
		{name: "upload", src: Source{Provider: Upload, ID: "prime-time.mp4"}},
		{name: "zero", src: Source{}},
		{name: "youtube id smuggling a query", src: Source{Provider: YouTube, ID: "x?a=1&b=2#c"}},
		{name: "youtube id with a quote", src: Source{Provider: YouTube, ID: `abc"def'ghi`}},
		{name: "youtube with a hash", src: Source{Provider: YouTube, ID: "dQw4w9WgXcQ", Hash: "8272103f6e"}},
		{name: "vimeo id path trick", src: Source{Provider: Vimeo, ID: "../../x"}},
		{name: "vimeo hash injection", src: Source{Provider: Vimeo, ID: "76979871", Hash: "abc&autoplay=0"}},
		{name: "negative start", src: Source{Provider: YouTube, ID: "dQw4w9WgXcQ", Start: -time.Second}},
		{name: "unknown provider", src: Source{Provider: "dailymotion", ID: "x7tgad0"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.src.EmbedURL(); got != tc.embed {
				t.Errorf("EmbedURL() = %q, want %q", got, tc.embed)
			}
			if got := tc.src.WatchURL(); got != tc.watch {
				t.Errorf("WatchURL() = %q, want %q", got, tc.watch)
			}
			if got := tc.src.ThumbnailURL(); got != tc.thumb {
				t.Errorf("ThumbnailURL() = %q, want %q", got, tc.thumb)
			}
		})
	}
}

// A pasted link goes all the way to the player address.
func TestParsedEmbedURL(t *testing.T) {
	cases := map[string]string{
		"https://youtu.be/dQw4w9WgXcQ?si=x&t=1m30s": "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0&start=90",
		vimeoEmbedCode: "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1&h=8272103f6e",
		"https://vimeo.com/76979871/8272103f6e#t=2m":       "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1&h=8272103f6e#t=120s",
		"www.youtube.com/watch?v=dQw4w9WgXcQ&list=PL1&t=0": "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0",
	}
	for in, want := range cases {
		src, err := ParseURL(in)
		if err != nil {
			t.Fatalf("ParseURL(%q): %v", in, err)
		}
		if got := src.EmbedURL(); got != want {
			t.Errorf("EmbedURL of %q = %q, want %q", in, got, want)
		}
	}
}

func TestProviderLabel(t *testing.T) {
	for p, want := range map[Provider]string{YouTube: "YouTube", Vimeo: "Vimeo", Upload: "Upload", "": "", "other": ""} {
		if got := p.Label(); got != want {
			t.Errorf("%q.Label() = %q, want %q", p, got, want)
		}
	}
}
