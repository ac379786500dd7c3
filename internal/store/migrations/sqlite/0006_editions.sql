-- Editions: every article and video story already carries its language
-- (lang); this adds what an edition needs around it.

-- A section's name and description in each edition's language. The English
-- name stays in sections; a missing row falls back to it.
CREATE TABLE section_names (
    section_id  INTEGER NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
    lang        TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (section_id, lang)
);

-- Articles linked as versions of one story in different editions. story_id
-- names the group (the id of the article the first link was made from); an
-- edition has at most one version of a story, so lang is kept here too.
CREATE TABLE article_translations (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id   INTEGER NOT NULL,
    lang       TEXT NOT NULL,
    UNIQUE (story_id, lang)
);

-- Edition lists filter on lang first, so a small edition's pages never wade
-- through the large one's index entries.
CREATE INDEX articles_lang_published ON articles (lang, status, published_at DESC, id DESC);
CREATE INDEX articles_section_lang_published ON articles (section_id, lang, status, published_at DESC, id DESC);
CREATE INDEX videos_lang_published ON videos (lang, status, published_at DESC, id DESC);

-- Cards show the section under its name in the article's own edition.
DROP VIEW article_cards;
CREATE VIEW article_cards AS
SELECT a.id, a.slug, a.headline, a.summary,
       a.section_id, s.slug AS section_slug, COALESCE(sn.name, s.name) AS section_name,
       a.source_agency, a.source_name, a.place, a.lang,
       a.image_id, COALESCE(m.filename, '') AS image_filename, COALESCE(m.ext, '') AS image_ext,
       COALESCE(f.width, 0) AS image_width, COALESCE(f.height, 0) AS image_height,
       a.image_caption, a.image_credit,
       a.status, a.published_at, a.created_at, a.updated_at,
       a.scheduled_at, a.owner_id, a.version
FROM articles a
JOIN sections s ON s.id = a.section_id
LEFT JOIN section_names sn ON sn.section_id = a.section_id AND sn.lang = a.lang
LEFT JOIN media m ON m.id = a.image_id
LEFT JOIN media_files f ON f.media_id = a.image_id AND f.variant = 'page';
