package i18n

import (
	"strings"
	"time"

	"github.com/go-playground/locales"
	"github.com/go-playground/locales/af"
	"github.com/go-playground/locales/ar"
	"github.com/go-playground/locales/be"
	"github.com/go-playground/locales/bg"
	"github.com/go-playground/locales/ca"
	"github.com/go-playground/locales/cs"
	"github.com/go-playground/locales/cy"
	"github.com/go-playground/locales/da"
	"github.com/go-playground/locales/de"
	"github.com/go-playground/locales/el"
	"github.com/go-playground/locales/en"
	"github.com/go-playground/locales/en_GB"
	"github.com/go-playground/locales/es"
	"github.com/go-playground/locales/et"
	"github.com/go-playground/locales/fa"
	"github.com/go-playground/locales/fi"
	"github.com/go-playground/locales/fil"
	"github.com/go-playground/locales/fr"
	"github.com/go-playground/locales/ga"
	"github.com/go-playground/locales/gl"
	"github.com/go-playground/locales/he"
	"github.com/go-playground/locales/hi"
	"github.com/go-playground/locales/hr"
	"github.com/go-playground/locales/hu"
	"github.com/go-playground/locales/id"
	"github.com/go-playground/locales/is"
	"github.com/go-playground/locales/it"
	"github.com/go-playground/locales/ja"
	"github.com/go-playground/locales/ko"
	"github.com/go-playground/locales/lt"
	"github.com/go-playground/locales/lv"
	"github.com/go-playground/locales/mk"
	"github.com/go-playground/locales/ms"
	"github.com/go-playground/locales/mt"
	"github.com/go-playground/locales/nb"
	"github.com/go-playground/locales/nl"
	"github.com/go-playground/locales/pl"
	"github.com/go-playground/locales/pt"
	"github.com/go-playground/locales/ro"
	"github.com/go-playground/locales/ru"
	"github.com/go-playground/locales/sk"
	"github.com/go-playground/locales/sl"
	"github.com/go-playground/locales/sq"
	"github.com/go-playground/locales/sr"
	"github.com/go-playground/locales/sv"
	"github.com/go-playground/locales/sw"
	"github.com/go-playground/locales/th"
	"github.com/go-playground/locales/tr"
	"github.com/go-playground/locales/uk"
	"github.com/go-playground/locales/vi"
	"github.com/go-playground/locales/yi"
	"github.com/go-playground/locales/zh_Hans"
	"github.com/go-playground/locales/zh_Hant"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// formatters make the CLDR date and number formats of each language, by
// the language's code in languages.tsv. English dates are written the
// way the site always wrote them, "8 September 2026" (en_GB); Norwegian
// is Bokmål.
var formatters = map[string]func() locales.Translator{
	"en": en_GB.New, "af": af.New, "sq": sq.New, "ar": ar.New, "be": be.New,
	"bg": bg.New, "ca": ca.New, "zh-Hans": zh_Hans.New, "zh-Hant": zh_Hant.New,
	"hr": hr.New, "cs": cs.New, "da": da.New, "nl": nl.New, "et": et.New,
	"fil": fil.New, "fi": fi.New, "fr": fr.New, "gl": gl.New, "de": de.New,
	"el": el.New, "he": he.New, "hi": hi.New, "hu": hu.New, "is": is.New,
	"id": id.New, "ga": ga.New, "it": it.New, "ja": ja.New, "ko": ko.New,
	"lv": lv.New, "lt": lt.New, "mk": mk.New, "ms": ms.New, "mt": mt.New,
	"no": nb.New, "fa": fa.New, "pl": pl.New, "pt": pt.New, "ro": ro.New,
	"ru": ru.New, "sr": sr.New, "sk": sk.New, "sl": sl.New, "es": es.New,
	"sw": sw.New, "sv": sv.New, "th": th.New, "tr": tr.New, "uk": uk.New,
	"vi": vi.New, "cy": cy.New, "yi": yi.New,
}

// formatter returns the date and number formats of code, English's for a
// language without them.
func formatter(code string) locales.Translator {
	if f, ok := formatters[code]; ok {
		return f()
	}
	if f, ok := formatters[fallbackCode]; ok {
		return f()
	}
	return en.New()
}

// Date returns the day of t as the language writes it in full:
// "8 septembre 2026", "2026年9月8日". t is shown in its own time zone.
func (l *Localizer) Date(t time.Time) string { return l.fmt.FmtDateLong(t) }

// DateTime returns the day and time of day of t with its time zone's
// abbreviation: "8 September 2026, 14:05 CEST".
func (l *Localizer) DateTime(t time.Time) string {
	clock := l.fmt.FmtTimeShort(t) + " " + t.Format("MST")
	return l.T("date.at_time", "Date", l.Date(t), "Time", clock)
}

// Number returns n with the language's digit grouping: "12 345" in
// French, "12,345" in English.
func (l *Localizer) Number(n int) string { return l.fmt.FmtNumber(float64(n), 0) }

// Month returns the name of month m standing alone, as in a list of
// months: "septembre", "сентябрь".
func (l *Localizer) Month(m time.Month) string {
	if m < time.January || m > time.December {
		return ""
	}
	return l.T("month." + strings.ToLower(m.String()))
}

// LanguageName returns the name of the language code in the localizer's
// language, as CLDR writes it: "arabe" in French, "français" in French
// for French itself. A language CLDR does not name in this one is given
// its English name.
func (l *Localizer) LanguageName(code string) string {
	tag, err := language.Parse(code)
	if err == nil && l.names != nil {
		if n := l.names.Name(tag); n != "" {
			return n
		}
	}
	if err == nil {
		if n := display.English.Tags().Name(tag); n != "" {
			return n
		}
	}
	if lang, ok := l.cat.set.Lookup(code); ok {
		return lang.EnglishName
	}
	return code
}

// namer returns the CLDR language names in the language code, nil when
// x/text has none.
func namer(code string) display.Namer {
	tag, err := language.Parse(code)
	if err != nil {
		return nil
	}
	return display.Tags(tag)
}
