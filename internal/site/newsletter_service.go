package site

import (
	"context"
	"net/http"
	"net/url"

	"github.com/byline-news/byline/internal/newsletter"
	"github.com/byline-news/byline/internal/view"
)

// unsubscribePath takes the one-click unsubscribe POST (RFC 8058).
const unsubscribePath = "/newsletter/unsubscribe"

// newsletterService returns the subscription service, making it on
// first use; a failure to load the token key is tried again next time.
func (s *Site) newsletterService(ctx context.Context) (*newsletter.Service, error) {
	s.newsletterMu.Lock()
	defer s.newsletterMu.Unlock()
	if s.newsletter != nil {
		return s.newsletter, nil
	}
	tokens, err := newsletter.LoadTokens(ctx, s.store)
	if err != nil {
		return nil, err
	}
	svc, err := newsletter.NewService(newsletter.Config{
		Store: s.store, Mail: s.mail, Tokens: tokens, URLs: s.urls,
		Languages: s.langs, Catalog: s.text,
	})
	if err != nil {
		return nil, err
	}
	s.newsletter = svc
	return svc, nil
}

// crossOrigin refuses POSTs that browsers mark as coming from another
// site, except the one-click unsubscribe, which mail providers send from
// their servers and which its token authenticates. POST bodies of pages
// are small forms; they are bounded here too.
func (s *Site) crossOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	if u, err := url.Parse(s.urls.Base()); err == nil && u.Scheme != "" && u.Host != "" {
		if err := cop.AddTrustedOrigin(u.Scheme + "://" + u.Host); err != nil {
			s.logger.Warn("not trusting the base URL's origin", "err", err)
		}
	}
	cop.AddInsecureBypassPattern("POST " + unsubscribePath)
	cop.SetDenyHandler(http.HandlerFunc(s.crossOriginDenied))
	protected := cop.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead && r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		}
		protected.ServeHTTP(w, r)
	})
}

// crossOriginDenied answers a POST from another site.
func (s *Site) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	s.logger.Info("refused a cross-origin request", "method", r.Method, "path", r.URL.Path,
		"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
	f, err := s.newFrame(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(f, r.URL.Path, pageTitle(f.l.T("error.title"), f.settings))
	p.NoIndex = true
	p.Error = &view.ErrorPage{Status: http.StatusForbidden, Message: f.l.T("error.message")}
	w.Header().Set("Cache-Control", "no-store")
	s.renderPage(w, r, http.StatusForbidden, view.PageError, p)
}
