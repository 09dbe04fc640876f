package admin

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/urls"
)

// editor is the article editor's handlers: the admin and the renderer the
// preview shares with the publishing service's configuration.
type editor struct {
	*Admin
	rd *render.Renderer
}

// articlePage is the article form, new or existing.
type articlePage struct {
	page
	// Article is the stored article; nil on the new-article form.
	Article *news.Article
	Form    articleForm
	// Problem is the form's error, also shown next to ProblemField.
	Problem      string
	ProblemField string
	Saved        string
	// ClearDrafts are the autosave keys the script drops: the save they
	// belong to has been stored.
	ClearDrafts   string
	StorageKey    string
	Preview       template.HTML
	ShowPreview   bool
	CanPublish    bool
	CanDelete     bool
	CanNewsletter bool
	TimeZone      string
	FormAction    string
	// PublicURL is set when readers can see the article now.
	PublicURL string
	When      *stamp
}

// FieldProblem returns the problem to show next to field, if it is the
// one at fault.
func (p articlePage) FieldProblem(field string) string {
	if p.ProblemField == field {
		return p.Problem
	}
	return ""
}

func articleEditPath(id int64) string {
	return "/admin/articles/" + strconv.FormatInt(id, 10) + "/edit"
}

// ready refuses to serve the editor of an admin built without a
// publishing service.
func (e *editor) ready(w http.ResponseWriter, r *http.Request) bool {
	if e.pub == nil {
		e.renderError(w, r, news.Errorf(news.EINTERNAL, "The article editor is not configured on this server."))
		return false
	}
	return true
}

// articleOf loads the article named by the path's {id}.
func (e *editor) articleOf(r *http.Request) (news.Article, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return news.Article{}, news.Errorf(news.ENOTFOUND, "There is no article %q.", r.PathValue("id"))
	}
	return e.store.Article(r.Context(), id)
}

// forbidden is the answer to a role that may not do what it asked.
func forbidden(format string, args ...any) error {
	return news.Errorf(news.EFORBIDDEN, format, args...)
}

// newArticlePage returns the form page for ar (nil when new) showing f.
func (e *editor) newArticlePage(r *http.Request, v *visit, ar *news.Article, f articleForm) (articlePage, error) {
	settings, err := e.store.Settings(r.Context())
	if err != nil {
		return articlePage{}, err
	}
	loc := e.location(settings.TimeZone)
	p := articlePage{
		page: e.newPage("New article", v), Form: f, StorageKey: "new",
		CanNewsletter: v.user.Role.Can(news.ActionEditAll),
		CanPublish:    v.user.CanPublish(news.Article{CreatedBy: v.user.ID}),
		TimeZone:      loc.String(), FormAction: "/admin/articles",
	}
	if ar != nil {
		p.Article = ar
		p.Title = "Edit: " + ar.Title
		p.StorageKey = strconv.FormatInt(ar.ID, 10)
		p.CanPublish = v.user.CanPublish(*ar)
		p.CanDelete = v.user.Role.Can(news.ActionEditAll)
		p.FormAction = "/admin/articles/" + p.StorageKey
		if ar.IsPublic(e.now()) {
			p.PublicURL = e.urls.Abs(urls.Article(ar.Slug))
		}
		if !ar.PublishedAt.IsZero() && ar.Status != news.StatusDraft {
			s := newStamp(ar.PublishedAt, loc)
			p.When = &s
		}
	}
	return p, nil
}

// articleNew shows the empty form.
func (e *editor) articleNew(w http.ResponseWriter, r *http.Request, v *visit) {
	if !e.ready(w, r) {
		return
	}
	if !v.user.Role.Can(news.ActionWriteDrafts) {
		e.renderError(w, r, forbidden("Your role may not write articles."))
		return
	}
	p, err := e.newArticlePage(r, v, nil, articleForm{Format: string(news.FormatMarkdown)})
	if err != nil {
		e.renderError(w, r, err)
		return
	}
	e.render(w, r, http.StatusOK, "article_edit", p)
}

// articleEdit shows the form of a stored article.
func (e *editor) articleEdit(w http.ResponseWriter, r *http.Request, v *visit) {
	if !e.ready(w, r) {
		return
	}
	ar, err := e.articleOf(r)
	if err != nil {
		e.renderError(w, r, err)
		return
	}
	if !v.user.CanEdit(ar) {
		e.renderError(w, r, forbidden("Your role may not edit this article: contributors edit their own drafts, authors their own articles."))
		return
	}
	settings, err := e.store.Settings(r.Context())
	if err != nil {
		e.renderError(w, r, err)
		return
	}
	p, err := e.newArticlePage(r, v, &ar, formOf(ar, e.location(settings.TimeZone)))
	if err != nil {
		e.renderError(w, r, err)
		return
	}
	if fl, ok := e.takeEditorFlash(w, r); ok {
		p.Saved, p.ClearDrafts = fl.Message, strings.Join(fl.Clear, " ")
	}
	e.render(w, r, http.StatusOK, "article_edit", p)
}

// articleCreate saves the new-article form.
func (e *editor) articleCreate(w http.ResponseWriter, r *http.Request, v *visit) {
	if !e.ready(w, r) {
		return
	}
	if !v.user.Role.Can(news.ActionWriteDrafts) {
		e.renderError(w, r, forbidden("Your role may not write articles."))
		return
	}
	if !e.readArticleForm(w, r, v, nil) {
		return
	}
	e.saveArticle(w, r, v, nil)
}

// articleSave saves the form of a stored article.
func (e *editor) articleSave(w http.ResponseWriter, r *http.Request, v *visit) {
	if !e.ready(w, r) {
		return
	}
	ar, err := e.articleOf(r)
	if err != nil {
		e.renderError(w, r, err)
		return
	}
	if !v.user.CanEdit(ar) {
		e.renderError(w, r, forbidden("Your role may not edit this article: contributors edit their own drafts, authors their own articles."))
		return
	}
	if !e.readArticleForm(w, r, v, &ar) {
		return
	}
	e.saveArticle(w, r, v, &ar)
}

// readArticleForm is readForm for the editor's own form: when only the
// CSRF token is stale (the session was renewed in another tab, say), the
// form comes back with everything typed in it and a fresh token, and
// nothing is saved. That is safe to do: http.CrossOriginProtection has
// already refused cross-site posts, so the text is the user's own.
func (e *editor) readArticleForm(w http.ResponseWriter, r *http.Request, v *visit, old *news.Article) bool {
	if err := r.ParseForm(); err != nil || tokenEqual(r.PostForm.Get(csrfField), v.csrf) {
		return e.readForm(w, r, v) // the usual checks and messages
	}
	e.logger.Info("article form with a stale CSRF token; shown again", "user_id", v.user.ID, "path", r.URL.Path)
	f, _ := parseArticleForm(r.PostForm) // shown as typed, even if invalid
	p, err := e.newArticlePage(r, v, old, f)
	if err != nil {
		e.renderError(w, r, err)
		return false
	}
	p.Problem = "Nothing was saved: this form's security token had expired. Your text is below; check it and press the button again."
	e.render(w, r, http.StatusForbidden, "article_edit", p)
	return false
}

// saveArticle does what the form's button asks, in one call to the
// publishing service, so that a failure leaves nothing half-saved. old is
// nil for a new article. The caller has checked that v may edit old.
func (e *editor) saveArticle(w http.ResponseWriter, r *http.Request, v *visit, old *news.Article) {
	ctx := r.Context()
	f, ferr := parseArticleForm(r.PostForm)
	fail := func(fe *formError) {
		p, err := e.newArticlePage(r, v, old, f)
		if err != nil {
			e.renderError(w, r, err)
			return
		}
		status := httperr.Status(fe.err)
		if status >= 500 {
			e.logger.Error("saving an article", "path", r.URL.Path, "err", fe.err)
		}
		p.Problem, p.ProblemField = news.ErrorMessage(fe.err), fe.Field
		e.render(w, r, status, "article_edit", p)
	}
	if ferr != nil {
		fail(ferr)
		return
	}
	if f.Action == actionPreview {
		e.showPreview(w, r, v, old, f)
		return
	}

	settings, err := e.store.Settings(ctx)
	if err != nil {
		e.renderError(w, r, err)
		return
	}
	loc := e.location(settings.TimeZone)
	in := f.input()
	subject := news.Article{CreatedBy: v.user.ID, Status: news.StatusDraft}
	if old != nil {
		subject = *old
		in.Status, in.PublishedAt = old.Status, old.PublishedAt
		if !v.user.Role.Can(news.ActionEditAll) {
			in.Newsletter = old.Newsletter
		}
	} else {
		in.Status, in.CreatedBy = news.StatusDraft, v.user.ID
		if !v.user.Role.Can(news.ActionEditAll) {
			in.Newsletter = false
		}
	}

	var done string
	switch f.Action {
	case actionSave:
		done = "Saved."
	case actionPublish, actionSchedule, actionUnpublish:
		if !v.user.CanPublish(subject) {
			e.renderError(w, r, forbidden("Your role may not publish, schedule or unpublish this article; save it as a draft and ask an editor."))
			return
		}
	}
	now := e.now()
	switch f.Action {
	case actionPublish:
		in.Status = news.StatusPublished
		// Publishing again keeps the first publication date; a planned
		// one is replaced by now.
		if in.PublishedAt.After(now) || (old != nil && old.Status == news.StatusScheduled) {
			in.PublishedAt = time.Time{}
		}
		done = "Published."
	case actionSchedule:
		at, fe := f.scheduleTime(loc)
		if fe != nil {
			fail(fe)
			return
		}
		if !at.After(now) {
			fail(&formError{Field: "schedule_at", err: news.Errorf(news.EINVALID,
				"The publication time %s (%s) is in the past; choose a later time.", at.Format("2 Jan 2006, 15:04"), loc)})
			return
		}
		in.Status, in.PublishedAt = news.StatusScheduled, at.UTC()
		done = "Scheduled for " + at.Format("2 Jan 2006, 15:04") + " (" + loc.String() + ")."
	case actionUnpublish:
		if old == nil || old.Status == news.StatusDraft {
			fail(&formError{err: news.Errorf(news.EINVALID, "The article is not published or scheduled, so there is nothing to unpublish.")})
			return
		}
		if old.Status == news.StatusScheduled {
			in.PublishedAt = time.Time{}
		}
		in.Status = news.StatusDraft
		done = "Unpublished: the article is a draft again."
	}

	var (
		saved news.Article
		rep   publishing.Report
	)
	if old == nil {
		saved, rep, err = e.pub.Create(ctx, in, v.user.Email)
	} else {
		saved, rep, err = e.pub.Update(ctx, old.ID, in, v.user.Email)
	}
	if err != nil {
		fail(problemOf(err, f.Slug))
		return
	}
	msg := []string{done}
	for _, au := range rep.CreatedAuthors {
		msg = append(msg, fmt.Sprintf("Created author %s.", au.Name))
	}
	for _, t := range rep.CreatedTags {
		msg = append(msg, fmt.Sprintf("Created tag %s.", t.Name))
	}
	key := strconv.FormatInt(saved.ID, 10)
	clear := []string{key}
	if old == nil {
		clear = append(clear, "new")
	}
	e.setEditorFlash(w, editorFlash{Message: strings.Join(msg, " "), Clear: clear})
	http.Redirect(w, r, articleEditPath(saved.ID), http.StatusSeeOther)
}

// problemOf places a publishing error next to the field it is about.
func problemOf(err error, slug string) *formError {
	if news.ErrorCode(err) == news.ECONFLICT {
		return &formError{Field: "slug", err: news.WrapError(news.ECONFLICT, err,
			"The slug %q is already used by another article; choose another.", slug)}
	}
	msg := news.ErrorMessage(err)
	for _, m := range []struct{ prefix, field string }{
		{"The title", "title"}, {"The subtitle", "subtitle"}, {"The summary", "summary"},
		{"The body", "body"}, {"The slug", "slug"}, {"The language", "language"},
		{"The format", "format"}, {"The source URL", "source_url"}, {"The canonical URL", "canonical_url"},
		{"The image URL", "image_url"}, {"The note", "note_before"}, {"A note", "note_before"},
		{"Author", "authors"}, {"The author", "authors"}, {"An article can have at most", "tags"},
		{"The tag", "tags"}, {"The scheduled time", "schedule_at"}, {"The source name", "source_name"},
	} {
		if strings.HasPrefix(msg, m.prefix) {
			field := m.field
			if m.prefix == "An article can have at most" && strings.Contains(msg, "authors") {
				field = "authors"
			}
			return &formError{Field: field, err: err}
		}
	}
	return &formError{err: err}
}

// showPreview re-renders the form with the body's rendering under it,
// saving nothing: the preview for browsers without JavaScript.
func (e *editor) showPreview(w http.ResponseWriter, r *http.Request, v *visit, old *news.Article, f articleForm) {
	p, err := e.newArticlePage(r, v, old, f)
	if err != nil {
		e.renderError(w, r, err)
		return
	}
	out, err := e.rd.Body(news.BodyFormat(f.Format), f.Body)
	if err != nil {
		p.Problem, p.ProblemField = news.ErrorMessage(err), "body"
		e.render(w, r, httperr.Status(err), "article_edit", p)
		return
	}
	// out is the renderer's sanitized HTML, the same readers would get.
	p.Preview, p.ShowPreview = template.HTML(out), true //nolint:gosec // sanitized by render
	e.render(w, r, http.StatusOK, "article_edit", p)
}

// editorFlashCookie carries a confirmation across the redirect after a save.
const editorFlashCookie = "byline_editor_flash"

// editorFlash is a one-time message for the next page.
type editorFlash struct {
	Message string   `json:"m"`
	Clear   []string `json:"c,omitempty"`
}

func (e *editor) setEditorFlash(w http.ResponseWriter, f editorFlash) {
	if len(f.Message) > 1500 {
		f.Message = cleanText(f.Message, 1500) + "…"
	}
	b, _ := json.Marshal(f) // strings and a slice of strings always marshal
	e.setCookie(w, &http.Cookie{Name: editorFlashCookie, Value: base64.RawURLEncoding.EncodeToString(b), MaxAge: 120})
}

// takeEditorFlash returns the flash the request carries, and drops it.
func (e *editor) takeEditorFlash(w http.ResponseWriter, r *http.Request) (editorFlash, bool) {
	c, err := r.Cookie(editorFlashCookie)
	if err != nil {
		return editorFlash{}, false
	}
	e.clearCookie(w, editorFlashCookie)
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	var f editorFlash
	if err != nil || json.Unmarshal(b, &f) != nil {
		return editorFlash{}, false
	}
	f.Message = cleanText(f.Message, 2000)
	return f, true
}

// fieldArgs is what the form's field templates show.
type fieldArgs struct {
	Page  articlePage
	Name  string
	Label string
	Value string
	Type  string
	Extra string
}

// Field bundles the arguments of the "field", "problem" and "describedby"
// templates, which take one value.
func (p articlePage) Field(name, label, value, typ, extra string) fieldArgs {
	return fieldArgs{Page: p, Name: name, Label: label, Value: value, Type: typ, Extra: extra}
}
