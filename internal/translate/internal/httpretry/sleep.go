package httpretry

import (
	"context"
	"time"
)

// SleepFunc waits d, returning early with ctx's cause when ctx ends.
// Providers take one as a hook so that tests run retries without waiting.
type SleepFunc func(ctx context.Context, d time.Duration) error

// Sleep waits d or until ctx ends, whichever comes first; then it returns
// context.Cause(ctx).
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-t.C:
		return nil
	}
}
