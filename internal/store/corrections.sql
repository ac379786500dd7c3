-- Corrections and update notes appended to published articles.

-- name: insert-correction
INSERT INTO article_corrections (article_id, kind, body, staff_id, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id

-- name: bump-article
UPDATE articles SET updated_at = $2, version = version + 1 WHERE id = $1 RETURNING status

-- name: corrections-of-article
SELECT id, kind, body, created_at FROM article_corrections WHERE article_id = $1 ORDER BY id
