package translation_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
	"github.com/byline-news/byline/internal/translate/apertium"
)

// TestApertiumTranslatesARealArticleEndToEnd sends a real article
// through the whole pipeline to the installed Apertium engine, English
// to Spanish, and checks that the page's markup survives.
func TestApertiumTranslatesARealArticleEndToEnd(t *testing.T) {
	if _, err := exec.LookPath("apertium"); err != nil {
		if os.Getenv("BYLINE_TEST_REQUIRE_ALL") == "1" {
			t.Fatal("apertium is not installed and BYLINE_TEST_REQUIRE_ALL=1 (apt-get install apertium apertium-eng-spa)")
		}
		t.Skip("apertium is not installed (apt-get install apertium apertium-eng-spa)")
	}
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		engine := apertium.NewCLI(apertium.CLIOptions{})
		if !engine.Supports(ctx, "en", "es") {
			if os.Getenv("BYLINE_TEST_REQUIRE_ALL") == "1" {
				t.Fatal("apertium has no eng-spa mode (apt-get install apertium-eng-spa)")
			}
			t.Skip("apertium has no eng-spa mode (apt-get install apertium-eng-spa)")
		}
		r := newRig(t, st, engine)
		a := r.article(t, "Central library to open on Sundays through the winter",
			"Halvering's central library will open on Sundays this winter for the first time since 2012.\n\n"+
				"From **October 4** until the end of March, the library on Market Square will be open from noon to 5 p.m. every Sunday.\n\n"+
				"## Reading rooms\n\n"+
				"- The reading rooms and the *children's section* will be open.\n"+
				"- The local history archive will stay closed.\n\n"+
				"Opening times for every branch are on the [library's website](https://library.example.org/halvering/hours).")
		out, err := r.svc.TranslateArticle(ctx, a.ID, "es")
		if err != nil {
			t.Fatalf("translating: %v (outcome %+v)", err, out)
		}
		if out.Failed != 0 || out.Translated != out.Sent || out.Sent == 0 {
			t.Fatalf("outcome %+v, want every segment translated by Apertium", out)
		}
		tr, err := st.ArticleTranslation(ctx, a.ID, "es")
		if err != nil {
			t.Fatal(err)
		}
		body := tr.BodyHTML
		for _, want := range []string{
			"<strong>", "</strong>", "<em>", "</em>", "<h2", "</h2>", "<ul>", "<li>",
			`<a href="https://library.example.org/halvering/hours" rel="noopener noreferrer">`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("the Spanish body lost %q:\n%s", want, body)
			}
		}
		lower := strings.ToLower(body + " " + tr.Title)
		for _, word := range []string{"biblioteca", "domingo"} {
			if !strings.Contains(lower, word) {
				t.Errorf("no %q in the Spanish text:\n%s\n%s", word, tr.Title, body)
			}
		}
		if strings.Contains(lower, "reading rooms") || strings.Contains(lower, "the library") {
			t.Errorf("English left in the Spanish text:\n%s", body)
		}
		if tr.Status != news.TranslationMachine || tr.Providers != "apertium" {
			t.Errorf("status %s by %q, want machine by apertium", tr.Status, tr.Providers)
		}
		usage, err := st.TranslationUsageSince(ctx, "2000-01-01")
		if err != nil || len(usage) != 1 || usage[0].Provider != "apertium" || usage[0].Chars < 300 {
			t.Errorf("usage = %+v (%v), want the characters sent to apertium counted", usage, err)
		}
	})
}
