package store_test

import (
	"testing"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/testutil"
)

// FuzzFindArticlesQuery sends readers' search queries, which are outside
// input, to a real store: whatever the query, the search answers without
// error, and only with articles that contain every word.
func FuzzFindArticlesQuery(f *testing.F) {
	for _, q := range []string{"peace", "PEACE talks", "%", "_", `\`, "'", "?", "$1", "\x00", "été", "a b c d e f g h i j k l m n o p q"} {
		f.Add(q)
	}
	// One store for all inputs: opening one per input would make fuzzing
	// crawl. The inputs only read.
	s := testutil.NewSQLiteStore(f)
	a := draft("peace", "Peace talks")
	if err := s.CreateArticle(f.Context(), &a, "fuzz"); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		list, total, err := s.FindArticles(t.Context(), news.ArticleFilter{Query: q})
		if err != nil {
			t.Fatalf("query %q: %v", q, err)
		}
		if total != len(list) || total > 1 {
			t.Fatalf("query %q: %d articles, total %d", q, len(list), total)
		}
	})
}
