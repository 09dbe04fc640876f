package translation_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translation"
)

var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// recorder is an engine for the pipeline's tests: it "translates" by
// upper-casing the text outside tags, keeps placeholders as they are,
// and records every text it is sent. The engines themselves are tested
// in their own packages against real Apertium and protocol servers.
type recorder struct {
	name string
	mu   sync.Mutex
	sent []string
	// answer, when set, replaces the translation of every text.
	answer func(string) string
}

func (r *recorder) Name() string                                   { return r.name }
func (r *recorder) Supports(_ context.Context, _, dst string) bool { return dst == "es" || dst == "de" }
func (r *recorder) Translate(_ context.Context, _, _ string, texts []string) ([]string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, texts...)
	out := make([]string, len(texts))
	for i, t := range texts {
		if r.answer != nil {
			out[i] = r.answer(t)
			continue
		}
		out[i] = upperOutsideTags(t)
	}
	return out, nil
}

func (r *recorder) Sent() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.sent...)
}

func (r *recorder) Reset() {
	r.mu.Lock()
	r.sent = nil
	r.mu.Unlock()
}

func upperOutsideTags(s string) string {
	var b strings.Builder
	inTag, inEntity := false, false
	for _, c := range s {
		switch {
		case c == '<':
			inTag = true
		case c == '>':
			inTag = false
		case c == '&':
			inEntity = true
		case c == ';':
			inEntity = false
		}
		if inTag || inEntity {
			b.WriteRune(c)
			continue
		}
		b.WriteString(strings.ToUpper(string(c)))
	}
	return b.String()
}

type rig struct {
	st   news.Store
	pub  *publishing.Service
	svc  *translation.Service
	eng  *recorder
	next *recorder
}

func newRig(t *testing.T, st *store.Store, engines ...translate.Provider) *rig {
	t.Helper()
	rd := render.New()
	r := &rig{st: st, pub: publishing.New(st, rd, publishing.Options{Now: func() time.Time { return now }})}
	r.eng = &recorder{name: "first"}
	r.next = &recorder{name: "second"}
	if len(engines) == 0 {
		engines = []translate.Provider{r.eng, r.next}
	}
	names := make([]string, len(engines))
	for i, e := range engines {
		names[i] = e.Name()
	}
	router := translate.NewRouter(engines, st, testutil.Logger(t))
	r.svc = translation.New(st, i18n.Default(), translation.Options{
		Router: router, Engines: names, Markdown: rd.Markdown,
		Logger: testutil.Logger(t), Now: func() time.Time { return now },
	})
	ctx := context.Background()
	set, err := st.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Translation = news.TranslationSettings{Default: news.LanguageRoute{Mode: news.ModeOnRequest, Providers: names}}
	if err := st.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *rig) article(t *testing.T, title, body string) news.Article {
	t.Helper()
	a, _, err := r.pub.Create(context.Background(), publishing.Input{
		Title: title, Body: body, Status: news.StatusPublished, Summary: "A summary.",
		Authors: []publishing.AuthorRef{{Name: "Amara Lind"}},
	}, "test")
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func twentyParagraphs(changed int) string {
	var b strings.Builder
	for i := range 20 {
		if i == changed {
			fmt.Fprintf(&b, "Paragraph %d was *corrected* after publication.\n\n", i)
			continue
		}
		fmt.Fprintf(&b, "Paragraph %d of the report, with a [link](https://example.org/%d) and **bold** words.\n\n", i, i)
	}
	return b.String()
}

func TestEditingOneParagraphSendsOnlyItsSegment(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		r := newRig(t, st)
		a := r.article(t, "Council report", twentyParagraphs(-1))
		out, err := r.svc.TranslateArticle(ctx, a.ID, "es")
		if err != nil {
			t.Fatal(err)
		}
		// Title, summary and twenty paragraphs.
		if out.Segments != 22 || out.Sent != 22 || out.Translated != 22 || !out.Saved {
			t.Fatalf("first run = %+v, want 22 segments sent and translated", out)
		}
		tr, err := st.ArticleTranslation(ctx, a.ID, "es")
		if err != nil {
			t.Fatal(err)
		}
		if tr.Title != "COUNCIL REPORT" || !strings.Contains(tr.BodyHTML, `<a href="https://example.org/3" rel="noopener noreferrer">LINK</a>`) ||
			!strings.Contains(tr.BodyHTML, "<strong>BOLD</strong>") || tr.Status != news.TranslationMachine || tr.Providers != "first" {
			t.Fatalf("translation = %+v", tr)
		}

		// The editor corrects paragraph 7.
		in := publishing.InputFrom(a)
		in.Body = twentyParagraphs(7)
		if _, _, err := r.pub.Update(ctx, a.ID, in, "test"); err != nil {
			t.Fatal(err)
		}
		r.eng.Reset()
		out, err = r.svc.TranslateArticle(ctx, a.ID, "es")
		if err != nil {
			t.Fatal(err)
		}
		sent := r.eng.Sent()
		if len(sent) != 1 || !strings.Contains(sent[0], "Paragraph 7 was <g1>corrected</g1>") {
			t.Fatalf("sent %q, want exactly the corrected paragraph", sent)
		}
		if out.Kept != 21 || out.Sent != 1 {
			t.Errorf("second run = %+v, want 21 kept and 1 sent", out)
		}
		tr, _ = st.ArticleTranslation(ctx, a.ID, "es")
		if !strings.Contains(tr.BodyHTML, "PARAGRAPH 7 WAS <em>CORRECTED</em>") {
			t.Errorf("body lacks the new paragraph: %s", tr.BodyHTML)
		}

		// A second article sharing 19 paragraphs with the first: the
		// memory answers them, only its own title is sent.
		r.eng.Reset()
		b := r.article(t, "Another report", twentyParagraphs(7))
		out, err = r.svc.TranslateArticle(ctx, b.ID, "es")
		if err != nil {
			t.Fatal(err)
		}
		if sent := r.eng.Sent(); len(sent) != 1 || sent[0] != "Another report" {
			t.Fatalf("sent %q, want only the new title", sent)
		}
		if out.FromMemory != 21 {
			t.Errorf("memory answered %d segments, want 21", out.FromMemory)
		}
	})
}

func TestHumanEditWinsSurvivesRetranslationAndGoesStale(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		r := newRig(t, st)
		a := r.article(t, "Ferry timetable", "The ferry leaves at *seven*.\n\nThe last boat is at six.")
		if _, err := r.svc.TranslateArticle(ctx, a.ID, "es"); err != nil {
			t.Fatal(err)
		}
		edit := "El transbordador sale a las <g1>siete</g1>."
		if err := r.svc.SaveEdits(ctx, a.ID, "es", map[string]string{"body.0000": edit}, "ed@example.org"); err != nil {
			t.Fatal(err)
		}
		tr, _ := st.ArticleTranslation(ctx, a.ID, "es")
		if !strings.Contains(tr.BodyHTML, "El transbordador sale a las <em>siete</em>.") {
			t.Fatalf("human edit not shown: %s", tr.BodyHTML)
		}
		// Re-translation keeps the person's edit.
		r.eng.Reset()
		if _, err := r.svc.TranslateArticle(ctx, a.ID, "es"); err != nil {
			t.Fatal(err)
		}
		if len(r.eng.Sent()) != 0 {
			t.Errorf("re-translation of an unchanged article sent %q", r.eng.Sent())
		}
		tr, _ = st.ArticleTranslation(ctx, a.ID, "es")
		if !strings.Contains(tr.BodyHTML, "El transbordador") {
			t.Fatalf("re-translation dropped the human edit: %s", tr.BodyHTML)
		}
		// A bad edit is refused, naming the segment, and nothing changes.
		err := r.svc.SaveEdits(ctx, a.ID, "es", map[string]string{"body.0001": "El último <script>x</script>"}, "ed")
		if err == nil || !strings.Contains(err.Error(), "body.0001") {
			t.Fatalf("bad edit error = %v, want one naming body.0001", err)
		}
		// Every segment reviewed by a person: reviewed.
		if err := r.svc.SaveEdits(ctx, a.ID, "es", map[string]string{
			"title": "Horario del transbordador", "summary": "Resumen.", "body.0001": "El último barco sale a las seis.",
		}, "ed"); err != nil {
			t.Fatal(err)
		}
		status, err := r.svc.Status(ctx, mustArticle(t, st, a.ID))
		if err != nil {
			t.Fatal(err)
		}
		if status["es"] != news.TranslationReviewed || status["fr"] != news.TranslationMissing {
			t.Fatalf("status es=%s fr=%s, want reviewed and missing", status["es"], status["fr"])
		}
		// The source paragraph changes: the person's edit is kept but
		// flagged stale, and the article is stale until re-translated.
		in := publishing.InputFrom(mustArticle(t, st, a.ID))
		in.Body = "The ferry leaves at *eight*.\n\nThe last boat is at six."
		if _, _, err := r.pub.Update(ctx, a.ID, in, "test"); err != nil {
			t.Fatal(err)
		}
		status, _ = r.svc.Status(ctx, mustArticle(t, st, a.ID))
		if status["es"] != news.TranslationStale {
			t.Fatalf("status after a source edit = %s, want stale", status["es"])
		}
		if _, err := r.svc.TranslateArticle(ctx, a.ID, "es"); err != nil {
			t.Fatal(err)
		}
		segs, err := st.TranslationSegments(ctx, a.ID, "es")
		if err != nil {
			t.Fatal(err)
		}
		var first news.TranslationSegment
		for _, s := range segs {
			if s.Key == "body.0000" {
				first = s
			}
		}
		if first.Human != edit || first.HumanCurrent() || first.Machine == "" {
			t.Fatalf("segment after source change = %+v, want the old human edit kept, stale, and a new machine text", first)
		}
		tr, _ = st.ArticleTranslation(ctx, a.ID, "es")
		if tr.Status != news.TranslationStale || !strings.Contains(tr.BodyHTML, "<em>EIGHT</em>") {
			t.Fatalf("translation = %s %s, want stale status showing the new machine text", tr.Status, tr.BodyHTML)
		}
	})
}

func mustArticle(t *testing.T, st news.Store, id int64) news.Article {
	t.Helper()
	a, err := st.Article(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestBrokenEngineOutputFallsBackAndIsNotStored(t *testing.T) {
	for name, answer := range map[string]func(string) string{
		"script":              func(s string) string { return s + "<script>alert(1)</script>" },
		"dropped placeholder": func(s string) string { return "SIN MARCAS" },
		"empty":               func(string) string { return "" },
		"event handler":       func(s string) string { return `<img src=x onerror="alert(1)">` + s },
	} {
		t.Run(name, func(t *testing.T) {
			testutil.Stores(t, func(t *testing.T, st *store.Store) {
				ctx := context.Background()
				bad := &recorder{name: "bad", answer: answer}
				good := &recorder{name: "good"}
				r := newRig(t, st, bad, good)
				a := r.article(t, "Bridge closed", "The [bridge](https://example.org/b) is *closed*.")
				if _, err := r.svc.TranslateArticle(ctx, a.ID, "es"); err != nil {
					t.Fatal(err)
				}
				tr, err := st.ArticleTranslation(ctx, a.ID, "es")
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(tr.BodyHTML, `THE <a href="https://example.org/b" rel="noopener noreferrer">BRIDGE</a> IS <em>CLOSED</em>.`) || !strings.Contains(tr.Providers, "good") {
					// (An answer without placeholders is a valid title,
					// so the first engine may have done the title.)
					t.Fatalf("translation = %q by %q, want the body from the second engine", tr.BodyHTML, tr.Providers)
				}
				if strings.Contains(tr.BodyHTML, "script") || strings.Contains(tr.BodyHTML, "onerror") {
					t.Fatalf("unsafe output stored: %s", tr.BodyHTML)
				}
				mem, err := st.LookupMemory(ctx, "en", "es", []string{translate.Hash("The <g1>bridge</g1> is <g2>closed</g2>.")})
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range mem {
					if e.Provider != "good" {
						t.Fatalf("memory holds %+v from the broken engine", e)
					}
				}
			})
		})
	}
}

func TestNoEngineLeavesSegmentsInTheSource(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		bad := &recorder{name: "bad", answer: func(string) string { return "<g9>" }}
		r := newRig(t, st, bad)
		a := r.article(t, "Library hours", "Open on *Sundays*.")
		_, err := r.svc.TranslateArticle(ctx, a.ID, "es")
		if err == nil || !strings.Contains(err.Error(), translation.ErrIncomplete.Error()) {
			t.Fatalf("err = %v, want ErrIncomplete", err)
		}
		if _, err := st.ArticleTranslation(ctx, a.ID, "es"); !news.IsNotFound(err) {
			t.Fatalf("a translation with no translated segment was stored (err %v)", err)
		}
	})
}

func TestImportHumanPairsSegmentsAndRefusesOtherStructures(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		r := newRig(t, st)
		a := r.article(t, "Library hours", "Open on **Sundays** from [noon](https://example.org/h).\n\nClosed in summer.")
		rd := render.New()
		body, _ := rd.Markdown("Abierta los **domingos** desde el [mediodía](https://example.org/h).\n\nCerrada en verano.")
		err := r.svc.ImportHuman(ctx, a.ID, "es", translation.HumanText{Title: "Horario", Summary: "Un resumen.", BodyHTML: body}, "demo")
		if err != nil {
			t.Fatal(err)
		}
		tr, err := st.ArticleTranslation(ctx, a.ID, "es")
		if err != nil {
			t.Fatal(err)
		}
		if tr.Status != news.TranslationReviewed || tr.Title != "Horario" ||
			!strings.Contains(tr.BodyHTML, `<strong>domingos</strong> desde el <a href="https://example.org/h" rel="noopener noreferrer">mediodía</a>`) {
			t.Fatalf("imported = %+v", tr)
		}
		// German puts the link before the emphasis: each keeps its own
		// element.
		de, _ := rd.Markdown("Ab [Mittag](https://example.org/h) am **Sonntag** geöffnet.\n\nIm Sommer geschlossen.")
		if err := r.svc.ImportHuman(ctx, a.ID, "de", translation.HumanText{Title: "Öffnungszeiten", Summary: "Kurz.", BodyHTML: de}, "demo"); err != nil {
			t.Fatal(err)
		}
		tr, _ = st.ArticleTranslation(ctx, a.ID, "de")
		if !strings.Contains(tr.BodyHTML, `Ab <a href="https://example.org/h" rel="noopener noreferrer">Mittag</a> am <strong>Sonntag</strong>`) {
			t.Fatalf("German markup swapped: %s", tr.BodyHTML)
		}
		// One paragraph fewer: refused, and nothing stored.
		short, _ := rd.Markdown("Sonntags **geöffnet** ab [Mittag](https://example.org/h).")
		err = r.svc.ImportHuman(ctx, a.ID, "fr", translation.HumanText{Title: "Horaires", Summary: "Bref.", BodyHTML: short}, "demo")
		if err == nil || !strings.Contains(err.Error(), "segments") {
			t.Fatalf("err = %v, want a structure mismatch", err)
		}
		if _, err := st.ArticleTranslation(ctx, a.ID, "fr"); !news.IsNotFound(err) {
			t.Fatalf("a refused import stored something (err %v)", err)
		}
	})
}

func TestSiteTextsGoThroughTheMemory(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		r := newRig(t, st)
		html := `<p>Views are the <em>authors'</em> own.</p><p>Write to us.</p>`
		if _, ok := r.svc.LookupText(ctx, "en", "es", html, true); ok {
			t.Fatal("lookup found a translation before any was made")
		}
		done, err := r.svc.TranslateText(ctx, "en", "es", html, true)
		if err != nil || !done {
			t.Fatalf("TranslateText = %v, %v", done, err)
		}
		got, ok := r.svc.LookupText(ctx, "en", "es", html, true)
		if !ok || !strings.Contains(got, "<em>AUTHORS&#39;</em> OWN.") && !strings.Contains(got, "<em>AUTHORS'</em> OWN.") {
			t.Fatalf("lookup = %q, %v", got, ok)
		}
		bio := "Amara Lind covers culture.\n\nShe lives in Halvering."
		if _, err := r.svc.TranslateText(ctx, "en", "es", bio, false); err != nil {
			t.Fatal(err)
		}
		got, ok = r.svc.LookupText(ctx, "en", "es", bio, false)
		if !ok || got != "AMARA LIND COVERS CULTURE.\n\nSHE LIVES IN HALVERING." {
			t.Fatalf("bio = %q, %v", got, ok)
		}
	})
}
