package desk

import (
	"context"
	"errors"
	"strings"

	"dateline/internal/auth"
	"dateline/internal/imaging"
	"dateline/internal/markup"
	"dateline/internal/news"
)

func isImageProblem(err error) bool {
	return errors.Is(err, imaging.ErrNotImage) || errors.Is(err, imaging.ErrTooLarge)
}

// MaxCorrection bounds a correction note.
const MaxCorrection = 2000

// Correct appends a dated correction or update note to a published article.
func (d *Desk) Correct(ctx context.Context, actor auth.Actor, id int64, kind news.CorrectionKind, body string) (news.Correction, error) {
	c := news.Correction{Kind: kind, Body: strings.TrimSpace(body)}
	if err := actor.Require(auth.CorrectArticle, "append corrections"); err != nil {
		return c, err
	}
	if kind != news.KindCorrection && kind != news.KindUpdate {
		return c, invalid("Choose whether the note is a correction or an update.")
	}
	if c.Body == "" || len(c.Body) > MaxCorrection {
		return c, invalid("Write the note (at most %d characters).", MaxCorrection)
	}
	a, err := d.store.Article(ctx, id)
	if err != nil {
		return c, err
	}
	if a.Status != news.StatusPublished {
		return c, invalid("Corrections are for published articles; edit this %s article instead.", a.Status)
	}
	err = d.store.AddCorrection(ctx, id, &c, actor.Change("correct", string(kind)+": "+c.Body))
	return c, err
}

// restoreArticle replaces an article's content with that of one of its
// revisions and renders it again.
func (d *Desk) restoreArticle(ctx context.Context, a *news.Article, revisionID int64) (int, error) {
	rev, err := d.store.Revision(ctx, a.ID, revisionID)
	if err != nil {
		return 0, err
	}
	rev.ApplyTo(a)
	if a.Section, err = d.store.SectionByID(ctx, a.Section.ID); err != nil {
		return 0, err
	}
	body, err := d.md.Render(a.BodyMarkdown)
	if errors.Is(err, markup.ErrTooComplex) {
		// A revision saved before the limits existed.
		return 0, &InputError{Problems: []string{"This revision cannot be restored. " + err.Error()}}
	} else if err != nil {
		return 0, err
	}
	a.BodyHTML = string(body)
	return rev.Version, nil
}
