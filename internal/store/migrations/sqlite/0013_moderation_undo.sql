-- A moderator's decision (approve, reject, a bulk action, a ban, a ban
-- lifted) can be taken back for a short while from the notice that confirms
-- it. Any node may be asked, so what the decision changed and how things
-- were before are kept here, not in a node's memory. An undo restores the
-- "before" columns only while the comment or ban still is as the decision
-- left it (the "after" columns), so a later decision is never overwritten.
CREATE TABLE moderation_undos (
    id         INTEGER PRIMARY KEY,
    token      TEXT NOT NULL UNIQUE, -- random; only the deciding moderator's notice carries it
    staff_id   INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    action     TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'ban', 'lift-ban')),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    undone_at  TIMESTAMP,
    -- ban: the ban it created; lift-ban: the ban it lifted.
    ban_id             INTEGER REFERENCES comment_bans (id) ON DELETE CASCADE,
    ban_expires_before TIMESTAMP, -- lift-ban: when the ban was to end (NULL: never)
    ban_expires_after  TIMESTAMP  -- when the decision left it to end (NULL: never)
);
CREATE INDEX moderation_undos_expires ON moderation_undos (expires_at);

-- Each comment a decision changed: how it was, and (filled in as the decision
-- is applied, in the same transaction) how the decision left it.
CREATE TABLE moderation_undo_comments (
    undo_id          INTEGER NOT NULL REFERENCES moderation_undos (id) ON DELETE CASCADE,
    comment_id       INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    status           TEXT NOT NULL,
    reason           TEXT NOT NULL,
    flags            INTEGER NOT NULL,
    decided_at       TIMESTAMP,
    decided_by       INTEGER REFERENCES staff (id),
    after_status     TEXT,
    after_flags      INTEGER,
    after_decided_at TIMESTAMP,
    PRIMARY KEY (undo_id, comment_id)
);
CREATE INDEX moderation_undo_comments_comment ON moderation_undo_comments (comment_id);

-- Reader flags that approving a reported comment cleared, to put back.
CREATE TABLE moderation_undo_flags (
    undo_id    INTEGER NOT NULL REFERENCES moderation_undos (id) ON DELETE CASCADE,
    comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    reader     TEXT NOT NULL,
    alias      TEXT NOT NULL,
    reason     TEXT NOT NULL,
    note       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX moderation_undo_flags_undo ON moderation_undo_flags (undo_id);
CREATE INDEX moderation_undo_flags_comment ON moderation_undo_flags (comment_id);
