-- View counts and rankings.

-- name: add-article-view
-- SQLite: one prepared statement per item inside one transaction (fast on
-- SQLite, where the JSON join below would make the planner scan).
-- Only published articles are counted, so unknown or hidden ids are never stored.
INSERT INTO view_buckets (kind, item_id, lang, hour, views)
SELECT 'article', id, lang, $2, $3 FROM articles WHERE id = $1 AND status = 'published'
ON CONFLICT (kind, item_id, hour) DO UPDATE SET views = view_buckets.views + excluded.views

-- name: add-video-view
INSERT INTO view_buckets (kind, item_id, lang, hour, views)
SELECT 'video', id, lang, $2, $3 FROM videos WHERE id = $1 AND status = 'published'
ON CONFLICT (kind, item_id, hour) DO UPDATE SET views = view_buckets.views + excluded.views

-- name: add-article-views (postgres)
-- PostgreSQL: the whole batch in one statement, as a JSON array of
-- {"id", "hour", "views"}, so a flush is one round trip.
INSERT INTO view_buckets (kind, item_id, lang, hour, views)
SELECT 'article', a.id, a.lang, x.hour, x.views
FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, hour timestamptz, views bigint)
JOIN articles a ON a.id = x.id
WHERE a.status = 'published'
ON CONFLICT (kind, item_id, hour) DO UPDATE SET views = view_buckets.views + excluded.views

-- name: add-video-views (postgres)
INSERT INTO view_buckets (kind, item_id, lang, hour, views)
SELECT 'video', v.id, v.lang, x.hour, x.views
FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, hour timestamptz, views bigint)
JOIN videos v ON v.id = x.id
WHERE v.status = 'published'
ON CONFLICT (kind, item_id, hour) DO UPDATE SET views = view_buckets.views + excluded.views

-- name: most-viewed-articles
-- The top of the window from the index alone, then the published check and
-- the recency tie-break on those few rows.
SELECT t.item_id, t.total, a.published_at
FROM (SELECT item_id, SUM(views) AS total FROM view_buckets
      WHERE kind = 'article' AND lang = $2 AND hour >= $1
      GROUP BY item_id ORDER BY total DESC LIMIT $3) t
JOIN articles a ON a.id = t.item_id
WHERE a.status = 'published'
ORDER BY t.total DESC, a.published_at DESC, t.item_id DESC

-- name: most-viewed-all-articles
SELECT t.item_id, t.total, a.published_at
FROM (SELECT item_id, SUM(views) AS total FROM view_buckets
      WHERE kind = 'article' AND hour >= $1
      GROUP BY item_id ORDER BY total DESC LIMIT $2) t
JOIN articles a ON a.id = t.item_id
WHERE a.status = 'published'
ORDER BY t.total DESC, a.published_at DESC, t.item_id DESC

-- name: most-viewed-videos
SELECT t.item_id, t.total, v.published_at
FROM (SELECT item_id, SUM(views) AS total FROM view_buckets
      WHERE kind = 'video' AND lang = $2 AND hour >= $1
      GROUP BY item_id ORDER BY total DESC LIMIT $3) t
JOIN videos v ON v.id = t.item_id
WHERE v.status = 'published'
ORDER BY t.total DESC, v.published_at DESC, t.item_id DESC

-- name: most-viewed-all-videos
SELECT t.item_id, t.total, v.published_at
FROM (SELECT item_id, SUM(views) AS total FROM view_buckets
      WHERE kind = 'video' AND hour >= $1
      GROUP BY item_id ORDER BY total DESC LIMIT $2) t
JOIN videos v ON v.id = t.item_id
WHERE v.status = 'published'
ORDER BY t.total DESC, v.published_at DESC, t.item_id DESC

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
