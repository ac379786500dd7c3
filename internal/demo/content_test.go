package demo

import (
	"bytes"
	"errors"
	"image/png"
	"strings"
	"testing"
)

func TestSectionsAndAuthorsAreWellFormed(t *testing.T) {
	wantSections := map[string]string{"local": "Local", "world": "World", "business": "Business", "sport": "Sport"}
	if len(Sections) != len(wantSections) {
		t.Fatalf("got %d sections, want %d", len(Sections), len(wantSections))
	}
	for _, s := range Sections {
		if wantSections[s.Slug] != s.Name {
			t.Errorf("section %q named %q, want %q", s.Slug, s.Name, wantSections[s.Slug])
		}
		if s.Description == "" {
			t.Errorf("section %q has no description", s.Slug)
		}
	}
	if len(Authors) != 5 {
		t.Errorf("got %d authors, want 5", len(Authors))
	}
	seen := map[string]bool{}
	for _, a := range Authors {
		if seen[a.Slug] {
			t.Errorf("author slug %q repeats", a.Slug)
		}
		seen[a.Slug] = true
		if a.Name == "" || a.Bio == "" || !strings.HasSuffix(a.Email, "@dateline.example") {
			t.Errorf("author %q incomplete: %+v", a.Slug, a)
		}
	}
}

func TestStories(t *testing.T) {
	if len(Stories) < 30 {
		t.Fatalf("got %d stories, want at least 30", len(Stories))
	}
	sections := map[string]int{}
	for _, s := range Sections {
		sections[s.Slug] = 0
	}
	authors := map[string]bool{}
	for _, a := range Authors {
		authors[a.Slug] = true
	}
	hours := map[int]string{}
	headlines := map[string]bool{}

	for _, s := range Stories {
		t.Run(s.Headline, func(t *testing.T) {
			if _, ok := sections[s.Section]; !ok {
				t.Errorf("unknown section %q", s.Section)
			}
			sections[s.Section]++
			if s.Headline == "" || s.Summary == "" {
				t.Error("missing headline or summary")
			}
			if headlines[s.Headline] {
				t.Error("headline repeats")
			}
			headlines[s.Headline] = true
			if s.HoursAgo < 1 || s.HoursAgo > 238 {
				t.Errorf("HoursAgo %d outside 1..238", s.HoursAgo)
			}
			if other, dup := hours[s.HoursAgo]; dup {
				t.Errorf("HoursAgo %d also used by %q", s.HoursAgo, other)
			}
			hours[s.HoursAgo] = s.Headline
			for _, a := range s.Authors {
				if !authors[a] {
					t.Errorf("unknown author %q", a)
				}
			}
			if len(s.Authors) > 2 {
				t.Errorf("%d authors, want at most 2", len(s.Authors))
			}
			if s.Agency && s.Source == "" {
				t.Error("agency story without a Source")
			}
			if !s.Agency && (s.Source != "" || len(s.Authors) == 0) {
				t.Errorf("staff story needs authors and no Source; got %v, %q", s.Authors, s.Source)
			}
			if words := len(strings.Fields(s.Body)); words < 100 {
				t.Errorf("body has %d words, want at least 100", words)
			}
			if len(s.Tags) == 0 {
				t.Error("no tags")
			}
			if s.Image != "" && (s.ImageCaption == "" || s.ImageCredit == "") {
				t.Error("image without caption or credit")
			}
		})
	}
	for slug, n := range sections {
		if n < 6 {
			t.Errorf("section %q has %d stories, want at least 6", slug, n)
		}
	}
}

func TestStoryImagesDraw(t *testing.T) {
	used := map[string]bool{}
	for _, s := range Stories {
		if s.Image != "" {
			used[s.Image] = true
		}
	}
	if len(used) < 6 {
		t.Errorf("stories use %d distinct images, want at least 6", len(used))
	}
	for _, name := range ImageNames() {
		t.Run(name, func(t *testing.T) {
			b, err := DrawImage(name)
			if err != nil {
				t.Fatal(err)
			}
			// Flat illustrations should stay small enough to seed quickly.
			if len(b) > 150_000 {
				t.Errorf("PNG is %d bytes, want at most 150000", len(b))
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if got := img.Bounds().Size(); got.X != 1200 || got.Y != 675 {
				t.Errorf("size %v, want 1200x675", got)
			}
			delete(used, name)
		})
	}
	for name := range used {
		t.Errorf("story image %q is not drawable", name)
	}
}

func TestDrawImageUnknownName(t *testing.T) {
	for _, name := range []string{"", "Harbour", "volcano", "../rain"} {
		if _, err := DrawImage(name); !errors.Is(err, ErrUnknownImage) {
			t.Errorf("DrawImage(%q) error = %v, want ErrUnknownImage", name, err)
		}
	}
}
