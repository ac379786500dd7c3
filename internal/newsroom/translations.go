package newsroom

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/web"
)

// TranslationPanel is the editor's box of an article's versions in other
// editions, with what an editor may link next.
type TranslationPanel struct {
	Versions   []store.Translation
	Candidates []store.NewsroomItem // recent articles in editions the story has no version in
}

// candidatesPerEdition bounds the link menu; older articles are linked by
// typing their number.
const candidatesPerEdition = 20

// translationPanel loads the versions of a's story and link candidates.
func (n *Newsroom) translationPanel(ctx context.Context, a news.Article) (TranslationPanel, error) {
	var p TranslationPanel
	var err error
	if p.Versions, err = n.store.Translations(ctx, a.ID); err != nil {
		return p, err
	}
	has := map[string]bool{a.Lang: true}
	for _, v := range p.Versions {
		has[v.Lang] = true
	}
	for _, ed := range n.cfg.Editions.All() {
		if has[ed.Lang] {
			continue
		}
		items, _, err := n.store.NewsroomList(ctx, store.NewsroomFilter{Lang: ed.Lang, OnlyOf: onlyOwn(ctx), Limit: candidatesPerEdition})
		if err != nil {
			return p, err
		}
		p.Candidates = append(p.Candidates, items...)
	}
	return p, nil
}

// linkTranslation links the article with another edition's version of its
// story, chosen from the menu or typed as its number.
func (n *Newsroom) linkTranslation(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	raw := strings.TrimSpace(r.PostFormValue("other_id"))
	if raw == "" {
		raw = strings.TrimSpace(r.PostFormValue("other_number"))
	}
	other, err := strconv.ParseInt(strings.TrimPrefix(raw, "#"), 10, 64)
	if err != nil || other < 1 {
		return web.BadRequest("Choose the other version from the list, or type its article number.")
	}
	if err := n.desk.LinkTranslation(r.Context(), actor(r), id, other); err != nil {
		return err
	}
	return redirect(w, r, "/newsroom/articles/"+strconv.FormatInt(id, 10), "linked")
}

// unlinkTranslation takes one version out of the story it was linked to.
func (n *Newsroom) unlinkTranslation(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	version, err := strconv.ParseInt(r.PostFormValue("article_id"), 10, 64)
	if err != nil || version < 1 {
		version = id
	}
	if err := n.desk.UnlinkTranslation(r.Context(), actor(r), version); err != nil {
		return err
	}
	return redirect(w, r, "/newsroom/articles/"+strconv.FormatInt(id, 10), "unlinked")
}
