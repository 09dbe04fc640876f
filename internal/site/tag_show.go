package site

import (
	"net/http"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/urls"
)

// showTag lists the public articles filed under a tag.
func (s *Site) showTag(w http.ResponseWriter, r *http.Request) {
	tag, err := s.store.TagBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	l := s.localizer(r)
	name, _ := s.siteText(r.Context(), s.language(r).Code, tag.Name, false)
	s.showList(w, r, listSpec{
		filter:  news.ArticleFilter{TagID: tag.ID},
		path:    urls.Tag(tag.Slug),
		heading: l.T("tag.title", "Name", name),
		empty:   l.T("tag.empty", "Name", name),
	})
}
