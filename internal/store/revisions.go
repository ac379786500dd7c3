package store

import (
	"context"
	"encoding/json"
	"time"

	"dateline/internal/news"
)

// Revision is one saved state of an article.
type Revision struct {
	ID        int64
	ArticleID int64
	Version   int
	Actor     string
	Action    string
	CreatedAt time.Time
	Status    news.Status
	Headline  string
	Summary   string
	Body      string
	snap      Snapshot
}

// Snapshot returns the fields the revision keeps beyond its text.
func (r Revision) Snapshot() Snapshot { return r.snap }

func scanRevision(row scanner) (Revision, error) {
	var r Revision
	var at utc
	var snap string
	if err := row.Scan(&r.ID, &r.ArticleID, &r.Version, &r.Actor, &r.Action, &at, &r.Status,
		&r.Headline, &r.Summary, &r.Body, &snap); err != nil {
		return r, err
	}
	r.CreatedAt = at.t
	return r, json.Unmarshal([]byte(snap), &r.snap)
}

// Revisions lists an article's revisions, newest first.
func (s *Store) Revisions(ctx context.Context, articleID int64, limit int) ([]Revision, error) {
	rows, err := s.read.QueryContext(ctx, s.q.RevisionsOfArticle, articleID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		r, err := scanRevision(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Revision returns one revision of an article, or ErrNotFound.
func (s *Store) Revision(ctx context.Context, articleID, id int64) (Revision, error) {
	return scanRevision(s.read.QueryRowContext(ctx, s.q.RevisionByID, id, articleID))
}

// ApplyTo copies the revision's content onto a (keeping a's id, status,
// dates and version), so that saving a restores it. The body HTML must be
// rendered again by the caller.
func (r Revision) ApplyTo(a *news.Article) {
	a.Headline, a.Summary, a.BodyMarkdown = r.Headline, r.Summary, r.Body
	a.Slug = r.snap.Slug
	a.Section = news.Section{ID: r.snap.SectionID}
	a.Tags = a.Tags[:0]
	for _, name := range r.snap.Tags {
		a.Tags = append(a.Tags, news.Tag{Name: name})
	}
	a.Authors = a.Authors[:0]
	for _, id := range r.snap.AuthorIDs {
		a.Authors = append(a.Authors, news.Author{ID: id})
	}
	a.Source, a.Place, a.Lang = r.snap.Source, r.snap.Place, r.snap.Lang
	a.Image = nil
	if r.snap.ImageID != 0 {
		a.Image = &news.Image{ID: r.snap.ImageID}
	}
	a.ImageCaption, a.ImageCredit = r.snap.ImageCaption, r.snap.ImageCredit
}
