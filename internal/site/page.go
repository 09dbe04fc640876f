package site

import (
	"bytes"
	"context"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/urls"
	"github.com/byline-news/byline/internal/view"
)

// frame is what every page of one request shares: the language of the
// page and its interface text, the site settings and the time zone dates
// are shown in.
type frame struct {
	ctx  context.Context
	lang i18n.Language
	// suggest is the language to offer the reader, or "".
	suggest  string
	l        *i18n.Localizer
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
	lang := s.language(r)
	return &frame{
		ctx:      r.Context(),
		lang:     lang,
		suggest:  s.suggestCode(r),
		l:        s.text.Localizer(lang.Code),
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
	tagline, taglineLang := s.siteText(f.ctx, f.lang.Code, st.Tagline, false)
	p := &view.Page{
		Lang:         f.lang.Code,
		Dir:          f.lang.Dir,
		L:            f.l,
		Title:        title,
		Description:  tagline,
		CanonicalURL: s.urls.Abs(f.link(path)),
		Site: view.Site{
			Name:    st.Name,
			Tagline: tagline,
			LogoURL: safeURL(st.LogoURL),
			Follow:  followLinks(f.l, st.Follow),
		},
		Feeds:    feedLinks(f),
		Localize: f.link,
		Footer: view.Footer{
			Disclaimer: s.notice(f, st.Disclaimer),
			FairUse:    s.notice(f, st.FairUse),
			Contacts:   s.footerContacts(f),
			Year:       f.now.In(f.loc).Year(),
		},
		OpenGraph: view.OpenGraph{
			Type:        "website",
			Title:       title,
			Description: tagline,
			URL:         s.urls.Abs(f.link(path)),
			Locale:      ogLocale(f.lang.Code),
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
		if !opt.Current {
			p.OpenGraph.LocaleAlternates = append(p.OpenGraph.LocaleAlternates, ogLocale(l.Code))
		}
	}
	p.Alternates = append(p.Alternates, view.Alternate{Hreflang: "x-default", Href: s.urls.Abs(path)})
	p.Suggest = s.suggestion(f, path)
	if taglineLang != f.lang.Code {
		p.Site.TaglineLang, p.Site.TaglineDir = s.contentLanguage(taglineLang)
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

// feedLinks are the feeds of the frame's language.
func feedLinks(f *frame) []view.FeedLink {
	return []view.FeedLink{
		{Title: f.l.T("feed.rss"), Type: "application/rss+xml", URL: f.link("/feed.xml")},
		{Title: f.l.T("feed.atom"), Type: "application/atom+xml", URL: f.link("/atom.xml")},
		{Title: f.l.T("feed.json"), Type: "application/feed+json", URL: f.link("/feed.json")},
	}
}

func followLinks(l *i18n.Localizer, links []news.Link) []view.SocialLink {
	out := make([]view.SocialLink, 0, len(links))
	for _, link := range links {
		u := safeURL(link.URL)
		if u == "" {
			continue
		}
		out = append(out, view.SocialLink{
			Network: view.Network(link.Network),
			Label:   l.T("follow.on_network", "Network", view.NetworkName(link.Network)),
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

func contactTopics(l *i18n.Localizer, st news.Settings) []contactTopic {
	topics := []contactTopic{
		{l.T("contact.media_label"), l.T("contact.media_heading"), l.T("contact.media_text"), st.MediaEmail},
		{l.T("contact.permissions_label"), l.T("contact.permissions_heading"), l.T("contact.permissions_text"), st.PermissionsEmail},
		{l.T("contact.general_label"), l.T("contact.general_heading"), l.T("contact.general_text"), st.ContactEmail},
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
	topics := contactTopics(f.l, f.settings)
	out := make([]view.ContactLink, 0, len(topics))
	for _, t := range topics {
		out = append(out, view.ContactLink{Label: t.label, Email: protectEmail(t.email, f.link("/contact"), f.l.T("footer.email_fallback"))})
	}
	return out
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
	p := s.newPage(f, r.URL.Path, pageTitle(f.l.T("error.title"), st))
	p.NoIndex = true
	p.Error = &view.ErrorPage{Status: status, Message: f.l.T("error.message")}
	s.renderPage(w, r, status, view.PageError, p)
}
