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
-- The days before only: the next day's salt, fetched ahead of midnight
-- (SaltAhead), stays for the nodes that have not fetched it yet.
DELETE FROM view_salts WHERE day < $1

-- name: published-article-ids
SELECT id FROM articles WHERE status = 'published' AND id IN (SELECT value FROM json_each($1))

-- name: published-article-ids (postgres)
SELECT id FROM articles WHERE status = 'published' AND id IN (SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb))

-- name: published-video-ids
SELECT id FROM videos WHERE status = 'published' AND id IN (SELECT value FROM json_each($1))

-- name: published-video-ids (postgres)
SELECT id FROM videos WHERE status = 'published' AND id IN (SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb))

-- name: published-article-titles
-- What a Most Viewed list shows of each item, for a whole list at once.
SELECT id, slug, headline, lang FROM articles WHERE status = 'published' AND id IN (SELECT value FROM json_each($1))

-- name: published-article-titles (postgres)
SELECT id, slug, headline, lang FROM articles WHERE status = 'published' AND id IN (SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb))

-- name: published-video-titles
SELECT id, slug, title, lang FROM videos WHERE status = 'published' AND id IN (SELECT value FROM json_each($1))

-- name: published-video-titles (postgres)
SELECT id, slug, title, lang FROM videos WHERE status = 'published' AND id IN (SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb))

-- name: insert-view-readers (sqlite)
-- The flush's whole batch in one statement, as a JSON array of {"day",
-- "kind", "id", "reader"}. A reader's key for an item is stored, and so
-- counted, only for a published item and only if no node stored it today:
-- RETURNING lists exactly the keys this insert stored. (SQLite has one
-- writer at a time, so the order does not matter here; WHERE is what lets
-- SQLite's parser read ON CONFLICT as the upsert.)
INSERT INTO view_readers (day, reader)
SELECT x.value ->> 'day', x.value ->> 'reader'
FROM json_each($1) AS x
WHERE (x.value ->> 'kind' = 'article' AND EXISTS (SELECT 1 FROM articles a WHERE a.id = x.value ->> 'id' AND a.status = 'published'))
   OR (x.value ->> 'kind' = 'video' AND EXISTS (SELECT 1 FROM videos v WHERE v.id = x.value ->> 'id' AND v.status = 'published'))
ORDER BY 1, 2
ON CONFLICT (day, reader) DO NOTHING
RETURNING day, reader

-- name: insert-view-readers (postgres)
-- The flush's whole batch in one statement, as a JSON array of {"day",
-- "kind", "id", "reader"}. In key order, so that nodes flushing at once take
-- the rows' locks in the same order; a row another node is inserting waits
-- for that node's commit, then counts for only one of them.
INSERT INTO view_readers (day, reader)
SELECT x.day, x.reader
FROM jsonb_to_recordset($1::jsonb) AS x(day text, kind text, id bigint, reader text)
WHERE (x.kind = 'article' AND EXISTS (SELECT 1 FROM articles a WHERE a.id = x.id AND a.status = 'published'))
   OR (x.kind = 'video' AND EXISTS (SELECT 1 FROM videos v WHERE v.id = x.id AND v.status = 'published'))
ORDER BY x.day, x.reader
ON CONFLICT (day, reader) DO NOTHING
RETURNING day, reader

-- name: add-address-readers (sqlite)
-- Adds the new readers each address brought to an item, as a JSON array of
-- {"day", "address", "readers"}, one entry per address and item; the flush
-- counts the part of them that stays within the cap, from the totals
-- returned. ("WHERE true" lets SQLite's parser read ON CONFLICT as the upsert.)
INSERT INTO view_addresses (day, address, readers)
SELECT x.value ->> 'day', x.value ->> 'address', x.value ->> 'readers'
FROM json_each($1) AS x
WHERE true
ORDER BY 1, 2
ON CONFLICT (day, address) DO UPDATE SET readers = view_addresses.readers + excluded.readers
RETURNING day, address, readers

-- name: add-address-readers (postgres)
-- The same, in key order for the lock order. The row lock of the update makes a
-- concurrent flush wait, so each sees the total including the other's.
INSERT INTO view_addresses (day, address, readers)
SELECT x.day, x.address, x.readers
FROM jsonb_to_recordset($1::jsonb) AS x(day text, address text, readers bigint)
ORDER BY x.day, x.address
ON CONFLICT (day, address) DO UPDATE SET readers = view_addresses.readers + excluded.readers
RETURNING day, address, readers

-- name: delete-old-view-readers
-- With the old salts: before the day being keyed, never today's, so a node
-- whose clock is behind cannot make everyone count again.
DELETE FROM view_readers WHERE day < $1

-- name: delete-old-view-addresses
DELETE FROM view_addresses WHERE day < $1
