// Package i18n knows the languages the site is offered in: the source
// language and the translations in the menu, with their native names and
// writing direction, and the site's interface text in each of them: a
// Catalog of message files, one per language, with CLDR plural rules,
// dates and numbers, read through a Localizer per language.
package i18n

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed languages.tsv
var defaultTSV string

// Language is one language of the site.
type Language struct {
	Code        string // BCP 47 tag as used in URLs: "en", "zh-Hans"
	EnglishName string
	NativeName  string
	Dir         string // "ltr" or "rtl"
}

// RTL reports whether the language is written right to left.
func (l Language) RTL() bool { return l.Dir == "rtl" }

// Set is the site's languages: the source first, then the menu's.
type Set struct {
	Source Language
	Others []Language
	byCode map[string]Language
}

// Default returns the languages of languages.tsv: English and the 51.
func Default() *Set {
	s, err := Parse(defaultTSV)
	if err != nil {
		panic("i18n: embedded languages.tsv: " + err.Error())
	}
	return s
}

// Parse reads a languages table: a header line, then code, English name,
// native name and direction separated by tabs. The first row is the source.
func Parse(tsv string) (*Set, error) {
	s := &Set{byCode: map[string]Language{}}
	lines := strings.Split(strings.ReplaceAll(tsv, "\r\n", "\n"), "\n")
	for i, line := range lines {
		if i == 0 || strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("line %d: want 4 tab-separated fields, have %d", i+1, len(f))
		}
		l := Language{Code: f[0], EnglishName: f[1], NativeName: f[2], Dir: f[3]}
		if l.Dir != "ltr" && l.Dir != "rtl" {
			return nil, fmt.Errorf("line %d: direction %q is neither ltr nor rtl", i+1, l.Dir)
		}
		if _, dup := s.byCode[l.Code]; dup {
			return nil, fmt.Errorf("line %d: language %q listed twice", i+1, l.Code)
		}
		s.byCode[l.Code] = l
		if s.Source.Code == "" {
			s.Source = l
		} else {
			s.Others = append(s.Others, l)
		}
	}
	if s.Source.Code == "" {
		return nil, fmt.Errorf("no languages listed")
	}
	return s, nil
}

// All returns the source language followed by the others.
func (s *Set) All() []Language { return append([]Language{s.Source}, s.Others...) }

// Lookup finds a language by its code.
func (s *Set) Lookup(code string) (Language, bool) {
	l, ok := s.byCode[code]
	return l, ok
}

// IsTranslation reports whether code is one of the non-source languages.
func (s *Set) IsTranslation(code string) bool {
	_, ok := s.byCode[code]
	return ok && code != s.Source.Code
}
