package site

import (
	"strings"
	"time"

	"dateline/internal/news"
)

// Structured data for search engines (schema.org), marshalled by
// html/template into <script type="application/ld+json">.

// ldThing is a named schema.org object: a person or an organisation.
type ldThing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// WebSiteLD describes the site on its front page.
type WebSiteLD struct {
	Context string `json:"@context"`
	Type    string `json:"@type"`
	Name    string `json:"name"`
	URL     string `json:"url"`
}

// NewsArticleLD describes one article.
type NewsArticleLD struct {
	Context          string    `json:"@context"`
	Type             string    `json:"@type"`
	Headline         string    `json:"headline"`
	Description      string    `json:"description,omitempty"`
	DatePublished    string    `json:"datePublished"`
	DateModified     string    `json:"dateModified"`
	Author           []ldThing `json:"author"`
	Publisher        ldThing   `json:"publisher"`
	MainEntityOfPage string    `json:"mainEntityOfPage"`
	ArticleSection   string    `json:"articleSection"`
	InLanguage       string    `json:"inLanguage"`
	Image            []string  `json:"image,omitempty"`
}

func (s *Site) websiteLD() WebSiteLD {
	return WebSiteLD{Context: "https://schema.org", Type: "WebSite", Name: s.cfg.SiteName, URL: s.cfg.BaseURL + "/"}
}

// newsArticleLD credits agency copy to the agency (Organization) and staff
// copy to its authors (Person), falling back to the publication itself.
func (s *Site) newsArticleLD(a news.Article, url, image string) NewsArticleLD {
	ld := NewsArticleLD{
		Context: "https://schema.org", Type: "NewsArticle",
		Headline: a.Headline, Description: a.Summary,
		DatePublished:    a.PublishedAt.In(s.cfg.Location).Format(time.RFC3339),
		DateModified:     a.UpdatedAt.In(s.cfg.Location).Format(time.RFC3339),
		Publisher:        ldThing{Type: "NewsMediaOrganization", Name: s.cfg.SiteName, URL: s.cfg.BaseURL + "/"},
		MainEntityOfPage: url, ArticleSection: a.Section.Name, InLanguage: a.Lang,
	}
	if a.Source.Agency {
		for _, name := range strings.Split(a.Source.Name, ",") {
			if name = strings.TrimSpace(name); name != "" {
				ld.Author = append(ld.Author, ldThing{Type: "Organization", Name: name})
			}
		}
	}
	for _, au := range a.Authors {
		ld.Author = append(ld.Author, ldThing{Type: "Person", Name: au.Name})
	}
	if len(ld.Author) == 0 {
		ld.Author = append(ld.Author, ldThing{Type: "Organization", Name: s.cfg.SiteName})
	}
	if image != "" {
		ld.Image = []string{image}
	}
	return ld
}
