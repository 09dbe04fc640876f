package demo

import (
	"bytes"
	"hash/fnv"
	"image"
	"image/jpeg"
	"math"

	"github.com/byline-news/byline/internal/news"
)

// The featured images of the demo articles are drawn here rather than
// shipped: the repository holds no binary files, and an image drawn from the
// slug is the same on every machine.
//
// Every image is one of a few abstract compositions (a landscape, a grid of
// Bauhaus tiles, overlapping circles, wavy strata, a contour map, split
// blocks) in one of a few hand-picked palettes; the slug seeds every choice.
// Geometry is measured in fractions of the height so an image looks the same
// at any size. Shapes are anti-aliased analytically from their distance to
// each pixel, which is exact for circles and lines and needs no rasterizer.

// MaxImageSide is the largest width or height Image draws.
const MaxImageSide = 8000

// jpegQuality balances the size of the stored images against visible
// blocking in the smooth gradients.
const jpegQuality = 88

// JPEG returns the featured image for slug, w×h pixels, encoded as JPEG.
func JPEG(slug string, w, h int) ([]byte, error) {
	img, err := Image(slug, w, h)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(w * h / 5)
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: jpegQuality}); err != nil {
		return nil, news.WrapError(news.EINTERNAL, err, "The demo image for %q could not be encoded.", slug)
	}
	return buf.Bytes(), nil
}

// Image draws the featured image for slug, w×h pixels. The same slug and
// size always give the same pixels; different slugs give different images.
func Image(slug string, w, h int) (*image.RGBA, error) {
	if w < 1 || h < 1 || w > MaxImageSide || h > MaxImageSide {
		return nil, news.Errorf(news.EINVALID,
			"The demo image size %d×%d is outside 1 to %d pixels a side.", w, h, MaxImageSide)
	}
	p := planFor(slug)
	c := newCanvas(w, h)
	p.comp.draw(c, p.rng, p.palette)
	return c.finish(p.seed, 0.16), nil
}

// composition is one way of drawing an image. Its name is the word an
// image's alt text should use for it.
type composition struct {
	name string
	draw func(*canvas, *rng, palette)
}

// compositions lists the compositions; their order is part of every
// slug's image, so new ones go at the end.
func compositions() []composition {
	return []composition{
		{"landscape", drawLandscape},
		{"tiles", drawTiles},
		{"circles", drawOrbits},
		{"bands", drawStrata},
		{"contour", drawContours},
		{"blocks", drawBlocks},
	}
}

// plan is every choice that follows from a slug before drawing starts.
type plan struct {
	seed    uint64
	rng     *rng
	palette palette
	comp    composition
}

func planFor(slug string) plan {
	hash := fnv.New64a()
	hash.Write([]byte(slug))
	p := plan{seed: hash.Sum64()}
	p.rng = &rng{s: p.seed}
	pals, comps := palettes(), compositions()
	p.palette = pals[p.rng.intn(len(pals))]
	p.comp = comps[p.rng.intn(len(comps))]
	return p
}

// drawLandscape draws a sky, a sun and ranges of hills fading into the
// haze, sometimes over a lake that mirrors them.
func drawLandscape(c *canvas, r *rng, p palette) {
	w, h := float64(c.w), float64(c.h)
	horizon := h * r.between(0.55, 0.66)
	skyTop := p[1].mix(p[4], r.between(0.15, 0.5))
	skyLow := p[3].mix(p[4], r.between(0.3, 0.7))
	c.vgradient([]rgb{skyTop, skyTop.mix(skyLow, 0.6), skyLow}, 0, horizon)

	sunR := h * r.between(0.07, 0.14)
	sunX, sunY := w*r.between(0.18, 0.82), horizon-h*r.between(0.08, 0.3)
	sun := p[4].mix(p[3], r.between(0, 0.4))
	c.glow(sunX, sunY, sunR*5, sun, 0.35)
	c.disc(sunX, sunY, sunR, sun, 0.95, c.bounds())

	haze := skyLow.mix(p[2], 0.35)
	lake := r.chance(0.5)
	layers := 3 + r.intn(3)
	rough := r.between(0.4, 0.62)
	freq := r.between(1.5, 3.5)
	for i := range layers {
		t := float64(i) / float64(layers-1)
		base := horizon - h*0.14 + t*h*0.34
		amp := h * (0.09 - 0.03*t)
		if lake {
			// Over water the ranges stay behind the shore line; only the
			// last comes forward, as the near bank.
			base = horizon - h*0.12 + t*h*0.09
			amp = h * (0.08 - 0.04*t)
		}
		col := haze.mix(p[0], math.Pow(t, 0.8)*0.92)
		ys := noiseCurve(r, c.w, base, amp, freq*(1+t), 5, rough)
		if lake && i == layers-1 {
			reflect(c, r, horizon, p[1])
			ys = noiseCurve(r, c.w, h*r.between(0.88, 0.94), h*0.05, r.between(1, 2.5), 4, 0.5)
			// The bank rises from the water at one side.
			left := r.chance(0.5)
			for x := range ys {
				u := float64(x) / w
				if left {
					u = 1 - u
				}
				ys[x] -= h * 0.22 * smooth((u-0.4)/0.6)
			}
		}
		c.fillBelow(ys, col, 1)
	}
}

// reflect mirrors everything above the horizon into the rows below it,
// rippled and tinted with the water colour.
func reflect(c *canvas, r *rng, horizon float64, water rgb) {
	hz := int(horizon)
	phase := r.between(0, 2*math.Pi)
	// The ripples were tuned at 900 pixels high; unit keeps them in
	// proportion at other sizes.
	unit := float64(c.h) / 900
	for y := hz; y < c.h; y++ {
		depth := float64(y - hz)
		ripple := math.Sin(depth/unit*0.35+phase) * (1 + depth/unit*0.02) * unit
		src := max(hz-1-int(depth*1.05+ripple), 0)
		fade := float32(0.3 + 0.35*depth/float64(c.h-hz+1))
		for x := range c.w {
			sx := x + int(ripple*2*math.Sin(float64(x)/unit*0.011+depth/unit*0.2))
			sx = min(max(sx, 0), c.w-1)
			c.set(y*c.w+x, c.at(sx, src))
			c.blend(y*c.w+x, water, fade)
		}
	}
	// A thin bright line where the water meets the far shore.
	c.rect(image.Rect(0, hz, c.w, hz+max(1, c.h/400)), water.mix(rgb{1, 1, 1}, 0.6), 0.35)
}

// drawTiles draws a seamless grid of near-square tiles, each with a simple
// motif: quarter and half circles, discs, triangles, stripes, rings, dots.
func drawTiles(c *canvas, r *rng, p palette) {
	rows := 3 + r.intn(3)
	cols := max(1, int(math.Round(float64(c.w)/float64(c.h)*float64(rows))))
	for j := range rows {
		for i := range cols {
			tile := image.Rect(i*c.w/cols, j*c.h/rows, (i+1)*c.w/cols, (j+1)*c.h/rows)
			bg := r.intn(len(p))
			fg := (bg + 1 + r.intn(len(p)-1)) % len(p)
			acc := (fg + 1 + r.intn(len(p)-1)) % len(p)
			if acc == bg {
				acc = (acc + 1) % len(p)
			}
			tileMotif(c, r, tile, p[bg], p[fg], p[acc])
		}
	}
}

func tileMotif(c *canvas, r *rng, t image.Rectangle, bg, fg, acc rgb) {
	c.rect(t, bg, 1)
	x0, y0 := float64(t.Min.X), float64(t.Min.Y)
	x1, y1 := float64(t.Max.X), float64(t.Max.Y)
	s := math.Min(x1-x0, y1-y0)
	corners := []point{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}
	k := r.intn(4)
	switch r.intn(9) {
	case 0, 1: // a quarter circle from a corner
		c.disc(corners[k].x, corners[k].y, s, fg, 1, t)
		if r.chance(0.4) {
			c.disc(corners[k].x, corners[k].y, s*0.5, acc, 1, t)
		}
	case 2: // a half circle on an edge
		a, b := corners[k], corners[(k+1)%4]
		c.disc((a.x+b.x)/2, (a.y+b.y)/2, s/2, fg, 1, t)
	case 3: // a disc, sometimes with a core
		c.disc((x0+x1)/2, (y0+y1)/2, s*0.38, fg, 1, t)
		if r.chance(0.5) {
			c.disc((x0+x1)/2, (y0+y1)/2, s*0.16, acc, 1, t)
		}
	case 4: // half the tile, cut on a diagonal
		c.polygon([]point{corners[k], corners[(k+1)%4], corners[(k+2)%4]}, fg, 1, t)
	case 5: // stripes
		n := 3 + r.intn(3)
		for m := 0; m < n; m += 2 {
			if k%2 == 0 {
				c.rect(image.Rect(t.Min.X, t.Min.Y+m*t.Dy()/n, t.Max.X, t.Min.Y+(m+1)*t.Dy()/n), fg, 1)
			} else {
				c.rect(image.Rect(t.Min.X+m*t.Dx()/n, t.Min.Y, t.Min.X+(m+1)*t.Dx()/n, t.Max.Y), fg, 1)
			}
		}
	case 6: // rings around a corner
		for m := 1; m <= 4; m++ {
			c.ring(corners[k].x, corners[k].y, s*float64(m)/4.5, s*0.06, fg, 1, t)
		}
	case 7: // a small grid of dots
		for a := range 3 {
			for b := range 3 {
				c.disc(x0+(x1-x0)*(float64(a)+0.5)/3, y0+(y1-y0)*(float64(b)+0.5)/3, s*0.07, fg, 1, t)
			}
		}
	default: // a plain tile gives the eye a rest
	}
}

// drawOrbits draws overlapping discs and thin rings on a soft gradient,
// with a few hairlines and a field of dots, like a Swiss poster.
func drawOrbits(c *canvas, r *rng, p palette) {
	w, h := float64(c.w), float64(c.h)
	bgA, bgB, ink := p[4], p[3].mix(p[4], 0.55), p[0]
	if r.chance(0.35) {
		bgA, bgB, ink = p[0], p[1].mix(p[0], 0.4), p[4]
	}
	c.gradient(bgA, bgB, r.between(0, math.Pi))

	cx, cy := w*r.between(0.3, 0.7), h*r.between(0.35, 0.65)
	big := h * r.between(0.38, 0.55)
	main := 1 + r.intn(3)
	c.disc(cx, cy, big, p[main], 0.92, c.bounds())
	for range 3 + r.intn(4) {
		ang := r.between(0, 2*math.Pi)
		dist := big * r.between(0.3, 1.4)
		rad := h * r.between(0.05, 0.26)
		col := p[(main+1+r.intn(len(p)-1))%len(p)]
		c.disc(cx+dist*math.Cos(ang), cy+dist*math.Sin(ang), rad, col, float32(r.between(0.75, 0.95)), c.bounds())
	}
	for m := range 2 + r.intn(3) {
		c.ring(cx, cy, big*(1.15+0.22*float64(m)), h*0.004, ink, 0.6, c.bounds())
	}
	for range 2 + r.intn(2) {
		ang := r.between(-0.5, 0.5) + math.Pi*float64(r.intn(2))/2
		ox, oy := w*r.between(0.1, 0.9), h*r.between(0.1, 0.9)
		dx, dy := math.Cos(ang)*w*1.5, math.Sin(ang)*w*1.5
		c.line(point{ox - dx, oy - dy}, point{ox + dx, oy + dy}, h*0.003, ink, 0.7)
	}
	// The dot field sits on the side away from the main disc.
	gx := w * 0.06
	if cx < w/2 {
		gx = w * 0.7
	}
	gy := h * r.between(0.1, 0.55)
	step := h * 0.035
	for a := range 8 {
		for b := range 6 {
			c.disc(gx+float64(a)*step, gy+float64(b)*step, h*0.0055, ink, 0.8, c.bounds())
		}
	}
}

// drawStrata draws wavy bands stacked from the top, like dunes or rock
// strata at sunset, with a sun behind the upper layers.
func drawStrata(c *canvas, r *rng, p palette) {
	w, h := float64(c.w), float64(c.h)
	n := 6 + r.intn(5)
	descending := r.chance(0.5)
	shade := func(t float64) rgb {
		if descending {
			return p.ramp(1 - t)
		}
		return p.ramp(0.15 + 0.85*t)
	}
	c.vgradient([]rgb{shade(0), shade(0).mix(shade(0.2), 0.5)}, 0, h*0.5)
	sun := p[3]
	if descending {
		sun = p[4].mix(p[3], 0.5)
	}
	c.disc(w*r.between(0.2, 0.8), h*r.between(0.18, 0.35), h*r.between(0.1, 0.18), sun, 0.95, c.bounds())

	shared := []wave{
		{h * r.between(0.02, 0.05), 2 * math.Pi / w * r.between(0.6, 1.6), r.between(0, 2*math.Pi)},
		{h * r.between(0.01, 0.03), 2 * math.Pi / w * r.between(2, 4), r.between(0, 2*math.Pi)},
	}
	tilt := r.between(-0.12, 0.12)
	for k := range n {
		t := float64(k+1) / float64(n+1)
		own := append([]wave{{h * r.between(0.005, 0.025), 2 * math.Pi / w * r.between(1, 5), r.between(0, 2*math.Pi)}}, shared...)
		ys := waveCurve(c.w, h*(0.25+0.75*t), own)
		for x := range ys {
			ys[x] += tilt * (float64(x) - w/2) * (1 - t)
		}
		c.fillBelow(ys, shade(t), 1)
		if k%3 == 1 {
			c.stroke(ys, h*0.003, p[4], 0.35)
		}
	}
}

// drawContours draws a topographic map of a few hills and hollows, with
// tinted elevation bands and contour lines, heavier every fifth.
func drawContours(c *canvas, r *rng, p palette) {
	w, h := float64(c.w), float64(c.h)
	type bump struct{ x, y, s, a float64 }
	bumps := make([]bump, 4+r.intn(4))
	for i := range bumps {
		bumps[i] = bump{w * r.between(-0.1, 1.1), h * r.between(-0.1, 1.1), h * r.between(0.15, 0.45), r.between(-0.6, 1)}
	}
	// The field is smooth, so it is sampled on a coarse grid and
	// interpolated: evaluating it at every pixel would cost most of the
	// time budget.
	const cell = 4
	gw, gh := c.w/cell+2, c.h/cell+2
	field := make([]float64, gw*gh)
	lo, hi := math.Inf(1), math.Inf(-1)
	for gy := range gh {
		for gx := range gw {
			x, y := float64(gx*cell), float64(gy*cell)
			v := 0.0
			for _, b := range bumps {
				dx, dy := x-b.x, y-b.y
				v += b.a * math.Exp(-(dx*dx+dy*dy)/(2*b.s*b.s))
			}
			v += 0.04 * math.Sin(x/h*7+bumps[0].a) * math.Cos(y/h*5+bumps[1].a)
			field[gy*gw+gx] = v
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	levels := float64(18 + r.intn(12))
	scale := levels / (hi - lo)
	light := r.chance(0.6)
	ink := p[0]
	if !light {
		ink = p[4]
	}
	tints := make([]rgb, int(levels)+2)
	for i := range tints {
		t := float64(i) / levels
		if light {
			tints[i] = p.ramp(0.55 + 0.45*t)
		} else {
			tints[i] = p.ramp(0.05 + 0.6*t)
		}
	}
	lineW := h * 0.0022
	for y := range c.h {
		gy, fy := y/cell, (float64(y%cell)+0.5)/cell
		for x := range c.w {
			gx, fx := x/cell, (float64(x%cell)+0.5)/cell
			i := gy*gw + gx
			f00, f10, f01, f11 := field[i], field[i+1], field[i+gw], field[i+gw+1]
			top := f00 + (f10-f00)*fx
			bot := f01 + (f11-f01)*fx
			v := (top + (bot-top)*fy - lo) * scale
			// The gradient, in levels per pixel, turns the distance to
			// the nearest level into pixels, for lines of even width.
			ddx := ((f10-f00)*(1-fy) + (f11-f01)*fy) * scale / cell
			ddy := (bot - top) * scale / cell
			g := math.Sqrt(ddx*ddx+ddy*ddy) + 1e-9
			band := int(v)
			c.set(y*c.w+x, tints[min(max(band, 0), len(tints)-1)])
			frac := v - float64(band)
			width := lineW
			if (band+int(frac+0.5))%5 == 0 {
				width *= 2.2
			}
			if a := coverage(width/2 - math.Min(frac, 1-frac)/g); a > 0 {
				c.blend(y*c.w+x, ink, 0.55*a)
			}
		}
	}
	// A survey mark on the highest hill.
	peak := bumps[0]
	for _, b := range bumps {
		if b.a > peak.a {
			peak = b
		}
	}
	c.ring(peak.x, peak.y, h*0.03, h*0.005, p[2], 1, c.bounds())
	c.disc(peak.x, peak.y, h*0.008, p[2], 1, c.bounds())
}

// drawBlocks splits the picture into rectangles, like a page layout grid,
// separated by dark gutters; some hold a circle, a quarter circle or rules.
// Splits are chosen in units of the height, not pixels, so the layout is
// the same at every size.
func drawBlocks(c *canvas, r *rng, p palette) {
	c.rect(c.bounds(), p[0], 1)
	h := float64(c.h)
	gutter := max(2, c.h/110)
	const minSide = 1.0 / 6
	type box struct{ x0, y0, x1, y1 float64 }
	var split func(b box, depth int)
	split = func(b box, depth int) {
		dx, dy := b.x1-b.x0, b.y1-b.y0
		canX, canY := dx >= 2*minSide, dy >= 2*minSide
		// Large blocks always split, so no single block dominates.
		small := dx*dy < float64(c.w)/h/6
		if depth >= 5 || (small && depth >= 2 && r.chance(0.35)) || !canX && !canY {
			px := image.Rect(int(math.Round(b.x0*h)), int(math.Round(b.y0*h)), int(math.Round(b.x1*h)), int(math.Round(b.y1*h)))
			block(c, r, p, px.Inset(gutter/2))
			return
		}
		vertical := dx > dy
		if canX && canY && r.chance(0.25) {
			vertical = !vertical
		}
		if vertical && canX || !canY {
			at := b.x0 + minSide + r.float()*(dx-2*minSide)
			split(box{b.x0, b.y0, at, b.y1}, depth+1)
			split(box{at, b.y0, b.x1, b.y1}, depth+1)
			return
		}
		at := b.y0 + minSide + r.float()*(dy-2*minSide)
		split(box{b.x0, b.y0, b.x1, at}, depth+1)
		split(box{b.x0, at, b.x1, b.y1}, depth+1)
	}
	split(box{0, 0, float64(c.w) / h, 1}, 0)
	// The outer gutter matches the inner ones.
	c.rect(image.Rect(0, 0, c.w, gutter/2), p[0], 1)
	c.rect(image.Rect(0, c.h-gutter/2, c.w, c.h), p[0], 1)
	c.rect(image.Rect(0, 0, gutter/2, c.h), p[0], 1)
	c.rect(image.Rect(c.w-gutter/2, 0, c.w, c.h), p[0], 1)
}

func block(c *canvas, r *rng, p palette, b image.Rectangle) {
	// Light paper dominates, as on a page; the darker inks are accents.
	// The darkest colour is the gutters'.
	weights := []int{0, 2, 2, 2, 4}
	pick, i := r.intn(10), 0
	for pick >= weights[i] {
		pick -= weights[i]
		i++
	}
	c.rect(b, p[i], 1)
	fg := p[(i+2+r.intn(3))%len(p)]
	x0, y0, x1, y1 := float64(b.Min.X), float64(b.Min.Y), float64(b.Max.X), float64(b.Max.Y)
	s := math.Min(x1-x0, y1-y0)
	switch r.intn(5) {
	case 0:
		c.disc((x0+x1)/2, (y0+y1)/2, s*0.36, fg, 1, b)
	case 1:
		corners := []point{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}
		k := corners[r.intn(4)]
		c.disc(k.x, k.y, s*0.9, fg, 1, b)
	case 2:
		if b.Dy() > c.h/3 {
			break
		}
		for m := 1; m <= 3; m++ {
			y := y0 + (y1-y0)*float64(m)/4
			c.line(point{x0 + s*0.12, y}, point{x1 - s*0.12, y}, math.Max(1.5, s*0.02), fg, 0.9)
		}
	}
}
