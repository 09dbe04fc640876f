package apertium

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Apertium's HTML deformatter treats unknown elements such as <g1> as
// block boundaries: it ends the sentence there and capitalises the next
// word. So a text's placeholders travel as inline HTML it knows —
// <gN>…</gN> as <span data-g="N">…</span> and <xN/> as <br data-x="N"> —
// and each text of a batch is wrapped in <div data-seg="I">, a block the
// deformatter never lets words cross.

// encodeText turns one text into the HTML sent to Apertium. Text is
// unescaped and escaped again, so entities arrive in one form; any markup
// other than placeholders, or placeholders that do not nest, is an error.
func encodeText(text string) (string, error) {
	z := html.NewTokenizer(strings.NewReader(text))
	var b strings.Builder
	var open []string // ids of the <gN> spans not yet closed
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if !errors.Is(z.Err(), io.EOF) {
				return "", z.Err()
			}
			if len(open) > 0 {
				return "", fmt.Errorf("placeholder <g%s> is not closed", open[len(open)-1])
			}
			return b.String(), nil
		case html.TextToken:
			// HTML text cannot hold NUL; the parser would drop it.
			b.WriteString(escapeText(strings.ReplaceAll(string(z.Text()), "\x00", "")))
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			kind, id, ok := placeholder(string(name))
			if !ok {
				return "", fmt.Errorf("unexpected tag <%s>: only the placeholders <gN>…</gN> and <xN/> may appear", name)
			}
			switch {
			case kind == 'x' && tt != html.EndTagToken:
				b.WriteString(`<br data-x="` + id + `">`)
			case kind == 'x':
				// </xN> after <xN>: the void placeholder is already written.
			case tt == html.StartTagToken:
				open = append(open, id)
				b.WriteString(`<span data-g="` + id + `">`)
			case tt == html.EndTagToken:
				if len(open) == 0 || open[len(open)-1] != id {
					return "", fmt.Errorf("placeholder </g%s> does not close the innermost open placeholder", id)
				}
				open = open[:len(open)-1]
				b.WriteString(`</span>`)
			default:
				return "", fmt.Errorf("placeholder <g%s/> is empty: a <gN> placeholder wraps text", id)
			}
		default:
			return "", errors.New("comments and doctypes may not appear in a text")
		}
	}
}

// placeholder reports whether name is a placeholder tag name, "g12" or
// "x3", and returns its kind and number.
func placeholder(name string) (kind byte, id string, ok bool) {
	if len(name) < 2 || (name[0] != 'g' && name[0] != 'x') || !isDigits(name[1:]) {
		return 0, "", false
	}
	return name[0], name[1:], true
}

func isDigits(s string) bool {
	if s == "" || len(s) > 9 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// escapeText escapes the characters that HTML text may not hold bare.
var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func escapeText(s string) string { return textEscaper.Replace(s) }

// joinSegments wraps each encoded text in its numbered block.
func joinSegments(encoded []string) string {
	var b strings.Builder
	for i, e := range encoded {
		b.WriteString(`<div data-seg="` + strconv.Itoa(i) + `">`)
		b.WriteString(e)
		b.WriteString("</div>\n")
	}
	return b.String()
}

// splitSegments parses Apertium's HTML output for a batch of n texts and
// returns each text with its placeholders restored. The blocks must come
// back numbered 0…n-1 in order, with nothing but white space between
// them, or the whole batch is refused: a text is never paired with
// another's translation.
func splitSegments(out string, n int) ([]string, error) {
	body := &html.Node{Type: html.ElementNode, DataAtom: atom.Body, Data: "body"}
	nodes, err := html.ParseFragment(strings.NewReader(out), body)
	if err != nil {
		return nil, fmt.Errorf("parse the engine's HTML: %w", err)
	}
	segs := make([]string, 0, n)
	for _, nd := range nodes {
		switch {
		case nd.Type == html.TextNode && strings.TrimSpace(nd.Data) == "":
			continue
		case nd.Type == html.ElementNode && nd.DataAtom == atom.Div:
			if got := attr(nd, "data-seg"); got != strconv.Itoa(len(segs)) {
				return nil, fmt.Errorf("the engine returned block %q where block %d was due", got, len(segs))
			}
			mergeSplitSpans(nd)
			var b strings.Builder
			for c := nd.FirstChild; c != nil; c = c.NextSibling {
				if err := writeNode(&b, c); err != nil {
					return nil, fmt.Errorf("text %d: %w", len(segs), err)
				}
			}
			segs = append(segs, b.String())
		default:
			return nil, fmt.Errorf("the engine returned content outside the text blocks after block %d", len(segs))
		}
	}
	if len(segs) != n {
		return nil, fmt.Errorf("the engine returned %d texts for %d", len(segs), n)
	}
	return segs, nil
}

// writeNode writes a node of a translated text back in placeholder form.
func writeNode(b *strings.Builder, nd *html.Node) error {
	switch {
	case nd.Type == html.TextNode:
		b.WriteString(escapeText(nd.Data))
		return nil
	case nd.Type != html.ElementNode:
		return errors.New("the engine returned a comment or other non-text node")
	case nd.DataAtom == atom.Br && isDigits(attr(nd, "data-x")):
		b.WriteString("<x" + attr(nd, "data-x") + "/>")
		return nil
	case nd.DataAtom == atom.Span && isDigits(attr(nd, "data-g")):
		id := attr(nd, "data-g")
		b.WriteString("<g" + id + ">")
		for c := nd.FirstChild; c != nil; c = c.NextSibling {
			if err := writeNode(b, c); err != nil {
				return err
			}
		}
		b.WriteString("</g" + id + ">")
		return nil
	default:
		return fmt.Errorf("the engine returned an unexpected <%s> element", nd.Data)
	}
}

// mergeSplitSpans undoes a habit of Apertium's reformatter: when it
// reorders words inside an inline element it repeats the element around
// each piece ("a <g1>red book</g1>" comes back as "un <g1>libro</g1>
// <g1>rojo</g1>"). Pieces of one placeholder that are siblings are joined
// into one span reaching from the first piece to the last, so each
// placeholder appears once again. Pieces at different depths are left as
// they are; the caller rejects such a text.
func mergeSplitSpans(parent *html.Node) {
	for {
		first, last := repeatedSpan(parent)
		if first == nil {
			break
		}
		id := attr(first, "data-g")
		for s := first.NextSibling; s != nil; {
			next := s.NextSibling
			parent.RemoveChild(s)
			if s.DataAtom == atom.Span && attr(s, "data-g") == id && s.Type == html.ElementNode {
				for c := s.FirstChild; c != nil; {
					cn := c.NextSibling
					s.RemoveChild(c)
					first.AppendChild(c)
					c = cn
				}
			} else {
				first.AppendChild(s)
			}
			if s == last {
				break
			}
			s = next
		}
	}
	for c := parent.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			mergeSplitSpans(c)
		}
	}
}

// repeatedSpan returns the first and last of the placeholder spans among
// parent's children that share a number, or nils when none repeats.
func repeatedSpan(parent *html.Node) (first, last *html.Node) {
	seen := map[string]*html.Node{}
	for c := parent.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Span {
			continue
		}
		id := attr(c, "data-g")
		if id == "" {
			continue
		}
		if f, ok := seen[id]; ok {
			first, last = f, c
		} else {
			seen[id] = c
		}
	}
	if first == nil {
		return nil, nil
	}
	// Reach the last piece of the chosen placeholder.
	id := attr(first, "data-g")
	for c := last.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Span && attr(c, "data-g") == id {
			last = c
		}
	}
	return first, last
}

func attr(nd *html.Node, key string) string {
	for _, a := range nd.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
