package render

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSlugify(t *testing.T) {
	long := strings.Repeat("word ", 30) // 150 runes
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"words", "Hello, World!", "hello-world"},
		{"already a slug", "hello-world", "hello-world"},
		{"accents removed", "Crème brûlée à São Paulo", "creme-brulee-a-sao-paulo"},
		{"letters without decomposition", "Straße Łódź Ærø Þór", "strasse-lodz-aero-thor"},
		{"apostrophes join", "Don't stop — it’s fine", "dont-stop-its-fine"},
		{"punctuation and spaces collapse", "  --A  &  B__C--  ", "a-b-c"},
		{"digits kept", "G20 summit 2024", "g20-summit-2024"},
		{"ligatures and full width", "ﬁnal ＡＢＣ ²", "final-abc-2"},
		{"emoji dropped", "🎉 Party time 🎉", "party-time"},
		{"only emoji", "🎉🔥", "article"},
		{"empty", "", "article"},
		{"only punctuation", "!!! ??? ...", "article"},
		{"cyrillic kept lower-cased", "Переговоры в Стамбуле", "переговоры-в-стамбуле"},
		{"cyrillic short i kept", "Йошкар-Ола", "йошкар-ола"},
		{"arabic kept", "مرحبا بالعالم", "مرحبا-بالعالم"},
		{"hebrew kept", "שלום עולם", "שלום-עולם"},
		{"devanagari keeps vowel signs", "हिन्दी भाषा", "हिन्दी-भाषा"},
		{"chinese kept", "中国 新闻", "中国-新闻"},
		{"greek kept", "Αθήνα Νέα", "αθήνα-νέα"},
		{"mixed scripts", "Путин and Erdoğan", "путин-and-erdogan"},
		{"invalid UTF-8", "a\xffb", "a-b"},
		{"long cut at hyphen", long, strings.TrimSuffix(strings.Repeat("word-", 16), "-")},
		{"long word hard cut", strings.Repeat("a", 100), strings.Repeat("a", 80)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Slugify(tt.in)
			if got != tt.want {
				t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > MaxSlugRunes {
				t.Errorf("slug has %d runes", n)
			}
			if again := Slugify(got); again != got {
				t.Errorf("Slugify is not idempotent: %q → %q", got, again)
			}
		})
	}
}
