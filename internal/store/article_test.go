package store_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

func TestArticleRoundTripKeepsEveryField(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		org := news.Author{
			Slug: "morning-star", Name: "Morning Star", Kind: news.KindOrganization,
			Bio: "A daily paper.", ImageURL: "https://example.org/ms.png", Website: "https://example.org",
			Social: []news.Link{{Network: "x", URL: "https://x.com/ms"}, {Network: "rss", URL: "https://example.org/rss"}},
		}
		if err := s.CreateAuthor(ctx, &org); err != nil {
			t.Fatal(err)
		}
		person := createAuthor(t, s, "jane-doe", "Jane Doe")
		war := createTag(t, s, "war", "War")
		peace := createTag(t, s, "peace", "Peace")

		in := news.Article{
			Slug: "talks-resume", Title: "Talks resume", Subtitle: "A subtitle", Summary: "A summary",
			Language: "ru", Format: news.FormatHTML, Body: "<p>Body</p>", BodyHTML: "<p>Body</p>",
			Status: news.StatusPublished,
			// Nanoseconds and a zone other than UTC: the store keeps
			// microseconds, in UTC.
			PublishedAt: time.Date(2024, 3, 5, 14, 30, 15, 123456789, time.FixedZone("MSK", 3*3600)),
			Image: news.Image{URL: "https://example.org/a.jpg", Alt: "alt", Caption: "Featured image",
				Credit: "Photo: Mil.ru", Width: 1200, Height: 800},
			SourceName: "Morning Star", SourceURL: "https://example.org/original",
			CanonicalURL: "https://example.org/original",
			NoteBefore:   "Note *before*", NoteAfter: "Note *after*",
			NoteBeforeHTML: "<p>Note <em>before</em></p>", NoteAfterHTML: "<p>Note <em>after</em></p>",
			Newsletter: true, Featured: true,
			Authors: []news.Author{{ID: person.ID}, {ID: org.ID}},
			Tags:    []news.Tag{{ID: war.ID}, {ID: peace.ID}},
		}
		a := in
		before := time.Now().UTC().Add(-time.Second)
		if err := s.CreateArticle(ctx, &a, "editor@example.org"); err != nil {
			t.Fatal(err)
		}
		if a.ID == 0 || a.CreatedAt.Before(before) || !a.UpdatedAt.Equal(a.CreatedAt) {
			t.Fatalf("create set ID %d, CreatedAt %v, UpdatedAt %v", a.ID, a.CreatedAt, a.UpdatedAt)
		}

		want := in
		want.ID, want.CreatedAt, want.UpdatedAt = a.ID, a.CreatedAt, a.UpdatedAt
		want.PublishedAt = time.Date(2024, 3, 5, 11, 30, 15, 123456000, time.UTC)
		want.Authors = []news.Author{person, org}
		want.Tags = []news.Tag{war, peace}
		mustJSONEqual(t, "article returned by CreateArticle", a, want)

		byID, err := s.Article(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		mustJSONEqual(t, "Article", byID, want)
		if !byID.PublishedAt.Equal(want.PublishedAt) || byID.PublishedAt.Location() != time.UTC {
			t.Errorf("PublishedAt = %v, want %v in UTC", byID.PublishedAt, want.PublishedAt)
		}
		bySlug, err := s.ArticleBySlug(ctx, "talks-resume")
		if err != nil {
			t.Fatal(err)
		}
		mustJSONEqual(t, "ArticleBySlug", bySlug, want)

		// Change every field; the update must replace, not merge.
		upd := byID
		upd.Slug, upd.Title, upd.Subtitle, upd.Summary = "talks-stall", "Talks stall", "", "New summary"
		upd.Language, upd.Format, upd.Body, upd.BodyHTML = "en", news.FormatMarkdown, "Body *2*", "<p>Body <em>2</em></p>"
		upd.Status, upd.PublishedAt = news.StatusDraft, time.Time{}
		upd.Image = news.Image{}
		upd.SourceName, upd.SourceURL, upd.CanonicalURL = "", "", ""
		upd.NoteBefore, upd.NoteAfter, upd.NoteBeforeHTML, upd.NoteAfterHTML = "", "after", "", "<p>after</p>"
		upd.Newsletter, upd.Featured = false, false
		upd.Authors = []news.Author{{ID: org.ID}}
		upd.Tags = nil
		time.Sleep(2 * time.Millisecond) // so UpdatedAt moves on
		if err := s.UpdateArticle(ctx, &upd, "editor"); err != nil {
			t.Fatal(err)
		}
		got, err := s.Article(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.UpdatedAt.After(a.UpdatedAt) || !got.CreatedAt.Equal(a.CreatedAt) {
			t.Errorf("after update CreatedAt %v UpdatedAt %v; was %v %v", got.CreatedAt, got.UpdatedAt, a.CreatedAt, a.UpdatedAt)
		}
		wantUpd := upd
		wantUpd.Authors = []news.Author{org}
		wantUpd.Tags = []news.Tag{}
		wantUpd.UpdatedAt = got.UpdatedAt
		mustJSONEqual(t, "updated article", got, wantUpd)
		mustJSONEqual(t, "article returned by UpdateArticle", upd, wantUpd)
		if _, err := s.ArticleBySlug(ctx, "talks-resume"); !news.IsNotFound(err) {
			t.Errorf("old slug still found: %v", err)
		}

		if err := s.DeleteArticle(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		_, err = s.Article(ctx, a.ID)
		wantCode(t, err, news.ENOTFOUND)
		// The authors and tags stay; only the links went.
		if _, err := s.Author(ctx, org.ID); err != nil {
			t.Errorf("author gone with the article: %v", err)
		}
	})
}

func TestCreateArticleSuffixesTakenSlugs(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		var got []string
		for range 4 {
			got = append(got, createArticle(t, s, draft("same", "Same")).Slug)
		}
		// "same-x" is not a numbered sibling and must not confuse the count.
		createArticle(t, s, draft("same-x", "Other"))
		got = append(got, createArticle(t, s, draft("same", "Same")).Slug)
		want := []string{"same", "same-2", "same-3", "same-4", "same-5"}
		if !slices.Equal(got, want) {
			t.Errorf("slugs = %q, want %q", got, want)
		}

		// A freed number is reused: the first free suffix wins.
		a, err := s.ArticleBySlug(t.Context(), "same-3")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteArticle(t.Context(), a.ID); err != nil {
			t.Fatal(err)
		}
		if got := createArticle(t, s, draft("same", "Same")).Slug; got != "same-3" {
			t.Errorf("slug after freeing same-3 = %q", got)
		}
	})
}

func TestArticleAuthorsKeepBylineOrder(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		x := createAuthor(t, s, "x", "Xavier")
		y := createAuthor(t, s, "y", "Yvonne")
		z := createAuthor(t, s, "z", "Zed")
		a := draft("byline", "Byline")
		// Not in ID or name order; a repeat counts once at its first place.
		a.Authors = []news.Author{{ID: z.ID}, {ID: x.ID}, {ID: z.ID}, {ID: y.ID}}
		a = createArticle(t, s, a)
		names := func(a news.Article) []string {
			var n []string
			for _, au := range a.Authors {
				n = append(n, au.Name)
			}
			return n
		}
		got, err := s.Article(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"Zed", "Xavier", "Yvonne"}; !slices.Equal(names(got), want) {
			t.Errorf("authors = %q, want %q", names(got), want)
		}

		got.Authors = []news.Author{{ID: y.ID}, {ID: z.ID}}
		if err := s.UpdateArticle(ctx, &got, "e"); err != nil {
			t.Fatal(err)
		}
		list, _, err := s.FindArticles(ctx, news.ArticleFilter{IDs: []int64{a.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"Yvonne", "Zed"}; len(list) != 1 || !slices.Equal(names(list[0]), want) {
			t.Errorf("authors after update = %q, want %q", names(list[0]), want)
		}
	})
}

func TestStoreErrorCodes(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		au := createAuthor(t, s, "taken", "Taken")
		other := createAuthor(t, s, "other", "Other")
		createTag(t, s, "taken", "Taken")
		a := createArticle(t, s, draft("a", "A"))
		b := createArticle(t, s, draft("b", "B"))
		u := news.User{Email: "Ed@Example.org", Name: "Ed", Role: news.RoleEditor, PasswordHash: "h"}
		if err := s.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		u2 := news.User{Email: "al@example.org", Name: "Al", Role: news.RoleEditor, PasswordHash: "h"}
		if err := s.CreateUser(ctx, &u2); err != nil {
			t.Fatal(err)
		}

		tests := []struct {
			name    string
			call    func() error
			code    string
			message string // a part the safe message must contain
		}{
			{"missing article", func() error { _, err := s.Article(ctx, 4242); return err }, news.ENOTFOUND, "article 4242 not found"},
			{"missing article slug", func() error { _, err := s.ArticleBySlug(ctx, "nope"); return err }, news.ENOTFOUND, `article "nope" not found`},
			{"update missing article", func() error { x := draft("x", "X"); x.ID = 4242; return s.UpdateArticle(ctx, &x, "e") }, news.ENOTFOUND, "article 4242 not found"},
			{"delete missing article", func() error { return s.DeleteArticle(ctx, 4242) }, news.ENOTFOUND, "article 4242"},
			{"publish missing article", func() error { _, err := s.PublishDue(ctx, 4242, time.Now()); return err }, news.ENOTFOUND, "article 4242"},
			{"revisions of missing article", func() error { _, err := s.Revisions(ctx, 4242); return err }, news.ENOTFOUND, "article 4242"},
			{"update to a taken slug", func() error { b.Slug = "a"; return s.UpdateArticle(ctx, &b, "e") }, news.ECONFLICT, fmt.Sprintf("taken by article %d", a.ID)},
			{"article with a missing author", func() error {
				x := draft("x", "X")
				x.Authors = []news.Author{{ID: au.ID}, {ID: 4242}}
				return s.CreateArticle(ctx, &x, "e")
			}, news.EINVALID, "author 4242 does not exist"},
			{"article with a missing tag", func() error {
				x := draft("x", "X")
				x.Tags = []news.Tag{{ID: 4242}}
				return s.CreateArticle(ctx, &x, "e")
			}, news.EINVALID, "tag 4242 does not exist"},
			{"article with an author without ID", func() error {
				x := draft("x", "X")
				x.Authors = []news.Author{{Name: "Nobody"}}
				return s.CreateArticle(ctx, &x, "e")
			}, news.EINVALID, `author "Nobody" has no ID`},
			{"unknown order", func() error { _, _, err := s.FindArticles(ctx, news.ArticleFilter{Order: "random"}); return err }, news.EINVALID, `"random"`},
			{"month 13", func() error { _, _, err := s.FindArticles(ctx, news.ArticleFilter{Year: 2024, Month: 13}); return err }, news.EINVALID, "month 13"},
			{"author slug taken", func() error { x := news.Author{Slug: "taken", Name: "X"}; return s.CreateAuthor(ctx, &x) }, news.ECONFLICT, `author with slug "taken" already exists`},
			{"update author to a taken slug", func() error { other.Slug = "taken"; return s.UpdateAuthor(ctx, &other) }, news.ECONFLICT, `"taken"`},
			{"update missing author", func() error { x := news.Author{ID: 4242, Slug: "x"}; return s.UpdateAuthor(ctx, &x) }, news.ENOTFOUND, "author 4242 not found"},
			{"missing author", func() error { _, err := s.Author(ctx, 4242); return err }, news.ENOTFOUND, "author 4242 not found"},
			{"missing author slug", func() error { _, err := s.AuthorBySlug(ctx, "nope"); return err }, news.ENOTFOUND, "nope"},
			{"missing author name", func() error { _, err := s.AuthorByName(ctx, "Nobody"); return err }, news.ENOTFOUND, "Nobody"},
			{"tag slug taken", func() error { x := news.Tag{Slug: "taken", Name: "X"}; return s.CreateTag(ctx, &x) }, news.ECONFLICT, `tag with slug "taken" already exists`},
			{"missing tag", func() error { _, err := s.TagBySlug(ctx, "nope"); return err }, news.ENOTFOUND, `tag "nope" not found`},
			{"email taken in another case", func() error {
				x := news.User{Email: "ED@example.ORG", Name: "X", Role: news.RoleAuthor}
				return s.CreateUser(ctx, &x)
			}, news.ECONFLICT, "ed@example.org"},
			{"update user to a taken email", func() error { u2.Email = "ed@example.org"; return s.UpdateUser(ctx, &u2) }, news.ECONFLICT, "already exists"},
			{"update missing user", func() error { x := news.User{ID: 4242, Email: "x@example.org"}; return s.UpdateUser(ctx, &x) }, news.ENOTFOUND, "user 4242 not found"},
			{"missing user", func() error { _, err := s.User(ctx, 4242); return err }, news.ENOTFOUND, "user 4242 not found"},
			{"missing user email", func() error { _, err := s.UserByEmail(ctx, "no@example.org"); return err }, news.ENOTFOUND, "no@example.org"},
			{"token of a missing user", func() error { x := news.Token{UserID: 4242, Name: "x", Hash: "h1"}; return s.CreateToken(ctx, &x) }, news.EINVALID, "user 4242 does not exist"},
			{"token hash taken", func() error {
				x := news.Token{UserID: u.ID, Name: "one", Hash: "same"}
				if err := s.CreateToken(ctx, &x); err != nil {
					return err
				}
				y := news.Token{UserID: u.ID, Name: "two", Hash: "same"}
				return s.CreateToken(ctx, &y)
			}, news.ECONFLICT, "token already exists"},
			{"missing token", func() error { _, err := s.TokenByHash(ctx, "secret-hash"); return err }, news.ENOTFOUND, "token not found"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := tt.call()
				wantCode(t, err, tt.code)
				if msg := news.ErrorMessage(err); !strings.Contains(msg, tt.message) {
					t.Errorf("message %q does not contain %q", msg, tt.message)
				}
				if strings.Contains(news.ErrorMessage(err), "secret-hash") {
					t.Errorf("message %q shows the token hash", news.ErrorMessage(err))
				}
			})
		}
		// Failed writes left nothing behind.
		if _, n, err := s.FindArticles(ctx, news.ArticleFilter{}); err != nil || n != 2 {
			t.Errorf("articles after failed writes: %d, %v; want 2", n, err)
		}
	})
}

// filterFixture is five articles, each different in the ways the filters
// tell apart, created at made-up times so that orders differ.
type filterFixture struct {
	x, y     news.Author
	t1, t2   news.Tag
	articles map[string]news.Article
}

func newFilterFixture(t *testing.T, s *store.Store) filterFixture {
	t.Helper()
	f := filterFixture{
		x: createAuthor(t, s, "x", "Xavier"), y: createAuthor(t, s, "y", "Yvonne"),
		t1: createTag(t, s, "t1", "One"), t2: createTag(t, s, "t2", "Two"),
		articles: map[string]news.Article{},
	}
	add := func(a news.Article, created, updated time.Time) {
		a.CreatedAt, a.UpdatedAt = created, updated
		f.articles[a.Slug] = createArticle(t, s, a)
	}

	a := draft("a", "Ukraine peace talks")
	a.Status, a.PublishedAt = news.StatusPublished, date(2024, 1, 15)
	a.Authors, a.Tags = []news.Author{f.x}, []news.Tag{f.t1}
	a.Featured, a.Newsletter = true, true
	add(a, date(2023, 1, 5), date(2023, 1, 1))

	b := draft("b", "Élections municipales")
	b.Language, b.Format = "fr", news.FormatHTML
	b.Body, b.BodyHTML = "<p>Le <b>vote</b> commence</p>", "<p>Le <b>vote</b> commence</p>"
	b.Status, b.PublishedAt = news.StatusPublished, date(2024, 2, 10)
	b.Authors, b.Tags = []news.Author{f.y}, []news.Tag{f.t2}
	add(b, date(2023, 1, 4), date(2023, 1, 2))

	c := draft("c", "Budget")
	c.Summary = "A peace dividend"
	c.Status, c.PublishedAt = news.StatusPublished, date(2024, 2, 20)
	c.Authors, c.Tags = []news.Author{f.x, f.y}, []news.Tag{f.t1, f.t2}
	c.Newsletter = true
	add(c, date(2023, 1, 3), date(2023, 1, 3))

	d := draft("d", "Scheduled")
	d.Status, d.PublishedAt = news.StatusScheduled, date(2030, 1, 1)
	d.Authors = []news.Author{f.y}
	add(d, date(2023, 1, 2), date(2023, 1, 4))

	e := draft("e", "Draft about peace")
	add(e, date(2023, 1, 1), date(2023, 1, 5))
	return f
}

func TestFindArticlesFilters(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		f := newFilterFixture(t, s)
		id := func(slug string) int64 { return f.articles[slug].ID }
		now := date(2025, 1, 1)

		tests := []struct {
			name   string
			filter news.ArticleFilter
			want   []string // slugs, in order
		}{
			{"no filter, published first, drafts last", news.ArticleFilter{}, []string{"d", "c", "b", "a", "e"}},
			{"ids", news.ArticleFilter{IDs: []int64{id("a"), id("c")}}, []string{"c", "a"}},
			{"slug", news.ArticleFilter{Slug: "b"}, []string{"b"}},
			{"status published", news.ArticleFilter{Status: news.StatusPublished}, []string{"c", "b", "a"}},
			{"status draft", news.ArticleFilter{Status: news.StatusDraft}, []string{"e"}},
			{"author", news.ArticleFilter{AuthorID: f.x.ID}, []string{"c", "a"}},
			{"tag", news.ArticleFilter{TagID: f.t2.ID}, []string{"c", "b"}},
			{"language", news.ArticleFilter{Language: "fr"}, []string{"b"}},
			{"public now", news.ArticleFilter{PublicAt: now}, []string{"c", "b", "a"}},
			{"public at a past time", news.ArticleFilter{PublicAt: date(2024, 2, 15)}, []string{"b", "a"}},
			{"public includes the exact instant", news.ArticleFilter{PublicAt: date(2024, 2, 10)}, []string{"b", "a"}},
			{"month", news.ArticleFilter{Year: 2024, Month: 2}, []string{"c", "b"}},
			{"month without articles", news.ArticleFilter{Year: 2024, Month: 3}, []string{}},
			{"whole year", news.ArticleFilter{Year: 2024}, []string{"c", "b", "a"}},
			{"featured", news.ArticleFilter{Featured: boolPtr(true)}, []string{"a"}},
			{"not featured", news.ArticleFilter{Featured: boolPtr(false)}, []string{"d", "c", "b", "e"}},
			{"newsletter", news.ArticleFilter{Newsletter: boolPtr(true)}, []string{"c", "a"}},
			{"query in title, summary", news.ArticleFilter{Query: "peace"}, []string{"c", "a", "e"}},
			{"query ignores case, needs every word", news.ArticleFilter{Query: "PEACE Talks"}, []string{"a"}},
			{"query folds non-ASCII case", news.ArticleFilter{Query: "ÉLECTIONS"}, []string{"b"}},
			{"query finds body text", news.ArticleFilter{Query: "vote"}, []string{"b"}},
			{"query does not match markup", news.ArticleFilter{Query: "<b>"}, []string{}},
			{"query percent is literal", news.ArticleFilter{Query: "%"}, []string{}},
			{"query underscore is literal", news.ArticleFilter{Query: "_"}, []string{}},
			{"since", news.ArticleFilter{Since: date(2024, 2, 1)}, []string{"d", "c", "b"}},
			{"order updated", news.ArticleFilter{Order: "updated_desc"}, []string{"e", "d", "c", "b", "a"}},
			{"order created", news.ArticleFilter{Order: "created_desc"}, []string{"a", "b", "c", "d", "e"}},
			{"filters combine", news.ArticleFilter{Status: news.StatusPublished, Language: "en", AuthorID: f.y.ID}, []string{"c"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				list, total, err := s.FindArticles(t.Context(), tt.filter)
				if err != nil {
					t.Fatal(err)
				}
				if got := slugsOf(list); !slices.Equal(got, tt.want) {
					t.Errorf("slugs = %q, want %q", got, tt.want)
				}
				if total != len(tt.want) {
					t.Errorf("total = %d, want %d", total, len(tt.want))
				}
				if list == nil {
					t.Error("list is nil, want empty")
				}
			})
		}

		// Authors and tags come with every listed article, in order.
		list, _, err := s.FindArticles(t.Context(), news.ArticleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range list {
			mustJSONEqual(t, "links of "+a.Slug, []any{a.Authors, a.Tags},
				[]any{f.articles[a.Slug].Authors, f.articles[a.Slug].Tags})
		}
		if c := list[1]; len(c.Authors) != 2 || c.Authors[0].ID != f.x.ID || len(c.Tags) != 2 || c.Tags[1].ID != f.t2.ID {
			t.Errorf("article c links: %+v %+v", c.Authors, c.Tags)
		}
	})
}

func TestFindArticlesPaginates(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		const n = 205
		err := s.WithTx(ctx, func(tx news.Store) error {
			for i := range n {
				a := draft(fmt.Sprintf("p%03d", i), "Page")
				a.Status, a.PublishedAt = news.StatusPublished, date(2024, 1, 1).Add(time.Duration(i)*time.Hour)
				if err := tx.CreateArticle(ctx, &a, "e"); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}

		seen := map[string]bool{}
		for _, page := range []struct{ offset, limit, want int }{
			{0, 0, 20},      // default limit
			{20, 100, 100},  //
			{120, 80, 80},   //
			{200, 50, 5},    // the last, short page
			{0, 10000, 200}, // the cap
			{500, 10, 0},    // past the end
		} {
			list, total, err := s.FindArticles(ctx, news.ArticleFilter{Offset: page.offset, Limit: page.limit})
			if err != nil {
				t.Fatal(err)
			}
			if total != n || len(list) != page.want {
				t.Fatalf("offset %d limit %d: %d articles of %d, want %d of %d", page.offset, page.limit, len(list), total, page.want, n)
			}
			if page.limit == 10000 {
				continue
			}
			for i, a := range list {
				// Newest first: p204 is at offset 0.
				if want := fmt.Sprintf("p%03d", n-1-page.offset-i); a.Slug != want {
					t.Fatalf("offset %d item %d = %s, want %s", page.offset, i, a.Slug, want)
				}
				if seen[a.Slug] {
					t.Fatalf("%s on two pages", a.Slug)
				}
				seen[a.Slug] = true
			}
		}
		if len(seen) != n {
			t.Errorf("pages covered %d articles, want %d", len(seen), n)
		}
	})
}

func TestArticleMonthsCountsPublicArticles(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		newFilterFixture(t, s)
		late := draft("late", "Published for later")
		late.Status, late.PublishedAt = news.StatusPublished, date(2026, 7, 1)
		createArticle(t, s, late)
		// The last instant of February, UTC, belongs to February.
		edge := draft("edge", "Edge")
		edge.Status, edge.PublishedAt = news.StatusPublished, time.Date(2024, 2, 29, 23, 59, 59, 999999000, time.UTC)
		createArticle(t, s, edge)

		months, err := s.ArticleMonths(t.Context(), date(2025, 1, 1))
		if err != nil {
			t.Fatal(err)
		}
		mustJSONEqual(t, "months", months, []news.MonthCount{{Year: 2024, Month: 2, Count: 3}, {Year: 2024, Month: 1, Count: 1}})

		months, err = s.ArticleMonths(t.Context(), date(2027, 1, 1))
		if err != nil {
			t.Fatal(err)
		}
		if len(months) != 3 || months[0] != (news.MonthCount{Year: 2026, Month: 7, Count: 1}) {
			t.Errorf("months in 2027 = %+v", months)
		}
	})
}

func TestPublishDue(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		at := date(2024, 6, 1)
		sched := draft("sched", "Scheduled")
		sched.Status, sched.PublishedAt = news.StatusScheduled, at
		sched = createArticle(t, s, sched)
		later := draft("later", "Later")
		later.Status, later.PublishedAt = news.StatusScheduled, at.Add(time.Hour)
		later = createArticle(t, s, later)
		d := draft("draft", "Draft")
		d.PublishedAt = at.Add(-time.Hour) // a draft is never due
		d = createArticle(t, s, d)

		due, err := s.DueArticles(ctx, at.Add(-time.Microsecond))
		if err != nil || len(due) != 0 {
			t.Fatalf("due before time: %v, %v", due, err)
		}
		due, err = s.DueArticles(ctx, at.Add(2*time.Hour))
		if err != nil || !slices.Equal(due, []int64{sched.ID, later.ID}) {
			t.Fatalf("due later = %v, %v; want %v", due, err, []int64{sched.ID, later.ID})
		}

		steps := []struct {
			name string
			id   int64
			now  time.Time
			want bool
		}{
			{"not before its time", sched.ID, at.Add(-time.Microsecond), false},
			{"at its time", sched.ID, at, true},
			{"not twice", sched.ID, at.Add(time.Minute), false},
			{"never a draft", d.ID, at, false},
		}
		for _, st := range steps {
			v := contentVersion(t, s)
			got, err := s.PublishDue(ctx, st.id, st.now)
			if err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			if got != st.want {
				t.Errorf("%s: published = %v, want %v", st.name, got, st.want)
			}
			if grew := contentVersion(t, s) > v; grew != st.want {
				t.Errorf("%s: content version grew = %v", st.name, grew)
			}
		}

		a, err := s.Article(ctx, sched.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != news.StatusPublished || !a.PublishedAt.Equal(at) {
			t.Errorf("published article: status %s at %v", a.Status, a.PublishedAt)
		}
		if a, _ := s.Article(ctx, d.ID); a.Status != news.StatusDraft {
			t.Errorf("draft became %s", a.Status)
		}
		due, err = s.DueArticles(ctx, at.Add(2*time.Hour))
		if err != nil || !slices.Equal(due, []int64{later.ID}) {
			t.Errorf("due after publishing = %v, %v", due, err)
		}
	})
}

func TestRevisionsRecordEverySave(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		au := createAuthor(t, s, "au", "Author")
		a := draft("rev", "First")
		a.Authors = []news.Author{au}
		a = createArticle(t, s, a)
		for i, title := range []string{"Second", "Third"} {
			a.Title = title
			if err := s.UpdateArticle(ctx, &a, fmt.Sprintf("editor%d", i+2)); err != nil {
				t.Fatal(err)
			}
		}
		revs, err := s.Revisions(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		var titles, editors []string
		for _, r := range revs {
			titles = append(titles, r.Snapshot.Title)
			editors = append(editors, r.Editor)
			if r.ArticleID != a.ID || r.Snapshot.ID != a.ID || len(r.Snapshot.Authors) != 1 || r.Snapshot.Authors[0].Name != "Author" {
				t.Errorf("revision %d: %+v", r.ID, r)
			}
			if !r.CreatedAt.Equal(r.Snapshot.UpdatedAt) {
				t.Errorf("revision %d at %v, snapshot updated %v", r.ID, r.CreatedAt, r.Snapshot.UpdatedAt)
			}
		}
		if want := []string{"Third", "Second", "First"}; !slices.Equal(titles, want) {
			t.Errorf("revision titles = %q, want %q (newest first)", titles, want)
		}
		if want := []string{"editor3", "editor2", "tester"}; !slices.Equal(editors, want) {
			t.Errorf("revision editors = %q, want %q", editors, want)
		}
		mustJSONEqual(t, "latest snapshot", revs[0].Snapshot, a)

		if err := s.DeleteArticle(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		_, err = s.Revisions(ctx, a.ID)
		wantCode(t, err, news.ENOTFOUND)
	})
}

// TestOddInputDoesNotPanic feeds values a careless caller might pass. The
// store does not validate content, but it must answer each with a stored
// value or an EINVALID error, never a panic or an internal error.
func TestOddInputDoesNotPanic(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		tests := []struct {
			name string
			edit func(a *news.Article)
		}{
			{"empty", func(a *news.Article) { *a = news.Article{} }},
			{"NUL byte", func(a *news.Article) { a.Title = "a\x00b" }},
			{"invalid UTF-8", func(a *news.Article) { a.Title = "a\xffb" }},
			{"quotes and placeholders", func(a *news.Article) { a.Title = `'?' "$1" \ %_` }},
			{"huge body", func(a *news.Article) { a.Body = strings.Repeat("word ", 200000) }},
			{"unknown status", func(a *news.Article) { a.Status = "weird" }},
			{"year 1", func(a *news.Article) { a.PublishedAt = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC) }},
			{"unclosed markup", func(a *news.Article) { a.BodyHTML = "<p>text <script>never closed" }},
			{"nil links", func(a *news.Article) { a.Authors, a.Tags = nil, nil }},
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				a := draft(fmt.Sprintf("odd-%d", i), "Odd")
				tt.edit(&a)
				err := s.CreateArticle(ctx, &a, "e")
				if err != nil {
					wantCode(t, err, news.EINVALID)
					t.Logf("refused: %v", news.ErrorMessage(err))
					return
				}
				got, err := s.Article(ctx, a.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Title != a.Title || got.Body != a.Body || got.Status != a.Status {
					t.Errorf("stored %q/%d bytes/%q, got back %q/%d bytes/%q",
						a.Title, len(a.Body), a.Status, got.Title, len(got.Body), got.Status)
				}
			})
		}
		for _, q := range []string{"\x00", "'", "\\", "%%%", strings.Repeat("w ", 1000), "\xff"} {
			if _, _, err := s.FindArticles(ctx, news.ArticleFilter{Query: q}); err != nil && news.ErrorCode(err) != news.EINVALID {
				t.Errorf("query %q: %v", q, err)
			}
		}
	})
}
