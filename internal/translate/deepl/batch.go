package deepl

import (
	"encoding/json"
	"fmt"
)

// DeepL's documented limits for one /v2/translate request.
const (
	maxTexts     = 50
	maxBodyBytes = 128 * 1024
)

// request is the JSON body of POST /v2/translate.
type request struct {
	Text               []string `json:"text"`
	SourceLang         string   `json:"source_lang"`
	TargetLang         string   `json:"target_lang"`
	TagHandling        string   `json:"tag_handling"`
	PreserveFormatting bool     `json:"preserve_formatting"`
}

func newRequest(texts []string, source, target string) request {
	return request{
		Text:               texts,
		SourceLang:         source,
		TargetLang:         target,
		TagHandling:        "xml",
		PreserveFormatting: true,
	}
}

// splitBatches groups texts into requests of at most maxTexts texts and
// maxBodyBytes of JSON body, keeping their order. The size is counted
// exactly: an empty request's body plus each text's JSON string and comma.
func splitBatches(texts []string, source, target string) ([]request, error) {
	empty, err := json.Marshal(newRequest([]string{}, source, target))
	if err != nil {
		return nil, fmt.Errorf("deepl: encode request: %w", err)
	}
	var batches []request
	var cur []string
	size := len(empty)
	for i, t := range texts {
		enc, err := json.Marshal(t)
		if err != nil {
			return nil, fmt.Errorf("deepl: encode text %d: %w", i, err)
		}
		if len(empty)+len(enc) > maxBodyBytes {
			return nil, fmt.Errorf("deepl: text %d is %d bytes encoded, over DeepL's %d-byte request limit", i, len(enc), maxBodyBytes)
		}
		add := len(enc)
		if len(cur) > 0 {
			add++ // the comma
		}
		if len(cur) == maxTexts || size+add > maxBodyBytes {
			batches = append(batches, newRequest(cur, source, target))
			cur, size, add = nil, len(empty), len(enc)
		}
		cur = append(cur, t)
		size += add
	}
	if len(cur) > 0 {
		batches = append(batches, newRequest(cur, source, target))
	}
	return batches, nil
}
