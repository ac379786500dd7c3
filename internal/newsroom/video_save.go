package newsroom

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"dateline/internal/desk"
	"dateline/internal/imaging"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/video"
	"dateline/internal/web"
)

// maxVideoForm bounds a video editor post: the largest video plus room for
// a thumbnail and the text fields.
const maxVideoForm = video.MaxUploadBytes + imaging.MaxUploadBytes + 1<<20

// videoTooLarge is the answer to an upload over the limit.
func videoTooLarge() error {
	return &web.Error{Status: http.StatusRequestEntityTooLarge, Message: fmt.Sprintf(
		"The video is larger than %d MB, so nothing was saved. Go back, choose a smaller file (or paste a YouTube or Vimeo link), and save again.",
		video.MaxUploadBytes>>20)}
}

// readVideoDraft parses the video editor's multipart form. The files stay
// where net/http spooled them, on disk; the video is handed to the desk as
// a reader, never read into memory whole.
func readVideoDraft(w http.ResponseWriter, r *http.Request) (desk.VideoDraft, VideoForm, error) {
	if r.ContentLength > maxVideoForm {
		return desk.VideoDraft{}, VideoForm{}, videoTooLarge() // refused before reading it to the end
	}
	if err := parseUploadForm(w, r, maxVideoForm, videoTooLarge()); err != nil {
		return desk.VideoDraft{}, VideoForm{}, err
	}
	f := VideoForm{Title: r.FormValue("title"), CustomTitle: r.FormValue("custom_title") == "1",
		Summary: r.FormValue("summary"), Lang: r.FormValue("lang"), Tags: r.FormValue("tags"),
		SourceURL: strings.TrimSpace(r.FormValue("source_url")), Duration: strings.TrimSpace(r.FormValue("duration")),
		AirDate: strings.TrimSpace(r.FormValue("air_date")), RemoveThumbnail: r.FormValue("remove_thumbnail") == "1"}
	if r.FormValue("drop_kept_thumbnail") != "1" {
		f.keptThumbToken = r.FormValue("kept_thumbnail")
	}
	if r.FormValue("drop_kept_video") != "1" {
		f.keptVideoToken = r.FormValue("kept_video")
	}
	f.SectionID, _ = strconv.ParseInt(r.FormValue("section"), 10, 64)
	f.ProgrammeID, _ = strconv.ParseInt(r.FormValue("programme"), 10, 64)
	f.SlotID, _ = strconv.ParseInt(r.FormValue("slot"), 10, 64)
	f.Version, _ = strconv.Atoi(r.FormValue("version"))
	dr := desk.VideoDraft{Title: f.Title, CustomTitle: f.CustomTitle, Summary: f.Summary, Lang: f.Lang,
		SectionID: f.SectionID, SourceURL: f.SourceURL, Duration: f.Duration, ProgrammeID: f.ProgrammeID,
		SlotID: f.SlotID, AirDate: f.AirDate, RemoveThumbnail: f.RemoveThumbnail, Tags: formTags(f.Tags)}
	if r.MultipartForm == nil {
		return dr, f, nil
	}
	if files := r.MultipartForm.File["video"]; len(files) > 0 && files[0].Size > 0 {
		if files[0].Size > video.MaxUploadBytes {
			return dr, f, videoTooLarge()
		}
		file, err := files[0].Open()
		if err != nil {
			return dr, f, err
		}
		// saveVideo closes it; net/http removes the spooled file afterwards.
		dr.File = &desk.VideoUpload{Name: files[0].Filename, Size: files[0].Size, Body: file}
	}
	var err error
	dr.Thumbnail, err = formImage(r, "thumbnail")
	return dr, f, err
}

// saveVideo creates (id absent) or updates a video story and applies the
// chosen workflow step. A refused save shows the form again with what the
// producer typed and what is wrong; a stale one says so and keeps it, files
// included (see Conflict).
func (n *Newsroom) saveVideo(w http.ResponseWriter, r *http.Request) error {
	dr, form, err := readVideoDraft(w, r)
	if err != nil {
		return err
	}
	if dr.File != nil {
		if c, ok := dr.File.Body.(io.Closer); ok {
			defer c.Close()
		}
	}
	if err := n.readKeptVideoUploads(r, &dr, &form); err != nil {
		return err
	}
	action, err := desk.ParseAction(r.FormValue("action"))
	var v news.Video
	isNew := r.PathValue("id") == ""
	if !isNew {
		// Known before the desk runs, so a form refused early still posts
		// back to this story rather than to story 0.
		v.ID, _ = strconv.ParseInt(r.PathValue("id"), 10, 64)
	}
	if err == nil {
		v, err = saveStory(r, n.desk.Videos, isNew, dr, form.Version, action, time.Time{})
	}
	if err == nil {
		done := "video-" + string(action)
		return redirect(w, r, "/newsroom/videos/"+strconv.FormatInt(v.ID, 10), done)
	}
	if errors.Is(err, store.ErrTooLarge) {
		return videoTooLarge()
	}
	status, problems, stale, ok := refusal(err, "video story")
	if !ok {
		return err
	}
	d, derr := n.videoEditorData(r, "Video story")
	if derr != nil {
		return derr
	}
	d.IsNew, d.Form, d.CanEdit, d.Problems = isNew, form, true, problems
	if !isNew {
		if stored, serr := n.store.Video(r.Context(), v.ID); serr == nil {
			d.Video, d.Preview = stored, previewOf(stored)
		} else {
			d.Video = v
		}
	}
	if stale {
		if err := n.videoLostRace(r, &d, dr, action); err != nil {
			return err
		}
	}
	return n.page(w, status, "video_editor", d)
}
