package translation_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
	"github.com/byline-news/byline/internal/translate"
)

// BenchmarkMemoryLookup looks up the segments of a 5,000-word article
// (80 segments) in a translation memory of 20,000 entries, on each
// database: the cost a re-translation pays before sending anything.
func BenchmarkMemoryLookup(b *testing.B) {
	for _, db := range []struct {
		name string
		open func(testing.TB) *store.Store
	}{{"sqlite", testutil.NewSQLiteStore}, {"postgres", testutil.NewPostgresStore}} {
		b.Run(db.name, func(b *testing.B) {
			st := db.open(b)
			ctx := context.Background()
			const entries, segments = 20000, 80
			hashes := make([]string, 0, segments)
			batch := make([]news.MemoryEntry, 0, 1000)
			for i := range entries {
				src := fmt.Sprintf("Paragraph %d of the council report, with <g1>a link</g1> and some words.", i)
				h := translate.Hash(src)
				if i%(entries/segments) == 0 {
					hashes = append(hashes, h)
				}
				batch = append(batch, news.MemoryEntry{SourceLang: "en", TargetLang: "es", SourceHash: h, Source: src,
					Target: "Párrafo " + src, Provider: "bench", CreatedAt: time.Now()})
				if len(batch) == cap(batch) {
					if err := st.SaveMemory(ctx, batch); err != nil {
						b.Fatal(err)
					}
					batch = batch[:0]
				}
			}
			b.ResetTimer()
			for b.Loop() {
				found, err := st.LookupMemory(ctx, "en", "es", hashes)
				if err != nil || len(found) != len(hashes) {
					b.Fatalf("found %d of %d (%v)", len(found), len(hashes), err)
				}
			}
			b.ReportMetric(float64(len(hashes)), "segments/op")
		})
	}
}
