package translate

import (
	"errors"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A segment's text is a tiny markup language, not HTML: escaped text
// (&amp;, &lt;, any named or numeric HTML entity ending in ";"), span
// placeholders <gN>…</gN> and void placeholders <xN/> (or <xN />), N a
// positive number without leading zeros. Anything else that starts with
// "<" is an error, so an engine's answer can never bring an element or
// an attribute of its own into a page. It is scanned by hand because
// engines' answers must be judged byte by byte: an HTML or XML parser
// would repair, skip or accept what must be refused (CDATA, comments,
// attributes on placeholders, bare ampersands).

// tokenKind is what a scanned piece of segment text is.
type tokenKind int

const (
	tokText  tokenKind = iota // escaped text
	tokOpen                   // <gN>
	tokClose                  // </gN>
	tokVoid                   // <xN/>
)

// token is one scanned piece of segment text: raw is its bytes as
// written; for text, plain is the text with entities decoded.
type token struct {
	kind  tokenKind
	n     int
	raw   string
	plain string
}

// name is how the token's placeholder is written in messages: "<g2>".
func (t token) name() string {
	switch t.kind {
	case tokOpen:
		return fmt.Sprintf("<g%d>", t.n)
	case tokClose:
		return fmt.Sprintf("</g%d>", t.n)
	case tokVoid:
		return fmt.Sprintf("<x%d/>", t.n)
	}
	return ""
}

// maxPlaceholder bounds placeholder numbers; no segment has that many.
const maxPlaceholder = 1_000_000

// scan splits segment text into tokens, failing on anything outside the
// placeholder language.
func scan(s string) ([]token, error) {
	if !utf8.ValidString(s) {
		return nil, errors.New("text is not valid UTF-8")
	}
	var toks []token
	var plain strings.Builder
	textStart := 0
	flush := func(end int) {
		if end > textStart {
			toks = append(toks, token{kind: tokText, raw: s[textStart:end], plain: plain.String()})
		}
		plain.Reset()
	}
	i := 0
	for i < len(s) {
		switch s[i] {
		case '<':
			flush(i)
			t, err := scanTag(s[i:])
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i += len(t.raw)
			textStart = i
		case '&':
			decoded, n, err := scanEntity(s[i:])
			if err != nil {
				return nil, err
			}
			plain.WriteString(decoded)
			i += n
		default:
			plain.WriteByte(s[i])
			i++
		}
	}
	flush(len(s))
	return toks, nil
}

// scanTag reads the placeholder tag at the start of s.
func scanTag(s string) (token, error) {
	j := 1
	closing := j < len(s) && s[j] == '/'
	if closing {
		j++
	}
	if j >= len(s) || (s[j] != 'g' && s[j] != 'x') {
		return token{}, tagError(s)
	}
	letter := s[j]
	j++
	start := j
	for j < len(s) && j-start < 7 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == start || s[start] == '0' {
		return token{}, tagError(s)
	}
	n, _ := strconv.Atoi(s[start:j])
	if n > maxPlaceholder {
		return token{}, tagError(s)
	}
	rest := s[j:]
	switch {
	case letter == 'g' && strings.HasPrefix(rest, ">"):
		kind := tokOpen
		if closing {
			kind = tokClose
		}
		return token{kind: kind, n: n, raw: s[:j+1]}, nil
	case letter == 'x' && !closing && strings.HasPrefix(rest, "/>"):
		return token{kind: tokVoid, n: n, raw: s[:j+2]}, nil
	case letter == 'x' && !closing && strings.HasPrefix(rest, " />"):
		return token{kind: tokVoid, n: n, raw: s[:j+3]}, nil
	}
	return token{}, tagError(s)
}

// tagError describes the unexpected tag at the start of s.
func tagError(s string) error {
	j := 1
	if j < len(s) && (s[j] == '/' || s[j] == '!' || s[j] == '?') {
		j++
	}
	k := j
	for k < len(s) && k-j < 32 && (isASCIILetter(s[k]) || (k > j && s[k] >= '0' && s[k] <= '9')) {
		k++
	}
	if len(s) > 1 && (s[1] == '!' || s[1] == '?') {
		return fmt.Errorf("unexpected markup %q", clip(s, 12))
	}
	if k == j {
		end := min(len(s), 12)
		return fmt.Errorf("unexpected %q: a \"<\" must start a placeholder tag", strings.ToValidUTF8(s[:end], ""))
	}
	name := strings.ToLower(s[j:k])
	if isPlaceholderName(name) {
		end := min(len(s), k+24)
		if i := strings.IndexByte(s[:end], '>'); i >= 0 {
			end = i + 1
		}
		return fmt.Errorf("malformed placeholder tag %q", strings.ToValidUTF8(s[:end], ""))
	}
	if s[1] == '/' {
		return fmt.Errorf("unexpected closing tag </%s>", name)
	}
	return fmt.Errorf("unexpected element <%s>", name)
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// isPlaceholderName reports whether name looks like "g12" or "x3".
func isPlaceholderName(name string) bool {
	if len(name) < 2 || (name[0] != 'g' && name[0] != 'x') {
		return false
	}
	for i := 1; i < len(name); i++ {
		if name[i] < '0' || name[i] > '9' {
			return false
		}
	}
	return true
}

// scanEntity reads the character reference at the start of s and
// returns what it stands for and its length.
func scanEntity(s string) (string, int, error) {
	end := strings.IndexByte(s[:min(len(s), 40)], ';')
	if end < 2 {
		return "", 0, fmt.Errorf("malformed entity at %q: a \"&\" must be written &amp;", clip(s, 12))
	}
	ref := s[:end+1]
	body := s[1:end]
	if body[0] == '#' {
		var v uint64
		var err error
		if len(body) > 1 && (body[1] == 'x' || body[1] == 'X') {
			v, err = strconv.ParseUint(body[2:], 16, 32)
		} else {
			v, err = strconv.ParseUint(body[1:], 10, 32)
		}
		r := rune(v)
		if err != nil || v == 0 || v > utf8.MaxRune || !utf8.ValidRune(r) || strings.ContainsAny(body[1:], "+-") {
			return "", 0, fmt.Errorf("malformed entity %q", ref)
		}
		return string(r), len(ref), nil
	}
	for i := 0; i < len(body); i++ {
		if !isASCIILetter(body[i]) && (i == 0 || body[i] < '0' || body[i] > '9') {
			return "", 0, fmt.Errorf("malformed entity %q", ref)
		}
	}
	decoded := html.UnescapeString(ref)
	// A name that is not an entity but begins with a legacy one
	// ("&ampx;") decodes partly and keeps its tail.
	if decoded == ref || (decoded != ";" && strings.HasSuffix(decoded, ";")) {
		return "", 0, fmt.Errorf("unknown entity %q", ref)
	}
	return decoded, len(ref), nil
}

func clip(s string, n int) string {
	return strings.ToValidUTF8(s[:min(len(s), n)], "")
}

// eventAttribute finds text that reads like an event handler attribute
// ("onerror=", "onload ="), also glued to a word before it. Such text
// can only be harmful inside a tag, which the scanner already refuses;
// an answer that adds some anyway is refused too, as a sign that the
// engine was led astray.
var eventAttribute = regexp.MustCompile(`(?i)on[a-z]+\s*=`)

// CheckPlaceholders reports whether translated is an acceptable
// translation of the segment text source: the same placeholders, each
// exactly once; span placeholders properly nested and not crossing; no
// other tags, elements or markup at all; only well-formed entities; and
// no text like an event handler attribute that source lacks.
func CheckPlaceholders(source, translated string) error {
	srcToks, err := scan(source)
	if err != nil {
		return fmt.Errorf("source: %w", err)
	}
	toks, err := scan(translated)
	if err != nil {
		return err
	}
	if strings.Contains(translated, "=") &&
		len(eventAttribute.FindAllStringIndex(translated, -1)) > len(eventAttribute.FindAllStringIndex(source, -1)) {
		return fmt.Errorf("unexpected %q in the text", eventAttribute.FindString(translated))
	}
	var stack []int
	seen := map[string]int{}
	for _, t := range toks {
		switch t.kind {
		case tokOpen:
			stack = append(stack, t.n)
			seen[t.name()]++
		case tokVoid:
			seen[t.name()]++
		case tokClose:
			if len(stack) == 0 || !slices.Contains(stack, t.n) {
				return fmt.Errorf("placeholder %s closes a span that is not open", t.name())
			}
			if top := stack[len(stack)-1]; top != t.n {
				return fmt.Errorf("placeholder %s closes before </g%d> (crossing spans)", t.name(), top)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		return fmt.Errorf("placeholder <g%d> is not closed", stack[len(stack)-1])
	}
	want := map[string]bool{}
	var order []string
	for _, t := range srcToks {
		if t.kind == tokOpen || t.kind == tokVoid {
			want[t.name()] = true
			order = append(order, t.name())
		}
	}
	for _, name := range order {
		switch n := seen[name]; {
		case n == 0:
			return fmt.Errorf("placeholder %s missing", name)
		case n > 1:
			return fmt.Errorf("placeholder %s appears %d times", name, n)
		}
	}
	for _, t := range toks {
		if (t.kind == tokOpen || t.kind == tokVoid) && !want[t.name()] {
			return fmt.Errorf("unexpected placeholder %s", t.name())
		}
	}
	return nil
}

// escapeText escapes plain text for a segment: only the characters the
// placeholder language gives a meaning to.
func escapeText(s string) string {
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	return textEscaper.Replace(s)
}

var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// PlainSegment makes the segment of a plain-text field (a title, a
// caption, an alt text): the text, escaped.
func PlainSegment(key, text string) Segment {
	return Segment{Key: key, Text: escapeText(text)}
}

// PlainText turns the translation of a plain segment back into plain
// text. A segment with any tag in it is an error: plain fields have no
// markup to put back.
func PlainText(segmentText string) (string, error) {
	toks, err := scan(segmentText)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, t := range toks {
		if t.kind != tokText {
			return "", fmt.Errorf("unexpected placeholder %s in plain text", t.name())
		}
		b.WriteString(t.plain)
	}
	return b.String(), nil
}

// maxPlaceholderIn returns the highest placeholder number in segment
// text, or 0; text that does not scan has none.
func maxPlaceholderIn(text string) int {
	toks, err := scan(text)
	if err != nil {
		return 0
	}
	high := 0
	for _, t := range toks {
		high = max(high, t.n)
	}
	return high
}
