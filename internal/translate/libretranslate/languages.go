package libretranslate

import (
	"encoding/json"
	"fmt"
	"strings"
)

// language is one entry of GET /languages.
type language struct {
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Targets []string `json:"targets"`
}

// parseLanguages reads the answer to GET /languages.
func parseLanguages(body []byte) ([]language, error) {
	var langs []language
	if err := json.Unmarshal(body, &langs); err != nil {
		return nil, fmt.Errorf("libretranslate: /languages: malformed answer: %w", err)
	}
	out := langs[:0]
	for _, l := range langs {
		if l.Code != "" {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("libretranslate: /languages lists no languages")
	}
	return out, nil
}

// serverCodes lists the codes LibreTranslate servers have used for a
// site language, most specific first.
var serverCodes = map[string][]string{
	"zh-hans": {"zh-Hans", "zh", "zh-CN"},
	"zh-hant": {"zh-Hant", "zt", "zh-TW"},
	"no":      {"nb", "no"},
	"fil":     {"tl", "fil"},
	"he":      {"he", "iw"},
	"id":      {"id", "in"},
	"yi":      {"yi", "ji"},
	"pt":      {"pt", "pt-BR"},
}

// candidates returns the server codes that may stand for the site
// language lang.
func candidates(lang string) []string {
	if c, ok := serverCodes[strings.ToLower(lang)]; ok {
		return c
	}
	return []string{lang}
}

// catalog is the server's languages by code.
type catalog map[string]language

func newCatalog(langs []language) catalog {
	c := make(catalog, len(langs))
	for _, l := range langs {
		c[strings.ToLower(l.Code)] = l
	}
	return c
}

// code returns the server's code for the site language lang, or "".
func (c catalog) code(lang string) string {
	for _, cand := range candidates(lang) {
		if l, ok := c[strings.ToLower(cand)]; ok {
			return l.Code
		}
	}
	return ""
}

// pair returns the server's codes for src→dst, ok when it translates
// that direction. A server that lists no targets for a language is taken
// to translate it into every language it lists.
func (c catalog) pair(src, dst string) (s, d string, ok bool) {
	s, d = c.code(src), c.code(dst)
	if s == "" || d == "" || s == d {
		return "", "", false
	}
	targets := c[strings.ToLower(s)].Targets
	if targets == nil {
		return s, d, true
	}
	for _, t := range targets {
		if strings.EqualFold(t, d) {
			return s, d, true
		}
	}
	return "", "", false
}
