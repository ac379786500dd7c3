package backup

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"dateline/internal/desk"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// acks records, in order, the ids of writes that were acknowledged.
type acks struct {
	mu  sync.Mutex
	ids []int64
}

func (a *acks) add(id int64) {
	a.mu.Lock()
	a.ids = append(a.ids, id)
	a.mu.Unlock()
}

func (a *acks) list() []int64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.ids)
}

// waitFor waits until each writer has at least the number of acknowledged
// writes given for it, or fails.
func waitFor(t *testing.T, want map[*acks]int) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(10 * time.Millisecond) {
		done := true
		for w, n := range want {
			done = done && len(w.list()) >= n
		}
		if done {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the writers did not keep writing")
		}
	}
}

// TestBackupWhileWritingRestoresEverything backs up a seeded site while one
// reader after another posts a comment and an editor uploads images, then
// restores the archive into a fresh folder or database and compares every
// row of every table and every image and video byte with the source. Each
// writer writes one thing at a time, so a consistent snapshot holds exactly
// a prefix of each writer's acknowledged writes: everything acknowledged
// before the backup began, nothing begun after it returned.
func TestBackupWhileWritingRestoresEverything(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		article := seedSite(t, e)

		var comments, images acks
		stop := make(chan struct{})
		var writers sync.WaitGroup
		writers.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				c := store.Comment{ArticleID: article, Name: "Online reader", Body: "Comment written during the backup, number " + strconv.Itoa(i),
					Lang: "en", Status: store.CommentPending, Findings: "[]", Visitor: "online"}
				if err := e.Store.CreateComment(ctx, &c); err != nil {
					t.Errorf("comment %d: %v", i, err)
					return
				}
				comments.add(c.ID)
			}
		})
		writers.Go(func() {
			for i := 1; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				img, err := desk.SaveImage(ctx, e.Store, fmt.Sprintf("online-%d.png", i), solidPNG(t, i))
				if err != nil {
					t.Errorf("image %d: %v", i, err)
					return
				}
				images.add(img.ID)
			}
		})
		stopped := false
		stopWriters := func() {
			if !stopped {
				close(stop)
				writers.Wait()
				stopped = true
			}
		}
		defer stopWriters()

		waitFor(t, map[*acks]int{&comments: 3, &images: 3})
		before := map[*acks]int{&comments: len(comments.list()), &images: len(images.list())}
		file := filepath.Join(t.TempDir(), "site.tar.gz")
		m, err := Create(ctx, e.Options, file, Options{})
		if err != nil {
			t.Fatal(err)
		}
		after := map[*acks]int{&comments: len(comments.list()), &images: len(images.list())}
		waitFor(t, map[*acks]int{&comments: after[&comments] + 3, &images: after[&images] + 3})
		stopWriters()
		if t.Failed() {
			return
		}

		target := storetest.RestoreTarget(t, e)
		rep, err := Restore(ctx, target, file, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.FromVersion != store.LatestVersion() || rep.ToVersion != store.LatestVersion() {
			t.Errorf("restored from version %d to %d, want %d throughout", rep.FromVersion, rep.ToVersion, store.LatestVersion())
		}
		restored, err := store.Open(ctx, target)
		if err != nil {
			t.Fatal(err)
		}
		defer restored.Close()

		// Which of the writers' acknowledged writes the snapshot caught.
		got := allRows(t, target)
		has := func(table string, id int64) bool {
			for _, r := range got[table] {
				if r[0] == strconv.FormatInt(id, 10) {
					return true
				}
			}
			return false
		}
		late := map[string]map[string]bool{"comments": {}, "media": {}, "media_files": {}}
		for w, table := range map[*acks]string{&comments: "comments", &images: "media"} {
			ids := w.list()
			caught := 0
			for caught < len(ids) && has(table, ids[caught]) {
				caught++
			}
			for i, id := range ids {
				switch {
				case i >= caught && has(table, id):
					t.Errorf("%s: write %d (id %d) was restored but write %d before it was not: the snapshot is not consistent", table, i, id, caught)
				case i < before[w] && i >= caught:
					t.Errorf("%s: id %d was acknowledged before the backup began but is not in it", table, id)
				case i > after[w] && i < caught:
					t.Errorf("%s: id %d was written after the backup returned but is in it", table, id)
				}
				if i >= caught {
					late[table][strconv.FormatInt(id, 10)] = true
				}
			}
			t.Logf("%s: %d written before the backup, %d while it ran, %d caught by the snapshot, %d after", table, before[w], after[w]-before[w], caught, len(ids)-after[w])
			if len(late[table]) == 0 {
				t.Fatalf("%s: no write came after the snapshot, so the test proves nothing about it", table)
			}
		}
		late["media_files"] = late["media"]

		// The source minus the writes the snapshot did not catch is exactly
		// what was restored: every table, every row.
		want := allRows(t, e.Options)
		for table, ids := range late {
			kept := want[table][:0]
			for _, r := range want[table] {
				if !ids[r[0]] {
					kept = append(kept, r)
				}
			}
			want[table] = kept
		}
		sameRows(t, want, got)
		sameMedia(t, e.Store, restored, target)
		if err := sameCounts(m.Tables, countsOf(got)); err != nil {
			t.Errorf("manifest counts differ from the restored rows: %v", err)
		}

		if e.Name == "sqlite" {
			sameFolderFiles(t, e.Options.DataDir, target.DataDir, got)
		}
	})
}

func countsOf(rows map[string][]row) map[string]int64 {
	out := map[string]int64{}
	for name, list := range rows {
		out[name] = int64(len(list))
	}
	return out
}

// sameFolderFiles checks a restored SQLite data folder holds exactly the
// media and video files its database names, each the source's bytes: files
// of uploads that the snapshot did not catch stay behind.
func sameFolderFiles(t *testing.T, srcDir, dstDir string, rows map[string][]row) {
	t.Helper()
	named := map[string]bool{}
	for _, table := range []string{"media_files", "video_files"} {
		cols := map[string]int{"media_files": 7, "video_files": 5} // the path column
		for _, r := range rows[table] {
			if p := r[cols[table]]; p != "" {
				named[filepath.ToSlash(p)] = true
			}
		}
	}
	found := map[string]bool{}
	for _, sub := range []string{"media", "video"} {
		filepath.WalkDir(filepath.Join(dstDir, sub), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dstDir, path)
			found[filepath.ToSlash(rel)] = true
			want, err := os.ReadFile(filepath.Join(srcDir, rel))
			if err != nil {
				t.Error(err)
				return nil
			}
			got, _ := os.ReadFile(path)
			if string(got) != string(want) {
				t.Errorf("%s differs from the source's", rel)
			}
			return nil
		})
	}
	for p := range named {
		if !found[p] {
			t.Errorf("the restored database names %s but the folder lacks it", p)
		}
	}
	for p := range found {
		if !named[p] {
			t.Errorf("the restored folder holds %s, which its database does not name", p)
		}
	}
	var left int
	filepath.WalkDir(filepath.Join(srcDir, "media"), func(path string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(srcDir, path)
		if err == nil && !d.IsDir() && !found[filepath.ToSlash(rel)] {
			left++
		}
		return nil
	})
	if left == 0 {
		t.Error("no upload's files stayed behind, though uploads went on after the snapshot")
	}
}
