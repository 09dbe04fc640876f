-- The audit log, SQLite edition. Keep it in step with
-- ../postgres/0004_audit_log.sql.

-- Who did what in the admin, and when. user_email is kept as text so a
-- line still names its user after the account is removed (user_id then
-- becomes NULL); failed sign-ins have no user at all.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT    NOT NULL,
    user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    user_email TEXT    NOT NULL DEFAULT '',
    action     TEXT    NOT NULL,
    subject    TEXT    NOT NULL DEFAULT '',
    detail     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at_idx ON audit_log (at, id);
