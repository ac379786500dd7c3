package newsroom

import (
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/auth"
	"dateline/internal/news"
	"dateline/internal/video"
	"dateline/internal/web"
)

// VideoEditorData is the data of the video story editor.
type VideoEditorData struct {
	Frame
	IsNew      bool
	Video      news.Video // the stored story (zero for a new one)
	Form       VideoForm
	Preview    VideoPreview
	Sections   []news.Section
	Programmes []news.Programme
	Problems   []string
	Conflict   *Conflict // the save was refused because someone else saved first
	CanEdit    bool
	MaxUpload  string // "500 MB"
	Editions   []EditionChoice
}

// VideoForm holds the editor's field values: from the stored story, or as
// the producer submitted them when a save is refused (nothing typed is lost
// but the files, which a browser cannot be made to send again).
type VideoForm struct {
	Title, Summary, Lang, Tags string
	CustomTitle                bool
	SectionID                  int64
	SourceURL                  string
	Duration                   string
	ProgrammeID, SlotID        int64
	AirDate                    string
	Version                    int
	RemoveThumbnail            bool
	KeptThumbnail              *KeptImage // a new thumbnail kept from a refused save
	KeptVideo                  *KeptVideo // a new video file kept from a refused save
	keptThumbToken             string     // the form's claims to those, checked before use
	keptVideoToken             string
}

// VideoPreview is what the stored story will play: the player address for
// a link, our own file's address for an upload, and a still picture.
type VideoPreview struct {
	Provider     string // "YouTube", "Vimeo", "Upload"
	EmbedURL     string
	WatchURL     string
	ThumbnailURL string
	FileURL      string // readers' address of an uploaded file, once published
	StaffFileURL string // the same file for staff, whatever the status
	Start        string // "1:30", or "" from the beginning
	Duration     string
}

func formFromVideo(v news.Video) VideoForm {
	f := VideoForm{Title: v.Title, CustomTitle: v.CustomTitle, Summary: v.Summary, Lang: v.Lang,
		SourceURL: sourceLink(v), AirDate: v.AirDate, Version: v.Version}
	if v.Section != nil {
		f.SectionID = v.Section.ID
	}
	if v.Programme != nil {
		f.ProgrammeID = v.Programme.ID
	}
	if v.Slot != nil {
		f.SlotID = v.Slot.ID
	}
	if v.Duration > 0 {
		f.Duration = video.FormatDuration(v.Duration)
	}
	var tags []string
	for _, t := range v.Tags {
		tags = append(tags, t.Name)
	}
	f.Tags = strings.Join(tags, ", ")
	return f
}

// source is the stored story's link source, as the video package knows it.
func source(v news.Video) video.Source {
	return video.Source{Provider: video.Provider(v.Provider), ID: v.ProviderID, Hash: v.ProviderHash, Start: v.Start}
}

// sourceLink is a link that parses back to the story's source, start time
// included, so saving the form unchanged keeps it; "" for an upload.
func sourceLink(v news.Video) string {
	src := source(v)
	link := src.WatchURL()
	if link == "" || src.Start <= 0 {
		return link
	}
	secs := strconv.FormatInt(int64(src.Start.Seconds()), 10)
	if src.Provider == video.Vimeo {
		return link + "#t=" + secs + "s"
	}
	return link + "&t=" + secs + "s"
}

func previewOf(v news.Video) VideoPreview {
	src := source(v)
	p := VideoPreview{Provider: video.Provider(v.Provider).Label(), EmbedURL: src.EmbedURL(), WatchURL: src.WatchURL(),
		ThumbnailURL: src.ThumbnailURL(), FileURL: v.FilePath()}
	if v.FileID != 0 {
		p.StaffFileURL = "/newsroom/videos/" + strconv.FormatInt(v.ID, 10) + "/file"
	}
	if v.Thumbnail != nil {
		p.ThumbnailURL = mediaPath(v.Thumbnail, "thumb")
	}
	if v.Start > 0 {
		p.Start = video.FormatDuration(v.Start)
	}
	if v.Duration > 0 {
		p.Duration = video.FormatDuration(v.Duration)
	}
	return p
}

func (n *Newsroom) videoEditorData(r *http.Request, title string) (VideoEditorData, error) {
	d := VideoEditorData{Frame: n.frame(r, title, "videos"), MaxUpload: strconv.Itoa(video.MaxUploadBytes>>20) + " MB",
		Editions: n.editionChoices()}
	var err error
	if d.Sections, err = n.store.Sections(r.Context()); err != nil {
		return d, err
	}
	d.Programmes, err = n.store.Programmes(r.Context())
	return d, err
}

// newVideo shows an empty video editor.
func (n *Newsroom) newVideo(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.WriteArticle, "make video stories"); err != nil {
		return err
	}
	d, err := n.videoEditorData(r, "New video story")
	if err != nil {
		return err
	}
	d.IsNew, d.CanEdit, d.Form = true, true, VideoForm{Lang: "en"}
	return n.page(w, http.StatusOK, "video_editor", d)
}

// editVideo shows the editor for a video story the member may edit, or
// read-only to an editor who may publish it.
func (n *Newsroom) editVideo(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	v, err := n.store.Video(r.Context(), id)
	if err != nil {
		return err
	}
	me := actor(r)
	ref := auth.ArticleRef{OwnerID: v.OwnerID, Status: v.Status}
	canEdit := auth.CanEdit(me.Role(), me.Account.ID, ref)
	if !auth.CanView(me.Role(), me.Account.ID, ref) {
		return &web.Error{Status: http.StatusForbidden, Message: "Your role does not allow you to open this video story."}
	}
	d, err := n.videoEditorData(r, v.Title)
	if err != nil {
		return err
	}
	d.Video, d.Form, d.Preview, d.CanEdit = v, formFromVideo(v), previewOf(v), canEdit
	return n.page(w, http.StatusOK, "video_editor", d)
}
