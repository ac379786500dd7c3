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
-- An informational count of failed sign-ins since the last success, shown on
-- the staff page. Keyed by email so that an unknown email runs the same
-- statement (touching no row) and takes the same time.
UPDATE staff SET failed_logins = failed_logins + 1 WHERE lower(email) = lower($1)

-- name: login-succeeded
UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = $1
