package media

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/news"
)

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPutImageStoresOnceByContent(t *testing.T) {
	l, err := NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data := pngBytes(t, 30, 20)
	a, err := l.PutImage(data, "photo.png")
	if err != nil {
		t.Fatal(err)
	}
	if a.Width != 30 || a.Height != 20 || !strings.HasPrefix(a.URL, "/media/") || !strings.HasSuffix(a.URL, ".png") {
		t.Fatalf("stored = %+v", a)
	}
	b, err := l.PutImage(data, "again.png")
	if err != nil || b.URL != a.URL {
		t.Fatalf("second put = %+v, %v; want the same URL", b, err)
	}
	got, err := os.ReadFile(filepath.Join(l.Dir(), strings.TrimPrefix(a.URL, "/media/")))
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("file on disk differs: %v", err)
	}
	entries, _ := os.ReadDir(l.Dir())
	if len(entries) != 1 {
		t.Fatalf("%d files in the media directory, want 1 (no temp files left)", len(entries))
	}
}

func TestPutImageRejects(t *testing.T) {
	l, _ := NewLocal(t.TempDir())
	// A PNG header claiming 100000×100000 pixels: a decompression bomb.
	bomb := pngBytes(t, 1, 1)
	bomb[16], bomb[17], bomb[18], bomb[19] = 0, 1, 0x86, 0xA0
	bomb[20], bomb[21], bomb[22], bomb[23] = 0, 1, 0x86, 0xA0
	tests := []struct {
		name string
		data []byte
		code string
	}{
		{"not an image", []byte("<html>hello</html>"), news.EINVALID},
		{"too many pixels", bomb, news.EINVALID},
		{"too many bytes", make([]byte, MaxImageBytes+1), news.ETOOLARGE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := l.PutImage(tt.data, "upload")
			if news.ErrorCode(err) != tt.code {
				t.Fatalf("err = %v, want code %s", err, tt.code)
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
