package news

import (
	"context"
	"time"
)

// Store is the persistence of the domain. internal/store implements it on
// SQLite and PostgreSQL. Methods that find one thing return an ENOTFOUND
// *Error when it does not exist; unique clashes return ECONFLICT.
type Store interface {
	// WithTx runs fn with a Store whose every call is part of one
	// transaction, committed when fn returns nil and rolled back otherwise.
	// Called on a Store that is already in a transaction, it runs fn in it.
	WithTx(ctx context.Context, fn func(tx Store) error) error

	TranslationStore
	NewsletterStore

	// CreateArticle inserts a, its author and tag links and a first
	// revision, and sets a.ID, a.CreatedAt and a.UpdatedAt. A taken slug
	// gets the first free suffix ("-2", "-3", ...), written back to a.Slug.
	CreateArticle(ctx context.Context, a *Article, editor string) error
	// UpdateArticle replaces the stored article a.ID with a, its links, and
	// records a revision. A slug taken by another article is ECONFLICT.
	UpdateArticle(ctx context.Context, a *Article, editor string) error
	// DeleteArticle removes the article, its links and revisions.
	DeleteArticle(ctx context.Context, id int64) error
	Article(ctx context.Context, id int64) (Article, error)
	ArticleBySlug(ctx context.Context, slug string) (Article, error)
	// FindArticles returns the matching articles, with authors and tags,
	// and how many match in all, ignoring Offset and Limit.
	FindArticles(ctx context.Context, f ArticleFilter) ([]Article, int, error)
	// ArticleMonths counts articles public at now by month, newest first.
	ArticleMonths(ctx context.Context, now time.Time) ([]MonthCount, error)
	// PublishDue publishes the scheduled article id if its time has come,
	// and reports whether it did. Running it twice publishes once.
	PublishDue(ctx context.Context, id int64, now time.Time) (bool, error)
	// DueArticles lists scheduled articles whose time is at or before now.
	DueArticles(ctx context.Context, now time.Time) ([]int64, error)
	Revisions(ctx context.Context, articleID int64) ([]Revision, error)

	CreateAuthor(ctx context.Context, a *Author) error
	UpdateAuthor(ctx context.Context, a *Author) error
	Author(ctx context.Context, id int64) (Author, error)
	AuthorBySlug(ctx context.Context, slug string) (Author, error)
	// AuthorByName matches the name case-insensitively.
	AuthorByName(ctx context.Context, name string) (Author, error)
	FindAuthors(ctx context.Context, f AuthorFilter) ([]Author, int, error)
	// DeleteAuthor removes an author credited on no article; one still
	// credited is ECONFLICT.
	DeleteAuthor(ctx context.Context, id int64) error

	// CreateTag inserts t; a taken slug is ECONFLICT.
	CreateTag(ctx context.Context, t *Tag) error
	TagBySlug(ctx context.Context, slug string) (Tag, error)
	Tags(ctx context.Context) ([]Tag, error)
	// Tag returns the tag with that ID; UpdateTag renames it (a taken
	// slug is ECONFLICT); DeleteTag removes it from every article too.
	Tag(ctx context.Context, id int64) (Tag, error)
	UpdateTag(ctx context.Context, t *Tag) error
	DeleteTag(ctx context.Context, id int64) error

	// Settings returns the saved settings, or DefaultSettings when none
	// were saved.
	Settings(ctx context.Context) (Settings, error)
	SaveSettings(ctx context.Context, s Settings) error

	CreateUser(ctx context.Context, u *User) error
	UpdateUser(ctx context.Context, u *User) error
	User(ctx context.Context, id int64) (User, error)
	UserByEmail(ctx context.Context, email string) (User, error)
	Users(ctx context.Context) ([]User, error)
	// DeleteUser removes the user, their sessions and tokens; their
	// articles stay, with CreatedBy cleared.
	DeleteUser(ctx context.Context, id int64) error
	CreateToken(ctx context.Context, t *Token) error
	// TokenByHash returns the token and records its use.
	TokenByHash(ctx context.Context, hash string) (Token, error)

	// CreateSession inserts s, whose ID the caller sets to the hash of the
	// cookie's secret. A user that does not exist is EINVALID.
	CreateSession(ctx context.Context, s *Session) error
	// SessionByHash returns the session with that ID if it is live at now:
	// before its ExpiresAt and seen less than idle ago. A missing or
	// expired session is ENOTFOUND.
	SessionByHash(ctx context.Context, id string, now time.Time, idle time.Duration) (Session, error)
	// TouchSession records that the session was used at now.
	TouchSession(ctx context.Context, id string, now time.Time) error
	// DeleteSession ends one session; ending one that is gone is no error.
	DeleteSession(ctx context.Context, id string) error
	// DeleteUserSessions ends every session of the user.
	DeleteUserSessions(ctx context.Context, userID int64) error
	// CreateUserToken stores an emailed single-use token, replacing any
	// unused one of the same user and purpose: only the newest link works.
	CreateUserToken(ctx context.Context, t *UserToken) error
	// UseUserToken marks the token with that hash and purpose used at now
	// and returns its user's ID, in one statement so that two requests
	// cannot both use it. Missing, used and expired tokens are ENOTFOUND.
	UseUserToken(ctx context.Context, hash, purpose string, now time.Time) (int64, error)
	// UserSessions returns the user's sessions not yet past their
	// absolute expiry, most recently seen first.
	UserSessions(ctx context.Context, userID int64, now time.Time) ([]Session, error)

	// RecordAudit appends e to the audit log and sets its ID (and At,
	// when zero). AuditEntries returns a page of it, newest first, and
	// the number of entries in all.
	RecordAudit(ctx context.Context, e *AuditEntry) error
	AuditEntries(ctx context.Context, f AuditFilter) ([]AuditEntry, int, error)
	// DeleteExpiredSessions removes the sessions that SessionByHash would
	// refuse at now, and says how many there were.
	DeleteExpiredSessions(ctx context.Context, now time.Time, idle time.Duration) (int, error)

	// CreateMedia inserts m and sets its ID and CreatedAt (now, unless
	// set). A URL already in the library is ECONFLICT.
	CreateMedia(ctx context.Context, m *MediaItem) error
	MediaByID(ctx context.Context, id int64) (MediaItem, error)
	// MediaByURL returns the library item whose main file is at url.
	MediaByURL(ctx context.Context, url string) (MediaItem, error)
	// FindMedia returns a page of the library, newest first, and how
	// many items there are in all.
	FindMedia(ctx context.Context, f MediaFilter) ([]MediaItem, int, error)
	// UpdateMedia sets the alt text, caption and credit of item id and
	// returns the item as stored.
	UpdateMedia(ctx context.Context, id int64, u MediaUpdate) (MediaItem, error)
	// DeleteMedia removes item id from the library (not its files).
	DeleteMedia(ctx context.Context, id int64) error

	// UserTOTP returns the user's authenticator, enabled or waiting for
	// its first code; ENOTFOUND when there is none.
	UserTOTP(ctx context.Context, userID int64) (TOTP, error)
	// StartTOTP stores a new, not yet enabled authenticator for t.UserID,
	// replacing any other and its recovery codes.
	StartTOTP(ctx context.Context, t *TOTP) error
	// EnableTOTP turns the user's waiting authenticator on, records step
	// as used, and stores the recovery codes' hashes. ENOTFOUND when there
	// is no authenticator waiting.
	EnableTOTP(ctx context.Context, userID int64, at time.Time, step int64, recoveryHashes []string) error
	// UseTOTPStep records step as the user's last used one, and reports
	// false when it was not newer than the last: a replayed code.
	UseTOTPStep(ctx context.Context, userID, step int64) (bool, error)
	// UseRecoveryCode marks the user's unused recovery code with that hash
	// used at at, and reports false when there is no such unused code.
	UseRecoveryCode(ctx context.Context, userID int64, hash string, at time.Time) (bool, error)
	// RecoveryCodesLeft counts the user's unused recovery codes.
	RecoveryCodesLeft(ctx context.Context, userID int64) (int, error)
	// DeleteTOTP turns two-factor sign-in off for the user, removing the
	// authenticator and the recovery codes; none is no error.
	DeleteTOTP(ctx context.Context, userID int64) error

	// SecretKey returns the random 32-byte key called name, shared by
	// every process on the database; the first call anywhere makes it.
	SecretKey(ctx context.Context, name string) ([]byte, error)

	// ContentVersion is a number that grows with every change to what
	// readers can see, made by this or any other process. Caches compare
	// it to know when to drop what they hold.
	ContentVersion(ctx context.Context) (int64, error)

	Ping(ctx context.Context) error
	Close() error
}
