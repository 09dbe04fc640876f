package translate

import (
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/news"
)

// mangle is a fake engine: it translates word by word and lowercases
// the rest, as engines do to names they do not know, and keeps tags.
func mangle(text string) string {
	words := strings.NewReplacer("Times", "Tiempos", "New", "Nueva", "York", "Nueva York", "Rose", "Rosa", "Daily", "Diario")
	toks, err := scan(text)
	if err != nil {
		return text
	}
	var b strings.Builder
	for _, t := range toks {
		if t.kind == tokText {
			b.WriteString(strings.ToLower(words.Replace(t.raw)))
		} else {
			b.WriteString(t.raw)
		}
	}
	return b.String()
}

func TestGlossaryProtect(t *testing.T) {
	g := NewGlossary([]news.GlossaryTerm{
		{Term: "New York"},
		{Term: "The New  York Times"},
		{Term: "Rose Daily"},
		{Term: "AT&T"},
		{Term: "Reuters", Fixed: map[string]string{"ru": "Рейтер"}},
		{Term: "  "},
	})
	tests := []struct {
		name, text, dst, want string
	}{
		{
			name: "longest term wins, names survive the engine",
			text: "Rose Daily told The New York Times in <g1>New York</g1>.",
			dst:  "es",
			want: "Rose Daily told The New York Times in <g1>New York</g1>.",
		},
		{
			name: "whole words only, case-sensitive",
			text: "Renew Yorkshire and new york, but New York.",
			dst:  "es",
			want: "renew nueva yorkshire and new york, but New York.",
		},
		{
			name: "fixed translation for the language",
			text: "Reuters reported; Reutersville did not.",
			dst:  "ru",
			want: "Рейтер reported; reutersville did not.",
		},
		{
			name: "term as written in other languages",
			text: "Reuters reported.",
			dst:  "fr",
			want: "Reuters reported.",
		},
		{
			name: "escaped term, placeholders numbered above the text's own",
			text: "<g1>AT&amp;T</g1> and<x2/> AT&amp;T",
			dst:  "de",
			want: "<g1>AT&amp;T</g1> and<x2/> AT&amp;T",
		},
		{
			name: "Unicode word boundaries",
			text: "ÉNew York and New Yorké and (New York)",
			dst:  "es",
			want: "énueva nueva york and nueva nueva yorké and (New York)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			protected, restore := g.Protect(tt.text, tt.dst)
			if err := CheckPlaceholders(protected, protected); err != nil {
				t.Fatalf("protected text %q does not check: %v", protected, err)
			}
			if strings.Contains(protected, "<x1/>") && strings.Contains(tt.text, "<g1>") {
				t.Fatalf("glossary reused number 1: %q", protected)
			}
			got, err := restore(mangle(protected))
			if err != nil {
				t.Fatalf("restore: %v (protected %q)", err, protected)
			}
			if got != tt.want {
				t.Errorf("got  %q\nwant %q (protected %q)", got, tt.want, protected)
			}
		})
	}
}

func TestGlossaryRestoreErrors(t *testing.T) {
	g := NewGlossary([]news.GlossaryTerm{{Term: "Reuters"}})
	protected, restore := g.Protect("Reuters said <g1>so</g1>", "de")
	if protected != "<x2/> said <g1>so</g1>" {
		t.Fatalf("protected = %q", protected)
	}
	for tr, want := range map[string]string{
		"sagte <g1>so</g1>":              "missing",
		"<x2/> sagte <x2/> <g1>so</g1>":  "appears 2 times",
		"<x2/> sagte <g1>so</g1> & oops": "entity",
	} {
		if _, err := restore(tr); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("restore(%q) = %v, want an error with %q", tr, err, want)
		}
	}
}

func TestGlossaryEmpty(t *testing.T) {
	for _, g := range []*Glossary{nil, NewGlossary(nil), NewGlossary([]news.GlossaryTerm{{Term: "Zed"}})} {
		protected, restore := g.Protect("nothing <g1>here</g1>", "de")
		if protected != "nothing <g1>here</g1>" {
			t.Errorf("Protect changed text without terms: %q", protected)
		}
		if got, err := restore("nichts <g1>hier</g1>"); err != nil || got != "nichts <g1>hier</g1>" {
			t.Errorf("restore = %q, %v", got, err)
		}
	}
}
