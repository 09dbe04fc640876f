package admin

import (
	"fmt"
	"net/http"

	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/news"
)

// authorDeletePage asks to confirm an author's removal, or says why it
// cannot be done.
type authorDeletePage struct {
	page
	Author   news.Author
	Articles int
	Problem  string
}

func (a *Admin) authorDeleteConfirm(w http.ResponseWriter, r *http.Request, v *visit) {
	au, n, ok := a.authorOf(w, r)
	if !ok {
		return
	}
	a.render(w, r, http.StatusOK, "author_delete", authorDeletePage{page: a.newPage("Remove "+au.Name, v), Author: au, Articles: n})
}

func (a *Admin) authorDelete(w http.ResponseWriter, r *http.Request, v *visit) {
	if !a.readForm(w, r, v) {
		return
	}
	au, n, ok := a.authorOf(w, r)
	if !ok {
		return
	}
	err := a.changeAudited(r.Context(), v, news.AuditEntry{Action: "author.delete",
		Subject: fmt.Sprintf("author %d", au.ID), Detail: fmt.Sprintf("%s (%s)", au.Name, au.Slug)},
		func(tx news.Store) error { return tx.DeleteAuthor(r.Context(), au.ID) })
	if err != nil {
		a.render(w, r, httperr.Status(err), "author_delete", authorDeletePage{page: a.newPage("Remove "+au.Name, v),
			Author: au, Articles: n, Problem: news.ErrorMessage(err)})
		return
	}
	a.redirectWithFlash(w, r, "/admin/authors", fmt.Sprintf("Author %q removed.", au.Name))
}
