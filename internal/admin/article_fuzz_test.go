package admin_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/testutil"
)

// FuzzArticleForm posts arbitrary bodies to the new-article form and to
// an existing article's, signed in as an editor with a valid token: the
// answer is always a page or a redirect, never a server error, and a
// saved article's HTML is always sanitized.
func FuzzArticleForm(f *testing.F) {
	good := articleValues("", "save").Encode()
	for _, seed := range []string{
		"",
		good,
		good + "&action=publish",
		good + "&action=schedule&schedule_at=2030-01-01T10:00",
		good + "&action=schedule&schedule_at=2030-01-01T10:00:59",
		good + "&action=schedule&schedule_at=9999-99-99T99:99",
		good + "&action=unpublish",
		good + "&action=preview&body=%3Cscript%3Ex%3C%2Fscript%3E",
		good + "&action=delete",
		"title=%00%01&body=\xff\xfe&format=html&slug=%E2%80%AE",
		"title=x&authors=%0A%0A%0A&tags=,,,,",
		"title=x&slug=a--b&language=zz-ZZZZZZZZZ&image_url=%2F%2Fevil.example%2Fx",
		"title=x&source_url=javascript:alert(1)&canonical_url=http://",
		"title=" + strings.Repeat("t", 400),
		"a=1;b=2&&&==&title",
	} {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	s := testutil.NewSQLiteStore(f)
	g := newRig(f, s)
	g.user(f, "ed@news.example", "Ed", news.RoleEditor)
	b := g.browser(f)
	b.mustSignIn("ed@news.example")
	token := b.csrfOf()
	existing := createdID(f, b.post("/admin/articles", articleValues(token, "save")))
	path := "/admin/articles/" + strconv.FormatInt(existing, 10)

	f.Fuzz(func(t *testing.T, body string, update bool) {
		target := "/admin/articles"
		if update {
			target = path
		}
		req := httptest.NewRequest(http.MethodPost, baseURL+target, strings.NewReader(body+"&csrf_token="+url.QueryEscape(token)))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		b.t = t
		res := b.do(req)
		if res.status >= 500 {
			t.Fatalf("status %d for body %q\n%s", res.status, body, res.body)
		}
		if res.status == http.StatusSeeOther {
			id := createdID(t, res)
			a := mustArticle(t, s, id)
			for _, html := range []string{a.BodyHTML, a.NoteBeforeHTML, a.NoteAfterHTML} {
				if strings.Contains(strings.ToLower(html), "<script") {
					t.Errorf("stored unsanitized HTML %q", html)
				}
			}
			return
		}
		if !strings.HasPrefix(res.header.Get("Content-Type"), "text/html") || !strings.Contains(res.body, "</html>") {
			t.Errorf("status %d without a page", res.status)
		}
	})
}
