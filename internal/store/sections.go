package store

import (
	"context"

	"dateline/internal/news"
)

// CreateSection adds a section and sets its ID; a taken slug is ErrConflict.
func (s *Store) CreateSection(ctx context.Context, sec *news.Section) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		s.touch(tx, PagesAll) // a new section joins every page's navigation
		return tx.QueryRowContext(ctx, s.q.InsertSection,
			sec.Slug, sec.Name, sec.Description, sec.Position).Scan(&sec.ID)
	})
}

// Sections lists every section in display order, under its English name.
func (s *Store) Sections(ctx context.Context) ([]news.Section, error) {
	return s.sectionList(ctx, s.q.Sections)
}

// SectionsIn lists every section in display order under its name in lang,
// or its English name where none is set.
func (s *Store) SectionsIn(ctx context.Context, lang string) ([]news.Section, error) {
	return s.sectionList(ctx, s.q.SectionsIn, lang)
}

func (s *Store) sectionList(ctx context.Context, query string, args ...any) ([]news.Section, error) {
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
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
	err := s.read.QueryRowContext(ctx, s.q.SectionBySlug, slug).
		Scan(&sec.ID, &sec.Slug, &sec.Name, &sec.Description, &sec.Position)
	return sec, err
}

// SectionBySlugIn finds a section under its name in lang, or ErrNotFound.
func (s *Store) SectionBySlugIn(ctx context.Context, slug, lang string) (news.Section, error) {
	var sec news.Section
	err := s.read.QueryRowContext(ctx, s.q.SectionBySlugIn, slug, lang).
		Scan(&sec.ID, &sec.Slug, &sec.Name, &sec.Description, &sec.Position)
	return sec, err
}

// SectionName is a section's name and description in one edition.
type SectionName struct {
	SectionID   int64
	Lang        string
	Name        string
	Description string
}

// SectionNames returns every translated section name.
func (s *Store) SectionNames(ctx context.Context) ([]SectionName, error) {
	rows, err := s.read.QueryContext(ctx, s.q.SectionNames)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SectionName
	for rows.Next() {
		var n SectionName
		if err := rows.Scan(&n.SectionID, &n.Lang, &n.Name, &n.Description); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// SetSectionName sets a section's name in one edition; an empty name removes
// it, so the edition falls back to the English name.
func (s *Store) SetSectionName(ctx context.Context, n SectionName, ch Change) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		s.touch(tx, PagesAll) // section and tag names appear on every page
		var err error
		if n.Name == "" {
			_, err = tx.ExecContext(ctx, s.q.DeleteSectionName, n.SectionID, n.Lang)
		} else {
			_, err = tx.ExecContext(ctx, s.q.UpsertSectionName, n.SectionID, n.Lang, n.Name, n.Description)
		}
		if err != nil {
			return err
		}
		ch.Detail = n.Lang
		return s.audit(ctx, tx, ch, "section", n.SectionID, "", n.Name)
	})
}

// SectionByID finds a section or returns ErrNotFound.
func (s *Store) SectionByID(ctx context.Context, id int64) (news.Section, error) {
	var sec news.Section
	err := s.read.QueryRowContext(ctx, s.q.SectionByID, id).
		Scan(&sec.ID, &sec.Slug, &sec.Name, &sec.Description, &sec.Position)
	return sec, err
}

// UpdateSection saves a section's fields; a taken slug is ErrConflict.
func (s *Store) UpdateSection(ctx context.Context, sec news.Section, ch Change) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		s.touch(tx, PagesAll) // section and tag names appear on every page
		res, err := tx.ExecContext(ctx, s.q.UpdateSection, sec.ID, sec.Slug, sec.Name, sec.Description, sec.Position)
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
	rows, err := s.read.QueryContext(ctx, s.q.Tags, limit, offset)
	if err != nil {
		return nil, err
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
	return s.inTx(ctx, func(tx *dbTx) error {
		s.touch(tx, PagesAll) // section and tag names appear on every page
		res, err := tx.ExecContext(ctx, s.q.RenameTag, id, name)
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
