package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"slices"
)

// Every demo illustration is a 16:9 frame, the shape of a lead image.
const (
	imageWidth  = 1200
	imageHeight = 675
	// scale is the supersampling factor. Scenes are drawn at twice the output
	// size and averaged down, which gives flat shapes smooth edges without an
	// anti-aliasing rasteriser.
	scale = 2
)

type pt struct{ X, Y float64 }

// disc is a circle used to clip drawing, for example to the face of a globe.
type disc struct{ cx, cy, r float64 }

// canvas is a drawing surface addressed in output pixels; it stores pixels at
// scale times that resolution.
type canvas struct {
	img  *image.RGBA
	clip *disc // when set, only pixels inside the disc are painted
}

func newCanvas() *canvas {
	return &canvas{img: image.NewRGBA(image.Rect(0, 0, imageWidth*scale, imageHeight*scale))}
}

// rgb turns 0xRRGGBB into an opaque colour.
func rgb(hex uint32) color.NRGBA {
	return color.NRGBA{R: uint8(hex >> 16), G: uint8(hex >> 8), B: uint8(hex), A: 255}
}

// rgba is rgb with an alpha, for glazes such as mist, rain and reflections.
func rgba(hex uint32, a uint8) color.NRGBA {
	c := rgb(hex)
	c.A = a
	return c
}

func lerp(a, b color.NRGBA, t float64) color.NRGBA {
	mixf := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return color.NRGBA{R: mixf(a.R, b.R), G: mixf(a.G, b.G), B: mixf(a.B, b.B), A: mixf(a.A, b.A)}
}

// dev converts an output coordinate to a device (supersampled) one.
func dev(v float64) int { return int(math.Round(v * scale)) }

// span blends col into device row y over device columns [x0, x1).
func (c *canvas) span(y, x0, x1 int, col color.NRGBA) {
	w, h := c.img.Rect.Dx(), c.img.Rect.Dy()
	if y < 0 || y >= h {
		return
	}
	if d := c.clip; d != nil {
		dy := float64(y) + 0.5 - d.cy*scale
		r := d.r * scale
		if dy*dy >= r*r {
			return
		}
		half := math.Sqrt(r*r - dy*dy)
		x0 = max(x0, int(math.Ceil(d.cx*scale-half-0.5)))
		x1 = min(x1, int(math.Ceil(d.cx*scale+half-0.5)))
	}
	x0, x1 = max(x0, 0), min(x1, w)
	row := c.img.Pix[y*c.img.Stride:]
	a := uint32(col.A)
	for x := x0; x < x1; x++ {
		p := row[x*4 : x*4+4 : x*4+4]
		if a == 255 {
			p[0], p[1], p[2] = col.R, col.G, col.B
		} else {
			p[0], p[1], p[2] = blend(p[0], col.R, a), blend(p[1], col.G, a), blend(p[2], col.B, a)
		}
		p[3] = 255
	}
}

func blend(dst, src uint8, a uint32) uint8 {
	return uint8((uint32(src)*a + uint32(dst)*(255-a) + 127) / 255)
}

// gradient paints full-width rows from y0 to y1, shading from top to bottom.
func (c *canvas) gradient(y0, y1 float64, top, bottom color.NRGBA) {
	d0, d1 := dev(y0), dev(y1)
	for y := d0; y < d1; y++ {
		t := (float64(y-d0) + 0.5) / float64(d1-d0)
		c.span(y, 0, imageWidth*scale, lerp(top, bottom, t))
	}
}

func (c *canvas) rect(x0, y0, x1, y1 float64, col color.NRGBA) {
	for y := dev(y0); y < dev(y1); y++ {
		c.span(y, dev(x0), dev(x1), col)
	}
}

// roundRect is for opaque colours only: its corner discs overlap the body.
func (c *canvas) roundRect(x0, y0, x1, y1, r float64, col color.NRGBA) {
	c.rect(x0+r, y0, x1-r, y1, col)
	c.rect(x0, y0+r, x0+r, y1-r, col)
	c.rect(x1-r, y0+r, x1, y1-r, col)
	for _, p := range []pt{{x0 + r, y0 + r}, {x1 - r, y0 + r}, {x0 + r, y1 - r}, {x1 - r, y1 - r}} {
		c.circle(p.X, p.Y, r, col)
	}
}

// polygon fills with the even-odd rule, so a point list that walks an outer
// outline and then an inner one leaves a hole.
func (c *canvas) polygon(col color.NRGBA, pts ...pt) {
	if len(pts) < 3 {
		return
	}
	minY, maxY := math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		minY, maxY = min(minY, p.Y), max(maxY, p.Y)
	}
	y0 := max(0, int(math.Floor(minY*scale)))
	y1 := min(imageHeight*scale, int(math.Ceil(maxY*scale)))
	xs := make([]float64, 0, 8)
	for y := y0; y < y1; y++ {
		fy := float64(y) + 0.5
		xs = xs[:0]
		for i, a := range pts {
			b := pts[(i+1)%len(pts)]
			ay, by := a.Y*scale, b.Y*scale
			if (ay <= fy) == (by <= fy) {
				continue
			}
			xs = append(xs, a.X*scale+(fy-ay)*(b.X-a.X)*scale/(by-ay))
		}
		slices.Sort(xs)
		for i := 0; i+1 < len(xs); i += 2 {
			c.span(y, int(math.Ceil(xs[i]-0.5)), int(math.Ceil(xs[i+1]-0.5)), col)
		}
	}
}

func (c *canvas) ellipse(cx, cy, rx, ry float64, col color.NRGBA) {
	cx, cy, rx, ry = cx*scale, cy*scale, rx*scale, ry*scale
	for y := int(math.Floor(cy - ry)); y <= int(math.Ceil(cy+ry)); y++ {
		dy := (float64(y) + 0.5 - cy) / ry
		if dy*dy >= 1 {
			continue
		}
		half := rx * math.Sqrt(1-dy*dy)
		c.span(y, int(math.Ceil(cx-half-0.5)), int(math.Ceil(cx+half-0.5)), col)
	}
}

func (c *canvas) circle(cx, cy, r float64, col color.NRGBA) { c.ellipse(cx, cy, r, r, col) }

// ring outlines an ellipse. It is one even-odd polygon, so translucent rings
// do not darken where segments would otherwise overlap.
func (c *canvas) ring(cx, cy, rx, ry, width float64, col color.NRGBA) {
	const n = 120
	pts := make([]pt, 0, 2*n+2)
	for _, d := range []float64{width / 2, -width / 2} {
		for i := 0; i <= n; i++ {
			t := 2 * math.Pi * float64(i) / n
			pts = append(pts, pt{cx + (rx+d)*math.Cos(t), cy + (ry+d)*math.Sin(t)})
		}
	}
	c.polygon(col, pts...)
}

// line draws a straight stroke with square ends.
func (c *canvas) line(a, b pt, width float64, col color.NRGBA) {
	dx, dy := b.X-a.X, b.Y-a.Y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*width/2, dx/l*width/2
	c.polygon(col, pt{a.X + nx, a.Y + ny}, pt{b.X + nx, b.Y + ny}, pt{b.X - nx, b.Y - ny}, pt{a.X - nx, a.Y - ny})
}

// stroke draws a polyline. Opaque strokes get round joints; translucent ones
// skip them so the joints do not show as darker dots.
func (c *canvas) stroke(width float64, col color.NRGBA, pts ...pt) {
	for i := 1; i < len(pts); i++ {
		c.line(pts[i-1], pts[i], width, col)
		if col.A == 255 && i < len(pts)-1 {
			c.circle(pts[i].X, pts[i].Y, width/2, col)
		}
	}
}

// leaf is a pointed, slightly drooping blade from base to tip, used for palm
// fronds.
func (c *canvas) leaf(base, tip pt, width float64, col color.NRGBA) {
	dx, dy := tip.X-base.X, tip.Y-base.Y
	l := math.Hypot(dx, dy)
	nx, ny := -dy/l*width/2, dx/l*width/2
	mid := pt{(base.X + tip.X) / 2, (base.Y+tip.Y)/2 + l*0.12}
	c.polygon(col, base, pt{mid.X + nx, mid.Y + ny}, tip, pt{mid.X - nx, mid.Y - ny})
}

// swell is one sine component of a skyline: amplitude, wavelength and phase.
type swell struct{ amp, period, phase float64 }

// hills returns a skyline y(x): base plus a few sines, irregular enough to
// read as land without random noise that would bloat the PNG.
func hills(base float64, s ...swell) func(float64) float64 {
	return func(x float64) float64 {
		y := base
		for _, w := range s {
			y += w.amp * math.Sin(2*math.Pi*x/w.period+w.phase)
		}
		return y
	}
}

// ridge fills everything below the curve y = f(x).
func (c *canvas) ridge(col color.NRGBA, f func(float64) float64) {
	pts := make([]pt, 0, imageWidth/4+3)
	for x := 0.0; x <= imageWidth; x += 4 {
		pts = append(pts, pt{x, f(x)})
	}
	pts = append(pts, pt{imageWidth, imageHeight + 1}, pt{0, imageHeight + 1})
	c.polygon(col, pts...)
}

// encode averages the supersampled pixels down to the output size and
// returns PNG bytes. The result is opaque, so the encoder writes RGB.
func (c *canvas) encode() ([]byte, error) {
	out := image.NewRGBA(image.Rect(0, 0, imageWidth, imageHeight))
	src := c.img
	const n = scale * scale
	for y := range imageHeight {
		for x := range imageWidth {
			var sum [3]int
			for sy := range scale {
				for sx := range scale {
					i := src.PixOffset(x*scale+sx, y*scale+sy)
					sum[0] += int(src.Pix[i])
					sum[1] += int(src.Pix[i+1])
					sum[2] += int(src.Pix[i+2])
				}
			}
			o := out.PixOffset(x, y)
			out.Pix[o] = uint8((sum[0] + n/2) / n)
			out.Pix[o+1] = uint8((sum[1] + n/2) / n)
			out.Pix[o+2] = uint8((sum[2] + n/2) / n)
			out.Pix[o+3] = 255
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, out); err != nil {
		return nil, fmt.Errorf("encode png: %w", err)
	}
	return buf.Bytes(), nil
}
