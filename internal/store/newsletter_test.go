package store_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

var t0 = time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC)

// subscribe requests a subscription and fails the test on error.
func subscribe(t *testing.T, s *store.Store, email, lang string) (news.Subscriber, bool) {
	t.Helper()
	sub := news.Subscriber{Email: email, Lang: lang, ConsentText: "consent " + lang}
	created, err := s.RequestSubscription(t.Context(), &sub)
	if err != nil {
		t.Fatalf("subscribe %q: %v", email, err)
	}
	return sub, created
}

// confirmed creates a confirmed subscriber.
func confirmed(t *testing.T, s *store.Store, email, lang string) news.Subscriber {
	t.Helper()
	sub, _ := subscribe(t, s, email, lang)
	if err := s.ConfirmSubscriber(t.Context(), sub.ID, t0); err != nil {
		t.Fatalf("confirm %q: %v", email, err)
	}
	return sub
}

func getSubscriber(t *testing.T, s *store.Store, id int64) news.Subscriber {
	t.Helper()
	sub, err := s.Subscriber(t.Context(), id)
	if err != nil {
		t.Fatalf("subscriber %d: %v", id, err)
	}
	return sub
}

func createEdition(t *testing.T, s *store.Store, day string) news.Edition {
	t.Helper()
	e := news.Edition{Day: day, ArticleIDs: []int64{3, 1, 2}}
	if err := s.CreateEdition(t.Context(), &e); err != nil {
		t.Fatalf("create edition %s: %v", day, err)
	}
	return e
}

// startedEdition creates an edition for day and starts it.
func startedEdition(t *testing.T, s *store.Store, day string) (news.Edition, int) {
	t.Helper()
	e := createEdition(t, s, day)
	n, err := s.StartEdition(t.Context(), e.ID, t0)
	if err != nil {
		t.Fatalf("start edition %s: %v", day, err)
	}
	return e, n
}

func claim(t *testing.T, s *store.Store, editionID int64, worker string, n int, at time.Time) []news.Delivery {
	t.Helper()
	list, err := s.ClaimDeliveries(t.Context(), editionID, worker, n, at)
	if err != nil {
		t.Fatalf("claim by %s: %v", worker, err)
	}
	return list
}

func countsMap(t *testing.T, s *store.Store, editionID int64) map[string]int {
	t.Helper()
	list, err := s.DeliveryCounts(t.Context(), editionID)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]int{}
	for _, c := range list {
		m[c.Lang+"/"+string(c.Status)] = c.Count
	}
	return m
}

func TestRequestSubscriptionDoesNotEnumerate(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		sub, created := subscribe(t, s, "  Ann@Example.ORG ", "fr")
		if !created || sub.ID == 0 || sub.Status != news.SubscriberPending || sub.Email != "Ann@Example.ORG" ||
			sub.Lang != "fr" || sub.Source != news.SourceForm || sub.CreatedAt.IsZero() {
			t.Fatalf("new subscriber = %+v, created %v", sub, created)
		}

		// Pending again: same row, new language and consent.
		again, created := subscribe(t, s, "ann@example.org", "de")
		if created || again.ID != sub.ID || again.Status != news.SubscriberPending ||
			again.Lang != "de" || again.ConsentText != "consent de" {
			t.Fatalf("repeated pending request = %+v, created %v", again, created)
		}

		// Confirmed: nothing changes, language included.
		if err := s.ConfirmSubscriber(ctx, sub.ID, t0); err != nil {
			t.Fatal(err)
		}
		before := getSubscriber(t, s, sub.ID)
		after, created := subscribe(t, s, "ANN@example.org", "es")
		if created {
			t.Error("request for a confirmed address reported created")
		}
		mustJSONEqual(t, "confirmed subscriber after a new request", after, before)
		if before.Status != news.SubscriberConfirmed || before.Lang != "de" || !before.ConfirmedAt.Equal(t0) {
			t.Fatalf("confirmed subscriber = %+v", before)
		}

		// Unsubscribed: pending again, UnsubscribedAt cleared.
		if err := s.Unsubscribe(ctx, sub.ID, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if u := getSubscriber(t, s, sub.ID); u.Status != news.SubscriberUnsubscribed || !u.UnsubscribedAt.Equal(t0.Add(time.Hour)) {
			t.Fatalf("unsubscribed = %+v", u)
		}
		back, created := subscribe(t, s, "ann@EXAMPLE.org", "it")
		if created || back.ID != sub.ID || back.Status != news.SubscriberPending || back.Lang != "it" ||
			!back.UnsubscribedAt.IsZero() || !back.ConfirmedAt.IsZero() {
			t.Fatalf("resubscribed = %+v, created %v", back, created)
		}

		// Suppressed stays suppressed.
		if supp, err := s.RecordHardBounce(ctx, sub.ID, 1); err != nil || !supp {
			t.Fatalf("RecordHardBounce = %v, %v", supp, err)
		}
		still, created := subscribe(t, s, "ann@example.org", "pt")
		if created || still.Status != news.SubscriberSuppressed || still.Lang != "it" {
			t.Fatalf("suppressed after a request = %+v, created %v", still, created)
		}

		var total int
		if _, total, _ = s.FindSubscribers(ctx, news.SubscriberFilter{}); total != 1 {
			t.Errorf("%d subscribers stored, want 1", total)
		}
	})
}

func TestRequestSubscriptionRefusesBadInput(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		for _, sub := range []news.Subscriber{
			{Email: "", Lang: "en"},
			{Email: "   ", Lang: "en"},
			{Email: "no-at-sign", Lang: "en"},
			{Email: "a@b.org\r\nBcc: x@y.org", Lang: "en"},
			{Email: strings.Repeat("a", 250) + "@b.org", Lang: "en"},
			{Email: "a@b.org", Lang: ""},
			{Email: "a@b.org", Lang: "e n"},
		} {
			_, err := s.RequestSubscription(t.Context(), &sub)
			wantCode(t, err, news.EINVALID)
		}
		if _, total, err := s.FindSubscribers(t.Context(), news.SubscriberFilter{}); err != nil || total != 0 {
			t.Fatalf("after bad input: %d subscribers, %v", total, err)
		}
	})
}

func TestConfirmAndUnsubscribeTransitions(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		sub, _ := subscribe(t, s, "bo@example.org", "en")
		if err := s.ConfirmSubscriber(ctx, sub.ID, t0); err != nil {
			t.Fatal(err)
		}
		// Again: a no-op that keeps the first time.
		if err := s.ConfirmSubscriber(ctx, sub.ID, t0.Add(time.Hour)); err != nil {
			t.Fatalf("second confirm: %v", err)
		}
		if got := getSubscriber(t, s, sub.ID); !got.ConfirmedAt.Equal(t0) {
			t.Errorf("ConfirmedAt = %v after a second confirm, want %v", got.ConfirmedAt, t0)
		}
		wantCode(t, s.ConfirmSubscriber(ctx, 9999, t0), news.ENOTFOUND)

		if err := s.Unsubscribe(ctx, sub.ID, t0.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		// Idempotent: the first time stays.
		if err := s.Unsubscribe(ctx, sub.ID, t0.Add(3*time.Hour)); err != nil {
			t.Fatalf("second unsubscribe: %v", err)
		}
		if got := getSubscriber(t, s, sub.ID); got.Status != news.SubscriberUnsubscribed || !got.UnsubscribedAt.Equal(t0.Add(2*time.Hour)) {
			t.Errorf("after two unsubscribes: %+v", got)
		}
		wantCode(t, s.ConfirmSubscriber(ctx, sub.ID, t0), news.ECONFLICT)
		wantCode(t, s.Unsubscribe(ctx, 9999, t0), news.ENOTFOUND)

		supp, _ := subscribe(t, s, "cy@example.org", "en")
		if _, err := s.RecordHardBounce(ctx, supp.ID, 1); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.ConfirmSubscriber(ctx, supp.ID, t0), news.ECONFLICT)
		if err := s.Unsubscribe(ctx, supp.ID, t0); err != nil {
			t.Fatalf("unsubscribe suppressed: %v", err)
		}
		if got := getSubscriber(t, s, supp.ID); got.Status != news.SubscriberSuppressed {
			t.Errorf("suppressed subscriber became %s on unsubscribe", got.Status)
		}
	})
}

func TestSubscriberLookupsAndLanguage(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		sub, _ := subscribe(t, s, "Dee@Example.org", "en")
		got, err := s.SubscriberByEmail(ctx, " dEE@example.ORG")
		if err != nil || got.ID != sub.ID {
			t.Fatalf("SubscriberByEmail = %+v, %v", got, err)
		}
		_, err = s.SubscriberByEmail(ctx, "nobody@example.org")
		wantCode(t, err, news.ENOTFOUND)
		_, err = s.Subscriber(ctx, 9999)
		wantCode(t, err, news.ENOTFOUND)

		if err := s.SetSubscriberLanguage(ctx, sub.ID, "ja"); err != nil {
			t.Fatal(err)
		}
		if got := getSubscriber(t, s, sub.ID); got.Lang != "ja" {
			t.Errorf("Lang = %q after SetSubscriberLanguage, want ja", got.Lang)
		}
		wantCode(t, s.SetSubscriberLanguage(ctx, sub.ID, ""), news.EINVALID)
		wantCode(t, s.SetSubscriberLanguage(ctx, 9999, "en"), news.ENOTFOUND)
	})
}

func TestFindSubscribersFiltersAndPages(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		// Imported with distinct creation times, so newest first is known.
		var subs []news.Subscriber
		for i, e := range []struct{ email, lang string }{
			{"alpha@one.org", "en"}, {"beta@one.org", "fr"}, {"gamma@two.org", "en"},
			{"delta@two.org", "fr"}, {"ALPHA_2@two.org", "en"},
		} {
			subs = append(subs, news.Subscriber{Email: e.email, Lang: e.lang, Status: news.SubscriberPending,
				CreatedAt: t0.Add(time.Duration(i) * time.Minute)})
		}
		subs[2].Status, subs[2].ConsentText = news.SubscriberConfirmed, "yes"
		if n, err := s.ImportSubscribers(ctx, subs); err != nil || n != 5 {
			t.Fatalf("import = %d, %v", n, err)
		}
		emails := func(f news.SubscriberFilter) ([]string, int) {
			list, total, err := s.FindSubscribers(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			out := []string{}
			for _, sub := range list {
				out = append(out, sub.Email)
			}
			return out, total
		}
		check := func(f news.SubscriberFilter, wantTotal int, want ...string) {
			t.Helper()
			got, total := emails(f)
			if total != wantTotal || strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%+v: %v (total %d), want %v (total %d)", f, got, total, want, wantTotal)
			}
		}
		check(news.SubscriberFilter{}, 5, "ALPHA_2@two.org", "delta@two.org", "gamma@two.org", "beta@one.org", "alpha@one.org")
		check(news.SubscriberFilter{Query: "Alpha"}, 2, "ALPHA_2@two.org", "alpha@one.org")
		// "_" is no wildcard.
		check(news.SubscriberFilter{Query: "a_"}, 1, "ALPHA_2@two.org")
		check(news.SubscriberFilter{Lang: "fr"}, 2, "delta@two.org", "beta@one.org")
		check(news.SubscriberFilter{Status: news.SubscriberConfirmed}, 1, "gamma@two.org")
		check(news.SubscriberFilter{Query: "two", Lang: "en"}, 2, "ALPHA_2@two.org", "gamma@two.org")
		check(news.SubscriberFilter{Offset: 1, Limit: 2}, 5, "delta@two.org", "gamma@two.org")
		_, _, err := s.FindSubscribers(ctx, news.SubscriberFilter{Status: "bogus"})
		wantCode(t, err, news.EINVALID)
	})
}

func TestRecordHardBounceSuppressesAtThreshold(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		sub := confirmed(t, s, "eve@example.org", "en")
		for i := 1; i <= 3; i++ {
			supp, err := s.RecordHardBounce(ctx, sub.ID, 3)
			if err != nil {
				t.Fatal(err)
			}
			if supp != (i == 3) {
				t.Errorf("bounce %d: suppressed = %v", i, supp)
			}
			got := getSubscriber(t, s, sub.ID)
			if got.HardBounces != i {
				t.Errorf("bounce %d: HardBounces = %d", i, got.HardBounces)
			}
			if want := map[bool]news.SubscriberStatus{false: news.SubscriberConfirmed, true: news.SubscriberSuppressed}[i == 3]; got.Status != want {
				t.Errorf("bounce %d: status %s, want %s", i, got.Status, want)
			}
		}
		_, err := s.RecordHardBounce(ctx, sub.ID, 0)
		wantCode(t, err, news.EINVALID)
		_, err = s.RecordHardBounce(ctx, 9999, 3)
		wantCode(t, err, news.ENOTFOUND)
	})
}

func TestImportSubscribers(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		existing := confirmed(t, s, "Old@Example.org", "en")
		n, err := s.ImportSubscribers(ctx, []news.Subscriber{
			{Email: "old@EXAMPLE.org", Lang: "fr", Status: news.SubscriberUnsubscribed},
			{Email: "new1@example.org", Lang: "de", Status: news.SubscriberConfirmed, ConsentText: "signed up at the fair"},
			{Email: "NEW1@example.org", Lang: "es", Status: news.SubscriberPending},
			{Email: "new2@example.org", Lang: "es", Status: news.SubscriberUnsubscribed},
		})
		if err != nil || n != 2 {
			t.Fatalf("import = %d, %v; want 2 imported", n, err)
		}
		if got := getSubscriber(t, s, existing.ID); got.Status != news.SubscriberConfirmed || got.Lang != "en" {
			t.Errorf("existing subscriber changed by import: %+v", got)
		}
		n1, err := s.SubscriberByEmail(ctx, "new1@example.org")
		if err != nil {
			t.Fatal(err)
		}
		if n1.Status != news.SubscriberConfirmed || n1.Lang != "de" || n1.Source != news.SourceImport ||
			n1.ConsentText != "signed up at the fair" || n1.ConfirmedAt.IsZero() {
			t.Errorf("imported confirmed subscriber = %+v", n1)
		}
		n2, err := s.SubscriberByEmail(ctx, "new2@example.org")
		if err != nil || n2.Status != news.SubscriberUnsubscribed || n2.UnsubscribedAt.IsZero() {
			t.Errorf("imported unsubscribed subscriber = %+v, %v", n2, err)
		}

		// All or nothing: row 3 is bad, rows 1 and 2 are not stored.
		for _, bad := range []news.Subscriber{
			{Email: "not-an-address", Lang: "en", Status: news.SubscriberPending},
			{Email: "x@example.org", Lang: "en", Status: "bogus"},
			{Email: "x@example.org", Lang: "en", Status: news.SubscriberConfirmed},
			{Email: "x@example.org", Lang: "", Status: news.SubscriberPending},
		} {
			_, err = s.ImportSubscribers(ctx, []news.Subscriber{
				{Email: "good1@example.org", Lang: "en", Status: news.SubscriberPending},
				{Email: "good2@example.org", Lang: "en", Status: news.SubscriberPending},
				bad,
			})
			wantCode(t, err, news.EINVALID)
			if !strings.Contains(err.Error(), "row 3") {
				t.Errorf("error %q does not name row 3", err)
			}
			if _, err := s.SubscriberByEmail(ctx, "good1@example.org"); !news.IsNotFound(err) {
				t.Fatalf("a good row of a failed import was stored (err %v)", err)
			}
		}
		if _, total, _ := s.FindSubscribers(ctx, news.SubscriberFilter{}); total != 3 {
			t.Errorf("%d subscribers, want 3", total)
		}
	})
}

func TestEditions(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		e := createEdition(t, s, "2026-11-24")
		if e.ID == 0 || e.Status != news.EditionDraft || e.CreatedAt.IsZero() {
			t.Fatalf("created edition = %+v", e)
		}
		got, err := s.Edition(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		mustJSONEqual(t, "edition", got, e)
		byDay, err := s.EditionByDay(ctx, "2026-11-24")
		if err != nil || byDay.ID != e.ID || fmt.Sprint(byDay.ArticleIDs) != "[3 1 2]" {
			t.Fatalf("EditionByDay = %+v, %v", byDay, err)
		}
		dup := news.Edition{Day: "2026-11-24"}
		wantCode(t, s.CreateEdition(ctx, &dup), news.ECONFLICT)
		wantCode(t, s.CreateEdition(ctx, &news.Edition{Day: "24/11/2026"}), news.EINVALID)
		wantCode(t, s.CreateEdition(ctx, &news.Edition{Day: "2026-11-30", Status: "bogus"}), news.EINVALID)
		_, err = s.Edition(ctx, 9999)
		wantCode(t, err, news.ENOTFOUND)
		_, err = s.EditionByDay(ctx, "2020-01-01")
		wantCode(t, err, news.ENOTFOUND)

		empty := news.Edition{Day: "2026-11-26"}
		if err := s.CreateEdition(ctx, &empty); err != nil {
			t.Fatal(err)
		}
		createEdition(t, s, "2026-11-25")
		list, err := s.Editions(ctx, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].Day != "2026-11-26" || list[1].Day != "2026-11-25" || list[0].ArticleIDs == nil {
			t.Fatalf("Editions(2) = %+v", list)
		}

		// Status moves.
		wantCode(t, s.SetEditionStatus(ctx, e.ID, []news.EditionStatus{news.EditionSending}, news.EditionPaused, t0), news.ECONFLICT)
		if err := s.SetEditionStatus(ctx, e.ID, []news.EditionStatus{news.EditionDraft}, news.EditionSending, t0); err != nil {
			t.Fatal(err)
		}
		if err := s.SetEditionStatus(ctx, e.ID, []news.EditionStatus{news.EditionSending}, news.EditionPaused, t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := s.SetEditionStatus(ctx, e.ID, []news.EditionStatus{news.EditionPaused}, news.EditionSending, t0.Add(2*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := s.SetEditionStatus(ctx, e.ID, []news.EditionStatus{news.EditionPaused, news.EditionSending}, news.EditionSent, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Edition(ctx, e.ID)
		if got.Status != news.EditionSent || !got.StartedAt.Equal(t0) || !got.FinishedAt.Equal(t0.Add(time.Hour)) {
			t.Errorf("after the moves: %+v; want sent, started at %v (kept on resume), finished an hour later", got, t0)
		}
		wantCode(t, s.SetEditionStatus(ctx, 9999, []news.EditionStatus{news.EditionDraft}, news.EditionSkipped, t0), news.ENOTFOUND)
		wantCode(t, s.SetEditionStatus(ctx, e.ID, []news.EditionStatus{news.EditionSent}, "bogus", t0), news.EINVALID)
		wantCode(t, s.SetEditionStatus(ctx, e.ID, nil, news.EditionSkipped, t0), news.EINVALID)
	})
}

func TestStartEditionCreatesOneDeliveryPerConfirmedSubscriber(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		want := map[int64]string{}
		for i := range 6 {
			sub := confirmed(t, s, fmt.Sprintf("c%d@example.org", i), []string{"en", "fr"}[i%2])
			want[sub.ID] = sub.Email
		}
		subscribe(t, s, "pending@example.org", "en")
		unsub := confirmed(t, s, "gone@example.org", "en")
		if err := s.Unsubscribe(ctx, unsub.ID, t0); err != nil {
			t.Fatal(err)
		}
		supp := confirmed(t, s, "bounced@example.org", "en")
		if _, err := s.RecordHardBounce(ctx, supp.ID, 1); err != nil {
			t.Fatal(err)
		}

		e, n := startedEdition(t, s, "2026-11-25")
		if n != 6 {
			t.Fatalf("StartEdition made %d deliveries, want 6", n)
		}
		got, _ := s.Edition(ctx, e.ID)
		if got.Status != news.EditionSending || !got.StartedAt.Equal(t0) {
			t.Errorf("started edition = %+v", got)
		}
		if p, err := s.PendingDeliveries(ctx, e.ID); err != nil || p != 6 {
			t.Errorf("PendingDeliveries = %d, %v", p, err)
		}
		if c := countsMap(t, s, e.ID); len(c) != 2 || c["en/pending"] != 3 || c["fr/pending"] != 3 {
			t.Errorf("counts = %v", c)
		}

		_, err := s.StartEdition(ctx, e.ID, t0)
		wantCode(t, err, news.ECONFLICT)
		if p, _ := s.PendingDeliveries(ctx, e.ID); p != 6 {
			t.Errorf("second start changed the deliveries: %d pending", p)
		}
		_, err = s.StartEdition(ctx, 9999, t0)
		wantCode(t, err, news.ENOTFOUND)

		list := claim(t, s, e.ID, "w", 100, t0)
		if len(list) != 6 {
			t.Fatalf("claimed %d, want 6", len(list))
		}
		for _, d := range list {
			if want[d.SubscriberID] != d.Email || d.Status != news.DeliverySending || d.ClaimedBy != "w" ||
				!d.ClaimedAt.Equal(t0) || d.Attempts != 1 || d.EditionID != e.ID {
				t.Errorf("claimed delivery %+v", d)
			}
			delete(want, d.SubscriberID)
		}
		if len(want) != 0 {
			t.Errorf("confirmed subscribers without a delivery: %v", want)
		}
	})
}

func TestClaimMarkAndRecover(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		for i := range 10 {
			confirmed(t, s, fmt.Sprintf("r%d@example.org", i), []string{"en", "fr"}[i%2])
		}
		e, _ := startedEdition(t, s, "2026-11-25")

		a := claim(t, s, e.ID, "a", 4, t0)
		b := claim(t, s, e.ID, "b", 4, t0.Add(10*time.Minute))
		if len(a) != 4 || len(b) != 4 {
			t.Fatalf("claimed %d and %d, want 4 and 4", len(a), len(b))
		}
		// The wrong worker cannot mark.
		wantCode(t, s.MarkDelivery(ctx, e.ID, a[0].SubscriberID, "b", news.DeliverySent, "", t0), news.ECONFLICT)
		wantCode(t, s.MarkDelivery(ctx, e.ID, a[0].SubscriberID, "a", "ambiguous", "", t0), news.EINVALID)
		wantCode(t, s.MarkDelivery(ctx, e.ID, 9999, "a", news.DeliverySent, "", t0), news.ENOTFOUND)

		if err := s.MarkDelivery(ctx, e.ID, a[0].SubscriberID, "a", news.DeliverySent, "", t0.Add(time.Second)); err != nil {
			t.Fatal(err)
		}
		// Marked once; a second mark finds it no longer sending.
		wantCode(t, s.MarkDelivery(ctx, e.ID, a[0].SubscriberID, "a", news.DeliverySent, "", t0), news.ECONFLICT)
		if err := s.MarkDelivery(ctx, e.ID, a[1].SubscriberID, "a", news.DeliveryBounced, "550 no such user", t0); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkDelivery(ctx, e.ID, a[2].SubscriberID, "a", news.DeliveryPending, "451 try later", t0); err != nil {
			t.Fatal(err)
		}

		// a[3] (claimed at t0) is stale, b's four (t0+10m) are not.
		n, err := s.RecoverInFlight(ctx, e.ID, t0.Add(5*time.Minute))
		if err != nil || n != 1 {
			t.Fatalf("RecoverInFlight = %d, %v; want 1", n, err)
		}
		wantCode(t, s.MarkDelivery(ctx, e.ID, a[3].SubscriberID, "a", news.DeliverySent, "", t0), news.ECONFLICT)
		if err := s.MarkDelivery(ctx, e.ID, b[0].SubscriberID, "b", news.DeliveryFailed, "gave up", t0); err != nil {
			t.Fatalf("b's row was taken by the recovery: %v", err)
		}

		// The retried row and the two never claimed are pending; the
		// retried one is claimed again with a second attempt.
		if p, _ := s.PendingDeliveries(ctx, e.ID); p != 3 {
			t.Errorf("%d pending, want 3", p)
		}
		rest := claim(t, s, e.ID, "c", 10, t0.Add(time.Hour))
		if len(rest) != 3 || rest[0].SubscriberID != a[2].SubscriberID || rest[0].Attempts != 2 || rest[0].Error != "451 try later" {
			t.Fatalf("second claim = %+v", rest)
		}

		counts := map[news.DeliveryStatus]int{}
		list, err := s.DeliveryCounts(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, c := range list {
			counts[c.Status] += c.Count
			total += c.Count
		}
		if total != 10 || counts[news.DeliverySent] != 1 || counts[news.DeliveryBounced] != 1 ||
			counts[news.DeliveryAmbiguous] != 1 || counts[news.DeliveryFailed] != 1 || counts[news.DeliverySending] != 6 {
			t.Errorf("counts by status %v (total %d)", counts, total)
		}
		// Per language: a[0] and a[1] are the first two subscribers (en, fr).
		byLang := countsMap(t, s, e.ID)
		if byLang["en/sent"] != 1 || byLang["fr/bounced"] != 1 {
			t.Errorf("counts by language %v", byLang)
		}

		wantCode(t, func() error { _, err := s.ClaimDeliveries(ctx, e.ID, "", 1, t0); return err }(), news.EINVALID)
		wantCode(t, func() error { _, err := s.ClaimDeliveries(ctx, e.ID, "w", 0, t0); return err }(), news.EINVALID)
	})
}

func TestPausedEditionYieldsNoClaims(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		for i := range 5 {
			confirmed(t, s, fmt.Sprintf("p%d@example.org", i), "en")
		}
		draftEd := createEdition(t, s, "2026-11-24")
		if got := claim(t, s, draftEd.ID, "w", 5, t0); len(got) != 0 {
			t.Errorf("a draft edition gave %d deliveries", len(got))
		}
		e, _ := startedEdition(t, s, "2026-11-25")
		if err := s.SetEditionStatus(ctx, e.ID, []news.EditionStatus{news.EditionSending}, news.EditionPaused, t0); err != nil {
			t.Fatal(err)
		}
		if got := claim(t, s, e.ID, "w", 5, t0); len(got) != 0 {
			t.Errorf("a paused edition gave %d deliveries", len(got))
		}
		if err := s.SetEditionStatus(ctx, e.ID, []news.EditionStatus{news.EditionPaused}, news.EditionSending, t0); err != nil {
			t.Fatal(err)
		}
		if got := claim(t, s, e.ID, "w", 5, t0); len(got) != 5 {
			t.Errorf("a resumed edition gave %d deliveries, want 5", len(got))
		}
	})
}

func TestDeleteSubscriberErasesDeliveries(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		keep := confirmed(t, s, "keep@example.org", "en")
		gone := confirmed(t, s, "gone@example.org", "fr")
		e, _ := startedEdition(t, s, "2026-11-25")
		if err := s.DeleteSubscriber(ctx, gone.ID); err != nil {
			t.Fatal(err)
		}
		_, err := s.Subscriber(ctx, gone.ID)
		wantCode(t, err, news.ENOTFOUND)
		_, err = s.SubscriberByEmail(ctx, "gone@example.org")
		wantCode(t, err, news.ENOTFOUND)
		c := countsMap(t, s, e.ID)
		if len(c) != 1 || c["en/pending"] != 1 {
			t.Errorf("counts after delete = %v, want only the kept subscriber's delivery", c)
		}
		list := claim(t, s, e.ID, "w", 10, t0)
		if len(list) != 1 || list[0].SubscriberID != keep.ID {
			t.Errorf("claimable after delete: %+v", list)
		}
		wantCode(t, s.DeleteSubscriber(ctx, gone.ID), news.ENOTFOUND)
	})
}

func TestConcurrentClaimersGetDisjointDeliveries(t *testing.T) {
	// Both claimers on one Store: two connections of one process.
	t.Run("one-store", func(t *testing.T) {
		testutil.Stores(t, func(t *testing.T, s *store.Store) { checkDisjointClaims(t, s, s) })
	})
	// Each claimer on its own Store: two processes on one database.
	t.Run("two-stores", func(t *testing.T) {
		t.Run("sqlite", func(t *testing.T) {
			dir := t.TempDir()
			checkDisjointClaims(t, testutil.OpenStore(t, dir, ""), testutil.OpenStore(t, dir, ""))
		})
		t.Run("postgres", func(t *testing.T) {
			u := testutil.PostgresURL(t)
			checkDisjointClaims(t, testutil.OpenStore(t, "", u), testutil.OpenStore(t, "", u))
		})
	})
}

// checkDisjointClaims starts an edition to 500 subscribers and has two
// goroutines, one on each store, claim batches of 7 until none are left:
// every delivery must be claimed exactly once.
func checkDisjointClaims(t *testing.T, s1, s2 *store.Store) {
	ctx := t.Context()
	const subscribers = 500
	subs := make([]news.Subscriber, subscribers)
	for i := range subs {
		subs[i] = news.Subscriber{Email: fmt.Sprintf("s%03d@example.org", i), Lang: "en",
			Status: news.SubscriberConfirmed, ConsentText: "yes"}
	}
	if n, err := s1.ImportSubscribers(ctx, subs); err != nil || n != subscribers {
		t.Fatalf("import = %d, %v", n, err)
	}
	e, n := startedEdition(t, s1, "2026-11-25")
	if n != subscribers {
		t.Fatalf("%d recipients, want %d", n, subscribers)
	}

	type result struct {
		ids []int64
		err error
	}
	results := make(chan result, 2)
	start := make(chan struct{})
	for i, s := range []*store.Store{s1, s2} {
		worker := fmt.Sprintf("w%d", i+1)
		go func() {
			var r result
			<-start
			for {
				list, err := s.ClaimDeliveries(ctx, e.ID, worker, 7, t0)
				if err != nil {
					r.err = err
					break
				}
				if len(list) == 0 {
					break
				}
				for _, d := range list {
					if d.ClaimedBy != worker || d.Status != news.DeliverySending {
						r.err = fmt.Errorf("%s got a delivery %s by %q", worker, d.Status, d.ClaimedBy)
					}
					r.ids = append(r.ids, d.SubscriberID)
				}
			}
			results <- r
		}()
	}
	close(start)
	seen := map[int64]int{}
	per := []int{}
	for range 2 {
		r := <-results
		if r.err != nil {
			t.Fatal(r.err)
		}
		per = append(per, len(r.ids))
		for _, id := range r.ids {
			seen[id]++
		}
	}
	if len(seen) != subscribers {
		t.Errorf("claimed %d distinct deliveries, want %d", len(seen), subscribers)
	}
	for id, c := range seen {
		if c != 1 {
			t.Errorf("delivery to subscriber %d claimed %d times", id, c)
		}
	}
	if per[0]+per[1] != subscribers {
		t.Errorf("claimers got %v deliveries, want %d in all", per, subscribers)
	}
	if p, _ := s1.PendingDeliveries(ctx, e.ID); p != 0 {
		t.Errorf("%d still pending", p)
	}
	t.Logf("claims split %v", per)
}

func TestConcurrentStartsCreateDeliveriesOnce(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		for i := range 20 {
			confirmed(t, s, fmt.Sprintf("x%d@example.org", i), "en")
		}
		e := createEdition(t, s, "2026-11-25")
		type result struct {
			n   int
			err error
		}
		results := make(chan result, 4)
		for range 4 {
			go func() {
				n, err := s.StartEdition(ctx, e.ID, t0)
				results <- result{n, err}
			}()
		}
		started := 0
		for range 4 {
			r := <-results
			switch news.ErrorCode(r.err) {
			case "":
				started++
				if r.n != 20 {
					t.Errorf("the start that won made %d deliveries, want 20", r.n)
				}
			case news.ECONFLICT:
			default:
				t.Errorf("StartEdition: %v", r.err)
			}
		}
		if started != 1 {
			t.Errorf("%d starts succeeded, want 1", started)
		}
		if p, _ := s.PendingDeliveries(ctx, e.ID); p != 20 {
			t.Errorf("%d deliveries, want 20", p)
		}
	})
}

func TestConcurrentRequestsForOneAddress(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		const n = 8
		type result struct {
			created bool
			id      int64
			err     error
		}
		results := make(chan result, n)
		for i := range n {
			go func() {
				sub := news.Subscriber{Email: fmt.Sprintf("Same@Example.org%s", strings.Repeat(" ", i)), Lang: "en"}
				created, err := s.RequestSubscription(t.Context(), &sub)
				results <- result{created, sub.ID, err}
			}()
		}
		created, ids := 0, map[int64]bool{}
		for range n {
			r := <-results
			if r.err != nil {
				t.Fatalf("RequestSubscription: %v", r.err)
			}
			if r.created {
				created++
			}
			ids[r.id] = true
		}
		if created != 1 || len(ids) != 1 {
			t.Errorf("%d requests created a row, %d distinct IDs; want 1 and 1", created, len(ids))
		}
	})
}
