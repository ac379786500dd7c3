-- Staff members credited in bylines. Accounts and roles come with the newsroom.

-- name: insert-staff
INSERT INTO staff (slug, name, email, bio, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id

-- name: staff-by-slug
SELECT id, slug, name FROM staff WHERE slug = $1
