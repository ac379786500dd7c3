-- Video stories, programmes (recurring bulletins) and their slots, and
-- self-hosted video files. An article may embed one video story.

CREATE TABLE programmes (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    lang        TEXT NOT NULL DEFAULT 'en',
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE programme_slots (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    slug         TEXT NOT NULL,
    name         TEXT NOT NULL,
    position     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (programme_id, slug)
);

-- video_files describes uploaded MP4s. On SQLite the file is in the data
-- folder (path); on PostgreSQL its bytes are in video_chunks, 4 MiB a row, so
-- an upload is written once and a range read touches only the chunks it needs.
CREATE TABLE video_files (
    id           INTEGER PRIMARY KEY,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    path         TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL
);

CREATE TABLE video_chunks (
    file_id INTEGER NOT NULL REFERENCES video_files (id) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    bytes   BLOB NOT NULL,
    PRIMARY KEY (file_id, seq)
);

CREATE TABLE videos (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL,
    title         TEXT NOT NULL,
    custom_title  BOOLEAN NOT NULL DEFAULT 0, -- false: an episode's title is built from programme, slot and date
    summary       TEXT NOT NULL DEFAULT '',
    lang          TEXT NOT NULL DEFAULT 'en',
    section_id    INTEGER REFERENCES sections (id),
    status        TEXT NOT NULL CHECK (status IN ('draft', 'review', 'scheduled', 'published', 'unpublished')),
    provider      TEXT NOT NULL CHECK (provider IN ('youtube', 'vimeo', 'upload')),
    provider_id   TEXT NOT NULL DEFAULT '',
    provider_hash TEXT NOT NULL DEFAULT '',
    start_seconds INTEGER NOT NULL DEFAULT 0,
    file_id       INTEGER REFERENCES video_files (id),
    thumbnail_id  INTEGER REFERENCES media (id),
    duration      INTEGER NOT NULL DEFAULT 0, -- seconds
    programme_id  INTEGER REFERENCES programmes (id),
    slot_id       INTEGER REFERENCES programme_slots (id),
    air_date      TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD in the site's zone
    owner_id      INTEGER REFERENCES staff (id),
    version       INTEGER NOT NULL DEFAULT 1,
    published_at  TIMESTAMP,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX videos_published ON videos (status, published_at DESC, id DESC, lang);
CREATE INDEX videos_programme ON videos (programme_id, status, air_date DESC, id DESC);

CREATE TABLE video_tags (
    video_id INTEGER NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
    tag_id   INTEGER NOT NULL REFERENCES tags (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (video_id, tag_id)
);

ALTER TABLE articles ADD COLUMN video_id INTEGER REFERENCES videos (id);
