package queue_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
	"github.com/byline-news/byline/internal/queue"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func status(t *testing.T, st news.Store, id int64) news.Status {
	t.Helper()
	a, err := st.Article(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a.Status
}

func TestScheduledArticleIsPublishedByItsJob(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		q, err := queue.Open(ctx, st, queue.Options{Work: true, SweepEvery: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		svc := publishing.New(st, render.New(), publishing.Options{Scheduler: q})
		a, _, err := svc.Create(ctx, publishing.Input{
			Title: "Tomorrow's news", Body: "Soon.", Status: news.StatusScheduled,
			PublishedAt: time.Now().Add(1500 * time.Millisecond),
		}, "test")
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != news.StatusScheduled {
			t.Fatalf("status = %s, want scheduled", a.Status)
		}
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			stopCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			q.Stop(stopCtx)
		})
		if got := status(t, st, a.ID); got != news.StatusScheduled {
			t.Fatalf("published early: status %s", got)
		}
		waitFor(t, 15*time.Second, "the scheduled article to be published", func() bool {
			return status(t, st, a.ID) == news.StatusPublished
		})
	})
}

// TestSweepPublishesArticlesWhoseJobWasLost covers a crash between the
// save and the enqueue: the article is due but no job names it.
func TestSweepPublishesArticlesWhoseJobWasLost(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		var clock atomic.Int64
		clock.Store(time.Now().UnixNano())
		now := func() time.Time { return time.Unix(0, clock.Load()) }

		// No scheduler: nothing is queued when the article is saved.
		svc := publishing.New(st, render.New(), publishing.Options{Now: now})
		a, _, err := svc.Create(ctx, publishing.Input{
			Title: "Lost job", Body: "Still published.", Status: news.StatusScheduled,
			PublishedAt: now().Add(time.Hour),
		}, "test")
		if err != nil {
			t.Fatal(err)
		}
		clock.Add(int64(2 * time.Hour)) // the planned time has passed

		q, err := queue.Open(ctx, st, queue.Options{Work: true, Now: now, SweepEvery: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			stopCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			q.Stop(stopCtx)
		})
		waitFor(t, 15*time.Second, "the sweep to publish the article", func() bool {
			return status(t, st, a.ID) == news.StatusPublished
		})
	})
}

func TestSchedulingTwiceQueuesOneJob(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		q, err := queue.Open(ctx, st, queue.Options{})
		if err != nil {
			t.Fatal(err)
		}
		at := time.Now().Add(time.Hour)
		for range 3 {
			if err := q.SchedulePublish(ctx, 7, at); err != nil {
				t.Fatal(err)
			}
		}
		n, err := q.CountJobs(ctx, PublishKind())
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Fatalf("%d publish jobs queued, want 1", n)
		}
	})
}

func PublishKind() string { return queue.PublishArgs{}.Kind() }

// TestScheduledJobSurvivesARestart: the process that queued the job stops
// before the time; a new process on the same database publishes it.
func TestScheduledJobSurvivesARestart(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		first, err := queue.Open(ctx, st, queue.Options{Work: true, SweepEvery: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		if err := first.Start(ctx); err != nil {
			t.Fatal(err)
		}
		svc := publishing.New(st, render.New(), publishing.Options{Scheduler: first})
		at := time.Now().Add(2 * time.Second).Truncate(time.Microsecond)
		a, _, err := svc.Create(ctx, publishing.Input{Title: "After restart", Body: "x", Status: news.StatusScheduled, PublishedAt: at}, "t")
		if err != nil {
			t.Fatal(err)
		}
		stopCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
		if err := first.Stop(stopCtx); err != nil {
			t.Fatal(err)
		}
		cancel()
		if got := status(t, st, a.ID); got != news.StatusScheduled {
			t.Fatalf("published before its time, by the stopped process: %s", got)
		}

		// The sweep is an hour away: only the persisted job can publish it.
		second, err := queue.Open(ctx, st, queue.Options{Work: true, SweepEvery: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		if err := second.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			stopCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			second.Stop(stopCtx)
		})
		waitFor(t, 20*time.Second, "the restarted queue to publish the article", func() bool {
			return status(t, st, a.ID) == news.StatusPublished
		})
		got, err := st.Article(ctx, a.ID)
		if err != nil || !got.PublishedAt.Equal(at.UTC()) {
			t.Fatalf("published at %v (%v), want the planned %v", got.PublishedAt, err, at.UTC())
		}
	})
}
