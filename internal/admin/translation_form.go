package admin

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/news"
)

// knownEngines are the provider names a route may list, in the order the
// form names them.
var knownEngines = []string{"apertium", "libretranslate", "deepl", "google", "openai", "human"}

// routeModes are the modes a route may have; "" on a language means the
// default's.
var routeModes = []string{news.ModeEager, news.ModeOnRequest, news.ModeOff}

// Limits of the routing form.
const (
	maxEngineListBytes = 200
	maxGlossaryBytes   = 50_000 // under maxFormBytes, with the rest of the form
	maxGlossaryTerms   = 2000
	maxGlossaryTerm    = 200
)

// routingForm is the routing form as typed, so that a refused form
// shows again with everything in it.
type routingForm struct {
	DefaultMode    string
	DefaultEngines string
	Languages      []routingRow
	Glossary       string
}

// routingRow is one language's override as typed; both blank means the
// language follows the default.
type routingRow struct {
	Lang    i18n.Language
	Mode    string
	Engines string
}

// routingError is a problem of the routing form and the field it is
// about.
type routingError struct {
	Field string
	err   error
}

func (e *routingError) Error() string { return e.err.Error() }
func (e *routingError) Unwrap() error { return e.err }

func routingProblem(field, format string, args ...any) *routingError {
	return &routingError{Field: field, err: news.Errorf(news.EINVALID, format, args...)}
}

// routingFormOf lays stored settings out as the form shows them.
func routingFormOf(t news.TranslationSettings, langs []i18n.Language) routingForm {
	f := routingForm{DefaultMode: t.Default.Mode, DefaultEngines: strings.Join(t.Default.Providers, ", "),
		Glossary: glossaryText(t.Glossary)}
	if f.DefaultMode == "" {
		f.DefaultMode = news.ModeOnRequest
	}
	for _, l := range langs {
		r := t.Languages[l.Code]
		f.Languages = append(f.Languages, routingRow{Lang: l, Mode: r.Mode, Engines: strings.Join(r.Providers, ", ")})
	}
	return f
}

// parseRoutingForm reads the routing form posted for the languages
// langs. The form as typed comes back even on error; the error is a
// *routingError naming the field at fault.
func parseRoutingForm(v url.Values, langs []i18n.Language) (routingForm, news.TranslationSettings, error) {
	f := routingForm{
		DefaultMode:    cleanText(strings.TrimSpace(v.Get("default_mode")), 20),
		DefaultEngines: cleanText(strings.TrimSpace(v.Get("default_engines")), maxEngineListBytes+1),
		Glossary:       clean(strings.ReplaceAll(v.Get("glossary"), "\r\n", "\n"), maxGlossaryBytes+1, true),
	}
	for _, l := range langs {
		f.Languages = append(f.Languages, routingRow{Lang: l,
			Mode:    cleanText(strings.TrimSpace(v.Get("mode."+l.Code)), 20),
			Engines: cleanText(strings.TrimSpace(v.Get("engines."+l.Code)), maxEngineListBytes+1)})
	}
	var t news.TranslationSettings
	if !slices.Contains(routeModes, f.DefaultMode) {
		return f, t, routingProblem("default_mode", "Choose the default mode: eager, on request or off.")
	}
	providers, err := parseEngines(f.DefaultEngines, "The default engine order")
	if err != nil {
		return f, t, &routingError{Field: "default_engines", err: err}
	}
	t.Default = news.LanguageRoute{Mode: f.DefaultMode, Providers: providers}
	for _, row := range f.Languages {
		if row.Mode != "" && !slices.Contains(routeModes, row.Mode) {
			return f, t, routingProblem("mode."+row.Lang.Code,
				"Choose a mode for %s (%s): default, eager, on request or off.", row.Lang.EnglishName, row.Lang.Code)
		}
		providers, err := parseEngines(row.Engines, fmt.Sprintf("The engine order for %s (%s)", row.Lang.EnglishName, row.Lang.Code))
		if err != nil {
			return f, t, &routingError{Field: "engines." + row.Lang.Code, err: err}
		}
		if row.Mode == "" && len(providers) == 0 {
			continue
		}
		if t.Languages == nil {
			t.Languages = map[string]news.LanguageRoute{}
		}
		t.Languages[row.Lang.Code] = news.LanguageRoute{Mode: row.Mode, Providers: providers}
	}
	t.Glossary, err = parseGlossary(f.Glossary, langs)
	if err != nil {
		return f, t, &routingError{Field: "glossary", err: err}
	}
	return f, t, nil
}

// parseEngines reads an engine order such as "apertium, deepl, openai":
// names separated by commas or spaces, each known and listed once.
func parseEngines(s, label string) ([]string, error) {
	if len(s) > maxEngineListBytes {
		return nil, news.Errorf(news.EINVALID, "%s is too long: at most %d characters.", label, maxEngineListBytes)
	}
	var out []string
	for _, name := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		name = strings.ToLower(name)
		if !slices.Contains(knownEngines, name) {
			return nil, news.Errorf(news.EINVALID, "%s names %q, which is not an engine: use %s.",
				label, name, strings.Join(knownEngines, ", "))
		}
		if slices.Contains(out, name) {
			return nil, news.Errorf(news.EINVALID, "%s names %q twice.", label, name)
		}
		out = append(out, name)
	}
	return out, nil
}

// parseGlossary reads the glossary, one term a line: "Term" is never
// translated; "Term | es=Término | fr=Terme" is translated that way in
// those languages (langs are the site's translation languages). Blank
// lines are skipped. Errors name the line.
func parseGlossary(text string, langs []i18n.Language) ([]news.GlossaryTerm, error) {
	if len(text) > maxGlossaryBytes {
		return nil, news.Errorf(news.EINVALID, "The glossary is too long: at most %d characters.", maxGlossaryBytes)
	}
	known := make(map[string]bool, len(langs))
	for _, l := range langs {
		known[l.Code] = true
	}
	var out []news.GlossaryTerm
	seen := map[string]int{}
	for i, ln := range strings.Split(text, "\n") {
		n := i + 1
		ln = strings.TrimSpace(ln)
		if ln == "" {
			continue
		}
		parts := strings.Split(ln, "|")
		term := strings.TrimSpace(parts[0])
		if term == "" {
			return nil, news.Errorf(news.EINVALID, "Glossary line %d: the term before the first | is missing.", n)
		}
		if len(term) > maxGlossaryTerm || !utf8.ValidString(term) {
			return nil, news.Errorf(news.EINVALID, "Glossary line %d: the term is too long: at most %d characters.", n, maxGlossaryTerm)
		}
		key := strings.ToLower(term)
		if first, dup := seen[key]; dup {
			return nil, news.Errorf(news.EINVALID, "Glossary line %d: %q is already on line %d.", n, term, first)
		}
		seen[key] = n
		gt := news.GlossaryTerm{Term: term}
		for _, p := range parts[1:] {
			p = strings.TrimSpace(p)
			code, fixed, ok := strings.Cut(p, "=")
			code, fixed = strings.TrimSpace(code), strings.TrimSpace(fixed)
			switch {
			case !ok || code == "":
				return nil, news.Errorf(news.EINVALID,
					"Glossary line %d: %q should be a language code, = and the translation, such as es=Término.", n, p)
			case !known[code]:
				return nil, news.Errorf(news.EINVALID,
					"Glossary line %d: %q is not a translation language of this site.", n, code)
			case fixed == "":
				return nil, news.Errorf(news.EINVALID, "Glossary line %d: the translation into %s is empty.", n, code)
			case len(fixed) > maxGlossaryTerm:
				return nil, news.Errorf(news.EINVALID,
					"Glossary line %d: the translation into %s is too long: at most %d characters.", n, code, maxGlossaryTerm)
			}
			if _, dup := gt.Fixed[code]; dup {
				return nil, news.Errorf(news.EINVALID, "Glossary line %d: %s is given twice.", n, code)
			}
			if gt.Fixed == nil {
				gt.Fixed = map[string]string{}
			}
			gt.Fixed[code] = fixed
		}
		out = append(out, gt)
		if len(out) > maxGlossaryTerms {
			return nil, news.Errorf(news.EINVALID, "Glossary line %d: the glossary may hold at most %d terms.", n, maxGlossaryTerms)
		}
	}
	return out, nil
}

// glossaryText writes the glossary as the form shows it, languages in
// code order.
func glossaryText(terms []news.GlossaryTerm) string {
	var b strings.Builder
	for _, t := range terms {
		b.WriteString(t.Term)
		codes := make([]string, 0, len(t.Fixed))
		for c := range t.Fixed {
			codes = append(codes, c)
		}
		slices.Sort(codes)
		for _, c := range codes {
			fmt.Fprintf(&b, " | %s=%s", c, t.Fixed[c])
		}
		b.WriteByte('\n')
	}
	return b.String()
}
