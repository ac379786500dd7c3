-- Full-text search over what readers can see: one row in search_docs per
-- published article or video story, and its words in search_fts. The store
-- writes both in the same transaction as the change that publishes,
-- corrects or withdraws the item; the first start after this migration
-- fills them from the published items (see fillSearchIndex in search_index.go).
--
-- The id is not a counter: it is the publication time in seconds shifted
-- left 20 bits plus a few bits of the item's id, so that rowid order is
-- publication order and "the newest matches" is a plain descending walk of
-- the full-text index (see searchDocID).
CREATE TABLE search_docs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('article', 'video')),
    item_id      INTEGER NOT NULL,
    lang         TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    UNIQUE (kind, item_id)
);

-- The words come already normalised by Go (internal/search: format
-- characters such as the zero-width joiner dropped, lower case, NFC) and
-- separated by single spaces; the tokenizer is still told to keep letters,
-- numbers, private-use characters and every combining mark (so Sinhala and
-- Tamil vowel signs and the virama stay inside words) and to leave
-- diacritics alone, so it never splits or folds a word Go made.
-- Contentless: the text itself is read from articles and videos.
-- lang holds the document's language as one word, so an edition's search
-- is one more term of the same query.
CREATE VIRTUAL TABLE search_fts USING fts5(
    lang, title, tags, summary, body,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 categories 'L* N* Co M*' remove_diacritics 0"
);
