package site

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/urls"
	"github.com/byline-news/byline/internal/view"
)

// perPage is how many articles a list page shows.
const perPage = 20

// frame is what every page of one request shares: the language of the
// page, the site settings and the time zone dates are shown in.
type frame struct {
	lang     i18n.Language
	settings news.Settings
	loc      *time.Location
	now      time.Time
	urls     *urls.Builder
}

// newFrame loads the settings for a page in the request's language.
func (s *Site) newFrame(r *http.Request) (*frame, error) {
	st, err := s.store.Settings(r.Context())
	if err != nil {
		return nil, err
	}
	return s.frameWith(r, st), nil
}

func (s *Site) frameWith(r *http.Request, st news.Settings) *frame {
	return &frame{
		lang:     s.language(r),
		settings: st,
		loc:      s.location(st.TimeZone),
		now:      s.now(),
		urls:     s.urls,
	}
}

// link returns a site path in the frame's language.
func (f *frame) link(path string) string { return f.urls.Localize(f.lang.Code, path) }

// location returns the named time zone, or UTC when the name is empty or
// unknown (the admin validates it; a bad value must not break pages).
func (s *Site) location(name string) *time.Location {
	if name == "" || name == "UTC" {
		return time.UTC
	}
	if l, ok := s.zones.Load(name); ok {
		return l.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		s.logger.Warn("unknown time zone in the settings; showing dates in UTC", "time_zone", name, "err", err)
		loc = time.UTC
	}
	s.zones.Store(name, loc)
	return loc
}

// newPage returns the frame of a page whose source-language address is
// path (with its query, if the query selects what is shown).
func (s *Site) newPage(f *frame, path, title string) *view.Page {
	st := f.settings
	p := &view.Page{
		Lang:         f.lang.Code,
		Dir:          f.lang.Dir,
		Title:        title,
		Description:  st.Tagline,
		CanonicalURL: s.urls.Abs(path),
		Site: view.Site{
			Name:    st.Name,
			Tagline: st.Tagline,
			LogoURL: safeURL(st.LogoURL),
			Follow:  followLinks(st.Follow),
		},
		Feeds:    feedLinks(),
		Localize: f.link,
		Footer: view.Footer{
			Disclaimer: s.markdown(st.Disclaimer),
			FairUse:    s.markdown(st.FairUse),
			Contacts:   s.footerContacts(f),
			Year:       f.now.In(f.loc).Year(),
		},
		OpenGraph: view.OpenGraph{
			Type:        "website",
			Title:       title,
			Description: st.Tagline,
			URL:         s.urls.Abs(path),
		},
	}
	all := s.langs.All()
	p.Languages = make([]view.LanguageOption, 0, len(all))
	p.Alternates = make([]view.Alternate, 0, len(all)+1)
	for _, l := range all {
		localized := s.urls.Localize(l.Code, path)
		opt := view.LanguageOption{
			Code: l.Code, NativeName: l.NativeName, EnglishName: l.EnglishName, Dir: l.Dir,
			URL: localized, Current: l.Code == f.lang.Code,
		}
		if opt.Current {
			p.Current = opt
		}
		p.Languages = append(p.Languages, opt)
		p.Alternates = append(p.Alternates, view.Alternate{Hreflang: l.Code, Href: s.urls.Abs(localized)})
	}
	p.Alternates = append(p.Alternates, view.Alternate{Hreflang: "x-default", Href: s.urls.Abs(path)})
	if f.lang.Code != s.langs.Source.Code {
		src := s.langs.Source
		p.Untranslated = &view.Untranslated{
			NativeName:  f.lang.NativeName,
			SourceName:  src.EnglishName,
			SourceLang:  src.Code,
			SourceDir:   src.Dir,
			OriginalURL: path,
		}
		// Until the page is translated it repeats the original: keep it
		// out of search indexes, where it would compete with the original.
		p.NoIndex = true
	}
	return p
}

// pageTitle is the <title> of a page other than the home page.
func pageTitle(what string, st news.Settings) string {
	if st.Name == "" {
		return what
	}
	return what + " – " + st.Name
}

// markdown renders a site-wide notice. The sources are few and change
// rarely, so renderings are remembered by their source text.
func (s *Site) markdown(src string) template.HTML {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	if h, ok := s.notices.Load(src); ok {
		return h.(template.HTML)
	}
	out, err := s.render.Markdown(src)
	if err != nil {
		s.logger.Error("rendering a site notice", "err", err)
		return ""
	}
	h := template.HTML(out) // sanitized by render.Markdown
	if s.noticeCount.Add(1) > maxNotices {
		// Editors changed the notices many times: start over rather than
		// keep every old version.
		s.notices.Clear()
		s.noticeCount.Store(1)
	}
	s.notices.Store(src, h)
	return h
}

// maxNotices bounds the remembered notice renderings.
const maxNotices = 256

func feedLinks() []view.FeedLink {
	return []view.FeedLink{
		{Title: "RSS feed", Type: "application/rss+xml", URL: "/feed.xml"},
		{Title: "Atom feed", Type: "application/atom+xml", URL: "/atom.xml"},
		{Title: "JSON Feed", Type: "application/feed+json", URL: "/feed.json"},
	}
}

func followLinks(links []news.Link) []view.SocialLink {
	out := make([]view.SocialLink, 0, len(links))
	for _, l := range links {
		u := safeURL(l.URL)
		if u == "" {
			continue
		}
		out = append(out, view.SocialLink{
			Network: view.Network(l.Network),
			Label:   "Follow us on " + view.NetworkName(l.Network),
			URL:     u,
		})
	}
	return out
}

// contactTopic is one reason to write to the newsroom and the address
// for it.
type contactTopic struct {
	label   string // short, for the footer
	heading string
	text    string
	email   string
}

func contactTopics(st news.Settings) []contactTopic {
	topics := []contactTopic{
		{"Media inquiries", "Media inquiries", "For interviews, statements and press questions.", st.MediaEmail},
		{"Permissions", "Permission to republish", "For publication of our articles in print or in other forms, including commercial internet sites.", st.PermissionsEmail},
		{"General", "General inquiries", "For tips, corrections and everything else.", st.ContactEmail},
	}
	out := topics[:0]
	for _, t := range topics {
		if strings.Contains(t.email, "@") {
			out = append(out, t)
		}
	}
	return out
}

func (s *Site) footerContacts(f *frame) []view.ContactLink {
	topics := contactTopics(f.settings)
	out := make([]view.ContactLink, 0, len(topics))
	for _, t := range topics {
		out = append(out, view.ContactLink{Label: t.label, Email: protectEmail(t.email, f.link("/contact"), "email us via the contact page")})
	}
	return out
}

// cards turns articles into list entries.
func (s *Site) cards(f *frame, list []news.Article) []view.ArticleCard {
	out := make([]view.ArticleCard, 0, len(list))
	for i := range list {
		out = append(out, s.card(f, &list[i]))
	}
	return out
}

func (s *Site) card(f *frame, a *news.Article) view.ArticleCard {
	lang, dir := s.contentLanguage(a.Language)
	c := view.ArticleCard{
		Lang:      lang,
		Dir:       dir,
		URL:       f.link(urls.Article(a.Slug)),
		Title:     a.Title,
		Subtitle:  a.Subtitle,
		Summary:   summary(a, 240),
		Published: f.date(a.PublishedAt),
		Image:     figure(a.Image, a.Title),
	}
	for i, au := range a.Authors {
		c.Byline = append(c.Byline, view.AuthorLink{Name: au.Name, URL: f.link(urls.Author(au.Slug)), Sep: bylineSep(i, len(a.Authors))})
	}
	if a.IsRepublished() {
		c.SourceName = sourceName(a)
	}
	return c
}

// contentLanguage returns the code and direction of text written in
// code; text of an unknown language is marked as the source language.
func (s *Site) contentLanguage(code string) (string, string) {
	if l, ok := s.langs.Lookup(code); ok {
		return l.Code, l.Dir
	}
	if code != "" {
		return code, "auto"
	}
	return s.langs.Source.Code, s.langs.Source.Dir
}

// summary is the article's summary, or the start of its body.
func summary(a *news.Article, n int) string {
	if a.Summary != "" {
		return a.Summary
	}
	return render.Summary(a.BodyHTML, n)
}

func bylineSep(i, n int) string {
	switch {
	case i == 0:
		return ""
	case i == n-1:
		return " and "
	}
	return ", "
}

// joinNames joins names as a byline reads: "A", "A and B", "A, B and C".
func joinNames(names []string) string {
	var b strings.Builder
	for i, n := range names {
		b.WriteString(bylineSep(i, len(names)))
		b.WriteString(n)
	}
	return b.String()
}

// sourceName is the name of the publication a republished article comes
// from: the name the editor gave, or else the host of its address.
func sourceName(a *news.Article) string {
	if a.SourceName != "" {
		return a.SourceName
	}
	if u, err := url.Parse(a.SourceURL); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Host, "www.")
	}
	return a.SourceURL
}

// figure returns the image as shown, or nil when it has no usable URL.
func figure(img news.Image, fallbackAlt string) *view.Figure {
	u := safeURL(img.URL)
	if u == "" {
		return nil
	}
	alt := img.Alt
	if alt == "" {
		alt = img.Caption
	}
	if alt == "" {
		alt = fallbackAlt
	}
	fig := &view.Figure{URL: u, Alt: alt, Caption: img.Caption, Credit: img.Credit}
	if img.Width > 0 && img.Height > 0 {
		fig.Width, fig.Height = img.Width, img.Height
	}
	return fig
}

// date is a moment with its time of day, in the site's time zone.
func (f *frame) dateTime(t time.Time) view.Date {
	if t.IsZero() {
		return view.Date{}
	}
	t = t.In(f.loc)
	return view.Date{ISO: t.Format(time.RFC3339), Text: t.Format("2 January 2006, 15:04 MST")}
}

// date is a day, in the site's time zone.
func (f *frame) date(t time.Time) view.Date {
	if t.IsZero() {
		return view.Date{}
	}
	t = t.In(f.loc)
	return view.Date{ISO: t.Format(time.RFC3339), Text: t.Format("2 January 2006")}
}

// safeURL returns raw when it is an http(s) URL or a site path, and ""
// for anything else: javascript: and data: URLs, protocol-relative
// addresses, text that is not a URL. Editors and imports type these
// fields, so a bad one is dropped rather than shown.
func safeURL(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	if raw[0] == '/' {
		// "//host" and "/\host" leave the site in browsers.
		if len(raw) > 1 && (raw[1] == '/' || raw[1] == '\\') {
			return ""
		}
		if _, err := url.Parse(raw); err != nil {
			return ""
		}
		return raw
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// absURL is safeURL with site paths made absolute.
func (s *Site) absURL(raw string) string {
	u := safeURL(raw)
	if strings.HasPrefix(u, "/") {
		return s.urls.Abs(u)
	}
	return u
}

// pageNumber reads ?page=N: absent is 1; anything but a whole number from
// 1 to 99999 is not a page.
func pageNumber(q url.Values) (int, bool) {
	v := q.Get("page")
	if v == "" {
		return 1, true
	}
	if len(v) > 5 {
		return 0, false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, false
	}
	return n, true
}

// pagePath is path with the page number of a list, page 1 being bare.
func pagePath(path string, q url.Values, page int) string {
	q2 := url.Values{}
	for k, v := range q {
		q2[k] = v
	}
	if page > 1 {
		q2.Set("page", strconv.Itoa(page))
	} else {
		q2.Del("page")
	}
	return withQuery(path, q2)
}

// pagination places page among the pages of a list of total articles.
// query holds the parameters besides page that select the list.
func pagination(f *frame, path string, query url.Values, page, total int) view.Pagination {
	pages := max(1, (total+perPage-1)/perPage)
	p := view.Pagination{Page: page, Pages: pages, Total: total}
	if page > 1 {
		p.PrevURL = f.link(pagePath(path, query, min(page-1, pages)))
	}
	if page < pages {
		p.NextURL = f.link(pagePath(path, query, page+1))
	}
	return p
}

// renderPage writes a page with status.
func (s *Site) renderPage(w http.ResponseWriter, r *http.Request, status int, kind string, p *view.Page) {
	var buf bytes.Buffer
	if err := s.view.Render(&buf, kind, p); err != nil {
		s.logger.Error("rendering a page", "path", r.URL.Path, "err", err)
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, "The page could not be shown.", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if status >= 500 || h.Get("Cache-Control") == "no-store" {
		// Failures and pages shown without part of their content are
		// not to be kept anywhere.
		h.Set("Cache-Control", "no-store")
	} else {
		// Browsers and proxies may keep the page but must ask again
		// before using it, so that a correction shows at once; the ETag
		// makes asking cheap.
		h.Set("Cache-Control", "public, no-cache")
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes()) // a failed write means the client has gone
}

// fail answers a request whose handler met err: the 404 page for what
// does not exist, otherwise an error page that is not cached.
func (s *Site) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := httperr.Status(err)
	if status == http.StatusNotFound {
		s.notFound(w, r)
		return
	}
	if status < 500 {
		// Reader input the handlers do not check themselves: treat as a
		// page that does not exist rather than show an internal message.
		s.notFound(w, r)
		return
	}
	s.logger.Error("serving a page", "path", r.URL.Path, "err", err)
	st, serr := s.store.Settings(r.Context())
	if serr != nil {
		st = news.DefaultSettings()
	}
	f := s.frameWith(r, st)
	p := s.newPage(f, r.URL.Path, pageTitle("Error", st))
	p.NoIndex = true
	msg := "The site could not show this page just now. Please try again in a moment."
	p.Error = &view.ErrorPage{Status: status, Message: msg}
	s.renderPage(w, r, status, view.PageError, p)
}
