package admin

import (
	"fmt"
	"net/http"

	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/urls"
)

// tagRow is a tag in the list, with how many articles carry it.
type tagRow struct {
	news.Tag
	Articles  int
	PublicURL string
}

// tagsPage lists the tags and holds the form that adds one.
type tagsPage struct {
	page
	Tags    []tagRow
	Form    news.Tag
	Problem string
}

// tagFormPage renames one tag, or (with Delete) asks to confirm its removal.
type tagFormPage struct {
	page
	Tag      news.Tag
	Form     news.Tag
	Articles int
	Problem  string
}

// readTagForm reads the name and slug; an empty slug is made from the name.
func readTagForm(r *http.Request) (news.Tag, error) {
	var t news.Tag
	var err error
	if t.Name, err = line(r.PostForm, "name", "The name", maxLineBytes); err != nil {
		return t, err
	}
	if t.Slug, err = line(r.PostForm, "slug", "The slug", maxLineBytes); err != nil {
		return t, err
	}
	if t.Name == "" {
		return t, news.Errorf(news.EINVALID, "Enter a name for the tag.")
	}
	slug, err := checkSlug(t.Slug, t.Name)
	if err != nil {
		return t, err
	}
	t.Slug = slug
	return t, nil
}

// tagProblem words a store error about the tag form for the person
// filling it in.
func tagProblem(err error, t news.Tag) string {
	if news.ErrorCode(err) == news.ECONFLICT {
		return fmt.Sprintf("Another tag already has the slug %q. Choose another slug.", t.Slug)
	}
	return news.ErrorMessage(err)
}

// articleCount is how many articles match f, of every status.
func (a *Admin) articleCount(r *http.Request, f news.ArticleFilter) (int, error) {
	f.Limit = 1
	_, n, err := a.store.FindArticles(r.Context(), f)
	return n, err
}

func (a *Admin) tagList(w http.ResponseWriter, r *http.Request, v *visit) {
	a.renderTags(w, r, v, http.StatusOK, a.managePage(w, r, "Tags", v), news.Tag{}, "")
}

func (a *Admin) renderTags(w http.ResponseWriter, r *http.Request, v *visit, status int, p page, form news.Tag, problem string) {
	tags, err := a.store.Tags(r.Context())
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	rows := make([]tagRow, 0, len(tags))
	for _, t := range tags {
		n, err := a.articleCount(r, news.ArticleFilter{TagID: t.ID})
		if err != nil {
			a.renderError(w, r, err)
			return
		}
		rows = append(rows, tagRow{Tag: t, Articles: n, PublicURL: a.urls.Abs(urls.Tag(t.Slug))})
	}
	a.render(w, r, status, "tags", tagsPage{page: p, Tags: rows, Form: form, Problem: problem})
}

func (a *Admin) tagCreate(w http.ResponseWriter, r *http.Request, v *visit) {
	if !a.readForm(w, r, v) {
		return
	}
	t, err := readTagForm(r)
	if err == nil {
		err = a.changeAudited(r.Context(), v, news.AuditEntry{Action: "tag.create", Subject: "tag " + t.Slug, Detail: t.Name},
			func(tx news.Store) error { return tx.CreateTag(r.Context(), &t) })
	}
	if err != nil {
		a.renderTags(w, r, v, httperr.Status(err), a.newPage("Tags", v), t, tagProblem(err, t))
		return
	}
	a.redirectWithFlash(w, r, "/admin/tags", fmt.Sprintf("Tag %q added.", t.Name))
}

// tagOf loads the tag of the path's {id}, answering when it cannot.
func (a *Admin) tagOf(w http.ResponseWriter, r *http.Request) (news.Tag, int, bool) {
	id, err := pathID(r, "tag")
	if err != nil {
		a.renderError(w, r, err)
		return news.Tag{}, 0, false
	}
	t, err := a.store.Tag(r.Context(), id)
	if err != nil {
		a.renderError(w, r, err)
		return news.Tag{}, 0, false
	}
	n, err := a.articleCount(r, news.ArticleFilter{TagID: t.ID})
	if err != nil {
		a.renderError(w, r, err)
		return news.Tag{}, 0, false
	}
	return t, n, true
}

func (a *Admin) tagEdit(w http.ResponseWriter, r *http.Request, v *visit) {
	t, n, ok := a.tagOf(w, r)
	if !ok {
		return
	}
	a.render(w, r, http.StatusOK, "tag_form", tagFormPage{page: a.managePage(w, r, "Tag "+t.Name, v), Tag: t, Form: t, Articles: n})
}

func (a *Admin) tagUpdate(w http.ResponseWriter, r *http.Request, v *visit) {
	if !a.readForm(w, r, v) {
		return
	}
	old, n, ok := a.tagOf(w, r)
	if !ok {
		return
	}
	t, err := readTagForm(r)
	t.ID = old.ID
	if err == nil {
		err = a.changeAudited(r.Context(), v, news.AuditEntry{Action: "tag.update",
			Subject: fmt.Sprintf("tag %d", t.ID), Detail: fmt.Sprintf("%s (%s) → %s (%s)", old.Name, old.Slug, t.Name, t.Slug)},
			func(tx news.Store) error { return tx.UpdateTag(r.Context(), &t) })
	}
	if err != nil {
		a.render(w, r, httperr.Status(err), "tag_form", tagFormPage{page: a.newPage("Tag "+old.Name, v),
			Tag: old, Form: t, Articles: n, Problem: tagProblem(err, t)})
		return
	}
	a.redirectWithFlash(w, r, "/admin/tags", fmt.Sprintf("Tag %q saved.", t.Name))
}

func (a *Admin) tagDeleteConfirm(w http.ResponseWriter, r *http.Request, v *visit) {
	t, n, ok := a.tagOf(w, r)
	if !ok {
		return
	}
	a.render(w, r, http.StatusOK, "tag_delete", tagFormPage{page: a.newPage("Remove tag "+t.Name, v), Tag: t, Articles: n})
}

func (a *Admin) tagDelete(w http.ResponseWriter, r *http.Request, v *visit) {
	if !a.readForm(w, r, v) {
		return
	}
	t, _, ok := a.tagOf(w, r)
	if !ok {
		return
	}
	err := a.changeAudited(r.Context(), v, news.AuditEntry{Action: "tag.delete",
		Subject: fmt.Sprintf("tag %d", t.ID), Detail: fmt.Sprintf("%s (%s)", t.Name, t.Slug)},
		func(tx news.Store) error { return tx.DeleteTag(r.Context(), t.ID) })
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	a.redirectWithFlash(w, r, "/admin/tags", fmt.Sprintf("Tag %q removed.", t.Name))
}
