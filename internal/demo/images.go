package demo

import (
	"errors"
	"fmt"
	"image/color"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
)

// ErrUnknownImage is returned by DrawImage for a name it cannot draw.
var ErrUnknownImage = errors.New("demo: unknown image")

// DrawImage returns the named illustration as a 1200×675 PNG. The drawing is
// deterministic, so the same name always yields the same bytes; names are
// those listed by ImageNames.
func DrawImage(name string) ([]byte, error) {
	draw, ok := scenes()[name]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownImage, name)
	}
	c := newCanvas()
	draw(c)
	return c.encode()
}

// ImageNames lists, in alphabetical order, every name DrawImage accepts.
func ImageNames() []string {
	return slices.Sorted(maps.Keys(scenes()))
}

func scenes() map[string]func(*canvas) {
	return map[string]func(*canvas){
		"bus":      drawBus,
		"chart":    drawChart,
		"cricket":  drawCricket,
		"harbour":  drawHarbour,
		"hospital": drawHospital,
		"rain":     drawRain,
		"summit":   drawSummit,
		"tea":      drawTea,
		"train":    drawTrain,
	}
}

// seeded gives each scene its own fixed random stream, so scattered details
// (waves, crowds, raindrops) look natural but never change between runs.
func seeded(n uint64) *rand.Rand { return rand.New(rand.NewPCG(n, 0x0da7e11e)) }

// palm draws a coconut palm whose trunk leans by lean pixels at the crown.
func palm(c *canvas, x, base, height, lean float64) {
	trunk := rgb(0x7a5c3e)
	var pts []pt
	for i := 0; i <= 10; i++ {
		t := float64(i) / 10
		pts = append(pts, pt{x + lean*t*t, base - height*t})
	}
	c.stroke(9, trunk, pts...)
	top := pts[len(pts)-1]
	for i, a := range []float64{-170, -140, -110, -70, -40, -10, 20, 160} {
		r := a * math.Pi / 180
		l := 70 + float64(i%3)*12
		tip := pt{top.X + l*math.Cos(r), top.Y + l*math.Sin(r)*0.6 + 28}
		col := rgb(0x2f7d32)
		if i%2 == 1 {
			col = rgb(0x3c9140)
		}
		c.leaf(top, tip, 18, col)
	}
	c.circle(top.X, top.Y+6, 7, rgb(0x6b4a2b))
}

// tree draws a round-crowned shade tree standing on base.
func tree(c *canvas, x, base, r float64) {
	c.rect(x-r*0.12, base-r*1.6, x+r*0.12, base, rgb(0x6b5440))
	c.circle(x, base-r*1.9, r, rgb(0x3f7d3a))
	c.circle(x-r*0.55, base-r*1.6, r*0.7, rgb(0x3f7d3a))
	c.circle(x+r*0.55, base-r*1.65, r*0.72, rgb(0x376f33))
	c.circle(x-r*0.25, base-r*2.2, r*0.45, rgba(0x7fbf6a, 120))
}

// cloud is a cluster of discs centred on (x, y), w wide.
func cloud(c *canvas, x, y, w float64, col color.NRGBA) {
	c.ellipse(x, y, w/2, w/7, col)
	c.circle(x-w/5, y-w/10, w/5, col)
	c.circle(x+w/8, y-w/7, w/4, col)
	c.circle(x+w/3, y-w/20, w/7, col)
}
