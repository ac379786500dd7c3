package desk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"dateline/internal/auth"
	"dateline/internal/news"
	"dateline/internal/store"
	"dateline/internal/video"
)

// VideoDraft is what a producer submits for a video story: every field they
// control. The source is either a link or an uploaded file; on an update,
// neither keeps the current source.
type VideoDraft struct {
	Title           string
	CustomTitle     bool // for an episode: use Title rather than the programme's title
	Summary         string
	Lang            string
	SectionID       int64 // 0: no section
	Tags            []string
	SourceURL       string       // a YouTube or Vimeo link
	File            *VideoUpload // or a self-hosted MP4
	Thumbnail       *Upload      // a still image, or nil to keep the current one
	RemoveThumbnail bool
	Duration        string // as typed, "4:05"; empty: not known
	ProgrammeID     int64  // 0: not an episode
	SlotID          int64
	AirDate         string // YYYY-MM-DD, in the site's zone

	// KeptFile and KeptThumbnail were stored by KeepVideoFile and KeepImage
	// when an earlier save of this draft was refused; each is used when no
	// new file (or picture) comes with the draft. The caller vouches that
	// the actor is the one who uploaded them.
	KeptFile      *store.VideoFile
	KeptThumbnail *news.Image
}

// VideoUpload is a video file sent with a draft. Body is read once, as it is
// stored, so a file of hundreds of megabytes never sits in memory.
type VideoUpload struct {
	Name string
	Size int64 // as the client announced it; 0 if unknown
	Body io.Reader
}

// ErrVideoTooLarge means an uploaded video is over video.MaxUploadBytes; it
// wraps store.ErrTooLarge.
var ErrVideoTooLarge = fmt.Errorf("the video is larger than %d MB: %w", video.MaxUploadBytes>>20, store.ErrTooLarge)

// Limits on video stories' own fields.
const (
	MaxVideoTitle   = news.MaxHeadline
	MaxVideoSummary = news.MaxSummary
)

// videoKind describes video stories to the Workflow. They keep no
// revisions and are never scheduled.
func (d *Desk) videoKind() Kind[news.Video, VideoDraft] {
	return Kind[news.Video, VideoDraft]{
		Name: "video story", Plural: "video stories", Write: "make video stories",
		New: func() news.Video { return news.Video{Lang: "en"} },
		State: func(v *news.Video) State {
			return State{ID: &v.ID, Status: &v.Status, OwnerID: &v.OwnerID, Version: &v.Version, PublishedAt: &v.PublishedAt}
		},
		Title: func(v *news.Video) string { return v.Title },
		Apply: func(ctx context.Context, actor auth.Actor, v *news.Video, dr VideoDraft, isNew bool) (func(context.Context) error, error) {
			up, err := d.applyVideo(ctx, actor, v, dr, isNew)
			if err != nil {
				return nil, err
			}
			return func(ctx context.Context) error { return d.attachVideoFiles(ctx, actor, v, dr, up) }, nil
		},
		Load:   d.store.Video,
		Insert: d.store.CreateVideo,
		Save:   d.store.UpdateVideo,
		Remove: d.store.DeleteVideo,
	}
}

// sniffed is an upload whose first bytes were checked; body reads the whole
// file from the start, those bytes included.
type sniffed struct {
	name string
	body io.Reader
}

// applyVideo copies a draft onto a video story, collecting every problem so
// that the producer hears of them all at once. It checks an uploaded file's
// first bytes but stores nothing.
func (d *Desk) applyVideo(ctx context.Context, actor auth.Actor, v *news.Video, dr VideoDraft, isNew bool) (*sniffed, error) {
	var problems []string
	problem := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	v.Summary = strings.TrimSpace(dr.Summary)
	if len(v.Summary) > MaxVideoSummary {
		problem("The summary is longer than %d bytes.", MaxVideoSummary)
	}
	if dr.Lang != "" {
		v.Lang = dr.Lang
	}
	if !news.ValidLang(v.Lang) {
		problem("Choose English, Sinhala or Tamil as the language.")
	}
	v.Section = nil
	if dr.SectionID != 0 {
		sec, err := d.store.SectionByID(ctx, dr.SectionID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			problem("Choose one of the sections, or none.")
		case err != nil:
			return nil, err
		default:
			v.Section = &sec
		}
	}
	v.Tags = tagsOf(dr.Tags, v.Tags, problem)
	v.Duration = 0
	if raw := strings.TrimSpace(dr.Duration); raw != "" {
		dur, err := video.ParseDuration(raw)
		if err != nil {
			problem("%s", err.Error())
		}
		v.Duration = dur
	}
	if err := d.applyEpisode(ctx, v, dr, problem); err != nil {
		return nil, err
	}
	up, err := applySource(actor, v, dr, isNew, problem)
	if err != nil {
		return nil, err
	}
	if dr.RemoveThumbnail {
		v.Thumbnail = nil
	}
	if dr.Thumbnail != nil && len(dr.Thumbnail.Data) > 0 {
		if err := actor.Require(auth.UploadMedia, "upload images"); err != nil {
			return nil, err
		}
	}
	if len(problems) > 0 {
		return nil, &InputError{Problems: problems}
	}
	return up, nil
}

// applyEpisode sets the programme, slot and air date, and the title: an
// episode without a custom title is named for its programme, slot and date.
func (d *Desk) applyEpisode(ctx context.Context, v *news.Video, dr VideoDraft, problem func(string, ...any)) error {
	v.Programme, v.Slot, v.AirDate = nil, nil, ""
	var prog news.Programme
	if dr.ProgrammeID != 0 {
		var err error
		prog, err = d.store.ProgrammeByID(ctx, dr.ProgrammeID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			problem("Choose one of the programmes, or none.")
		case err != nil:
			return err
		default:
			v.Programme = &prog
		}
	} else if dr.SlotID != 0 || strings.TrimSpace(dr.AirDate) != "" {
		problem("Choose the programme this episode belongs to, or leave its slot and air date empty.")
	}
	var slotName string
	if v.Programme != nil && dr.SlotID != 0 {
		for _, sl := range prog.Slots {
			if sl.ID == dr.SlotID {
				v.Slot, slotName = &sl, sl.Name
			}
		}
		if v.Slot == nil {
			problem("Choose one of the slots of %s.", prog.Name)
		}
	}
	var aired time.Time
	if v.Programme != nil {
		raw := strings.TrimSpace(dr.AirDate)
		var err error
		if aired, err = time.ParseInLocation("2006-01-02", raw, d.loc); raw == "" {
			problem("Enter the date the episode aired, like 2026-11-27.")
		} else if err != nil {
			problem("The air date %q is not a date; write it like 2026-11-27.", truncate(raw, 20))
		} else {
			v.AirDate = raw
		}
	}
	v.CustomTitle = dr.CustomTitle
	if dr.CustomTitle || dr.ProgrammeID == 0 {
		v.Title = strings.Join(strings.Fields(dr.Title), " ")
		if v.Title == "" {
			problem("Write a title.")
		}
	} else if v.AirDate != "" {
		v.Title = video.EpisodeTitle(prog.Name, slotName, aired)
	}
	if len(v.Title) > MaxVideoTitle {
		problem("The title is longer than %d bytes.", MaxVideoTitle)
	}
	// The address follows the title until readers have seen it, then stays.
	if v.PublishedAt.IsZero() || v.Slug == "" {
		v.Slug = news.Slugify(v.Title)
	}
	return nil
}

// applySource sets where the video plays from: a link, an uploaded file
// (checked by its first bytes here, stored later), or, when updating, the
// source it already has.
func applySource(actor auth.Actor, v *news.Video, dr VideoDraft, isNew bool, problem func(string, ...any)) (*sniffed, error) {
	link := strings.TrimSpace(dr.SourceURL)
	hasFile := dr.File != nil && dr.File.Body != nil
	kept := !hasFile && dr.KeptFile != nil
	switch {
	case link != "" && (hasFile || kept):
		problem("Use a link or an uploaded file, not both: clear the link to use the file, or leave the file out to use the link.")
		return nil, nil
	case link != "":
		src, err := video.ParseURL(link)
		if err != nil {
			problem("%s", err.Error())
			return nil, nil
		}
		v.Provider, v.ProviderID, v.ProviderHash, v.Start = string(src.Provider), src.ID, src.Hash, src.Start
		v.FileID, v.FileName = 0, ""
		return nil, nil
	case hasFile:
		if err := actor.Require(auth.UploadMedia, "upload videos"); err != nil {
			return nil, err
		}
		up, bad, err := sniff(*dr.File)
		if bad != "" {
			problem("%s", bad)
		}
		if up == nil || err != nil {
			return nil, err
		}
		v.Provider, v.ProviderID, v.ProviderHash, v.Start = string(video.Upload), "", "", 0
		return up, nil
	case kept:
		if err := actor.Require(auth.UploadMedia, "upload videos"); err != nil {
			return nil, err
		}
		v.Provider, v.ProviderID, v.ProviderHash, v.Start = string(video.Upload), "", "", 0
		v.FileID, v.FileName = dr.KeptFile.ID, dr.KeptFile.Filename
		return nil, nil
	case isNew || v.Provider == "":
		problem("Paste the link of a YouTube or Vimeo video, or upload an MP4 file.")
	}
	return nil, nil
}

// sniff checks an uploaded video's size and first bytes, and returns it
// ready to store, or what is wrong with it (bad) for the producer.
func sniff(f VideoUpload) (up *sniffed, bad string, err error) {
	if f.Size > video.MaxUploadBytes {
		return nil, "", ErrVideoTooLarge
	}
	head := make([]byte, video.SniffLen)
	n, err := io.ReadFull(f.Body, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, "", fmt.Errorf("desk: read the uploaded video: %w", err)
	}
	if err := video.SniffMP4(head[:n]); err != nil {
		return nil, err.Error(), nil
	}
	return &sniffed{name: video.SafeFilename(f.Name), body: io.MultiReader(bytes.NewReader(head[:n]), f.Body)}, "", nil
}

// KeepVideoFile stores an uploaded video without attaching it to any story,
// so that a producer whose save lost a race to another's need not upload it
// again: the next save of their draft names it in VideoDraft.KeptFile. A
// file no save ever uses stays unattached, as a replaced one does.
func (d *Desk) KeepVideoFile(ctx context.Context, actor auth.Actor, f VideoUpload) (store.VideoFile, error) {
	if err := actor.Require(auth.UploadMedia, "upload videos"); err != nil {
		return store.VideoFile{}, err
	}
	up, bad, err := sniff(f)
	if bad != "" {
		return store.VideoFile{}, &InputError{Problems: []string{bad}}
	}
	if err != nil {
		return store.VideoFile{}, err
	}
	return d.saveVideoFile(ctx, up)
}

func (d *Desk) saveVideoFile(ctx context.Context, up *sniffed) (store.VideoFile, error) {
	f, err := d.store.SaveVideoFile(ctx, up.name, up.body, video.MaxUploadBytes)
	if errors.Is(err, store.ErrTooLarge) {
		return f, ErrVideoTooLarge
	}
	return f, err
}

// attachVideoFiles stores a draft's thumbnail and video file, last of all,
// once the rest of the change has passed every check. The small picture goes
// first, so a refused picture never leaves a large video behind.
func (d *Desk) attachVideoFiles(ctx context.Context, actor auth.Actor, v *news.Video, dr VideoDraft, up *sniffed) error {
	switch {
	case dr.Thumbnail != nil && len(dr.Thumbnail.Data) > 0:
		img, err := d.saveImage(ctx, dr.Thumbnail.Name, dr.Thumbnail.Data)
		if isImageProblem(err) {
			return &InputError{Problems: []string{"Thumbnail: " + err.Error()}}
		}
		if err != nil {
			return err
		}
		v.Thumbnail = &img
	case dr.KeptThumbnail != nil:
		if err := actor.Require(auth.UploadMedia, "upload images"); err != nil {
			return err
		}
		v.Thumbnail = dr.KeptThumbnail
	}
	if up == nil {
		return nil
	}
	f, err := d.saveVideoFile(ctx, up)
	if err != nil {
		return err
	}
	v.FileID, v.FileName = f.ID, f.Filename
	return nil
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
