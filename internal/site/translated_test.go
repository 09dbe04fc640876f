package site

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translation"
	"github.com/byline-news/byline/internal/urls"
)

// queueRecorder is a TranslationQueue that records what the site asks.
type queueRecorder struct {
	mu    sync.Mutex
	asked []string
}

func (q *queueRecorder) QueueTranslation(_ context.Context, id int64, lang, digest string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.asked = append(q.asked, lang+":"+digest)
	return nil
}

func (q *queueRecorder) QueueSiteTexts(_ context.Context, lang string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.asked = append(q.asked, "texts:"+lang)
	return nil
}

func (q *queueRecorder) Asked() []string {
	q.mu.Lock()
	defer q.mu.Unlock()
	return append([]string(nil), q.asked...)
}

// onRequestTranslator routes every language to a pretend engine on
// request, over the real service's memory lookup.
type onRequestTranslator struct{ *translation.Service }

func (onRequestTranslator) Translatable(context.Context, string) bool { return true }
func (onRequestTranslator) OnRequest(context.Context, string) bool    { return true }

func (fx *fixture) siteWithTranslations(tr Translator, q TranslationQueue) *Site {
	fx.t.Helper()
	b, _ := urls.New(testBase, "en")
	s, err := New(Config{URLs: b, Languages: i18n.Default(), MediaDir: fx.t.TempDir(), Logger: testutil.Logger(fx.t),
		Translator: tr, Queue: q}, fx.store, fx.render)
	if err != nil {
		fx.t.Fatal(err)
	}
	return s
}

func TestTranslatedPagesServeTheTranslation(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		fx := newFixture(t, st)
		ctx := t.Context()
		svc := translation.New(st, i18n.Default(), translation.Options{Markdown: fx.render.Markdown})
		body, _ := fx.render.Markdown("Las delegaciones **volvieron a reunirse**.\n\n> «Estamos aquí para hablar», dijo el enviado.")
		if err := svc.ImportHuman(ctx, fx.original.ID, "es", translation.HumanText{
			Title: "Se reanudan las conversaciones en Ginebra", Subtitle: "Las delegaciones vuelven a reunirse",
			Summary: "Las delegaciones se reunieron de nuevo el lunes.", BodyHTML: body,
			ImageAlt: "El palacio de las naciones", ImageCaption: "Imagen: el palacio de las naciones.", ImageCredit: "Mil.ru",
		}, "test"); err != nil {
			t.Fatal(err)
		}
		q := &queueRecorder{}
		fx.site = fx.siteWithTranslations(onRequestTranslator{svc}, q)

		t.Run("a reviewed translation is the page, indexable, in its language", func(t *testing.T) {
			page, doc := fx.page("/es/articles/talks-resume", 200)
			for _, want := range []string{"Se reanudan las conversaciones en Ginebra", "<strong>volvieron a reunirse</strong>", "El palacio de las naciones"} {
				if !strings.Contains(page, want) {
					t.Errorf("the Spanish page lacks %q", want)
				}
			}
			if strings.Contains(page, "Talks resume in Geneva") || strings.Contains(page, `name="robots"`) {
				t.Error("the translated page shows the English title or is noindex")
			}
			if strings.Contains(page, "notice-machine") || strings.Contains(page, "notice-untranslated") {
				t.Error("a reviewed translation carries a machine or untranslated notice")
			}
			art := one(t, "article", elements(doc, "article", "class", "article wrap"))
			if attr(art, "lang") != "es" {
				t.Errorf("the article is lang=%q, want es", attr(art, "lang"))
			}
			head := one(t, "head", elements(doc, "head"))
			if attr(one(t, "canonical", elements(head, "link", "rel", "canonical")), "href") != testBase+"/es/articles/talks-resume" {
				t.Error("the canonical of a translation is not its own address")
			}
			langs := map[string]bool{}
			for _, n := range findAll(head, func(n *html.Node) bool { _, ok := attrOf(n, "hreflang"); return n.Data == "link" && ok }) {
				langs[attr(n, "hreflang")] = true
			}
			if len(langs) != 3 || !langs["en"] || !langs["es"] || !langs["x-default"] {
				t.Errorf("hreflang alternates %v, want en, es and x-default", langs)
			}
			if !strings.Contains(page, `property="og:locale" content="es_ES"`) || !strings.Contains(page, `property="og:locale:alternate" content="en_US"`) {
				t.Error("og:locale and its alternate are missing")
			}
		})

		t.Run("lists and feeds show the translation", func(t *testing.T) {
			home, _ := fx.page("/es/", 200)
			if !strings.Contains(home, "Se reanudan las conversaciones en Ginebra") {
				t.Error("the Spanish home page lists the English title")
			}
			rec := fx.get("/es/feed.xml")
			if rec.Code != 200 || !strings.Contains(rec.Body.String(), "Se reanudan las conversaciones") ||
				!strings.Contains(rec.Body.String(), testBase+"/es/articles/talks-resume") || strings.Contains(rec.Body.String(), "Ceasefire holds") {
				t.Errorf("the Spanish feed: %d\n%.800s", rec.Code, rec.Body.String())
			}
		})

		t.Run("the sitemap offers the translation as an alternate", func(t *testing.T) {
			rec := fx.get("/sitemap.xml")
			if !strings.Contains(rec.Body.String(), `hreflang="es" href="`+testBase+`/es/articles/talks-resume"`) ||
				strings.Contains(rec.Body.String(), `hreflang="fr" href="`+testBase+`/fr/articles/talks-resume"`) {
				t.Errorf("sitemap alternates of the article are not en+es:\n%.1500s", rec.Body.String())
			}
		})

		t.Run("site texts come from the memory, else are marked as the original's", func(t *testing.T) {
			page, _ := fx.page("/de/", 200)
			if !strings.Contains(page, `<p class="tagline" lang="en" dir="ltr">News without fear</p>`) {
				t.Error("the untranslated tagline is not marked English on a German page")
			}
			seg := translate.PlainSegment("text.0000", "News without fear")
			if err := st.SaveMemory(ctx, []news.MemoryEntry{{SourceLang: "en", TargetLang: "de", SourceHash: translate.Hash(seg.Text),
				Source: seg.Text, Target: "Nachrichten ohne Furcht", Provider: "human", Human: true}}); err != nil {
				t.Fatal(err)
			}
			fx.site.cache.purge()
			page, _ = fx.page("/de/", 200)
			if !strings.Contains(page, `<p class="tagline">Nachrichten ohne Furcht</p>`) {
				t.Error("the tagline in the memory is not shown in German")
			}
		})

		t.Run("a machine translation says so with a link to the original", func(t *testing.T) {
			segs, _ := st.TranslationSegments(ctx, fx.original.ID, "es")
			tr, _ := st.ArticleTranslation(ctx, fx.original.ID, "es")
			tr.Status = news.TranslationMachine
			for i := range segs {
				segs[i].Machine, segs[i].Human, segs[i].HumanSourceHash = segs[i].Human, "", ""
			}
			if err := st.SaveTranslation(ctx, &tr, segs); err != nil {
				t.Fatal(err)
			}
			fx.site.cache.purge()
			page, doc := fx.page("/es/articles/talks-resume", 200)
			notice := one(t, "machine notice", elements(doc, "p", "class", "notice notice-machine wrap"))
			if attr(one(t, "link", elements(notice, "a")), "href") != "/articles/talks-resume" {
				t.Error("the machine notice does not link the original")
			}
			if !strings.Contains(page, "traducida automáticamente") && !strings.Contains(page, "traducción automática") && !strings.Contains(textOf(notice), "autom") {
				t.Errorf("the machine notice is not in Spanish: %q", textOf(notice))
			}
		})

		t.Run("a missing translation shows the original, noindex, and is queued", func(t *testing.T) {
			page, doc := fx.page("/fr/articles/talks-resume", 200)
			if !strings.Contains(page, "Talks resume in Geneva") || !strings.Contains(page, `name="robots" content="noindex"`) {
				t.Error("the untranslated page is not the original with noindex")
			}
			one(t, "untranslated notice", elements(doc, "p", "class", "notice notice-untranslated wrap"))
			head := one(t, "head", elements(doc, "head"))
			if attr(one(t, "canonical", elements(head, "link", "rel", "canonical")), "href") != testBase+"/articles/talks-resume" {
				t.Error("an untranslated page does not name the original as canonical")
			}
			src, _ := translation.Split(fx.original)
			found := false
			for _, a := range q.Asked() {
				found = found || a == "fr:"+src.Digest
			}
			if !found {
				t.Errorf("queued %v, want fr:%s", q.Asked(), src.Digest)
			}
		})

		t.Run("an outdated translation is not shown while an engine can renew it", func(t *testing.T) {
			a, _ := st.Article(ctx, fx.original.ID)
			a.Title = "Talks resume in Geneva after a pause"
			if err := st.UpdateArticle(ctx, &a, "test"); err != nil {
				t.Fatal(err)
			}
			fx.site.cache.purge()
			page, _ := fx.page("/es/articles/talks-resume", 200)
			if strings.Contains(page, "Se reanudan las conversaciones") || !strings.Contains(page, "after a pause") {
				t.Error("an outdated translation was shown instead of the corrected original")
			}
		})
	})
}

func TestBrowserLanguageGetsASuggestionNeverARedirect(t *testing.T) {
	fx := newFixture(t, testutil.NewSQLiteStore(t))
	rec := fx.get("/articles/talks-resume", "Accept-Language", "de-DE,de;q=0.9,en;q=0.5")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d, want 200 (no redirect)", rec.Code)
	}
	body := rec.Body.String()
	if !strings.Contains(body, `class="notice notice-suggest wrap" lang="de" dir="ltr"`) || !strings.Contains(body, `href="/de/articles/talks-resume"`) ||
		!strings.Contains(body, "Deutsch") {
		t.Errorf("no German suggestion:\n%.3000s", body)
	}
	if v := rec.Header().Get("Vary"); !strings.Contains(v, "Accept-Language") {
		t.Errorf("Vary %q does not name Accept-Language", v)
	}
	// The cache keeps the variants apart.
	plain := fx.get("/articles/talks-resume", "Accept-Language", "en-GB,en;q=0.9")
	if strings.Contains(plain.Body.String(), "notice-suggest") {
		t.Error("an English reader got the German suggestion from the cache")
	}
	ar := fx.get("/articles/talks-resume", "Accept-Language", "ar")
	if !strings.Contains(ar.Body.String(), `lang="ar" dir="rtl"`) || !strings.Contains(ar.Body.String(), `href="/ar/articles/talks-resume"`) {
		t.Error("no Arabic suggestion for an Arabic browser")
	}
	// A reader who chose a language is not second-guessed.
	chosen := fx.get("/fr/articles/talks-resume", "Accept-Language", "de")
	if strings.Contains(chosen.Body.String(), "notice-suggest") {
		t.Error("a page in a chosen language suggested another")
	}
	// Nonsense headers suggest nothing.
	for _, h := range []string{"*", "xx-YY", strings.Repeat("de,", 200)} {
		if strings.Contains(fx.get("/", "Accept-Language", h).Body.String(), "notice-suggest") {
			t.Errorf("Accept-Language %.20q produced a suggestion", h)
		}
	}
}

// FuzzAcceptLanguage feeds arbitrary Accept-Language headers to the
// suggestion: it never panics, and names a language of the site or none.
func FuzzAcceptLanguage(f *testing.F) {
	for _, s := range []string{"de-DE,de;q=0.9", "*", "ar;q=0.1,xx", "zh-Hant-TW", "en;q=abc", ",,,;;;", "fr-CA;q=1.0, fr;q=0.5"} {
		f.Add(s)
	}
	set := i18n.Default()
	m := newLanguageMatcher(set)
	f.Fuzz(func(t *testing.T, h string) {
		r, _ := http.NewRequest(http.MethodGet, "/", nil)
		r.Header.Set("Accept-Language", h)
		code := m.preferred(r)
		if code != "" {
			if _, ok := set.Lookup(code); !ok {
				t.Fatalf("preferred(%q) = %q, not a language of the site", h, code)
			}
		}
		if again := m.preferred(r); again != code {
			t.Fatalf("preferred(%q) = %q, then %q from the memo", h, code, again)
		}
	})
}

func TestAnArticleWrittenInAnotherLanguageIsIndexedAtItsOwnAddress(t *testing.T) {
	fx := newFixture(t, testutil.NewSQLiteStore(t))
	fx.createArticle(news.Article{
		Slug: "pont-ferme", Title: "Le pont ferme", Body: "Le pont **ferme** lundi.", Language: "fr",
		Status: news.StatusPublished, PublishedAt: fx.now.Add(-time.Hour),
	})
	fx.site = fx.newSite()
	page, doc := fx.page("/articles/pont-ferme", 200)
	if strings.Contains(page, `name="robots"`) || strings.Contains(page, "notice-untranslated") {
		t.Error("a French article at its own unprefixed address is noindex or called untranslated")
	}
	if attr(one(t, "article", elements(doc, "article", "class", "article wrap")), "lang") != "fr" {
		t.Error("the French article is not marked lang=fr")
	}
	// The French feed carries it.
	if rec := fx.get("/fr/feed.xml"); !strings.Contains(rec.Body.String(), "Le pont ferme") {
		t.Error("the French feed lacks the article written in French")
	}
	// In its own language's frame it is the original, not a translation.
	page, _ = fx.page("/fr/articles/pont-ferme", 200)
	if strings.Contains(page, "notice-untranslated") || strings.Contains(page, "notice-machine") {
		t.Error("the French frame of a French article carries a translation notice")
	}
}
