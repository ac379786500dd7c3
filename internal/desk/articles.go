package desk

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"dateline/internal/auth"
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

// Create makes a new article from a draft owned by the actor and applies the
// action (an editor may create and publish at once).
func (d *Desk) Create(ctx context.Context, actor auth.Actor, draft Draft, action Action, at time.Time) (news.Article, error) {
	if err := actor.Require(auth.WriteArticle, "write articles"); err != nil {
		return news.Article{}, err
	}
	a := news.Article{Status: news.StatusDraft, OwnerID: actor.Account.ID, Lang: "en"}
	if err := d.apply(ctx, actor, &a, draft); err != nil {
		return a, withValidation(err, a)
	}
	if err := d.transition(actor, &a, action, at); err != nil {
		return a, err
	}
	if err := a.Validate(); err != nil {
		return a, &InputError{Problems: []string{capitalise(err.Error())}}
	}
	if err := d.attachImage(ctx, actor, &a, draft); err != nil {
		return a, err
	}
	detail := ""
	if action != Save {
		detail = "and " + string(action)
	}
	if err := d.store.CreateArticle(ctx, &a, actor.Change("create", detail)); err != nil {
		return a, err
	}
	return a, nil
}

// Update applies a draft (nil: content unchanged) and an action to an
// existing article. version must be the version the actor loaded; a stale
// one is refused with store.ErrStale and nothing is written.
func (d *Desk) Update(ctx context.Context, actor auth.Actor, id int64, version int, draft *Draft, action Action, at time.Time) (news.Article, error) {
	a, err := d.store.Article(ctx, id)
	if err != nil {
		return a, err
	}
	// Changing content or submitting needs the right to edit this article;
	// publishing, scheduling and unpublishing are editors' steps, checked in
	// transition.
	statusOnly := draft == nil && (action == Publish || action == Schedule || action == Unpublish)
	if !statusOnly && !auth.CanEdit(actor.Role(), actor.Account.ID, auth.ArticleRef{OwnerID: a.OwnerID, Status: a.Status}) {
		return a, &auth.Forbidden{What: "edit this article"}
	}
	if version != a.Version {
		return a, store.ErrStale
	}
	if draft != nil {
		if err := actor.Require(auth.WriteArticle, "write articles"); err != nil {
			return a, err
		}
		if err := d.apply(ctx, actor, &a, *draft); err != nil {
			return a, withValidation(err, a)
		}
	}
	if err := d.transition(actor, &a, action, at); err != nil {
		return a, err
	}
	if err := a.Validate(); err != nil {
		return a, &InputError{Problems: []string{capitalise(err.Error())}}
	}
	if draft != nil {
		if err := d.attachImage(ctx, actor, &a, *draft); err != nil {
			return a, err
		}
	}
	err = d.store.UpdateArticle(ctx, &a, actor.Change(string(action), ""))
	if errors.Is(err, store.ErrEditionTaken) {
		return a, invalid("This story already has a version in the %s edition. Unlink this article from its translations before moving it there.", a.Lang)
	}
	return a, err
}

// transition applies the workflow step, checking the role and the status.
func (d *Desk) transition(actor auth.Actor, a *news.Article, action Action, at time.Time) error {
	now := d.now().UTC()
	switch action {
	case Save:
		return nil
	case Submit:
		if err := actor.Require(auth.SubmitArticle, "submit articles for review"); err != nil {
			return err
		}
		if a.Status != news.StatusDraft && a.Status != news.StatusReview {
			return invalid("Only a draft can be submitted for review; this article is %s.", a.Status)
		}
		a.Status = news.StatusReview
	case Publish:
		if err := actor.Require(auth.PublishArticle, "publish articles"); err != nil {
			return err
		}
		a.Status, a.ScheduledAt = news.StatusPublished, time.Time{}
		if a.PublishedAt.IsZero() {
			a.PublishedAt = now
		}
	case Schedule:
		if err := actor.Require(auth.ScheduleArticle, "schedule articles"); err != nil {
			return err
		}
		if at.IsZero() {
			return invalid("Choose the date and time to publish at.")
		}
		if at.Before(now.Add(minLead)) {
			return invalid("The time to publish at (%s) is in the past; choose a time at least a minute from now.",
				news.FormatDateline(at, d.loc))
		}
		if a.Status == news.StatusPublished {
			return invalid("This article is already published; unpublish it first to schedule it again.")
		}
		a.Status, a.ScheduledAt = news.StatusScheduled, at.UTC()
	case Unpublish:
		if err := actor.Require(auth.UnpublishArticle, "unpublish articles"); err != nil {
			return err
		}
		if a.Status != news.StatusPublished && a.Status != news.StatusScheduled {
			return invalid("Only a published or scheduled article can be unpublished; this one is %s.", a.Status)
		}
		a.Status, a.ScheduledAt = news.StatusUnpublished, time.Time{}
	default:
		return invalid("Unknown action %q.", action)
	}
	return nil
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
	a.Tags = a.Tags[:0]
	seen := map[string]bool{}
	for _, t := range dr.Tags {
		t = strings.TrimSpace(t)
		if t == "" || seen[news.Slugify(t)] {
			continue
		}
		if len(t) > 60 {
			problems = append(problems, fmt.Sprintf("The tag %q is longer than 60 characters.", t[:60]))
			continue
		}
		seen[news.Slugify(t)] = true
		a.Tags = append(a.Tags, news.Tag{Name: t})
	}
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
	body, err := d.md.Render(a.BodyMarkdown)
	if err != nil {
		return err
	}
	a.BodyHTML = string(body)

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
	img, err := d.store.SaveImage(ctx, up.Name, up.Data)
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
