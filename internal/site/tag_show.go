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
	name := tag.Name
	if lang := s.language(r); lang.Code != s.langs.Source.Code && s.translator != nil {
		if tr, ok := s.translator.LookupText(r.Context(), s.langs.Source.Code, lang.Code, tag.Name, false); ok {
			name = tr
		}
	}
	s.showList(w, r, listSpec{
		filter:  news.ArticleFilter{TagID: tag.ID},
		path:    urls.Tag(tag.Slug),
		heading: l.T("tag.title", "Name", name),
		empty:   l.T("tag.empty", "Name", name),
	})
}
