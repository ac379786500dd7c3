package demo_test

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"dateline/internal/demo"
	"dateline/internal/markup"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

func TestSeedOnceThenLeaveAlone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		md, now := markup.New(), time.Now()
		seeded, err := demo.Seed(ctx, e.Store, md, now)
		if err != nil || !seeded {
			t.Fatalf("first seed: %v %v", seeded, err)
		}
		again, err := demo.Seed(ctx, e.Store, md, now)
		if err != nil || again {
			t.Fatalf("second seed wrote again: %v %v", again, err)
		}
		total, err := e.Store.PublishedCount(ctx, store.ListFilter{})
		if err != nil || total != len(demo.Stories) {
			t.Fatalf("published %d, want %d (%v)", total, len(demo.Stories), err)
		}
		// Translations are linked to their English originals, and sections
		// carry their Sinhala and Tamil names.
		linked := 0
		for _, story := range demo.Stories {
			if story.Translates == "" {
				continue
			}
			list, _ := e.Store.PublishedList(ctx, store.ListFilter{Lang: story.Lang, Limit: 100})
			for _, a := range list {
				if a.Headline != story.Headline {
					continue
				}
				versions, err := e.Store.Translations(ctx, a.ID)
				if err != nil {
					t.Fatal(err)
				}
				for _, v := range versions {
					if v.Lang == "en" && v.Headline == story.Translates {
						linked++
					}
				}
			}
		}
		if want := translatedStories(); linked != want || want < 8 {
			t.Errorf("%d translations linked to their English originals, want %d", linked, want)
		}
		for lang, names := range demo.SectionNames {
			secs, err := e.Store.SectionsIn(ctx, lang)
			if err != nil {
				t.Fatal(err)
			}
			for _, sec := range secs {
				if sec.Name != names[sec.Slug][0] {
					t.Errorf("section %s in %s is named %q, want %q", sec.Slug, lang, sec.Name, names[sec.Slug][0])
				}
			}
		}
		// Every story is within the last ten days and the newest is first.
		list, err := e.Store.PublishedList(ctx, store.ListFilter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range list {
			if age := now.Sub(a.PublishedAt); age < 0 || age > 10*24*time.Hour {
				t.Errorf("%q published %v ago", a.Headline, age)
			}
		}
		colombo, _ := time.LoadLocation("Asia/Colombo")
		if err := demo.SeedVideos(ctx, e.Store, now, colombo); err != nil {
			t.Fatal(err)
		}
		vids, total, err := e.Store.PublishedVideos(ctx, store.VideoFilter{Limit: 50})
		if err != nil || total != 17 || len(vids) != 17 {
			t.Fatalf("demo videos: %d (%d listed), %v", total, len(vids), err)
		}
		for _, lang := range []string{"en", "si", "ta"} {
			if _, n, _ := e.Store.PublishedVideos(ctx, store.VideoFilter{Lang: lang, Limit: 1}); n == 0 {
				t.Errorf("no demo video in %s", lang)
			}
		}
		prog, err := e.Store.ProgrammeBySlug(ctx, "news-in-brief")
		if err != nil {
			t.Fatal(err)
		}
		eps, n, err := e.Store.ProgrammeEpisodes(ctx, prog.ID, 10, 0)
		if err != nil || n != 7 || !strings.HasPrefix(eps[0].Title, "NEWS IN BRIEF | PRIME TIME | ") || eps[0].AirDate <= eps[6].AirDate {
			t.Fatalf("episodes %d %v: first %q", n, err, eps[0].Title)
		}
		f, err := e.Store.VideoFileByID(ctx, eps[0].FileID)
		if err != nil || f.Size < 10_000 {
			t.Fatalf("episode file %+v %v", f, err)
		}
		rc, err := e.Store.OpenVideoFile(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		head := make([]byte, 12)
		if _, err := io.ReadFull(rc, head); err != nil || string(head[4:8]) != "ftyp" {
			t.Fatalf("stored file does not start with an ftyp box: %q %v", head, err)
		}
		rc.Close()
		if err := demo.Generate(ctx, e.Store, md, 50, 24*time.Hour, now.Add(-11*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if n, _ := e.Store.PublishedCount(ctx, store.ListFilter{}); n != len(demo.Stories)+50 {
			t.Fatalf("after generate: %d", n)
		}
	})
}

func translatedStories() int {
	n := 0
	for _, s := range demo.Stories {
		if s.Translates != "" {
			n++
		}
	}
	return n
}
