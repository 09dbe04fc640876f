-- The media library, sqlite edition. Keep it in step with
-- ../postgres/0005_media.sql.

-- An uploaded image. The files are in the media directory under
-- content-addressed names; url is the main file's, variants a JSON array
-- of the resized renditions ({url, width, height, mime}).
CREATE TABLE media (
    id          INTEGER PRIMARY KEY,
    url         TEXT    NOT NULL UNIQUE,
    file_name   TEXT    NOT NULL DEFAULT '', -- as uploaded
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    mime        TEXT    NOT NULL,
    byte_size   INTEGER  NOT NULL,
    alt         TEXT    NOT NULL DEFAULT '',
    caption     TEXT    NOT NULL DEFAULT '',
    credit      TEXT    NOT NULL DEFAULT '',
    variants    TEXT    NOT NULL DEFAULT '[]',
    uploaded_by INTEGER  REFERENCES users (id) ON DELETE SET NULL,
    created_at  TEXT    NOT NULL
);
CREATE INDEX media_created_idx ON media (created_at, id);
