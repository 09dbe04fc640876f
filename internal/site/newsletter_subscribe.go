package site

import (
	"errors"
	"net"
	"net/http"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/newsletter"
	"github.com/byline-news/byline/internal/view"
)

// subscribe takes the subscription form. Every address, new, pending,
// confirmed or suppressed, gets the same answer, so that the form does
// not tell who is subscribed; a robot that filled the honeypot gets it
// too, and nothing happens.
func (s *Site) subscribe(w http.ResponseWriter, r *http.Request) {
	f, err := s.newFrame(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if err := r.ParseForm(); err != nil {
		s.renderSubscribeForm(w, r, f, http.StatusBadRequest, subscribeInput{Lang: f.lang.Code, BadEmail: true}, "")
		return
	}
	in := parseSubscribeForm(r.PostForm, s.langs, f.lang.Code)
	if in.Robot {
		s.logger.Info("ignored a newsletter subscription with the honeypot filled in", "remote", remoteIP(r))
		s.checkInbox(w, r, f, in.Email)
		return
	}
	if !in.ok() {
		s.renderSubscribeForm(w, r, f, http.StatusUnprocessableEntity, in, "")
		return
	}
	svc, err := s.newsletterService(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	consent := f.l.T("newsletter.consent", "Site", f.settings.Name)
	err = svc.Request(r.Context(), in.Email, in.Lang, consent, remoteIP(r), s.now())
	switch {
	case errors.Is(err, newsletter.ErrRateLimited):
		s.renderSubscribeForm(w, r, f, http.StatusTooManyRequests, in, f.l.T("newsletter.error_rate"))
	case errors.Is(err, newsletter.ErrNotSent):
		// Only pending addresses are sent a confirmation: an error page
		// here would tell them from confirmed ones.
		s.logger.Error("sending a newsletter confirmation", "err", err)
		s.checkInbox(w, r, f, in.Email)
	case news.ErrorCode(err) == news.EINVALID:
		in.BadEmail = true
		s.renderSubscribeForm(w, r, f, http.StatusUnprocessableEntity, in, "")
	case err != nil:
		s.fail(w, r, err)
	default:
		s.checkInbox(w, r, f, in.Email)
	}
}

// checkInbox is the answer to every accepted subscription request.
func (s *Site) checkInbox(w http.ResponseWriter, r *http.Request, f *frame, email string) {
	p := s.newsletterPage(f, "/newsletter")
	p.NoIndex = true
	p.Title = pageTitle(f.l.T("newsletter.check_inbox_title"), f.settings)
	p.Newsletter.Heading = f.l.T("newsletter.check_inbox_title")
	p.Newsletter.Message = f.l.T("newsletter.check_inbox", "Email", email)
	w.Header().Set("Cache-Control", "no-store")
	s.renderPage(w, r, http.StatusOK, view.PageNewsletter, p)
}

// renderSubscribeForm shows the newsletter page with the form as sent,
// its errors and formError, a problem with the whole form.
func (s *Site) renderSubscribeForm(w http.ResponseWriter, r *http.Request, f *frame, status int, in subscribeInput, formError string) {
	p := s.newsletterPage(f, "/newsletter")
	p.NoIndex = true
	p.Newsletter.Form = s.subscribeForm(f, in)
	p.Newsletter.Form.Error = formError
	w.Header().Set("Cache-Control", "no-store")
	s.renderPage(w, r, status, view.PageNewsletter, p)
}

// remoteIP is the address the request came from, without the port.
func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
