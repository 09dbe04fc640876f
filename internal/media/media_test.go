package media

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gen2brain/webp"

	"github.com/byline-news/byline/internal/news"
)

// exifMarker reports whether a JPEG carries an APP1 Exif segment; the
// tests use it to prove that stored files have none.
func exifMarker(data []byte) bool {
	for i := 0; i+10 <= len(data); i++ {
		if data[i] == 0xFF && data[i+1] == 0xE1 && string(data[i+4:i+10]) == "Exif\x00\x00" {
			return true
		}
	}
	return false
}

func newLocal(t testing.TB, webp bool) *Local {
	t.Helper()
	l, err := NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	l.NoWebP = !webp
	return l
}

// halves is a w×h picture, red on the left half and blue on the right.
func halves(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.NRGBA{R: 255, A: 255}
			if x >= w/2 {
				c = color.NRGBA{B: 255, A: 255}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func pngBytes(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func jpegBytes(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// exifBlock is an APP1 segment with an orientation tag and a GPS IFD
// holding a latitude reference, big-endian.
func exifBlock(orientation uint16) []byte {
	be := binary.BigEndian
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08")
	ifd := make([]byte, 2+2*12+4)
	be.PutUint16(ifd, 2)
	be.PutUint16(ifd[2:], 0x0112)
	be.PutUint16(ifd[4:], 3)
	be.PutUint32(ifd[6:], 1)
	be.PutUint16(ifd[10:], orientation)
	be.PutUint16(ifd[14:], 0x8825) // GPS IFD pointer
	be.PutUint16(ifd[16:], 4)
	be.PutUint32(ifd[18:], 1)
	be.PutUint32(ifd[22:], uint32(8+len(ifd)))
	gps := make([]byte, 2+12+4)
	be.PutUint16(gps, 1)
	be.PutUint16(gps[2:], 0x0001) // GPSLatitudeRef
	be.PutUint16(gps[4:], 2)
	be.PutUint32(gps[6:], 2)
	copy(gps[10:], "N\x00")
	body := append([]byte("Exif\x00\x00"), append(append(tiff, ifd...), gps...)...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	be.PutUint16(seg[2:], uint16(len(body)+2))
	return append(seg, body...)
}

// withExif puts an EXIF block right after a JPEG's SOI marker.
func withExif(jpg []byte, orientation uint16) []byte {
	out := append([]byte{}, jpg[:2]...)
	out = append(out, exifBlock(orientation)...)
	return append(out, jpg[2:]...)
}

func readStored(t *testing.T, l *Local, url string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(l.Dir(), strings.TrimPrefix(url, "/media/")))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestPutImageStoresOnceByContent(t *testing.T) {
	l := newLocal(t, false)
	data := pngBytes(t, halves(30, 20))
	a, err := l.PutImage(data, "photo.png")
	if err != nil {
		t.Fatal(err)
	}
	// Opaque PNGs become JPEGs.
	if a.Width != 30 || a.Height != 20 || !strings.HasPrefix(a.URL, "/media/") || !strings.HasSuffix(a.URL, ".jpg") || a.Mime != "image/jpeg" {
		t.Fatalf("stored = %+v", a)
	}
	b, err := l.PutImage(data, "again.png")
	if err != nil || b.URL != a.URL {
		t.Fatalf("second put = %+v, %v; want the same URL", b, err)
	}
	entries, _ := os.ReadDir(l.Dir())
	if len(entries) != 1 {
		t.Fatalf("%d files in the media directory, want 1 (no variants of a small image, no temp files)", len(entries))
	}
}

func TestPutImageStripsExifAndTurnsUpright(t *testing.T) {
	l := newLocal(t, true)
	in := withExif(jpegBytes(t, halves(40, 20)), 6)
	if !exifMarker(in) || jpegOrientation(in) != 6 {
		t.Fatal("test input lacks its EXIF block")
	}
	s, err := l.PutImage(in, "photo.jpg")
	if err != nil {
		t.Fatal(err)
	}
	if s.Width != 20 || s.Height != 40 {
		t.Fatalf("stored %d×%d, want 20×40 (turned a quarter)", s.Width, s.Height)
	}
	out := readStored(t, l, s.URL)
	if exifMarker(out) || bytes.Contains(out, []byte("Exif")) {
		t.Fatal("the stored file still has an EXIF block")
	}
	img, err := jpeg.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	// Orientation 6: the left half of the sensor's picture is the top.
	if r, _, b, _ := img.At(10, 5).RGBA(); r < 0xC000 || b > 0x4000 {
		t.Errorf("top is not red: r=%x b=%x", r, b)
	}
	if r, _, b, _ := img.At(10, 35).RGBA(); b < 0xC000 || r > 0x4000 {
		t.Errorf("bottom is not blue: r=%x b=%x", r, b)
	}
	for _, v := range s.Variants {
		if data := readStored(t, l, v.URL); bytes.Contains(data, []byte("Exif")) {
			t.Errorf("variant %s has EXIF", v.URL)
		}
	}
}

func TestPutImageVariants(t *testing.T) {
	tests := []struct {
		name       string
		w, h       int
		wantWidths []int
	}{
		{"wide photo gets every smaller width", 2000, 1000, []int{480, 960, 1600, 2000}},
		{"1600 wide is its own widest", 1600, 900, []int{480, 960, 1600}},
		{"small image is never enlarged", 300, 200, []int{300}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newLocal(t, true)
			s, err := l.PutImage(jpegBytes(t, halves(tt.w, tt.h)), "photo")
			if err != nil {
				t.Fatal(err)
			}
			var jpegs, webps []int
			for _, v := range s.Variants {
				data := readStored(t, l, v.URL)
				cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
				if err != nil {
					t.Fatalf("%s: %v", v.URL, err)
				}
				if cfg.Width != v.Width || cfg.Height != v.Height {
					t.Errorf("%s is %d×%d, listed as %d×%d", v.URL, cfg.Width, cfg.Height, v.Width, v.Height)
				}
				if want := v.Width * tt.h / tt.w; v.Height < want-1 || v.Height > want+1 {
					t.Errorf("%s height %d, want about %d (aspect kept)", v.URL, v.Height, want)
				}
				switch format {
				case "jpeg":
					jpegs = append(jpegs, v.Width)
				case "webp":
					webps = append(webps, v.Width)
				}
			}
			if !equal(jpegs, tt.wantWidths) {
				t.Errorf("JPEG widths %v, want %v", jpegs, tt.wantWidths)
			}
			var wantWebP []int
			for _, w := range tt.wantWidths {
				if w <= 1600 {
					wantWebP = append(wantWebP, w)
				}
			}
			if !equal(webps, wantWebP) {
				t.Errorf("WebP widths %v, want %v", webps, wantWebP)
			}
			src, ok := LookupSrcset(l.Dir(), s.URL)
			if len(tt.wantWidths) > 1 && (!ok || len(src.Sources) != len(tt.wantWidths) || len(src.WebP) != len(wantWebP)) {
				t.Errorf("LookupSrcset = %+v, %v", src, ok)
			}
		})
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestPutImageKeepsTransparency(t *testing.T) {
	l := newLocal(t, false)
	img := halves(1000, 500)
	img.SetNRGBA(0, 0, color.NRGBA{}) // one transparent pixel
	s, err := l.PutImage(pngBytes(t, img), "logo.png")
	if err != nil {
		t.Fatal(err)
	}
	if s.Mime != "image/png" || !strings.HasSuffix(s.URL, ".png") {
		t.Fatalf("stored as %s %s, want PNG", s.Mime, s.URL)
	}
	for _, v := range s.Variants {
		dec, err := png.Decode(bytes.NewReader(readStored(t, l, v.URL)))
		if err != nil {
			t.Fatalf("%s: %v", v.URL, err)
		}
		if _, _, _, a := dec.At(0, 0).RGBA(); a == 0xFFFF {
			t.Errorf("%s lost its transparency", v.URL)
		}
	}
}

func TestPutImageReencodesWebP(t *testing.T) {
	l := newLocal(t, false)
	var buf bytes.Buffer
	if err := webp.Encode(&buf, halves(640, 320), webp.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	s, err := l.PutImage(buf.Bytes(), "photo.webp")
	if err != nil {
		t.Fatal(err)
	}
	if s.Mime != "image/jpeg" || s.Width != 640 || len(s.Variants) != 2 {
		t.Fatalf("stored %+v, want a JPEG at 480 and 640", s)
	}
	if _, err := jpeg.Decode(bytes.NewReader(readStored(t, l, s.URL))); err != nil {
		t.Fatalf("main file: %v", err)
	}
}

func TestPutImageKeepsGIF(t *testing.T) {
	l := newLocal(t, false)
	pal := color.Palette{color.Black, color.White}
	anim := &gif.GIF{Image: []*image.Paletted{image.NewPaletted(image.Rect(0, 0, 8, 8), pal), image.NewPaletted(image.Rect(0, 0, 8, 8), pal)}, Delay: []int{10, 10}}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, anim); err != nil {
		t.Fatal(err)
	}
	s, err := l.PutImage(buf.Bytes(), "anim.gif")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(readStored(t, l, s.URL), buf.Bytes()) || s.Mime != "image/gif" {
		t.Fatalf("GIF not kept as it was: %+v", s)
	}
}

func TestPutImageRejects(t *testing.T) {
	l := newLocal(t, false)
	// A PNG header claiming 100000×100000 pixels: a decompression bomb.
	bomb := pngBytes(t, halves(1, 1))
	bomb[16], bomb[17], bomb[18], bomb[19] = 0, 1, 0x86, 0xA0
	bomb[20], bomb[21], bomb[22], bomb[23] = 0, 1, 0x86, 0xA0
	binary.BigEndian.PutUint32(bomb[29:], crc32.ChecksumIEEE(bomb[12:29])) // the IHDR's CRC
	full := jpegBytes(t, halves(200, 100))
	tests := []struct {
		name    string
		data    []byte
		code    string
		message string
	}{
		{"not an image", []byte("<html>hello</html>"), news.EINVALID, "is not a JPEG"},
		{"too many pixels", bomb, news.EINVALID, "100000×100000 pixels"},
		{"too many bytes", make([]byte, MaxImageBytes+1), news.ETOOLARGE, "larger than 20 MB"},
		{"truncated JPEG", full[:len(full)/2], news.EINVALID, "cut short"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := l.PutImage(tt.data, "upload")
			if news.ErrorCode(err) != tt.code {
				t.Fatalf("err = %v, want code %s", err, tt.code)
			}
			if !strings.Contains(news.ErrorMessage(err), tt.message) {
				t.Errorf("message %q does not say %q", news.ErrorMessage(err), tt.message)
			}
			if !strings.Contains(news.ErrorMessage(err), "upload") {
				t.Errorf("message %q does not name the file", news.ErrorMessage(err))
			}
		})
	}
	if entries, _ := os.ReadDir(l.Dir()); len(entries) != 0 {
		t.Fatalf("rejected images left %d files", len(entries))
	}
}

func TestJPEGOrientation(t *testing.T) {
	jpg := jpegBytes(t, halves(4, 4))
	tests := []struct {
		name string
		data []byte
		want int
	}{
		{"no EXIF", jpg, 1},
		{"rotated", withExif(jpg, 8), 8},
		{"out of range value", withExif(jpg, 9), 1},
		{"not a JPEG", []byte("GIF89a"), 1},
		{"EXIF cut short", withExif(jpg, 6)[:30], 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jpegOrientation(tt.data); got != tt.want {
				t.Fatalf("orientation = %d, want %d", got, tt.want)
			}
		})
	}
}

func FuzzJPEGOrientation(f *testing.F) {
	jpg := jpegBytes(f, halves(4, 4))
	f.Add(jpg)
	f.Add(withExif(jpg, 6))
	f.Add(exifBlock(3))
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := jpegOrientation(data); o < 1 || o > 8 {
			t.Fatalf("orientation %d out of range", o)
		}
	})
}

func FuzzPutImage(f *testing.F) {
	f.Add(jpegBytes(f, halves(16, 8)))
	f.Add(withExif(jpegBytes(f, halves(16, 8)), 5))
	f.Add(pngBytes(f, halves(9, 3)))
	f.Add([]byte("GIF89a"))
	l := newLocal(f, false)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := l.PutImage(data, "upload")
		if err != nil {
			if c := news.ErrorCode(err); c != news.EINVALID && c != news.ETOOLARGE {
				t.Fatalf("code %s for bad input: %v", c, err)
			}
			return
		}
		if s.Width <= 0 || s.Height <= 0 || s.URL == "" {
			t.Fatalf("stored %+v", s)
		}
	})
}

func BenchmarkPutImage1600JPEG(b *testing.B) {
	data := jpegBytes(b, halves(1600, 900))
	for _, webp := range []bool{false, true} {
		name := "jpeg-only"
		if webp {
			name = "with-webp"
		}
		b.Run(name, func(b *testing.B) {
			l := newLocal(b, webp)
			for b.Loop() {
				// A fresh directory each time would measure mkdir; the
				// write skips existing files, so remove them instead.
				if _, err := l.PutImage(data, "bench"); err != nil {
					b.Fatal(err)
				}
				entries, _ := os.ReadDir(l.Dir())
				for _, e := range entries {
					os.Remove(filepath.Join(l.Dir(), e.Name()))
				}
			}
		})
	}
}
