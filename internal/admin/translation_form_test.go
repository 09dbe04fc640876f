package admin

import (
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/translation"
)

func TestParseGlossary(t *testing.T) {
	langs := i18n.Default().Others
	got, err := parseGlossary("Byline\n\n  Le Monde | fr=Le Monde | es = El Mundo \nUN|fr=ONU", langs)
	if err != nil {
		t.Fatal(err)
	}
	want := []news.GlossaryTerm{
		{Term: "Byline"},
		{Term: "Le Monde", Fixed: map[string]string{"fr": "Le Monde", "es": "El Mundo"}},
		{Term: "UN", Fixed: map[string]string{"fr": "ONU"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}

	for _, tc := range []struct{ text, want string }{
		{"ok\n| fr=x", "line 2: the term before the first | is missing"},
		{"a\nb\nc | fr", `line 3: "fr" should be a language code`},
		{"a | xx=y", `line 1: "xx" is not a translation language`},
		{"a | en=y", `line 1: "en" is not a translation language`},
		{"a | fr=", "line 1: the translation into fr is empty"},
		{"a | fr=x | fr=y", "line 1: fr is given twice"},
		{"Term\n\nterm", `line 3: "term" is already on line 1`},
		{strings.Repeat("x", 201), "line 1: the term is too long"},
	} {
		_, err := parseGlossary(tc.text, langs)
		if err == nil || !strings.Contains(news.ErrorMessage(err), tc.want) {
			t.Errorf("parseGlossary(%q) = %v, want an error with %q", tc.text, err, tc.want)
		}
	}
}

func TestParseEngines(t *testing.T) {
	got, err := parseEngines("Apertium, deepl  openai", "x")
	if err != nil || !reflect.DeepEqual(got, []string{"apertium", "deepl", "openai"}) {
		t.Errorf("got %v, %v", got, err)
	}
	if _, err := parseEngines("deepl, babelfish", "The default engine order"); err == nil ||
		!strings.Contains(news.ErrorMessage(err), `"babelfish", which is not an engine`) {
		t.Errorf("unknown engine: %v", err)
	}
	if _, err := parseEngines("deepl, deepl", "x"); err == nil {
		t.Error("a repeated engine was accepted")
	}
}

func TestParseRoutingForm(t *testing.T) {
	langs := i18n.Default().Others
	v := url.Values{
		"default_mode": {"eager"}, "default_engines": {"apertium, deepl"},
		"mode.fr": {"off"}, "engines.de": {"deepl"}, "mode.es": {""}, "engines.es": {" "},
		"glossary": {"Byline\r\nUN | fr=ONU\r\n"},
	}
	f, got, err := parseRoutingForm(v, langs)
	if err != nil {
		t.Fatal(err)
	}
	want := news.TranslationSettings{
		Default: news.LanguageRoute{Mode: "eager", Providers: []string{"apertium", "deepl"}},
		Languages: map[string]news.LanguageRoute{
			"fr": {Mode: "off"}, "de": {Providers: []string{"deepl"}},
		},
		Glossary: []news.GlossaryTerm{{Term: "Byline"}, {Term: "UN", Fixed: map[string]string{"fr": "ONU"}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
	if again := routingFormOf(got, langs); !reflect.DeepEqual(values(again), values(f)) {
		t.Errorf("the stored settings show differently from what was typed:\n%v\n%v", values(again), values(f))
	}

	bad := url.Values{"default_mode": {"on_request"}, "engines.pt": {"deepl, systran"}}
	f, _, err = parseRoutingForm(bad, langs)
	re, ok := err.(*routingError)
	if !ok || re.Field != "engines.pt" || !strings.Contains(err.Error(), "systran") {
		t.Errorf("unknown engine for pt: %v", err)
	}
	if row := rowOf(f, "pt"); row.Engines != "deepl, systran" {
		t.Errorf("the typed engines were not kept: %q", row.Engines)
	}
	if _, _, err := parseRoutingForm(url.Values{"default_mode": {"sometimes"}}, langs); err == nil {
		t.Error("an unknown mode was accepted")
	}
	if _, _, err := parseRoutingForm(url.Values{"default_mode": {"off"}, "mode.fr": {"never"}}, langs); err == nil {
		t.Error("an unknown language mode was accepted")
	}
}

func rowOf(f routingForm, code string) routingRow {
	for _, r := range f.Languages {
		if r.Lang.Code == code {
			return r
		}
	}
	return routingRow{}
}

// values writes a routing form back as the browser would post it.
func values(f routingForm) url.Values {
	v := url.Values{"default_mode": {f.DefaultMode}, "default_engines": {f.DefaultEngines}, "glossary": {f.Glossary}}
	for _, r := range f.Languages {
		v.Set("mode."+r.Lang.Code, r.Mode)
		v.Set("engines."+r.Lang.Code, r.Engines)
	}
	return v
}

func TestSegmentDisplay(t *testing.T) {
	for _, tc := range []struct{ key, want string }{
		{"title", "Title"}, {"image.caption", "Image caption"}, {"body.0002", "Body ¶ 3"},
		{"note_after.0000", "Note after ¶ 1"}, {"body.0010.alt", "Body ¶ 11, image alt text"}, {"odd.key", "odd.key"},
	} {
		if got := segmentLabel(tc.key); got != tc.want {
			t.Errorf("segmentLabel(%q) = %q, want %q", tc.key, got, tc.want)
		}
	}
	got := segmentPieces("Read <g1>this &amp; that</g1><x2 /> &lt;now&gt;", map[string]string{"g1": `a href="/x"`})
	want := []piece{{"Read ", false, ""}, {"<g1>", true, `a href="/x"`}, {"this & that", false, ""},
		{"</g1>", true, `a href="/x"`}, {"<x2/>", true, ""}, {" <now>", false, ""}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("segmentPieces: got %v, want %v", got, want)
	}
	for _, tc := range []struct{ stored, shown string }{
		{"Smith &amp; Sons", "Smith & Sons"},
		{"&amp;copy; stays", "&amp;copy; stays"},
		{"caf&#233; &lt;b&gt;", "caf&#233; &lt;b&gt;"},
		{"a &amp;", "a &"},
	} {
		if got := displayText(tc.stored); got != tc.shown {
			t.Errorf("displayText(%q) = %q, want %q", tc.stored, got, tc.shown)
		}
		if got := storedText(tc.shown); got != tc.stored {
			t.Errorf("storedText(%q) = %q, want %q", tc.shown, got, tc.stored)
		}
	}
}

// FuzzGlossaryText checks that the glossary parser never panics and
// that what it accepts is written back as text that reads the same.
func FuzzGlossaryText(f *testing.F) {
	for _, s := range []string{"", "Byline", "UN | fr=ONU | es=ONU", "a|fr=b=c", "| fr=x", "a | xx=y", "x\n\nX", "a | fr=\tb "} {
		f.Add(s)
	}
	langs := i18n.Default().Others
	f.Fuzz(func(t *testing.T, text string) {
		terms, err := parseGlossary(text, langs)
		if err != nil {
			if news.ErrorCode(err) != news.EINVALID || !strings.HasPrefix(news.ErrorMessage(err), "Glossary line ") &&
				!strings.HasPrefix(news.ErrorMessage(err), "The glossary is too long") {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		again, err := parseGlossary(glossaryText(terms), langs)
		if err != nil {
			t.Fatalf("the written glossary does not parse: %v\n%q", err, glossaryText(terms))
		}
		if len(terms) == 0 && len(again) == 0 {
			return
		}
		if !reflect.DeepEqual(terms, again) {
			t.Fatalf("round trip changed the glossary:\n%#v\n%#v", terms, again)
		}
	})
}

// FuzzTranslationSettingsForm checks that the routing form parser never
// panics, keeps what was typed, and that settings it accepts show as a
// form that parses to the same settings.
func FuzzTranslationSettingsForm(f *testing.F) {
	f.Add("eager", "apertium, deepl", "fr", "off", "deepl", "UN | fr=ONU")
	f.Add("on_request", "", "ar", "", "openai human", "")
	f.Add("off", "babelfish", "xx", "sometimes", ",,", "| es=x")
	langs := i18n.Default().Others
	f.Fuzz(func(t *testing.T, mode, engines, lang, langMode, langEngines, glossary string) {
		v := url.Values{"default_mode": {mode}, "default_engines": {engines}, "glossary": {glossary},
			"mode." + lang: {langMode}, "engines." + lang: {langEngines}}
		form, got, err := parseRoutingForm(v, langs)
		if len(form.Languages) != len(langs) {
			t.Fatalf("the form has %d languages, want %d", len(form.Languages), len(langs))
		}
		if err != nil {
			if _, ok := err.(*routingError); !ok || news.ErrorCode(err) != news.EINVALID {
				t.Fatalf("error without a field: %T %v", err, err)
			}
			return
		}
		_, again, err := parseRoutingForm(values(routingFormOf(got, langs)), langs)
		if err != nil {
			t.Fatalf("the stored settings' form does not parse: %v", err)
		}
		if len(got.Glossary) == 0 && len(again.Glossary) == 0 {
			again.Glossary = got.Glossary
		}
		if !reflect.DeepEqual(got, again) {
			t.Fatalf("round trip changed the settings:\n%#v\n%#v", got, again)
		}
	})
}

// FuzzSegmentText checks that text shown in the editor is stored back
// unchanged when a person leaves it as it is.
func FuzzSegmentText(f *testing.F) {
	for _, s := range []string{"a &amp; b", "&amp;amp;", "&amp;#12;", "<g1>x</g1> &lt;", "&amp;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if storedText(s) != s {
			return // not segment text: it has a bare &
		}
		if got := storedText(displayText(s)); got != s {
			t.Fatalf("storedText(displayText(%q)) = %q", s, got)
		}
		_ = segmentPieces(s, nil)
		_ = segmentLabel(s)
	})
}

// FuzzSegmentEdits checks the editor's reading of a posted form: it
// never panics, every edit it returns is valid segment text for its
// segment, and every refused row says why.
func FuzzSegmentEdits(f *testing.F) {
	f.Add("Lisez <g1>le rapport</g1>.", "", false, "Titre & co")
	f.Add("Lisez le rapport.", "x", true, "<g1>")
	f.Add("", "", true, "")
	a := news.Article{ID: 1, Language: "en", Title: "Water & power",
		BodyHTML: `<p>Read <a href="https://example.org">the report</a>.</p>`}
	f.Fuzz(func(t *testing.T, body, orig string, ok bool, title string) {
		src, err := translation.Split(a)
		if err != nil {
			t.Fatal(err)
		}
		var segs []news.TranslationSegment
		for _, s := range src.Segments {
			segs = append(segs, news.TranslationSegment{Key: s.Key, Source: s.Text})
		}
		rows := segmentRows(segs, func(news.TranslationSegment) string { return "" }, src.Placeholders)
		form := url.Values{"seg.body.0000": {body}, "orig.body.0000": {orig}, "seg.title": {title}}
		if ok {
			form.Set("ok.body.0000", "1")
		}
		edits, bad := collectEdits(form, rows, src)
		for key, text := range edits {
			if text == "" {
				continue
			}
			if err := src.Check(key, text); err != nil {
				t.Fatalf("edit of %s %q is invalid: %v", key, text, err)
			}
		}
		refused := 0
		for _, r := range rows {
			if r.Problem != "" {
				refused++
			}
		}
		if refused != len(bad) {
			t.Fatalf("%d rows refused, %d named", refused, len(bad))
		}
	})
}
