package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"dateline/internal/news"
	"dateline/internal/search"
)

// SearchQuery is a search of the published articles and video stories.
type SearchQuery struct {
	Query  search.Query
	Lang   string // "" searches every language
	Limit  int    // hits wanted, 1 to MaxSearchLimit; 0 means 20
	Offset int
}

// MaxSearchLimit bounds one page of hits.
const MaxSearchLimit = 100

// SearchHit is one found item with the text a result shows and cuts its
// snippet from.
type SearchHit struct {
	Kind        string // SearchArticle or SearchVideo
	ID          int64
	Slug        string
	Lang        string
	Title       string // an article's headline, a video story's title
	Summary     string
	Body        string // the body as plain text (HTML stripped); "" for a video story
	PublishedAt time.Time
}

// Path is the public address of a hit. It is the one place a search
// result's address is made, for the site and the API alike, so an edition
// prefix needs adding only here.
func (h SearchHit) Path() string {
	if h.Kind == SearchVideo {
		return news.VideoPath(h.ID, h.Slug)
	}
	return news.ArticlePath(h.ID, h.Slug)
}

// SearchResults is one page of hits and how many items match in all.
type SearchResults struct {
	Total int
	Hits  []SearchHit
}

// searchCandidates is how many of the newest matches are ranked by
// relevance. Ranking reads every candidate's word positions, so ranking all
// matches of a word found in most stories would cost time in proportion to
// the archive. Instead the newest searchCandidates matches are ranked
// (relevance times the recency boost, see search.sql), and any older
// matches follow them, newest first. A query matching fewer items than
// this, which is any query with a word of some rarity, is ranked in full;
// Total always counts every match.
const searchCandidates = 1000

// Search finds published articles and video stories matching every term of
// the query, best first. A page past the end has no hits but the true
// Total. The count, the page and the hits' text come from one read-only
// transaction, so they agree.
func (s *Store) Search(ctx context.Context, q SearchQuery) (SearchResults, error) {
	var out SearchResults
	if len(q.Query.Terms) == 0 {
		return out, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, MaxSearchLimit)
	offset := max(q.Offset, 0)
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return out, err
	}
	defer tx.Rollback()
	if s.dialect == Postgres {
		if _, err := tx.ExecContext(ctx, s.q.SearchPlan); err != nil {
			return out, err
		}
	}
	out.Total = -1 // not counted yet
	if offset < searchCandidates {
		n := min(limit, searchCandidates-offset)
		if out.Hits, out.Total, err = searchPage(ctx, tx, s.q.SearchRanked, s.searchArgs(q, searchCandidates, time.Now().Unix(), n, offset)); err != nil {
			return out, err
		}
	}
	if out.Total < 0 {
		// No ranked row carried the count: a page past the ranked matches.
		if err := tx.QueryRowContext(ctx, s.q.SearchCount, s.searchArgs(q)...).Scan(&out.Total); err != nil {
			return out, err
		}
	}
	next := offset + len(out.Hits)
	if rest := limit - len(out.Hits); rest > 0 && next >= searchCandidates && next < out.Total {
		older, _, err := searchPage(ctx, tx, s.q.SearchRecent, s.searchArgs(q, rest, next))
		if err != nil {
			return out, err
		}
		out.Hits = append(out.Hits, older...)
	}
	if err := s.fillSearchHits(ctx, tx, out.Hits); err != nil {
		return out, err
	}
	return out, tx.Commit()
}

// searchArgs puts the query first, as each engine's SQL expects it: on
// SQLite one MATCH expression with the language inside, on PostgreSQL the
// tsquery and then the language.
func (s *Store) searchArgs(q SearchQuery, rest ...any) []any {
	if s.dialect == Postgres {
		return append([]any{tsQuery(q.Query), q.Lang}, rest...)
	}
	return append([]any{ftsMatch(q.Query, q.Lang)}, rest...)
}

// searchPage runs a query listing documents (kind, item id, lang,
// published_at, and for ranked pages the count of all matches). The count
// is -1 when the query gives none.
func searchPage(ctx context.Context, tx *dbTx, query string, args []any) ([]SearchHit, int, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, 0, err
	}
	total := -1
	var out []SearchHit
	for rows.Next() {
		var h SearchHit
		var pub utc
		dest := []any{&h.Kind, &h.ID, &h.Lang, &pub}
		if len(cols) > len(dest) {
			dest = append(dest, &total)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, 0, err
		}
		h.PublishedAt = pub.t
		out = append(out, h)
	}
	return out, total, rows.Err()
}

// fillSearchHits loads the slug, title, summary and body of each hit.
func (s *Store) fillSearchHits(ctx context.Context, tx *dbTx, hits []SearchHit) error {
	byKind := map[string][]int64{}
	for _, h := range hits {
		byKind[h.Kind] = append(byKind[h.Kind], h.ID)
	}
	type text struct{ slug, title, summary, body string }
	found := map[string]map[int64]text{SearchArticle: {}, SearchVideo: {}}
	for kind, ids := range byKind {
		js, err := json.Marshal(ids)
		if err != nil {
			return err
		}
		query := s.q.SearchArticles
		if kind == SearchVideo {
			query = s.q.SearchVideos
		}
		rows, err := tx.QueryContext(ctx, query, string(js))
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var t text
			var err error
			if kind == SearchVideo {
				err = rows.Scan(&id, &t.slug, &t.title, &t.summary)
			} else {
				var html, markdown string
				err = rows.Scan(&id, &t.slug, &t.title, &t.summary, &html, &markdown)
				t.body = bodyText(html, markdown)
			}
			if err != nil {
				rows.Close()
				return err
			}
			found[kind][id] = t
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for i := range hits {
		t := found[hits[i].Kind][hits[i].ID]
		hits[i].Slug, hits[i].Title, hits[i].Summary, hits[i].Body = t.slug, t.title, t.summary, t.body
	}
	return nil
}
