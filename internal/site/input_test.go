package site

import (
	"encoding/base64"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/byline-news/byline/internal/i18n"
)

func TestSafeURL(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"https", "https://example.org/a?b=c", "https://example.org/a?b=c"},
		{"http with spaces around", "  http://example.org/  ", "http://example.org/"},
		{"site path", "/media/a.jpg", "/media/a.jpg"},
		{"javascript", "javascript:alert(1)", ""},
		{"javascript mixed case", "JaVaScRiPt:alert(1)", ""},
		{"javascript with leading space", " javascript:alert(1)", ""},
		{"data", "data:text/html,<script>alert(1)</script>", ""},
		{"vbscript", "vbscript:msgbox", ""},
		{"protocol relative", "//evil.example/x", ""},
		{"backslash host", "/\\evil.example/x", ""},
		{"relative without slash", "media/a.jpg", ""},
		{"scheme without host", "https:///path", ""},
		{"mailto", "mailto:a@b.example", ""},
		{"empty", "", ""},
		{"control character", "https://example.org/\x00", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := safeURL(tt.in); got != tt.want {
				t.Errorf("safeURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzSafeURL(f *testing.F) {
	for _, s := range []string{"https://a.example/", "/x", "javascript:alert(1)", "//x", "/\\x", " HTTP://A.EXAMPLE ", "data:,x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := safeURL(in)
		if got == "" {
			return
		}
		if strings.HasPrefix(got, "/") {
			if strings.HasPrefix(got, "//") || strings.HasPrefix(got, "/\\") {
				t.Fatalf("safeURL(%q) = %q leaves the site", in, got)
			}
			return
		}
		u, err := url.Parse(got)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			t.Fatalf("safeURL(%q) = %q is not an http(s) URL", in, got)
		}
	})
}

func TestPageNumber(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"", 1, true}, {"1", 1, true}, {"2", 2, true}, {"99999", 99999, true}, {"007", 7, true},
		{"0", 0, false}, {"-1", 0, false}, {"+2", 0, false}, {"2.0", 0, false}, {"two", 0, false},
		{"100000", 0, false}, {" 2", 0, false}, {"9999999999999999999999", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := pageNumber(url.Values{"page": {tt.in}})
			if got != tt.want || ok != tt.ok {
				t.Errorf("pageNumber(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func FuzzPageNumber(f *testing.F) {
	for _, s := range []string{"", "1", "0", "-1", "99999", "1e3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		n, ok := pageNumber(url.Values{"page": {in}})
		if ok != (n >= 1 && n <= 99999) {
			t.Fatalf("pageNumber(%q) = %d, %v", in, n, ok)
		}
		if ok && in != "" && strings.TrimLeft(in, "0") != strconv.Itoa(n) {
			t.Fatalf("pageNumber(%q) = %d does not spell the input", in, n)
		}
	})
}

func TestParseMonth(t *testing.T) {
	tests := []struct {
		y, m        string
		year, month int
		ok          bool
	}{
		{"2026", "03", 2026, 3, true},
		{"2026", "12", 2026, 12, true},
		{"2026", "3", 0, 0, false},
		{"2026", "13", 0, 0, false},
		{"2026", "00", 0, 0, false},
		{"0000", "01", 0, 0, false},
		{"26", "01", 0, 0, false},
		{"20a6", "01", 0, 0, false},
		{"+026", "01", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.y+"/"+tt.m, func(t *testing.T) {
			y, m, ok := parseMonth(tt.y, tt.m)
			if y != tt.year || m != tt.month || ok != tt.ok {
				t.Errorf("parseMonth = %d, %d, %v", y, m, ok)
			}
		})
	}
}

func FuzzParseMonth(f *testing.F) {
	f.Add("2026", "03")
	f.Add("-001", "1x")
	f.Fuzz(func(t *testing.T, ys, ms string) {
		y, m, ok := parseMonth(ys, ms)
		if !ok {
			return
		}
		if y < 1 || y > 9999 || m < 1 || m > 12 {
			t.Fatalf("parseMonth(%q, %q) = %d, %d accepted", ys, ms, y, m)
		}
	})
}

func TestSearchQuery(t *testing.T) {
	long := strings.Repeat("é", maxQueryRunes+10)
	tests := []struct{ name, in, want string }{
		{"trimmed", "  peace talks \n", "peace talks"},
		{"invalid UTF-8 replaced", "a\xffb", "a\uFFFDb"},
		{"cut to the limit", long, strings.Repeat("é", maxQueryRunes)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := searchQuery(tt.in); got != tt.want {
				t.Errorf("searchQuery = %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzSearchQuery(f *testing.F) {
	f.Add("peace")
	f.Add(" \xff\xfe ")
	f.Fuzz(func(t *testing.T, in string) {
		got := searchQuery(in)
		if !utf8.ValidString(got) || utf8.RuneCountInString(got) > maxQueryRunes || got != strings.TrimSpace(got) {
			t.Fatalf("searchQuery(%q) = %q", in, got)
		}
	})
}

func TestProtectEmailRoundTrips(t *testing.T) {
	for _, addr := range []string{"press@bugle.example", "rédaction@journal.example", "a+b@c.example"} {
		t.Run(addr, func(t *testing.T) {
			p := protectEmail(addr, "/contact", "fallback")
			if strings.Contains(p.Encoded, "@") || strings.Contains(p.Encoded, addr) {
				t.Errorf("encoded %q shows the address", p.Encoded)
			}
			raw, err := base64.StdEncoding.DecodeString(p.Encoded)
			if err != nil {
				t.Fatal(err)
			}
			r := []rune(string(raw))
			slices.Reverse(r)
			if string(r) != addr {
				t.Errorf("decodes to %q", string(r))
			}
		})
	}
	if !protectEmail(" ", "/contact", "x").IsZero() {
		t.Error("an empty address gives a link")
	}
}

func TestValidMediaPath(t *testing.T) {
	for _, ok := range []string{"a.jpg", "2026/03/a.jpg", "x-y_z.webp"} {
		if !validMediaPath(ok) {
			t.Errorf("%q refused", ok)
		}
	}
	for _, bad := range []string{"", "..", "../a", "a/../../b", ".env", "a/.git/config", "a//b", "a/", "a\\b", "a\x00b", "/etc/passwd"} {
		if validMediaPath(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
}

func FuzzValidMediaPath(f *testing.F) {
	f.Add("a/b.jpg")
	f.Add("../x")
	f.Fuzz(func(t *testing.T, name string) {
		if !validMediaPath(name) {
			return
		}
		for _, seg := range strings.Split(name, "/") {
			if seg == "" || seg == "." || seg == ".." || strings.HasPrefix(seg, ".") {
				t.Fatalf("validMediaPath(%q) accepted segment %q", name, seg)
			}
		}
		if strings.ContainsAny(name, "\\\x00") {
			t.Fatalf("validMediaPath(%q) accepted", name)
		}
	})
}

func TestCreditLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Mil.ru", "Photo: Mil.ru"},
		{"AP Photo/Jane Roe", "Photo: AP Photo/Jane Roe"},
		{"Photo: Reuters", "Photo: Reuters"},
		{"Illustration: The Ledger", "Illustration: The Ledger"},
		{"Image courtesy of: NASA", "Image courtesy of: NASA"},
		{"  ", ""},
		{"10:30 feed", "Photo: 10:30 feed"},
		{"写真：The Meridian Ledger", "写真：The Meridian Ledger"},
		{"Illustration : The Ledger", "Illustration : The Ledger"},
		{"चित्रण: The Ledger", "चित्रण: The Ledger"},
	}
	for _, tt := range tests {
		if got := creditLine(tt.in); got != tt.want {
			t.Errorf("creditLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestJoinNamesAndParagraphs(t *testing.T) {
	tests := []struct {
		names []string
		want  string
	}{
		{nil, ""},
		{[]string{"A"}, "A"},
		{[]string{"A", "B"}, "A and B"},
		{[]string{"A", "B", "C"}, "A, B and C"},
	}
	for _, tt := range tests {
		if got := joinNames(tt.names); got != tt.want {
			t.Errorf("joinNames(%q) = %q, want %q", tt.names, got, tt.want)
		}
	}
	got := paragraphs("One\nline.\r\n\r\nTwo.\n\n\n   \n\nThree.")
	if strings.Join(got, "|") != "One line.|Two.|Three." {
		t.Errorf("paragraphs = %q", got)
	}
}

func TestShareLinksEncodeTitleAndURL(t *testing.T) {
	links := shareLinks(i18n.Builtin().Localizer("en"), "https://bugle.example/articles/a?b=1", "Peace & war: “now”")
	if len(links) != 8 {
		t.Fatalf("%d links", len(links))
	}
	for _, l := range links {
		u, err := url.Parse(l.URL)
		if err != nil {
			t.Fatalf("%s: %v", l.Network, err)
		}
		q := u.Query()
		if l.Network == "email" {
			// mailto: keeps its query in the opaque part.
			q, err = url.ParseQuery(strings.TrimPrefix(u.Opaque, "?") + u.RawQuery)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(l.URL, "+") {
				t.Errorf("mailto link uses + for spaces: %q", l.URL)
			}
		}
		var values []string
		for _, v := range q {
			values = append(values, v...)
		}
		all := strings.Join(values, " ")
		if !strings.Contains(all, "https://bugle.example/articles/a?b=1") {
			t.Errorf("%s: URL not carried intact: %q", l.Network, l.URL)
		}
		if l.Network != "facebook" && l.Network != "linkedin" && !strings.Contains(all, "Peace & war: “now”") {
			t.Errorf("%s: title not carried intact: %q", l.Network, l.URL)
		}
	}
}
