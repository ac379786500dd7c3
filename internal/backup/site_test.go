package backup

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"dateline/internal/demo"
	"dateline/internal/desk"
	"dateline/internal/markup"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// seedSite fills e with the demo site (articles in three editions, images,
// video files, staff), an uploaded image, and comments in every state with a
// reader's flag, and returns a published article's id.
func seedSite(t *testing.T, e storetest.Engine) int64 {
	t.Helper()
	ctx := context.Background()
	st := e.Store
	if _, err := demo.Seed(ctx, st, markup.New(), time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := demo.SeedVideos(ctx, st, time.Now(), time.UTC); err != nil {
		t.Fatal(err)
	}
	if _, err := desk.SaveImage(ctx, st, "harbour at dawn.png", solidPNG(t, 0)); err != nil {
		t.Fatal(err)
	}
	article := publishedArticle(t, e)
	var ids []int64
	for i, status := range []store.CommentStatus{store.CommentApproved, store.CommentApproved, store.CommentPending, store.CommentRejected} {
		c := store.Comment{ArticleID: article, Name: fmt.Sprintf("Reader %d", i), Email: "reader@example.lk",
			Body: fmt.Sprintf("Comment %d on the story, in words.", i), Lang: "en", Status: status, Findings: "[]", Visitor: "visitor-" + string(status)}
		if err := st.CreateComment(ctx, &c); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	if _, err := st.FlagComment(ctx, ids[0], "reader-a", "alias-a", "spam", "looks like an advert", func(store.FlagCount) bool { return false }); err != nil {
		t.Fatal(err)
	}
	return article
}

func publishedArticle(t *testing.T, e storetest.Engine) int64 {
	t.Helper()
	db := rawDB(t, e.Options)
	var id int64
	if err := db.QueryRow("SELECT id FROM articles WHERE status = 'published' ORDER BY id LIMIT 1").Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// solidPNG draws a small picture of one colour picked by n, so that every n
// gives different bytes, and different renditions.
func solidPNG(t testing.TB, n int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 160, 90))
	c := color.RGBA{uint8(n * 37), uint8(n * 11), uint8(200 - n%200), 255}
	for y := range 90 {
		for x := range 160 {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Error(err)
	}
	return buf.Bytes()
}

// rawDB opens the database behind opts beside any store, for reading
// tables the store has no query for.
func rawDB(t testing.TB, opts store.Options) *sql.DB {
	t.Helper()
	driver, dsn := "pgx", opts.DatabaseURL
	if opts.DatabaseURL == "" {
		driver, dsn = "sqlite", "file:"+store.SQLitePath(opts.DataDir)+"?_pragma=busy_timeout(10000)"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func engineOf(opts store.Options) string {
	if opts.DatabaseURL != "" {
		return EnginePostgres
	}
	return EngineSQLite
}

// row is one table row, every value as text: blobs by their checksum,
// instants in RFC 3339 with nanoseconds.
type row []string

func (r row) String() string { return strings.Join(r, " | ") }

// allRows reads every row of every table of the database, sorted, so two
// databases compare table by table without knowing their keys.
func allRows(t testing.TB, opts store.Options) map[string][]row {
	t.Helper()
	ctx := context.Background()
	db := rawDB(t, opts)
	engine, schema := engineOf(opts), ""
	if engine == EnginePostgres {
		if err := db.QueryRow("SELECT current_schema()").Scan(&schema); err != nil {
			t.Fatal(err)
		}
	}
	names, err := tableNames(ctx, db, engine, schema)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]row{}
	for _, name := range names {
		rows, err := db.Query("SELECT * FROM " + qualified(engine, schema, name))
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		list := []row{}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			r := make(row, len(vals))
			for i, v := range vals {
				r[i] = text(v)
			}
			list = append(list, r)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		sort.Slice(list, func(i, j int) bool { return list[i].String() < list[j].String() })
		out[name] = list
	}
	return out
}

func text(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		if utf8.Valid(v) && len(v) < 200 {
			return "bytes:" + string(v)
		}
		sum := sha256.Sum256(v)
		return "blob:" + hex.EncodeToString(sum[:])
	case time.Time:
		return v.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}

// sameRows reports every difference between two databases' tables.
func sameRows(t *testing.T, want, got map[string][]row) {
	t.Helper()
	for name, rows := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("table %s is missing from the restored database", name)
			continue
		}
		if len(g) != len(rows) {
			t.Errorf("table %s: %d rows restored, want %d", name, len(g), len(rows))
			continue
		}
		for i := range rows {
			if rows[i].String() != g[i].String() {
				t.Errorf("table %s row %d:\n got %s\nwant %s", name, i, g[i], rows[i])
				break
			}
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("the restored database has a table %s the source lacks", name)
		}
	}
}

// sameMedia compares every image rendition and video file the restored
// store has with the source's, through the store, byte for byte.
func sameMedia(t *testing.T, src, dst *store.Store, dstOpts store.Options) {
	t.Helper()
	ctx := context.Background()
	db := rawDB(t, dstOpts)
	rows, err := db.Query("SELECT media_id, variant FROM media_files ORDER BY media_id, variant")
	if err != nil {
		t.Fatal(err)
	}
	type rendition struct {
		id      int64
		variant string
	}
	var list []rendition
	for rows.Next() {
		var r rendition
		if err := rows.Scan(&r.id, &r.variant); err != nil {
			t.Fatal(err)
		}
		list = append(list, r)
	}
	rows.Close()
	if len(list) == 0 {
		t.Fatal("the restored site has no images")
	}
	for _, r := range list {
		_, want, err := src.MediaFile(ctx, r.id, r.variant)
		if err != nil {
			t.Fatal(err)
		}
		_, got, err := dst.MediaFile(ctx, r.id, r.variant)
		if err != nil {
			t.Fatalf("image %d %s: %v", r.id, r.variant, err)
		}
		if !bytes.Equal(want.Bytes, got.Bytes) || len(got.Bytes) == 0 {
			t.Errorf("image %d %s: %d bytes restored, different from the source's %d", r.id, r.variant, len(got.Bytes), len(want.Bytes))
		}
	}
	var videos []int64
	vrows, err := db.Query("SELECT id FROM video_files ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	for vrows.Next() {
		var id int64
		vrows.Scan(&id)
		videos = append(videos, id)
	}
	vrows.Close()
	if len(videos) == 0 {
		t.Fatal("the restored site has no video files")
	}
	for _, id := range videos {
		want, got := videoBytes(t, src, id), videoBytes(t, dst, id)
		if !bytes.Equal(want, got) || len(got) == 0 {
			t.Errorf("video file %d: %d bytes restored, different from the source's %d", id, len(got), len(want))
		}
	}
}

func videoBytes(t *testing.T, st *store.Store, id int64) []byte {
	t.Helper()
	ctx := context.Background()
	f, err := st.VideoFileByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	r, err := st.OpenVideoFile(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
