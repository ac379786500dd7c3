package newsroom

import (
	"errors"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"dateline/internal/i18n"
	"dateline/internal/markup"
	"dateline/internal/news"
	"dateline/internal/site"
	"dateline/internal/store"
)

// PreviewData is the data of the live preview fragment. Article, Text and
// Source are what the public article page hands the same template parts.
type PreviewData struct {
	Article  news.Article    // the form over the stored article (zero for a new one)
	Body     template.HTML   // from markup.Render: sanitised
	Text     *i18n.Catalogue // the edition's words, as readers get them
	Source   string          // the source line, in the edition's language
	Dated    Dating          // which time the dateline shows
	NewImage string          // the file name of a picture chosen but not uploaded yet
	Problem  string          // why the body is not shown (markup.ErrTooComplex), or ""
}

// Dating says which time a preview's dateline shows, as the desk and the
// scheduler will date the story.
type Dating string

// The times a preview can be dated at.
const (
	DatedNow       Dating = "now"       // not out and not scheduled: as if published now
	DatedScheduled Dating = "scheduled" // the time set to publish at
	DatedPublished Dating = "published" // out before: a story keeps its first publication time
)

// previewDates dates a preview: a story that has been out keeps its first
// publication time (and shows as updated now, which a save makes true);
// otherwise the time typed to publish at (at, zero if none), else the stored
// schedule, else now.
func previewDates(stored news.Article, at, now time.Time) (published, updated time.Time, d Dating) {
	switch {
	case !stored.PublishedAt.IsZero():
		return stored.PublishedAt, now, DatedPublished
	case !at.IsZero():
		return at, at, DatedScheduled
	case stored.Status == news.StatusScheduled && !stored.ScheduledAt.IsZero():
		return stored.ScheduledAt, stored.ScheduledAt, DatedScheduled
	}
	return now, now, DatedNow
}

// maxPreviewAuthors bounds the byline a preview looks up; the editor lists
// every member, and no story credits more.
const maxPreviewAuthors = 20

// previewData reads the editor's form (parsed already) over the stored
// article: the form is the truth for every field it has.
func (n *Newsroom) previewData(r *http.Request, stored news.Article) (PreviewData, error) {
	ctx := r.Context()
	form := r.PostForm
	a := stored
	a.Headline, a.Summary, a.Place = form.Get("headline"), form.Get("summary"), form.Get("place")
	if lang := form.Get("lang"); news.ValidLang(lang) {
		a.Lang = lang
	} else if a.Lang == "" {
		a.Lang = n.cfg.Editions.Default().Lang
	}
	a.Source = news.Source{Agency: form.Get("source_type") == "agency", Name: strings.TrimSpace(form.Get("source_name"))}
	a.ImageCaption, a.ImageCredit = form.Get("image_caption"), form.Get("image_credit")
	if form.Get("remove_image") == "1" {
		a.Image = nil
	}
	// An unparsable time is the save's to refuse; the preview dates it now.
	at, _ := n.publishAt(form.Get("publish_at"))
	var dated Dating
	a.PublishedAt, a.UpdatedAt, dated = previewDates(stored, at, n.now())
	// Only the name of a new picture comes: the file is sent when saving.
	newImage := strings.ToValidUTF8(trim(strings.TrimSpace(form.Get("new_image")), 200), "")
	data := PreviewData{Dated: dated, NewImage: newImage}

	a.Section = news.Section{}
	if id, err := strconv.ParseInt(form.Get("section"), 10, 64); err == nil {
		sections, err := n.store.SectionsIn(ctx, a.Lang)
		if err != nil {
			return data, err
		}
		if i := slices.IndexFunc(sections, func(s news.Section) bool { return s.ID == id }); i >= 0 {
			a.Section = sections[i]
		}
	}

	a.Authors = nil
	if ids := form["authors"]; len(ids) > 0 {
		staff, err := n.store.Accounts(ctx)
		if err != nil {
			return data, err
		}
		for _, raw := range ids[:min(len(ids), maxPreviewAuthors)] {
			id, _ := strconv.ParseInt(raw, 10, 64)
			if i := slices.IndexFunc(staff, func(s store.Account) bool { return s.ID == id }); i >= 0 {
				a.Authors = append(a.Authors, staff[i].Author())
			}
		}
	}

	body, err := n.md.Render(strings.ReplaceAll(form.Get("body"), "\r\n", "\n"))
	if errors.Is(err, markup.ErrTooComplex) {
		data.Problem = err.Error() // shown in place of the body; a save says the same
	} else if err != nil {
		return data, err
	}
	data.Article, data.Body = a, body
	data.Text = n.text.Get(a.Lang)
	data.Source = site.SourceLine(data.Text, a.Source)
	return data, nil
}
