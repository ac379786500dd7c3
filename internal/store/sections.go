package store

import (
	"context"

	"dateline/internal/news"
)

// CreateSection adds a section and sets its ID; a taken slug is ErrConflict.
func (s *Store) CreateSection(ctx context.Context, sec *news.Section) error {
	err := s.write.QueryRowContext(ctx, s.q.get("insert-section"),
		sec.Slug, sec.Name, sec.Description, sec.Position).Scan(&sec.ID)
	return mapError(err)
}

// Sections lists every section in display order.
func (s *Store) Sections(ctx context.Context) ([]news.Section, error) {
	rows, err := s.read.QueryContext(ctx, s.q.get("sections"))
	if err != nil {
		return nil, mapError(err)
	}
	defer rows.Close()
	var out []news.Section
	for rows.Next() {
		var sec news.Section
		if err := rows.Scan(&sec.ID, &sec.Slug, &sec.Name, &sec.Description, &sec.Position); err != nil {
			return nil, err
		}
		out = append(out, sec)
	}
	return out, rows.Err()
}

// SectionBySlug finds a section or returns ErrNotFound.
func (s *Store) SectionBySlug(ctx context.Context, slug string) (news.Section, error) {
	var sec news.Section
	err := s.read.QueryRowContext(ctx, s.q.get("section-by-slug"), slug).
		Scan(&sec.ID, &sec.Slug, &sec.Name, &sec.Description, &sec.Position)
	return sec, mapError(err)
}
