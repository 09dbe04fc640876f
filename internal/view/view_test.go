package view

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestEveryPageKindRendersValidAccessibleMarkup renders each page kind's
// sample and checks the rules every page must keep: one h1, unique ids,
// labelled inputs, alt text, landmarks, and nothing the site's strict
// Content-Security-Policy would block.
func TestEveryPageKindRendersValidAccessibleMarkup(t *testing.T) {
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range pageKinds {
		t.Run(kind, func(t *testing.T) {
			var buf bytes.Buffer
			if err := v.Render(&buf, kind, samplePage(kind)); err != nil {
				t.Fatal(err)
			}
			src := buf.String()
			if !strings.HasPrefix(src, "<!doctype html>") {
				t.Error("no doctype")
			}
			doc, err := html.Parse(strings.NewReader(src))
			if err != nil {
				t.Fatal(err)
			}
			var (
				h1s    int
				ids    = map[string]int{}
				labels = map[string]bool{}
				inputs []string
				tags   = map[string]int{}
			)
			walk(doc, func(n *html.Node) {
				tags[n.Data]++
				if n.Data == "h1" {
					h1s++
				}
				for _, a := range n.Attr {
					switch {
					case a.Key == "id":
						ids[a.Val]++
					case a.Key == "style":
						t.Errorf("<%s style=...>: inline styles break the CSP", n.Data)
					case strings.HasPrefix(a.Key, "on"):
						t.Errorf("<%s %s=...>: inline handlers break the CSP", n.Data, a.Key)
					case (a.Key == "href" || a.Key == "src") && strings.HasPrefix(strings.ToLower(a.Val), "javascript:"):
						t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
					}
				}
				switch n.Data {
				case "label":
					labels[attrVal(n, "for")] = true
				case "input", "textarea", "select":
					inputs = append(inputs, attrVal(n, "id"))
				case "img":
					if _, ok := attrOf(n, "alt"); !ok {
						t.Errorf("<img src=%q> has no alt", attrVal(n, "src"))
					}
				case "style":
					t.Error("a <style> element breaks the CSP")
				case "script":
					// JSON-LD is data, which the CSP does not govern.
					if attrVal(n, "src") == "" && attrVal(n, "type") != "application/ld+json" {
						t.Error("an inline <script> breaks the CSP")
					}
				}
			})
			if h1s != 1 {
				t.Errorf("%d h1 elements, want 1", h1s)
			}
			for id, n := range ids {
				if n > 1 {
					t.Errorf("id %q used %d times", id, n)
				}
			}
			for _, id := range inputs {
				if id == "" || !labels[id] {
					t.Errorf("input %q has no label", id)
				}
			}
			for _, landmark := range []string{"header", "nav", "main", "footer"} {
				if tags[landmark] == 0 {
					t.Errorf("no <%s> landmark", landmark)
				}
			}
			if tags["main"] != 1 {
				t.Errorf("%d <main> elements", tags["main"])
			}
		})
	}
}

func TestStructuredDataIsEncodedAsJSON(t *testing.T) {
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := v.Render(&buf, PageArticle, samplePage(PageArticle)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	start := strings.Index(out, `<script type="application/ld+json">`)
	if start < 0 {
		t.Fatal("no JSON-LD block")
	}
	block := out[start+len(`<script type="application/ld+json">`):]
	block = block[:strings.Index(block, "</script>")]
	var data map[string]any
	if err := json.Unmarshal([]byte(block), &data); err != nil {
		t.Fatalf("JSON-LD %q: %v", block, err)
	}
	if data["headline"] != "</script><script>alert(1)</script>" || data["@type"] != "NewsArticle" {
		t.Errorf("decoded %v", data)
	}
}

func TestRenderRejectsMissingContent(t *testing.T) {
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	p := samplePage(PageHome)
	p.Home = nil
	if err := v.Render(&bytes.Buffer{}, PageArticle, p); err == nil {
		t.Error("rendering an article page without an article succeeded")
	}
	if err := v.Render(&bytes.Buffer{}, "nope", samplePage(PageHome)); err == nil {
		t.Error("rendering an unknown page kind succeeded")
	}
}

func TestTemplatesEscapePageData(t *testing.T) {
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	p := samplePage(PageArticle)
	const evil = `<script>alert(1)</script>`
	p.Title = evil
	p.Article.Title = evil
	p.Article.Image.Caption = evil
	p.Article.Source.URL = "javascript:alert(1)"
	p.Site.Follow[0].URL = "javascript:alert(1)"
	var buf bytes.Buffer
	if err := v.Render(&buf, PageArticle, p); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, evil) {
		t.Error("plain text reached the page as markup")
	}
	if strings.Contains(out, `href="javascript:`) {
		t.Error("a javascript: URL reached an href")
	}
}

func TestIconsAndNetworks(t *testing.T) {
	tests := []struct{ in, network, name string }{
		{"Twitter", "x", "X"},
		{"x", "x", "X"},
		{" Instagram ", "instagram", "Instagram"},
		{"mastodon", "mastodon", "Mastodon"},
		{"peertube", "peertube", "Peertube"},
		{"élan", "élan", "Élan"},
		{"", "", "the web"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Network(tt.in); got != tt.network {
				t.Errorf("Network = %q, want %q", got, tt.network)
			}
			if got := NetworkName(tt.in); got != tt.name {
				t.Errorf("NetworkName = %q, want %q", got, tt.name)
			}
		})
	}
	if icon("twitter") != icon("x") {
		t.Error("an alias does not share its network's icon")
	}
	if icon("unknown-network") != icon("link") {
		t.Error("an unknown network does not get the link icon")
	}
	for name := range iconPaths {
		svg := string(icon(name))
		if !strings.Contains(svg, `aria-hidden="true"`) || !strings.HasSuffix(svg, "</svg>") {
			t.Errorf("icon %s is not a hidden inline SVG", name)
		}
	}
	for name := range networkNames {
		if _, ok := iconPaths[name]; !ok {
			t.Errorf("network %s has no icon", name)
		}
	}
}

func walk(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attrOf(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func attrVal(n *html.Node, key string) string {
	v, _ := attrOf(n, key)
	return v
}
