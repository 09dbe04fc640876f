package publishing

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/render"
)

// Limits on what an article may hold.
const (
	MaxTitleRunes   = 300
	MaxSummaryRunes = 2000
	MaxBodyBytes    = 10 << 20
	MaxNoteBytes    = 64 << 10
	MaxAuthors      = 20
	MaxTags         = 30
	summaryRunes    = 280
	maxImageSide    = 100_000
)

// AuthorRef names an author of an article: by ID, by slug, or by name (a
// name that matches no author creates one of Kind, person by default).
type AuthorRef struct {
	ID   int64           `json:"id,omitempty"`
	Slug string          `json:"slug,omitempty"`
	Name string          `json:"name,omitempty"`
	Kind news.AuthorKind `json:"kind,omitempty"`
}

// Input is an article as submitted. Empty Slug is derived from the title,
// empty Summary from the body, empty Language is the site's source
// language, empty Format is Markdown, empty Status is draft.
type Input struct {
	Title        string
	Subtitle     string
	Slug         string
	Summary      string
	Language     string
	Format       news.BodyFormat
	Body         string
	Status       news.Status
	PublishedAt  time.Time
	Image        news.Image
	SourceName   string
	SourceURL    string
	CanonicalURL string
	NoteBefore   string
	NoteAfter    string
	Newsletter   bool
	Featured     bool
	Authors      []AuthorRef
	Tags         []string
	// CreatedBy is the signed-in user creating the article; it is
	// recorded on create and ignored on update.
	CreatedBy int64
}

// InputFrom returns the Input that would save a as it is, so that callers
// can change a few fields and save.
func InputFrom(a news.Article) Input {
	summary := a.Summary
	// A summary derived from the body is left empty so that it follows the
	// body when that changes; one an editor wrote is kept.
	if summary == render.Summary(a.BodyHTML, summaryRunes) {
		summary = ""
	}
	in := Input{
		Title: a.Title, Subtitle: a.Subtitle, Slug: a.Slug, Summary: summary,
		Language: a.Language, Format: a.Format, Body: a.Body, Status: a.Status,
		PublishedAt: a.PublishedAt, Image: a.Image, SourceName: a.SourceName,
		SourceURL: a.SourceURL, CanonicalURL: a.CanonicalURL,
		NoteBefore: a.NoteBefore, NoteAfter: a.NoteAfter,
		Newsletter: a.Newsletter, Featured: a.Featured,
	}
	for _, au := range a.Authors {
		in.Authors = append(in.Authors, AuthorRef{ID: au.ID})
	}
	for _, t := range a.Tags {
		in.Tags = append(in.Tags, t.Name)
	}
	return in
}

// build validates in and turns it into the article to store, starting from
// old (zero for a new article). Authors and tags that do not exist are
// created through tx.
func (s *Service) build(ctx context.Context, tx news.Store, old news.Article, in Input) (news.Article, Report, error) {
	var rep Report
	if err := s.validate(&in); err != nil {
		return news.Article{}, rep, err
	}
	now := s.now().UTC()
	a := old
	if old.ID == 0 {
		a.CreatedBy = in.CreatedBy
	}
	a.Title, a.Subtitle = in.Title, in.Subtitle
	a.Language, a.Format, a.Body = in.Language, in.Format, in.Body
	a.Image = in.Image
	a.SourceName, a.SourceURL, a.CanonicalURL = in.SourceName, in.SourceURL, in.CanonicalURL
	a.NoteBefore, a.NoteAfter = in.NoteBefore, in.NoteAfter
	a.Newsletter, a.Featured = in.Newsletter, in.Featured

	a.Slug = in.Slug
	if a.Slug == "" {
		a.Slug = old.Slug
	}
	if a.Slug == "" {
		a.Slug = render.Slugify(in.Title)
	}

	var err error
	if a.BodyHTML, err = s.render.Body(in.Format, in.Body); err != nil {
		return news.Article{}, rep, news.WrapError(news.EINVALID, err, "The body could not be rendered.")
	}
	if a.NoteBeforeHTML, err = s.render.Markdown(in.NoteBefore); err != nil {
		return news.Article{}, rep, news.WrapError(news.EINVALID, err, "The note before the body could not be rendered.")
	}
	if a.NoteAfterHTML, err = s.render.Markdown(in.NoteAfter); err != nil {
		return news.Article{}, rep, news.WrapError(news.EINVALID, err, "The note after the body could not be rendered.")
	}
	a.Summary = in.Summary
	if a.Summary == "" {
		a.Summary = render.Summary(a.BodyHTML, summaryRunes)
	}

	a.Status, a.PublishedAt = in.Status, in.PublishedAt.UTC()
	switch a.Status {
	case news.StatusPublished:
		if a.PublishedAt.IsZero() {
			a.PublishedAt = now
		}
		// A publication date in the future means: publish then.
		if a.PublishedAt.After(now) {
			a.Status = news.StatusScheduled
		}
	case news.StatusScheduled:
		if a.PublishedAt.IsZero() {
			return news.Article{}, rep, news.Errorf(news.EINVALID, "A scheduled article needs a publication time.")
		}
		if !a.PublishedAt.After(now) {
			return news.Article{}, rep, news.Errorf(news.EINVALID,
				"The scheduled time %s is in the past.", a.PublishedAt.Format(time.RFC3339))
		}
	}

	if a.Authors, rep.CreatedAuthors, err = resolveAuthors(ctx, tx, in.Authors); err != nil {
		return news.Article{}, rep, err
	}
	if a.Tags, rep.CreatedTags, err = resolveTags(ctx, tx, in.Tags); err != nil {
		return news.Article{}, rep, err
	}
	return a, rep, nil
}

// validate checks in and fills its defaults.
func (s *Service) validate(in *Input) error {
	in.Title = strings.TrimSpace(in.Title)
	in.Subtitle = strings.TrimSpace(in.Subtitle)
	in.Summary = strings.TrimSpace(in.Summary)
	in.Slug = strings.TrimSpace(in.Slug)
	switch {
	case in.Title == "":
		return news.Errorf(news.EINVALID, "The title is required.")
	case utf8.RuneCountInString(in.Title) > MaxTitleRunes:
		return news.Errorf(news.EINVALID, "The title is longer than %d characters.", MaxTitleRunes)
	case utf8.RuneCountInString(in.Subtitle) > MaxTitleRunes:
		return news.Errorf(news.EINVALID, "The subtitle is longer than %d characters.", MaxTitleRunes)
	case utf8.RuneCountInString(in.Summary) > MaxSummaryRunes:
		return news.Errorf(news.EINVALID, "The summary is longer than %d characters.", MaxSummaryRunes)
	case len(in.Body) > MaxBodyBytes:
		return news.Errorf(news.ETOOLARGE, "The body is larger than %d MB.", MaxBodyBytes>>20)
	case len(in.NoteBefore) > MaxNoteBytes || len(in.NoteAfter) > MaxNoteBytes:
		return news.Errorf(news.ETOOLARGE, "A note is larger than %d KB.", MaxNoteBytes>>10)
	case len(in.Authors) > MaxAuthors:
		return news.Errorf(news.EINVALID, "An article can have at most %d authors.", MaxAuthors)
	case len(in.Tags) > MaxTags:
		return news.Errorf(news.EINVALID, "An article can have at most %d tags.", MaxTags)
	}
	for _, field := range []struct{ name, value string }{
		{"title", in.Title}, {"subtitle", in.Subtitle}, {"summary", in.Summary},
		{"body", in.Body}, {"source name", in.SourceName},
	} {
		if !utf8.ValidString(field.value) {
			return news.Errorf(news.EINVALID, "The %s is not valid UTF-8 text.", field.name)
		}
	}
	if in.Slug != "" && render.Slugify(in.Slug) != in.Slug {
		return news.Errorf(news.EINVALID,
			"The slug %q may hold only lower-case letters, digits and hyphens; try %q.", in.Slug, render.Slugify(in.Slug))
	}
	if in.Format == "" {
		in.Format = news.FormatMarkdown
	}
	if !in.Format.Valid() {
		return news.Errorf(news.EINVALID, "The format %q is neither markdown nor html.", in.Format)
	}
	if in.Status == "" {
		in.Status = news.StatusDraft
	}
	if !in.Status.Valid() {
		return news.Errorf(news.EINVALID, "The status %q is not one of draft, scheduled, published.", in.Status)
	}
	if in.Language == "" {
		in.Language = s.sourceLang
	}
	tag, err := language.Parse(in.Language)
	if err != nil {
		return news.Errorf(news.EINVALID, "The language %q is not a language tag such as en or pt-BR.", in.Language)
	}
	in.Language = tag.String()

	for _, u := range []struct {
		name  string
		value *string
		local bool
	}{
		{"source URL", &in.SourceURL, false},
		{"canonical URL", &in.CanonicalURL, false},
		{"image URL", &in.Image.URL, true},
	} {
		*u.value = strings.TrimSpace(*u.value)
		if err := checkURL(u.name, *u.value, u.local); err != nil {
			return err
		}
	}
	in.SourceName = strings.TrimSpace(in.SourceName)
	in.Image.Alt = strings.TrimSpace(in.Image.Alt)
	in.Image.Caption = strings.TrimSpace(in.Image.Caption)
	in.Image.Credit = strings.TrimSpace(in.Image.Credit)
	if in.Image.Width < 0 || in.Image.Height < 0 || in.Image.Width > maxImageSide || in.Image.Height > maxImageSide {
		return news.Errorf(news.EINVALID, "The image width and height must be between 0 and %d pixels.", maxImageSide)
	}
	return nil
}

// checkURL accepts "" and absolute http(s) URLs; with local it also
// accepts a path on this site ("/media/...").
func checkURL(name, raw string, local bool) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return news.Errorf(news.EINVALID, "The %s %q is not a valid URL.", name, raw)
	}
	if local && u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/") && !strings.HasPrefix(raw, "//") {
		return nil
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return news.Errorf(news.EINVALID, "The %s %q must be an absolute http or https URL.", name, raw)
	}
	return nil
}

func resolveAuthors(ctx context.Context, tx news.Store, refs []AuthorRef) ([]news.Author, []news.Author, error) {
	var (
		out     []news.Author
		created []news.Author
		seen    = map[int64]bool{}
	)
	for i, ref := range refs {
		var (
			au  news.Author
			err error
		)
		ref.Name = strings.TrimSpace(ref.Name)
		switch {
		case ref.ID != 0:
			au, err = tx.Author(ctx, ref.ID)
		case ref.Slug != "":
			au, err = tx.AuthorBySlug(ctx, ref.Slug)
		case ref.Name != "":
			au, err = tx.AuthorByName(ctx, ref.Name)
			if news.IsNotFound(err) {
				au, err = createAuthor(ctx, tx, ref)
				if err == nil {
					created = append(created, au)
				}
			}
		default:
			return nil, nil, news.Errorf(news.EINVALID, "Author %d has neither an id, a slug nor a name.", i+1)
		}
		if news.IsNotFound(err) {
			return nil, nil, news.Errorf(news.EINVALID, "Author %d (%s) does not exist.", i+1, refLabel(ref))
		}
		if err != nil {
			return nil, nil, err
		}
		if seen[au.ID] {
			continue
		}
		seen[au.ID] = true
		out = append(out, au)
	}
	return out, created, nil
}

func refLabel(r AuthorRef) string {
	switch {
	case r.ID != 0:
		return fmt.Sprintf("id %d", r.ID)
	case r.Slug != "":
		return "slug " + r.Slug
	}
	return r.Name
}

func createAuthor(ctx context.Context, tx news.Store, ref AuthorRef) (news.Author, error) {
	if utf8.RuneCountInString(ref.Name) > MaxTitleRunes {
		return news.Author{}, news.Errorf(news.EINVALID, "The author name %.40q… is too long.", ref.Name)
	}
	kind := ref.Kind
	if kind == "" {
		kind = news.KindPerson
	}
	if !kind.Valid() {
		return news.Author{}, news.Errorf(news.EINVALID, "The author kind %q is neither person nor organization.", kind)
	}
	slug, err := freeAuthorSlug(ctx, tx, render.Slugify(ref.Name))
	if err != nil {
		return news.Author{}, err
	}
	au := news.Author{Name: ref.Name, Kind: kind, Slug: slug}
	if err := tx.CreateAuthor(ctx, &au); err != nil {
		return news.Author{}, err
	}
	return au, nil
}

func resolveTags(ctx context.Context, tx news.Store, names []string) ([]news.Tag, []news.Tag, error) {
	var (
		out     []news.Tag
		created []news.Tag
		seen    = map[int64]bool{}
	)
	for _, name := range names {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if utf8.RuneCountInString(name) > 100 {
			return nil, nil, news.Errorf(news.EINVALID, "The tag %.40q… is longer than 100 characters.", name)
		}
		slug := render.Slugify(name)
		t, err := tx.TagBySlug(ctx, slug)
		if news.IsNotFound(err) {
			t = news.Tag{Name: name, Slug: slug}
			if err = tx.CreateTag(ctx, &t); err == nil {
				created = append(created, t)
			}
		}
		if err != nil {
			return nil, nil, err
		}
		if seen[t.ID] {
			continue
		}
		seen[t.ID] = true
		out = append(out, t)
	}
	return out, created, nil
}

// freeAuthorSlug returns base, or base with the first free "-N" suffix.
// It looks before it writes: on PostgreSQL a failed insert would abort the
// whole transaction.
func freeAuthorSlug(ctx context.Context, tx news.Store, base string) (string, error) {
	slug := base
	for n := 2; ; n++ {
		_, err := tx.AuthorBySlug(ctx, slug)
		if news.IsNotFound(err) {
			return slug, nil
		}
		if err != nil {
			return "", err
		}
		slug = fmt.Sprintf("%s-%d", base, n)
	}
}
