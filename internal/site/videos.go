package site

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"dateline/internal/news"
	"dateline/internal/store"
)

// VideosPage is the data of the video list: the latest video stories,
// optionally of one language or one programme.
type VideosPage struct {
	Layout
	Heading    string
	Videos     []VideoCard
	Pager      Pager
	LangFilter string // "" for all languages
	Programme  *news.Programme
	Languages  []FilterLink
	Programmes []news.Programme
}

// FilterLink is one choice of a list filter.
type FilterLink struct {
	Label   string
	URL     string
	Current bool
}

// videos lists the published video stories, newest first. ?lang= and
// ?programme= narrow the list; a value that names nothing is a 400.
func (s *Site) videos(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	page, err := pageNumber(r)
	if err != nil {
		return err
	}
	lang := q.Get("lang")
	if lang != "" && !news.ValidLang(lang) {
		return fail(http.StatusBadRequest, "error.video_lang", "langs", strings.Join(news.Languages, ", "))
	}
	var prog *news.Programme
	if slug := q.Get("programme"); slug != "" {
		if len(slug) > 200 || !utf8.ValidString(slug) {
			return fail(http.StatusBadRequest, "error.no_programme")
		}
		p, err := s.store.ProgrammeBySlug(ctx, slug)
		if errors.Is(err, store.ErrNotFound) {
			return fail(http.StatusBadRequest, "error.no_programme")
		}
		if err != nil {
			return err
		}
		prog = &p
	}
	f := store.VideoFilter{Lang: lang, Limit: perPage, Offset: (page - 1) * perPage}
	if prog != nil {
		f.ProgrammeID = prog.ID
	}
	list, total, err := s.store.PublishedVideos(ctx, f)
	if err != nil {
		return err
	}
	last := lastPage(total)
	if page > last {
		return pastEnd(last, page)
	}
	data := VideosPage{Videos: s.videoCards(list), LangFilter: lang, Programme: prog}
	data.Layout = s.layout(r, "", "")
	text := data.Text
	data.Heading = text.T("videos.heading")
	if prog != nil {
		data.Heading = prog.Name
	}
	if label := text.LangName(lang); label != "" {
		data.Heading = text.T("videos.heading_lang", "heading", data.Heading, "lang", label)
	}
	data.Title = data.Heading
	data.Description = text.T("videos.description", "site", s.cfg.SiteName)
	data.Current = videoNav
	ed := s.edition(r)
	data.FeedURL = s.absolute(ed.Path("/video/rss.xml"))
	slug := ""
	if prog != nil {
		slug = prog.Slug
	}
	data.Pager = Pager{Page: page, Last: last, Total: total}
	if page > 1 {
		data.Pager.Prev = ed.Path(videoListURL(lang, slug, page-1))
	}
	if page < last {
		data.Pager.Next = ed.Path(videoListURL(lang, slug, page+1))
	}
	data.Canonical = s.absolute(ed.Path(videoListURL(lang, slug, page)))
	s.samePage(&data.Layout, videoListURL(lang, slug, page))
	if page > 1 {
		data.Title = text.T("list.title_page", "title", data.Title, "page", page)
	}
	data.Languages = append(data.Languages, FilterLink{Label: text.T("videos.all_languages"), URL: ed.Path(videoListURL("", slug, 1)), Current: lang == ""})
	for _, l := range news.Languages {
		data.Languages = append(data.Languages, FilterLink{Label: text.LangName(l), URL: ed.Path(videoListURL(l, slug, 1)), Current: lang == l})
	}
	if data.Programmes, err = s.store.Programmes(ctx); err != nil {
		return err
	}
	shared(w, store.PagesVideos, store.PagesPopular(ed.Lang))
	return s.page(w, http.StatusOK, "videos", data)
}

// videoListURL is the address of one page of the video list.
func videoListURL(lang, programme string, page int) string {
	q := url.Values{}
	if lang != "" {
		q.Set("lang", lang)
	}
	if programme != "" {
		q.Set("programme", programme)
	}
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	if len(q) == 0 {
		return "/video"
	}
	return "/video?" + q.Encode()
}
