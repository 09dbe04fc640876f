package site

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/newsletter"
	"github.com/byline-news/byline/internal/view"
)

// The pages of the links in newsletter emails. Their addresses carry a
// signed token (?t=), so they are never cached, indexed or sent on as a
// referrer. Opening a link changes nothing: mail scanners open links, so
// only the button's POST confirms or unsubscribes.

// tokenPage starts a page of a newsletter link: it checks the token of
// purpose and returns the frame and the subscriber, or answers with the
// "link does not work" page and returns ok false.
func (s *Site) tokenPage(w http.ResponseWriter, r *http.Request, purpose newsletter.Purpose) (*frame, news.Subscriber, bool) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Robots-Tag", "noindex, nofollow")
	f, err := s.newFrame(r)
	if err != nil {
		s.fail(w, r, err)
		return nil, news.Subscriber{}, false
	}
	svc, err := s.newsletterService(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return nil, news.Subscriber{}, false
	}
	sub, err := svc.Subscriber(r.Context(), r.URL.Query().Get("t"), purpose, s.now())
	if err != nil {
		if !isTokenError(err) && !news.IsNotFound(err) {
			s.fail(w, r, err)
			return nil, news.Subscriber{}, false
		}
		s.linkInvalid(w, r, f)
		return nil, news.Subscriber{}, false
	}
	return f, sub, true
}

func isTokenError(err error) bool {
	return errors.Is(err, newsletter.ErrMalformed) || errors.Is(err, newsletter.ErrForged) || errors.Is(err, newsletter.ErrExpired)
}

// linkInvalid answers a link whose token is bad, expired or whose
// subscriber is gone, offering the form to subscribe again.
func (s *Site) linkInvalid(w http.ResponseWriter, r *http.Request, f *frame) {
	p := s.tokenNewsletterPage(f, f.l.T("newsletter.link_invalid_title"))
	p.Newsletter.Message = f.l.T("newsletter.link_invalid")
	p.Newsletter.Form = s.subscribeForm(f, subscribeInput{Lang: f.lang.Code})
	s.renderPage(w, r, http.StatusBadRequest, view.PageNewsletter, p)
}

// tokenNewsletterPage is a newsletter page headed heading, not indexed.
func (s *Site) tokenNewsletterPage(f *frame, heading string) *view.Page {
	// The language links lead to the newsletter page: the token is not
	// carried over.
	p := s.newsletterPage(f, "/newsletter")
	p.NoIndex = true
	p.Title = pageTitle(heading, f.settings)
	p.Newsletter.Heading = heading
	return p
}

// tokenURL is the address of the page path in the frame's language with
// the request's token.
func tokenURL(f *frame, r *http.Request, path string) string {
	return f.link(path) + "?t=" + url.QueryEscape(r.URL.Query().Get("t"))
}

// showConfirm shows the button that confirms a subscription.
func (s *Site) showConfirm(w http.ResponseWriter, r *http.Request) {
	f, _, ok := s.tokenPage(w, r, newsletter.PurposeConfirm)
	if !ok {
		return
	}
	p := s.tokenNewsletterPage(f, f.l.T("newsletter.form_heading"))
	p.Newsletter.Action = &view.NewsletterAction{URL: tokenURL(f, r, "/newsletter/confirm"), Button: f.l.T("newsletter.subscribe_button")}
	s.renderPage(w, r, http.StatusOK, view.PageNewsletter, p)
}

// confirm confirms a subscription.
func (s *Site) confirm(w http.ResponseWriter, r *http.Request) {
	f, sub, ok := s.tokenPage(w, r, newsletter.PurposeConfirm)
	if !ok {
		return
	}
	if err := s.store.ConfirmSubscriber(r.Context(), sub.ID, s.now()); err != nil {
		if news.ErrorCode(err) == news.ECONFLICT {
			// Unsubscribed or suppressed since the email was sent.
			s.linkInvalid(w, r, f)
			return
		}
		s.fail(w, r, err)
		return
	}
	svc, err := s.newsletterService(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.tokenNewsletterPage(f, f.l.T("newsletter.confirmed_title"))
	p.Newsletter.Message = f.l.T("newsletter.confirmed", "Email", sub.Email, "Language", f.l.LanguageName(sub.Lang))
	p.Newsletter.Links = []view.NewsletterLink{{Text: f.l.T("newsletter.preferences_title"), URL: svc.PreferencesURL(sub, s.now())}}
	s.renderPage(w, r, http.StatusOK, view.PageNewsletter, p)
}

// showPreferences shows the language of a subscription and the button
// that ends it.
func (s *Site) showPreferences(w http.ResponseWriter, r *http.Request) {
	f, sub, ok := s.tokenPage(w, r, newsletter.PurposeManage)
	if !ok {
		return
	}
	s.renderPreferences(w, r, f, sub, "")
}

// savePreferences changes the language of a subscription.
func (s *Site) savePreferences(w http.ResponseWriter, r *http.Request) {
	f, sub, ok := s.tokenPage(w, r, newsletter.PurposeManage)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.renderPreferences(w, r, f, sub, "")
		return
	}
	lang := r.PostForm.Get("lang")
	if _, known := s.langs.Lookup(lang); !known {
		w.Header().Set("Cache-Control", "no-store")
		s.renderPreferencesStatus(w, r, f, sub, "", http.StatusUnprocessableEntity)
		return
	}
	if err := s.store.SetSubscriberLanguage(r.Context(), sub.ID, lang); err != nil {
		s.fail(w, r, err)
		return
	}
	sub.Lang = lang
	s.renderPreferences(w, r, f, sub, f.l.T("newsletter.preferences_saved"))
}

func (s *Site) renderPreferences(w http.ResponseWriter, r *http.Request, f *frame, sub news.Subscriber, message string) {
	s.renderPreferencesStatus(w, r, f, sub, message, http.StatusOK)
}

func (s *Site) renderPreferencesStatus(w http.ResponseWriter, r *http.Request, f *frame, sub news.Subscriber, message string, status int) {
	p := s.tokenNewsletterPage(f, f.l.T("newsletter.preferences_title"))
	p.Newsletter.Message = message
	p.Newsletter.Preferences = &view.NewsletterPreferences{
		URL:            tokenURL(f, r, "/newsletter/preferences"),
		Languages:      s.newsletterLanguages(sub.Lang),
		UnsubscribeURL: tokenURL(f, r, "/newsletter/unsubscribe"),
	}
	s.renderPage(w, r, status, view.PageNewsletter, p)
}

// showUnsubscribe shows the button that unsubscribes.
func (s *Site) showUnsubscribe(w http.ResponseWriter, r *http.Request) {
	f, _, ok := s.tokenPage(w, r, newsletter.PurposeManage)
	if !ok {
		return
	}
	p := s.tokenNewsletterPage(f, f.l.T("newsletter.unsubscribe_button"))
	p.Newsletter.Action = &view.NewsletterAction{URL: tokenURL(f, r, "/newsletter/unsubscribe"), Button: f.l.T("newsletter.unsubscribe_button")}
	s.renderPage(w, r, http.StatusOK, view.PageNewsletter, p)
}

// unsubscribe ends a subscription at once. It is the target of the
// List-Unsubscribe-Post one-click (RFC 8058), which mail providers send
// from their servers: the token authenticates it, and it is exempt from
// the cross-origin check. Unsubscribing twice answers the same.
func (s *Site) unsubscribe(w http.ResponseWriter, r *http.Request) {
	f, sub, ok := s.tokenPage(w, r, newsletter.PurposeManage)
	if !ok {
		return
	}
	if err := s.store.Unsubscribe(r.Context(), sub.ID, s.now()); err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.tokenNewsletterPage(f, f.l.T("newsletter.unsubscribed_title"))
	p.Newsletter.Message = f.l.T("newsletter.unsubscribed", "Email", sub.Email)
	s.renderPage(w, r, http.StatusOK, view.PageNewsletter, p)
}
