package openai

import "fmt"

// instructions is the system message for translating n texts.
func instructions(from, to string, n int) string {
	return fmt.Sprintf(`You are a professional translator for a news site. Translate each string of the JSON array in the user's message from %[1]s to %[2]s.

Rules:
- The strings contain placeholder tags: <g1>…</g1> around a span of text, and <x2/> standing alone (the numbers vary). Keep every tag exactly as written, each exactly once, and place it around or beside the words that correspond in the translation. Never translate, renumber, drop or add a tag.
- Translate only the text. Keep names, numbers, URLs and punctuation style suited to %[2]s. Do not add notes, explanations or quotation marks.
- Answer with a JSON object only: {"translations": [...]}, holding exactly %[3]d strings, the translation of each input string in the same order.`, from, to, n)
}
