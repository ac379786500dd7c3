package newsroom_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"dateline/internal/auth"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestNewsroomLinksTranslations: an editor links and unlinks versions from
// the editor page; a reporter may not; bad choices are explained, not 500s.
func TestNewsroomLinksTranslations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		ctx := context.Background()
		s := servertest.SeedEditions(t, f)
		// Start from an unlinked Tamil version.
		editorM := servertest.NewMember(t, f, auth.Editor, "Dilani Editor")
		reporterM := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		editor, reporter := servertest.LoginAs(t, f, editorM), servertest.LoginAs(t, f, reporterM)
		if err := f.Store.UnlinkTranslation(ctx, s.TA.ID, store.Change{Actor: "test", Action: "unlink"}); err != nil {
			t.Fatal(err)
		}
		linkPath := fmt.Sprintf("/newsroom/articles/%d/translations", s.EN.ID)

		page := servertest.GetPage(t, f, editor, fmt.Sprintf("/newsroom/articles/%d", s.EN.ID))
		page.Expect(t, http.StatusOK, "Versions in other editions", s.SI.Headline)
		page.Expect(t, http.StatusOK, "[ta] "+s.TA.Headline) // offered as a candidate

		servertest.PostForm(t, f, reporter, linkPath, url.Values{"other_id": {strconv.FormatInt(s.TA.ID, 10)}}).Expect(t, http.StatusForbidden)
		servertest.PostForm(t, f, editor, linkPath, url.Values{"other_number": {"#" + strconv.FormatInt(s.SIOnly.ID, 10)}}).
			Expect(t, http.StatusBadRequest, "already has a version in that edition")
		servertest.PostForm(t, f, editor, linkPath, url.Values{"other_id": {strconv.FormatInt(f.Staff.ID, 10)}}).
			Expect(t, http.StatusBadRequest, "same edition")
		servertest.PostForm(t, f, editor, linkPath, url.Values{"other_id": {"99999999"}}).Expect(t, http.StatusBadRequest, "There is no article 99999999")
		servertest.PostForm(t, f, editor, linkPath, url.Values{"other_id": {"abc"}}).Expect(t, http.StatusBadRequest, "article number")

		servertest.PostForm(t, f, editor, linkPath, url.Values{"other_number": {strconv.FormatInt(s.TA.ID, 10)}}).
			ExpectRedirect(t, "link Tamil", fmt.Sprintf("/newsroom/articles/%d?done=linked", s.EN.ID))
		if v, _ := f.Store.Translations(ctx, s.TA.ID); len(v) != 2 {
			t.Fatalf("after linking, the Tamil version has %d others, want 2", len(v))
		}
		servertest.GetPage(t, f, editor, fmt.Sprintf("/newsroom/articles/%d?done=linked", s.EN.ID)).Expect(t, http.StatusOK, "Linked: the versions now point readers to each other.")
		// Unlinking from the English page takes the Sinhala version out.
		servertest.PostForm(t, f, editor, linkPath+"/unlink", url.Values{"article_id": {strconv.FormatInt(s.SI.ID, 10)}}).
			ExpectRedirect(t, "unlink Sinhala", fmt.Sprintf("/newsroom/articles/%d?done=unlinked", s.EN.ID))
		if v, _ := f.Store.Translations(ctx, s.EN.ID); len(v) != 1 || v[0].Lang != "ta" {
			t.Fatalf("after unlinking Sinhala: %+v", v)
		}
		servertest.GetPage(t, f, editor, fmt.Sprintf("/newsroom/articles/%d?done=unlinked", s.EN.ID)).Expect(t, http.StatusOK, "Unlinked:")
		// Moving the linked Tamil article into the English edition is refused
		// with a message, and nothing is saved.
		form := servertest.OpenEditor(t, f, editor, s.TA.ID)
		form.Set("lang", "en")
		form.Set("action", "save")
		servertest.PostForm(t, f, editor, fmt.Sprintf("/newsroom/articles/%d", s.TA.ID), form).Expect(t, http.StatusBadRequest, "already has a version in the en edition")
		if got := servertest.Stored(t, f, s.TA.ID); got.Lang != "ta" {
			t.Fatalf("a refused move left the article in %q", got.Lang)
		}
		// The newsroom list filters by edition.
		list := servertest.GetPage(t, f, editor, "/newsroom/?lang=si")
		list.Expect(t, http.StatusOK, s.SI.Headline, s.SIOnly.Headline)
		if strings.Contains(list.Body, s.EN.Headline) {
			t.Errorf("the Sinhala filter lists the English article")
		}
		servertest.GetPage(t, f, editor, "/newsroom/?lang=xx").Expect(t, http.StatusBadRequest, "Unknown edition")

		// The admin API does the same.
		tok := servertest.NewTokenUser(t, f, auth.Editor, "API Editor")
		rep := servertest.NewTokenUser(t, f, auth.Reporter, "API Reporter")
		apiPath := fmt.Sprintf("/api/v1/admin/articles/%d/translations", s.EN.ID)
		f.CallAdminAPI(rep.Token, "POST", apiPath, map[string]any{"article_id": s.SI.ID}).Expect(t, "reporter links", http.StatusForbidden, "")
		f.CallAdminAPI(tok.Token, "POST", apiPath, map[string]any{"article_id": 0}).Expect(t, "no id", http.StatusBadRequest, "article_id")
		r := f.CallAdminAPI(tok.Token, "POST", apiPath, map[string]any{"article_id": s.SI.ID})
		r.Expect(t, "API link", http.StatusOK, "")
		var out struct {
			Items []struct {
				ID   int64
				Lang string
				URL  string
			}
		}
		r.Decode(t, &out)
		if len(out.Items) != 2 || out.Items[0].Lang != "si" || out.Items[0].URL != f.Srv.URL+"/si"+s.SI.Path() {
			t.Fatalf("API versions %+v", out.Items)
		}
		f.CallAdminAPI(tok.Token, "DELETE", apiPath, nil).Expect(t, "API unlink", http.StatusNoContent, "")
		if v, _ := f.Store.Translations(ctx, s.EN.ID); len(v) != 0 {
			t.Fatalf("after the API unlinked English: %+v", v)
		}
	})
}
