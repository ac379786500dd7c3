package newsroom

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/imaging"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/web"
)

// EditorData is the data of the article editor.
type EditorData struct {
	Frame
	IsNew       bool
	Article     news.Article // the stored article (zero for a new one)
	Form        EditorForm
	Sections    []news.Section
	Staff       []store.Account
	Problems    []string
	Conflict    *Conflict // the save was refused because someone else saved first
	CanEdit     bool
	CommentMode string       // the article's own comment mode, "" for the site's
	VideoID     int64        // the video story the article embeds, 0 for none
	Videos      []news.Video // published video stories to choose from
	Editions    []EditionChoice
	Translation TranslationPanel
}

// EditorForm holds the editor's field values: from the stored article, or
// as the writer submitted them when a save is refused (nothing typed is lost).
type EditorForm struct {
	Headline, Slug, Summary, Body, Tags string
	SectionID                           int64
	Authors                             map[int64]bool
	Agency                              bool
	SourceName, Place, Lang             string
	Caption, Credit                     string
	PublishAt                           string
	Version                             int
	RemoveImage                         bool
	Kept                                *KeptImage // a new image kept from a refused save
	keptToken                           string     // the form's claim to one, checked before use
}

// authorIDs lists the credited staff in id order.
func (f EditorForm) authorIDs() []int64 {
	var ids []int64
	for id, on := range f.Authors {
		if on {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// maxForm bounds an editor post: the largest image plus room for the text.
const maxForm = imaging.MaxUploadBytes + 1<<20

func formFromArticle(a news.Article) EditorForm {
	f := EditorForm{Headline: a.Headline, Slug: a.Slug, Summary: a.Summary, Body: a.BodyMarkdown,
		SectionID: a.Section.ID, Authors: map[int64]bool{}, Agency: a.Source.Agency, SourceName: a.Source.Name,
		Place: a.Place, Lang: a.Lang, Caption: a.ImageCaption, Credit: a.ImageCredit, Version: a.Version}
	var tags []string
	for _, t := range a.Tags {
		tags = append(tags, t.Name)
	}
	f.Tags = strings.Join(tags, ", ")
	for _, au := range a.Authors {
		f.Authors[au.ID] = true
	}
	return f
}

func (n *Newsroom) editorData(r *http.Request, title string) (EditorData, error) {
	d := EditorData{Frame: n.frame(r, title, "articles"), Editions: n.editionChoices()}
	var err error
	if d.Sections, err = n.store.Sections(r.Context()); err != nil {
		return d, err
	}
	d.Staff, err = n.store.Accounts(r.Context())
	return d, err
}

// newArticle shows an empty editor, crediting the writer.
func (n *Newsroom) newArticle(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.WriteArticle, "write articles"); err != nil {
		return err
	}
	d, err := n.editorData(r, "New article")
	if err != nil {
		return err
	}
	me := actor(r).Account
	d.IsNew, d.CanEdit = true, true
	d.Form = EditorForm{Lang: n.cfg.Editions.Default().Lang, Authors: map[int64]bool{me.ID: true}}
	if lang := r.URL.Query().Get("lang"); news.ValidLang(lang) {
		d.Form.Lang = lang // "new article in this edition" links
	}
	return n.page(w, http.StatusOK, "editor", d)
}

// editArticle shows the editor for an article the member may edit.
func (n *Newsroom) editArticle(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a, err := n.store.Article(r.Context(), id)
	if err != nil {
		return err
	}
	me := actor(r)
	ref := auth.ArticleRef{OwnerID: a.OwnerID, Status: a.Status}
	canEdit := auth.CanEdit(me.Role(), me.Account.ID, ref)
	if !auth.CanView(me.Role(), me.Account.ID, ref) {
		return &web.Error{Status: http.StatusForbidden, Message: "Your role does not allow you to open this article."}
	}
	d, err := n.editorData(r, a.Headline)
	if err != nil {
		return err
	}
	d.Article, d.Form, d.CanEdit = a, formFromArticle(a), canEdit
	if d.CommentMode, _, err = n.store.ArticleCommentMode(r.Context(), id); err != nil {
		return err
	}
	if d.VideoID, err = n.store.ArticleVideo(r.Context(), id); err != nil {
		return err
	}
	if d.Videos, _, err = n.store.NewsroomVideos(r.Context(), string(news.StatusPublished), 0, 50, 0); err != nil {
		return err
	}
	if d.Translation, err = n.translationPanel(r.Context(), a); err != nil {
		return err
	}
	return n.page(w, http.StatusOK, "editor", d)
}

// readDraft parses the editor form, including an optional image file.
func readDraft(w http.ResponseWriter, r *http.Request) (desk.Draft, EditorForm, error) {
	if err := parseUploadForm(w, r, maxForm, &web.Error{Status: http.StatusRequestEntityTooLarge,
		Message: "The upload is larger than 10 MB, so nothing was saved. Go back, choose a smaller image, and save again."}); err != nil {
		return desk.Draft{}, EditorForm{}, err
	}
	f := EditorForm{
		Headline: r.FormValue("headline"), Slug: strings.TrimSpace(r.FormValue("slug")), Summary: r.FormValue("summary"),
		Body: r.FormValue("body"), Tags: r.FormValue("tags"), Agency: r.FormValue("source_type") == "agency",
		SourceName: r.FormValue("source_name"), Place: r.FormValue("place"), Lang: r.FormValue("lang"),
		Caption: r.FormValue("image_caption"), Credit: r.FormValue("image_credit"), PublishAt: r.FormValue("publish_at"),
		Authors: map[int64]bool{}, RemoveImage: r.FormValue("remove_image") == "1",
	}
	if r.FormValue("drop_kept") != "1" {
		f.keptToken = r.FormValue("kept_image")
	}
	f.SectionID, _ = strconv.ParseInt(r.FormValue("section"), 10, 64)
	f.Version, _ = strconv.Atoi(r.FormValue("version"))
	dr := desk.Draft{Headline: f.Headline, Slug: f.Slug, Summary: f.Summary, Body: f.Body, SectionID: f.SectionID,
		Agency: f.Agency, SourceName: f.SourceName, Place: f.Place, Lang: f.Lang, Caption: f.Caption, Credit: f.Credit,
		RemoveImage: f.RemoveImage, Tags: formTags(f.Tags)}
	if r.MultipartForm != nil {
		for _, raw := range r.MultipartForm.Value["authors"] {
			if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
				f.Authors[id] = true
				dr.AuthorIDs = append(dr.AuthorIDs, id)
			}
		}
	} else {
		for _, raw := range r.PostForm["authors"] {
			if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
				f.Authors[id] = true
				dr.AuthorIDs = append(dr.AuthorIDs, id)
			}
		}
	}
	var err error
	dr.Image, err = formImage(r, "image")
	return dr, f, err
}

// publishAt reads the schedule time, typed in the site's zone.
func (n *Newsroom) publishAt(raw string) (time.Time, error) {
	if strings.TrimSpace(raw) == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", strings.TrimSpace(raw), n.cfg.Location)
	if err != nil {
		return t, &desk.InputError{Problems: []string{"The time to publish at must be a date and time such as 2026-11-27T08:30."}}
	}
	return t, nil
}

// saveArticle creates (id absent) or updates an article and applies the
// chosen workflow step. A refused save shows the form again with what the
// writer typed and what is wrong; a stale one says so and keeps their text.
func (n *Newsroom) saveArticle(w http.ResponseWriter, r *http.Request) error {
	dr, form, err := readDraft(w, r)
	if err != nil {
		return err
	}
	if form.Kept, err = n.keptImage(r.Context(), actor(r).Account.ID, form.keptToken); err != nil {
		return err
	}
	if form.Kept != nil {
		dr.Kept = &form.Kept.Image
	}
	action, err := desk.ParseAction(r.FormValue("action"))
	at, timeErr := n.publishAt(form.PublishAt)
	if err == nil {
		err = timeErr
	}
	var a news.Article
	isNew := r.PathValue("id") == ""
	if !isNew {
		// Known before the desk runs, so a form refused early still posts back
		// to this article rather than to article 0.
		a.ID, _ = strconv.ParseInt(r.PathValue("id"), 10, 64)
	}
	if err == nil {
		a, err = saveStory(r, n.desk.Articles, isNew, dr, form.Version, action, at)
	}
	if err == nil {
		done := string(action)
		if action == desk.Save {
			done = "saved"
		}
		return redirect(w, r, "/newsroom/articles/"+strconv.FormatInt(a.ID, 10), done)
	}
	status, problems, stale, ok := refusal(err, "article")
	if !ok {
		return err
	}
	d, derr := n.editorData(r, "Article")
	if derr != nil {
		return derr
	}
	d.IsNew, d.Form, d.CanEdit, d.Problems = isNew, form, true, problems
	if !isNew {
		if d.Article, derr = n.store.Article(r.Context(), a.ID); derr != nil {
			d.Article = a
		}
	}
	if stale {
		if err := n.articleLostRace(r, &d, dr, action); err != nil {
			return err
		}
	}
	return n.page(w, status, "editor", d)
}

// articleLostRace fills the editor for a save refused because someone else
// saved first: the image the writer chose is kept, the conflict described,
// and the form moved on to the stored version (see Conflict).
func (n *Newsroom) articleLostRace(r *http.Request, d *EditorData, dr desk.Draft, action desk.Action) error {
	if dr.Image != nil && len(dr.Image.Data) > 0 {
		kept, problem, err := n.keepUpload(r, *dr.Image, "image")
		if err != nil {
			return err
		}
		if kept != nil {
			d.Form.Kept = kept
		}
		if problem != "" {
			d.Problems = append(d.Problems, problem)
		}
	}
	c, err := n.articleConflict(r.Context(), *d, action)
	if err != nil {
		return err
	}
	d.Conflict, d.Form.Version = c, d.Article.Version
	return nil
}
