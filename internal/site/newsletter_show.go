package site

import (
	"net/http"

	"github.com/byline-news/byline/internal/view"
)

// showNewsletter explains the daily newsletter and offers the
// subscription form, with the feeds as another way to follow the site.
func (s *Site) showNewsletter(w http.ResponseWriter, r *http.Request) {
	f, err := s.newFrame(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newsletterPage(f, "/newsletter")
	p.Newsletter.Form = s.subscribeForm(f, subscribeInput{Lang: f.lang.Code})
	s.renderPage(w, r, http.StatusOK, view.PageNewsletter, p)
}

// newsletterPage is a newsletter page at path without its content.
func (s *Site) newsletterPage(f *frame, path string) *view.Page {
	p := s.newPage(f, path, pageTitle(f.l.T("newsletter.name"), f.settings))
	p.Description = f.l.T("newsletter.description", "Site", f.settings.Name)
	p.Newsletter = &view.Newsletter{Feeds: feedLinks(f)}
	return p
}

// subscribeForm is the subscription form showing in, with its errors.
func (s *Site) subscribeForm(f *frame, in subscribeInput) *view.SubscribeForm {
	form := &view.SubscribeForm{
		Action:        f.link("/newsletter"),
		Email:         in.Email,
		Lang:          in.Lang,
		Languages:     s.newsletterLanguages(in.Lang),
		Consent:       in.Consent,
		ConsentText:   f.l.T("newsletter.consent", "Site", f.settings.Name),
		HoneypotLabel: "Website",
	}
	if in.BadEmail {
		form.EmailError = f.l.T("newsletter.error_email")
	}
	if in.NoConsent {
		form.ConsentError = f.l.T("newsletter.error_consent")
	}
	return form
}

// newsletterLanguages are the site's languages by native name, selected
// the one of code.
func (s *Site) newsletterLanguages(code string) []view.NewsletterLanguage {
	all := s.langs.All()
	out := make([]view.NewsletterLanguage, 0, len(all))
	for _, l := range all {
		out = append(out, view.NewsletterLanguage{Code: l.Code, NativeName: l.NativeName, Dir: l.Dir, Selected: l.Code == code})
	}
	return out
}
