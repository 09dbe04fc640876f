// Package batch groups a provider's texts into requests within its
// limits on texts and characters per request.
package batch

import "unicode/utf8"

// Split groups texts, in order, into batches of at most maxTexts texts
// and maxChars characters (runes); a text longer than maxChars goes
// alone. A limit below 1 counts as 1. The batches share texts' backing
// array. No texts give no batches.
func Split(texts []string, maxTexts, maxChars int) [][]string {
	maxTexts, maxChars = max(maxTexts, 1), max(maxChars, 1)
	var out [][]string
	start, chars := 0, 0
	for i, t := range texts {
		n := utf8.RuneCountInString(t)
		if i > start && (i-start == maxTexts || chars+n > maxChars) {
			out = append(out, texts[start:i:i])
			start, chars = i, 0
		}
		chars += n
	}
	if start < len(texts) {
		out = append(out, texts[start:len(texts):len(texts)])
	}
	return out
}
