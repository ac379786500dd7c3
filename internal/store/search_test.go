package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"dateline/internal/markup"
	"dateline/internal/news"
	"dateline/internal/search"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// Sinhala and Tamil copy for the search tests. Joiners are written \u200d.
const (
	sriZWJ     = "ශ්\u200dරී"    // Sri as Sinhala keyboards type it
	sriPlain   = "ශ්රී"          // the same word without the joiner
	cricketZWJ = "ක්\u200dරිකට්" // cricket, with the joiner
)

// searchWorld is a store with a section and helpers to write articles.
type searchWorld struct {
	t   *testing.T
	st  *store.Store
	sec news.Section
	md  *markup.Renderer
	now time.Time
}

func newSearchWorld(t *testing.T, e storetest.Engine) *searchWorld {
	t.Helper()
	w := &searchWorld{t: t, st: e.Store, sec: news.Section{Slug: "local", Name: "Local"}, md: markup.New(),
		now: time.Now().UTC().Truncate(time.Second)}
	if err := w.st.CreateSection(context.Background(), &w.sec); err != nil {
		t.Fatal(err)
	}
	return w
}

// article creates an article; age is how long ago it was published.
func (w *searchWorld) article(a news.Article, age time.Duration) news.Article {
	w.t.Helper()
	html, err := w.md.Render(a.BodyMarkdown)
	if err != nil {
		w.t.Fatal(err)
	}
	a.BodyHTML, a.Section = string(html), w.sec
	if a.Lang == "" {
		a.Lang = "en"
	}
	if a.Status == "" {
		a.Status = news.StatusPublished
	}
	if a.Status == news.StatusPublished || a.Status == news.StatusUnpublished {
		a.PublishedAt = w.now.Add(-age)
	}
	if err := w.st.CreateArticle(context.Background(), &a, store.Change{Actor: "test", Action: "create"}); err != nil {
		w.t.Fatal(err)
	}
	return a
}

// search runs a query and returns the results.
func (w *searchWorld) search(query, lang string, limit, offset int) store.SearchResults {
	w.t.Helper()
	q, err := search.Parse(query)
	if err != nil {
		w.t.Fatalf("parse %q: %v", query, err)
	}
	res, err := w.st.Search(context.Background(), store.SearchQuery{Query: q, Lang: lang, Limit: limit, Offset: offset})
	if err != nil {
		w.t.Fatalf("search %q: %v", query, err)
	}
	return res
}

// found returns the ids of a query's articles (all pages), best first.
func (w *searchWorld) found(query, lang string) []int64 {
	w.t.Helper()
	res := w.search(query, lang, store.MaxSearchLimit, 0)
	ids := []int64{}
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	if res.Total != len(ids) {
		w.t.Errorf("%q: total %d but %d hits on one page", query, res.Total, len(ids))
	}
	return ids
}

func (w *searchWorld) expect(query, lang string, want ...int64) {
	w.t.Helper()
	got := w.found(query, lang)
	if !slices.Equal(got, want) && len(got)+len(want) > 0 {
		w.t.Errorf("search %q (lang %q) found %v, want %v", query, lang, got, want)
	}
}

// expectSet is expect without regard to order.
func (w *searchWorld) expectSet(query, lang string, want ...int64) {
	w.t.Helper()
	got := w.found(query, lang)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		w.t.Errorf("search %q (lang %q) found %v, want %v in any order", query, lang, got, want)
	}
}

func TestSearchSinhalaAndTamil(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		w := newSearchWorld(t, e)
		// Typed with joiners, as a Sinhala keyboard does.
		cricket := w.article(news.Article{Lang: "si",
			Headline:     sriZWJ + " ලංකා " + cricketZWJ + " කණ්ඩායම ජයග්\u200dරහණය කරයි",
			Summary:      "කොළඹ පැවති තරගයේදී " + sriZWJ + " ලංකා කණ්ඩායම කඩුලු පහකින් ජය ගත්තේය.",
			BodyMarkdown: "අද පැවති තරගයේදී නායකයා ලකුණු සියයක් ලබා ගත්තේය.\n\nප්\u200dරේක්ෂකයින් දහස් ගණනක් පැමිණ සිටියහ."}, time.Hour)
		// Typed without them: the same words must still be one word.
		tea := w.article(news.Article{Lang: "si",
			Headline:     sriPlain + " ලංකා තේ අපනයනය ඉහළ යයි",
			BodyMarkdown: "ක්රිකට් තරගය නිසා නොව, නව වෙළඳපොළවල් නිසා තේ මිල ඉහළ ගියේය."}, 2*time.Hour)
		tamilCricket := w.article(news.Article{Lang: "ta",
			Headline:     "இலங்கை கிரிக்கெட் அணி வெற்றி பெற்றது",
			BodyMarkdown: "கொழும்பில் நடைபெற்ற போட்டியில் இலங்கை அணி ஐந்து விக்கெட்டுகளால் வெற்றி பெற்றது."}, 3*time.Hour)
		// பாடம் (lesson) and படம் (picture) share their consonants and differ
		// by one vowel sign: a search for one must not find the other.
		lesson := w.article(news.Article{Lang: "ta",
			Headline:     "பாடசாலைகளில் புதிய கணித பாடம் அறிமுகம்",
			BodyMarkdown: "அடுத்த ஆண்டு முதல் இந்த பாடம் கற்பிக்கப்படும்."}, 4*time.Hour)
		picture := w.article(news.Article{Lang: "ta",
			Headline:     "கண்காட்சியில் ஒரு பழைய படம் காட்சிக்கு வைக்கப்பட்டது",
			BodyMarkdown: "அந்த படம் நூறு ஆண்டுகள் பழமையானது."}, 5*time.Hour)
		// திரைப்படம் (film) ends in the letters of படம்: a tokenizer that split
		// words at vowel signs or the virama would find it for படம்.
		film := w.article(news.Article{Lang: "ta",
			Headline:     "புதிய தமிழ் திரைப்படம் நாளை வெளியீடு",
			BodyMarkdown: "இந்த திரைப்படம் கொழும்பு திரையரங்குகளில் வெளியாகும்."}, 6*time.Hour)

		w.expectSet(sriZWJ, "", cricket.ID, tea.ID)      // typed with the joiner
		w.expectSet(sriPlain, "", cricket.ID, tea.ID)    // typed without it
		w.expectSet("ක්රිකට්", "si", cricket.ID, tea.ID) // no joiner in the query, one in the headline
		w.expect(cricketZWJ+" තේ", "si", tea.ID)         // joiner in the query, none in the body
		w.expect(`"`+sriZWJ+` ලංකා තේ"`, "", tea.ID)     // a phrase across a joiner difference
		w.expect("கிரிக்கெட்", "", tamilCricket.ID)      // a Tamil word, vowel signs and virama inside
		w.expect("கிரிக்கெட்", "si")                     // not in the Sinhala edition
		w.expect("பாடம்", "ta", lesson.ID)               // the lesson, not the picture
		w.expect("படம்", "ta", picture.ID)               // the picture, not the film
		w.expect("திரைப்படம்", "", film.ID)
		w.expect(`"இலங்கை அணி"`, "ta", tamilCricket.ID) // a Tamil phrase
		w.expect(`"அணி இலங்கை"`, "ta")                  // the same words in the wrong order
		w.expect(`"கிரிக்கெட் அணி வெற்றி"`, "", tamilCricket.ID)

		hit := w.search("ක්රිකට්", "si", 10, 0).Hits[0]
		if hit.Kind != store.SearchArticle || hit.Title != cricket.Headline || hit.Lang != "si" || hit.Slug != cricket.Slug {
			t.Errorf("hit = %+v", hit)
		}
		if hit.Body != "අද පැවති තරගයේදී නායකයා ලකුණු සියයක් ලබා ගත්තේය. ප්\u200dරේක්ෂකයින් දහස් ගණනක් පැමිණ සිටියහ." {
			t.Errorf("the hit's body is not the plain text of the article: %q", hit.Body)
		}
	})
}

func TestSearchPhrasesAndFields(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		w := newSearchWorld(t, e)
		river := w.article(news.Article{Headline: "Kelani river rises after night of rain",
			Summary: "Residents moved to higher ground.", BodyMarkdown: "Water levels rose **two metres** overnight."}, time.Hour)
		apart := w.article(news.Article{Headline: "A river walk in Kelaniya",
			BodyMarkdown: "The Kelani temple fills for the full moon; the river is calm."}, 2*time.Hour)
		tagged := w.article(news.Article{Headline: "Schools close in the west",
			Tags: []news.Tag{{Name: "Monsoon rains"}}}, 3*time.Hour)
		w.expect("kelani river", "", river.ID, apart.ID)
		w.expect(`"kelani river"`, "", river.ID)
		w.expect(`"river kelani"`, "")
		w.expect("metres", "", river.ID) // in the body, through its <strong>
		w.expect(`"two metres overnight"`, "", river.ID)
		w.expect("monsoon", "", tagged.ID)    // from a tag
		w.expect(`"rain residents"`, "")      // a phrase never spans the title and the summary
		w.expect("residents", "en", river.ID) // from the summary
		w.expect("residents", "si")           // another edition
		w.expect("kelani zebra", "")          // every word is required
		w.expect(`"walk in kelaniya"`, "", apart.ID)
	})
}

func TestSearchRanking(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		w := newSearchWorld(t, e)
		for i := range 6 {
			w.article(news.Article{Headline: fmt.Sprintf("Council meets on road repairs %d", i),
				BodyMarkdown: "The council met and talked about roads for an hour."}, time.Duration(10+i)*time.Hour)
		}
		// An old story with the word in its headline beats a new one with
		// it only in the body.
		inBody := w.article(news.Article{Headline: "Fishermen stay ashore",
			BodyMarkdown: "Boats stayed in Negombo as the cyclone warning held for a second day."}, time.Hour)
		inHeadline := w.article(news.Article{Headline: "Cyclone warning for the east coast",
			BodyMarkdown: "The met department issued a warning for the east coast on Sunday."}, 200*24*time.Hour)
		w.expect("cyclone", "", inHeadline.ID, inBody.ID)

		// At equal relevance the newer wins.
		oldAuction := w.article(news.Article{Headline: "Tea auction prices hold steady", BodyMarkdown: "Prices at the Colombo auction held."}, 400*24*time.Hour)
		newAuction := w.article(news.Article{Headline: "Tea auction prices hold steady", BodyMarkdown: "Prices at the Colombo auction held."}, 2*24*time.Hour)
		midAuction := w.article(news.Article{Headline: "Tea auction prices hold steady", BodyMarkdown: "Prices at the Colombo auction held."}, 40*24*time.Hour)
		w.expect("tea auction", "", newAuction.ID, midAuction.ID, oldAuction.ID)
	})
}

func TestSearchFollowsPublishing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		w := newSearchWorld(t, e)
		ctx := context.Background()
		ch := store.Change{Actor: "test", Action: "save"}
		a := w.article(news.Article{Headline: "Minister resigns over port deal", BodyMarkdown: "The minister left office."}, time.Hour)
		draft := w.article(news.Article{Headline: "Draft about the port deal", Status: news.StatusDraft}, 0)
		w.expect("port deal", "", a.ID)

		// Unpublished: gone at once; published again: back.
		a.Status = news.StatusUnpublished
		if err := w.st.UpdateArticle(ctx, &a, ch); err != nil {
			t.Fatal(err)
		}
		w.expect("port deal", "")
		a.Status = news.StatusPublished
		if err := w.st.UpdateArticle(ctx, &a, ch); err != nil {
			t.Fatal(err)
		}
		w.expect("resigns", "", a.ID)

		// A corrected headline is found by its new words, not its old.
		a.Headline = "Minister denies leaving office over port inquiry"
		if err := w.st.UpdateArticle(ctx, &a, ch); err != nil {
			t.Fatal(err)
		}
		w.expect("resigns", "")
		w.expect("inquiry denies", "", a.ID)

		// A scheduled article enters the index when the scheduler publishes it.
		sched := w.article(news.Article{Headline: "Budget speech set for Thursday", Status: news.StatusScheduled,
			ScheduledAt: w.now.Add(-time.Minute)}, 0)
		w.expect("budget speech", "")
		if ok, err := w.st.PublishScheduled(ctx, sched.ID, w.now); err != nil || !ok {
			t.Fatalf("publish scheduled: %v %v", ok, err)
		}
		w.expect("budget speech", "", sched.ID)

		// Drafts are never indexed, and deleting one leaves the index sound.
		w.expect("draft", "")
		if err := w.st.DeleteArticle(ctx, draft.ID, ch); err != nil {
			t.Fatal(err)
		}
		w.expect("port", "", a.ID)
	})
}

func TestSearchFollowsTagRename(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		w := newSearchWorld(t, e)
		ctx := context.Background()
		a := w.article(news.Article{Headline: "Roads closed in Ratnapura", Tags: []news.Tag{{Name: "Floods"}}}, time.Hour)
		hidden := w.article(news.Article{Headline: "Draft on Ratnapura roads", Status: news.StatusDraft, Tags: []news.Tag{{Name: "Floods"}}}, 0)
		w.expect("floods", "", a.ID)
		tag, err := w.st.TagBySlug(ctx, "floods")
		if err != nil {
			t.Fatal(err)
		}
		if err := w.st.RenameTag(ctx, tag.ID, "Inundation", store.Change{Actor: "test", Action: "rename"}); err != nil {
			t.Fatal(err)
		}
		w.expect("inundation", "", a.ID)
		w.expect("floods", "")
		if got := w.found("ratnapura", ""); len(got) != 1 || got[0] == hidden.ID {
			t.Errorf("the rename put a draft in the index: %v", got)
		}
	})
}

func TestSearchFindsVideos(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		w := newSearchWorld(t, e)
		ctx := context.Background()
		ch := store.Change{Actor: "test", Action: "save"}
		v := news.Video{Title: "Elephants cross the road at Habarana", Summary: "A herd stopped traffic for an hour.",
			Lang: "en", Status: news.StatusPublished, Provider: "youtube", ProviderID: "dQw4w9WgXcQ",
			PublishedAt: w.now.Add(-time.Hour), Tags: []news.Tag{{Name: "Wildlife"}}}
		if err := w.st.CreateVideo(ctx, &v, ch); err != nil {
			t.Fatal(err)
		}
		draft := news.Video{Title: "Elephants at dawn", Lang: "en", Status: news.StatusDraft, Provider: "youtube", ProviderID: "aaaaaaaaaaa"}
		if err := w.st.CreateVideo(ctx, &draft, ch); err != nil {
			t.Fatal(err)
		}
		a := w.article(news.Article{Headline: "Elephant corridor plan approved"}, 2*time.Hour)

		res := w.search("elephants", "", 10, 0)
		if res.Total != 1 || res.Hits[0].Kind != store.SearchVideo || res.Hits[0].ID != v.ID || res.Hits[0].Title != v.Title ||
			res.Hits[0].Summary != v.Summary || res.Hits[0].Body != "" || res.Hits[0].Slug != v.Slug {
			t.Errorf("elephants: %+v", res)
		}
		w.expect("wildlife", "", v.ID)
		w.expect("herd", "en", v.ID)
		w.expect("elephant", "", a.ID)

		v.Status = news.StatusUnpublished
		if err := w.st.UpdateVideo(ctx, &v, ch); err != nil {
			t.Fatal(err)
		}
		w.expect("elephants", "")
		if err := w.st.DeleteVideo(ctx, draft.ID, ch); err != nil {
			t.Fatal(err)
		}
		w.expect("elephants", "")

		// A published video story deleted outright leaves the index with it.
		bath := news.Video{Title: "Elephants bathe in the Mahaweli", Lang: "en", Status: news.StatusPublished,
			Provider: "youtube", ProviderID: "ccccccccccc", PublishedAt: w.now}
		if err := w.st.CreateVideo(ctx, &bath, ch); err != nil {
			t.Fatal(err)
		}
		w.expect("mahaweli", "", bath.ID)
		if err := w.st.DeleteVideo(ctx, bath.ID, ch); err != nil {
			t.Fatal(err)
		}
		w.expect("mahaweli", "")
	})
}

func TestSearchPaging(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		w := newSearchWorld(t, e)
		for i := range 25 {
			w.article(news.Article{Headline: fmt.Sprintf("Harbour report %d", i)}, time.Duration(i)*time.Hour)
		}
		seen := map[int64]bool{}
		for offset := 0; offset < 25; offset += 10 {
			res := w.search("harbour", "", 10, offset)
			if res.Total != 25 || len(res.Hits) != min(10, 25-offset) {
				t.Fatalf("offset %d: total %d, %d hits", offset, res.Total, len(res.Hits))
			}
			for _, h := range res.Hits {
				if seen[h.ID] {
					t.Errorf("hit %d on two pages", h.ID)
				}
				seen[h.ID] = true
			}
		}
		if past := w.search("harbour", "", 10, 30); past.Total != 25 || len(past.Hits) != 0 {
			t.Errorf("past the end: %+v", past)
		}
		if none := w.search("nothing matches this", "", 10, 0); none.Total != 0 || len(none.Hits) != 0 {
			t.Errorf("no match: %+v", none)
		}
	})
}

// TestSearchBeyondTheRankedMatches pages through a word found in more
// stories than search ranks: every match comes once, the total is right,
// and the matches past the ranked ones come newest first.
func TestSearchBeyondTheRankedMatches(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 1,050 articles")
	}
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		w := newSearchWorld(t, e)
		const n = 1050
		list := make([]news.Article, n)
		for i := range list {
			list[i] = news.Article{Headline: fmt.Sprintf("Weather bulletin number %d", i), Section: w.sec, Lang: "en",
				Status: news.StatusPublished, PublishedAt: w.now.Add(-time.Duration(i) * time.Hour)}
		}
		if err := w.st.ImportArticles(context.Background(), list); err != nil {
			t.Fatal(err)
		}
		var all []store.SearchHit
		for offset := 0; offset < n; offset += 70 { // pages that straddle the ranked set's end
			res := w.search("weather bulletin", "en", 70, offset)
			if res.Total != n {
				t.Fatalf("total %d, want %d", res.Total, n)
			}
			all = append(all, res.Hits...)
		}
		if len(all) != n {
			t.Fatalf("paged through %d hits, want %d", len(all), n)
		}
		seen := map[int64]bool{}
		for _, h := range all {
			if seen[h.ID] {
				t.Fatalf("article %d found twice", h.ID)
			}
			seen[h.ID] = true
		}
		tail := all[1000:]
		for i := 1; i < len(tail); i++ {
			if tail[i].PublishedAt.After(tail[i-1].PublishedAt) {
				t.Fatalf("past the ranked matches, hit %d is newer than the one before", 1000+i)
			}
		}
		if oldest := list[n-1].ID; all[n-1].ID != oldest {
			t.Errorf("the last hit is %d, want the oldest article %d", all[n-1].ID, oldest)
		}
	})
}

func TestSearchIndexFilledOnUpgrade(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		w := newSearchWorld(t, e)
		ctx := context.Background()
		pub := w.article(news.Article{Headline: "Lighthouse at Dondra repainted"}, time.Hour)
		w.article(news.Article{Headline: "Lighthouse draft", Status: news.StatusDraft}, 0)
		v := news.Video{Title: "Lighthouse keepers", Lang: "en", Status: news.StatusPublished, Provider: "youtube",
			ProviderID: "bbbbbbbbbbb", PublishedAt: w.now}
		if err := w.st.CreateVideo(ctx, &v, store.Change{Actor: "test"}); err != nil {
			t.Fatal(err)
		}
		if n, err := w.st.ReindexAll(ctx); err != nil || n != 2 {
			t.Fatalf("ReindexAll = %d, %v; want 2 documents", n, err)
		}
		w.expect("lighthouse", "", v.ID, pub.ID)

		// Take the database back to before migration 0007, then open it
		// again: the migration runs and fills the index from what is
		// already published.
		e.Store.Close()
		storetest.DowngradeTo(t, e, 7)
		again, err := store.Open(ctx, e.Options)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { again.Close() })
		w.st = again
		w.expect("lighthouse", "", v.ID, pub.ID)
		w.expect("draft", "")
	})
}

// TestSearchDocIDCollision: two items published in the same second whose
// ids share their low bits would share a document id; the second steps
// down to the next free one and is found all the same.
func TestSearchDocIDCollision(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		w := newSearchWorld(t, e)
		ctx := context.Background()
		a := w.article(news.Article{Headline: "Stilt fishermen return to Koggala", Status: news.StatusDraft}, 0)
		at := w.now.Add(-time.Hour)
		taken := store.SearchDocID(at, store.SearchArticle, a.ID)
		// Another item already holds the id this article will want.
		cols, vals := "", ""
		if e.Name == "postgres" {
			cols, vals = ", tsv", ", ''"
		}
		storetest.Exec(t, e, fmt.Sprintf(`INSERT INTO search_docs (id, kind, item_id, lang, published_at%s)
			VALUES (%d, 'video', 999999, 'en', '2026-01-01 00:00:00+00'%s)`, cols, taken, vals))
		a.Status, a.PublishedAt = news.StatusPublished, at
		if err := w.st.UpdateArticle(ctx, &a, store.Change{Actor: "test", Action: "publish"}); err != nil {
			t.Fatal(err)
		}
		w.expect("koggala", "", a.ID)
		if hit := w.search("koggala", "", 1, 0).Hits[0]; !hit.PublishedAt.Equal(at) {
			t.Errorf("published %v, want %v", hit.PublishedAt, at)
		}
	})
}
