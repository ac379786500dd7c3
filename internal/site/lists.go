package site

import (
	"fmt"
	"net/http"

	"dateline/internal/news"
	"dateline/internal/store"
)

// ListPage is the data of a section or tag page.
type ListPage struct {
	Layout
	Heading  string
	Kind     string // "section" or "tag"
	Intro    string
	Articles []news.Article
	Pager    Pager
	Popular  PopularLists
}

// Pager links to the neighbouring pages of a list.
type Pager struct {
	Page, Last, Total int
	Prev, Next        string // empty when there is none
}

// section lists a section's published articles, newest first.
func (s *Site) section(w http.ResponseWriter, r *http.Request) error {
	slug, err := pathSlug(r, "slug")
	if err != nil {
		return err
	}
	ed := s.edition(r)
	sec, err := s.store.SectionBySlugIn(r.Context(), slug, ed.Lang)
	if err != nil {
		return err
	}
	data := ListPage{Heading: sec.Name, Kind: "section", Intro: sec.Description}
	data.Layout = s.layout(r, sec.Name, "")
	data.Description = data.Text.T("list.section.description", "section", sec.Name, "site", s.cfg.SiteName)
	data.Current = sec.Slug
	data.FeedURL = s.absolute(ed.Path("/section/" + sec.Slug + "/rss.xml"))
	shared(w, store.PagesSection(ed.Lang, sec.ID), store.PagesPopular(ed.Lang))
	return s.list(w, r, &data, store.ListFilter{SectionID: sec.ID, Lang: ed.Lang}, "/section/"+sec.Slug)
}

// tag lists the published articles with a tag, newest first.
func (s *Site) tag(w http.ResponseWriter, r *http.Request) error {
	slug, err := pathSlug(r, "slug")
	if err != nil {
		return err
	}
	tag, err := s.store.TagBySlug(r.Context(), slug)
	if err != nil {
		return err
	}
	data := ListPage{Heading: tag.Name, Kind: "tag"}
	data.Layout = s.layout(r, tag.Name, "")
	data.Description = data.Text.T("list.tag.description", "tag", tag.Name, "site", s.cfg.SiteName)
	shared(w, store.PagesTag(tag.ID), store.PagesPopular(s.edition(r).Lang))
	return s.list(w, r, &data, store.ListFilter{TagID: tag.ID, Lang: s.edition(r).Lang}, "/tag/"+tag.Slug)
}

// list fills one page of a list and renders it; a page past the end is a 404.
// base is the list's path inside the edition.
func (s *Site) list(w http.ResponseWriter, r *http.Request, data *ListPage, f store.ListFilter, base string) error {
	s.samePage(&data.Layout, base)
	base = s.edition(r).Path(base)
	page, err := pageNumber(r)
	if err != nil {
		return err
	}
	f.Limit, f.Offset = perPage, (page-1)*perPage
	total, err := s.store.PublishedCount(r.Context(), f)
	if err != nil {
		return err
	}
	last := lastPage(total)
	if page > last {
		return pastEnd(last, page)
	}
	articles, err := s.store.PublishedList(r.Context(), f)
	if err != nil {
		return err
	}
	data.Articles = articles
	data.Popular = s.popular(r.Context(), f.Lang)
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
	return s.page(w, http.StatusOK, "list", data)
}

func pageURL(base string, page int) string {
	if page <= 1 {
		return base
	}
	return fmt.Sprintf("%s?page=%d", base, page)
}
