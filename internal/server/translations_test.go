package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"dateline/internal/auth"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestNewsroomLinksTranslations: an editor links and unlinks versions from
// the editor page; a reporter may not; bad choices are explained, not 500s.
func TestNewsroomLinksTranslations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		ctx := context.Background()
		s := seedEditions(t, f)
		// Start from an unlinked Tamil version.
		editorM := newMember(t, f, auth.Editor, "Dilani Editor")
		reporterM := newMember(t, f, auth.Reporter, "Ruwan Reporter")
		editor, reporter := loginAs(t, f, editorM), loginAs(t, f, reporterM)
		if err := f.store.UnlinkTranslation(ctx, s.ta.ID, store.Change{Actor: "test", Action: "unlink"}); err != nil {
			t.Fatal(err)
		}
		linkPath := fmt.Sprintf("/newsroom/articles/%d/translations", s.en.ID)

		page := getPage(t, f, editor, fmt.Sprintf("/newsroom/articles/%d", s.en.ID))
		page.expect(t, http.StatusOK, "Versions in other editions", s.si.Headline)
		page.expect(t, http.StatusOK, "[ta] "+s.ta.Headline) // offered as a candidate

		postForm(t, f, reporter, linkPath, url.Values{"other_id": {strconv.FormatInt(s.ta.ID, 10)}}).expect(t, http.StatusForbidden)
		postForm(t, f, editor, linkPath, url.Values{"other_number": {"#" + strconv.FormatInt(s.siOnly.ID, 10)}}).
			expect(t, http.StatusBadRequest, "already has a version in that edition")
		postForm(t, f, editor, linkPath, url.Values{"other_id": {strconv.FormatInt(f.staff.ID, 10)}}).
			expect(t, http.StatusBadRequest, "same edition")
		postForm(t, f, editor, linkPath, url.Values{"other_id": {"99999999"}}).expect(t, http.StatusBadRequest, "There is no article 99999999")
		postForm(t, f, editor, linkPath, url.Values{"other_id": {"abc"}}).expect(t, http.StatusBadRequest, "article number")

		postForm(t, f, editor, linkPath, url.Values{"other_number": {strconv.FormatInt(s.ta.ID, 10)}}).
			expectRedirect(t, "link Tamil", fmt.Sprintf("/newsroom/articles/%d?done=linked", s.en.ID))
		if v, _ := f.store.Translations(ctx, s.ta.ID); len(v) != 2 {
			t.Fatalf("after linking, the Tamil version has %d others, want 2", len(v))
		}
		getPage(t, f, editor, fmt.Sprintf("/newsroom/articles/%d?done=linked", s.en.ID)).expect(t, http.StatusOK, "Linked: the versions now point readers to each other.")
		// Unlinking from the English page takes the Sinhala version out.
		postForm(t, f, editor, linkPath+"/unlink", url.Values{"article_id": {strconv.FormatInt(s.si.ID, 10)}}).
			expectRedirect(t, "unlink Sinhala", fmt.Sprintf("/newsroom/articles/%d?done=unlinked", s.en.ID))
		if v, _ := f.store.Translations(ctx, s.en.ID); len(v) != 1 || v[0].Lang != "ta" {
			t.Fatalf("after unlinking Sinhala: %+v", v)
		}
		getPage(t, f, editor, fmt.Sprintf("/newsroom/articles/%d?done=unlinked", s.en.ID)).expect(t, http.StatusOK, "Unlinked:")
		// Moving the linked Tamil article into the English edition is refused
		// with a message, and nothing is saved.
		form := openEditor(t, f, editor, s.ta.ID)
		form.Set("lang", "en")
		form.Set("action", "save")
		postForm(t, f, editor, fmt.Sprintf("/newsroom/articles/%d", s.ta.ID), form).expect(t, http.StatusBadRequest, "already has a version in the en edition")
		if got := stored(t, f, s.ta.ID); got.Lang != "ta" {
			t.Fatalf("a refused move left the article in %q", got.Lang)
		}
		// The newsroom list filters by edition.
		list := getPage(t, f, editor, "/newsroom/?lang=si")
		list.expect(t, http.StatusOK, s.si.Headline, s.siOnly.Headline)
		if strings.Contains(list.body, s.en.Headline) {
			t.Errorf("the Sinhala filter lists the English article")
		}
		getPage(t, f, editor, "/newsroom/?lang=xx").expect(t, http.StatusBadRequest, "Unknown edition")

		// The admin API does the same.
		tok := newTokenUser(t, f, auth.Editor, "API Editor")
		rep := newTokenUser(t, f, auth.Reporter, "API Reporter")
		apiPath := fmt.Sprintf("/api/v1/admin/articles/%d/translations", s.en.ID)
		f.callAdminAPI(rep.token, "POST", apiPath, map[string]any{"article_id": s.si.ID}).expect(t, "reporter links", http.StatusForbidden, "")
		f.callAdminAPI(tok.token, "POST", apiPath, map[string]any{"article_id": 0}).expect(t, "no id", http.StatusBadRequest, "article_id")
		r := f.callAdminAPI(tok.token, "POST", apiPath, map[string]any{"article_id": s.si.ID})
		r.expect(t, "API link", http.StatusOK, "")
		var out struct {
			Items []struct {
				ID   int64
				Lang string
				URL  string
			}
		}
		r.decode(t, &out)
		if len(out.Items) != 2 || out.Items[0].Lang != "si" || out.Items[0].URL != f.srv.URL+"/si"+s.si.Path() {
			t.Fatalf("API versions %+v", out.Items)
		}
		f.callAdminAPI(tok.token, "DELETE", apiPath, nil).expect(t, "API unlink", http.StatusNoContent, "")
		if v, _ := f.store.Translations(ctx, s.en.ID); len(v) != 0 {
			t.Fatalf("after the API unlinked English: %+v", v)
		}
	})
}
