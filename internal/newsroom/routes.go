package newsroom

import "net/http"

// Register adds every newsroom route to mux. Everything but signing in and
// the first-run setup needs a session; each handler checks the role.
func (n *Newsroom) Register(mux *http.ServeMux) {
	mux.Handle("GET /newsroom/login", n.handle(n.loginForm))
	mux.Handle("POST /newsroom/login", n.handle(smallForm(n.login)))
	mux.Handle("GET /newsroom/setup", n.handle(n.setupForm))
	mux.Handle("POST /newsroom/setup", n.handle(smallForm(n.setup)))
	mux.Handle("POST /newsroom/logout", n.authed(n.logout))

	mux.Handle("GET /newsroom/{$}", n.authed(n.articles))
	mux.Handle("GET /newsroom/articles/new", n.authed(n.newArticle))
	mux.Handle("POST /newsroom/articles", n.authed(n.saveArticle))
	mux.Handle("GET /newsroom/articles/{id}", n.authed(n.editArticle))
	mux.Handle("POST /newsroom/articles/{id}", n.authed(n.saveArticle))
	mux.Handle("GET /newsroom/articles/{id}/latest", n.authed(n.openLatest("/newsroom/articles/", "articles")))
	mux.Handle("POST /newsroom/articles/{id}/corrections", n.authed(n.correct))
	mux.Handle("POST /newsroom/articles/{id}/delete", n.authed(n.deleteArticle))
	mux.Handle("GET /newsroom/articles/{id}/revisions", n.authed(n.revisions))
	mux.Handle("GET /newsroom/articles/{id}/revisions/{rev}", n.authed(n.revision))
	mux.Handle("POST /newsroom/articles/{id}/revisions/{rev}/restore", n.authed(n.restore))
	mux.Handle("POST /newsroom/preview", n.fetched(n.preview))
	mux.Handle("POST /newsroom/articles/{id}/preview", n.fetched(n.preview))

	mux.Handle("GET /newsroom/videos", n.authed(n.videos))
	mux.Handle("GET /newsroom/videos/new", n.authed(n.newVideo))
	mux.Handle("POST /newsroom/videos", n.authed(n.saveVideo))
	mux.Handle("GET /newsroom/videos/{id}", n.authed(n.editVideo))
	mux.Handle("POST /newsroom/videos/{id}", n.authed(n.saveVideo))
	mux.Handle("GET /newsroom/videos/{id}/latest", n.authed(n.openLatest("/newsroom/videos/", "videos")))
	mux.Handle("POST /newsroom/videos/{id}/delete", n.authed(n.deleteVideo))
	mux.Handle("GET /newsroom/videos/{id}/file", n.authed(n.videoFile))
	mux.Handle("GET /newsroom/media/{id}/{variant}/{name}", n.authed(n.media))
	mux.Handle("GET /newsroom/programmes", n.authed(n.programmes))
	mux.Handle("POST /newsroom/programmes", n.authed(n.saveProgramme))
	mux.Handle("POST /newsroom/programmes/{id}", n.authed(n.saveProgramme))
	mux.Handle("POST /newsroom/programmes/{id}/slots", n.authed(n.addSlot))

	mux.Handle("GET /newsroom/comments", n.authed(n.queue))
	mux.Handle("POST /newsroom/comments/bulk", n.authed(n.decideMany))
	mux.Handle("POST /newsroom/comments/undo", n.authed(n.undo))
	mux.Handle("GET /newsroom/comments/bans", n.authed(n.bans))
	mux.Handle("POST /newsroom/comments/bans/{id}/lift", n.authed(n.liftBan))
	mux.Handle("POST /newsroom/comments/{id}/{decision}", n.authed(n.decideOne))
	mux.Handle("GET /newsroom/settings/comments", n.authed(n.policy))
	mux.Handle("POST /newsroom/settings/comments", n.authed(n.savePolicy))
	mux.Handle("POST /newsroom/articles/{id}/comment-mode", n.authed(n.setCommentMode))
	mux.Handle("POST /newsroom/articles/{id}/video", n.authed(n.setArticleVideo))
	mux.Handle("POST /newsroom/articles/{id}/translations", n.authed(n.linkTranslation))
	mux.Handle("POST /newsroom/articles/{id}/translations/unlink", n.authed(n.unlinkTranslation))

	mux.Handle("GET /newsroom/dashboard", n.authed(n.dashboard))
	mux.Handle("GET /newsroom/audit", n.authed(n.audit))
	mux.Handle("GET /newsroom/staff", n.authed(n.staff))
	mux.Handle("POST /newsroom/staff", n.authed(n.addStaff))
	mux.Handle("POST /newsroom/staff/{id}", n.authed(n.updateStaff))
	mux.Handle("POST /newsroom/staff/{id}/reset", n.authed(n.resetPassword))
	mux.Handle("GET /newsroom/sections", n.authed(n.sections))
	mux.Handle("POST /newsroom/sections", n.authed(n.saveSection))
	mux.Handle("POST /newsroom/sections/{id}", n.authed(n.saveSection))
	mux.Handle("POST /newsroom/sections/{id}/names", n.authed(n.saveSectionNames))
	mux.Handle("POST /newsroom/tags/{id}", n.authed(n.renameTag))

	mux.Handle("GET /newsroom/account", n.authed(n.account))
	mux.Handle("POST /newsroom/account/password", n.authed(n.changePassword))
	mux.Handle("POST /newsroom/tokens", n.authed(n.createToken))
	mux.Handle("POST /newsroom/tokens/{id}/revoke", n.authed(n.revokeToken))

	// Unknown newsroom addresses: the newsroom's own 404, after sign-in.
	mux.Handle("/newsroom/", n.authed(func(w http.ResponseWriter, r *http.Request) error {
		return notFound
	}))
}
