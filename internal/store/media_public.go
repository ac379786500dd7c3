package store

import (
	"context"
	"fmt"

	"dateline/internal/news"
)

// MediaStory is a story that uses an image: an article's lead image or a
// video story's still.
type MediaStory struct {
	Kind    string // "article" or "video"
	ID      int64
	Status  news.Status
	OwnerID int64
}

// PageTag is the page tag of the story, so a response that depends on
// the story being published can be purged with its pages.
func (m MediaStory) PageTag() string {
	if m.Kind == "video" {
		return PagesVideo(m.ID)
	}
	return PagesArticle(m.ID)
}

// PublishedStoryByMedia returns one published story that shows image id,
// or ErrNotFound when none does: the image of a draft, of an unpublished
// story, or one replaced since, is not for readers.
func (s *Store) PublishedStoryByMedia(ctx context.Context, id int64) (MediaStory, error) {
	m := MediaStory{Status: news.StatusPublished}
	err := s.read.QueryRowContext(ctx, s.q.PublishedStoryByMedia, id).Scan(&m.Kind, &m.ID)
	return m, err
}

// StoriesByMedia lists every story, in any status, that uses image id.
func (s *Store) StoriesByMedia(ctx context.Context, id int64) ([]MediaStory, error) {
	rows, err := s.read.QueryContext(ctx, s.q.StoriesByMedia, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MediaStory
	for rows.Next() {
		var m MediaStory
		if err := rows.Scan(&m.Kind, &m.ID, &m.Status, &m.OwnerID); err != nil {
			return nil, fmt.Errorf("store: stories by media: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
