package google

import (
	"encoding/json"
	"fmt"
	"github.com/byline-news/byline/internal/translate/internal/enginetest"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	xhtml "golang.org/x/net/html"
)

const testKey = "AIza-secret-key"

// fakeGoogle speaks Cloud Translation Basic's v2 protocol: the key in the
// query string, a JSON body, format=html read as HTML, answers in Google's
// shape with character references for quotes, and errors in Google's JSON
// error format. It "translates" by upper-casing text; into a right-to-left
// language it adds a direction style to the tags, as Google does. Replies
// queued in script are sent first, one per request.
type fakeGoogle struct {
	srv *httptest.Server
	mu  sync.Mutex
	got []request
	enginetest.Script
}

func newFake(t *testing.T) *fakeGoogle {
	t.Helper()
	f := &fakeGoogle{}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeGoogle) then(replies ...http.HandlerFunc) *fakeGoogle {
	f.Then(replies...)
	return f
}

func (f *fakeGoogle) requests() []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]request(nil), f.got...)
}

func (f *fakeGoogle) hitCount() int { return f.Hits() }

func (f *fakeGoogle) client(opts ...Option) *Client {
	base := []Option{WithBaseURL(f.srv.URL), WithSleep(noSleep)}
	return New(testKey, append(base, opts...)...)
}

// googleError writes an error in Google's format.
func googleError(code int, reason, message string, header ...string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		w.WriteHeader(code)
		fmt.Fprintf(w, `{"error":{"code":%d,"message":%q,"errors":[{"message":%q,"domain":"usageLimits","reason":%q}]}}`,
			code, message, message, reason)
	}
}

func status(code int, body string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}

func (f *fakeGoogle) serve(w http.ResponseWriter, r *http.Request) {
	f.Hit()
	if r.Method != http.MethodPost || r.URL.Path != "/language/translate/v2" {
		googleError(http.StatusNotFound, "notFound", "Not Found")(w, r)
		return
	}
	if r.URL.Query().Get("key") != testKey {
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","errors":[{"message":"API key not valid. Please pass a valid API key.","domain":"global","reason":"badRequest"}],"status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}`)
		return
	}
	var req request
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") || json.NewDecoder(r.Body).Decode(&req) != nil {
		googleError(http.StatusBadRequest, "parseError", "Invalid JSON payload received.")(w, r)
		return
	}
	f.mu.Lock()
	f.got = append(f.got, req)
	f.mu.Unlock()
	reply := f.Next()
	if reply != nil {
		reply(w, r)
		return
	}
	if len(req.Q) > maxTexts {
		googleError(http.StatusBadRequest, "invalid", "Too many text segments")(w, r)
		return
	}
	if req.Format != "html" || req.Target == "" {
		googleError(http.StatusBadRequest, "invalid", "Invalid Value")(w, r)
		return
	}
	rtl := req.Target == "iw" || req.Target == "ar"
	var res response
	for _, q := range req.Q {
		res.Data.Translations = append(res.Data.Translations, struct {
			TranslatedText string `json:"translatedText"`
		}{upperHTML(q, rtl)})
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	json.NewEncoder(w).Encode(res)
}

// upperHTML upper-cases the text of an HTML fragment and writes it back
// escaped as Google does ("'" as &#39;).
func upperHTML(s string, rtl bool) string {
	z := xhtml.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return b.String()
		case xhtml.TextToken:
			b.WriteString(html.EscapeString(strings.ToUpper(string(z.Text()))))
		case xhtml.StartTagToken:
			name, _ := z.TagName()
			if rtl {
				fmt.Fprintf(&b, `<%s style=";text-align:right;direction:rtl">`, name)
			} else {
				fmt.Fprintf(&b, "<%s>", name)
			}
		case xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			if rtl {
				fmt.Fprintf(&b, `<%s style="direction:rtl"></%s>`, name, name)
			} else {
				fmt.Fprintf(&b, "<%s/>", name)
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			fmt.Fprintf(&b, "</%s>", name)
		}
	}
}
