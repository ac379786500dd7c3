-- Views counted by the beacon, gathered in memory and flushed in batches
-- into hourly buckets per item. Each node adds its own counts, so the totals
-- of several nodes add up exactly.
CREATE TABLE view_buckets (
    kind    TEXT NOT NULL CHECK (kind IN ('article', 'video')),
    item_id INTEGER NOT NULL,
    lang    TEXT NOT NULL, -- the item's language, copied at flush time so rankings per edition need no join
    hour    TIMESTAMP NOT NULL,
    views   INTEGER NOT NULL,
    PRIMARY KEY (kind, item_id, hour)
);
-- Rankings read only this index: the rows of a window, already per language.
CREATE INDEX view_buckets_rank ON view_buckets (kind, lang, hour, item_id, views);
CREATE INDEX view_buckets_hour ON view_buckets (kind, hour, views);

-- The day's salt for visitor keys, shared by every node. Only today's is
-- kept: older ones are deleted, so yesterday's keys cannot be recomputed.
CREATE TABLE view_salts (
    day        TEXT PRIMARY KEY,
    salt       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
