package server_test

import (
	"net/http"
	"strings"
	"testing"

	"dateline/internal/auth"
	"dateline/internal/news"
	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// TestCostlyMarkdownIsRefusedNotRendered: Markdown that would pin a CPU in
// the renderer (markup.ErrTooComplex) is an input problem at every door: a
// save shows the editor again with the reason and the text kept, the admin
// API answers 400, and the live preview shows a note in place of the body.
// A body longer than a save accepts is not previewed at all (413).
func TestCostlyMarkdownIsRefusedNotRendered(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		reporter := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter"))
		editor := servertest.NewTokenUser(t, f, auth.Editor, "Esha Editor")
		opened := strings.Repeat("[a](", 40000) // 58 s in goldmark before the limits
		quotes := "Intro.\n\n" + strings.Repeat("> ", 20000) + "deep"

		save := servertest.PostMultipart(t, f, reporter, "/newsroom/articles", servertest.StoryForm(f, "Links left open", opened))
		save.Expect(t, http.StatusBadRequest, "Line 1 of the body has more than 32 links or images", "Links left open", "[a]([a]([a](")

		story := servertest.NewStory("")
		story["body_markdown"] = quotes
		f.CallAdminAPI(editor.Token, "POST", "/api/v1/admin/articles", story).
			Expect(t, "create with deep quotes", http.StatusBadRequest, "Line 3 of the body nests block quotes 11 deep")

		form := servertest.StoryForm(f, "Quotes in quotes", quotes)
		preview := servertest.PostForm(t, f, reporter, "/newsroom/preview", form)
		preview.Expect(t, http.StatusOK, "Preview, not saved", "The body is not shown: Line 3 of the body nests block quotes 11 deep")
		servertest.Lacks(t, "preview of deep quotes", preview.Body, "<blockquote")

		form.Set("body", strings.Repeat("a", news.MaxBody+1))
		servertest.PostForm(t, f, reporter, "/newsroom/preview", form).Expect(t, http.StatusRequestEntityTooLarge, "an article holds at most 200000")
		form.Set("body", strings.Repeat("a", news.MaxBody))
		servertest.PostForm(t, f, reporter, "/newsroom/preview", form).Expect(t, http.StatusOK, "Preview, not saved")
	})
}
