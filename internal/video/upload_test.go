package video

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

// ftyp builds the start of an ISO BMFF file: a file-type box with the major
// brand and compatible brands given, followed by the header of an mdat box.
func ftyp(major string, compatible ...string) []byte {
	size := 16 + 4*len(compatible)
	b := binary.BigEndian.AppendUint32(nil, uint32(size))
	b = append(b, "ftyp"+major...)
	b = binary.BigEndian.AppendUint32(b, 0x200) // minor version
	for _, c := range compatible {
		b = append(b, c...)
	}
	return append(b, 0, 0, 0, 8, 'm', 'd', 'a', 't')
}

func TestSniffMP4(t *testing.T) {
	ebml := "\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84"
	cases := []struct {
		name string
		head []byte
		err  string // "" for accepted
	}{
		{"isom", ftyp("isom", "isom", "iso2", "avc1", "mp41"), ""},
		{"mp42 from a camera", ftyp("mp42", "mp42", "isom"), ""},
		{"mp41", ftyp("mp41"), ""},
		{"iso5 dash", ftyp("iso5", "iso6", "mp41"), ""},
		{"iso6", ftyp("iso6"), ""},
		{"avc1", ftyp("avc1", "isom"), ""},
		{"dash", ftyp("dash", "iso6", "avc1"), ""},
		{"itunes m4v", ftyp("M4V ", "M4V ", "M4A ", "mp42", "isom"), ""},
		{"quicktime", ftyp("qt  ", "qt  "), ""},
		{"unknown major brand with mp4 compatible", ftyp("XYZ1", "isom", "mp42"), ""},
		{"only the ftyp box", ftyp("mp42")[:16], ""},
		{"unknown brand alone", ftyp("XYZ1", "XYZ2"), "The file is not an MP4 video"},
		{"m4a audio", ftyp("M4A ", "M4A ", "mp42", "isom"), "M4A audio"},
		{"heic photo", ftyp("heic", "mif1", "heic"), "HEIC image"},
		{"avif image", ftyp("avif", "avif", "mif1", "miaf"), "AVIF image"},
		{"3gp phone video", ftyp("3gp4", "isom", "3gp4"), "3GP phone video"},
		{"ftyp with a silly size", append([]byte{0xff, 0xff, 0xff, 0xff}, ftyp("isom")[4:]...), "not an MP4 video"},
		{"ftyp too small", append([]byte{0, 0, 0, 8}, ftyp("isom")[4:]...), "not an MP4 video"},
		{"ftyp at the wrong offset", append([]byte{0}, ftyp("isom")...), "not an MP4 video"},
		{"old quicktime", []byte("\x00\x00\x00\x08wide\x00\x00\x10\x00mdat"), "old QuickTime"},
		{"webm", []byte(ebml + "webm\x42\x87\x81\x04"), "WebM video"},
		{"mkv", []byte(ebml + "matroska\x42\x87\x81\x04"), "Matroska (MKV)"},
		{"avi", []byte("RIFF\x24\x10\x00\x00AVI LIST"), "AVI video"},
		{"wav", []byte("RIFF\x24\x10\x00\x00WAVEfmt "), "WAV audio"},
		{"webp", []byte("RIFF\x24\x10\x00\x00WEBPVP8 "), "WebP image"},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), "JPEG image"},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "PNG image"},
		{"gif", []byte("GIF89a\x01\x00\x01\x00"), "GIF image"},
		{"mp3", []byte("ID3\x04\x00\x00\x00\x00\x00\x00"), "MP3 audio"},
		{"flv", []byte("FLV\x01\x05\x00\x00\x00\x09"), "Flash (FLV)"},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3"), "PDF document"},
		{"zip", []byte("PK\x03\x04\x14\x00\x00\x00"), "ZIP archive"},
		{"html renamed clip.mp4", []byte("<!DOCTYPE html><html><body><script>alert(document.cookie)</script>"), "web page"},
		{"html with bom and space", []byte("\xef\xbb\xbf\n  <html lang=\"si\">"), "web page"},
		{"text", []byte("Minutes of the council meeting, 3 March.\nPresent: ...\n"), "text file"},
		{"sinhala text cut mid-rune", []byte("පුවත් සංග්\u200dරහය")[:10], "text file"},
		{"binary junk", []byte{0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b}, "The file is not an MP4 video"},
		{"tiny", []byte{0x00}, "The file is not an MP4 video"},
		{"empty", nil, "The file is empty."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := SniffMP4(tc.head)
			if tc.err == "" {
				if err != nil {
					t.Fatalf("SniffMP4 refused a good file: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("SniffMP4 accepted it, want %q", tc.err)
			}
			if !errors.Is(err, ErrNotVideo) || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("error %q, want %q wrapping ErrNotVideo", err, tc.err)
			}
			checkSentence(t, err.Error())
		})
	}
}

func TestMaxUploadBytes(t *testing.T) {
	if MaxUploadBytes != 500*1024*1024 {
		t.Fatalf("MaxUploadBytes = %d", MaxUploadBytes)
	}
}
