package site

import (
	"net/url"
	"strings"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/newsletter"
)

// honeypotField is the subscription form's field hidden from people;
// whoever fills it in is a robot and is answered as if subscribed.
const honeypotField = "website"

// maxFormBytes bounds the body of the newsletter forms.
const maxFormBytes = 8 << 10

// subscribeInput is what the subscription form sent.
type subscribeInput struct {
	// Email is the address as typed (trimmed, bounded), shown again when
	// the form comes back.
	Email string
	Lang  string
	// Consent is whether the consent box was ticked.
	Consent bool
	// Robot is whether the honeypot field was filled in.
	Robot bool
	// BadEmail and NoConsent name what is wrong.
	BadEmail  bool
	NoConsent bool
}

// ok reports whether the form can be acted on.
func (in subscribeInput) ok() bool { return !in.BadEmail && !in.NoConsent }

// parseSubscribeForm reads the subscription form. A language the site
// does not have is replaced by fallback.
func parseSubscribeForm(form url.Values, langs *i18n.Set, fallback string) subscribeInput {
	in := subscribeInput{
		Email:   strings.Trim(form.Get("email"), " \t"),
		Lang:    form.Get("lang"),
		Consent: form.Get("consent") != "",
		Robot:   strings.TrimSpace(form.Get(honeypotField)) != "",
	}
	if len(in.Email) > 2*newsletter.MaxEmailBytes {
		in.Email = in.Email[:2*newsletter.MaxEmailBytes]
	}
	if _, ok := langs.Lookup(in.Lang); !ok {
		in.Lang = fallback
	}
	if email, err := newsletter.ValidateEmail(in.Email); err != nil {
		in.BadEmail = true
	} else {
		in.Email = email
	}
	in.NoConsent = !in.Consent
	return in
}
