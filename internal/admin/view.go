package admin

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"

	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/news"
)

// files holds the admin's own templates and stylesheet. The public
// site's look (internal/view) is deliberately not shared: the admin must
// stay usable whatever theme the site wears.
//
//go:embed templates/*.html assets/admin.css
var files embed.FS

// pageNames are the templates under templates/, each rendered inside
// layout.html.
var pageNames = []string{"login", "dashboard", "error", "login_code", "two_factor"}

// managePages are the management pages (routes_manage.go).
var managePages = []string{"authors", "author_form", "author_delete", "tags", "tag_form", "tag_delete",
	"settings", "users", "user_show", "account", "audit"}

// views is the parsed templates and the stylesheet.
type views struct {
	pages    map[string]*template.Template
	css      []byte
	cssETag  string
	cssQuery string // "?v=" and the start of the stylesheet's hash
}

func newViews() (*views, error) {
	v := &views{pages: map[string]*template.Template{}}
	names := append(append(append(append(pageNames, articlePageNames...), managePages...), mediaPageNames...), passwordPageNames...)
	for _, name := range append(names, translationPageNames...) {
		t, err := template.New("layout.html").ParseFS(files, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("admin: parsing template %s: %w", name, err)
		}
		v.pages[name] = t
	}
	css, err := fs.ReadFile(files, "assets/admin.css")
	if err != nil {
		return nil, fmt.Errorf("admin: reading the stylesheet: %w", err)
	}
	sum := sha256.Sum256(css)
	v.css, v.cssETag, v.cssQuery = css, `"`+hex.EncodeToString(sum[:16])+`"`, "?v="+hex.EncodeToString(sum[:6])
	return v, nil
}

// page is what the layout shows around every page.
type page struct {
	Title      string
	Stylesheet string
	SiteURL    string
	// User is the signed-in user, nil on the sign-in form and on errors
	// shown before the session is known.
	User *news.User
	// CSRF is the token of the page's forms: the session's when signed
	// in, the sign-in form's on it.
	CSRF string
	// Flash is a one-time message about the change just made.
	Flash string
	// Translations is set when the site keeps translations, to link
	// their pages.
	Translations bool
}

// newPage returns the frame of a page titled title for visit v (nil when
// nobody is signed in).
func (a *Admin) newPage(title string, v *visit) page {
	p := page{Title: title, Stylesheet: "/admin/assets/admin.css" + a.views.cssQuery, SiteURL: a.urls.Abs("/")}
	p.Translations = a.tr != nil
	if v != nil {
		u := v.user
		p.User, p.CSRF = &u, v.csrf
	}
	return p
}

// render executes the named page into a buffer first, so that a template
// failure becomes a clean 500 instead of half a page.
func (a *Admin) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	var buf bytes.Buffer
	if err := a.views.pages[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		a.logger.Error("rendering admin page", "page", name, "path", r.URL.Path, "err", err)
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = buf.WriteTo(w) // the client went away; nothing to do
	}
}

// errorPage is a page that only says what went wrong.
type errorPage struct {
	page
	Status  int
	Message string
}

// renderError shows err's safe message with the status its code maps to.
// Internal causes go to the log only.
func (a *Admin) renderError(w http.ResponseWriter, r *http.Request, err error) {
	a.renderStatus(w, r, httperr.Status(err), err)
}

// renderStatus is renderError with a status of the caller's choosing.
func (a *Admin) renderStatus(w http.ResponseWriter, r *http.Request, status int, err error) {
	if status >= 500 {
		a.logger.Error("admin request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	p := errorPage{page: a.newPage(http.StatusText(status), nil), Status: status, Message: news.ErrorMessage(err)}
	a.render(w, r, status, "error", p)
}
