package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/news"
	"dateline/internal/servertest"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

// TestMediaOnlyForPublishedStories walks image ids as a stranger would: only
// the images published stories show answer, a wrong name never reveals the
// right one, a replaced image and an unpublished story's image are gone at
// once, and staff see their drafts' images at the newsroom's address.
func TestMediaOnlyForPublishedStories(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		ctx := context.Background()
		st := f.Store
		ch := store.Change{Actor: "test", Action: "save"}
		image := func(name string) news.Image {
			t.Helper()
			img, err := desk.SaveImage(ctx, st, name, storetest.PNG(t, 640, 360))
			if err != nil {
				t.Fatal(err)
			}
			return img
		}
		owner := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		other := servertest.NewMember(t, f, auth.Reporter, "Sunil Reporter")

		// A reporter's draft with a picture nobody outside may see.
		secret := image("minister-resigns-embargoed.png")
		draft := servertest.SeedOwned(t, f, owner.ID, news.StatusDraft, "Minister to resign")
		draft.Image = &secret
		if err := st.UpdateArticle(ctx, &draft, ch); err != nil {
			t.Fatal(err)
		}
		// A published story whose picture was replaced: the old one goes.
		old, current := image("first-picture.png"), image("second-picture.png")
		swapped := servertest.SeedOwned(t, f, owner.ID, news.StatusPublished, "Picture changed")
		swapped.Image = &old
		if err := st.UpdateArticle(ctx, &swapped, ch); err != nil {
			t.Fatal(err)
		}
		swapped.Image = &current
		if err := st.UpdateArticle(ctx, &swapped, ch); err != nil {
			t.Fatal(err)
		}
		// Video stills: a draft's is hidden, a published story's is shown.
		draftStill, shownStill := image("draft-still.png"), image("shown-still.png")
		for _, v := range []news.Video{
			{Title: "Draft clip", Status: news.StatusDraft, Thumbnail: &draftStill},
			{Title: "Shown clip", Status: news.StatusPublished, Thumbnail: &shownStill, PublishedAt: time.Now().Add(-time.Hour).UTC()},
		} {
			v.CustomTitle, v.Provider, v.ProviderID, v.Lang = true, "youtube", ytID, "en"
			if err := st.CreateVideo(ctx, &v, ch); err != nil {
				t.Fatal(err)
			}
		}

		public := map[int64]bool{f.Lead.Image.ID: true, current.ID: true, shownStill.ID: true}
		for id := int64(1); id <= shownStill.ID+2; id++ {
			for _, name := range []string{"x.jpg", "minister-resigns-embargoed.jpg"} {
				path := fmt.Sprintf("/media/%d/page/%s", id, name)
				resp, _ := f.Get(path)
				if resp.StatusCode != http.StatusNotFound || resp.Header.Get("Location") != "" {
					t.Errorf("GET %s: %d Location %q; want 404 and no Location", path, resp.StatusCode, resp.Header.Get("Location"))
				}
			}
		}
		for _, img := range []news.Image{secret, old, draftStill} {
			for _, v := range []string{"page", "card", "thumb"} {
				if resp, _ := f.Get(img.Path(v)); resp.StatusCode != http.StatusNotFound {
					t.Errorf("GET %s (no published story shows it): %d, want 404", img.Path(v), resp.StatusCode)
				}
			}
		}
		for _, img := range []news.Image{*f.Lead.Image, current, shownStill} {
			if !public[img.ID] {
				t.Fatalf("image %d should be public", img.ID)
			}
			resp, body := f.Get(img.Path("thumb"))
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/jpeg" || len(body) == 0 {
				t.Errorf("GET %s: %d %s, want the image", img.Path("thumb"), resp.StatusCode, resp.Header.Get("Content-Type"))
			}
		}

		// Staff: the owner sees the draft's picture in the editor, privately.
		c := servertest.LoginAs(t, f, owner)
		editor := servertest.GetPage(t, f, c, fmt.Sprintf("/newsroom/articles/%d", draft.ID))
		staffPath := "/newsroom" + secret.Path("thumb")
		editor.Expect(t, http.StatusOK, staffPath)
		r := servertest.GetPage(t, f, c, staffPath)
		if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "image/jpeg" || r.Header.Get("Cache-Control") != "private, no-store" {
			t.Errorf("GET %s as the owner: %d %s %q", staffPath, r.Status, r.Header.Get("Content-Type"), r.Header.Get("Cache-Control"))
		}
		for _, p := range []string{fmt.Sprintf("/newsroom/media/%d/thumb/x.jpg", secret.ID), "/newsroom" + old.Path("thumb")} {
			if r := servertest.GetPage(t, f, c, p); r.Status != http.StatusNotFound || r.Header.Get("Location") != "" {
				t.Errorf("GET %s as the owner: %d Location %q, want 404", p, r.Status, r.Header.Get("Location"))
			}
		}
		// A reporter who may not open the draft gets nothing; a stranger
		// is sent to sign in.
		if r := servertest.GetPage(t, f, servertest.LoginAs(t, f, other), staffPath); r.Status != http.StatusNotFound {
			t.Errorf("GET %s as another reporter: %d, want 404", staffPath, r.Status)
		}
		if resp, _ := f.Get(staffPath); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/newsroom/login") {
			t.Errorf("GET %s signed out: %d %q, want the sign-in page", staffPath, resp.StatusCode, resp.Header.Get("Location"))
		}

		// Unpublishing the lead story takes its picture down at once.
		lead := f.Lead
		lead.Status = news.StatusUnpublished
		if err := st.UpdateArticle(ctx, &lead, ch); err != nil {
			t.Fatal(err)
		}
		if resp, _ := f.Get(f.Lead.Image.Path("page")); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s after unpublishing: %d, want 404", f.Lead.Image.Path("page"), resp.StatusCode)
		}
	})
}
