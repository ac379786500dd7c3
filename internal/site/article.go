package site

import (
	"net/http"
	"strings"
	"time"

	"dateline/internal/news"
)

// ArticlePage is the data of the article template.
type ArticlePage struct {
	Layout
	Article news.Article
	Related []news.Article
	Popular PopularLists
}

// relatedCount is how many same-section stories the article page lists.
const relatedCount = 5

// articleRedirect sends /news/{id} to the canonical address.
func (s *Site) articleRedirect(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a, err := s.store.PublishedArticle(r.Context(), id)
	if err != nil {
		return err
	}
	http.Redirect(w, r, a.Path(), http.StatusMovedPermanently)
	return nil
}

// article shows one published article. A wrong slug redirects to the
// canonical address; an unknown or unpublished id is a 404.
func (s *Site) article(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	a, err := s.store.PublishedArticle(ctx, id)
	if err != nil {
		return err
	}
	if r.PathValue("slug") != a.Slug {
		http.Redirect(w, r, a.Path(), http.StatusMovedPermanently)
		return nil
	}
	related, err := s.store.Related(ctx, a, relatedCount)
	if err != nil {
		return err
	}
	data := ArticlePage{Layout: s.layout(r, a.Headline, a.Summary), Article: a, Related: related}
	data.Canonical = s.absolute(a.Path())
	data.Current = a.Section.Slug
	data.Lang = a.Lang
	data.FeedURL = s.absolute("/section/" + a.Section.Slug + "/rss.xml")
	og := &OpenGraph{
		Type: "article", Title: a.Headline, Description: a.Summary, URL: data.Canonical,
		Published: a.PublishedAt.Format(time.RFC3339), Modified: a.UpdatedAt.Format(time.RFC3339),
		Section: a.Section.Name,
	}
	for _, t := range a.Tags {
		og.Tags = append(og.Tags, t.Name)
	}
	if a.Image != nil {
		og.Image = s.absolute(mediaPath(a.Image, "card"))
		og.ImageAlt = a.ImageCaption
	}
	data.OpenGraph = og
	data.JSONLD = s.newsArticleLD(a, data.Canonical, og.Image)
	return s.page(w, http.StatusOK, "article", data)
}

// newsArticleLD is the schema.org NewsArticle description of a.
func (s *Site) newsArticleLD(a news.Article, url, image string) map[string]any {
	publisher := map[string]any{"@type": "NewsMediaOrganization", "name": s.cfg.SiteName, "url": s.cfg.BaseURL + "/"}
	var authors []map[string]any
	if a.Source.Agency {
		for _, name := range strings.Split(a.Source.Name, ",") {
			if name = strings.TrimSpace(name); name != "" {
				authors = append(authors, map[string]any{"@type": "Organization", "name": name})
			}
		}
	}
	for _, au := range a.Authors {
		authors = append(authors, map[string]any{"@type": "Person", "name": au.Name})
	}
	if len(authors) == 0 {
		authors = append(authors, map[string]any{"@type": "Organization", "name": s.cfg.SiteName})
	}
	ld := map[string]any{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         a.Headline,
		"description":      a.Summary,
		"datePublished":    a.PublishedAt.In(s.cfg.Location).Format(time.RFC3339),
		"dateModified":     a.UpdatedAt.In(s.cfg.Location).Format(time.RFC3339),
		"author":           authors,
		"publisher":        publisher,
		"mainEntityOfPage": url,
		"articleSection":   a.Section.Name,
		"inLanguage":       a.Lang,
	}
	if image != "" {
		ld["image"] = []string{image}
	}
	return ld
}
