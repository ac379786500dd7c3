-- What readers may fetch: an uploaded video file is public only while a
-- published video story shows it.

-- name: published-video-by-file
SELECT id FROM videos
WHERE file_id = $1 AND status = 'published'
ORDER BY published_at DESC, id DESC
LIMIT 1
