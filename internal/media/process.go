package media

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"runtime"
	"strconv"
	"sync"

	"github.com/gen2brain/webp"
	xdraw "golang.org/x/image/draw"
)

// Widths are the widths of the resized variants, narrowest first. An
// image is never enlarged: it gets the widths below its own, and its own
// width as the widest.
var Widths = []int{480, 960, 1600}

// Encoding quality of the stored files.
const (
	jpegQuality = 82
	webpQuality = 80
	// webpMethod trades size for speed (0 to 6): 2 encodes a 1600-pixel
	// photo in about 150 ms on one core, 4 takes twice as long for a few
	// per cent.
	webpMethod = 2
)

// Variant is one stored rendition of an image.
type Variant struct {
	URL    string `json:"url"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Mime   string `json:"mime"`
}

// file is an encoded file waiting to be written.
type file struct {
	name string
	data []byte
}

// processed is what an upload turns into: the main file, re-encoded
// without metadata, and its variants.
type processed struct {
	main     file
	mime     string
	width    int
	height   int
	variants []Variant
	files    []file // the variants' files
}

// process decodes data (already checked to be an image of a known format
// within the limits), turns it upright and re-encodes it, which drops
// EXIF, GPS and any other metadata, then makes the resized variants. base
// is the content-addressed name without extension.
func process(data []byte, format, base string, withWebP bool) (processed, error) {
	if format == "gif" {
		// GIFs carry no EXIF and may be animated: kept as they are.
		cfg, err := gifConfig(data)
		if err != nil {
			return processed{}, err
		}
		return processed{main: file{base + ".gif", data}, mime: "image/gif", width: cfg.Width, height: cfg.Height}, nil
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return processed{}, fmt.Errorf("decoding: %w", err)
	}
	if format == "jpeg" {
		img = orient(img, jpegOrientation(data))
	}
	transparent := !opaque(img)
	ext, mime := ".jpg", "image/jpeg"
	if transparent {
		ext, mime = ".png", "image/png"
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	out := processed{mime: mime, width: w, height: h, main: file{name: base + ext}}

	// Each width is resized and encoded apart from the others, so the
	// widths share the cores: a 1600-pixel photo takes half the time on
	// two. Results land in fixed slots, so the order never changes.
	widths := variantWidths(w)
	type rung struct {
		raster, webp file
		height       int
	}
	rungs := make([]rung, len(widths))
	tasks := []func() error{func() error {
		var err error
		out.main.data, err = encode(img, transparent)
		return err
	}}
	for i, vw := range widths {
		vh := max(1, (h*vw+w/2)/w)
		rungs[i].height = vh
		tasks = append(tasks, func() error {
			v := img
			if vw != w {
				v = resize(img, vw, vh, transparent)
				data, err := encode(v, transparent)
				if err != nil {
					return err
				}
				rungs[i].raster = file{base + "-" + strconv.Itoa(vw) + ext, data}
			}
			if withWebP && vw <= Widths[len(Widths)-1] {
				var buf bytes.Buffer
				if err := webp.Encode(&buf, v, webp.Options{Quality: webpQuality, Method: webpMethod}); err != nil {
					return fmt.Errorf("encoding WebP: %w", err)
				}
				rungs[i].webp = file{base + "-" + strconv.Itoa(vw) + ".webp", buf.Bytes()}
			}
			return nil
		})
	}
	if err := runAll(tasks); err != nil {
		return processed{}, err
	}
	for i, vw := range widths {
		r := rungs[i]
		name := out.main.name
		if r.raster.name != "" {
			name = r.raster.name
			out.files = append(out.files, r.raster)
		}
		out.variants = append(out.variants, Variant{URL: mediaURL(name), Width: vw, Height: r.height, Mime: mime})
		if r.webp.name != "" {
			out.files = append(out.files, r.webp)
			out.variants = append(out.variants, Variant{URL: mediaURL(r.webp.name), Width: vw, Height: r.height, Mime: "image/webp"})
		}
	}
	return out, nil
}

// runAll runs the tasks on as many goroutines as there are cores and
// returns the first error.
func runAll(tasks []func() error) error {
	errs := make([]error, len(tasks))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, task := range tasks {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = task()
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// variantWidths are the widths an image w pixels wide is stored at.
func variantWidths(w int) []int {
	var ws []int
	for _, x := range Widths {
		if x < w {
			ws = append(ws, x)
		}
	}
	return append(ws, w)
}

// encode writes img as JPEG, or as PNG when it has transparency.
func encode(img image.Image, transparent bool) ([]byte, error) {
	var buf bytes.Buffer
	if transparent {
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(&buf, img); err != nil {
			return nil, fmt.Errorf("encoding PNG: %w", err)
		}
		return buf.Bytes(), nil
	}
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: jpegQuality}); err != nil {
		return nil, fmt.Errorf("encoding JPEG: %w", err)
	}
	return buf.Bytes(), nil
}

// resize scales img to w×h with Catmull-Rom, sharp without ringing much.
// Opaque images go to RGBA, for which x/image/draw has fast paths from
// JPEG's YCbCr; transparent ones to NRGBA, which the WebP encoder reads
// as it is (it would take RGBA's premultiplied values for straight ones).
func resize(img image.Image, w, h int, transparent bool) image.Image {
	var dst draw.Image = image.NewRGBA(image.Rect(0, 0, w, h))
	if transparent {
		dst = image.NewNRGBA(image.Rect(0, 0, w, h))
	}
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), img, img.Bounds(), xdraw.Src, nil)
	return dst
}

// opaque reports whether every pixel of img is fully opaque.
func opaque(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	return true
}

// orient turns img upright according to an EXIF orientation (1 to 8).
func orient(img image.Image, o int) image.Image {
	if o <= 1 || o > 8 {
		return img
	}
	b := img.Bounds()
	src := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(src, src.Bounds(), img, b.Min, draw.Src)
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewNRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // upside down
				dx, dy = w-1-x, h-1-y
			case 4: // mirrored upside down
				dx, dy = x, h-1-y
			case 5: // transposed
				dx, dy = y, x
			case 6: // turned a quarter clockwise to be upright
				dx, dy = h-1-y, x
			case 7: // transversed
				dx, dy = h-1-y, w-1-x
			case 8: // turned a quarter anticlockwise to be upright
				dx, dy = y, w-1-x
			}
			si, di := src.PixOffset(x, y), dst.PixOffset(dx, dy)
			copy(dst.Pix[di:di+4], src.Pix[si:si+4])
		}
	}
	return dst
}
