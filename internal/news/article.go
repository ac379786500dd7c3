// Package news holds Dateline's domain types and the pure rules about them:
// slugs, datelines, source lines. It imports no HTTP and no SQL.
package news

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Status is where an article is in its life.
type Status string

// The article statuses. Only published articles are shown to readers.
const (
	StatusDraft       Status = "draft"
	StatusReview      Status = "review" // ready for an editor
	StatusScheduled   Status = "scheduled"
	StatusPublished   Status = "published"
	StatusUnpublished Status = "unpublished"
)

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	switch s {
	case StatusDraft, StatusReview, StatusScheduled, StatusPublished, StatusUnpublished:
		return true
	}
	return false
}

// Section is a part of the site such as Local or Business.
type Section struct {
	ID          int64
	Slug        string
	Name        string
	Description string
	Position    int
}

// Tag labels articles across sections.
type Tag struct {
	ID   int64
	Slug string
	Name string
}

// Author is a staff member credited in a byline.
type Author struct {
	ID   int64
	Slug string
	Name string
}

// Image is a stored picture with its renditions ("page", "card", "thumb").
// Width and Height are those of the "page" rendition. URL paths are built by
// the HTTP layer.
type Image struct {
	ID       int64
	Filename string // slug of the uploaded name, without extension
	Ext      string // ".jpg" or ".png", shared by every rendition
	Width    int
	Height   int
}

// Source says where copy came from: the newsroom's own staff or a wire agency.
type Source struct {
	Agency bool   // true for wire copy
	Name   string // agency name(s), e.g. "Reuters" or "Reuters, AFP"; empty for staff copy
}

// Line is the attribution shown under the body: "Source: Reuters -Agencies"
// for wire copy, "Source: Staff" for the newsroom's own.
func (s Source) Line() string {
	if s.Agency && strings.TrimSpace(s.Name) != "" {
		return "Source: " + strings.TrimSpace(s.Name) + " -Agencies"
	}
	return "Source: Staff"
}

// Article is a news story with everything a page about it shows.
type Article struct {
	ID           int64
	Slug         string
	Headline     string
	Summary      string
	BodyMarkdown string
	BodyHTML     string // rendered from BodyMarkdown and sanitised when saved
	Section      Section
	Tags         []Tag
	Authors      []Author
	Source       Source
	Place        string // dateline place, optional
	Lang         string
	Image        *Image
	ImageCaption string
	ImageCredit  string
	Status       Status
	PublishedAt  time.Time // zero until first published
	ScheduledAt  time.Time // when a scheduled article goes live
	UpdatedAt    time.Time
	CreatedAt    time.Time
	OwnerID      int64 // the staff member who created it; 0 for imported copy
	Version      int   // bumped by every save, to refuse stale edits
	Corrections  []Correction
}

// CorrectionKind says whether a note corrects an error or adds news.
type CorrectionKind string

// The kinds of appended notes.
const (
	KindCorrection CorrectionKind = "correction"
	KindUpdate     CorrectionKind = "update"
)

// Correction is a dated note appended to a published article.
type Correction struct {
	ID        int64
	Kind      CorrectionKind
	Body      string
	CreatedAt time.Time
}

// Languages Dateline knows; the edition work extends what is shown per language.
var Languages = []string{"en", "si", "ta"}

// ValidLang reports whether lang is a known language code.
func ValidLang(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// Limits on article fields, enforced by Validate.
const (
	MaxHeadline = 300
	MaxSummary  = 1000
	MaxBody     = 200_000
	MaxPlace    = 80
)

// Validate checks the fields an author controls and returns every problem found.
func (a *Article) Validate() error {
	var errs []error
	if strings.TrimSpace(a.Headline) == "" {
		errs = append(errs, errors.New("headline is required"))
	}
	if len(a.Headline) > MaxHeadline {
		errs = append(errs, fmt.Errorf("headline is longer than %d bytes", MaxHeadline))
	}
	if len(a.Summary) > MaxSummary {
		errs = append(errs, fmt.Errorf("summary is longer than %d bytes", MaxSummary))
	}
	if len(a.BodyMarkdown) > MaxBody {
		errs = append(errs, fmt.Errorf("body is longer than %d bytes", MaxBody))
	}
	if len(a.Place) > MaxPlace {
		errs = append(errs, fmt.Errorf("place is longer than %d bytes", MaxPlace))
	}
	if !ValidLang(a.Lang) {
		errs = append(errs, fmt.Errorf("language %q is not one of %s", a.Lang, strings.Join(Languages, ", ")))
	}
	if !a.Status.Valid() {
		errs = append(errs, fmt.Errorf("status %q is not known", a.Status))
	}
	if a.Source.Agency && strings.TrimSpace(a.Source.Name) == "" {
		errs = append(errs, errors.New("agency copy needs the agency's name"))
	}
	if a.Section.ID == 0 && a.Section.Slug == "" {
		errs = append(errs, errors.New("section is required"))
	}
	if a.Slug != "" && Slugify(a.Slug) != a.Slug {
		errs = append(errs, fmt.Errorf("slug %q may hold only lower-case letters, digits and single hyphens", a.Slug))
	}
	if a.Status == StatusPublished && a.PublishedAt.IsZero() {
		errs = append(errs, errors.New("a published article needs its publication time"))
	}
	if a.Status == StatusScheduled && a.ScheduledAt.IsZero() {
		errs = append(errs, errors.New("a scheduled article needs the time to publish it"))
	}
	return errors.Join(errs...)
}

// Path is the canonical site path of the article.
func (a Article) Path() string { return ArticlePath(a.ID, a.Slug) }

// ArticlePath is the canonical site path of an article; the slug is escaped,
// so Sinhala or Tamil slugs make valid URLs in feeds and sitemaps too.
func ArticlePath(id int64, slug string) string {
	return fmt.Sprintf("/news/%d/%s", id, url.PathEscape(slug))
}

// Path is the address of one rendition ("page", "card", "thumb") of the image.
func (img Image) Path(variant string) string {
	return fmt.Sprintf("/media/%d/%s/%s%s", img.ID, variant, url.PathEscape(img.Filename), img.Ext)
}
