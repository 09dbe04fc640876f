package store

import (
	"context"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// UserTOTP returns the user's authenticator.
func (s *Store) UserTOTP(ctx context.Context, userID int64) (news.TOTP, error) {
	t := news.TOTP{UserID: userID}
	err := s.queryRow(ctx, `SELECT secret, created_at, enabled_at, last_step FROM user_totp WHERE user_id = ?`,
		userID).Scan(&t.Secret, dbTime{&t.CreatedAt}, dbTime{&t.EnabledAt}, &t.LastStep)
	if err != nil {
		return news.TOTP{}, dbError(err, "authenticator of user %d", userID)
	}
	return t, nil
}

// StartTOTP replaces the user's authenticator with t, not yet enabled,
// and drops the old recovery codes, in one transaction.
func (s *Store) StartTOTP(ctx context.Context, t *news.TOTP) error {
	switch {
	case t == nil:
		return news.Errorf(news.EINVALID, "no authenticator given")
	case t.Secret == "":
		return news.Errorf(news.EINVALID, "authenticator has no secret")
	}
	created := orNow(t.CreatedAt, normTime(time.Now()))
	return s.inTx(ctx, func(tx *Store) error {
		if err := tx.DeleteTOTP(ctx, t.UserID); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `INSERT INTO user_totp (user_id, secret, created_at, enabled_at, last_step)
			VALUES (?, ?, ?, NULL, 0)`, t.UserID, t.Secret, tx.d.timeArg(created))
		if err != nil {
			if errorCode(err) == errForeignKey {
				return news.WrapError(news.EINVALID, err, "user %d does not exist", t.UserID)
			}
			return dbError(err, "authenticator of user %d", t.UserID)
		}
		t.CreatedAt, t.EnabledAt, t.LastStep = created, time.Time{}, 0
		return nil
	})
}

// EnableTOTP enables the waiting authenticator and stores the recovery
// codes. An authenticator already enabled is not touched: ENOTFOUND, as
// there is none waiting.
func (s *Store) EnableTOTP(ctx context.Context, userID int64, at time.Time, step int64, recoveryHashes []string) error {
	return s.inTx(ctx, func(tx *Store) error {
		res, err := tx.exec(ctx, `UPDATE user_totp SET enabled_at = ?, last_step = ?
			WHERE user_id = ? AND enabled_at IS NULL`, tx.d.timeArg(at), step, userID)
		if err != nil {
			return dbError(err, "authenticator of user %d", userID)
		}
		n, err := rowsAffected(res, "authenticator")
		if err != nil {
			return err
		}
		if n == 0 {
			return notFound("authenticator waiting for user %d", userID)
		}
		if _, err := tx.exec(ctx, `DELETE FROM user_recovery_codes WHERE user_id = ?`, userID); err != nil {
			return dbError(err, "recovery codes of user %d", userID)
		}
		for _, h := range recoveryHashes {
			_, err := tx.exec(ctx, `INSERT INTO user_recovery_codes (user_id, code_hash, used_at) VALUES (?, ?, NULL)`,
				userID, h)
			if err != nil {
				if errorCode(err) == news.ECONFLICT {
					return news.WrapError(news.EINVALID, err, "two recovery codes are the same")
				}
				return dbError(err, "recovery codes of user %d", userID)
			}
		}
		return nil
	})
}

// UseTOTPStep moves last_step forward in one conditional UPDATE, so two
// requests racing with the same code cannot both win.
func (s *Store) UseTOTPStep(ctx context.Context, userID, step int64) (bool, error) {
	res, err := s.exec(ctx, `UPDATE user_totp SET last_step = ? WHERE user_id = ? AND last_step < ?`,
		step, userID, step)
	if err != nil {
		return false, dbError(err, "authenticator of user %d", userID)
	}
	n, err := rowsAffected(res, "authenticator")
	return n == 1, err
}

// UseRecoveryCode marks the code used in one conditional UPDATE, so it
// works once even when two requests race.
func (s *Store) UseRecoveryCode(ctx context.Context, userID int64, hash string, at time.Time) (bool, error) {
	res, err := s.exec(ctx, `UPDATE user_recovery_codes SET used_at = ?
		WHERE user_id = ? AND code_hash = ? AND used_at IS NULL`, s.d.timeArg(at), userID, hash)
	if err != nil {
		return false, dbError(err, "recovery codes of user %d", userID)
	}
	n, err := rowsAffected(res, "recovery code")
	return n == 1, err
}

// RecoveryCodesLeft counts the unused codes.
func (s *Store) RecoveryCodesLeft(ctx context.Context, userID int64) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM user_recovery_codes WHERE user_id = ? AND used_at IS NULL`,
		userID).Scan(&n)
	if err != nil {
		return 0, dbError(err, "recovery codes of user %d", userID)
	}
	return n, nil
}

// DeleteTOTP removes the authenticator and the recovery codes.
func (s *Store) DeleteTOTP(ctx context.Context, userID int64) error {
	return s.inTx(ctx, func(tx *Store) error {
		if _, err := tx.exec(ctx, `DELETE FROM user_recovery_codes WHERE user_id = ?`, userID); err != nil {
			return dbError(err, "recovery codes of user %d", userID)
		}
		if _, err := tx.exec(ctx, `DELETE FROM user_totp WHERE user_id = ?`, userID); err != nil {
			return dbError(err, "authenticator of user %d", userID)
		}
		return nil
	})
}
