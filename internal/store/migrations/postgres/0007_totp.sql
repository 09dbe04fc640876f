-- Optional TOTP two-factor sign-in (RFC 6238), PostgreSQL edition. Keep it
-- in step with ../sqlite/0007_totp.sql.

-- A user's authenticator secret. enabled_at is NULL while enrolment waits
-- for the first code; sign-in asks for a code only once it is set.
-- last_step is the newest 30-second step whose code was accepted, so a
-- code cannot be used twice. secret is sealed by the admin (AES-GCM), not
-- kept in the clear.
CREATE TABLE user_totp (
    user_id    BIGINT      PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret     TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    enabled_at TIMESTAMPTZ,
    last_step  BIGINT      NOT NULL DEFAULT 0
);

-- One-time recovery codes: only the hex SHA-256 of each is kept.
CREATE TABLE user_recovery_codes (
    user_id   BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT        NOT NULL,
    used_at   TIMESTAMPTZ,
    PRIMARY KEY (user_id, code_hash)
);
