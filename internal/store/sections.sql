-- Sections, in the order the site shows them.

-- name: insert-section
INSERT INTO sections (slug, name, description, position) VALUES ($1, $2, $3, $4) RETURNING id

-- name: sections
SELECT id, slug, name, description, position FROM sections ORDER BY position, id

-- name: section-by-slug
SELECT id, slug, name, description, position FROM sections WHERE slug = $1

-- name: section-by-id
SELECT id, slug, name, description, position FROM sections WHERE id = $1

-- name: update-section
UPDATE sections SET slug = $2, name = $3, description = $4, position = $5 WHERE id = $1

-- name: tags
SELECT g.id, g.slug, g.name, COUNT(t.article_id) FROM tags g LEFT JOIN article_tags t ON t.tag_id = g.id
GROUP BY g.id, g.slug, g.name ORDER BY g.name LIMIT $1 OFFSET $2

-- name: rename-tag
UPDATE tags SET name = $2 WHERE id = $1
