package newsletter

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/mail"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
	"github.com/byline-news/byline/internal/urls"
)

// outbox records the messages sent through it.
type outbox struct {
	mu   sync.Mutex
	sent []mail.Message
	fail error
}

func (o *outbox) Send(_ context.Context, m mail.Message) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.fail != nil {
		return o.fail
	}
	o.sent = append(o.sent, m)
	return nil
}

func (o *outbox) messages() []mail.Message {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]mail.Message(nil), o.sent...)
}

func newTestService(t *testing.T, st *store.Store) (*Service, *outbox) {
	t.Helper()
	if err := st.SaveSettings(t.Context(), news.Settings{Name: "The Daily Bugle"}); err != nil {
		t.Fatal(err)
	}
	b, err := urls.New("https://bugle.example", "en")
	if err != nil {
		t.Fatal(err)
	}
	tokens, err := LoadTokens(t.Context(), st)
	if err != nil {
		t.Fatal(err)
	}
	box := &outbox{}
	svc, err := NewService(Config{Store: st, Mail: box, Tokens: tokens, URLs: b})
	if err != nil {
		t.Fatal(err)
	}
	return svc, box
}

var subNow = time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)

func TestRequestSendsConfirmationInTheChosenLanguage(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		svc, box := newTestService(t, st)
		ctx := t.Context()
		if err := svc.Request(ctx, "lecteur@example.org", "fr", "J'accepte.", "192.0.2.1", subNow); err != nil {
			t.Fatal(err)
		}
		sent := box.messages()
		if len(sent) != 1 {
			t.Fatalf("%d messages sent, want 1", len(sent))
		}
		m := sent[0]
		fr := i18n.Builtin().Localizer("fr")
		if m.To != "lecteur@example.org" || m.Subject != fr.T("email.confirm_subject", "Site", "The Daily Bugle") {
			t.Errorf("To %q, Subject %q", m.To, m.Subject)
		}
		if !strings.HasPrefix(m.Text, fr.T("email.confirm_body", "Site", "The Daily Bugle")+"\n\n") ||
			!strings.HasSuffix(m.Text, "\n\n"+fr.T("email.confirm_ignore")) {
			t.Errorf("text is not body, link, ignore in French:\n%s", m.Text)
		}
		links := mail.Links(m.Text)
		if len(links) != 1 || !strings.HasPrefix(links[0], "https://bugle.example/fr/newsletter/confirm?t=") {
			t.Fatalf("links %q, want one French confirmation link", links)
		}
		u, err := url.Parse(links[0])
		if err != nil {
			t.Fatal(err)
		}
		sub, err := st.SubscriberByEmail(ctx, "LECTEUR@example.org")
		if err != nil {
			t.Fatal(err)
		}
		if sub.Status != news.SubscriberPending || sub.Lang != "fr" || sub.ConsentText != "J'accepte." {
			t.Errorf("stored %+v", sub)
		}
		got, err := svc.Subscriber(ctx, u.Query().Get("t"), PurposeConfirm, subNow.Add(time.Hour))
		if err != nil || got.ID != sub.ID {
			t.Errorf("the link's token names %d, %v; want %d", got.ID, err, sub.ID)
		}
		// Erasing the address makes the token useless.
		if err := st.DeleteSubscriber(ctx, sub.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Subscriber(ctx, u.Query().Get("t"), PurposeConfirm, subNow.Add(time.Hour)); !news.IsNotFound(err) {
			t.Errorf("token of an erased subscriber: %v, want ENOTFOUND", err)
		}
	})
}

func TestRequestSendsNothingToConfirmedOrSuppressed(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		svc, box := newTestService(t, st)
		ctx := t.Context()
		for i, email := range []string{"conf@example.org", "supp@example.org"} {
			if err := svc.Request(ctx, email, "en", "I agree.", "192.0.2.1", subNow); err != nil {
				t.Fatal(err)
			}
			sub, err := st.SubscriberByEmail(ctx, email)
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				err = st.ConfirmSubscriber(ctx, sub.ID, subNow)
			} else {
				_, err = st.RecordHardBounce(ctx, sub.ID, 1)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		before := len(box.messages())
		for _, email := range []string{"CONF@example.org", "supp@example.org"} {
			if err := svc.Request(ctx, email, "de", "Ich stimme zu.", "192.0.2.2", subNow); err != nil {
				t.Errorf("%s: %v (the answer must not differ)", email, err)
			}
		}
		if n := len(box.messages()) - before; n != 0 {
			t.Errorf("%d emails sent to confirmed or suppressed addresses", n)
		}
		// A pending address asked again gets a new confirmation.
		if err := svc.Request(ctx, "new@example.org", "en", "I agree.", "192.0.2.3", subNow); err != nil {
			t.Fatal(err)
		}
		if err := svc.Request(ctx, "new@example.org", "de", "Ich stimme zu.", "192.0.2.3", subNow); err != nil {
			t.Fatal(err)
		}
		sent := box.messages()
		if last := sent[len(sent)-1]; last.To != "new@example.org" || last.Subject != i18n.Builtin().Localizer("de").T("email.confirm_subject", "Site", "The Daily Bugle") {
			t.Errorf("second request of a pending address: %q %q, want a German confirmation", last.To, last.Subject)
		}
	})
}

func TestRequestRateLimits(t *testing.T) {
	st := testutil.NewSQLiteStore(t)
	svc, box := newTestService(t, st)
	ctx := t.Context()
	// Per IP: 5 in 10 minutes, whatever the address.
	for i := range PerIPLimit {
		if err := svc.Request(ctx, "ip"+string(rune('a'+i))+"@example.org", "en", "I agree.", "198.51.100.1", subNow); err != nil {
			t.Fatalf("request %d: %v", i+1, err)
		}
	}
	if err := svc.Request(ctx, "ipz@example.org", "en", "I agree.", "198.51.100.1", subNow.Add(time.Minute)); !errors.Is(err, ErrRateLimited) {
		t.Errorf("sixth request from one IP: %v, want ErrRateLimited", err)
	}
	if err := svc.Request(ctx, "ipz@example.org", "en", "I agree.", "198.51.100.2", subNow.Add(time.Minute)); err != nil {
		t.Errorf("another IP is limited too: %v", err)
	}
	if err := svc.Request(ctx, "ipy@example.org", "en", "I agree.", "198.51.100.1", subNow.Add(PerIPWindow+time.Second)); err != nil {
		t.Errorf("after the window: %v", err)
	}
	// Per address: 3 an hour, from any IP, case-insensitively.
	sentBefore := len(box.messages())
	for i, ip := range []string{"203.0.113.1", "203.0.113.2", "203.0.113.3"} {
		if err := svc.Request(ctx, "Target@example.org", "en", "I agree.", ip, subNow); err != nil {
			t.Fatalf("address request %d: %v", i+1, err)
		}
	}
	if err := svc.Request(ctx, "target@EXAMPLE.org", "en", "I agree.", "203.0.113.4", subNow.Add(30*time.Minute)); !errors.Is(err, ErrRateLimited) {
		t.Errorf("fourth request for one address: %v, want ErrRateLimited", err)
	}
	if n := len(box.messages()) - sentBefore; n != PerAddressLimit {
		t.Errorf("%d confirmations to one address, want %d", n, PerAddressLimit)
	}
	if err := svc.Request(ctx, "target@example.org", "en", "I agree.", "203.0.113.5", subNow.Add(PerAddressWindow+time.Second)); err != nil {
		t.Errorf("after the hour: %v", err)
	}
}

func TestValidateEmail(t *testing.T) {
	long := strings.Repeat("a", 64) + "@" + strings.Repeat("b", 185) + ".org" // 254 bytes
	if len(long) != MaxEmailBytes {
		t.Fatalf("test address is %d bytes", len(long))
	}
	good := []string{"reader@example.org", "  padded@example.org ", "first.last+tag@sub.example.co.uk", long}
	for _, e := range good {
		if got, err := ValidateEmail(e); err != nil || got != strings.TrimSpace(e) {
			t.Errorf("ValidateEmail(%q) = %q, %v", e, got, err)
		}
	}
	bad := []string{
		"", "reader", "@example.org", "reader@", "a b@example.org",
		"Reader <reader@example.org>", "<reader@example.org>", "reader@example.org (comment)",
		"reader@example.org\r\nBcc: victim@example.org", "reader@exam\nple.org", "reader@example.org\r",
		"x" + long, "reader@example.org, other@example.org",
	}
	for _, e := range bad {
		if _, err := ValidateEmail(e); news.ErrorCode(err) != news.EINVALID {
			t.Errorf("ValidateEmail(%q) = %v, want EINVALID", e, err)
		}
	}
}

func TestRequestRefusesBadInputAndStoresNothing(t *testing.T) {
	st := testutil.NewSQLiteStore(t)
	svc, box := newTestService(t, st)
	ctx := t.Context()
	cases := []struct{ email, lang, consent string }{
		{"bad\r\n@example.org", "en", "I agree."},
		{strings.Repeat("a", 250) + "@example.org", "en", "I agree."},
		{"ok@example.org", "xx", "I agree."},
		{"ok@example.org", "en", " "},
	}
	for i, c := range cases {
		ip := "192.0.2." + string(rune('1'+i))
		if err := svc.Request(ctx, c.email, c.lang, c.consent, ip, subNow); news.ErrorCode(err) != news.EINVALID {
			t.Errorf("Request(%q, %q, %q) = %v, want EINVALID", c.email, c.lang, c.consent, err)
		}
	}
	if _, total, err := st.FindSubscribers(ctx, news.SubscriberFilter{}); err != nil || total != 0 {
		t.Errorf("%d subscribers stored (%v), want 0", total, err)
	}
	if n := len(box.messages()); n != 0 {
		t.Errorf("%d emails sent", n)
	}
}

func TestRequestReportsAMailFailure(t *testing.T) {
	st := testutil.NewSQLiteStore(t)
	svc, box := newTestService(t, st)
	box.fail = news.Errorf(news.EUNAVAILABLE, "451 try later")
	err := svc.Request(t.Context(), "x@example.org", "en", "I agree.", "192.0.2.9", subNow)
	if !errors.Is(err, ErrNotSent) || news.ErrorCode(err) != news.EUNAVAILABLE {
		t.Errorf("Request = %v, want ErrNotSent wrapping EUNAVAILABLE", err)
	}
	if sub, err := st.SubscriberByEmail(t.Context(), "x@example.org"); err != nil || sub.Status != news.SubscriberPending {
		t.Errorf("the request is not stored pending: %+v, %v", sub, err)
	}
}
