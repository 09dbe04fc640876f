package render

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// forbiddenElements must never come out of the sanitizer, whatever went in.
var forbiddenElements = map[string]bool{
	"script": true, "style": true, "iframe": true, "frame": true, "frameset": true,
	"object": true, "embed": true, "applet": true, "form": true, "input": true,
	"button": true, "textarea": true, "select": true, "option": true, "svg": true,
	"math": true, "link": true, "meta": true, "base": true, "template": true,
	"noscript": true, "audio": true, "video": true, "source": true,
}

// urlAttributes hold URLs a browser may follow or load.
var urlAttributes = map[string]bool{
	"href": true, "src": true, "cite": true, "srcset": true, "action": true,
	"formaction": true, "poster": true, "background": true, "data": true,
	"xlink:href": true, "longdesc": true, "usemap": true, "ping": true,
}

// checkSafe parses out as a browser would and fails on any element,
// attribute or URL that could run script or load active content.
func checkSafe(t *testing.T, out string) {
	t.Helper()
	if strings.Contains(strings.ToLower(out), "<script") {
		t.Fatalf("output contains <script: %s", out)
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(out), ctx)
	if err != nil {
		t.Fatalf("output does not parse: %v", err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if forbiddenElements[strings.ToLower(n.Data)] || n.Namespace != "" {
				t.Fatalf("output has a <%s> element (namespace %q): %s", n.Data, n.Namespace, out)
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if a.Namespace != "" {
					key = a.Namespace + ":" + key
				}
				if strings.HasPrefix(key, "on") || key == "style" || key == "formaction" {
					t.Fatalf("output has attribute %s=%q: %s", key, a.Val, out)
				}
				if urlAttributes[key] {
					for _, u := range urlsOf(key, a.Val) {
						if s := scriptScheme(u); s != "" {
							t.Fatalf("output has %s URL in %s=%q: %s", s, key, a.Val, out)
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
}

// urlsOf splits a srcset into its URLs; other attributes hold one.
func urlsOf(key, val string) []string {
	if key != "srcset" {
		return []string{val}
	}
	var urls []string
	for _, cand := range strings.Split(val, ",") {
		if f := strings.Fields(cand); len(f) > 0 {
			urls = append(urls, f[0])
		}
	}
	return urls
}

// scriptScheme returns the dangerous scheme u starts with as a browser
// reads it (ignoring surrounding control characters and spaces, and tabs
// and newlines anywhere), or "".
func scriptScheme(u string) string {
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	u = strings.ToLower(strings.TrimFunc(u, func(r rune) bool { return r <= ' ' }))
	for _, s := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(u, s) {
			return s
		}
	}
	return ""
}

var fuzzSeeds = []string{
	"# Title\n\nText *em* **strong** [link](https://example.com) ![img](a.jpg)",
	"<script>alert(1)</script>",
	"<img src=x onerror=alert(1)>",
	"[x](javascript:alert(1))",
	`<a href="JaVaScRiPt:alert(1)">x</a>`,
	`<a href="&#106;avascript:alert(1)">x</a>`,
	"<svg onload=alert(1)>",
	"<iframe src=//evil.example></iframe>",
	`<p style="x:expression(alert(1))">a</p>`,
	"| a |\n|---|\n| <b onclick=x>b</b> |",
	"Text[^1]\n\n[^1]: <a href=\"javascript:x\">n</a>",
	"<img srcset=\"javascript:alert(1) 1x\">",
	"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
	"<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
	"[a](<javascript:alert(1)>)",
	"<a href=\"java\nscript:alert(1)\">x</a>",
	"- [x] <input type=text>",
	"```\n<script>\n```",
}

func FuzzMarkdown(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	r := New()
	f.Fuzz(func(t *testing.T, src string) {
		out, err := r.Markdown(src)
		if err != nil {
			t.Fatalf("Markdown: %v", err)
		}
		if !utf8.ValidString(out) {
			t.Fatalf("output is not valid UTF-8: %q", out)
		}
		checkSafe(t, out)
		// What is already sanitized stays as it is.
		if again := r.Sanitize(out); again != out {
			t.Fatalf("sanitizing the output changed it:\n%s\n%s", out, again)
		}
	})
}

func FuzzSanitize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	r := New()
	f.Fuzz(func(t *testing.T, src string) {
		out := r.Sanitize(src)
		if !utf8.ValidString(out) {
			t.Fatalf("output is not valid UTF-8: %q", out)
		}
		checkSafe(t, out)
	})
}

func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"Hello, World", "Crème brûlée", "Привет мир", "مرحبا", "हिन्दी", "🎉", "", "a--b", "ǅ ǈ ǋ", "ﬁ Ⅻ ½"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		slug := Slugify(s)
		if slug == "" {
			t.Fatal("empty slug")
		}
		if n := utf8.RuneCountInString(slug); n > MaxSlugRunes {
			t.Fatalf("slug %q has %d runes", slug, n)
		}
		if strings.HasPrefix(slug, "-") || strings.HasSuffix(slug, "-") || strings.Contains(slug, "--") {
			t.Fatalf("slug %q has stray hyphens", slug)
		}
		if strings.ContainsAny(slug, " /?#%&\\\"'<>") || strings.ToLower(slug) != slug {
			t.Fatalf("slug %q is not URL-safe lower case", slug)
		}
		if again := Slugify(slug); again != slug {
			t.Fatalf("Slugify(%q) = %q, not idempotent on %q", slug, again, s)
		}
	})
}
