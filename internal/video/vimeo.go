package video

import "net/url"

// validVimeoID reports whether id is a Vimeo video number.
func validVimeoID(id string) bool {
	if id == "" || len(id) > 12 || id[0] == '0' {
		return false
	}
	for i := range len(id) {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}

// validVimeoHash reports whether h has the shape of the privacy hash Vimeo
// gives unlisted videos: a short run of hex digits.
func validVimeoHash(h string) bool {
	if len(h) < 6 || len(h) > 32 {
		return false
	}
	for i := range len(h) {
		c := h[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

func vimeoSource(u *url.URL, id, hash string) (Source, error) {
	if !validVimeoID(id) {
		return Source{}, refuse(ErrBadURL, "The video id %s is not valid; Vimeo ids are numbers, like 76979871.", quote(id))
	}
	if hash == "" {
		hash = u.Query().Get("h")
	}
	if hash != "" && !validVimeoHash(hash) {
		return Source{}, refuse(ErrBadURL, "The privacy hash %s in that Vimeo link is not valid; copy the link again from Vimeo's Share button.", quote(hash))
	}
	start, err := startOffset(u, "t")
	if err != nil {
		return Source{}, err
	}
	return Source{Provider: Vimeo, ID: id, Hash: hash, Start: start}, nil
}

func vimeoNoVideo() error {
	return refuse(ErrBadURL, "That Vimeo link does not point to a video; open the video and copy its address.")
}

// parseVimeo reads vimeo.com pages: /ID, /ID/HASH (unlisted),
// /channels/NAME/ID, /groups/NAME/videos/ID, /album/N/video/ID,
// /showcase/N/video/ID and /manage/videos/ID.
func parseVimeo(u *url.URL, segs []string) (Source, error) {
	if len(segs) == 0 {
		return Source{}, vimeoNoVideo()
	}
	lower := make([]string, len(segs))
	for i, s := range segs {
		lower[i] = asciiLower(s)
	}
	switch lower[0] {
	case "channels":
		if len(segs) == 3 {
			return vimeoSource(u, segs[2], "")
		}
		return Source{}, channelError()
	case "groups":
		if len(segs) == 4 && lower[2] == "videos" {
			return vimeoSource(u, segs[3], "")
		}
		return Source{}, refuse(ErrBadURL, "That is a group; paste the link of one video.")
	case "album", "showcase":
		if len(segs) == 4 && lower[2] == "video" {
			return vimeoSource(u, segs[3], "")
		}
		return Source{}, refuse(ErrBadURL, "That is a showcase; paste the link of one video.")
	case "manage":
		if (len(segs) == 3 || len(segs) == 4) && lower[1] == "videos" {
			hash := ""
			if len(segs) == 4 {
				hash = segs[3]
			}
			return vimeoSource(u, segs[2], hash)
		}
		return Source{}, vimeoNoVideo()
	}
	if c := segs[0][0]; c < '0' || c > '9' {
		// vimeo.com/NAME is a member's page, vimeo.com/blog and the like are the site's own.
		return Source{}, vimeoNoVideo()
	}
	switch len(segs) {
	case 1:
		return vimeoSource(u, segs[0], "")
	case 2:
		return vimeoSource(u, segs[0], segs[1])
	}
	return Source{}, vimeoNoVideo()
}

// parseVimeoPlayer reads embed codes: player.vimeo.com/video/ID?h=HASH.
func parseVimeoPlayer(u *url.URL, segs []string) (Source, error) {
	if len(segs) != 2 || asciiLower(segs[0]) != "video" {
		return Source{}, vimeoNoVideo()
	}
	return vimeoSource(u, segs[1], "")
}
