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
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
	"dateline/internal/video"
)

// TestEditorEmbedsVideoInArticle: an editor picks a published video story
// for an article in the newsroom; the public article shows its player; a
// moderator may not; an unpublished video cannot be chosen.
func TestEditorEmbedsVideoInArticle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		ctx := context.Background()
		file, err := f.Store.SaveVideoFile(ctx, "clip.mp4", bytes.NewReader([]byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom")), video.MaxUploadBytes)
		if err != nil {
			t.Fatal(err)
		}
		mk := func(title string, status news.Status) news.Video {
			v := news.Video{Title: title, Slug: news.Slugify(title), CustomTitle: true, Lang: "en", Status: status,
				Provider: "upload", FileID: file.ID, FileName: file.Filename, Duration: 5 * time.Second}
			if status == news.StatusPublished {
				v.PublishedAt = time.Now().Add(-time.Hour)
			}
			if err := f.Store.CreateVideo(ctx, &v, store.Change{Actor: "test", Action: "create"}); err != nil {
				t.Fatal(err)
			}
			return v
		}
		live, draft := mk("Harbour at dusk", news.StatusPublished), mk("Unfinished cut", news.StatusDraft)

		editor := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Editor, "Ed Itor"))
		page := servertest.GetPage(t, f, editor, fmt.Sprintf("/newsroom/articles/%d", f.Staff.ID))
		page.Expect(t, 200, "Video shown with this article", "Harbour at dusk")
		if strings.Contains(page.Body, "Unfinished cut") {
			t.Error("the editor offers an unpublished video")
		}
		path := fmt.Sprintf("/newsroom/articles/%d/video", f.Staff.ID)
		servertest.PostForm(t, f, editor, path, url.Values{"video_id": {fmt.Sprint(draft.ID)}}).Expect(t, 400, "published video")
		servertest.PostForm(t, f, editor, path, url.Values{"video_id": {fmt.Sprint(live.ID)}}).Expect(t, 303)
		if got, _ := f.Store.ArticleVideo(ctx, f.Staff.ID); got != live.ID {
			t.Fatalf("article embeds video %d, want %d", got, live.ID)
		}
		_, body := f.Get(f.Staff.Path())
		if !strings.Contains(body, "player-play") || !strings.Contains(body, live.FilePath()) {
			t.Error("the public article does not show the embedded video's player")
		}

		mod := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mo Derator"))
		servertest.PostForm(t, f, mod, path, url.Values{"video_id": {""}}).Expect(t, 403)
		servertest.PostForm(t, f, editor, path, url.Values{"video_id": {""}}).Expect(t, 303)
		if got, _ := f.Store.ArticleVideo(ctx, f.Staff.ID); got != 0 {
			t.Fatalf("after removing, article embeds %d", got)
		}
	})
}
