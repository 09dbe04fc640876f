package admin

import (
	"context"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/news"
)

// usageDays is how far back the routing page shows engine usage.
const usageDays = 30

// engineState is one known engine as the routing page reports it.
type engineState struct {
	Name       string
	Configured bool
	// Stopped is when a stopped engine resumes (quota); nil when running.
	Stopped *stamp
	// Chars and Requests are its totals over the usage period.
	Chars, Requests int64
}

type translationSettingsPage struct {
	page
	Form       routingForm
	Modes      []string
	Engines    []engineState
	Usage      []news.TranslationUsage
	UsageSince string
	// Unconfigured lists engines the routes name that this site has not
	// configured.
	Unconfigured []string
	Problem      string
	ProblemField string
}

// FieldProblem returns the problem to show next to field, if it is the
// one at fault.
func (p translationSettingsPage) FieldProblem(field string) string {
	if p.ProblemField == field {
		return p.Problem
	}
	return ""
}

// ModeLabel is how the form names a mode.
func (translationSettingsPage) ModeLabel(mode string) string {
	switch mode {
	case news.ModeEager:
		return "eager"
	case news.ModeOnRequest:
		return "on request"
	case news.ModeOff:
		return "off"
	}
	return "(default)"
}

// translationSettingsView fills the read-only parts of the routing page
// around form.
func (a *Admin) translationSettingsView(ctx context.Context, p page, form routingForm) (translationSettingsPage, error) {
	since := a.now().UTC().AddDate(0, 0, -(usageDays - 1)).Format("2006-01-02")
	usage, err := a.store.TranslationUsageSince(ctx, since)
	if err != nil {
		return translationSettingsPage{}, err
	}
	settings, err := a.store.Settings(ctx)
	if err != nil {
		return translationSettingsPage{}, err
	}
	loc := a.location(settings.TimeZone)
	configured := a.tr.Engines()
	var stopped map[string]time.Time
	if a.trStopped != nil {
		stopped = a.trStopped()
	}
	tp := translationSettingsPage{page: p, Form: form, Modes: routeModes, Usage: usage, UsageSince: since}
	names := slices.Clone(knownEngines)
	for _, e := range configured {
		if !slices.Contains(names, e) {
			names = append(names, e)
		}
	}
	for _, name := range names {
		st := engineState{Name: name, Configured: slices.Contains(configured, name)}
		if until, ok := stopped[name]; ok && until.After(a.now()) {
			s := newStamp(until, loc)
			st.Stopped = &s
		}
		for _, u := range usage {
			if u.Provider == name {
				st.Chars += u.Chars
				st.Requests += u.Requests
			}
		}
		tp.Engines = append(tp.Engines, st)
	}
	// Engines named in the form but not configured here.
	named := map[string]bool{}
	for _, list := range append([]string{form.DefaultEngines}, enginesOfRows(form.Languages)...) {
		for _, n := range strings.FieldsFunc(strings.ToLower(list), func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			if slices.Contains(knownEngines, n) && !slices.Contains(configured, n) {
				named[n] = true
			}
		}
	}
	for n := range named {
		tp.Unconfigured = append(tp.Unconfigured, n)
	}
	sort.Strings(tp.Unconfigured)
	return tp, nil
}

func enginesOfRows(rows []routingRow) []string {
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.Engines)
	}
	return out
}

// translationSettings shows the routing form.
func (a *Admin) translationSettings(w http.ResponseWriter, r *http.Request, v *visit) {
	s, err := a.store.Settings(r.Context())
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	p, err := a.translationSettingsView(r.Context(), a.managePage(w, r, "Translations", v), routingFormOf(s.Translation, a.langs.Others))
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	a.render(w, r, http.StatusOK, "translation_settings", p)
}

// translationSettingsSave stores the routing form in the settings,
// leaving every other setting as it is.
func (a *Admin) translationSettingsSave(w http.ResponseWriter, r *http.Request, v *visit) {
	ok, stale := a.readFormKeepingInput(w, r, v)
	if !ok && !stale {
		return
	}
	ctx := r.Context()
	form, routes, err := parseRoutingForm(r.PostForm, a.langs.Others)
	if stale {
		err = errStaleForm
	}
	if err == nil {
		err = a.changeAudited(ctx, v, news.AuditEntry{Action: "translation.settings", Subject: "translation routing",
			Detail: "default " + routes.Default.Mode + ": " + strings.Join(routes.Default.Providers, ", ")},
			func(tx news.Store) error {
				s, err := tx.Settings(ctx)
				if err != nil {
					return err
				}
				s.Translation = routes
				return tx.SaveSettings(ctx, s)
			})
	}
	if err != nil {
		p, verr := a.translationSettingsView(ctx, a.newPage("Translations", v), form)
		if verr != nil {
			a.renderError(w, r, verr)
			return
		}
		p.Problem = news.ErrorMessage(err)
		if re, ok := err.(*routingError); ok {
			p.ProblemField = re.Field
		}
		a.render(w, r, httperr.Status(err), "translation_settings", p)
		return
	}
	a.redirectWithFlash(w, r, "/admin/translation", "Translation settings saved.")
}
