package site

import (
	"net/http"
	"strings"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/urls"
	"github.com/byline-news/byline/internal/view"
)

// showAuthor lists an author's public articles under their profile.
func (s *Site) showAuthor(w http.ResponseWriter, r *http.Request) {
	au, err := s.store.AuthorBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	l := s.localizer(r)
	s.showList(w, r, listSpec{
		filter:   news.ArticleFilter{AuthorID: au.ID},
		path:     urls.Author(au.Slug),
		heading:  l.T("author.title", "Name", au.Name),
		empty:    l.T("author.empty", "Name", au.Name),
		decorate: func(f *frame, p *view.Page) { s.authorProfile(f, p, au) },
	})
}

// authorProfile adds the author's biography, picture and links.
func (s *Site) authorProfile(f *frame, p *view.Page, au news.Author) {
	if au.Kind == news.KindPerson {
		// Open Graph's profile type describes a person.
		p.OpenGraph.Type = "profile"
	}
	text, lang := s.siteText(f.ctx, f.lang.Code, au.Bio, false)
	bio := paragraphs(text)
	bioLang, bioDir := s.contentLanguage(lang)
	if len(bio) > 0 {
		p.Description = bio[0]
		p.OpenGraph.Description = bio[0]
	}
	if img := s.absURL(au.ImageURL); img != "" {
		p.OpenGraph.ImageURL = img
	}
	profile := &view.AuthorProfile{
		Name:     au.Name,
		Bio:      bio,
		BioLang:  bioLang,
		BioDir:   bioDir,
		ImageURL: safeURL(au.ImageURL),
		Website:  safeURL(au.Website),
	}
	for _, l := range au.Social {
		if u := safeURL(l.URL); u != "" {
			profile.Social = append(profile.Social, view.SocialLink{
				Network: view.Network(l.Network),
				Label:   p.L.T("author.on_network", "Name", au.Name, "Network", view.NetworkName(l.Network)),
				URL:     u,
			})
		}
	}
	p.List.Author = profile
}

// paragraphs splits plain text at blank lines, joining the lines of each
// paragraph.
func paragraphs(text string) []string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var out []string
	for block := range strings.SplitSeq(text, "\n\n") {
		if p := strings.Join(strings.Fields(block), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}
