package demo

import "math"

// drawHospital: a new hospital wing with an H sign, lawn, trees and an
// ambulance at the entrance.
func drawHospital(c *canvas) {
	c.gradient(0, 480, rgb(0x9ad0f5), rgb(0xf1f8fc))
	cloud(c, 180, 90, 220, rgba(0xffffff, 220))
	cloud(c, 1020, 70, 260, rgba(0xffffff, 200))
	c.ridge(rgb(0x8fbb86), hills(430, swell{12, 260, 1}, swell{6, 90, 2}))
	c.gradient(470, 675, rgb(0x86c06a), rgb(0x5f9e48))

	wing := rgb(0xe9e4d8)
	c.rect(120, 300, 320, 520, wing)
	c.rect(880, 260, 1080, 520, wing)
	c.rect(300, 150, 900, 520, rgb(0xf5f2ea))
	c.rect(290, 140, 910, 155, rgb(0xb7b1a4))
	c.rect(110, 292, 330, 302, rgb(0xb7b1a4))
	c.rect(870, 252, 1090, 262, rgb(0xb7b1a4))
	windows := func(x0, x1, y0, y1 float64) {
		for y := y0; y+34 <= y1; y += 58 {
			for x := x0; x+36 <= x1; x += 60 {
				c.rect(x, y, x+36, y+34, rgb(0x6fa8c9))
				c.rect(x, y, x+36, y+8, rgba(0xffffff, 70))
				c.rect(x-3, y+34, x+39, y+38, rgb(0xd0c9b8))
			}
		}
	}
	windows(330, 880, 180, 420)
	windows(142, 310, 325, 440)
	windows(902, 1070, 285, 440)

	// Roof sign: a white H on a blue panel.
	c.rect(556, 128, 562, 140, rgb(0x7a7a7a))
	c.rect(638, 128, 644, 140, rgb(0x7a7a7a))
	c.roundRect(530, 70, 670, 130, 8, rgb(0x2f7fb4))
	c.rect(584, 80, 594, 120, rgb(0xffffff))
	c.rect(606, 80, 616, 120, rgb(0xffffff))
	c.rect(594, 96, 606, 104, rgb(0xffffff))

	c.polygon(rgb(0x2f7fb4), pt{510, 440}, pt{690, 440}, pt{712, 462}, pt{488, 462})
	c.rect(540, 462, 660, 520, rgb(0xa6d3ea))
	c.rect(597, 462, 603, 520, rgb(0x7a8a94))
	c.rect(520, 520, 680, 530, rgb(0xd0c9b8))
	c.polygon(rgb(0xd9d0bd), pt{545, 530}, pt{655, 530}, pt{780, 675}, pt{420, 675})
	for _, x := range []float64{60, 250, 960, 1140} {
		tree(c, x, 540, 46)
	}

	// Ambulance waiting by the path.
	c.rect(820, 642, 1010, 652, rgba(0x000000, 50))
	c.roundRect(820, 560, 960, 640, 8, rgb(0xfafafa))
	c.polygon(rgb(0xfafafa), pt{955, 580}, pt{990, 580}, pt{1010, 610}, pt{1010, 640}, pt{955, 640})
	c.polygon(rgb(0x9fd0ea), pt{962, 586}, pt{986, 586}, pt{1001, 608}, pt{962, 608})
	c.rect(820, 606, 1010, 616, rgb(0xd62828))
	c.rect(868, 574, 890, 600, rgb(0xd62828))
	c.rect(866, 578, 892, 596, rgb(0xfafafa))
	c.rect(874, 580, 884, 594, rgb(0xd62828))
	c.rect(870, 584, 888, 590, rgb(0xd62828))
	c.rect(930, 552, 950, 560, rgb(0x2b7de9))
	for _, x := range []float64{860, 975} {
		c.circle(x, 642, 16, rgb(0x222222))
		c.circle(x, 642, 6, rgb(0x9a9a9a))
	}
}

// drawSummit: a globe above a conference table flanked by flags.
func drawSummit(c *canvas) {
	c.gradient(0, 675, rgb(0x0e3a5a), rgb(0x1c6e8c))
	c.circle(600, 250, 240, rgba(0xffffff, 14))
	c.circle(600, 250, 205, rgba(0xffffff, 16))

	g := disc{600, 250, 170}
	c.circle(g.cx, g.cy, g.r, rgb(0x2f8fd0))
	c.clip = &g
	land := rgb(0x7cc47a)
	c.ellipse(530, 170, 95, 55, land)
	c.ellipse(575, 225, 40, 45, land)
	c.ellipse(500, 300, 40, 85, land)
	c.ellipse(700, 180, 60, 40, land)
	c.ellipse(735, 330, 50, 30, land)
	c.ellipse(660, 395, 120, 22, rgb(0xeef6f8))
	for _, deg := range []float64{-60, -30, 0, 30, 60} {
		phi := deg * math.Pi / 180
		y, half := g.cy+g.r*math.Sin(phi), g.r*math.Cos(phi)
		c.rect(g.cx-half, y-1, g.cx+half, y+1, rgba(0xffffff, 90))
	}
	for _, k := range []float64{0.3, 0.62, 0.9} {
		c.ring(g.cx, g.cy, g.r*k, g.r, 2, rgba(0xffffff, 90))
	}
	c.rect(g.cx-1, g.cy-g.r, g.cx+1, g.cy+g.r, rgba(0xffffff, 90))
	c.ellipse(g.cx-70, g.cy-85, 45, 26, rgba(0xffffff, 45))
	c.clip = nil
	c.ring(g.cx, g.cy, g.r, g.r, 4, rgba(0xffffff, 160))

	// Flags of invented member states on either side.
	flags := [][3]uint32{
		{0x2a9d8f, 0xe9c46a, 0xe76f51}, {0x264653, 0xf4f1de, 0xe63946}, {0x3d5a80, 0xee6c4d, 0xf4f1de},
		{0x588157, 0xf2e8cf, 0xbc4749}, {0xffb703, 0x023047, 0xfb8500}, {0x6a4c93, 0xf4f1de, 0x1982c4},
	}
	for i, x := range []float64{70, 150, 230, 900, 980, 1060} {
		c.rect(x, 300, x+5, 600, rgb(0xd7d7d7))
		c.circle(x+2.5, 296, 6, rgb(0xe2b33c))
		for s, col := range flags[i] {
			c.rect(x+5, 310+float64(s)*16, x+72, 326+float64(s)*16, rgb(col))
		}
	}

	c.rect(0, 600, 1200, 675, rgb(0x0b2b42))
	for x := 330.0; x <= 870; x += 108 {
		c.roundRect(x-26, 462, x+26, 540, 12, rgb(0x12273a))
	}
	c.rect(250, 520, 950, 540, rgb(0xf2efe8))
	c.rect(262, 540, 938, 640, rgb(0x16324a))
	c.ring(600, 590, 28, 28, 4, rgba(0xffffff, 120))
	for x := 330.0; x <= 870; x += 108 {
		c.rect(x-22, 506, x+22, 520, rgb(0xffffff))
		c.line(pt{x + 30, 520}, pt{x + 40, 484}, 3, rgb(0x222222))
		c.circle(x+40, 482, 5, rgb(0x333333))
	}
}

// drawChart: rising bars with a trend line, for markets and rate stories.
func drawChart(c *canvas) {
	c.gradient(0, 675, rgb(0x13233a), rgb(0x1f3b5c))
	left, right, top, bottom := 130.0, 1090.0, 110.0, 570.0
	for i := 1; i <= 5; i++ {
		y := bottom - float64(i)*88
		c.rect(left, y-1, right, y+1, rgba(0xffffff, 35))
		c.roundRect(left-70, y-6, left-20, y+6, 6, rgb(0x6c7f96))
	}
	c.rect(left-2, top, left+2, bottom, rgba(0xffffff, 120))
	c.rect(left, bottom-1, right, bottom+2, rgba(0xffffff, 160))

	values := []float64{0.30, 0.36, 0.33, 0.42, 0.47, 0.45, 0.55, 0.61, 0.58, 0.72, 0.80}
	slot := (right - left) / float64(len(values))
	barW := slot * 0.6
	var trend []pt
	for i, v := range values {
		x0 := left + slot*float64(i) + (slot-barW)/2
		h := v * (bottom - top)
		bar, highlight := rgb(0x2ec4b6), rgb(0x5fe0d4)
		if i == len(values)-1 {
			bar, highlight = rgb(0xffb703), rgb(0xffd166)
		}
		c.rect(x0, bottom-h, x0+barW, bottom, bar)
		c.rect(x0, bottom-h, x0+barW, bottom-h+6, highlight)
		trend = append(trend, pt{x0 + barW/2, bottom - h - 28})
	}
	c.stroke(5, rgb(0xffffff), trend...)
	for _, p := range trend {
		c.circle(p.X, p.Y, 9, rgb(0xffffff))
		c.circle(p.X, p.Y, 4, rgb(0x13233a))
	}
	// Arrowhead continuing the trend upwards from the last point.
	end := trend[len(trend)-1]
	dx, dy := 1/math.Sqrt2, -1/math.Sqrt2
	base, tip := pt{end.X + dx*30, end.Y + dy*30}, pt{end.X + dx*62, end.Y + dy*62}
	c.line(end, base, 5, rgb(0xffd166))
	c.polygon(rgb(0xffd166), tip, pt{base.X - dy*16, base.Y + dx*16}, pt{base.X + dy*16, base.Y - dx*16})

	// Legend: colour swatches with grey bars standing in for text.
	c.rect(left, 50, left+28, 70, rgb(0x2ec4b6))
	c.roundRect(left+40, 54, left+200, 66, 6, rgb(0x6c7f96))
	c.rect(left+240, 50, left+268, 70, rgb(0xffb703))
	c.roundRect(left+280, 54, left+400, 66, 6, rgb(0x6c7f96))
}
