package render

import (
	"strings"
	"sync"
	"testing"

	"github.com/byline-news/byline/internal/news"
)

func TestSanitizeKeeps(t *testing.T) {
	r := New()
	tests := []struct {
		name string
		in   string
		want string // "" means the input comes out unchanged
	}{
		{"headings with ids", `<h1 id="top">A</h1><h6 id="привет-мир">B</h6>`, ""},
		{"paragraph and breaks", `<p>a<br>b</p><hr>`, ""},
		{"lists", `<ul><li>a</li></ul><ol start="3" reversed="" type="i"><li value="7">b</li></ol>`, ""},
		{"definition list", `<dl><dt>a</dt><dd>b</dd></dl>`, ""},
		{"emphasis", `<p><em>a</em><strong>b</strong><b>c</b><i>d</i><u>e</u><s>f</s><small>g</small><mark>h</mark></p>`, ""},
		{"code", `<pre><code class="language-go">x := 1</code></pre><p><code>y</code><kbd>K</kbd></p>`, ""},
		{"blockquote with cite", `<blockquote cite="https://example.com/q"><p>Q</p></blockquote>`, ""},
		{"inline quote", `<p><q cite="https://example.com/q">q</q> <cite>The Times</cite></p>`, ""},
		{"figure", `<figure><img src="/media/a.jpg" alt="A"><figcaption>Cap</figcaption></figure>`, ""},
		{"image attributes", `<img src="https://cdn.example.com/a.jpg" alt="A" title="T" width="640" height="480" loading="lazy" srcset="a-320.jpg 320w, https://cdn.example.com/a-640.jpg 640w">`, ""},
		{"relative image", `<img src="../img/a.png" alt="">`, ""},
		{"table", `<table><thead><tr><th align="left" scope="col">a</th></tr></thead><tbody><tr><td align="right" colspan="2" rowspan="3">b</td></tr></tbody></table>`, ""},
		{"sup sub abbr", `<p>x<sup>2</sup> H<sub>2</sub>O <abbr title="North Atlantic Treaty Organization">NATO</abbr></p>`, ""},
		{"del ins", `<p><del datetime="2024-05-01T10:00:00Z">old</del><ins>new</ins></p>`, ""},
		{"direction and language", `<p dir="rtl" lang="ar">مرحبا</p><p><bdi>x</bdi></p>`, ""},
		{"relative link", `<a href="/about">About</a><a href="#fn:1">1</a>`, ""},
		{"mailto link", `<a href="mailto:editor@example.com">mail</a>`, ""},
		{"external link gets rel", `<a href="https://example.com/x">x</a>`, `<a href="https://example.com/x" rel="noopener noreferrer">x</a>`},
		{"protocol relative link gets rel", `<a href="//example.com/x">x</a>`, `<a href="//example.com/x" rel="noopener noreferrer">x</a>`},
		{"footnote markup", `<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup><div class="footnotes" role="doc-endnotes"><ol><li id="fn:1"><p>N <a href="#fnref:1" class="footnote-backref" role="doc-backlink">↩</a></p></li></ol></div>`, ""},
		{"details", `<details open=""><summary>More</summary><p>x</p></details>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if want == "" {
				want = tt.in
			}
			if got := r.Sanitize(tt.in); got != want {
				t.Errorf("Sanitize(%s)\n got %s\nwant %s", tt.in, got, want)
			}
		})
	}
}

func TestSanitizeRemoves(t *testing.T) {
	r := New()
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"script", `<p>a</p><script>alert(1)</script>`, `<p>a</p>`},
		{"script upper case", `<SCRIPT SRC=//evil.example/x.js></SCRIPT>b`, `b`},
		{"style element", `<style>p{color:red}</style><p>a</p>`, `<p>a</p>`},
		{"style attribute", `<p style="position:fixed;top:0">a</p>`, `<p>a</p>`},
		{"event handler on image", `<img src=x onerror=alert(1)>`, `<img src="x">`},
		{"event handler on paragraph", `<p onclick="alert(1)" onmouseover=alert(2)>a</p>`, `<p>a</p>`},
		{"svg onload", `<svg onload=alert(1)><circle r="1"></circle></svg>x`, `x`},
		{"iframe", `<iframe src="https://evil.example/"></iframe>x`, `x`},
		{"object and embed", `<object data="x.swf"></object><embed src="x.swf">x`, `x`},
		{"form", `<form action="https://evil.example/"><input name="q"><button>Go</button><textarea>t</textarea><select><option>o</option></select></form>`, `Goto`},
		{"javascript href", `<a href="javascript:alert(1)">x</a>`, `x`},
		{"mixed case javascript", `<a href="JaVaScRiPt:alert(1)">x</a>`, `x`},
		{"javascript with spaces", `<a href=" javascript:alert(1)">x</a>`, `x`},
		{"javascript with tab", "<a href=\"java\tscript:alert(1)\">x</a>", `x`},
		{"entity encoded javascript", `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>`, `x`},
		{"hex entity javascript", `<a href="&#x6A;avascript&#x3A;alert(1)">x</a>`, `x`},
		{"named entity colon", `<a href="javascript&colon;alert(1)">x</a>`, `x`},
		{"vbscript", `<a href="vbscript:msgbox(1)">x</a>`, `x`},
		{"data href", `<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>`, `x`},
		{"data image", `<img src="data:image/png;base64,iVBORw0KGgo=" alt="a">`, `<img alt="a">`},
		{"javascript image", `<img src="javascript:alert(1)" alt="a">`, `<img alt="a">`},
		{"javascript in srcset", `<img src="a.jpg" srcset="javascript:alert(1) 1x">`, `<img src="a.jpg">`},
		{"data in srcset", `<img src="a.jpg" srcset="a.jpg 1x, data:image/png;base64,AA 2x">`, `<img src="a.jpg">`},
		{"javascript cite", `<blockquote cite="javascript:alert(1)">q</blockquote>`, `<blockquote>q</blockquote>`},
		{"target dropped", `<a href="/a" target="_top">x</a>`, `<a href="/a">x</a>`},
		{"user rel replaced", `<a href="https://e.example/" rel="opener">x</a>`, `<a href="https://e.example/" rel="noopener noreferrer">x</a>`},
		{"unknown class and id", `<p class="admin-only" id="login">a</p>`, `<p>a</p>`},
		{"bad width", `<img src="a.jpg" width="100%;x">`, `<img src="a.jpg">`},
		{"meta refresh", `<meta http-equiv="refresh" content="0;url=https://evil.example/">x`, `x`},
		{"base and link", `<base href="https://evil.example/"><link rel="stylesheet" href="x.css">x`, `x`},
		{"noscript", `<noscript><p>x</p></noscript>y`, `y`},
		{"comment", `<!-- secret -->a`, `a`},
		{"math", `<math><mi xlink:href="javascript:alert(1)">x</mi></math>`, `x`},
		{"attribute breakout", `<img src="x" alt='"><script>alert(1)</script>'>`, `<img src="x" alt="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Sanitize(tt.in)
			if got != tt.want {
				t.Errorf("Sanitize(%s)\n got %s\nwant %s", tt.in, got, tt.want)
			}
			checkSafe(t, got)
		})
	}
}

func TestMarkdown(t *testing.T) {
	r := New()
	tests := []struct {
		name string
		in   string
		want []string // parts of the output, in order
		not  []string // must not appear
	}{
		{"paragraph and emphasis", "Hello *world* and **all**.", []string{"<p>Hello <em>world</em> and <strong>all</strong>.</p>"}, nil},
		{"heading ids", "# Hello, World!\n\n## Hello, World!\n\n## Привет, мир", []string{
			`<h1 id="hello-world">Hello, World!</h1>`, `<h2 id="hello-world-2">Hello, World!</h2>`, `<h2 id="привет-мир">Привет, мир</h2>`}, nil},
		{"heading without letters", "## 🎉", []string{`<h2 id="section">🎉</h2>`}, nil},
		{"table", "| a | b |\n|:--|--:|\n| 1 | 2 |", []string{"<table>", `<th align="left">a</th>`, `<td align="right">2</td>`}, []string{"style"}},
		{"strikethrough", "~~gone~~", []string{"<del>gone</del>"}, nil},
		{"autolink", "See https://example.com/a now.", []string{`<a href="https://example.com/a" rel="noopener noreferrer">https://example.com/a</a>`}, nil},
		{"task list", "- [x] done\n- [ ] todo", []string{"<li>☑ done</li>", "<li>☐ todo</li>"}, []string{"<input"}},
		{"footnote", "Claim.[^1]\n\n[^1]: Source.", []string{
			`<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>`,
			`<div class="footnotes" role="doc-endnotes">`, `<li id="fn:1">`, `class="footnote-backref"`}, nil},
		{"fenced code", "```go\nx := \"<b>\"\n```", []string{`<pre><code class="language-go">x := &#34;&lt;b&gt;&#34;`}, nil},
		{"typographer", `"Quoted" -- and...`, []string{"“Quoted” – and…"}, nil},
		{"image", `![Alt text](/media/a.jpg "Title")`, []string{`<img src="/media/a.jpg" alt="Alt text" title="Title">`}, nil},
		{"raw html kept when safe", "<figure><img src=\"a.jpg\" alt=\"\"><figcaption>Cap</figcaption></figure>", []string{"<figure>", "<figcaption>Cap</figcaption>"}, nil},
		{"raw script removed", "Text\n\n<script>alert(1)</script>\n\nMore", []string{"<p>Text</p>", "<p>More</p>"}, []string{"script", "alert"}},
		{"javascript link removed", "[x](javascript:alert(1))", []string{"<p>x</p>"}, []string{"javascript", "href"}},
		{"entity javascript link removed", "[x](&#106;avascript:alert(1))", []string{"x"}, []string{"avascript", "href"}},
		{"onerror removed", "<img src=x onerror=alert(1)>", []string{`<img src="x">`}, []string{"onerror"}},
		{"iframe removed", "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>", nil, []string{"iframe", "youtube"}},
		{"style attribute removed", "<p style=\"color:red\">x</p>", []string{"<p>x</p>"}, []string{"style"}},
		{"mailto autolink", "<editor@example.com>", []string{`<a href="mailto:editor@example.com">editor@example.com</a>`}, nil},
		{"invalid UTF-8", "a\xffb", []string{"<p>a\uFFFDb</p>"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.Markdown(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			rest := got
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("output lacks %s (in order)\n%s", w, got)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("output contains %q\n%s", n, got)
				}
			}
			checkSafe(t, got)
		})
	}
}

func TestBody(t *testing.T) {
	r := New()
	md, err := r.Body(news.FormatMarkdown, "*a*")
	if err != nil || md != "<p><em>a</em></p>\n" {
		t.Errorf("markdown body: %q, %v", md, err)
	}
	// An HTML body is sanitized, not read as Markdown.
	h, err := r.Body(news.FormatHTML, "<p>*a*</p><script>x</script>")
	if err != nil || h != "<p>*a*</p>" {
		t.Errorf("html body: %q, %v", h, err)
	}
	if _, err := r.Body("rst", "a"); news.ErrorCode(err) != news.EINVALID {
		t.Errorf("unknown format: got %v, want EINVALID", err)
	}
	if out, err := r.Markdown(""); out != "" || err != nil {
		t.Errorf("empty: %q %v", out, err)
	}
}

func TestRendererConcurrentUse(t *testing.T) {
	r := New()
	src := "# Title\n\nText[^1] with https://example.com.\n\n[^1]: Note."
	want, err := r.Markdown(src)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				// Heading ids must not leak from one document to another.
				if got, err := r.Markdown(src); err != nil || got != want {
					t.Errorf("concurrent render differs: %q %v", got, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
