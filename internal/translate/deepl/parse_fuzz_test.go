package deepl

import (
	"regexp"
	"strings"
	"testing"
)

func FuzzParseResponse(f *testing.F) {
	f.Add([]byte(`{"translations":[{"detected_source_language":"EN","text":"Hola <g1>mundo</g1>"}]}`), 1)
	f.Add([]byte(`{"translations":[]}`), 0)
	f.Add([]byte(`{"translations":null}`), 2)
	f.Add([]byte(`[`), 1)
	f.Fuzz(func(t *testing.T, data []byte, want int) {
		got, err := parseResponse(data, want)
		if err == nil && len(got) != want {
			t.Fatalf("no error but %d texts for %d wanted", len(got), want)
		}
		if err != nil && got != nil {
			t.Fatalf("error %v with a result", err)
		}
		_ = errorMessage(data)
	})
}

// placeholder matches the pipeline's placeholder tags: <g1>, </g1>, <x2/>.
var placeholder = regexp.MustCompile(`</?g[0-9]+>|<x[0-9]+/>`)

func FuzzEscapeRoundTrip(f *testing.F) {
	f.Add("Read <g1>the & story</g1> now<x2/> a < b > c &amp;")
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
