package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// pluralForms are the CLDR plural categories in go-i18n's spelling.
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

// sameAsEnglish lists the messages a translation may leave exactly as in
// English: separators, proper names and words many languages borrow.
var sameAsEnglish = map[string]bool{
	"list.separator":   true,
	"date.at_time":     true,
	"feed.json":        true,
	"nav.contact":      true,
	"nav.newsletter":   true,
	"footer.sitemap":   true,
	"footer.nav_label": true,
	"author.website":   true,
	"article.tags":     true,
	"month.april":      true,
	"month.august":     true,
	"month.september":  true,
	"month.november":   true,
	"month.december":   true,
}

// localeMessage is one message of a locale file: its plural forms, or
// "other" alone for a simple message.
type localeMessage struct {
	forms  map[string]string
	plural bool
}

// readLocale reads a locale file as raw JSON, so that the test sees
// exactly what the translator wrote.
func readLocale(t *testing.T, code string) map[string]localeMessage {
	t.Helper()
	buf, err := fs.ReadFile(localeFS, localeFile(code))
	if err != nil {
		t.Fatalf("locale %s: %v", code, err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(buf, &raw); err != nil {
		t.Fatalf("locale %s: %s is not a JSON object: %v", code, localeFile(code), err)
	}
	out := make(map[string]localeMessage, len(raw))
	for id, v := range raw {
		var s string
		if err := json.Unmarshal(v, &s); err == nil {
			out[id] = localeMessage{forms: map[string]string{"other": s}}
			continue
		}
		var forms map[string]string
		if err := json.Unmarshal(v, &forms); err != nil {
			t.Errorf("locale %s, key %s: neither a string nor an object of plural forms: %v", code, id, err)
			continue
		}
		out[id] = localeMessage{forms: forms, plural: true}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestEveryLanguageHasALocaleFile(t *testing.T) {
	for _, l := range Default().All() {
		if _, err := fs.Stat(localeFS, localeFile(l.Code)); err != nil {
			t.Errorf("locale %s (%s): no %s", l.Code, l.EnglishName, localeFile(l.Code))
		}
	}
}

func TestNoLocaleFileForAnUnknownLanguage(t *testing.T) {
	files, err := fs.Glob(localeFS, "locales/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		code := strings.TrimSuffix(strings.TrimPrefix(f, "locales/"), ".json")
		if _, ok := Default().Lookup(code); !ok || !strings.HasSuffix(f, ".json") {
			t.Errorf("%s is not the locale file of a language in languages.tsv", f)
		}
	}
}

// translations runs f for every language but English that has a locale
// file; the missing files are TestEveryLanguageHasALocaleFile's to report.
func translations(t *testing.T, f func(t *testing.T, code string, msgs map[string]localeMessage)) {
	for _, l := range Default().Others {
		if _, err := fs.Stat(localeFS, localeFile(l.Code)); err != nil {
			continue
		}
		t.Run(l.Code, func(t *testing.T) { f(t, l.Code, readLocale(t, l.Code)) })
	}
}

func TestLocalesHaveExactlyTheEnglishKeys(t *testing.T) {
	en := readLocale(t, "en")
	translations(t, func(t *testing.T, code string, msgs map[string]localeMessage) {
		for _, id := range sortedKeys(en) {
			if _, ok := msgs[id]; !ok {
				t.Errorf("locale %s: key %s is missing (English: %q)", code, id, en[id].forms["other"])
			}
		}
		for _, id := range sortedKeys(msgs) {
			if _, ok := en[id]; !ok {
				t.Errorf("locale %s: key %s is not in en.json", code, id)
			}
		}
	})
}

// probeCounts are numbers that between them reach every plural category
// of every language: whole numbers, decimals and exponents.
func probeCounts() []any {
	var out []any
	for i := 0; i <= 1100; i++ {
		out = append(out, i)
	}
	for _, n := range []int{1000000, 2000000, 1000001, 10000000} {
		out = append(out, n)
	}
	for i := 0; i <= 120; i++ {
		for _, frac := range []string{".0", ".1", ".2", ".5", ".00", ".01", ".10", ".25"} {
			out = append(out, fmt.Sprint(i)+frac)
		}
	}
	return append(out, "1e3", "1e6", "2e6", "1.5e6", "1e9")
}

// requiredForms returns the plural categories go-i18n's CLDR rules use
// for the language code, found by asking it to choose for probeCounts.
func requiredForms(t *testing.T, code string) []string {
	t.Helper()
	b := goi18n.NewBundle(language.English)
	msg := &goi18n.Message{ID: "probe", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
	tag, err := language.Parse(code)
	if err != nil {
		t.Fatalf("locale %s: not a language tag: %v", code, err)
	}
	if err := b.AddMessages(tag, msg); err != nil {
		t.Fatal(err)
	}
	loc := goi18n.NewLocalizer(b, code)
	seen := map[string]bool{}
	for _, n := range probeCounts() {
		s, err := loc.Localize(&goi18n.LocalizeConfig{MessageID: "probe", PluralCount: n})
		if err != nil {
			t.Fatalf("locale %s: choosing the plural form of %v: %v", code, n, err)
		}
		seen[s] = true
	}
	var out []string
	for _, f := range pluralForms {
		if seen[f] {
			out = append(out, f)
		}
	}
	return out
}

func TestRequiredFormsFollowCLDR(t *testing.T) {
	// A few languages whose categories are well known, to show that the
	// probing finds them all.
	for code, want := range map[string][]string{
		"en": {"one", "other"},
		"ja": {"other"},
		"ru": {"one", "few", "many", "other"},
		"ar": {"zero", "one", "two", "few", "many", "other"},
		"cy": {"zero", "one", "two", "few", "many", "other"},
		"fr": {"one", "many", "other"},
	} {
		if got := requiredForms(t, code); !slices.Equal(got, want) {
			t.Errorf("plural categories of %s = %v, want %v", code, got, want)
		}
	}
}

func TestPluralMessagesHaveTheLanguagesCategories(t *testing.T) {
	check := func(t *testing.T, code string, msgs map[string]localeMessage) {
		want := requiredForms(t, code)
		for _, id := range sortedKeys(msgs) {
			m := msgs[id]
			if !m.plural {
				continue
			}
			for _, f := range want {
				if strings.TrimSpace(m.forms[f]) == "" {
					t.Errorf("locale %s, key %s: plural form %q is missing (the language uses %v)", code, id, f, want)
				}
			}
			for _, f := range sortedKeys(m.forms) {
				if !slices.Contains(want, f) {
					t.Errorf("locale %s, key %s: plural form %q is not used by the language (it uses %v)", code, id, f, want)
				}
			}
		}
	}
	t.Run("en", func(t *testing.T) { check(t, "en", readLocale(t, "en")) })
	en := readLocale(t, "en")
	translations(t, func(t *testing.T, code string, msgs map[string]localeMessage) {
		check(t, code, msgs)
		for id, m := range msgs {
			if e, ok := en[id]; ok && e.plural != m.plural {
				t.Errorf("locale %s, key %s: plural is %v here but %v in English", code, id, m.plural, e.plural)
			}
		}
	})
}

var placeholderPattern = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// placeholders returns the {{.X}} names of a text, sorted, without
// repeats, and whether the text has template syntax of another kind.
func placeholders(s string) ([]string, bool) {
	var out []string
	for _, m := range placeholderPattern.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	rest := placeholderPattern.ReplaceAllString(s, "")
	return out, strings.Contains(rest, "{{") || strings.Contains(rest, "}}")
}

func TestLocalesKeepTheEnglishPlaceholders(t *testing.T) {
	en := readLocale(t, "en")
	translations(t, func(t *testing.T, code string, msgs map[string]localeMessage) {
		for _, id := range sortedKeys(msgs) {
			e, ok := en[id]
			if !ok {
				continue
			}
			want, _ := placeholders(e.forms["other"])
			for _, form := range sortedKeys(msgs[id].forms) {
				text := msgs[id].forms[form]
				got, odd := placeholders(text)
				if odd {
					t.Errorf("locale %s, key %s (%s): template syntax other than {{.Name}}: %q", code, id, form, text)
				}
				if !slices.Equal(got, want) && !(form != "other" && msgs[id].plural && slices.Equal(got, without(want, "Count"))) {
					t.Errorf("locale %s, key %s (%s): placeholders %v, English has %v: %q", code, id, form, got, want, text)
				}
			}
		}
	})
}

// without returns list less name: a plural form for exactly one thing may
// spell the number out ("one article", "un article").
func without(list []string, name string) []string {
	return slices.DeleteFunc(slices.Clone(list), func(s string) bool { return s == name })
}

func TestLocalesAreTranslated(t *testing.T) {
	en := readLocale(t, "en")
	translations(t, func(t *testing.T, code string, msgs map[string]localeMessage) {
		for _, id := range sortedKeys(msgs) {
			e, ok := en[id]
			if !ok || sameAsEnglish[id] {
				continue
			}
			for form, text := range msgs[id].forms {
				if strings.TrimSpace(text) == "" {
					t.Errorf("locale %s, key %s (%s): empty", code, id, form)
				} else if text == e.forms[form] || text == e.forms["other"] {
					t.Errorf("locale %s, key %s (%s): same as English: %q", code, id, form, text)
				}
			}
		}
	})
}

func TestEnglishMessagesAreWellFormed(t *testing.T) {
	for id, m := range readLocale(t, "en") {
		for form, text := range m.forms {
			if strings.TrimSpace(text) == "" {
				t.Errorf("locale en, key %s (%s): empty", id, form)
			}
			if _, odd := placeholders(text); odd {
				t.Errorf("locale en, key %s (%s): template syntax other than {{.Name}}: %q", id, form, text)
			}
		}
	}
}

func TestCatalogLoadsEveryLocaleFile(t *testing.T) {
	c, err := LoadCatalog(Default(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range Default().All() {
		if _, err := fs.Stat(localeFS, localeFile(l.Code)); err == nil && !c.loaded[l.Code] {
			t.Errorf("locale %s: file present but not loaded", l.Code)
		}
	}
}
