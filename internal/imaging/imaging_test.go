package imaging

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"os"
	"strings"
	"testing"
)

// photo returns an opaque w×h image with enough detail that encoders and
// scalers do real work.
func photo(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x ^ y) & 0xff), 0xff})
		}
	}
	return img
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngHeaderOnly returns a PNG signature and a well-formed IHDR chunk (with a
// correct CRC) claiming w×h pixels, and no pixel data at all.
func pngHeaderOnly(w, h uint32) []byte {
	ihdr := []byte("IHDR")
	ihdr = binary.BigEndian.AppendUint32(ihdr, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0) // 8-bit RGBA, deflate, no filter or interlace tricks
	out := []byte("\x89PNG\r\n\x1a\n")
	out = binary.BigEndian.AppendUint32(out, uint32(len(ihdr)-4))
	out = append(out, ihdr...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(ihdr))
}

// jpegClaiming takes a real JPEG and rewrites its SOF0 frame header to claim
// w×h pixels, leaving the scan data as it was.
func jpegClaiming(t testing.TB, w, h uint16) []byte {
	t.Helper()
	data := encodeJPEG(t, photo(16, 16))
	i := bytes.Index(data, []byte{0xff, 0xc0})
	if i < 0 {
		t.Fatal("no SOF0 marker in encoded JPEG")
	}
	// FF C0, length (2), precision (1), height (2), width (2).
	binary.BigEndian.PutUint16(data[i+5:], h)
	binary.BigEndian.PutUint16(data[i+7:], w)
	return data
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestDecodeAccepts(t *testing.T) {
	paletted := image.NewPaletted(image.Rect(0, 0, 30, 20), color.Palette{color.Transparent, color.RGBA{0xc0, 0x10, 0x10, 0xff}})
	tests := []struct {
		name       string
		data       []byte
		format     string
		wantW      int
		wantH      int
		wantOpaque bool
	}{
		{"jpeg photo", encodeJPEG(t, photo(64, 48)), "jpeg", 64, 48, true},
		{"png photo", encodePNG(t, photo(64, 48)), "png", 64, 48, true},
		{"png with transparent palette", encodePNG(t, paletted), "png", 30, 20, false},
		// Both WebP files are lossless VP8L written by hand, bit by bit: one
		// colour, five single-symbol prefix codes, so no pixel costs a bit.
		{"webp lossless opaque", readTestdata(t, "opaque-4x3.webp"), "webp", 4, 3, true},
		{"webp lossless translucent", readTestdata(t, "translucent-2x2.webp"), "webp", 2, 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := Decode(tt.data)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if img.Format != tt.format || img.Width != tt.wantW || img.Height != tt.wantH {
				t.Errorf("got %s %d×%d, want %s %d×%d", img.Format, img.Width, img.Height, tt.format, tt.wantW, tt.wantH)
			}
			if got := isOpaque(img.img); got != tt.wantOpaque {
				t.Errorf("opaque = %v, want %v", got, tt.wantOpaque)
			}
		})
	}
}

func TestDecodeWebPPixels(t *testing.T) {
	img, err := Decode(readTestdata(t, "opaque-4x3.webp"))
	if err != nil {
		t.Fatal(err)
	}
	r, g, b, a := img.img.At(3, 2).RGBA()
	if r>>8 != 0x33 || g>>8 != 0x99 || b>>8 != 0xcc || a>>8 != 0xff {
		t.Errorf("pixel = %02x %02x %02x %02x, want 33 99 cc ff", r>>8, g>>8, b>>8, a>>8)
	}
}

func TestDecodeRefuses(t *testing.T) {
	full := encodePNG(t, photo(64, 64))
	fullJPEG := encodeJPEG(t, photo(64, 64))
	oversized := make([]byte, MaxUploadBytes+1)
	copy(oversized, full)

	tests := []struct {
		name    string
		data    []byte
		want    error
		message string // a fragment the reporter must see
	}{
		{"empty", nil, ErrNotImage, "The file is empty."},
		{"text file", []byte("Minutes of the council meeting, 3 March.\nPresent: ...\n"), ErrNotImage, "not an image"},
		{"html renamed photo.jpg", []byte("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"), ErrNotImage, "not an image"},
		{"svg with script", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>`), ErrNotImage, "not an image"},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), ErrNotImage, "not an image"},
		{"gif", []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"), ErrNotImage, "is a GIF image"},
		{"iphone heic", append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), make([]byte, 32)...), ErrNotImage, "is a HEIC/HEIF image"},
		{"png magic only", []byte("\x89PNG\r\n\x1a\n"), ErrNotImage, "looks like a PNG image but could not be read"},
		{"truncated png", full[:len(full)/2], ErrNotImage, "looks like a PNG image but could not be read"},
		{"truncated jpeg", fullJPEG[:len(fullJPEG)/2], ErrNotImage, "looks like a JPEG image but could not be read"},
		{"riff but not webp payload", []byte("RIFF\x10\x00\x00\x00WEBPJUNKJUNKJUNK"), ErrNotImage, "looks like a WebP image"},
		{"over the byte limit", oversized, ErrTooLarge, "images may be at most 10 MB."},
		// No pixel data follows the header, so reaching ErrTooLarge (not
		// ErrNotImage) shows the dimensions were refused before decoding.
		{"png bomb header", pngHeaderOnly(100000, 100000), ErrTooLarge, "The image is 100000×100000 pixels; images may have at most 50 million pixels."},
		{"jpeg bomb header", jpegClaiming(t, 65535, 65535), ErrTooLarge, "65535×65535 pixels"},
		{"png one pixel over", pngHeaderOnly(10000, 5001), ErrTooLarge, "50 million pixels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := Decode(tt.data)
			if err == nil {
				t.Fatalf("Decode accepted it as %s %d×%d", img.Format, img.Width, img.Height)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("error %q is not %v", err, tt.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.message) {
				t.Errorf("message %q does not contain %q", msg, tt.message)
			}
			if !strings.HasPrefix(msg, "The ") || !strings.HasSuffix(msg, ".") {
				t.Errorf("message %q is not a sentence for a reporter", msg)
			}
		})
	}
}

func TestDecodeTooLargeMessage(t *testing.T) {
	_, err := Decode(make([]byte, 142*(1<<20)/10))
	want := "The file is 14.2 MB; images may be at most 10 MB."
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %q", err, want)
	}
	// Just over the limit must not read as if it were at the limit.
	_, err = Decode(make([]byte, MaxUploadBytes+1))
	if err == nil || !strings.HasPrefix(err.Error(), "The file is 10.1 MB;") {
		t.Fatalf("got %v", err)
	}
}

func TestDecodeAtPixelLimit(t *testing.T) {
	// Exactly MaxPixels passes the header check; the missing pixel data
	// then makes it unreadable rather than too large.
	_, err := Decode(pngHeaderOnly(10000, 5000))
	if !errors.Is(err, ErrNotImage) {
		t.Fatalf("got %v, want ErrNotImage", err)
	}
}

func TestVariantSizes(t *testing.T) {
	type size struct{ w, h int }
	tests := []struct {
		name string
		w, h int
		page size
	}{
		{"landscape photo", 3000, 2000, size{1200, 800}},
		{"small photo is not upscaled", 600, 400, size{600, 400}},
		{"exactly page width", 1200, 900, size{1200, 900}},
		{"portrait", 2000, 3000, size{1200, 1800}},
		{"panorama", 4000, 500, size{1200, 150}},
		{"tall strip", 3, 2000, size{3, 2000}},
		{"one pixel", 1, 1, size{1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := Decode(encodeJPEG(t, photo(tt.w, tt.h)))
			if err != nil {
				t.Fatal(err)
			}
			vs, err := Variants(img)
			if err != nil {
				t.Fatal(err)
			}
			want := []struct {
				name string
				size size
			}{{"page", tt.page}, {"card", size{1200, 630}}, {"thumb", size{480, 270}}}
			if len(vs) != len(want) {
				t.Fatalf("got %d variants, want %d", len(vs), len(want))
			}
			for i, v := range vs {
				if v.Name != want[i].name || v.Width != want[i].size.w || v.Height != want[i].size.h {
					t.Errorf("variant %d = %s %d×%d, want %s %d×%d", i, v.Name, v.Width, v.Height, want[i].name, want[i].size.w, want[i].size.h)
				}
				checkDecodesBack(t, v, "jpeg")
			}
		})
	}
}

func TestVariantFormats(t *testing.T) {
	translucent := photo(800, 600)
	translucent.Set(10, 10, color.RGBA{0, 0, 0, 0}) // one transparent pixel is enough
	semi := image.NewNRGBA(image.Rect(0, 0, 300, 200))
	draw.Draw(semi, semi.Bounds(), &image.Uniform{color.NRGBA{0x20, 0x40, 0x80, 0x80}}, image.Point{}, draw.Src)

	tests := []struct {
		name   string
		data   []byte
		format string
	}{
		{"opaque png becomes jpeg", encodePNG(t, photo(800, 600)), "jpeg"},
		{"opaque jpeg stays jpeg", encodeJPEG(t, photo(800, 600)), "jpeg"},
		{"png with a transparent pixel stays png", encodePNG(t, translucent), "png"},
		{"half-transparent logo stays png", encodePNG(t, semi), "png"},
		{"opaque webp becomes jpeg", readTestdata(t, "opaque-4x3.webp"), "jpeg"},
		{"translucent webp becomes png", readTestdata(t, "translucent-2x2.webp"), "png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := Decode(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			vs, err := Variants(img)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				checkDecodesBack(t, v, tt.format)
			}
		})
	}
}

// checkDecodesBack feeds a variant back through Decode, as the next upload
// of it would be, and checks the labels match the bytes.
func checkDecodesBack(t *testing.T, v Variant, format string) {
	t.Helper()
	want := map[string]struct{ contentType, ext string }{
		"jpeg": {"image/jpeg", ".jpg"},
		"png":  {"image/png", ".png"},
	}[format]
	wantType, wantExt := want.contentType, want.ext
	if v.ContentType != wantType || v.Ext != wantExt {
		t.Errorf("%s: labelled %s %s, want %s %s", v.Name, v.ContentType, v.Ext, wantType, wantExt)
	}
	got, err := Decode(v.Bytes)
	if err != nil {
		t.Errorf("%s does not decode back: %v", v.Name, err)
		return
	}
	if got.Format != format || got.Width != v.Width || got.Height != v.Height {
		t.Errorf("%s decodes as %s %d×%d, labelled %s %d×%d", v.Name, got.Format, got.Width, got.Height, format, v.Width, v.Height)
	}
}

func TestVariantsCropAroundCentre(t *testing.T) {
	// A wide picture: green in the middle, red bands at both ends that a
	// centred 1200:630 or 480:270 crop must cut away.
	src := image.NewRGBA(image.Rect(0, 0, 3000, 1000))
	draw.Draw(src, src.Bounds(), &image.Uniform{color.RGBA{0xff, 0, 0, 0xff}}, image.Point{}, draw.Src)
	draw.Draw(src, image.Rect(500, 0, 2500, 1000), &image.Uniform{color.RGBA{0, 0xff, 0, 0xff}}, image.Point{}, draw.Src)
	img, err := Decode(encodePNG(t, src))
	if err != nil {
		t.Fatal(err)
	}
	vs, err := Variants(img)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs[1:] {
		out, _, err := image.Decode(bytes.NewReader(v.Bytes))
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range []int{0, v.Width / 2, v.Width - 1} {
			r, g, _, _ := out.At(x, v.Height/2).RGBA()
			if r>>8 > 0x40 || g>>8 < 0xc0 {
				t.Errorf("%s: pixel at x=%d is %02x %02x (red, green); the crop is off centre", v.Name, x, r>>8, g>>8)
			}
		}
	}
}

func TestVariantsNeedsDecodedImage(t *testing.T) {
	if _, err := Variants(nil); err == nil {
		t.Error("Variants(nil) succeeded")
	}
	if _, err := Variants(&Image{Format: "png", Width: 10, Height: 10}); err == nil {
		t.Error("Variants of a hand-built Image succeeded")
	}
}

func TestCoverCrop(t *testing.T) {
	tests := []struct {
		b    image.Rectangle
		w, h int
		want image.Rectangle
	}{
		{image.Rect(0, 0, 3000, 2000), 1200, 630, image.Rect(0, 212, 3000, 1787)},
		{image.Rect(0, 0, 3000, 1000), 480, 270, image.Rect(611, 0, 2389, 1000)},
		{image.Rect(0, 0, 1200, 630), 1200, 630, image.Rect(0, 0, 1200, 630)},
		{image.Rect(10, 20, 110, 120), 2, 1, image.Rect(10, 45, 110, 95)},
		// A 1×N strip still yields a non-empty crop.
		{image.Rect(0, 0, 1, 5000), 1200, 630, image.Rect(0, 2499, 1, 2500)},
	}
	for _, tt := range tests {
		if got := coverCrop(tt.b, tt.w, tt.h); got != tt.want {
			t.Errorf("coverCrop(%v, %d, %d) = %v, want %v", tt.b, tt.w, tt.h, got, tt.want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(encodeJPEG(f, photo(8, 8)))
	f.Add(encodePNG(f, photo(8, 8)))
	f.Add(readTestdata(f, "opaque-4x3.webp"))
	f.Add(readTestdata(f, "translucent-2x2.webp"))
	f.Add(pngHeaderOnly(100000, 100000))
	f.Add(pngHeaderOnly(3, 3))
	f.Add([]byte("RIFF\x10\x00\x00\x00WEBPVP8L"))
	f.Add([]byte("<html>not an image</html>"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		// A 30-byte WebP can legitimately claim 7000×7000 pixels and take
		// seconds and hundreds of MB to decode; that is allowed by MaxPixels,
		// finds no bugs and stalls the fuzzer, so such inputs are skipped.
		// Headers over MaxPixels still go through Decode, which refuses them
		// before decoding.
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
			if n := int64(cfg.Width) * int64(cfg.Height); n > 1<<22 && n <= MaxPixels {
				t.Skip("large but allowed image")
			}
		}
		img, err := Decode(data)
		if err != nil {
			if !errors.Is(err, ErrNotImage) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("error %q wraps neither sentinel", err)
			}
			return
		}
		if img.Width <= 0 || img.Height <= 0 || int64(img.Width)*int64(img.Height) > MaxPixels {
			t.Fatalf("accepted %d×%d", img.Width, img.Height)
		}
		// Keep each fuzz run quick: only small images go on to be resized.
		if img.Width*img.Height <= 1<<16 {
			if _, err := Variants(img); err != nil {
				t.Fatalf("Variants: %v", err)
			}
		}
	})
}
