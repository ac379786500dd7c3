package newsroom_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"dateline/internal/auth"
	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// TestNewsroomHistoryShowsWordsAndFields: a revision in the history shows
// its texts word by word against the version before (Sinhala and Tamil
// too, and markup typed into them as text), and names the other fields
// that changed: section, tags, lead image, source and the rest.
func TestNewsroomHistoryShowsWordsAndFields(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		ed := servertest.NewMember(t, f, auth.Editor, "Eranga Editor")
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		editor := servertest.LoginAs(t, f, ed)

		form := servertest.StoryForm(f, "Kelani river rises after rain", "Water rose **two metres** overnight.\n\nවැසි ඇද හැලුණි.\n\nமழை தொடர்கிறது.")
		form.Set("tags", "Weather, Monsoon")
		form.Set("image_caption", "The river at Hanwella")
		form.Set("authors", strconv.FormatInt(ed.ID, 10))
		r := servertest.PostMultipart(t, f, editor, "/newsroom/articles", form, servertest.Upload{Field: "image", Name: "Hanwella river.png", Data: storetest.PNG(t, 800, 450)})
		id := servertest.ArticleIDFrom(t, r)
		path := fmt.Sprintf("/newsroom/articles/%d", id)

		next := servertest.OpenEditor(t, f, editor, id)
		next.Set("headline", "Kelani river rises after night of rain")
		next.Set("body", "Water rose **three metres** overnight.\n\nවැසි දිගටම ඇද හැලුණි.\n\nமழை தொடர்ந்தது. <script>alert(1)</script>")
		next.Set("section", strconv.FormatInt(f.World.ID, 10))
		next.Set("tags", "Floods, monsoon")
		next.Set("source_type", "agency")
		next.Set("source_name", "Reuters")
		next.Set("place", "Colombo")
		next.Set("authors", strconv.FormatInt(rep.ID, 10))
		next.Set("action", "save")
		servertest.PostMultipart(t, f, editor, path, next, servertest.Upload{Field: "image", Name: "Flood map.png", Data: storetest.PNG(t, 800, 450)}).
			ExpectRedirect(t, "second save", path+"?done=saved")

		revs, err := f.Store.Revisions(context.Background(), id, 10)
		if err != nil || len(revs) != 2 {
			t.Fatalf("revisions: %d, %v", len(revs), err)
		}
		r = servertest.GetPage(t, f, editor, fmt.Sprintf("%s/revisions/%d", path, revs[0].ID))
		r.Expect(t, http.StatusOK, "Version 2 of", "Compared with version 1: 9 words added, 2 removed; 6 other fields changed.")
		servertest.Contains(t, "the words", r.Body,
			`<h2>Headline</h2>`, `<div class="wdiff">Kelani river rises after <ins>night of </ins>rain</div>`,
			`<h2>Summary <small class="hint">(unchanged)</small></h2>`,
			`Water rose **<del>two</del><ins>three</ins> metres** overnight.`,
			"\n\nවැසි <ins>දිගටම </ins>ඇද හැලුණි.",
			// The full stop between two changes is shown inside one change.
			"\n\nமழை <del>தொடர்கிறது.</del><ins>தொடர்ந்தது. &lt;script&gt;alert(1)&lt;/script&gt;</ins></div>")
		servertest.Lacks(t, "the words", r.Body, "<script>alert(1)</script>")
		servertest.Contains(t, "the fields", r.Body,
			"<dt>Section</dt>\n  <dd><del>Local</del> → <ins>World</ins></dd>",
			// "monsoon" is the tag "Monsoon" still, written in lower case.
			"<dt>Tags</dt>\n  <dd><ins>+Floods</ins> <del>−Weather</del> </dd>",
			"<dt>Byline</dt>\n  <dd><ins>+Ruwan Reporter</ins> <del>−Eranga Editor</del> </dd>",
			"<dt>Source</dt>\n  <dd><del>Our staff</del> → <ins>Agency copy: Reuters</ins></dd>",
			"<dt>Dateline place</dt>\n  <dd><del>Galle</del> → <ins>Colombo</ins></dd>",
			"<dt>Lead image</dt>\n  <dd><del>hanwella-river.jpg</del> → <ins>flood-map.jpg</ins></dd>")
		// The slug was made from the first headline and kept.
		servertest.Lacks(t, "the fields", r.Body, "<dt>Slug (address)</dt>", "<dt>Image caption</dt>", "<dt>Edition</dt>")

		// The first version has nothing before it: all its text is new, and
		// no field is listed as changed.
		r = servertest.GetPage(t, f, editor, fmt.Sprintf("%s/revisions/%d", path, revs[1].ID))
		r.Expect(t, http.StatusOK, "Version 1 of", "The first version.")
		servertest.Contains(t, "the first version", r.Body, `<div class="wdiff"><ins>Kelani river rises after rain</ins></div>`)
		servertest.Lacks(t, "the first version", r.Body, "<dt>", "(unchanged)")
		if n := len(regexp.MustCompile(`<ins>`).FindAllString(r.Body, -1)); n != 3 {
			t.Errorf("the first version marks %d insertions, want its three texts", n)
		}
	})
}
