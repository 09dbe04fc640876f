-- Single-use links sent by email, postgres edition. Keep it in step with
-- ../sqlite/0006_user_tokens.sql.

-- A password-reset or invitation link. The link holds a random 256-bit
-- secret; hash is the hex SHA-256 of it, so the table alone opens nothing.
-- used_at is set once, by the request that uses the link.
CREATE TABLE user_tokens (
    hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('reset', 'invite')),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);
CREATE INDEX user_tokens_user_idx ON user_tokens (user_id, purpose);
