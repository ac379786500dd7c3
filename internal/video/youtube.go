package video

import (
	"net/url"
	"strings"
)

// validYouTubeID reports whether id has the shape of a YouTube video id:
// 11 characters of the URL-safe base64 alphabet.
func validYouTubeID(id string) bool {
	if len(id) != 11 {
		return false
	}
	for i := range len(id) {
		c := id[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func youTubeSource(u *url.URL, id string) (Source, error) {
	if id == "" {
		return Source{}, youTubeNoVideo()
	}
	if !validYouTubeID(id) {
		return Source{}, refuse(ErrBadURL, "The video id %s is not valid; YouTube ids are 11 letters, digits, dashes or underscores.", quote(id))
	}
	start, err := startOffset(u, "t", "start")
	if err != nil {
		return Source{}, err
	}
	return Source{Provider: YouTube, ID: id, Start: start}, nil
}

func youTubeNoVideo() error {
	return refuse(ErrBadURL, "That YouTube link does not point to a video; open the video and copy its address.")
}

func playlistError() error {
	return refuse(ErrBadURL, "That is a playlist; paste the link of one video.")
}

func channelError() error {
	return refuse(ErrBadURL, "That is a channel; paste the link of one video.")
}

// parseYouTube reads youtube.com and its m. and music. hosts: /watch?v=ID,
// /watch/ID, /embed/ID, /shorts/ID, /live/ID and /v/ID, and recognises
// playlist and channel pages to say what they are.
func parseYouTube(u *url.URL, segs []string) (Source, error) {
	q := u.Query()
	if len(segs) == 0 {
		// youtube.com/?v=ID still opens the video.
		if v := q.Get("v"); v != "" {
			return youTubeSource(u, v)
		}
		return Source{}, youTubeNoVideo()
	}
	switch first := asciiLower(segs[0]); {
	case first == "watch":
		switch {
		case len(segs) == 2:
			return youTubeSource(u, segs[1])
		case len(segs) > 2:
			return Source{}, youTubeNoVideo()
		case q.Get("v") != "":
			return youTubeSource(u, q.Get("v"))
		case q.Get("list") != "":
			return Source{}, playlistError()
		}
		return Source{}, youTubeNoVideo()
	case first == "embed", first == "shorts", first == "live", first == "v", first == "e":
		return youTubePlayerPath(u, segs)
	case first == "playlist":
		return Source{}, playlistError()
	case first == "channel", first == "c", first == "user", strings.HasPrefix(first, "@"):
		return Source{}, channelError()
	}
	return Source{}, youTubeNoVideo()
}

// youTubePlayerPath reads /embed/ID and its kin, which put the id in the path.
func youTubePlayerPath(u *url.URL, segs []string) (Source, error) {
	first := asciiLower(segs[0])
	if first == "embed" && (len(segs) == 1 || segs[1] == "videoseries") && u.Query().Get("list") != "" {
		return Source{}, playlistError()
	}
	if len(segs) != 2 {
		return Source{}, youTubeNoVideo()
	}
	return youTubeSource(u, segs[1])
}

// parseYoutuBe reads the short links of the Share button: youtu.be/ID?t=90.
func parseYoutuBe(u *url.URL, segs []string) (Source, error) {
	if len(segs) != 1 {
		return Source{}, youTubeNoVideo()
	}
	return youTubeSource(u, segs[0])
}

// parseYouTubeNoCookie reads embed codes already using the privacy host.
func parseYouTubeNoCookie(u *url.URL, segs []string) (Source, error) {
	if len(segs) == 0 {
		return Source{}, youTubeNoVideo()
	}
	switch asciiLower(segs[0]) {
	case "embed", "v":
		return youTubePlayerPath(u, segs)
	}
	return Source{}, youTubeNoVideo()
}
