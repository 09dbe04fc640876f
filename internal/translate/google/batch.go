package google

import "unicode/utf8"

// splitBatches groups texts, in order, into batches of at most maxTexts
// texts and maxChars characters; a text longer than maxChars goes alone.
func splitBatches(texts []string, maxChars int) [][]string {
	var batches [][]string
	var cur []string
	chars := 0
	for _, t := range texts {
		n := utf8.RuneCountInString(t)
		if len(cur) > 0 && (len(cur) == maxTexts || chars+n > maxChars) {
			batches = append(batches, cur)
			cur, chars = nil, 0
		}
		cur = append(cur, t)
		chars += n
	}
	if len(cur) > 0 {
		batches = append(batches, cur)
	}
	return batches
}
