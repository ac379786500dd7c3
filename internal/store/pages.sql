-- What public pages show an article: its edition, section and tags, and
-- whether readers can see it at all.

-- name: article-page-facts
SELECT lang, section_id, status, COALESCE(video_id, 0) FROM articles WHERE id = $1

-- name: article-page-tags
SELECT tag_id FROM article_tags WHERE article_id = $1

-- name: comment-article
SELECT article_id FROM comments WHERE id = $1

-- name: articles-embedding-video
SELECT id FROM articles WHERE video_id = $1

-- name: notify-pages (postgres)
SELECT pg_notify($1, $2)
