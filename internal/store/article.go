package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// articleColumns are read by scanArticle, in its order; "a" is articles.
const articleColumns = `a.id, a.slug, a.title, a.subtitle, a.summary, a.language, a.format,
	a.body, a.body_html, a.status, a.published_at, a.created_at, a.updated_at,
	a.image_url, a.image_alt, a.image_caption, a.image_credit, a.image_width, a.image_height,
	a.source_name, a.source_url, a.canonical_url,
	a.note_before, a.note_after, a.note_before_html, a.note_after_html,
	a.newsletter, a.featured, a.created_by`

type scanner interface{ Scan(dest ...any) error }

func scanArticle(sc scanner) (news.Article, error) {
	var (
		a         news.Article
		createdBy sql.NullInt64
	)
	err := sc.Scan(&a.ID, &a.Slug, &a.Title, &a.Subtitle, &a.Summary, &a.Language, &a.Format,
		&a.Body, &a.BodyHTML, &a.Status, dbTime{&a.PublishedAt}, dbTime{&a.CreatedAt}, dbTime{&a.UpdatedAt},
		&a.Image.URL, &a.Image.Alt, &a.Image.Caption, &a.Image.Credit, &a.Image.Width, &a.Image.Height,
		&a.SourceName, &a.SourceURL, &a.CanonicalURL,
		&a.NoteBefore, &a.NoteAfter, &a.NoteBeforeHTML, &a.NoteAfterHTML,
		&a.Newsletter, &a.Featured, &createdBy)
	a.CreatedBy = createdBy.Int64
	return a, err
}

// articleWriteColumns are what CreateArticle and UpdateArticle write, in
// the order of articleValues. created_at is written on insert only.
var articleWriteColumns = []string{
	"slug", "title", "subtitle", "summary", "language", "format",
	"body", "body_html", "status", "published_at", "updated_at",
	"image_url", "image_alt", "image_caption", "image_credit", "image_width", "image_height",
	"source_name", "source_url", "canonical_url",
	"note_before", "note_after", "note_before_html", "note_after_html",
	"newsletter", "featured", "search_text",
}

func (s *Store) articleValues(a *news.Article) []any {
	return []any{
		a.Slug, a.Title, a.Subtitle, a.Summary, a.Language, string(a.Format),
		a.Body, a.BodyHTML, string(a.Status), s.d.nullTimeArg(a.PublishedAt), s.d.timeArg(a.UpdatedAt),
		a.Image.URL, a.Image.Alt, a.Image.Caption, a.Image.Credit, a.Image.Width, a.Image.Height,
		a.SourceName, a.SourceURL, a.CanonicalURL,
		a.NoteBefore, a.NoteAfter, a.NoteBeforeHTML, a.NoteAfterHTML,
		a.Newsletter, a.Featured, searchText(a),
	}
}

// searchText is what a search query is matched against.
func searchText(a *news.Article) string {
	body := a.Body
	switch {
	case a.BodyHTML != "":
		body = plainText(a.BodyHTML)
	case a.Format == news.FormatHTML:
		body = plainText(a.Body)
	}
	return fold(strings.Join([]string{a.Title, a.Subtitle, a.Summary, body}, " \n "))
}

// CreateArticle inserts a with its author and tag links and a first
// revision. A taken slug gets the first free suffix ("-2", "-3", ...).
// CreatedAt and UpdatedAt are now unless set (an import keeps its dates).
// On success *a becomes the article as stored, with full authors and tags.
func (s *Store) CreateArticle(ctx context.Context, a *news.Article, editor string) error {
	if a == nil {
		return news.Errorf(news.EINVALID, "no article given")
	}
	var saved news.Article
	err := s.inTx(ctx, func(tx *Store) error {
		// Hold off other processes choosing a slug until this one is
		// committed, or two could pick the same free suffix.
		if err := tx.d.lock(ctx, tx.tx, lockArticleSlugs); err != nil {
			return dbError(err, "article slug lock")
		}
		row := *a
		slug, err := tx.freeArticleSlug(ctx, a.Slug)
		if err != nil {
			return err
		}
		row.Slug = slug
		now := normTime(time.Now())
		row.CreatedAt = orNow(a.CreatedAt, now)
		row.UpdatedAt = orNow(a.UpdatedAt, now)

		// The creator is written once, at insert; updates never change it.
		var createdBy any
		if row.CreatedBy != 0 {
			createdBy = row.CreatedBy
		}
		args := append(tx.articleValues(&row), tx.d.timeArg(row.CreatedAt), createdBy)
		cols := strings.Join(articleWriteColumns, ", ") + ", created_at, created_by"
		var id int64
		err = tx.writeRow(ctx,
			`INSERT INTO articles (`+cols+`) VALUES (`+placeholders(len(args))+`) RETURNING id`,
			args...).Scan(&id)
		if err != nil {
			return dbError(err, "article with slug %q", slug)
		}
		saved, err = tx.finishArticleWrite(ctx, id, editor, row)
		return err
	})
	if err != nil {
		return err
	}
	*a = saved
	return nil
}

func orNow(t, now time.Time) time.Time {
	if t.IsZero() {
		return now
	}
	return normTime(t)
}

// freeArticleSlug returns base if no article has it, else base-N with the
// smallest free N from 2.
func (s *Store) freeArticleSlug(ctx context.Context, base string) (string, error) {
	rows, err := s.query(ctx, `SELECT slug FROM articles WHERE slug = ? OR slug LIKE ? ESCAPE '\'`,
		base, likeEscape(base)+"-%")
	if err != nil {
		return "", dbError(err, "article slugs like %q", base)
	}
	taken := map[string]bool{}
	err = eachRow(rows, func() error {
		var slug string
		if err := rows.Scan(&slug); err != nil {
			return err
		}
		taken[slug] = true
		return nil
	})
	if err != nil {
		return "", dbError(err, "article slugs like %q", base)
	}
	slug := base
	for n := 2; taken[slug]; n++ {
		slug = fmt.Sprintf("%s-%d", base, n)
	}
	return slug, nil
}

// UpdateArticle replaces the stored article a.ID with a, replaces its
// links and records a revision. UpdatedAt becomes now; CreatedAt is kept.
// On success *a becomes the article as stored.
func (s *Store) UpdateArticle(ctx context.Context, a *news.Article, editor string) error {
	if a == nil {
		return news.Errorf(news.EINVALID, "no article given")
	}
	var saved news.Article
	err := s.inTx(ctx, func(tx *Store) error {
		var exists int
		if err := tx.queryRow(ctx, `SELECT 1 FROM articles WHERE id = ?`, a.ID).Scan(&exists); err != nil {
			return dbError(err, "article %d", a.ID)
		}
		// Name the clash rather than leave it to the unique index, whose
		// error does not say which article holds the slug.
		var other int64
		err := tx.queryRow(ctx, `SELECT id FROM articles WHERE slug = ? AND id <> ?`, a.Slug, a.ID).Scan(&other)
		switch {
		case err == nil:
			return news.Errorf(news.ECONFLICT, "slug %q is taken by article %d", a.Slug, other)
		case !errors.Is(err, sql.ErrNoRows):
			return dbError(err, "article with slug %q", a.Slug)
		}

		row := *a
		row.UpdatedAt = normTime(time.Now())
		sets := make([]string, len(articleWriteColumns))
		for i, c := range articleWriteColumns {
			sets[i] = c + " = ?"
		}
		args := append(tx.articleValues(&row), a.ID)
		if _, err := tx.exec(ctx, `UPDATE articles SET `+strings.Join(sets, ", ")+` WHERE id = ?`, args...); err != nil {
			return dbError(err, "article with slug %q", a.Slug)
		}
		saved, err = tx.finishArticleWrite(ctx, a.ID, editor, row)
		return err
	})
	if err != nil {
		return err
	}
	*a = saved
	return nil
}

// finishArticleWrite does what every article insert or update does after
// writing the row: links, a revision, and the content version.
func (s *Store) finishArticleWrite(ctx context.Context, id int64, editor string, row news.Article) (news.Article, error) {
	if err := s.setArticleLinks(ctx, id, row.Authors, row.Tags); err != nil {
		return news.Article{}, err
	}
	saved, err := s.recordRevision(ctx, id, editor, row.UpdatedAt)
	if err != nil {
		return news.Article{}, err
	}
	return saved, s.bumpContentVersion(ctx)
}

// setArticleLinks replaces the article's bylines and tags. Authors and
// tags are referred to by ID and must exist; a repeated one counts once,
// at its first place.
func (s *Store) setArticleLinks(ctx context.Context, articleID int64, authors []news.Author, tags []news.Tag) error {
	authorIDs := make([]int64, 0, len(authors))
	for _, au := range authors {
		if au.ID <= 0 {
			return news.Errorf(news.EINVALID, "author %q has no ID: create the author first", au.Name)
		}
		authorIDs = append(authorIDs, au.ID)
	}
	tagIDs := make([]int64, 0, len(tags))
	for _, t := range tags {
		if t.ID <= 0 {
			return news.Errorf(news.EINVALID, "tag %q has no ID: create the tag first", t.Name)
		}
		tagIDs = append(tagIDs, t.ID)
	}
	authorIDs, tagIDs = uniqueIDs(authorIDs), uniqueIDs(tagIDs)
	if err := s.checkIDs(ctx, "authors", "author", authorIDs); err != nil {
		return err
	}
	if err := s.checkIDs(ctx, "tags", "tag", tagIDs); err != nil {
		return err
	}
	if _, err := s.exec(ctx, `DELETE FROM article_authors WHERE article_id = ?`, articleID); err != nil {
		return dbError(err, "authors of article %d", articleID)
	}
	if _, err := s.exec(ctx, `DELETE FROM article_tags WHERE article_id = ?`, articleID); err != nil {
		return dbError(err, "tags of article %d", articleID)
	}
	if err := s.insertLinks(ctx, "article_authors", "author_id", articleID, authorIDs); err != nil {
		return dbError(err, "authors of article %d", articleID)
	}
	if err := s.insertLinks(ctx, "article_tags", "tag_id", articleID, tagIDs); err != nil {
		return dbError(err, "tags of article %d", articleID)
	}
	return nil
}

// insertLinks writes (articleID, id, position) rows into table, one
// statement for all. table and column are constants of this package.
func (s *Store) insertLinks(ctx context.Context, table, column string, articleID int64, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	values := make([]string, len(ids))
	args := make([]any, 0, 3*len(ids))
	for i, id := range ids {
		values[i] = "(?, ?, ?)"
		args = append(args, articleID, id, i)
	}
	_, err := s.exec(ctx, `INSERT INTO `+table+` (article_id, `+column+`, position) VALUES `+strings.Join(values, ", "), args...)
	return err
}

// checkIDs returns EINVALID naming the first of ids missing from table.
func (s *Store) checkIDs(ctx context.Context, table, noun string, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	rows, err := s.query(ctx, `SELECT id FROM `+table+` WHERE id IN (`+placeholders(len(ids))+`)`, int64Args(ids)...)
	if err != nil {
		return dbError(err, "%s ids", noun)
	}
	found := map[int64]bool{}
	err = eachRow(rows, func() error {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		found[id] = true
		return nil
	})
	if err != nil {
		return dbError(err, "%s ids", noun)
	}
	for _, id := range ids {
		if !found[id] {
			return news.Errorf(news.EINVALID, "%s %d does not exist", noun, id)
		}
	}
	return nil
}

// uniqueIDs drops repeats, keeping first places.
func uniqueIDs(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := ids[:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// recordRevision snapshots the stored article id and returns it.
func (s *Store) recordRevision(ctx context.Context, id int64, editor string, at time.Time) (news.Article, error) {
	a, err := s.Article(ctx, id)
	if err != nil {
		return news.Article{}, err
	}
	snapshot, err := json.Marshal(a)
	if err != nil {
		return news.Article{}, news.WrapError(news.EINTERNAL, err, "encoding revision of article %d", id)
	}
	_, err = s.exec(ctx, `INSERT INTO revisions (article_id, created_at, editor, snapshot) VALUES (?, ?, ?, ?)`,
		id, s.d.timeArg(at), editor, string(snapshot))
	if err != nil {
		return news.Article{}, dbError(err, "revision of article %d", id)
	}
	return a, nil
}

// DeleteArticle removes the article; its links and revisions go with it
// (ON DELETE CASCADE).
func (s *Store) DeleteArticle(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *Store) error {
		res, err := tx.exec(ctx, `DELETE FROM articles WHERE id = ?`, id)
		if err != nil {
			return dbError(err, "article %d", id)
		}
		n, err := rowsAffected(res, "deleting article")
		if err != nil {
			return err
		}
		if n == 0 {
			return notFound("article %d", id)
		}
		return tx.bumpContentVersion(ctx)
	})
}

// Article returns the article with its authors and tags.
func (s *Store) Article(ctx context.Context, id int64) (news.Article, error) {
	list, err := s.selectArticles(ctx, `WHERE a.id = ?`, id)
	if err != nil {
		return news.Article{}, err
	}
	if len(list) == 0 {
		return news.Article{}, notFound("article %d", id)
	}
	return list[0], nil
}

// ArticleBySlug returns the article with its authors and tags.
func (s *Store) ArticleBySlug(ctx context.Context, slug string) (news.Article, error) {
	list, err := s.selectArticles(ctx, `WHERE a.slug = ?`, slug)
	if err != nil {
		return news.Article{}, err
	}
	if len(list) == 0 {
		return news.Article{}, notFound("article %q", slug)
	}
	return list[0], nil
}

// Limits of one page of a list.
const (
	defaultLimit = 20
	maxLimit     = 200
)

func pageLimits(offset, limit int) (int, int) {
	switch {
	case limit <= 0:
		limit = defaultLimit
	case limit > maxLimit:
		limit = maxLimit
	}
	return max(offset, 0), limit
}

// conds collects the WHERE conditions of a query and their arguments.
type conds struct {
	list []string
	args []any
}

func (c *conds) add(cond string, args ...any) {
	c.list = append(c.list, cond)
	c.args = append(c.args, args...)
}

// where is the WHERE clause, or "" without conditions.
func (c *conds) where() string {
	if len(c.list) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.list, " AND ")
}

// articleOrders maps ArticleFilter.Order to ORDER BY clauses. Ties break
// on id so pages never overlap or skip.
var articleOrders = map[string]string{
	"":               "a.published_at DESC NULLS LAST, a.id DESC",
	"published_desc": "a.published_at DESC NULLS LAST, a.id DESC",
	"updated_desc":   "a.updated_at DESC, a.id DESC",
	"created_desc":   "a.created_at DESC, a.id DESC",
}

// FindArticles returns one page of the articles matching f, with authors
// and tags, and how many match in all.
func (s *Store) FindArticles(ctx context.Context, f news.ArticleFilter) ([]news.Article, int, error) {
	order, ok := articleOrders[f.Order]
	if !ok {
		return nil, 0, news.Errorf(news.EINVALID, "unknown article order %q", f.Order)
	}
	var c conds
	if len(f.IDs) > 0 {
		c.add(`a.id IN (`+placeholders(len(f.IDs))+`)`, int64Args(f.IDs)...)
	}
	if f.Slug != "" {
		c.add(`a.slug = ?`, f.Slug)
	}
	if f.Status != "" {
		c.add(`a.status = ?`, string(f.Status))
	}
	if f.AuthorID != 0 {
		c.add(`EXISTS (SELECT 1 FROM article_authors aa WHERE aa.article_id = a.id AND aa.author_id = ?)`, f.AuthorID)
	}
	if f.TagID != 0 {
		c.add(`EXISTS (SELECT 1 FROM article_tags ta WHERE ta.article_id = a.id AND ta.tag_id = ?)`, f.TagID)
	}
	if f.Language != "" {
		c.add(`a.language = ?`, f.Language)
	}
	if !f.PublicAt.IsZero() {
		c.add(`a.status = ? AND a.published_at <= ?`, string(news.StatusPublished), s.d.timeArg(f.PublicAt))
	}
	if f.Year != 0 {
		start, end, err := monthRange(f.Year, f.Month)
		if err != nil {
			return nil, 0, err
		}
		c.add(`a.published_at >= ? AND a.published_at < ?`, s.d.timeArg(start), s.d.timeArg(end))
	}
	if f.Featured != nil {
		c.add(`a.featured = ?`, *f.Featured)
	}
	if f.Newsletter != nil {
		c.add(`a.newsletter = ?`, *f.Newsletter)
	}
	for _, w := range queryWords(f.Query) {
		c.add(`a.search_text LIKE ? ESCAPE '\'`, likeContains(w))
	}
	if !f.Since.IsZero() {
		c.add(`a.published_at >= ?`, s.d.timeArg(f.Since))
	}

	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM articles a`+c.where(), c.args...).Scan(&total); err != nil {
		return nil, 0, dbError(err, "counting articles")
	}
	offset, limit := pageLimits(f.Offset, f.Limit)
	if total == 0 || offset >= total {
		return []news.Article{}, total, nil
	}
	list, err := s.selectArticles(ctx, c.where()+` ORDER BY `+order+` LIMIT ? OFFSET ?`,
		append(c.args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	return list, total, nil
}

// monthRange is the UTC span of the month, or of the whole year when
// month is 0.
func monthRange(year, month int) (time.Time, time.Time, error) {
	if year < 1 || year > 9999 {
		return time.Time{}, time.Time{}, news.Errorf(news.EINVALID, "year %d is out of range", year)
	}
	if month < 0 || month > 12 {
		return time.Time{}, time.Time{}, news.Errorf(news.EINVALID, "month %d is not between 1 and 12", month)
	}
	if month == 0 {
		start := time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)
		return start, start.AddDate(1, 0, 0), nil
	}
	start := time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
	return start, start.AddDate(0, 1, 0), nil
}

// selectArticles runs SELECT over articles a with the given tail (WHERE,
// ORDER BY, LIMIT) and attaches authors and tags.
func (s *Store) selectArticles(ctx context.Context, tail string, args ...any) ([]news.Article, error) {
	rows, err := s.query(ctx, `SELECT `+articleColumns+` FROM articles a `+tail, args...)
	if err != nil {
		return nil, dbError(err, "reading articles")
	}
	list := []news.Article{}
	err = eachRow(rows, func() error {
		a, err := scanArticle(rows)
		if err != nil {
			return err
		}
		list = append(list, a)
		return nil
	})
	if err != nil {
		return nil, dbError(err, "reading articles")
	}
	if err := s.attachLinks(ctx, list); err != nil {
		return nil, err
	}
	return list, nil
}

// attachLinks loads the authors (in byline order) and tags of every
// article in list: two queries for the whole list, not two per article.
func (s *Store) attachLinks(ctx context.Context, list []news.Article) error {
	if len(list) == 0 {
		return nil
	}
	ids := make([]int64, len(list))
	index := make(map[int64]int, len(list))
	for i := range list {
		ids[i] = list[i].ID
		index[list[i].ID] = i
		list[i].Authors = []news.Author{}
		list[i].Tags = []news.Tag{}
	}
	in := `(` + placeholders(len(ids)) + `)`

	rows, err := s.query(ctx, `SELECT aa.article_id, `+authorColumns+`
		FROM article_authors aa JOIN authors au ON au.id = aa.author_id
		WHERE aa.article_id IN `+in+`
		ORDER BY aa.article_id, aa.position`, int64Args(ids)...)
	if err != nil {
		return dbError(err, "reading bylines")
	}
	err = eachRow(rows, func() error {
		var articleID int64
		au, err := scanAuthor(rows, &articleID)
		if err != nil {
			return err
		}
		i := index[articleID]
		list[i].Authors = append(list[i].Authors, au)
		return nil
	})
	if err != nil {
		return dbError(err, "reading bylines")
	}

	rows, err = s.query(ctx, `SELECT ta.article_id, t.id, t.slug, t.name
		FROM article_tags ta JOIN tags t ON t.id = ta.tag_id
		WHERE ta.article_id IN `+in+`
		ORDER BY ta.article_id, ta.position`, int64Args(ids)...)
	if err != nil {
		return dbError(err, "reading article tags")
	}
	err = eachRow(rows, func() error {
		var articleID int64
		var t news.Tag
		if err := rows.Scan(&articleID, &t.ID, &t.Slug, &t.Name); err != nil {
			return err
		}
		i := index[articleID]
		list[i].Tags = append(list[i].Tags, t)
		return nil
	})
	if err != nil {
		return dbError(err, "reading article tags")
	}
	return nil
}

// ArticleMonths counts the articles public at now by UTC month, newest
// month first.
func (s *Store) ArticleMonths(ctx context.Context, now time.Time) ([]news.MonthCount, error) {
	rows, err := s.query(ctx, `SELECT `+s.d.monthKey("a.published_at")+` AS ym, COUNT(*)
		FROM articles a
		WHERE a.status = ? AND a.published_at <= ?
		GROUP BY ym
		ORDER BY ym DESC`, string(news.StatusPublished), s.d.timeArg(now))
	if err != nil {
		return nil, dbError(err, "counting articles by month")
	}
	months := []news.MonthCount{}
	err = eachRow(rows, func() error {
		var ym string
		var m news.MonthCount
		if err := rows.Scan(&ym, &m.Count); err != nil {
			return err
		}
		t, err := time.Parse("2006-01", ym)
		if err != nil {
			return fmt.Errorf("month key %q: %w", ym, err)
		}
		m.Year, m.Month = t.Year(), int(t.Month())
		months = append(months, m)
		return nil
	})
	if err != nil {
		return nil, dbError(err, "counting articles by month")
	}
	return months, nil
}

// PublishDue publishes the scheduled article id if its time is at or
// before now, and reports whether it did. The status test in the UPDATE
// makes it idempotent, also when two processes run it at once.
func (s *Store) PublishDue(ctx context.Context, id int64, now time.Time) (bool, error) {
	published := false
	err := s.inTx(ctx, func(tx *Store) error {
		res, err := tx.exec(ctx, `UPDATE articles SET status = ?, updated_at = ?
			WHERE id = ? AND status = ? AND published_at <= ?`,
			string(news.StatusPublished), tx.d.timeArg(time.Now()),
			id, string(news.StatusScheduled), tx.d.timeArg(now))
		if err != nil {
			return dbError(err, "article %d", id)
		}
		n, err := rowsAffected(res, "publishing article")
		if err != nil {
			return err
		}
		if n == 0 {
			var exists int
			if err := tx.queryRow(ctx, `SELECT 1 FROM articles WHERE id = ?`, id).Scan(&exists); err != nil {
				return dbError(err, "article %d", id)
			}
			return nil
		}
		published = true
		return tx.bumpContentVersion(ctx)
	})
	return published, err
}

// DueArticles lists the scheduled articles whose time is at or before
// now, the longest overdue first.
func (s *Store) DueArticles(ctx context.Context, now time.Time) ([]int64, error) {
	rows, err := s.query(ctx, `SELECT a.id FROM articles a
		WHERE a.status = ? AND a.published_at <= ?
		ORDER BY a.published_at, a.id`, string(news.StatusScheduled), s.d.timeArg(now))
	if err != nil {
		return nil, dbError(err, "due articles")
	}
	ids := []int64{}
	err = eachRow(rows, func() error {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	})
	if err != nil {
		return nil, dbError(err, "due articles")
	}
	return ids, nil
}

// Revisions returns the article's revisions, newest first.
func (s *Store) Revisions(ctx context.Context, articleID int64) ([]news.Revision, error) {
	rows, err := s.query(ctx, `SELECT id, article_id, created_at, editor, snapshot
		FROM revisions WHERE article_id = ? ORDER BY id DESC`, articleID)
	if err != nil {
		return nil, dbError(err, "revisions of article %d", articleID)
	}
	revs := []news.Revision{}
	err = eachRow(rows, func() error {
		var r news.Revision
		var snapshot string
		if err := rows.Scan(&r.ID, &r.ArticleID, dbTime{&r.CreatedAt}, &r.Editor, &snapshot); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(snapshot), &r.Snapshot); err != nil {
			return fmt.Errorf("revision %d snapshot: %w", r.ID, err)
		}
		revs = append(revs, r)
		return nil
	})
	if err != nil {
		return nil, dbError(err, "revisions of article %d", articleID)
	}
	if len(revs) == 0 {
		// Every article has a revision; none means no article.
		var exists int
		if err := s.queryRow(ctx, `SELECT 1 FROM articles WHERE id = ?`, articleID).Scan(&exists); err != nil {
			return nil, dbError(err, "article %d", articleID)
		}
	}
	return revs, nil
}

// eachRow calls fn for every row, then closes rows and returns the first
// error of fn, iteration or closing.
func eachRow(rows *sql.Rows, fn func() error) error {
	for rows.Next() {
		if err := fn(); err != nil {
			return errors.Join(err, rows.Close())
		}
	}
	return errors.Join(rows.Err(), rows.Close())
}
