package imaging

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"
)

// jpegQuality is the usual web compromise: photographs show no visible
// blocking, at a fraction of the bytes of quality 95 and up.
const jpegQuality = 82

// Variant is one resized rendition, ready to store.
type Variant struct {
	Name          string // "original", "page", "card", "thumb"
	ContentType   string // "image/jpeg" or "image/png"
	Ext           string // ".jpg" or ".png"
	Width, Height int
	Bytes         []byte
}

// Variants returns, in this order:
//
//   - "page": the image fit to at most 1200 px wide (never upscaled), aspect kept;
//   - "card": exactly 1200×630, cover-cropped around the centre (for social
//     cards; upscaled if smaller);
//   - "thumb": exactly 480×270, cover-cropped around the centre.
//
// "original" is not made here: it names the upload stored as it came.
//
// Opaque images are encoded as JPEG (quality 82); images with any transparent
// or translucent pixel as PNG, so logos and graphics keep their transparency.
// Every variant is re-encoded from pixels, so no metadata (EXIF, GPS) from
// the upload survives into them.
//
// EXIF orientation is ignored: a phone photo whose pixels are stored sideways
// with an orientation tag comes out sideways. The standard library does not
// read EXIF, and the newsroom's uploads are expected to be exported upright.
func Variants(img *Image) ([]Variant, error) {
	if img == nil || img.img == nil {
		return nil, errors.New("imaging: Variants needs an image from Decode")
	}
	src := img.img
	w, h := img.Width, img.Height

	pageW, pageH := w, h
	if w > 1200 {
		pageW = 1200
		pageH = max(1, int((int64(h)*1200+int64(w)/2)/int64(w)))
	}

	transparent := !isOpaque(src)
	specs := []struct {
		name string
		w, h int
		crop image.Rectangle
	}{
		{"page", pageW, pageH, src.Bounds()},
		{"card", 1200, 630, coverCrop(src.Bounds(), 1200, 630)},
		{"thumb", 480, 270, coverCrop(src.Bounds(), 480, 270)},
	}
	out := make([]Variant, 0, len(specs))
	for _, s := range specs {
		v, err := render(src, s.crop, s.w, s.h, transparent)
		if err != nil {
			return nil, fmt.Errorf("imaging: encoding %s variant: %w", s.name, err)
		}
		v.Name = s.name
		out = append(out, v)
	}
	return out, nil
}

// render scales the crop of src to exactly w×h and encodes it.
func render(src image.Image, crop image.Rectangle, w, h int, transparent bool) (Variant, error) {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if crop.Dx() == w && crop.Dy() == h {
		draw.Draw(dst, dst.Bounds(), src, crop.Min, draw.Src)
	} else {
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, crop, draw.Src, nil)
	}

	var buf bytes.Buffer
	v := Variant{Width: w, Height: h}
	if transparent {
		v.ContentType, v.Ext = "image/png", ".png"
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(&buf, dst); err != nil {
			return Variant{}, err
		}
	} else {
		v.ContentType, v.Ext = "image/jpeg", ".jpg"
		if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: jpegQuality}); err != nil {
			return Variant{}, err
		}
	}
	v.Bytes = buf.Bytes()
	return v, nil
}

// coverCrop returns the largest rectangle of b with the aspect ratio w:h,
// centred in b. Scaling it to w×h fills the frame with nothing squashed.
// It works in source pixels, so even an extreme panorama never asks for a
// huge intermediate image.
func coverCrop(b image.Rectangle, w, h int) image.Rectangle {
	bw, bh := int64(b.Dx()), int64(b.Dy())
	cw, ch := bw, bh
	if bw*int64(h) > bh*int64(w) {
		// Wider than the frame: keep the full height, trim the sides.
		cw = (bh*int64(w) + int64(h)/2) / int64(h)
	} else {
		// Taller than the frame: keep the full width, trim top and bottom.
		ch = (bw*int64(h) + int64(w)/2) / int64(w)
	}
	cw, ch = min(max(cw, 1), bw), min(max(ch, 1), bh)
	x0 := b.Min.X + int((bw-cw)/2)
	y0 := b.Min.Y + int((bh-ch)/2)
	return image.Rect(x0, y0, x0+int(cw), y0+int(ch))
}

// isOpaque reports whether every pixel of img is fully opaque. The standard
// image types answer from their pixel buffers (or know they cannot hold
// alpha, as YCbCr and Gray); anything else is checked pixel by pixel.
func isOpaque(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a != 0xffff {
				return false
			}
		}
	}
	return true
}
