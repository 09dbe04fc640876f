package news

import "time"

// Role is what a user may do. Roles are ordered: each may do what the ones
// below it may.
type Role string

// The roles, from least to most trusted.
const (
	RoleContributor   Role = "contributor"
	RoleAuthor        Role = "author"
	RoleEditor        Role = "editor"
	RoleAdministrator Role = "administrator"
	RoleOwner         Role = "owner"
)

var roleRank = map[Role]int{
	RoleContributor: 1, RoleAuthor: 2, RoleEditor: 3, RoleAdministrator: 4, RoleOwner: 5,
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return roleRank[r] > 0 }

// AtLeast reports whether r is as trusted as min or more.
func (r Role) AtLeast(min Role) bool { return roleRank[r] >= roleRank[min] && roleRank[r] > 0 }

// User is someone who signs in to run the site.
type User struct {
	ID           int64     `json:"id"`
	Email        string    `json:"email"`
	Name         string    `json:"name"`
	Role         Role      `json:"role"`
	PasswordHash string    `json:"-"`
	CreatedAt    time.Time `json:"created_at"`
}

// Token is an API credential. Only a hash of the secret is stored.
type Token struct {
	ID         int64     `json:"id"`
	UserID     int64     `json:"user_id"`
	Name       string    `json:"name"`
	Hash       string    `json:"-"`
	CreatedAt  time.Time `json:"created_at"`
	LastUsedAt time.Time `json:"last_used_at,omitzero"`
}

// Session is a signed-in browser. The cookie holds a random secret; only
// its hash is stored, so a leaked database cannot be replayed as cookies.
type Session struct {
	// ID is the hex SHA-256 of the cookie's secret.
	ID         string    `json:"-"`
	UserID     int64     `json:"user_id"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	// ExpiresAt is the absolute end of the session, however active it is.
	ExpiresAt time.Time `json:"expires_at"`
	UserAgent string    `json:"user_agent,omitempty"`
	IP        string    `json:"ip,omitempty"`
}
