package newsroom_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"dateline/internal/auth"
	"dateline/internal/news"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestVideoDeskEditConflict: the video editor's race, like the article
// editor's: who saved and when, the differences, the new file and
// thumbnail kept, a confirmed way to the latest version, and a deliberate
// save that uses the kept files.
func TestVideoDeskEditConflict(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		ed := servertest.NewMember(t, f, auth.Editor, "Esha Editor")
		prod := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		editor, producer := servertest.LoginAs(t, f, ed), servertest.LoginAs(t, f, prod)
		link := "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
		r := servertest.PostMultipart(t, f, producer, "/newsroom/videos", vdForm("Cranes arrive at the east terminal", link))
		id := vdIDFrom(t, r)
		path := fmt.Sprintf("/newsroom/videos/%d", id)

		mine, theirs := vdFields(t, servertest.GetPage(t, f, producer, path)), vdFields(t, servertest.GetPage(t, f, editor, path))
		theirs.Set("title", "Cranes arrive at the east container terminal")
		theirs.Set("section", strconv.FormatInt(f.World.ID, 10))
		theirs.Set("action", "save")
		servertest.PostMultipart(t, f, editor, path, theirs).ExpectRedirect(t, "the editor's save", path+"?done=video-save")
		saved := vdStored(t, f, id)

		// The producer swaps the link for a file, with a new still.
		mine.Set("title", "Cranes arrive at the terminal")
		mine.Set("source_url", "")
		mine.Set("tags", "Harbour, Cranes")
		mine.Set("action", "submit")
		r = servertest.PostMultipart(t, f, producer, path, mine,
			servertest.Upload{Field: "video", Name: "Cranes at dawn.mp4", Data: vdMP4(6000)}, servertest.Upload{Field: "thumbnail", Name: "Crane still.png", Data: storetest.PNG(t, 640, 360)})
		log, err := f.Store.AuditLog(context.Background(), store.AuditFilter{ObjectType: "video", ObjectID: id, Limit: 1})
		if err != nil || len(log) != 1 {
			t.Fatalf("audit: %v", err)
		}
		r.Expect(t, http.StatusConflict, "Not saved: someone else saved first.", "Someone else saved this video story",
			fmt.Sprintf(" saved it on %s (version %d)", news.FormatDateline(log[0].At, f.Cfg.Location), saved.Version),
			"You asked to submit it for review: that was not done either.")
		servertest.Contains(t, "the video conflict", r.Body,
			"<strong>Esha Editor</strong> saved it on ",
			`<div class="wdiff">Cranes arrive at the <del>east container </del>terminal</div>`,
			"<dt>Video</dt>\n  <dd><del>"+link+"</del> → <ins>Uploaded file cranes-at-dawn.mp4</ins></dd>",
			"<dt>Section</dt>\n  <dd><del>World</del> → <span class=\"hint\">none</span></dd>",
			"<dt>Thumbnail</dt>\n  <dd><span class=\"hint\">none</span> → <ins>crane-still.jpg</ins></dd>",
			"<dt>Tags</dt>\n  <dd><ins>+Cranes</ins> <del>−Ports</del> </dd>",
			"Your new video file, <strong>cranes-at-dawn.mp4</strong>, was kept",
			"Your new thumbnail, <strong>crane-still.jpg</strong>, was kept",
			`<form method="get" action="`+path+`/latest"`)
		form := vdFields(t, r)
		if form.Get("kept_video") == "" || form.Get("kept_thumbnail") == "" || form.Get("version") != strconv.Itoa(saved.Version) ||
			form.Get("title") != "Cranes arrive at the terminal" || form.Get("tags") != "Harbour, Cranes" {
			t.Fatalf("the refused form: %v", form)
		}
		if got := vdStored(t, f, id); got.Version != saved.Version || got.Provider != "youtube" {
			t.Fatalf("the refused save changed the story: %+v", got)
		}
		servertest.GetPage(t, f, producer, path+"/latest?confirm=yes").ExpectRedirect(t, "open the latest version", path)

		// Another member cannot use the producer's kept file.
		claim := vdFields(t, servertest.GetPage(t, f, editor, path))
		claim.Set("source_url", "")
		claim.Set("kept_video", form.Get("kept_video"))
		claim.Set("action", "save")
		servertest.PostMultipart(t, f, editor, path, claim).ExpectRedirect(t, "a save with another's token", path+"?done=video-save")
		if got := vdStored(t, f, id); got.Provider != "youtube" || got.FileID != 0 {
			t.Fatalf("another member's kept file was attached: %+v", got)
		}

		// The producer's form, sent again after a second race, is saved with
		// both kept files.
		form.Set("action", "submit")
		r = servertest.PostMultipart(t, f, producer, path, form)
		r.Expect(t, http.StatusConflict, "Not saved: someone else saved first.")
		form = vdFields(t, r)
		form.Set("action", "submit")
		servertest.PostMultipart(t, f, producer, path, form).ExpectRedirect(t, "the deliberate save", path+"?done=video-submit")
		got := vdStored(t, f, id)
		if got.Provider != "upload" || got.FileID == 0 || got.FileName != "cranes-at-dawn.mp4" || got.Thumbnail == nil ||
			got.Thumbnail.Filename != "crane-still" || got.Title != "Cranes arrive at the terminal" || got.Status != news.StatusReview {
			t.Fatalf("the deliberate save stored %+v", got)
		}
		if resp := servertest.GetPage(t, f, producer, path+"/file"); resp.Status != http.StatusOK || len(resp.Body) != 6000 {
			t.Errorf("the kept file plays back as %d with %d bytes", resp.Status, len(resp.Body))
		}
	})
}
