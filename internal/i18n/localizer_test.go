package i18n

import (
	"bytes"
	"html/template"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// fixed is 8 September 2026, 14:05 UTC.
var fixed = time.Date(2026, time.September, 8, 14, 5, 0, 0, time.UTC)

func TestDateIsWrittenTheLanguagesWay(t *testing.T) {
	c := Builtin()
	for code, want := range map[string]string{
		"en":      "8 September 2026",
		"fr":      "8 septembre 2026",
		"de":      "8. September 2026",
		"ja":      "2026年9月8日",
		"zh-Hans": "2026年9月8日",
		"ar":      "8 سبتمبر 2026",
		"ru":      "8 сентября 2026 г.",
	} {
		if got := c.Localizer(code).Date(fixed); got != want {
			t.Errorf("Date in %s = %q, want %q", code, got, want)
		}
	}
}

func TestMonthNamesDifferFromEnglish(t *testing.T) {
	c := Builtin()
	english := c.Localizer("en").Date(fixed)
	seen := map[string]string{}
	for _, code := range []string{"fr", "de", "ar", "ru", "es", "pl", "el", "he", "no", "zh-Hant"} {
		got := c.Localizer(code).Date(fixed)
		if strings.Contains(got, "September") && code != "de" {
			t.Errorf("Date in %s = %q names the month in English", code, got)
		}
		if got == english {
			t.Errorf("Date in %s = %q, the same as in English", code, got)
		}
		if other, dup := seen[got]; dup {
			t.Errorf("Date in %s = %q, the same as in %s", code, got, other)
		}
		seen[got] = code
	}
}

func TestEveryLanguageHasDateAndNumberFormats(t *testing.T) {
	for _, l := range Default().All() {
		if _, ok := formatters[l.Code]; !ok {
			t.Errorf("locale %s: no CLDR date and number formats", l.Code)
		}
	}
}

func TestNumberGroupsDigitsTheLanguagesWay(t *testing.T) {
	c := Builtin()
	for code, want := range map[string]string{
		"en": "1,234,567",
		"fr": "1\u202f234\u202f567",
		"de": "1.234.567",
		"ar": "1٬234٬567",
	} {
		if got := c.Localizer(code).Number(1234567); got != want {
			t.Errorf("Number in %s = %q, want %q", code, got, want)
		}
	}
}

func TestDateTimeAddsTheClock(t *testing.T) {
	c := Builtin()
	if got, want := c.Localizer("en").DateTime(fixed), "8 September 2026, 14:05 UTC"; got != want {
		t.Errorf("DateTime in en = %q, want %q", got, want)
	}
	if got, want := c.Localizer("fr").DateTime(fixed), "8 septembre 2026 à 14:05 UTC"; got != want {
		t.Errorf("DateTime in fr = %q, want %q", got, want)
	}
}

func TestMonthIsTheStandaloneName(t *testing.T) {
	c := Builtin()
	if got := c.Localizer("fr").Month(time.August); got != "août" {
		t.Errorf("Month(August) in fr = %q, want août", got)
	}
	if got := c.Localizer("en").Month(time.Month(13)); got != "" {
		t.Errorf("Month(13) = %q, want empty", got)
	}
}

// probeCatalog is a catalog of a plural message whose every form is the
// name of its category, in languages with many categories.
func probeCatalog(t *testing.T, logger *slog.Logger) *Catalog {
	t.Helper()
	forms := `{"probe": {"zero": "zero {{.Count}}", "one": "one {{.Count}}", "two": "two {{.Count}}", "few": "few {{.Count}}", "many": "many {{.Count}}", "other": "other {{.Count}}"}}`
	fsys := fstest.MapFS{
		"locales/en.json": {Data: []byte(`{"probe": {"one": "one {{.Count}}", "other": "other {{.Count}}"}, "only.english": "English {{.X}}", "broken": "ok"}`)},
		"locales/ar.json": {Data: []byte(forms)},
		"locales/ru.json": {Data: []byte(forms)},
		"locales/pl.json": {Data: []byte(forms)},
		"locales/cy.json": {Data: []byte(forms)},
		"locales/ja.json": {Data: []byte(`{"probe": {"other": "other {{.Count}}"}, "broken": "{{.X"}`)},
	}
	set, err := Parse("code\te\tn\td\nen\tEnglish\tEnglish\tltr\nar\tArabic\tالعربية\trtl\nru\tRussian\tРусский\tltr\npl\tPolish\tPolski\tltr\ncy\tWelsh\tCymraeg\tltr\nja\tJapanese\t日本語\tltr\nde\tGerman\tDeutsch\tltr\n")
	if err != nil {
		t.Fatal(err)
	}
	c, err := loadCatalog(fsys, set, logger)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNChoosesThePluralForm(t *testing.T) {
	c := probeCatalog(t, nil)
	for _, tc := range []struct {
		code  string
		count int
		want  string
	}{
		{"ar", 0, "zero 0"}, {"ar", 1, "one 1"}, {"ar", 2, "two 2"}, {"ar", 3, "few 3"},
		{"ar", 11, "many 11"}, {"ar", 100, "other 100"}, {"ar", 102, "other 102"}, {"ar", 103, "few 103"},
		{"ru", 1, "one 1"}, {"ru", 2, "few 2"}, {"ru", 5, "many 5"}, {"ru", 11, "many 11"}, {"ru", 21, "one 21"}, {"ru", 22, "few 22"},
		{"pl", 1, "one 1"}, {"pl", 2, "few 2"}, {"pl", 5, "many 5"}, {"pl", 12, "many 12"}, {"pl", 22, "few 22"}, {"pl", 25, "many 25"},
		{"cy", 0, "zero 0"}, {"cy", 1, "one 1"}, {"cy", 2, "two 2"}, {"cy", 3, "few 3"}, {"cy", 6, "many 6"}, {"cy", 4, "other 4"},
		{"ja", 1, "other 1"},
		{"en", 1, "one 1"}, {"en", 2, "other 2"},
		// No German file: English text by English rules, German digits.
		{"de", 1, "one 1"}, {"de", 1000, "other 1.000"},
	} {
		if got := c.Localizer(tc.code).N("probe", tc.count); got != tc.want {
			t.Errorf("N(probe, %d) in %s = %q, want %q", tc.count, tc.code, got, tc.want)
		}
	}
}

func TestArabicSearchCountUsesItsFiveForms(t *testing.T) {
	ar := readLocale(t, "ar")["search.found"]
	l := Builtin().Localizer("ar")
	for count, form := range map[int]string{0: "zero", 1: "one", 2: "two", 3: "few", 11: "many", 100: "other"} {
		want := strings.ReplaceAll(ar.forms[form], "{{.Count}}", l.Number(count))
		if got := l.N("search.found", count); got != want {
			t.Errorf("N(search.found, %d) in ar = %q, want the %s form %q", count, got, form, want)
		}
	}
}

func TestMissingMessagesFallBackToEnglishAndAreLoggedOnce(t *testing.T) {
	var logs bytes.Buffer
	var mu sync.Mutex
	c := probeCatalog(t, slog.New(slog.NewTextHandler(lockedWriter{&mu, &logs}, nil)))
	ar := c.Localizer("ar")
	for range 3 {
		if got := ar.T("only.english", "X", "y"); got != "English y" {
			t.Errorf("T(only.english) in ar = %q, want the English text", got)
		}
	}
	if n := strings.Count(logs.String(), "message=only.english"); n != 1 {
		t.Errorf("missing message logged %d times, want once:\n%s", n, logs.String())
	}
	if got := c.Localizer("ja").T("broken"); got != "ok" {
		t.Errorf("T(broken) in ja = %q, want the English text", got)
	}
	if got := ar.T("no.such.key"); got != "no.such.key" {
		t.Errorf("T of an unknown id = %q, want the id", got)
	}
	if got := ar.T("only.english", "X"); got != "English <no value>" {
		t.Errorf("T with a name but no value = %q", got)
	}
	if !strings.Contains(logs.String(), "has no value") {
		t.Errorf("a placeholder without a value was not logged:\n%s", logs.String())
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *bytes.Buffer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func TestLocalizersAreSharedPerLanguage(t *testing.T) {
	c := Builtin()
	first, second := c.Localizer("fr"), c.Localizer("fr")
	if first != second {
		t.Error("two localizers for fr")
	}
	if c.Localizer("fr") == c.Localizer("ar") {
		t.Error("fr and ar share a localizer")
	}
	if got := c.Localizer("xx").T("nav.home"); got != "Home" {
		t.Errorf("an unknown language's T(nav.home) = %q, want English", got)
	}
}

func TestHTMLEscapesTextAndKeepsMarkup(t *testing.T) {
	fsys := fstest.MapFS{"locales/en.json": {Data: []byte(`{"m": "<b> & {{.Link}} by {{.Name}}"}`)}}
	c, err := loadCatalog(fsys, Default(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := c.Localizer("en").HTML("m", "Link", template.HTML(`<a href="/x">x</a>`), "Name", `<script>"`)
	want := template.HTML(`&lt;b&gt; &amp; <a href="/x">x</a> by &lt;script&gt;&#34;`)
	if got != want {
		t.Errorf("HTML = %q, want %q", got, want)
	}
}

func FuzzHTML(f *testing.F) {
	c := Builtin()
	f.Add("fr", "Le Monde", "<a>")
	f.Add("ar", "\uE0000\uE001", "&amp;")
	f.Fuzz(func(t *testing.T, code, source, date string) {
		l := c.Localizer(code)
		h := string(l.HTML("article.source", "Source", source))
		if strings.ContainsAny(h, "<>\"") {
			t.Errorf("HTML with a plain string value %q holds markup: %q", source, h)
		}
		h = string(l.HTML("article.published", "Date", template.HTML("<time>"+template.HTMLEscapeString(date)+"</time>")))
		if strings.Count(h, "<time>") != 1 || strings.Count(h, "<") != 2 {
			t.Errorf("HTML with an HTML value lost or added markup: %q", h)
		}
	})
}

func TestIDsAreTheEnglishKeys(t *testing.T) {
	ids := Builtin().IDs()
	en := readLocale(t, "en")
	if len(ids) != len(en) {
		t.Fatalf("IDs has %d ids, en.json %d", len(ids), len(en))
	}
	for _, id := range ids {
		if _, ok := en[id]; !ok {
			t.Errorf("IDs lists %s, which en.json lacks", id)
		}
	}
}

func TestLocalizersAreSafeForConcurrentUse(t *testing.T) {
	c, err := LoadCatalog(Default(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	results := make([]string, 16)
	for i := range results {
		wg.Go(func() {
			l := c.Localizer([]string{"fr", "ar"}[i%2])
			results[i] = l.T("nav.home") + l.N("search.found", i) + l.Date(fixed) + string(l.HTML("article.source", "Source", "x"))
		})
	}
	wg.Wait()
	for i := 2; i < len(results); i++ {
		if results[i] == "" || (i%2 == 0 && !strings.HasPrefix(results[i], c.Localizer("fr").T("nav.home"))) {
			t.Errorf("result %d = %q", i, results[i])
		}
	}
}

func TestLanguageNameIsInTheLocalizersLanguage(t *testing.T) {
	c := Builtin()
	for _, tc := range []struct{ in, code, want string }{
		{"fr", "ar", "arabe"},
		{"fr", "fr", "français"},
		{"ar", "ar", "العربية"},
		{"ru", "ru", "русский"},
		{"en", "zh-Hant", "Traditional Chinese"},
		{"de", "no", "Norwegisch Bokmål"},
		{"ko", "zh-Hant", "Traditional Chinese"}, // CLDR in x/text lacks it in Korean
		{"fr", "xx-unknown", "xx-unknown"},
	} {
		if got := c.Localizer(tc.in).LanguageName(tc.code); got != tc.want {
			t.Errorf("LanguageName(%s) in %s = %q, want %q", tc.code, tc.in, got, tc.want)
		}
	}
}
