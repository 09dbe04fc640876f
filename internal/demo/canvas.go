package demo

import (
	"image"
	"math"
)

// rng is SplitMix64: tiny, fast and, unlike math/rand, fixed forever, so an
// article keeps its image across Go releases.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// between returns a number in [lo, hi).
func (r *rng) between(lo, hi float64) float64 { return lo + (hi-lo)*r.float() }

// intn returns a number in [0, n).
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// chance returns true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// rgb is a colour with channels in [0, 1].
type rgb struct{ r, g, b float32 }

func hex(v uint32) rgb {
	return rgb{float32(v>>16&0xff) / 255, float32(v>>8&0xff) / 255, float32(v&0xff) / 255}
}

func (a rgb) mix(b rgb, t float64) rgb {
	k := float32(t)
	return rgb{a.r + (b.r-a.r)*k, a.g + (b.g-a.g)*k, a.b + (b.b-a.b)*k}
}

// palette is five colours from darkest to lightest; compositions use the
// order to tell shadows from skies.
type palette [5]rgb

// ramp returns the colour at t in [0, 1] along the palette, dark to light.
func (p palette) ramp(t float64) rgb {
	t = math.Max(0, math.Min(1, t)) * float64(len(p)-1)
	i := int(t)
	if i >= len(p)-1 {
		return p[len(p)-1]
	}
	return p[i].mix(p[i+1], t-float64(i))
}

// palettes are muted, print-like schemes that suit a news page.
func palettes() []palette {
	mk := func(v ...uint32) palette {
		var p palette
		for i := range p {
			p[i] = hex(v[i])
		}
		return p
	}
	return []palette{
		mk(0x0b2545, 0x13315c, 0x8da9c4, 0xe07a5f, 0xeef4ed), // harbour
		mk(0x264653, 0x2a9d8f, 0xe76f51, 0xf4a261, 0xe9c46a), // terracotta
		mk(0x2f3e46, 0x354f52, 0x52796f, 0x84a98c, 0xcad2c5), // sage
		mk(0x3d2c2e, 0x8c4a32, 0xd08c45, 0xe9c89b, 0xf5ecd7), // ochre
		mk(0x1d3557, 0x457b9d, 0xe63946, 0xa8dadc, 0xf1faee), // nordic
		mk(0x22223b, 0x4a4e69, 0x9a8c98, 0xc9ada7, 0xf2e9e4), // plum
		mk(0x003049, 0xd62828, 0xf77f00, 0xfcbf49, 0xeae2b7), // citrus
		mk(0x283618, 0x606c38, 0xbc6c25, 0xdda15e, 0xfefae0), // moss
		mk(0x0d1b2a, 0x1b263b, 0x415a77, 0x778da9, 0xe0e1dd), // slate
		mk(0x05668d, 0x028090, 0x00a896, 0x02c39a, 0xf0f3bd), // reef
		mk(0x355070, 0x6d597a, 0xb56576, 0xe56b6f, 0xeaac8b), // dusk
		mk(0x582f0e, 0x7f4f24, 0x936639, 0xa68a64, 0xede0d4), // desert
	}
}

// canvas is a floating-point RGB picture; blending in floats and dithering
// once at the end keeps wide gradients free of bands.
type canvas struct {
	w, h int
	pix  []float32 // r, g, b per pixel, rows top to bottom
}

func newCanvas(w, h int) *canvas {
	return &canvas{w: w, h: h, pix: make([]float32, 3*w*h)}
}

// blend mixes col into pixel i with opacity a.
func (c *canvas) blend(i int, col rgb, a float32) {
	p := c.pix[3*i : 3*i+3 : 3*i+3]
	p[0] += (col.r - p[0]) * a
	p[1] += (col.g - p[1]) * a
	p[2] += (col.b - p[2]) * a
}

func (c *canvas) set(i int, col rgb) {
	p := c.pix[3*i : 3*i+3 : 3*i+3]
	p[0], p[1], p[2] = col.r, col.g, col.b
}

func (c *canvas) at(x, y int) rgb {
	p := c.pix[3*(y*c.w+x) : 3*(y*c.w+x)+3 : 3*(y*c.w+x)+3]
	return rgb{p[0], p[1], p[2]}
}

func (c *canvas) bounds() image.Rectangle { return image.Rect(0, 0, c.w, c.h) }

// box returns the pixels a shape spanning [x0, x1]×[y0, y1] can touch,
// within clip.
func (c *canvas) box(x0, y0, x1, y1 float64, clip image.Rectangle) image.Rectangle {
	b := image.Rect(int(math.Floor(x0))-1, int(math.Floor(y0))-1, int(math.Ceil(x1))+1, int(math.Ceil(y1))+1)
	return b.Intersect(clip).Intersect(c.bounds())
}

// coverage turns a signed distance in pixels (positive inside) into the
// fraction of the pixel covered.
func coverage(d float64) float32 {
	switch {
	case d >= 0.5:
		return 1
	case d <= -0.5:
		return 0
	}
	return float32(d + 0.5)
}

// smooth is the smoothstep easing of t in [0, 1].
func smooth(t float64) float64 {
	t = math.Max(0, math.Min(1, t))
	return t * t * (3 - 2*t)
}

// gradient fills the canvas with a linear gradient from a to b along the
// direction angle (radians; 0 is left to right, π/2 top to bottom).
func (c *canvas) gradient(a, b rgb, angle float64) {
	dx, dy := math.Cos(angle), math.Sin(angle)
	w, h := float64(c.w), float64(c.h)
	lo := math.Min(0, dx*w) + math.Min(0, dy*h)
	hi := math.Max(0, dx*w) + math.Max(0, dy*h)
	span := hi - lo
	for y := range c.h {
		for x := range c.w {
			t := smooth(((float64(x)+0.5)*dx + (float64(y)+0.5)*dy - lo) / span)
			c.set(y*c.w+x, a.mix(b, t))
		}
	}
}

// vgradient fills the canvas with a vertical gradient through stops, evenly
// spaced from row y0 to row y1; rows outside take the end colours.
func (c *canvas) vgradient(stops []rgb, y0, y1 float64) {
	for y := range c.h {
		t := (float64(y) + 0.5 - y0) / (y1 - y0)
		t = math.Max(0, math.Min(1, t)) * float64(len(stops)-1)
		k := int(t)
		col := stops[len(stops)-1]
		if k < len(stops)-1 {
			col = stops[k].mix(stops[k+1], smooth(t-float64(k)))
		}
		row := c.pix[3*y*c.w : 3*(y+1)*c.w]
		for x := 0; x < len(row); x += 3 {
			row[x], row[x+1], row[x+2] = col.r, col.g, col.b
		}
	}
}

// glow tints towards col around (cx, cy), fading to nothing at radius.
func (c *canvas) glow(cx, cy, radius float64, col rgb, alpha float64) {
	b := c.box(cx-radius, cy-radius, cx+radius, cy+radius, c.bounds())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		dy := float64(y) + 0.5 - cy
		for x := b.Min.X; x < b.Max.X; x++ {
			dx := float64(x) + 0.5 - cx
			d2 := (dx*dx + dy*dy) / (radius * radius)
			if d2 >= 1 {
				continue
			}
			f := 1 - d2
			c.blend(y*c.w+x, col, float32(alpha*f*f))
		}
	}
}

// disc fills the circle of radius r around (cx, cy), within clip.
func (c *canvas) disc(cx, cy, r float64, col rgb, alpha float32, clip image.Rectangle) {
	b := c.box(cx-r, cy-r, cx+r, cy+r, clip)
	in := math.Max(0, r-0.5)
	in2, out2 := in*in, (r+0.5)*(r+0.5)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		dy := float64(y) + 0.5 - cy
		for x := b.Min.X; x < b.Max.X; x++ {
			dx := float64(x) + 0.5 - cx
			d2 := dx*dx + dy*dy
			switch {
			case d2 >= out2:
			case d2 <= in2:
				c.blend(y*c.w+x, col, alpha)
			default:
				c.blend(y*c.w+x, col, alpha*coverage(r-math.Sqrt(d2)))
			}
		}
	}
}

// ring strokes the circle of radius r around (cx, cy) with a line width
// wide, within clip.
func (c *canvas) ring(cx, cy, r, width float64, col rgb, alpha float32, clip image.Rectangle) {
	half := width / 2
	outer := r + half + 1
	inner := math.Max(0, r-half-1)
	b := c.box(cx-outer, cy-outer, cx+outer, cy+outer, clip)
	in2, out2 := inner*inner, outer*outer
	for y := b.Min.Y; y < b.Max.Y; y++ {
		dy := float64(y) + 0.5 - cy
		for x := b.Min.X; x < b.Max.X; x++ {
			dx := float64(x) + 0.5 - cx
			d2 := dx*dx + dy*dy
			if d2 >= out2 || d2 <= in2 {
				continue
			}
			if a := coverage(half - math.Abs(math.Sqrt(d2)-r)); a > 0 {
				c.blend(y*c.w+x, col, alpha*a)
			}
		}
	}
}

type point struct{ x, y float64 }

// polygon fills a convex polygon, within clip. A pixel's coverage is that of
// its nearest edge: exact along edges and close enough at corners.
func (c *canvas) polygon(pts []point, col rgb, alpha float32, clip image.Rectangle) {
	type edge struct{ nx, ny, d float64 }
	area := 0.0
	for i, p := range pts {
		q := pts[(i+1)%len(pts)]
		area += p.x*q.y - q.x*p.y
	}
	sign := 1.0
	if area < 0 {
		sign = -1
	}
	edges := make([]edge, 0, len(pts))
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i, p := range pts {
		minX, maxX = math.Min(minX, p.x), math.Max(maxX, p.x)
		minY, maxY = math.Min(minY, p.y), math.Max(maxY, p.y)
		q := pts[(i+1)%len(pts)]
		ex, ey := q.x-p.x, q.y-p.y
		l := math.Hypot(ex, ey)
		if l == 0 {
			continue
		}
		// For a polygon of positive area in y-down coordinates the inside
		// lies to the right of each edge: normal (-ey, ex).
		nx, ny := -ey/l*sign, ex/l*sign
		edges = append(edges, edge{nx, ny, -(nx*p.x + ny*p.y)})
	}
	b := c.box(minX, minY, maxX, maxY, clip)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		py := float64(y) + 0.5
		// Only the span of the row that every edge may cover is visited,
		// so a long thin diagonal costs its area, not its bounding box.
		lo, hi := float64(b.Min.X), float64(b.Max.X)
		for _, e := range edges {
			// Pixels with e.nx*px + e.ny*py + e.d <= -0.5 are outside.
			if math.Abs(e.nx) < 1e-9 {
				if e.ny*py+e.d <= -0.5 {
					lo, hi = 1, 0
				}
				continue
			}
			edgeX := (-0.5 - e.ny*py - e.d) / e.nx
			if e.nx > 0 {
				lo = math.Max(lo, edgeX-1)
			} else {
				hi = math.Min(hi, edgeX+1)
			}
		}
		if lo >= hi {
			continue
		}
		for x := max(b.Min.X, int(lo)); x < min(b.Max.X, int(math.Ceil(hi))); x++ {
			px := float64(x) + 0.5
			a := float32(1)
			for _, e := range edges {
				if cov := coverage(e.nx*px + e.ny*py + e.d); cov < a {
					a = cov
					if a == 0 {
						break
					}
				}
			}
			if a > 0 {
				c.blend(y*c.w+x, col, alpha*a)
			}
		}
	}
}

// line strokes the segment from a to b with the given width and square ends.
func (c *canvas) line(a, b point, width float64, col rgb, alpha float32) {
	dx, dy := b.x-a.x, b.y-a.y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*width/2, dx/l*width/2
	c.polygon([]point{{a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}},
		col, alpha, c.bounds())
}

// rect fills a pixel-aligned rectangle.
func (c *canvas) rect(r image.Rectangle, col rgb, alpha float32) {
	r = r.Intersect(c.bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c.blend(y*c.w+x, col, alpha)
		}
	}
}

// fillBelow fills everything below the curve ys, one height per column.
// The edge is anti-aliased along the curve's normal, not just vertically,
// so steep slopes stay smooth.
func (c *canvas) fillBelow(ys []float64, col rgb, alpha float32) {
	c.curve(ys, col, alpha, -1)
}

// stroke draws the curve ys as a line of the given width.
func (c *canvas) stroke(ys []float64, width float64, col rgb, alpha float32) {
	c.curve(ys, col, alpha, width)
}

// curve fills below ys when width < 0 and strokes it otherwise.
func (c *canvas) curve(ys []float64, col rgb, alpha float32, width float64) {
	top, bottom := make([]int, c.w), make([]int, c.w)
	norm := make([]float64, c.w)
	reach := 2.0
	if width > 0 {
		reach += width
	}
	for x := range c.w {
		slope := (ys[min(x+1, c.w-1)] - ys[max(x-1, 0)]) / 2
		norm[x] = 1 / math.Sqrt(1+slope*slope)
		top[x] = int(math.Floor(ys[x] - reach/norm[x]))
		bottom[x] = c.h
		if width > 0 {
			bottom[x] = int(math.Ceil(ys[x] + reach/norm[x]))
		}
	}
	for y := range c.h {
		py := float64(y) + 0.5
		for x := range c.w {
			if y < top[x] || y >= bottom[x] {
				continue
			}
			d := (py - ys[x]) * norm[x]
			var a float32
			if width > 0 {
				a = coverage(width/2 - math.Abs(d))
			} else {
				a = coverage(d)
			}
			if a > 0 {
				c.blend(y*c.w+x, col, alpha*a)
			}
		}
	}
}

// noiseCurve returns one height per column: base plus fractal value noise
// of amplitude amp with freq bumps across the width in the first octave.
func noiseCurve(r *rng, w int, base, amp, freq float64, octaves int, persistence float64) []float64 {
	ys := make([]float64, w)
	for i := range ys {
		ys[i] = base
	}
	a := amp
	for range octaves {
		lattice := make([]float64, int(math.Ceil(freq))+2)
		for i := range lattice {
			lattice[i] = r.between(-1, 1)
		}
		for x := range ys {
			u := (float64(x) + 0.5) / float64(w) * freq
			i := int(u)
			ys[x] += a * (lattice[i] + (lattice[i+1]-lattice[i])*smooth(u-float64(i)))
		}
		a *= persistence
		freq *= 2
	}
	return ys
}

type wave struct{ amp, freq, phase float64 }

// waveCurve returns one height per column: base plus a few sines.
func waveCurve(w int, base float64, waves []wave) []float64 {
	ys := make([]float64, w)
	for x := range ys {
		y := base
		for _, s := range waves {
			y += s.amp * math.Sin(float64(x)*s.freq+s.phase)
		}
		ys[x] = y
	}
	return ys
}

// finish turns the canvas into an image with a soft vignette and a faint
// grain, which dithers the gradients and reads as paper texture.
func (c *canvas) finish(seed uint64, vignette float64) *image.RGBA {
	img := image.NewRGBA(c.bounds())
	cx, cy := float64(c.w)/2, float64(c.h)/2
	inv := 1 / (cx*cx + cy*cy)
	s := uint32(seed) | 1
	for y := range c.h {
		dy := float64(y) + 0.5 - cy
		row := img.Pix[y*img.Stride : y*img.Stride+4*c.w]
		src := c.pix[3*y*c.w : 3*(y+1)*c.w]
		for x := range c.w {
			dx := float64(x) + 0.5 - cx
			v := float32(1 - vignette*(dx*dx+dy*dy)*inv)
			// An integer hash of the pixel index: cheaper than a
			// generator and the same on every run.
			n := (uint32(y*c.w+x) + s) * 0x9e3779b1
			n ^= n >> 15
			n *= 0x85ebca77
			n ^= n >> 13
			grain := (float32(n&0xffff)/65535 - 0.5) * 0.03
			p := src[3*x : 3*x+3 : 3*x+3]
			q := row[4*x : 4*x+4 : 4*x+4]
			q[0] = toByte(p[0]*v + grain)
			q[1] = toByte(p[1]*v + grain)
			q[2] = toByte(p[2]*v + grain)
			q[3] = 0xff
		}
	}
	return img
}

func toByte(v float32) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 1:
		return 255
	}
	return uint8(v*255 + 0.5)
}
