// Package imaging checks uploaded images and makes the resized renditions
// the site shows. It is pure: bytes in, bytes out, no HTTP and no storage.
//
// Only JPEG, PNG and WebP are accepted, and the format is decided by sniffing
// the bytes, never by a filename or a declared content type.
package imaging

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"math"

	// The decoders are registered here, explicitly, so that image.DecodeConfig
	// and image.Decode understand exactly the formats this package accepts.
	_ "image/jpeg"
	_ "image/png"

	_ "golang.org/x/image/webp"
)

// MaxUploadBytes is the largest upload Decode accepts. Callers reading a
// request body should read at most MaxUploadBytes+1 bytes (io.LimitReader)
// and pass them all on, so that an oversized file is reported as too large
// rather than silently truncated.
const MaxUploadBytes = 10 << 20 // 10 MiB

// MaxPixels bounds width×height. It is checked from the file header before
// any pixel is decoded, so a small file claiming enormous dimensions (a
// decompression bomb) is refused without allocating for it.
const MaxPixels = 50_000_000

var (
	// ErrTooLarge means the file is over MaxUploadBytes, its dimensions are
	// over MaxPixels, or processing it would take over MaxWorkBytes.
	ErrTooLarge = errors.New("imaging: image too large")
	// ErrNotImage means the bytes are not a readable JPEG, PNG or WebP image.
	ErrNotImage = errors.New("imaging: not a JPEG, PNG or WebP image")
)

// uploadError carries a sentence fit to show the reporter who uploaded the
// file, while errors.Is still sees the sentinel behind it.
type uploadError struct {
	msg  string
	kind error
}

func (e *uploadError) Error() string { return e.msg }
func (e *uploadError) Unwrap() error { return e.kind }

func refuse(kind error, format string, args ...any) error {
	return &uploadError{msg: fmt.Sprintf(format, args...), kind: kind}
}

// Image is a decoded upload.
type Image struct {
	Format        string // "jpeg", "png" or "webp"
	Width, Height int
	img           image.Image
}

// Decode checks and decodes an upload. Errors wrap ErrTooLarge or ErrNotImage
// (test with errors.Is) and their messages are sentences that can be shown to
// the reporter as they are.
func Decode(data []byte) (*Image, error) {
	if len(data) > MaxUploadBytes {
		return nil, refuse(ErrTooLarge, "The file is %s; images may be at most %s.",
			megabytes(len(data)), megabytes(MaxUploadBytes))
	}
	if len(data) == 0 {
		return nil, refuse(ErrNotImage, "The file is empty.")
	}
	format, err := sniff(data)
	if err != nil {
		return nil, err
	}
	label := formatLabels[format]

	cfg, decodedAs, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || decodedAs != format {
		return nil, damaged(label)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, damaged(label)
	}
	// int64 so that the product cannot overflow on 32-bit platforms.
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, refuse(ErrTooLarge,
			"The image is %d×%d pixels; images may have at most %d million pixels.",
			cfg.Width, cfg.Height, MaxPixels/1_000_000)
	}

	// Pixels are not the whole cost: bytes per pixel and the decoder's own
	// buffers are, so the work is estimated from the header too.
	if need := workBytes(format, cfg, data); need > MaxWorkBytes {
		detail, advice := describe(format, cfg, data)
		return nil, refuse(ErrTooLarge,
			"The image is %d×%d pixels%s, which would take about %s of memory to process; images may take at most %s. Save it %s and upload it again.",
			cfg.Width, cfg.Height, detail, megabytes64(need), megabytes(MaxWorkBytes), advice)
	}

	img, decodedAs, err := image.Decode(bytes.NewReader(data))
	if err != nil || decodedAs != format {
		return nil, damaged(label)
	}
	b := img.Bounds()
	if b.Dx() != cfg.Width || b.Dy() != cfg.Height {
		return nil, damaged(label)
	}
	return &Image{Format: format, Width: b.Dx(), Height: b.Dy(), img: img}, nil
}

func damaged(label string) error {
	return refuse(ErrNotImage,
		"The file looks like a %s image but could not be read; it may be damaged or incomplete.", label)
}

var formatLabels = map[string]string{"jpeg": "JPEG", "png": "PNG", "webp": "WebP"}

// sniff names the format from the leading bytes. Formats we refuse but that
// reporters often have (iPhone HEIC photos, GIFs) get their own message, so
// the reporter knows what to convert rather than being told the photo is not
// an image.
func sniff(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "jpeg", nil
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "png", nil
	case len(data) >= 12 && string(data[0:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "webp", nil
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "", unsupported("GIF")
	case len(data) >= 12 && string(data[4:8]) == "ftyp" && isHEIFBrand(string(data[8:12])):
		return "", unsupported("HEIC/HEIF")
	case len(data) >= 12 && string(data[4:8]) == "ftyp" && (string(data[8:12]) == "avif" || string(data[8:12]) == "avis"):
		return "", unsupported("AVIF")
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "", unsupported("TIFF")
	}
	return "", refuse(ErrNotImage, "The file is not an image; please upload a JPEG, PNG or WebP file.")
}

func unsupported(label string) error {
	return refuse(ErrNotImage, "The file is a %s image; please convert it to JPEG, PNG or WebP and upload it again.", label)
}

func isHEIFBrand(brand string) bool {
	switch brand {
	case "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1":
		return true
	}
	return false
}

// megabytes formats n bytes in MiB (shown as "MB", as reporters know it),
// rounding up so that a file just over the limit never reads as "10.0 MB".
func megabytes(n int) string { return megabytes64(int64(n)) }

func megabytes64(n int64) string {
	mb := float64(n) / (1 << 20)
	if mb == math.Trunc(mb) {
		return fmt.Sprintf("%.0f MB", mb)
	}
	return fmt.Sprintf("%.1f MB", math.Ceil(mb*10)/10)
}
