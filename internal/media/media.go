// Package media keeps the site's files (featured images and pictures in
// articles) in the data directory under content-addressed names, so the
// same file stored twice is kept once and can be cached forever.
//
// Every image but a GIF is decoded, turned upright and re-encoded, which
// strips EXIF, GPS and other metadata, and is stored with resized
// variants as JPEG (PNG when it has transparency) and WebP:
// <hash>.jpg, <hash>-480.jpg, <hash>-480.webp and so on. Pages find the
// variants by those names (LookupSrcset).
package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // register GIF for DecodeConfig
	_ "image/jpeg" // register JPEG
	_ "image/png"  // register PNG
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	_ "golang.org/x/image/webp" // register WebP

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/urls"
)

// Limits on stored images. The pixel limit rejects decompression bombs
// before anything decodes the pixels.
const (
	MaxImageBytes  = 20 << 20
	MaxImagePixels = 50_000_000
)

// Local stores files in a directory.
type Local struct {
	dir string
	// NoWebP leaves out the WebP variants: for tests and tools that want
	// speed over smaller files.
	NoWebP bool
}

// NewLocal returns a store over dir, creating it.
func NewLocal(dir string) (*Local, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("media directory: %w", err)
	}
	return &Local{dir: dir}, nil
}

// Dir is the directory the files are in.
func (l *Local) Dir() string { return l.dir }

// Stored is an image as kept in the media store.
type Stored struct {
	URL    string // site path, /media/<name>
	Width  int
	Height int
	Mime   string
	// Bytes is the size of the main file.
	Bytes int64
	// Variants are the resized renditions, narrowest first; the main
	// file is among them at its own width. GIFs have none.
	Variants []Variant
}

var extByFormat = map[string]string{"jpeg": ".jpg", "png": ".png", "gif": ".gif", "webp": ".webp"}

// PutImage checks that data is a JPEG, PNG, GIF or WebP image within the
// limits, re-encodes it upright without its metadata (EXIF, GPS), stores
// it with its resized variants, and returns what it stored. Nothing is
// stored when it fails. what names the file in error messages.
func (l *Local) PutImage(data []byte, what string) (Stored, error) {
	format, err := Check(data, what)
	if err != nil {
		return Stored{}, err
	}
	sum := sha256.Sum256(data)
	p, err := process(data, format, hex.EncodeToString(sum[:12]), !l.NoWebP)
	if err != nil {
		return Stored{}, news.WrapError(news.EINVALID, err, "%s could not be read as an image; it may be damaged or cut short.", what)
	}
	// Variants first: once the main file is there, the image is whole.
	for _, f := range append(p.files, p.main) {
		if err := l.write(f.name, f.data); err != nil {
			return Stored{}, err
		}
	}
	return Stored{
		URL: mediaURL(p.main.name), Width: p.width, Height: p.height, Mime: p.mime,
		Bytes: int64(len(p.main.data)), Variants: p.variants,
	}, nil
}

// Check returns the format of data ("jpeg", "png", "gif" or "webp") when
// it is an image of one of those within the byte and pixel limits. It
// reads only the header, so a decompression bomb is refused before any
// pixel is decoded.
func Check(data []byte, what string) (string, error) {
	if len(data) > MaxImageBytes {
		return "", news.Errorf(news.ETOOLARGE, "%s is larger than %d MB.", what, MaxImageBytes>>20)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return "", news.Errorf(news.EINVALID, "%s is not a JPEG, PNG, GIF or WebP image.", what)
	}
	if _, ok := extByFormat[format]; !ok {
		return "", news.Errorf(news.EINVALID, "%s is a %s image; use JPEG, PNG, GIF or WebP.", what, format)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxImagePixels {
		return "", news.Errorf(news.EINVALID, "%s is %d×%d pixels; the limit is %d megapixels.",
			what, cfg.Width, cfg.Height, MaxImagePixels/1_000_000)
	}
	return format, nil
}

// Remove deletes the files of a stored image: the main file and the
// variants. Files already gone are no error.
func (l *Local) Remove(urls []string) error {
	for _, u := range urls {
		name, ok := strings.CutPrefix(u, "/media/")
		if !ok || !isStoredName(name) {
			continue
		}
		if err := os.Remove(filepath.Join(l.dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("media: %w", err)
		}
	}
	return nil
}

func mediaURL(name string) string { return urls.Media(name) }

// write stores data under name atomically: a reader never sees half a file.
func (l *Local) write(name string, data []byte) error {
	path := filepath.Join(l.dir, name)
	if _, err := os.Stat(path); err == nil {
		return nil // content-addressed: already there
	}
	tmp, err := os.CreateTemp(l.dir, ".upload-*")
	if err != nil {
		return fmt.Errorf("media: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("media: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("media: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("media: %w", err)
	}
	return os.Rename(tmp.Name(), path)
}
