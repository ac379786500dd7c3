-- Images and their renditions. On SQLite the bytes are files in the data
-- folder (path); on PostgreSQL they are in media_files.bytes.

-- name: insert-media
INSERT INTO media (filename, ext, created_at) VALUES ($1, $2, $3) RETURNING id

-- name: insert-media-file
INSERT INTO media_files (media_id, variant, content_type, width, height, sha256, size, path, bytes)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)

-- name: media-by-id
SELECT id, filename, ext FROM media WHERE id = $1

-- name: media-file
SELECT m.id, m.filename, m.ext, f.content_type, f.width, f.height, f.sha256, f.size, f.path, f.bytes
FROM media m JOIN media_files f ON f.media_id = m.id
WHERE m.id = $1 AND f.variant = $2

-- Who may fetch an image: readers only while a published story shows it
-- (an article's lead image or a video story's still); staff while a story
-- they may open uses it. An image no story uses (one replaced or removed)
-- is served to no one.

-- name: published-story-by-media
SELECT 'article', id FROM articles WHERE image_id = $1 AND status = 'published'
UNION ALL
SELECT 'video', id FROM videos WHERE thumbnail_id = $1 AND status = 'published'
LIMIT 1

-- name: stories-by-media
SELECT 'article', id, status, COALESCE(owner_id, 0) FROM articles WHERE image_id = $1
UNION ALL
SELECT 'video', id, status, COALESCE(owner_id, 0) FROM videos WHERE thumbnail_id = $1
