package views

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"dateline/internal/news"
	"dateline/internal/popularity"
	"dateline/internal/store"
	"dateline/internal/video"
)

// Item is one entry of a Most Viewed list.
type Item struct {
	Kind      popularity.Kind
	ID        int64
	Title     string
	Path      string // site path; the API makes it absolute
	Lang      string
	LangLabel string // "English", "Sinhala", "Tamil": shown for videos
	Views     int64
}

// Rankings computes Most Viewed lists from the hourly buckets and keeps each
// for ttl, so a burst of page loads costs one ranking query. Every call still
// checks, in one query, that the cached items are published, so an
// unpublished item leaves the lists at once on every node.
type Rankings struct {
	store *store.Store
	ttl   time.Duration
	now   func() time.Time

	mu    sync.Mutex
	cache map[rankKey]rankEntry
	// ranking holds one computation per list in flight, so when a list
	// expires under load one request ranks it and the others wait for it.
	ranking singleflight.Group
}

type rankKey struct {
	kind   popularity.Kind
	window popularity.Window
	lang   string
	limit  int
}

type rankEntry struct {
	items []Item
	until time.Time
}

// NewRankings caches each list for ttl.
func NewRankings(st *store.Store, ttl time.Duration) *Rankings {
	return &Rankings{store: st, ttl: ttl, now: time.Now, cache: map[rankKey]rankEntry{}}
}

// spare is how many extra items are ranked so that a list stays full when a
// cached item has been unpublished since.
const spare = 5

// Top returns the most viewed published items of a kind in a window and
// language ("" for all), most views first, ties to the more recent.
func (r *Rankings) Top(ctx context.Context, kind popularity.Kind, w popularity.Window, lang string, limit int) ([]Item, error) {
	key := rankKey{kind, w, lang, limit}
	now := r.now()
	r.mu.Lock()
	entry, ok := r.cache[key]
	r.mu.Unlock()
	if !ok || now.After(entry.until) {
		v, err, _ := r.ranking.Do(fmt.Sprint(key), func() (any, error) {
			items, err := r.rank(ctx, key, now)
			if err != nil {
				return nil, err
			}
			e := rankEntry{items: items, until: now.Add(r.ttl)}
			r.mu.Lock()
			r.cache[key] = e
			r.mu.Unlock()
			return e, nil
		})
		if err != nil {
			return nil, err
		}
		entry = v.(rankEntry)
	}
	ids := make([]int64, len(entry.items))
	for i, it := range entry.items {
		ids[i] = it.ID
	}
	live, err := r.store.StillPublished(ctx, kind, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Item, 0, limit)
	for _, it := range entry.items {
		if live[it.ID] && len(out) < limit {
			out = append(out, it)
		}
	}
	return out, nil
}

// rank ranks a list and reads what it shows of its items in one query,
// whatever its length.
func (r *Rankings) rank(ctx context.Context, k rankKey, now time.Time) ([]Item, error) {
	ranked, err := r.store.MostViewed(ctx, k.kind, k.window.Since(now), k.lang, k.limit+spare)
	if err != nil {
		return nil, err
	}
	ranked = popularity.Rank(ranked, k.limit+spare)
	ids := make([]int64, len(ranked))
	views := make(map[int64]int64, len(ranked))
	for i, rk := range ranked {
		ids[i], views[rk.ID] = rk.ID, rk.Views
	}
	titled, err := r.store.PublishedTitles(ctx, k.kind, ids)
	if err != nil {
		return nil, err
	}
	items := make([]Item, 0, len(titled))
	for _, t := range titled {
		it := Item{Kind: k.kind, ID: t.ID, Views: views[t.ID], Title: t.Title, Lang: t.Lang, LangLabel: video.LangLabel(t.Lang)}
		switch k.kind {
		case popularity.Article:
			it.Path = news.ArticlePath(t.ID, t.Slug)
		case popularity.Video:
			it.Path = news.VideoPath(t.ID, t.Slug)
		}
		items = append(items, it)
	}
	return items, nil
}
