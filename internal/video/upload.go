package video

import (
	"bytes"
	"encoding/binary"
	"slices"
	"unicode/utf8"
)

// MaxUploadBytes is the largest self-hosted video accepted: 500 MiB.
const MaxUploadBytes = 500 << 20

// SniffLen is how many bytes from the start of a file SniffMP4 wants to see;
// fewer work for a real MP4, but the other formats are named more reliably
// with this many.
const SniffLen = 512

// SniffMP4 checks that head, the first bytes of an upload, are an ISO base
// media (MP4) file: an ftyp box at offset 4 whose brand says MP4, M4V,
// DASH or QuickTime. The bytes decide, never the file name. Otherwise the
// error wraps ErrNotVideo and its message is a sentence for the producer,
// naming what the file seems to be when that is easy to tell (WebM, AVI, an
// image, a web page, text).
func SniffMP4(head []byte) error {
	if len(head) == 0 {
		return refuse(ErrNotVideo, "The file is empty.")
	}
	if len(head) >= 12 && string(head[4:8]) == "ftyp" {
		return checkFtyp(head)
	}
	if len(head) >= 8 {
		switch string(head[4:8]) {
		case "moov", "mdat", "wide", "free", "skip":
			// Old QuickTime files start with their atoms and no ftyp; players
			// on the web do not all read them.
			return notMP4("an old QuickTime movie without a file-type header")
		}
	}
	return notMP4(describe(head))
}

func notMP4(what string) error {
	if what == "" {
		return refuse(ErrNotVideo, "The file is not an MP4 video; export it as MP4 (H.264) and upload it again.")
	}
	return refuse(ErrNotVideo, "The file looks like %s, not an MP4 video; export it as MP4 (H.264) and upload it again.", what)
}

// checkFtyp judges the file-type box. The major brand decides when it is
// known either way; a brand the package does not know is accepted when one
// of the compatible brands listed after it is an MP4 one.
func checkFtyp(head []byte) error {
	size := binary.BigEndian.Uint32(head)
	if size < 16 || size%4 != 0 || size > 4096 {
		return notMP4("")
	}
	major := string(head[8:12])
	if what := notVideoBrand(major); what != "" {
		return notMP4(what)
	}
	if mp4Brand(major) {
		return nil
	}
	end := min(int(size), len(head))
	for i := 16; i+4 <= end; i += 4 {
		if mp4Brand(string(head[i : i+4])) {
			return nil
		}
	}
	return notMP4("")
}

// mp4Brand reports whether an ftyp brand promises a video browsers play.
func mp4Brand(b string) bool {
	switch b {
	case "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7", "iso8", "iso9",
		"mp41", "mp42", "mp71", "avc1", "dash", "msdh", "msix",
		"M4V ", "M4VH", "M4VP", "MSNV", "XAVC", "mmp4", "f4v ", "qt  ":
		return true
	}
	return false
}

// notVideoBrand names the ISO base media files that are not videos: audio,
// HEIF and AVIF images, and 3GP phone video, which browsers do not all play.
func notVideoBrand(b string) string {
	switch {
	case b == "M4A " || b == "M4B " || b == "M4P " || b == "F4A " || b == "F4B ":
		return "an M4A audio file"
	case b == "heic" || b == "heix" || b == "hevc" || b == "hevx" || b == "mif1" || b == "msf1":
		return "a HEIC image"
	case b == "avif" || b == "avis":
		return "an AVIF image"
	case b == "crx ":
		return "a camera raw photo"
	case len(b) == 4 && (b[:3] == "3gp" || b[:3] == "3g2"):
		return "a 3GP phone video"
	}
	return ""
}

// describe names common formats from their first bytes, or returns "".
func describe(head []byte) string {
	has := func(off int, magic string) bool {
		return len(head) >= off+len(magic) && string(head[off:off+len(magic)]) == magic
	}
	switch {
	case has(0, "\x1a\x45\xdf\xa3"):
		// Matroska's DocType says which of the two it is, early in the header.
		if bytes.Contains(head[:min(len(head), 64)], []byte("webm")) {
			return "a WebM video"
		}
		return "a Matroska (MKV) video"
	case has(0, "RIFF") && has(8, "AVI "):
		return "an AVI video"
	case has(0, "RIFF") && has(8, "WAVE"):
		return "a WAV audio file"
	case has(0, "RIFF") && has(8, "WEBP"):
		return "a WebP image"
	case has(0, "\xff\xd8\xff"):
		return "a JPEG image"
	case has(0, "\x89PNG\r\n\x1a\n"):
		return "a PNG image"
	case has(0, "GIF87a"), has(0, "GIF89a"):
		return "a GIF image"
	case has(0, "FLV\x01"):
		return "a Flash (FLV) video"
	case has(0, "\x00\x00\x01\xba"), has(0, "\x00\x00\x01\xb3"):
		return "an MPEG-PS video"
	case has(0, "\x47") && has(188, "\x47"):
		return "an MPEG transport stream (.ts)"
	case has(0, "\x30\x26\xb2\x75\x8e\x66\xcf\x11"):
		return "a Windows Media (WMV) video"
	case has(0, "OggS"):
		return "an Ogg file"
	case has(0, "ID3"), len(head) >= 2 && head[0] == 0xff && head[1]&0xe0 == 0xe0:
		return "an MP3 audio file"
	case has(0, "fLaC"):
		return "a FLAC audio file"
	case has(0, "%PDF-"):
		return "a PDF document"
	case has(0, "PK\x03\x04"):
		return "a ZIP archive"
	}
	if markup(head) {
		return "a web page"
	}
	if text(head) {
		return "a text file"
	}
	return ""
}

// markup reports whether head starts, after a byte-order mark and blank
// space, like an HTML or XML document.
func markup(head []byte) bool {
	b := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n\f")
	if len(b) < 2 || b[0] != '<' {
		return false
	}
	c := b[1] | 0x20
	return c >= 'a' && c <= 'z' || b[1] == '!' || b[1] == '?'
}

// text reports whether head is readable UTF-8 without control characters
// other than tabs and line breaks. A rune cut off at the end of head is
// allowed: head is usually the first SniffLen bytes of a longer file.
func text(head []byte) bool {
	b := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			return !utf8.FullRune(b)
		}
		if r < 0x20 && !slices.Contains([]rune{'\t', '\n', '\r', '\f'}, r) || r == 0x7f {
			return false
		}
		b = b[n:]
	}
	return true
}
