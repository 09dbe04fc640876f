-- Translations of articles, postgres edition. Keep it in step with
-- ../sqlite/0008_translations.sql.

-- The translation memory: every segment translated once, by a machine or
-- a person, keyed by the languages and the hash of the normalized source
-- text, so the same text is never sent to a paid engine twice. human is
-- true for a person's translation, which a machine's never replaces.
CREATE TABLE translation_memory (
    source_lang TEXT        NOT NULL,
    target_lang TEXT        NOT NULL,
    source_hash TEXT        NOT NULL,
    source      TEXT        NOT NULL,
    target      TEXT        NOT NULL,
    provider    TEXT        NOT NULL DEFAULT '',
    human       BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source_hash, source_lang, target_lang)
);

-- An article's reader-facing text in one language, assembled from its
-- segments. source_digest identifies the source text it was made from;
-- status is 'machine', 'reviewed' or 'stale' (a person's edit whose source
-- segment changed since); providers is comma-separated.
CREATE TABLE article_translations (
    article_id       BIGINT      NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    lang             TEXT        NOT NULL,
    title            TEXT        NOT NULL,
    subtitle         TEXT        NOT NULL DEFAULT '',
    summary          TEXT        NOT NULL DEFAULT '',
    body_html        TEXT        NOT NULL DEFAULT '',
    image_alt        TEXT        NOT NULL DEFAULT '',
    image_caption    TEXT        NOT NULL DEFAULT '',
    image_credit     TEXT        NOT NULL DEFAULT '',
    note_before_html TEXT        NOT NULL DEFAULT '',
    note_after_html  TEXT        NOT NULL DEFAULT '',
    source_digest    TEXT        NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('machine', 'reviewed', 'stale')),
    providers        TEXT        NOT NULL DEFAULT '',
    updated_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, lang)
);

-- The units a translation is made of, in position order. A segment
-- belongs to its translation and goes with it, and with the article.
-- human is a person's translation made for the source whose hash is
-- human_source_hash; human_at is NULL when there is none.
CREATE TABLE translation_segments (
    article_id        BIGINT      NOT NULL,
    lang              TEXT        NOT NULL,
    key               TEXT        NOT NULL,
    position          INTEGER     NOT NULL,
    source            TEXT        NOT NULL,
    source_hash       TEXT        NOT NULL,
    machine           TEXT        NOT NULL DEFAULT '',
    provider          TEXT        NOT NULL DEFAULT '',
    human             TEXT        NOT NULL DEFAULT '',
    human_source_hash TEXT        NOT NULL DEFAULT '',
    human_by          TEXT        NOT NULL DEFAULT '',
    human_at          TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, lang, key),
    FOREIGN KEY (article_id, lang) REFERENCES article_translations (article_id, lang) ON DELETE CASCADE
);

-- Characters sent to each paid engine per UTC day ('2006-01-02'), for
-- budgets and the editors' usage page.
CREATE TABLE translation_usage (
    provider TEXT   NOT NULL,
    day      TEXT   NOT NULL,
    chars    BIGINT NOT NULL DEFAULT 0,
    requests BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (provider, day)
);
CREATE INDEX translation_usage_day_idx ON translation_usage (day);
