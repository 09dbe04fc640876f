package api

import (
	"net/http"
	"strings"

	"github.com/byline-news/byline/internal/auth"
	"github.com/byline-news/byline/internal/news"
)

// The roles each action needs. This is an interim rule until the admin
// brings the full matrix with per-owner rights (an author editing only
// their own articles, and so on):
//
//   - create and update: contributor or above, but a contributor may only
//     save drafts, and only edit articles that are drafts;
//   - publish and unpublish: author or above;
//   - delete, and creating authors and tags: editor or above.
const (
	roleToSave          = news.RoleContributor
	roleToPublish       = news.RoleAuthor
	roleToDelete        = news.RoleEditor
	roleToManageAuthors = news.RoleEditor
	roleToManageTags    = news.RoleEditor
)

// caller returns the user whose bearer token the request carries. ok is
// false, with no error, when the request carries no Authorization header;
// a header that is there but wrong is an error, never a silent downgrade to
// anonymous.
func (a *API) caller(r *http.Request) (user news.User, ok bool, err error) {
	header := r.Header.Get("Authorization")
	if header == "" {
		return news.User{}, false, nil
	}
	scheme, secret, _ := strings.Cut(header, " ")
	secret = strings.TrimSpace(secret)
	if !strings.EqualFold(scheme, "Bearer") || secret == "" {
		return news.User{}, false, news.Errorf(news.EUNAUTHORIZED,
			"The Authorization header must be \"Bearer\" followed by an API token.")
	}
	tok, err := a.store.TokenByHash(r.Context(), auth.HashToken(secret))
	if news.IsNotFound(err) {
		return news.User{}, false, news.Errorf(news.EUNAUTHORIZED, "The API token is not valid.")
	}
	if err != nil {
		return news.User{}, false, err
	}
	user, err = a.store.User(r.Context(), tok.UserID)
	if news.IsNotFound(err) {
		return news.User{}, false, news.Errorf(news.EUNAUTHORIZED, "The API token's user no longer exists.")
	}
	if err != nil {
		return news.User{}, false, err
	}
	return user, true, nil
}

// require returns the caller, who must hold a token and at least role min
// to do what action describes ("Publishing", "Deleting articles").
func (a *API) require(r *http.Request, min news.Role, action string) (news.User, error) {
	user, ok, err := a.caller(r)
	if err != nil {
		return news.User{}, err
	}
	if !ok {
		return news.User{}, news.Errorf(news.EUNAUTHORIZED,
			"%s needs an API token: send the header \"Authorization: Bearer <token>\".", action)
	}
	if !user.Role.AtLeast(min) {
		return news.User{}, news.Errorf(news.EFORBIDDEN,
			"%s needs the %s role or above; the token belongs to a user with the role %q.", action, min, user.Role)
	}
	return user, nil
}

// editorName is how the caller is recorded in revisions.
func editorName(u news.User) string { return u.Email }
