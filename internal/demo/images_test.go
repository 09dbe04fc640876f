package demo

import (
	"bytes"
	"image"
	"math"
	"path"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/news"
)

// demoSlugs returns the slugs of the shipped articles, from their file
// names (TestDemoArticles checks that file name and slug agree).
func demoSlugs(t testing.TB) []string {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, f := range c.Articles {
		slugs = append(slugs, strings.TrimSuffix(path.Base(f.Name), ".md"))
	}
	return slugs
}

// signature is the picture shrunk to a 16×9 grid of mean colours, a
// fingerprint that ignores grain and anti-aliasing.
func signature(img *image.RGBA) []float64 {
	const gw, gh = 16, 9
	sig := make([]float64, 3*gw*gh)
	count := make([]float64, gw*gh)
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			cell := (y*gh/b.Dy())*gw + x*gw/b.Dx()
			o := img.PixOffset(x, y)
			for k := range 3 {
				sig[3*cell+k] += float64(img.Pix[o+k])
			}
			count[cell]++
		}
	}
	for i := range sig {
		sig[i] /= count[i/3]
	}
	return sig
}

// distance is the root mean square difference of two signatures, in 8-bit
// colour levels.
func distance(a, b []float64) float64 {
	var sum float64
	for i := range a {
		d := a[i] - b[i]
		sum += d * d
	}
	return math.Sqrt(sum / float64(len(a)))
}

func mustImage(t testing.TB, slug string, w, h int) *image.RGBA {
	t.Helper()
	img, err := Image(slug, w, h)
	if err != nil {
		t.Fatalf("Image(%q, %d, %d): %v", slug, w, h, err)
	}
	return img
}

func TestImagesAreDeterministic(t *testing.T) {
	for _, slug := range demoSlugs(t)[:3] {
		t.Run(slug, func(t *testing.T) {
			a, err := JPEG(slug, 320, 180)
			if err != nil {
				t.Fatal(err)
			}
			b, err := JPEG(slug, 320, 180)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Error("two JPEGs of the same slug differ")
			}
		})
	}
}

func TestImagesDifferBetweenSlugs(t *testing.T) {
	slugs := append(demoSlugs(t), "a", "b", "bridge", "bridges")
	sigs := make([][]float64, len(slugs))
	for i, s := range slugs {
		sigs[i] = signature(mustImage(t, s, 320, 180))
	}
	// Unrelated pictures differ by tens of levels; 8 allows for two
	// pictures that share a palette and a composition yet are clearly
	// different to the eye.
	const minDistance = 8
	for i := range slugs {
		for j := i + 1; j < len(slugs); j++ {
			if d := distance(sigs[i], sigs[j]); d < minDistance {
				t.Errorf("%q and %q look alike: distance %.1f < %d", slugs[i], slugs[j], d, minDistance)
			}
		}
	}
}

// TestImagesKeepTheirLookAtAnySize checks that geometry scales with the
// picture: a thumbnail looks like the full-size image, not like another.
func TestImagesKeepTheirLookAtAnySize(t *testing.T) {
	for _, slug := range demoSlugs(t) {
		t.Run(slug, func(t *testing.T) {
			small := signature(mustImage(t, slug, 320, 180))
			large := signature(mustImage(t, slug, 800, 450))
			if d := distance(small, large); d > 6 {
				t.Errorf("the 320×180 and 800×450 pictures differ by %.1f levels", d)
			}
		})
	}
}

func TestJPEGDecodesAtTheRequestedSize(t *testing.T) {
	sizes := []struct{ w, h int }{{1600, 900}, {640, 640}, {300, 1000}, {7, 3}, {1, 1}}
	slugs := demoSlugs(t)
	for i, sz := range sizes {
		slug := slugs[i%len(slugs)]
		t.Run(slug, func(t *testing.T) {
			data, err := JPEG(slug, sz.w, sz.h)
			if err != nil {
				t.Fatal(err)
			}
			img, format, err := image.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if format != "jpeg" {
				t.Errorf("format %q, want jpeg", format)
			}
			if b := img.Bounds(); b.Dx() != sz.w || b.Dy() != sz.h {
				t.Errorf("decoded %d×%d, want %d×%d", b.Dx(), b.Dy(), sz.w, sz.h)
			}
		})
	}
}

// TestImagesAreNotFlat guards against a composition that draws nothing
// (a uniform picture would still decode and differ by palette).
func TestImagesAreNotFlat(t *testing.T) {
	for _, slug := range demoSlugs(t) {
		t.Run(slug, func(t *testing.T) {
			sig := signature(mustImage(t, slug, 320, 180))
			lo, hi := math.Inf(1), math.Inf(-1)
			for i := 0; i < len(sig); i += 3 {
				l := 0.3*sig[i] + 0.59*sig[i+1] + 0.11*sig[i+2]
				lo, hi = math.Min(lo, l), math.Max(hi, l)
			}
			if hi-lo < 30 {
				t.Errorf("brightness spans only %.0f levels across the picture", hi-lo)
			}
		})
	}
}

func TestEveryCompositionDraws(t *testing.T) {
	p := planFor("any")
	for _, comp := range compositions() {
		t.Run(comp.name, func(t *testing.T) {
			c := newCanvas(160, 90)
			comp.draw(c, &rng{s: 1}, p.palette)
			sig := signature(c.finish(1, 0))
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, v := range sig {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
			if hi-lo < 20 {
				t.Errorf("the %s composition drew a nearly uniform picture (range %.0f)", comp.name, hi-lo)
			}
		})
	}
}

func TestImageRejectsBadSizes(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{0, 900}, {1600, 0}, {-1, 10}, {MaxImageSide + 1, 10}, {10, MaxImageSide + 1}} {
		if _, err := JPEG("bridge", sz.w, sz.h); news.ErrorCode(err) != news.EINVALID {
			t.Errorf("JPEG(%d×%d): error %v, want code %q", sz.w, sz.h, err, news.EINVALID)
		}
	}
}

// BenchmarkJPEG measures one featured image at the size seeding uses,
// drawing and encoding, cycling through the demo's slugs so every
// composition counts. The budget is 200 ms an image on two cores.
func BenchmarkJPEG(b *testing.B) {
	slugs := demoSlugs(b)
	i := 0
	for b.Loop() {
		if _, err := JPEG(slugs[i%len(slugs)], 1600, 900); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkCompositions measures drawing alone, one composition at a time,
// to find the slow one when BenchmarkJPEG grows.
func BenchmarkCompositions(b *testing.B) {
	pal := planFor("any").palette
	for _, comp := range compositions() {
		b.Run(comp.name, func(b *testing.B) {
			var seed uint64
			for b.Loop() {
				seed++
				c := newCanvas(1600, 900)
				comp.draw(c, &rng{s: seed}, pal)
				c.finish(seed, 0.16)
			}
		})
	}
}
