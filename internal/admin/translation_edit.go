package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/translation"
)

// segmentRow is one segment of the editor: the original beside the
// translation a person may change.
type segmentRow struct {
	Key, Label string
	Source     []piece
	// Value is the translation in the text area: a person's edit (even
	// a stale one), else the machine's. Orig is what the form showed,
	// sent back hidden so that only changed fields count as edits.
	Value, Orig string
	// By says who made the translation shown.
	By string
	// Stale marks a person's edit made for an earlier original; Machine
	// is then the machine's translation of the current one, if any.
	Stale   bool
	Machine []piece
	// Current is set when a person's edit for the current original is
	// shown: there is nothing left to mark reviewed.
	Current bool
	// Reviewed is the "reviewed" box as the person left it.
	Reviewed bool
	Problem  string
}

type translationEditPage struct {
	page
	Article    news.Article
	Lang       i18n.Language
	SourceLang i18n.Language
	Rows       []segmentRow
	Problem    string
	Action     string
}

// segmentRows lays the segments out for the editor; person names who
// made a person's edit and when, and ph describes a segment's markers
// (translation.Source's Placeholders).
func segmentRows(segs []news.TranslationSegment, person func(s news.TranslationSegment) string, ph func(key string) map[string]string) []segmentRow {
	rows := make([]segmentRow, 0, len(segs))
	for i := range segs {
		s := &segs[i]
		markers := ph(s.Key)
		row := segmentRow{Key: s.Key, Label: segmentLabel(s.Key), Source: segmentPieces(s.Source, markers)}
		switch {
		case s.HumanCurrent():
			row.Value, row.Current = s.Human, true
			row.By = "person (" + person(*s) + ")"
		case s.Human != "":
			row.Value, row.Stale = s.Human, true
			row.By = "person (" + person(*s) + "), for an earlier original"
			if s.Machine != "" {
				row.Machine = segmentPieces(s.Machine, markers)
			}
		case s.Machine != "":
			row.Value, row.By = s.Machine, s.Provider
		default:
			row.By = "not translated yet"
		}
		row.Value = displayText(row.Value)
		row.Orig = row.Value
		rows = append(rows, row)
	}
	return rows
}

// translationEditor loads what both the editor's GET and POST need. On
// failure it has answered, and ok is false.
func (a *Admin) translationEditor(w http.ResponseWriter, r *http.Request, v *visit) (p translationEditPage, src *translation.Source, ok bool) {
	p, src, err := a.loadTranslationEditor(w, r, v)
	if err != nil {
		a.renderError(w, r, err)
		return p, nil, false
	}
	return p, src, true
}

func (a *Admin) loadTranslationEditor(w http.ResponseWriter, r *http.Request, v *visit) (translationEditPage, *translation.Source, error) {
	ctx := r.Context()
	ar, err := a.editableArticle(r, v)
	if err != nil {
		return translationEditPage{}, nil, err
	}
	l, err := a.translationLang(r)
	if err != nil {
		return translationEditPage{}, nil, err
	}
	src, segs, err := a.tr.Segments(ctx, ar, l.Code)
	if err != nil {
		return translationEditPage{}, nil, err
	}
	people, err := a.peopleNames(r)
	if err != nil {
		return translationEditPage{}, nil, err
	}
	settings, err := a.store.Settings(ctx)
	if err != nil {
		return translationEditPage{}, nil, err
	}
	tz := a.location(settings.TimeZone)
	by := func(s news.TranslationSegment) string {
		name := people[s.HumanBy]
		if name == "" {
			name = s.HumanBy
		}
		if s.HumanAt.IsZero() {
			return name
		}
		return name + ", " + newStamp(s.HumanAt, tz).Text
	}
	p := translationEditPage{
		page:    a.managePage(w, r, fmt.Sprintf("%s translation: %s", l.EnglishName, ar.Title), v),
		Article: ar, Lang: l, SourceLang: a.sourceLanguage(ar.Language),
		Rows:   segmentRows(segs, by, src.Placeholders),
		Action: translationsPath(ar.ID) + "/" + l.Code,
	}
	return p, src, nil
}

// sourceLanguage is the language an article is written in, for the
// lang attribute of its text; an unknown code is shown as it is.
func (a *Admin) sourceLanguage(code string) i18n.Language {
	if code == "" {
		return a.langs.Source
	}
	if l, ok := a.langs.Lookup(code); ok {
		return l
	}
	return i18n.Language{Code: code, EnglishName: code, NativeName: code, Dir: "ltr"}
}

// peopleNames maps the users' email addresses to their names.
func (a *Admin) peopleNames(r *http.Request) (map[string]string, error) {
	users, err := a.store.Users(r.Context())
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(users))
	for _, u := range users {
		out[u.Email] = u.Name
	}
	return out, nil
}

// translationEdit shows the segment editor.
func (a *Admin) translationEdit(w http.ResponseWriter, r *http.Request, v *visit) {
	p, _, ok := a.translationEditor(w, r, v)
	if !ok {
		return
	}
	a.render(w, r, http.StatusOK, "translation_edit", p)
}

// translationSave stores a person's edits. A field counts as an edit
// when its text differs from what the form showed, or when its
// "reviewed" box is ticked (the shown text becomes the person's). Any
// invalid segment sends the form back with everything typed and nothing
// stored.
func (a *Admin) translationSave(w http.ResponseWriter, r *http.Request, v *visit) {
	ok, stale := a.readFormKeepingInput(w, r, v)
	if !ok && !stale {
		return
	}
	p, src, ok := a.translationEditor(w, r, v)
	if !ok {
		return
	}
	ctx := r.Context()
	edits, bad := collectEdits(r.PostForm, p.Rows, src)
	fail := func(err error) {
		status := httperr.Status(err)
		if status >= 500 {
			a.logger.Error("saving translation edits", "path", r.URL.Path, "err", err)
		}
		p.Flash = ""
		p.Problem = news.ErrorMessage(err)
		a.render(w, r, status, "translation_edit", p)
	}
	switch {
	case stale:
		fail(errStaleForm)
		return
	case len(bad) > 0:
		fail(news.Errorf(news.EINVALID, "Nothing was saved: correct %s; each problem is shown next to its segment.", strings.Join(bad, ", ")))
		return
	case len(edits) == 0:
		a.redirectWithFlash(w, r, p.Action, "Nothing was changed.")
		return
	}
	if err := a.tr.SaveEdits(ctx, p.Article.ID, p.Lang.Code, edits, v.user.Email); err != nil {
		if news.ErrorCode(err) == news.EINVALID {
			markSegmentProblem(p.Rows, news.ErrorMessage(err))
		}
		fail(err)
		return
	}
	a.audit(ctx, news.AuditEntry{UserID: v.user.ID, UserEmail: v.user.Email, Action: "translation.edit",
		Subject: fmt.Sprintf("article %d (%s)", p.Article.ID, p.Article.Slug),
		Detail:  fmt.Sprintf("%s: %d segment(s)", p.Lang.Code, len(edits))})
	a.redirectWithFlash(w, r, p.Action, fmt.Sprintf("Saved %d segment(s) of the %s translation.", len(edits), p.Lang.EnglishName))
}

// collectEdits puts the posted fields into rows (so that a refused form
// shows them as typed) and returns the edits keyed by segment, in
// segment-text form, and the labels of the rows with a problem.
func collectEdits(form url.Values, rows []segmentRow, src *translation.Source) (map[string]string, []string) {
	edits := map[string]string{}
	var bad []string
	for i := range rows {
		row := &rows[i]
		if _, sent := form["seg."+row.Key]; !sent {
			continue
		}
		typed, err := text(form, "seg."+row.Key, row.Label, maxTextBytes)
		row.Value = typed
		if orig, ok := form["orig."+row.Key]; ok {
			row.Orig = strings.TrimSpace(strings.ReplaceAll(orig[0], "\r\n", "\n"))
		}
		row.Reviewed = form.Get("ok."+row.Key) != ""
		if err != nil {
			row.Problem, bad = news.ErrorMessage(err), append(bad, row.Label)
			continue
		}
		changed := typed != strings.TrimSpace(row.Orig)
		approve := row.Reviewed && !row.Current && typed != ""
		if !changed && !approve {
			continue
		}
		stored := storedText(typed)
		if stored != "" {
			if err := src.Check(row.Key, stored); err != nil {
				row.Problem, bad = "Not saved: "+err.Error()+".", append(bad, row.Label)
				continue
			}
		}
		edits[row.Key] = stored
	}
	return edits, bad
}

// markSegmentProblem puts the service's message next to the segment it
// names ("segment body.0003: ...").
func markSegmentProblem(rows []segmentRow, msg string) {
	rest, ok := strings.CutPrefix(msg, "segment ")
	if !ok {
		return
	}
	key, _, ok := strings.Cut(rest, ":")
	if !ok {
		return
	}
	for i := range rows {
		if rows[i].Key == key {
			rows[i].Problem = msg
		}
	}
}

// displayText is segment text as the text area shows it: "&amp;" is
// written "&" where that cannot be read as an entity.
func displayText(s string) string {
	if !strings.Contains(s, "&amp;") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if rest, ok := strings.CutPrefix(s[i:], "&amp;"); ok && !isEntityAt("&"+rest[:min(len(rest), 41)]) {
			b.WriteByte('&')
			i += len("&amp;") - 1
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// storedText is displayText undone: an "&" a person typed as text is
// written "&amp;".
func storedText(s string) string { return escapeBareAmpersands(s) }
