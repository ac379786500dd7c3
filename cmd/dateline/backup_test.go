package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"dateline/internal/desk"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestBackupAndRestoreCommands runs "dateline backup" and "dateline restore"
// as the shell would, on each engine, and reads the restored site back.
func TestBackupAndRestoreCommands(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		if err := e.Store.CreateSection(ctx, &news.Section{Slug: "harbour", Name: "Harbour"}); err != nil {
			t.Fatal(err)
		}
		if _, err := desk.SaveImage(ctx, e.Store, "quay.png", storetest.PNG(t, 320, 200)); err != nil {
			t.Fatal(err)
		}
		env := envOf(map[string]string{"DATABASE_URL": e.Options.DatabaseURL, "DATELINE_DATA_DIR": e.Options.DataDir})
		file := filepath.Join(t.TempDir(), "site.tar.gz")
		var out bytes.Buffer
		if err := run(ctx, []string{"backup", file}, env, &out); err != nil {
			t.Fatal(err)
		}
		want := "and 3 media files"
		if e.Name == "postgres" {
			want = "(images and videos included)"
		}
		if !strings.Contains(out.String(), "Backed up the "+e.Name+" database") || !strings.Contains(out.String(), want) ||
			!strings.Contains(out.String(), "1 images") || !strings.Contains(out.String(), "1 sections") {
			t.Errorf("backup printed:\n%s", out.String())
		}
		if err := run(ctx, []string{"backup", file}, env, io.Discard); err == nil || !strings.Contains(err.Error(), "--force") {
			t.Errorf("a second backup to the same file: %v", err)
		}
		if err := run(ctx, []string{"backup", "--force", file}, env, io.Discard); err != nil {
			t.Errorf("backup --force: %v", err)
		}
		if err := run(ctx, []string{"backup"}, env, io.Discard); err == nil || !strings.Contains(err.Error(), "FILE") {
			t.Errorf("backup without a file: %v", err)
		}

		target := storetest.RestoreTarget(t, e)
		tenv := envOf(map[string]string{"DATABASE_URL": target.DatabaseURL, "DATELINE_DATA_DIR": target.DataDir})
		out.Reset()
		if err := run(ctx, []string{"restore", file}, tenv, &out); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "Restored "+file) || !strings.Contains(out.String(), "1 images") {
			t.Errorf("restore printed:\n%s", out.String())
		}
		if err := run(ctx, []string{"restore", file}, tenv, io.Discard); err == nil || !strings.Contains(err.Error(), "not empty") {
			t.Errorf("a second restore into the same target: %v", err)
		}
		st, err := store.Open(ctx, target)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if _, err := st.SectionBySlug(ctx, "harbour"); err != nil {
			t.Errorf("the restored site lacks its section: %v", err)
		}
	})
}
