package admin

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/urls"
)

const (
	// authorsPerPage is the length of a page of the authors list.
	authorsPerPage = 50
	// socialRows is how many network + URL rows the author form offers.
	socialRows = 6
)

// socialRow is one network + URL row of a form, numbered from 1.
type socialRow struct {
	N int
	news.Link
}

// maxSocialRows bounds the rows read from a form.
const maxSocialRows = 20

// authorRow is an author in the list.
type authorRow struct {
	news.Author
	Articles  int
	PublicURL string
}

type authorsPage struct {
	page
	Authors []authorRow
	Total   int
	Pager   pager
}

// authorFormPage creates (ID 0) or edits an author.
type authorFormPage struct {
	page
	Form      news.Author
	Social    []socialRow // at least socialRows
	PublicURL string
	Articles  int
	Problem   string
}

func (a *Admin) authorList(w http.ResponseWriter, r *http.Request, v *visit) {
	pg := pageOf(r)
	list, total, err := a.store.FindAuthors(r.Context(), news.AuthorFilter{Offset: (pg - 1) * authorsPerPage, Limit: authorsPerPage})
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	rows := make([]authorRow, 0, len(list))
	for _, au := range list {
		n, err := a.articleCount(r, news.ArticleFilter{AuthorID: au.ID})
		if err != nil {
			a.renderError(w, r, err)
			return
		}
		rows = append(rows, authorRow{Author: au, Articles: n, PublicURL: a.urls.Abs(urls.Author(au.Slug))})
	}
	a.render(w, r, http.StatusOK, "authors", authorsPage{page: a.managePage(w, r, "Authors", v),
		Authors: rows, Total: total, Pager: newPager("/admin/authors", pg, authorsPerPage, total)})
}

// readAuthorForm reads the author form. The author comes back with what
// was typed even on error, so the form can show it again.
func readAuthorForm(r *http.Request) (news.Author, []socialRow, error) {
	f := r.PostForm
	var au news.Author
	n := socialRows
	for n < maxSocialRows && f.Has("social_url_"+strconv.Itoa(n+1)) {
		n++
	}
	rows := make([]socialRow, n)
	var errs []error
	keep := func(s string, err error) string {
		if err != nil {
			errs = append(errs, err)
		}
		return s
	}
	au.Name = keep(line(f, "name", "The name", maxLineBytes))
	au.Slug = keep(line(f, "slug", "The slug", maxLineBytes))
	au.Kind = news.AuthorKind(f.Get("kind"))
	au.Bio = keep(text(f, "bio", "The biography", maxTextBytes))
	au.ImageURL = keep(line(f, "image_url", "The image address", maxURLBytes))
	au.Website = keep(line(f, "website", "The website", maxURLBytes))
	for i := range rows {
		num := strconv.Itoa(i + 1)
		rows[i].N = i + 1
		rows[i].Network = keep(line(f, "social_network_"+num, "A network name", 50))
		rows[i].URL = keep(line(f, "social_url_"+num, "A social link", maxURLBytes))
	}
	if len(errs) > 0 {
		return au, rows, errs[0]
	}
	if au.Name == "" {
		return au, rows, news.Errorf(news.EINVALID, "Enter the author's name.")
	}
	if !au.Kind.Valid() {
		return au, rows, news.Errorf(news.EINVALID, "Choose whether the author is a person or an organization.")
	}
	slug, err := checkSlug(au.Slug, au.Name)
	if err != nil {
		return au, rows, err
	}
	au.Slug = slug
	if err := checkURL("The image address", au.ImageURL); err != nil {
		return au, rows, err
	}
	if err := checkURL("The website", au.Website); err != nil {
		return au, rows, err
	}
	for i, l := range rows {
		switch {
		case l.Network == "" && l.URL == "":
			continue
		case l.URL == "":
			return au, rows, news.Errorf(news.EINVALID, "Social link %d has a network but no address.", i+1)
		case l.Network == "":
			return au, rows, news.Errorf(news.EINVALID, "Social link %d has an address but no network name.", i+1)
		}
		if err := checkURL(fmt.Sprintf("Social link %d", i+1), l.URL); err != nil {
			return au, rows, err
		}
		au.Social = append(au.Social, l.Link)
	}
	return au, rows, nil
}

// socialFormRows pads links to the form's rows.
func socialFormRows(links []news.Link) []socialRow {
	rows := make([]socialRow, max(socialRows, min(len(links), maxSocialRows)))
	for i := range rows {
		rows[i].N = i + 1
		if i < len(links) {
			rows[i].Link = links[i]
		}
	}
	return rows
}

// authorProblem words a store error for the author form.
func authorProblem(err error, au news.Author) string {
	if news.ErrorCode(err) == news.ECONFLICT {
		return fmt.Sprintf("Another author already has the slug %q. Choose another slug.", au.Slug)
	}
	return news.ErrorMessage(err)
}

func (a *Admin) authorNew(w http.ResponseWriter, r *http.Request, v *visit) {
	a.render(w, r, http.StatusOK, "author_form", authorFormPage{page: a.newPage("New author", v),
		Form: news.Author{Kind: news.KindPerson}, Social: socialFormRows(nil)})
}

func (a *Admin) authorCreate(w http.ResponseWriter, r *http.Request, v *visit) {
	ok, stale := a.readFormKeepingInput(w, r, v)
	if !ok && !stale {
		return
	}
	au, rows, err := readAuthorForm(r)
	if stale {
		err = errStaleForm
	}
	if err == nil {
		err = a.changeAudited(r.Context(), v, news.AuditEntry{Action: "author.create", Subject: "author " + au.Slug, Detail: au.Name},
			func(tx news.Store) error { return tx.CreateAuthor(r.Context(), &au) })
	}
	if err != nil {
		a.render(w, r, httperr.Status(err), "author_form", authorFormPage{page: a.newPage("New author", v),
			Form: au, Social: rows, Problem: authorProblem(err, au)})
		return
	}
	a.redirectWithFlash(w, r, fmt.Sprintf("/admin/authors/%d", au.ID), fmt.Sprintf("Author %q added.", au.Name))
}

// authorOf loads the author of the path's {id}, answering when it cannot.
func (a *Admin) authorOf(w http.ResponseWriter, r *http.Request) (news.Author, int, bool) {
	id, err := pathID(r, "author")
	if err == nil {
		var au news.Author
		if au, err = a.store.Author(r.Context(), id); err == nil {
			var n int
			if n, err = a.articleCount(r, news.ArticleFilter{AuthorID: au.ID}); err == nil {
				return au, n, true
			}
		}
	}
	a.renderError(w, r, err)
	return news.Author{}, 0, false
}

func (a *Admin) authorEdit(w http.ResponseWriter, r *http.Request, v *visit) {
	au, n, ok := a.authorOf(w, r)
	if !ok {
		return
	}
	a.render(w, r, http.StatusOK, "author_form", authorFormPage{page: a.managePage(w, r, au.Name, v),
		Form: au, Social: socialFormRows(au.Social), Articles: n, PublicURL: a.urls.Abs(urls.Author(au.Slug))})
}

func (a *Admin) authorUpdate(w http.ResponseWriter, r *http.Request, v *visit) {
	ok, stale := a.readFormKeepingInput(w, r, v)
	if !ok && !stale {
		return
	}
	old, n, ok := a.authorOf(w, r)
	if !ok {
		return
	}
	au, rows, err := readAuthorForm(r)
	au.ID = old.ID
	if stale {
		err = errStaleForm
	}
	if err == nil {
		err = a.changeAudited(r.Context(), v, news.AuditEntry{Action: "author.update",
			Subject: fmt.Sprintf("author %d", au.ID), Detail: fmt.Sprintf("%s (%s)", au.Name, au.Slug)},
			func(tx news.Store) error { return tx.UpdateAuthor(r.Context(), &au) })
	}
	if err != nil {
		a.render(w, r, httperr.Status(err), "author_form", authorFormPage{page: a.newPage(old.Name, v),
			Form: au, Social: rows, Articles: n, PublicURL: a.urls.Abs(urls.Author(old.Slug)), Problem: authorProblem(err, au)})
		return
	}
	a.redirectWithFlash(w, r, fmt.Sprintf("/admin/authors/%d", au.ID), fmt.Sprintf("Author %q saved.", au.Name))
}
