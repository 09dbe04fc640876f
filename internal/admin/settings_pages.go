package admin

import (
	"net/http"
	"net/mail"
	"net/url"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/news"
)

// followNetworks are the networks the settings form has a follow link
// for, in the order the public site shows them.
var followNetworks = []struct{ Key, Label string }{
	{"instagram", "Instagram"}, {"x", "X"}, {"facebook", "Facebook"}, {"telegram", "Telegram"},
	{"youtube", "YouTube"}, {"mastodon", "Mastodon"}, {"bluesky", "Bluesky"}, {"rss", "RSS feed"},
}

// commonZones are offered in the time zone list; any other IANA name
// may be typed.
var commonZones = []string{
	"UTC", "Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Rome",
	"Europe/Istanbul", "Europe/Kyiv", "Europe/Moscow", "Africa/Cairo", "Africa/Lagos", "Africa/Nairobi",
	"Africa/Johannesburg", "Asia/Dubai", "Asia/Tehran", "Asia/Karachi", "Asia/Kolkata", "Asia/Dhaka",
	"Asia/Bangkok", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland",
	"America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/Mexico_City", "America/New_York",
	"America/Chicago", "America/Denver", "America/Los_Angeles",
}

// followField is one follow link of the form.
type followField struct {
	Key, Label, URL string
}

type settingsPage struct {
	page
	Form    news.Settings
	Follow  []followField
	Zones   []string
	Problem string
}

// keepOtherFollowLinks adds to s the stored follow links of networks the
// form has no field for (set by the API or an import), which the form
// would otherwise drop unseen.
func (a *Admin) keepOtherFollowLinks(r *http.Request, s *news.Settings) error {
	cur, err := a.store.Settings(r.Context())
	if err != nil {
		return err
	}
	for _, l := range cur.Follow {
		known := false
		for _, n := range followNetworks {
			known = known || n.Key == l.Network
		}
		if !known {
			s.Follow = append(s.Follow, l)
		}
	}
	return nil
}

// followFields lays the follow links out as the form's rows; links to
// networks the form does not know are dropped from the form.
func followFields(links []news.Link) []followField {
	rows := make([]followField, len(followNetworks))
	for i, n := range followNetworks {
		rows[i] = followField{Key: n.Key, Label: n.Label}
		for _, l := range links {
			if l.Network == n.Key {
				rows[i].URL = l.URL
				break
			}
		}
	}
	return rows
}

// parseSettingsForm reads the settings form. The settings come back
// with what was typed even on error, so the form can show it again.
func parseSettingsForm(f url.Values) (news.Settings, error) {
	var s news.Settings
	var errs []error
	keep := func(v string, err error) string {
		if err != nil {
			errs = append(errs, err)
		}
		return v
	}
	s.Name = keep(line(f, "name", "The site name", maxLineBytes))
	s.Tagline = keep(line(f, "tagline", "The tagline", 500))
	s.LogoURL = keep(line(f, "logo_url", "The logo address", maxURLBytes))
	s.TimeZone = keep(line(f, "time_zone", "The time zone", 100))
	s.Disclaimer = keep(text(f, "disclaimer", "The disclaimer", maxTextBytes))
	s.FairUse = keep(text(f, "fair_use", "The fair-use notice", maxTextBytes))
	s.NoteBefore = keep(text(f, "note_before", "The note before articles", maxTextBytes))
	s.NoteAfter = keep(text(f, "note_after", "The note after articles", maxTextBytes))
	s.ContactEmail = keep(line(f, "contact_email", "The contact address", maxEmailBytes))
	s.MediaEmail = keep(line(f, "media_email", "The media address", maxEmailBytes))
	s.PermissionsEmail = keep(line(f, "permissions_email", "The permissions address", maxEmailBytes))
	s.Licence = keep(text(f, "licence", "The republication licence", maxTextBytes))
	for _, n := range followNetworks {
		u := keep(line(f, "follow_"+n.Key, n.Label+" link", maxURLBytes))
		if u != "" {
			s.Follow = append(s.Follow, news.Link{Network: n.Key, URL: u})
		}
	}
	if len(errs) > 0 {
		return s, errs[0]
	}
	if s.Name == "" {
		return s, news.Errorf(news.EINVALID, "Enter the site's name.")
	}
	if err := checkURL("The logo address", s.LogoURL); err != nil {
		return s, err
	}
	if s.TimeZone == "" {
		return s, news.Errorf(news.EINVALID, "Choose a time zone, such as UTC or Europe/Paris.")
	}
	// LoadLocation also reads files: a name must look like an IANA zone
	// name, never a path.
	if strings.Contains(s.TimeZone, "..") || strings.HasPrefix(s.TimeZone, "/") || strings.EqualFold(s.TimeZone, "local") {
		return s, news.Errorf(news.EINVALID, "%q is not a time zone. Use a name such as Europe/Paris.", s.TimeZone)
	}
	if _, err := time.LoadLocation(s.TimeZone); err != nil {
		return s, news.Errorf(news.EINVALID, "%q is not a time zone. Use a name such as Europe/Paris.", s.TimeZone)
	}
	for _, e := range []struct{ label, addr string }{
		{"The contact address", s.ContactEmail}, {"The media address", s.MediaEmail},
		{"The permissions address", s.PermissionsEmail},
	} {
		if err := checkEmail(e.label, e.addr); err != nil {
			return s, err
		}
	}
	for _, l := range s.Follow {
		if isSitePath(l.URL) {
			continue // a page of this site, such as /feed.xml
		}
		if err := checkURL("The "+l.Network+" link", l.URL); err != nil {
			return s, err
		}
	}
	return s, nil
}

// isSitePath reports whether raw is a path on this site ("/feed.xml"):
// it follows the base URL, so the RSS follow link needs no host. "//"
// (another host) and "/\" (which browsers read as "//") are not paths.
func isSitePath(raw string) bool {
	return strings.HasPrefix(raw, "/") && !strings.HasPrefix(raw, "//") && !strings.HasPrefix(raw, "/\\") &&
		!strings.ContainsAny(raw, " \\\t\n\r")
}

// checkEmail accepts "" or a bare address (no display name).
func checkEmail(label, addr string) error {
	if addr == "" {
		return nil
	}
	a, err := mail.ParseAddress(addr)
	if err != nil || a.Address != addr || a.Name != "" {
		return news.Errorf(news.EINVALID, "%s %q is not an email address such as desk@example.org.", label, addr)
	}
	return nil
}

func (a *Admin) settingsEdit(w http.ResponseWriter, r *http.Request, v *visit) {
	s, err := a.store.Settings(r.Context())
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	a.render(w, r, http.StatusOK, "settings", settingsPage{page: a.managePage(w, r, "Site settings", v),
		Form: s, Follow: followFields(s.Follow), Zones: commonZones})
}

func (a *Admin) settingsUpdate(w http.ResponseWriter, r *http.Request, v *visit) {
	ok, stale := a.readFormKeepingInput(w, r, v)
	if !ok && !stale {
		return
	}
	s, err := parseSettingsForm(r.PostForm)
	if stale {
		err = errStaleForm
	}
	if err == nil {
		err = a.keepOtherFollowLinks(r, &s)
	}
	if err == nil {
		err = a.changeAudited(r.Context(), v, news.AuditEntry{Action: "settings.update", Subject: "site settings", Detail: s.Name},
			func(tx news.Store) error {
				// The translation routing has its own page (translation_settings.go).
				cur, err := tx.Settings(r.Context())
				if err != nil {
					return err
				}
				s.Translation = cur.Translation
				return tx.SaveSettings(r.Context(), s)
			})
	}
	if err != nil {
		a.render(w, r, httperr.Status(err), "settings", settingsPage{page: a.newPage("Site settings", v),
			Form: s, Follow: followFields(s.Follow), Zones: commonZones, Problem: news.ErrorMessage(err)})
		return
	}
	a.redirectWithFlash(w, r, "/admin/settings", "Settings saved.")
}
