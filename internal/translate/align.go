package translate

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Placeholders describes the elements behind the placeholders of the
// text segment with that key: "g1" → `a href="https://…"`, "x2" → the
// whole element of an atomic placeholder. Two documents with the same
// markup in a different order — a person's translation that moved a
// link before the emphasis — can be lined up with Realign. Alt-text
// segments and unknown keys give nil.
func (d *HTMLDoc) Placeholders(key string) map[string]string {
	idx := slices.IndexFunc(d.segs, func(s Segment) bool { return s.Key == key })
	if idx < 0 {
		return nil
	}
	for _, r := range d.runs {
		if r.seg != idx {
			continue
		}
		out := make(map[string]string, len(r.ph))
		for i, n := range r.ph {
			name := fmt.Sprintf("g%d", i+1)
			if atomicElements[n.DataAtom] || isFootnoteMark(n) {
				name = fmt.Sprintf("x%d", i+1)
			}
			out[name] = signature(n)
		}
		return out
	}
	return nil
}

// signature is an element's name and attributes, sorted; for an atomic
// element, its whole rendering.
func signature(n *html.Node) string {
	if atomicElements[n.DataAtom] || isFootnoteMark(n) {
		var b bytes.Buffer
		_ = html.Render(&b, n) // a bytes.Buffer does not fail
		return b.String()
	}
	attrs := make([]string, 0, len(n.Attr))
	for _, a := range n.Attr {
		attrs = append(attrs, a.Key+"="+a.Val)
	}
	slices.Sort(attrs)
	return n.Data + " " + strings.Join(attrs, " ")
}

var placeholderTag = regexp.MustCompile(`<(/?)([gx])(\d+)(\s*/?)>`)

// Realign renumbers the placeholders of text, whose elements are
// described by have, so that each names the element with the same
// description in want; elements of the same description pair in order.
// An element of text with no counterpart in want is an error naming it.
func Realign(text string, have, want map[string]string) (string, error) {
	// Line up in the order the placeholders appear in text.
	rename := map[string]string{}
	used := map[string]bool{}
	wantNames := make([]string, 0, len(want))
	for name := range want {
		wantNames = append(wantNames, name)
	}
	slices.SortFunc(wantNames, func(a, b string) int {
		return placeholderNumber(a) - placeholderNumber(b)
	})
	for _, m := range placeholderTag.FindAllStringSubmatch(text, -1) {
		if m[1] == "/" {
			continue
		}
		name := m[2] + m[3]
		if _, done := rename[name]; done {
			continue
		}
		sig, ok := have[name]
		if !ok {
			return "", fmt.Errorf("placeholder <%s> is not in the text's own markup", name)
		}
		found := ""
		for _, w := range wantNames {
			if !used[w] && want[w] == sig && w[0] == name[0] {
				found = w
				break
			}
		}
		if found == "" {
			return "", fmt.Errorf("the original has no element like <%s> (%s)", name, clip(sig, 60))
		}
		used[found] = true
		rename[name] = found
	}
	return placeholderTag.ReplaceAllStringFunc(text, func(tag string) string {
		m := placeholderTag.FindStringSubmatch(tag)
		to, ok := rename[m[2]+m[3]]
		if !ok {
			return tag
		}
		return "<" + m[1] + to + m[4] + ">"
	}), nil
}

func placeholderNumber(name string) int {
	n := 0
	for _, c := range name[1:] {
		n = n*10 + int(c-'0')
	}
	return n
}
