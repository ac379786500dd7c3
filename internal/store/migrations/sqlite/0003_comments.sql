-- Reader comments under editorial moderation, reader flags, bans, and site
-- settings (the comment policy among them).

CREATE TABLE comments (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    parent_id   INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL DEFAULT '', -- never shown to readers
    body        TEXT NOT NULL,
    lang        TEXT NOT NULL DEFAULT 'en',
    status      TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'reported')),
    findings    TEXT NOT NULL DEFAULT '[]', -- JSON list of guideline findings
    reason      TEXT NOT NULL DEFAULT '',   -- why it was rejected
    visitor     TEXT NOT NULL DEFAULT '',   -- keyed hash of the reader's cookie or address; no raw address is kept
    flags       INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL,
    decided_at  TIMESTAMP,
    decided_by  INTEGER REFERENCES staff (id)
);
CREATE INDEX comments_article ON comments (article_id, status, created_at);
CREATE INDEX comments_status ON comments (status, created_at);
CREATE INDEX comments_email ON comments (email);
CREATE INDEX comments_visitor ON comments (visitor, created_at);

CREATE TABLE comment_flags (
    comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    reader     TEXT NOT NULL,
    reason     TEXT NOT NULL CHECK (reason IN ('obscene', 'defamatory', 'outside-link', 'all-caps', 'spam', 'other')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (comment_id, reader)
);

CREATE TABLE comment_bans (
    id         INTEGER PRIMARY KEY,
    email      TEXT NOT NULL DEFAULT '',
    visitor    TEXT NOT NULL DEFAULT '',
    reason     TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP,
    created_by INTEGER REFERENCES staff (id)
);
CREATE INDEX comment_bans_email ON comment_bans (email);
CREATE INDEX comment_bans_visitor ON comment_bans (visitor);

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- '' follows the site's policy; 'pre', 'post' or 'closed' overrides it.
ALTER TABLE articles ADD COLUMN comment_mode TEXT NOT NULL DEFAULT '';
