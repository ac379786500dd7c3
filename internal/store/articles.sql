-- Queries about articles. Readers only ever see status = 'published'.
-- Lists read the article_cards view (no bodies); the page adds the bodies.

-- name: insert-article
INSERT INTO articles (slug, headline, summary, body_markdown, body_html, section_id,
    source_agency, source_name, place, lang, image_id, image_caption, image_credit,
    status, published_at, created_at, updated_at, scheduled_at, owner_id, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 1)
RETURNING id

-- name: update-article
UPDATE articles SET slug = $2, headline = $3, summary = $4, body_markdown = $5, body_html = $6,
    section_id = $7, source_agency = $8, source_name = $9, place = $10, lang = $11, image_id = $12,
    image_caption = $13, image_credit = $14, status = $15, published_at = $16, updated_at = $17,
    scheduled_at = $18, version = version + 1
WHERE id = $1 AND version = $19

-- name: article-status-version
SELECT status, version FROM articles WHERE id = $1

-- name: delete-article-tags
DELETE FROM article_tags WHERE article_id = $1

-- name: insert-article-tag
INSERT INTO article_tags (article_id, tag_id, position) VALUES ($1, $2, $3)

-- name: delete-article-authors
DELETE FROM article_authors WHERE article_id = $1

-- name: insert-article-author
INSERT INTO article_authors (article_id, staff_id, position) VALUES ($1, $2, $3)

-- name: article-by-id
SELECT c.*, a.body_markdown, a.body_html
FROM article_cards c JOIN articles a ON a.id = c.id
WHERE c.id = $1

-- name: published-article-by-id
SELECT c.*, a.body_markdown, a.body_html
FROM article_cards c JOIN articles a ON a.id = c.id
WHERE c.id = $1 AND c.status = 'published'

-- Each list comes twice: for one edition (lang = $n, served by the
-- per-language indexes) and across all editions (the API without ?lang=).

-- name: published-latest
SELECT * FROM article_cards
WHERE lang = $1 AND status = 'published'
ORDER BY published_at DESC, id DESC
LIMIT $2 OFFSET $3

-- name: published-latest-count
SELECT COUNT(*) FROM articles WHERE lang = $1 AND status = 'published'

-- name: published-latest-any
SELECT * FROM article_cards
WHERE status = 'published'
ORDER BY published_at DESC, id DESC
LIMIT $1 OFFSET $2

-- name: published-latest-any-count
SELECT COUNT(*) FROM articles WHERE status = 'published'

-- name: published-by-section
SELECT * FROM article_cards
WHERE section_id = $1 AND lang = $2 AND status = 'published'
ORDER BY published_at DESC, id DESC
LIMIT $3 OFFSET $4

-- name: published-by-section-count
SELECT COUNT(*) FROM articles WHERE section_id = $1 AND lang = $2 AND status = 'published'

-- name: published-by-section-any
SELECT * FROM article_cards
WHERE section_id = $1 AND status = 'published'
ORDER BY published_at DESC, id DESC
LIMIT $2 OFFSET $3

-- name: published-by-section-any-count
SELECT COUNT(*) FROM articles WHERE section_id = $1 AND status = 'published'

-- name: published-by-tag
SELECT c.* FROM article_tags t JOIN article_cards c ON c.id = t.article_id
WHERE t.tag_id = $1 AND c.lang = $2 AND c.status = 'published'
ORDER BY c.published_at DESC, c.id DESC
LIMIT $3 OFFSET $4

-- name: published-by-tag-count
SELECT COUNT(*) FROM article_tags t JOIN articles a ON a.id = t.article_id
WHERE t.tag_id = $1 AND a.lang = $2 AND a.status = 'published'

-- name: published-by-tag-any
SELECT c.* FROM article_tags t JOIN article_cards c ON c.id = t.article_id
WHERE t.tag_id = $1 AND c.status = 'published'
ORDER BY c.published_at DESC, c.id DESC
LIMIT $2 OFFSET $3

-- name: published-by-tag-any-count
SELECT COUNT(*) FROM article_tags t JOIN articles a ON a.id = t.article_id
WHERE t.tag_id = $1 AND a.status = 'published'

-- name: related-in-section
SELECT * FROM article_cards
WHERE section_id = $1 AND status = 'published' AND id <> $2 AND lang = $3
ORDER BY published_at DESC, id DESC
LIMIT $4

-- name: tags-of-articles
SELECT t.article_id, g.id, g.slug, g.name
FROM article_tags t JOIN tags g ON g.id = t.tag_id
WHERE t.article_id IN (SELECT value FROM json_each($1))
ORDER BY t.article_id, t.position

-- name: tags-of-articles (postgres)
SELECT t.article_id, g.id, g.slug, g.name
FROM article_tags t JOIN tags g ON g.id = t.tag_id
WHERE t.article_id IN (SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb))
ORDER BY t.article_id, t.position

-- name: authors-of-articles
SELECT t.article_id, s.id, s.slug, s.name
FROM article_authors t JOIN staff s ON s.id = t.staff_id
WHERE t.article_id IN (SELECT value FROM json_each($1))
ORDER BY t.article_id, t.position

-- name: authors-of-articles (postgres)
SELECT t.article_id, s.id, s.slug, s.name
FROM article_authors t JOIN staff s ON s.id = t.staff_id
WHERE t.article_id IN (SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb))
ORDER BY t.article_id, t.position

-- name: sitemap-articles
SELECT id, slug, updated_at FROM articles
WHERE lang = $1 AND status = 'published'
ORDER BY id
LIMIT $2 OFFSET $3

-- name: news-sitemap-articles
SELECT id, slug, headline, lang, published_at FROM articles
WHERE lang = $1 AND status = 'published' AND published_at >= $2
ORDER BY published_at DESC, id DESC
LIMIT $3

-- name: last-published-update
SELECT id, updated_at FROM articles WHERE lang = $1 AND status = 'published' ORDER BY updated_at DESC, id DESC LIMIT 1

-- name: bodies-of-articles
SELECT id, body_markdown, body_html FROM articles
WHERE id IN (SELECT value FROM json_each($1))

-- name: bodies-of-articles (postgres)
SELECT id, body_markdown, body_html FROM articles
WHERE id IN (SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb))

-- name: newsroom-articles
SELECT c.*, COALESCE(o.name, '') FROM article_cards c LEFT JOIN staff o ON o.id = c.owner_id
WHERE ($1 = '' OR c.status = $1) AND ($2 = 0 OR c.section_id = $2)
  AND ($3 = 0 OR c.owner_id = $3 OR EXISTS (SELECT 1 FROM article_authors w WHERE w.article_id = c.id AND w.staff_id = $3))
  AND ($4 = '' OR lower(c.headline) LIKE $4 ESCAPE '\')
  AND ($5 = '' OR c.lang = $5)
  AND ($6 = 0 OR c.owner_id = $6 OR EXISTS (SELECT 1 FROM article_authors w WHERE w.article_id = c.id AND w.staff_id = $6))
ORDER BY c.updated_at DESC, c.id DESC
LIMIT $7 OFFSET $8

-- name: newsroom-articles-count
SELECT COUNT(*) FROM articles c
WHERE ($1 = '' OR c.status = $1) AND ($2 = 0 OR c.section_id = $2)
  AND ($3 = 0 OR c.owner_id = $3 OR EXISTS (SELECT 1 FROM article_authors w WHERE w.article_id = c.id AND w.staff_id = $3))
  AND ($4 = '' OR lower(c.headline) LIKE $4 ESCAPE '\')
  AND ($5 = '' OR c.lang = $5)
  AND ($6 = 0 OR c.owner_id = $6 OR EXISTS (SELECT 1 FROM article_authors w WHERE w.article_id = c.id AND w.staff_id = $6))

-- name: delete-article
DELETE FROM articles WHERE id = $1 AND published_at IS NULL
