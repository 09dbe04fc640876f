package site

import (
	"net/http"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/urls"
	"github.com/byline-news/byline/internal/view"
)

// showTag lists the public articles filed under a tag.
func (s *Site) showTag(w http.ResponseWriter, r *http.Request) {
	tag, err := s.store.TagBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.newFrame(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lp, ok, err := s.loadList(r, f, news.ArticleFilter{TagID: tag.ID})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !ok {
		s.notFound(w, r)
		return
	}
	path := urls.Tag(tag.Slug)
	heading := "Tag: " + tag.Name
	p := s.newPage(f, pagePath(path, nil, lp.page), pageTitle(heading, f.settings))
	p.List = s.listView(f, p, path, nil, lp, heading, "No published articles are filed under "+tag.Name+" yet.")
	s.renderPage(w, r, http.StatusOK, view.PageList, p)
}
