package store_test

import (
	"sync"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

func TestUserTokens(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		u := createUser(t, s, "reset@example.org")
		other := createUser(t, s, "other@example.org")
		start := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
		mk := func(hash string, user int64, purpose string, ttl time.Duration) {
			t.Helper()
			tok := news.UserToken{Hash: hash, UserID: user, Purpose: purpose, CreatedAt: start, ExpiresAt: start.Add(ttl)}
			if err := s.CreateUserToken(ctx, &tok); err != nil {
				t.Fatalf("create token %q: %v", hash, err)
			}
		}
		mk("r1", u.ID, news.TokenReset, time.Hour)
		mk("i1", u.ID, news.TokenInvite, 7*24*time.Hour)
		mk("o1", other.ID, news.TokenReset, time.Hour)

		// A second reset link replaces the first, but not the invitation
		// nor another user's link.
		mk("r2", u.ID, news.TokenReset, time.Hour)

		tests := []struct {
			name, hash, purpose string
			now                 time.Time
			user                int64 // 0: ENOTFOUND
		}{
			{"replaced link", "r1", news.TokenReset, start.Add(time.Minute), 0},
			{"wrong purpose", "r2", news.TokenInvite, start.Add(time.Minute), 0},
			{"unknown hash", "nope", news.TokenReset, start.Add(time.Minute), 0},
			{"expired", "r2", news.TokenReset, start.Add(time.Hour), 0},
			{"live", "r2", news.TokenReset, start.Add(59 * time.Minute), u.ID},
			{"used twice", "r2", news.TokenReset, start.Add(59 * time.Minute), 0},
			{"invitation kept", "i1", news.TokenInvite, start.Add(6 * 24 * time.Hour), u.ID},
			{"other user's link kept", "o1", news.TokenReset, start.Add(time.Minute), other.ID},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := s.UseUserToken(ctx, tt.hash, tt.purpose, tt.now)
				if tt.user == 0 {
					if !news.IsNotFound(err) {
						t.Fatalf("UseUserToken = %d, %v; want ENOTFOUND", got, err)
					}
					return
				}
				if err != nil || got != tt.user {
					t.Fatalf("UseUserToken = %d, %v; want %d", got, err, tt.user)
				}
			})
		}

		t.Run("bad input", func(t *testing.T) {
			for _, tok := range []news.UserToken{
				{Hash: "", UserID: u.ID, Purpose: news.TokenReset, ExpiresAt: start},
				{Hash: "x", UserID: u.ID, Purpose: "login", ExpiresAt: start},
				{Hash: "x", UserID: u.ID, Purpose: news.TokenReset},
				{Hash: "x", UserID: 999999, Purpose: news.TokenReset, ExpiresAt: start},
			} {
				if err := s.CreateUserToken(ctx, &tok); news.ErrorCode(err) != news.EINVALID {
					t.Errorf("CreateUserToken(%+v) = %v, want EINVALID", tok, err)
				}
			}
		})

		t.Run("one winner in a race", func(t *testing.T) {
			mk("race", other.ID, news.TokenReset, time.Hour)
			var wg sync.WaitGroup
			var mu sync.Mutex
			wins := 0
			for range 8 {
				wg.Go(func() {
					if _, err := s.UseUserToken(ctx, "race", news.TokenReset, start.Add(time.Minute)); err == nil {
						mu.Lock()
						wins++
						mu.Unlock()
					} else if !news.IsNotFound(err) {
						t.Errorf("UseUserToken: %v", err)
					}
				})
			}
			wg.Wait()
			if wins != 1 {
				t.Fatalf("%d requests used the token, want 1", wins)
			}
		})

		t.Run("deleted with the user", func(t *testing.T) {
			mk("gone", other.ID, news.TokenInvite, time.Hour)
			if err := s.DeleteUser(ctx, other.ID); err != nil {
				t.Skipf("DeleteUser: %v", err)
			}
			if _, err := s.UseUserToken(ctx, "gone", news.TokenInvite, start); !news.IsNotFound(err) {
				t.Fatalf("token of a deleted user: %v, want ENOTFOUND", err)
			}
		})
	})
}
