package view

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed assets
var assetFS embed.FS

// asset is one embedded file, ready to serve.
type asset struct {
	name   string // "site.css"
	hashed string // "site.3f2a9c01d4.css"
	hash   string
	ctype  string
	body   []byte
	// gz is the gzip-compressed body, nil when compressing does not pay.
	gz []byte
}

// assets are the theme's static files, addressed by fingerprinted names so
// that they can be cached for a year and still change with a release.
type assets struct {
	byName   map[string]*asset
	byHashed map[string]*asset
}

func loadAssets() (*assets, error) {
	a := &assets{byName: map[string]*asset{}, byHashed: map[string]*asset{}}
	err := fs.WalkDir(assetFS, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := assetFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "assets/")
		sum := sha256.Sum256(body)
		hash := hex.EncodeToString(sum[:5])
		ext := path.Ext(name)
		ctype := mime.TypeByExtension(ext)
		if ctype == "" {
			return fmt.Errorf("asset %s: no content type for %q", name, ext)
		}
		as := &asset{
			name:   name,
			hashed: strings.TrimSuffix(name, ext) + "." + hash + ext,
			hash:   hash,
			ctype:  ctype,
			body:   body,
		}
		if as.gz, err = gzipBytes(body, gzip.BestCompression); err != nil {
			return fmt.Errorf("asset %s: %w", name, err)
		}
		a.byName[as.name] = as
		a.byHashed[as.hashed] = as
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading theme assets: %w", err)
	}
	return a, nil
}

// url returns the fingerprinted path of the named asset.
func (a *assets) url(name string) (string, error) {
	as, ok := a.byName[name]
	if !ok {
		return "", fmt.Errorf("no theme asset named %q", name)
	}
	return "/assets/" + as.hashed, nil
}

// immutable is the Cache-Control of content-addressed files.
const immutable = "public, max-age=31536000, immutable"

// serve answers a request for /assets/{file}. A fingerprinted name, or a
// plain name with ?v= naming the current fingerprint, may be cached for
// a year; a plain name alone must be revalidated, since it changes with
// releases.
func (a *assets) serve(w http.ResponseWriter, r *http.Request, file string) {
	as, ok := a.byHashed[file]
	cache := immutable
	if !ok {
		if as, ok = a.byName[file]; !ok {
			http.NotFound(w, r)
			return
		}
		if r.URL.Query().Get("v") != as.hash {
			cache = "public, no-cache"
		}
	}
	h := w.Header()
	h.Set("Cache-Control", cache)
	h.Set("Content-Type", as.ctype)
	h.Add("Vary", "Accept-Encoding")
	body, etag := as.body, `"`+as.hash+`"`
	gz := as.gz != nil && AcceptsGzip(r.Header.Get("Accept-Encoding"))
	if gz {
		body, etag = as.gz, `"`+as.hash+`-gz"`
	}
	h.Set("ETag", etag)
	if ETagMatches(r.Header.Get("If-None-Match"), `"`+as.hash+`"`, `"`+as.hash+`-gz"`) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if gz {
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(body) // a failed write means the client has gone
}

// gzipBytes compresses b at level, returning nil when that saves too
// little to be worth a Content-Encoding.
func gzipBytes(b []byte, level int) ([]byte, error) {
	if len(b) < 256 {
		return nil, nil
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, level)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	if buf.Len() >= len(b)*9/10 {
		return nil, nil
	}
	return buf.Bytes(), nil
}

// Gzip compresses a rendered page once for serving many times; it returns
// nil when the saving is too small to matter. The default level is used:
// the first request after every change pays for it, and the best level
// costs twice the time for a few percent.
func Gzip(b []byte) ([]byte, error) { return gzipBytes(b, gzip.DefaultCompression) }
