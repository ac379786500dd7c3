package store_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// tagLog collects the page tags a store reports.
type tagLog struct {
	mu   sync.Mutex
	tags [][]string
}

func (l *tagLog) add(tags []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.tags = append(l.tags, append([]string(nil), tags...))
}

// take returns everything reported since the last take.
func (l *tagLog) take() [][]string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.tags
	l.tags = nil
	return out
}

func flat(batches [][]string) []string {
	var all []string
	for _, b := range batches {
		all = append(all, b...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

// TestWritesReportTheirPages: each kind of write reports the pages it
// changes, and no more, once it has committed; a failed write reports none.
func TestWritesReportTheirPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		s := e.Store
		var log tagLog
		s.OnPagesChanged(log.add)
		local := news.Section{Slug: "local", Name: "Local"}
		world := news.Section{Slug: "world", Name: "World"}
		for _, sec := range []*news.Section{&local, &world} {
			if err := s.CreateSection(ctx, sec); err != nil {
				t.Fatal(err)
			}
		}
		if got := flat(log.take()); !slices.Equal(got, []string{store.PagesAll}) {
			t.Fatalf("new sections reported %v, want all pages (the navigation)", got)
		}
		ch := store.Change{Actor: "test", Action: "save"}
		draft := news.Article{Headline: "Draft", Section: local, Lang: "en", Status: news.StatusDraft, Tags: []news.Tag{{Name: "Floods"}}}
		if err := s.CreateArticle(ctx, &draft, ch); err != nil {
			t.Fatal(err)
		}
		art := store.PagesArticle(draft.ID)
		if got := flat(log.take()); !slices.Equal(got, []string{art}) {
			t.Fatalf("a new draft reported %v, want only its own page", got)
		}
		tag := store.PagesTag(draft.Tags[0].ID)

		// Publishing puts it on its edition's front page, section, tag and feeds.
		pub := draft
		pub.Status, pub.PublishedAt = news.StatusPublished, time.Now().UTC()
		if err := s.UpdateArticle(ctx, &pub, ch); err != nil {
			t.Fatal(err)
		}
		want := []string{art, store.PagesFeeds("en"), store.PagesFront("en"), store.PagesSection("en", local.ID), tag}
		slices.Sort(want)
		if got := flat(log.take()); !slices.Equal(got, want) {
			t.Fatalf("publishing reported %v, want %v", got, want)
		}

		// Moving it to another section and edition changes both places.
		moved := pub
		moved.Section, moved.Lang = world, "si"
		if err := s.UpdateArticle(ctx, &moved, ch); err != nil {
			t.Fatal(err)
		}
		got := flat(log.take())
		for _, w := range []string{store.PagesSection("en", local.ID), store.PagesSection("si", world.ID), store.PagesFront("en"), store.PagesFront("si")} {
			if !slices.Contains(got, w) {
				t.Errorf("moving the article reported %v, missing %s", got, w)
			}
		}

		// A stale save writes nothing and reports nothing.
		if err := s.UpdateArticle(ctx, &pub, ch); err == nil {
			t.Fatal("a stale save succeeded")
		}
		if got := log.take(); len(got) != 0 {
			t.Fatalf("a refused save reported %v", got)
		}

		// Comments: only what readers see changes the page.
		c := store.Comment{ArticleID: draft.ID, Name: "Anoma", Body: "Thank you for this.", Lang: "en", Status: store.CommentPending}
		if err := s.CreateComment(ctx, &c); err != nil {
			t.Fatal(err)
		}
		if got := log.take(); len(got) != 0 {
			t.Fatalf("a comment held for moderation reported %v", got)
		}
		if err := s.DecideComment(ctx, c.ID, to(store.CommentApproved, ""), ch); err != nil {
			t.Fatal(err)
		}
		if got := flat(log.take()); !slices.Equal(got, []string{art}) {
			t.Fatalf("approving a comment reported %v, want the article's page", got)
		}

		// Corrections, the comment mode and unpublishing all report the article.
		if err := s.AddCorrection(ctx, draft.ID, &news.Correction{Kind: news.KindCorrection, Body: "Fixed."}, ch); err != nil {
			t.Fatal(err)
		}
		if got := flat(log.take()); !slices.Contains(got, art) || !slices.Contains(got, store.PagesFront("si")) {
			t.Fatalf("a correction reported %v", got)
		}
		if err := s.SetArticleCommentMode(ctx, draft.ID, "closed", ch); err != nil {
			t.Fatal(err)
		}
		if got := flat(log.take()); !slices.Equal(got, []string{art}) {
			t.Fatalf("closing comments reported %v", got)
		}
		if err := s.RenameTag(ctx, draft.Tags[0].ID, "Flooding", ch); err != nil {
			t.Fatal(err)
		}
		if got := flat(log.take()); !slices.Equal(got, []string{store.PagesAll}) {
			t.Fatalf("renaming a tag reported %v", got)
		}
	})
}

// TestOtherNodesHearOfChanges: on PostgreSQL a second node listening for
// page changes hears of a write committed by the first within a second.
func TestOtherNodesHearOfChanges(t *testing.T) {
	e := storetest.Open(t, "postgres")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	other, err := store.Open(ctx, e.Options)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	heard := make(chan []string, 16)
	listening := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		other.ListenPages(ctx, func() { close(listening) }, func(tags []string) { heard <- tags })
	}()
	select {
	case <-listening:
	case <-time.After(5 * time.Second):
		t.Fatal("the second node never started listening")
	}
	sec := news.Section{Slug: "local", Name: "Local"}
	if err := e.Store.CreateSection(ctx, &sec); err != nil {
		t.Fatal(err)
	}
	a := news.Article{Headline: "Published", Section: sec, Lang: "ta", Status: news.StatusPublished, PublishedAt: time.Now().UTC()}
	start := time.Now()
	if err := e.Store.CreateArticle(ctx, &a, store.Change{Actor: "test", Action: "create"}); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(time.Second)
	for {
		select {
		case tags := <-heard:
			if slices.Contains(tags, store.PagesFront("ta")) && slices.Contains(tags, store.PagesArticle(a.ID)) {
				t.Logf("heard after %v", time.Since(start))
				cancel()
				<-done
				return
			}
		case <-deadline:
			t.Fatal("the second node did not hear of the new article within a second")
		}
	}
}
