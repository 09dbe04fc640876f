// Package site serves the public pages: the home page, articles, author,
// tag and archive pages, search, contact and newsletter pages, the feeds,
// the sitemap, robots.txt, the theme's assets and the media files, each
// page also under /{code}/ for every translation language.
//
// Rendered pages, feeds and sitemaps are kept in an in-memory cache with a
// gzip copy and validators; WatchChanges drops it when the store's content
// version moves, so that a change made by any process shows within a poll.
package site

import (
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/mail"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/newsletter"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/urls"
	"github.com/byline-news/byline/internal/view"
)

// DefaultCacheBytes bounds the page cache when Config.CacheBytes is 0.
const DefaultCacheBytes = 64 << 20

// Config is what the site needs from its surroundings.
type Config struct {
	URLs      *urls.Builder
	Languages *i18n.Set
	// MediaDir holds the files served at /media/; empty serves none.
	MediaDir string
	Logger   *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// CacheBytes bounds the memory the page cache holds; 0 means
	// DefaultCacheBytes, a negative value turns the cache off.
	CacheBytes int64
	// Translator and Queue serve and request translations; nil shows
	// stored translations only and queues nothing.
	Translator Translator
	Queue      TranslationQueue
	// Mail sends the newsletter's confirmation emails; nil logs them.
	Mail mail.Sender
}

// Site is the public web site. It is safe for concurrent use.
type Site struct {
	urls     *urls.Builder
	langs    *i18n.Set
	text     *i18n.Catalog
	mediaDir string
	logger   *slog.Logger
	now      func() time.Time

	translator Translator
	queue      TranslationQueue
	matcher    *languageMatcher

	mail mail.Sender
	// newsletter is made on first use: its token key is in the store.
	newsletterMu sync.Mutex
	newsletter   *newsletter.Service

	store  news.Store
	render *render.Renderer
	view   *view.View
	cache  *pageCache

	handler http.Handler
	// sitemapChunk is how many articles one sitemap file lists.
	sitemapChunk int

	// zones caches loaded time zones: time.LoadLocation reads a file.
	zones sync.Map // string → *time.Location
	// notices caches rendered site notices by their Markdown source.
	notices     sync.Map // string → template.HTML
	noticeCount atomic.Int64
}

// New builds the site and checks every template against a sample page.
func New(cfg Config, store news.Store, r *render.Renderer) (*Site, error) {
	if cfg.URLs == nil {
		return nil, errors.New("site: no URL builder configured")
	}
	if store == nil || r == nil {
		return nil, errors.New("site: a store and a renderer are required")
	}
	if cfg.Languages == nil {
		cfg.Languages = i18n.Default()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Mail == nil {
		cfg.Mail = &mail.LogSender{Logger: cfg.Logger}
	}
	if cfg.CacheBytes == 0 {
		cfg.CacheBytes = DefaultCacheBytes
	}
	v, err := view.New()
	if err != nil {
		return nil, err
	}
	text, err := i18n.LoadCatalog(cfg.Languages, cfg.Logger)
	if err != nil {
		return nil, err
	}
	s := &Site{
		urls:     cfg.URLs,
		langs:    cfg.Languages,
		text:     text,
		mediaDir: cfg.MediaDir,
		logger:   cfg.Logger,
		now:      cfg.Now,
		store:    store,
		render:   r,
		view:     v,
		cache:    newPageCache(cfg.CacheBytes, cfg.Now),

		translator: cfg.Translator,
		queue:      cfg.Queue,
		matcher:    newLanguageMatcher(cfg.Languages),
		mail:       cfg.Mail,

		sitemapChunk: sitemapChunk,
	}
	s.handler = s.routes()
	return s, nil
}

// Handler returns the handler of every public route.
func (s *Site) Handler() http.Handler { return s.handler }

// routes is the route table. Pages live on their own mux so that the
// language prefix can be stripped before routing; the documents that
// exist once for the whole site (feeds, sitemap, robots.txt) and the files
// sit on the outer mux.
func (s *Site) routes() http.Handler {
	pages := http.NewServeMux()
	pages.HandleFunc("GET /{$}", s.showHome)
	pages.HandleFunc("GET /articles/{slug}", s.showArticle)
	pages.HandleFunc("GET /authors/{slug}", s.showAuthor)
	pages.HandleFunc("GET /tags/{slug}", s.showTag)
	pages.HandleFunc("GET /archive", s.showArchive)
	pages.HandleFunc("GET /archive/{year}/{month}", s.showArchiveMonth)
	pages.HandleFunc("GET /search", s.showSearch)
	pages.HandleFunc("GET /contact", s.showContact)
	pages.HandleFunc("GET /newsletter", s.showNewsletter)
	pages.HandleFunc("POST /newsletter", s.subscribe)
	pages.HandleFunc("GET /newsletter/confirm", s.showConfirm)
	pages.HandleFunc("POST /newsletter/confirm", s.confirm)
	pages.HandleFunc("GET /newsletter/preferences", s.showPreferences)
	pages.HandleFunc("POST /newsletter/preferences", s.savePreferences)
	pages.HandleFunc("GET /newsletter/unsubscribe", s.showUnsubscribe)
	pages.HandleFunc("POST "+unsubscribePath, s.unsubscribe)
	// The feeds of a translation language (/fr/feed.xml); the source
	// language's are on the outer mux.
	pages.HandleFunc("GET /feed.xml", s.feedHandler(feedRSS))
	pages.HandleFunc("GET /atom.xml", s.feedHandler(feedAtom))
	pages.HandleFunc("GET /feed.json", s.feedHandler(feedJSON))
	// Everything else is the helpful 404 page. Registered for GET only,
	// so another method on a known path is a 405 from the mux.
	pages.HandleFunc("GET /", s.showNotFound)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.checkHealth)
	mux.HandleFunc("GET /robots.txt", s.showRobots)
	mux.HandleFunc("GET /assets/{file}", s.showAsset)
	mux.HandleFunc("GET /media/{path...}", s.showMedia)
	mux.Handle("GET /sitemap.xml", s.cache.wrap(http.HandlerFunc(s.showSitemap)))
	mux.Handle("GET /sitemaps/{file}", s.cache.wrap(http.HandlerFunc(s.showSitemapPart)))
	mux.Handle("GET /feed.xml", s.cache.wrap(s.feedHandler(feedRSS)))
	mux.Handle("GET /atom.xml", s.cache.wrap(s.feedHandler(feedAtom)))
	mux.Handle("GET /feed.json", s.cache.wrap(s.feedHandler(feedJSON)))
	mux.Handle("/", s.cache.wrapVarying(s.localized(s.crossOrigin(pages)), s.suggestVariant))
	return mux
}
