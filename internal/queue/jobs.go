package queue

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/byline-news/byline/internal/news"
)

// PublishArgs publishes one scheduled article when its time comes.
type PublishArgs struct {
	ArticleID int64     `json:"article_id"`
	At        time.Time `json:"at"`
}

// Kind names the job in the queue's tables.
func (PublishArgs) Kind() string { return "publish_article" }

// InsertOpts make the job unique per article and time.
func (PublishArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}, MaxAttempts: 20}
}

type publishWorker struct {
	river.WorkerDefaults[PublishArgs]
	store  news.Store
	now    func() time.Time
	logger *slog.Logger
}

// Work publishes the article if it is still scheduled and due. An article
// that was rescheduled, unpublished or deleted since is left alone, so a
// stale job is harmless and a repeated one publishes once.
func (w *publishWorker) Work(ctx context.Context, job *river.Job[PublishArgs]) error {
	done, err := w.store.PublishDue(ctx, job.Args.ArticleID, w.now())
	if news.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if done {
		w.logger.Info("published scheduled article", "article", job.Args.ArticleID)
	}
	return nil
}

// SweepArgs publishes every scheduled article whose time has passed. It
// runs periodically and at start-up, so an article is published even if
// its own job was never queued (a crash between save and enqueue).
type SweepArgs struct{}

// Kind names the job in the queue's tables.
func (SweepArgs) Kind() string { return "publish_due_sweep" }

// InsertOpts keep one sweep queued at a time.
func (SweepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: 10 * time.Second}, MaxAttempts: 3}
}

type sweepWorker struct {
	river.WorkerDefaults[SweepArgs]
	store  news.Store
	now    func() time.Time
	logger *slog.Logger
}

func (w *sweepWorker) Work(ctx context.Context, _ *river.Job[SweepArgs]) error {
	now := w.now()
	ids, err := w.store.DueArticles(ctx, now)
	if err != nil {
		return err
	}
	for _, id := range ids {
		done, err := w.store.PublishDue(ctx, id, now)
		if err != nil && !news.IsNotFound(err) {
			return err
		}
		if done {
			w.logger.Info("published scheduled article (sweep)", "article", id)
		}
	}
	return nil
}
