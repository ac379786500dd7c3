package servertest

import (
	"context"
	"testing"
	"time"

	"dateline/internal/news"
	"dateline/internal/store"
)

// Editions are one story in three editions (linked as translations),
// a Sinhala story with no other version, and the section's Sinhala name.
type Editions struct {
	EN, SI, TA, SIOnly news.Article
}

// SeedEditions stores the Editions: published, linked, with the section named in Sinhala.
func SeedEditions(t *testing.T, f *Fixture) Editions {
	t.Helper()
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Minute)
	mk := func(lang, headline string, ago time.Duration) news.Article {
		a := news.Article{Headline: headline, Slug: news.Slugify(headline), Summary: headline, BodyMarkdown: headline,
			BodyHTML: "<p>" + headline + "</p>", Section: f.Local, Lang: lang, Status: news.StatusPublished,
			PublishedAt: now.Add(-ago), CreatedAt: now.Add(-ago), UpdatedAt: now.Add(-ago)}
		if err := f.Store.CreateArticle(ctx, &a, store.Change{Actor: "test", Action: "create"}); err != nil {
			t.Fatal(err)
		}
		return a
	}
	var s Editions
	s.EN = mk("en", "Coastal trains run to a new timetable", 30*time.Minute)
	s.SI = mk("si", "මුහුදුබඩ දුම්රිය නව කාලසටහනකට", 40*time.Minute)
	s.TA = mk("ta", "கரையோர ரயில்கள் புதிய நேர அட்டவணையில்", 50*time.Minute)
	s.SIOnly = mk("si", "ශ්\u200dරී දළදා පෙරහැර සඳහා මහනුවර සූදානම", 60*time.Minute)
	ch := store.Change{Actor: "test", Action: "link"}
	for _, other := range []int64{s.SI.ID, s.TA.ID} {
		if err := f.Store.LinkTranslation(ctx, s.EN.ID, other, ch); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Store.SetSectionName(ctx, store.SectionName{SectionID: f.Local.ID, Lang: "si", Name: "දේශීය"}, ch); err != nil {
		t.Fatal(err)
	}
	return s
}
