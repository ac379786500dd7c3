package site

import (
	"net/http"

	"dateline/internal/news"
	"dateline/internal/store"
)

// FrontPage is the data of the front page.
type FrontPage struct {
	Layout
	Lead    *news.Article
	Latest  []news.Article
	Blocks  []SectionBlock
	Popular PopularLists
}

// SectionBlock is one section's latest stories on the front page.
type SectionBlock struct {
	Section  news.Section
	Articles []news.Article
}

const (
	frontLatest     = 8
	frontPerSection = 4
)

// front shows the lead story (the newest with a picture, else the newest),
// the latest stories, and each section's newest.
func (s *Site) front(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ed := s.edition(r)
	latest, err := s.store.PublishedList(ctx, store.ListFilter{Lang: ed.Lang, Limit: frontLatest + 1})
	if err != nil {
		return err
	}
	data := FrontPage{Layout: s.layout(r, "", ""), Popular: s.popular(ctx, ed.Lang)}
	s.samePage(&data.Layout, "/")
	data.Title = s.cfg.SiteName
	data.Description = data.Text.T("front.description", "site", s.cfg.SiteName)
	data.OpenGraph = &OpenGraph{Type: "website", Title: s.cfg.SiteName, Description: data.Description, URL: data.Canonical}
	data.JSONLD = s.websiteLD()
	lead := 0
	for i, a := range latest {
		if a.Image != nil {
			lead = i
			break
		}
	}
	if len(latest) > 0 {
		data.Lead = &latest[lead]
		data.Latest = append(append([]news.Article{}, latest[:lead]...), latest[lead+1:]...)
	}
	shown := map[int64]bool{}
	for _, a := range latest {
		shown[a.ID] = true
	}
	for _, sec := range data.Layout.Sections {
		list, err := s.store.PublishedList(ctx, store.ListFilter{SectionID: sec.ID, Lang: ed.Lang, Limit: frontPerSection + frontLatest})
		if err != nil {
			return err
		}
		block := SectionBlock{Section: sec}
		for _, a := range list {
			if !shown[a.ID] && len(block.Articles) < frontPerSection {
				block.Articles = append(block.Articles, a)
			}
		}
		if len(block.Articles) > 0 {
			data.Blocks = append(data.Blocks, block)
		}
	}
	shared(w, store.PagesFront(ed.Lang), store.PagesPopular(ed.Lang))
	return s.page(w, http.StatusOK, "front", data)
}

// notFound answers every unknown address with the 404 page.
func (s *Site) notFound(w http.ResponseWriter, r *http.Request) error {
	return fail(http.StatusNotFound, "error.no_route")
}
