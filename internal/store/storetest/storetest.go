// Package storetest opens real, throw-away stores for tests: a SQLite file in
// a temporary folder always, and a fresh schema in the PostgreSQL that
// DATABASE_URL names when it is set. Under CI (CI=true) a missing
// DATABASE_URL fails the test instead of skipping it.
package storetest

import (
	"bytes"
	"compress/zlib"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"os"
	"testing"

	"dateline/internal/store"
)

// Engine is one opened store with the options that opened it.
type Engine struct {
	Name    string
	Store   *store.Store
	Options store.Options
}

// Each runs fn as a subtest once per engine, each with its own empty store.
func Each(t *testing.T, fn func(t *testing.T, e Engine)) {
	t.Helper()
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			fn(t, Open(t, name))
		})
	}
}

// Open returns an empty, migrated store of the named engine, closed and
// dropped when the test ends.
func Open(t testing.TB, engine string) Engine {
	t.Helper()
	opts := Options(t, engine)
	s, err := store.Open(context.Background(), opts)
	if err != nil {
		t.Fatalf("open %s store: %v", engine, err)
	}
	t.Cleanup(func() { s.Close() })
	return Engine{Name: engine, Store: s, Options: opts}
}

// Options returns store options for a fresh, empty database of the engine.
func Options(t testing.TB, engine string) store.Options {
	t.Helper()
	if engine == "sqlite" {
		return store.Options{DataDir: t.TempDir()}
	}
	base := os.Getenv("DATABASE_URL")
	if base == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("DATABASE_URL is not set under CI: the PostgreSQL tests must run")
		}
		t.Skip("DATABASE_URL is not set: skipping PostgreSQL (set it to run these tests)")
	}
	return store.Options{DatabaseURL: freshSchema(t, base)}
}

// freshSchema creates a schema with a random name and returns a URL whose
// search_path points at it; the schema is dropped when the test ends.
func freshSchema(t testing.TB, base string) string {
	t.Helper()
	var b [6]byte
	rand.Read(b[:])
	schema := "dateline_test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		db.Exec("DROP SCHEMA " + schema + " CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("DATABASE_URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Exec runs statements on an engine's database over a connection of its
// own, beside the store, for tests that must set up what the store would
// never write itself.
func Exec(t testing.TB, e Engine, statements ...string) {
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
	for _, q := range statements {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// Downgrade takes a closed engine's database back to before migration
// version: it runs the statements given (which undo that migration and any
// later one) and forgets those versions, so the next store.Open applies
// them again, as an upgrade from an older release would.
func Downgrade(t testing.TB, e Engine, version int, statements ...string) {
	t.Helper()
	Exec(t, e, append(statements, fmt.Sprintf("DELETE FROM schema_migrations WHERE version >= %d", version))...)
}

// PNG draws an opaque test picture of the given size and returns its bytes.
func PNG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 120, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// RestoreTarget returns options for a second, empty site that a backup of
// e can be restored into: a folder that does not exist yet on SQLite, and
// on PostgreSQL a new database (dropped when the test ends) whose
// search_path names e's schema, since a restored schema keeps its name.
func RestoreTarget(t testing.TB, e Engine) store.Options {
	t.Helper()
	if e.Name == "sqlite" {
		return store.Options{DataDir: t.TempDir() + "/restored"}
	}
	base := os.Getenv("DATABASE_URL")
	var b [6]byte
	rand.Read(b[:])
	name := "dateline_restore_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database (the PostgreSQL user needs CREATEDB): %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		db.Exec("DROP DATABASE " + name + " WITH (FORCE)")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("DATABASE_URL: %v", err)
	}
	u.Path = "/" + name
	q := u.Query()
	q.Set("search_path", e.Store.Schema())
	u.RawQuery = q.Encode()
	return store.Options{DatabaseURL: u.String()}
}

// DeepPNG returns a valid w×h greyscale PNG at 16 bits per channel, every
// pixel black: a real image, yet a small file cheap to make, since it is
// built by hand and no w×h image is ever allocated. internal/imaging counts
// it at 8 bytes a pixel (grey with a transparent colour decodes to NRGBA64).
func DeepPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	chunk := func(out []byte, kind string, data []byte) []byte {
		body := append([]byte(kind), data...)
		out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
		out = append(out, body...)
		return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(body))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 16, 0, 0, 0, 0) // 16-bit grey, deflate, no filter, not interlaced
	var idat bytes.Buffer
	zw, err := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	row := make([]byte, 1+2*w) // filter type 0, then black pixels
	for range h {
		if _, err := zw.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out := []byte("\x89PNG\r\n\x1a\n")
	out = chunk(out, "IHDR", ihdr)
	out = chunk(out, "IDAT", idat.Bytes())
	return chunk(out, "IEND", nil)
}
