package admin_test

import (
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"testing"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// settingsForm is a complete, valid settings form.
func settingsForm() url.Values {
	return url.Values{
		"name": {"The Ledger"}, "tagline": {"News that counts"}, "logo_url": {"https://cdn.example/logo.png"},
		"time_zone": {"Europe/Paris"}, "disclaimer": {"Our *views*."}, "fair_use": {"Fair use."},
		"note_before": {"Before."}, "note_after": {"After."}, "licence": {"Ask first."},
		"follow_mastodon": {"https://social.example/@ledger"}, "follow_rss": {"https://ledger.example/feed"},
		"contact_email": {"desk@ledger.example"}, "media_email": {"press@ledger.example"},
		"permissions_email": {"rights@ledger.example"},
	}
}

func TestSettingsSaveEveryField(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.staff(t)
		b := g.as(t, news.RoleAdministrator)
		// A link the form has no field for, set by the API, survives.
		old := news.DefaultSettings()
		old.Follow = []news.Link{{Network: "x", URL: "https://x.example/old"}, {Network: "threads", URL: "https://threads.example/l"}}
		if err := s.SaveSettings(t.Context(), old); err != nil {
			t.Fatal(err)
		}
		page := b.follow(b.submit("/admin/settings", settingsForm()))
		mustHave(t, page, "Settings saved.", `value="The Ledger"`, `value="https://social.example/@ledger"`)
		got, err := s.Settings(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		want := news.Settings{
			Name: "The Ledger", Tagline: "News that counts", LogoURL: "https://cdn.example/logo.png",
			TimeZone: "Europe/Paris", Disclaimer: "Our *views*.", FairUse: "Fair use.", NoteBefore: "Before.",
			NoteAfter: "After.", Licence: "Ask first.",
			Follow: []news.Link{{Network: "mastodon", URL: "https://social.example/@ledger"},
				{Network: "rss", URL: "https://ledger.example/feed"},
				{Network: "threads", URL: "https://threads.example/l"}},
			ContactEmail: "desk@ledger.example", MediaEmail: "press@ledger.example",
			PermissionsEmail: "rights@ledger.example",
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("settings = %+v\nwant       %+v", got, want)
		}
		if a := auditActions(t, s); !slices.Equal(a, []string{"settings.update"}) {
			t.Errorf("audit = %v", a)
		}
	})
}

func TestSettingsRefuseBadInputAndKeepIt(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.staff(t)
		b := g.as(t, news.RoleOwner)
		before, err := s.Settings(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct{ name, field, value, message string }{
			{"unknown time zone", "time_zone", "Mars/Olympus", "&#34;Mars/Olympus&#34; is not a time zone"},
			{"time zone as a path", "time_zone", "../../etc/passwd", "is not a time zone"},
			{"local time zone", "time_zone", "Local", "is not a time zone"},
			{"empty time zone", "time_zone", "", "Choose a time zone"},
			{"contact not an address", "contact_email", "desk at ledger", "The contact address &#34;desk at ledger&#34; is not an email address"},
			{"media with a display name", "media_email", "Desk <desk@ledger.example>", "The media address"},
			{"permissions not an address", "permissions_email", "@@", "The permissions address"},
			{"javascript logo", "logo_url", "javascript:alert(1)", "The logo address must be a full web address"},
			{"javascript follow link", "follow_x", "javascript:alert(1)", "The x link must be a full web address"},
			{"follow link to another host", "follow_rss", "//evil.example/feed", "The rss link must be a full web address"},
			{"follow link with a backslash", "follow_rss", "/\\evil.example/feed", "The rss link must be a full web address"},
			{"no name", "name", "", "Enter the site&#39;s name."},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				res := b.submit("/admin/settings", with(settingsForm(), tc.field, tc.value))
				if res.status != http.StatusBadRequest {
					t.Errorf("status %d, want 400", res.status)
				}
				mustHave(t, res, tc.message, `value="News that counts"`, "Our *views*.")
				after, err := s.Settings(t.Context())
				if err != nil || after.Name != before.Name {
					t.Errorf("a refused form saved settings: %+v, %v", after, err)
				}
			})
		}
	})
}

// TestSettingsKeepASitePathFollowLink: the demo's RSS follow link is
// "/feed.xml", a page of this site; saving the form keeps it.
func TestSettingsKeepASitePathFollowLink(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.staff(t)
		b := g.as(t, news.RoleAdministrator)
		page := b.follow(b.submit("/admin/settings", with(settingsForm(), "follow_rss", "/feed.xml")))
		mustHave(t, page, "Settings saved.", `value="/feed.xml"`)
		got, err := s.Settings(t.Context())
		if err != nil || !slices.Contains(got.Follow, news.Link{Network: "rss", URL: "/feed.xml"}) {
			t.Fatalf("follow links = %+v (%v), want rss /feed.xml", got.Follow, err)
		}
	})
}

// TestStaleTokenKeepsLongForms: the settings and author forms posted with
// an expired token come back with the input kept; nothing is saved.
func TestStaleTokenKeepsLongForms(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.staff(t)
		b := g.as(t, news.RoleAdministrator)
		stale := func(form url.Values) url.Values {
			form.Set("csrf_token", "expired-token")
			return form
		}
		t.Run("settings", func(t *testing.T) {
			res := b.post("/admin/settings", stale(with(settingsForm(), "licence", "A licence typed at length.")))
			if res.status != http.StatusForbidden {
				t.Fatalf("status %d, want 403", res.status)
			}
			mustHave(t, res, "security token had expired", "A licence typed at length.", b.token())
			if got, _ := s.Settings(t.Context()); got.Licence == "A licence typed at length." {
				t.Error("a stale form saved the settings")
			}
		})
		t.Run("new author", func(t *testing.T) {
			res := b.post("/admin/authors/new", stale(url.Values{"name": {"Typed Name"}, "kind": {"person"}, "bio": {"A bio typed at length."}}))
			if res.status != http.StatusForbidden {
				t.Fatalf("status %d, want 403", res.status)
			}
			mustHave(t, res, "security token had expired", "Typed Name", "A bio typed at length.")
			if _, n, _ := s.FindAuthors(t.Context(), news.AuthorFilter{}); n != 0 {
				t.Errorf("a stale form created %d authors", n)
			}
		})
	})
}
