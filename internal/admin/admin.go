// Package admin serves the newsroom's pages under /admin/: sign-in and
// sign-out, database sessions shared by every instance, and the articles
// dashboard. It grows into the full editor (issue 3).
//
// Security in one place: sessions are random 256-bit secrets in an
// HttpOnly, SameSite=Lax cookie of which only the hash is stored, with an
// idle and an absolute timeout; every POST carries a CSRF token and passes
// http.CrossOriginProtection; failed sign-ins are throttled per account and
// per IP; every page is no-store and noindex.
package admin

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"sync"
	"time"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/mail"
	"github.com/byline-news/byline/internal/media"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
	"github.com/byline-news/byline/internal/translation"
	"github.com/byline-news/byline/internal/urls"
)

// Session and sign-in policy.
const (
	// idleTimeout ends a session nobody used for this long.
	idleTimeout = 12 * time.Hour
	// absoluteTimeout ends every session this long after sign-in.
	absoluteTimeout = 14 * 24 * time.Hour
	// touchEvery is how stale a session's last-seen time may get before a
	// request writes the new one: one write a minute, not one a request.
	touchEvery = time.Minute

	// Failed sign-ins allowed per window before the form answers 429.
	throttleWindow     = 15 * time.Minute
	throttlePerAccount = 5
	throttlePerIP      = 20

	// maxFormBytes bounds a POST body; the admin's forms are small.
	maxFormBytes = 64 << 10
)

// contentSecurityPolicy is stricter than the public site's: the admin
// loads nothing from elsewhere.
const contentSecurityPolicy = "default-src 'self'; style-src 'self'; script-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

// Config is what the admin needs besides the store. Logger and Now may be
// nil.
type Config struct {
	URLs   *urls.Builder
	Logger *slog.Logger
	// Secure marks cookies Secure; set it when the base URL is https.
	Secure bool
	Now    func() time.Time
	// Publishing saves articles; Media keeps uploaded images. Both are
	// required for the editor and the media library.
	Publishing *publishing.Service
	Media      *media.Local
	// Mail sends reset and invitation links; nil logs them instead.
	Mail mail.Sender
	// Translation keeps articles in every language; nil hides the
	// translation pages (they answer 404).
	Translation *translation.Service
	// QueueTranslation queues the translation of an article into lang
	// from the source with that digest; nil hides "Translate now".
	QueueTranslation func(ctx context.Context, articleID int64, lang, digest string) error
	// TranslationStopped reports the engines stopped for quota and until
	// when; may be nil.
	TranslationStopped func() map[string]time.Time
}

// Admin is the admin's handlers and route table.
type Admin struct {
	urls   *urls.Builder
	logger *slog.Logger
	secure bool
	now    func() time.Time
	store  news.Store
	pub    *publishing.Service
	media  *media.Local
	views  *views
	limit  *loginLimiter
	// mail sends reset and invitation links, throttled by resetLimit.
	mail       mail.Sender
	resetLimit *loginLimiter
	// hashing bounds concurrent password checks: each takes 19 MiB, and a
	// flood of sign-in attempts must not take the process's memory.
	hashing chan struct{}
	// dummyHash is verified against when the email matches no account, so
	// that a wrong email takes as long as a wrong password.
	dummyHash string

	// loginKey signs the sign-in form's CSRF cookie. It lives in the
	// database, so a form served by one instance posts to any other; it is
	// read at first use and kept.
	loginKeyMu sync.Mutex
	loginKey   []byte

	// tr, queueTr and trStopped are Config's Translation,
	// QueueTranslation and TranslationStopped; langs are the site's
	// languages.
	tr        *translation.Service
	queueTr   func(ctx context.Context, articleID int64, lang, digest string) error
	trStopped func() map[string]time.Time
	langs     *i18n.Set

	handler http.Handler
}

// New returns the admin over store. It parses the templates, so a broken
// one fails here rather than on a request.
func New(cfg Config, store news.Store) (*Admin, error) {
	if cfg.URLs == nil || store == nil {
		return nil, errors.New("admin: URLs and store are required")
	}
	a := &Admin{
		urls: cfg.URLs, logger: cfg.Logger, secure: cfg.Secure, now: cfg.Now, store: store,
		pub: cfg.Publishing, media: cfg.Media,
		limit:      newLoginLimiter(throttleWindow, throttlePerAccount, throttlePerIP),
		resetLimit: newLoginLimiter(resetWindow, resetPerAccount, resetPerIP),
		mail:       cfg.Mail,
		hashing:    make(chan struct{}, max(2, runtime.NumCPU())),
	}
	a.tr, a.queueTr, a.trStopped, a.langs = cfg.Translation, cfg.QueueTranslation, cfg.TranslationStopped, i18n.Default()
	if a.logger == nil {
		a.logger = slog.New(slog.DiscardHandler)
	}
	if a.now == nil {
		a.now = time.Now
	}
	if a.mail == nil {
		a.mail = &mail.LogSender{Logger: a.logger}
	}
	var err error
	if a.views, err = newViews(); err != nil {
		return nil, err
	}
	if a.dummyHash, err = newDummyHash(); err != nil {
		return nil, err
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /admin/login", a.loginShow)
	mux.HandleFunc("POST /admin/login", a.loginSubmit)
	mux.HandleFunc("POST /admin/logout", a.logoutSubmit)
	a.twoFactorRoutes(mux)
	mux.HandleFunc("GET /admin/{$}", a.signedIn(a.dashboardShow))
	mux.HandleFunc("GET /admin/assets/{name}", a.assetShow)
	a.articleRoutes(mux)
	a.manageRoutes(mux)
	a.mediaRoutes(mux)
	a.passwordRoutes(mux)
	a.translationRoutes(mux)
	mux.HandleFunc(fallbackPattern, a.fallback(mux))

	cop := http.NewCrossOriginProtection()
	// Behind a proxy that rewrites Host, the browser's Origin is still
	// the public base URL's.
	if origin := originOf(cfg.URLs.Base()); origin != "" {
		if err := cop.AddTrustedOrigin(origin); err != nil {
			return nil, fmt.Errorf("admin: trusting the base URL's origin: %w", err)
		}
	}
	cop.SetDenyHandler(http.HandlerFunc(a.crossOriginDenied))
	a.handler = a.headers(cop.Handler(mux))
	return a, nil
}

// Handler serves paths beginning /admin/.
func (a *Admin) Handler() http.Handler { return a.handler }

// headers sets what every admin response carries and bounds POST bodies.
// The stylesheet handler overrides Cache-Control.
func (a *Admin) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		h.Set("X-Robots-Tag", "noindex, nofollow")
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("Referrer-Policy", "same-origin")
		if r.Body != nil && r.Method != http.MethodGet && r.Method != http.MethodHead {
			limit := bodyLimit(r.URL.Path)
			if r.URL.Path == mediaPath { // image uploads
				limit = maxUploadBytes
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		next.ServeHTTP(w, r)
	})
}

// originOf returns the scheme://host of an absolute URL, or "".
func originOf(base string) string {
	u, err := url.Parse(base)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}
