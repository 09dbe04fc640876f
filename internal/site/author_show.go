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
	f, err := s.newFrame(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lp, ok, err := s.loadList(r, f, news.ArticleFilter{AuthorID: au.ID})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !ok {
		s.notFound(w, r)
		return
	}
	path := urls.Author(au.Slug)
	heading := "Articles by: " + au.Name
	p := s.newPage(f, pagePath(path, nil, lp.page), pageTitle(heading, f.settings))
	p.OpenGraph.Type = "profile"
	bio := paragraphs(au.Bio)
	if len(bio) > 0 {
		p.Description = bio[0]
		p.OpenGraph.Description = bio[0]
	}
	if img := s.absURL(au.ImageURL); img != "" {
		p.OpenGraph.ImageURL = img
	}
	p.List = s.listView(f, p, path, nil, lp, heading, au.Name+" has no published articles yet.")
	p.List.Author = &view.AuthorProfile{
		Name:         au.Name,
		Organization: au.Kind == news.KindOrganization,
		Bio:          bio,
		ImageURL:     safeURL(au.ImageURL),
		Website:      safeURL(au.Website),
	}
	for _, l := range au.Social {
		if u := safeURL(l.URL); u != "" {
			p.List.Author.Social = append(p.List.Author.Social, view.SocialLink{
				Network: view.Network(l.Network),
				Label:   au.Name + " on " + view.NetworkName(l.Network),
				URL:     u,
			})
		}
	}
	s.renderPage(w, r, http.StatusOK, view.PageList, p)
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
