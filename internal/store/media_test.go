package store_test

import (
	"testing"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

func createMedia(t *testing.T, s *store.Store, m news.MediaItem) news.MediaItem {
	t.Helper()
	if err := s.CreateMedia(t.Context(), &m); err != nil {
		t.Fatalf("create media %s: %v", m.URL, err)
	}
	return m
}

func TestMediaRoundTrip(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		u := createUser(t, s, "photo@example.org")
		start := time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)
		m := createMedia(t, s, news.MediaItem{
			URL: "/media/aaa.jpg", FileName: "harbour.jpg", Width: 1600, Height: 900, Mime: "image/jpeg",
			Bytes: 123456, Alt: "A harbour", Caption: "The harbour at dawn.", Credit: "Agency",
			Variants: []news.MediaVariant{
				{URL: "/media/aaa-480.jpg", Width: 480, Height: 270, Mime: "image/jpeg"},
				{URL: "/media/aaa-480.webp", Width: 480, Height: 270, Mime: "image/webp"},
			},
			UploadedBy: u.ID, CreatedAt: start,
		})
		if m.ID == 0 {
			t.Fatal("no ID set")
		}
		got, err := s.MediaByID(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		mustJSONEqual(t, "media by ID", got, m)
		byURL, err := s.MediaByURL(ctx, "/media/aaa.jpg")
		if err != nil || byURL.ID != m.ID {
			t.Fatalf("MediaByURL = %+v, %v", byURL, err)
		}

		t.Run("same URL twice is a conflict", func(t *testing.T) {
			dup := news.MediaItem{URL: m.URL, Width: 1, Height: 1, Mime: "image/jpeg"}
			wantCode(t, s.CreateMedia(ctx, &dup), news.ECONFLICT)
		})
		t.Run("unknown uploader is invalid", func(t *testing.T) {
			bad := news.MediaItem{URL: "/media/bbb.jpg", Width: 1, Height: 1, Mime: "image/jpeg", UploadedBy: 99999}
			wantCode(t, s.CreateMedia(ctx, &bad), news.EINVALID)
		})
		t.Run("update changes the words only", func(t *testing.T) {
			up, err := s.UpdateMedia(ctx, m.ID, news.MediaUpdate{Alt: "Boats", Caption: "", Credit: "Photo: Me"})
			if err != nil {
				t.Fatal(err)
			}
			want := m
			want.Alt, want.Caption, want.Credit = "Boats", "", "Photo: Me"
			mustJSONEqual(t, "updated media", up, want)
			_, err = s.UpdateMedia(ctx, 99999, news.MediaUpdate{})
			wantCode(t, err, news.ENOTFOUND)
		})
		t.Run("delete", func(t *testing.T) {
			if err := s.DeleteMedia(ctx, m.ID); err != nil {
				t.Fatal(err)
			}
			_, err := s.MediaByID(ctx, m.ID)
			wantCode(t, err, news.ENOTFOUND)
			wantCode(t, s.DeleteMedia(ctx, m.ID), news.ENOTFOUND)
		})
	})
}

func TestFindMediaPagesNewestFirst(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		start := time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)
		urls := []string{"/media/1.jpg", "/media/2.jpg", "/media/3.jpg", "/media/4.jpg", "/media/5.jpg"}
		for i, u := range urls {
			createMedia(t, s, news.MediaItem{URL: u, Width: 10, Height: 10, Mime: "image/jpeg", CreatedAt: start.Add(time.Duration(i) * time.Minute)})
		}
		tests := []struct {
			name          string
			offset, limit int
			want          []string
		}{
			{"first page", 0, 2, []string{"/media/5.jpg", "/media/4.jpg"}},
			{"second page", 2, 2, []string{"/media/3.jpg", "/media/2.jpg"}},
			{"last page", 4, 2, []string{"/media/1.jpg"}},
			{"past the end", 10, 2, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				list, total, err := s.FindMedia(ctx, news.MediaFilter{Offset: tt.offset, Limit: tt.limit})
				if err != nil {
					t.Fatal(err)
				}
				if total != len(urls) {
					t.Errorf("total = %d, want %d", total, len(urls))
				}
				var got []string
				for _, m := range list {
					got = append(got, m.URL)
				}
				if len(got) != len(tt.want) {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
				for i := range got {
					if got[i] != tt.want[i] {
						t.Fatalf("got %v, want %v", got, tt.want)
					}
				}
			})
		}
	})
}
