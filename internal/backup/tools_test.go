package backup

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dateline/internal/store/storetest"
)

func TestEntryNames(t *testing.T) {
	for name, want := range map[string]bool{
		"dateline.db":                          true,
		"media/ab/abcdef0123.jpg":              true,
		"video/abcdef.mp4":                     true,
		"dateline.pgdump":                      false, // not in a SQLite backup
		"manifest.json":                        false,
		"media/../dateline.db":                 false,
		"../etc/passwd":                        false,
		"/etc/passwd":                          false,
		"media//ab.jpg":                        false,
		"media/ab/.hidden.jpg":                 false,
		"media/ab/a b.jpg":                     false,
		"media\\ab.jpg":                        false,
		"media/ab/" + strings.Repeat("a", 300): false,
		"notes/readme.txt":                     false,
		"media":                                false,
		"media/":                               false,
	} {
		if got := validEntryName(EngineSQLite, name); got != want {
			t.Errorf("validEntryName(sqlite, %q) = %v, want %v", name, got, want)
		}
	}
	if !validEntryName(EnginePostgres, PGDumpName) || validEntryName(EnginePostgres, "media/ab/x.jpg") {
		t.Error("a PostgreSQL backup holds its dump and nothing else")
	}
}

func TestLibpqConn(t *testing.T) {
	conn, env, err := libpqConn("postgres://site:s3cret%2F@db.example.lk:6432/news?sslmode=require&search_path=dateline&pool_max_conns=4&application_name=x")
	if err != nil {
		t.Fatal(err)
	}
	if want := "postgres://site@db.example.lk:6432/news?application_name=x&sslmode=require"; conn != want {
		t.Errorf("conn = %q, want %q", conn, want)
	}
	if !slices.Contains(env, "PGPASSWORD=s3cret/") {
		t.Error("the password did not move to PGPASSWORD")
	}
	conn, env, _ = libpqConn("postgres://db/news?password=p&user=u")
	if strings.Contains(conn, "p&") || strings.Contains(conn, "password") || !slices.Contains(env, "PGPASSWORD=p") {
		t.Errorf("a password in the query: conn %q", conn)
	}
}

func TestSearchPathEntries(t *testing.T) {
	for setting, want := range map[string][]string{
		`"$user", public`:          {"$user", "public"},
		`dateline_test_ab12`:       {"dateline_test_ab12"},
		`"News Site", Public`:      {"News Site", "public"},
		`"odd,name", "say ""hi"""`: {"odd,name", `say "hi"`},
		``:                         nil,
	} {
		if got := searchPathEntries(setting); !slices.Equal(got, want) {
			t.Errorf("searchPathEntries(%q) = %q, want %q", setting, got, want)
		}
	}
}

func TestWithoutSchemaEntries(t *testing.T) {
	list := `;
; Archive created at 2024-05-01 10:00:00 UTC
4; 2615 2200 SCHEMA - public pg_database_owner
3340; 0 0 COMMENT - SCHEMA public pg_database_owner
216; 1259 16389 TABLE public articles postgres
3343; 0 16389 TABLE DATA public articles postgres
3344; 0 0 COMMENT public TABLE articles postgres
`
	got := string(withoutSchemaEntries([]byte(list)))
	if strings.Contains(got, "SCHEMA - public") || strings.Contains(got, "COMMENT - SCHEMA") {
		t.Errorf("the schema's own entries stayed:\n%s", got)
	}
	for _, keep := range []string{"TABLE public articles", "TABLE DATA public articles", "COMMENT public TABLE articles", "; Archive created"} {
		if !strings.Contains(got, keep) {
			t.Errorf("%q was dropped", keep)
		}
	}
}

// TestPostgresWithoutPGDump: with no pg_dump, backup explains how to get it
// and gives the commands to run by hand, for this site's schema, without
// the password; and writes nothing.
func TestPostgresWithoutPGDump(t *testing.T) {
	e := storetest.Open(t, "postgres")
	dir := t.TempDir()
	file := filepath.Join(dir, "site.tar.gz")
	_, err := Create(context.Background(), e.Options, file, Options{Tools: Tools{PGDump: "pg_dump-not-installed"}})
	if err == nil {
		t.Fatal("backup without pg_dump succeeded")
	}
	for _, want := range []string{"not found", "postgresql-client-", "pg_dump --format=custom --schema='\"" + e.Store.Schema() + "\"'", "pg_restore --use-list"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the explanation lacks %q:\n%v", want, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed backup left %v", entries)
	}
}

// TestPostgresOldPGDump: a pg_dump older than the server cannot dump it;
// backup says which versions it found and what to install.
func TestPostgresOldPGDump(t *testing.T) {
	e := storetest.Open(t, "postgres")
	dir := t.TempDir()
	// A stand-in for an old client that only reports its version.
	old := filepath.Join(dir, "pg_dump")
	if err := os.WriteFile(old, []byte("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n"), 0o750); err != nil {
		t.Fatal(err)
	}
	var server string
	if err := rawDB(t, e.Options).QueryRow("SELECT current_setting('server_version_num')::int / 10000").Scan(&server); err != nil {
		t.Fatal(err)
	}
	_, err := Create(context.Background(), e.Options, filepath.Join(dir, "site.tar.gz"), Options{Tools: Tools{PGDump: old}})
	if err == nil || !strings.Contains(err.Error(), "version 9") || !strings.Contains(err.Error(), "postgresql-client-"+server) {
		t.Errorf("backup with an old pg_dump: %v", err)
	}
}

// TestPostgresFailedRestoreUndoes: when pg_restore fails, its single
// transaction leaves nothing, and the restore puts back what it changed: a
// schema it created is dropped, and a schema --force renamed aside gets its
// name back.
func TestPostgresFailedRestoreUndoes(t *testing.T) {
	e := storetest.Open(t, "postgres")
	ctx := context.Background()
	file, _ := backupOf(t, e)
	real, err := exec.LookPath("pg_restore")
	if err != nil {
		t.Fatal("pg_restore is needed to test restores on PostgreSQL")
	}
	// pg_restore as it is, except that restoring (not listing) fails the
	// way it does when the server refuses a statement.
	failing := filepath.Join(t.TempDir(), "pg_restore")
	script := "#!/bin/sh\ncase \"$1\" in --version|--list) exec " + real + " \"$@\";; esac\necho 'pg_restore: error: could not execute query: ERROR:  out of disk space' >&2\nexit 1\n"
	if err := os.WriteFile(failing, []byte(script), 0o750); err != nil {
		t.Fatal(err)
	}
	schema := e.Store.Schema()
	target := storetest.RestoreTarget(t, e)

	_, err = Restore(ctx, target, file, Options{Tools: Tools{PGRestore: failing}})
	if err == nil || !strings.Contains(err.Error(), "out of disk space") || !strings.Contains(err.Error(), "nothing was restored") {
		t.Errorf("a failed pg_restore: %v", err)
	}
	targetUntouched(t, target, schema)

	if _, err := Restore(ctx, target, file, Options{}); err != nil {
		t.Fatal(err)
	}
	before := allRows(t, target)
	_, err = Restore(ctx, target, file, Options{Force: true, Tools: Tools{PGRestore: failing}})
	if err == nil || !strings.Contains(err.Error(), "nothing was restored") {
		t.Errorf("a failed pg_restore with --force: %v", err)
	}
	sameRows(t, before, allRows(t, target))
	var schemas int
	if err := rawDB(t, target).QueryRow("SELECT count(*) FROM pg_namespace WHERE nspname LIKE $1", schema+"%").Scan(&schemas); err != nil {
		t.Fatal(err)
	}
	if schemas != 1 {
		t.Errorf("%d schemas named %s... after the undo, want the one", schemas, schema)
	}
}
