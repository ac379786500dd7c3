package desk

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"dateline/internal/auth"
	"dateline/internal/markup"
	"dateline/internal/news"
	"dateline/internal/store"
)

// Draft is what a writer submits for an article: every field they control.
type Draft struct {
	Headline    string
	Slug        string // empty: made from the headline on creation, kept afterwards
	Summary     string
	Body        string // Markdown
	SectionID   int64
	Tags        []string
	AuthorIDs   []int64
	Agency      bool
	SourceName  string
	Place       string
	Lang        string
	Caption     string
	Credit      string
	Image       *Upload // a new image, or nil to keep the current one
	RemoveImage bool
	// Kept is an image stored by KeepImage when an earlier save of this
	// draft was refused, used when Image is nil. The caller vouches that
	// the actor is the one who uploaded it.
	Kept *news.Image
}

// Upload is an image file sent with a draft.
type Upload struct {
	Name string
	Data []byte
}

// Action is what to do with the article after applying a draft.
type Action string

// The workflow steps.
const (
	Save      Action = "save"      // keep the status
	Submit    Action = "submit"    // draft -> ready for review
	Publish   Action = "publish"   // live now
	Schedule  Action = "schedule"  // live at a future time
	Unpublish Action = "unpublish" // off the site
)

// ParseAction reads an action name; empty means Save.
func ParseAction(s string) (Action, error) {
	switch a := Action(strings.TrimSpace(s)); a {
	case "":
		return Save, nil
	case Save, Submit, Publish, Schedule, Unpublish:
		return a, nil
	}
	return "", invalid("%q is not an action; use save, submit, publish, schedule or unpublish.", s)
}

// minLead is how far ahead a schedule must be, so that "now" typed by hand
// is not already in the past when it arrives.
const minLead = 30 * time.Second

// articleKind describes articles to the Workflow.
func (d *Desk) articleKind() Kind[news.Article, Draft] {
	return Kind[news.Article, Draft]{
		Name: "article", Plural: "articles", Write: "write articles",
		New: func() news.Article { return news.Article{Lang: "en"} },
		State: func(a *news.Article) State {
			return State{ID: &a.ID, Status: &a.Status, OwnerID: &a.OwnerID, Version: &a.Version,
				PublishedAt: &a.PublishedAt, ScheduledAt: &a.ScheduledAt}
		},
		Title: func(a *news.Article) string { return a.Headline },
		Apply: func(ctx context.Context, actor auth.Actor, a *news.Article, dr Draft, _ bool) (func(context.Context) error, error) {
			if err := d.apply(ctx, actor, a, dr); err != nil {
				return nil, withValidation(err, *a)
			}
			return func(ctx context.Context) error { return d.attachImage(ctx, actor, a, dr) }, nil
		},
		Check: func(a *news.Article) error {
			if err := a.Validate(); err != nil {
				return &InputError{Problems: []string{capitalise(err.Error())}}
			}
			return nil
		},
		Load:   d.store.Article,
		Insert: d.store.CreateArticle,
		Save: func(ctx context.Context, a *news.Article, ch store.Change) error {
			err := d.store.UpdateArticle(ctx, a, ch)
			if errors.Is(err, store.ErrEditionTaken) {
				return invalid("This story already has a version in the %s edition. Unlink this article from its translations before moving it there.", a.Lang)
			}
			return err
		},
		Remove:    d.store.DeleteArticle,
		Revisions: &Revisions[news.Article]{Restore: d.restoreArticle},
	}
}

// apply copies a draft onto an article, resolving the section, authors and
// image, and renders the body.
func (d *Desk) apply(ctx context.Context, actor auth.Actor, a *news.Article, dr Draft) error {
	var problems []string
	a.Headline = strings.TrimSpace(dr.Headline)
	a.Summary = strings.TrimSpace(dr.Summary)
	a.BodyMarkdown = strings.ReplaceAll(dr.Body, "\r\n", "\n")
	if slug := strings.TrimSpace(dr.Slug); slug != "" {
		a.Slug = slug
	} else if a.Slug == "" {
		a.Slug = news.Slugify(a.Headline)
	}
	a.Place = strings.TrimSpace(dr.Place)
	a.Source = news.Source{Agency: dr.Agency, Name: strings.TrimSpace(dr.SourceName)}
	if !dr.Agency {
		a.Source.Name = ""
	}
	if dr.Lang != "" {
		a.Lang = dr.Lang
	}
	a.ImageCaption, a.ImageCredit = strings.TrimSpace(dr.Caption), strings.TrimSpace(dr.Credit)

	sec, err := d.store.SectionByID(ctx, dr.SectionID)
	if errors.Is(err, store.ErrNotFound) {
		problems = append(problems, "Choose one of the sections.")
	} else if err != nil {
		return err
	} else {
		a.Section = sec
	}
	a.Tags = tagsOf(dr.Tags, a.Tags, func(format string, args ...any) {
		problems = append(problems, fmt.Sprintf(format, args...))
	})
	a.Authors = a.Authors[:0]
	for _, id := range dr.AuthorIDs {
		acc, err := d.store.AccountByID(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			problems = append(problems, fmt.Sprintf("There is no staff member %d to credit.", id))
			continue
		} else if err != nil {
			return err
		}
		a.Authors = append(a.Authors, acc.Author())
	}
	// A body over news.MaxBody is not rendered: Validate refuses it, and
	// rendering what no save will keep is work an attacker can ask for.
	if len(a.BodyMarkdown) <= news.MaxBody {
		body, err := d.md.Render(a.BodyMarkdown)
		if errors.Is(err, markup.ErrTooComplex) {
			problems = append(problems, err.Error())
		} else if err != nil {
			return err
		}
		a.BodyHTML = string(body)
	}

	if dr.RemoveImage {
		a.Image = nil
	}
	if dr.Image != nil && len(dr.Image.Data) > 0 {
		if err := actor.Require(auth.UploadMedia, "upload images"); err != nil {
			return err
		}
	}
	if len(problems) > 0 {
		return &InputError{Problems: problems}
	}
	return nil
}

// attachImage stores a draft's new image, last of all, once the rest of the
// change has passed every check, so a refused save leaves no stray picture.
func (d *Desk) attachImage(ctx context.Context, actor auth.Actor, a *news.Article, dr Draft) error {
	if dr.Image == nil || len(dr.Image.Data) == 0 {
		if dr.Kept != nil {
			if err := actor.Require(auth.UploadMedia, "upload images"); err != nil {
				return err
			}
			a.Image = dr.Kept
		}
		return nil
	}
	img, err := d.KeepImage(ctx, actor, *dr.Image)
	if err != nil {
		return err
	}
	a.Image = &img
	return nil
}

// KeepImage stores an uploaded image without attaching it to any story, so
// that a writer whose save lost a race to another's need not choose the
// picture again: the next save of their draft names it in Draft.Kept. An
// image no save ever uses stays unattached, as a replaced one does.
func (d *Desk) KeepImage(ctx context.Context, actor auth.Actor, up Upload) (news.Image, error) {
	if err := actor.Require(auth.UploadMedia, "upload images"); err != nil {
		return news.Image{}, err
	}
	img, err := d.saveImage(ctx, up.Name, up.Data)
	if isImageProblem(err) {
		return img, &InputError{Problems: []string{err.Error()}}
	}
	return img, err
}

// withValidation adds the article's own validation problems to a draft's,
// so the writer hears of everything wrong at once, not one round at a time.
func withValidation(err error, a news.Article) error {
	var in *InputError
	if !errors.As(err, &in) {
		return err
	}
	if verr := a.Validate(); verr != nil {
		for _, p := range strings.Split(verr.Error(), "\n") {
			if p = capitalise(p); p != "" && !strings.Contains(p, "Section is required") {
				in.Problems = append(in.Problems, p)
			}
		}
	}
	return in
}

func capitalise(s string) string {
	parts := strings.Split(s, "\n")
	for i, p := range parts {
		if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:] + "."
		}
	}
	return strings.Join(parts, " ")
}
