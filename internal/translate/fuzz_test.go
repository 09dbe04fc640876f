package translate

import (
	"strings"
	"testing"
	"unicode"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/render"
)

var htmlSeeds = []string{
	sampleArticle,
	"<p>Tom &amp; Jerry<br>and <a href=\"/x\">a <em>link</em></a></p>",
	"<ul><li>a<ul><li>b</li></ul>c</li></ul>",
	"<blockquote>loose<p>para</p>tail</blockquote>",
	"<table><tr><td>a<p>b</p></td></tr></table>",
	"<p><a href=\"/x\"><p>block in link</p></a></p>",
	"<p><b>bold<i>both</b>italic</i></p>",
	"<figure><img src=\"/a.png\" alt=\"alt &amp; text\"></figure>",
	"text <code>x</code> <kbd>y</kbd> &nbsp; <ruby>漢<rt>kan</rt></ruby>",
	"<p><img src=x onerror=alert(1)>x</p><script>alert(1)</script>",
	"<h2>a</h2>\n\n<h3> </h3><pre>  keep\n  this </pre>",
	"<dl><dt>t</dt><dd>d <sup>2</sup> <sub>n</sub></dd></dl>",
}

// rewriteText changes the text of a segment and keeps its placeholders,
// as an engine would.
func rewriteText(s string) string {
	toks, err := scan(s)
	if err != nil {
		return s
	}
	var b strings.Builder
	for _, t := range toks {
		if t.kind == tokText {
			b.WriteString(escapeText(strings.ToUpper(t.plain)))
		} else {
			b.WriteString(t.raw)
		}
	}
	return b.String()
}

func FuzzSplitAssemble(f *testing.F) {
	for _, s := range htmlSeeds {
		f.Add(s)
	}
	r := render.New()
	f.Fuzz(func(t *testing.T, raw string) {
		in := r.Sanitize(raw)
		d, err := SplitHTML("body", in)
		if err != nil {
			t.Fatalf("SplitHTML: %v", err)
		}
		own := map[string]string{}
		changed := map[string]string{}
		for _, s := range d.Segments() {
			if err := CheckPlaceholders(s.Text, s.Text); err != nil {
				t.Fatalf("segment %s %q does not check: %v", s.Key, s.Text, err)
			}
			if strings.TrimFunc(s.Text, unicode.IsSpace) == "" {
				t.Fatalf("segment %s is blank", s.Key)
			}
			own[s.Key] = s.Text
			changed[s.Key] = rewriteText(s.Text)
		}
		out, err := d.Assemble(own)
		if err != nil {
			t.Fatalf("Assemble: %v", err)
		}
		if got, want := canonical(t, out), canonical(t, r.Sanitize(in)); got != want {
			t.Fatalf("round trip changed the document\n  in %q\n got %q\nwant %q", in, got, want)
		}
		out, err = d.Assemble(changed)
		if err != nil {
			t.Fatalf("Assemble with changed texts: %v", err)
		}
		if canonical(t, r.Sanitize(out)) != canonical(t, out) {
			t.Fatalf("output is not sanitized: %q", out)
		}
		if strings.Contains(strings.ToLower(out), "<script") {
			t.Fatalf("output has a script: %q", out)
		}
	})
}

func FuzzCheckPlaceholders(f *testing.F) {
	const src = "A <g1>b <g2>c</g2></g1> d<x3/> &amp; e"
	f.Add(src, src)
	f.Add(src, "A <g1>b <g2>c</g2></g1> d<x3/><script>alert(1)</script>")
	f.Add(src, "A <g1>b <g2>c</g2></g1> d<x3 onerror=alert(1)/>")
	f.Add(src, "A <g1>b <g2>c</g1></g2> d<x3/>")
	f.Add("x onerror=y", "x onerror=y")
	f.Add("a", "&lt;script&gt; &#60;script")
	f.Fuzz(func(t *testing.T, source, translated string) {
		err := CheckPlaceholders(source, translated)
		if err != nil {
			return
		}
		lower := strings.ToLower(translated)
		if strings.Contains(lower, "<script") {
			t.Fatalf("accepted a text with <script: %q", translated)
		}
		if strings.Contains(lower, "onerror=") && !strings.Contains(strings.ToLower(source), "onerror=") {
			t.Fatalf("accepted a text adding onerror=: %q", translated)
		}
		// Whatever is accepted has only placeholder tags and balances.
		toks, err := scan(translated)
		if err != nil {
			t.Fatalf("accepted text does not scan: %v", err)
		}
		depth := 0
		for _, tok := range toks {
			switch tok.kind {
			case tokText:
				if strings.Contains(tok.raw, "<") {
					t.Fatalf("text token with '<': %q", tok.raw)
				}
			case tokOpen:
				depth++
			case tokClose:
				depth--
			}
			if depth < 0 {
				t.Fatalf("accepted unbalanced text %q", translated)
			}
		}
		if depth != 0 {
			t.Fatalf("accepted unbalanced text %q", translated)
		}
		if _, err := PlainText(translated); err != nil && !strings.Contains(translated, "<") {
			t.Fatalf("accepted text without tags fails PlainText: %v", err)
		}
	})
}

func FuzzGlossary(f *testing.F) {
	g := NewGlossary([]news.GlossaryTerm{
		{Term: "New York"}, {Term: "The New York Times"}, {Term: "AT&T"},
		{Term: "Reuters", Fixed: map[string]string{"ru": "Рейтер"}}, {Term: "É"},
	})
	f.Add("The New York Times in <g1>New York</g1>", "<x3/> à <g1><x2/></g1>")
	f.Add("AT&amp;T and Reuters<x1/>", "<x2/> et <x3/><x1/>")
	f.Add("ÉÉ É", "<x1/>")
	f.Fuzz(func(t *testing.T, text, translated string) {
		for _, dst := range []string{"ru", "fr"} {
			protected, restore := g.Protect(text, dst)
			if CheckPlaceholders(text, text) == nil {
				if err := CheckPlaceholders(protected, protected); err != nil {
					t.Fatalf("Protect(%q) = %q, which does not check: %v", text, protected, err)
				}
				// Restoring the protected text itself gives the text back,
				// with fixed terms in place.
				back, err := restore(protected)
				if err != nil {
					t.Fatalf("restore(%q): %v", protected, err)
				}
				if dst == "fr" && back != text {
					t.Fatalf("restore(Protect(%q)) = %q", text, back)
				}
			}
			out, err := restore(translated)
			if err != nil || CheckPlaceholders(protected, translated) != nil {
				continue
			}
			if err := CheckPlaceholders(text, out); err != nil {
				t.Fatalf("restored %q from %q does not check against %q: %v", out, translated, text, err)
			}
		}
	})
}
