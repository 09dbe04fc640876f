package i18n

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"slices"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// fallbackCode is the locale every other falls back to, message by
// message: the catalog is written in English first.
const fallbackCode = "en"

//go:embed locales/*.json
var localeFS embed.FS

// Catalog is the interface text of the site in every language it has a
// locale file for. It is safe for concurrent use.
type Catalog struct {
	bundle *goi18n.Bundle
	set    *Set
	// loaded holds the codes that have a locale file.
	loaded map[string]bool
	// ids are the English message ids, sorted.
	ids    []string
	logger *slog.Logger

	localizers sync.Map // code → *Localizer
	// reported remembers the problems already logged, so that a missing
	// message is logged once and not on every page.
	reported sync.Map // string → struct{}
}

// LoadCatalog reads the embedded locale files of the languages of set.
// English must be present, as every message falls back to it; a language
// without a locale file is shown in English, which is logged. logger may
// be nil.
func LoadCatalog(set *Set, logger *slog.Logger) (*Catalog, error) {
	return loadCatalog(localeFS, set, logger)
}

// builtin is the catalog of the default languages, loaded once.
var builtin = sync.OnceValues(func() (*Catalog, error) { return LoadCatalog(Default(), nil) })

// Builtin returns the catalog of Default's languages. It panics when the
// embedded locale files are broken, which the package's tests rule out.
func Builtin() *Catalog {
	c, err := builtin()
	if err != nil {
		panic("i18n: embedded locale files: " + err.Error())
	}
	return c
}

func loadCatalog(fsys fs.FS, set *Set, logger *slog.Logger) (*Catalog, error) {
	if set == nil {
		return nil, errors.New("i18n: no language set to load a catalog for")
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	c := &Catalog{
		bundle: goi18n.NewBundle(language.English),
		set:    set,
		loaded: map[string]bool{},
		logger: logger,
	}
	c.bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	codes := []string{fallbackCode}
	for _, l := range set.All() {
		if l.Code != fallbackCode {
			codes = append(codes, l.Code)
		}
	}
	for _, code := range codes {
		name := localeFile(code)
		buf, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) && code != fallbackCode {
			logger.Warn("no interface translation for a language; its pages show the interface in English", "language", code)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("i18n: reading the %s locale: %w", code, err)
		}
		// go-i18n takes the language from the file name.
		mf, err := c.bundle.ParseMessageFileBytes(buf, path.Base(name))
		if err != nil {
			return nil, fmt.Errorf("i18n: parsing %s: %w", name, err)
		}
		if code == fallbackCode {
			for _, m := range mf.Messages {
				c.ids = append(c.ids, m.ID)
			}
			slices.Sort(c.ids)
		}
		c.loaded[code] = true
	}
	return c, nil
}

// localeFile is the path of a locale's message file.
func localeFile(code string) string { return "locales/" + code + ".json" }

// Localizer returns the localizer of the language code, English for a code
// the catalog has no file for. Localizers are made once per code and
// shared.
func (c *Catalog) Localizer(code string) *Localizer {
	if l, ok := c.localizers.Load(code); ok {
		return l.(*Localizer)
	}
	l, _ := c.localizers.LoadOrStore(code, c.newLocalizer(code))
	return l.(*Localizer)
}

func (c *Catalog) newLocalizer(code string) *Localizer {
	lang, ok := c.set.Lookup(code)
	if !ok {
		lang = Language{Code: code, EnglishName: code, NativeName: code, Dir: "ltr"}
	}
	msgCode := code
	if !c.loaded[code] {
		msgCode = fallbackCode
	}
	tags := []string{msgCode}
	if msgCode != fallbackCode {
		tags = append(tags, fallbackCode)
	}
	return &Localizer{
		cat:      c,
		lang:     lang,
		msgCode:  msgCode,
		loc:      goi18n.NewLocalizer(c.bundle, tags...),
		fallback: goi18n.NewLocalizer(c.bundle, fallbackCode),
		fmt:      formatter(code),
		names:    namer(code),
	}
}

// reportOnce logs a problem with a message the first time it is met.
func (c *Catalog) reportOnce(code, id string, err error) {
	key := code + "\x00" + id + "\x00" + err.Error()
	if _, seen := c.reported.LoadOrStore(key, struct{}{}); seen {
		return
	}
	c.logger.Warn("interface text missing or broken; showing English", "language", code, "message", id, "err", err)
}

// IDs returns the ids of the English messages, sorted: the messages
// every locale has.
func (c *Catalog) IDs() []string { return slices.Clone(c.ids) }
