package storetest_test

import (
	"database/sql"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestMigrationsAgree opens a fresh store on each engine and compares the
// schemas the two migration trees built: every table, every column (name,
// type family, NOT NULL, whether it has a default, primary key) and every
// index (columns, unique, partial). What differs by design is listed in
// schemaDesignDifferences with its reason; anything else fails.
func TestMigrationsAgree(t *testing.T) {
	if os.Getenv("DATABASE_URL") == "" && os.Getenv("CI") == "" {
		t.Skip("DATABASE_URL is not set: skipping the comparison with PostgreSQL (set it to run this test)")
	}
	lite := describeSchema(t, storetest.Open(t, "sqlite"))
	pg := describeSchema(t, storetest.Open(t, "postgres"))
	t.Logf("%d schema lines on SQLite, %d on PostgreSQL", len(lite), len(pg))
	var problems []string
	for _, line := range lite {
		if !slices.Contains(pg, line) && !schemaDesignDifferences["sqlite only: "+line] {
			problems = append(problems, "sqlite only:   "+line)
		}
	}
	for _, line := range pg {
		if !slices.Contains(lite, line) && !schemaDesignDifferences["postgres only: "+line] {
			problems = append(problems, "postgres only: "+line)
		}
	}
	if len(problems) > 0 {
		t.Errorf("the migration trees disagree (%d lines):\n%s", len(problems), strings.Join(problems, "\n"))
	}
	// A listed difference that has gone away should leave the list too.
	for d := range schemaDesignDifferences {
		side, line, _ := strings.Cut(d, ": ")
		in := lite
		if side == "postgres only" {
			in = pg
		}
		if !slices.Contains(in, line) {
			t.Errorf("schemaDesignDifferences lists %q, which no longer holds", d)
		}
	}
}

// schemaDesignDifferences are the lines of describeSchema that one engine
// has and the other has not, on purpose.
var schemaDesignDifferences = map[string]bool{
	// Full-text search: an FTS5 table on SQLite, a tsvector column with a
	// GIN index on PostgreSQL (migration 0007).
	"sqlite only: table search_fts":                           true,
	"sqlite only: column search_fts.title untyped":            true,
	"sqlite only: column search_fts.summary untyped":          true,
	"sqlite only: column search_fts.body untyped":             true,
	"sqlite only: column search_fts.tags untyped":             true,
	"sqlite only: column search_fts.lang untyped":             true,
	"postgres only: column search_docs.tsv tsvector not null": true,
	"postgres only: index search_docs search_docs_tsv (tsv)":  true,

	// On SQLite every INTEGER PRIMARY KEY is the rowid and numbers itself
	// when no value is given; PostgreSQL numbers only identity columns.
	// These three keys are always given by the store (an article's id, a
	// migration's number, a publication-ordered search id).
	"sqlite only: column article_translations.article_id integer not null default primary key": true,
	"postgres only: column article_translations.article_id integer not null primary key":       true,
	"sqlite only: column schema_migrations.version integer not null default primary key":       true,
	"postgres only: column schema_migrations.version integer not null primary key":             true,
	"sqlite only: column search_docs.id integer not null default primary key":                  true,
	"postgres only: column search_docs.id integer not null primary key":                        true,

	// A drift, reported, not fixed: on SQLite a PRIMARY KEY that is not
	// an INTEGER may hold NULL unless declared NOT NULL, which these are
	// not; on PostgreSQL a key is never NULL. The store always binds a Go
	// string here, never NULL, so a migration that rebuilds six tables on
	// SQLite to add NOT NULL is not worth its risk.
	"sqlite only: column sessions.id text primary key":                        true,
	"postgres only: column sessions.id text not null primary key":             true,
	"sqlite only: column settings.key text primary key":                       true,
	"postgres only: column settings.key text not null primary key":            true,
	"sqlite only: column setup_tokens.token_hash text primary key":            true,
	"postgres only: column setup_tokens.token_hash text not null primary key": true,
	"sqlite only: column signin_attempts.key text primary key":                true,
	"postgres only: column signin_attempts.key text not null primary key":     true,
	"sqlite only: column signin_places.key text primary key":                  true,
	"postgres only: column signin_places.key text not null primary key":       true,
	"sqlite only: column view_salts.day text primary key":                     true,
	"postgres only: column view_salts.day text not null primary key":          true,
}

// describeSchema lists the schema of e's database, one sorted line per
// table, column and index, in terms both engines share.
func describeSchema(t *testing.T, e storetest.Engine) []string {
	t.Helper()
	driver, dsn := "pgx", e.Options.DatabaseURL
	if e.Name == "sqlite" {
		driver, dsn = "sqlite", "file:"+store.SQLitePath(e.Options.DataDir)
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var lines []string
	query := sqliteSchema
	if e.Name == "postgres" {
		query = postgresSchema
	}
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s schema: %v", e.Name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, table, name, detail string
		var notNull, hasDefault, key, unique, partial bool
		if err := rows.Scan(&kind, &table, &name, &detail, &notNull, &hasDefault, &key, &unique, &partial); err != nil {
			t.Fatal(err)
		}
		switch kind {
		case "table":
			lines = append(lines, "table "+table)
		case "column":
			lines = append(lines, fmt.Sprintf("column %s.%s %s%s%s%s", table, name, typeFamily(detail),
				flag(notNull, " not null"), flag(hasDefault, " default"), flag(key, " primary key")))
		case "index":
			lines = append(lines, fmt.Sprintf("index %s %s (%s)%s%s", table, name, detail,
				flag(unique, " unique"), flag(partial, " partial")))
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(lines)
	return lines
}

func flag(on bool, s string) string {
	if on {
		return s
	}
	return ""
}

// typeFamily maps a declared type to what it stores, so that BIGINT and
// INTEGER, TIMESTAMPTZ and TIMESTAMP, and the like compare equal.
func typeFamily(declared string) string {
	d := strings.ToLower(declared)
	switch {
	case strings.Contains(d, "int"):
		return "integer"
	case strings.Contains(d, "char"), strings.Contains(d, "text"):
		return "text"
	case strings.Contains(d, "bool"):
		return "boolean"
	case strings.Contains(d, "timestamp"), strings.Contains(d, "date"), strings.Contains(d, "time"):
		return "timestamp"
	case strings.Contains(d, "real"), strings.Contains(d, "double"), strings.Contains(d, "float"), strings.Contains(d, "numeric"):
		return "real"
	case strings.Contains(d, "blob"), strings.Contains(d, "bytea"):
		return "bytes"
	case strings.Contains(d, "json"):
		return "json"
	case d == "":
		return "untyped"
	}
	return d
}

// sqliteSchema reads the tables, columns and indexes of a SQLite database.
// A column INTEGER PRIMARY KEY is the rowid: never NULL, and numbered by
// itself, as an identity column is on PostgreSQL. Indexes that only back
// a primary key are left out; the key shows on its columns. The tables
// FTS5 keeps behind search_fts (search_fts_data and the like) are its
// own business and left out too.
const sqliteSchema = `
WITH shadow AS (SELECT name FROM pragma_table_list WHERE type = 'shadow')
SELECT 'table', m.name, '', '', 0, 0, 0, 0, 0
FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT IN (SELECT name FROM shadow)
UNION ALL
SELECT 'column', m.name, c.name, c.type,
       c."notnull" OR (c.pk > 0 AND upper(c.type) = 'INTEGER' AND (SELECT COUNT(*) FROM pragma_table_info(m.name) k WHERE k.pk > 0) = 1)
                   OR (c.pk > 0 AND m.sql LIKE '%WITHOUT ROWID%'),
       c.dflt_value IS NOT NULL OR (c.pk > 0 AND upper(c.type) = 'INTEGER' AND (SELECT COUNT(*) FROM pragma_table_info(m.name) k WHERE k.pk > 0) = 1),
       c.pk > 0, 0, 0
FROM sqlite_master m, pragma_table_info(m.name) c
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT IN (SELECT name FROM shadow)
UNION ALL
SELECT 'index', m.name,
       CASE WHEN i.origin = 'c' THEN i.name ELSE '(constraint)' END,
       (SELECT group_concat(COALESCE(x.name, '<expression>'), ', ') FROM (SELECT name FROM pragma_index_xinfo(i.name) WHERE key = 1 ORDER BY seqno) x),
       0, 0, 0, i."unique", i.partial
FROM sqlite_master m, pragma_index_list(m.name) i
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT IN (SELECT name FROM shadow) AND i.origin <> 'pk'
`

// postgresSchema reads the same from the store's schema on PostgreSQL.
const postgresSchema = `
SELECT 'table', table_name::text, '', '', false, false, false, false, false
FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
UNION ALL
SELECT 'column', c.table_name::text, c.column_name::text, c.data_type::text,
       c.is_nullable = 'NO', c.column_default IS NOT NULL OR c.is_identity = 'YES',
       EXISTS (SELECT 1 FROM information_schema.table_constraints tc
               JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema
               WHERE tc.table_schema = c.table_schema AND tc.table_name = c.table_name AND tc.constraint_type = 'PRIMARY KEY'
                 AND k.column_name = c.column_name),
       false, false
FROM information_schema.columns c
JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
WHERE c.table_schema = current_schema()
UNION ALL
SELECT 'index', tbl.relname::text,
       CASE WHEN con.oid IS NULL THEN idx.relname::text ELSE '(constraint)' END,
       (SELECT string_agg(COALESCE(a.attname::text, '<expression>'), ', ' ORDER BY k.n)
        FROM unnest(ix.indkey[0:ix.indnkeyatts-1]) WITH ORDINALITY AS k(attnum, n)
        LEFT JOIN pg_attribute a ON a.attrelid = tbl.oid AND a.attnum = k.attnum AND k.attnum > 0),
       false, false, false, ix.indisunique, ix.indpred IS NOT NULL
FROM pg_index ix
JOIN pg_class idx ON idx.oid = ix.indexrelid
JOIN pg_class tbl ON tbl.oid = ix.indrelid
JOIN pg_namespace ns ON ns.oid = tbl.relnamespace
LEFT JOIN pg_constraint con ON con.conindid = ix.indexrelid AND con.contype IN ('u', 'p')
WHERE ns.nspname = current_schema() AND NOT ix.indisprimary
`
