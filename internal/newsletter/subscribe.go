package newsletter

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/i18n"
	bmail "github.com/byline-news/byline/internal/mail"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/urls"
)

// The rate limits of subscription requests.
const (
	PerIPLimit       = 5
	PerIPWindow      = 10 * time.Minute
	PerAddressLimit  = 3
	PerAddressWindow = time.Hour
)

// MaxEmailBytes is the longest address accepted (RFC 5321's path limit
// less the angle brackets).
const MaxEmailBytes = 254

// ErrRateLimited is returned by Request when an IP address or an email
// address asked too often.
var ErrRateLimited = errors.New("newsletter: too many subscription requests")

// ErrNotSent wraps the failure to send a confirmation email. The request
// is stored; asking again sends a new confirmation. Callers that must not
// reveal whether an address is subscribed answer as for success (only
// pending addresses are sent one) and log the error.
var ErrNotSent = errors.New("newsletter: the confirmation email was not sent")

// Store is what the service needs of the store.
type Store interface {
	news.NewsletterStore
	Settings(ctx context.Context) (news.Settings, error)
}

// Config is what the service needs.
type Config struct {
	Store  Store
	Mail   bmail.Sender
	Tokens *Tokens
	URLs   *urls.Builder
	// Languages are the languages a subscriber may choose; nil means
	// i18n.Default().
	Languages *i18n.Set
	// Catalog has the email's text; nil means i18n.Builtin().
	Catalog *i18n.Catalog
}

// Service takes subscription requests. It is safe for concurrent use.
type Service struct {
	store   Store
	mail    bmail.Sender
	tokens  *Tokens
	urls    *urls.Builder
	langs   *i18n.Set
	catalog *i18n.Catalog

	perIP      *limiter
	perAddress *limiter
}

// NewService returns the service of cfg.
func NewService(cfg Config) (*Service, error) {
	if cfg.Store == nil || cfg.Mail == nil || cfg.Tokens == nil || cfg.URLs == nil {
		return nil, errors.New("newsletter: a store, a mail sender, tokens and a URL builder are required")
	}
	if cfg.Languages == nil {
		cfg.Languages = i18n.Default()
	}
	if cfg.Catalog == nil {
		cfg.Catalog = i18n.Builtin()
	}
	return &Service{
		store: cfg.Store, mail: cfg.Mail, tokens: cfg.Tokens, urls: cfg.URLs,
		langs: cfg.Languages, catalog: cfg.Catalog,
		perIP:      newLimiter(PerIPLimit, PerIPWindow),
		perAddress: newLimiter(PerAddressLimit, PerAddressWindow),
	}, nil
}

// Tokens returns the service's token signer.
func (s *Service) Tokens() *Tokens { return s.tokens }

// ValidateEmail checks an address typed into the subscription form and
// returns it without surrounding blanks: a bare address (no display name, no angle
// brackets), at most MaxEmailBytes, without line breaks. A bad one is
// EINVALID.
func ValidateEmail(email string) (string, error) {
	bad := news.Errorf(news.EINVALID, "%q is not a valid email address", truncate(email, 80))
	if strings.ContainsAny(email, "\r\n") {
		return "", bad
	}
	email = strings.Trim(email, " \t")
	if email == "" || len(email) > MaxEmailBytes {
		return "", bad
	}
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Name != "" || addr.Address != email {
		return "", bad
	}
	return email, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Request asks to subscribe email in lang, with the consent text the
// visitor agreed to, from remoteIP. It stores the request and, only when
// the stored subscriber is pending, sends the confirmation email in the
// subscriber's language. The caller answers the visitor the same way
// whatever the address's state. A bad address or language is EINVALID;
// too many requests from remoteIP or for email is ErrRateLimited; a
// failure of the mail server is ErrNotSent.
func (s *Service) Request(ctx context.Context, email, lang, consentText, remoteIP string, now time.Time) error {
	if !s.perIP.allow(remoteIP, now) {
		return ErrRateLimited
	}
	email, err := ValidateEmail(email)
	if err != nil {
		return err
	}
	if _, ok := s.langs.Lookup(lang); !ok {
		return news.Errorf(news.EINVALID, "%q is not a language of this site", truncate(lang, 40))
	}
	if strings.TrimSpace(consentText) == "" {
		return news.Errorf(news.EINVALID, "the consent text is missing")
	}
	if !s.perAddress.allow(strings.ToLower(email), now) {
		return ErrRateLimited
	}
	sub := news.Subscriber{Email: email, Lang: lang, ConsentText: consentText, Source: news.SourceForm}
	if _, err := s.store.RequestSubscription(ctx, &sub); err != nil {
		return err
	}
	if sub.Status != news.SubscriberPending {
		return nil
	}
	return s.sendConfirmation(ctx, sub, now)
}

// sendConfirmation mails sub the link that confirms the subscription.
func (s *Service) sendConfirmation(ctx context.Context, sub news.Subscriber, now time.Time) error {
	st, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	l := s.catalog.Localizer(sub.Lang)
	link := s.ConfirmURL(sub, now)
	text := l.T("email.confirm_body", "Site", st.Name) + "\n\n" + link + "\n\n" + l.T("email.confirm_ignore")
	err = s.mail.Send(ctx, bmail.Message{
		To:      sub.Email,
		Subject: l.T("email.confirm_subject", "Site", st.Name),
		Text:    text,
	})
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNotSent, err)
	}
	return nil
}

// ConfirmURL is the absolute confirmation link of sub in its language.
func (s *Service) ConfirmURL(sub news.Subscriber, now time.Time) string {
	return s.link(sub.Lang, "/newsletter/confirm", s.tokens.Issue(PurposeConfirm, sub, now))
}

// PreferencesURL is the absolute preferences link of sub in its language.
func (s *Service) PreferencesURL(sub news.Subscriber, now time.Time) string {
	return s.link(sub.Lang, "/newsletter/preferences", s.tokens.Issue(PurposeManage, sub, now))
}

// UnsubscribeURL is the absolute one-click unsubscribe link of sub.
func (s *Service) UnsubscribeURL(sub news.Subscriber, now time.Time) string {
	return s.link(sub.Lang, "/newsletter/unsubscribe", s.tokens.Issue(PurposeManage, sub, now))
}

func (s *Service) link(lang, path, token string) string {
	return s.urls.Abs(s.urls.Localize(lang, path)) + "?t=" + token
}

// Subscriber returns the subscriber a token of purpose names, checking
// that the address it was issued for is still the stored one. Any
// failure is the token error, or ENOTFOUND when the subscriber or the
// address is gone.
func (s *Service) Subscriber(ctx context.Context, token string, purpose Purpose, now time.Time) (news.Subscriber, error) {
	id, key, err := s.tokens.Verify(token, purpose, now)
	if err != nil {
		return news.Subscriber{}, err
	}
	sub, err := s.store.Subscriber(ctx, id)
	if err != nil {
		return news.Subscriber{}, err
	}
	if s.tokens.EmailKey(sub.Email) != key {
		return news.Subscriber{}, news.Errorf(news.ENOTFOUND, "the subscriber of this link is gone")
	}
	return sub, nil
}
