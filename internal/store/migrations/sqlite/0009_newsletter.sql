-- The daily newsletter, sqlite edition. Keep it in step with
-- ../postgres/0009_newsletter.sql.

-- Addresses on the list. email is kept as given, email_key is its
-- lower-case form, unique, so addresses compare case-insensitively.
-- confirmed_at and unsubscribed_at are NULL until those happen.
CREATE TABLE subscribers (
    id              INTEGER PRIMARY KEY,
    email           TEXT    NOT NULL,
    email_key       TEXT    NOT NULL UNIQUE,
    lang            TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed', 'suppressed')),
    consent_text    TEXT    NOT NULL DEFAULT '',
    source          TEXT    NOT NULL CHECK (source IN ('form', 'import')),
    hard_bounces    INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT    NOT NULL,
    confirmed_at    TEXT,
    unsubscribed_at TEXT
);
CREATE INDEX subscribers_status_idx ON subscribers (status, lang);

-- One newsletter per day ('2006-01-02' in the site's time zone).
-- article_ids is a JSON array of article IDs, in order.
CREATE TABLE editions (
    id          INTEGER PRIMARY KEY,
    day         TEXT    NOT NULL UNIQUE,
    status      TEXT    NOT NULL CHECK (status IN ('draft', 'sending', 'paused', 'sent', 'skipped')),
    article_ids TEXT    NOT NULL DEFAULT '[]',
    created_at  TEXT    NOT NULL,
    started_at  TEXT,
    finished_at TEXT
);

-- One row per edition and recipient, created when the edition starts,
-- with the address and language copied from the subscriber. Senders
-- claim pending rows (status sending, claimed_by, claimed_at) and mark
-- each sent after the server accepted it.
CREATE TABLE deliveries (
    edition_id    INTEGER NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    email         TEXT    NOT NULL,
    lang          TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'bounced', 'ambiguous')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    claimed_by    TEXT    NOT NULL DEFAULT '',
    claimed_at    TEXT,
    sent_at       TEXT,
    error         TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (edition_id, subscriber_id)
);
CREATE INDEX deliveries_status_idx ON deliveries (edition_id, status);
CREATE INDEX deliveries_subscriber_idx ON deliveries (subscriber_id);
