package store

import (
	"context"
	"errors"
	"fmt"

	"dateline/internal/news"
)

// Why a link between two articles was refused; each is an ErrConflict.
var (
	ErrSameEdition  = fmt.Errorf("%w: both articles are in the same edition", ErrConflict)
	ErrEditionTaken = fmt.Errorf("%w: the story already has a version in that edition", ErrConflict)
	ErrOtherStory   = fmt.Errorf("%w: the articles already belong to two different stories", ErrConflict)
)

// Translation is another edition's version of an article's story.
type Translation struct {
	ID       int64
	Slug     string
	Lang     string
	Headline string
	Status   news.Status
}

// Path is the translation's public path within its edition.
func (t Translation) Path() string { return news.ArticlePath(t.ID, t.Slug) }

// Translations lists the other versions of an article's story, whatever their
// status; callers showing them to readers keep the published ones.
func (s *Store) Translations(ctx context.Context, articleID int64) ([]Translation, error) {
	rows, err := s.read.QueryContext(ctx, s.q.TranslationsOf, articleID)
	if err != nil {
		return nil, err
	}
	return scanTranslations(rows)
}

// scanTranslations reads the rows of the translations-of query.
func scanTranslations(rows *dbRows) ([]Translation, error) {
	defer rows.Close()
	var out []Translation
	for rows.Next() {
		var t Translation
		if err := rows.Scan(&t.ID, &t.Slug, &t.Lang, &t.Headline, &t.Status); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// LinkTranslation records that article and other are versions of one story.
// If either already belongs to a story the other joins it; a story has at
// most one version per edition. Both articles' audit trails get an entry.
func (s *Store) LinkTranslation(ctx context.Context, articleID, otherID int64, ch Change) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		var langA, langB string
		if err := tx.QueryRowContext(ctx, s.q.ArticleLang, articleID).Scan(&langA); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, s.q.ArticleLang, otherID).Scan(&langB); err != nil {
			return err
		}
		if langA == langB {
			return ErrSameEdition
		}
		storyA, err := s.storyOf(ctx, tx, articleID)
		if err != nil {
			return err
		}
		storyB, err := s.storyOf(ctx, tx, otherID)
		if err != nil {
			return err
		}
		switch {
		case storyA != 0 && storyB != 0 && storyA != storyB:
			return ErrOtherStory
		case storyA != 0 && storyA == storyB:
			return nil // already linked
		case storyA == 0 && storyB == 0:
			storyA = articleID
			if err := s.joinStory(ctx, tx, articleID, storyA, langA); err != nil {
				return err
			}
			fallthrough
		case storyA != 0:
			if err := s.joinStory(ctx, tx, otherID, storyA, langB); err != nil {
				return err
			}
		default: // only other belongs to a story
			if err := s.joinStory(ctx, tx, articleID, storyB, langA); err != nil {
				return err
			}
		}
		if err := s.touchStory(ctx, tx, articleID); err != nil {
			return err
		}
		detail := fmt.Sprintf("linked %d (%s) and %d (%s)", articleID, langA, otherID, langB)
		ch.Detail = detail
		if err := s.audit(ctx, tx, ch, "article", articleID, "", ""); err != nil {
			return err
		}
		return s.audit(ctx, tx, ch, "article", otherID, "", "")
	})
}

// UnlinkTranslation takes an article out of its story; a story left with a
// single version is dissolved.
func (s *Store) UnlinkTranslation(ctx context.Context, articleID int64, ch Change) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		story, err := s.storyOf(ctx, tx, articleID)
		if err != nil || story == 0 {
			return err
		}
		if err := s.touchStory(ctx, tx, articleID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q.DeleteTranslation, articleID); err != nil {
			return err
		}
		var left int
		if err := tx.QueryRowContext(ctx, s.q.TranslationGroupSize, story).Scan(&left); err != nil {
			return err
		}
		if left < 2 {
			if _, err := tx.ExecContext(ctx, s.q.DeleteTranslationGroup, story); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, ch, "article", articleID, "", "")
	})
}

// storyOf returns the story an article belongs to, or 0.
func (s *Store) storyOf(ctx context.Context, tx *dbTx, articleID int64) (int64, error) {
	var story int64
	err := tx.QueryRowContext(ctx, s.q.TranslationGroup, articleID).Scan(&story)
	if errors.Is(err, ErrNotFound) {
		return 0, nil
	}
	return story, err
}

func (s *Store) joinStory(ctx context.Context, tx *dbTx, articleID, story int64, lang string) error {
	_, err := tx.ExecContext(ctx, s.q.InsertTranslation, articleID, story, lang)
	if errors.Is(err, ErrConflict) {
		return ErrEditionTaken
	}
	return err
}

// moveTranslation keeps a linked article's edition in step when its
// language changes; another version already in the new edition refuses it.
func (s *Store) moveTranslation(ctx context.Context, tx *dbTx, a *news.Article) error {
	_, err := tx.ExecContext(ctx, s.q.UpdateTranslationLang, a.ID, a.Lang)
	if errors.Is(err, ErrConflict) {
		return ErrEditionTaken
	}
	return err
}
