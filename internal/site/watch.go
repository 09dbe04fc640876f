package site

import (
	"context"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// WatchChanges polls the store's content version every interval until ctx
// ends and drops the page cache when it moves, so that a change made by
// any process (a command-line import, another instance) shows on the next
// request. It also drops the cache when an article published with a future
// date comes due, which changes what readers see without any write.
func (s *Site) WatchChanges(ctx context.Context, every time.Duration) {
	if every <= 0 {
		every = 250 * time.Millisecond
	}
	t := time.NewTicker(every)
	defer t.Stop()
	w := watcher{s: s, version: -1}
	w.poll(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			w.poll(ctx)
		}
	}
}

// watcher is the state of one WatchChanges loop.
type watcher struct {
	s       *Site
	version int64
	// due is when the next article published with a future date becomes
	// public; zero when there is none.
	due time.Time
	// failing is set while the store does not answer, so that an outage
	// is logged once, not four times a second.
	failing bool
}

func (w *watcher) poll(ctx context.Context) {
	s := w.s
	v, err := s.store.ContentVersion(ctx)
	if err != nil {
		if ctx.Err() == nil && !w.failing {
			s.logger.Warn("cannot read the content version; pages may be stale until the store answers", "err", err)
			w.failing = true
		}
		return
	}
	if w.failing {
		s.logger.Info("the content version can be read again")
		w.failing = false
	}
	now := s.now()
	switch {
	case v != w.version:
		w.version = v
	case !w.due.IsZero() && !now.Before(w.due):
	default:
		return
	}
	s.cache.purge()
	w.due, err = s.nextDue(ctx, now)
	if err != nil && ctx.Err() == nil {
		s.logger.Warn("cannot find the next article to come due", "err", err)
		// Try again on the next poll rather than miss it.
		w.due = now
	}
}

// nextDue returns the publication time of the soonest article that is
// published but dated after now, or zero when there is none. Scheduled
// articles are left out: publishing them writes to the store, which moves
// the content version.
func (s *Site) nextDue(ctx context.Context, now time.Time) (time.Time, error) {
	f := news.ArticleFilter{Status: news.StatusPublished, Since: now.Add(time.Nanosecond), Limit: 1}
	_, total, err := s.store.FindArticles(ctx, f)
	if err != nil || total == 0 {
		return time.Time{}, err
	}
	// Newest first: the soonest is the last.
	f.Offset = total - 1
	list, _, err := s.store.FindArticles(ctx, f)
	if err != nil || len(list) == 0 {
		return time.Time{}, err
	}
	return list[0].PublishedAt, nil
}
