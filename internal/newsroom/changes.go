package newsroom

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/textdiff"
	"dateline/internal/video"
)

// Changes is what differs between two versions of a story, as the history
// and the edit-conflict page show it.
type Changes struct {
	Texts          []TextChange  // the story's texts, word by word
	Fields         []FieldChange // its other fields that differ, in the editor's order
	Added, Removed int           // words inserted and deleted over the texts
}

// TextChange is one text field compared word by word.
type TextChange struct {
	Label   string
	Spans   []textdiff.Span
	Changed bool
}

// FieldChange is a field other than text that differs between versions:
// a value replaced (From and To, "" for none), or a list changed (Added
// and Removed).
type FieldChange struct {
	Label          string
	From, To       string
	Added, Removed []string
	List           bool
}

// ChangedTexts returns the texts that differ, for a page that shows only those.
func (c Changes) ChangedTexts() []TextChange {
	var out []TextChange
	for _, t := range c.Texts {
		if t.Changed {
			out = append(out, t)
		}
	}
	return out
}

// Same reports whether nothing differs.
func (c Changes) Same() bool { return len(c.ChangedTexts()) == 0 && len(c.Fields) == 0 }

// text is one text of a story for compare: its label and its two versions.
type text struct{ label, old, new string }

// compare diffs two versions' texts word by word and lists the other fields
// that differ.
func compare(texts []text, fields []FieldChange) Changes {
	var c Changes
	for _, t := range texts {
		spans := textdiff.Words(t.old, t.new)
		ins, del := textdiff.WordStats(spans)
		c.Added, c.Removed = c.Added+ins, c.Removed+del
		c.Texts = append(c.Texts, TextChange{Label: t.label, Spans: spans, Changed: normalNewlines(t.old) != normalNewlines(t.new)})
	}
	for _, f := range fields {
		if f.List && (len(f.Added) > 0 || len(f.Removed) > 0) || !f.List && f.From != f.To {
			c.Fields = append(c.Fields, f)
		}
	}
	return c
}

func normalNewlines(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

// value compares a field with one value.
func value(label, from, to string) FieldChange { return FieldChange{Label: label, From: from, To: to} }

// list compares a field with several values, such as tags, matching them
// by key (a tag's slug: "Floods" and "floods" are one tag).
func list(label string, from, to []string, key func(string) string) FieldChange {
	c := FieldChange{Label: label, List: true}
	had, has := map[string]bool{}, map[string]bool{}
	for _, s := range from {
		had[key(s)] = true
	}
	for _, s := range to {
		has[key(s)] = true
		if !had[key(s)] {
			c.Added = append(c.Added, s)
		}
	}
	for _, s := range from {
		if !has[key(s)] {
			c.Removed = append(c.Removed, s)
		}
	}
	return c
}

func same(s string) string { return s }

// articleVersion is a version of an article as compare reads it: each field
// in the words an editor knows it by (a section's name, an image's file
// name), so versions from different places (a revision, the stored article,
// a refused form) compare like with like.
type articleVersion struct {
	Headline, Summary, Body string
	Section                 string
	Tags, Byline            []string
	Source, Place, Edition  string
	Image, Caption, Credit  string
	Slug, PublishAt         string
}

// compareArticles lists what differs between two versions of an article.
func compareArticles(old, new articleVersion) Changes {
	return compare([]text{{"Headline", old.Headline, new.Headline}, {"Summary", old.Summary, new.Summary}, {"Body", old.Body, new.Body}},
		[]FieldChange{
			value("Section", old.Section, new.Section),
			list("Tags", old.Tags, new.Tags, news.Slugify),
			list("Byline", old.Byline, new.Byline, same),
			value("Source", old.Source, new.Source),
			value("Dateline place", old.Place, new.Place),
			value("Edition", old.Edition, new.Edition),
			value("Lead image", old.Image, new.Image),
			value("Image caption", old.Caption, new.Caption),
			value("Image credit", old.Credit, new.Credit),
			value("Slug (address)", old.Slug, new.Slug),
			value("Publish at", old.PublishAt, new.PublishAt),
		})
}

// sourceLabel names where copy came from, as the editor offers it.
func sourceLabel(s news.Source) string {
	switch {
	case !s.Agency:
		return "Our staff"
	case s.Name == "":
		return "Agency copy"
	}
	return "Agency copy: " + s.Name
}

// imageLabel names an image by its file name.
func imageLabel(img *news.Image) string {
	if img == nil {
		return ""
	}
	return img.Filename + img.Ext
}

// names turns the ids a version holds into the names an editor knows.
type names struct {
	store    *store.Store
	loc      *time.Location
	sections map[int64]string
	staff    map[int64]string
	images   map[int64]string
}

func newNames(st *store.Store, loc *time.Location, sections []news.Section, staff []store.Account) *names {
	nm := &names{store: st, loc: loc, sections: map[int64]string{}, staff: map[int64]string{}, images: map[int64]string{}}
	for _, s := range sections {
		nm.sections[s.ID] = s.Name
	}
	for _, a := range staff {
		nm.staff[a.ID] = a.Name
	}
	return nm
}

func (nm *names) section(id int64) string {
	if id == 0 {
		return ""
	}
	if name, ok := nm.sections[id]; ok {
		return name
	}
	return "section " + strconv.FormatInt(id, 10) // since deleted
}

func (nm *names) member(id int64) string {
	if name, ok := nm.staff[id]; ok {
		return name
	}
	return "staff member " + strconv.FormatInt(id, 10)
}

// image names a stored image, looking it up once.
func (nm *names) image(ctx context.Context, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	if name, ok := nm.images[id]; ok {
		return name, nil
	}
	img, err := nm.store.Image(ctx, id)
	name := imageLabel(&img)
	if errors.Is(err, store.ErrNotFound) {
		name, err = "image "+strconv.FormatInt(id, 10), nil
	}
	if err != nil {
		return "", err
	}
	nm.images[id] = name
	return name, nil
}

func (nm *names) when(t time.Time) string { return news.FormatDateline(t, nm.loc) }

// ofArticle is the stored article's version.
func (nm *names) ofArticle(a news.Article) articleVersion {
	v := articleVersion{Headline: a.Headline, Summary: a.Summary, Body: a.BodyMarkdown, Section: a.Section.Name,
		Source: sourceLabel(a.Source), Place: a.Place, Edition: video.LangLabel(a.Lang), Image: imageLabel(a.Image),
		Caption: a.ImageCaption, Credit: a.ImageCredit, Slug: a.Slug, PublishAt: nm.when(a.ScheduledAt)}
	for _, t := range a.Tags {
		v.Tags = append(v.Tags, t.Name)
	}
	for _, au := range a.Authors {
		v.Byline = append(v.Byline, au.Name)
	}
	return v
}

// ofRevision is a revision's version of the article.
func (nm *names) ofRevision(ctx context.Context, r store.Revision) (articleVersion, error) {
	s := r.Snapshot()
	v := articleVersion{Headline: r.Headline, Summary: r.Summary, Body: r.Body, Section: nm.section(s.SectionID),
		Tags: s.Tags, Source: sourceLabel(s.Source), Place: s.Place, Edition: video.LangLabel(s.Lang),
		Caption: s.ImageCaption, Credit: s.ImageCredit, Slug: s.Slug, PublishAt: nm.when(s.ScheduledAt)}
	for _, id := range s.AuthorIDs {
		v.Byline = append(v.Byline, nm.member(id))
	}
	var err error
	v.Image, err = nm.image(ctx, s.ImageID)
	return v, err
}
