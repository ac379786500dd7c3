package demo

import (
	"image/color"
	"math"
)

// drawRain: floodwater around village houses under monsoon cloud, with a
// family sheltering under an umbrella in a boat.
func drawRain(c *canvas) {
	rng := seeded(2)
	c.gradient(0, 400, rgb(0x6f7c88), rgb(0xb3bdc4))
	cloud(c, 200, 70, 420, rgb(0x56616c))
	cloud(c, 620, 50, 520, rgb(0x5d6873))
	cloud(c, 1050, 90, 400, rgb(0x525d68))
	c.ridge(rgb(0x7b9484), hills(300, swell{25, 380, 1}, swell{12, 150, 0.3}))
	c.ridge(rgb(0x557d5a), hills(365, swell{18, 300, 2.2}, swell{9, 120, 1}))
	palm(c, 900, 430, 210, 20)
	palm(c, 1030, 430, 180, -15)
	type house struct {
		x, w, h    float64
		wall, roof uint32
	}
	houses := []house{{130, 150, 95, 0xe8d9b5, 0xb5523b}, {420, 120, 80, 0xd6e4e8, 0x7d5a50}, {690, 140, 88, 0xf1e3c8, 0xa0443a}}
	const base = 432
	for _, h := range houses {
		top := base - h.h
		c.rect(h.x, top, h.x+h.w, base, rgb(h.wall))
		c.polygon(rgb(h.roof), pt{h.x - 12, top + 2}, pt{h.x + h.w + 12, top + 2}, pt{h.x + h.w/2, top - h.h*0.55})
		c.rect(h.x+h.w*0.15, top+18, h.x+h.w*0.35, top+40, rgb(0x3a4a55))
		c.rect(h.x+h.w*0.6, top+18, h.x+h.w*0.8, top+40, rgb(0x3a4a55))
	}

	c.gradient(400, 675, rgb(0x9a8766), rgb(0x6e5f45))
	for _, h := range houses {
		c.rect(h.x, 400, h.x+h.w, 400+h.h*0.45, rgba(h.wall, 55))
		c.ring(h.x+h.w/2, 402, h.w*0.62, 7, 2, rgba(0xe0d6c0, 120))
	}
	for range 45 {
		x, y := rng.Float64()*1200, 420+rng.Float64()*250
		l := 30 + (y-400)*0.25
		c.rect(x, y, x+l, y+2, rgba(0xd8ccb0, 70))
	}

	// Boat with two people, one holding an umbrella.
	c.ellipse(640, 552, 95, 10, rgba(0x3b2f22, 80))
	c.polygon(rgb(0x3b6ea5), pt{550, 520}, pt{730, 520}, pt{708, 547}, pt{572, 547})
	c.rect(556, 520, 724, 526, rgb(0x2c5585))
	c.rect(600, 490, 622, 522, rgb(0xe9c46a))
	c.circle(611, 482, 9, rgb(0x6b4226))
	var canopy []pt
	for i := 0; i <= 24; i++ {
		a := math.Pi + math.Pi*float64(i)/24
		canopy = append(canopy, pt{611 + 48*math.Cos(a), 466 + 26*math.Sin(a)})
	}
	c.polygon(rgb(0xd7263d), canopy...)
	c.line(pt{611, 466}, pt{611, 496}, 2.5, rgb(0x333333))
	c.rect(666, 494, 686, 522, rgb(0x2a9d8f))
	c.circle(676, 486, 9, rgb(0x5a3a22))
	c.line(pt{690, 502}, pt{752, 566}, 4, rgb(0x8a6a4a))

	for range 40 { // splashes
		x, y := rng.Float64()*1200, 420+rng.Float64()*250
		r := 4 + (y-400)*0.03
		c.ring(x, y, r*2, r*0.6, 1.2, rgba(0xe8eef2, 90))
	}
	for range 460 {
		x, y := rng.Float64()*1300, rng.Float64()*720-30
		c.line(pt{x, y}, pt{x - 9, y + 28}, 1.6, rgba(0xe8eef2, 95))
	}
}

// drawTea: hill-country tea estate with rows of bushes, silver oaks, a
// factory on the ridge and a plucker with her basket.
func drawTea(c *canvas) {
	c.gradient(0, 300, rgb(0x9fcff2), rgb(0xeef5f0))
	cloud(c, 260, 80, 260, rgba(0xffffff, 200))
	c.ridge(rgb(0xb4c7d4), hills(190, swell{35, 520, 0.2}, swell{14, 190, 1.7}))
	c.ridge(rgb(0x93b5a8), hills(250, swell{28, 430, 2.4}, swell{10, 140, 0.4}))
	for i := range 6 { // feathered mist in the valley
		c.rect(0, 250-float64(i)*5, 1200, 262+float64(i)*5, rgba(0xffffff, 16))
	}

	mid := hills(330, swell{30, 600, 1.1}, swell{8, 170, 2})
	c.ridge(rgb(0x9cc47a), mid)
	teaRows(c, mid, 11, 8, 12, 5)
	for _, x := range []float64{120, 260, 470, 610, 1010, 1120} {
		silverOak(c, x, mid(x)+14, 95)
	}
	fx := 840.0
	fb := mid(fx) + 12
	c.rect(fx-60, fb-56, fx+60, fb, rgb(0xf3efe6))
	c.polygon(rgb(0x8a8f94), pt{fx - 68, fb - 56}, pt{fx + 68, fb - 56}, pt{fx + 50, fb - 74}, pt{fx - 50, fb - 74})
	for x := fx - 48; x < fx+48; x += 16 {
		c.rect(x, fb-46, x+8, fb-20, rgb(0x4a5a66))
		c.rect(x, fb-16, x+8, fb-8, rgb(0x4a5a66))
	}

	near := hills(470, swell{40, 700, 3.0}, swell{12, 210, 0.8})
	c.ridge(rgb(0x8fbf6a), near)
	teaRows(c, near, 20, 13, 9, 8)
	plucker(c, 300, near(300)+90, rgb(0xc0392b))
	plucker(c, 820, near(820)+120, rgb(0x6a4c93))
}

// teaRows lays bushes in hedgerows that follow the hill line f, growing
// larger and wider apart towards the viewer, with paths showing between.
func teaRows(c *canvas, f func(float64) float64, spacing, radius float64, rows int, phase float64) {
	off := 0.0
	for r := range rows {
		grow := 1 + float64(r)*0.12
		rad := radius * grow
		off += spacing * grow
		for x := -rad + phase*float64(r%2); x < 1200+rad; x += rad * 1.5 {
			y := f(x) + off
			c.ellipse(x, y, rad, rad*0.62, rgb(0x3f7f35))
			c.ellipse(x-rad*0.2, y-rad*0.22, rad*0.55, rad*0.3, rgb(0x56a044))
		}
	}
}

func silverOak(c *canvas, x, base, h float64) {
	c.rect(x-2, base-h, x+2, base, rgb(0x5b4a3a))
	for i, dy := range []float64{0.95, 0.75, 0.55} {
		w := 14 + float64(i)*6
		c.ellipse(x, base-h*dy, w, 12, rgba(0x3d6b35, 210))
	}
}

func plucker(c *canvas, x, base float64, saree color.NRGBA) {
	c.polygon(saree, pt{x - 12, base - 50}, pt{x + 12, base - 50}, pt{x + 18, base}, pt{x - 18, base})
	c.circle(x, base-60, 10, rgb(0x5a3a22))
	c.ellipse(x-14, base-52, 16, 22, rgb(0xb08850))
	c.line(pt{x - 14, base - 74}, pt{x, base - 62}, 3, rgb(0x8a6a3a))
}

// drawCricket: the view down the pitch from behind the bowler's stumps, with
// stands, floodlights and a ball in flight.
func drawCricket(c *canvas) {
	rng := seeded(3)
	c.gradient(0, 190, rgb(0x4ea3e0), rgb(0xcde6f6))
	for _, x := range []float64{80, 1120} {
		c.rect(x-4, 50, x+4, 250, rgb(0x8d959e))
		c.rect(x-40, 18, x+40, 58, rgb(0xcfd4da))
		for ly := 26.0; ly < 54; ly += 12 {
			for lx := x - 32; lx < x+36; lx += 14 {
				c.circle(lx+4, ly+2, 4, rgb(0xfff6c8))
			}
		}
	}
	c.rect(0, 110, 1200, 130, rgb(0xe3e6ea))
	c.rect(0, 130, 1200, 138, rgb(0x7f8790))
	c.rect(0, 138, 1200, 250, rgb(0x34495e))
	crowd := []uint32{0xf4f1de, 0xe07a5f, 0x3d5a80, 0xf2cc8f, 0x81b29a, 0xffffff, 0xe63946}
	for y := 146.0; y < 244; y += 9 {
		for x := 2.0; x < 1200; x += 9 {
			if rng.IntN(5) == 0 {
				continue
			}
			c.rect(x, y, x+5, y+6, rgba(crowd[rng.IntN(len(crowd))], 200))
		}
	}
	boards := []uint32{0x1b998b, 0xf46036, 0x2e294e, 0xe2c044}
	for i := range 8 {
		c.rect(float64(i)*150, 250, float64(i+1)*150, 266, rgb(boards[i%len(boards)]))
	}

	const n = 12
	for k := range n {
		y0 := 266 + 409*math.Pow(float64(k)/n, 1.5)
		y1 := 266 + 409*math.Pow(float64(k+1)/n, 1.5)
		col := rgb(0x4e9a3b)
		if k%2 == 1 {
			col = rgb(0x58a845)
		}
		c.rect(0, y0, 1200, y1+1, col)
	}
	var rope []pt
	for x := 0.0; x <= 1200; x += 40 {
		rope = append(rope, pt{x, 274 + 5*math.Sin(math.Pi*x/1200)})
	}
	c.stroke(3, rgba(0xffffff, 200), rope...)

	// Pitch in perspective: halfWidth grows from 40 at the far end to 150.
	halfWidth := func(y float64) float64 { return 40 + (y-300)/375*110 }
	c.polygon(rgb(0xd8c48f), pt{560, 300}, pt{640, 300}, pt{750, 675}, pt{450, 675})
	c.polygon(rgba(0xece0bb, 150), pt{588, 300}, pt{612, 300}, pt{650, 675}, pt{550, 675})
	for _, y := range []float64{312, 606, 648} {
		hw := halfWidth(y) + 6
		c.rect(600-hw, y, 600+hw, y+1+y/300, rgb(0xffffff))
	}
	for _, x := range []float64{597, 600, 603} {
		c.rect(x-1, 288, x+1, 306, rgb(0xf4ead2))
	}
	for _, x := range []float64{588, 600, 612} {
		c.rect(x-3, 574, x+3, 650, rgb(0xf4ead2))
	}
	c.rect(586, 570, 599, 574, rgb(0xb5651d))
	c.rect(601, 570, 614, 574, rgb(0xb5651d))
	c.ellipse(626, 470, 10, 3, rgba(0x000000, 60))
	c.circle(616, 420, 8, rgb(0xb3202a))
	c.line(pt{610, 415}, pt{622, 425}, 1.5, rgb(0xf4ead2))
}
