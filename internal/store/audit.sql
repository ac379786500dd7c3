-- The audit log: every state change, newest first.

-- name: insert-audit
INSERT INTO audit_log (at, staff_id, actor, action, object_type, object_id, before_status, after_status, detail)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)

-- name: audit-page
SELECT id, at, COALESCE(staff_id, 0), actor, action, object_type, object_id, before_status, after_status, detail
FROM audit_log
WHERE ($1 = '' OR object_type = $1) AND ($2 = 0 OR object_id = $2)
ORDER BY at DESC, id DESC
LIMIT $3 OFFSET $4

-- name: signin-alerts
-- What the sign-in guard recorded against one account, for its owner.
SELECT at, detail FROM audit_log
WHERE object_type = 'staff' AND object_id = $1 AND action = 'signin-paused' AND at >= $2
ORDER BY at DESC, id DESC
LIMIT 10
