package queue

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/translation"
)

// Translator is the translation work the queue runs; internal/translation's
// Service.
type Translator interface {
	TranslateArticle(ctx context.Context, articleID int64, lang string) (translation.Outcome, error)
	EagerWork(ctx context.Context, limit int) ([]translation.Task, error)
	EagerLanguages(ctx context.Context) ([]string, error)
	EagerTasksFor(ctx context.Context, articleID int64) ([]translation.Task, error)
	TranslateSiteTexts(ctx context.Context, lang string) (bool, error)
	SiteTextsDigest(ctx context.Context) (string, error)
}

// translateQueue is the queue translation jobs run on, so that slow
// engines never hold up the publication of scheduled articles.
const translateQueue = "translate"

// TranslateArgs translates one article into one language. Digest names
// the source version, so each version is translated once however often
// it is asked for.
type TranslateArgs struct {
	ArticleID int64  `json:"article_id"`
	Lang      string `json:"lang"`
	Digest    string `json:"digest"`
}

// Kind names the job in the queue's tables.
func (TranslateArgs) Kind() string { return "translate_article" }

// InsertOpts make the job unique per article, language and source
// version, with room for engines that are down for a while.
func (TranslateArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: translateQueue, UniqueOpts: river.UniqueOpts{ByArgs: true}, MaxAttempts: 8}
}

type translateWorker struct {
	river.WorkerDefaults[TranslateArgs]
	tr     Translator
	logger *slog.Logger
}

// Work translates the article. Segments that no engine could translate
// make the job fail so that River retries it with backoff; the memory
// makes a retry send only those.
func (w *translateWorker) Work(ctx context.Context, job *river.Job[TranslateArgs]) error {
	out, err := w.tr.TranslateArticle(ctx, job.Args.ArticleID, job.Args.Lang)
	if news.IsNotFound(err) {
		return nil
	}
	if err != nil && !errors.Is(err, translation.ErrIncomplete) {
		return err
	}
	w.logger.Info("translated article", "article", job.Args.ArticleID, "lang", job.Args.Lang,
		"segments", out.Segments, "memory", out.FromMemory, "sent", out.Sent, "failed", out.Failed)
	return err
}

// Timeout gives engines time for a long article.
func (w *translateWorker) Timeout(*river.Job[TranslateArgs]) time.Duration { return 10 * time.Minute }

// SiteTextsArgs translates the site's notices, tag names and author
// bios into one language. Digest names the version of those texts, so
// each version is translated once.
type SiteTextsArgs struct {
	Lang   string `json:"lang"`
	Digest string `json:"digest"`
}

// Kind names the job in the queue's tables.
func (SiteTextsArgs) Kind() string { return "translate_site_texts" }

// InsertOpts keep one such job per language and version of the texts.
func (SiteTextsArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: translateQueue, UniqueOpts: river.UniqueOpts{ByArgs: true}, MaxAttempts: 8}
}

type siteTextsWorker struct {
	river.WorkerDefaults[SiteTextsArgs]
	tr Translator
}

// errSiteTextsIncomplete makes River retry, with backoff, a run that
// left some texts untranslated; the memory keeps what was done.
var errSiteTextsIncomplete = errors.New("some site texts could not be translated")

func (w *siteTextsWorker) Work(ctx context.Context, job *river.Job[SiteTextsArgs]) error {
	done, err := w.tr.TranslateSiteTexts(ctx, job.Args.Lang)
	if err != nil {
		return err
	}
	if !done {
		return errSiteTextsIncomplete
	}
	return nil
}

// TranslateSweepArgs queues the translations eager languages still need.
// It runs periodically and at start-up, so that publishing, editing and
// a change of settings all lead to translations without a hook in each.
type TranslateSweepArgs struct{}

// Kind names the job in the queue's tables.
func (TranslateSweepArgs) Kind() string { return "translate_sweep" }

// InsertOpts keep one sweep queued at a time.
func (TranslateSweepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: 10 * time.Second}, MaxAttempts: 3}
}

// sweepLimit is how many of the most recently updated articles a sweep
// looks at.
const sweepLimit = 200

type translateSweepWorker struct {
	river.WorkerDefaults[TranslateSweepArgs]
	tr     Translator
	insert func(ctx context.Context, args river.JobArgs) error
}

func (w *translateSweepWorker) Work(ctx context.Context, _ *river.Job[TranslateSweepArgs]) error {
	langs, err := w.tr.EagerLanguages(ctx)
	if err != nil {
		return err
	}
	if len(langs) > 0 {
		digest, err := w.tr.SiteTextsDigest(ctx)
		if err != nil {
			return err
		}
		for _, l := range langs {
			if err := w.insert(ctx, SiteTextsArgs{Lang: l, Digest: digest}); err != nil {
				return err
			}
		}
	}
	tasks, err := w.tr.EagerWork(ctx, sweepLimit)
	if err != nil {
		return err
	}
	for _, t := range tasks {
		if err := w.insert(ctx, TranslateArgs{ArticleID: t.ArticleID, Lang: t.Lang, Digest: t.Digest}); err != nil {
			return err
		}
	}
	return nil
}

// QueueTranslation asks for the article's translation into lang, for the
// source version digest; asking again for the same version is a no-op.
func (q *Queue) QueueTranslation(ctx context.Context, articleID int64, lang, digest string) error {
	return q.insert(ctx, TranslateArgs{ArticleID: articleID, Lang: lang, Digest: digest}, nil)
}

// PublicArticleSaved queues the article's translations into the eager
// languages that lack its current version, and the site texts (a save
// may have added a tag), so that they follow within seconds rather than
// at the next periodic sweep. A queue without a Translator does nothing.
func (q *Queue) PublicArticleSaved(ctx context.Context, articleID int64) error {
	if q.tr == nil {
		return nil
	}
	tasks, err := q.tr.EagerTasksFor(ctx, articleID)
	if err != nil || len(tasks) == 0 {
		return err
	}
	digest, err := q.tr.SiteTextsDigest(ctx)
	if err != nil {
		return err
	}
	for _, t := range tasks {
		if err := q.insert(ctx, TranslateArgs{ArticleID: t.ArticleID, Lang: t.Lang, Digest: t.Digest}, nil); err != nil {
			return err
		}
		if err := q.insert(ctx, SiteTextsArgs{Lang: t.Lang, Digest: digest}, nil); err != nil {
			return err
		}
	}
	return nil
}

// QueueSiteTexts asks for the site's current notices, tag names and
// bios in lang; asking again for the same version is a no-op. A queue
// opened without a Translator cannot tell versions apart and queues
// nothing.
func (q *Queue) QueueSiteTexts(ctx context.Context, lang string) error {
	if q.tr == nil {
		return nil
	}
	digest, err := q.tr.SiteTextsDigest(ctx)
	if err != nil {
		return err
	}
	return q.insert(ctx, SiteTextsArgs{Lang: lang, Digest: digest}, nil)
}
