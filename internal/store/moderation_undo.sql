-- Moderators' decisions kept for a short while so that they can be undone.

-- name: delete-old-undos
-- Kept a day past their window, so that a late click is told it is too late
-- rather than that there is no such decision; then dropped with the copies
-- of reader flags they hold.
DELETE FROM moderation_undos WHERE expires_at < $1

-- name: insert-undo
INSERT INTO moderation_undos (token, staff_id, action, created_at, expires_at, ban_id, ban_expires_before, ban_expires_after)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id

-- name: undo-by-id
SELECT id, token, staff_id, action, created_at, expires_at, undone_at, COALESCE(ban_id, 0)
FROM moderation_undos WHERE id = $1

-- name: undo-by-token
SELECT id, token, staff_id, action, created_at, expires_at, undone_at, COALESCE(ban_id, 0)
FROM moderation_undos WHERE token = $1

-- name: undo-comment-ids
SELECT comment_id FROM moderation_undo_comments WHERE undo_id = $1 ORDER BY comment_id

-- name: keep-undo-comment
-- The comment as it is before the decision.
INSERT INTO moderation_undo_comments (undo_id, comment_id, status, reason, flags, decided_at, decided_by)
SELECT $1, id, status, reason, flags, decided_at, decided_by FROM comments WHERE id = $2

-- name: keep-undo-after
-- The comment as the decision left it: what an undo expects to find.
UPDATE moderation_undo_comments
SET after_status = c.status, after_flags = c.flags, after_decided_at = c.decided_at
FROM comments c
WHERE moderation_undo_comments.undo_id = $1 AND moderation_undo_comments.comment_id = $2 AND c.id = $2

-- name: keep-undo-flags
INSERT INTO moderation_undo_flags (undo_id, comment_id, reader, alias, reason, note, created_at)
SELECT $1, comment_id, reader, alias, reason, note, created_at FROM comment_flags WHERE comment_id = $2

-- name: claim-undo
-- Only one undo of a decision gets through, however many nodes are asked.
UPDATE moderation_undos SET undone_at = $2 WHERE id = $1 AND undone_at IS NULL

-- name: undo-changed-comments
-- The comments that someone or something changed after the decision.
SELECT c.id FROM moderation_undo_comments u JOIN comments c ON c.id = u.comment_id
WHERE u.undo_id = $1
  AND NOT (c.status = u.after_status AND c.flags = u.after_flags AND c.decided_at = u.after_decided_at)
ORDER BY c.id

-- name: undo-comments
SELECT u.comment_id, c.article_id, u.status, u.after_status
FROM moderation_undo_comments u JOIN comments c ON c.id = u.comment_id
WHERE u.undo_id = $1
ORDER BY u.comment_id

-- name: undo-restore-comments
-- Guarded again by the state the decision left, so that a decision made
-- between the check above and this write is never overwritten.
UPDATE comments
SET status = u.status, reason = u.reason, flags = u.flags, decided_at = u.decided_at, decided_by = u.decided_by
FROM moderation_undo_comments u
WHERE u.undo_id = $1 AND comments.id = u.comment_id
  AND comments.status = u.after_status AND comments.flags = u.after_flags AND comments.decided_at = u.after_decided_at

-- name: undo-restore-flags
INSERT INTO comment_flags (comment_id, reader, alias, reason, note, created_at)
SELECT comment_id, reader, alias, reason, note, created_at FROM moderation_undo_flags WHERE undo_id = $1

-- name: undo-ban-unchanged
SELECT COUNT(*) FROM moderation_undos u JOIN comment_bans b ON b.id = u.ban_id
WHERE u.id = $1 AND b.expires_at IS NOT DISTINCT FROM u.ban_expires_after

-- name: undo-ban
-- A ban the decision created ends now.
UPDATE comment_bans SET expires_at = $2
FROM moderation_undos u
WHERE u.id = $1 AND comment_bans.id = u.ban_id AND comment_bans.expires_at IS NOT DISTINCT FROM u.ban_expires_after

-- name: undo-lift-ban
-- A ban the decision lifted runs to its old end again.
UPDATE comment_bans SET expires_at = u.ban_expires_before
FROM moderation_undos u
WHERE u.id = $1 AND comment_bans.id = u.ban_id AND comment_bans.expires_at IS NOT DISTINCT FROM u.ban_expires_after

-- name: active-ban-expiry
SELECT expires_at FROM comment_bans WHERE id = $1 AND (expires_at IS NULL OR expires_at > $2)
