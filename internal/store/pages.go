package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"dateline/internal/news"
)

// Page tags name groups of public pages a write can change, so a page cache
// can drop exactly those. Every cached page carries the tags of what it
// shows; a committed write reports the tags it touched.
const (
	PagesAll    = "all"    // anything: renames, policies, settings
	PagesVideos = "videos" // video lists, feeds, sitemaps and programme pages
)

// Tag builders, shared by the store (which reports changes) and the site
// (which labels pages), so the two cannot drift apart.
func PagesArticle(id int64) string              { return fmt.Sprintf("article:%d", id) }
func PagesVideo(id int64) string                { return fmt.Sprintf("video:%d", id) }
func PagesFront(lang string) string             { return "front:" + lang }
func PagesSection(lang string, id int64) string { return fmt.Sprintf("section:%s:%d", lang, id) }
func PagesTag(id int64) string                  { return fmt.Sprintf("tag:%d", id) }
func PagesFeeds(lang string) string             { return "feeds:" + lang }
func PagesPopular(lang string) string           { return "popular:" + lang }

// maxNotify keeps a NOTIFY payload under PostgreSQL's 8,000-byte limit; a
// longer list is sent as "all".
const maxNotify = 7000

// OnPagesChanged sets the function told, after each commit, which page tags
// the write touched. Set it once, before serving.
func (s *Store) OnPagesChanged(f func(tags []string)) { s.pagesChanged = f }

// touch records tags for the transaction tx; inTx sends them on commit.
func (s *Store) touch(tx *dbTx, tags ...string) {
	s.touchedMu.Lock()
	defer s.touchedMu.Unlock()
	if s.touched == nil {
		s.touched = map[*dbTx][]string{}
	}
	s.touched[tx] = append(s.touched[tx], tags...)
}

// takeTouched removes and returns tx's tags, without repeats.
func (s *Store) takeTouched(tx *dbTx) []string {
	s.touchedMu.Lock()
	tags := s.touched[tx]
	delete(s.touched, tx)
	s.touchedMu.Unlock()
	slices.Sort(tags)
	return slices.Compact(tags)
}

// notifyPages tells the other nodes (PostgreSQL) in the same transaction, so
// they hear of the change exactly when it commits.
func (s *Store) notifyPages(ctx context.Context, tx *dbTx, tags []string) error {
	if s.dialect != Postgres || len(tags) == 0 {
		return nil
	}
	payload := strings.Join(tags, " ")
	if len(payload) > maxNotify {
		payload = PagesAll
	}
	_, err := tx.ExecContext(ctx, s.q.NotifyPages, s.pagesChannel, payload)
	return err
}

// pagesChannel is the notification channel of a schema's page changes; a
// channel name is an identifier of at most 63 bytes.
func pagesChannel(schema string) string {
	ch := "dateline_pages_" + schema
	if len(ch) > 63 {
		ch = ch[:63]
	}
	return ch
}

// touchArticle records the pages that show article id as it now stands in
// tx: its own page, and when readers can see it its edition's front page,
// section lists, tag pages, feeds and sitemaps. Callers changing an article
// call it before and after the change, so both the old and new places go.
func (s *Store) touchArticle(ctx context.Context, tx *dbTx, id int64) error {
	var lang string
	var section, video int64
	var status news.Status
	err := tx.QueryRowContext(ctx, s.q.ArticlePageFacts, id).Scan(&lang, &section, &status, &video)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	s.touch(tx, PagesArticle(id))
	if status != news.StatusPublished {
		return nil
	}
	s.touch(tx, PagesFront(lang), PagesSection(lang, section), PagesFeeds(lang))
	rows, err := tx.QueryContext(ctx, s.q.ArticlePageTags, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var tag int64
		if err := rows.Scan(&tag); err != nil {
			return err
		}
		s.touch(tx, PagesTag(tag))
	}
	return rows.Err()
}

// touchVideo records the pages that show video story id: its own page, the
// video lists, feeds, sitemaps and programme pages, and every article that
// embeds it.
func (s *Store) touchVideo(ctx context.Context, tx *dbTx, id int64) error {
	s.touch(tx, PagesVideo(id), PagesVideos)
	rows, err := tx.QueryContext(ctx, s.q.ArticlesEmbeddingVideo, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var article int64
		if err := rows.Scan(&article); err != nil {
			return err
		}
		s.touch(tx, PagesArticle(article))
	}
	return rows.Err()
}

// touchStory records the pages of every version of the story article id
// belongs to: their language switchers and hreflang links name each other.
func (s *Store) touchStory(ctx context.Context, tx *dbTx, id int64) error {
	s.touch(tx, PagesArticle(id))
	rows, err := tx.QueryContext(ctx, s.q.TranslationsOf, id)
	if err != nil {
		return err
	}
	versions, err := scanTranslations(rows)
	for _, t := range versions {
		s.touch(tx, PagesArticle(t.ID))
	}
	return err
}
