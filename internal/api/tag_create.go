package api

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/byline-news/byline/internal/news"
)

// maxTagRunes matches the limit publishing puts on tags named in articles.
const maxTagRunes = 100

// tagCreate answers POST /api/v1/tags ({name, slug?}) with the new tag, 201.
// A slug already taken is a conflict, 409.
func (a *API) tagCreate(w http.ResponseWriter, r *http.Request) {
	if _, err := a.require(r, actionToManageTags, "Creating tags"); err != nil {
		a.writeError(w, r, err)
		return
	}
	obj, err := readObject(w, r, false)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	t, err := tagFrom(obj)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	if err := a.store.CreateTag(r.Context(), &t); err != nil {
		a.writeError(w, r, err)
		return
	}
	a.writeJSON(w, r, http.StatusCreated, a.tagsJSON([]news.Tag{t})[0])
}

func tagFrom(obj object) (news.Tag, error) {
	var t news.Tag
	for _, name := range obj.names() {
		raw := obj[name]
		var err error
		switch name {
		case "name":
			err = decodeField(name, raw, &t.Name)
		case "slug":
			err = decodeField(name, raw, &t.Slug)
		default:
			err = unknownField(name)
		}
		if err != nil {
			return news.Tag{}, err
		}
	}
	t.Name = strings.TrimSpace(t.Name)
	switch {
	case t.Name == "":
		return news.Tag{}, news.Errorf(news.EINVALID, "name is required.")
	case utf8.RuneCountInString(t.Name) > maxTagRunes:
		return news.Tag{}, news.Errorf(news.EINVALID, "name is longer than %d characters.", maxTagRunes)
	}
	var err error
	if t.Slug, err = slugFor(t.Slug, t.Name); err != nil {
		return news.Tag{}, err
	}
	return t, nil
}
