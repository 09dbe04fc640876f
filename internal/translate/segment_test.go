package translate

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/byline-news/byline/internal/render"
)

func TestSplitHTML(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Segment
	}{
		{
			name: "paragraphs and headings",
			in:   "<h2 id=\"x\">The  vote</h2>\n<p>Parliament <a href=\"https://example.org/a?b=1&amp;c=2\">voted</a> on <em>Tuesday</em>.</p>",
			want: []Segment{
				{"body.0000", "The vote"},
				{"body.0001", `Parliament <g1>voted</g1> on <g2>Tuesday</g2>.`},
			},
		},
		{
			name: "escaped text and void elements",
			in:   "<p>Tom &amp; Jerry &lt;3<br>second line</p>",
			want: []Segment{{"body.0000", "Tom &amp; Jerry &lt;3<x1/>second line"}},
		},
		{
			name: "nested spans numbered in document order",
			in:   "<p><strong>Big <em>news</em></strong> and <a href=\"/x\">more</a></p>",
			want: []Segment{{"body.0000", "<g1>Big <g2>news</g2></g1> and <g3>more</g3>"}},
		},
		{
			name: "list item text before and after a nested list",
			in:   "<ul><li>Fruit:\n<ul><li>apples</li><li>pears</li></ul>and more</li></ul>",
			want: []Segment{
				{"body.0000", "Fruit:"},
				{"body.0001", "apples"},
				{"body.0002", "pears"},
				{"body.0003", "and more"},
			},
		},
		{
			name: "blockquote text outside and inside paragraphs",
			in:   "<blockquote>Loose words<p>In a paragraph</p></blockquote>",
			want: []Segment{{"body.0000", "Loose words"}, {"body.0001", "In a paragraph"}},
		},
		{
			name: "tables, definition lists, figures",
			in: "<table><thead><tr><th>Year</th></tr></thead><tbody><tr><td>Growth</td></tr></tbody></table>" +
				"<dl><dt>Term</dt><dd>Meaning</dd></dl>" +
				"<figure><img src=\"/m/a.jpg\" alt=\"A harbour\"><figcaption>The harbour at dawn</figcaption></figure>",
			want: []Segment{
				{"body.0000", "Year"}, {"body.0001", "Growth"},
				{"body.0002", "Term"}, {"body.0003", "Meaning"},
				{"body.0004.alt", "A harbour"},
				{"body.0005", "The harbour at dawn"},
			},
		},
		{
			name: "code blocks, inline code, white space and empty blocks are kept aside",
			in:   "<pre><code>x := 1</code></pre><p> </p><p><code>go test</code></p><p>Run <code>go test</code> now</p><hr>",
			want: []Segment{{"body.0000", "Run <x1/> now"}},
		},
		{
			name: "footnote marks are kept whole",
			in:   `<p>Claim<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>.</p>`,
			want: []Segment{{"body.0000", "Claim<x1/>."}},
		},
		{
			name: "inline image alt",
			in:   `<p>Logo <img src="/l.png" alt="the logo"> here</p>`,
			want: []Segment{{"body.0000", "Logo <x1/> here"}, {"body.0001.alt", "the logo"}},
		},
		{
			name: "loose top-level text",
			in:   "Hello <b>world</b><p>next</p>",
			want: []Segment{{"body.0000", "Hello <g1>world</g1>"}, {"body.0001", "next"}},
		},
		{
			name: "empty",
			in:   "",
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := SplitHTML("body", tt.in)
			if err != nil {
				t.Fatal(err)
			}
			got := d.Segments()
			if len(got) != len(tt.want) {
				t.Fatalf("got %d segments %q, want %d %q", len(got), got, len(tt.want), tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("segment %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
			// Every segment scans as the placeholder language.
			for _, s := range got {
				if err := CheckPlaceholders(s.Text, s.Text); err != nil {
					t.Errorf("segment %s does not check against itself: %v", s.Key, err)
				}
			}
		})
	}
}

const sampleArticle = `<h2 id="context">Context</h2>
<p>The <a href="https://example.org/report?id=7&amp;lang=en" title="Report">annual report</a> was published on <time datetime="2026-03-01">1 March</time>. It says <em>growth</em> slowed to 2&nbsp;%.</p>
<ul>
<li>First point</li>
<li>Second point with <strong>weight</strong></li>
</ul>
<blockquote><p>“We are <mark>worried</mark>,” she said.</p></blockquote>
<figure><img src="/media/harbour-960.jpg" alt="Boats in the harbour" width="960" height="640"><figcaption>The harbour, <cite>Daily Sun</cite></figcaption></figure>
<pre><code class="language-go">fmt.Println("&lt;hi&gt;")
</code></pre>
<table><thead><tr><th>Year</th><th align="right">Value</th></tr></thead><tbody><tr><td>2025</td><td align="right">1.5</td></tr></tbody></table>
<p>See the note<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>.</p>`

// canonical parses out and renders it again with white space runs made
// one space and white space next to tags dropped, so that documents a
// browser shows alike compare equal.
func canonical(t testing.TB, s string) string {
	t.Helper()
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, n := range nodes {
		if err := html.Render(&b, n); err != nil {
			t.Fatal(err)
		}
	}
	out := reSpace.ReplaceAllString(b.String(), " ")
	return strings.TrimSpace(reTagSpace.ReplaceAllString(out, "$1"))
}

var (
	reSpace    = regexp.MustCompile(`[ \t\n\f\r]+`)
	reTagSpace = regexp.MustCompile(` ?(<[^>]*>) ?`)
)

func ownTexts(d *HTMLDoc) map[string]string {
	m := map[string]string{}
	for _, s := range d.Segments() {
		m[s.Key] = s.Text
	}
	return m
}

func TestAssembleRoundTrip(t *testing.T) {
	in := render.New().Sanitize(sampleArticle)
	d, err := SplitHTML("body", in)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(d.Segments()); n != 12 {
		t.Errorf("got %d segments, want 12: %q", n, d.Segments())
	}
	for _, tr := range []map[string]string{ownTexts(d), nil} {
		out, err := d.Assemble(tr)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := canonical(t, out), canonical(t, in); got != want {
			t.Errorf("round trip changed the document:\n got %s\nwant %s", got, want)
		}
	}
}

func TestAssembleTranslated(t *testing.T) {
	in := render.New().Sanitize(`<p>The <a href="https://example.org/x?a=1&amp;b=2">report</a> says <em>growth</em> slowed.<br>Next.</p>` +
		`<p>Untouched <b>text</b></p><figure><img src="/a.jpg" alt="Boats"><figcaption>Caption</figcaption></figure>`)
	d, err := SplitHTML("body", in)
	if err != nil {
		t.Fatal(err)
	}
	segs := d.Segments()
	if len(segs) != 4 || segs[0].Text != "The <g1>report</g1> says <g2>growth</g2> slowed.<x3/>Next." {
		t.Fatalf("unexpected segments %q", segs)
	}
	out, err := d.Assemble(map[string]string{
		// Reordered spans and text with characters to escape.
		segs[0].Key: "Le <g2>croissance</g2> &amp; <g1>rapport</g1> &lt;dit&gt;<x3 />Suite.",
		segs[2].Key: "Bateaux &amp; quais",
		segs[3].Key: "Légende",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `<p>Le <em>croissance</em> &amp; <a href="https://example.org/x?a=1&amp;b=2" rel="noopener noreferrer">rapport</a> &lt;dit&gt;<br>Suite.</p>` +
		`<p>Untouched <b>text</b></p><figure><img src="/a.jpg" alt="Bateaux &amp; quais"><figcaption>Légende</figcaption></figure>`
	if canonical(t, out) != canonical(t, want) {
		t.Errorf("Assemble:\n got %s\nwant %s", out, want)
	}
}

func TestAssembleRejectsBadTranslation(t *testing.T) {
	d, err := SplitHTML("body", `<p>a <a href="/x">b</a></p><p><img src="/i.png" alt="pic"></p>`)
	if err != nil {
		t.Fatal(err)
	}
	for key, bad := range map[string]string{
		"body.0000":     `a b <script>alert(1)</script>`,
		"body.0001.alt": `<g1>pic</g1>`,
	} {
		_, err := d.Assemble(map[string]string{key: bad})
		if err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("Assemble(%s: %q) error = %v, want one naming the key", key, bad, err)
		}
	}
}

func TestAssembleSanitizes(t *testing.T) {
	// Split takes unsanitized input too; what comes out is sanitized.
	d, err := SplitHTML("body", `<p onclick="x()">Hi <a href="javascript:alert(1)">there</a></p><script>alert(2)</script>`)
	if err != nil {
		t.Fatal(err)
	}
	out, err := d.Assemble(map[string]string{"body.0000": "Salut <g1>toi</g1>"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "script") || strings.Contains(out, "onclick") || !strings.Contains(out, "toi") {
		t.Errorf("Assemble did not sanitize: %s", out)
	}
}

func TestPlainSegment(t *testing.T) {
	for _, s := range []string{"Tom & Jerry <3", "plain", "", "a > b && c;"} {
		seg := PlainSegment("title", s)
		if seg.Key != "title" || strings.ContainsAny(seg.Text, "<>") || CheckPlaceholders(seg.Text, seg.Text) != nil {
			t.Errorf("PlainSegment(%q) = %q", s, seg)
		}
		back, err := PlainText(seg.Text)
		if err != nil || back != s {
			t.Errorf("PlainText(%q) = %q, %v; want %q", seg.Text, back, err, s)
		}
	}
	if got, err := PlainText("caf&eacute; &#233;&#xE9;"); err != nil || got != "café éé" {
		t.Errorf("PlainText entities = %q, %v", got, err)
	}
	for _, bad := range []string{"a <x1/> b", "<g1>a</g1>", "<b>a</b>", "AT&T", "&bogus;"} {
		if got, err := PlainText(bad); err == nil {
			t.Errorf("PlainText(%q) = %q, want an error", bad, got)
		}
	}
}

func TestCheckPlaceholders(t *testing.T) {
	const src = "A <g1>b <g2>c</g2></g1> d<x3/> &amp; e"
	ok := []string{
		src,
		"<x3/>A <g1>b <g2>c</g2></g1> &amp; e",
		"A <g1><g2>c</g2> b</g1> d<x3 /> &quot;e&#39; &#x263A;&nbsp;",
	}
	for _, tr := range ok {
		if err := CheckPlaceholders(src, tr); err != nil {
			t.Errorf("CheckPlaceholders(%q) = %v, want nil", tr, err)
		}
	}
	bad := map[string]string{
		"A <g1>b c</g1> d<x3/>":                        "placeholder <g2> missing",
		"A <g1>b <g2>c</g2></g1> d<x3/><x3/>":          "placeholder <x3/> appears 2 times",
		"A <g1>b <g2>c</g1></g2> d<x3/>":               "crossing",
		"A <g1>b <g2>c</g2> d<x3/>":                    "<g1> is not closed",
		"A <g1>b <g2>c</g2></g1></g1> d<x3/>":          "not open",
		"A <g1>b <g2>c</g2></g1> d<x3/><script>x":      "unexpected element <script>",
		"A <g1>b <g2>c</g2></g1> d<x3/><img src=x>":    "unexpected element <img>",
		"A <g1>b <g2>c</g2></g1> d<x3/><b>x</b>":       "unexpected element <b>",
		"A <g1 href=x>b <g2>c</g2></g1> d<x3/>":        "malformed placeholder",
		"A <g1>b <g2>c</g2></g1> d<x3/><x4/>":          "unexpected placeholder <x4/>",
		"A <g1>b <g2>c</g2></g1> d<x3>e</x3>":          "malformed placeholder",
		"A <g1>b <g2>c</g2></g1> d<x3/> & e":           "malformed entity",
		"A <g1>b <g2>c</g2></g1> d<x3/> &nope; e":      "unknown entity",
		"A <g1>b <g2>c</g2></g1> d<x3/> &#0; e":        "malformed entity",
		"A <g1>b <g2>c</g2></g1> d<x3/> <!-- c -->":    "unexpected markup",
		"A <g1>b <g2>c</g2></g1> d<x3/> <![CDATA[x]]>": "unexpected markup",
		"A <g1>b <g2>c</g2></g1> d<x3/> onerror=x":     "onerror=",
		"A <g1>b <g2>c</g2></g1> d<x3/> < e":           "a \"<\" must start",
		"A <g01>b <g2>c</g2></g1> d<x3/>":              "malformed placeholder",
	}
	for tr, want := range bad {
		err := CheckPlaceholders(src, tr)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckPlaceholders(%q) = %v, want an error with %q", tr, err, want)
		}
	}
	if err := CheckPlaceholders("<script>", "x"); err == nil {
		t.Error("a bad source was accepted")
	}
}

func TestNormalizeAndHash(t *testing.T) {
	if got := Normalize("  Cafe\u0301 \u00a0\n au\tlait  "); got != "Café au lait" {
		t.Errorf("Normalize = %q", got)
	}
	if Hash("Café au lait") != Hash(" Cafe\u0301\u00a0 au  lait\n") {
		t.Error("texts that normalize alike hash differently")
	}
	if Hash("a b") == Hash("ab") {
		t.Error("different texts hash alike")
	}
	if h := Hash("x"); len(h) != 64 || strings.Trim(h, "0123456789abcdef") != "" {
		t.Errorf("Hash = %q, want 64 hex digits", h)
	}
}

func TestAssembleConcurrent(t *testing.T) {
	d, err := SplitHTML("body", render.New().Sanitize(sampleArticle))
	if err != nil {
		t.Fatal(err)
	}
	want, err := d.Assemble(ownTexts(d))
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			got, err := d.Assemble(ownTexts(d))
			if err == nil && got != want {
				err = fmt.Errorf("concurrent Assemble gave %q, want %q", got, want)
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
