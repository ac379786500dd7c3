package site

import (
	"html/template"
	"net/http"
	"strings"
	"time"

	"dateline/internal/i18n"
	"dateline/internal/markup"
	"dateline/internal/news"
	"dateline/internal/store"
)

// ArticlePage is the data of the article template.
type ArticlePage struct {
	Layout
	Article  news.Article
	Body     template.HTML // the stored body, rendered and sanitised when saved
	Related  []news.Article
	Popular  PopularLists
	Comments CommentSection
	// FlagAction is the shared flag form's address: empty here, since
	// comments.js points it at the comment whose flag link was clicked.
	FlagAction string
	Video      *Player // the embedded video story's player, if any
	Source     string  // "Source: Reuters -Agencies", in the page's language
}

// SourceLine is news.Source.Line in the page's language. The newsroom's
// preview words it with this too, so the preview says what the page will.
func SourceLine(text *i18n.Catalogue, src news.Source) string {
	if name := strings.TrimSpace(src.Name); src.Agency && name != "" {
		return text.T("source.agency", "name", name)
	}
	return text.T("source.staff")
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
	return s.wrongEdition(w, r, a.Lang, a.Path())
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
	if r.PathValue("slug") != a.Slug || a.Lang != s.edition(r).Lang {
		return s.wrongEdition(w, r, a.Lang, a.Path())
	}
	versions, err := s.store.Translations(ctx, a.ID)
	if err != nil {
		return err
	}
	related, err := s.store.Related(ctx, a, relatedCount)
	if err != nil {
		return err
	}
	data := ArticlePage{Layout: s.layout(r, a.Headline, a.Summary), Article: a, Related: related, Popular: s.popular(ctx, a.Lang),
		Body: markup.Stored(a.BodyHTML, s.cfg.BaseURL)}
	data.Source = SourceLine(data.Text, a.Source)
	if data.Video, err = s.articleVideo(ctx, data.Text, a.ID); err != nil {
		return err
	}
	if data.Comments, err = s.commentSection(r, data.Text, a); err != nil {
		return err
	}
	if data.Comments.Notice != nil || r.URL.Query().Has("reply") || r.URL.Query().Has("flagged") {
		// Personal to this reader: never let a shared cache keep it.
		w.Header().Set("Cache-Control", "private, no-store")
	} else {
		// Pages embedding a video are named by the store when the video changes.
		shared(w, store.PagesArticle(a.ID), store.PagesSection(a.Lang, a.Section.ID), store.PagesPopular(a.Lang))
	}
	data.Canonical = s.absolute(s.href(a.Lang, a.Path()))
	s.translatedPage(&data.Layout, a, versions)
	data.ViewKind, data.ViewID = "article", a.ID
	data.Current = a.Section.Slug
	data.FeedURL = s.absolute(s.href(a.Lang, "/section/"+a.Section.Slug+"/rss.xml"))
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
