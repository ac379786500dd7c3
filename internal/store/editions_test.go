package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// editionArticle stores a published article in lang.
func editionArticle(t *testing.T, s *store.Store, sec news.Section, lang, headline string, at time.Time) news.Article {
	t.Helper()
	a := news.Article{Headline: headline, Slug: news.Slugify(headline), Section: sec, Lang: lang,
		Status: news.StatusPublished, PublishedAt: at, BodyMarkdown: headline}
	if err := s.CreateArticle(context.Background(), &a, store.Change{Actor: "test", Action: "create"}); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestTranslationLinks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		s := e.Store
		sec := news.Section{Slug: "local", Name: "Local"}
		if err := s.CreateSection(ctx, &sec); err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC().Truncate(time.Second)
		en := editionArticle(t, s, sec, "en", "Floods in Ratnapura", now)
		si := editionArticle(t, s, sec, "si", "රත්නපුර ගංවතුර", now)
		ta := editionArticle(t, s, sec, "ta", "இரத்தினபுரி வெள்ளம்", now)
		si2 := editionArticle(t, s, sec, "si", "වෙනත් පුවතක්", now)
		en2 := editionArticle(t, s, sec, "en", "Another story", now)
		ch := store.Change{Actor: "editor", Action: "link"}

		if err := s.LinkTranslation(ctx, en.ID, en2.ID, ch); !errors.Is(err, store.ErrSameEdition) {
			t.Fatalf("linking two English articles: %v, want ErrSameEdition", err)
		}
		if err := s.LinkTranslation(ctx, en.ID, si.ID, ch); err != nil {
			t.Fatal(err)
		}
		// The Tamil version joins from the Sinhala side: one story, three versions.
		if err := s.LinkTranslation(ctx, ta.ID, si.ID, ch); err != nil {
			t.Fatal(err)
		}
		if err := s.LinkTranslation(ctx, en.ID, si.ID, ch); err != nil {
			t.Fatalf("linking again should be harmless: %v", err)
		}
		if err := s.LinkTranslation(ctx, si2.ID, en.ID, ch); !errors.Is(err, store.ErrEditionTaken) {
			t.Fatalf("a second Sinhala version: %v, want ErrEditionTaken", err)
		}
		versions, err := s.Translations(ctx, en.ID)
		if err != nil || len(versions) != 2 || versions[0].Lang != "si" || versions[1].Lang != "ta" ||
			versions[0].Headline != si.Headline || versions[1].Path() != news.ArticlePath(ta.ID, ta.Slug) {
			t.Fatalf("versions of the English story: %+v %v", versions, err)
		}

		// Moving a linked article into an edition the story already has is refused.
		moved := ta
		moved.Lang = "si"
		if err := s.UpdateArticle(ctx, &moved, ch); !errors.Is(err, store.ErrEditionTaken) {
			t.Fatalf("moving the Tamil version to Sinhala: %v, want ErrEditionTaken", err)
		}
		if got, _ := s.Article(ctx, ta.ID); got.Lang != "ta" {
			t.Fatalf("a refused move changed the language to %q", got.Lang)
		}

		// Another story cannot be merged in by a link.
		if err := s.LinkTranslation(ctx, en2.ID, si2.ID, ch); err != nil {
			t.Fatal(err)
		}
		if err := s.LinkTranslation(ctx, en2.ID, ta.ID, ch); !errors.Is(err, store.ErrOtherStory) {
			t.Fatalf("linking across stories: %v, want ErrOtherStory", err)
		}

		// Unlinking the Tamil version leaves English and Sinhala linked;
		// unlinking Sinhala then dissolves the story.
		if err := s.UnlinkTranslation(ctx, ta.ID, ch); err != nil {
			t.Fatal(err)
		}
		if v, _ := s.Translations(ctx, ta.ID); len(v) != 0 {
			t.Fatalf("unlinked article still has versions %+v", v)
		}
		if v, _ := s.Translations(ctx, en.ID); len(v) != 1 || v[0].ID != si.ID {
			t.Fatalf("after unlinking Tamil: %+v", v)
		}
		if err := s.UnlinkTranslation(ctx, si.ID, ch); err != nil {
			t.Fatal(err)
		}
		if v, _ := s.Translations(ctx, en.ID); len(v) != 0 {
			t.Fatalf("a story of one version should dissolve, got %+v", v)
		}
		// Deleting an article removes its link.
		if err := s.LinkTranslation(ctx, en.ID, si.ID, ch); err != nil {
			t.Fatal(err)
		}
		draft := news.Article{Headline: "Draft", Section: sec, Lang: "ta", Status: news.StatusDraft}
		if err := s.CreateArticle(ctx, &draft, ch); err != nil {
			t.Fatal(err)
		}
		if err := s.LinkTranslation(ctx, en.ID, draft.ID, ch); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteArticle(ctx, draft.ID, ch); err != nil {
			t.Fatal(err)
		}
		if v, _ := s.Translations(ctx, en.ID); len(v) != 1 || v[0].ID != si.ID {
			t.Fatalf("after deleting the Tamil draft: %+v", v)
		}
	})
}

func TestEditionListsAndSectionNames(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		s := e.Store
		sec := news.Section{Slug: "business", Name: "Business", Description: "Markets"}
		if err := s.CreateSection(ctx, &sec); err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC().Truncate(time.Second)
		for i, lang := range []string{"en", "si", "si", "ta", "ta", "ta"} {
			editionArticle(t, s, sec, lang, "Story "+lang, now.Add(-time.Duration(i)*time.Minute))
		}
		for lang, want := range map[string]int{"en": 1, "si": 2, "ta": 3, "": 6} {
			n, err := s.PublishedCount(ctx, store.ListFilter{Lang: lang})
			list, lerr := s.PublishedList(ctx, store.ListFilter{Lang: lang, SectionID: sec.ID, Limit: 10})
			if err != nil || lerr != nil || n != want || len(list) != want {
				t.Errorf("edition %q: count %d, list %d, want %d (%v %v)", lang, n, len(list), want, err, lerr)
			}
			for _, a := range list {
				if lang != "" && a.Lang != lang {
					t.Errorf("edition %q lists a %q article", lang, a.Lang)
				}
			}
		}
		if err := s.SetSectionName(ctx, store.SectionName{SectionID: sec.ID, Lang: "si", Name: "ව්\u200dයාපාර", Description: "වෙළඳපොළ"},
			store.Change{Actor: "admin", Action: "name"}); err != nil {
			t.Fatal(err)
		}
		siSecs, _ := s.SectionsIn(ctx, "si")
		taSecs, _ := s.SectionsIn(ctx, "ta")
		if len(siSecs) != 1 || siSecs[0].Name != "ව්\u200dයාපාර" || siSecs[0].Description != "වෙළඳපොළ" || siSecs[0].Slug != "business" {
			t.Fatalf("Sinhala sections %+v", siSecs)
		}
		if len(taSecs) != 1 || taSecs[0].Name != "Business" {
			t.Fatalf("Tamil falls back to the English name, got %+v", taSecs)
		}
		if got, err := s.SectionBySlugIn(ctx, "business", "si"); err != nil || got.Name != "ව්\u200dයාපාර" {
			t.Fatalf("section by slug in Sinhala: %+v %v", got, err)
		}
		// Cards carry the section under the article's own edition's name.
		list, _ := s.PublishedList(ctx, store.ListFilter{Lang: "si", Limit: 1})
		if len(list) != 1 || list[0].Section.Name != "ව්\u200dයාපාර" {
			t.Fatalf("Sinhala card section %+v", list)
		}
		list, _ = s.PublishedList(ctx, store.ListFilter{Lang: "en", Limit: 1})
		if len(list) != 1 || list[0].Section.Name != "Business" {
			t.Fatalf("English card section %+v", list)
		}
		// A blank name removes the translation.
		if err := s.SetSectionName(ctx, store.SectionName{SectionID: sec.ID, Lang: "si"}, store.Change{Actor: "admin", Action: "name"}); err != nil {
			t.Fatal(err)
		}
		if siSecs, _ = s.SectionsIn(ctx, "si"); siSecs[0].Name != "Business" {
			t.Fatalf("after clearing, Sinhala name %q", siSecs[0].Name)
		}
		if m, err := s.SitemapArticles(ctx, "ta", 10, 0); err != nil || len(m) != 3 {
			t.Fatalf("Tamil sitemap %d %v", len(m), err)
		}
		if m, err := s.NewsSitemapArticles(ctx, "si", now.Add(-time.Hour), 10); err != nil || len(m) != 2 || m[0].Lang != "si" {
			t.Fatalf("Sinhala news sitemap %+v %v", m, err)
		}
	})
}
