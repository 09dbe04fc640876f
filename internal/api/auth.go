package api

import (
	"net/http"
	"strings"

	"github.com/byline-news/byline/internal/auth"
	"github.com/byline-news/byline/internal/news"
)

// The API checks the same role policy as the admin (news/policy.go): the
// token's user must be allowed the action, and for an article also the
// owner rule (user.CanEdit, user.CanPublish), checked by each handler on
// the stored article.
const (
	actionToSave          = news.ActionWriteDrafts
	actionToDelete        = news.ActionEditAll
	actionToManageAuthors = news.ActionEditAll
	actionToManageTags    = news.ActionEditAll
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

// require returns the caller, who must hold a token whose user's role
// allows action; what describes it in the message ("Publishing",
// "Deleting articles").
func (a *API) require(r *http.Request, action news.Action, what string) (news.User, error) {
	user, ok, err := a.caller(r)
	if err != nil {
		return news.User{}, err
	}
	if !ok {
		return news.User{}, news.Errorf(news.EUNAUTHORIZED,
			"%s needs an API token: send the header \"Authorization: Bearer <token>\".", what)
	}
	if !user.Role.Can(action) {
		return news.User{}, news.Errorf(news.EFORBIDDEN,
			"%s is not allowed to the role %q of the token's user.", what, user.Role)
	}
	return user, nil
}

// editorName is how the caller is recorded in revisions.
func editorName(u news.User) string { return u.Email }

// checkPublish reports whether user may publish, schedule or unpublish
// the stored article id.
func (a *API) checkPublish(r *http.Request, id int64, user news.User) error {
	ar, err := a.store.Article(r.Context(), id)
	if err != nil {
		return err
	}
	if !user.CanPublish(ar) {
		return news.Errorf(news.EFORBIDDEN,
			"The role %s may not publish, schedule or unpublish this article: authors publish their own, editors any.", user.Role)
	}
	return nil
}
