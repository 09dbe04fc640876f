package admin

import (
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/byline-news/byline/internal/news"
)

func TestParseArticleForm(t *testing.T) {
	v := url.Values{
		"title": {"  Hello\x00 "}, "body": {"a\r\nb\tc\x07"}, "authors": {"Mara Quill\r\n\r\n Jo Park \n"},
		"tags": {"Harbour, , Economy ,"}, "newsletter": {"1"}, "action": {"publish"}, "format": {"html"},
	}
	f, fe := parseArticleForm(v)
	if fe != nil {
		t.Fatal(fe.err)
	}
	in := f.input()
	if in.Title != "  Hello " || in.Body != "a\nb\tc" || in.Format != news.FormatHTML || !in.Newsletter || in.Featured {
		t.Errorf("input %+v", in)
	}
	if len(in.Authors) != 2 || in.Authors[0].Name != "Mara Quill" || in.Authors[1].Name != "Jo Park" {
		t.Errorf("authors %+v", in.Authors)
	}
	if strings.Join(in.Tags, "|") != "Harbour|Economy" {
		t.Errorf("tags %q", in.Tags)
	}
	for _, bad := range []url.Values{{"action": {"delete"}}, {"format": {"docx"}}} {
		if _, fe := parseArticleForm(bad); fe == nil || news.ErrorCode(fe.err) != news.EINVALID {
			t.Errorf("%v: accepted", bad)
		}
	}
}

func TestScheduleTime(t *testing.T) {
	lisbon, err := time.LoadLocation("Europe/Lisbon")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	tests := []struct {
		name, in string
		want     time.Time
		field    bool
	}{
		{"summer time", "2025-06-10T09:30", time.Date(2025, 6, 10, 8, 30, 0, 0, time.UTC), false},
		{"winter time", "2025-01-10T09:30", time.Date(2025, 1, 10, 9, 30, 0, 0, time.UTC), false},
		{"with seconds", "2025-06-10T09:30:15", time.Date(2025, 6, 10, 8, 30, 15, 0, time.UTC), false},
		{"empty", "", time.Time{}, true},
		{"garbage", "tomorrow", time.Time{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, fe := articleForm{ScheduleAt: tc.in}.scheduleTime(lisbon)
			if tc.field {
				if fe == nil || fe.Field != "schedule_at" {
					t.Fatalf("got %v, want an error at schedule_at", got)
				}
				return
			}
			if fe != nil || !got.Equal(tc.want) {
				t.Errorf("got %v (%v), want %v", got, fe, tc.want)
			}
		})
	}
}

// FuzzParseArticleForm feeds arbitrary query strings to the form parser:
// it never panics, every error is an EINVALID naming the problem, and what
// it keeps is valid UTF-8 within the bounds.
func FuzzParseArticleForm(f *testing.F) {
	f.Add("title=x&body=y&action=save")
	f.Add("action=schedule&schedule_at=2025-13-40T25:61")
	f.Add("format=%FF&authors=%0D%0A%00&tags=%2C%2C")
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		f, fe := parseArticleForm(v)
		if fe != nil {
			if news.ErrorCode(fe.err) != news.EINVALID || news.ErrorMessage(fe.err) == "" {
				t.Fatalf("error %v", fe.err)
			}
			return
		}
		for _, s := range []string{f.Title, f.Body, f.Authors, f.Tags, f.NoteBefore, f.SourceName} {
			if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
				t.Fatalf("kept invalid text %q", s)
			}
		}
		in := f.input()
		for _, a := range in.Authors {
			if a.Name == "" || strings.ContainsAny(a.Name, "\n\r") {
				t.Fatalf("author %q", a.Name)
			}
		}
		_, _ = f.scheduleTime(time.UTC)
	})
}
