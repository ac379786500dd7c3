-- Full-text search. search_docs (and on SQLite search_fts) hold the published
-- articles and video stories; search_index.go keeps them in step with every
-- write. On SQLite $1 is an FTS5 MATCH expression built by ftsMatch (the
-- language filter is inside it); on PostgreSQL $1 is a tsquery literal built
-- by tsQuery and $2 the language ('' for all). Both are built in Go from
-- quoted words only. Search runs these in one read-only transaction.
--
-- Ranking: relevance times a recency boost,
--   score = relevance * (1 + 1 / (1 + age_in_days / 30))
-- so a story published now counts double, one a month old 1.5 times, one a
-- year old about 1.08 times; ties go to the newer. Relevance is bm25 with
-- field weights title 10, tags 4, summary 2, body 1 on SQLite, and
-- ts_rank_cd with weights A 1.0, B 0.4, C 0.2, D 0.1 (normalised by
-- document length) on PostgreSQL. The age comes from the id (publication
-- second << 20). Only the newest matches are ranked, however many match;
-- see searchCandidates in search.go.

-- name: search-plan (postgres)
-- Run first, in the search's read-only transaction. A word found in most
-- documents makes a sequential scan look cheap to the planner, but every row
-- it reads means decompressing a tsvector: for "the" in 100,000 English
-- stories that is half a second, where the GIN index takes a few
-- milliseconds. Without sequential scans the index is always used.
SET LOCAL enable_seqscan = off

-- name: search-count
SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH $1

-- name: search-count (postgres)
SELECT COUNT(*) FROM search_docs WHERE tsv @@ $1::tsquery AND ($2 = '' OR lang = $2)

-- name: search-ranked
-- The newest $2 matches, read straight off the index in rowid (publication)
-- order, ranked; with the count of all matches.
WITH c AS (
    SELECT rowid AS id, bm25(search_fts, 0.0, 10.0, 4.0, 2.0, 1.0) AS bm
    FROM search_fts WHERE search_fts MATCH $1
    ORDER BY rowid DESC LIMIT $2
)
SELECT d.kind, d.item_id, d.lang, d.published_at, (SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH $1)
FROM c JOIN search_docs d ON d.id = c.id
ORDER BY -c.bm * (1.0 + 1.0 / (1.0 + MAX(0, $3 - (c.id >> 20)) / 2592000.0)) DESC, c.id DESC
LIMIT $4 OFFSET $5

-- name: search-ranked (postgres)
-- m is every match's id, read once for both the count and the newest $3;
-- only those are ranked, their tsvectors read for ts_rank_cd.
WITH m AS MATERIALIZED (
    SELECT id FROM search_docs WHERE tsv @@ $1::tsquery AND ($2 = '' OR lang = $2)
), c AS (
    SELECT id FROM m ORDER BY id DESC LIMIT $3
)
SELECT d.kind, d.item_id, d.lang, d.published_at, (SELECT COUNT(*) FROM m)
FROM c JOIN search_docs d ON d.id = c.id
ORDER BY ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.tsv, $1::tsquery, 1)::float8
         * (1.0 + 1.0 / (1.0 + GREATEST(0, $4::bigint - (d.id >> 20))::float8 / 2592000.0)) DESC, d.id DESC
LIMIT $5 OFFSET $6

-- name: search-recent
SELECT d.kind, d.item_id, d.lang, d.published_at
FROM search_fts f JOIN search_docs d ON d.id = f.rowid
WHERE search_fts MATCH $1
ORDER BY f.rowid DESC
LIMIT $2 OFFSET $3

-- name: search-recent (postgres)
SELECT kind, item_id, lang, published_at FROM search_docs
WHERE tsv @@ $1::tsquery AND ($2 = '' OR lang = $2)
ORDER BY id DESC
LIMIT $3 OFFSET $4

-- name: search-articles
SELECT id, slug, headline, summary, body_html, body_markdown FROM articles
WHERE id IN (SELECT value FROM json_each($1))

-- name: search-articles (postgres)
SELECT id, slug, headline, summary, body_html, body_markdown FROM articles
WHERE id IN (SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb))

-- name: search-videos
SELECT id, slug, title, summary FROM videos
WHERE id IN (SELECT value FROM json_each($1))

-- name: search-videos (postgres)
SELECT id, slug, title, summary FROM videos
WHERE id IN (SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb))

-- Keeping the index in step.

-- name: search-article-source
SELECT id, lang, COALESCE(published_at, created_at), headline, summary, body_html, body_markdown
FROM articles WHERE id = $1 AND status = 'published'

-- name: search-articles-after
SELECT id, lang, COALESCE(published_at, created_at), headline, summary, body_html, body_markdown
FROM articles WHERE status = 'published' AND id > $1
ORDER BY id LIMIT $2

-- name: search-video-source
SELECT id, lang, COALESCE(published_at, created_at), title, summary, '', ''
FROM videos WHERE id = $1 AND status = 'published'

-- name: search-videos-after
SELECT id, lang, COALESCE(published_at, created_at), title, summary, '', ''
FROM videos WHERE status = 'published' AND id > $1
ORDER BY id LIMIT $2

-- name: search-tags-of-videos
SELECT t.video_id, g.name
FROM video_tags t JOIN tags g ON g.id = t.tag_id
WHERE t.video_id IN (SELECT value FROM json_each($1))
ORDER BY t.video_id, t.position

-- name: search-tags-of-videos (postgres)
SELECT t.video_id, g.name
FROM video_tags t JOIN tags g ON g.id = t.tag_id
WHERE t.video_id IN (SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb))
ORDER BY t.video_id, t.position

-- name: search-tags-of-articles
SELECT t.article_id, g.name
FROM article_tags t JOIN tags g ON g.id = t.tag_id
WHERE t.article_id IN (SELECT value FROM json_each($1))
ORDER BY t.article_id, t.position

-- name: search-tags-of-articles (postgres)
SELECT t.article_id, g.name
FROM article_tags t JOIN tags g ON g.id = t.tag_id
WHERE t.article_id IN (SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb))
ORDER BY t.article_id, t.position

-- name: search-docs-with-tag
SELECT d.kind, d.item_id FROM search_docs d JOIN article_tags t ON t.article_id = d.item_id
WHERE d.kind = 'article' AND t.tag_id = $1
UNION ALL
SELECT d.kind, d.item_id FROM search_docs d JOIN video_tags t ON t.video_id = d.item_id
WHERE d.kind = 'video' AND t.tag_id = $1

-- name: unindex-fts (sqlite)
DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_docs WHERE kind = $1 AND item_id = $2)

-- name: unindex-doc
DELETE FROM search_docs WHERE kind = $1 AND item_id = $2

-- name: insert-search-doc
INSERT INTO search_docs (id, kind, item_id, lang, published_at) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (id) DO NOTHING

-- name: insert-search-doc (postgres)
INSERT INTO search_docs (id, kind, item_id, lang, published_at, tsv) VALUES ($1, $2, $3, $4, $5, $6::tsvector)
ON CONFLICT (id) DO NOTHING

-- name: insert-search-fts (sqlite)
INSERT INTO search_fts (rowid, lang, title, tags, summary, body) VALUES ($1, $2, $3, $4, $5, $6)

-- name: clear-search-fts (sqlite)
INSERT INTO search_fts (search_fts) VALUES ('delete-all')

-- name: clear-search-docs
DELETE FROM search_docs
