package store

import (
	"context"
	"database/sql"

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

// SectionByID finds a section or returns ErrNotFound.
func (s *Store) SectionByID(ctx context.Context, id int64) (news.Section, error) {
	var sec news.Section
	err := s.read.QueryRowContext(ctx, s.q.get("section-by-id"), id).
		Scan(&sec.ID, &sec.Slug, &sec.Name, &sec.Description, &sec.Position)
	return sec, mapError(err)
}

// UpdateSection saves a section's fields; a taken slug is ErrConflict.
func (s *Store) UpdateSection(ctx context.Context, sec news.Section, ch Change) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q.get("update-section"), sec.ID, sec.Slug, sec.Name, sec.Description, sec.Position)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return s.audit(ctx, tx, ch, "section", sec.ID, "", "")
	})
}

// TagCount is a tag with the number of articles carrying it.
type TagCount struct {
	news.Tag
	Articles int
}

// Tags lists tags by name with their use counts.
func (s *Store) Tags(ctx context.Context, limit, offset int) ([]TagCount, error) {
	rows, err := s.read.QueryContext(ctx, s.q.get("tags"), limit, offset)
	if err != nil {
		return nil, mapError(err)
	}
	defer rows.Close()
	var out []TagCount
	for rows.Next() {
		var t TagCount
		if err := rows.Scan(&t.ID, &t.Slug, &t.Name, &t.Articles); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RenameTag changes a tag's display name (its address stays) and re-indexes
// the published items carrying it, in one transaction.
func (s *Store) RenameTag(ctx context.Context, id int64, name string, ch Change) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q.get("rename-tag"), id, name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		if err := s.reindexTag(ctx, tx, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, ch, "tag", id, "", "")
	})
}
