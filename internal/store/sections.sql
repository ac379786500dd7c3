-- Sections, in the order the site shows them.

-- name: insert-section
INSERT INTO sections (slug, name, description, position) VALUES ($1, $2, $3, $4) RETURNING id

-- name: sections
SELECT id, slug, name, description, position FROM sections ORDER BY position, id

-- name: sections-in
-- The sections under their names in one edition's language, falling back to
-- the English name where no translation is set.
SELECT s.id, s.slug, COALESCE(n.name, s.name), COALESCE(n.description, s.description), s.position
FROM sections s LEFT JOIN section_names n ON n.section_id = s.id AND n.lang = $1
ORDER BY s.position, s.id

-- name: section-by-slug
SELECT id, slug, name, description, position FROM sections WHERE slug = $1

-- name: section-by-slug-in
SELECT s.id, s.slug, COALESCE(n.name, s.name), COALESCE(n.description, s.description), s.position
FROM sections s LEFT JOIN section_names n ON n.section_id = s.id AND n.lang = $2
WHERE s.slug = $1

-- name: section-names
SELECT section_id, lang, name, description FROM section_names ORDER BY section_id, lang

-- name: upsert-section-name
INSERT INTO section_names (section_id, lang, name, description) VALUES ($1, $2, $3, $4)
ON CONFLICT (section_id, lang) DO UPDATE SET name = excluded.name, description = excluded.description

-- name: delete-section-name
DELETE FROM section_names WHERE section_id = $1 AND lang = $2

-- name: section-by-id
SELECT id, slug, name, description, position FROM sections WHERE id = $1

-- name: update-section
UPDATE sections SET slug = $2, name = $3, description = $4, position = $5 WHERE id = $1

-- name: tags
SELECT g.id, g.slug, g.name, COUNT(t.article_id) FROM tags g LEFT JOIN article_tags t ON t.tag_id = g.id
GROUP BY g.id, g.slug, g.name ORDER BY g.name LIMIT $1 OFFSET $2

-- name: rename-tag
UPDATE tags SET name = $2 WHERE id = $1
