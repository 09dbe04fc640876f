package news

import "time"

// AuditEntry is one line of the audit log: who did what to which thing,
// and when. UserID is zero for actions by nobody signed in (a failed
// sign-in) and once the user is removed; UserEmail stays so the line
// still says who it was.
type AuditEntry struct {
	ID        int64     `json:"id"`
	At        time.Time `json:"at"`
	UserID    int64     `json:"user_id,omitempty"`
	UserEmail string    `json:"user_email"`
	// Action is a short dotted name such as "tag.delete" or
	// "login.failure".
	Action string `json:"action"`
	// Subject names the thing acted on, such as "tag 7 (climate)".
	Subject string `json:"subject"`
	Detail  string `json:"detail,omitempty"`
}

// AuditFilter selects a page of the audit log, newest first.
type AuditFilter struct {
	Offset int
	Limit  int
}
