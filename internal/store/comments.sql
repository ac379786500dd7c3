-- Reader comments, flags, bans and settings.

-- name: insert-comment
INSERT INTO comments (article_id, parent_id, name, email, body, lang, status, findings, visitor, created_at, visitor_kind, address)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id

-- name: comment-by-id
SELECT id, article_id, COALESCE(parent_id, 0), name, email, body, lang, status, findings, reason, visitor, visitor_kind, address, flags, created_at, decided_at
FROM comments WHERE id = $1

-- name: approved-comments
-- A reply shows only while its parent does. Only what readers see is read:
-- a busy story's page reads hundreds of these rows.
SELECT c.id, COALESCE(c.parent_id, 0), c.name, c.body, c.created_at
FROM comments c LEFT JOIN comments p ON p.id = c.parent_id
WHERE c.article_id = $1 AND c.status = 'approved' AND (c.parent_id IS NULL OR p.status = 'approved')
ORDER BY c.created_at, c.id
LIMIT $2

-- name: comment-queue
SELECT c.id, c.article_id, COALESCE(c.parent_id, 0), c.name, c.email, c.body, c.lang, c.status, c.findings, c.reason, c.visitor, c.visitor_kind, c.address, c.flags, c.created_at, c.decided_at,
       a.headline, a.slug
FROM comments c JOIN articles a ON a.id = c.article_id
WHERE c.status = $1
ORDER BY c.created_at, c.id
LIMIT $2 OFFSET $3

-- name: comment-queue-newest
SELECT c.id, c.article_id, COALESCE(c.parent_id, 0), c.name, c.email, c.body, c.lang, c.status, c.findings, c.reason, c.visitor, c.visitor_kind, c.address, c.flags, c.created_at, c.decided_at,
       a.headline, a.slug
FROM comments c JOIN articles a ON a.id = c.article_id
WHERE c.status = $1
ORDER BY COALESCE(c.decided_at, c.created_at) DESC, c.id DESC
LIMIT $2 OFFSET $3

-- name: count-comments-by-status
SELECT COUNT(*) FROM comments WHERE status = $1

-- name: comment-queue-flagged
-- Approved comments that readers flagged, fewer times than hides them.
SELECT c.id, c.article_id, COALESCE(c.parent_id, 0), c.name, c.email, c.body, c.lang, c.status, c.findings, c.reason, c.visitor, c.visitor_kind, c.address, c.flags, c.created_at, c.decided_at,
       a.headline, a.slug
FROM comments c JOIN articles a ON a.id = c.article_id
WHERE c.status = 'approved' AND c.flags > 0
ORDER BY c.flags DESC, c.created_at DESC, c.id DESC
LIMIT $1 OFFSET $2

-- name: count-comments-flagged
SELECT COUNT(*) FROM comments WHERE status = 'approved' AND flags > 0

-- name: oldest-waiting
SELECT id, created_at FROM comments WHERE status IN ('pending', 'reported') ORDER BY created_at, id LIMIT 1

-- name: decide-comment
UPDATE comments SET status = $2, reason = $3, decided_at = $4, decided_by = $5 WHERE id = $1

-- name: clear-flags
DELETE FROM comment_flags WHERE comment_id = $1

-- name: reset-flag-count
UPDATE comments SET flags = 0 WHERE id = $1

-- name: comment-flags
SELECT reason, note, created_at, CASE WHEN alias <> '' THEN alias ELSE reader END FROM comment_flags WHERE comment_id = $1 ORDER BY created_at

-- name: flagged-by
-- The same reader only: readers who share an address may each flag once.
SELECT COUNT(*) FROM comment_flags WHERE comment_id = $1 AND reader = $2

-- name: insert-flag
INSERT INTO comment_flags (comment_id, reader, alias, reason, note, created_at) VALUES ($1, $2, $3, $4, $5, $6)

-- name: count-flags
-- Every reader's flag counts for the moderators' view (the primary key keeps
-- one per reader).
UPDATE comments SET flags = (SELECT COUNT(*) FROM comment_flags WHERE comment_id = $1) WHERE id = $1 RETURNING flags, status

-- name: flag-addresses
-- What hiding counts: the different addresses the flags came from, so one
-- person with many cookies counts once. Flags from before addresses were
-- kept ('') count by reader.
SELECT COUNT(DISTINCT CASE WHEN alias <> '' THEN alias ELSE reader END) FROM comment_flags WHERE comment_id = $1

-- name: hide-reported
UPDATE comments SET status = 'reported' WHERE id = $1 AND status = 'approved'

-- name: recent-duplicate
-- The same text again from the same reader, or from the same address: a
-- script that takes a fresh cookie for every post is still caught. A
-- refused comment does not count: its reader was given the text back to
-- send again.
SELECT COUNT(*) FROM comments
WHERE (visitor = $1 OR (address <> '' AND address = $4)) AND body = $2 AND created_at >= $3 AND status <> 'rejected'

-- name: recent-by-visitor
SELECT COUNT(*) FROM comments WHERE visitor = $1 AND created_at >= $2

-- name: history-by-email
SELECT status, COUNT(*) FROM comments WHERE email <> '' AND lower(email) = lower($1) AND id <> $2 GROUP BY status

-- name: history-by-visitor
SELECT status, COUNT(*) FROM comments WHERE visitor <> '' AND visitor = $1 AND id <> $2 GROUP BY status

-- name: insert-ban
INSERT INTO comment_bans (email, visitor, reason, created_at, expires_at, created_by, visitor_kind, address) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id

-- name: active-ban
-- Bans in force that stop this email or visitor, and those made from this
-- address (which only hold a comment for a moderator).
SELECT COALESCE(SUM(CASE WHEN (email <> '' AND lower(email) = lower($1)) OR (visitor <> '' AND visitor = $2) THEN 1 ELSE 0 END), 0),
       COALESCE(SUM(CASE WHEN address <> '' AND address = $4 THEN 1 ELSE 0 END), 0)
FROM comment_bans
WHERE expires_at IS NULL OR expires_at > $3

-- name: setting
SELECT value FROM settings WHERE key = $1

-- name: set-setting
INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)
ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at

-- name: insert-setting-if-absent
INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING

-- name: article-comment-mode
SELECT comment_mode, status FROM articles WHERE id = $1

-- name: set-article-comment-mode
UPDATE articles SET comment_mode = $2 WHERE id = $1

-- name: import-comment
-- Bulk loading (benchmark data sets, migrations from another system): one
-- prepared statement per row in one transaction, which SQLite does quickly.
INSERT INTO comments (article_id, name, email, body, lang, status, findings, visitor, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)

-- name: import-comments (postgres)
-- PostgreSQL takes a whole batch as arrays in one statement.
INSERT INTO comments (article_id, name, email, body, lang, status, findings, visitor, created_at)
SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])

-- name: bans
-- The newest 500 bans, with the name the banned reader last commented under
-- and who banned them; $1 = 1 keeps only those in force at $2.
SELECT b.id, b.email, b.reason, b.created_at, b.expires_at, COALESCE(s.name, ''), b.visitor, b.visitor_kind,
       COALESCE((SELECT c.name FROM comments c
                 WHERE (b.email <> '' AND lower(c.email) = lower(b.email)) OR (b.visitor <> '' AND c.visitor = b.visitor)
                 ORDER BY c.id DESC LIMIT 1), '') AS commenter
FROM comment_bans b LEFT JOIN staff s ON s.id = b.created_by
WHERE ($1 = 0 OR b.expires_at IS NULL OR b.expires_at > $2)
ORDER BY b.created_at DESC, b.id DESC
LIMIT 500

-- name: lift-ban
UPDATE comment_bans SET expires_at = $2 WHERE id = $1 AND (expires_at IS NULL OR expires_at > $2)
