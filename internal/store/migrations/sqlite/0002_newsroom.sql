-- The newsroom: sessions, setup links, login throttling, API tokens,
-- revisions, corrections and the audit log.

CREATE TABLE sessions (
    id           TEXT PRIMARY KEY, -- sha256 of the cookie's secret; the secret itself is never stored
    staff_id     INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_staff ON sessions (staff_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE setup_tokens (
    token_hash TEXT PRIMARY KEY,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);

CREATE TABLE login_failures (
    id    INTEGER PRIMARY KEY,
    ip    TEXT NOT NULL,
    email TEXT NOT NULL,
    at    TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_ip ON login_failures (ip, at);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    staff_id     INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP
);
CREATE INDEX api_tokens_staff ON api_tokens (staff_id);

-- article_revisions keeps every saved state of an article. The fields an
-- editor compares are columns; the rest is a JSON snapshot for restoring.
CREATE TABLE article_revisions (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    staff_id      INTEGER REFERENCES staff (id),
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    status        TEXT NOT NULL,
    headline      TEXT NOT NULL,
    summary       TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    snapshot      TEXT NOT NULL
);
CREATE INDEX article_revisions_article ON article_revisions (article_id, id DESC);

CREATE TABLE article_corrections (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('correction', 'update')),
    body       TEXT NOT NULL,
    staff_id   INTEGER REFERENCES staff (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX article_corrections_article ON article_corrections (article_id, id);

-- audit_log records every state change: who, what, when, status before and
-- after. actor keeps the name as it was, so the log reads true later.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            TIMESTAMP NOT NULL,
    staff_id      INTEGER,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,
    object_type   TEXT NOT NULL,
    object_id     INTEGER NOT NULL DEFAULT 0,
    before_status TEXT NOT NULL DEFAULT '',
    after_status  TEXT NOT NULL DEFAULT '',
    detail        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);
