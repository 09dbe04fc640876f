-- Admin sessions and shared secret keys, SQLite edition. Keep it in step
-- with ../postgres/0002_sessions.sql.

-- A signed-in browser. The cookie holds a random 256-bit secret; id is the
-- hex SHA-256 of it, so the table alone cannot be replayed as cookies.
-- Sessions live in the database so that every instance on it shares them.
CREATE TABLE sessions (
    id           TEXT    PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TEXT    NOT NULL,
    last_seen_at TEXT    NOT NULL, -- for the idle timeout
    expires_at   TEXT    NOT NULL, -- the absolute timeout
    user_agent   TEXT    NOT NULL DEFAULT '',
    ip           TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Random keys every instance must agree on, such as the one that signs the
-- sign-in form's CSRF cookie. value is hex.
CREATE TABLE secret_keys (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
