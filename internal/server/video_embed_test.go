package server_test

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
	"dateline/internal/video"
)

// TestEditorEmbedsVideoInArticle: an editor picks a published video story
// for an article in the newsroom; the public article shows its player; a
// moderator may not; an unpublished video cannot be chosen.
func TestEditorEmbedsVideoInArticle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		ctx := context.Background()
		file, err := f.store.SaveVideoFile(ctx, "clip.mp4", bytes.NewReader([]byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom")), video.MaxUploadBytes)
		if err != nil {
			t.Fatal(err)
		}
		mk := func(title string, status news.Status) news.Video {
			v := news.Video{Title: title, Slug: news.Slugify(title), CustomTitle: true, Lang: "en", Status: status,
				Provider: "upload", FileID: file.ID, FileName: file.Filename, Duration: 5 * time.Second}
			if status == news.StatusPublished {
				v.PublishedAt = time.Now().Add(-time.Hour)
			}
			if err := f.store.CreateVideo(ctx, &v, store.Change{Actor: "test", Action: "create"}); err != nil {
				t.Fatal(err)
			}
			return v
		}
		live, draft := mk("Harbour at dusk", news.StatusPublished), mk("Unfinished cut", news.StatusDraft)

		editor := loginAs(t, f, newMember(t, f, auth.Editor, "Ed Itor"))
		page := getPage(t, f, editor, fmt.Sprintf("/newsroom/articles/%d", f.staff.ID))
		page.expect(t, 200, "Video shown with this article", "Harbour at dusk")
		if strings.Contains(page.body, "Unfinished cut") {
			t.Error("the editor offers an unpublished video")
		}
		path := fmt.Sprintf("/newsroom/articles/%d/video", f.staff.ID)
		postForm(t, f, editor, path, url.Values{"video_id": {fmt.Sprint(draft.ID)}}).expect(t, 400, "published video")
		postForm(t, f, editor, path, url.Values{"video_id": {fmt.Sprint(live.ID)}}).expect(t, 303)
		if got, _ := f.store.ArticleVideo(ctx, f.staff.ID); got != live.ID {
			t.Fatalf("article embeds video %d, want %d", got, live.ID)
		}
		_, body := f.get(f.staff.Path())
		if !strings.Contains(body, "player-play") || !strings.Contains(body, live.FilePath()) {
			t.Error("the public article does not show the embedded video's player")
		}

		mod := loginAs(t, f, newMember(t, f, auth.Moderator, "Mo Derator"))
		postForm(t, f, mod, path, url.Values{"video_id": {""}}).expect(t, 403)
		postForm(t, f, editor, path, url.Values{"video_id": {""}}).expect(t, 303)
		if got, _ := f.store.ArticleVideo(ctx, f.staff.ID); got != 0 {
			t.Fatalf("after removing, article embeds %d", got)
		}
	})
}
