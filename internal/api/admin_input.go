package api

import (
	"context"
	"fmt"
	"time"

	"dateline/internal/desk"
	"dateline/internal/news"
	"dateline/internal/web"
)

// articleFields is the body of POST /api/v1/admin/articles and of PATCH
// /api/v1/admin/articles/{id}: an article's writable fields, where pointers
// tell an absent field (keep the current value) from an empty one, and the
// workflow step to take. One struct rather than one embedded in another, so
// that decoding errors name fields as the client spelt them.
//
// Images are out of scope for the API: pictures are uploaded in the
// newsroom, and a change made here keeps whatever image the article has
// (image_caption and image_credit describe it).
type articleFields struct {
	Version *int `json:"version"` // PATCH only: the version the client read

	Headline     *string       `json:"headline"`
	Slug         *string       `json:"slug"`
	Summary      *string       `json:"summary"`
	BodyMarkdown *string       `json:"body_markdown"`
	Section      *string       `json:"section"` // slug
	Tags         *[]string     `json:"tags"`    // names; new ones are created
	Authors      *[]string     `json:"authors"` // staff slugs
	Source       *sourceFields `json:"source"`
	Place        *string       `json:"place"`
	Lang         *string       `json:"lang"`
	ImageCaption *string       `json:"image_caption"`
	ImageCredit  *string       `json:"image_credit"`

	Action    string `json:"action"`     // empty: save
	PublishAt string `json:"publish_at"` // RFC 3339, for action schedule
}

type sourceFields struct {
	Type string `json:"type"` // "agency" or "staff"
	Name string `json:"name"`
}

func (f *articleFields) version() *int { return f.Version }

// hasContent reports whether the request changes anything but the status.
func (f *articleFields) hasContent() bool {
	return f.Headline != nil || f.Slug != nil || f.Summary != nil || f.BodyMarkdown != nil ||
		f.Section != nil || f.Tags != nil || f.Authors != nil || f.Source != nil ||
		f.Place != nil || f.Lang != nil || f.ImageCaption != nil || f.ImageCredit != nil
}

// draftOf is the draft that would leave the article as it is.
func draftOf(n news.Article) desk.Draft {
	d := desk.Draft{Headline: n.Headline, Slug: n.Slug, Summary: n.Summary, Body: n.BodyMarkdown,
		SectionID: n.Section.ID, Agency: n.Source.Agency, SourceName: n.Source.Name, Place: n.Place,
		Lang: n.Lang, Caption: n.ImageCaption, Credit: n.ImageCredit}
	d.Tags = tagNames(n.Tags)
	for _, au := range n.Authors {
		d.AuthorIDs = append(d.AuthorIDs, au.ID)
	}
	return d
}

// overlay sets on d the fields present in the request, resolving the
// section and author slugs. An unknown slug is a 400 naming it.
func (a *API) overlay(ctx context.Context, d desk.Draft, f *articleFields) (desk.Draft, error) {
	setIfSent(&d.Headline, f.Headline)
	setIfSent(&d.Slug, f.Slug)
	setIfSent(&d.Summary, f.Summary)
	setIfSent(&d.Body, f.BodyMarkdown)
	setIfSent(&d.Place, f.Place)
	setIfSent(&d.Lang, f.Lang)
	setIfSent(&d.Caption, f.ImageCaption)
	setIfSent(&d.Credit, f.ImageCredit)
	if f.Source != nil {
		switch f.Source.Type {
		case "agency", "staff":
			d.Agency, d.SourceName = f.Source.Type == "agency", f.Source.Name
		default:
			return d, web.BadRequest(fmt.Sprintf("source.type must be \"agency\" or \"staff\", not %q", f.Source.Type))
		}
	}
	if f.Section != nil {
		sec, err := a.store.SectionBySlug(ctx, *f.Section)
		if err != nil {
			return d, unknown(err, "section", *f.Section)
		}
		d.SectionID = sec.ID
	}
	setIfSent(&d.Tags, f.Tags)
	if f.Authors != nil {
		d.AuthorIDs = nil
		for _, slug := range *f.Authors {
			au, err := a.store.StaffBySlug(ctx, slug)
			if err != nil {
				return d, unknown(err, "staff member", slug)
			}
			d.AuthorIDs = append(d.AuthorIDs, au.ID)
		}
	}
	return d, nil
}

// step reads the workflow step a request asks for.
func (f *articleFields) step() (desk.Action, time.Time, error) {
	action, err := desk.ParseAction(f.Action)
	if err != nil {
		return action, time.Time{}, err
	}
	at, err := publishAt(action, f.PublishAt)
	return action, at, err
}

// publishAt reads the time to publish at, which only a schedule may carry.
func publishAt(action desk.Action, raw string) (time.Time, error) {
	if raw == "" {
		return time.Time{}, nil
	}
	if action != desk.Schedule {
		return time.Time{}, web.BadRequest("publish_at is only for scheduling")
	}
	at, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		return at, web.BadRequest(fmt.Sprintf("publish_at must be an RFC 3339 time such as \"2026-05-04T08:30:00+05:30\", not %q", raw))
	}
	return at, nil
}

// setIfSent copies a field of a request body onto a draft if the client
// sent it; a field left out keeps the draft's value.
func setIfSent[V any](dst *V, src *V) {
	if src != nil {
		*dst = *src
	}
}

// tagNames is what a draft holds for a story's tags.
func tagNames(tags []news.Tag) []string {
	var names []string
	for _, t := range tags {
		names = append(names, t.Name)
	}
	return names
}
