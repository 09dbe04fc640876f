package admin_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/admin"
	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/media"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
	"github.com/byline-news/byline/internal/translation"
	"github.com/byline-news/byline/internal/urls"
)

// queued is one call of QueueTranslation.
type queued struct {
	ID           int64
	Lang, Digest string
}

// queueRecorder records QueueTranslation's calls.
type queueRecorder struct {
	mu    sync.Mutex
	calls []queued
}

func (q *queueRecorder) queue(_ context.Context, id int64, lang, digest string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.calls = append(q.calls, queued{id, lang, digest})
	return nil
}

func (q *queueRecorder) all() []queued {
	q.mu.Lock()
	defer q.mu.Unlock()
	return append([]queued(nil), q.calls...)
}

// trRig is a rig whose admin has a translation service; engines are
// the engines the service reports (none translate: there is no router).
type trRig struct {
	*rig
	tr    *translation.Service
	queue *queueRecorder
}

func newTranslationRig(t *testing.T, s *store.Store, engines ...string) *trRig {
	t.Helper()
	b, err := urls.New(baseURL, "en")
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{now: time.Date(2025, 6, 2, 8, 0, 0, 0, time.UTC)}
	lib, err := media.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	rd := render.New()
	tr := translation.New(s, i18n.Default(), translation.Options{Markdown: rd.Markdown,
		Engines: engines, Now: clk.Now})
	q := &queueRecorder{}
	a, err := admin.New(admin.Config{URLs: b, Logger: testutil.Logger(t), Secure: true, Now: clk.Now,
		Publishing: publishing.New(s, rd, publishing.Options{Now: clk.Now}), Media: lib, Mail: &mailbox{},
		Translation: tr, QueueTranslation: q.queue,
		TranslationStopped: func() map[string]time.Time {
			return map[string]time.Time{"deepl": clk.Now().Add(36 * time.Hour)}
		}}, s)
	if err != nil {
		t.Fatal(err)
	}
	return &trRig{rig: &rig{store: s, handler: a.Handler(), clock: clk, media: lib}, tr: tr, queue: q}
}

// linkedArticle stores an article owned by owner whose body has a link,
// so its body segment has placeholders.
func linkedArticle(t *testing.T, s *store.Store, owner int64, status news.Status) news.Article {
	t.Helper()
	a := news.Article{
		Slug: fmt.Sprintf("report-%d-%s", owner, status), Title: "Water & power", Summary: "A short report.", Language: "en",
		Format: news.FormatHTML, Body: "x",
		BodyHTML: `<p>Read <a href="https://example.org/r">the report</a> today.</p><p>Second paragraph.</p>`,
		Status:   status, CreatedBy: owner,
		Image: news.Image{URL: "https://example.org/i.jpg", Alt: "A dam", Caption: "The dam at dawn"},
	}
	if status == news.StatusPublished {
		a.PublishedAt = time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)
	}
	if err := s.CreateArticle(t.Context(), &a, "test"); err != nil {
		t.Fatal(err)
	}
	return a
}

func segmentsOf(t *testing.T, s *store.Store, id int64, lang string) map[string]news.TranslationSegment {
	t.Helper()
	segs, err := s.TranslationSegments(t.Context(), id, lang)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]news.TranslationSegment{}
	for _, seg := range segs {
		out[seg.Key] = seg
	}
	return out
}

// editorForm is the segment editor's form as a browser would post it
// unchanged: every textarea with its hidden original.
func editorForm(t *testing.T, res response) url.Values {
	t.Helper()
	if res.status != http.StatusOK {
		t.Fatalf("editor: status %d\n%s", res.status, res.body)
	}
	f := url.Values{"csrf_token": {res.csrf(t)}}
	for _, m := range regexpAllSub(`<textarea id="seg-[^"]*" name="(seg\.[^"]*)"[^>]*>([^<]*)</textarea>`, res.body) {
		f.Set(m[1], html.UnescapeString(m[2]))
	}
	for _, m := range regexpAllSub(`name="(orig\.[^"]*)" value="([^"]*)"`, res.body) {
		f.Set(m[1], html.UnescapeString(m[2]))
	}
	return f
}

func TestTranslationPagesRoleMatrix(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newTranslationRig(t, s, "deepl")
		users := g.staff(t)
		other := dummyUser(t, s, "writer@news.example", news.RoleAuthor)
		theirs := linkedArticle(t, s, other.ID, news.StatusPublished)
		ownDraft := linkedArticle(t, s, users[news.RoleContributor].ID, news.StatusDraft)
		before := snapshot(t, s)

		for _, role := range roles {
			b := g.as(t, role)
			mayEdit := role.Can(news.ActionEditAll)
			want := map[bool]int{true: http.StatusOK, false: http.StatusForbidden}
			for _, path := range []string{
				idPath("/admin/articles/%d/translations", theirs.ID),
				idPath("/admin/articles/%d/translations/fr", theirs.ID),
			} {
				if res := b.get(path); res.status != want[mayEdit] {
					t.Errorf("%s GET %s: status %d, want %d", role, path, res.status, want[mayEdit])
				}
			}
			res := b.submit(idPath("/admin/articles/%d/translations/fr", theirs.ID), url.Values{"seg.title": {"Eau"}, "orig.title": {""}})
			if mayEdit != (res.status == http.StatusSeeOther) {
				t.Errorf("%s POST edit: status %d", role, res.status)
			}
			res = b.submit(idPath("/admin/articles/%d/translations/de/queue", theirs.ID), nil)
			if mayEdit != (res.status == http.StatusSeeOther) {
				t.Errorf("%s POST queue: status %d", role, res.status)
			}
			// Everyone may translate their own draft.
			if res := b.get(idPath("/admin/articles/%d/translations/fr", ownDraft.ID)); (role == news.RoleContributor || mayEdit) != (res.status == http.StatusOK) {
				t.Errorf("%s GET own-draft editor: status %d", role, res.status)
			}

			isAdmin := role.Can(news.ActionManageSite)
			if res := b.get("/admin/translation"); res.status != want[isAdmin] {
				t.Errorf("%s GET /admin/translation: status %d", role, res.status)
			}
			res = b.submit("/admin/translation", url.Values{"default_mode": {"off"}})
			if isAdmin != (res.status == http.StatusSeeOther) {
				t.Errorf("%s POST /admin/translation: status %d", role, res.status)
			}
			nav := b.get("/admin/account")
			if isAdmin != strings.Contains(nav.body, `href="/admin/translation"`) {
				t.Errorf("%s: the nav's Translations link shown = %v", role, !isAdmin)
			}
			if !isAdmin {
				st, err := s.Settings(t.Context())
				if err != nil {
					t.Fatal(err)
				}
				if st.Translation.Default.Mode != "" {
					t.Fatalf("%s changed the routing: %+v", role, st.Translation)
				}
			}
			if !mayEdit {
				if segs := segmentsOf(t, s, theirs.ID, "fr"); len(segs) != 0 {
					t.Fatalf("%s stored a translation of someone else's article: %+v", role, segs)
				}
				if len(g.queue.all()) != 0 {
					t.Fatalf("%s queued a translation: %+v", role, g.queue.all())
				}
			}
			if role == news.RoleContributor && snapshot(t, s) != before {
				t.Errorf("a refused contributor changed something")
			}
		}
	})
}

func TestTranslationPostsNeedCSRF(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newTranslationRig(t, s, "deepl")
		g.staff(t)
		a := linkedArticle(t, s, 0, news.StatusPublished)
		b := g.as(t, news.RoleOwner)
		for _, p := range []struct {
			path string
			form url.Values
		}{
			{idPath("/admin/articles/%d/translations/fr", a.ID), url.Values{"seg.title": {"Eau"}, "orig.title": {""}}},
			{idPath("/admin/articles/%d/translations/fr/queue", a.ID), url.Values{}},
			{"/admin/translation", url.Values{"default_mode": {"off"}}},
		} {
			for _, token := range []string{"", "forged"} {
				f := with(p.form, "csrf_token", token)
				if res := b.post(p.path, f); res.status != http.StatusForbidden {
					t.Errorf("POST %s with token %q: status %d, want 403", p.path, token, res.status)
				}
			}
		}
		if segs := segmentsOf(t, s, a.ID, "fr"); len(segs) != 0 {
			t.Errorf("stored without a token: %+v", segs)
		}
		if len(g.queue.all()) != 0 {
			t.Errorf("queued without a token: %+v", g.queue.all())
		}
		if st, _ := s.Settings(t.Context()); st.Translation.Default.Mode != "" {
			t.Errorf("routing saved without a token: %+v", st.Translation)
		}
	})
}

func TestTranslationHumanEdit(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newTranslationRig(t, s)
		users := g.staff(t)
		a := linkedArticle(t, s, 0, news.StatusPublished)
		b := g.as(t, news.RoleEditor)
		editPath := idPath("/admin/articles/%d/translations/ar", a.ID)

		page := b.get(editPath)
		mustHave(t, page, "Title", "Body ¶ 1", "Image caption", `lang="ar" dir="rtl"`,
			`&lt;g1&gt;</code>the report<code class="ph"`, `title="a href=https://example.org/r"`, "keep every marker")
		form := editorForm(t, page)
		if len(form) < 6 {
			t.Fatalf("the editor's form has too few fields: %v", form)
		}
		form.Set("seg.title", "الماء & الكهرباء")
		form.Set("seg.body.0000", "اقرأ <g1>التقرير</g1> اليوم.")
		form.Set("seg.summary", "") // unchanged: it was empty
		res := b.post(editPath, form)
		if res.status != http.StatusSeeOther {
			t.Fatalf("save: status %d\n%s", res.status, res.body)
		}
		segs := segmentsOf(t, s, a.ID, "ar")
		if got := segs["title"]; got.Human != "الماء &amp; الكهرباء" || got.HumanBy != users[news.RoleEditor].Email || !got.HumanCurrent() {
			t.Errorf("title segment: %+v", got)
		}
		if got := segs["body.0000"]; got.Human != "اقرأ <g1>التقرير</g1> اليوم." || got.HumanBy != users[news.RoleEditor].Email {
			t.Errorf("body segment: %+v", got)
		}
		if got := segs["summary"]; got.Human != "" {
			t.Errorf("an unchanged empty field became an edit: %+v", got)
		}
		next := b.get(res.location())
		mustHave(t, next, "Saved 2 segment(s) of the Arabic translation.", "الماء &amp; الكهرباء", "person (The editor, ")
		if acts := auditActions(t, s); len(acts) == 0 || acts[len(acts)-1] != "translation.edit" {
			t.Errorf("audit: %v", acts)
		}

		// Posting the form back unchanged stores nothing new.
		before := segmentsOf(t, s, a.ID, "ar")
		if res := b.post(editPath, editorForm(t, next)); res.status != http.StatusSeeOther {
			t.Fatalf("unchanged save: status %d", res.status)
		}
		if after := segmentsOf(t, s, a.ID, "ar"); !reflect.DeepEqual(before, after) {
			t.Errorf("an unchanged form changed the segments")
		}

		// Unknown language: 404.
		if res := b.get(idPath("/admin/articles/%d/translations/xx", a.ID)); res.status != http.StatusNotFound {
			t.Errorf("unknown language: status %d", res.status)
		}
		if res := b.get(idPath("/admin/articles/%d/translations/en", a.ID)); res.status != http.StatusNotFound {
			t.Errorf("the source language: status %d", res.status)
		}
	})
}

func TestTranslationEditKeepsPlaceholders(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newTranslationRig(t, s)
		g.staff(t)
		a := linkedArticle(t, s, 0, news.StatusPublished)
		b := g.as(t, news.RoleEditor)
		editPath := idPath("/admin/articles/%d/translations/fr", a.ID)
		form := editorForm(t, b.get(editPath))
		form.Set("seg.title", "L'eau et l'électricité")
		form.Set("seg.body.0000", "Lisez le rapport aujourd'hui.")
		res := b.post(editPath, form)
		if res.status != http.StatusBadRequest {
			t.Fatalf("dropped placeholder: status %d, want 400\n%s", res.status, res.body)
		}
		mustHave(t, res, "Nothing was saved: correct Body ¶ 1;", `id="problem-body.0000"`, "placeholder &lt;g1&gt; missing", "Not saved:", "Lisez le rapport aujourd&#39;hui.",
			"L&#39;eau et l&#39;électricité", `aria-invalid="true"`)
		if strings.Contains(res.body, `id="problem-title"`) {
			t.Errorf("the valid title was flagged")
		}
		if segs := segmentsOf(t, s, a.ID, "fr"); len(segs) != 0 {
			t.Errorf("something was stored: %+v", segs)
		}
		// A placeholder in a plain field is refused too.
		form.Set("seg.body.0000", "Lisez <g1>le rapport</g1> aujourd'hui.")
		form.Set("seg.title", "L'eau <g1>et</g1>")
		res = b.post(editPath, form)
		mustHave(t, res, `id="problem-title"`)
		if segs := segmentsOf(t, s, a.ID, "fr"); len(segs) != 0 {
			t.Errorf("something was stored: %+v", segs)
		}
	})
}

func TestTranslationStaleEditAndReview(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newTranslationRig(t, s)
		g.staff(t)
		a := linkedArticle(t, s, 0, news.StatusPublished)
		ctx := t.Context()
		if err := g.tr.SaveEdits(ctx, a.ID, "de", map[string]string{"body.0001": "Zweiter Absatz.", "title": "Wasser und Strom"}, "translator@news.example"); err != nil {
			t.Fatal(err)
		}
		a.BodyHTML = `<p>Read <a href="https://example.org/r">the report</a> today.</p><p>A changed second paragraph.</p>`
		if err := s.UpdateArticle(ctx, &a, "test"); err != nil {
			t.Fatal(err)
		}
		b := g.as(t, news.RoleEditor)
		editPath := idPath("/admin/articles/%d/translations/de", a.ID)
		page := b.get(editPath)
		mustHave(t, page, `id="stale-body.0001"`, "Stale: the original changed since this edit", ">Zweiter Absatz.</textarea>")
		if strings.Contains(page.body, `id="stale-title"`) {
			t.Errorf("the unchanged title was flagged stale")
		}
		list := b.get(idPath("/admin/articles/%d/translations", a.ID))
		mustHave(t, list, `<span class="status status-stale">out of date</span>`, "1 out of date", "No translation engine")
		if strings.Contains(list.body, "Translate now") {
			t.Errorf("Translate now shown on a site without engines")
		}

		// Ticking "reviewed" makes the old text the edit for the new source.
		form := editorForm(t, page)
		form.Set("ok.body.0001", "1")
		if res := b.post(editPath, form); res.status != http.StatusSeeOther {
			t.Fatalf("review: status %d\n%s", res.status, res.body)
		}
		seg := segmentsOf(t, s, a.ID, "de")["body.0001"]
		if !seg.HumanCurrent() || seg.Human != "Zweiter Absatz." || seg.HumanBy != "editor@news.example" {
			t.Errorf("reviewed segment: %+v", seg)
		}
		if strings.Contains(b.get(editPath).body, `id="stale-body.0001"`) {
			t.Errorf("still flagged stale after review")
		}
	})
}

func TestTranslationRoutingForm(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newTranslationRig(t, s, "deepl")
		g.staff(t)
		ctx := t.Context()
		st, err := s.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		st.Name, st.Tagline = "The Courier", "News from the valley"
		if err := s.SaveSettings(ctx, st); err != nil {
			t.Fatal(err)
		}
		if err := s.AddTranslationUsage(ctx, "deepl", "2025-06-01", 1234); err != nil {
			t.Fatal(err)
		}
		b := g.as(t, news.RoleAdministrator)
		page := b.get("/admin/translation")
		mustHave(t, page, "Afrikaans", "العربية", "2025-06-01", "1234", "stopped for quota until", `name="mode.zh-Hans"`)

		form := url.Values{"default_mode": {"eager"}, "default_engines": {"apertium, deepl"},
			"mode.fr": {"off"}, "engines.de": {"openai, deepl"}, "glossary": {"Byline\r\nUN | fr=ONU"}}
		res := b.submit("/admin/translation", form)
		if res.status != http.StatusSeeOther {
			t.Fatalf("save: status %d\n%s", res.status, res.body)
		}
		got, err := s.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := news.TranslationSettings{
			Default:   news.LanguageRoute{Mode: "eager", Providers: []string{"apertium", "deepl"}},
			Languages: map[string]news.LanguageRoute{"fr": {Mode: "off"}, "de": {Providers: []string{"openai", "deepl"}}},
			Glossary:  []news.GlossaryTerm{{Term: "Byline"}, {Term: "UN", Fixed: map[string]string{"fr": "ONU"}}},
		}
		if !reflect.DeepEqual(got.Translation, want) {
			t.Errorf("saved %#v\nwant %#v", got.Translation, want)
		}
		got.Translation = st.Translation
		if !reflect.DeepEqual(got, st) {
			t.Errorf("other settings changed:\n%#v\n%#v", got, st)
		}
		next := b.follow(res)
		mustHave(t, next, "Translation settings saved.", `value="apertium, deepl"`, `value="openai, deepl"`, "UN | fr=ONU",
			"Not configured on this site: apertium, openai")
		if acts := auditActions(t, s); acts[len(acts)-1] != "translation.settings" {
			t.Errorf("audit: %v", acts)
		}
		// Saving the site settings keeps the routing.
		if res := b.submit("/admin/settings", url.Values{"name": {"The Courier"}, "time_zone": {"UTC"}}); res.status != http.StatusSeeOther {
			t.Fatalf("site settings: status %d\n%s", res.status, res.body)
		}
		if now, _ := s.Settings(ctx); !reflect.DeepEqual(now.Translation, want) {
			t.Errorf("saving the site settings changed the routing: %#v", now.Translation)
		}

		for _, tc := range []struct {
			form url.Values
			want []string
		}{
			{url.Values{"default_mode": {"eager"}, "default_engines": {"deepl, babelfish"}},
				[]string{`&#34;babelfish&#34;, which is not an engine`, `value="deepl, babelfish"`, `id="problem-default_engines"`}},
			{url.Values{"default_mode": {"eager"}, "engines.pt-BR": {"systran"}},
				[]string{"systran", `id="problem-engines.pt-BR"`}},
			{url.Values{"default_mode": {"eager"}, "glossary": {"Byline\nUN | fr ONU"}},
				[]string{"Glossary line 2:", "UN | fr ONU</textarea>"}},
		} {
			if _, ok := tc.form["engines.pt-BR"]; ok {
				if _, known := i18n.Default().Lookup("pt-BR"); !known {
					continue
				}
			}
			res := b.submit("/admin/translation", tc.form)
			if res.status != http.StatusBadRequest {
				t.Errorf("%v: status %d, want 400", tc.form, res.status)
			}
			mustHave(t, res, tc.want...)
			if now, _ := s.Settings(ctx); !reflect.DeepEqual(now.Translation, want) {
				t.Errorf("a refused form changed the routing: %#v", now.Translation)
			}
		}
	})
}

func TestTranslateNowQueues(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newTranslationRig(t, s, "deepl")
		g.staff(t)
		a := linkedArticle(t, s, 0, news.StatusPublished)
		b := g.as(t, news.RoleEditor)
		list := b.get(idPath("/admin/articles/%d/translations", a.ID))
		mustHave(t, list, "Translate now", "51 languages", "0 reviewed", "51 not translated")
		res := b.submit(idPath("/admin/articles/%d/translations/ja/queue", a.ID), nil)
		if res.status != http.StatusSeeOther {
			t.Fatalf("queue: status %d\n%s", res.status, res.body)
		}
		src, err := translation.Split(mustArticle(t, s, a.ID))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := g.queue.all(), []queued{{a.ID, "ja", src.Digest}}; !reflect.DeepEqual(got, want) {
			t.Errorf("queued %+v, want %+v", got, want)
		}
		mustHave(t, b.follow(res), "The Japanese translation is queued")
		if acts := auditActions(t, s); acts[len(acts)-1] != "translation.queue" {
			t.Errorf("audit: %v", acts)
		}
		if res := b.submit(idPath("/admin/articles/%d/translations/xx/queue", a.ID), nil); res.status != http.StatusNotFound {
			t.Errorf("unknown language: status %d", res.status)
		}
		if len(g.queue.all()) != 1 {
			t.Errorf("an unknown language was queued")
		}
		edit := b.get(articleEditPathOf(a.ID))
		mustHave(t, edit, idPath(`href="/admin/articles/%d/translations"`, a.ID))
	})
}

func articleEditPathOf(id int64) string { return idPath("/admin/articles/%d/edit", id) }

// A site without a translation service has no translation pages.
func TestTranslationPagesAbsentWithoutService(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.staff(t)
		a := linkedArticle(t, s, 0, news.StatusPublished)
		b := g.as(t, news.RoleOwner)
		for _, p := range []string{"/admin/translation", idPath("/admin/articles/%d/translations", a.ID), idPath("/admin/articles/%d/translations/fr", a.ID)} {
			if res := b.get(p); res.status != http.StatusNotFound {
				t.Errorf("GET %s: status %d, want 404", p, res.status)
			}
		}
		if strings.Contains(b.get(articleEditPathOf(a.ID)).body, "/translations") {
			t.Errorf("the article editor links translations")
		}
		if strings.Contains(b.get("/admin/account").body, `href="/admin/translation"`) {
			t.Errorf("the nav links translations")
		}
	})
}

// TestTranslationPagesAreValidHTML checks the new pages with the Nu HTML
// checker when BYLINE_VNU_JAR names it.
func TestTranslationPagesAreValidHTML(t *testing.T) {
	jar := os.Getenv("BYLINE_VNU_JAR")
	java, err := exec.LookPath("java")
	if jar == "" || err != nil {
		if os.Getenv("BYLINE_TEST_REQUIRE_ALL") == "1" {
			t.Fatal("BYLINE_VNU_JAR and java are required")
		}
		t.Skip("set BYLINE_VNU_JAR (and install java) to check the HTML with the Nu checker")
	}
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newTranslationRig(t, s, "deepl")
		g.staff(t)
		a := linkedArticle(t, s, 0, news.StatusPublished)
		if err := g.tr.SaveEdits(t.Context(), a.ID, "he", map[string]string{"title": "מים"}, "x@news.example"); err != nil {
			t.Fatal(err)
		}
		b := g.as(t, news.RoleOwner)
		dir := t.TempDir()
		bad := url.Values{"seg.body.0000": {"no markers"}, "orig.body.0000": {""}}
		pages := map[string]response{
			"list.html":     b.get(idPath("/admin/articles/%d/translations", a.ID)),
			"edit.html":     b.get(idPath("/admin/articles/%d/translations/he", a.ID)),
			"edit-bad.html": b.submit(idPath("/admin/articles/%d/translations/he", a.ID), bad),
			"routing.html":  b.get("/admin/translation"),
			"routing-bad.html": b.submit("/admin/translation", url.Values{"default_mode": {"eager"},
				"engines.fr": {"nope"}, "glossary": {"| x"}}),
		}
		var files []string
		for name, res := range pages {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, []byte(res.body), 0o600); err != nil {
				t.Fatal(err)
			}
			files = append(files, p)
		}
		out, err := exec.Command(java, append([]string{"-jar", jar, "--errors-only"}, files...)...).CombinedOutput()
		if err != nil {
			t.Errorf("the Nu checker found errors: %v\n%s", err, out)
		}
	})
}

// regexpAllSub returns every match of pattern in s with its groups.
func regexpAllSub(pattern, s string) [][]string {
	return regexp.MustCompile(pattern).FindAllStringSubmatch(s, -1)
}
