package translate

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/render"
)

var benchWords = strings.Fields(`the council said on tuesday that its budget for schools and roads
would rise next year after months of talks with unions residents and local firms while critics
warned that the plan left rural districts behind and relied on optimistic forecasts of growth
in tax receipts from a housing market that has slowed since spring`)

// benchArticle returns a sanitized article of about words words: ~80-word
// paragraphs with links and emphasis, a heading every ten paragraphs and
// a list every fifteen.
func benchArticle(words int) string {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string { return benchWords[rng.IntN(len(benchWords))] }
	var b strings.Builder
	n := 0
	for p := 0; n < words; p++ {
		if p%10 == 0 {
			fmt.Fprintf(&b, "<h2>%s %s %s</h2>\n", word(), word(), word())
			n += 3
		}
		if p%15 == 7 {
			b.WriteString("<ul>\n")
			for range 4 {
				fmt.Fprintf(&b, "<li>%s %s <strong>%s</strong> %s</li>\n", word(), word(), word(), word())
				n += 4
			}
			b.WriteString("</ul>\n")
		}
		b.WriteString("<p>")
		for w := range 80 {
			switch w % 23 {
			case 5:
				fmt.Fprintf(&b, `<a href="https://example.org/%d?ref=a&amp;b=%d">%s %s</a> `, p, w, word(), word())
				n++
			case 13:
				fmt.Fprintf(&b, "<em>%s</em> ", word())
			default:
				b.WriteString(word())
				b.WriteByte(' ')
			}
		}
		n += 80
		b.WriteString("</p>\n")
	}
	return render.New().Sanitize(b.String())
}

func BenchmarkSplitAssemble5000Words(b *testing.B) {
	article := benchArticle(5000)
	var segs int
	for b.Loop() {
		d, err := SplitHTML("body", article)
		if err != nil {
			b.Fatal(err)
		}
		s := d.Segments()
		segs = len(s)
		tr := make(map[string]string, len(s))
		for _, seg := range s {
			tr[seg.Key] = seg.Text
		}
		if _, err := d.Assemble(tr); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(segs), "segments/op")
	b.SetBytes(int64(len(article)))
}

func BenchmarkHash(b *testing.B) {
	text := "The council said on Tuesday that its <g1>budget</g1> for schools and roads would rise next year,\u00a0after months of talks."
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Hash(text)
	}
}
