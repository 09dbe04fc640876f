package admin

import (
	"net/http"

	"github.com/byline-news/byline/internal/news"
)

// articlePageNames are the editor's templates under templates/.
var articlePageNames = []string{"article_edit", "article_delete", "revisions", "revision_show"}

// deletePage asks for confirmation before an article is deleted.
type deletePage struct {
	page
	Article news.Article
}

// articleDeleteShow asks whether to delete the article, for good.
func (e *editor) articleDeleteShow(w http.ResponseWriter, r *http.Request, v *visit) {
	ar, err := e.articleOf(r)
	if err != nil {
		e.renderError(w, r, err)
		return
	}
	if !v.user.Role.Can(news.ActionEditAll) {
		e.renderError(w, r, forbidden("Only editors and above may delete articles."))
		return
	}
	e.render(w, r, http.StatusOK, "article_delete", deletePage{page: e.newPage("Delete: "+ar.Title, v), Article: ar})
}

// articleDelete deletes the article, with its revisions, once confirmed.
func (e *editor) articleDelete(w http.ResponseWriter, r *http.Request, v *visit) {
	if !e.ready(w, r) || !e.readForm(w, r, v) {
		return
	}
	ar, err := e.articleOf(r)
	if err != nil {
		e.renderError(w, r, err)
		return
	}
	if !v.user.Role.Can(news.ActionEditAll) {
		e.renderError(w, r, forbidden("Only editors and above may delete articles."))
		return
	}
	if r.PostForm.Get("confirm") != "yes" {
		e.renderError(w, r, news.Errorf(news.EINVALID, "Tick the box to confirm that the article is to be deleted."))
		return
	}
	if err := e.pub.Delete(r.Context(), ar.ID); err != nil {
		e.renderError(w, r, err)
		return
	}
	e.logger.Info("article deleted", "article", ar.ID, "slug", ar.Slug, "user_id", v.user.ID)
	e.redirectWithFlash(w, r, dashboardPath, "Deleted the article “"+ar.Title+"”.")
}
