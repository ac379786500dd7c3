package imaging

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"strings"
	"testing"
	"time"
)

// pngHeader returns a PNG signature and IHDR claiming w×h pixels of the
// given bit depth and colour type (0 grey, 2 RGB, 3 palette, 6 RGBA), with
// interlace as given; a palette image also gets a one-colour PLTE, which
// DecodeConfig needs. No pixel data follows.
func pngHeader(w, h uint32, depth, colourType, interlace byte) []byte {
	chunk := func(out []byte, body []byte) []byte {
		out = binary.BigEndian.AppendUint32(out, uint32(len(body)-4))
		out = append(out, body...)
		return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(body))
	}
	ihdr := []byte("IHDR")
	ihdr = binary.BigEndian.AppendUint32(ihdr, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, depth, colourType, 0, 0, interlace)
	out := chunk([]byte("\x89PNG\r\n\x1a\n"), ihdr)
	if colourType == 3 {
		// DecodeConfig reads on to the first IDAT, looking for tRNS.
		out = chunk(out, []byte("PLTE\x00\x00\x00"))
		out = chunk(out, []byte("IDAT"))
	}
	return out
}

// jpegFrameClaiming takes a real 4:2:0 JPEG and rewrites its frame header
// to claim w×h pixels and, if progressive, to be SOF2.
func jpegFrameClaiming(t testing.TB, w, h uint16, progressive bool) []byte {
	t.Helper()
	data := jpegClaiming(t, w, h)
	if progressive {
		data[bytes.Index(data, []byte{0xff, 0xc0})+1] = 0xc2
	}
	return data
}

// deepPNG is storetest.DeepPNG (which this package cannot import): a real
// w×h 16-bit grey PNG, all black, made without a w×h image.
func deepPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	var idat bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	row := make([]byte, 1+2*w)
	for range h {
		zw.Write(row)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out := pngHeader(uint32(w), uint32(h), 16, 0, 0)
	body := append([]byte("IDAT"), idat.Bytes()...)
	out = binary.BigEndian.AppendUint32(out, uint32(idat.Len()))
	out = append(out, body...)
	out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(body))
	return append(out, 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82)
}

// TestWorkBytes checks the estimate from headers alone: what ordinary
// photographs up to MaxPixels need stays under MaxWorkBytes, and what
// decodes to far more than its pixels suggest goes over.
func TestWorkBytes(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		name     string
		data     []byte
		min, max int64 // the estimate must fall in [min, max]
		fits     bool
	}{
		// The reporter's file: 49 megapixels at 8 bytes each is 392 MB
		// before any rendition.
		{"7000×7000 16-bit RGBA PNG", pngHeader(7000, 7000, 16, 6, 0), 392_000_000, 470_000_000, false},
		{"6000×6000 16-bit grey PNG", pngHeader(6000, 6000, 16, 0, 0), 288_000_000, 330_000_000, false},
		{"5000×5000 16-bit RGBA PNG", pngHeader(5000, 5000, 16, 6, 0), 200_000_000, 250 * mb, true},
		{"50 MP 8-bit RGBA PNG", pngHeader(10000, 5000, 8, 6, 0), 200_000_000, 250 * mb, true},
		{"50 MP 8-bit RGBA PNG, interlaced", pngHeader(10000, 5000, 8, 6, 1), 400_000_000, 450_000_000, false},
		{"50 MP palette PNG", pngHeader(10000, 5000, 8, 3, 0), 50_000_000, 100 * mb, true},
		{"50 MP baseline 4:2:0 JPEG", jpegFrameClaiming(t, 8660, 5773, false), 75_000_000, 130 * mb, true},
		{"50 MP progressive 4:2:0 JPEG", jpegFrameClaiming(t, 8660, 5773, true), 375_000_000, 430 * mb, false},
		{"24 MP progressive 4:2:0 JPEG", jpegFrameClaiming(t, 6000, 4000, true), 180_000_000, 230 * mb, true},
		// Narrow and tall: the page rendition is a full-height copy, and the
		// Catmull-Rom buffer (1200 × 41600 × 32 bytes, 1.6 GB) is not used.
		{"1201×41600 8-bit RGBA PNG", pngHeader(1201, 41600, 8, 6, 0), 399_000_000, 420 * mb, false},
		{"3000×2000 photo", jpegFrameClaiming(t, 3000, 2000, false), 9_000_000, 80 * mb, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, format, err := image.DecodeConfig(bytes.NewReader(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			got := workBytes(format, cfg, tt.data)
			if got < tt.min || got > tt.max {
				t.Errorf("workBytes = %d (%.0f MB), want %d to %d", got, float64(got)/mb, tt.min, tt.max)
			}
			if fits := got <= MaxWorkBytes; fits != tt.fits {
				t.Errorf("fits = %v (%d bytes), want %v", fits, got, tt.fits)
			}
			// Decode agrees, before decoding anything: there are no pixels
			// to decode, so an image it lets through is then unreadable.
			_, err = Decode(tt.data)
			if want := map[bool]error{true: ErrNotImage, false: ErrTooLarge}[tt.fits]; !errors.Is(err, want) {
				t.Errorf("Decode: %v, want %v", err, want)
			}
		})
	}
}

// TestDecodeRefusesDeepPNGQuickly decodes a real 16-bit PNG of 36
// megapixels, under MaxPixels but 288 MB decoded: refused from its header,
// with a sentence that says why and what to do.
func TestDecodeRefusesDeepPNGQuickly(t *testing.T) {
	data := deepPNG(t, 6000, 6000)
	if len(data) > MaxUploadBytes {
		t.Fatalf("the test file is %d bytes, over the upload limit", len(data))
	}
	start := time.Now()
	_, err := Decode(data)
	took := time.Since(start)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Decode: %v, want ErrTooLarge", err)
	}
	want := "The image is 6000×6000 pixels, 16 bits per channel, which would take about"
	if msg := err.Error(); !strings.HasPrefix(msg, want) || !strings.Contains(msg, "images may take at most 256 MB.") {
		t.Errorf("message %q", msg)
	}
	if took > time.Second {
		t.Errorf("refusing took %v; it should not decode anything", took)
	}
}

// TestBoxShrinkAverages checks the shrink on a known pattern, transparency
// included: a 2×2 block of opaque white and transparent pixels averages to
// half-covered white (premultiplied).
func TestBoxShrinkAverages(t *testing.T) {
	src := image.NewNRGBA(image.Rect(10, 10, 15, 14)) // odd size: the last column is dropped
	for y := 10; y < 14; y++ {
		for x := 10; x < 15; x++ {
			if (x+y)%2 == 0 {
				i := src.PixOffset(x, y)
				copy(src.Pix[i:i+4], []byte{255, 255, 255, 255})
			}
		}
	}
	got := boxShrink(src, src.Bounds(), 2)
	if got.Bounds() != image.Rect(0, 0, 2, 2) {
		t.Fatalf("bounds %v", got.Bounds())
	}
	for i := 0; i < len(got.Pix); i += 4 {
		if p := got.Pix[i : i+4]; p[0] != 127 || p[3] != 127 {
			t.Fatalf("pixel %d = %v, want half-covered white", i/4, p)
		}
	}
}

// TestJPEGFrameHostile feeds the frame walk headers cut short or lying
// about their lengths: it must give up, never panic or loop.
func TestJPEGFrameHostile(t *testing.T) {
	good := jpegClaiming(t, 100, 100)
	sof := bytes.Index(good, []byte{0xff, 0xc0})
	inputs := map[string][]byte{
		"SOI only":           []byte("\xff\xd8"),
		"zero length":        []byte("\xff\xd8\xff\xe0\x00\x00\xff\xc0"),
		"length one":         []byte("\xff\xd8\xff\xe0\x00\x01\x00\x00"),
		"length past end":    []byte("\xff\xd8\xff\xc0\xff\xff\x08\x00"),
		"no marker byte":     []byte("\xff\xd8\x00\x00\x00\x00"),
		"frame cut short":    good[:sof+9],
		"frame without comp": append(append([]byte{}, good[:sof+9]...), 0),
		"scan before frame":  []byte("\xff\xd8\xff\xda\x00\x02"),
	}
	for name, data := range inputs {
		if f, ok := jpegFrame(data); ok {
			t.Errorf("%s: read a frame %+v", name, f)
		}
	}
	if f, ok := jpegFrame(good); !ok || f.comps != 3 || f.sampleSum != 6 || f.blockArea != 4 || f.progressive {
		t.Errorf("a real 4:2:0 JPEG: %+v, %v", f, ok)
	}
}
