-- Byline's first schema, SQLite edition. Keep it in step with
-- ../postgres/0001_init.sql: the same tables, columns and indexes.
--
-- Times are TEXT in UTC, fixed width ("2006-01-02T15:04:05.000000Z"), so
-- that comparing and sorting the text compares and sorts the times.
-- Booleans are INTEGER 0 or 1. JSON columns hold text the Go code writes.
-- AUTOINCREMENT stops SQLite from reusing the id of a deleted row, so an
-- old link or cache key never points at a different record.

CREATE TABLE authors (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    -- name lower-cased by Go's Unicode rules, for case-insensitive lookup
    -- and search: SQLite's lower() and LIKE fold ASCII only.
    name_folded TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    bio         TEXT    NOT NULL DEFAULT '',
    image_url   TEXT    NOT NULL DEFAULT '',
    website     TEXT    NOT NULL DEFAULT '',
    social      TEXT    NOT NULL DEFAULT '[]', -- JSON array of {network, url}
    created_at  TEXT    NOT NULL
);
CREATE INDEX authors_name_folded_idx ON authors (name_folded);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT    NOT NULL UNIQUE,
    name TEXT    NOT NULL
);

CREATE TABLE articles (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    slug             TEXT    NOT NULL UNIQUE,
    title            TEXT    NOT NULL,
    subtitle         TEXT    NOT NULL DEFAULT '',
    summary          TEXT    NOT NULL DEFAULT '',
    language         TEXT    NOT NULL,
    format           TEXT    NOT NULL,
    body             TEXT    NOT NULL,
    body_html        TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    -- publication time, or the planned one while scheduled; NULL for a
    -- draft never published
    published_at     TEXT,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    image_url        TEXT    NOT NULL DEFAULT '',
    image_alt        TEXT    NOT NULL DEFAULT '',
    image_caption    TEXT    NOT NULL DEFAULT '',
    image_credit     TEXT    NOT NULL DEFAULT '',
    image_width      INTEGER NOT NULL DEFAULT 0,
    image_height     INTEGER NOT NULL DEFAULT 0,
    source_name      TEXT    NOT NULL DEFAULT '',
    source_url       TEXT    NOT NULL DEFAULT '',
    canonical_url    TEXT    NOT NULL DEFAULT '',
    note_before      TEXT    NOT NULL DEFAULT '',
    note_after       TEXT    NOT NULL DEFAULT '',
    note_before_html TEXT    NOT NULL DEFAULT '',
    note_after_html  TEXT    NOT NULL DEFAULT '',
    newsletter       INTEGER NOT NULL DEFAULT 0,
    featured         INTEGER NOT NULL DEFAULT 0,
    -- title, subtitle, summary and body as plain text, lower-cased by Go,
    -- for substring search that folds case the same way on both databases
    search_text      TEXT    NOT NULL DEFAULT ''
);
-- The lists sort "published_at DESC NULLS LAST, id DESC" (drafts last),
-- which is SQLite's natural DESC order, so these indexes serve them.
-- the public lists: published articles, newest first
CREATE INDEX articles_status_published_idx ON articles (status, published_at DESC);
-- archives by month, feeds "since", admin lists by any status
CREATE INDEX articles_published_idx ON articles (published_at DESC);
CREATE INDEX articles_updated_idx ON articles (updated_at DESC);

-- The byline, in order.
CREATE TABLE article_authors (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    -- no cascade: an author with articles cannot vanish from their bylines
    author_id  INTEGER NOT NULL REFERENCES authors (id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, author_id)
);
CREATE INDEX article_authors_author_idx ON article_authors (author_id, article_id);

-- Tags, in the order the editor gave them.
CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_tag_idx ON article_tags (tag_id, article_id);

CREATE TABLE revisions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    editor     TEXT    NOT NULL,
    snapshot   TEXT    NOT NULL -- JSON of news.Article as saved
);
CREATE INDEX revisions_article_idx ON revisions (article_id, id);

-- One row: the site settings as JSON of news.Settings.
CREATE TABLE settings (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    data       TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT    NOT NULL UNIQUE, -- lower-cased by Go before it is stored
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    created_at    TEXT    NOT NULL
);

CREATE TABLE tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    hash         TEXT    NOT NULL UNIQUE,
    created_at   TEXT    NOT NULL,
    last_used_at TEXT
);
CREATE INDEX tokens_user_idx ON tokens (user_id);

-- One row whose version grows with every change readers can see, in the
-- same transaction as the change: any process can poll it to know when its
-- caches are stale.
CREATE TABLE content_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO content_version (id, version) VALUES (1, 1);
