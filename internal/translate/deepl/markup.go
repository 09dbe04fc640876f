package deepl

import "github.com/byline-news/byline/internal/translate/internal/tagtext"

// escapeText turns a segment into the XML DeepL's tag handling reads: the
// placeholder tags stay tags, every other '&', '<' and '>' is escaped, so
// a literal "a < b" in the text cannot break the markup.
func escapeText(s string) string { return tagtext.Escape(s) }

// unescapeText undoes escapeText on DeepL's answer, resolving every
// character reference outside the placeholder tags.
func unescapeText(s string) string { return tagtext.Unescape(s) }
