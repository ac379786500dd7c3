-- Personal API tokens. Only the hash of a token is stored.

-- name: insert-token
INSERT INTO api_tokens (staff_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id

-- name: tokens-of-staff
SELECT id, staff_id, name, created_at, last_used_at, revoked_at FROM api_tokens
WHERE staff_id = $1 ORDER BY id DESC

-- name: revoke-token
UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND staff_id = $2 AND revoked_at IS NULL

-- name: revoke-staff-tokens
UPDATE api_tokens SET revoked_at = $2 WHERE staff_id = $1 AND revoked_at IS NULL

-- name: token-account
SELECT t.id, t.name,
       a.id, a.slug, a.name, COALESCE(a.email, ''), a.bio, a.role, a.password_hash, a.active, a.failed_logins, a.locked_until, a.created_at
FROM api_tokens t JOIN staff a ON a.id = t.staff_id
WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND a.active

-- name: token-used
UPDATE api_tokens SET last_used_at = $2 WHERE id = $1
