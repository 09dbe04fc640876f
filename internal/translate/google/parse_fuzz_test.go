package google

import (
	"regexp"
	"strings"
	"testing"
)

func FuzzParseResponse(f *testing.F) {
	f.Add([]byte(`{"data":{"translations":[{"translatedText":"Hola &#39;<g1>mundo</g1>&#39;"}]}}`), 1)
	f.Add([]byte(`{"data":{"translations":[]}}`), 0)
	f.Add([]byte(`{"error":{"code":403,"message":"Daily Limit Exceeded","errors":[{"reason":"dailyLimitExceeded"}]}}`), 1)
	f.Add([]byte(`{"data":null}`), 2)
	f.Fuzz(func(t *testing.T, data []byte, want int) {
		got, err := parseResponse(data, want)
		if err == nil && len(got) != want {
			t.Fatalf("no error but %d texts for %d wanted", len(got), want)
		}
		if err != nil && got != nil {
			t.Fatalf("error %v with a result", err)
		}
		if msg, _ := parseError(data); msg == "" {
			t.Fatal("parseError gave an empty message")
		}
		for _, s := range got {
			unescapeText(s)
		}
	})
}

// placeholder matches the pipeline's placeholder tags: <g1>, </g1>, <x2/>.
var placeholder = regexp.MustCompile(`</?g[0-9]+>|<x[0-9]+/>`)

func FuzzEscapeRoundTrip(f *testing.F) {
	f.Add("Read <g1>the & story</g1> now<x2/> a < b > c &amp; it's")
	f.Add("</g1><x3/>&lt;")
	f.Fuzz(func(t *testing.T, s string) {
		esc := escapeText(s)
		if strings.Count(esc, "<") != len(placeholder.FindAllString(s, -1)) {
			t.Fatalf("escaped %q to %q: a '<' outside the placeholders survived", s, esc)
		}
		if got := unescapeText(esc); got != s {
			t.Fatalf("round trip of %q gave %q", s, got)
		}
	})
}
