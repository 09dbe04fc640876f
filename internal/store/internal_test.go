package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/byline-news/byline/internal/news"
)

func TestRebind(t *testing.T) {
	tests := []struct{ name, in, sqlite, postgres string }{
		{"none", "SELECT 1", "SELECT 1", "SELECT 1"},
		{"several", "a = ? AND b IN (?, ?)", "a = ? AND b IN (?, ?)", "a = $1 AND b IN ($2, $3)"},
		{"quoted string", "a = '?' AND b = ?", "a = '?' AND b = ?", "a = '?' AND b = $1"},
		{"escaped quote", "a = 'it''s ?' AND b = ?", "a = 'it''s ?' AND b = ?", "a = 'it''s ?' AND b = $1"},
		{"quoted identifier", `"col?" = ?`, `"col?" = ?`, `"col?" = $1`},
		{"escape clause", `x LIKE ? ESCAPE '\' AND y = ?`, `x LIKE ? ESCAPE '\' AND y = ?`, `x LIKE $1 ESCAPE '\' AND y = $2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sqliteDialect.rebind(tt.in); got != tt.sqlite {
				t.Errorf("sqlite: %q", got)
			}
			if got := postgresDialect.rebind(tt.in); got != tt.postgres {
				t.Errorf("postgres: %q, want %q", got, tt.postgres)
			}
		})
	}
}

func TestTimeEncodingSortsAndRoundTrips(t *testing.T) {
	times := []time.Time{
		time.Date(999, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 2, 29, 23, 59, 59, 999999000, time.UTC),
		time.Date(2024, 3, 1, 0, 0, 0, 0, time.FixedZone("X", -5*3600)), // 05:00 UTC
		time.Date(2024, 3, 1, 5, 0, 0, 1000, time.UTC),
	}
	var prev string
	for _, tm := range times {
		enc := sqliteDialect.timeArg(tm).(string)
		if len(enc) != len(timeLayout) {
			t.Errorf("%v encodes to %q, not fixed width", tm, enc)
		}
		if enc <= prev {
			t.Errorf("%q sorts before or equal to %q", enc, prev)
		}
		prev = enc
		var back time.Time
		if err := (dbTime{&back}).Scan(enc); err != nil {
			t.Fatal(err)
		}
		if !back.Equal(tm) || back.Location() != time.UTC {
			t.Errorf("%v came back as %v", tm, back)
		}
	}
}

func TestDBTimeScan(t *testing.T) {
	want := time.Date(2024, 5, 6, 7, 8, 9, 123456000, time.UTC)
	tests := []struct {
		name string
		src  any
		want time.Time
	}{
		{"ours", "2024-05-06T07:08:09.123456Z", want},
		{"bytes", []byte("2024-05-06T07:08:09.123456Z"), want},
		{"RFC 3339 with zone", "2024-05-06T09:08:09.123456789+02:00", want},
		{"SQLite datetime()", "2024-05-06 07:08:09", want.Truncate(time.Second)},
		{"date only", "2024-05-06", time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)},
		{"time.Time in another zone", want.In(time.FixedZone("Y", 3600)), want},
		{"NULL", nil, time.Time{}},
		{"empty", "", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := time.Now() // must be overwritten, also by NULL
			if err := (dbTime{&got}).Scan(tt.src); err != nil {
				t.Fatal(err)
			}
			if !got.Equal(tt.want) || (!got.IsZero() && got.Location() != time.UTC) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	for _, bad := range []any{"yesterday", 42, "2024-13-01"} {
		var got time.Time
		if err := (dbTime{&got}).Scan(bad); err == nil {
			t.Errorf("Scan(%v) = %v, want an error", bad, got)
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>One</p><p>Two</p>", "One Two"},
		{"<p>Fish &amp; chips &lt;3</p>", "Fish & chips <3"},
		// Sanitized HTML escapes '>' in attributes; a raw one ends the tag early.
		{`<a href="x>y">link</a> after`, `y">link after`},
		{"<p>a<!-- hidden <b>x</b> -->b</p>", "a b"},
		{"<SCRIPT>alert(1)</script>shown<style>p{}</STYLE>", "shown"},
		{"text <unclosed", "text"},
		{"no markup", "no markup"},
		{"", ""},
		{"İstanbul <b>x</b>", "İstanbul x"}, // a letter whose lower case is longer
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQueryWords(t *testing.T) {
	got := queryWords("  Peace  TALKS peace\tÉté ")
	if want := []string{"peace", "talks", "été"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("queryWords = %q, want %q", got, want)
	}
	if got := queryWords(strings.Repeat("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w17 ", 3)); len(got) != maxQueryWords {
		t.Errorf("%d words kept, want %d", len(got), maxQueryWords)
	}
	if got := likeContains(`50%_off\`); got != `%50\%\_off\\%` {
		t.Errorf("likeContains = %q", got)
	}
}

func TestErrorCodeMapping(t *testing.T) {
	tests := []struct {
		name string
		err  error
		code string
	}{
		{"no rows", fmt.Errorf("scan: %w", sql.ErrNoRows), news.ENOTFOUND},
		{"cancelled", context.Canceled, news.EUNAVAILABLE},
		{"unique", &pgconn.PgError{Code: "23505"}, news.ECONFLICT},
		{"foreign key", &pgconn.PgError{Code: "23503"}, errForeignKey},
		{"not null", &pgconn.PgError{Code: "23502"}, news.EINVALID},
		{"bad encoding", &pgconn.PgError{Code: "22021"}, news.EINVALID},
		{"deadlock", &pgconn.PgError{Code: "40P01"}, news.EUNAVAILABLE},
		{"connection", &pgconn.PgError{Code: "08006"}, news.EUNAVAILABLE},
		{"syntax", &pgconn.PgError{Code: "42601"}, news.EINTERNAL},
		{"short code", &pgconn.PgError{Code: "X"}, news.EINTERNAL},
		{"other", errors.New("x"), news.EINTERNAL},
	}
	for _, tt := range tests {
		if got := errorCode(tt.err); got != tt.code {
			t.Errorf("%s: errorCode = %q, want %q", tt.name, got, tt.code)
		}
	}

	err := dbError(sql.ErrNoRows, "article %d", 42)
	if news.ErrorCode(err) != news.ENOTFOUND || news.ErrorMessage(err) != "article 42 not found" {
		t.Errorf("dbError = %v", err)
	}
	if !errors.Is(dbError(context.DeadlineExceeded, "x"), context.DeadlineExceeded) {
		t.Error("dbError hides the cause from errors.Is")
	}
	already := news.Errorf(news.ECONFLICT, "mine")
	if dbError(already, "x") != error(already) {
		t.Error("dbError rewrapped a *news.Error")
	}
	if dbError(nil, "x") != nil {
		t.Error("dbError(nil) is not nil")
	}
}

func TestMigrationsAreInStepAcrossDialects(t *testing.T) {
	lite, err := sqliteDialect.migrations()
	if err != nil {
		t.Fatal(err)
	}
	pg, err := postgresDialect.migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 || len(lite) != len(pg) {
		t.Fatalf("%d SQLite migrations, %d PostgreSQL", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].version != pg[i].version || lite[i].name != pg[i].name {
			t.Errorf("migration %d: %s vs %s", i, lite[i].name, pg[i].name)
		}
		// The same tables and indexes, by name.
		if a, b := createdNames(lite[i].sql), createdNames(pg[i].sql); a != b {
			t.Errorf("%s creates\n sqlite:   %s\n postgres: %s", lite[i].name, a, b)
		}
	}
}

// createdNames lists the tables and indexes a script creates.
func createdNames(script string) string {
	var names []string
	for _, line := range strings.Split(script, "\n") {
		f := strings.Fields(line)
		if len(f) >= 3 && f[0] == "CREATE" && (f[1] == "TABLE" || f[1] == "INDEX") {
			names = append(names, f[1]+" "+f[2])
		}
	}
	return strings.Join(names, ", ")
}

func FuzzPlainText(f *testing.F) {
	for _, s := range []string{"<p>a</p>", "<!--", "<script", "a<b", "&amp;&#x41;&bogus;", "İ<SCRİPT>x</script>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := plainText(s)
		if strings.Contains(out, "  ") || strings.TrimSpace(out) != out {
			t.Errorf("plainText(%q) = %q: spaces not collapsed", s, out)
		}
		if !strings.Contains(s, "<") && !strings.Contains(s, "&") &&
			out != strings.Join(strings.Fields(s), " ") {
			t.Errorf("plainText(%q) = %q changed text without markup", s, out)
		}
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2024-05-06T07:08:09.123456Z", "2024-05-06", "", "x", "2024-05-06 07:08:09"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := parseTime(s)
		if err != nil {
			return
		}
		if !tm.IsZero() && tm.Location() != time.UTC {
			t.Errorf("parseTime(%q) = %v, not UTC", s, tm)
		}
		// What we write, we read back the same.
		if !tm.IsZero() && tm.Year() >= 0 && tm.Year() <= 9999 {
			back, err := parseTime(tm.Format(timeLayout))
			if err != nil || !back.Equal(tm) {
				t.Errorf("%v re-parsed as %v, %v", tm, back, err)
			}
		}
	})
}
