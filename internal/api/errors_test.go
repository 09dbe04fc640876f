package api_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// TestBadRequestsAnswerJSONAndWriteNothing sends each kind of bad request
// and checks its status, code and message, and that none wrote anything.
func TestBadRequestsAnswerJSONAndWriteNothing(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		editor := g.token(t, news.RoleEditor)
		existing := decode[apiArticle](t, g.mustDo(t, "POST", "/api/v1/articles", editor,
			`{"title": "Existing", "slug": "existing", "body": "x"}`, http.StatusCreated))
		other := decode[apiArticle](t, g.mustDo(t, "POST", "/api/v1/articles", editor,
			`{"title": "Other", "slug": "other", "body": "x"}`, http.StatusCreated))
		articles, authors, tags := counts(t, s)

		const json = "application/json"
		for _, tc := range []struct {
			name        string
			method      string
			path        string
			contentType string
			auth        string // the Authorization header; "editor" means the editor's token
			body        string
			wantStatus  int
			wantCode    string
			wantMessage string
		}{
			// The second comma is the 15th byte.
			{"malformed JSON names the byte", "POST", "/api/v1/articles", json, "editor",
				`{"title": "x",, "authors": ["New Person"]}`, 400, news.EINVALID, "at byte 15, invalid character ','"},
			{"truncated JSON", "POST", "/api/v1/articles", json, "editor",
				`{"title": "x", "authors": ["New`, 400, news.EINVALID, "it ends after 31 bytes, before the value is complete"},
			{"wrong type names the field", "POST", "/api/v1/articles", json, "editor",
				`{"title": 5, "authors": ["New Person"]}`, 400, news.EINVALID, "title must be a string, not a number"},
			{"wrong type in a nested object", "POST", "/api/v1/articles", json, "editor",
				`{"title": "x", "image": {"url": "https://x.example/a.jpg", "width": "wide"}}`, 400, news.EINVALID,
				"image.width must be a whole number that fits, not a string"},
			{"image too wide", "POST", "/api/v1/articles", json, "editor",
				`{"title": "x", "image": {"url": "https://x.example/a.jpg", "width": 9999999999}}`, 400, news.EINVALID,
				"image.width must be from 0 to 100000 pixels"},
			{"number too large for a field", "POST", "/api/v1/articles", json, "editor",
				`{"title": "x", "image": {"url": "https://x.example/a.jpg", "width": 1e40}}`, 400, news.EINVALID,
				"image.width must be a whole number that fits, not 1e40"},
			{"wrong type of a list item", "POST", "/api/v1/articles", json, "editor",
				`{"title": "x", "tags": ["fine", 5]}`, 400, news.EINVALID, "tags[1] must be a string, not a number"},
			{"author neither name nor object", "POST", "/api/v1/articles", json, "editor",
				`{"title": "x", "authors": ["New Person", true]}`, 400, news.EINVALID, "authors[1] must be a name or an object"},
			{"wrong type in an author object", "POST", "/api/v1/articles", json, "editor",
				`{"title": "x", "authors": [{"id": "7"}]}`, 400, news.EINVALID, "authors[0].id must be a whole number"},
			{"unknown field", "POST", "/api/v1/articles", json, "editor",
				`{"title": "x", "colour": "red", "authors": ["New Person"]}`, 400, news.EINVALID, `Unknown field "colour"`},
			{"unknown nested field", "POST", "/api/v1/articles", json, "editor",
				`{"title": "x", "image": {"src": "https://x.example/a.jpg"}}`, 400, news.EINVALID, `Unknown field "image.src"`},
			{"fields are case-sensitive", "POST", "/api/v1/articles", json, "editor",
				`{"Title": "x"}`, 400, news.EINVALID, `Unknown field "Title"`},
			{"trailing data", "POST", "/api/v1/articles", json, "editor",
				`{"title": "x"} {"title": "y"}`, 400, news.EINVALID, "goes on after the JSON object"},
			{"trailing garbage", "POST", "/api/v1/articles", json, "editor",
				`{"title": "x"}]`, 400, news.EINVALID, "goes on after the JSON object"},
			{"missing title", "POST", "/api/v1/articles", json, "editor",
				`{"body": "x", "authors": ["New Person"]}`, 400, news.EINVALID, "title is required"},
			{"empty body", "POST", "/api/v1/articles", json, "editor",
				``, 400, news.EINVALID, "body is empty"},
			{"not an object", "POST", "/api/v1/articles", json, "editor",
				`["title"]`, 400, news.EINVALID, "must be a JSON object, not an array"},
			{"null body", "POST", "/api/v1/articles", json, "editor",
				`null`, 400, news.EINVALID, "must be a JSON object, not null"},
			{"bad time", "POST", "/api/v1/articles", json, "editor",
				`{"title": "x", "published_at": "yesterday"}`, 400, news.EINVALID, "published_at must be an RFC 3339 time"},
			{"bad status", "POST", "/api/v1/articles", json, "editor",
				`{"title": "x", "status": "live"}`, 400, news.EINVALID, `status "live"`},
			{"bad source URL", "POST", "/api/v1/articles", json, "editor",
				`{"title": "x", "source_url": "javascript:alert(1)"}`, 400, news.EINVALID, "source URL"},
			{"form content type", "POST", "/api/v1/articles", "application/x-www-form-urlencoded", "editor",
				`title=x`, 415, news.EINVALID, "application/json"},
			{"text content type", "POST", "/api/v1/articles", "text/plain", "editor",
				`{"title": "x"}`, 415, news.EINVALID, "text/plain"},
			{"no content type", "POST", "/api/v1/articles", "", "editor",
				`{"title": "x"}`, 415, news.EINVALID, "no Content-Type"},
			{"charset other than UTF-8", "POST", "/api/v1/articles", "application/json; charset=latin1", "editor",
				`{"title": "x"}`, 415, news.EINVALID, "UTF-8"},
			{"oversized body", "POST", "/api/v1/articles", json, "editor",
				`{"title": "x", "body": "` + strings.Repeat("a", 13<<20) + `"}`, 413, news.ETOOLARGE, "12 MiB"},
			{"oversized trailing data", "POST", "/api/v1/articles", json, "editor",
				`{"title": "x"}` + strings.Repeat(" ", 13<<20), 413, news.ETOOLARGE, "12 MiB"},
			{"anonymous write", "POST", "/api/v1/articles", json, "",
				`{"title": "x"}`, 401, news.EUNAUTHORIZED, "needs an API token"},
			{"unknown token", "POST", "/api/v1/articles", json, "Bearer byline_notarealtoken",
				`{"title": "x"}`, 401, news.EUNAUTHORIZED, "not valid"},
			{"unknown token on a read", "GET", "/api/v1/articles", "", "Bearer byline_notarealtoken",
				``, 401, news.EUNAUTHORIZED, "not valid"},
			{"other auth scheme", "POST", "/api/v1/articles", json, "Basic dXNlcjpwYXNz",
				`{"title": "x"}`, 401, news.EUNAUTHORIZED, "Bearer"},
			{"anonymous asks for drafts", "GET", "/api/v1/articles?status=draft", "", "",
				``, 401, news.EUNAUTHORIZED, "needs an API token"},
			{"bad status filter", "GET", "/api/v1/articles?status=gone", "", "editor",
				``, 400, news.EINVALID, "status parameter"},
			{"per_page above the maximum", "GET", "/api/v1/articles?per_page=101", "", "",
				``, 400, news.EINVALID, "per_page parameter must be a whole number from 1 to 100"},
			{"page zero", "GET", "/api/v1/articles?page=0", "", "",
				``, 400, news.EINVALID, "page parameter"},
			{"non-numeric id", "GET", "/api/v1/articles/abc", "", "editor",
				``, 404, news.ENOTFOUND, `"abc"`},
			{"missing article", "GET", "/api/v1/articles/999999", "", "editor",
				``, 404, news.ENOTFOUND, "999999"},
			{"patch a missing article", "PATCH", "/api/v1/articles/999999", json, "editor",
				`{"title": "x"}`, 404, news.ENOTFOUND, "999999"},
			{"publish a missing article", "POST", "/api/v1/articles/999999/publish", "", "editor",
				``, 404, news.ENOTFOUND, "999999"},
			{"publish with an unknown field", "POST", "/api/v1/articles/" + itoa(existing.ID) + "/publish", json, "editor",
				`{"when": "2030-01-01T00:00:00Z"}`, 400, news.EINVALID, `Unknown field "when"`},
			{"publish with a bad time", "POST", "/api/v1/articles/" + itoa(existing.ID) + "/publish", json, "editor",
				`{"at": "soon"}`, 400, news.EINVALID, "at must be an RFC 3339 time"},
			{"patch to a taken slug", "PATCH", "/api/v1/articles/" + itoa(existing.ID), json, "editor",
				`{"slug": "` + other.Slug + `"}`, 409, news.ECONFLICT, ""},
			{"patch with a bad type", "PATCH", "/api/v1/articles/" + itoa(existing.ID), json, "editor",
				`{"featured": "yes"}`, 400, news.EINVALID, "featured must be true or false, not a string"},
			{"unknown path", "GET", "/api/v1/nothing-here", "", "",
				``, 404, news.ENOTFOUND, "/api/v1/nothing-here"},
			{"trailing slash", "GET", "/api/v1/articles/", "", "",
				``, 404, news.ENOTFOUND, ""},
			{"path under a resource", "GET", "/api/v1/articles/1/comments", "", "",
				``, 404, news.ENOTFOUND, ""},
			{"wrong method on a collection", "DELETE", "/api/v1/articles", "", "editor",
				``, 405, news.EINVALID, "does not accept DELETE"},
			{"wrong method on an item", "PUT", "/api/v1/articles/1", json, "editor",
				`{"title": "x"}`, 405, news.EINVALID, "does not accept PUT"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				req := httptest.NewRequestWithContext(t.Context(), tc.method, tc.path, strings.NewReader(tc.body))
				if tc.contentType != "" {
					req.Header.Set("Content-Type", tc.contentType)
				}
				switch tc.auth {
				case "":
				case "editor":
					req.Header.Set("Authorization", "Bearer "+editor)
				default:
					req.Header.Set("Authorization", tc.auth)
				}
				r := g.serve(t, req)
				if r.status != tc.wantStatus || r.errorCode() != tc.wantCode || !strings.Contains(r.errorMessage(), tc.wantMessage) {
					t.Fatalf("got %d %s, want %d %s with a message holding %q", r.status, r.body, tc.wantStatus, tc.wantCode, tc.wantMessage)
				}
				if r.status == http.StatusUnauthorized {
					want := "Bearer"
					if tc.auth != "" {
						want = `Bearer error="invalid_token"`
					}
					if got := r.header.Get("WWW-Authenticate"); got != want {
						t.Errorf("WWW-Authenticate = %q, want %q", got, want)
					}
				}
				if a, au, tg := counts(t, s); a != articles || au != authors || tg != tags {
					t.Errorf("the store now holds %d articles, %d authors, %d tags; want %d, %d, %d",
						a, au, tg, articles, authors, tags)
				}
			})
		}

		got := decode[apiArticle](t, g.mustDo(t, "GET", "/api/v1/articles/"+itoa(existing.ID), editor, "", http.StatusOK))
		if got.Slug != existing.Slug || got.Featured || got.UpdatedAt != existing.UpdatedAt {
			t.Errorf("the failed PATCHes changed the article: %+v", got.Article)
		}
	})
}

func TestMethodNotAllowedListsAllowedMethods(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	for _, tc := range []struct{ method, path, want string }{
		{"DELETE", "/api/v1/articles", "GET, HEAD, POST"},
		{"PUT", "/api/v1/articles/7", "GET, HEAD, PATCH, DELETE"},
		{"GET", "/api/v1/articles/7/publish", "POST"},
		{"PATCH", "/api/v1/tags", "GET, HEAD, POST"},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			r := g.do(t, tc.method, tc.path, "", "")
			if r.status != http.StatusMethodNotAllowed || r.header.Get("Allow") != tc.want {
				t.Errorf("got %d Allow %q, want 405 Allow %q", r.status, r.header.Get("Allow"), tc.want)
			}
		})
	}
}

// TestFailedCreateRollsBackCreatedAuthors checks that a save that fails
// after it created authors or tags leaves none of them: the publishing
// service writes in one transaction.
func TestFailedCreateRollsBackCreatedAuthors(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		editor := g.token(t, news.RoleEditor)
		for _, tc := range []struct{ name, body string }{
			{"invalid source URL", `{"title": "x", "authors": ["New Person", "Other Person"], "tags": ["New tag"],
				"source_url": "ftp://files.example/x"}`},
			{"unknown author after a new one", `{"title": "x", "authors": ["New Person", {"id": 424242}], "tags": ["New tag"]}`},
			{"bad tag after new authors", `{"title": "x", "authors": ["New Person"], "tags": ["New tag", "` +
				strings.Repeat("t", 101) + `"]}`},
			{"bad kind of a second new author", `{"title": "x", "authors": ["New Person", {"name": "Org", "kind": "band"}]}`},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := g.do(t, "POST", "/api/v1/articles", editor, tc.body)
				if r.status != http.StatusBadRequest {
					t.Fatalf("got %d %s, want 400", r.status, r.body)
				}
				found, total, err := s.FindAuthors(t.Context(), news.AuthorFilter{})
				if err != nil {
					t.Fatal(err)
				}
				if total != 0 {
					t.Errorf("the failed create left %d authors: %v", total, found)
				}
				if articles, _, tags := counts(t, s); articles != 0 || tags != 0 {
					t.Errorf("the failed create left %d articles and %d tags", articles, tags)
				}
			})
		}
	})
}

func TestRolesLimitWrites(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		contributor := g.token(t, news.RoleContributor)
		author := g.token(t, news.RoleAuthor)
		editor := g.token(t, news.RoleEditor)

		draft := decode[apiArticle](t, g.mustDo(t, "POST", "/api/v1/articles", contributor,
			`{"title": "A contributor's draft", "body": "x"}`, http.StatusCreated))
		path := "/api/v1/articles/" + itoa(draft.ID)
		published := decode[apiArticle](t, g.mustDo(t, "POST", "/api/v1/articles", editor,
			`{"title": "Published piece", "body": "x", "status": "published"}`, http.StatusCreated))
		articles, authors, tags := counts(t, s)

		for _, tc := range []struct {
			name, method, path, token, body string
			want                            int
		}{
			{"contributor creates a published article", "POST", "/api/v1/articles", contributor,
				`{"title": "x", "status": "published", "authors": ["New Person"], "tags": ["New tag"]}`, 403},
			{"contributor schedules", "POST", "/api/v1/articles", contributor,
				`{"title": "x", "status": "scheduled", "published_at": "2099-01-01T00:00:00Z"}`, 403},
			{"contributor patches the status", "PATCH", path, contributor, `{"status": "published"}`, 403},
			{"contributor edits a published article", "PATCH", "/api/v1/articles/" + itoa(published.ID), contributor,
				`{"title": "Defaced"}`, 403},
			{"contributor publishes", "POST", path + "/publish", contributor, "", 403},
			{"contributor unpublishes", "POST", "/api/v1/articles/" + itoa(published.ID) + "/unpublish", contributor, "", 403},
			{"author edits another's article", "PATCH", path, author, `{"title": "Defaced"}`, 403},
			{"author publishes another's article", "POST", path + "/publish", author, "", 403},
			{"author unpublishes another's article", "POST", "/api/v1/articles/" + itoa(published.ID) + "/unpublish", author, "", 403},
			{"author selects for the newsletter", "POST", "/api/v1/articles", author, `{"title": "x", "newsletter": true}`, 403},
			{"author deletes", "DELETE", path, author, "", 403},
			{"author creates an author", "POST", "/api/v1/authors", author, `{"name": "Someone"}`, 403},
			{"author creates a tag", "POST", "/api/v1/tags", author, `{"name": "Something"}`, 403},
			{"anonymous publishes", "POST", path + "/publish", "", "", 401},
			{"anonymous deletes", "DELETE", path, "", "", 401},
			{"anonymous patches", "PATCH", path, "", `{"title": "x"}`, 401},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := g.do(t, tc.method, tc.path, tc.token, tc.body)
				wantCode := news.EFORBIDDEN
				if tc.want == http.StatusUnauthorized {
					wantCode = news.EUNAUTHORIZED
				}
				if r.status != tc.want || r.errorCode() != wantCode {
					t.Fatalf("got %d %s, want %d %s", r.status, r.body, tc.want, wantCode)
				}
				if a, au, tg := counts(t, s); a != articles || au != authors || tg != tags {
					t.Errorf("the store now holds %d articles, %d authors, %d tags; want %d, %d, %d",
						a, au, tg, articles, authors, tags)
				}
			})
		}
		for _, id := range []int64{draft.ID, published.ID} {
			got, err := s.Article(t.Context(), id)
			if err != nil {
				t.Fatal(err)
			}
			want := map[int64]news.Status{draft.ID: news.StatusDraft, published.ID: news.StatusPublished}[id]
			if got.Status != want || strings.Contains(got.Title, "Defaced") || len(got.Authors) != 0 {
				t.Errorf("article %d is now %q %q, want it untouched (%s)", id, got.Status, got.Title, want)
			}
		}

		// What each role may do.
		g.mustDo(t, "PATCH", path, contributor, `{"subtitle": "Still a draft"}`, http.StatusOK)
		if got, err := s.Article(t.Context(), draft.ID); err != nil || got.CreatedBy == 0 {
			t.Errorf("the contributor's draft records no creator (%v)", err)
		}
		own := decode[apiArticle](t, g.mustDo(t, "POST", "/api/v1/articles", author,
			`{"title": "An author's own", "body": "x"}`, http.StatusCreated))
		ownPath := "/api/v1/articles/" + itoa(own.ID)
		g.mustDo(t, "PATCH", ownPath, author, `{"subtitle": "Mine"}`, http.StatusOK)
		g.mustDo(t, "POST", ownPath+"/publish", author, "", http.StatusOK)
		g.mustDo(t, "PATCH", ownPath, author, `{"subtitle": "Still mine, published"}`, http.StatusOK)
		g.mustDo(t, "POST", ownPath+"/unpublish", author, "", http.StatusOK)
		g.mustDo(t, "POST", path+"/publish", editor, "", http.StatusOK)
		g.mustDo(t, "PATCH", path, contributor, `{"subtitle": "No longer a draft"}`, http.StatusForbidden)
		g.mustDo(t, "POST", path+"/unpublish", editor, "", http.StatusOK)
		g.mustDo(t, "PATCH", path, editor, `{"newsletter": true}`, http.StatusOK)
		g.mustDo(t, "DELETE", path, editor, "", http.StatusNoContent)
	})
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// TestOddInputIsNeverAServerError sends well-formed JSON with values that
// pass decoding but strain the database: NUL characters (PostgreSQL text
// refuses them), numbers beyond a 32-bit column, times at the edges of
// the calendar. Each must be saved or refused as the client's mistake,
// never answered 5xx.
func TestOddInputIsNeverAServerError(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		editor := g.token(t, news.RoleEditor)
		for _, tc := range []struct{ name, body string }{
			{"NUL in the title", `{"title": "a\u0000b"}`},
			{"NUL in the body", `{"title": "x", "body": "a\u0000b"}`},
			{"NUL in an author name", `{"title": "x", "authors": ["a\u0000b"]}`},
			{"NUL in a tag", `{"title": "x", "tags": ["a\u0000b"]}`},
			{"lone surrogate", `{"title": "\ud800", "body": "\udfff"}`},
			{"width beyond 32 bits", `{"title": "x", "image": {"url": "https://x.example/a.jpg", "width": 9999999999}}`},
			{"year 1", `{"title": "x", "status": "published", "published_at": "0001-01-01T00:00:00Z"}`},
			{"year 0", `{"title": "x", "status": "published", "published_at": "0000-01-01T00:00:00Z"}`},
			{"year 9999", `{"title": "x", "status": "published", "published_at": "9999-12-31T23:59:59Z"}`},
			{"far offset", `{"title": "x", "status": "published", "published_at": "2024-01-01T00:00:00+23:59"}`},
			{"emoji slug source", `{"title": "🙂🙂"}`},
			{"very long title", `{"title": "` + strings.Repeat("é", 301) + `"}`},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := g.do(t, "POST", "/api/v1/articles", editor, tc.body)
				if r.status != http.StatusCreated && (r.status < 400 || r.status >= 500) {
					t.Fatalf("got %d %s, want 201 or 4xx", r.status, r.body)
				}
			})
		}
	})
}
