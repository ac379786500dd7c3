-- Tags are created on first use by an article and found by slug.

-- name: tag-by-slug
SELECT id, slug, name FROM tags WHERE slug = $1

-- name: insert-tag
INSERT INTO tags (slug, name) VALUES ($1, $2)
ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug
RETURNING id, name
