package site

import (
	"encoding/base64"
	"net/http"
	"slices"
	"strings"

	"github.com/byline-news/byline/internal/view"
)

// showContact lists the newsroom's addresses by topic. The addresses are
// in the page only encoded; the site script shows them to people.
func (s *Site) showContact(w http.ResponseWriter, r *http.Request) {
	f, err := s.newFrame(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(f, "/contact", pageTitle(f.l.T("nav.contact"), f.settings))
	c := &view.Contact{Licence: s.notice(f, f.settings.Licence)}
	for _, t := range contactTopics(f.l, f.settings) {
		c.Sections = append(c.Sections, view.ContactSection{
			Heading: t.heading,
			Text:    t.text,
			Email:   protectEmail(t.email, f.link("/contact"), f.l.T("contact.email_fallback")),
		})
	}
	p.Contact = c
	s.renderPage(w, r, http.StatusOK, view.PageContact, p)
}

// protectEmail hides an address from harvesters that read HTML: the page
// carries it reversed and base64-encoded, and the site script decodes it.
func protectEmail(address, contactURL, fallback string) view.ProtectedEmail {
	address = strings.TrimSpace(address)
	if address == "" {
		return view.ProtectedEmail{}
	}
	r := []rune(address)
	slices.Reverse(r)
	return view.ProtectedEmail{
		Encoded:    base64.StdEncoding.EncodeToString([]byte(string(r))),
		ContactURL: contactURL,
		Fallback:   fallback,
	}
}
