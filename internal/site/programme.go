package site

import (
	"net/http"

	"dateline/internal/news"
	"dateline/internal/store"
)

// ProgrammePage is the data of a programme's page: what it is, when it airs
// and its episodes, newest air date first.
type ProgrammePage struct {
	Layout
	Programme news.Programme
	Episodes  []VideoCard
	Pager     Pager
}

// programme shows a programme and one page of its published episodes.
func (s *Site) programme(w http.ResponseWriter, r *http.Request) error {
	slug, err := pathSlug(r, "slug")
	if err != nil {
		return err
	}
	page, err := pageNumber(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	p, err := s.store.ProgrammeBySlug(ctx, slug)
	if err != nil {
		return err
	}
	if p.Lang != s.edition(r).Lang {
		return s.wrongEdition(w, r, p.Lang, p.Path())
	}
	list, total, err := s.store.ProgrammeEpisodes(ctx, p.ID, perPage, (page-1)*perPage)
	if err != nil {
		return err
	}
	last := lastPage(total)
	if page > last {
		return pastEnd(last, page)
	}
	data := ProgrammePage{Programme: p, Episodes: s.videoCards(list)}
	data.Layout = s.layout(r, p.Name, p.Description)
	if data.Description == "" {
		data.Description = data.Text.T("programme.description", "programme", p.Name, "site", s.cfg.SiteName)
	}
	desc := data.Description
	data.Current = videoNav
	data.FeedURL = s.absolute(s.href(p.Lang, "/video/rss.xml"))
	base := s.href(p.Lang, p.Path())
	data.Pager = Pager{Page: page, Last: last, Total: total}
	if page > 1 {
		data.Pager.Prev = pageURL(base, page-1)
	}
	if page < last {
		data.Pager.Next = pageURL(base, page+1)
	}
	data.Canonical = s.absolute(pageURL(base, page))
	if page > 1 {
		data.Title = data.Text.T("list.title_page", "title", data.Title, "page", page)
	}
	data.OpenGraph = &OpenGraph{Type: "website", Title: p.Name, Description: desc, URL: data.Canonical}
	shared(w, store.PagesVideos)
	return s.page(w, http.StatusOK, "programme", data)
}
