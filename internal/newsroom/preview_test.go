package newsroom_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/jobs"
	"dateline/internal/news"
	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// TestNewsroomPreviewShowsTheStoryAsPublished: the live preview of a draft
// shows what readers will see once it is out: the lead image (from the
// newsroom's own address while the story is private) with its caption and
// credit, the byline, the source line and the scheduled time as the
// site's dateline. After the story is scheduled and published, the public
// page's story is the preview's, line for line.
func TestNewsroomPreviewShowsTheStoryAsPublished(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		colombo := f.Cfg.Location
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		ed := servertest.NewMember(t, f, auth.Editor, "Eranga Editor")
		other := servertest.NewMember(t, f, auth.Reporter, "Sunil Reporter")
		reporter, editor := servertest.LoginAs(t, f, rep), servertest.LoginAs(t, f, ed)

		// The reporter files agency copy with a picture, credited to two.
		form := servertest.StoryForm(f, "Southern coast braces for storm surge", "Waves of four metres are expected.")
		form.Set("image_caption", "Boats pulled ashore at Galle")
		form.Set("image_credit", "Staff photographer")
		form.Set("source_type", "agency")
		form.Set("source_name", "Reuters")
		form["authors"] = []string{strconv.FormatInt(rep.ID, 10), strconv.FormatInt(ed.ID, 10)}
		id := servertest.ArticleIDFrom(t, servertest.PostMultipart(t, f, reporter, "/newsroom/articles", form, servertest.Upload{Field: "image", Name: "galle boats.png", Data: storetest.PNG(t, 1200, 800)}))
		a := servertest.Stored(t, f, id)
		if a.Image == nil {
			t.Fatal("the draft has no image")
		}
		previewPath := fmt.Sprintf("/newsroom/articles/%d/preview", id)
		private := "/newsroom" + a.Image.Path("page")

		// The editor previews it with a time to publish at, as typed in the
		// editor (site time).
		fields := servertest.OpenEditor(t, f, editor, id)
		at := time.Now().Add(2 * time.Minute).In(colombo).Truncate(time.Minute)
		fields.Set("publish_at", at.Format("2006-01-02T15:04"))
		preview := servertest.PostForm(t, f, editor, previewPath, fields)
		preview.Expect(t, http.StatusOK, "Preview, not saved", news.FormatDateline(at, colombo), "Source: Reuters -Agencies")
		servertest.Contains(t, "preview", preview.Body, `<h1>Southern coast braces for storm surge</h1>`, `<span class="place">Galle</span>`,
			`<time datetime="`+at.Format("2006-01-02T15:04:05"), `<p class="byline">By <span class="author">`,
			`<span class="author">Ruwan Reporter</span>`, `<span class="author">Eranga Editor</span>`,
			`<img src="`+private+`"`, `<figcaption>Boats pulled ashore at Galle <span class="credit">Staff photographer</span></figcaption>`)
		servertest.Lacks(t, "preview", preview.Body, `src="/media/`)
		if cc := preview.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("preview Cache-Control %q, want no-store", cc)
		}
		// The picture the preview names opens for the member previewing it.
		if r := servertest.GetPage(t, f, editor, private); r.Status != http.StatusOK || r.Header.Get("Content-Type") != "image/jpeg" {
			t.Errorf("GET %s as the editor: %d %s", private, r.Status, r.Header.Get("Content-Type"))
		}

		// What the form holds wins over what is stored: a removed picture
		// goes, the edition's language is the page's.
		fields.Set("remove_image", "1")
		fields.Set("lang", "si")
		si := servertest.PostForm(t, f, editor, previewPath, fields)
		si.Expect(t, http.StatusOK, "සටහන:", "මූලාශ්\u200dරය: Reuters - පුවත් ඒජන්සි")
		servertest.Contains(t, "Sinhala preview", si.Body, `<article lang="si">`)
		servertest.Lacks(t, "preview without the picture", si.Body, "<figure", private)
		fields.Del("remove_image")
		fields.Set("lang", "en")
		// A picture chosen but not saved yet: only its name comes, and the
		// preview says where it will go (the name escaped like any text).
		fields.Set("new_image", `<img src=x onerror=alert(1)>.png`)
		chosen := servertest.PostForm(t, f, editor, previewPath, fields)
		chosen.Expect(t, http.StatusOK, "The new picture, <img src=x onerror=alert(1)>.png, shows here once saved.")
		servertest.Lacks(t, "preview with a new picture", chosen.Body, "<figure", "<img src=x")
		fields.Del("new_image")

		// The preview of a story is for those who may open it.
		servertest.PostForm(t, f, servertest.LoginAs(t, f, other), previewPath, fields).Expect(t, http.StatusForbidden)
		// Without a session the preview is sent to sign in (a redirect the
		// page's script reads as "signed out"), never shown.
		r := servertest.PostForm(t, f, servertest.NewBrowser(t), previewPath, fields)
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/newsroom/login") {
			t.Errorf("preview signed out: %d to %q, want 303 to the sign-in page", r.Status, r.Header.Get("Location"))
		}

		// Scheduled and published, the public page shows what the preview did.
		fields.Set("action", "schedule")
		path := fmt.Sprintf("/newsroom/articles/%d", id)
		servertest.PostMultipart(t, f, editor, path, fields).ExpectRedirect(t, "schedule", path+"?done=schedule")
		if n, err := jobs.PublishDue(context.Background(), f.Store, time.Now().Add(3*time.Minute)); err != nil || n != 1 {
			t.Fatalf("PublishDue = %d, %v; want 1", n, err)
		}
		a = servertest.Stored(t, f, id)
		resp, page := f.Get(a.Path())
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", a.Path(), resp.StatusCode)
		}
		fromPreview := strings.ReplaceAll(storyParts(t, "preview", preview.Body), "/newsroom/media/", "/media/")
		if fromPage := storyParts(t, "public page", page); fromPage != fromPreview {
			t.Errorf("the public page's story differs from its preview:\npage:    %s\npreview: %s", fromPage, fromPreview)
		}

		// A published story's preview keeps its publication time.
		staff := servertest.PostForm(t, f, editor, fmt.Sprintf("/newsroom/articles/%d/preview", f.Staff.ID), servertest.OpenEditor(t, f, editor, f.Staff.ID))
		staff.Expect(t, http.StatusOK, news.FormatDateline(f.Staff.PublishedAt, colombo), "dated when first published", "Source: Staff")
		servertest.Contains(t, "published story's preview", staff.Body, `By <span class="author">Nadeesha Fernando</span>`)
	})
}

// storyParts is the markup of a story from its headline to its lead image,
// and its source line, with the spacing between tags evened out.
func storyParts(t *testing.T, what, body string) string {
	t.Helper()
	head := regexp.MustCompile(`(?s)<h1>.*?</figure>`).FindString(body)
	source := regexp.MustCompile(`<p class="source">.*?</p>`).FindString(body)
	if head == "" || source == "" {
		t.Fatalf("%s: no story headline to picture, or no source line\n%s", what, servertest.MainText(body))
	}
	return regexp.MustCompile(`>\s+<`).ReplaceAllString(head+source, "><")
}
