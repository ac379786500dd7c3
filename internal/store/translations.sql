-- Articles linked as versions of one story in different editions.

-- name: article-lang
SELECT lang FROM articles WHERE id = $1

-- name: translation-group
SELECT story_id FROM article_translations WHERE article_id = $1

-- name: insert-translation
INSERT INTO article_translations (article_id, story_id, lang) VALUES ($1, $2, $3)

-- name: delete-translation
DELETE FROM article_translations WHERE article_id = $1

-- name: translation-group-size
SELECT COUNT(*) FROM article_translations WHERE story_id = $1

-- name: delete-translation-group
DELETE FROM article_translations WHERE story_id = $1

-- name: update-translation-lang
UPDATE article_translations SET lang = $2 WHERE article_id = $1

-- name: translations-of
-- The other versions of an article's story, in edition order of language code.
SELECT a.id, a.slug, a.lang, a.headline, a.status
FROM article_translations me
JOIN article_translations t ON t.story_id = me.story_id AND t.article_id <> me.article_id
JOIN articles a ON a.id = t.article_id
WHERE me.article_id = $1
ORDER BY a.lang, a.id
