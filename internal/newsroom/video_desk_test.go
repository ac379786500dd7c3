package newsroom_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
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

// vdMP4 is a small file that starts like a real MP4: an ftyp box, a free
// box, then bytes standing in for the media.
func vdMP4(size int) []byte {
	b := []byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom\x00\x00\x00\x08free")
	for i := len(b); i < size; i++ {
		b = append(b, byte(i*13))
	}
	return b
}

// vdForm is the video editor's form for a new story, as a producer fills it.
func vdForm(title, link string) url.Values {
	return url.Values{"title": {title}, "summary": {"Filmed at the harbour this morning."}, "lang": {"en"},
		"section": {"0"}, "tags": {"Harbour, Ports"}, "source_url": {link}, "duration": {"4:05"},
		"programme": {"0"}, "slot": {"0"}, "air_date": {""}, "version": {"0"}, "action": {"save"}}
}

// vdIDFrom reads the video story's id from a redirect to its editor.
func vdIDFrom(t *testing.T, r servertest.Reply) int64 {
	t.Helper()
	m := regexp.MustCompile(`^/newsroom/videos/(\d+)\?done=`).FindStringSubmatch(r.Header.Get("Location"))
	if m == nil {
		t.Fatalf("%s: %d to %q, want a redirect to the video editor\n%s", r, r.Status, r.Header.Get("Location"), servertest.MainText(r.Body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// vdStored reads a video story back from the store.
func vdStored(t *testing.T, f *servertest.Fixture, id int64) news.Video {
	t.Helper()
	v, err := f.Store.Video(context.Background(), id)
	if err != nil {
		t.Fatalf("video story %d: %v", id, err)
	}
	return v
}

// vdCount is how many video stories are stored, of any status.
func vdCount(t *testing.T, f *servertest.Fixture) int {
	t.Helper()
	_, total, err := f.Store.NewsroomVideos(context.Background(), "", 0, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	return total
}

// vdFields reads the video editor's form the way a browser would submit it
// (no buttons and no files; the test chooses those).
func vdFields(t *testing.T, r servertest.Reply) url.Values {
	t.Helper()
	form := regexp.MustCompile(`(?s)<form id="video-form".*?</form>`).FindString(r.Body)
	if form == "" {
		t.Fatalf("%s: no video form on the page\n%s", r, servertest.MainText(r.Body))
	}
	v := url.Values{}
	for _, tag := range regexp.MustCompile(`<input\b[^>]*>`).FindAllString(form, -1) {
		a := servertest.Attributes(tag)
		switch a["type"] {
		case "file", "submit", "button":
			continue
		case "checkbox", "radio":
			if !servertest.HasAttr(a, "checked") {
				continue
			}
		}
		if name, ok := a["name"]; ok {
			v.Add(name, a["value"])
		}
	}
	for _, m := range regexp.MustCompile(`(?s)<textarea\b([^>]*)>(.*?)</textarea>`).FindAllStringSubmatch(form, -1) {
		v.Add(servertest.Attributes(m[1])["name"], html.UnescapeString(m[2]))
	}
	for _, m := range regexp.MustCompile(`(?s)<select\b([^>]*)>(.*?)</select>`).FindAllStringSubmatch(form, -1) {
		for _, opt := range regexp.MustCompile(`<option\b[^>]*>`).FindAllString(m[2], -1) {
			if a := servertest.Attributes(opt); servertest.HasAttr(a, "selected") {
				v.Set(servertest.Attributes(m[1])["name"], a["value"])
			}
		}
	}
	return v
}

// vdStep opens a video story's editor as c and submits it unchanged with an action.
func vdStep(t *testing.T, f *servertest.Fixture, c *http.Client, id int64, action string) servertest.Reply {
	t.Helper()
	path := fmt.Sprintf("/newsroom/videos/%d", id)
	r := servertest.GetPage(t, f, c, path)
	r.Expect(t, http.StatusOK)
	form := vdFields(t, r)
	form.Set("action", action)
	return servertest.PostMultipart(t, f, c, path, form)
}

func TestVideoDeskLinkWorkflow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		reporter := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter"))
		editor := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Editor, "Esha Editor"))

		link := "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s"
		r := servertest.PostMultipart(t, f, reporter, "/newsroom/videos", vdForm("Cranes arrive at the east terminal", link))
		id := vdIDFrom(t, r)
		v := vdStored(t, f, id)
		if v.Provider != "youtube" || v.ProviderID != "dQw4w9WgXcQ" || v.Start != 90*time.Second || v.Status != news.StatusDraft ||
			v.Duration != 245*time.Second || len(v.Tags) != 2 || v.Slug != "cranes-arrive-at-the-east-terminal" {
			t.Fatalf("stored as %+v", v)
		}
		// The editor shows what readers will get: the still and the
		// privacy-enhanced player address, start included.
		page := servertest.GetPage(t, f, reporter, r.Header.Get("Location"))
		page.Expect(t, http.StatusOK, "Saved.", "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg",
			"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0&start=90")
		if got := vdFields(t, page).Get("source_url"); got == "" {
			t.Fatal("the editor does not show the link")
		}

		// Saving the form unchanged keeps the source, start time included.
		vdStep(t, f, reporter, id, "save").ExpectRedirect(t, "save unchanged", fmt.Sprintf("/newsroom/videos/%d?done=video-save", id))
		if v2 := vdStored(t, f, id); v2.Start != 90*time.Second || v2.ProviderID != "dQw4w9WgXcQ" || v2.Version != v.Version+1 {
			t.Fatalf("an unchanged save changed the source: %+v", v2)
		}

		// A reporter may not publish, whatever the form says.
		vdStep(t, f, reporter, id, "publish").Expect(t, http.StatusForbidden, "Your role does not allow you to publish video stories.")
		vdStep(t, f, reporter, id, "submit").ExpectRedirect(t, "submit", fmt.Sprintf("/newsroom/videos/%d?done=video-submit", id))
		if got := vdStored(t, f, id).Status; got != news.StatusReview {
			t.Fatalf("after submit: %s", got)
		}
		list := servertest.GetPage(t, f, editor, "/newsroom/videos?status=review")
		list.Expect(t, http.StatusOK, "Cranes arrive at the east terminal", "Ruwan Reporter")

		vdStep(t, f, editor, id, "publish").ExpectRedirect(t, "publish", fmt.Sprintf("/newsroom/videos/%d?done=video-publish", id))
		v = vdStored(t, f, id)
		if v.Status != news.StatusPublished || v.PublishedAt.IsZero() {
			t.Fatalf("after publish: %+v", v)
		}
		if resp, body := f.Get(v.Path()); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Cranes arrive at the east terminal") {
			t.Fatalf("public page %s: %d", v.Path(), resp.StatusCode)
		}
		// Once published, the reporter can read it but no longer change it.
		r = servertest.GetPage(t, f, reporter, fmt.Sprintf("/newsroom/videos/%d", id))
		r.Expect(t, http.StatusOK, "Cranes arrive at the east terminal")
		servertest.Lacks(t, "the reporter's view of the published story", r.Body, `value="save"`)
		vdStep(t, f, editor, id, "unpublish").ExpectRedirect(t, "unpublish", fmt.Sprintf("/newsroom/videos/%d?done=video-unpublish", id))
		if got := vdStored(t, f, id).Status; got != news.StatusUnpublished {
			t.Fatalf("after unpublish: %s", got)
		}

		// A stale form is refused and keeps what was typed.
		stale := vdForm("A newer title nobody will see", link)
		stale.Set("version", strconv.Itoa(v.Version))
		r = servertest.PostMultipart(t, f, editor, fmt.Sprintf("/newsroom/videos/%d", id), stale)
		r.Expect(t, http.StatusConflict, "Someone else saved this video story", "A newer title nobody will see")
	})
}

func TestVideoDeskUpload(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		reporter := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter"))
		editor := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Editor, "Esha Editor"))

		data := vdMP4(6000)
		// mime/multipart keeps only the last /-separated part of a name;
		// backslashes and dots reach the newsroom as sent.
		hostileName := `..\..\etc\Harbour at Dawn.MP4`
		r := servertest.PostMultipart(t, f, reporter, "/newsroom/videos", vdForm("Harbour at dawn", ""),
			servertest.Upload{Field: "video", Name: hostileName, Data: data}, servertest.Upload{Field: "thumbnail", Name: "still.png", Data: storetest.PNG(t, 640, 360)})
		id := vdIDFrom(t, r)
		v := vdStored(t, f, id)
		if v.Provider != "upload" || v.FileID == 0 || v.Thumbnail == nil {
			t.Fatalf("stored as %+v", v)
		}
		// The name is stored made safe: no folders, no dots, one .mp4.
		if v.FileName != "etc-harbour-at-dawn.mp4" || v.FileName != video.SafeFilename(hostileName) {
			t.Fatalf("file name stored as %q", v.FileName)
		}
		if !strings.HasPrefix(v.FilePath(), fmt.Sprintf("/media/video/%d/", v.FileID)) || strings.Contains(v.FilePath(), "..") {
			t.Fatalf("file address %q", v.FilePath())
		}

		// The editor previews our own file, which staff can fetch (and seek)
		// before readers can.
		page := servertest.GetPage(t, f, reporter, fmt.Sprintf("/newsroom/videos/%d", id))
		staffURL := fmt.Sprintf("/newsroom/videos/%d/file", id)
		page.Expect(t, http.StatusOK)
		if !strings.Contains(page.Body, `<video controls preload="metadata" src="`+staffURL+`"`) {
			t.Fatalf("no video preview on the editor\n%s", servertest.MainText(page.Body))
		}
		got := servertest.GetPage(t, f, reporter, staffURL)
		if got.Status != http.StatusOK || got.Body != string(data) || got.Header.Get("Content-Type") != "video/mp4" {
			t.Fatalf("staff file: %d %q, %d bytes", got.Status, got.Header.Get("Content-Type"), len(got.Body))
		}
		req, _ := http.NewRequest(http.MethodGet, f.Srv.URL+staffURL, nil)
		req.Header.Set("Range", "bytes=100-199")
		if part := servertest.Send(t, f, reporter, req); part.Status != http.StatusPartialContent || part.Body != string(data[100:200]) {
			t.Fatalf("range request: %d, %d bytes", part.Status, len(part.Body))
		}
		if resp, _ := f.Get(v.FilePath()); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("readers fetched a draft's file: %d", resp.StatusCode)
		}
		if out := servertest.GetPage(t, f, servertest.NewBrowser(t), staffURL); out.Status != http.StatusSeeOther {
			t.Fatalf("signed-out fetch of a draft's file: %d", out.Status)
		}

		vdStep(t, f, editor, id, "publish").ExpectRedirect(t, "publish", fmt.Sprintf("/newsroom/videos/%d?done=video-publish", id))
		resp, body := f.Get(v.FilePath())
		if resp.StatusCode != http.StatusOK || body != string(data) {
			t.Fatalf("public file %s: %d, %d bytes", v.FilePath(), resp.StatusCode, len(body))
		}
		// Publishing without a new file kept the upload.
		if after := vdStored(t, f, id); after.FileID != v.FileID || after.Provider != "upload" {
			t.Fatalf("publishing changed the file: %+v", after)
		}
	})
}

func TestVideoDeskEpisode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		ctx := context.Background()
		reporter := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter"))
		editor := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Editor, "Esha Editor"))

		r := servertest.PostForm(t, f, editor, "/newsroom/programmes", url.Values{"name": {"News in Brief"}, "slug": {""},
			"description": {"The day's news in five minutes."}, "lang": {"en"}, "slots": {"Morning\r\nPrime Time\r\n"}})
		r.ExpectRedirect(t, "new programme", "/newsroom/programmes?done=programme")
		nib, err := f.Store.ProgrammeBySlug(ctx, "news-in-brief")
		if err != nil || len(nib.Slots) != 2 || nib.Slots[1].Name != "Prime Time" {
			t.Fatalf("programme: %+v %v", nib, err)
		}
		r = servertest.PostForm(t, f, editor, fmt.Sprintf("/newsroom/programmes/%d/slots", nib.ID), url.Values{"name": {"Late Night"}, "slug": {""}, "position": {"30"}})
		r.ExpectRedirect(t, "new slot", "/newsroom/programmes?done=slot")
		servertest.PostForm(t, f, editor, "/newsroom/programmes", url.Values{"name": {"News in Brief"}, "lang": {"en"}}).
			Expect(t, http.StatusConflict, `Another programme already uses the slug "news-in-brief".`)
		servertest.PostForm(t, f, editor, "/newsroom/programmes", url.Values{"name": {"Sports Roundup"}, "lang": {"en"}, "slots": {"Evening"}}).
			ExpectRedirect(t, "second programme", "/newsroom/programmes?done=programme")
		sports, err := f.Store.ProgrammeBySlug(ctx, "sports-roundup")
		if err != nil {
			t.Fatal(err)
		}
		servertest.GetPage(t, f, editor, "/newsroom/programmes").Expect(t, http.StatusOK, "News in Brief", "Prime Time", "Late Night", "Sports Roundup")

		primeTime := strconv.FormatInt(nib.Slots[1].ID, 10)
		form := vdForm("", "https://vimeo.com/76979871")
		form.Set("programme", strconv.FormatInt(nib.ID, 10))
		form.Set("slot", primeTime)
		form.Set("air_date", "2026-11-27")
		id := vdIDFrom(t, servertest.PostMultipart(t, f, reporter, "/newsroom/videos", form))
		v := vdStored(t, f, id)
		if v.Title != "NEWS IN BRIEF | PRIME TIME | 2026.11.27" || v.AirDate != "2026-11-27" || v.Slot == nil || v.Slot.Name != "Prime Time" ||
			v.Provider != "vimeo" || v.ProviderID != "76979871" {
			t.Fatalf("episode stored as %+v", v)
		}
		servertest.GetPage(t, f, reporter, fmt.Sprintf("/newsroom/videos/%d", id)).
			Expect(t, http.StatusOK, "NEWS IN BRIEF | PRIME TIME | 2026.11.27", "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1")

		// A slot of another programme, and a date that does not exist, are
		// refused with what was typed kept on the form.
		bad := vdForm("", "https://vimeo.com/76979871")
		bad.Set("summary", "Typed summary to keep")
		bad.Set("programme", strconv.FormatInt(nib.ID, 10))
		bad.Set("slot", strconv.FormatInt(sports.Slots[0].ID, 10))
		bad.Set("air_date", "2026-02-30")
		r = servertest.PostMultipart(t, f, reporter, "/newsroom/videos", bad)
		r.Expect(t, http.StatusBadRequest, "Choose one of the slots of News in Brief.", `The air date "2026-02-30" is not a date`, "Typed summary to keep")
		if vdCount(t, f) != 1 {
			t.Fatal("a refused episode was stored")
		}
	})
}

func TestVideoDeskHostileInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		reporter := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter"))
		before, videos := servertest.TakeFootprint(t, f), vdCount(t, f)
		check := func(what string) {
			t.Helper()
			servertest.Unchanged(t, what, f, before)
			if n := vdCount(t, f); n != videos {
				t.Fatalf("%s stored a video story (%d, want %d)", what, n, videos)
			}
		}

		// Not a video: refused by its bytes, whatever its name, with the
		// typed fields kept.
		page := []byte("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>")
		r := servertest.PostMultipart(t, f, reporter, "/newsroom/videos", vdForm("Typed title to keep", ""), servertest.Upload{Field: "video", Name: "clip.mp4", Data: page})
		r.Expect(t, http.StatusBadRequest, "not an MP4 video", "Typed title to keep")
		check("a web page named .mp4")
		r = servertest.PostMultipart(t, f, reporter, "/newsroom/videos", vdForm("Photo", ""), servertest.Upload{Field: "video", Name: "photo.mp4", Data: storetest.PNG(t, 8, 8)})
		r.Expect(t, http.StatusBadRequest, "The file looks like a PNG image, not an MP4 video")
		check("a picture named .mp4")

		// A look-alike host gets the parser's own sentence.
		for _, link := range []string{
			"https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
			"https://youtube.com@evil.example/watch?v=dQw4w9WgXcQ",
			"javascript:alert(1)//https://youtu.be/dQw4w9WgXcQ",
			"https://evil.example/embed?u=https://www.youtube.com/watch?v=dQw4w9WgXcQ",
		} {
			_, perr := video.ParseURL(link)
			if perr == nil {
				t.Fatalf("the parser accepts %q", link)
			}
			r := servertest.PostMultipart(t, f, reporter, "/newsroom/videos", vdForm("Look-alike", link))
			r.Expect(t, http.StatusBadRequest, perr.Error())
			if !strings.Contains(r.Body, html.EscapeString(link)) {
				t.Errorf("%s: the typed link is not kept on the form", link)
			}
		}
		check("look-alike links")

		// A link and a file at once.
		r = servertest.PostMultipart(t, f, reporter, "/newsroom/videos", vdForm("Both", "https://youtu.be/dQw4w9WgXcQ"), servertest.Upload{Field: "video", Name: "a.mp4", Data: vdMP4(2000)})
		r.Expect(t, http.StatusBadRequest, "not both")
		check("a link and a file")

		// More than MaxUploadBytes, streamed without a length: 413, nothing kept.
		start := time.Now()
		r = vdStreamUpload(t, f, reporter, video.MaxUploadBytes+2<<20)
		r.Expect(t, http.StatusRequestEntityTooLarge, fmt.Sprintf("The video is larger than %d MB, so nothing was saved.", video.MaxUploadBytes>>20))
		t.Logf("oversized upload refused after %v", time.Since(start).Round(time.Millisecond))
		check("an oversized upload")
	})
}

// vdStreamUpload posts a new video story whose file is size bytes (an MP4
// header, then zeros), streamed as it is made, with no Content-Length.
func vdStreamUpload(t *testing.T, f *servertest.Fixture, c *http.Client, size int) servertest.Reply {
	t.Helper()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		err := func() error {
			for k, vs := range vdForm("Far too long", "") {
				if err := mw.WriteField(k, vs[0]); err != nil {
					return err
				}
			}
			part, err := mw.CreateFormFile("video", "long.mp4")
			if err != nil {
				return err
			}
			head := vdMP4(4096)
			if _, err := part.Write(head); err != nil {
				return err
			}
			zeros := make([]byte, 1<<20)
			for sent := len(head); sent < size; sent += len(zeros) {
				if _, err := part.Write(zeros[:min(len(zeros), size-sent)]); err != nil {
					return err
				}
			}
			return mw.Close()
		}()
		pw.CloseWithError(err)
	}()
	req, err := http.NewRequest(http.MethodPost, f.Srv.URL+"/newsroom/videos", pr)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	defer pr.Close() // stops the writer if the server answered early
	return servertest.Send(t, f, c, req)
}

func TestVideoDeskRoles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		ruwan := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		reporter := servertest.LoginAs(t, f, ruwan)
		other := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Reporter, "Kamal Colleague"))
		editor := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Editor, "Esha Editor"))
		moderator := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Moderator, "Mala Moderator"))

		id := vdIDFrom(t, servertest.PostMultipart(t, f, reporter, "/newsroom/videos", vdForm("Reporter's draft", "https://youtu.be/dQw4w9WgXcQ")))
		path := fmt.Sprintf("/newsroom/videos/%d", id)
		for _, tc := range []struct {
			what   string
			c      *http.Client
			r      func() servertest.Reply
			status int
		}{
			{"moderator lists video", moderator, func() servertest.Reply { return servertest.GetPage(t, f, moderator, "/newsroom/videos") }, http.StatusForbidden},
			{"moderator opens new", moderator, func() servertest.Reply { return servertest.GetPage(t, f, moderator, "/newsroom/videos/new") }, http.StatusForbidden},
			{"moderator creates", moderator, func() servertest.Reply {
				return servertest.PostMultipart(t, f, moderator, "/newsroom/videos", vdForm("Moderator's clip", "https://youtu.be/dQw4w9WgXcQ"))
			}, http.StatusForbidden},
			{"moderator opens a story", moderator, func() servertest.Reply { return servertest.GetPage(t, f, moderator, path) }, http.StatusForbidden},
			{"moderator fetches its file", moderator, func() servertest.Reply { return servertest.GetPage(t, f, moderator, path+"/file") }, http.StatusForbidden},
			{"colleague opens a draft", other, func() servertest.Reply { return servertest.GetPage(t, f, other, path) }, http.StatusForbidden},
			{"colleague saves a draft", other, func() servertest.Reply {
				form := vdForm("Taken over", "https://youtu.be/dQw4w9WgXcQ")
				form.Set("version", "1")
				return servertest.PostMultipart(t, f, other, path, form)
			}, http.StatusForbidden},
			{"reporter publishes at creation", reporter, func() servertest.Reply {
				form := vdForm("Straight to air", "https://youtu.be/dQw4w9WgXcQ")
				form.Set("action", "publish")
				return servertest.PostMultipart(t, f, reporter, "/newsroom/videos", form)
			}, http.StatusForbidden},
			{"reporter deletes", reporter, func() servertest.Reply { return servertest.PostForm(t, f, reporter, path+"/delete", nil) }, http.StatusForbidden},
			{"reporter opens programmes", reporter, func() servertest.Reply { return servertest.GetPage(t, f, reporter, "/newsroom/programmes") }, http.StatusForbidden},
			{"reporter makes a programme", reporter, func() servertest.Reply {
				return servertest.PostForm(t, f, reporter, "/newsroom/programmes", url.Values{"name": {"My Show"}, "lang": {"en"}})
			}, http.StatusForbidden},
			{"moderator makes a programme", moderator, func() servertest.Reply {
				return servertest.PostForm(t, f, moderator, "/newsroom/programmes", url.Values{"name": {"My Show"}, "lang": {"en"}})
			}, http.StatusForbidden},
		} {
			if r := tc.r(); r.Status != tc.status {
				t.Errorf("%s: %d, want %d\n%s", tc.what, r.Status, tc.status, servertest.MainText(r.Body))
			}
		}
		if v := vdStored(t, f, id); v.Title != "Reporter's draft" || v.Status != news.StatusDraft {
			t.Fatalf("refused requests changed the story: %+v", v)
		}
		if vdCount(t, f) != 1 {
			t.Fatal("a refused request stored a video story")
		}
		if _, err := f.Store.ProgrammeBySlug(context.Background(), "my-show"); err == nil {
			t.Fatal("a refused request stored a programme")
		}
		// The navigation offers video to writers only.
		if r := servertest.GetPage(t, f, reporter, "/newsroom/"); !strings.Contains(r.Body, `href="/newsroom/videos"`) {
			t.Error("reporters have no Video entry in the menu")
		}

		// Editors delete drafts, but not what readers have seen.
		servertest.PostForm(t, f, editor, path+"/delete", nil).ExpectRedirect(t, "delete a draft", "/newsroom/videos?done=video-deleted")
		if _, err := f.Store.Video(context.Background(), id); err == nil {
			t.Fatal("the deleted draft is still stored")
		}
		id = vdIDFrom(t, servertest.PostMultipart(t, f, editor, "/newsroom/videos", vdForm("Aired clip", "https://youtu.be/dQw4w9WgXcQ")))
		vdStep(t, f, editor, id, "publish").ExpectRedirect(t, "publish", fmt.Sprintf("/newsroom/videos/%d?done=video-publish", id))
		servertest.PostForm(t, f, editor, fmt.Sprintf("/newsroom/videos/%d/delete", id), nil).Expect(t, http.StatusConflict, "unpublish it instead")
	})
}

// vdAPI is where the admin video endpoints are served: the real router.
func vdAPI(t *testing.T, f *servertest.Fixture, token string) string {
	t.Helper()
	return f.Srv.URL
}

// vdCall sends a JSON request with the token to the admin video endpoints.
func vdCall(t *testing.T, base, token, method, path string, body any) servertest.APIReply {
	t.Helper()
	var r io.Reader
	if body != nil {
		r = strings.NewReader(vdJSON(t, body))
	}
	req, err := http.NewRequest(method, base+path, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := servertest.Client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	return servertest.APIReply{Status: resp.StatusCode, Header: resp.Header, Body: string(got)}
}

func vdJSON(t *testing.T, v any) string {
	t.Helper()
	if s, ok := v.(string); ok {
		return s
	}
	js, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(js)
}

// adminVideo is the admin API's video story.
type adminVideo struct {
	ID           int64  `json:"id"`
	Title        string `json:"title"`
	Provider     string `json:"provider"`
	ProviderID   string `json:"provider_id"`
	StartSeconds int    `json:"start_seconds"`
	EmbedURL     string `json:"embed_url"`
	Status       string `json:"status"`
	Version      int    `json:"version"`
	Duration     string `json:"duration"`
	AirDate      string `json:"air_date"`
	Programme    *struct {
		Slug string `json:"slug"`
	} `json:"programme"`
	Slot *struct {
		Slug string `json:"slug"`
	} `json:"slot"`
	PublishedAt *time.Time `json:"published_at"`
}

func TestVideoDeskAdminAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		reporter := servertest.NewTokenUser(t, f, auth.Reporter, "Ruwan Reporter")
		editor := servertest.NewTokenUser(t, f, auth.Editor, "Esha Editor")
		moderator := servertest.NewTokenUser(t, f, auth.Moderator, "Mala Moderator")
		base := vdAPI(t, f, editor.Token)
		call := func(u servertest.TokenUser, method, path string, body any) servertest.APIReply {
			t.Helper()
			return vdCall(t, base, u.Token, method, path, body)
		}
		decode := func(r servertest.APIReply) adminVideo {
			t.Helper()
			var v adminVideo
			r.Decode(t, &v)
			return v
		}

		// Programmes with slots: editors only, slugs unique.
		prog := map[string]any{"name": "News in Brief", "lang": "en", "description": "Five minutes of news.",
			"slots": []map[string]any{{"name": "Morning", "position": 1}, {"name": "Prime Time", "position": 2}}}
		call(reporter, http.MethodPost, "/api/v1/admin/programmes", prog).Expect(t, "reporter makes a programme", http.StatusForbidden, "manage programmes")
		r := call(editor, http.MethodPost, "/api/v1/admin/programmes", prog)
		r.Expect(t, "editor makes a programme", http.StatusCreated, "")
		if !strings.Contains(r.Body, `"slug":"prime-time"`) {
			t.Fatalf("programme answer: %s", r.Body)
		}
		call(editor, http.MethodPost, "/api/v1/admin/programmes", prog).Expect(t, "taken slug", http.StatusConflict, "news-in-brief")
		call(editor, http.MethodPost, "/api/v1/admin/programmes", map[string]any{"name": ""}).Expect(t, "no name", http.StatusBadRequest, "needs a name")

		// Create from a link.
		call(moderator, http.MethodPost, "/api/v1/admin/videos", map[string]any{"title": "x", "source_url": "https://youtu.be/dQw4w9WgXcQ"}).
			Expect(t, "moderator creates", http.StatusForbidden, "")
		look := "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ"
		_, perr := video.ParseURL(look)
		call(reporter, http.MethodPost, "/api/v1/admin/videos", map[string]any{"title": "x", "source_url": look}).
			Expect(t, "look-alike host", http.StatusBadRequest, perr.Error())
		call(reporter, http.MethodPost, "/api/v1/admin/videos", map[string]any{"title": "x", "source_url": "https://youtu.be/dQw4w9WgXcQ", "file": "x"}).
			Expect(t, "unknown field", http.StatusBadRequest, "unknown field")
		r = call(reporter, http.MethodPost, "/api/v1/admin/videos", map[string]any{"title": "Cranes arrive",
			"source_url": "https://youtu.be/dQw4w9WgXcQ?t=42", "duration": "4:05", "tags": []string{"Harbour"}})
		r.Expect(t, "create", http.StatusCreated, "")
		v := decode(r)
		if v.Provider != "youtube" || v.ProviderID != "dQw4w9WgXcQ" || v.StartSeconds != 42 || v.Status != "draft" || v.Version != 1 ||
			v.Duration != "4:05" || v.EmbedURL != "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0&start=42" {
			t.Fatalf("created: %s", r.Body)
		}
		if loc := r.Header.Get("Location"); !strings.HasSuffix(loc, fmt.Sprintf("/api/v1/admin/videos/%d", v.ID)) {
			t.Fatalf("Location %q", loc)
		}
		path := fmt.Sprintf("/api/v1/admin/videos/%d", v.ID)
		call(reporter, http.MethodGet, path, nil).Expect(t, "get", http.StatusOK, "")

		// Patch: version required, checked, and the source kept unless sent.
		call(reporter, http.MethodPatch, path, map[string]any{"title": "Cranes arrive at last"}).Expect(t, "no version", http.StatusBadRequest, "version is required")
		r = call(reporter, http.MethodPatch, path, map[string]any{"version": 1, "title": "Cranes arrive at last"})
		r.Expect(t, "patch", http.StatusOK, "")
		if p := decode(r); p.Title != "Cranes arrive at last" || p.Version != 2 || p.ProviderID != "dQw4w9WgXcQ" || p.StartSeconds != 42 || p.Duration != "4:05" {
			t.Fatalf("patched: %s", r.Body)
		}
		call(reporter, http.MethodPatch, path, map[string]any{"version": 1, "title": "Lost update"}).Expect(t, "stale patch", http.StatusConflict, "video story has changed")
		call(editor, http.MethodPost, path+"/publish", map[string]any{"version": 1}).Expect(t, "stale publish", http.StatusConflict, "video story has changed")

		// Workflow: the reporter submits; only an editor publishes.
		call(reporter, http.MethodPost, path+"/publish", map[string]any{"version": 2}).Expect(t, "reporter publishes", http.StatusForbidden, "publish video stories")
		r = call(reporter, http.MethodPost, path+"/submit", map[string]any{"version": 2})
		r.Expect(t, "submit", http.StatusOK, "")
		r = call(editor, http.MethodPost, path+"/publish", map[string]any{"version": 3})
		r.Expect(t, "publish", http.StatusOK, "")
		if p := decode(r); p.Status != "published" || p.PublishedAt == nil {
			t.Fatalf("published: %s", r.Body)
		}
		call(reporter, http.MethodGet, path, nil).Expect(t, "reporter reads their published story", http.StatusOK, "")
		call(editor, http.MethodDelete, path, nil).Expect(t, "delete published", http.StatusConflict, "unpublish it instead")
		call(editor, http.MethodPost, path+"/unpublish", map[string]any{"version": 4}).Expect(t, "unpublish", http.StatusOK, "")

		// An episode by slugs: the title is built.
		r = call(reporter, http.MethodPost, "/api/v1/admin/videos", map[string]any{"source_url": "https://vimeo.com/76979871",
			"programme": "news-in-brief", "slot": "prime-time", "air_date": "2026-11-27"})
		r.Expect(t, "episode", http.StatusCreated, "")
		ep := decode(r)
		if ep.Title != "NEWS IN BRIEF | PRIME TIME | 2026.11.27" || ep.Programme == nil || ep.Slot == nil || ep.Slot.Slug != "prime-time" {
			t.Fatalf("episode: %s", r.Body)
		}
		call(reporter, http.MethodPost, "/api/v1/admin/videos", map[string]any{"source_url": "https://vimeo.com/76979871",
			"programme": "news-in-brief", "slot": "late-night", "air_date": "2026-11-27"}).Expect(t, "unknown slot", http.StatusBadRequest, "late-night")
		call(reporter, http.MethodPost, "/api/v1/admin/videos", map[string]any{"source_url": "https://vimeo.com/76979871",
			"programme": "news-in-brief", "air_date": "27/11/2026"}).Expect(t, "bad air date", http.StatusBadRequest, "not a date")

		// Delete: editors, drafts only.
		epPath := fmt.Sprintf("/api/v1/admin/videos/%d", ep.ID)
		call(reporter, http.MethodDelete, epPath, nil).Expect(t, "reporter deletes", http.StatusForbidden, "")
		call(editor, http.MethodDelete, epPath, nil).Expect(t, "delete draft", http.StatusNoContent, "")
		call(editor, http.MethodGet, epPath, nil).Expect(t, "deleted", http.StatusNotFound, "no video story with id")
		call(editor, http.MethodGet, "/api/v1/admin/videos/abc", nil).Expect(t, "bad id", http.StatusBadRequest, "positive whole number")
		if _, err := f.Store.Video(context.Background(), ep.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("deleted episode: %v", err)
		}
	})
}
