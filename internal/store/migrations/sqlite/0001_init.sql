-- Dateline's first schema: sections, staff, tags, media and articles.
-- Instants are stored in UTC as sortable text (the driver's sqlite time format).

CREATE TABLE sections (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE staff (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    email      TEXT UNIQUE,
    bio        TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    -- Accounts: a staff member without a password hash cannot log in.
    role          TEXT NOT NULL DEFAULT 'reporter' CHECK (role IN ('reporter', 'editor', 'moderator', 'admin')),
    password_hash TEXT NOT NULL DEFAULT '',
    active        BOOLEAN NOT NULL DEFAULT 1,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TIMESTAMP
);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE media (
    id         INTEGER PRIMARY KEY,
    filename   TEXT NOT NULL, -- a slug of the uploaded name, without extension
    ext        TEXT NOT NULL, -- ".jpg" or ".png", the same for every rendition
    created_at TIMESTAMP NOT NULL
);

-- media_files holds each rendition of an image ("page", "card", "thumb").
-- The bytes live in the data folder (path, relative to it); bytes is unused.
CREATE TABLE media_files (
    media_id     INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    variant      TEXT NOT NULL,
    content_type TEXT NOT NULL,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    size         INTEGER NOT NULL,
    path         TEXT NOT NULL DEFAULT '',
    bytes        BLOB,
    PRIMARY KEY (media_id, variant)
);

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL,
    headline      TEXT NOT NULL,
    summary       TEXT NOT NULL DEFAULT '',
    section_id    INTEGER NOT NULL REFERENCES sections (id),
    source_agency BOOLEAN NOT NULL DEFAULT 0,
    source_name   TEXT NOT NULL DEFAULT '',
    place         TEXT NOT NULL DEFAULT '',
    lang          TEXT NOT NULL DEFAULT 'en',
    image_id      INTEGER REFERENCES media (id),
    image_caption TEXT NOT NULL DEFAULT '',
    image_credit  TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('draft', 'review', 'scheduled', 'published', 'unpublished')),
    published_at  TIMESTAMP,
    scheduled_at  TIMESTAMP,
    owner_id      INTEGER REFERENCES staff (id),
    version       INTEGER NOT NULL DEFAULT 1, -- bumped by every save; a stale save is refused
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    -- The bodies come last: SQLite reads a row's columns in order, so list
    -- queries never wade through long bodies to reach the columns they need.
    body_markdown TEXT NOT NULL DEFAULT '',
    body_html     TEXT NOT NULL DEFAULT ''
);

-- Both list indexes carry lang, so counts per language read only the index.
CREATE INDEX articles_status_published ON articles (status, published_at DESC, id DESC, lang);
CREATE INDEX articles_section_published ON articles (section_id, status, published_at DESC, id DESC, lang);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags (id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_tag ON article_tags (tag_id, article_id);

CREATE TABLE article_authors (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    staff_id   INTEGER NOT NULL REFERENCES staff (id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, staff_id)
);
CREATE INDEX article_authors_staff ON article_authors (staff_id);
CREATE INDEX articles_owner ON articles (owner_id);
CREATE INDEX articles_scheduled ON articles (status, scheduled_at);

-- article_cards is what lists and pages show of an article, without the body.
CREATE VIEW article_cards AS
SELECT a.id, a.slug, a.headline, a.summary,
       a.section_id, s.slug AS section_slug, s.name AS section_name,
       a.source_agency, a.source_name, a.place, a.lang,
       a.image_id, COALESCE(m.filename, '') AS image_filename, COALESCE(m.ext, '') AS image_ext,
       COALESCE(f.width, 0) AS image_width, COALESCE(f.height, 0) AS image_height,
       a.image_caption, a.image_credit,
       a.status, a.published_at, a.created_at, a.updated_at,
       a.scheduled_at, a.owner_id, a.version
FROM articles a
JOIN sections s ON s.id = a.section_id
LEFT JOIN media m ON m.id = a.image_id
LEFT JOIN media_files f ON f.media_id = a.image_id AND f.variant = 'page';
