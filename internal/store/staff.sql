-- Staff members: bylines and newsroom accounts.

-- name: insert-staff
INSERT INTO staff (slug, name, email, bio, created_at, role, password_hash, active)
VALUES ($1, $2, $3, $4, $5, $6, $7, TRUE)
RETURNING id

-- name: staff-by-slug
SELECT id, slug, name FROM staff WHERE slug = $1

-- name: account-by-id
SELECT id, slug, name, COALESCE(email, ''), bio, role, password_hash, active, failed_logins, locked_until, created_at
FROM staff WHERE id = $1

-- name: account-by-email
SELECT id, slug, name, COALESCE(email, ''), bio, role, password_hash, active, failed_logins, locked_until, created_at
FROM staff WHERE lower(email) = lower($1)

-- name: accounts
SELECT id, slug, name, COALESCE(email, ''), bio, role, password_hash, active, failed_logins, locked_until, created_at
FROM staff ORDER BY name, id

-- name: admin-exists
SELECT COUNT(*) FROM staff WHERE role = 'admin' AND active AND password_hash <> ''

-- name: set-password
UPDATE staff SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE id = $1

-- name: set-role-active
UPDATE staff SET role = $2, active = $3 WHERE id = $1

-- name: login-failed
-- A failure after an expired lock starts a new count, so one typo after the
-- lock ends does not lock the account again at once.
UPDATE staff SET
    failed_logins = CASE WHEN locked_until IS NOT NULL AND locked_until <= $4 THEN 1 ELSE failed_logins + 1 END,
    locked_until = CASE
        WHEN locked_until IS NOT NULL AND locked_until <= $4 THEN NULL
        WHEN failed_logins + 1 >= $2 THEN $3
        ELSE locked_until END
WHERE id = $1

-- name: login-succeeded
UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = $1

-- name: insert-login-failure
INSERT INTO login_failures (ip, email, at) VALUES ($1, $2, $3)

-- name: count-login-failures-ip
SELECT COUNT(*) FROM login_failures WHERE ip = $1 AND at >= $2

-- name: prune-login-failures
DELETE FROM login_failures WHERE at < $1
