package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
	"github.com/byline-news/byline/internal/render"
)

// Limits on an author.
const (
	maxAuthorBioBytes = publishing.MaxNoteBytes
	maxSocialLinks    = 20
	maxNetworkRunes   = 30
)

// authorCreate answers POST /api/v1/authors with the new author, 201.
func (a *API) authorCreate(w http.ResponseWriter, r *http.Request) {
	if _, err := a.require(r, actionToManageAuthors, "Creating authors"); err != nil {
		a.writeError(w, r, err)
		return
	}
	obj, err := readObject(w, r, false)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	au, err := authorFrom(obj)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	if err := a.store.CreateAuthor(r.Context(), &au); err != nil {
		a.writeError(w, r, err)
		return
	}
	a.writeJSON(w, r, http.StatusCreated, a.authorsJSON([]news.Author{au})[0])
}

// authorFrom decodes and checks an author: a name is required, the kind
// is person (the default) or organization, addresses are absolute http(s)
// URLs, and the slug, when not given, comes from the name.
func authorFrom(obj object) (news.Author, error) {
	var au news.Author
	for _, name := range obj.names() {
		raw := obj[name]
		var err error
		switch name {
		case "name":
			err = decodeField(name, raw, &au.Name)
		case "slug":
			err = decodeField(name, raw, &au.Slug)
		case "kind":
			err = decodeField(name, raw, &au.Kind)
		case "bio":
			err = decodeField(name, raw, &au.Bio)
		case "image_url":
			err = decodeField(name, raw, &au.ImageURL)
		case "website":
			err = decodeField(name, raw, &au.Website)
		case "social":
			au.Social, err = decodeLinks(name, raw)
		default:
			err = unknownField(name)
		}
		if err != nil {
			return news.Author{}, err
		}
	}

	au.Name = strings.TrimSpace(au.Name)
	switch {
	case au.Name == "":
		return news.Author{}, news.Errorf(news.EINVALID, "name is required.")
	case utf8.RuneCountInString(au.Name) > publishing.MaxTitleRunes:
		return news.Author{}, news.Errorf(news.EINVALID, "name is longer than %d characters.", publishing.MaxTitleRunes)
	case len(au.Bio) > maxAuthorBioBytes:
		return news.Author{}, news.Errorf(news.ETOOLARGE, "bio is larger than %d KB.", maxAuthorBioBytes>>10)
	}
	if au.Kind == "" {
		au.Kind = news.KindPerson
	}
	if !au.Kind.Valid() {
		return news.Author{}, news.Errorf(news.EINVALID, "kind must be person or organization, not %q.", au.Kind)
	}
	var err error
	if au.Slug, err = slugFor(au.Slug, au.Name); err != nil {
		return news.Author{}, err
	}
	au.Bio = strings.TrimSpace(au.Bio)
	for _, u := range []struct {
		name  string
		value *string
	}{{"image_url", &au.ImageURL}, {"website", &au.Website}} {
		*u.value = strings.TrimSpace(*u.value)
		if err := checkAbsURL(u.name, *u.value); err != nil {
			return news.Author{}, err
		}
	}
	return au, nil
}

// decodeLinks decodes and checks social links.
func decodeLinks(name string, raw json.RawMessage) ([]news.Link, error) {
	var rawItems []json.RawMessage
	if err := decodeField(name, raw, &rawItems); err != nil {
		return nil, err
	}
	if len(rawItems) > maxSocialLinks {
		return nil, news.Errorf(news.EINVALID, "%s has %d links; at most %d are allowed.", name, len(rawItems), maxSocialLinks)
	}
	links := make([]news.Link, 0, len(rawItems))
	for i, item := range rawItems {
		itemName := fmt.Sprintf("%s[%d]", name, i)
		var l news.Link
		if err := decodeField(itemName, item, &l); err != nil {
			return nil, err
		}
		l.Network = strings.ToLower(strings.TrimSpace(l.Network))
		l.URL = strings.TrimSpace(l.URL)
		switch {
		case l.Network == "":
			return nil, news.Errorf(news.EINVALID, "%s.network is required, such as \"instagram\" or \"mastodon\".", itemName)
		case utf8.RuneCountInString(l.Network) > maxNetworkRunes:
			return nil, news.Errorf(news.EINVALID, "%s.network is longer than %d characters.", itemName, maxNetworkRunes)
		case l.URL == "":
			return nil, news.Errorf(news.EINVALID, "%s.url is required.", itemName)
		}
		if err := checkAbsURL(itemName+".url", l.URL); err != nil {
			return nil, err
		}
		links = append(links, l)
	}
	return links, nil
}

// checkAbsURL accepts "" and absolute http(s) URLs.
func checkAbsURL(name, raw string) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return news.Errorf(news.EINVALID, "%s must be an absolute http or https URL, not %q.", name, raw)
	}
	return nil
}

// slugFor checks a given slug, or derives one from name (render.Slugify
// never returns an empty slug).
func slugFor(slug, name string) (string, error) {
	slug = strings.TrimSpace(slug)
	if slug == "" {
		return render.Slugify(name), nil
	}
	if render.Slugify(slug) != slug {
		return "", news.Errorf(news.EINVALID,
			"slug %q may hold only lower-case letters, digits and hyphens; try %q.", slug, render.Slugify(slug))
	}
	return slug, nil
}
