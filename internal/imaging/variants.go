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
	out := make([]Variant, 0, 3)
	transparent := !isOpaque(img.img)
	for _, p := range plans(img.img.Bounds()) {
		v, err := render(img.img, p, transparent)
		if err != nil {
			return nil, fmt.Errorf("imaging: encoding %s variant: %w", p.name, err)
		}
		v.Name = p.name
		out = append(out, v)
	}
	return out, nil
}

// maxScalerBytes bounds the working buffer of the Catmull-Rom scaler, which
// holds a float64 RGBA (32 bytes) for every pixel of the target width times
// the source height: for a 1201×41600 strip, 1.6 GB. Above it the rendition
// is scaled bilinearly, which needs no buffer; after the box shrink that
// happens only when the source is less than twice the target, where the
// two look alike.
const maxScalerBytes = 128 << 20

// plan is how one rendition is made from the decoded image: the crop of
// the source, box-shrunk by a whole factor (when at least twice too large),
// then scaled to w×h.
type plan struct {
	name   string
	crop   image.Rectangle
	w, h   int
	shrink int // 1: none
}

// plans lists the renditions of an image with bounds b, in Variants' order.
func plans(b image.Rectangle) []plan {
	w, h := b.Dx(), b.Dy()
	pageW, pageH := w, h
	if w > 1200 {
		pageW = 1200
		pageH = max(1, int((int64(h)*1200+int64(w)/2)/int64(w)))
	}
	ps := []plan{
		{name: "page", crop: b, w: pageW, h: pageH},
		{name: "card", crop: coverCrop(b, 1200, 630), w: 1200, h: 630},
		{name: "thumb", crop: coverCrop(b, 480, 270), w: 480, h: 270},
	}
	for i := range ps {
		p := &ps[i]
		p.shrink = max(1, min(p.crop.Dx()/p.w, p.crop.Dy()/p.h))
	}
	return ps
}

// source is the size of the image the scaler reads: the crop after the
// box shrink.
func (p plan) source() (int, int) { return p.crop.Dx() / p.shrink, p.crop.Dy() / p.shrink }

// kernel reports whether the rendition is scaled with Catmull-Rom.
func (p plan) kernel() bool {
	sw, sh := p.source()
	if sw == p.w && sh == p.h {
		return false // a copy
	}
	return int64(p.w)*int64(sh)*32 <= maxScalerBytes
}

// bytes is the memory the rendition takes beside the decoded image: the
// shrunk copy, the scaler's buffer and the canvas (4 bytes a pixel each).
func (p plan) bytes() int64 {
	sw, sh := p.source()
	n := 4 * int64(p.w) * int64(p.h)
	if p.shrink > 1 {
		n += 4 * int64(sw) * int64(sh)
	}
	if p.kernel() {
		n += 32 * int64(p.w) * int64(sh)
	}
	return n
}

// render makes the rendition p of src and encodes it.
func render(src image.Image, p plan, transparent bool) (Variant, error) {
	crop := p.crop
	if p.shrink > 1 {
		src = boxShrink(src, crop, p.shrink)
		crop = src.Bounds()
	}
	dst := image.NewRGBA(image.Rect(0, 0, p.w, p.h))
	switch {
	case crop.Dx() == p.w && crop.Dy() == p.h:
		draw.Draw(dst, dst.Bounds(), src, crop.Min, draw.Src)
	case p.kernel():
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, crop, draw.Src, nil)
	default:
		draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, crop, draw.Src, nil)
	}

	var buf bytes.Buffer
	v := Variant{Width: p.w, Height: p.h}
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

// boxShrink averages each k×k block of the crop of src into one pixel
// (premultiplied, so transparent pixels do not darken their neighbours),
// dropping the last partial row and column of blocks. Averaging every source
// pixel keeps fine detail from aliasing, and leaves the scaler less than
// twice the target to cover.
func boxShrink(src image.Image, crop image.Rectangle, k int) *image.RGBA {
	sw, sh := crop.Dx()/k, crop.Dy()/k
	dst := image.NewRGBA(image.Rect(0, 0, sw, sh))
	rgba64, _ := src.(image.RGBA64Image)
	sums := make([][4]uint64, sw)
	n := uint64(k * k)
	for y := range sh {
		clear(sums)
		for sy := crop.Min.Y + y*k; sy < crop.Min.Y+(y+1)*k; sy++ {
			sx := crop.Min.X
			for x := range sw {
				s := &sums[x]
				for range k {
					var r, g, b, a uint32
					if rgba64 != nil {
						c := rgba64.RGBA64At(sx, sy)
						r, g, b, a = uint32(c.R), uint32(c.G), uint32(c.B), uint32(c.A)
					} else {
						r, g, b, a = src.At(sx, sy).RGBA()
					}
					s[0], s[1], s[2], s[3] = s[0]+uint64(r), s[1]+uint64(g), s[2]+uint64(b), s[3]+uint64(a)
					sx++
				}
			}
		}
		row := dst.Pix[y*dst.Stride:]
		for x, s := range sums {
			for c := range 4 {
				row[4*x+c] = uint8(s[c] / n >> 8)
			}
		}
	}
	return dst
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
