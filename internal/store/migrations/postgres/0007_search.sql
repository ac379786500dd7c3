-- Full-text search over what readers can see: one row in search_docs per
-- published article or video story. The store writes it in the same
-- transaction as the change that publishes, corrects or withdraws the item;
-- the first start after this migration fills it from the published items
-- (see fillSearchIndex in search_index.go).
--
-- tsv is built in Go from a tsvector literal ('word':3A ...), never by
-- to_tsvector, so the words (normalised by internal/search: zero-width
-- joiners dropped, Sinhala and Tamil marks kept inside words) never depend
-- on the server's locale, parser or dictionaries. Weights: A title, B tags,
-- C summary, D body.
--
-- The id is not a counter: it is the publication time in seconds shifted
-- left 20 bits plus a few bits of the item's id, so id order is publication
-- order (see searchDocID).
CREATE TABLE search_docs (
    id           BIGINT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('article', 'video')),
    item_id      BIGINT NOT NULL,
    lang         TEXT NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    tsv          TSVECTOR NOT NULL,
    UNIQUE (kind, item_id)
);
CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv);
