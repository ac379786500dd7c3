-- A flag keeps the reader's second key, a keyed hash of their address (never
-- the address itself), beside the reader key. A second flag on a comment is
-- refused when either key matches an earlier one, so one person cannot count
-- as several readers by sending a fresh cookie each time. The index makes the
-- database refuse it too when two such flags arrive at once. Flags stored
-- before this migration have no alias ('') and are not matched by it.
ALTER TABLE comment_flags ADD COLUMN alias TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX comment_flags_alias ON comment_flags (comment_id, alias) WHERE alias <> '';
