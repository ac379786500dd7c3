package newsroom

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/video"
)

// readKeptVideoUploads turns a video form's claims to a kept thumbnail and
// file into the draft's, when they are the member's own.
func (n *Newsroom) readKeptVideoUploads(r *http.Request, dr *desk.VideoDraft, f *VideoForm) error {
	me := actor(r).Account.ID
	var err error
	if f.KeptThumbnail, err = n.keptImage(r.Context(), me, f.keptThumbToken); err != nil {
		return err
	}
	if f.KeptVideo, err = n.keptVideo(r.Context(), me, f.keptVideoToken); err != nil {
		return err
	}
	if f.KeptThumbnail != nil {
		dr.KeptThumbnail = &f.KeptThumbnail.Image
	}
	if f.KeptVideo != nil {
		dr.KeptFile = &f.KeptVideo.File
	}
	return nil
}

// videoLostRace fills the video editor for a save refused because someone
// else saved first, as articleLostRace does for articles: the thumbnail
// and the video file the producer chose are kept, the conflict described,
// and the form moved on to the stored version.
func (n *Newsroom) videoLostRace(r *http.Request, d *VideoEditorData, dr desk.VideoDraft, action desk.Action) error {
	if dr.Thumbnail != nil && len(dr.Thumbnail.Data) > 0 {
		kept, problem, err := n.keepUpload(r, *dr.Thumbnail, "thumbnail")
		if err != nil {
			return err
		}
		if kept != nil {
			d.Form.KeptThumbnail = kept
		}
		if problem != "" {
			d.Problems = append(d.Problems, problem)
		}
	}
	if dr.File != nil && dr.File.Body != nil {
		f, err := n.desk.KeepVideoFile(r.Context(), actor(r), *dr.File)
		var input *desk.InputError
		var forbidden *auth.Forbidden
		switch {
		case asErr(err, &input):
			d.Problems = append(d.Problems, "The video file you chose was not kept: "+input.Error())
		case asErr(err, &forbidden):
			d.Problems = append(d.Problems, "The video file you chose was not kept: "+forbidden.Error())
		case err != nil:
			return err
		default:
			if d.Form.KeptVideo, err = n.keepVideo(r.Context(), actor(r).Account.ID, f); err != nil {
				return err
			}
		}
	}
	c, err := n.videoConflict(r.Context(), *d, action)
	if err != nil {
		return err
	}
	d.Conflict, d.Form.Version = c, d.Video.Version
	return nil
}

// videoConflict describes the race a save of d.Form lost against d.Video.
// Video stories keep no revisions, so the saves since are read from the
// audit log, which has one entry for each save of a video story.
func (n *Newsroom) videoConflict(ctx context.Context, d VideoEditorData, action desk.Action) (*Conflict, error) {
	c := &Conflict{Asked: asked(action), Latest: "/newsroom/videos/" + strconv.FormatInt(d.Video.ID, 10) + "/latest"}
	since := min(max(d.Video.Version-d.Form.Version, 1), revisionsShown)
	log, err := n.store.AuditLog(ctx, store.AuditFilter{ObjectType: "video", ObjectID: d.Video.ID, Limit: since})
	if err != nil {
		return nil, err
	}
	for i, e := range log {
		if len(c.Saves) < savesListed {
			c.Saves = append(c.Saves, Save{Who: e.Actor, Action: didWhat(e.Action), At: e.At, Version: d.Video.Version - i})
		} else {
			c.Earlier++
		}
	}
	nm := newNames(n.store, n.cfg.Location, d.Sections, nil)
	c.Diff = compareVideos(ofVideo(d.Video), nm.ofVideoForm(d.Form, d.Video, d.Programmes))
	return c, nil
}

// videoVersion is a version of a video story as compare reads it.
type videoVersion struct {
	Title, Summary           string
	TitleFrom                string // for an episode: "the programme" or "as typed"
	Section, Edition         string
	Tags                     []string
	Source, Thumbnail        string
	Duration                 string
	Programme, Slot, AirDate string
}

func compareVideos(old, new videoVersion) Changes {
	return compare([]text{{"Title", old.Title, new.Title}, {"Summary", old.Summary, new.Summary}},
		[]FieldChange{
			value("Video", old.Source, new.Source),
			value("Section", old.Section, new.Section),
			value("Edition", old.Edition, new.Edition),
			value("Duration", old.Duration, new.Duration),
			value("Programme", old.Programme, new.Programme),
			value("Slot", old.Slot, new.Slot),
			value("Air date", old.AirDate, new.AirDate),
			value("Episode title", old.TitleFrom, new.TitleFrom),
			value("Thumbnail", old.Thumbnail, new.Thumbnail),
			list("Tags", old.Tags, new.Tags, news.Slugify),
		})
}

// videoSource names where a story's video plays from: its link, or our file.
func videoSource(link, file string) string {
	if link != "" {
		return link
	}
	if file != "" {
		return "Uploaded file " + file
	}
	return ""
}

func titleFrom(custom bool) string {
	if custom {
		return "as typed"
	}
	return "from the programme"
}

// ofVideo is the stored video story's version.
func ofVideo(v news.Video) videoVersion {
	f := formFromVideo(v)
	out := videoVersion{Title: v.Title, Summary: v.Summary, Edition: video.LangLabel(v.Lang), Source: videoSource(f.SourceURL, v.FileName),
		Thumbnail: imageLabel(v.Thumbnail), Duration: f.Duration, AirDate: v.AirDate}
	if v.Section != nil {
		out.Section = v.Section.Name
	}
	if v.Programme != nil {
		out.Programme, out.TitleFrom = v.Programme.Name, titleFrom(v.CustomTitle)
	}
	if v.Slot != nil {
		out.Slot = v.Slot.Name
	}
	for _, t := range v.Tags {
		out.Tags = append(out.Tags, t.Name)
	}
	return out
}

// ofVideoForm is the version a refused video form would save over the
// stored story, read the way the desk reads a draft.
func (nm *names) ofVideoForm(f VideoForm, stored news.Video, programmes []news.Programme) videoVersion {
	out := videoVersion{Title: strings.TrimSpace(f.Title), Summary: strings.TrimSpace(f.Summary), Section: nm.section(f.SectionID),
		Edition: video.LangLabel(f.Lang), Duration: strings.TrimSpace(f.Duration), AirDate: f.AirDate}
	if d, err := video.ParseDuration(out.Duration); err == nil && d > 0 {
		out.Duration = video.FormatDuration(d) // "245" and "4:05" are one duration
	}
	for _, p := range programmes {
		if p.ID == f.ProgrammeID {
			out.Programme, out.TitleFrom = p.Name, titleFrom(f.CustomTitle)
		}
		for _, sl := range p.Slots {
			if sl.ID == f.SlotID {
				out.Slot = sl.Name
			}
		}
	}
	if out.Programme == "" {
		out.AirDate = "" // only an episode has one
	} else if out.TitleFrom == titleFrom(false) {
		out.Title = stored.Title // an episode's own title is made from the programme, not typed
	}
	switch {
	case strings.TrimSpace(f.SourceURL) != "":
		out.Source = strings.TrimSpace(f.SourceURL)
	case f.KeptVideo != nil:
		out.Source = videoSource("", f.KeptVideo.File.Filename)
	default:
		out.Source = ofVideo(stored).Source // neither: the story keeps its source
	}
	switch {
	case f.KeptThumbnail != nil:
		out.Thumbnail = f.KeptThumbnail.Name()
	case !f.RemoveThumbnail:
		out.Thumbnail = imageLabel(stored.Thumbnail)
	}
	seen := map[string]bool{}
	for _, t := range strings.Split(f.Tags, ",") {
		if t = strings.TrimSpace(t); t != "" && !seen[news.Slugify(t)] {
			seen[news.Slugify(t)] = true
			out.Tags = append(out.Tags, t)
		}
	}
	return out
}
