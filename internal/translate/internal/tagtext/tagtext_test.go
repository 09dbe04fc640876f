package tagtext

import (
	"strings"
	"testing"
)

func TestEscapeKeepsTags(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a < b & c > d", "a &lt; b &amp; c &gt; d"},
		{"<g1>bold & <x2/> strong</g1>", "<g1>bold &amp; <x2/> strong</g1>"},
		{"<b>not ours</b>", "&lt;b&gt;not ours&lt;/b&gt;"},
		{"<g>no number</g> <x3>", "&lt;g&gt;no number&lt;/g&gt; &lt;x3&gt;"},
		{"&amp; already", "&amp;amp; already"},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUnescapeResolvesReferencesOutsideTags(t *testing.T) {
	tests := []struct{ in, want string }{
		{"l&#39;homme &quot;x&quot;", `l'homme "x"`},
		{"<g1>a &lt; b</g1><x2/>&amp;", "<g1>a < b</g1><x2/>&"},
		{"caf&eacute; &#x263A;", "café ☺"},
	}
	for _, tt := range tests {
		if got := Unescape(tt.in); got != tt.want {
			t.Errorf("Unescape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{"", "a < b", "<g1>x</g1><x2/>", "&lt;g1&gt;", "&amp;&", "<g1<x2/>>", "\xff<g9>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		esc := Escape(s)
		if got := Unescape(esc); got != s {
			t.Fatalf("Unescape(Escape(%q)) = %q", s, got)
		}
		// Outside the tags the escaped text holds no markup characters.
		if rest := placeholder.ReplaceAllString(esc, ""); strings.ContainsAny(rest, "<>") {
			t.Fatalf("Escape(%q) = %q leaves markup outside the tags", s, esc)
		}
	})
}
