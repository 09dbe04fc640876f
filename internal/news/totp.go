package news

import "time"

// TOTP is a user's authenticator for two-factor sign-in (RFC 6238).
type TOTP struct {
	UserID int64 `json:"user_id"`
	// Secret is the shared secret as the admin seals it for storage; the
	// store keeps it as given.
	Secret    string    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
	// EnabledAt is zero while enrolment waits for the first code: until
	// then, sign-in does not ask for one.
	EnabledAt time.Time `json:"enabled_at,omitzero"`
	// LastStep is the newest 30-second time step whose code was accepted;
	// codes of that step or earlier are refused, so none works twice.
	LastStep int64 `json:"-"`
}

// Enabled reports whether sign-in asks for a code.
func (t TOTP) Enabled() bool { return !t.EnabledAt.IsZero() }
