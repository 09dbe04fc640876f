-- Single-use links sent by email, sqlite edition. Keep it in step with
-- ../postgres/0006_user_tokens.sql.

-- A password-reset or invitation link. The link holds a random 256-bit
-- secret; hash is the hex SHA-256 of it, so the table alone opens nothing.
-- used_at is set once, by the request that uses the link.
CREATE TABLE user_tokens (
    hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('reset', 'invite')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX user_tokens_user_idx ON user_tokens (user_id, purpose);
