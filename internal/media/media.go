// Package media keeps the site's files (featured images and pictures in
// articles) in the data directory under content-addressed names, so the
// same file stored twice is kept once and can be cached forever.
package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	_ "image/gif"  // register GIF for DecodeConfig
	_ "image/jpeg" // register JPEG
	_ "image/png"  // register PNG
	"os"
	"path/filepath"

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
}

var extByFormat = map[string]string{"jpeg": ".jpg", "png": ".png", "gif": ".gif", "webp": ".webp"}

// PutImage checks that data is a JPEG, PNG, GIF or WebP image within the
// limits and stores it. what names the file in error messages.
func (l *Local) PutImage(data []byte, what string) (Stored, error) {
	if len(data) > MaxImageBytes {
		return Stored{}, news.Errorf(news.ETOOLARGE, "%s is larger than %d MB.", what, MaxImageBytes>>20)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return Stored{}, news.Errorf(news.EINVALID, "%s is not a JPEG, PNG, GIF or WebP image.", what)
	}
	ext, ok := extByFormat[format]
	if !ok {
		return Stored{}, news.Errorf(news.EINVALID, "%s is a %s image; use JPEG, PNG, GIF or WebP.", what, format)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > MaxImagePixels {
		return Stored{}, news.Errorf(news.EINVALID, "%s is %d×%d pixels; the limit is %d megapixels.",
			what, cfg.Width, cfg.Height, MaxImagePixels/1_000_000)
	}
	sum := sha256.Sum256(data)
	name := hex.EncodeToString(sum[:12]) + ext
	if err := l.write(name, data); err != nil {
		return Stored{}, err
	}
	return Stored{URL: urls.Media(name), Width: cfg.Width, Height: cfg.Height}, nil
}

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
