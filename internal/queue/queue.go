// Package queue runs background work as durable jobs on the site's own
// database with River: on PostgreSQL through pgx, on SQLite through its
// single-writer pool. Jobs survive restarts, run once per article and
// time, and stop cleanly with the process.
package queue

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
)

// Options configure a Queue.
type Options struct {
	// Work makes this process run jobs; without it the queue only inserts
	// (command-line tools), leaving the work to the server.
	Work bool
	// SweepEvery is how often the publish sweep runs; 30 s when zero.
	SweepEvery time.Duration
	Logger     *slog.Logger
	Now        func() time.Time
	// Translator, when set, makes this process translate articles and
	// site texts, and sweep for the translations eager languages need
	// every TranslateSweepEvery (one minute when zero).
	Translator          Translator
	TranslateSweepEvery time.Duration
}

// Queue inserts and, when asked to, works the site's jobs.
type Queue struct {
	insert func(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error
	start  func(ctx context.Context) error
	stop   func(ctx context.Context) error
	count  func(ctx context.Context, kind string) (int, error)
	work   bool
	tr     Translator
}

// Open migrates River's tables in st's database and returns a queue on it.
func Open(ctx context.Context, st *store.Store, opts Options) (*Queue, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.SweepEvery == 0 {
		opts.SweepEvery = 30 * time.Second
	}
	switch st.Dialect() {
	case "postgres":
		return open(ctx, riverpgxv5.New(st.PgxPool()), st, opts)
	case "sqlite":
		return open(ctx, riversqlite.New(st.SQLiteWriter()), st, opts)
	}
	return nil, fmt.Errorf("queue: no job queue driver for %q", st.Dialect())
}

func open[TTx any](ctx context.Context, driver riverdriver.Driver[TTx], st news.Store, opts Options) (*Queue, error) {
	migrator, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: quiet(opts.Logger)})
	if err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("queue: migrating River's tables: %w", err)
	}

	cfg := &river.Config{Logger: quiet(opts.Logger)}
	if opts.Work {
		workers := river.NewWorkers()
		river.AddWorker(workers, &publishWorker{store: st, now: opts.Now, logger: opts.Logger})
		river.AddWorker(workers, &sweepWorker{store: st, now: opts.Now, logger: opts.Logger})
		cfg.Workers = workers
		cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}}
		cfg.PeriodicJobs = []*river.PeriodicJob{
			river.NewPeriodicJob(river.PeriodicInterval(opts.SweepEvery),
				func() (river.JobArgs, *river.InsertOpts) { return SweepArgs{}, nil },
				&river.PeriodicJobOpts{RunOnStart: true}),
		}
		cfg.FetchPollInterval = 500 * time.Millisecond
	}
	var client *river.Client[TTx]
	insert := func(ctx context.Context, args river.JobArgs) error {
		_, err := client.Insert(ctx, args, nil)
		return err
	}
	if opts.Work && opts.Translator != nil {
		every := opts.TranslateSweepEvery
		if every == 0 {
			every = time.Minute
		}
		river.AddWorker(cfg.Workers, &translateWorker{tr: opts.Translator, logger: opts.Logger})
		river.AddWorker(cfg.Workers, &siteTextsWorker{tr: opts.Translator})
		river.AddWorker(cfg.Workers, &translateSweepWorker{tr: opts.Translator, insert: insert})
		cfg.Queues[translateQueue] = river.QueueConfig{MaxWorkers: 2}
		cfg.PeriodicJobs = append(cfg.PeriodicJobs, river.NewPeriodicJob(river.PeriodicInterval(every),
			func() (river.JobArgs, *river.InsertOpts) { return TranslateSweepArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}))
	}
	client, err = river.NewClient(driver, cfg)
	if err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	return &Queue{
		insert: func(ctx context.Context, args river.JobArgs, o *river.InsertOpts) error {
			_, err := client.Insert(ctx, args, o)
			return err
		},
		count: func(ctx context.Context, kind string) (int, error) {
			params := river.NewJobListParams().Kinds(kind).First(10000).States(
				rivertype.JobStateAvailable, rivertype.JobStateScheduled, rivertype.JobStateRunning,
				rivertype.JobStateRetryable, rivertype.JobStatePending)
			res, err := client.JobList(ctx, params)
			if err != nil {
				return 0, err
			}
			return len(res.Jobs), nil
		},
		start: client.Start,
		stop:  client.Stop,
		work:  opts.Work,
		tr:    opts.Translator,
	}, nil
}

// quiet keeps River's own chatter at warnings and above.
func quiet(l *slog.Logger) *slog.Logger {
	return slog.New(levelFilter{l.Handler(), slog.LevelWarn})
}

type levelFilter struct {
	slog.Handler
	min slog.Level
}

func (f levelFilter) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= f.min && f.Handler.Enabled(ctx, l)
}

// Start begins working jobs; a no-op for an insert-only queue.
func (q *Queue) Start(ctx context.Context) error {
	if !q.work {
		return nil
	}
	return q.start(ctx)
}

// Stop waits for running jobs to finish, or for ctx to end.
func (q *Queue) Stop(ctx context.Context) error {
	if !q.work {
		return nil
	}
	return q.stop(ctx)
}

// CountJobs counts the jobs of kind that have yet to finish.
func (q *Queue) CountJobs(ctx context.Context, kind string) (int, error) {
	return q.count(ctx, kind)
}

// SchedulePublish queues the publication of article id at `at`. The job is
// unique per article and time, so saving twice queues it once.
func (q *Queue) SchedulePublish(ctx context.Context, id int64, at time.Time) error {
	return q.insert(ctx, PublishArgs{ArticleID: id, At: at.UTC()}, &river.InsertOpts{ScheduledAt: at})
}
