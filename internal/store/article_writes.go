package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"dateline/internal/news"
)

// ErrStale is returned when an article changed after the caller loaded it:
// a second editor saving the same version is refused, never silently merged.
var ErrStale = errors.New("the article was changed by someone else since it was opened")

// Change says who is changing something and how, for the revision and the
// audit log written in the same transaction as the change.
type Change struct {
	StaffID int64  // 0 for the system (the scheduler, demo seeding)
	Actor   string // name shown in the log: the staff member's name, "scheduler", ...
	Action  string // "create", "save", "submit", "publish", "schedule", "unpublish", "restore", ...
	Detail  string
}

// CreateArticle inserts a new article with its tags (created as needed),
// authors, first revision and audit entry, in one transaction, and sets a.ID
// and a.Version. BodyHTML must already be rendered.
func (s *Store) CreateArticle(ctx context.Context, a *news.Article, ch Change) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		if err := s.insertArticle(ctx, tx, a); err != nil {
			return err
		}
		if err := s.touchArticle(ctx, tx, a.ID); err != nil {
			return err
		}
		if err := s.addRevision(ctx, tx, a, ch); err != nil {
			return err
		}
		return s.audit(ctx, tx, ch, "article", a.ID, "", string(a.Status))
	})
}

// ImportArticles inserts many new articles in one transaction, the way a
// migration from another system or a benchmark data set arrives. It writes
// no revisions or audit entries per article.
func (s *Store) ImportArticles(ctx context.Context, list []news.Article) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		for i := range list {
			if err := s.insertArticle(ctx, tx, &list[i]); err != nil {
				return err
			}
			if err := s.touchArticle(ctx, tx, list[i].ID); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) insertArticle(ctx context.Context, tx *dbTx, a *news.Article) error {
	if a.Slug == "" {
		a.Slug = news.Slugify(a.Headline)
	}
	now := time.Now().UTC()
	if a.CreatedAt.IsZero() {
		a.CreatedAt = now
	}
	if a.UpdatedAt.IsZero() {
		a.UpdatedAt = now
	}
	err := tx.QueryRowContext(ctx, s.q.InsertArticle,
		a.Slug, a.Headline, a.Summary, a.BodyMarkdown, a.BodyHTML, a.Section.ID,
		a.Source.Agency, a.Source.Name, a.Place, a.Lang, imageRef(a.Image), a.ImageCaption, a.ImageCredit,
		string(a.Status), dbTime(a.PublishedAt), dbTime(a.CreatedAt), dbTime(a.UpdatedAt),
		dbTime(a.ScheduledAt), nullID(a.OwnerID)).Scan(&a.ID)
	if err != nil {
		return fmt.Errorf("insert article: %w", err)
	}
	a.Version = 1
	if err := s.writeArticleLinks(ctx, tx, a); err != nil {
		return err
	}
	return s.reindexArticle(ctx, tx, a.ID)
}

// UpdateArticle saves every field of an existing article, replaces its tags
// and authors, and writes a revision and an audit entry, in one transaction.
// a.Version must be the version the caller loaded: if the article has changed
// since, nothing is written and ErrStale is returned. On success a.Version is
// the new version.
func (s *Store) UpdateArticle(ctx context.Context, a *news.Article, ch Change) error {
	a.UpdatedAt = time.Now().UTC()
	return s.inTx(ctx, func(tx *dbTx) error {
		var before news.Status
		var version int
		if err := tx.QueryRowContext(ctx, s.q.ArticleStatusVersion, a.ID).Scan(&before, &version); err != nil {
			return err
		}
		if version != a.Version {
			return ErrStale
		}
		// The pages that showed the article before the change go too: it may
		// leave a section, an edition or a tag, or stop being published.
		if err := s.touchArticle(ctx, tx, a.ID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, s.q.UpdateArticle, a.ID,
			a.Slug, a.Headline, a.Summary, a.BodyMarkdown, a.BodyHTML, a.Section.ID,
			a.Source.Agency, a.Source.Name, a.Place, a.Lang, imageRef(a.Image), a.ImageCaption, a.ImageCredit,
			string(a.Status), dbTime(a.PublishedAt), dbTime(a.UpdatedAt), dbTime(a.ScheduledAt), a.Version)
		if err != nil {
			return fmt.Errorf("update article %d: %w", a.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrStale
		}
		a.Version++
		if err := s.moveTranslation(ctx, tx, a); err != nil {
			return err
		}
		for _, q := range []string{s.q.DeleteArticleTags, s.q.DeleteArticleAuthors} {
			if _, err := tx.ExecContext(ctx, q, a.ID); err != nil {
				return err
			}
		}
		if err := s.writeArticleLinks(ctx, tx, a); err != nil {
			return err
		}
		// Publishing, unpublishing, scheduling and every correction pass
		// here: the index changes in the same transaction as the article.
		if err := s.reindexArticle(ctx, tx, a.ID); err != nil {
			return err
		}
		if err := s.touchArticle(ctx, tx, a.ID); err != nil {
			return err
		}
		if err := s.touchStory(ctx, tx, a.ID); err != nil {
			return err
		}
		if err := s.addRevision(ctx, tx, a, ch); err != nil {
			return err
		}
		return s.audit(ctx, tx, ch, "article", a.ID, string(before), string(a.Status))
	})
}

func imageRef(img *news.Image) any {
	if img == nil || img.ID == 0 {
		return nil
	}
	return img.ID
}

// nullID stores 0 as NULL, for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// writeArticleLinks stores the article's tags (creating unknown ones) and
// authors in their given order.
func (s *Store) writeArticleLinks(ctx context.Context, tx *dbTx, a *news.Article) error {
	seen := map[int64]bool{}
	for i := range a.Tags {
		if err := s.ensureTag(ctx, tx, &a.Tags[i]); err != nil {
			return err
		}
		if seen[a.Tags[i].ID] {
			continue
		}
		seen[a.Tags[i].ID] = true
		if _, err := tx.ExecContext(ctx, s.q.InsertArticleTag, a.ID, a.Tags[i].ID, i); err != nil {
			return fmt.Errorf("tag article: %w", err)
		}
	}
	clear(seen)
	for i, au := range a.Authors {
		if seen[au.ID] {
			continue
		}
		seen[au.ID] = true
		if _, err := tx.ExecContext(ctx, s.q.InsertArticleAuthor, a.ID, au.ID, i); err != nil {
			return fmt.Errorf("credit author %d: %w", au.ID, err)
		}
	}
	return nil
}

// Snapshot is what a revision keeps beyond its text columns: enough to
// restore the article, and to show what changed between versions.
type Snapshot struct {
	Slug         string      `json:"slug"`
	SectionID    int64       `json:"section_id"`
	Tags         []string    `json:"tags"`
	AuthorIDs    []int64     `json:"author_ids"`
	Source       news.Source `json:"source"`
	Place        string      `json:"place"`
	Lang         string      `json:"lang"`
	ImageID      int64       `json:"image_id,omitempty"`
	ImageCaption string      `json:"image_caption"`
	ImageCredit  string      `json:"image_credit"`
	ScheduledAt  time.Time   `json:"scheduled_at,omitzero"`
}

func (s *Store) addRevision(ctx context.Context, tx *dbTx, a *news.Article, ch Change) error {
	snap := Snapshot{Slug: a.Slug, SectionID: a.Section.ID, Source: a.Source, Place: a.Place, Lang: a.Lang,
		ImageCaption: a.ImageCaption, ImageCredit: a.ImageCredit, ScheduledAt: a.ScheduledAt,
		Tags: []string{}, AuthorIDs: []int64{}}
	for _, t := range a.Tags {
		snap.Tags = append(snap.Tags, t.Name)
	}
	for _, au := range a.Authors {
		snap.AuthorIDs = append(snap.AuthorIDs, au.ID)
	}
	if a.Image != nil {
		snap.ImageID = a.Image.ID
	}
	js, err := json.Marshal(snap)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, s.q.InsertRevision, a.ID, a.Version, nullID(ch.StaffID), ch.Actor, ch.Action,
		dbTime(time.Now()), string(a.Status), a.Headline, a.Summary, a.BodyMarkdown, string(js))
	if err != nil {
		return fmt.Errorf("revision of article %d: %w", a.ID, err)
	}
	return nil
}

// DeleteArticle removes a never-published article with its revisions, and
// audits it. A published one is not deleted (ErrConflict).
func (s *Store) DeleteArticle(ctx context.Context, id int64, ch Change) error {
	return s.inTx(ctx, func(tx *dbTx) error {
		var before news.Status
		var version int
		if err := tx.QueryRowContext(ctx, s.q.ArticleStatusVersion, id).Scan(&before, &version); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, s.q.DeleteArticle, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrConflict
		}
		s.touch(tx, PagesArticle(id))
		if err := s.unindex(ctx, tx, SearchArticle, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, ch, "article", id, string(before), "deleted")
	})
}
