package backup

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// querier is what the table helpers need of a database, a connection or a
// transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// quoteIdent quotes an SQL identifier for either engine.
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// tableNames lists the tables a backup must carry, sorted: every ordinary
// table of a SQLite file (the full-text index's shadow tables included: the
// virtual table itself stores nothing), or every base table of a PostgreSQL
// schema.
func tableNames(ctx context.Context, q querier, engine, schema string) ([]string, error) {
	query := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
		AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'`
	var args []any
	if engine == EnginePostgres {
		query = `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`
		args = append(args, schema)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("backup: list tables: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	sort.Strings(names)
	return names, rows.Err()
}

// qualified names a table for queries: schema-qualified on PostgreSQL, so
// the count never depends on the connection's search_path.
func qualified(engine, schema, table string) string {
	if engine == EnginePostgres {
		return quoteIdent(schema) + "." + quoteIdent(table)
	}
	return quoteIdent(table)
}

// countRows counts the rows of every table. In a backup it runs inside the
// snapshot, so the counts describe exactly what the archive holds; in a
// restore it proves the restored database holds the same.
func countRows(ctx context.Context, q querier, engine, schema string) (map[string]int64, error) {
	names, err := tableNames(ctx, q, engine, schema)
	if err != nil {
		return nil, err
	}
	counts := make(map[string]int64, len(names))
	for _, n := range names {
		var c int64
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM "+qualified(engine, schema, n)).Scan(&c); err != nil {
			return nil, fmt.Errorf("backup: count %s: %w", n, err)
		}
		counts[n] = c
	}
	return counts, nil
}

// schemaVersion reads the newest applied migration.
func schemaVersion(ctx context.Context, q querier, engine, schema string) (int, error) {
	var v int
	err := q.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM "+qualified(engine, schema, "schema_migrations")).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("backup: read the schema version (is this a Dateline database?): %w", err)
	}
	return v, nil
}

// sameCounts explains the first table whose count differs.
func sameCounts(want, got map[string]int64) error {
	names := make([]string, 0, len(want))
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		g, ok := got[n]
		if !ok {
			return fmt.Errorf("table %s is missing", n)
		}
		if g != want[n] {
			return fmt.Errorf("table %s has %d rows where the manifest says %d", n, g, want[n])
		}
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			return fmt.Errorf("table %s is not in the manifest", n)
		}
	}
	return nil
}
