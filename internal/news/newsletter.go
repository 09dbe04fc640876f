package news

import (
	"context"
	"time"
)

// SubscriberStatus is where a newsletter subscriber stands.
type SubscriberStatus string

// The subscriber statuses.
const (
	// SubscriberPending: asked to subscribe, has not confirmed yet;
	// nothing but the confirmation email is sent.
	SubscriberPending SubscriberStatus = "pending"
	// SubscriberConfirmed: receives the newsletter.
	SubscriberConfirmed SubscriberStatus = "confirmed"
	// SubscriberUnsubscribed: left; may subscribe again.
	SubscriberUnsubscribed SubscriberStatus = "unsubscribed"
	// SubscriberSuppressed: the address bounced too often; nothing is
	// sent to it again and a new subscription does not revive it.
	SubscriberSuppressed SubscriberStatus = "suppressed"
)

// Valid reports whether s is one of the subscriber statuses.
func (s SubscriberStatus) Valid() bool {
	switch s {
	case SubscriberPending, SubscriberConfirmed, SubscriberUnsubscribed, SubscriberSuppressed:
		return true
	}
	return false
}

// Where a subscriber came from.
const (
	SourceForm   = "form"   // the subscription form, with double opt-in
	SourceImport = "import" // an editor's CSV import
)

// Subscriber is one address on the newsletter's list. Email is kept as
// given; addresses are compared case-insensitively.
type Subscriber struct {
	ID     int64            `json:"id"`
	Email  string           `json:"email"`
	Lang   string           `json:"lang"`
	Status SubscriberStatus `json:"status"`
	// ConsentText is the consent wording the subscriber agreed to.
	ConsentText string `json:"consent_text"`
	// Source is SourceForm or SourceImport.
	Source         string    `json:"source"`
	HardBounces    int       `json:"hard_bounces"`
	CreatedAt      time.Time `json:"created_at"`
	ConfirmedAt    time.Time `json:"confirmed_at,omitzero"`
	UnsubscribedAt time.Time `json:"unsubscribed_at,omitzero"`
}

// SubscriberFilter selects subscribers; zero fields do not filter.
type SubscriberFilter struct {
	// Query matches addresses containing it, case-insensitively.
	Query  string
	Lang   string
	Status SubscriberStatus
	Offset int
	Limit  int
}

// EditionStatus is where a daily edition of the newsletter stands.
type EditionStatus string

// The edition statuses.
const (
	EditionDraft   EditionStatus = "draft"   // built, not started
	EditionSending EditionStatus = "sending" // deliveries being sent
	EditionPaused  EditionStatus = "paused"  // sending stopped by an editor
	EditionSent    EditionStatus = "sent"    // every delivery done
	EditionSkipped EditionStatus = "skipped" // not sent, by choice
)

// Valid reports whether s is one of the edition statuses.
func (s EditionStatus) Valid() bool {
	switch s {
	case EditionDraft, EditionSending, EditionPaused, EditionSent, EditionSkipped:
		return true
	}
	return false
}

// Edition is the newsletter of one day.
type Edition struct {
	ID int64 `json:"id"`
	// Day is the edition's date in the site's time zone, "2006-01-02";
	// one edition per day.
	Day        string        `json:"day"`
	Status     EditionStatus `json:"status"`
	ArticleIDs []int64       `json:"article_ids"`
	CreatedAt  time.Time     `json:"created_at"`
	StartedAt  time.Time     `json:"started_at,omitzero"`
	FinishedAt time.Time     `json:"finished_at,omitzero"`
}

// DeliveryStatus is where the sending of one edition to one subscriber
// stands.
type DeliveryStatus string

// The delivery statuses.
const (
	// DeliveryPending: waiting to be claimed by a sender.
	DeliveryPending DeliveryStatus = "pending"
	// DeliverySending: claimed by a sender, outcome not yet recorded.
	DeliverySending DeliveryStatus = "sending"
	// DeliverySent: the mail server accepted the message.
	DeliverySent DeliveryStatus = "sent"
	// DeliveryFailed: given up on after errors.
	DeliveryFailed DeliveryStatus = "failed"
	// DeliveryBounced: the mail server refused the address for good.
	DeliveryBounced DeliveryStatus = "bounced"
	// DeliveryAmbiguous: the sender died while sending; the message may
	// or may not have gone out, and is not sent again.
	DeliveryAmbiguous DeliveryStatus = "ambiguous"
)

// Valid reports whether s is one of the delivery statuses.
func (s DeliveryStatus) Valid() bool {
	switch s {
	case DeliveryPending, DeliverySending, DeliverySent, DeliveryFailed, DeliveryBounced, DeliveryAmbiguous:
		return true
	}
	return false
}

// Delivery is the sending of one edition to one subscriber. Email and
// Lang are copied from the subscriber when the edition starts.
type Delivery struct {
	EditionID    int64          `json:"edition_id"`
	SubscriberID int64          `json:"subscriber_id"`
	Email        string         `json:"email"`
	Lang         string         `json:"lang"`
	Status       DeliveryStatus `json:"status"`
	// Attempts counts the claims of this delivery.
	Attempts int `json:"attempts"`
	// ClaimedBy names the sender that claimed it last; ClaimedAt is when.
	ClaimedBy string    `json:"claimed_by,omitempty"`
	ClaimedAt time.Time `json:"claimed_at,omitzero"`
	SentAt    time.Time `json:"sent_at,omitzero"`
	// Error is the last failure, for editors.
	Error string `json:"error,omitempty"`
}

// DeliveryCount is how many deliveries of an edition in one language
// have one status.
type DeliveryCount struct {
	Lang   string         `json:"lang"`
	Status DeliveryStatus `json:"status"`
	Count  int            `json:"count"`
}

// NewsletterStore is the persistence of the newsletter: subscribers,
// editions and deliveries; Store embeds it. Methods that find one thing
// return ENOTFOUND when it does not exist; bad input is EINVALID.
type NewsletterStore interface {
	// RequestSubscription records a request to subscribe s.Email in
	// s.Lang with s.ConsentText, and sets *s to the stored subscriber.
	// Addresses are compared case-insensitively. A new address is stored
	// pending, from the form, and created is true. A pending or unsubscribed one becomes
	// pending again with the new language and consent (ConfirmedAt and
	// UnsubscribedAt cleared); a confirmed or suppressed one is left as
	// it is. The caller answers the visitor the same way in every case,
	// and sends a confirmation only when the stored status is pending.
	RequestSubscription(ctx context.Context, s *Subscriber) (created bool, err error)
	// ConfirmSubscriber turns a pending subscriber confirmed at at.
	// Confirming a confirmed one does nothing; an unsubscribed or
	// suppressed one is ECONFLICT.
	ConfirmSubscriber(ctx context.Context, id int64, at time.Time) error
	Subscriber(ctx context.Context, id int64) (Subscriber, error)
	// SubscriberByEmail finds the subscriber case-insensitively.
	SubscriberByEmail(ctx context.Context, email string) (Subscriber, error)
	// FindSubscribers returns a page of the matching subscribers, newest
	// first, and how many match in all.
	FindSubscribers(ctx context.Context, f SubscriberFilter) ([]Subscriber, int, error)
	// SetSubscriberLanguage changes the language the subscriber reads in.
	SetSubscriberLanguage(ctx context.Context, id int64, lang string) error
	// Unsubscribe makes a pending or confirmed subscriber unsubscribed at
	// at. An unsubscribed or suppressed one is left as it is, no error.
	Unsubscribe(ctx context.Context, id int64, at time.Time) error
	// DeleteSubscriber erases the subscriber and their deliveries: no
	// personal data is left.
	DeleteSubscriber(ctx context.Context, id int64) error
	// RecordHardBounce counts a permanent delivery failure; at
	// suppressAfter (at least 1) of them the subscriber becomes
	// suppressed. It reports whether the subscriber is suppressed now.
	RecordHardBounce(ctx context.Context, id int64, suppressAfter int) (suppressed bool, err error)
	// ImportSubscribers stores subs in one transaction with the status
	// each gives (confirmed only with a consent text) and source import.
	// Addresses already stored, or repeated in subs, are skipped and not
	// counted. One bad row is EINVALID naming it, and nothing is stored.
	ImportSubscribers(ctx context.Context, subs []Subscriber) (imported int, err error)

	// CreateEdition stores e (status draft when empty) and sets its ID
	// and CreatedAt; a day that has an edition is ECONFLICT.
	CreateEdition(ctx context.Context, e *Edition) error
	Edition(ctx context.Context, id int64) (Edition, error)
	EditionByDay(ctx context.Context, day string) (Edition, error)
	// Editions returns up to limit editions, newest day first.
	Editions(ctx context.Context, limit int) ([]Edition, error)
	// SetEditionStatus moves the edition to status to at at, if its
	// status is one of from, else ECONFLICT. Moving to sending sets
	// StartedAt when unset; moving to sent or skipped sets FinishedAt.
	SetEditionStatus(ctx context.Context, id int64, from []EditionStatus, to EditionStatus, at time.Time) error
	// StartEdition, in one transaction, moves a draft edition to sending
	// (StartedAt at) and creates one pending delivery per confirmed
	// subscriber, returning their number. Any other status is ECONFLICT
	// and creates nothing.
	StartEdition(ctx context.Context, id int64, at time.Time) (recipients int, err error)
	// ClaimDeliveries moves up to n pending deliveries of the edition to
	// sending, claimed by worker at at, counts the attempt and returns
	// them. Concurrent claimers never get the same delivery. An edition
	// that is not sending yields none.
	ClaimDeliveries(ctx context.Context, editionID int64, worker string, n int, at time.Time) ([]Delivery, error)
	// MarkDelivery records the outcome of a delivery that worker claimed:
	// sent (SentAt at), bounced, failed, or pending to be claimed again.
	// A delivery not sending or claimed by another is ECONFLICT: another
	// worker or RecoverInFlight took it. One that is gone (its
	// subscriber was deleted) is ENOTFOUND.
	MarkDelivery(ctx context.Context, editionID, subscriberID int64, worker string, status DeliveryStatus, errText string, at time.Time) error
	// RecoverInFlight makes the edition's deliveries still sending and
	// claimed before claimedBefore ambiguous: their sender died and may
	// or may not have sent them. It returns how many there were.
	RecoverInFlight(ctx context.Context, editionID int64, claimedBefore time.Time) (int, error)
	// DeliveryCounts counts the edition's deliveries by language and
	// status, ordered by both.
	DeliveryCounts(ctx context.Context, editionID int64) ([]DeliveryCount, error)
	// PendingDeliveries counts the edition's deliveries waiting to be
	// claimed.
	PendingDeliveries(ctx context.Context, editionID int64) (int, error)
}
