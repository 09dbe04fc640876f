package admin_test

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// regexpAll returns the first group of every match of pattern in s.
func regexpAll(pattern, s string) []string {
	var out []string
	for _, m := range regexp.MustCompile(pattern).FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestAuditRecordsSignInsAndSignOuts(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.staff(t)
		b := g.browser(t)
		b.signIn("Owner@news.example", "wrong password!")
		b.mustSignIn("owner@news.example")
		b.post("/admin/logout", url.Values{"csrf_token": {b.token()}})
		list, total, err := s.AuditEntries(t.Context(), news.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for i := len(list) - 1; i >= 0; i-- {
			e := list[i]
			got = append(got, fmt.Sprintf("%s %s %t %s", e.Action, e.UserEmail, e.UserID != 0, e.Detail))
		}
		want := []string{
			"login.failure owner@news.example false from 192.0.2.10",
			"login.success owner@news.example true from 192.0.2.10",
			"logout owner@news.example true from 192.0.2.10",
		}
		if total != 3 || strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("audit (%d):\n%s\nwant\n%s", total, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

func TestAuditPageListsNewestFirstByPage(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.staff(t)
		start := g.clock.Now().Add(-200 * time.Minute)
		for i := range 60 {
			e := news.AuditEntry{At: start.Add(time.Duration(i) * time.Minute), UserEmail: "x@news.example",
				Action: "test.action", Subject: fmt.Sprintf("thing %02d", i)}
			if err := s.RecordAudit(t.Context(), &e); err != nil {
				t.Fatal(err)
			}
		}
		b := g.as(t, news.RoleAdministrator) // adds login.success, the newest
		first := b.get("/admin/audit")
		subjects := regexpAll(`<td>test\.action</td>\n<td>(thing \d+)</td>`, first.body)
		if len(subjects) != 49 || subjects[0] != "thing 59" || subjects[48] != "thing 11" {
			t.Fatalf("page 1 lists %d: %v", len(subjects), subjects)
		}
		mustHave(t, first, "61 entries", `href="/admin/audit?page=2"`, "login.success")
		second := b.get("/admin/audit?page=2")
		subjects = regexpAll(`<td>test\.action</td>\n<td>(thing \d+)</td>`, second.body)
		if len(subjects) != 11 || subjects[0] != "thing 10" || subjects[10] != "thing 00" {
			t.Errorf("page 2 lists %v", subjects)
		}
		mustHave(t, second, `href="/admin/audit?page=1"`)
	})
}
