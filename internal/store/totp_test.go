package store_test

import (
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

func TestTOTPEnrolmentStepsAndRecoveryCodes(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		u := createUser(t, s, "ed@example.org")
		other := createUser(t, s, "other@example.org")
		at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

		if _, err := s.UserTOTP(ctx, u.ID); news.ErrorCode(err) != news.ENOTFOUND {
			t.Fatalf("no authenticator yet: err = %v, want ENOTFOUND", err)
		}
		if err := s.EnableTOTP(ctx, u.ID, at, 1, nil); news.ErrorCode(err) != news.ENOTFOUND {
			t.Fatalf("enabling with none waiting: err = %v, want ENOTFOUND", err)
		}
		if err := s.StartTOTP(ctx, &news.TOTP{UserID: 999999, Secret: "x"}); news.ErrorCode(err) != news.EINVALID {
			t.Fatalf("authenticator of a missing user: err = %v, want EINVALID", err)
		}
		if err := s.StartTOTP(ctx, &news.TOTP{UserID: u.ID}); news.ErrorCode(err) != news.EINVALID {
			t.Fatalf("authenticator without a secret: err = %v, want EINVALID", err)
		}

		tp := news.TOTP{UserID: u.ID, Secret: "sealed-1", CreatedAt: at}
		if err := s.StartTOTP(ctx, &tp); err != nil {
			t.Fatal(err)
		}
		got, err := s.UserTOTP(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Enabled() || got.Secret != "sealed-1" || !got.CreatedAt.Equal(at) || got.LastStep != 0 {
			t.Fatalf("waiting authenticator = %+v", got)
		}

		hashes := []string{"h1", "h2", "h3"}
		if err := s.EnableTOTP(ctx, u.ID, at.Add(time.Minute), 100, hashes); err != nil {
			t.Fatal(err)
		}
		if err := s.EnableTOTP(ctx, u.ID, at, 1, nil); news.ErrorCode(err) != news.ENOTFOUND {
			t.Fatalf("enabling twice: err = %v, want ENOTFOUND", err)
		}
		got, err = s.UserTOTP(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Enabled() || !got.EnabledAt.Equal(at.Add(time.Minute)) || got.LastStep != 100 {
			t.Fatalf("enabled authenticator = %+v", got)
		}

		t.Run("steps only move forward", func(t *testing.T) {
			tests := []struct {
				step int64
				want bool
			}{{100, false}, {99, false}, {101, true}, {101, false}, {103, true}, {102, false}}
			for _, tt := range tests {
				ok, err := s.UseTOTPStep(ctx, u.ID, tt.step)
				if err != nil {
					t.Fatal(err)
				}
				if ok != tt.want {
					t.Errorf("UseTOTPStep(%d) = %v, want %v", tt.step, ok, tt.want)
				}
			}
			if ok, err := s.UseTOTPStep(ctx, other.ID, 500); err != nil || ok {
				t.Errorf("step for a user without authenticator = %v, %v; want false", ok, err)
			}
		})

		t.Run("recovery codes work once and only for their user", func(t *testing.T) {
			if n, err := s.RecoveryCodesLeft(ctx, u.ID); err != nil || n != 3 {
				t.Fatalf("codes left = %d, %v; want 3", n, err)
			}
			if ok, err := s.UseRecoveryCode(ctx, other.ID, "h1", at); err != nil || ok {
				t.Fatalf("another user's code = %v, %v; want false", ok, err)
			}
			if ok, err := s.UseRecoveryCode(ctx, u.ID, "h1", at); err != nil || !ok {
				t.Fatalf("first use = %v, %v; want true", ok, err)
			}
			if ok, err := s.UseRecoveryCode(ctx, u.ID, "h1", at); err != nil || ok {
				t.Fatalf("second use = %v, %v; want false", ok, err)
			}
			if ok, err := s.UseRecoveryCode(ctx, u.ID, "nope", at); err != nil || ok {
				t.Fatalf("unknown code = %v, %v; want false", ok, err)
			}
			if n, err := s.RecoveryCodesLeft(ctx, u.ID); err != nil || n != 2 {
				t.Fatalf("codes left = %d, %v; want 2", n, err)
			}
		})

		t.Run("starting again drops the codes and disables", func(t *testing.T) {
			if err := s.StartTOTP(ctx, &news.TOTP{UserID: u.ID, Secret: "sealed-2", CreatedAt: at}); err != nil {
				t.Fatal(err)
			}
			got, err := s.UserTOTP(ctx, u.ID)
			if err != nil || got.Enabled() || got.Secret != "sealed-2" || got.LastStep != 0 {
				t.Fatalf("restarted authenticator = %+v, %v", got, err)
			}
			if n, err := s.RecoveryCodesLeft(ctx, u.ID); err != nil || n != 0 {
				t.Fatalf("codes left = %d, %v; want 0", n, err)
			}
		})

		t.Run("delete and cascade", func(t *testing.T) {
			if err := s.EnableTOTP(ctx, u.ID, at, 5, []string{"a", "b"}); err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteTOTP(ctx, u.ID); err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteTOTP(ctx, u.ID); err != nil {
				t.Fatalf("deleting none: %v", err)
			}
			if _, err := s.UserTOTP(ctx, u.ID); news.ErrorCode(err) != news.ENOTFOUND {
				t.Fatalf("after delete: err = %v, want ENOTFOUND", err)
			}
			if n, err := s.RecoveryCodesLeft(ctx, u.ID); err != nil || n != 0 {
				t.Fatalf("codes left = %d, %v; want 0", n, err)
			}
			if err := s.StartTOTP(ctx, &news.TOTP{UserID: other.ID, Secret: "s", CreatedAt: at}); err != nil {
				t.Fatal(err)
			}
			if err := s.EnableTOTP(ctx, other.ID, at, 1, []string{"x"}); err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteUser(ctx, other.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := s.UserTOTP(ctx, other.ID); news.ErrorCode(err) != news.ENOTFOUND {
				t.Fatalf("authenticator of a deleted user: err = %v, want ENOTFOUND", err)
			}
		})

		t.Run("duplicate recovery codes are refused whole", func(t *testing.T) {
			if err := s.StartTOTP(ctx, &news.TOTP{UserID: u.ID, Secret: "s3", CreatedAt: at}); err != nil {
				t.Fatal(err)
			}
			if err := s.EnableTOTP(ctx, u.ID, at, 1, []string{"d", "d"}); news.ErrorCode(err) != news.EINVALID {
				t.Fatalf("duplicate codes: err = %v, want EINVALID", err)
			}
			got, err := s.UserTOTP(ctx, u.ID)
			if err != nil || got.Enabled() {
				t.Fatalf("after a refused enable: %+v, %v; want still waiting", got, err)
			}
		})
	})
}
