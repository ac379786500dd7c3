package desk

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"dateline/internal/auth"
	"dateline/internal/imaging"
	"dateline/internal/news"
	"dateline/internal/store"
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

// Restore saves an earlier revision's content as the article's current
// content (keeping its status), as a new revision.
func (d *Desk) Restore(ctx context.Context, actor auth.Actor, id, revisionID int64, version int) (news.Article, error) {
	if err := actor.Require(auth.RestoreRevision, "restore revisions"); err != nil {
		return news.Article{}, err
	}
	a, err := d.store.Article(ctx, id)
	if err != nil {
		return a, err
	}
	if version != a.Version {
		return a, store.ErrStale
	}
	rev, err := d.store.Revision(ctx, id, revisionID)
	if err != nil {
		return a, err
	}
	rev.ApplyTo(&a)
	if a.Section, err = d.store.SectionByID(ctx, a.Section.ID); err != nil {
		return a, err
	}
	body, err := d.md.Render(a.BodyMarkdown)
	if err != nil {
		return a, err
	}
	a.BodyHTML = string(body)
	err = d.store.UpdateArticle(ctx, &a, actor.Change("restore", "revision "+strconv.Itoa(rev.Version)))
	return a, err
}

// Delete removes an article that was never published; published copy is
// unpublished instead, so that what readers saw stays on the record.
func (d *Desk) Delete(ctx context.Context, actor auth.Actor, id int64) error {
	if err := actor.Require(auth.EditAnyArticle, "delete articles"); err != nil {
		return err
	}
	a, err := d.store.Article(ctx, id)
	if err != nil {
		return err
	}
	if !a.PublishedAt.IsZero() {
		return &InputError{Problems: []string{"This article has been published; unpublish it instead of deleting it."}}
	}
	return d.store.DeleteArticle(ctx, id, actor.Change("delete", a.Headline))
}
