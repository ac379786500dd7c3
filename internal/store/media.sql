-- Uploaded images, kept in the database so every node can serve them.

-- name: insert-media
INSERT INTO media (filename, content_type, width, height, sha256, bytes, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id

-- name: media-by-id
SELECT id, filename, content_type, width, height, sha256, bytes FROM media WHERE id = $1
