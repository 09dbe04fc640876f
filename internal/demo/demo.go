// Package demo holds the demo site that `byline demo` serves: articles
// written for the project, author profiles and site settings, all embedded
// in the binary, and a generator for the articles' featured images.
package demo

import (
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/byline-news/byline/internal/news"
)

//go:embed content/*.md authors.yaml site.yaml
var files embed.FS

// Content is the demo site as shipped.
type Content struct {
	// Articles are the Markdown files with YAML front matter, in the
	// import format, ordered by name.
	Articles []ArticleFile
	// Authors are the profiles of everyone the articles are by.
	Authors []news.Author
	// Settings are the site settings: the defaults with the demo's own
	// name, notices, notes, links and addresses.
	Settings news.Settings
}

// ArticleFile is one embedded article file.
type ArticleFile struct {
	Name string // the path inside the embedded tree, such as "content/bridge.md"
	Data []byte
}

// Load returns the demo content.
func Load() (Content, error) {
	return load(files)
}

// load reads the demo content from fsys, which holds the same layout as
// the embedded tree; tests pass broken trees.
func load(fsys fs.FS) (Content, error) {
	var c Content
	names, err := fs.Glob(fsys, "content/*.md")
	if err != nil {
		return c, err
	}
	if len(names) == 0 {
		return c, news.Errorf(news.EINVALID, "The demo has no articles in content/.")
	}
	// fs.Glob returns names in lexical order, which keeps seeding stable.
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return c, err
		}
		c.Articles = append(c.Articles, ArticleFile{Name: name, Data: data})
	}

	data, err := fs.ReadFile(fsys, "authors.yaml")
	if err != nil {
		return c, err
	}
	if c.Authors, err = parseAuthors(data); err != nil {
		return c, fmt.Errorf("authors.yaml: %w", err)
	}

	data, err = fs.ReadFile(fsys, "site.yaml")
	if err != nil {
		return c, err
	}
	if c.Settings, err = parseSettings(data); err != nil {
		return c, fmt.Errorf("site.yaml: %w", err)
	}
	return c, nil
}

// authorsFile is the layout of authors.yaml.
type authorsFile struct {
	Authors []struct {
		Name    string      `yaml:"name"`
		Slug    string      `yaml:"slug"`
		Kind    string      `yaml:"kind"`
		Bio     string      `yaml:"bio"`
		Website string      `yaml:"website"`
		Social  []linkEntry `yaml:"social"`
	} `yaml:"authors"`
}

type linkEntry struct {
	Network string `yaml:"network"`
	URL     string `yaml:"url"`
}

// parseAuthors decodes and checks authors.yaml. Unknown keys are refused so
// that a misspelt field fails here rather than vanishing from a profile.
func parseAuthors(data []byte) ([]news.Author, error) {
	var f authorsFile
	if err := yaml.UnmarshalWithOptions(data, &f, yaml.Strict()); err != nil {
		return nil, news.WrapError(news.EINVALID, err, "The author profiles could not be read: %s", firstLine(err))
	}
	if len(f.Authors) == 0 {
		return nil, news.Errorf(news.EINVALID, "The file lists no authors under \"authors:\".")
	}
	var (
		out   []news.Author
		names = map[string]bool{}
		slugs = map[string]bool{}
	)
	for i, a := range f.Authors {
		au := news.Author{
			Name: strings.TrimSpace(a.Name), Slug: strings.TrimSpace(a.Slug),
			Kind: news.AuthorKind(a.Kind), Bio: strings.TrimSpace(a.Bio), Website: a.Website,
		}
		if au.Kind == "" {
			au.Kind = news.KindPerson
		}
		switch {
		case au.Name == "":
			return nil, news.Errorf(news.EINVALID, "Author %d has no name.", i+1)
		case !validSlug(au.Slug):
			return nil, news.Errorf(news.EINVALID,
				"Author %q has the slug %q; a slug is lower-case letters, digits and single hyphens.", au.Name, au.Slug)
		case !au.Kind.Valid():
			return nil, news.Errorf(news.EINVALID, "Author %q has the kind %q; use person or organization.", au.Name, a.Kind)
		case names[au.Name]:
			return nil, news.Errorf(news.EINVALID, "The author %q is listed twice.", au.Name)
		case slugs[au.Slug]:
			return nil, news.Errorf(news.EINVALID, "The slug %q belongs to two authors.", au.Slug)
		}
		names[au.Name], slugs[au.Slug] = true, true
		if au.Website != "" {
			if err := checkLink(au.Website); err != nil {
				return nil, news.Errorf(news.EINVALID, "The website of %q: %s", au.Name, err)
			}
		}
		for _, l := range a.Social {
			if l.Network == "" || strings.ToLower(l.Network) != l.Network {
				return nil, news.Errorf(news.EINVALID,
					"A social link of %q has the network %q; use a lower-case name such as mastodon.", au.Name, l.Network)
			}
			if err := checkLink(l.URL); err != nil {
				return nil, news.Errorf(news.EINVALID, "The %s link of %q: %s", l.Network, au.Name, err)
			}
			au.Social = append(au.Social, news.Link{Network: l.Network, URL: l.URL})
		}
		out = append(out, au)
	}
	return out, nil
}

// siteFile is the layout of site.yaml. Every field is optional: an absent
// one keeps its value from news.DefaultSettings.
type siteFile struct {
	Name             string      `yaml:"name"`
	Tagline          string      `yaml:"tagline"`
	LogoURL          string      `yaml:"logo_url"`
	TimeZone         string      `yaml:"time_zone"`
	Disclaimer       string      `yaml:"disclaimer"`
	FairUse          string      `yaml:"fair_use"`
	NoteBefore       string      `yaml:"note_before"`
	NoteAfter        string      `yaml:"note_after"`
	Follow           []linkEntry `yaml:"follow"`
	ContactEmail     string      `yaml:"contact_email"`
	MediaEmail       string      `yaml:"media_email"`
	PermissionsEmail string      `yaml:"permissions_email"`
	Licence          string      `yaml:"licence"`
}

// parseSettings decodes site.yaml over news.DefaultSettings.
func parseSettings(data []byte) (news.Settings, error) {
	s := news.DefaultSettings()
	var f siteFile
	if err := yaml.UnmarshalWithOptions(data, &f, yaml.Strict()); err != nil {
		return s, news.WrapError(news.EINVALID, err, "The site settings could not be read: %s", firstLine(err))
	}
	for _, field := range []struct {
		dst *string
		src string
	}{
		{&s.Name, f.Name}, {&s.Tagline, f.Tagline}, {&s.LogoURL, f.LogoURL}, {&s.TimeZone, f.TimeZone},
		{&s.Disclaimer, f.Disclaimer}, {&s.FairUse, f.FairUse},
		{&s.NoteBefore, f.NoteBefore}, {&s.NoteAfter, f.NoteAfter},
		{&s.ContactEmail, f.ContactEmail}, {&s.MediaEmail, f.MediaEmail},
		{&s.PermissionsEmail, f.PermissionsEmail}, {&s.Licence, f.Licence},
	} {
		if v := strings.TrimSpace(field.src); v != "" {
			*field.dst = v
		}
	}
	for _, e := range []struct{ what, addr string }{
		{"contact", s.ContactEmail}, {"media", s.MediaEmail}, {"permissions", s.PermissionsEmail},
	} {
		if e.addr != "" && !validEmail(e.addr) {
			return s, news.Errorf(news.EINVALID, "The %s address %q is not an email address.", e.what, e.addr)
		}
	}
	for _, l := range f.Follow {
		if l.Network == "" || strings.ToLower(l.Network) != l.Network {
			return s, news.Errorf(news.EINVALID, "A follow link has the network %q; use a lower-case name such as instagram.", l.Network)
		}
		// The site's own feeds are linked by path, so they follow the
		// base URL the site is served at.
		if !strings.HasPrefix(l.URL, "/") || strings.HasPrefix(l.URL, "//") {
			if err := checkLink(l.URL); err != nil {
				return s, news.Errorf(news.EINVALID, "The %s follow link: %s", l.Network, err)
			}
		}
		s.Follow = append(s.Follow, news.Link{Network: l.Network, URL: l.URL})
	}
	return s, nil
}

// checkLink accepts absolute http and https URLs.
func checkLink(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("%q is not an absolute http or https URL", raw)
	}
	return nil
}

// validSlug reports whether s is lower-case ASCII letters and digits in
// hyphen-separated runs, the form article and author URLs use.
func validSlug(s string) bool {
	if s == "" || strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return true
}

// validEmail is a plain shape check: one @ with text on both sides and a
// dot in the domain. The settings are ours; this catches typos only.
func validEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && strings.Contains(domain, ".") && !strings.ContainsAny(s, " \t\n<>,;") &&
		!strings.Contains(domain, "@")
}

// firstLine returns the first line of err's text; the YAML decoder appends
// a multi-line excerpt of the source that is noise in a one-line message.
func firstLine(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}

// ImageSlug returns the slug a featured image path such as
// "images/bridge.jpg" names: the file name without its extension. It is
// the slug to pass to JPEG, and "" for a remote URL.
func ImageSlug(imagePath string) string {
	if strings.Contains(imagePath, "://") || imagePath == "" {
		return ""
	}
	base := path.Base(imagePath)
	return strings.TrimSuffix(base, path.Ext(base))
}
