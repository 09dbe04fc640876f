package publishing_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func newService(st news.Store) *publishing.Service {
	return publishing.New(st, render.New(), publishing.Options{Now: func() time.Time { return now }})
}

func TestCreateResolvesAuthorsAndTags(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := newService(st)
		known := news.Author{Name: "Known Writer", Slug: "known-writer", Kind: news.KindPerson}
		if err := st.CreateAuthor(ctx, &known); err != nil {
			t.Fatal(err)
		}
		a, rep, err := svc.Create(ctx, publishing.Input{
			Title: "Rail strike ends", Body: "The **strike** is over.\n\nSecond paragraph.",
			Status: news.StatusPublished,
			Authors: []publishing.AuthorRef{
				{Name: "Morning Wire", Kind: news.KindOrganization},
				{Name: "known writer"},
				{Slug: "known-writer"}, // the same author twice counts once
			},
			Tags: []string{"Labour", "labour", "Transport"},
		}, "ed@news.example")
		if err != nil {
			t.Fatal(err)
		}
		if a.Slug != "rail-strike-ends" || a.Status != news.StatusPublished || !a.PublishedAt.Equal(now) {
			t.Errorf("article = slug %q, status %s, published %v", a.Slug, a.Status, a.PublishedAt)
		}
		if len(a.Authors) != 2 || a.Authors[0].Name != "Morning Wire" || a.Authors[1].ID != known.ID {
			t.Fatalf("authors = %+v, want Morning Wire then Known Writer", a.Authors)
		}
		if len(rep.CreatedAuthors) != 1 || rep.CreatedAuthors[0].Kind != news.KindOrganization {
			t.Errorf("created authors = %+v, want the organization only", rep.CreatedAuthors)
		}
		if len(a.Tags) != 2 || len(rep.CreatedTags) != 2 {
			t.Errorf("tags = %+v, created %+v; want labour and transport once each", a.Tags, rep.CreatedTags)
		}
		if !strings.Contains(a.BodyHTML, "<strong>strike</strong>") || a.Summary != "The strike is over." {
			t.Errorf("body %q, summary %q", a.BodyHTML, a.Summary)
		}
	})
}

func TestSaveRulesForStatusAndTime(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := newService(st)
		t.Run("published with a future date is scheduled", func(t *testing.T) {
			a, _, err := svc.Create(ctx, publishing.Input{Title: "Later", Body: "x", Status: news.StatusPublished, PublishedAt: now.Add(time.Hour)}, "t")
			if err != nil || a.Status != news.StatusScheduled {
				t.Fatalf("status %s, err %v", a.Status, err)
			}
		})
		t.Run("scheduling in the past is refused", func(t *testing.T) {
			_, _, err := svc.Create(ctx, publishing.Input{Title: "Past", Body: "x", Status: news.StatusScheduled, PublishedAt: now.Add(-time.Minute)}, "t")
			if news.ErrorCode(err) != news.EINVALID || !strings.Contains(news.ErrorMessage(err), "in the past") {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("publish, unpublish, publish keeps the first date", func(t *testing.T) {
			a, _, err := svc.Create(ctx, publishing.Input{Title: "Cycle", Body: "x"}, "t")
			if err != nil || a.Status != news.StatusDraft {
				t.Fatalf("new article: %s, %v", a.Status, err)
			}
			a, err = svc.Publish(ctx, a.ID, time.Time{}, "t")
			if err != nil || a.Status != news.StatusPublished {
				t.Fatalf("publish: %s %v", a.Status, err)
			}
			first := a.PublishedAt
			if a, err = svc.Unpublish(ctx, a.ID, "t"); err != nil || a.Status != news.StatusDraft {
				t.Fatalf("unpublish: %s %v", a.Status, err)
			}
			if a, err = svc.Publish(ctx, a.ID, time.Time{}, "t"); err != nil || !a.PublishedAt.Equal(first) {
				t.Fatalf("republished at %v, want %v (%v)", a.PublishedAt, first, err)
			}
			if a, err = svc.Publish(ctx, a.ID, now.Add(2*time.Hour), "t"); err != nil || a.Status != news.StatusScheduled {
				t.Fatalf("publish later: %s %v", a.Status, err)
			}
		})
	})
}

func TestInvalidInputWritesNothing(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := newService(st)
		base := func() publishing.Input {
			return publishing.Input{Title: "T", Body: "b", Authors: []publishing.AuthorRef{{Name: "Fresh Author"}}, Tags: []string{"fresh"}}
		}
		tests := []struct {
			name   string
			change func(*publishing.Input)
			code   string
			says   string
		}{
			{"no title", func(in *publishing.Input) { in.Title = "  " }, news.EINVALID, "title"},
			{"relative source URL", func(in *publishing.Input) { in.SourceURL = "wire.example/x" }, news.EINVALID, "source URL"},
			{"javascript canonical URL", func(in *publishing.Input) { in.CanonicalURL = "javascript:alert(1)" }, news.EINVALID, "canonical URL"},
			{"javascript image", func(in *publishing.Input) { in.Image.URL = "javascript:alert(1)" }, news.EINVALID, "image URL"},
			{"protocol-relative image", func(in *publishing.Input) { in.Image.URL = "//evil.example/x.png" }, news.EINVALID, "image URL"},
			{"huge image size", func(in *publishing.Input) { in.Image.Width = 1 << 40 }, news.EINVALID, "width"},
			{"bad language", func(in *publishing.Input) { in.Language = "english please" }, news.EINVALID, "language"},
			{"bad format", func(in *publishing.Input) { in.Format = "docx" }, news.EINVALID, "format"},
			{"bad status", func(in *publishing.Input) { in.Status = "live" }, news.EINVALID, "status"},
			{"bad slug", func(in *publishing.Input) { in.Slug = "Not A Slug" }, news.EINVALID, "slug"},
			{"body over 10 MB", func(in *publishing.Input) { in.Body = strings.Repeat("x", publishing.MaxBodyBytes+1) }, news.ETOOLARGE, "body"},
			{"unknown author id", func(in *publishing.Input) {
				in.Authors = append(in.Authors, publishing.AuthorRef{ID: 9999})
			}, news.EINVALID, "does not exist"},
			{"bad author kind", func(in *publishing.Input) {
				in.Authors = []publishing.AuthorRef{{Name: "Someone New", Kind: "robot"}}
			}, news.EINVALID, "kind"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				in := base()
				tt.change(&in)
				_, _, err := svc.Create(ctx, in, "t")
				if news.ErrorCode(err) != tt.code || !strings.Contains(news.ErrorMessage(err), tt.says) {
					t.Fatalf("err = %v; want %s mentioning %q", err, tt.code, tt.says)
				}
				_, n, _ := st.FindArticles(ctx, news.ArticleFilter{})
				_, na, _ := st.FindAuthors(ctx, news.AuthorFilter{})
				tags, _ := st.Tags(ctx)
				if n != 0 || na != 0 || len(tags) != 0 {
					t.Fatalf("a refused save left %d articles, %d authors, %d tags", n, na, len(tags))
				}
			})
		}
	})
}

func TestHostileContentIsSanitized(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		svc := newService(st)
		a, _, err := svc.Create(context.Background(), publishing.Input{
			Title:      "<script>alert(1)</script>",
			Body:       "Hi <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))",
			NoteBefore: "<a href=\"javascript:alert(4)\" onclick=\"alert(5)\">note</a>",
			NoteAfter:  "<iframe src=\"https://evil.example\"></iframe>after",
		}, "t")
		if err != nil {
			t.Fatal(err)
		}
		for name, html := range map[string]string{"body": a.BodyHTML, "note before": a.NoteBeforeHTML, "note after": a.NoteAfterHTML} {
			low := strings.ToLower(html)
			for _, bad := range []string{"<script", "onerror", "onclick", "javascript:", "<iframe"} {
				if strings.Contains(low, bad) {
					t.Errorf("%s keeps %q: %s", name, bad, html)
				}
			}
		}
		// The title is plain text: stored as written, escaped by templates.
		if a.Title != "<script>alert(1)</script>" {
			t.Errorf("title changed to %q", a.Title)
		}
	})
}

func TestDerivedSummaryFollowsTheBody(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := newService(st)
		a, _, err := svc.Create(ctx, publishing.Input{Title: "S", Body: "First version."}, "t")
		if err != nil {
			t.Fatal(err)
		}
		in := publishing.InputFrom(a)
		in.Body = "Second version."
		if a, _, err = svc.Update(ctx, a.ID, in, "t"); err != nil || a.Summary != "Second version." {
			t.Fatalf("derived summary = %q (%v), want it to follow the body", a.Summary, err)
		}
		in = publishing.InputFrom(a)
		in.Summary = "Written by an editor."
		a, _, _ = svc.Update(ctx, a.ID, in, "t")
		in = publishing.InputFrom(a)
		in.Body = "Third version."
		if a, _, err = svc.Update(ctx, a.ID, in, "t"); err != nil || a.Summary != "Written by an editor." {
			t.Fatalf("editor's summary = %q (%v), want it kept", a.Summary, err)
		}
		revs, err := st.Revisions(ctx, a.ID)
		if err != nil || len(revs) != 4 {
			t.Fatalf("%d revisions (%v), want 4", len(revs), err)
		}
	})
}

func TestBackdatedArticleDoesNotLookUpdated(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, st *store.Store) {
		svc := newService(st)
		when := now.Add(-30 * 24 * time.Hour)
		a, _, err := svc.Create(context.Background(), publishing.Input{Title: "Old", Body: "x", Status: news.StatusPublished, PublishedAt: when}, "import")
		if err != nil {
			t.Fatal(err)
		}
		if !a.UpdatedAt.Equal(when) || !a.CreatedAt.Equal(when) {
			t.Fatalf("created %v, updated %v; want both %v", a.CreatedAt, a.UpdatedAt, when)
		}
	})
}
