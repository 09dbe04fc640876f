package site

import (
	"bytes"
	"container/list"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/byline-news/byline/internal/view"
)

// pageCache keeps rendered responses in memory, least recently used out
// first when it grows past its byte budget. Each entry holds the body, a
// gzip copy made once, and validators, so a hit costs a map lookup and a
// write.
//
// Only GET and HEAD responses with status 200 or 404 are kept, and only
// when the handler did not say Cache-Control: no-store. The key is the
// request path (language prefix included) and raw query.
type pageCache struct {
	mu      sync.Mutex
	entries map[string]*list.Element
	lru     list.List // of *cacheEntry, most recent first
	size    int64
	max     int64
	// gen moves on every purge; a render that started before a purge is
	// not stored, since it may show content from before the change.
	gen uint64
	now func() time.Time
}

type cacheEntry struct {
	key          string
	status       int
	contentType  string
	cacheControl string
	lastModified time.Time
	body, gz     []byte
	etag, gzETag string
	size         int64
	// hdr holds the header values of the response, built once so that a
	// hit allocates no header slices (net/http only reads them).
	hdr entryHeaders
}

type entryHeaders struct {
	contentType, cacheControl, lastModified []string
	etag, gzETag, length, gzLength          []string
}

var (
	varyAcceptEncoding   = []string{"Accept-Encoding"}
	varyEncodingLanguage = []string{"Accept-Encoding, Accept-Language"}
	varyAcceptLanguage   = []string{"Accept-Language"}
	encodingGzip         = []string{"gzip"}
	cacheHit             = []string{"hit"}
)

func newPageCache(maxBytes int64, now func() time.Time) *pageCache {
	return &pageCache{entries: map[string]*list.Element{}, max: maxBytes, now: now}
}

// maxEntryShare keeps one response from taking more than this fraction of
// the cache.
const maxEntryShare = 8

// wrap serves cached responses and caches what next renders.
func (c *pageCache) wrap(next http.Handler) http.Handler { return c.wrapVarying(next, nil) }

// wrapVarying is wrap for pages that also depend on the request's
// Accept-Language: variant returns what of it the page shows (the key
// suffix, "" for nothing) and whether the page depends on it at all,
// which the Vary header then says.
func (c *pageCache) wrapVarying(next http.Handler, variant func(*http.Request) (string, bool)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		varies := false
		var v string
		if variant != nil {
			v, varies = variant(r)
		}
		if varies {
			w.Header()["Vary"] = varyAcceptLanguage
		}
		if c.max <= 0 || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			next.ServeHTTP(w, r)
			return
		}
		key := r.URL.Path + "?" + r.URL.RawQuery
		if v != "" {
			key += "#" + v
		}
		if e := c.get(key); e != nil {
			c.serve(w, r, e, "hit")
			return
		}
		gen := c.generation()
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		if !cacheable(rec) {
			rec.copyTo(w)
			return
		}
		e := c.newEntry(key, rec)
		c.put(e, gen)
		c.serve(w, r, e, "miss")
	})
}

func cacheable(rec *recorder) bool {
	if rec.status != http.StatusOK && rec.status != http.StatusNotFound {
		return false
	}
	return rec.header.Get("Cache-Control") != "no-store"
}

func (c *pageCache) newEntry(key string, rec *recorder) *cacheEntry {
	body := bytes.Clone(rec.body.Bytes())
	sum := sha256.Sum256(body)
	tag := base64.RawURLEncoding.EncodeToString(sum[:12])
	e := &cacheEntry{
		key:          key,
		status:       rec.status,
		contentType:  rec.header.Get("Content-Type"),
		cacheControl: rec.header.Get("Cache-Control"),
		body:         body,
		etag:         `"` + tag + `"`,
		gzETag:       `"` + tag + `-gz"`,
	}
	if lm, err := http.ParseTime(rec.header.Get("Last-Modified")); err == nil {
		e.lastModified = lm
	} else {
		e.lastModified = c.now().UTC().Truncate(time.Second)
	}
	if gz, err := view.Gzip(body); err == nil {
		e.gz = gz
	}
	e.size = int64(len(e.body)+len(e.gz)+len(key)) + 256
	e.hdr = entryHeaders{
		contentType:  []string{e.contentType},
		lastModified: []string{e.lastModified.UTC().Format(http.TimeFormat)},
		etag:         []string{e.etag},
		gzETag:       []string{e.gzETag},
		length:       []string{strconv.Itoa(len(e.body))},
		gzLength:     []string{strconv.Itoa(len(e.gz))},
	}
	if e.cacheControl != "" {
		e.hdr.cacheControl = []string{e.cacheControl}
	}
	return e
}

// serve writes a cached response, answering conditional requests.
func (c *pageCache) serve(w http.ResponseWriter, r *http.Request, e *cacheEntry, state string) {
	h := w.Header()
	h["Content-Type"] = e.hdr.contentType
	if e.hdr.cacheControl != nil {
		h["Cache-Control"] = e.hdr.cacheControl
	}
	switch v := h["Vary"]; {
	case len(v) == 0:
		h["Vary"] = varyAcceptEncoding
	case len(v) == 1 && v[0] == "Accept-Language":
		h["Vary"] = varyEncodingLanguage
	default:
		h.Add("Vary", "Accept-Encoding")
	}
	if state == "hit" {
		h["X-Cache"] = cacheHit
	} else {
		h.Set("X-Cache", state)
	}
	body, etag, length := e.body, e.hdr.etag, e.hdr.length
	gz := e.gz != nil && view.AcceptsGzip(r.Header.Get("Accept-Encoding"))
	if gz {
		body, etag, length = e.gz, e.hdr.gzETag, e.hdr.gzLength
	}
	if e.status == http.StatusOK {
		// Validators belong to successful responses only: preconditions
		// are not evaluated for a 404 (RFC 9110 §13.2.1).
		h["Etag"] = etag
		h["Last-Modified"] = e.hdr.lastModified
		if notModified(r, e) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	if gz {
		h["Content-Encoding"] = encodingGzip
	}
	h["Content-Length"] = length
	w.WriteHeader(e.status)
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(body) // a failed write means the client has gone
}

// notModified evaluates If-None-Match, or If-Modified-Since when there is
// no If-None-Match (RFC 9110 §13.2.2). Either encoding's tag matches: they
// name the same content.
func notModified(r *http.Request, e *cacheEntry) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		return view.ETagMatches(inm, e.etag, e.gzETag)
	}
	ims, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	if err != nil {
		return false
	}
	return !e.lastModified.Truncate(time.Second).After(ims)
}

func (c *pageCache) get(key string) *cacheEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return nil
	}
	c.lru.MoveToFront(el)
	return el.Value.(*cacheEntry)
}

func (c *pageCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// put stores e unless the cache was purged since gen or e is too big.
func (c *pageCache) put(e *cacheEntry, gen uint64) {
	if e.size > c.max/maxEntryShare {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if old, ok := c.entries[e.key]; ok {
		c.remove(old)
	}
	c.entries[e.key] = c.lru.PushFront(e)
	c.size += e.size
	for c.size > c.max {
		c.remove(c.lru.Back())
	}
}

func (c *pageCache) remove(el *list.Element) {
	e := c.lru.Remove(el).(*cacheEntry)
	delete(c.entries, e.key)
	c.size -= e.size
}

// purge drops every entry.
func (c *pageCache) purge() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.entries = map[string]*list.Element{}
	c.lru.Init()
	c.size = 0
}

// stats reports the number of entries and bytes held, for tests and logs.
func (c *pageCache) stats() (entries int, size int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries), c.size
}

// recorder captures a handler's response so that it can be cached.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.body.Write(b)
}

// copyTo sends the captured response as it is, for responses that are not
// cached.
func (r *recorder) copyTo(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range r.header {
		h[k] = v
	}
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body.Bytes()) // a failed write means the client has gone
}
