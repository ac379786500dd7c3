package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"dateline/internal/search"
)

// The kinds of items search finds.
const (
	SearchArticle = "article"
	SearchVideo   = "video"
)

// searchIndexVersion is the migration that creates the search index. The
// store fills the index from the items already published in that
// migration's own transaction, so an upgraded database never has an empty
// or half-filled index (see Migrate).
const searchIndexVersion = 7

// searchDoc is one published item as the index holds it.
type searchDoc struct {
	kind      string
	itemID    int64
	lang      string
	published time.Time
	fields    searchFields
}

// searchDocID is a document's id: the second it was published shifted left
// 20 bits, plus the low 20 bits of the item's id (doubled, plus one for a
// video). Id order is therefore publication order, which lets the newest
// matches be read straight off the full-text index without sorting them.
// Two items of the same second whose keys share those bits would collide;
// insertSearchDoc then steps down to the next free id.
func searchDocID(published time.Time, kind string, itemID int64) int64 {
	key := itemID * 2
	if kind == SearchVideo {
		key++
	}
	return max(published.Unix(), 0)<<20 | key&(1<<20-1)
}

// reindexArticle brings the index in step with the article as the
// transaction sees it: in the index if published, out of it otherwise.
func (s *Store) reindexArticle(ctx context.Context, tx *dbTx, id int64) error {
	return s.reindex(ctx, tx, SearchArticle, id)
}

// reindexVideo does the same for a video story.
func (s *Store) reindexVideo(ctx context.Context, tx *dbTx, id int64) error {
	return s.reindex(ctx, tx, SearchVideo, id)
}

func (s *Store) reindex(ctx context.Context, tx *dbTx, kind string, id int64) error {
	if err := s.unindex(ctx, tx, kind, id); err != nil {
		return err
	}
	query := s.q.SearchArticleSource
	if kind == SearchVideo {
		query = s.q.SearchVideoSource
	}
	docs, err := s.searchDocs(ctx, tx, kind, query, id)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if err := s.insertSearchDoc(ctx, tx, d); err != nil {
			return err
		}
	}
	return nil
}

// unindex removes an item from the index; an item not in it is no error.
func (s *Store) unindex(ctx context.Context, tx *dbTx, kind string, id int64) error {
	if s.dialect == SQLite {
		if _, err := tx.ExecContext(ctx, s.q.UnindexFTS, kind, id); err != nil {
			return fmt.Errorf("unindex %s %d: %w", kind, id, err)
		}
	}
	if _, err := tx.ExecContext(ctx, s.q.UnindexDoc, kind, id); err != nil {
		return fmt.Errorf("unindex %s %d: %w", kind, id, err)
	}
	return nil
}

// reindexTag re-indexes every indexed item carrying a tag, after its name
// changed.
func (s *Store) reindexTag(ctx context.Context, tx *dbTx, tagID int64) error {
	rows, err := tx.QueryContext(ctx, s.q.SearchDocsWithTag, tagID)
	if err != nil {
		return err
	}
	type item struct {
		kind string
		id   int64
	}
	var items []item
	for rows.Next() {
		var it item
		if err := rows.Scan(&it.kind, &it.id); err != nil {
			rows.Close()
			return err
		}
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, it := range items {
		if err := s.reindex(ctx, tx, it.kind, it.id); err != nil {
			return err
		}
	}
	return nil
}

// insertSearchDoc adds a document that is not in the index yet.
func (s *Store) insertSearchDoc(ctx context.Context, tx *dbTx, d searchDoc) error {
	id := searchDocID(d.published, d.kind, d.itemID)
	for tries := 0; ; tries++ {
		var res sql.Result
		var err error
		if s.dialect == Postgres {
			res, err = tx.ExecContext(ctx, s.q.InsertSearchDoc, id, d.kind, d.itemID, d.lang, dbTime(d.published), tsVector(d.fields))
		} else {
			res, err = tx.ExecContext(ctx, s.q.InsertSearchDoc, id, d.kind, d.itemID, d.lang, dbTime(d.published))
		}
		if err != nil {
			return fmt.Errorf("index %s %d: %w", d.kind, d.itemID, err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			break
		}
		if tries == 100 {
			return fmt.Errorf("index %s %d: no free document id near %d", d.kind, d.itemID, id)
		}
		id-- // taken by another item of the same second: the next id down keeps the order
	}
	if s.dialect == SQLite {
		f := d.fields
		if _, err := tx.ExecContext(ctx, s.q.InsertSearchFTS, id, d.lang,
			ftsColumn(f.title), ftsColumn(f.tags), ftsColumn(f.summary), ftsColumn(f.body)); err != nil {
			return fmt.Errorf("index %s %d: %w", d.kind, d.itemID, err)
		}
	}
	return nil
}

// searchDocs runs a source query (id, lang, published_at, title, summary,
// body HTML, body Markdown, published items only) and builds the documents,
// tags included.
func (s *Store) searchDocs(ctx context.Context, tx *dbTx, kind, query string, args ...any) ([]searchDoc, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	type source struct {
		doc                                 searchDoc
		title, summary, bodyHTML, bodyPlain string
	}
	var list []source
	var ids []int64
	for rows.Next() {
		var src source
		var pub utc
		if err := rows.Scan(&src.doc.itemID, &src.doc.lang, &pub, &src.title, &src.summary, &src.bodyHTML, &src.bodyPlain); err != nil {
			rows.Close()
			return nil, err
		}
		src.doc.kind, src.doc.published = kind, pub.t
		list = append(list, src)
		ids = append(ids, src.doc.itemID)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(list) == 0 {
		return nil, err
	}
	tags, err := s.searchTags(ctx, tx, kind, ids)
	if err != nil {
		return nil, err
	}
	docs := make([]searchDoc, len(list))
	for i, src := range list {
		docs[i] = src.doc
		docs[i].fields = newSearchFields(src.title, tags[src.doc.itemID], src.summary, bodyText(src.bodyHTML, src.bodyPlain))
	}
	return docs, nil
}

// bodyText is the text of a body that search indexes and cuts snippets
// from: the rendered HTML's text, or the Markdown as written if an item
// was stored without its HTML.
func bodyText(html, markdown string) string {
	if html != "" {
		return search.PlainText(html)
	}
	return markdown
}

// searchTags returns the tag names of items, in their order.
func (s *Store) searchTags(ctx context.Context, tx *dbTx, kind string, ids []int64) (map[int64][]string, error) {
	query := s.q.SearchTagsOfArticles
	if kind == SearchVideo {
		query = s.q.SearchTagsOfVideos
	}
	js, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, query, string(js))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = append(out[id], name)
	}
	return out, rows.Err()
}

// ReindexAll rebuilds the whole search index from the published articles
// and video stories, in one transaction, and reports how many documents it
// holds. Writes keep the index in step by themselves; this is for repairs
// and after bulk changes made outside the store.
func (s *Store) ReindexAll(ctx context.Context) (int, error) {
	var n int
	err := s.inTx(ctx, func(tx *dbTx) error {
		var err error
		n, err = s.fillSearchIndex(ctx, tx)
		return err
	})
	return n, err
}

// reindexBatch is how many items fillSearchIndex reads at a time, so that
// bodies never all sit in memory at once.
const reindexBatch = 500

// fillSearchIndex empties the index and adds every published item.
func (s *Store) fillSearchIndex(ctx context.Context, tx *dbTx) (int, error) {
	if s.dialect == SQLite {
		if _, err := tx.ExecContext(ctx, s.q.ClearSearchFTS); err != nil {
			return 0, err
		}
	}
	if _, err := tx.ExecContext(ctx, s.q.ClearSearchDocs); err != nil {
		return 0, err
	}
	n := 0
	for _, src := range []struct{ kind, query string }{{SearchArticle, s.q.SearchArticlesAfter}, {SearchVideo, s.q.SearchVideosAfter}} {
		var after int64
		for {
			docs, err := s.searchDocs(ctx, tx, src.kind, src.query, after, reindexBatch)
			if err != nil {
				return n, fmt.Errorf("reindex %ss: %w", src.kind, err)
			}
			for _, d := range docs {
				if err := s.insertSearchDoc(ctx, tx, d); err != nil {
					return n, err
				}
				after = d.itemID
			}
			n += len(docs)
			if len(docs) < reindexBatch {
				break
			}
		}
	}
	return n, nil
}
