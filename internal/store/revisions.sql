-- Revisions: every saved state of an article, newest first.

-- name: insert-revision
INSERT INTO article_revisions (article_id, version, staff_id, actor, action, created_at, status,
    headline, summary, body_markdown, snapshot)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)

-- name: revisions-of-article
SELECT id, article_id, version, actor, action, created_at, status, headline, summary, body_markdown, snapshot
FROM article_revisions WHERE article_id = $1 ORDER BY id DESC LIMIT $2

-- name: revision-by-id
SELECT id, article_id, version, actor, action, created_at, status, headline, summary, body_markdown, snapshot
FROM article_revisions WHERE id = $1 AND article_id = $2
