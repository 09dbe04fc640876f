package store_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

func createUser(t *testing.T, s *store.Store, email string) news.User {
	t.Helper()
	u := news.User{Email: email, Name: email, Role: news.RoleEditor, PasswordHash: "$argon2id$x"}
	if err := s.CreateUser(t.Context(), &u); err != nil {
		t.Fatalf("create user %q: %v", email, err)
	}
	return u
}

func createSession(t *testing.T, s *store.Store, sess news.Session) news.Session {
	t.Helper()
	if err := s.CreateSession(t.Context(), &sess); err != nil {
		t.Fatalf("create session %q: %v", sess.ID, err)
	}
	return sess
}

func TestSessionRoundTripAndTimeouts(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		u := createUser(t, s, "ed@example.org")
		start := time.Date(2025, 3, 1, 9, 0, 0, 123456789, time.UTC)
		const idle = time.Hour
		sess := createSession(t, s, news.Session{
			ID: "hash-a", UserID: u.ID, CreatedAt: start,
			ExpiresAt: start.Add(24 * time.Hour), UserAgent: "Firefox/140", IP: "192.0.2.7",
		})
		if !sess.LastSeenAt.Equal(sess.CreatedAt) || sess.CreatedAt.Nanosecond() != 123456000 {
			t.Fatalf("created session %+v: LastSeenAt should default to CreatedAt, to the microsecond", sess)
		}

		got, err := s.SessionByHash(ctx, "hash-a", start.Add(time.Minute), idle)
		if err != nil {
			t.Fatal(err)
		}
		mustJSONEqual(t, "session", got, sess)
		if got.ID != "hash-a" {
			t.Errorf("ID = %q", got.ID)
		}

		tests := []struct {
			name string
			id   string
			now  time.Time
			idle time.Duration
			live bool
		}{
			{"unknown id", "hash-b", start, idle, false},
			{"within idle", "hash-a", start.Add(59 * time.Minute), idle, true},
			{"idle exactly reached", "hash-a", start.Add(idle), idle, false},
			{"idle passed", "hash-a", start.Add(2 * time.Hour), idle, false},
			{"no idle limit", "hash-a", start.Add(2 * time.Hour), 0, true},
			{"absolute end reached", "hash-a", start.Add(24 * time.Hour), 0, false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := s.SessionByHash(ctx, tt.id, tt.now, tt.idle)
				if tt.live && err != nil {
					t.Errorf("refused: %v", err)
				}
				if !tt.live {
					wantCode(t, err, news.ENOTFOUND)
				}
			})
		}

		// Touching keeps an active session alive past the idle limit,
		// but never past its absolute end.
		for h := 1; h < 24; h++ {
			now := start.Add(time.Duration(h)*time.Hour - time.Minute)
			if err := s.TouchSession(ctx, "hash-a", now); err != nil {
				t.Fatal(err)
			}
		}
		got, err = s.SessionByHash(ctx, "hash-a", start.Add(23*time.Hour+30*time.Minute), idle)
		if err != nil {
			t.Fatalf("touched session refused: %v", err)
		}
		if want := start.Add(23*time.Hour - time.Minute).Truncate(time.Microsecond); !got.LastSeenAt.Equal(want) {
			t.Errorf("LastSeenAt = %v, want %v", got.LastSeenAt, want)
		}
		_, err = s.SessionByHash(ctx, "hash-a", start.Add(24*time.Hour), idle)
		wantCode(t, err, news.ENOTFOUND)

		wantCode(t, s.TouchSession(ctx, "hash-b", start), news.ENOTFOUND)
	})
}

func TestCreateSessionRefusesBadInput(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		u := createUser(t, s, "ed@example.org")
		end := time.Now().Add(time.Hour)
		createSession(t, s, news.Session{ID: "taken", UserID: u.ID, ExpiresAt: end})
		tests := []struct {
			name string
			sess news.Session
			code string
		}{
			{"no id", news.Session{UserID: u.ID, ExpiresAt: end}, news.EINVALID},
			{"no expiry", news.Session{ID: "x", UserID: u.ID}, news.EINVALID},
			{"unknown user", news.Session{ID: "y", UserID: u.ID + 100, ExpiresAt: end}, news.EINVALID},
			{"id taken", news.Session{ID: "taken", UserID: u.ID, ExpiresAt: end}, news.ECONFLICT},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				wantCode(t, s.CreateSession(t.Context(), &tt.sess), tt.code)
			})
		}
		wantCode(t, s.CreateSession(t.Context(), nil), news.EINVALID)
	})
}

func TestDeletingSessions(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		ed, al := createUser(t, s, "ed@example.org"), createUser(t, s, "al@example.org")
		now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
		day := 24 * time.Hour
		for _, sess := range []news.Session{
			{ID: "ed-1", UserID: ed.ID, CreatedAt: now, ExpiresAt: now.Add(day)},
			{ID: "ed-2", UserID: ed.ID, CreatedAt: now, ExpiresAt: now.Add(day)},
			{ID: "al-1", UserID: al.ID, CreatedAt: now, ExpiresAt: now.Add(day)},
			{ID: "al-old", UserID: al.ID, CreatedAt: now.Add(-2 * day), ExpiresAt: now.Add(-day)},
			{ID: "al-idle", UserID: al.ID, CreatedAt: now.Add(-3 * time.Hour), ExpiresAt: now.Add(day)},
		} {
			createSession(t, s, sess)
		}
		live := func(id string) bool {
			t.Helper()
			_, err := s.SessionByHash(ctx, id, now, 0)
			if err != nil && !news.IsNotFound(err) {
				t.Fatal(err)
			}
			return err == nil
		}

		if err := s.DeleteSession(ctx, "ed-1"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteSession(ctx, "ed-1"); err != nil {
			t.Errorf("deleting a deleted session: %v", err)
		}
		if live("ed-1") || !live("ed-2") {
			t.Error("DeleteSession ended the wrong sessions")
		}

		if err := s.DeleteUserSessions(ctx, ed.ID); err != nil {
			t.Fatal(err)
		}
		if live("ed-2") || !live("al-1") {
			t.Error("DeleteUserSessions ended the wrong sessions")
		}

		n, err := s.DeleteExpiredSessions(ctx, now, 2*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if n != 2 {
			t.Errorf("DeleteExpiredSessions removed %d, want 2 (al-old and al-idle)", n)
		}
		// With no idle limit, al-idle would still be live: check it is
		// really gone, and al-1 is not.
		if live("al-idle") || !live("al-1") {
			t.Error("DeleteExpiredSessions removed the wrong sessions")
		}
	})
}

func TestSecretKeyIsSharedAndStable(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			ctx := t.Context()
			a, b := openPair(t, kind)
			first, err := a.SecretKey(ctx, "csrf")
			if err != nil {
				t.Fatal(err)
			}
			if len(first) != 32 || bytes.Equal(first, make([]byte, 32)) {
				t.Fatalf("key %x is not 32 random bytes", first)
			}
			for i, s := range []*store.Store{a, b} {
				again, err := s.SecretKey(ctx, "csrf")
				if err != nil || !bytes.Equal(again, first) {
					t.Errorf("store %d: key %x, %v; want %x", i, again, err, first)
				}
			}
			other, err := b.SecretKey(ctx, "other")
			if err != nil || bytes.Equal(other, first) {
				t.Errorf("another name gave %x, %v", other, err)
			}
			_, err = a.SecretKey(ctx, "")
			wantCode(t, err, news.EINVALID)
		})
	}
}
