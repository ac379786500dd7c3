-- Scheduled publishing.

-- name: due-scheduled
SELECT id FROM articles WHERE status = 'scheduled' AND scheduled_at <= $1 ORDER BY scheduled_at, id LIMIT $2
