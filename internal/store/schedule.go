package store

import (
	"context"
	"errors"
	"time"

	"dateline/internal/news"
)

// DueScheduled returns ids of scheduled articles whose time has come.
func (s *Store) DueScheduled(ctx context.Context, now time.Time, limit int) ([]int64, error) {
	rows, err := s.read.QueryContext(ctx, s.q.DueScheduled, dbTime(now), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// PublishScheduled publishes one due article. It is safe to call from every
// node at once: the version check lets exactly one of them make the change,
// and the others get published=false with no error.
func (s *Store) PublishScheduled(ctx context.Context, id int64, now time.Time) (bool, error) {
	a, err := s.Article(ctx, id)
	if err != nil {
		return false, err
	}
	if a.Status != news.StatusScheduled || a.ScheduledAt.After(now) {
		return false, nil
	}
	a.Status = news.StatusPublished
	if a.PublishedAt.IsZero() {
		a.PublishedAt = a.ScheduledAt
	}
	err = s.UpdateArticle(ctx, &a, Change{Actor: "scheduler", Action: "publish", Detail: "scheduled for " + a.ScheduledAt.Format(time.RFC3339)})
	if errors.Is(err, ErrStale) {
		return false, nil
	}
	return err == nil, err
}
