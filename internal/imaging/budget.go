package imaging

import (
	"encoding/binary"
	"image"
	"image/color"
)

// MaxWorkBytes bounds the memory one upload may take to decode and to make
// its renditions, estimated from the file header before any pixel is
// decoded. Pixels alone are no measure: a 7000×7000 PNG at 16 bits per
// channel is under MaxPixels but decodes to 392 MB, and a progressive JPEG
// keeps four bytes of coefficients per sample while it decodes. 256 MB keeps
// every ordinary photograph up to MaxPixels working (a 50-megapixel JPEG
// takes about 115 MB; 8-bit RGBA PNG about 240 MB) and, as the desk decodes
// at most two uploads at a time, bounds the whole at about 512 MB.
const MaxWorkBytes = 256 << 20

// workBytes estimates the memory Decode and Variants need for an image of
// format with header cfg: the decoder's peak (pixels, and the decoder's own
// buffers) plus the renditions' working copies. Counting the decoder's
// temporaries on top of the renditions is pessimistic, as they are garbage
// by then, but garbage is memory until the collector runs.
func workBytes(format string, cfg image.Config, data []byte) int64 {
	pixels := int64(cfg.Width) * int64(cfg.Height)
	var decode int64
	switch format {
	case "png":
		decode = pngDecodeBytes(cfg, data, pixels)
	case "jpeg":
		decode = jpegDecodeBytes(data, pixels)
	default: // webp
		switch cfg.ColorModel {
		case color.YCbCrModel:
			decode = pixels * 3 / 2 // 4:2:0
		case color.NYCbCrAModel:
			decode = pixels * 5 / 2 // 4:2:0 and an alpha plane
		default:
			decode = pixels * 8 // lossless: ARGB words, then NRGBA
		}
	}
	return decode + renderBytes(cfg.Width, cfg.Height)
}

// pngDecodeBytes counts the image the PNG decoder makes: 8 bytes a pixel at
// 16 bits per channel, 1 for a palette, else 4 (a grey image with a
// transparent colour decodes to NRGBA, and the tRNS chunk comes after the
// header). An interlaced PNG is decoded pass by pass, then copied: twice.
func pngDecodeBytes(cfg image.Config, data []byte, pixels int64) int64 {
	per := int64(4)
	switch cfg.ColorModel {
	case color.Gray16Model, color.RGBA64Model, color.NRGBA64Model:
		per = 8
	default:
		if _, ok := cfg.ColorModel.(color.Palette); ok {
			per = 1
		}
	}
	n := pixels * per
	// The IHDR chunk is always first: its interlace byte is at offset 28.
	if len(data) > 28 && data[28] == 1 {
		n *= 2
	}
	return n
}

// jpegDecodeBytes counts the planes the JPEG decoder makes from the frame
// header: one byte per sample (chroma planes are smaller when subsampled),
// a black plane and a CMYK copy for four-component files, and for
// progressive files the coefficients of every block, kept until the last
// scan (4 bytes a sample).
func jpegDecodeBytes(data []byte, pixels int64) int64 {
	f, ok := jpegFrame(data)
	if !ok {
		// The decoder found a frame the walk below did not: assume the worst
		// a JPEG can be, progressive CMYK without subsampling.
		f = frame{progressive: true, comps: 4, sampleSum: 4, blockArea: 1}
	}
	samples := (pixels*int64(f.sampleSum) + int64(f.blockArea) - 1) / int64(f.blockArea)
	n := samples
	if f.comps == 4 {
		n += 4 * pixels
	}
	if f.progressive {
		n += 4 * samples
	}
	return n
}

// frame is what the JPEG frame header says about memory: samples per pixel
// are sampleSum/blockArea (3 for 4:4:4 YCbCr, 1.5 for 4:2:0).
type frame struct {
	progressive          bool
	comps                int
	sampleSum, blockArea int
}

// jpegFrame walks the marker segments of a JPEG to its frame header (SOF0,
// SOF1 or SOF2, the ones Go decodes).
func jpegFrame(data []byte) (frame, bool) {
	i := 2 // after SOI
	for i+4 <= len(data) {
		if data[i] != 0xff {
			return frame{}, false
		}
		marker := data[i+1]
		switch {
		case marker == 0xff: // fill byte
			i++
			continue
		case marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8): // no length
			i += 2
			continue
		case marker == 0xda: // a scan before any frame
			return frame{}, false
		}
		length := int(binary.BigEndian.Uint16(data[i+2:]))
		if length < 2 {
			return frame{}, false
		}
		if marker < 0xc0 || marker > 0xc2 {
			i += 2 + length
			continue
		}
		seg := data[i+4 : min(len(data), i+2+length)]
		if len(seg) < 6 {
			return frame{}, false
		}
		f := frame{progressive: marker == 0xc2, comps: int(seg[5])}
		if f.comps < 1 || len(seg) < 6+3*f.comps {
			return frame{}, false
		}
		hmax, vmax := 1, 1
		for c := range f.comps {
			hv := seg[6+3*c+1]
			h, v := max(1, int(hv>>4)), max(1, int(hv&0x0f))
			hmax, vmax = max(hmax, h), max(vmax, v)
			f.sampleSum += h * v
		}
		f.blockArea = hmax * vmax
		return f, true
	}
	return frame{}, false
}

// renderBytes is the memory Variants uses beside the decoded image, for
// the largest rendition (they are made one after the other): the shrunk
// copy, the scaler's working buffer and the canvas. See plan.
func renderBytes(w, h int) int64 {
	var most int64
	for _, p := range plans(image.Rect(0, 0, w, h)) {
		most = max(most, p.bytes())
	}
	return most
}

// describe names what makes an image costly beyond its pixels, for the
// refusal (", 16 bits per channel", ", progressive JPEG", or ""), and how
// to save it instead.
func describe(format string, cfg image.Config, data []byte) (detail, advice string) {
	advice = "with fewer pixels"
	switch format {
	case "png":
		if len(data) > 28 && data[28] == 1 {
			detail, advice = ", interlaced", "without interlacing or with fewer pixels"
		}
		switch cfg.ColorModel {
		case color.Gray16Model, color.RGBA64Model, color.NRGBA64Model:
			detail, advice = ", 16 bits per channel"+detail, "with 8 bits per channel or with fewer pixels"
		}
	case "jpeg":
		if f, ok := jpegFrame(data); ok && f.progressive {
			detail, advice = ", progressive JPEG", "as a baseline (not progressive) JPEG or with fewer pixels"
		}
	}
	return detail, advice
}
