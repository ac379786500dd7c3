package desk

import (
	"context"
	"errors"
	"strconv"

	"dateline/internal/auth"
	"dateline/internal/store"
)

// LinkTranslation records that two articles in different editions are
// versions of one story, so readers can switch between them. Linking is an
// editor's call: it changes what readers of both pages are offered.
func (d *Desk) LinkTranslation(ctx context.Context, actor auth.Actor, id, otherID int64) error {
	if err := actor.Require(auth.EditAnyArticle, "link translations"); err != nil {
		return err
	}
	if otherID == id {
		return invalid("Choose a different article: an article cannot be its own translation.")
	}
	if _, err := d.store.Article(ctx, otherID); errors.Is(err, store.ErrNotFound) {
		return invalid("There is no article %d.", otherID)
	} else if err != nil {
		return err
	}
	err := d.store.LinkTranslation(ctx, id, otherID, actor.Change("link-translation", strconv.FormatInt(otherID, 10)))
	switch {
	case errors.Is(err, store.ErrSameEdition):
		return invalid("Article %d is in the same edition; a translation must be in another edition.", otherID)
	case errors.Is(err, store.ErrEditionTaken):
		return invalid("The story already has a version in that edition. Unlink that version first.")
	case errors.Is(err, store.ErrOtherStory):
		return invalid("Article %d is already linked to another story. Unlink it there first.", otherID)
	}
	return err
}

// UnlinkTranslation takes an article out of its story's set of versions.
func (d *Desk) UnlinkTranslation(ctx context.Context, actor auth.Actor, id int64) error {
	if err := actor.Require(auth.EditAnyArticle, "unlink translations"); err != nil {
		return err
	}
	if _, err := d.store.Article(ctx, id); err != nil {
		return err
	}
	return d.store.UnlinkTranslation(ctx, id, actor.Change("unlink-translation", ""))
}
