package render

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPlainText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty", "", ""},
		{"paragraphs separate words", "<p>One.</p><p>Two.</p>", "One. Two."},
		{"inline elements do not", "<p>un<em>believ</em>able <a href=\"/x\">link</a></p>", "unbelievable link"},
		{"whitespace collapsed", "<p>  a \n\n\t b  </p>\n\n", "a b"},
		{"entities decoded", "<p>Fish &amp; chips &lt;3 &#x263A;</p>", "Fish & chips <3 ☺"},
		{"line breaks are spaces", "a<br>b", "a b"},
		{"lists and tables", "<ul><li>a</li><li>b</li></ul><table><tr><td>c</td><td>d</td></tr></table>", "a b c d"},
		{"scripts and styles hidden", "<p>a</p><script>var x = 1;</script><style>p{}</style>", "a"},
		{"footnote marks hidden", `<p>Claim<sup id="fnref:1"><a href="#fn:1" class="footnote-ref">1</a></sup>.</p>`, "Claim."},
		{"images have no text", `<p><img src="a.jpg" alt="A cat"></p>`, ""},
		{"plain text passes", "just text", "just text"},
		{"broken html", "<p>a<div>b</p>c", "a b c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PlainText(tt.in); got != tt.want {
				t.Errorf("PlainText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"first paragraph", "<h2>Head</h2><p>First para.</p><p>Second.</p>", 100, "First para."},
		{"short enough", "<p>Exactly ten</p>", 11, "Exactly ten"},
		{"cut at word", "<p>The quick brown fox jumps over the lazy dog.</p>", 20, "The quick brown fox…"},
		{"cut drops trailing comma", "<p>One, two, three, four, five</p>", 10, "One, two…"},
		{"long word cut mid-word", "<p>Donaudampfschifffahrtsgesellschaft ist lang</p>", 10, "Donaudamp…"},
		{"no spaces", "<p>中华人民共和国成立于一九四九年</p>", 6, "中华人民共…"},
		{"skips empty paragraph", "<p><img src=a.jpg alt=x></p><p>Text.</p>", 50, "Text."},
		{"skips quotes", "<blockquote><p>Quoted.</p></blockquote><p>Own words.</p>", 50, "Own words."},
		{"skips list items", "<ul><li><p>Item.</p></li></ul><p>Para.</p>", 50, "Para."},
		{"skips footnotes", `<div class="footnotes"><ol><li><p>Note.</p></li></ol></div>`, 50, "Note."},
		{"no paragraphs uses all text", "<h1>Only</h1><ul><li>items</li></ul>", 50, "Only items"},
		{"footnote mark left out", `<p>Claim<sup id="fnref:1"><a href="#fn:1" class="footnote-ref">1</a></sup>.</p>`, 50, "Claim."},
		{"paragraph in a div", "<div><p>Inside.</p></div>", 50, "Inside."},
		{"no limit", "<p>" + strings.Repeat("word ", 100) + "</p>", 0, strings.TrimSpace(strings.Repeat("word ", 100))},
		{"empty", "", 10, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Summary(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("Summary(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if tt.max > 0 && utf8.RuneCountInString(got) > tt.max {
				t.Errorf("summary has %d runes, more than %d", utf8.RuneCountInString(got), tt.max)
			}
		})
	}
}
