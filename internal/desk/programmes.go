package desk

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"dateline/internal/auth"
	"dateline/internal/news"
	"dateline/internal/store"
)

// ProgrammeDraft is a programme's own fields, with the slots to create it
// with (slots are ignored when updating; add them with AddSlot).
type ProgrammeDraft struct {
	Name        string
	Slug        string // empty: made from the name
	Description string
	Lang        string
	Slots       []SlotDraft
}

// SlotDraft is a regular airing of a programme.
type SlotDraft struct {
	Name     string
	Slug     string // empty: made from the name
	Position int
}

// Limits on programmes' fields.
const (
	MaxProgrammeName        = 100
	MaxProgrammeDescription = 1000
	MaxSlotName             = 60
)

// Taken means a slug is already used; it matches store.ErrConflict.
type Taken struct{ What, Slug string }

func (t *Taken) Error() string {
	return fmt.Sprintf("Another %s already uses the slug %q.", t.What, t.Slug)
}
func (t *Taken) Is(target error) bool { return target == store.ErrConflict }

// CreateProgramme adds a programme with its slots.
func (d *Desk) CreateProgramme(ctx context.Context, actor auth.Actor, dr ProgrammeDraft) (news.Programme, error) {
	if err := actor.Require(auth.ManageTaxonomy, "manage programmes"); err != nil {
		return news.Programme{}, err
	}
	p, problems := programmeOf(dr)
	seen := map[string]bool{}
	for i, sd := range dr.Slots {
		sl, more := slotOf(sd, fmt.Sprintf("Slot %d: ", i+1))
		problems = append(problems, more...)
		if seen[sl.Slug] && sl.Slug != "" {
			problems = append(problems, fmt.Sprintf("Two slots use the slug %q; give each its own.", sl.Slug))
		}
		seen[sl.Slug] = true
		p.Slots = append(p.Slots, sl)
	}
	if len(problems) > 0 {
		return p, &InputError{Problems: problems}
	}
	err := d.store.CreateProgramme(ctx, &p, actor.Change("create", p.Name))
	if errors.Is(err, store.ErrConflict) {
		return p, &Taken{What: "programme", Slug: p.Slug}
	}
	return p, err
}

// UpdateProgramme saves a programme's own fields; its slots stay as they are.
func (d *Desk) UpdateProgramme(ctx context.Context, actor auth.Actor, id int64, dr ProgrammeDraft) (news.Programme, error) {
	if err := actor.Require(auth.ManageTaxonomy, "manage programmes"); err != nil {
		return news.Programme{}, err
	}
	p, problems := programmeOf(dr)
	p.ID = id
	if len(problems) > 0 {
		return p, &InputError{Problems: problems}
	}
	err := d.store.UpdateProgramme(ctx, p, actor.Change("update", p.Name))
	if errors.Is(err, store.ErrConflict) {
		return p, &Taken{What: "programme", Slug: p.Slug}
	}
	if err != nil {
		return p, err
	}
	return d.store.ProgrammeByID(ctx, id)
}

// AddSlot adds a slot to a programme.
func (d *Desk) AddSlot(ctx context.Context, actor auth.Actor, programmeID int64, dr SlotDraft) (news.Slot, error) {
	if err := actor.Require(auth.ManageTaxonomy, "manage programmes"); err != nil {
		return news.Slot{}, err
	}
	if _, err := d.store.ProgrammeByID(ctx, programmeID); err != nil {
		return news.Slot{}, err
	}
	sl, problems := slotOf(dr, "")
	sl.ProgrammeID = programmeID
	if len(problems) > 0 {
		return sl, &InputError{Problems: problems}
	}
	err := d.store.AddSlot(ctx, &sl, actor.Change("add slot", sl.Name))
	if errors.Is(err, store.ErrConflict) {
		return sl, &Taken{What: "slot of this programme", Slug: sl.Slug}
	}
	return sl, err
}

func programmeOf(dr ProgrammeDraft) (news.Programme, []string) {
	var problems []string
	p := news.Programme{Name: strings.Join(strings.Fields(dr.Name), " "), Description: strings.TrimSpace(dr.Description),
		Lang: strings.TrimSpace(dr.Lang), Slug: strings.TrimSpace(dr.Slug)}
	if p.Lang == "" {
		p.Lang = "en"
	}
	if p.Name == "" || len(p.Name) > MaxProgrammeName {
		problems = append(problems, fmt.Sprintf("A programme needs a name of at most %d characters.", MaxProgrammeName))
	}
	if p.Slug == "" {
		p.Slug = news.Slugify(p.Name)
	}
	if p.Slug == "" || news.Slugify(p.Slug) != p.Slug {
		problems = append(problems, "The programme's slug must be lower-case letters, digits and hyphens, like news-in-brief.")
	}
	if len(p.Description) > MaxProgrammeDescription {
		problems = append(problems, fmt.Sprintf("The description is longer than %d bytes.", MaxProgrammeDescription))
	}
	if !news.ValidLang(p.Lang) {
		problems = append(problems, "Choose English, Sinhala or Tamil as the programme's language.")
	}
	return p, problems
}

func slotOf(dr SlotDraft, prefix string) (news.Slot, []string) {
	var problems []string
	sl := news.Slot{Name: strings.Join(strings.Fields(dr.Name), " "), Slug: strings.TrimSpace(dr.Slug), Position: dr.Position}
	if sl.Name == "" || len(sl.Name) > MaxSlotName {
		problems = append(problems, fmt.Sprintf("%sA slot needs a name of at most %d characters.", prefix, MaxSlotName))
	}
	if sl.Slug == "" {
		sl.Slug = news.Slugify(sl.Name)
	}
	if sl.Name != "" && (sl.Slug == "" || news.Slugify(sl.Slug) != sl.Slug) {
		problems = append(problems, prefix+"The slot's slug must be lower-case letters, digits and hyphens, like prime-time.")
	}
	return sl, problems
}
