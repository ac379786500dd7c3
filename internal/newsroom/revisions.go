package newsroom

import (
	"net/http"
	"strconv"

	"dateline/internal/auth"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/web"
)

// RevisionsData is the data of an article's revision list.
type RevisionsData struct {
	Frame
	Article   news.Article
	Revisions []store.Revision
}

// RevisionData compares one revision with the one before it: its texts
// word by word, and its other fields (section, tags, image, source and the
// rest) where they changed.
type RevisionData struct {
	Frame
	Article  news.Article
	Revision store.Revision
	Previous *store.Revision
	Diff     Changes
}

const revisionsShown = 200

// canSee allows the revision pages to those who may edit or publish the article.
func canSee(r *http.Request, a news.Article) error {
	me := actor(r)
	if auth.CanView(me.Role(), me.Account.ID, auth.ArticleRef{OwnerID: a.OwnerID, Status: a.Status}) {
		return nil
	}
	return &web.Error{Status: http.StatusForbidden, Message: "Your role does not allow you to see this article's history."}
}

// historyOf loads the article named in the path, if the member may see its history.
func (n *Newsroom) historyOf(r *http.Request) (news.Article, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return news.Article{}, err
	}
	a, err := n.store.Article(r.Context(), id)
	if err != nil {
		return a, err
	}
	return a, canSee(r, a)
}

func (n *Newsroom) revisions(w http.ResponseWriter, r *http.Request) error {
	a, err := n.historyOf(r)
	if err != nil {
		return err
	}
	revs, err := n.store.Revisions(r.Context(), a.ID, revisionsShown)
	if err != nil {
		return err
	}
	return n.page(w, http.StatusOK, "revisions", RevisionsData{Frame: n.frame(r, "History: "+a.Headline, "articles"), Article: a, Revisions: revs})
}

func (n *Newsroom) revision(w http.ResponseWriter, r *http.Request) error {
	a, err := n.historyOf(r)
	if err != nil {
		return err
	}
	revID, err := pathID(r, "rev")
	if err != nil {
		return err
	}
	id := a.ID
	rev, err := n.store.Revision(r.Context(), id, revID)
	if err != nil {
		return err
	}
	data := RevisionData{Frame: n.frame(r, "Revision "+strconv.Itoa(rev.Version), "articles"), Article: a, Revision: rev}
	// The revision before this one is the next older in the list.
	revs, err := n.store.Revisions(r.Context(), id, revisionsShown)
	if err != nil {
		return err
	}
	var prev store.Revision
	for i, x := range revs {
		if x.ID == rev.ID && i+1 < len(revs) {
			prev = revs[i+1]
			data.Previous = &prev
		}
	}
	sections, err := n.store.Sections(r.Context())
	if err != nil {
		return err
	}
	staff, err := n.store.Accounts(r.Context())
	if err != nil {
		return err
	}
	nm := newNames(n.store, n.cfg.Location, sections, staff)
	this, err := nm.ofRevision(r.Context(), rev)
	if err != nil {
		return err
	}
	before := articleVersion{} // the first version: all its text is new
	if data.Previous != nil {
		if before, err = nm.ofRevision(r.Context(), prev); err != nil {
			return err
		}
	}
	data.Diff = compareArticles(before, this)
	if data.Previous == nil {
		data.Diff.Fields = nil // every field is "new": nothing to compare
	}
	return n.page(w, http.StatusOK, "revision", data)
}

func (n *Newsroom) restore(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	revID, err := pathID(r, "rev")
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	// On a published story a restore replaces what readers see at once:
	// ask first. (The desk checks the member may restore at all.)
	if r.PostFormValue("confirm") != "yes" {
		a, err := n.store.Article(r.Context(), id)
		if err != nil {
			return err
		}
		if a.Status == news.StatusPublished && auth.CanView(auth.Role(actor(r).Account.Role), actor(r).Account.ID, auth.ArticleRef{OwnerID: a.OwnerID, Status: a.Status}) {
			back := "/newsroom/articles/" + strconv.FormatInt(id, 10) + "/revisions/" + strconv.FormatInt(revID, 10)
			return n.page(w, http.StatusOK, "message", MessageData{Frame: n.frame(r, "Restore this version?", "articles"), Status: http.StatusOK,
				Heading: "Replace the published text of “" + a.Headline + "”?",
				Message: "This story is published. Restoring the old version replaces what readers see now, at once. " +
					"The text it replaces stays in the history and can be restored in turn.",
				Confirm: &Confirmation{Action: r.URL.Path, Fields: []Field{{"version", strconv.Itoa(version)}},
					Button: "Restore and publish this version", Cancel: back}})
		}
	}
	if _, err := n.desk.Articles.Restore(r.Context(), actor(r), id, revID, version); err != nil {
		return err
	}
	return redirect(w, r, "/newsroom/articles/"+strconv.FormatInt(id, 10), "restored")
}

func (n *Newsroom) correct(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := n.desk.Correct(r.Context(), actor(r), id, news.CorrectionKind(r.PostFormValue("kind")), r.PostFormValue("body")); err != nil {
		return err
	}
	return redirect(w, r, "/newsroom/articles/"+strconv.FormatInt(id, 10), "corrected")
}

func (n *Newsroom) deleteArticle(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := n.desk.Articles.Delete(r.Context(), actor(r), id); err != nil {
		return err
	}
	return redirect(w, r, "/newsroom/", "deleted")
}
