package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/mail"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/newsletter"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
	"github.com/byline-news/byline/internal/urls"
)

// outbox is a mail.Sender that keeps what it is given.
type outbox struct {
	mu   sync.Mutex
	sent []mail.Message
	// fail, when set, is returned instead of sending.
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

// mailSite is a site over st whose mail goes to the returned outbox.
func mailSite(t *testing.T, st *store.Store) (*Site, *outbox) {
	t.Helper()
	fx := newFixture(t, st)
	b, err := urls.New(testBase, "en")
	if err != nil {
		t.Fatal(err)
	}
	box := &outbox{}
	s, err := New(Config{URLs: b, Languages: i18n.Default(), MediaDir: t.TempDir(), Logger: testutil.Logger(t), Mail: box}, st, fx.render)
	if err != nil {
		t.Fatal(err)
	}
	return s, box
}

// post sends a form to the site from ip, with header pairs.
func post(t *testing.T, s *Site, path, ip string, form url.Values, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequestWithContext(t.Context(), http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.RemoteAddr = ip + ":40000"
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

func subscribeForm(email, lang string) url.Values {
	return url.Values{"email": {email}, "lang": {lang}, "consent": {"yes"}, honeypotField: {""}}
}

func parseBody(t *testing.T, rec *httptest.ResponseRecorder) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(rec.Body.String()))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// pathOf is the path and query of an absolute link on the test site.
func pathOf(t *testing.T, link string) string {
	t.Helper()
	if !strings.HasPrefix(link, testBase+"/") {
		t.Fatalf("link %q is not on the site", link)
	}
	return strings.TrimPrefix(link, testBase)
}

func requireNoStoreNoIndex(t *testing.T, what string, rec *httptest.ResponseRecorder) {
	t.Helper()
	if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("%s: Cache-Control %q, want no-store", what, cc)
	}
	if !strings.Contains(rec.Body.String(), `<meta name="robots" content="noindex`) {
		t.Errorf("%s: no robots noindex meta", what)
	}
}

func TestNewsletterSubscribeInFrenchConfirmsWithGetThenPost(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		s, box := mailSite(t, st)
		ctx := t.Context()
		fr := i18n.Builtin().Localizer("fr")

		// The form on /fr/newsletter defaults to French and posts back there.
		rec := serve(t, s.Handler(), http.MethodGet, "/fr/newsletter")
		if rec.Code != 200 {
			t.Fatalf("GET /fr/newsletter: %d", rec.Code)
		}
		doc := parseBody(t, rec)
		form := one(t, "form", elements(doc, "form", "action", "/fr/newsletter", "method", "post"))
		sel := one(t, "fr option", elements(form, "option", "value", "fr"))
		if _, ok := attrOf(sel, "selected"); !ok {
			t.Error("French is not the default language on /fr/newsletter")
		}
		hp := one(t, "honeypot", elements(form, "input", "name", honeypotField))
		if attr(hp, "tabindex") != "-1" || attr(hp, "autocomplete") != "off" {
			t.Error("the honeypot field can be tabbed to or autofilled")
		}
		for _, in := range elements(form, "input") {
			if id := attr(in, "id"); id == "" || len(elements(doc, "label", "for", id)) != 1 {
				t.Errorf("input %q has no label", attr(in, "name"))
			}
		}

		rec = post(t, s, "/fr/newsletter", "192.0.2.10", subscribeForm("lecteur@example.org", "fr"))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), html.EscapeString(fr.T("newsletter.check_inbox", "Email", "lecteur@example.org"))) {
			t.Fatalf("POST: %d\n%.3000s", rec.Code, rec.Body.String())
		}
		requireNoStoreNoIndex(t, "check inbox", rec)
		sent := box.messages()
		if len(sent) != 1 || sent[0].To != "lecteur@example.org" || sent[0].Subject != fr.T("email.confirm_subject", "Site", "The Daily Bugle") {
			t.Fatalf("sent %+v, want one French confirmation", sent)
		}
		links := mail.Links(sent[0].Text)
		if len(links) != 1 || !strings.Contains(links[0], "/fr/newsletter/confirm?t=") {
			t.Fatalf("links %q", links)
		}
		confirmPath := pathOf(t, links[0])
		sub, err := st.SubscriberByEmail(ctx, "lecteur@example.org")
		if err != nil {
			t.Fatal(err)
		}

		// Opening the link changes nothing: it shows a button.
		rec = serve(t, s.Handler(), http.MethodGet, confirmPath)
		if rec.Code != 200 {
			t.Fatalf("GET confirm: %d", rec.Code)
		}
		requireNoStoreNoIndex(t, "confirm page", rec)
		one(t, "confirm button form", elements(parseBody(t, rec), "form", "action", confirmPath, "method", "post"))
		if got, _ := st.Subscriber(ctx, sub.ID); got.Status != news.SubscriberPending {
			t.Fatalf("GET confirmed the subscription: %s", got.Status)
		}

		rec = post(t, s, confirmPath, "192.0.2.10", nil, "Origin", testBase)
		if rec.Code != 200 {
			t.Fatalf("POST confirm: %d\n%.2000s", rec.Code, rec.Body.String())
		}
		requireNoStoreNoIndex(t, "confirmed page", rec)
		want := fr.T("newsletter.confirmed", "Email", "lecteur@example.org", "Language", fr.LanguageName("fr"))
		if !strings.Contains(rec.Body.String(), html.EscapeString(want)) {
			t.Errorf("confirmed page lacks %q", want)
		}
		if got, _ := st.Subscriber(ctx, sub.ID); got.Status != news.SubscriberConfirmed {
			t.Errorf("status %s after POST, want confirmed", got.Status)
		}
		var prefs string
		for _, a := range elements(parseBody(t, rec), "a") {
			if strings.Contains(attr(a, "href"), "/fr/newsletter/preferences?t=") {
				prefs = attr(a, "href")
			}
		}
		if prefs == "" {
			t.Fatal("no link to the preferences page")
		}
		if rec := serve(t, s.Handler(), http.MethodGet, pathOf(t, prefs)); rec.Code != 200 {
			t.Errorf("the preferences link: %d", rec.Code)
		}
	})
}

func TestNewsletterAnswersTheSameForKnownAddresses(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		s, box := mailSite(t, st)
		ctx := t.Context()
		known := news.Subscriber{Email: "known@example.org", Lang: "en", ConsentText: "I agree.", Source: news.SourceForm}
		if _, err := st.RequestSubscription(ctx, &known); err != nil {
			t.Fatal(err)
		}
		if err := st.ConfirmSubscriber(ctx, known.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
		newRec := post(t, s, "/newsletter", "192.0.2.20", subscribeForm("fresh@example.org", "en"))
		knownRec := post(t, s, "/newsletter", "192.0.2.21", subscribeForm("known@example.org", "en"))
		if newRec.Code != 200 || knownRec.Code != 200 {
			t.Fatalf("status new %d, known %d", newRec.Code, knownRec.Code)
		}
		if a, b := strings.ReplaceAll(newRec.Body.String(), "fresh@example.org", "X"), strings.ReplaceAll(knownRec.Body.String(), "known@example.org", "X"); a != b {
			t.Error("the answer for a confirmed address differs from the one for a new address")
		}
		if newRec.Header().Get("Cache-Control") != knownRec.Header().Get("Cache-Control") {
			t.Error("the headers differ")
		}
		sent := box.messages()
		if len(sent) != 1 || sent[0].To != "fresh@example.org" {
			t.Errorf("sent %d messages (%+v), want one to the new address only", len(sent), sent)
		}
		if got, _ := st.Subscriber(ctx, known.ID); got.Status != news.SubscriberConfirmed {
			t.Errorf("the confirmed subscriber became %s", got.Status)
		}
	})
}

func TestNewsletterMailFailureAnswersTheSame(t *testing.T) {
	s, box := mailSite(t, testutil.NewSQLiteStore(t))
	ok := post(t, s, "/newsletter", "192.0.2.90", subscribeForm("first@example.org", "en"))
	box.mu.Lock()
	box.fail = news.Errorf(news.EUNAVAILABLE, "421 try later")
	box.mu.Unlock()
	failed := post(t, s, "/newsletter", "192.0.2.91", subscribeForm("second@example.org", "en"))
	if failed.Code != 200 || strings.ReplaceAll(failed.Body.String(), "second@", "x@") != strings.ReplaceAll(ok.Body.String(), "first@", "x@") {
		t.Errorf("a mail failure answers %d, not as a success would", failed.Code)
	}
}

func TestNewsletterHoneypotAnswersAndDoesNothing(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		s, box := mailSite(t, st)
		human := post(t, s, "/newsletter", "192.0.2.30", subscribeForm("human@example.org", "en"))
		form := subscribeForm("robot@example.org", "en")
		form.Set(honeypotField, "https://spam.example")
		robot := post(t, s, "/newsletter", "192.0.2.31", form)
		if robot.Code != 200 || strings.ReplaceAll(robot.Body.String(), "robot@", "x@") != strings.ReplaceAll(human.Body.String(), "human@", "x@") {
			t.Errorf("the robot's answer (%d) differs from a person's", robot.Code)
		}
		if _, err := st.SubscriberByEmail(t.Context(), "robot@example.org"); !news.IsNotFound(err) {
			t.Errorf("the robot's address was stored: %v", err)
		}
		for _, m := range box.messages() {
			if m.To == "robot@example.org" {
				t.Error("the robot was sent an email")
			}
		}
	})
}

func TestNewsletterBadInputKeepsTheForm(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		s, box := mailSite(t, st)
		en := i18n.Builtin().Localizer("en")
		rec := post(t, s, "/newsletter", "192.0.2.40", subscribeForm("not-an-address", "de"))
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("bad email: %d", rec.Code)
		}
		doc := parseBody(t, rec)
		in := one(t, "email input", elements(doc, "input", "name", "email"))
		if attr(in, "value") != "not-an-address" || attr(in, "aria-invalid") != "true" {
			t.Errorf("the typed address is not kept and marked: %q", attr(in, "value"))
		}
		errEl := one(t, "email error", elements(doc, "span", "id", attr(in, "aria-describedby")))
		if textOf(errEl) != en.T("newsletter.error_email") {
			t.Errorf("error %q", textOf(errEl))
		}
		if _, ok := attrOf(one(t, "de", elements(doc, "option", "value", "de")), "selected"); !ok {
			t.Error("the chosen language is not kept")
		}

		form := subscribeForm("ok@example.org", "en")
		form.Del("consent")
		rec = post(t, s, "/newsletter", "192.0.2.41", form)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), html.EscapeString(en.T("newsletter.error_consent"))) {
			t.Errorf("no consent: %d", rec.Code)
		}
		box2 := elements(parseBody(t, rec), "input", "name", "consent")
		if len(box2) != 1 || attr(box2[0], "aria-describedby") == "" {
			t.Error("the consent error is not tied to the box")
		}
		if n := len(box.messages()); n != 0 {
			t.Errorf("%d emails sent for bad input", n)
		}
		if _, err := st.SubscriberByEmail(t.Context(), "ok@example.org"); !news.IsNotFound(err) {
			t.Errorf("stored without consent: %v", err)
		}
	})
}

func TestNewsletterFloodFromOneIPIsRefused(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		s, box := mailSite(t, st)
		var last *httptest.ResponseRecorder
		for i := range newsletter.PerIPLimit + 1 {
			last = post(t, s, "/newsletter", "198.51.100.7", subscribeForm("flood"+string(rune('a'+i))+"@example.org", "en"))
		}
		if last.Code != http.StatusTooManyRequests || !strings.Contains(last.Body.String(), html.EscapeString(i18n.Builtin().Localizer("en").T("newsletter.error_rate"))) {
			t.Errorf("request over the limit: %d", last.Code)
		}
		if n := len(box.messages()); n != newsletter.PerIPLimit {
			t.Errorf("%d emails sent, want %d", n, newsletter.PerIPLimit)
		}
		if rec := post(t, s, "/newsletter", "198.51.100.8", subscribeForm("other@example.org", "en")); rec.Code != 200 {
			t.Errorf("another IP: %d", rec.Code)
		}
	})
}

// subscriberWithTokens stores a confirmed subscriber and returns it with
// the site's token signer.
func subscriberWithTokens(t *testing.T, s *Site, st *store.Store, email string) (news.Subscriber, *newsletter.Tokens) {
	t.Helper()
	sub := news.Subscriber{Email: email, Lang: "en", ConsentText: "I agree.", Source: news.SourceForm}
	if _, err := st.RequestSubscription(t.Context(), &sub); err != nil {
		t.Fatal(err)
	}
	svc, err := s.newsletterService(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return sub, svc.Tokens()
}

func TestNewsletterBadTokensAreRefused(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		s, _ := mailSite(t, st)
		sub, tokens := subscriberWithTokens(t, s, st, "tok@example.org")
		expired := tokens.Issue(newsletter.PurposeConfirm, sub, time.Now().Add(-newsletter.ConfirmTTL-time.Minute))
		valid := tokens.Issue(newsletter.PurposeConfirm, sub, time.Now())
		forged := valid[:len(valid)-2] + map[bool]string{true: "AA", false: "AB"}[!strings.HasSuffix(valid, "AA")]
		manage := tokens.Issue(newsletter.PurposeManage, sub, time.Now())
		for _, c := range []struct{ method, path string }{
			{"GET", "/newsletter/confirm?t=" + expired},
			{"POST", "/newsletter/confirm?t=" + expired},
			{"GET", "/newsletter/confirm?t=" + forged},
			{"POST", "/newsletter/confirm?t=" + forged},
			{"GET", "/newsletter/confirm?t=" + manage}, // wrong purpose
			{"GET", "/newsletter/confirm"},
			{"GET", "/newsletter/preferences?t=" + valid},
			{"POST", "/newsletter/preferences?t=junk"},
			{"GET", "/newsletter/unsubscribe?t=" + forged},
			{"POST", "/fr/newsletter/unsubscribe?t=" + valid},
		} {
			var rec *httptest.ResponseRecorder
			if c.method == "GET" {
				rec = serve(t, s.Handler(), c.method, c.path)
			} else {
				rec = post(t, s, c.path, "192.0.2.50", url.Values{"lang": {"de"}})
			}
			lang := "en"
			if strings.HasPrefix(c.path, "/fr/") {
				lang = "fr"
			}
			title := html.EscapeString(i18n.Builtin().Localizer(lang).T("newsletter.link_invalid_title"))
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), title) {
				t.Errorf("%s %s: %d, want 400 with the link-invalid page", c.method, c.path, rec.Code)
				continue
			}
			requireNoStoreNoIndex(t, c.path, rec)
			one(t, "the subscription form", elements(parseBody(t, rec), "input", "name", "email"))
		}
		if got, _ := st.Subscriber(t.Context(), sub.ID); got.Status != news.SubscriberPending || got.Lang != "en" {
			t.Errorf("a bad token changed the subscriber: %+v", got)
		}
	})
}

func TestNewsletterPreferencesChangeTheLanguage(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		s, _ := mailSite(t, st)
		sub, tokens := subscriberWithTokens(t, s, st, "prefs@example.org")
		path := "/newsletter/preferences?t=" + tokens.Issue(newsletter.PurposeManage, sub, time.Now())
		rec := serve(t, s.Handler(), http.MethodGet, path)
		if rec.Code != 200 {
			t.Fatalf("GET preferences: %d", rec.Code)
		}
		requireNoStoreNoIndex(t, "preferences", rec)
		doc := parseBody(t, rec)
		one(t, "save form", elements(doc, "form", "action", path, "method", "post"))
		one(t, "unsubscribe form", elements(doc, "form", "action", strings.Replace(path, "preferences", "unsubscribe", 1), "method", "post"))
		if _, ok := attrOf(one(t, "en", elements(doc, "option", "value", "en")), "selected"); !ok {
			t.Error("the subscriber's language is not selected")
		}
		rec = post(t, s, path, "192.0.2.60", url.Values{"lang": {"ar"}}, "Origin", testBase)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), i18n.Builtin().Localizer("en").T("newsletter.preferences_saved")) {
			t.Fatalf("POST preferences: %d", rec.Code)
		}
		if got, _ := st.Subscriber(t.Context(), sub.ID); got.Lang != "ar" {
			t.Errorf("language %q after saving, want ar", got.Lang)
		}
		if rec := post(t, s, path, "192.0.2.60", url.Values{"lang": {"xx"}}); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("unknown language: %d, want 422", rec.Code)
		}
		if got, _ := st.Subscriber(t.Context(), sub.ID); got.Lang != "ar" {
			t.Errorf("an unknown language changed it to %q", got.Lang)
		}
	})
}

func TestNewsletterOneClickUnsubscribe(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		s, _ := mailSite(t, st)
		sub, tokens := subscriberWithTokens(t, s, st, "leaving@example.org")
		if err := st.ConfirmSubscriber(t.Context(), sub.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
		path := "/de/newsletter/unsubscribe?t=" + tokens.Issue(newsletter.PurposeManage, sub, time.Now())
		// Opening the link changes nothing.
		if rec := serve(t, s.Handler(), http.MethodGet, path); rec.Code != 200 {
			t.Fatalf("GET unsubscribe: %d", rec.Code)
		}
		if got, _ := st.Subscriber(t.Context(), sub.ID); got.Status != news.SubscriberConfirmed {
			t.Fatalf("GET unsubscribed: %s", got.Status)
		}
		// A mail provider's POST: no Origin, the RFC 8058 body; a server
		// may even say cross-site.
		oneClick := url.Values{"List-Unsubscribe": {"One-Click"}}
		for i := range 2 {
			rec := post(t, s, path, "203.0.113.9", oneClick, "Sec-Fetch-Site", "cross-site")
			if rec.Code != 200 {
				t.Fatalf("one-click POST %d: %d\n%.1000s", i+1, rec.Code, rec.Body.String())
			}
			want := i18n.Builtin().Localizer("de").T("newsletter.unsubscribed", "Email", "leaving@example.org")
			if !strings.Contains(rec.Body.String(), html.EscapeString(want)) {
				t.Errorf("POST %d: no unsubscribed message", i+1)
			}
			requireNoStoreNoIndex(t, "unsubscribed", rec)
			if got, _ := st.Subscriber(t.Context(), sub.ID); got.Status != news.SubscriberUnsubscribed {
				t.Errorf("POST %d: status %s", i+1, got.Status)
			}
		}
	})
}

func TestNewsletterCrossOriginPostIsRefused(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		s, box := mailSite(t, st)
		rec := post(t, s, "/newsletter", "192.0.2.70", subscribeForm("victim@example.org", "en"),
			"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
		if rec.Code != http.StatusForbidden {
			t.Errorf("cross-origin POST: %d, want 403", rec.Code)
		}
		if _, err := st.SubscriberByEmail(t.Context(), "victim@example.org"); !news.IsNotFound(err) {
			t.Errorf("stored: %v", err)
		}
		if len(box.messages()) != 0 {
			t.Error("mail sent")
		}
		// The same form from the site itself works.
		rec = post(t, s, "/newsletter", "192.0.2.70", subscribeForm("victim@example.org", "en"),
			"Origin", testBase, "Sec-Fetch-Site", "same-origin")
		if rec.Code != 200 {
			t.Errorf("same-origin POST: %d", rec.Code)
		}
	})
}

func TestNewsletterBodyIsBounded(t *testing.T) {
	s, _ := mailSite(t, testutil.NewSQLiteStore(t))
	form := subscribeForm("big@example.org", "en")
	form.Set("padding", strings.Repeat("x", maxFormBytes))
	if rec := post(t, s, "/newsletter", "192.0.2.80", form); rec.Code == 200 {
		t.Errorf("a body over %d bytes was taken", maxFormBytes)
	}
}

func FuzzNewsletterForm(f *testing.F) {
	f.Add("email=a%40example.org&lang=fr&consent=yes&website=")
	f.Add("email=%3Ca%40b.c%3E&lang=xx")
	f.Add("email=a%40b.c%0D%0ABcc%3A+x%40y.z&consent=1&website=x")
	f.Add("email=" + strings.Repeat("a", 600) + "&&&=;")
	langs := i18n.Default()
	f.Fuzz(func(t *testing.T, body string) {
		form, _ := url.ParseQuery(body)
		in := parseSubscribeForm(form, langs, "en")
		if _, ok := langs.Lookup(in.Lang); !ok {
			t.Fatalf("language %q is not the site's", in.Lang)
		}
		if len(in.Email) > 2*newsletter.MaxEmailBytes {
			t.Fatalf("kept %d bytes of address", len(in.Email))
		}
		if !in.BadEmail {
			if strings.ContainsAny(in.Email, "\r\n<>") || len(in.Email) > newsletter.MaxEmailBytes {
				t.Fatalf("accepted address %q", in.Email)
			}
			if _, err := newsletter.ValidateEmail(in.Email); err != nil {
				t.Fatalf("accepted address %q fails validation: %v", in.Email, err)
			}
		}
		if in.ok() && !in.Consent {
			t.Fatal("accepted without consent")
		}
	})
}
