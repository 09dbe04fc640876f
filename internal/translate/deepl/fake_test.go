package deepl

import (
	"encoding/json"
	"encoding/xml"
	"github.com/byline-news/byline/internal/translate/internal/enginetest"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

const testKey = "0123-secret-key"

// fakeDeepL speaks DeepL's /v2/translate protocol: it checks the auth
// header, reads the JSON body, parses each text as XML (as tag_handling=xml
// does) and "translates" it by upper-casing the character data. Replies
// queued in script are sent first, one per request (nil: answer normally).
type fakeDeepL struct {
	t     *testing.T
	srv   *httptest.Server
	mu    sync.Mutex
	got   []request
	sizes []int
	enginetest.Script
}

func newFake(t *testing.T) *fakeDeepL {
	t.Helper()
	f := &fakeDeepL{t: t}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// then queues replies for the next requests.
func (f *fakeDeepL) then(replies ...http.HandlerFunc) *fakeDeepL {
	f.Then(replies...)
	return f
}

func (f *fakeDeepL) requests() []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]request(nil), f.got...)
}

func (f *fakeDeepL) hitCount() int { return f.Hits() }

func (f *fakeDeepL) client(opts ...Option) *Client {
	base := []Option{WithBaseURL(f.srv.URL), WithSleep(noSleep)}
	return New(testKey, append(base, opts...)...)
}

func (f *fakeDeepL) serve(w http.ResponseWriter, r *http.Request) {
	f.Hit()
	if r.Method != http.MethodPost || r.URL.Path != "/v2/translate" {
		http.Error(w, `{"message":"not found"}`, http.StatusNotFound)
		return
	}
	if r.Header.Get("Authorization") != "DeepL-Auth-Key "+testKey {
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `{"message":"Wrong endpoint. Use https://api.deepl.com"}`)
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"message":"Unsupported content type"}`)
		return
	}
	body, _ := io.ReadAll(r.Body)
	var req request
	if err := json.Unmarshal(body, &req); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"message":"Invalid request: malformed JSON"}`)
		return
	}
	f.mu.Lock()
	f.got = append(f.got, req)
	f.sizes = append(f.sizes, len(body))
	f.mu.Unlock()
	reply := f.Next()
	if reply != nil {
		reply(w, r)
		return
	}
	if len(body) > maxBodyBytes {
		w.WriteHeader(http.StatusRequestEntityTooLarge)
		io.WriteString(w, `{"message":"Request Entity Too Large"}`)
		return
	}
	if len(req.Text) > maxTexts {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"message":"Too many texts"}`)
		return
	}
	var res response
	for _, text := range req.Text {
		out, err := upperXML(text)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"message":"Tag handling parsing failed, please check input."}`)
			return
		}
		res.Translations = append(res.Translations, struct {
			DetectedSourceLanguage string `json:"detected_source_language"`
			Text                   string `json:"text"`
		}{req.SourceLang, out})
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(res)
}

// upperXML parses s as XML content, upper-cases its character data and
// writes it back, elements without content as self-closing tags.
func upperXML(s string) (string, error) {
	d := xml.NewDecoder(strings.NewReader("<root>" + s + "</root>"))
	var toks []xml.Token
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		toks = append(toks, xml.CopyToken(tok))
	}
	var b strings.Builder
	toks = toks[1 : len(toks)-1] // drop <root>, </root>
	for i := 0; i < len(toks); i++ {
		switch tok := toks[i].(type) {
		case xml.StartElement:
			if i+1 < len(toks) {
				if end, ok := toks[i+1].(xml.EndElement); ok && end.Name == tok.Name {
					b.WriteString("<" + tok.Name.Local + "/>")
					i++
					continue
				}
			}
			b.WriteString("<" + tok.Name.Local + ">")
		case xml.EndElement:
			b.WriteString("</" + tok.Name.Local + ">")
		case xml.CharData:
			if err := xml.EscapeText(&b, []byte(strings.ToUpper(string(tok)))); err != nil {
				return "", err
			}
		}
	}
	return b.String(), nil
}

func status(code int, body string, header ...string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}
