-- Who has been counted today, so that a reader counts once per story per day
-- on every node and across restarts, and one address adds at most a few
-- readers to a story a day. Both hold only keyed hashes under the day's salt
-- (view_salts), one per item, so a reader's rows for two stories share
-- nothing; the rows of a day are deleted when its salt is.

-- One row per (item, reader) counted that day; the key stands for both.
CREATE TABLE view_readers (
    day    TEXT NOT NULL,
    reader TEXT NOT NULL, -- hex of popularity.ItemKey(reader's visitor key, item)
    PRIMARY KEY (day, reader)
);

-- How many distinct readers each address has brought to an item that day;
-- the flush counts at most popularity.PerAddress of them.
CREATE TABLE view_addresses (
    day     TEXT NOT NULL,
    address TEXT NOT NULL, -- hex of popularity.ItemKey(address's visitor key, item)
    readers INTEGER NOT NULL,
    PRIMARY KEY (day, address)
);
