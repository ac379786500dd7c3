package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"dateline/internal/markup"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/web"
)

// Article is the JSON form of a published article.
type Article struct {
	ID           int64     `json:"id"`
	Headline     string    `json:"headline"`
	Slug         string    `json:"slug"`
	URL          string    `json:"url"`
	Summary      string    `json:"summary"`
	BodyHTML     string    `json:"body_html"`
	BodyMarkdown string    `json:"body_markdown"`
	Section      Named     `json:"section"`
	Tags         []Named   `json:"tags"`
	Authors      []Named   `json:"authors"`
	Source       Source    `json:"source"`
	Place        string    `json:"place"`
	Lang         string    `json:"lang"`
	Image        *Image    `json:"image"`
	PublishedAt  time.Time `json:"published_at"`
	UpdatedAt    time.Time `json:"updated_at"`
	// Translations are the published versions of the story in other
	// editions; only the single-article answer fills them.
	Translations []Translation `json:"translations,omitempty"`
}

// Translation is another edition's version of an article.
type Translation struct {
	ID       int64  `json:"id"`
	Lang     string `json:"lang"`
	Headline string `json:"headline"`
	URL      string `json:"url"`
}

// Named is a section, tag or author: a slug and a display name.
type Named struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// Source is the attribution of an article.
type Source struct {
	Type string `json:"type"` // "agency" or "staff"
	Name string `json:"name"`
	Line string `json:"line"` // as shown on the page, e.g. "Source: Reuters -Agencies"
}

// Image is the lead image of an article.
type Image struct {
	URL     string `json:"url"`
	Width   int    `json:"width"`
	Height  int    `json:"height"`
	Caption string `json:"caption"`
	Credit  string `json:"credit"`
}

func (a *API) articleJSON(n news.Article) Article {
	out := Article{
		ID: n.ID, Headline: n.Headline, Slug: n.Slug, URL: a.publicURL(n.Lang, n.Path()),
		Summary: n.Summary, BodyHTML: string(markup.Stored(n.BodyHTML, a.cfg.BaseURL)), BodyMarkdown: n.BodyMarkdown,
		Section: Named{n.Section.Slug, n.Section.Name}, Tags: []Named{}, Authors: []Named{},
		Source: Source{Type: "staff", Name: n.Source.Name, Line: n.Source.Line()},
		Place:  n.Place, Lang: n.Lang,
		PublishedAt: n.PublishedAt.UTC(), UpdatedAt: n.UpdatedAt.UTC(),
	}
	if n.Source.Agency {
		out.Source.Type = "agency"
	}
	for _, t := range n.Tags {
		out.Tags = append(out.Tags, Named{t.Slug, t.Name})
	}
	for _, au := range n.Authors {
		out.Authors = append(out.Authors, Named{au.Slug, au.Name})
	}
	if n.Image != nil {
		out.Image = &Image{
			URL:   a.cfg.BaseURL + n.Image.Path("page"),
			Width: n.Image.Width, Height: n.Image.Height, Caption: n.ImageCaption, Credit: n.ImageCredit,
		}
	}
	return out
}

// getArticle answers GET /api/v1/articles/{id}.
func (a *API) getArticle(w http.ResponseWriter, r *http.Request) error {
	id, err := articleID(r)
	if err != nil {
		return err
	}
	n, err := a.store.PublishedArticle(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return web.NotFound(fmt.Sprintf("no published article with id %d", id))
	}
	if err != nil {
		return err
	}
	out := a.articleJSON(n)
	versions, err := a.store.Translations(r.Context(), n.ID)
	if err != nil {
		return err
	}
	for _, t := range versions {
		if t.Status == news.StatusPublished {
			out.Translations = append(out.Translations, Translation{ID: t.ID, Lang: t.Lang, Headline: t.Headline, URL: a.publicURL(t.Lang, t.Path())})
		}
	}
	return web.WriteJSON(w, http.StatusOK, out)
}

// articleID reads the {id} of an article's address.
func articleID(r *http.Request) (int64, error) { return storyID(r, "article") }

// listArticles answers GET /api/v1/articles?section=&tag=&lang=&page=&per_page=.
func (a *API) listArticles(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	lq, err := readListQuery(q)
	if err != nil {
		return err
	}
	f := store.ListFilter{WithLinks: true, WithBodies: true, Limit: lq.PerPage, Offset: lq.offset(), Lang: lq.Lang}
	section, tag := q.Get("section"), q.Get("tag")
	if !slugLike(section) || !slugLike(tag) {
		return web.BadRequest("section and tag must be slugs such as \"local\"")
	}
	if section != "" && tag != "" {
		return web.BadRequest("filter by section or by tag, not both")
	}
	if section != "" {
		sec, err := a.store.SectionBySlug(r.Context(), section)
		if err != nil {
			return unknown(err, "section", section)
		}
		f.SectionID = sec.ID
	}
	if tag != "" {
		t, err := a.store.TagBySlug(r.Context(), tag)
		if err != nil {
			return unknown(err, "tag", tag)
		}
		f.TagID = t.ID
	}
	total, err := a.store.PublishedCount(r.Context(), f)
	if err != nil {
		return err
	}
	var list []news.Article
	if f.Offset < total {
		if list, err = a.store.PublishedList(r.Context(), f); err != nil {
			return err
		}
	}
	out := ArticleList{Items: make([]Article, 0, len(list)), Page: lq.Page, PerPage: lq.PerPage, Total: total}
	for _, n := range list {
		out.Items = append(out.Items, a.articleJSON(n))
	}
	return web.WriteJSON(w, http.StatusOK, out)
}

// unknown turns a failed slug lookup into a 400 naming the parameter.
func unknown(err error, param, value string) error {
	if errors.Is(err, store.ErrNotFound) {
		return web.BadRequest(fmt.Sprintf("no %s with slug %q", param, value))
	}
	return err
}

// slugLike reports whether a query value could be a slug at all, so that
// non-UTF-8 or huge values never reach the database.
func slugLike(v string) bool { return len(v) <= 200 && utf8.ValidString(v) }

func intParam(raw string, def, lo, hi int, name string) (int, error) {
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi || strconv.Itoa(n) != raw {
		return 0, web.BadRequest(fmt.Sprintf("%s must be a whole number from %d to %d", name, lo, hi))
	}
	return n, nil
}
