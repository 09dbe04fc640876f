package media

import (
	"bytes"
	"fmt"
	"image"
	"image/gif"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// storedName matches the names PutImage gives: 24 hex digits, an optional
// width, an extension.
var storedName = regexp.MustCompile(`^([0-9a-f]{24})(?:-([1-9][0-9]{0,4}))?\.(jpg|png|gif|webp)$`)

func isStoredName(name string) bool { return storedName.MatchString(name) }

// gifConfig checks that a GIF's first frame decodes and returns its size.
func gifConfig(data []byte) (image.Config, error) {
	cfg, err := gif.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return image.Config{}, fmt.Errorf("decoding GIF: %w", err)
	}
	if _, err := gif.Decode(bytes.NewReader(data)); err != nil {
		return image.Config{}, fmt.Errorf("decoding GIF: %w", err)
	}
	return cfg, nil
}

// Srcset is what a page needs to offer an image at several widths.
type Srcset struct {
	Width, Height int
	// Sources are "URL 480w" entries of the image's own format, and WebP
	// those of its WebP variants; either may be empty.
	Sources []string
	WebP    []string
}

// LookupSrcset finds the variants of the stored image at url (a /media/
// path) in the directory dir, by the names PutImage gives them. ok is
// false for any other URL, or when the image has no variants. It reads
// the main file's header for its size, so images stored without width
// and height still get them.
func LookupSrcset(dir, url string) (s Srcset, ok bool) {
	name, found := strings.CutPrefix(url, "/media/")
	m := storedName.FindStringSubmatch(name)
	if !found || m == nil || m[2] != "" || m[3] == "gif" || m[3] == "webp" || dir == "" {
		return Srcset{}, false
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return Srcset{}, false
	}
	defer root.Close()
	f, err := root.Open(name)
	if err != nil {
		return Srcset{}, false
	}
	cfg, _, err := image.DecodeConfig(f)
	f.Close()
	if err != nil || cfg.Width <= 0 {
		return Srcset{}, false
	}
	s.Width, s.Height = cfg.Width, cfg.Height
	base, ext := m[1], "."+m[3]
	exists := func(n string) bool {
		info, err := root.Stat(n)
		return err == nil && info.Mode().IsRegular()
	}
	for _, w := range variantWidths(cfg.Width) {
		n := base + "-" + strconv.Itoa(w) + ext
		if w == cfg.Width {
			n = name
		}
		if n == name || exists(n) {
			s.Sources = append(s.Sources, mediaURL(n)+" "+strconv.Itoa(w)+"w")
		}
		if wn := base + "-" + strconv.Itoa(w) + ".webp"; exists(wn) {
			s.WebP = append(s.WebP, mediaURL(wn)+" "+strconv.Itoa(w)+"w")
		}
	}
	if len(s.Sources) < 2 && len(s.WebP) == 0 {
		return Srcset{}, false
	}
	return s, true
}
