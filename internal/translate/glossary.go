package translate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/byline-news/byline/internal/news"
)

// Glossary holds the terms engines must not translate (names of people
// and outlets) or must translate one fixed way. It is read-only once
// made and safe for concurrent use.
type Glossary struct {
	// terms are longest first, so "New York Times" wins over "New York".
	terms []glossaryTerm
	// byFirst lists the indexes of terms by their first byte.
	byFirst map[byte][]int
}

type glossaryTerm struct {
	term    string
	escaped string // as the term appears in segment text
	fixed   map[string]string
}

// NewGlossary makes a glossary of terms. White space in a term is
// collapsed as in segments; empty terms are skipped and a repeated term
// keeps its first entry.
func NewGlossary(terms []news.GlossaryTerm) *Glossary {
	g := &Glossary{byFirst: map[byte][]int{}}
	seen := map[string]bool{}
	for _, t := range terms {
		term := strings.TrimSpace(collapseSpace(t.Term))
		if term == "" || seen[term] {
			continue
		}
		seen[term] = true
		g.terms = append(g.terms, glossaryTerm{term: term, escaped: escapeText(term), fixed: t.Fixed})
	}
	slices.SortStableFunc(g.terms, func(a, b glossaryTerm) int {
		return cmp.Compare(len(b.escaped), len(a.escaped))
	})
	for i, t := range g.terms {
		g.byFirst[t.escaped[0]] = append(g.byFirst[t.escaped[0]], i)
	}
	return g
}

// Protect replaces each whole-word, case-sensitive occurrence of a term
// in the segment text by a new void placeholder <xN/>, numbered above
// the text's own placeholders, so that engines leave it alone. restore
// takes a translation of the protected text and puts back each term as
// written, or as fixed for the language dst when the glossary says so;
// it fails when a term's placeholder is missing or repeated. A nil or
// empty glossary, or text that is not valid segment text, protects
// nothing.
func (g *Glossary) Protect(text, dst string) (protected string, restore func(translated string) (string, error)) {
	keep := func(s string) (string, error) { return s, nil }
	if g == nil || len(g.terms) == 0 {
		return text, keep
	}
	toks, err := scan(text)
	if err != nil {
		return text, keep
	}
	next := maxPlaceholderIn(text) + 1
	terms := map[int]*glossaryTerm{}
	var b strings.Builder
	b.Grow(len(text) + 16)
	for _, tok := range toks {
		if tok.kind != tokText {
			b.WriteString(tok.raw)
			continue
		}
		raw := tok.raw
		for i := 0; i < len(raw); {
			if t := g.match(raw, i); t != nil {
				fmt.Fprintf(&b, "<x%d/>", next)
				terms[next] = t
				next++
				i += len(t.escaped)
				continue
			}
			if raw[i] == '&' {
				// Never match inside an entity: scan checked it ends in ";".
				end := i + strings.IndexByte(raw[i:], ';') + 1
				b.WriteString(raw[i:end])
				i = end
				continue
			}
			b.WriteByte(raw[i])
			i++
		}
	}
	if len(terms) == 0 {
		return text, keep
	}
	return b.String(), func(translated string) (string, error) {
		return restoreTerms(translated, dst, terms)
	}
}

// match returns the longest term that occurs as a whole word at raw[i:].
func (g *Glossary) match(raw string, i int) *glossaryTerm {
	for _, ti := range g.byFirst[raw[i]] {
		t := &g.terms[ti]
		if !strings.HasPrefix(raw[i:], t.escaped) {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(raw[:i])
		after, _ := utf8.DecodeRuneInString(raw[i+len(t.escaped):])
		if (i == 0 || !isWordRune(before)) && (i+len(t.escaped) == len(raw) || !isWordRune(after)) {
			return t
		}
	}
	return nil
}

// isWordRune reports whether r is part of a word in any script.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}

// restoreTerms replaces the glossary placeholders of a translation by
// their terms.
func restoreTerms(translated, dst string, terms map[int]*glossaryTerm) (string, error) {
	toks, err := scan(translated)
	if err != nil {
		return "", err
	}
	count := map[int]int{}
	var b strings.Builder
	b.Grow(len(translated) + 16)
	for _, tok := range toks {
		t, ok := terms[tok.n]
		if tok.kind != tokVoid || !ok {
			b.WriteString(tok.raw)
			continue
		}
		count[tok.n]++
		word := t.term
		if f := t.fixed[dst]; f != "" {
			word = f
		}
		b.WriteString(escapeText(word))
	}
	nums := make([]int, 0, len(terms))
	for n := range terms {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	for _, n := range nums {
		switch count[n] {
		case 1:
		case 0:
			return "", fmt.Errorf("glossary placeholder <x%d/> for %q missing", n, terms[n].term)
		default:
			return "", fmt.Errorf("glossary placeholder <x%d/> for %q appears %d times", n, terms[n].term, count[n])
		}
	}
	return b.String(), nil
}
