-- Sections, in the order the site shows them.

-- name: insert-section
INSERT INTO sections (slug, name, description, position) VALUES ($1, $2, $3, $4) RETURNING id

-- name: sections
SELECT id, slug, name, description, position FROM sections ORDER BY position, id

-- name: section-by-slug
SELECT id, slug, name, description, position FROM sections WHERE slug = $1
