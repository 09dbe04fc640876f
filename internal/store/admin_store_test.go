package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

func TestTagRenameAndDelete(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		climate := createTag(t, s, "climate", "Climate")
		createTag(t, s, "energy", "Energy")
		a := draft("story", "Story")
		a.Tags = []news.Tag{climate}
		a = createArticle(t, s, a)

		t.Run("rename", func(t *testing.T) {
			before := contentVersion(t, s)
			renamed := news.Tag{ID: climate.ID, Slug: "climate-crisis", Name: "Climate crisis"}
			if err := s.UpdateTag(ctx, &renamed); err != nil {
				t.Fatal(err)
			}
			got, err := s.Tag(ctx, climate.ID)
			if err != nil || got != renamed {
				t.Fatalf("Tag = %+v, %v; want %+v", got, err, renamed)
			}
			if contentVersion(t, s) <= before {
				t.Error("renaming a tag did not bump the content version")
			}
			art, err := s.Article(ctx, a.ID)
			if err != nil || len(art.Tags) != 1 || art.Tags[0].Name != "Climate crisis" {
				t.Errorf("article tags after rename: %+v, %v", art.Tags, err)
			}
		})
		t.Run("slug clash", func(t *testing.T) {
			err := s.UpdateTag(ctx, &news.Tag{ID: climate.ID, Slug: "energy", Name: "X"})
			wantCode(t, err, news.ECONFLICT)
		})
		t.Run("missing", func(t *testing.T) {
			wantCode(t, s.UpdateTag(ctx, &news.Tag{ID: 9999, Slug: "nope", Name: "Nope"}), news.ENOTFOUND)
			wantCode(t, s.DeleteTag(ctx, 9999), news.ENOTFOUND)
			_, err := s.Tag(ctx, 9999)
			wantCode(t, err, news.ENOTFOUND)
		})
		t.Run("delete keeps the article", func(t *testing.T) {
			if err := s.DeleteTag(ctx, climate.ID); err != nil {
				t.Fatal(err)
			}
			art, err := s.Article(ctx, a.ID)
			if err != nil || len(art.Tags) != 0 {
				t.Fatalf("article after tag delete: tags %+v, %v", art.Tags, err)
			}
			tags, err := s.Tags(ctx)
			if err != nil || len(tags) != 1 || tags[0].Slug != "energy" {
				t.Errorf("tags left: %+v, %v", tags, err)
			}
		})
	})
}

func TestDeleteUserKeepsArticlesAndEndsSessions(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		u := createUser(t, s, "gone@example.com")
		other := createUser(t, s, "stays@example.com")
		now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
		createSession(t, s, news.Session{ID: "s1", UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)})
		createSession(t, s, news.Session{ID: "s2", UserID: other.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)})
		a := draft("owned", "Owned")
		a.CreatedBy = u.ID
		a = createArticle(t, s, a)
		entry := news.AuditEntry{UserID: u.ID, UserEmail: u.Email, Action: "test.action"}
		if err := s.RecordAudit(ctx, &entry); err != nil {
			t.Fatal(err)
		}

		if err := s.DeleteUser(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.User(ctx, u.ID); !news.IsNotFound(err) {
			t.Errorf("user still there: %v", err)
		}
		if _, err := s.SessionByHash(ctx, "s1", now, 0); !news.IsNotFound(err) {
			t.Errorf("the removed user's session is still there: %v", err)
		}
		if _, err := s.SessionByHash(ctx, "s2", now, 0); err != nil {
			t.Errorf("another user's session went too: %v", err)
		}
		art, err := s.Article(ctx, a.ID)
		if err != nil || art.CreatedBy != 0 {
			t.Errorf("article after user delete: created_by %d, %v", art.CreatedBy, err)
		}
		log, _, err := s.AuditEntries(ctx, news.AuditFilter{})
		if err != nil || len(log) != 1 || log[0].UserID != 0 || log[0].UserEmail != u.Email {
			t.Errorf("audit after user delete: %+v, %v", log, err)
		}
		wantCode(t, s.DeleteUser(ctx, u.ID), news.ENOTFOUND)
	})
}

func TestUserSessionsListsLiveOnesMostRecentFirst(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		u := createUser(t, s, "me@example.com")
		other := createUser(t, s, "you@example.com")
		now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
		createSession(t, s, news.Session{ID: "old", UserID: u.ID, CreatedAt: now.Add(-3 * time.Hour),
			LastSeenAt: now.Add(-2 * time.Hour), ExpiresAt: now.Add(time.Hour), UserAgent: "Firefox", IP: "192.0.2.1"})
		createSession(t, s, news.Session{ID: "new", UserID: u.ID, CreatedAt: now.Add(-time.Hour),
			LastSeenAt: now.Add(-time.Minute), ExpiresAt: now.Add(time.Hour), UserAgent: "Safari", IP: "192.0.2.2"})
		createSession(t, s, news.Session{ID: "expired", UserID: u.ID, CreatedAt: now.Add(-48 * time.Hour),
			ExpiresAt: now.Add(-time.Hour)})
		createSession(t, s, news.Session{ID: "theirs", UserID: other.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)})

		list, err := s.UserSessions(t.Context(), u.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, sess := range list {
			ids = append(ids, sess.ID)
		}
		if fmt.Sprint(ids) != "[new old]" {
			t.Fatalf("sessions = %v, want [new old]", ids)
		}
		if list[1].UserAgent != "Firefox" || list[1].IP != "192.0.2.1" || !list[1].LastSeenAt.Equal(now.Add(-2*time.Hour)) {
			t.Errorf("old session read back as %+v", list[1])
		}
	})
}

func TestAuditLogPagesNewestFirst(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		u := createUser(t, s, "ed@example.com")
		start := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
		for i := range 5 {
			e := news.AuditEntry{At: start.Add(time.Duration(i) * time.Minute), UserID: u.ID, UserEmail: u.Email,
				Action: fmt.Sprintf("act.%d", i), Subject: "tag 1", Detail: "d"}
			if err := s.RecordAudit(ctx, &e); err != nil {
				t.Fatal(err)
			}
			if e.ID == 0 {
				t.Fatal("RecordAudit set no ID")
			}
		}
		anon := news.AuditEntry{At: start.Add(time.Hour), UserEmail: "who@example.com", Action: "login.failure"}
		if err := s.RecordAudit(ctx, &anon); err != nil {
			t.Fatalf("an entry without a user: %v", err)
		}
		page, total, err := s.AuditEntries(ctx, news.AuditFilter{Offset: 1, Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		if total != 6 || len(page) != 2 || page[0].Action != "act.4" || page[1].Action != "act.3" {
			t.Fatalf("page = %+v, total %d", page, total)
		}
		if page[0].UserID != u.ID || !page[0].At.Equal(start.Add(4*time.Minute)) || page[0].Subject != "tag 1" {
			t.Errorf("entry read back as %+v", page[0])
		}
		first, _, _ := s.AuditEntries(ctx, news.AuditFilter{Limit: 1})
		if len(first) != 1 || first[0].UserID != 0 || first[0].Action != "login.failure" {
			t.Errorf("newest entry = %+v", first)
		}
		t.Run("invalid", func(t *testing.T) {
			wantCode(t, s.RecordAudit(ctx, &news.AuditEntry{UserEmail: "x"}), news.EINVALID)
			wantCode(t, s.RecordAudit(ctx, &news.AuditEntry{UserID: 9999, Action: "x"}), news.EINVALID)
		})
	})
}

func TestDeleteAuthorOnlyWithoutArticles(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		busy := createAuthor(t, s, "busy", "Busy")
		idle := createAuthor(t, s, "idle", "Idle")
		a := draft("story", "Story")
		a.Authors = []news.Author{busy}
		createArticle(t, s, a)

		err := s.DeleteAuthor(ctx, busy.ID)
		wantCode(t, err, news.ECONFLICT)
		if msg := news.ErrorMessage(err); msg != "This author is credited on 1 article(s). Remove them from those articles first." {
			t.Errorf("message = %q", msg)
		}
		if _, err := s.Author(ctx, busy.ID); err != nil {
			t.Errorf("the refused delete removed the author: %v", err)
		}
		before := contentVersion(t, s)
		if err := s.DeleteAuthor(ctx, idle.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Author(ctx, idle.ID); !news.IsNotFound(err) {
			t.Errorf("author still there: %v", err)
		}
		if contentVersion(t, s) <= before {
			t.Error("deleting an author did not bump the content version")
		}
		wantCode(t, s.DeleteAuthor(ctx, idle.ID), news.ENOTFOUND)
	})
}
