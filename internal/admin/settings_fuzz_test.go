package admin_test

import (
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/admin"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/urls"
)

// FuzzSettingsForm posts arbitrary bodies to the settings form, signed in
// as the owner with a good token: the answer is a saved form (303) or a
// clear refusal (4xx), never a server error, and whatever was saved is
// valid settings.
func FuzzSettingsForm(f *testing.F) {
	valid := settingsForm()
	f.Add(valid.Encode())
	f.Add(with(valid, "time_zone", "../../../etc/passwd").Encode())
	f.Add(with(valid, "contact_email", "a@b@c").Encode())
	f.Add(with(valid, "logo_url", "javascript:alert(1)").Encode())
	f.Add(with(valid, "name", "\x00\xff\xfe").Encode())
	f.Add("name=%zz&time_zone=UTC")
	f.Add("name=A&time_zone=Local")
	f.Add(strings.Repeat("disclaimer=x&", 300))

	// Nothing here may log through f: it cannot be used from inside the
	// fuzz function.
	s, err := store.Open(f.Context(), f.TempDir(), "", slog.New(slog.DiscardHandler))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = s.Close() })
	ub, err := urls.New(baseURL, "en")
	if err != nil {
		f.Fatal(err)
	}
	clk := &clock{now: time.Date(2025, 6, 2, 8, 0, 0, 0, time.UTC)}
	adm, err := admin.New(admin.Config{URLs: ub, Secure: true, Now: clk.Now}, s)
	if err != nil {
		f.Fatal(err)
	}
	g := &rig{store: s, handler: adm.Handler(), clock: clk}
	g.user(f, "owner@news.example", "Owner", news.RoleOwner)
	b := g.browser(f)
	b.mustSignIn("owner@news.example")
	token := b.token()

	f.Fuzz(func(t *testing.T, body string) {
		form, err := url.ParseQuery(body)
		if err != nil {
			// A body that is not a query string still reaches the
			// handler as one.
			form = url.Values{"name": {body}}
		}
		form.Set("csrf_token", token)
		// The browser reports to this input's t, not to f.
		tb := *b
		tb.t = t
		res := tb.post("/admin/settings", form)
		if res.status >= 500 || (res.status != http.StatusSeeOther && res.status/100 != 4) {
			t.Fatalf("status %d for %q\n%s", res.status, body, res.body)
		}
		if res.status != http.StatusSeeOther {
			return
		}
		got, err := s.Settings(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if got.Name == "" || got.TimeZone == "" {
			t.Fatalf("saved settings without a name or time zone: %+v", got)
		}
		for _, l := range append([]news.Link{{URL: got.LogoURL}}, got.Follow...) {
			if u := strings.ToLower(l.URL); u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
				t.Fatalf("saved a URL that is not http(s): %q", l.URL)
			}
		}
	})
}
