package admin

import (
	"net/url"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
)

// The buttons of the article form, sent as the value of "action".
const (
	actionSave      = "save"
	actionPublish   = "publish"
	actionSchedule  = "schedule"
	actionUnpublish = "unpublish"
	actionPreview   = "preview"
)

// datetimeLocal is the layout of an <input type="datetime-local">.
const datetimeLocal = "2006-01-02T15:04"

// Bounds on form fields the publishing service does not bound itself, so
// that a pasted novel in the tags box cannot make thousands of lookups.
const (
	maxShortField = 2000
	maxListField  = 8000
)

// articleForm is the article form as sent, kept as text so that a form
// that fails shows exactly what the user typed.
type articleForm struct {
	Title        string
	Subtitle     string
	Slug         string
	Summary      string
	Body         string
	Format       string
	Language     string
	Authors      string // one name per line, in order
	Tags         string // comma-separated
	ImageURL     string
	ImageAlt     string
	ImageCaption string
	ImageCredit  string
	SourceName   string
	SourceURL    string
	CanonicalURL string
	NoteBefore   string
	NoteAfter    string
	Newsletter   bool
	Featured     bool
	ScheduleAt   string // datetime-local, in the site's time zone
	Action       string
}

// formError is a problem with the form, shown next to Field ("" for the
// whole form).
type formError struct {
	Field string
	err   error
}

// parseArticleForm reads the form fields. It fails only on what no
// button could make sense of: an unknown action or format.
func parseArticleForm(v url.Values) (articleForm, *formError) {
	f := articleForm{
		Title:        cleanLine(v.Get("title"), maxShortField),
		Subtitle:     cleanLine(v.Get("subtitle"), maxShortField),
		Slug:         cleanLine(v.Get("slug"), maxShortField),
		Summary:      cleanBlock(v.Get("summary"), maxShortField*4),
		Body:         cleanBlock(v.Get("body"), publishing.MaxBodyBytes),
		Format:       cleanLine(v.Get("format"), 20),
		Language:     cleanLine(v.Get("language"), 40),
		Authors:      cleanBlock(v.Get("authors"), maxListField),
		Tags:         cleanLine(v.Get("tags"), maxListField),
		ImageURL:     cleanLine(v.Get("image_url"), maxShortField),
		ImageAlt:     cleanLine(v.Get("image_alt"), maxShortField),
		ImageCaption: cleanLine(v.Get("image_caption"), maxShortField),
		ImageCredit:  cleanLine(v.Get("image_credit"), maxShortField),
		SourceName:   cleanLine(v.Get("source_name"), maxShortField),
		SourceURL:    cleanLine(v.Get("source_url"), maxShortField),
		CanonicalURL: cleanLine(v.Get("canonical_url"), maxShortField),
		NoteBefore:   cleanBlock(v.Get("note_before"), publishing.MaxNoteBytes),
		NoteAfter:    cleanBlock(v.Get("note_after"), publishing.MaxNoteBytes),
		Newsletter:   v.Get("newsletter") != "",
		Featured:     v.Get("featured") != "",
		ScheduleAt:   cleanLine(v.Get("schedule_at"), 40),
		Action:       cleanLine(v.Get("action"), 20),
	}
	if f.Format == "" {
		f.Format = string(news.FormatMarkdown)
	}
	if f.Action == "" {
		f.Action = actionSave
	}
	switch f.Action {
	case actionSave, actionPublish, actionSchedule, actionUnpublish, actionPreview:
	default:
		return f, &formError{err: news.Errorf(news.EINVALID, "The form's action %q is unknown; use one of its buttons.", f.Action)}
	}
	if !news.BodyFormat(f.Format).Valid() {
		return f, &formError{Field: "format", err: news.Errorf(news.EINVALID, "The format %q is neither markdown nor html.", f.Format)}
	}
	return f, nil
}

// input turns the form into what the publishing service saves. Status
// and publication time are left to the caller.
func (f articleForm) input() publishing.Input {
	in := publishing.Input{
		Title: f.Title, Subtitle: f.Subtitle, Slug: f.Slug, Summary: f.Summary,
		Language: f.Language, Format: news.BodyFormat(f.Format), Body: f.Body,
		Image:      news.Image{URL: f.ImageURL, Alt: f.ImageAlt, Caption: f.ImageCaption, Credit: f.ImageCredit},
		SourceName: f.SourceName, SourceURL: f.SourceURL, CanonicalURL: f.CanonicalURL,
		NoteBefore: f.NoteBefore, NoteAfter: f.NoteAfter,
		Newsletter: f.Newsletter, Featured: f.Featured,
	}
	for _, line := range strings.Split(f.Authors, "\n") {
		if name := strings.TrimSpace(line); name != "" {
			in.Authors = append(in.Authors, publishing.AuthorRef{Name: name})
		}
	}
	for _, t := range strings.Split(f.Tags, ",") {
		if t = strings.TrimSpace(t); t != "" {
			in.Tags = append(in.Tags, t)
		}
	}
	return in
}

// scheduleTime reads the datetime-local field as a time in loc.
func (f articleForm) scheduleTime(loc *time.Location) (time.Time, *formError) {
	if f.ScheduleAt == "" {
		return time.Time{}, &formError{Field: "schedule_at",
			err: news.Errorf(news.EINVALID, "Choose the date and time to publish at.")}
	}
	layout := datetimeLocal
	if strings.Count(f.ScheduleAt, ":") == 2 {
		layout += ":05" // browsers add seconds when the step allows them
	}
	t, err := time.ParseInLocation(layout, f.ScheduleAt, loc)
	if err != nil {
		return time.Time{}, &formError{Field: "schedule_at",
			err: news.Errorf(news.EINVALID, "The publication time %q is not a date and time such as 2025-06-30T09:00.", f.ScheduleAt)}
	}
	return t, nil
}

// formOf returns the form showing article ar as stored.
func formOf(ar news.Article, loc *time.Location) articleForm {
	in := publishing.InputFrom(ar)
	f := articleForm{
		Title: ar.Title, Subtitle: ar.Subtitle, Slug: ar.Slug, Summary: in.Summary,
		Body: ar.Body, Format: string(ar.Format), Language: ar.Language,
		ImageURL: ar.Image.URL, ImageAlt: ar.Image.Alt, ImageCaption: ar.Image.Caption, ImageCredit: ar.Image.Credit,
		SourceName: ar.SourceName, SourceURL: ar.SourceURL, CanonicalURL: ar.CanonicalURL,
		NoteBefore: ar.NoteBefore, NoteAfter: ar.NoteAfter,
		Newsletter: ar.Newsletter, Featured: ar.Featured,
	}
	names := make([]string, len(ar.Authors))
	for i, au := range ar.Authors {
		names[i] = au.Name
	}
	f.Authors = strings.Join(names, "\n")
	tags := make([]string, len(ar.Tags))
	for i, t := range ar.Tags {
		tags[i] = t.Name
	}
	f.Tags = strings.Join(tags, ", ")
	if ar.Status == news.StatusScheduled && !ar.PublishedAt.IsZero() {
		f.ScheduleAt = ar.PublishedAt.In(loc).Format(datetimeLocal)
	}
	return f
}

// cleanLine is cleanText for one-line fields.
func cleanLine(s string, max int) string { return cleanText(s, max) }

// cleanBlock keeps line breaks and tabs but otherwise cleans like
// cleanText; CRLF from browsers becomes LF so that diffs line up.
func cleanBlock(s string, max int) string {
	return clean(strings.ReplaceAll(s, "\r\n", "\n"), max, true)
}
