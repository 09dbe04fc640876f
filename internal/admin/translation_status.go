package admin

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/translation"
)

// translationPageNames are the translation pages' templates.
var translationPageNames = []string{"translations", "translation_edit", "translation_settings"}

// translationRoutes registers the translation pages: an article's
// languages, the segment editor, and the routing settings. A site
// without a translation service has none of them (404).
func (a *Admin) translationRoutes(mux *http.ServeMux) {
	if a.tr == nil {
		return
	}
	mux.HandleFunc("GET /admin/articles/{id}/translations", a.signedIn(a.translationList))
	mux.HandleFunc("POST /admin/articles/{id}/translations/{lang}/queue", a.signedIn(a.translationQueue))
	mux.HandleFunc("GET /admin/articles/{id}/translations/{lang}", a.signedIn(a.translationEdit))
	mux.HandleFunc("POST /admin/articles/{id}/translations/{lang}", a.signedIn(a.translationSave))
	mux.HandleFunc("GET /admin/translation", a.mayDo(news.ActionManageSite, a.translationSettings))
	mux.HandleFunc("POST /admin/translation", a.mayDo(news.ActionManageSite, a.translationSettingsSave))
}

func translationsPath(id int64) string {
	return "/admin/articles/" + strconv.FormatInt(id, 10) + "/translations"
}

// editableArticle loads the path's article and checks that v may edit
// it, by the article editor's rule.
func (a *Admin) editableArticle(r *http.Request, v *visit) (news.Article, error) {
	id, err := pathID(r, "article")
	if err != nil {
		return news.Article{}, err
	}
	ar, err := a.store.Article(r.Context(), id)
	if err != nil {
		return news.Article{}, err
	}
	if !v.user.CanEdit(ar) {
		return news.Article{}, forbidden("Your role may not edit this article or its translations: contributors edit their own drafts, authors their own articles.")
	}
	return ar, nil
}

// translationLang is the path's {lang} when it is a translation
// language of the site.
func (a *Admin) translationLang(r *http.Request) (i18n.Language, error) {
	code := r.PathValue("lang")
	l, ok := a.langs.Lookup(code)
	if !ok || !a.langs.IsTranslation(code) {
		return i18n.Language{}, news.Errorf(news.ENOTFOUND, "There is no translation language %q.", code)
	}
	return l, nil
}

// translationRow is one language of an article's translation table.
type translationRow struct {
	Lang      i18n.Language
	Status    news.TranslationStatus
	Providers string
	Updated   *stamp
}

type translationsPage struct {
	page
	Article news.Article
	Rows    []translationRow
	// Counts are the number of languages in each status.
	Reviewed, Machine, Stale, Missing int
	// CanQueue shows the "Translate now" buttons.
	CanQueue bool
	Engines  []string
}

// translationList shows the article's status in every language.
func (a *Admin) translationList(w http.ResponseWriter, r *http.Request, v *visit) {
	ctx := r.Context()
	ar, err := a.editableArticle(r, v)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	status, err := a.tr.Status(ctx, ar)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	stored, err := a.store.TranslationsOf(ctx, ar.ID)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	settings, err := a.store.Settings(ctx)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	loc := a.location(settings.TimeZone)
	byLang := make(map[string]news.Translation, len(stored))
	for _, t := range stored {
		byLang[t.Lang] = t
	}
	p := translationsPage{page: a.managePage(w, r, "Translations: "+ar.Title, v), Article: ar,
		Engines: a.tr.Engines()}
	p.CanQueue = a.queueTr != nil && len(p.Engines) > 0
	for _, l := range a.langs.Others {
		row := translationRow{Lang: l, Status: status[l.Code]}
		if row.Status == "" {
			row.Status = news.TranslationMissing
		}
		if t, ok := byLang[l.Code]; ok {
			row.Providers = t.Providers
			if !t.UpdatedAt.IsZero() {
				s := newStamp(t.UpdatedAt, loc)
				row.Updated = &s
			}
		}
		switch row.Status {
		case news.TranslationReviewed:
			p.Reviewed++
		case news.TranslationMachine:
			p.Machine++
		case news.TranslationStale:
			p.Stale++
		default:
			p.Missing++
		}
		p.Rows = append(p.Rows, row)
	}
	a.render(w, r, http.StatusOK, "translations", p)
}

// translationQueue queues the article's translation into one language
// now, from its current source.
func (a *Admin) translationQueue(w http.ResponseWriter, r *http.Request, v *visit) {
	ar, err := a.editableArticle(r, v)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	l, err := a.translationLang(r)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	if a.queueTr == nil || len(a.tr.Engines()) == 0 {
		a.renderError(w, r, news.Errorf(news.ENOTFOUND, "This site has no translation engines to translate with."))
		return
	}
	if !a.readForm(w, r, v) {
		return
	}
	src, err := translation.Split(ar)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	ctx := r.Context()
	if err := a.queueTr(ctx, ar.ID, l.Code, src.Digest); err != nil {
		a.renderError(w, r, err)
		return
	}
	a.audit(ctx, news.AuditEntry{UserID: v.user.ID, UserEmail: v.user.Email, Action: "translation.queue",
		Subject: fmt.Sprintf("article %d (%s)", ar.ID, ar.Slug), Detail: l.Code})
	a.redirectWithFlash(w, r, translationsPath(ar.ID),
		fmt.Sprintf("The %s translation is queued; it shows here when it is done.", l.EnglishName))
}
