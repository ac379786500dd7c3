// Package video understands the videos a story can carry: links to YouTube
// and Vimeo pasted by producers, self-hosted MP4 uploads, and the titles and
// durations of recurring bulletins. It is pure: strings and bytes in, strings
// out, no HTTP, no storage and no network calls.
//
// Embedded players are built from the parsed id alone, never from the pasted
// text, so whatever a producer pastes can only ever become one of two fixed
// player addresses.
package video

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Provider of a video's source.
type Provider string

// The providers the site knows. Upload is a self-hosted MP4; it has no
// external Source and the URL methods return "" for it.
const (
	YouTube Provider = "youtube"
	Vimeo   Provider = "vimeo"
	Upload  Provider = "upload"
)

// Label is the provider's name as readers know it ("Watch on YouTube"), or ""
// for a provider the package does not know.
func (p Provider) Label() string {
	switch p {
	case YouTube:
		return "YouTube"
	case Vimeo:
		return "Vimeo"
	case Upload:
		return "Upload"
	}
	return ""
}

// Source is a parsed external video reference.
type Source struct {
	Provider Provider
	// ID is the provider's video id: for YouTube 11 characters of
	// [A-Za-z0-9_-], for Vimeo a number.
	ID string
	// Hash is the privacy hash of an unlisted Vimeo video
	// ("https://vimeo.com/123456/abcdef1234"), else "".
	Hash string
	// Start is where playback begins, from t=, start= or #t= in the link;
	// whole seconds, never negative.
	Start time.Duration
}

var (
	// ErrBadURL is behind every error ParseURL returns; the error's own
	// message is a sentence to show the producer.
	ErrBadURL = errors.New("video: not a YouTube or Vimeo video link")
	// ErrBadDuration is behind every error ParseDuration returns.
	ErrBadDuration = errors.New("video: not a duration")
	// ErrNotVideo is behind every error SniffMP4 returns.
	ErrNotVideo = errors.New("video: not an MP4 video")
)

// userError carries a sentence fit to show the producer, while errors.Is
// still sees the sentinel behind it.
type userError struct {
	msg  string
	kind error
}

func (e *userError) Error() string { return e.msg }
func (e *userError) Unwrap() error { return e.kind }

func refuse(kind error, format string, args ...any) error {
	return &userError{msg: fmt.Sprintf(format, args...), kind: kind}
}

// quote shows a piece of the producer's input inside a message: quoted, with
// control and invisible characters escaped, and cut short if it is long.
func quote(s string) string {
	const limit = 40
	if len(s) > limit {
		cut := limit
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "…"
	}
	return strconv.Quote(s)
}

// valid reports whether s can be turned into player addresses. The URL
// methods check it because a Source may also come from storage or be built
// by hand, and its fields are pasted into URLs unescaped.
func (s Source) valid() bool {
	if s.Start < 0 {
		return false
	}
	switch s.Provider {
	case YouTube:
		return validYouTubeID(s.ID) && s.Hash == ""
	case Vimeo:
		return validVimeoID(s.ID) && (s.Hash == "" || validVimeoHash(s.Hash))
	}
	return false
}

// seconds is the start offset in whole seconds, as the players want it.
func (s Source) seconds() int64 { return int64(s.Start / time.Second) }

// EmbedURL is the privacy-enhanced player address, to be loaded only after
// the reader clicks play:
//
//	YouTube https://www.youtube-nocookie.com/embed/ID?autoplay=1&rel=0[&start=N]
//	Vimeo   https://player.vimeo.com/video/ID?autoplay=1&dnt=1[&h=HASH][#t=Ns]
//
// It is "" for uploads and for a Source that does not hold a valid id.
func (s Source) EmbedURL() string {
	if !s.valid() {
		return ""
	}
	switch s.Provider {
	case YouTube:
		u := "https://www.youtube-nocookie.com/embed/" + s.ID + "?autoplay=1&rel=0"
		if n := s.seconds(); n > 0 {
			u += "&start=" + strconv.FormatInt(n, 10)
		}
		return u
	case Vimeo:
		u := "https://player.vimeo.com/video/" + s.ID + "?autoplay=1&dnt=1"
		if s.Hash != "" {
			u += "&h=" + s.Hash
		}
		if n := s.seconds(); n > 0 {
			u += "#t=" + strconv.FormatInt(n, 10) + "s"
		}
		return u
	}
	return ""
}

// WatchURL is the canonical public page of the video on the provider, for
// "Watch on YouTube" links and JSON-LD. Being canonical, it leaves Start out.
// It is "" for uploads and for a Source that does not hold a valid id.
func (s Source) WatchURL() string {
	if !s.valid() {
		return ""
	}
	switch s.Provider {
	case YouTube:
		return "https://www.youtube.com/watch?v=" + s.ID
	case Vimeo:
		if s.Hash != "" {
			// An unlisted video's page is only reachable with its hash.
			return "https://vimeo.com/" + s.ID + "/" + s.Hash
		}
		return "https://vimeo.com/" + s.ID
	}
	return ""
}

// ThumbnailURL is the provider's still image where one can be built without a
// network call: https://i.ytimg.com/vi/ID/hqdefault.jpg for YouTube, which
// exists for every video. Vimeo's stills need their API, so it is "" there,
// as it is for uploads and invalid sources.
func (s Source) ThumbnailURL() string {
	if !s.valid() || s.Provider != YouTube {
		return ""
	}
	return "https://i.ytimg.com/vi/" + s.ID + "/hqdefault.jpg"
}
