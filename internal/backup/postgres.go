package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"dateline/internal/store"
)

// dumpPostgres dumps the schema DATABASE_URL works in with pg_dump's custom
// format. A repeatable-read transaction exports its snapshot to pg_dump and
// counts every table inside that same snapshot, so the manifest's counts are
// exactly the dump's rows, while the site keeps writing.
func dumpPostgres(ctx context.Context, rawURL, work string, tools Tools) (Manifest, []source, error) {
	m := Manifest{Engine: EnginePostgres}
	db, err := sql.Open("pgx", rawURL)
	if err != nil {
		return m, nil, fmt.Errorf("backup: DATABASE_URL: %w", err)
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return m, nil, fmt.Errorf("backup: connect to PostgreSQL: %w", err)
	}
	defer tx.Rollback()
	var schema sql.NullString
	var serverNum int
	var serverVersion string
	if err := tx.QueryRowContext(ctx, `SELECT current_schema(), current_setting('server_version_num')::int,
		split_part(current_setting('server_version'), ' ', 1)`).Scan(&schema, &serverNum, &serverVersion); err != nil {
		return m, nil, fmt.Errorf("backup: %w", err)
	}
	if !schema.Valid {
		return m, nil, errors.New("backup: no schema of DATABASE_URL's search_path exists in this database")
	}
	serverMajor := serverNum / 10000
	pgDump, err := lookTool(tools.pgDump(), strconv.Itoa(serverMajor), schema.String, rawURL)
	if err != nil {
		return m, nil, err
	}
	dumpMajor, dumpVersion, err := toolVersion(ctx, pgDump)
	if err != nil {
		return m, nil, err
	}
	if dumpMajor < serverMajor {
		return m, nil, fmt.Errorf("backup: %s is version %s but the server runs PostgreSQL %s, and pg_dump cannot dump a newer server: "+
			"install the version %d client tools (Debian and Ubuntu: apt-get install postgresql-client-%d) and put them first on PATH, or name them with --pg-dump",
			pgDump, dumpVersion, serverVersion, serverMajor, serverMajor)
	}
	m.Postgres = &PostgresInfo{Schema: schema.String, ServerVersion: serverVersion, PGDumpMajor: dumpMajor, PGDumpVersion: dumpVersion}

	var snapshot string
	if err := tx.QueryRowContext(ctx, "SELECT pg_export_snapshot()").Scan(&snapshot); err != nil {
		return m, nil, fmt.Errorf("backup: export a snapshot for pg_dump: %w", err)
	}
	if m.SchemaVersion, err = schemaVersion(ctx, tx, EnginePostgres, schema.String); err != nil {
		return m, nil, err
	}
	if m.Tables, err = countRows(ctx, tx, EnginePostgres, schema.String); err != nil {
		return m, nil, err
	}
	conn, env, err := libpqConn(rawURL)
	if err != nil {
		return m, nil, err
	}
	out := filepath.Join(work, PGDumpName)
	// Uncompressed: the archive's gzip compresses it once.
	if _, err := runTool(ctx, env, pgDump, "--format=custom", "--compress=0", "--schema="+schemaPattern(schema.String),
		"--snapshot="+snapshot, "--file="+out, "--dbname="+conn); err != nil {
		return m, nil, fmt.Errorf("backup: %w", err)
	}
	size, sum, err := fileSum(out)
	if err != nil {
		return m, nil, err
	}
	f := File{Name: PGDumpName, Size: size, SHA256: sum}
	m.Files = []File{f}
	return m, []source{{File: f, path: out}}, nil
}

// schemaPattern quotes a schema name for pg_dump's --schema, which takes a
// pattern: inside double quotes every character is itself.
func schemaPattern(name string) string { return quoteIdent(name) }

// restorePostgres restores a dump into the schema of the same name in the
// database DATABASE_URL names. It takes the schema's serving lock
// exclusively (servers hold it shared), refuses a schema that holds tables
// unless force (which renames it aside), checks the archive, and runs
// pg_restore in one transaction: if it fails, nothing of it remains and a
// renamed schema gets its name back.
func restorePostgres(ctx context.Context, a *archive, rawURL string, o Options, rep *Report) error {
	info := a.manifest.Postgres
	schema := info.Schema
	rep.Target = "schema " + quoteIdent(schema)
	pgRestore, err := lookTool(o.Tools.pgRestore(), strconv.Itoa(info.PGDumpMajor), schema, rawURL)
	if err != nil {
		return err
	}
	restoreMajor, restoreVersion, err := toolVersion(ctx, pgRestore)
	if err != nil {
		return err
	}
	if restoreMajor < info.PGDumpMajor {
		return fmt.Errorf("backup: %s is version %s, older than the pg_dump %s that made this backup, and cannot read its dump: "+
			"install the version %d client tools (Debian and Ubuntu: apt-get install postgresql-client-%d) or newer, or name them with --pg-restore",
			pgRestore, restoreVersion, info.PGDumpVersion, info.PGDumpMajor, info.PGDumpMajor)
	}

	db, err := sql.Open("pgx", rawURL)
	if err != nil {
		return fmt.Errorf("backup: DATABASE_URL: %w", err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("backup: connect to PostgreSQL: %w", err)
	}
	defer conn.Close()
	target, err := targetSchema(ctx, conn)
	if err != nil {
		return err
	}
	if target != schema {
		return fmt.Errorf("backup: this backup holds schema %q but DATABASE_URL makes Dateline use %q here; pg_restore cannot rename a schema, "+
			"so restore into a database where Dateline uses %[1]q (add search_path=%[1]s to DATABASE_URL's query)", schema, target)
	}
	var free bool
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", store.ServingLockKey(schema)).Scan(&free); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if !free {
		return fmt.Errorf("backup: a Dateline server (or another restore) is using schema %q of this database: stop every node before restoring", schema)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", store.ServingLockKey(schema))
	var exists bool
	var relations int
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1),
		(SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		 WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f'))`, schema).Scan(&exists, &relations); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if relations > 0 && !o.Force {
		return fmt.Errorf("backup: schema %q of this database is not empty (%d tables, views and sequences): restore into an empty database, "+
			"or pass --force to rename the schema aside", schema, relations)
	}

	stage, err := os.MkdirTemp("", "dateline-restore-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	if err := a.extract(stage); err != nil {
		return err
	}
	dump := filepath.Join(stage, PGDumpName)
	connStr, env, err := libpqConn(rawURL)
	if err != nil {
		return err
	}
	list, err := runTool(ctx, env, pgRestore, "--list", dump)
	if err != nil {
		return a.damaged(err)
	}
	listFile := filepath.Join(stage, "dateline.list")
	if err := os.WriteFile(listFile, withoutSchemaEntries(list), 0o600); err != nil {
		return err
	}

	// From here the database changes; undo puts it back as it was.
	var undo []string
	switch {
	case relations > 0:
		rep.SetAside = asideName(schema, rep.Started)
		undo = []string{"DROP SCHEMA " + quoteIdent(schema), "ALTER SCHEMA " + quoteIdent(rep.SetAside) + " RENAME TO " + quoteIdent(schema)}
		if _, err := conn.ExecContext(ctx, "ALTER SCHEMA "+quoteIdent(schema)+" RENAME TO "+quoteIdent(rep.SetAside)); err != nil {
			return fmt.Errorf("backup: set schema %q aside: %w", schema, err)
		}
		if _, err := conn.ExecContext(ctx, "CREATE SCHEMA "+quoteIdent(schema)); err != nil {
			conn.ExecContext(context.WithoutCancel(ctx), undo[1])
			return fmt.Errorf("backup: create schema %q: %w", schema, err)
		}
	case !exists:
		undo = []string{"DROP SCHEMA " + quoteIdent(schema)}
		if _, err := conn.ExecContext(ctx, "CREATE SCHEMA "+quoteIdent(schema)); err != nil {
			return fmt.Errorf("backup: create schema %q: %w", schema, err)
		}
	}
	if _, err := runTool(ctx, env, pgRestore, "--use-list="+listFile, "--no-owner", "--no-privileges", "--exit-on-error",
		"--single-transaction", "--dbname="+connStr, dump); err != nil {
		var undoErr error
		for _, q := range undo {
			if _, uerr := conn.ExecContext(context.WithoutCancel(ctx), q); uerr != nil {
				undoErr = errors.Join(undoErr, fmt.Errorf("%s: %w", q, uerr))
			}
		}
		if undoErr != nil {
			// Say where the data is rather than claim nothing changed.
			if rep.SetAside != "" {
				return fmt.Errorf("backup: %w; putting the old schema back failed too (%v): its data is in schema %q", err, undoErr, rep.SetAside)
			}
			return fmt.Errorf("backup: %w; removing the half-restored schema %q failed too (%v)", err, schema, undoErr)
		}
		rep.SetAside = ""
		return fmt.Errorf("backup: %w; nothing was restored", err)
	}
	counts, err := countRows(ctx, conn, EnginePostgres, schema)
	if err == nil {
		err = sameCounts(a.manifest.Tables, counts)
	}
	if err != nil {
		return fmt.Errorf("backup: pg_restore finished, but the restored schema %q differs from the backup: %w", schema, err)
	}
	return migrate(ctx, store.Options{DatabaseURL: rawURL}, rep)
}

// asideName names the schema --force renames the old one to, within
// PostgreSQL's 63-byte limit on names (longer ones would be cut silently).
func asideName(schema string, at time.Time) string {
	suffix := "_before_restore_" + at.UTC().Format("20060102T150405Z")
	if len(schema)+len(suffix) > 63 {
		schema = schema[:63-len(suffix)]
	}
	return schema + suffix
}

// targetSchema is the schema Dateline would create its tables in with this
// connection: the first entry of search_path, where "$user" counts only if
// the user has a schema of that name (as PostgreSQL itself decides).
func targetSchema(ctx context.Context, conn *sql.Conn) (string, error) {
	var user, path string
	if err := conn.QueryRowContext(ctx, "SELECT current_user, current_setting('search_path')").Scan(&user, &path); err != nil {
		return "", fmt.Errorf("backup: read search_path: %w", err)
	}
	for _, name := range searchPathEntries(path) {
		if name != "$user" {
			return name, nil
		}
		var exists bool
		if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", user).Scan(&exists); err != nil {
			return "", err
		}
		if exists {
			return user, nil
		}
	}
	return "", errors.New("backup: DATABASE_URL's search_path names no schema")
}

// schemaEntry matches the table-of-contents lines that create a schema or
// comment on it. The restore creates the schema itself (an empty database
// already has "public", and creating it again would fail).
var schemaEntry = regexp.MustCompile(`^\d+; \d+ \d+ (SCHEMA - |COMMENT - SCHEMA )`)

func withoutSchemaEntries(list []byte) []byte {
	var b strings.Builder
	for _, line := range strings.SplitAfter(string(list), "\n") {
		if !schemaEntry.MatchString(line) {
			b.WriteString(line)
		}
	}
	return []byte(b.String())
}
