package admin_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/testutil"
)

// FuzzLoginForm posts arbitrary bodies to the sign-in form, with and
// without a valid CSRF token: whatever arrives, the answer is a page, never
// a server error, and a sign-in only ever leads inside the admin.
func FuzzLoginForm(f *testing.F) {
	good := url.Values{"email": {"ed@news.example"}, "password": {password}}.Encode()
	for _, seed := range []string{
		"",
		good,
		good + "&next=%2F%2Fevil.example",
		good + "&next=%2Fadmin%2F%3Fpage%3D2",
		"email=ed%40news.example&password=wrong",
		"email=%zz&password=%",
		"email=ed%00%40news.example&password=x",
		"email=\xff\xfe&password=\xff",
		"password=" + strings.Repeat("p", 2000) + "&email=a",
		"csrf_token=forged&email=a&password=b",
		"a=1;b=2&&&==&email",
	} {
		f.Add(seed, true)
		f.Add(seed, false)
	}
	g := newRig(f, testutil.NewSQLiteStore(f))
	g.user(f, "ed@news.example", "Ed", news.RoleEditor)
	var n atomic.Int64

	f.Fuzz(func(t *testing.T, body string, withToken bool) {
		b := g.browser(t)
		// A fresh address each time, so the per-address limit does not
		// turn every later input into a 429.
		i := n.Add(1)
		b.addr = fmt.Sprintf("10.%d.%d.%d:1000", i>>16&255, i>>8&255, i&255)
		token := b.get("/admin/login").csrf(t)
		if withToken {
			body += "&csrf_token=" + url.QueryEscape(token)
		}
		req := httptest.NewRequest(http.MethodPost, baseURL+"/admin/login", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		res := b.do(req)

		if res.status >= 500 {
			t.Fatalf("status %d for body %q\n%s", res.status, body, res.body)
		}
		switch res.status {
		case http.StatusSeeOther:
			loc := res.location()
			if !strings.HasPrefix(loc, "/admin/") || strings.HasPrefix(loc, "//") || strings.Contains(loc, `\`) {
				t.Errorf("signed in and sent to %q", loc)
			}
			if res.cookie("byline_session") == nil {
				t.Error("303 without a session cookie")
			}
		default:
			if !strings.HasPrefix(res.header.Get("Content-Type"), "text/html") || !strings.Contains(res.body, "</html>") {
				t.Errorf("status %d without a page", res.status)
			}
			if res.cookie("byline_session") != nil {
				t.Errorf("status %d set a session cookie", res.status)
			}
		}
	})
}
