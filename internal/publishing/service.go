// Package publishing owns the path of an article save: it validates what an
// editor, the API or an importer submits, resolves authors and tags
// (creating unknown ones), renders and sanitizes the body and notes, writes
// everything in one transaction and asks the job queue to publish scheduled
// articles on time.
package publishing

import (
	"context"
	"log/slog"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/render"
)

// Scheduler queues the publication of a scheduled article at its time.
// internal/queue implements it with a durable job.
type Scheduler interface {
	SchedulePublish(ctx context.Context, articleID int64, at time.Time) error
}

// Watcher hears of every save of an article readers can see; the queue
// uses it to translate the article into eager languages at once.
type Watcher interface {
	PublicArticleSaved(ctx context.Context, articleID int64) error
}

// Service saves and publishes articles.
type Service struct {
	store      news.Store
	render     *render.Renderer
	scheduler  Scheduler
	watcher    Watcher
	sourceLang string
	now        func() time.Time
	logger     *slog.Logger
}

// Options configure a Service. Scheduler may be nil: then scheduled
// articles are published by the queue's periodic sweep alone.
type Options struct {
	Scheduler      Scheduler
	Watcher        Watcher
	SourceLanguage string
	Now            func() time.Time
	Logger         *slog.Logger
}

// New returns a Service over store.
func New(store news.Store, r *render.Renderer, opts Options) *Service {
	s := &Service{
		store:      store,
		render:     r,
		scheduler:  opts.Scheduler,
		watcher:    opts.Watcher,
		sourceLang: opts.SourceLanguage,
		now:        opts.Now,
		logger:     opts.Logger,
	}
	if s.sourceLang == "" {
		s.sourceLang = "en"
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.logger == nil {
		s.logger = slog.New(slog.DiscardHandler)
	}
	return s
}

// Store returns the store the service writes to.
func (s *Service) Store() news.Store { return s.store }

// Report tells what a save created besides the article.
type Report struct {
	CreatedAuthors []news.Author
	CreatedTags    []news.Tag
}

// Create validates in and stores it as a new article.
func (s *Service) Create(ctx context.Context, in Input, editor string) (news.Article, Report, error) {
	var (
		a   news.Article
		rep Report
	)
	err := s.store.WithTx(ctx, func(tx news.Store) error {
		var err error
		a, rep, err = s.build(ctx, tx, news.Article{}, in)
		if err != nil {
			return err
		}
		// An article imported or entered with a past publication date was
		// written then: it must not look updated today.
		if a.Status == news.StatusPublished && a.PublishedAt.Before(s.now()) {
			a.CreatedAt, a.UpdatedAt = a.PublishedAt, a.PublishedAt
		}
		return tx.CreateArticle(ctx, &a, editor)
	})
	if err != nil {
		return news.Article{}, Report{}, err
	}
	s.afterSave(ctx, a)
	return a, rep, nil
}

// Update validates in and replaces article id with it.
func (s *Service) Update(ctx context.Context, id int64, in Input, editor string) (news.Article, Report, error) {
	var (
		a   news.Article
		rep Report
	)
	err := s.store.WithTx(ctx, func(tx news.Store) error {
		old, err := tx.Article(ctx, id)
		if err != nil {
			return err
		}
		a, rep, err = s.build(ctx, tx, old, in)
		if err != nil {
			return err
		}
		return tx.UpdateArticle(ctx, &a, editor)
	})
	if err != nil {
		return news.Article{}, Report{}, err
	}
	s.afterSave(ctx, a)
	return a, rep, nil
}

// Publish makes article id public at `at`: now when at is zero or past,
// later (scheduled) when at is in the future.
func (s *Service) Publish(ctx context.Context, id int64, at time.Time, editor string) (news.Article, error) {
	return s.setStatus(ctx, id, editor, func(a *news.Article, now time.Time) error {
		switch {
		case at.IsZero() || !at.After(now):
			a.Status = news.StatusPublished
			if at.IsZero() {
				at = now
			}
			// Re-publishing keeps the first publication date.
			if a.PublishedAt.IsZero() || a.PublishedAt.After(now) {
				a.PublishedAt = at
			}
		default:
			a.Status = news.StatusScheduled
			a.PublishedAt = at
		}
		return nil
	})
}

// Unpublish returns article id to draft; its publication date is kept so
// that publishing it again does not make it look new.
func (s *Service) Unpublish(ctx context.Context, id int64, editor string) (news.Article, error) {
	return s.setStatus(ctx, id, editor, func(a *news.Article, now time.Time) error {
		if a.Status == news.StatusScheduled {
			a.PublishedAt = time.Time{}
		}
		a.Status = news.StatusDraft
		return nil
	})
}

// Delete removes article id.
func (s *Service) Delete(ctx context.Context, id int64) error {
	return s.store.DeleteArticle(ctx, id)
}

func (s *Service) setStatus(ctx context.Context, id int64, editor string, change func(*news.Article, time.Time) error) (news.Article, error) {
	var a news.Article
	err := s.store.WithTx(ctx, func(tx news.Store) error {
		var err error
		if a, err = tx.Article(ctx, id); err != nil {
			return err
		}
		if err := change(&a, s.now().UTC()); err != nil {
			return err
		}
		return tx.UpdateArticle(ctx, &a, editor)
	})
	if err != nil {
		return news.Article{}, err
	}
	s.afterSave(ctx, a)
	return a, nil
}

// afterSave queues the publication of a scheduled article, and tells the
// watcher of a public one. The article is already committed; if queueing
// fails the periodic sweeps still do the work, so the failure is logged,
// not returned.
func (s *Service) afterSave(ctx context.Context, a news.Article) {
	if s.watcher != nil && a.IsPublic(s.now()) {
		if err := s.watcher.PublicArticleSaved(ctx, a.ID); err != nil {
			s.logger.Warn("telling the queue of a saved article failed; its sweep will find it", "article", a.ID, "err", err)
		}
	}
	if a.Status != news.StatusScheduled || s.scheduler == nil {
		return
	}
	if err := s.scheduler.SchedulePublish(ctx, a.ID, a.PublishedAt); err != nil {
		s.logger.Warn("queueing scheduled publication failed; the sweep will publish it",
			"article", a.ID, "at", a.PublishedAt, "err", err)
	}
}
