package newsroom

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/news"
	"dateline/internal/video"
	"dateline/internal/web"
)

// Conflict is what an editor page shows when a save lost a race to someone
// else's: who saved since the writer opened the story, and how what they
// typed differs from what is stored now. The form below it keeps all they
// chose and now carries the stored version, so saving it again replaces
// the other person's save on purpose, with the difference in view.
type Conflict struct {
	Saves   []Save  // the saves since the writer opened the story, newest first
	Earlier int     // more saves since then, not listed
	Diff    Changes // from the stored version to the writer's
	Asked   string  // the step the writer asked for and did not get, such as "publish it"; "" for a plain save
	Latest  string  // the address that opens the latest version, once the writer confirms
}

// Save is one save made by someone else.
type Save struct {
	Who     string
	Action  string // what they did, as in "saved it" or "published it"
	At      time.Time
	Version int
}

// didWhat words a revision's action for "Dilani saved it on …".
func didWhat(action string) string {
	switch action {
	case "save":
		return "saved it"
	case "create":
		return "created it"
	case "submit":
		return "submitted it for review"
	case "publish":
		return "published it"
	case "schedule":
		return "scheduled it"
	case "unpublish":
		return "unpublished it"
	case "restore":
		return "restored an earlier version"
	}
	return "changed it (" + action + ")"
}

// savesListed is how many of the saves since are named one by one.
const savesListed = 5

// asked says what a workflow step would have done, for "You asked to …".
func asked(a desk.Action) string {
	switch a {
	case desk.Submit:
		return "submit it for review"
	case desk.Publish:
		return "publish it"
	case desk.Schedule:
		return "schedule it"
	case desk.Unpublish:
		return "unpublish it"
	}
	return ""
}

// articleConflict describes the race a save of d.Form, made from the
// version the writer opened, lost against d.Article, the stored version.
func (n *Newsroom) articleConflict(ctx context.Context, d EditorData, action desk.Action) (*Conflict, error) {
	c := &Conflict{Asked: asked(action), Latest: "/newsroom/articles/" + strconv.FormatInt(d.Article.ID, 10) + "/latest"}
	revs, err := n.store.Revisions(ctx, d.Article.ID, revisionsShown)
	if err != nil {
		return nil, err
	}
	for _, rv := range revs { // newest first
		if rv.Version <= d.Form.Version {
			break
		}
		if len(c.Saves) < savesListed {
			c.Saves = append(c.Saves, Save{Who: rv.Actor, Action: didWhat(rv.Action), At: rv.CreatedAt, Version: rv.Version})
		} else {
			c.Earlier++
		}
	}
	nm := newNames(n.store, n.cfg.Location, d.Sections, d.Staff)
	c.Diff = compareArticles(nm.ofArticle(d.Article), nm.ofForm(d.Form, d.Article))
	return c, nil
}

// keepUpload stores the picture (what: "image", "thumbnail") of a save
// that lost a race, so the writer need not choose it again. A picture that
// cannot be stored (not an image, or the member may not upload) is a
// problem to show, not a failure.
func (n *Newsroom) keepUpload(r *http.Request, up desk.Upload, what string) (*KeptImage, string, error) {
	me := actor(r)
	img, err := n.desk.KeepImage(r.Context(), me, up)
	var input *desk.InputError
	var forbidden *auth.Forbidden
	switch {
	case asErr(err, &input):
		return nil, "The " + what + " you chose was not kept: " + input.Error(), nil
	case asErr(err, &forbidden):
		return nil, "The " + what + " you chose was not kept: " + forbidden.Error(), nil
	case err != nil:
		return nil, "", err
	}
	kept, err := n.keepImage(r.Context(), me.Account.ID, img)
	return kept, "", err
}

// openLatest leaves an edit conflict for the latest version of a story
// (base is its editor's address without the id) once the writer confirms
// that what they typed, which is not saved, may go. The conflict page asks
// with a box to tick, which needs no script; reached without it, this asks
// on a page of its own. The redirect carries no ?done=, so the editor's
// script keeps the text it holds in this browser and offers it back.
func (n *Newsroom) openLatest(base, nav string) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		if r.URL.Query().Get("confirm") == "yes" {
			return redirect(w, r, base+strconv.FormatInt(id, 10), "")
		}
		return n.page(w, http.StatusOK, "message", MessageData{Frame: n.frame(r, "Open the latest version?", nav), Status: http.StatusOK,
			Heading: "Discard your text and open the latest version?",
			Message: "What you typed was not saved, and the latest version does not have it. " +
				"To keep it, go back a page and copy it, or save it over the latest version there.",
			Confirm: &Confirmation{Method: http.MethodGet, Action: r.URL.Path, Button: "Discard my text and open the latest version"}})
	}
}

// ofForm is the version a refused form would save over the stored article,
// read the way the desk reads a draft: texts trimmed, an empty slug kept
// from the stored article, the image kept unless removed or replaced.
func (nm *names) ofForm(f EditorForm, stored news.Article) articleVersion {
	v := articleVersion{Headline: strings.TrimSpace(f.Headline), Summary: strings.TrimSpace(f.Summary), Body: normalNewlines(f.Body),
		Section: nm.section(f.SectionID), Source: sourceLabel(news.Source{Agency: f.Agency, Name: strings.TrimSpace(f.SourceName)}),
		Place: strings.TrimSpace(f.Place), Edition: video.LangLabel(f.Lang), Caption: strings.TrimSpace(f.Caption),
		Credit: strings.TrimSpace(f.Credit), Slug: strings.TrimSpace(f.Slug), PublishAt: nm.when(stored.ScheduledAt)}
	if v.Slug == "" {
		v.Slug = stored.Slug
	}
	seen := map[string]bool{}
	for _, t := range strings.Split(f.Tags, ",") {
		if t = strings.TrimSpace(t); t != "" && !seen[news.Slugify(t)] {
			seen[news.Slugify(t)] = true
			v.Tags = append(v.Tags, t)
		}
	}
	for _, id := range f.authorIDs() {
		v.Byline = append(v.Byline, nm.member(id))
	}
	switch {
	case f.Kept != nil:
		v.Image = f.Kept.Name()
	case !f.RemoveImage:
		v.Image = imageLabel(stored.Image)
	}
	if at, err := time.ParseInLocation("2006-01-02T15:04", strings.TrimSpace(f.PublishAt), nm.loc); err == nil {
		v.PublishAt = nm.when(at)
	}
	return v
}
