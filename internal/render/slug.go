package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxSlugRunes is the longest slug Slugify returns.
const MaxSlugRunes = 80

// latinFolds spells Latin letters that have no canonical decomposition,
// so that removing accents alone would drop them.
var latinFolds = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d",
	'þ': "th", 'Þ': "th", 'ł': "l", 'Ł': "l", 'ı': "i", 'ħ': "h", 'Ħ': "h",
	'ŋ': "ng", 'Ŋ': "ng", 'ŧ': "t", 'Ŧ': "t", 'ĸ': "k", 'ſ': "s",
}

// Slugify turns s into a URL path segment: lower-case words joined by
// hyphens. Latin letters lose their accents (é → e, ß → ss); letters of
// other scripts are kept, lower-cased, so that a Russian or Arabic title
// still gets a meaningful slug (percent-encoding it is the caller's job).
// The result is at most MaxSlugRunes runes, cut at a hyphen where there is
// one, and never empty: a title with no letters or digits becomes
// "article". Slugify(Slugify(s)) == Slugify(s), so a stored slug can be
// checked by slugifying it again.
func Slugify(s string) string {
	return slugify(s, "article")
}

// slugify is Slugify with the fallback for text without letters or digits.
func slugify(s, fallback string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	// Compatibility decomposition splits accents off their letters and
	// also turns ligatures, full-width and superscript forms into plain
	// letters and digits.
	s = norm.NFKD.String(s)

	var b strings.Builder
	b.Grow(len(s))
	pendingHyphen := false
	// keepMarks tells whether combining marks belong to a letter that is
	// kept as it is (Cyrillic й, Devanagari vowel signs) rather than to a
	// Latin letter whose accents are removed.
	keepMarks := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || unicode.Is(unicode.Me, r):
			if keepMarks {
				b.WriteRune(r)
			}
			continue
		case r == '\'' || r == '’' || r == 'ʼ' || unicode.Is(unicode.Cf, r):
			// "Don't" is one word, and invisible format characters such as
			// the zero-width non-joiner of Persian do not split words.
			continue
		}
		var word string
		keepMarks = false // set again below for letters kept as they are
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			word = string(r)
		case r < utf8.RuneSelf && r >= 'A' && r <= 'Z':
			word = string(r + 'a' - 'A')
		case latinFolds[r] != "":
			word = latinFolds[r]
		case unicode.Is(unicode.Latin, r):
			// A Latin letter without an ASCII spelling (ʃ, ɐ) is dropped
			// rather than kept, so Latin-script slugs stay ASCII.
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word = string(unicode.ToLower(r))
			keepMarks = true
		default:
			if b.Len() > 0 {
				pendingHyphen = true
			}
			continue
		}
		if pendingHyphen {
			b.WriteByte('-')
			pendingHyphen = false
		}
		b.WriteString(word)
	}
	out := norm.NFC.String(b.String())
	out = truncateSlug(out, MaxSlugRunes)
	if out == "" {
		return fallback
	}
	return out
}

// truncateSlug cuts slug to at most max runes, at the last hyphen before
// the limit when there is one.
func truncateSlug(slug string, max int) string {
	if utf8.RuneCountInString(slug) <= max {
		return slug
	}
	n := 0
	cut := len(slug)
	for i := range slug {
		if n == max {
			cut = i
			break
		}
		n++
	}
	head := slug[:cut]
	if slug[cut] != '-' {
		if h := strings.LastIndexByte(head, '-'); h > 0 {
			head = head[:h]
		}
	}
	return strings.Trim(head, "-")
}
