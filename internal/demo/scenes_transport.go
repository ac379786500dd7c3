package demo

import "math"

// drawHarbour: a container ship alongside a quay with gantry cranes at dawn.
func drawHarbour(c *canvas) {
	rng := seeded(1)
	containerColours := []uint32{0xd1495b, 0xedae49, 0x00798c, 0x30638e, 0x66a182, 0x8d6a9f, 0xe07a5f}
	c.gradient(0, 380, rgb(0x8ec5e8), rgb(0xfde2b8))
	c.circle(880, 300, 95, rgba(0xffe7b0, 110))
	c.circle(880, 300, 62, rgb(0xffd27a))
	c.ridge(rgb(0x9fb6c6), hills(352, swell{16, 420, 0.5}, swell{8, 170, 2}))
	c.gradient(380, 675, rgb(0x3a8cc0), rgb(0x173f63))
	for range 14 { // sun glitter
		x, y := 880+rng.NormFloat64()*30, 390+rng.Float64()*130
		c.rect(x-18, y, x+18, y+3, rgba(0xffe7b0, 120))
	}
	for range 80 {
		x, y := rng.Float64()*1200, 395+rng.Float64()*280
		l, w := 25+(y-380)*0.18, 1.5+(y-380)/110
		var pts []pt
		for i := 0; i <= 6; i++ {
			t := float64(i) / 6
			pts = append(pts, pt{x + l*t, y - 3*math.Sin(math.Pi*t)})
		}
		c.stroke(w, rgba(0xffffff, 55), pts...)
	}

	// Quay with stacked boxes and two gantry cranes reaching over the ship.
	c.rect(0, 455, 440, 500, rgb(0xbdb6a6))
	c.rect(0, 500, 440, 516, rgb(0x6d675c))
	for i, x := range []float64{20, 62, 104} {
		for tier := range 2 + i%2 {
			col := rgb(containerColours[(i*3+tier)%len(containerColours)])
			y := 455 - float64(tier+1)*24
			c.rect(x, y+1, x+40, y+24, col)
		}
	}
	for _, x := range []float64{170, 320} {
		crane := rgb(0xe4572e)
		c.rect(x, 190, x+10, 456, crane)
		c.rect(x+70, 190, x+80, 456, crane)
		c.rect(x, 300, x+80, 308, crane)
		c.rect(x-60, 186, x+340, 200, crane)
		c.line(pt{x + 40, 110}, pt{x - 60, 188}, 4, crane)
		c.line(pt{x + 40, 110}, pt{x + 340, 188}, 4, crane)
		c.rect(x+36, 110, x+44, 190, crane)
		c.rect(x+180, 200, x+206, 222, rgb(0x2b3a4a))
		c.line(pt{x + 193, 222}, pt{x + 193, 330}, 2, rgb(0x2b3a4a))
	}

	// Ship: hull, boot topping, containers, then the bridge at the stern.
	c.rect(478, 541, 1104, 558, rgba(0x0d2236, 70))
	c.rect(490, 558, 1090, 572, rgba(0x0d2236, 35))
	c.polygon(rgb(0x22313f), pt{455, 450}, pt{1090, 450}, pt{1140, 440}, pt{1105, 540}, pt{475, 540})
	c.polygon(rgb(0xa83a32), pt{471, 522}, pt{1111, 522}, pt{1105, 540}, pt{475, 540})
	c.rect(455, 448, 1090, 454, rgb(0xe6e6e6))
	for x := 560.0; x < 1060; x += 40 {
		tiers := 2 + rng.IntN(3)
		for t := range tiers {
			y := 448 - float64(t+1)*26
			col := rgb(containerColours[rng.IntN(len(containerColours))])
			c.rect(x, y+1.5, x+38, y+26, col)
			c.rect(x+4, y+6, x+34, y+8, rgba(0x000000, 40))
		}
	}
	c.rect(470, 345, 540, 450, rgb(0xf1f1ec))
	c.rect(462, 345, 548, 352, rgb(0xdcdcd6))
	c.rect(474, 360, 536, 372, rgb(0x2b3a4a))
	c.rect(480, 390, 530, 398, rgb(0x2b3a4a))
	c.rect(500, 318, 530, 345, rgb(0xd9d9d9))
	c.rect(500, 322, 530, 330, rgb(0xc0392b))
	c.line(pt{505, 318}, pt{505, 280}, 3, rgb(0x4a4a4a))

	// A small fishing boat in the foreground gives the scene its scale.
	c.polygon(rgb(0xf2efe6), pt{90, 590}, pt{235, 588}, pt{215, 614}, pt{108, 614})
	c.rect(100, 598, 228, 603, rgb(0x2f6fb0))
	c.rect(140, 570, 175, 590, rgb(0xf2efe6))
	c.line(pt{190, 590}, pt{190, 540}, 3, rgb(0x5a4a3a))
	c.rect(95, 615, 230, 624, rgba(0x0d2236, 60))
}

// drawTrain: a blue passenger train behind a red locomotive crossing paddy
// country, with palms and telegraph wires.
func drawTrain(c *canvas) {
	c.gradient(0, 420, rgb(0x7cbce8), rgb(0xe4f2f9))
	c.circle(220, 120, 50, rgb(0xfff1c1))
	cloud(c, 760, 110, 220, rgba(0xffffff, 200))
	c.ridge(rgb(0x9cc3a4), hills(300, swell{30, 500, 0.8}, swell{12, 160, 2}))
	c.ridge(rgb(0x6fa863), hills(380, swell{20, 380, 2.5}, swell{8, 120, 0.2}))
	c.gradient(440, 675, rgb(0x8cc45c), rgb(0x5f9c3c))
	for y := 560.0; y < 675; y += 28 { // paddy bunds
		c.rect(0, y, 1200, y+4, rgba(0x4a7a2c, 120))
	}
	palm(c, 360, 470, 230, 30)
	palm(c, 720, 470, 250, -25)

	// Telegraph poles and sagging wires.
	poles := []float64{100, 420, 740, 1060}
	for _, x := range poles {
		c.rect(x-3, 300, x+3, 472, rgb(0x6b5a48))
		c.rect(x-18, 308, x+18, 313, rgb(0x6b5a48))
	}
	for i := 1; i < len(poles); i++ {
		for _, dx := range []float64{-15, 15} {
			var pts []pt
			for k := 0; k <= 12; k++ {
				t := float64(k) / 12
				pts = append(pts, pt{poles[i-1] + dx + (poles[i]-poles[i-1])*t, 309 + 22*math.Sin(math.Pi*t)})
			}
			c.stroke(1.5, rgba(0x333333, 180), pts...)
		}
	}

	// Embankment, sleepers and rail.
	c.rect(0, 470, 1200, 530, rgb(0xa39a8c))
	c.rect(0, 470, 1200, 476, rgb(0x8a8174))
	for x := 4.0; x < 1200; x += 26 {
		c.rect(x, 498, x+14, 508, rgb(0x5b4636))
	}
	c.rect(0, 492, 1200, 499, rgb(0x6e6e6e))
	c.rect(0, 492, 1200, 494, rgb(0xc8c8c8))

	for _, x := range []float64{60, 310, 560} {
		carriage(c, x)
	}
	loco := rgb(0xb83227)
	c.polygon(loco, pt{810, 380}, pt{1040, 380}, pt{1095, 420}, pt{1100, 482}, pt{810, 482})
	c.polygon(rgb(0x1f2a36), pt{1044, 390}, pt{1084, 418}, pt{1044, 418})
	c.polygon(rgb(0xf2c230), pt{810, 446}, pt{1099, 446}, pt{1099, 456}, pt{810, 456})
	c.rect(830, 395, 1020, 425, rgb(0x9b2a21))
	for x := 840.0; x < 1010; x += 24 {
		c.rect(x, 399, x+14, 421, rgb(0x7a1f18))
	}
	c.circle(1092, 468, 7, rgb(0xfff3b0))
	c.rect(815, 482, 1090, 492, rgb(0x2e2e2e))
	for _, x := range []float64{850, 885, 1020, 1055} {
		wheel(c, x, 493)
	}
}

func carriage(c *canvas, x float64) {
	c.roundRect(x, 380, x+240, 482, 10, rgb(0x1d4f91))
	c.roundRect(x+4, 372, x+236, 386, 6, rgb(0x9aa3ad))
	for wx := x + 22; wx+30 <= x+222; wx += 40 {
		c.rect(wx-2, 398, wx+32, 430, rgb(0x163d70))
		c.rect(wx, 400, wx+30, 428, rgb(0xcfe7f5))
		c.polygon(rgba(0xffffff, 110), pt{wx + 4, 428}, pt{wx + 18, 400}, pt{wx + 26, 400}, pt{wx + 12, 428})
	}
	c.rect(x, 446, x+240, 454, rgb(0xc0392b))
	c.rect(x+10, 482, x+230, 492, rgb(0x2e2e2e))
	for _, wx := range []float64{40, 70, 170, 200} {
		wheel(c, x+wx, 493)
	}
}

func wheel(c *canvas, x, y float64) {
	c.circle(x, y, 11, rgb(0x222222))
	c.circle(x, y, 4, rgb(0x888888))
}

// drawBus: a red state bus pulling in at a stop on a town street.
func drawBus(c *canvas) {
	c.gradient(0, 470, rgb(0x8ccaf0), rgb(0xeaf5fb))
	cloud(c, 300, 90, 240, rgba(0xffffff, 210))
	cloud(c, 980, 140, 180, rgba(0xffffff, 190))
	buildings := []struct {
		x0, x1, top float64
		col         uint32
	}{
		{0, 170, 250, 0xf0d9a8}, {170, 390, 180, 0xd9e4ec}, {390, 560, 290, 0xf2c7b3},
		{560, 800, 210, 0xe6e0d2}, {800, 960, 270, 0xcfe3c4}, {960, 1200, 200, 0xf3e3c3},
	}
	for _, b := range buildings {
		c.rect(b.x0, b.top, b.x1, 470, rgb(b.col))
		c.rect(b.x0, b.top, b.x1, b.top+8, rgba(0x000000, 30))
		for y := b.top + 24; y+26 < 455; y += 42 {
			for x := b.x0 + 16; x+20 < b.x1-8; x += 36 {
				c.rect(x, y, x+20, y+26, rgba(0x3b5b73, 150))
			}
		}
	}
	tree(c, 1110, 470, 48)
	tree(c, 40, 470, 40)

	c.rect(0, 470, 1200, 505, rgb(0xcfc6b4))
	c.rect(0, 505, 1200, 513, rgb(0x8f8a80))
	c.gradient(513, 675, rgb(0x5d6166), rgb(0x45484c))
	for x := 20.0; x < 1200; x += 110 {
		c.rect(x, 612, x+60, 618, rgb(0xf2f2f2))
	}

	// Bus shelter with a stop sign.
	c.rect(70, 335, 290, 350, rgb(0x2d6a4f))
	c.rect(80, 350, 86, 480, rgb(0x5a5a5a))
	c.rect(274, 350, 280, 480, rgb(0x5a5a5a))
	c.rect(86, 360, 274, 440, rgba(0xbfe2f0, 90))
	c.rect(110, 450, 250, 458, rgb(0x8a6a4a))
	c.rect(306, 330, 311, 480, rgb(0x5a5a5a))
	c.circle(308.5, 322, 18, rgb(0x1b6fb5))
	c.rect(298, 318, 319, 326, rgb(0xffffff))

	// The bus itself.
	bx0, bx1 := 340.0, 980.0
	c.rect(bx0+20, 576, bx1-10, 592, rgba(0x000000, 60))
	c.roundRect(bx0, 300, bx1, 540, 18, rgb(0xc62f2a))
	glass := rgb(0xbfe2f0)
	for x := bx0 + 30; x+58 <= bx1-190; x += 68 {
		c.rect(x, 330, x+58, 405, glass)
		c.polygon(rgba(0xffffff, 120), pt{x + 6, 405}, pt{x + 30, 330}, pt{x + 42, 330}, pt{x + 18, 405})
	}
	c.rect(bx1-100, 322, bx1-14, 430, glass)
	c.rect(bx1-92, 305, bx1-20, 320, rgb(0x1b1b1b))
	c.rect(bx1-84, 310, bx1-40, 315, rgb(0xffb000))
	c.rect(bx1-178, 330, bx1-116, 528, rgb(0x8e1f1c))
	c.rect(bx1-172, 338, bx1-150, 440, glass)
	c.rect(bx1-144, 338, bx1-122, 440, glass)
	c.rect(bx0, 430, bx1-178, 442, rgb(0xf4e9c9))
	c.rect(bx1-116, 430, bx1, 442, rgb(0xf4e9c9))
	c.rect(bx0+4, 512, bx1-4, 526, rgb(0x7d1d1a))
	c.circle(bx1-24, 490, 10, rgb(0xfff3b0))
	c.rect(bx1-18, 505, bx1-4, 512, rgb(0xf39c12))
	c.line(pt{bx1, 350}, pt{bx1 + 18, 372}, 4, rgb(0x222222))
	for _, x := range []float64{bx0 + 125, bx1 - 230} {
		c.circle(x, 540, 48, rgb(0x3a3a3a))
		c.circle(x, 540, 38, rgb(0x1e1e1e))
		c.circle(x, 540, 16, rgb(0x9a9a9a))
		c.circle(x, 540, 5, rgb(0x444444))
	}
}
