package store

import (
	"context"
	"fmt"

	"dateline/internal/news"
)

// TagBySlug finds a tag or returns ErrNotFound.
func (s *Store) TagBySlug(ctx context.Context, slug string) (news.Tag, error) {
	var t news.Tag
	err := s.read.QueryRowContext(ctx, s.q.TagBySlug, slug).Scan(&t.ID, &t.Slug, &t.Name)
	return t, err
}

// ensureTag fills t.ID, creating the tag when its slug is new. The no-op
// update on conflict makes RETURNING give the existing row on both engines.
func (s *Store) ensureTag(ctx context.Context, tx *dbTx, t *news.Tag) error {
	if t.ID != 0 {
		return nil
	}
	if t.Slug == "" {
		t.Slug = news.Slugify(t.Name)
	}
	if err := tx.QueryRowContext(ctx, s.q.InsertTag, t.Slug, t.Name).Scan(&t.ID, &t.Name); err != nil {
		return fmt.Errorf("tag %q: %w", t.Name, err)
	}
	return nil
}
