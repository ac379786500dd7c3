package newsroom_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/news"
	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// TestNewsroomEditConflict: two editors open one story; the first saves.
// The second's save, which changes every kind of field and brings a new
// picture, is refused, and the page says who saved and when, shows how the
// two versions differ word by word and field by field, keeps every choice
// (the picture too), asks before discarding it, and saves it on purpose
// when sent again.
func TestNewsroomEditConflict(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		ctx := context.Background()
		first, second := servertest.NewMember(t, f, auth.Editor, "Eranga Editor"), servertest.NewMember(t, f, auth.Editor, "Dilani Deskeditor")
		a := servertest.SeedOwned(t, f, first.ID, news.StatusDraft, "Harbour dredging starts")
		one, two := servertest.LoginAs(t, f, first), servertest.LoginAs(t, f, second)
		path := fmt.Sprintf("/newsroom/articles/%d", a.ID)

		mine, theirs := servertest.OpenEditor(t, f, one, a.ID), servertest.OpenEditor(t, f, two, a.ID)
		mine.Set("headline", "Dredging starts at Colombo harbour")
		mine.Set("body", "Dredging began on Monday at the south harbour.\n\nShips were moved to the north quay.")
		mine.Set("section", strconv.FormatInt(f.World.ID, 10))
		mine.Set("tags", "Harbour, Weather")
		mine.Set("action", "save")
		servertest.PostMultipart(t, f, one, path, mine).ExpectRedirect(t, "first save", path+"?done=saved")
		saved := servertest.Stored(t, f, a.ID)

		// The second editor changed the text, kept the section they had
		// (Local), changed the tags, made it agency copy with a dateline,
		// chose a picture, and asked to publish.
		theirs.Set("headline", "Harbour dredging delayed by weather")
		theirs.Set("summary", "Seeded for a newsroom test, then updated.")
		theirs.Set("body", "Dredging was delayed on Monday at the south harbour.\r\n\r\nShips were moved to the north quay.")
		theirs.Set("tags", "Harbour, Floods")
		theirs.Set("source_type", "agency")
		theirs.Set("source_name", "AFP")
		theirs.Set("place", "Colombo")
		theirs.Set("image_caption", "The dredger <Ravana> at work")
		theirs.Set("slug", "harbour-dredging-delayed")
		theirs.Add("authors", strconv.FormatInt(second.ID, 10))
		at := time.Now().Add(48 * time.Hour).In(f.Cfg.Location).Truncate(time.Minute)
		theirs.Set("publish_at", at.Format("2006-01-02T15:04"))
		theirs.Set("action", "publish")
		before := servertest.TakeFootprint(t, f)
		r := servertest.PostMultipart(t, f, two, path, theirs, servertest.Upload{Field: "image", Name: "Dredger at dawn.png", Data: storetest.PNG(t, 640, 360)})

		// Who saved, and when, in the site's time.
		revs, err := f.Store.Revisions(ctx, a.ID, 1)
		if err != nil || len(revs) != 1 {
			t.Fatalf("revisions: %v", err)
		}
		r.Expect(t, http.StatusConflict, "Not saved: someone else saved first.",
			"Someone else saved this article after you opened it, so your changes were NOT saved.",
			"Saved since you opened it:",
			fmt.Sprintf(" saved it on %s (version %d)", news.FormatDateline(revs[0].CreatedAt, f.Cfg.Location), saved.Version),
			"You asked to publish it: that was not done either.",
			"Your version compared with the saved one")
		servertest.Contains(t, "who saved", r.Body, "<strong>Eranga Editor</strong> saved it on ")

		// The difference, word by word, from the saved version to theirs;
		// text that is the same in both (the second paragraph) is not marked.
		servertest.Contains(t, "the differences", r.Body,
			"<h3>Headline</h3>",
			"<h3>Summary</h3>", `Seeded for a newsroom test<ins>, then updated</ins>.`,
			"<h3>Body</h3>", `Dredging <del>began</del><ins>was delayed</ins> on Monday at the south harbour.`+"\n\nShips were moved to the north quay.</div>",
			"<dt>Section</dt>\n  <dd><del>World</del> → <ins>Local</ins></dd>",
			"<dt>Tags</dt>\n  <dd><ins>+Floods</ins> <del>−Weather</del> </dd>",
			"<dt>Source</dt>\n  <dd><del>Our staff</del> → <ins>Agency copy: AFP</ins></dd>",
			"<dt>Dateline place</dt>\n  <dd><span class=\"hint\">none</span> → <ins>Colombo</ins></dd>",
			"<dt>Lead image</dt>\n  <dd><span class=\"hint\">none</span> → <ins>dredger-at-dawn.jpg</ins></dd>",
			"<dt>Image caption</dt>\n  <dd><span class=\"hint\">none</span> → <ins>The dredger &lt;Ravana&gt; at work</ins></dd>",
			"<dt>Byline</dt>\n  <dd><ins>+Dilani Deskeditor</ins> </dd>",
			"<dt>Slug (address)</dt>\n  <dd><del>"+a.Slug+"</del> → <ins>harbour-dredging-delayed</ins></dd>",
			"<dt>Publish at</dt>\n  <dd><span class=\"hint\">none</span> → <ins>"+news.FormatDateline(at, f.Cfg.Location)+"</ins></dd>")
		servertest.Lacks(t, "the differences", r.Body, "<dt>Edition</dt>", "<dt>Image credit</dt>")

		// Every choice is kept, the picture too, and the form now carries the
		// stored version: sending it again replaces the first editor's save.
		form := servertest.EditorFields(t, r)
		for name, want := range map[string]string{
			"headline": "Harbour dredging delayed by weather", "section": strconv.FormatInt(f.Local.ID, 10),
			"tags": "Harbour, Floods", "source_type": "agency", "source_name": "AFP", "place": "Colombo",
			"image_caption": "The dredger <Ravana> at work", "version": strconv.Itoa(saved.Version),
			"slug": "harbour-dredging-delayed", "publish_at": at.Format("2006-01-02T15:04"), "authors": strconv.FormatInt(second.ID, 10),
		} {
			if got := form.Get(name); got != want {
				t.Errorf("the refused form's %s is %q, want %q", name, got, want)
			}
		}
		kept := form.Get("kept_image")
		m := regexp.MustCompile(`<img src="(/newsroom/media/(\d+)/thumb/dredger-at-dawn\.jpg\?kept=[0-9a-f]+)"`).FindStringSubmatch(r.Body)
		if kept == "" || m == nil {
			t.Fatalf("the page does not keep the picture (kept_image %q)\n%s", kept, servertest.MainText(r.Body))
		}
		servertest.Contains(t, "the kept picture", r.Body, "Your new image, <strong>dredger-at-dawn.jpg</strong>, was kept from the save that was refused: saving uses it.")
		// Only its uploader may see it: it is on no story yet.
		thumb := html.UnescapeString(m[1])
		if got := servertest.GetPage(t, f, two, thumb); got.Status != http.StatusOK || got.Header.Get("Content-Type") == "" {
			t.Errorf("the uploader cannot see the kept picture: %d", got.Status)
		}
		servertest.GetPage(t, f, one, thumb).Expect(t, http.StatusNotFound)
		servertest.GetPage(t, f, two, regexp.MustCompile(`\?kept=.*`).ReplaceAllString(thumb, "?kept=00")).Expect(t, http.StatusNotFound)
		// The race changed nothing but the kept picture.
		after := servertest.TakeFootprint(t, f)
		if before.Media+1 != after.Media || before.Audit != after.Audit || before.Articles != after.Articles {
			t.Errorf("the refused save left %+v, was %+v: want one more image and nothing else", after, before)
		}
		if got := servertest.Stored(t, f, a.ID); got.Version != saved.Version || got.Headline != saved.Headline || got.Image != nil {
			t.Fatalf("the refused save changed the story: version %d, %q", got.Version, got.Headline)
		}

		// Opening the latest version asks first; without script, the
		// conflict page's box to tick is the question, and the address
		// without it asks on a page of its own.
		latest := path + "/latest"
		servertest.Contains(t, "the discard form", r.Body, `<form method="get" action="`+latest+`"`,
			`<input type="checkbox" name="confirm" value="yes" required> Discard what I typed below: it is not saved`,
			`<button type="submit">Open the latest version</button>`)
		servertest.Lacks(t, "the discard form", r.Body, `<a href="`+path+`">Open the latest version</a>`)
		ask := servertest.GetPage(t, f, two, latest)
		ask.Expect(t, http.StatusOK, "Discard your text and open the latest version?", "What you typed was not saved")
		servertest.Contains(t, "the confirming page", ask.Body, `<form method="get" action="`+latest+`"`, `name="confirm" value="yes"`,
			"Discard my text and open the latest version")
		servertest.GetPage(t, f, two, latest+"?confirm=yes").ExpectRedirect(t, "open the latest version", path)

		// A kept picture is its uploader's alone: the first editor cannot
		// claim it with the second's token.
		claim := servertest.OpenEditor(t, f, one, a.ID)
		claim.Set("kept_image", kept)
		claim.Set("action", "save")
		servertest.PostMultipart(t, f, one, path, claim).ExpectRedirect(t, "a save with another's token", path+"?done=saved")
		if got := servertest.Stored(t, f, a.ID); got.Image != nil {
			t.Fatalf("another member's kept picture was attached: %+v", got.Image)
		}

		// The refused form, sent again by its writer: a second race (the
		// first editor just saved again) keeps the picture once more ...
		form.Set("action", "save")
		r = servertest.PostMultipart(t, f, two, path, form)
		r.Expect(t, http.StatusConflict, "Not saved: someone else saved first.")
		servertest.Contains(t, "the kept picture, again", r.Body, "Your new image, <strong>dredger-at-dawn.jpg</strong>, was kept")
		if got := servertest.EditorFields(t, r).Get("kept_image"); got != kept {
			t.Fatalf("the second race keeps %q, want the same picture %q", got, kept)
		}
		// ... and sent again from there, it is saved, picture and all.
		form = servertest.EditorFields(t, r)
		form.Set("action", "save")
		servertest.PostMultipart(t, f, two, path, form).ExpectRedirect(t, "the deliberate save", path+"?done=saved")
		got := servertest.Stored(t, f, a.ID)
		var tags []string
		for _, tg := range got.Tags {
			tags = append(tags, tg.Name)
		}
		if got.Headline != "Harbour dredging delayed by weather" || got.Section.ID != f.Local.ID || fmt.Sprint(tags) != "[Harbour Floods]" ||
			got.Source != (news.Source{Agency: true, Name: "AFP"}) || got.Place != "Colombo" || got.Image == nil ||
			got.Image.Filename != "dredger-at-dawn" || got.Slug != "harbour-dredging-delayed" || len(got.Authors) != 1 ||
			got.Authors[0].ID != second.ID || got.Status != news.StatusDraft {
			t.Fatalf("the deliberate save stored %q, section %d, tags %v, source %+v, place %q, image %+v, status %s",
				got.Headline, got.Section.ID, tags, got.Source, got.Place, got.Image, got.Status)
		}
		if n := servertest.TakeFootprint(t, f).Media; n != after.Media {
			t.Errorf("saving the kept picture stored it again: %d images, want %d", n, after.Media)
		}
	})
}

// TestNewsroomEditConflictBadPicture: a picture that is not an image cannot
// be kept; the conflict page says so and keeps the rest.
func TestNewsroomEditConflictBadPicture(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		ed := servertest.NewMember(t, f, auth.Editor, "Eranga Editor")
		a := servertest.SeedOwned(t, f, ed.ID, news.StatusDraft, "Harbour dredging starts")
		c := servertest.LoginAs(t, f, ed)
		path := fmt.Sprintf("/newsroom/articles/%d", a.ID)
		stale := servertest.OpenEditor(t, f, c, a.ID)
		fresh := servertest.OpenEditor(t, f, c, a.ID)
		fresh.Set("action", "save")
		servertest.PostMultipart(t, f, c, path, fresh).ExpectRedirect(t, "save in another tab", path+"?done=saved")

		stale.Set("headline", "Dredging delayed")
		stale.Set("action", "save")
		before := servertest.TakeFootprint(t, f)
		r := servertest.PostMultipart(t, f, c, path, stale, servertest.Upload{Field: "image", Name: "notes.png", Data: []byte("not a picture at all")})
		r.Expect(t, http.StatusConflict, "Not saved: someone else saved first.", "The image you chose was not kept:", "Dredging delayed")
		servertest.Contains(t, "a bad picture", r.Body, "<strong>Eranga Editor</strong> saved it on ")
		servertest.Lacks(t, "a bad picture", r.Body, `name="kept_image"`)
		servertest.Unchanged(t, "a race with a bad picture", f, before)
	})
}
