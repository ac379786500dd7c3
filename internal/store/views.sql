-- View counts and rankings.

-- name: add-article-views
-- Only published articles are counted, so unknown or hidden ids are never stored.
INSERT INTO view_buckets (kind, item_id, hour, views)
SELECT 'article', id, $2, $3 FROM articles WHERE id = $1 AND status = 'published'
ON CONFLICT (kind, item_id, hour) DO UPDATE SET views = view_buckets.views + excluded.views

-- name: add-video-views
INSERT INTO view_buckets (kind, item_id, hour, views)
SELECT 'video', id, $2, $3 FROM videos WHERE id = $1 AND status = 'published'
ON CONFLICT (kind, item_id, hour) DO UPDATE SET views = view_buckets.views + excluded.views

-- name: add-article-views (postgres)
INSERT INTO view_buckets (kind, item_id, hour, views)
SELECT 'article', id, $2::timestamptz, $3::bigint FROM articles WHERE id = $1 AND status = 'published'
ON CONFLICT (kind, item_id, hour) DO UPDATE SET views = view_buckets.views + excluded.views

-- name: add-video-views (postgres)
INSERT INTO view_buckets (kind, item_id, hour, views)
SELECT 'video', id, $2::timestamptz, $3::bigint FROM videos WHERE id = $1 AND status = 'published'
ON CONFLICT (kind, item_id, hour) DO UPDATE SET views = view_buckets.views + excluded.views

-- name: most-viewed-articles
SELECT b.item_id, SUM(b.views) AS total, a.published_at
FROM view_buckets b JOIN articles a ON a.id = b.item_id
WHERE b.kind = 'article' AND b.hour >= $1 AND a.status = 'published' AND ($2 = '' OR a.lang = $2)
GROUP BY b.item_id, a.published_at
ORDER BY total DESC, a.published_at DESC, b.item_id DESC
LIMIT $3

-- name: most-viewed-videos
SELECT b.item_id, SUM(b.views) AS total, v.published_at
FROM view_buckets b JOIN videos v ON v.id = b.item_id
WHERE b.kind = 'video' AND b.hour >= $1 AND v.status = 'published' AND ($2 = '' OR v.lang = $2)
GROUP BY b.item_id, v.published_at
ORDER BY total DESC, v.published_at DESC, b.item_id DESC
LIMIT $3

-- name: views-per-hour
SELECT hour, SUM(views) FROM view_buckets WHERE kind = $1 AND hour >= $2 GROUP BY hour ORDER BY hour

-- name: views-of-items
SELECT item_id, SUM(views) FROM view_buckets
WHERE kind = $1 AND item_id IN (SELECT value FROM json_each($2))
GROUP BY item_id

-- name: views-of-items (postgres)
SELECT item_id, SUM(views) FROM view_buckets
WHERE kind = $1 AND item_id IN (SELECT value::bigint FROM jsonb_array_elements_text($2::jsonb))
GROUP BY item_id

-- name: insert-salt
INSERT INTO view_salts (day, salt, created_at) VALUES ($1, $2, $3) ON CONFLICT (day) DO NOTHING

-- name: salt-of-day
SELECT salt FROM view_salts WHERE day = $1

-- name: delete-old-salts
DELETE FROM view_salts WHERE day <> $1

-- name: published-article-ids
SELECT id FROM articles WHERE status = 'published' AND id IN (SELECT value FROM json_each($1))

-- name: published-article-ids (postgres)
SELECT id FROM articles WHERE status = 'published' AND id IN (SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb))

-- name: published-video-ids
SELECT id FROM videos WHERE status = 'published' AND id IN (SELECT value FROM json_each($1))

-- name: published-video-ids (postgres)
SELECT id FROM videos WHERE status = 'published' AND id IN (SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb))
