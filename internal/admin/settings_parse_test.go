package admin

import (
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/byline-news/byline/internal/news"
)

// FuzzParseSettingsForm feeds arbitrary query strings to the settings
// form's parser: it refuses with EINVALID (a 400 and a message) or
// returns settings that hold up, and never panics.
func FuzzParseSettingsForm(f *testing.F) {
	f.Add("name=The+Ledger&time_zone=Europe%2FParis&contact_email=desk%40ledger.example&follow_rss=https%3A%2F%2Fl.example%2Ffeed")
	f.Add("name=A&time_zone=..%2F..%2Fetc%2Fpasswd")
	f.Add("name=A&time_zone=UTC&logo_url=javascript%3Aalert(1)")
	f.Add("name=A&time_zone=UTC&media_email=Desk+%3Cd%40x.example%3E")
	f.Add("name=%00%FF&time_zone=UTC&disclaimer=%0D%0Aline%0D%0A")
	f.Add("name=A&time_zone=Local")
	f.Fuzz(func(t *testing.T, query string) {
		form, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		s, err := parseSettingsForm(form)
		if err != nil {
			if code := news.ErrorCode(err); code != news.EINVALID {
				t.Fatalf("error code %s for %q: %v", code, query, err)
			}
			if news.ErrorMessage(err) == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		if s.Name == "" {
			t.Fatal("accepted settings without a name")
		}
		if _, err := time.LoadLocation(s.TimeZone); err != nil || s.TimeZone == "Local" {
			t.Fatalf("accepted time zone %q: %v", s.TimeZone, err)
		}
		for _, addr := range []string{s.ContactEmail, s.MediaEmail, s.PermissionsEmail} {
			if addr != "" && checkEmail("address", addr) != nil {
				t.Fatalf("accepted address %q", addr)
			}
		}
		for _, l := range append([]news.Link{{URL: s.LogoURL}}, s.Follow...) {
			u, err := url.Parse(l.URL)
			if l.URL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
				t.Fatalf("accepted URL %q", l.URL)
			}
		}
		for _, text := range []string{s.Name, s.Tagline, s.Disclaimer, s.FairUse, s.NoteBefore, s.NoteAfter, s.Licence} {
			if !utf8.ValidString(text) || strings.ContainsAny(text, "\x00\r") {
				t.Fatalf("accepted text with invalid UTF-8 or control characters: %q", text)
			}
		}
		// What was accepted is accepted again as the form shows it.
		again := url.Values{"name": {s.Name}, "tagline": {s.Tagline}, "logo_url": {s.LogoURL}, "time_zone": {s.TimeZone},
			"disclaimer": {s.Disclaimer}, "fair_use": {s.FairUse}, "note_before": {s.NoteBefore}, "note_after": {s.NoteAfter},
			"licence": {s.Licence}, "contact_email": {s.ContactEmail}, "media_email": {s.MediaEmail},
			"permissions_email": {s.PermissionsEmail}}
		for _, row := range followFields(s.Follow) {
			again.Set("follow_"+row.Key, row.URL)
		}
		if _, err := parseSettingsForm(again); err != nil {
			t.Fatalf("accepted settings are refused when sent again: %v", err)
		}
	})
}
