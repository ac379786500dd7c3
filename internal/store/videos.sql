-- Video stories, programmes and slots, and uploaded video files.

-- name: insert-programme
INSERT INTO programmes (slug, name, description, lang, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id

-- name: update-programme
UPDATE programmes SET slug = $2, name = $3, description = $4, lang = $5 WHERE id = $1

-- name: programmes
SELECT id, slug, name, description, lang FROM programmes ORDER BY name, id

-- name: programme-by-slug
SELECT id, slug, name, description, lang FROM programmes WHERE slug = $1

-- name: programme-by-id
SELECT id, slug, name, description, lang FROM programmes WHERE id = $1

-- name: insert-slot
INSERT INTO programme_slots (programme_id, slug, name, position) VALUES ($1, $2, $3, $4) RETURNING id

-- name: slots-of-programme
SELECT id, programme_id, slug, name, position FROM programme_slots WHERE programme_id = $1 ORDER BY position, id

-- name: insert-video-file
INSERT INTO video_files (filename, content_type, size, sha256, path, created_at)
VALUES ($1, $2, $3, $4, $5, $6) RETURNING id

-- name: insert-video-chunk
INSERT INTO video_chunks (file_id, seq, bytes) VALUES ($1, $2, $3)

-- name: finish-video-file
UPDATE video_files SET size = $2, sha256 = $3 WHERE id = $1

-- name: video-file
SELECT id, filename, content_type, size, sha256, path, created_at FROM video_files WHERE id = $1

-- name: video-chunk
SELECT bytes FROM video_chunks WHERE file_id = $1 AND seq = $2

-- name: insert-video
INSERT INTO videos (slug, title, custom_title, summary, lang, section_id, status, provider, provider_id, provider_hash,
    start_seconds, file_id, thumbnail_id, duration, programme_id, slot_id, air_date, owner_id, version,
    published_at, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 1, $19, $20, $21)
RETURNING id

-- name: update-video
UPDATE videos SET slug = $2, title = $3, custom_title = $4, summary = $5, lang = $6, section_id = $7, status = $8,
    provider = $9, provider_id = $10, provider_hash = $11, start_seconds = $12, file_id = $13, thumbnail_id = $14,
    duration = $15, programme_id = $16, slot_id = $17, air_date = $18, published_at = $19, updated_at = $20,
    version = version + 1
WHERE id = $1 AND version = $21

-- name: video-status-version
SELECT status, version FROM videos WHERE id = $1

-- name: unlink-video-from-articles
UPDATE articles SET video_id = NULL WHERE video_id = $1

-- name: delete-video
DELETE FROM videos WHERE id = $1

-- name: delete-video-tags
DELETE FROM video_tags WHERE video_id = $1

-- name: insert-video-tag
INSERT INTO video_tags (video_id, tag_id, position) VALUES ($1, $2, $3)

-- name: video-by-id
SELECT v.id, v.slug, v.title, v.custom_title, v.summary, v.lang,
       COALESCE(v.section_id, 0), COALESCE(s.slug, ''), COALESCE(sn.name, s.name, ''),
       v.status, v.provider, v.provider_id, v.provider_hash, v.start_seconds,
       COALESCE(v.file_id, 0), COALESCE(f.filename, ''),
       COALESCE(v.thumbnail_id, 0), COALESCE(m.filename, ''), COALESCE(m.ext, ''),
       v.duration, COALESCE(v.programme_id, 0), COALESCE(p.slug, ''), COALESCE(p.name, ''),
       COALESCE(v.slot_id, 0), COALESCE(sl.slug, ''), COALESCE(sl.name, ''), v.air_date,
       COALESCE(v.owner_id, 0), v.version, v.published_at, v.created_at, v.updated_at
FROM videos v
LEFT JOIN sections s ON s.id = v.section_id
LEFT JOIN section_names sn ON sn.section_id = v.section_id AND sn.lang = v.lang
LEFT JOIN video_files f ON f.id = v.file_id
LEFT JOIN media m ON m.id = v.thumbnail_id
LEFT JOIN programmes p ON p.id = v.programme_id
LEFT JOIN programme_slots sl ON sl.id = v.slot_id
WHERE v.id = $1

-- name: published-videos
SELECT v.id FROM videos v
WHERE v.status = 'published' AND ($1 = '' OR v.lang = $1) AND ($2 = 0 OR v.programme_id = $2)
ORDER BY v.published_at DESC, v.id DESC
LIMIT $3 OFFSET $4

-- name: published-videos-count
SELECT COUNT(*) FROM videos v
WHERE v.status = 'published' AND ($1 = '' OR v.lang = $1) AND ($2 = 0 OR v.programme_id = $2)

-- name: programme-episodes
SELECT v.id FROM videos v
WHERE v.status = 'published' AND v.programme_id = $1
ORDER BY v.air_date DESC, v.published_at DESC, v.id DESC
LIMIT $2 OFFSET $3

-- name: newsroom-videos
SELECT v.id FROM videos v
WHERE ($1 = '' OR v.status = $1) AND ($2 = 0 OR v.owner_id = $2)
ORDER BY v.updated_at DESC, v.id DESC
LIMIT $3 OFFSET $4

-- name: newsroom-videos-count
SELECT COUNT(*) FROM videos v WHERE ($1 = '' OR v.status = $1) AND ($2 = 0 OR v.owner_id = $2)

-- name: tags-of-video
SELECT g.id, g.slug, g.name FROM video_tags t JOIN tags g ON g.id = t.tag_id WHERE t.video_id = $1 ORDER BY t.position

-- name: set-article-video
UPDATE articles SET video_id = $2 WHERE id = $1

-- name: article-video
SELECT COALESCE(video_id, 0) FROM articles WHERE id = $1
