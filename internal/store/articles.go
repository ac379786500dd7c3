package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"dateline/internal/news"
)

// scanner is what dbRow and dbRows have in common.
type scanner interface{ Scan(...any) error }

// cardColumns returns scan targets for the article_cards view, in its order.
func cardColumns(a *news.Article, imageID, owner *sql.NullInt64, img *news.Image, pub, created, updated, sched *utc) []any {
	return []any{&a.ID, &a.Slug, &a.Headline, &a.Summary,
		&a.Section.ID, &a.Section.Slug, &a.Section.Name,
		&a.Source.Agency, &a.Source.Name, &a.Place, &a.Lang,
		imageID, &img.Filename, &img.Ext, &img.Width, &img.Height,
		&a.ImageCaption, &a.ImageCredit,
		&a.Status, pub, created, updated,
		sched, owner, &a.Version}
}

func scanArticle(row scanner, withBody bool) (news.Article, error) {
	var a news.Article
	var imageID, owner sql.NullInt64
	var img news.Image
	var pub, created, updated, sched utc
	dest := cardColumns(&a, &imageID, &owner, &img, &pub, &created, &updated, &sched)
	if withBody {
		dest = append(dest, &a.BodyMarkdown, &a.BodyHTML)
	}
	if err := row.Scan(dest...); err != nil {
		return a, err
	}
	if imageID.Valid {
		img.ID = imageID.Int64
		a.Image = &img
	}
	a.PublishedAt, a.CreatedAt, a.UpdatedAt, a.ScheduledAt = pub.t, created.t, updated.t, sched.t
	a.OwnerID = owner.Int64
	return a, nil
}

// Article returns any article by id, whatever its status.
func (s *Store) Article(ctx context.Context, id int64) (news.Article, error) {
	return s.oneArticle(ctx, s.q.ArticleByID, id)
}

// PublishedArticle returns the article only if readers may see it.
func (s *Store) PublishedArticle(ctx context.Context, id int64) (news.Article, error) {
	return s.oneArticle(ctx, s.q.PublishedArticleByID, id)
}

func (s *Store) oneArticle(ctx context.Context, query string, id int64) (news.Article, error) {
	a, err := scanArticle(s.read.QueryRowContext(ctx, query, id), true)
	if err != nil {
		return a, err
	}
	list := []news.Article{a}
	if err := s.fillLinks(ctx, list); err != nil {
		return a, err
	}
	a = list[0]
	a.Corrections, err = s.Corrections(ctx, id)
	return a, err
}

// ListFilter selects published articles for a list page. At most one of
// SectionID and TagID is set; Lang "" means every language.
type ListFilter struct {
	SectionID  int64
	TagID      int64
	Lang       string
	Limit      int
	Offset     int
	WithLinks  bool // also load tags and authors
	WithBodies bool // also load the Markdown and HTML bodies
}

// listQueries picks the queries and arguments for a filter: one edition's
// list when Lang is set, every edition's otherwise.
func (s *Store) listQueries(f ListFilter) (list, count string, args []any) {
	q := &s.q
	all := f.Lang == ""
	switch {
	case f.SectionID != 0 && all:
		list, count, args = q.PublishedBySectionAny, q.PublishedBySectionAnyCount, []any{f.SectionID}
	case f.SectionID != 0:
		list, count, args = q.PublishedBySection, q.PublishedBySectionCount, []any{f.SectionID}
	case f.TagID != 0 && all:
		list, count, args = q.PublishedByTagAny, q.PublishedByTagAnyCount, []any{f.TagID}
	case f.TagID != 0:
		list, count, args = q.PublishedByTag, q.PublishedByTagCount, []any{f.TagID}
	case all:
		list, count = q.PublishedLatestAny, q.PublishedLatestAnyCount
	default:
		list, count = q.PublishedLatest, q.PublishedLatestCount
	}
	if !all {
		args = append(args, f.Lang)
	}
	return list, count, args
}

// PublishedList returns one page of published articles, newest first.
func (s *Store) PublishedList(ctx context.Context, f ListFilter) ([]news.Article, error) {
	listQ, _, args := s.listQueries(f)
	list, err := s.articleList(ctx, listQ, append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, err
	}
	if f.WithLinks {
		if err := s.fillLinks(ctx, list); err != nil {
			return nil, err
		}
	}
	if f.WithBodies {
		if err := s.fillBodies(ctx, list); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// PublishedCount counts the published articles a filter matches (Limit and
// Offset are ignored). Lists that show no page numbers need not ask.
func (s *Store) PublishedCount(ctx context.Context, f ListFilter) (int, error) {
	_, countQ, args := s.listQueries(f)
	var total int
	err := s.read.QueryRowContext(ctx, countQ, args...).Scan(&total)
	return total, err
}

// Related returns other published articles from the article's section, in its
// language, newest first.
func (s *Store) Related(ctx context.Context, a news.Article, limit int) ([]news.Article, error) {
	return s.articleList(ctx, s.q.RelatedInSection, a.Section.ID, a.ID, a.Lang, limit)
}

func (s *Store) articleList(ctx context.Context, query string, args ...any) ([]news.Article, error) {
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []news.Article
	for rows.Next() {
		a, err := scanArticle(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// idsOf indexes list by article id and returns the ids as a JSON array, the
// one form of "these ids" that both engines take as a single parameter.
func idsOf(list []news.Article) (map[int64]int, string) {
	index := make(map[int64]int, len(list))
	ids := make([]int64, len(list))
	for i, a := range list {
		index[a.ID], ids[i] = i, a.ID
	}
	idJSON, _ := json.Marshal(ids)
	return index, string(idJSON)
}

// fillBodies loads the bodies of every article in list with one query.
func (s *Store) fillBodies(ctx context.Context, list []news.Article) error {
	if len(list) == 0 {
		return nil
	}
	index, ids := idsOf(list)
	rows, err := s.read.QueryContext(ctx, s.q.BodiesOfArticles, ids)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var md, html string
		if err := rows.Scan(&id, &md, &html); err != nil {
			return err
		}
		a := &list[index[id]]
		a.BodyMarkdown, a.BodyHTML = md, html
	}
	return rows.Err()
}

// fillLinks loads tags and authors for every article in list with two queries.
func (s *Store) fillLinks(ctx context.Context, list []news.Article) error {
	if len(list) == 0 {
		return nil
	}
	index, ids := idsOf(list)
	for _, tags := range []bool{true, false} {
		query := s.q.AuthorsOfArticles
		if tags {
			query = s.q.TagsOfArticles
		}
		rows, err := s.read.QueryContext(ctx, query, ids)
		if err != nil {
			return err
		}
		for rows.Next() {
			var articleID, id int64
			var slug, name string
			if err := rows.Scan(&articleID, &id, &slug, &name); err != nil {
				rows.Close()
				return err
			}
			a := &list[index[articleID]]
			if tags {
				a.Tags = append(a.Tags, news.Tag{ID: id, Slug: slug, Name: name})
			} else {
				a.Authors = append(a.Authors, news.Author{ID: id, Slug: slug, Name: name})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// SitemapEntry is what a sitemap needs of an article.
type SitemapEntry struct {
	ID        int64
	Slug      string
	Headline  string
	Lang      string
	Published time.Time
	Updated   time.Time
}

// SitemapArticles returns one edition's published articles by id, a page at
// a time.
func (s *Store) SitemapArticles(ctx context.Context, lang string, limit, offset int) ([]SitemapEntry, error) {
	rows, err := s.read.QueryContext(ctx, s.q.SitemapArticles, lang, limit, offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SitemapEntry
	for rows.Next() {
		var e SitemapEntry
		var up utc
		if err := rows.Scan(&e.ID, &e.Slug, &up); err != nil {
			return nil, err
		}
		e.Updated = up.t
		out = append(out, e)
	}
	return out, rows.Err()
}

// NewsSitemapArticles returns one edition's articles published since the
// given instant, newest first.
func (s *Store) NewsSitemapArticles(ctx context.Context, lang string, since time.Time, limit int) ([]SitemapEntry, error) {
	rows, err := s.read.QueryContext(ctx, s.q.NewsSitemapArticles, lang, dbTime(since), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SitemapEntry
	for rows.Next() {
		var e SitemapEntry
		var pub utc
		if err := rows.Scan(&e.ID, &e.Slug, &e.Headline, &e.Lang, &pub); err != nil {
			return nil, err
		}
		e.Published = pub.t
		out = append(out, e)
	}
	return out, rows.Err()
}

// LastUpdate returns when any published article of an edition last changed
// (zero if none).
func (s *Store) LastUpdate(ctx context.Context, lang string) (time.Time, error) {
	var id int64
	var up utc
	err := s.read.QueryRowContext(ctx, s.q.LastPublishedUpdate, lang).Scan(&id, &up)
	if errors.Is(err, ErrNotFound) {
		return time.Time{}, nil
	}
	return up.t, err
}
