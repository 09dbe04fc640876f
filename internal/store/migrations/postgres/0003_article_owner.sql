-- Who created an article: decides what contributors and authors may
-- change. NULL for articles imported or created before this migration.
ALTER TABLE articles ADD COLUMN created_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX articles_created_by ON articles (created_by);
