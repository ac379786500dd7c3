package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"dateline/internal/desk"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

func TestArticlesRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		s := e.Store
		local := news.Section{Slug: "local", Name: "Local", Position: 1}
		world := news.Section{Slug: "world", Name: "World", Position: 2}
		for _, sec := range []*news.Section{&local, &world} {
			if err := s.CreateSection(ctx, sec); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.CreateSection(ctx, &news.Section{Slug: "local", Name: "Again"}); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("duplicate section slug: got %v, want ErrConflict", err)
		}
		writer := news.Author{Slug: "nimal-perera", Name: "Nimal Perera"}
		if err := s.CreateStaff(ctx, &writer, "nimal@dateline.example", ""); err != nil {
			t.Fatal(err)
		}
		img, err := desk.SaveImage(ctx, s, "Harbour at dawn.PNG", storetest.PNG(t, 1600, 900))
		if err != nil {
			t.Fatal(err)
		}

		base := time.Date(2026, 11, 20, 2, 54, 0, 123456789, time.UTC)
		var ids []int64
		for i, h := range []string{"Harbour crane arrives", "Rain closes schools", "Tea prices climb", "Draft story"} {
			a := news.Article{
				Headline: h, Summary: "Summary " + h, BodyMarkdown: "Body", BodyHTML: "<p>Body</p>",
				Section: local, Lang: "en", Status: news.StatusPublished, PublishedAt: base.Add(time.Duration(i) * time.Hour),
				Tags:    []news.Tag{{Name: "Colombo Port"}, {Name: "Weather"}, {Name: "Colombo Port"}},
				Authors: []news.Author{writer},
				Image:   &img, ImageCaption: "A crane", ImageCredit: "Staff photographer",
			}
			if i == 3 {
				a.Status, a.PublishedAt = news.StatusDraft, time.Time{}
			}
			if i == 2 {
				a.Section, a.Source, a.Place = world, news.Source{Agency: true, Name: "Reuters"}, "Geneva"
			}
			if err := s.CreateArticle(ctx, &a, store.Change{Actor: "test", Action: "create"}); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
		}

		got, err := s.PublishedArticle(ctx, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		if got.Headline != "Harbour crane arrives" || got.Slug != "harbour-crane-arrives" || got.BodyHTML != "<p>Body</p>" {
			t.Fatalf("article fields: %+v", got)
		}
		if !got.PublishedAt.Equal(base.Truncate(time.Microsecond)) || got.PublishedAt.Location() != time.UTC {
			t.Fatalf("published_at %v, want %v UTC", got.PublishedAt, base)
		}
		if len(got.Tags) != 2 || got.Tags[0].Slug != "colombo-port" || got.Tags[1].Name != "Weather" {
			t.Fatalf("tags %+v", got.Tags)
		}
		if len(got.Authors) != 1 || got.Authors[0].Name != "Nimal Perera" {
			t.Fatalf("authors %+v", got.Authors)
		}
		if got.Image == nil || got.Image.ID != img.ID || got.Image.Width != 1200 || got.Image.Height != 675 ||
			got.Image.Filename != "harbour-at-dawn" || got.Image.Ext != ".jpg" || got.ImageCredit != "Staff photographer" {
			t.Fatalf("image %+v", got.Image)
		}
		agency, _ := s.PublishedArticle(ctx, ids[2])
		if !agency.Source.Agency || agency.Source.Line() != "Source: Reuters -Agencies" || agency.Place != "Geneva" {
			t.Fatalf("agency article %+v", agency.Source)
		}

		if _, err := s.PublishedArticle(ctx, ids[3]); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("draft visible to readers: %v", err)
		}
		if _, err := s.PublishedArticle(ctx, 999999); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("unknown id: %v", err)
		}
		if d, err := s.Article(ctx, ids[3]); err != nil || d.Status != news.StatusDraft {
			t.Fatalf("draft by id: %v %v", d.Status, err)
		}

		page := func(f store.ListFilter) ([]news.Article, int, error) {
			list, err := s.PublishedList(ctx, f)
			if err != nil {
				return nil, 0, err
			}
			n, err := s.PublishedCount(ctx, f)
			return list, n, err
		}
		list, total, err := page(store.ListFilter{Limit: 10, WithLinks: true})
		if err != nil || total != 3 || len(list) != 3 {
			t.Fatalf("latest: %d items, total %d, %v", len(list), total, err)
		}
		if list[0].ID != ids[2] || list[2].ID != ids[0] || len(list[1].Tags) != 2 {
			t.Fatalf("latest order or links wrong: %+v", list)
		}
		bySec, total, err := page(store.ListFilter{SectionID: local.ID, Limit: 1, Offset: 1})
		if err != nil || total != 2 || len(bySec) != 1 || bySec[0].ID != ids[0] {
			t.Fatalf("section page 2: %+v total %d %v", bySec, total, err)
		}
		tag, err := s.TagBySlug(ctx, "weather")
		if err != nil {
			t.Fatal(err)
		}
		byTag, total, err := page(store.ListFilter{TagID: tag.ID, Limit: 10})
		if err != nil || total != 3 || len(byTag) != 3 {
			t.Fatalf("tag list: %d total %d %v", len(byTag), total, err)
		}
		if si, total, _ := page(store.ListFilter{Lang: "si", Limit: 10}); total != 0 || len(si) != 0 {
			t.Fatalf("sinhala list should be empty, got %d", total)
		}
		rel, err := s.Related(ctx, got, 5)
		if err != nil || len(rel) != 1 || rel[0].ID != ids[1] {
			t.Fatalf("related %+v %v", rel, err)
		}

		sm, err := s.SitemapArticles(ctx, "en", 10, 0)
		if err != nil || len(sm) != 3 || sm[0].ID != ids[0] || sm[0].Updated.IsZero() {
			t.Fatalf("sitemap %+v %v", sm, err)
		}
		recent, err := s.NewsSitemapArticles(ctx, "en", base.Add(90*time.Minute), 10)
		if err != nil || len(recent) != 1 || recent[0].ID != ids[2] || recent[0].Headline != "Tea prices climb" {
			t.Fatalf("news sitemap %+v %v", recent, err)
		}

		// An update replaces the links and keeps the id.
		got.Headline, got.Tags = "Harbour crane arrives early", []news.Tag{{Name: "Shipping"}}
		if err := s.UpdateArticle(ctx, &got, store.Change{Actor: "test", Action: "save"}); err != nil {
			t.Fatal(err)
		}
		again, _ := s.Article(ctx, ids[0])
		if again.Headline != "Harbour crane arrives early" || len(again.Tags) != 1 || again.Tags[0].Slug != "shipping" {
			t.Fatalf("after update %+v", again)
		}
		missing := news.Article{ID: 424242, Headline: "x", Section: local, Lang: "en", Status: news.StatusDraft}
		if err := s.UpdateArticle(ctx, &missing, store.Change{Actor: "test", Action: "save"}); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("update of missing article: %v", err)
		}
		for variant, size := range map[string][2]int{"page": {1200, 675}, "card": {1200, 630}, "thumb": {480, 270}} {
			_, f, err := s.MediaFile(ctx, img.ID, variant)
			if err != nil || f.Width != size[0] || f.Height != size[1] || f.ContentType != "image/jpeg" || len(f.Bytes) < 100 || len(f.SHA256) != 64 {
				t.Fatalf("rendition %s: %dx%d %s %d bytes, %v", variant, f.Width, f.Height, f.ContentType, len(f.Bytes), err)
			}
		}
		if _, _, err := s.MediaFile(ctx, img.ID, "original"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("unknown rendition: %v", err)
		}
	})
}

func TestMigrateIsIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		v1, err := e.Store.SchemaVersion(ctx)
		if err != nil || v1 < 1 {
			t.Fatalf("version %d %v", v1, err)
		}
		again, err := store.Open(ctx, e.Options)
		if err != nil {
			t.Fatal(err)
		}
		defer again.Close()
		if v2, _ := again.SchemaVersion(ctx); v2 != v1 {
			t.Fatalf("version moved from %d to %d on reopen", v1, v2)
		}
		if err := again.Ping(ctx); err != nil {
			t.Fatal(err)
		}
	})
}
