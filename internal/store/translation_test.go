package store_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// fullTranslation returns a translation with every field set, different
// per article and language, so a mix-up between rows shows.
func fullTranslation(articleID int64, lang string) news.Translation {
	tag := fmt.Sprintf("%d-%s", articleID, lang)
	return news.Translation{
		ArticleID: articleID, Lang: lang,
		Title: "Title " + tag, Subtitle: "Subtitle " + tag, Summary: "Summary " + tag,
		BodyHTML: "<p>Body " + tag + "</p>", ImageAlt: "Alt " + tag, ImageCaption: "Caption " + tag,
		ImageCredit: "Credit " + tag, NoteBeforeHTML: "<p>Before " + tag + "</p>",
		NoteAfterHTML: "<p>After " + tag + "</p>", SourceDigest: "digest-" + tag,
		Status: news.TranslationMachine, Providers: "apertium,deepl",
	}
}

func saveTranslation(t *testing.T, s *store.Store, tr news.Translation, segs ...news.TranslationSegment) news.Translation {
	t.Helper()
	if err := s.SaveTranslation(t.Context(), &tr, segs); err != nil {
		t.Fatalf("save translation of article %d into %s: %v", tr.ArticleID, tr.Lang, err)
	}
	return tr
}

func segmentKeys(list []news.TranslationSegment) []string {
	out := []string{}
	for _, g := range list {
		out = append(out, g.Key)
	}
	return out
}

func TestTranslationRoundTripKeepsEveryField(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		a := createArticle(t, s, draft("round-trip", "Round trip"))
		paris := time.FixedZone("Paris", 3600)
		// Nanoseconds and a zone: the store keeps microseconds in UTC.
		humanAt := time.Date(2025, 3, 4, 5, 6, 7, 123456789, paris)
		segUpdated := time.Date(2025, 3, 1, 0, 0, 0, 999, paris)
		segs := []news.TranslationSegment{
			{Key: "body.0001", Position: 2, Source: "Hello {1}world{/1}.", SourceHash: "h-body1",
				Machine: "Bonjour {1}le monde{/1}.", Provider: "deepl",
				Human: "Salut {1}le monde{/1}.", HumanSourceHash: "h-body1", HumanBy: "ed@example.org",
				HumanAt: humanAt, UpdatedAt: segUpdated},
			{Key: "title", Position: 0, Source: "Round trip", SourceHash: "h-title",
				Machine: "Aller-retour", Provider: "apertium"},
			{ArticleID: a.ID, Lang: "fr", Key: "summary", Position: 1, Source: "S", SourceHash: "h-sum"},
		}
		before := time.Now().UTC().Add(-time.Second)
		tr := fullTranslation(a.ID, "fr")
		tr.UpdatedAt = time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC) // overwritten
		tr = saveTranslation(t, s, tr, segs...)
		if tr.UpdatedAt.Before(before) || tr.UpdatedAt.After(time.Now().Add(time.Second)) ||
			tr.UpdatedAt.Location() != time.UTC || tr.UpdatedAt.Nanosecond()%1000 != 0 {
			t.Errorf("UpdatedAt = %v, want now in UTC to the microsecond", tr.UpdatedAt)
		}

		got, err := s.ArticleTranslation(ctx, a.ID, "fr")
		if err != nil {
			t.Fatal(err)
		}
		mustJSONEqual(t, "translation", got, tr)
		if !got.UpdatedAt.Equal(tr.UpdatedAt) {
			t.Errorf("UpdatedAt read %v, written %v", got.UpdatedAt, tr.UpdatedAt)
		}

		gotSegs, err := s.TranslationSegments(ctx, a.ID, "fr")
		if err != nil {
			t.Fatal(err)
		}
		// In Position order, owned by the translation; a zero UpdatedAt
		// became the translation's, a set one was kept.
		want := []news.TranslationSegment{segs[1], segs[2], segs[0]}
		for i := range want {
			want[i].ArticleID, want[i].Lang = a.ID, "fr"
			if want[i].UpdatedAt.IsZero() {
				want[i].UpdatedAt = tr.UpdatedAt
			}
			want[i].UpdatedAt = want[i].UpdatedAt.UTC().Truncate(time.Microsecond)
		}
		want[2].HumanAt = humanAt.UTC().Truncate(time.Microsecond)
		mustJSONEqual(t, "segments", gotSegs, want)
		if !gotSegs[2].HumanAt.Equal(want[2].HumanAt) || !gotSegs[0].HumanAt.IsZero() {
			t.Errorf("HumanAt read %v and %v; want %v and zero", gotSegs[2].HumanAt, gotSegs[0].HumanAt, want[2].HumanAt)
		}
		if !gotSegs[2].HumanCurrent() || gotSegs[2].Text() != "Salut {1}le monde{/1}." {
			t.Errorf("human edit read back as not current: %+v", gotSegs[2])
		}
	})
}

func TestSaveTranslationReplacesTheTranslationAndItsSegments(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		a := createArticle(t, s, draft("replace", "Replace"))
		seg := func(key string, pos int, machine string) news.TranslationSegment {
			return news.TranslationSegment{Key: key, Position: pos, Source: key, SourceHash: "h-" + key, Machine: machine}
		}
		saveTranslation(t, s, fullTranslation(a.ID, "de"),
			seg("title", 0, "Titel"), seg("body.0001", 1, "Eins"), seg("body.0002", 2, "Zwei"))
		// Another language of the same article is not touched.
		saveTranslation(t, s, fullTranslation(a.ID, "fr"), seg("title", 0, "Titre"))

		second := fullTranslation(a.ID, "de")
		second.Title, second.Status, second.Providers = "Neuer Titel", news.TranslationReviewed, ""
		second = saveTranslation(t, s, second, seg("title", 0, "Neuer Titel"), seg("body.0002", 1, "Zwei!"))

		got, err := s.ArticleTranslation(ctx, a.ID, "de")
		if err != nil {
			t.Fatal(err)
		}
		mustJSONEqual(t, "replaced translation", got, second)
		segs, err := s.TranslationSegments(ctx, a.ID, "de")
		if err != nil {
			t.Fatal(err)
		}
		if keys := fmt.Sprint(segmentKeys(segs)); keys != "[title body.0002]" {
			t.Fatalf("segments after the second save = %s, want [title body.0002]", keys)
		}
		if segs[1].Machine != "Zwei!" || segs[1].Position != 1 {
			t.Errorf("body.0002 = %+v, want the second save's text and position", segs[1])
		}
		fr, err := s.TranslationSegments(ctx, a.ID, "fr")
		if err != nil || len(fr) != 1 || fr[0].Machine != "Titre" {
			t.Errorf("French segments = %+v, %v; want the one title, untouched", fr, err)
		}

		// A long article takes several statements; all arrive, in order.
		long := make([]news.TranslationSegment, 450)
		for i := range long {
			long[i] = seg(fmt.Sprintf("body.%04d", i), i, fmt.Sprint("Satz ", i))
		}
		saveTranslation(t, s, second, long...)
		segs, err = s.TranslationSegments(ctx, a.ID, "de")
		if err != nil || len(segs) != len(long) {
			t.Fatalf("long article: %d segments read, %v; want %d", len(segs), err, len(long))
		}
		for i, g := range segs {
			if g.Key != long[i].Key || g.Machine != long[i].Machine {
				t.Fatalf("long article: segment %d is %s %q, want %s %q", i, g.Key, g.Machine, long[i].Key, long[i].Machine)
			}
		}

		// Saving no segments leaves none.
		saveTranslation(t, s, second)
		if segs, err := s.TranslationSegments(ctx, a.ID, "de"); err != nil || len(segs) != 0 {
			t.Errorf("segments after saving none = %v, %v", segmentKeys(segs), err)
		}
	})
}

func TestTranslationWritesMoveTheContentVersion(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		a := createArticle(t, s, draft("version", "Version"))
		for i, write := range []func() error{
			func() error { tr := fullTranslation(a.ID, "es"); return s.SaveTranslation(ctx, &tr, nil) },
			func() error { tr := fullTranslation(a.ID, "es"); return s.SaveTranslation(ctx, &tr, nil) },
			func() error { return s.DeleteTranslation(ctx, a.ID, "es") },
		} {
			before := contentVersion(t, s)
			if err := write(); err != nil {
				t.Fatalf("write %d: %v", i, err)
			}
			if after := contentVersion(t, s); after <= before {
				t.Errorf("write %d: content version %d -> %d, want growth", i, before, after)
			}
		}

		// Nothing to delete, nothing changed for readers.
		before := contentVersion(t, s)
		if err := s.DeleteTranslation(ctx, a.ID, "es"); err != nil {
			t.Errorf("deleting a missing translation: %v", err)
		}
		// Memory and usage are not what readers see.
		if err := s.SaveMemory(ctx, []news.MemoryEntry{{SourceLang: "en", TargetLang: "es",
			SourceHash: "h", Source: "a", Target: "b"}}); err != nil {
			t.Fatal(err)
		}
		if err := s.AddTranslationUsage(ctx, "deepl", "2025-01-01", 10); err != nil {
			t.Fatal(err)
		}
		if after := contentVersion(t, s); after != before {
			t.Errorf("content version moved %d -> %d without a visible change", before, after)
		}
	})
}

func TestTranslationErrors(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		a := createArticle(t, s, draft("errors", "Errors"))
		v := contentVersion(t, s)

		missing := fullTranslation(424242, "fr")
		wantCode(t, s.SaveTranslation(ctx, &missing, nil), news.ENOTFOUND)
		_, err := s.ArticleTranslation(ctx, a.ID, "fr")
		wantCode(t, err, news.ENOTFOUND)

		invalid := []struct {
			name string
			tr   func() *news.Translation
			segs []news.TranslationSegment
		}{
			{"nil translation", func() *news.Translation { return nil }, nil},
			{"no language", func() *news.Translation { tr := fullTranslation(a.ID, ""); return &tr }, nil},
			{"no article", func() *news.Translation { tr := fullTranslation(0, "fr"); return &tr }, nil},
			{"missing is not a stored status", func() *news.Translation {
				tr := fullTranslation(a.ID, "fr")
				tr.Status = news.TranslationMissing
				return &tr
			}, nil},
			{"segment without key", func() *news.Translation { tr := fullTranslation(a.ID, "fr"); return &tr },
				[]news.TranslationSegment{{Source: "x"}}},
			{"repeated key", func() *news.Translation { tr := fullTranslation(a.ID, "fr"); return &tr },
				[]news.TranslationSegment{{Key: "title"}, {Key: "title", Position: 1}}},
			{"segment of another article", func() *news.Translation { tr := fullTranslation(a.ID, "fr"); return &tr },
				[]news.TranslationSegment{{Key: "title", ArticleID: a.ID + 1}}},
			{"segment in another language", func() *news.Translation { tr := fullTranslation(a.ID, "fr"); return &tr },
				[]news.TranslationSegment{{Key: "title", Lang: "de"}}},
		}
		for _, c := range invalid {
			wantCode(t, s.SaveTranslation(ctx, c.tr(), c.segs), news.EINVALID)
		}
		if list, err := s.TranslationsOf(ctx, a.ID); err != nil || len(list) != 0 {
			t.Errorf("translations after refused saves = %+v, %v", list, err)
		}
		if got := contentVersion(t, s); got != v {
			t.Errorf("refused saves moved the content version %d -> %d", v, got)
		}
	})
}

func TestSaveTranslationJoinsTheCallersTransaction(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		a := createArticle(t, s, draft("tx", "Tx"))
		boom := errors.New("boom")
		err := s.WithTx(ctx, func(tx news.Store) error {
			tr := fullTranslation(a.ID, "it")
			segs := []news.TranslationSegment{{Key: "title", Source: "Tx", SourceHash: "h"}}
			if err := tx.SaveTranslation(ctx, &tr, segs); err != nil {
				return err
			}
			if _, err := tx.ArticleTranslation(ctx, a.ID, "it"); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("WithTx error = %v, want boom", err)
		}
		_, err = s.ArticleTranslation(ctx, a.ID, "it")
		wantCode(t, err, news.ENOTFOUND)
		if segs, err := s.TranslationSegments(ctx, a.ID, "it"); err != nil || len(segs) != 0 {
			t.Errorf("segments after rollback = %v, %v", segmentKeys(segs), err)
		}
	})
}

func TestArticleTranslationsInAndTranslationsOf(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		a1 := createArticle(t, s, draft("one", "One"))
		a2 := createArticle(t, s, draft("two", "Two"))
		a3 := createArticle(t, s, draft("three", "Three"))
		fr1 := saveTranslation(t, s, fullTranslation(a1.ID, "fr"))
		fr3 := saveTranslation(t, s, fullTranslation(a3.ID, "fr"))
		de1 := saveTranslation(t, s, fullTranslation(a1.ID, "de"))
		saveTranslation(t, s, fullTranslation(a2.ID, "de"))

		// More IDs than one statement may bind on either database, the
		// translated ones last, one repeated, most of no article.
		ids := make([]int64, 0, 70_004)
		for i := range 70_000 {
			ids = append(ids, int64(1_000_000+i))
		}
		ids = append(ids, a2.ID, a3.ID, a1.ID, a1.ID)
		got, err := s.ArticleTranslationsIn(ctx, "fr", ids)
		if err != nil {
			t.Fatal(err)
		}
		mustJSONEqual(t, "French translations", got, map[int64]news.Translation{a1.ID: fr1, a3.ID: fr3})

		for _, none := range [][]int64{nil, {}} {
			got, err := s.ArticleTranslationsIn(ctx, "fr", none)
			if err != nil || got == nil || len(got) != 0 {
				t.Errorf("ArticleTranslationsIn(%v) = %v, %v; want an empty map", none, got, err)
			}
		}

		langs, err := s.TranslationLanguages(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		mustJSONEqual(t, "translation languages", langs, map[int64][]string{a1.ID: {"de", "fr"}, a2.ID: {"de"}, a3.ID: {"fr"}})
		if langs, err := s.TranslationLanguages(ctx, nil); err != nil || len(langs) != 0 {
			t.Errorf("TranslationLanguages(nil) = %v, %v; want an empty map", langs, err)
		}

		list, err := s.TranslationsOf(ctx, a1.ID)
		if err != nil {
			t.Fatal(err)
		}
		mustJSONEqual(t, "translations of article 1", list, []news.Translation{de1, fr1})
		list, err = s.TranslationsOf(ctx, 424242)
		if err != nil || list == nil || len(list) != 0 {
			t.Errorf("TranslationsOf(no article) = %v, %v; want an empty list", list, err)
		}
	})
}

func TestDeletingTranslationsAndArticles(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		a := createArticle(t, s, draft("cascade", "Cascade"))
		other := createArticle(t, s, draft("other", "Other"))
		segs := []news.TranslationSegment{{Key: "title", Source: "Cascade", SourceHash: "h"}}
		for _, lang := range []string{"fr", "de"} {
			saveTranslation(t, s, fullTranslation(a.ID, lang), segs...)
		}
		saveTranslation(t, s, fullTranslation(other.ID, "fr"), segs...)

		if err := s.DeleteTranslation(ctx, a.ID, "fr"); err != nil {
			t.Fatal(err)
		}
		_, err := s.ArticleTranslation(ctx, a.ID, "fr")
		wantCode(t, err, news.ENOTFOUND)
		if got, err := s.TranslationSegments(ctx, a.ID, "fr"); err != nil || len(got) != 0 {
			t.Errorf("segments of the deleted translation = %v, %v", segmentKeys(got), err)
		}
		if got, err := s.TranslationSegments(ctx, a.ID, "de"); err != nil || len(got) != 1 {
			t.Errorf("German segments after deleting French = %v, %v; want one", segmentKeys(got), err)
		}

		if err := s.DeleteArticle(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if list, err := s.TranslationsOf(ctx, a.ID); err != nil || len(list) != 0 {
			t.Errorf("translations of a deleted article = %+v, %v", list, err)
		}
		if got, err := s.TranslationSegments(ctx, a.ID, "de"); err != nil || len(got) != 0 {
			t.Errorf("segments of a deleted article = %v, %v", segmentKeys(got), err)
		}
		if _, err := s.ArticleTranslation(ctx, other.ID, "fr"); err != nil {
			t.Errorf("another article's translation went too: %v", err)
		}
		if got, err := s.TranslationSegments(ctx, other.ID, "fr"); err != nil || len(got) != 1 {
			t.Errorf("another article's segments = %v, %v; want one", segmentKeys(got), err)
		}
	})
}

func TestTranslationMemoryLookupInChunks(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		created := time.Date(2025, 6, 7, 8, 9, 10, 123456789, time.FixedZone("X", -7200))
		entries := make([]news.MemoryEntry, 1200)
		hashes := make([]string, 0, 71_201)
		for i := range entries {
			h := fmt.Sprintf("hash-%04d", i)
			entries[i] = news.MemoryEntry{SourceLang: "en", TargetLang: "fr", SourceHash: h,
				Source: "src " + h, Target: "cible " + h, Provider: "deepl", Human: i%7 == 0}
			hashes = append(hashes, h)
		}
		entries[3].CreatedAt = created
		// The same hash into another language is another entry.
		other := news.MemoryEntry{SourceLang: "en", TargetLang: "de", SourceHash: "hash-0000",
			Source: "src", Target: "Ziel", Provider: "apertium"}
		before := time.Now().UTC().Add(-time.Second)
		if err := s.SaveMemory(ctx, append(entries, other)); err != nil {
			t.Fatal(err)
		}
		// Absent hashes past what one statement may bind on either
		// database (32,766 and 65,535 parameters): the store must split.
		for i := range 70_000 {
			hashes = append(hashes, fmt.Sprintf("absent-%d", i))
		}
		hashes = append(hashes, "hash-0001") // repeated

		got, err := s.LookupMemory(ctx, "en", "fr", hashes)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(entries) {
			t.Fatalf("LookupMemory found %d entries, want %d", len(got), len(entries))
		}
		for _, e := range entries {
			g, ok := got[e.SourceHash]
			if !ok {
				t.Fatalf("entry %s not found", e.SourceHash)
			}
			if e.CreatedAt.IsZero() {
				if g.CreatedAt.Before(before) || g.CreatedAt.After(time.Now().Add(time.Second)) {
					t.Errorf("entry %s created at %v, want now", e.SourceHash, g.CreatedAt)
				}
				e.CreatedAt = g.CreatedAt
			} else {
				e.CreatedAt = e.CreatedAt.UTC().Truncate(time.Microsecond)
			}
			mustJSONEqual(t, "memory entry "+e.SourceHash, g, e)
		}

		de, err := s.LookupMemory(ctx, "en", "de", []string{"hash-0000", "hash-0001"})
		if err != nil || len(de) != 1 || de["hash-0000"].Target != "Ziel" {
			t.Errorf("en->de lookup = %+v, %v; want the one German entry", de, err)
		}
		for _, none := range [][]string{nil, {}} {
			got, err := s.LookupMemory(ctx, "en", "fr", none)
			if err != nil || got == nil || len(got) != 0 {
				t.Errorf("LookupMemory(%v) = %v, %v; want an empty map", none, got, err)
			}
		}
		wantCode(t, s.SaveMemory(ctx, []news.MemoryEntry{{SourceLang: "en", SourceHash: "h"}}), news.EINVALID)
		if err := s.SaveMemory(ctx, nil); err != nil {
			t.Errorf("saving no entries: %v", err)
		}
	})
}

func TestTranslationMemoryKeepsHumanEntries(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		entry := func(target string, human bool) news.MemoryEntry {
			provider := "deepl"
			if human {
				provider = ""
			}
			return news.MemoryEntry{SourceLang: "en", TargetLang: "nl", SourceHash: "h",
				Source: "Hello", Target: target, Provider: provider, Human: human}
		}
		steps := []struct {
			name  string
			save  news.MemoryEntry
			want  string
			human bool
		}{
			{"first machine entry", entry("Hallo 1", false), "Hallo 1", false},
			{"machine over machine replaces", entry("Hallo 2", false), "Hallo 2", false},
			{"human over machine replaces", entry("Dag", true), "Dag", true},
			{"machine over human is refused", entry("Hallo 3", false), "Dag", true},
			{"human over human replaces", entry("Goedendag", true), "Goedendag", true},
		}
		for _, st := range steps {
			if err := s.SaveMemory(ctx, []news.MemoryEntry{st.save}); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			got, err := s.LookupMemory(ctx, "en", "nl", []string{"h"})
			if err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			if g := got["h"]; g.Target != st.want || g.Human != st.human {
				t.Errorf("%s: stored %q human=%v, want %q human=%v", st.name, g.Target, g.Human, st.want, st.human)
			}
		}

		// Within one batch too: the later machine entry loses.
		if err := s.SaveMemory(ctx, []news.MemoryEntry{
			{SourceLang: "en", TargetLang: "nl", SourceHash: "b", Source: "Bye", Target: "Doei", Human: true},
			{SourceLang: "en", TargetLang: "nl", SourceHash: "b", Source: "Bye", Target: "Tot ziens", Provider: "deepl"},
		}); err != nil {
			t.Fatal(err)
		}
		got, err := s.LookupMemory(ctx, "en", "nl", []string{"b"})
		if err != nil || got["b"].Target != "Doei" || !got["b"].Human {
			t.Errorf("batch: stored %+v, %v; want the human entry", got["b"], err)
		}
	})
}

func TestTranslationUsageCountsPerProviderAndDay(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		adds := []struct {
			provider, day string
			chars         int64
		}{
			{"deepl", "2025-05-01", 100},
			{"deepl", "2025-05-01", 250},
			{"deepl", "2025-05-02", 7},
			{"azure", "2025-05-02", 40},
			{"google", "2025-04-30", 1000},
		}
		for _, a := range adds {
			if err := s.AddTranslationUsage(ctx, a.provider, a.day, a.chars); err != nil {
				t.Fatalf("add %+v: %v", a, err)
			}
		}
		got, err := s.TranslationUsageSince(ctx, "2025-05-01")
		if err != nil {
			t.Fatal(err)
		}
		mustJSONEqual(t, "usage since May", got, []news.TranslationUsage{
			{Provider: "azure", Day: "2025-05-02", Chars: 40, Requests: 1},
			{Provider: "deepl", Day: "2025-05-02", Chars: 7, Requests: 1},
			{Provider: "deepl", Day: "2025-05-01", Chars: 350, Requests: 2},
		})
		all, err := s.TranslationUsageSince(ctx, "")
		if err != nil || len(all) != 4 || all[3].Provider != "google" {
			t.Errorf("all usage = %+v, %v; want four rows, google's oldest last", all, err)
		}
		later, err := s.TranslationUsageSince(ctx, "2025-06-01")
		if err != nil || later == nil || len(later) != 0 {
			t.Errorf("usage since June = %+v, %v; want an empty list", later, err)
		}

		wantCode(t, s.AddTranslationUsage(ctx, "deepl", "2025-5-1", 1), news.EINVALID)
		wantCode(t, s.AddTranslationUsage(ctx, "", "2025-05-01", 1), news.EINVALID)
		wantCode(t, s.AddTranslationUsage(ctx, "deepl", "2025-05-01", -1), news.EINVALID)
		_, err = s.TranslationUsageSince(ctx, "May")
		wantCode(t, err, news.EINVALID)
	})
}
