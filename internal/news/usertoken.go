package news

import "time"

// Purposes of a UserToken.
const (
	TokenReset  = "reset"  // a password-reset link
	TokenInvite = "invite" // an invitation to set up an account
)

// UserToken is a single-use link sent by email. Hash is the hex SHA-256 of
// the secret in the link; the secret itself is never stored.
type UserToken struct {
	Hash      string
	UserID    int64
	Purpose   string // TokenReset or TokenInvite
	CreatedAt time.Time
	ExpiresAt time.Time
}
