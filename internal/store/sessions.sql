-- Sessions and one-time setup links. Only hashes of secrets are stored.

-- name: insert-session
INSERT INTO sessions (id, staff_id, created_at, last_seen_at, expires_at, ip, user_agent)
VALUES ($1, $2, $3, $3, $4, $5, $6)

-- name: session-account
SELECT s.last_seen_at, s.expires_at,
       a.id, a.slug, a.name, COALESCE(a.email, ''), a.bio, a.role, a.password_hash, a.active, a.failed_logins, a.locked_until, a.created_at
FROM sessions s JOIN staff a ON a.id = s.staff_id
WHERE s.id = $1 AND s.expires_at > $2 AND a.active

-- name: touch-session
UPDATE sessions SET last_seen_at = $2 WHERE id = $1

-- name: delete-session
DELETE FROM sessions WHERE id = $1

-- name: delete-staff-sessions
DELETE FROM sessions WHERE staff_id = $1

-- name: prune-sessions
DELETE FROM sessions WHERE expires_at < $1

-- name: insert-setup-token
INSERT INTO setup_tokens (token_hash, created_at, expires_at) VALUES ($1, $2, $3)

-- name: use-setup-token
UPDATE setup_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2

-- name: setup-token-valid
-- A link is no use once an admin exists (made by another link, or by
-- the demo), so it is not offered then.
SELECT COUNT(*) FROM setup_tokens WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
  AND NOT EXISTS (SELECT 1 FROM staff WHERE role = 'admin' AND active AND password_hash <> '')
