package store_test

import (
	"errors"
	"path"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

func TestWithTxRollsBackOnFailure(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		v := contentVersion(t, s)
		boom := errors.New("boom")
		err := s.WithTx(ctx, func(tx news.Store) error {
			au := news.Author{Slug: "tx-author", Name: "Tx"}
			if err := tx.CreateAuthor(ctx, &au); err != nil {
				return err
			}
			a := draft("tx-article", "Tx")
			a.Authors = []news.Author{au}
			if err := tx.CreateArticle(ctx, &a, "e"); err != nil {
				return err
			}
			// Inside the transaction its own writes are visible.
			if _, err := tx.ArticleBySlug(ctx, "tx-article"); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("WithTx error = %v, want boom", err)
		}
		if _, n, err := s.FindArticles(ctx, news.ArticleFilter{}); err != nil || n != 0 {
			t.Errorf("articles after rollback: %d, %v", n, err)
		}
		_, err = s.AuthorBySlug(ctx, "tx-author")
		wantCode(t, err, news.ENOTFOUND)
		if got := contentVersion(t, s); got != v {
			t.Errorf("content version %d after rollback, was %d", got, v)
		}
	})
}

func TestWithTxRollsBackOnPanic(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		func() {
			defer func() {
				if recover() == nil {
					t.Error("panic did not propagate")
				}
			}()
			_ = s.WithTx(ctx, func(tx news.Store) error {
				tag := news.Tag{Slug: "panic", Name: "Panic"}
				if err := tx.CreateTag(ctx, &tag); err != nil {
					return err
				}
				panic("fn panics")
			})
		}()
		_, err := s.TagBySlug(ctx, "panic")
		wantCode(t, err, news.ENOTFOUND)
		// The connection went back to the pool: the store still writes.
		createTag(t, s, "after", "After")
	})
}

func TestNestedWithTxSharesTheOuterTransaction(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		boom := errors.New("boom")
		err := s.WithTx(ctx, func(tx news.Store) error {
			err := tx.WithTx(ctx, func(inner news.Store) error {
				tag := news.Tag{Slug: "inner", Name: "Inner"}
				return inner.CreateTag(ctx, &tag)
			})
			if err != nil {
				return err
			}
			// The inner "commit" committed nothing yet: failing here
			// undoes the inner write too.
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("WithTx error = %v", err)
		}
		_, err = s.TagBySlug(ctx, "inner")
		wantCode(t, err, news.ENOTFOUND)

		// And a successful outer transaction keeps both.
		err = s.WithTx(ctx, func(tx news.Store) error {
			outer := news.Tag{Slug: "outer", Name: "Outer"}
			if err := tx.CreateTag(ctx, &outer); err != nil {
				return err
			}
			return tx.WithTx(ctx, func(inner news.Store) error {
				tag := news.Tag{Slug: "inner", Name: "Inner"}
				return inner.CreateTag(ctx, &tag)
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		tags, err := s.Tags(ctx)
		if err != nil || len(tags) != 2 {
			t.Errorf("tags = %+v, %v; want inner and outer", tags, err)
		}
	})
}

func TestContentVersionGrowsWithEveryVisibleWrite(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		var (
			au  news.Author
			art news.Article
		)
		writes := []struct {
			name  string
			write func() error
		}{
			{"create author", func() error { au = news.Author{Slug: "v", Name: "V"}; return s.CreateAuthor(ctx, &au) }},
			{"update author", func() error { au.Bio = "bio"; return s.UpdateAuthor(ctx, &au) }},
			{"create tag", func() error { tag := news.Tag{Slug: "v", Name: "V"}; return s.CreateTag(ctx, &tag) }},
			{"create article", func() error { art = draft("v", "V"); return s.CreateArticle(ctx, &art, "e") }},
			{"update article", func() error { art.Title = "V2"; return s.UpdateArticle(ctx, &art, "e") }},
			{"save settings", func() error { return s.SaveSettings(ctx, news.DefaultSettings()) }},
			{"delete article", func() error { return s.DeleteArticle(ctx, art.ID) }},
		}
		for _, w := range writes {
			before := contentVersion(t, s)
			if err := w.write(); err != nil {
				t.Fatalf("%s: %v", w.name, err)
			}
			if after := contentVersion(t, s); after <= before {
				t.Errorf("%s: content version %d -> %d, want growth", w.name, before, after)
			}
		}

		// Sign-in data is not what readers see.
		before := contentVersion(t, s)
		u := news.User{Email: "u@example.org", Name: "U", Role: news.RoleEditor}
		if err := s.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		if after := contentVersion(t, s); after != before {
			t.Errorf("creating a user moved the content version %d -> %d", before, after)
		}
	})
}

// openPair opens two stores on one new database, as two processes would.
func openPair(t *testing.T, kind string) (*store.Store, *store.Store) {
	t.Helper()
	if kind == "sqlite" {
		dir := t.TempDir()
		return testutil.OpenStore(t, dir, ""), testutil.OpenStore(t, dir, "")
	}
	url := testutil.PostgresURL(t)
	return testutil.OpenStore(t, "", url), testutil.OpenStore(t, "", url)
}

func TestContentVersionSeenByAnotherStore(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			ctx := t.Context()
			writer, poller := openPair(t, kind)
			v := contentVersion(t, poller)
			createArticle(t, writer, draft("seen", "Seen"))
			if got := contentVersion(t, poller); got <= v {
				t.Fatalf("other store sees version %d after a write, was %d", got, v)
			}
			if _, err := poller.ArticleBySlug(ctx, "seen"); err != nil {
				t.Errorf("other store does not see the article: %v", err)
			}
		})
	}
}

func TestMigrationsRunTwiceAreANoOp(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			dir, url := t.TempDir(), ""
			if kind == "postgres" {
				dir, url = "", testutil.PostgresURL(t)
			}
			first, err := store.Open(t.Context(), dir, url, testutil.Logger(t))
			if err != nil {
				t.Fatal(err)
			}
			a := createArticle(t, first, draft("kept", "Kept"))
			v := contentVersion(t, first)
			if err := first.Close(); err != nil {
				t.Fatal(err)
			}
			// Once after the first closed, once while the second is open.
			second := testutil.OpenStore(t, dir, url)
			third := testutil.OpenStore(t, dir, url)
			for _, s := range []*store.Store{second, third} {
				got, err := s.Article(t.Context(), a.ID)
				if err != nil || got.Slug != "kept" {
					t.Fatalf("article after reopening: %+v, %v", got, err)
				}
				if got := contentVersion(t, s); got != v {
					t.Errorf("content version %d after reopening, was %d", got, v)
				}
			}
		})
	}
}

func TestConcurrentOpensOnAFreshDatabase(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			dir, url := t.TempDir(), ""
			if kind == "postgres" {
				dir, url = "", testutil.PostgresURL(t)
			}
			const n = 3
			stores := make([]*store.Store, n)
			errs := make([]error, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() { stores[i], errs[i] = store.Open(t.Context(), dir, url, testutil.Logger(t)) })
			}
			wg.Wait()
			for i := range n {
				if errs[i] != nil {
					t.Errorf("open %d: %v", i, errs[i])
					continue
				}
				s := stores[i]
				t.Cleanup(func() {
					if err := s.Close(); err != nil {
						t.Error(err)
					}
				})
			}
			if t.Failed() {
				return
			}
			// Each store works, and all see one schema.
			for i, s := range stores {
				createTag(t, s, "tag-"+string(rune('a'+i)), "Tag")
			}
			tags, err := stores[0].Tags(t.Context())
			if err != nil || len(tags) != n {
				t.Errorf("tags = %+v, %v", tags, err)
			}
		})
	}
}

func TestOpenRejectsOtherURLs(t *testing.T) {
	for _, u := range []string{"mysql://root@localhost/db", "sqlite:///tmp/x.db", "postgres//missing-colon"} {
		_, err := store.Open(t.Context(), t.TempDir(), u, nil)
		wantCode(t, err, news.EINVALID)
	}
}

func TestOpenUnreachablePostgresFails(t *testing.T) {
	ctx, cancel := contextWithTimeout(t, 5*time.Second)
	defer cancel()
	// Port 1 on loopback: nothing listens there.
	_, err := store.Open(ctx, "", "postgres://postgres@127.0.0.1:1/x?sslmode=disable&connect_timeout=2", nil)
	wantCode(t, err, news.EUNAVAILABLE)
}

func TestDialect(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		if kind := path.Base(t.Name()); kind != s.Dialect() {
			t.Errorf("Dialect() = %q in subtest %q", s.Dialect(), t.Name())
		}
		if (s.SQLiteWriter() != nil) != (s.Dialect() == "sqlite") || (s.PgxPool() != nil) != (s.Dialect() == "postgres") {
			t.Errorf("%s store: SQLiteWriter %v, PgxPool %v", s.Dialect(), s.SQLiteWriter(), s.PgxPool())
		}
		if err := s.Ping(t.Context()); err != nil {
			t.Error(err)
		}
	})
}

func TestSettings(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		got, err := s.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		mustJSONEqual(t, "settings before any save", got, news.DefaultSettings())

		want := news.DefaultSettings()
		want.Name, want.Tagline, want.LogoURL, want.TimeZone = "Global Research", "", "https://example.org/logo.png", "Europe/Paris"
		want.Disclaimer, want.FairUse, want.NoteBefore, want.NoteAfter = "D", "", "Before", "After"
		want.Follow = []news.Link{{Network: "instagram", URL: "https://instagram.com/gr"}}
		want.ContactEmail, want.MediaEmail, want.PermissionsEmail = "c@example.org", "m@example.org", "p@example.org"
		want.Licence = "L"
		for range 2 { // the second save replaces the first
			if err := s.SaveSettings(ctx, want); err != nil {
				t.Fatal(err)
			}
			got, err := s.Settings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// An emptied field stays empty; it does not fall back to the default.
			mustJSONEqual(t, "saved settings", got, want)
			want.Name = "Renamed"
		}
	})
}

func TestAuthors(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		in := news.Author{
			Slug: "emile-zola", Name: "Émile Zola", Kind: news.KindPerson, Bio: "Writer.",
			ImageURL: "https://example.org/z.jpg", Website: "https://example.org/z",
			Social: []news.Link{{Network: "mastodon", URL: "https://m.example/@zola"}},
		}
		a := in
		if err := s.CreateAuthor(ctx, &a); err != nil {
			t.Fatal(err)
		}
		if a.ID == 0 || a.CreatedAt.IsZero() {
			t.Fatalf("create set ID %d CreatedAt %v", a.ID, a.CreatedAt)
		}
		for name, get := range map[string]func() (news.Author, error){
			"Author":                   func() (news.Author, error) { return s.Author(ctx, a.ID) },
			"AuthorBySlug":             func() (news.Author, error) { return s.AuthorBySlug(ctx, "emile-zola") },
			"AuthorByName, other case": func() (news.Author, error) { return s.AuthorByName(ctx, "ÉMILE ZOLA") },
		} {
			got, err := get()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			mustJSONEqual(t, name, got, a)
		}

		upd := a
		upd.Slug, upd.Name, upd.Kind, upd.Bio, upd.ImageURL, upd.Website, upd.Social =
			"zola", "Zola Press", news.KindOrganization, "", "", "", nil
		upd.CreatedAt = time.Time{} // UpdateAuthor keeps the stored one
		if err := s.UpdateAuthor(ctx, &upd); err != nil {
			t.Fatal(err)
		}
		got, err := s.Author(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		upd.CreatedAt = a.CreatedAt
		mustJSONEqual(t, "updated author", got, upd)
		if _, err := s.AuthorByName(ctx, "Émile Zola"); !news.IsNotFound(err) {
			t.Errorf("old name still found: %v", err)
		}

		for _, name := range []string{"Anna Politkovskaya", "Anne Applebaum", "Bob Woodward"} {
			createAuthor(t, s, slugify(name), name)
		}
		tests := []struct {
			filter news.AuthorFilter
			want   []string
			total  int
		}{
			{news.AuthorFilter{}, []string{"Anna Politkovskaya", "Anne Applebaum", "Bob Woodward", "Zola Press"}, 4},
			{news.AuthorFilter{Query: "ann"}, []string{"Anna Politkovskaya", "Anne Applebaum"}, 2},
			{news.AuthorFilter{Query: "ANN app"}, []string{"Anne Applebaum"}, 1},
			{news.AuthorFilter{Query: "woodward"}, []string{"Bob Woodward"}, 1},
			{news.AuthorFilter{Query: "nobody"}, []string{}, 0},
			{news.AuthorFilter{Offset: 1, Limit: 2}, []string{"Anne Applebaum", "Bob Woodward"}, 4},
		}
		for _, tt := range tests {
			list, total, err := s.FindAuthors(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, a := range list {
				names = append(names, a.Name)
			}
			if names == nil {
				names = []string{}
			}
			if !slices.Equal(names, tt.want) || total != tt.total {
				t.Errorf("FindAuthors(%+v) = %q, %d; want %q, %d", tt.filter, names, total, tt.want, tt.total)
			}
		}
	})
}

func slugify(name string) string {
	b := []byte{}
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b = append(b, byte(r))
		case r >= 'A' && r <= 'Z':
			b = append(b, byte(r-'A'+'a'))
		default:
			b = append(b, '-')
		}
	}
	return string(b)
}

func TestTagsAreListedByName(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		for _, n := range []string{"War", "economy", "Peace"} {
			createTag(t, s, slugify(n), n)
		}
		tags, err := s.Tags(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, tag := range tags {
			names = append(names, tag.Name)
		}
		if want := []string{"economy", "Peace", "War"}; !slices.Equal(names, want) {
			t.Errorf("tags = %q, want %q", names, want)
		}
		got, err := s.TagBySlug(t.Context(), "peace")
		if err != nil || got.Name != "Peace" || got.ID == 0 {
			t.Errorf("TagBySlug = %+v, %v", got, err)
		}
	})
}

func TestUsersAndTokens(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		u := news.User{Email: "Ed.Itor@Example.ORG", Name: "Ed", Role: news.RoleEditor, PasswordHash: "$argon2id$x"}
		if err := s.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		if u.Email != "ed.itor@example.org" || u.ID == 0 || u.CreatedAt.IsZero() {
			t.Fatalf("created user %+v", u)
		}
		got, err := s.UserByEmail(ctx, "ED.ITOR@example.org")
		if err != nil {
			t.Fatal(err)
		}
		if got != u {
			t.Errorf("UserByEmail = %+v, want %+v", got, u)
		}

		u.Name, u.Role, u.PasswordHash, u.Email = "Edith", news.RoleOwner, "$argon2id$y", "Edith@Example.org"
		if err := s.UpdateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		if got, err = s.User(ctx, u.ID); err != nil || got != u || got.Email != "edith@example.org" {
			t.Errorf("after update User = %+v, %v; want %+v", got, err, u)
		}
		other := news.User{Email: "a@example.org", Name: "A", Role: news.RoleAuthor}
		if err := s.CreateUser(ctx, &other); err != nil {
			t.Fatal(err)
		}
		users, err := s.Users(ctx)
		if err != nil || len(users) != 2 || users[0] != u || users[1] != other {
			t.Errorf("Users = %+v, %v", users, err)
		}

		tok := news.Token{UserID: u.ID, Name: "cli", Hash: "hash-1"}
		if err := s.CreateToken(ctx, &tok); err != nil {
			t.Fatal(err)
		}
		if tok.ID == 0 || tok.CreatedAt.IsZero() || !tok.LastUsedAt.IsZero() {
			t.Fatalf("created token %+v", tok)
		}
		var last time.Time
		for range 2 {
			time.Sleep(2 * time.Millisecond)
			got, err := s.TokenByHash(ctx, "hash-1")
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != tok.ID || got.UserID != u.ID || got.Name != "cli" || !got.CreatedAt.Equal(tok.CreatedAt) {
				t.Errorf("TokenByHash = %+v, want %+v", got, tok)
			}
			if !got.LastUsedAt.After(last) || got.LastUsedAt.Before(tok.CreatedAt) {
				t.Errorf("LastUsedAt = %v, previous %v, created %v", got.LastUsedAt, last, tok.CreatedAt)
			}
			last = got.LastUsedAt
		}
	})
}

func TestConcurrentCreatesGetDistinctSlugs(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			// Two stores, as two processes, each with writers of its own.
			a, b := openPair(t, kind)
			const perStore = 4
			slugs := make(chan string, 2*perStore)
			var wg sync.WaitGroup
			for _, s := range []*store.Store{a, b} {
				for range perStore {
					wg.Go(func() {
						art := draft("hot", "Hot")
						if err := s.CreateArticle(t.Context(), &art, "e"); err != nil {
							t.Errorf("create: %v", err)
							return
						}
						slugs <- art.Slug
					})
				}
			}
			wg.Wait()
			close(slugs)
			var got []string
			for s := range slugs {
				got = append(got, s)
			}
			slices.Sort(got)
			want := []string{"hot", "hot-2", "hot-3", "hot-4", "hot-5", "hot-6", "hot-7", "hot-8"}
			if !slices.Equal(got, want) {
				t.Errorf("slugs = %q, want %q", got, want)
			}
		})
	}
}
