package i18n

import (
	"errors"
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"

	"github.com/go-playground/locales"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language/display"
)

// Localizer is the interface text, dates and numbers of one language. It
// is safe for concurrent use; get one from Catalog.Localizer.
//
// Its methods never fail: a message missing from the language, or broken
// in it, is shown in English and logged once; a message missing from
// English too shows its id. The package's tests keep every locale
// complete.
type Localizer struct {
	cat  *Catalog
	lang Language
	// msgCode is the locale the messages come from: the language's, or
	// English when it has no locale file.
	msgCode  string
	loc      *goi18n.Localizer
	fallback *goi18n.Localizer
	fmt      locales.Translator
	names    display.Namer
}

// Language returns the language the localizer writes in.
func (l *Localizer) Language() Language { return l.lang }

// Code returns the language's code.
func (l *Localizer) Code() string { return l.lang.Code }

// TextLanguage returns the code of the language the messages are written
// in, for lang attributes: the language's own, or English when it has no
// locale file.
func (l *Localizer) TextLanguage() string { return l.msgCode }

// T returns the message id, its {{.Name}} placeholders filled from kv,
// which holds names and values in turn: T("tag.title", "Name", "Climate").
func (l *Localizer) T(id string, kv ...any) string {
	data, err := pairs(kv)
	if err != nil {
		l.cat.reportOnce(l.msgCode, id, err)
	}
	return l.localize(id, nil, data)
}

// N returns the form of the plural message id that count calls for in the
// language, by the CLDR cardinal rules. The placeholder {{.Count}} is
// count written the language's way; kv adds other placeholders as for T.
func (l *Localizer) N(id string, count int, kv ...any) string {
	data, err := pairs(kv)
	if err != nil {
		l.cat.reportOnce(l.msgCode, id, err)
	}
	if data == nil {
		data = map[string]any{}
	}
	if _, ok := data["Count"]; !ok {
		data["Count"] = l.Number(count)
	}
	return l.localize(id, count, data)
}

// HTML returns the message id as HTML, for a message that holds markup
// such as a link: the message text and string values are escaped, while
// values of type template.HTML are inserted as they are.
func (l *Localizer) HTML(id string, kv ...any) template.HTML {
	data, err := pairs(kv)
	if err != nil {
		l.cat.reportOnce(l.msgCode, id, err)
	}
	// Each value becomes a marker that escaping leaves alone; the markers
	// are swapped for the values' HTML once the text is escaped.
	marked := make(map[string]any, len(data))
	swaps := make([]string, 0, 2*len(data))
	i := 0
	for k, v := range data {
		m := "\uE000" + strconv.Itoa(i) + "\uE001"
		i++
		marked[k] = m
		var h string
		switch v := v.(type) {
		case template.HTML:
			h = string(v)
		case string:
			h = html.EscapeString(v)
		default:
			h = html.EscapeString(fmt.Sprint(v))
		}
		swaps = append(swaps, m, h)
	}
	text := html.EscapeString(l.localize(id, nil, marked))
	if len(swaps) > 0 {
		text = strings.NewReplacer(swaps...).Replace(text)
	}
	return template.HTML(text)
}

// localize looks the message up, falling back to English when the
// language lacks it or its text fails to execute.
func (l *Localizer) localize(id string, count any, data map[string]any) string {
	cfg := &goi18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count}
	msg, err := l.loc.Localize(cfg)
	if err == nil {
		return msg
	}
	l.cat.reportOnce(l.msgCode, id, err)
	var notFound *goi18n.MessageNotFoundErr
	if msg != "" && errors.As(err, &notFound) {
		// go-i18n found the English message.
		return msg
	}
	if msg, err = l.fallback.Localize(cfg); err == nil {
		return msg
	}
	l.cat.reportOnce(fallbackCode, id, err)
	if msg != "" {
		return msg
	}
	return id
}

// pairs turns alternating names and values into template data.
func pairs(kv []any) (map[string]any, error) {
	if len(kv) == 0 {
		return nil, nil
	}
	var err error
	if len(kv)%2 != 0 {
		err = fmt.Errorf("placeholder %v has no value", kv[len(kv)-1])
		kv = kv[:len(kv)-1]
	}
	data := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		name, ok := kv[i].(string)
		if !ok {
			err = fmt.Errorf("placeholder name %v is not a string", kv[i])
			continue
		}
		data[name] = kv[i+1]
	}
	return data, err
}
