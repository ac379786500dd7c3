package news

import (
	"fmt"
	"net/url"
	"time"
)

// Programme is a recurring bulletin such as "News in Brief", with slots such
// as "Prime Time".
type Programme struct {
	ID          int64
	Slug        string
	Name        string
	Description string
	Lang        string
	Slots       []Slot
}

// Path is the programme's page.
func (p Programme) Path() string { return "/programme/" + url.PathEscape(p.Slug) }

// Slot is a regular airing of a programme.
type Slot struct {
	ID          int64
	ProgrammeID int64
	Slug        string
	Name        string
	Position    int
}

// Video is a video story: a clip from YouTube or Vimeo, or a file uploaded
// to Dateline. An episode of a programme has a programme, a slot and an air
// date, and unless CustomTitle its title is built from them.
type Video struct {
	ID           int64
	Slug         string
	Title        string
	CustomTitle  bool
	Summary      string
	Lang         string
	Section      *Section
	Tags         []Tag
	Status       Status
	Provider     string // "youtube", "vimeo" or "upload"
	ProviderID   string
	ProviderHash string
	Start        time.Duration
	FileID       int64
	FileName     string
	Thumbnail    *Image
	Duration     time.Duration
	Programme    *Programme
	Slot         *Slot
	AirDate      string // YYYY-MM-DD in the site's zone; "" when not an episode
	OwnerID      int64
	Version      int
	PublishedAt  time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Path is the canonical site path of the video story.
func (v Video) Path() string { return VideoPath(v.ID, v.Slug) }

// VideoPath is the canonical site path of a video story.
func VideoPath(id int64, slug string) string {
	return fmt.Sprintf("/video/%d/%s", id, url.PathEscape(slug))
}

// FilePath is the stable address of an uploaded video file, ending in .mp4.
func (v Video) FilePath() string {
	if v.FileID == 0 {
		return ""
	}
	return fmt.Sprintf("/media/video/%d/%s", v.FileID, url.PathEscape(v.FileName))
}
