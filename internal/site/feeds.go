package site

import (
	"bytes"
	"net/http"
	"strconv"

	"dateline/internal/feed"
	"dateline/internal/news"
	"dateline/internal/store"
)

// feedItems is how many stories an RSS feed carries.
const feedItems = 50

// siteFeed is the RSS feed of the latest stories from every section.
func (s *Site) siteFeed(w http.ResponseWriter, r *http.Request) error {
	ed := s.edition(r)
	shared(w, store.PagesFeeds(ed.Lang))
	return s.rss(w, r, store.ListFilter{Lang: ed.Lang, Limit: feedItems, WithLinks: true},
		s.cfg.SiteName, ed.Home(), s.textFor(r).T("feed.description", "site", s.cfg.SiteName), ed.Path("/rss.xml"))
}

// sectionFeed is the RSS feed of one section.
func (s *Site) sectionFeed(w http.ResponseWriter, r *http.Request) error {
	slug, err := pathSlug(r, "slug")
	if err != nil {
		return err
	}
	ed := s.edition(r)
	sec, err := s.store.SectionBySlugIn(r.Context(), slug, ed.Lang)
	if err != nil {
		return err
	}
	shared(w, store.PagesSection(ed.Lang, sec.ID))
	return s.rss(w, r, store.ListFilter{SectionID: sec.ID, Lang: ed.Lang, Limit: feedItems, WithLinks: true},
		sec.Name+" | "+s.cfg.SiteName, ed.Path("/section/"+sec.Slug), s.textFor(r).T("feed.section_description", "section", sec.Name, "site", s.cfg.SiteName),
		ed.Path("/section/"+sec.Slug+"/rss.xml"))
}

func (s *Site) rss(w http.ResponseWriter, r *http.Request, f store.ListFilter, title, link, desc, self string) error {
	list, err := s.store.PublishedList(r.Context(), f)
	if err != nil {
		return err
	}
	ch := feed.Channel{Title: title, Link: s.absolute(link), Description: desc, Language: s.textFor(r).Lang(), SelfURL: s.absolute(self)}
	for _, a := range list {
		ch.Items = append(ch.Items, s.feedItem(a))
		if a.UpdatedAt.After(ch.Updated) {
			ch.Updated = a.UpdatedAt
		}
	}
	var buf bytes.Buffer
	if err := feed.WriteRSS(&buf, ch); err != nil {
		return err
	}
	return writeXML(w, "application/rss+xml; charset=utf-8", buf.Bytes())
}

// feedItem describes an article in a feed. The guid is the canonical URL,
// which never changes because ids are stable and the slug redirects.
func (s *Site) feedItem(a news.Article) feed.Item {
	link := s.absolute(s.href(a.Lang, a.Path()))
	it := feed.Item{
		Title: a.Headline, Link: link, GUID: s.absolute(s.href(a.Lang, "/news/"+strconv.FormatInt(a.ID, 10))),
		Description: a.Summary, Published: a.PublishedAt.In(s.cfg.Location),
		Categories: []string{a.Section.Name},
	}
	for _, au := range a.Authors {
		it.Authors = append(it.Authors, au.Name)
	}
	if a.Source.Agency {
		it.Authors = append(it.Authors, a.Source.Name)
	}
	for _, t := range a.Tags {
		it.Categories = append(it.Categories, t.Name)
	}
	return it
}

func writeXML(w http.ResponseWriter, ctype string, body []byte) error {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	_, err := w.Write(body)
	return err
}
