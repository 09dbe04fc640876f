// Package view is the public site's theme: the HTML templates, the
// stylesheet and script, and the page model the templates are executed
// with. Everything is embedded in the binary.
//
// Templates are html/template files: one layout, partials shared by every
// page, and one template per page kind. New parses all of them and executes
// each against a sample page, so a broken template stops the program at
// start-up instead of failing a reader's request.
package view

import (
	"cmp"
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strings"

	"github.com/byline-news/byline/internal/i18n"
)

//go:embed templates
var templateFS embed.FS

// The page kinds, one template each in templates/pages.
const (
	PageHome       = "home"
	PageArticle    = "article"
	PageList       = "list"
	PageArchive    = "archive"
	PageSearch     = "search"
	PageContact    = "contact"
	PageNewsletter = "newsletter"
	PageNotFound   = "notfound"
	PageError      = "error"
)

var pageKinds = []string{
	PageHome, PageArticle, PageList, PageArchive, PageSearch,
	PageContact, PageNewsletter, PageNotFound, PageError,
}

// View renders pages. It is safe for concurrent use.
type View struct {
	pages  map[string]*template.Template
	assets *assets
	// text is the interface text of pages rendered without a Localizer.
	text *i18n.Catalog

	stylesheet, script, icon string
}

// New parses the templates, loads the assets and renders every page kind
// against a sample, returning the first problem found.
func New() (*View, error) {
	v := &View{pages: map[string]*template.Template{}}
	var err error
	if v.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if v.text, err = i18n.LoadCatalog(i18n.Default(), nil); err != nil {
		return nil, err
	}
	for name, dst := range map[string]*string{"site.css": &v.stylesheet, "site.js": &v.script, "icon.svg": &v.icon} {
		if *dst, err = v.assets.url(name); err != nil {
			return nil, err
		}
	}

	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, fmt.Errorf("parsing the layout: %w", err)
	}
	files, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if !slices.Contains(pageKinds, name) {
			return nil, fmt.Errorf("template %s is not a known page kind", f)
		}
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.ParseFS(templateFS, f); err != nil {
			return nil, fmt.Errorf("parsing %s: %w", f, err)
		}
		v.pages[name] = t
	}
	for _, kind := range pageKinds {
		if v.pages[kind] == nil {
			return nil, fmt.Errorf("no template for the %s page", kind)
		}
		if err := v.Render(io.Discard, kind, samplePage(kind)); err != nil {
			return nil, fmt.Errorf("checking the %s template: %w", kind, err)
		}
	}
	return v, nil
}

// Render writes page p of the given kind to w. It fills in the asset URLs.
func (v *View) Render(w io.Writer, kind string, p *Page) error {
	t, ok := v.pages[kind]
	if !ok {
		return fmt.Errorf("no template for the %q page", kind)
	}
	if !p.has(kind) {
		// The templates skip a missing section silently; a page without
		// its content is a bug in the handler, not an empty page.
		return fmt.Errorf("rendering the %s page: its content is not set", kind)
	}
	p.StylesheetURL, p.ScriptURL, p.IconURL = v.stylesheet, v.script, v.icon
	if p.L == nil {
		// The page's handler gave no localizer: the default catalog's
		// text of the page's language beats an empty interface.
		p.L = v.text.Localizer(cmp.Or(p.Lang, "en"))
	}
	p.UILang = p.L.TextLanguage()
	if err := t.ExecuteTemplate(w, "layout", p); err != nil {
		return fmt.Errorf("rendering the %s page: %w", kind, err)
	}
	return nil
}

// ServeAsset answers a request for the theme file named file, the last
// segment of /assets/{file}.
func (v *View) ServeAsset(w http.ResponseWriter, r *http.Request, file string) {
	v.assets.serve(w, r, file)
}

// AssetURL returns the fingerprinted path of an asset, such as
// "/assets/site.1a2b3c4d5e.css" for "site.css".
func (v *View) AssetURL(name string) (string, error) { return v.assets.url(name) }

// has reports whether the content field of the page kind is set.
func (p *Page) has(kind string) bool {
	switch kind {
	case PageHome:
		return p.Home != nil
	case PageArticle:
		return p.Article != nil
	case PageList:
		return p.List != nil
	case PageArchive:
		return p.Archive != nil
	case PageSearch:
		return p.Search != nil
	case PageContact:
		return p.Contact != nil
	case PageNewsletter:
		return p.Newsletter != nil
	case PageNotFound:
		return p.NotFound != nil
	case PageError:
		return p.Error != nil
	}
	return false
}
