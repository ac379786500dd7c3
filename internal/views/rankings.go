package views

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

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

func (r *Rankings) rank(ctx context.Context, k rankKey, now time.Time) ([]Item, error) {
	ranked, err := r.store.MostViewed(ctx, k.kind, k.window.Since(now), k.lang, k.limit+spare)
	if err != nil {
		return nil, err
	}
	ranked = popularity.Rank(ranked, k.limit+spare)
	items := make([]Item, 0, len(ranked))
	for _, rk := range ranked {
		it := Item{Kind: k.kind, ID: rk.ID, Views: rk.Views}
		switch k.kind {
		case popularity.Article:
			a, err := r.store.PublishedArticle(ctx, rk.ID)
			if errors.Is(err, store.ErrNotFound) {
				continue
			} else if err != nil {
				return nil, err
			}
			it.Title, it.Path, it.Lang = a.Headline, a.Path(), a.Lang
		case popularity.Video:
			v, err := r.store.PublishedVideo(ctx, rk.ID)
			if errors.Is(err, store.ErrNotFound) {
				continue
			} else if err != nil {
				return nil, err
			}
			it.Title, it.Path, it.Lang = v.Title, v.Path(), v.Lang
		}
		it.LangLabel = video.LangLabel(it.Lang)
		items = append(items, it)
	}
	return items, nil
}
