package api

import (
	"context"
	"fmt"
	"time"

	"dateline/internal/desk"
	"dateline/internal/news"
	"dateline/internal/video"
	"dateline/internal/web"
)

// adminVideoFields is the body of POST /api/v1/admin/videos and of PATCH
// /api/v1/admin/videos/{id}: a video story's writable fields, where pointers
// tell an absent field (keep the current value) from an empty one, and the
// workflow step to take.
type adminVideoFields struct {
	Version *int `json:"version"` // PATCH only: the version the client read

	Title       *string   `json:"title"`
	CustomTitle *bool     `json:"custom_title"` // for an episode: keep title rather than building one
	Summary     *string   `json:"summary"`
	Lang        *string   `json:"lang"`
	Section     *string   `json:"section"` // slug; "" for none
	Tags        *[]string `json:"tags"`    // names; new ones are created
	SourceURL   *string   `json:"source_url"`
	Duration    *string   `json:"duration"`  // "4:05", "245" or "4m5s"; "" when not known
	Programme   *string   `json:"programme"` // slug; "" when not an episode
	Slot        *string   `json:"slot"`      // slug of one of the programme's slots; "" for none
	AirDate     *string   `json:"air_date"`  // YYYY-MM-DD

	Action string `json:"action"` // empty: save
}

func (f *adminVideoFields) version() *int { return f.Version }

// step reads the workflow step a request asks for; video stories are never
// scheduled, so there is no time to read.
func (f *adminVideoFields) step() (desk.Action, time.Time, error) {
	action, err := desk.ParseAction(f.Action)
	return action, time.Time{}, err
}

// hasContent reports whether the request changes anything but the status.
func (f *adminVideoFields) hasContent() bool {
	return f.Title != nil || f.CustomTitle != nil || f.Summary != nil || f.Lang != nil || f.Section != nil ||
		f.Tags != nil || f.SourceURL != nil || f.Duration != nil || f.Programme != nil || f.Slot != nil || f.AirDate != nil
}

// videoDraftOf is the draft that would leave a video story as it is: no
// source, so the current one is kept, and no files.
func videoDraftOf(v news.Video) desk.VideoDraft {
	d := desk.VideoDraft{Title: v.Title, CustomTitle: v.CustomTitle, Summary: v.Summary, Lang: v.Lang, AirDate: v.AirDate}
	if v.Section != nil {
		d.SectionID = v.Section.ID
	}
	d.Tags = tagNames(v.Tags)
	if v.Duration > 0 {
		d.Duration = video.FormatDuration(v.Duration)
	}
	if v.Programme != nil {
		d.ProgrammeID = v.Programme.ID
	}
	if v.Slot != nil {
		d.SlotID = v.Slot.ID
	}
	return d
}

// overlayVideo sets on d the fields present in the request, resolving the
// section, programme and slot slugs. An unknown slug is a 400 naming it.
func (a *API) overlayVideo(ctx context.Context, d desk.VideoDraft, f *adminVideoFields) (desk.VideoDraft, error) {
	setIfSent(&d.Title, f.Title)
	setIfSent(&d.Summary, f.Summary)
	setIfSent(&d.Lang, f.Lang)
	setIfSent(&d.SourceURL, f.SourceURL)
	setIfSent(&d.Duration, f.Duration)
	setIfSent(&d.AirDate, f.AirDate)
	setIfSent(&d.CustomTitle, f.CustomTitle)
	setIfSent(&d.Tags, f.Tags)
	if f.Section != nil {
		d.SectionID = 0
		if *f.Section != "" {
			sec, err := a.store.SectionBySlug(ctx, *f.Section)
			if err != nil {
				return d, unknown(err, "section", *f.Section)
			}
			d.SectionID = sec.ID
		}
	}
	if f.Programme != nil {
		id := int64(0)
		if *f.Programme != "" {
			p, err := a.store.ProgrammeBySlug(ctx, *f.Programme)
			if err != nil {
				return d, unknown(err, "programme", *f.Programme)
			}
			id = p.ID
		}
		if id != d.ProgrammeID {
			d.ProgrammeID, d.SlotID = id, 0 // a slot belongs to one programme
		}
	}
	if f.Slot != nil {
		d.SlotID = 0
		if *f.Slot != "" {
			if d.ProgrammeID == 0 {
				return d, web.BadRequest("slot needs a programme: send programme with it")
			}
			p, err := a.store.ProgrammeByID(ctx, d.ProgrammeID)
			if err != nil {
				return d, err
			}
			for _, sl := range p.Slots {
				if sl.Slug == *f.Slot {
					d.SlotID = sl.ID
				}
			}
			if d.SlotID == 0 {
				return d, web.BadRequest(fmt.Sprintf("the programme %q has no slot with slug %q", p.Slug, *f.Slot))
			}
		}
	}
	return d, nil
}
