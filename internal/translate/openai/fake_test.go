package openai

import (
	"encoding/json"
	"fmt"
	"github.com/byline-news/byline/internal/translate/internal/enginetest"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
)

const testKey = "sk-secret-key"

var tagRE = regexp.MustCompile(`</?g[0-9]+>|<x[0-9]+/>`)

// fakeChat speaks the chat-completions protocol: POST /v1/chat/completions
// with a bearer key (when it has one), a JSON body, and answers in OpenAI's
// shape or its error format. It "translates" the JSON array in the user
// message by upper-casing the text between placeholder tags. Replies
// queued in script are sent first, one per request.
type fakeChat struct {
	srv  *httptest.Server
	key  string
	mu   sync.Mutex
	auth []string // Authorization header of every request
	got  []chatRequest
	raw  []string
	enginetest.Script
}

func newFake(t *testing.T, key string) *fakeChat {
	t.Helper()
	f := &fakeChat{key: key}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeChat) then(replies ...http.HandlerFunc) *fakeChat {
	f.Then(replies...)
	return f
}

func (f *fakeChat) requests() []chatRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]chatRequest(nil), f.got...)
}

func (f *fakeChat) hitCount() int { return f.Hits() }

func (f *fakeChat) client(opts ...Option) *Client {
	base := []Option{WithSleep(noSleep)}
	return New(f.srv.URL, f.key, "test-model", append(base, opts...)...)
}

func apiErr(code int, errCode, message string, header ...string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		fmt.Fprintf(w, `{"error":{"message":%q,"type":%q,"param":null,"code":%q}}`, message, errCode, errCode)
	}
}

// answer replies 200 with content as the first choice's message.
func answer(content string) func(http.ResponseWriter, *http.Request) {
	return answerFinish(content, "stop")
}

func answerFinish(content, finish string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"id":     "chatcmpl-1",
			"object": "chat.completion",
			"choices": []map[string]any{{
				"index":         0,
				"message":       map[string]any{"role": "assistant", "content": content},
				"finish_reason": finish,
			}},
		})
	}
}

func (f *fakeChat) serve(w http.ResponseWriter, r *http.Request) {
	f.Hit()
	f.mu.Lock()
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	f.mu.Unlock()
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		apiErr(http.StatusNotFound, "not_found", "Unknown request URL")(w, r)
		return
	}
	if f.key != "" && r.Header.Get("Authorization") != "Bearer "+f.key {
		apiErr(http.StatusUnauthorized, "invalid_api_key", "Incorrect API key provided.")(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	var req chatRequest
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") || json.Unmarshal(body, &req) != nil {
		apiErr(http.StatusBadRequest, "invalid_request_error", "We could not parse the JSON body of your request.")(w, r)
		return
	}
	f.mu.Lock()
	f.got = append(f.got, req)
	f.raw = append(f.raw, string(body))
	f.mu.Unlock()
	reply := f.Next()
	if reply != nil {
		reply(w, r)
		return
	}
	if len(req.Messages) != 2 || req.Messages[0].Role != "system" || req.Messages[1].Role != "user" {
		apiErr(http.StatusBadRequest, "invalid_request_error", "want a system and a user message")(w, r)
		return
	}
	var texts []string
	if err := json.Unmarshal([]byte(req.Messages[1].Content), &texts); err != nil {
		answer("Sorry, I cannot read that.")(w, r)
		return
	}
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = upperOutsideTags(t)
	}
	content, _ := json.Marshal(map[string][]string{"translations": out})
	answer(string(content))(w, r)
}

func upperOutsideTags(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range tagRE.FindAllStringIndex(s, -1) {
		b.WriteString(strings.ToUpper(s[last:m[0]]))
		b.WriteString(s[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(strings.ToUpper(s[last:]))
	return b.String()
}
