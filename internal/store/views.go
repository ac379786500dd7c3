package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"time"

	"dateline/internal/popularity"
)

// AddViews adds counts to the hourly buckets in one transaction, as they
// are: it does not dedupe readers (FlushViews does, then adds its counts
// the same way). Counts of items that are not published (or do not exist)
// are dropped by the query itself.
func (s *Store) AddViews(ctx context.Context, batch []popularity.Count) error {
	if len(batch) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *dbTx) error { return s.addViewsTx(ctx, tx, batch) })
}

// addViewsTx adds counts to the hourly buckets within tx.
func (s *Store) addViewsTx(ctx context.Context, tx *dbTx, batch []popularity.Count) error {
	if len(batch) == 0 {
		return nil
	}
	if s.dialect == SQLite {
		for kind, q := range map[popularity.Kind]string{popularity.Article: s.q.AddArticleView, popularity.Video: s.q.AddVideoView} {
			st, err := tx.PrepareContext(ctx, q)
			if err != nil {
				return err
			}
			defer st.Close()
			for _, c := range batch {
				if c.Kind != kind {
					continue
				}
				if _, err := st.ExecContext(ctx, c.ID, dbTime(c.Hour.Truncate(time.Hour)), c.Views); err != nil {
					return err
				}
			}
		}
		return nil
	}
	// PostgreSQL: one statement per kind for the whole batch, as JSON.
	type row struct {
		ID    int64     `json:"id"`
		Hour  time.Time `json:"hour"`
		Views int64     `json:"views"`
	}
	rows := map[popularity.Kind][]row{}
	for _, c := range batch {
		rows[c.Kind] = append(rows[c.Kind], row{ID: c.ID, Hour: c.Hour.UTC().Truncate(time.Hour), Views: c.Views})
	}
	for kind, q := range map[popularity.Kind]string{popularity.Article: s.q.AddArticleViews, popularity.Video: s.q.AddVideoViews} {
		if len(rows[kind]) == 0 {
			continue
		}
		js, err := json.Marshal(rows[kind])
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, q, string(js)); err != nil {
			return err
		}
	}
	return nil
}

// MostViewed ranks published items of a kind by views since a time, in a
// language ("" for all), ties going to the more recent item.
func (s *Store) MostViewed(ctx context.Context, kind popularity.Kind, since time.Time, lang string, limit int) ([]popularity.Ranked, error) {
	q, args := s.q.MostViewedArticles, []any{dbTime(since), lang, limit}
	switch {
	case kind == popularity.Video && lang == "":
		q, args = s.q.MostViewedAllVideos, []any{dbTime(since), limit}
	case kind == popularity.Video:
		q = s.q.MostViewedVideos
	case lang == "":
		q, args = s.q.MostViewedAllArticles, []any{dbTime(since), limit}
	}
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []popularity.Ranked
	for rows.Next() {
		var r popularity.Ranked
		var pub utc
		if err := rows.Scan(&r.ID, &r.Views, &pub); err != nil {
			return nil, err
		}
		r.Published = pub.t
		out = append(out, r)
	}
	return out, rows.Err()
}

// HourlyViews is the total views of a kind in one hour.
type HourlyViews struct {
	Hour  time.Time
	Views int64
}

// ViewsPerHour returns the views of a kind per hour since a time (hours
// without views are absent).
func (s *Store) ViewsPerHour(ctx context.Context, kind popularity.Kind, since time.Time) ([]HourlyViews, error) {
	rows, err := s.read.QueryContext(ctx, s.q.ViewsPerHour, string(kind), dbTime(since))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []HourlyViews
	for rows.Next() {
		var h HourlyViews
		var at utc
		if err := rows.Scan(&at, &h.Views); err != nil {
			return nil, err
		}
		h.Hour = at.t
		out = append(out, h)
	}
	return out, rows.Err()
}

// ViewsOf returns the all-time views of the given items of a kind.
func (s *Store) ViewsOf(ctx context.Context, kind popularity.Kind, ids []int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	if len(ids) == 0 {
		return out, nil
	}
	idJSON, _ := json.Marshal(ids)
	rows, err := s.read.QueryContext(ctx, s.q.ViewsOfItems, string(kind), string(idJSON))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, n int64
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// DaySalt returns the salt for a day, creating it if this node is the first
// to ask, and deletes the days before's salts and reader and address keys:
// the same salt on every node, and nothing kept once the day is over. Ask
// it once the day has begun; SaltAhead fetches a day's salt before.
func (s *Store) DaySalt(ctx context.Context, day string) ([]byte, error) {
	return s.daySalt(ctx, day, true)
}

// SaltAhead returns the salt for a day that has not begun yet, creating it
// if this node is the first to ask, and deletes nothing: the day before
// is still being counted. DaySalt returns the same salt once the day has
// begun.
func (s *Store) SaltAhead(ctx context.Context, day string) ([]byte, error) {
	return s.daySalt(ctx, day, false)
}

func (s *Store) daySalt(ctx context.Context, day string, forget bool) ([]byte, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	var salt string
	err := s.inTx(ctx, func(tx *dbTx) error {
		if _, err := tx.ExecContext(ctx, s.q.InsertSalt, day, hex.EncodeToString(b[:]), dbTime(time.Now())); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, s.q.SaltOfDay, day).Scan(&salt); err != nil {
			return err
		}
		if !forget {
			return nil
		}
		for _, q := range []string{s.q.DeleteOldSalts, s.q.DeleteOldViewReaders, s.q.DeleteOldViewAddresses} {
			if _, err := tx.ExecContext(ctx, q, day); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return hex.DecodeString(salt)
}

// Titled is what a Most Viewed list shows of an item.
type Titled struct {
	ID    int64
	Slug  string
	Title string // an article's headline, a video's title
	Lang  string
}

// PublishedTitles returns the published items of a kind among ids, in the
// order of ids, with what a list shows of each: one query for a whole
// list. Items not published, or gone, are left out.
func (s *Store) PublishedTitles(ctx context.Context, kind popularity.Kind, ids []int64) ([]Titled, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	q := s.q.PublishedArticleTitles
	if kind == popularity.Video {
		q = s.q.PublishedVideoTitles
	}
	idJSON, _ := json.Marshal(ids)
	rows, err := s.read.QueryContext(ctx, q, string(idJSON))
	if err != nil {
		return nil, mapError(err)
	}
	defer rows.Close()
	found := make(map[int64]Titled, len(ids))
	for rows.Next() {
		var t Titled
		if err := rows.Scan(&t.ID, &t.Slug, &t.Title, &t.Lang); err != nil {
			return nil, err
		}
		found[t.ID] = t
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(err)
	}
	out := make([]Titled, 0, len(found))
	for _, id := range ids {
		if t, ok := found[id]; ok {
			out = append(out, t)
			delete(found, id) // an id given twice is listed once
		}
	}
	return out, nil
}

// StillPublished returns which of the given items of a kind are published
// now: one query that lets cached lists drop an unpublished item at once.
func (s *Store) StillPublished(ctx context.Context, kind popularity.Kind, ids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	q := s.q.PublishedArticleIDs
	if kind == popularity.Video {
		q = s.q.PublishedVideoIDs
	}
	idJSON, _ := json.Marshal(ids)
	rows, err := s.read.QueryContext(ctx, q, string(idJSON))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}
