package urls

import "testing"

func TestBuilderAndLocalize(t *testing.T) {
	b, err := New("https://news.example/sub/", "en")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, got, want string }{
		{"abs", b.Abs(Article("a b")), "https://news.example/sub/articles/a%20b"},
		{"abs keeps absolute", b.Abs("https://x.example/y"), "https://x.example/y"},
		{"source language unprefixed", b.Localize("en", "/tags/x"), "/tags/x"},
		{"translation prefixed", b.Localize("fr", "/tags/x"), "/fr/tags/x"},
		{"translated home", b.Localize("ar", "/"), "/ar/"},
		{"month", Month(2026, 3), "/archive/2026/03"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestNewRejectsRelativeBase(t *testing.T) {
	for _, bad := range []string{"", "news.example", "ftp://news.example", "/x"} {
		if _, err := New(bad, "en"); err == nil {
			t.Errorf("New(%q) accepted", bad)
		}
	}
}

func TestUnlocalize(t *testing.T) {
	isLang := func(s string) bool { return s == "fr" || s == "zh-Hans" }
	tests := []struct{ in, lang, rest string }{
		{"/fr/articles/x", "fr", "/articles/x"},
		{"/fr", "fr", "/"},
		{"/fr/", "fr", "/"},
		{"/zh-Hans/tags/a", "zh-Hans", "/tags/a"},
		{"/articles/fr", "", "/articles/fr"},
		{"/", "", "/"},
		{"/de/x", "", "/de/x"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			lang, rest := Unlocalize(tt.in, isLang)
			if lang != tt.lang || rest != tt.rest {
				t.Errorf("Unlocalize(%q) = %q, %q; want %q, %q", tt.in, lang, rest, tt.lang, tt.rest)
			}
		})
	}
}
