package demo

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/goccy/go-yaml"
)

// translationFiles are the demo's human translations: one file per
// article and language, translations/<slug>/<code>.md, with the
// translated fields in front matter and the body in Markdown with the
// same block structure and inline markup as the original.
//
//go:embed translations
var translationFiles embed.FS

// TranslationFile is one person's translation of a demo article.
type TranslationFile struct {
	Name string // path inside the embedded tree
	Slug string
	Lang string

	Title        string `yaml:"title"`
	Subtitle     string `yaml:"subtitle"`
	Summary      string `yaml:"summary"`
	ImageAlt     string `yaml:"image_alt"`
	ImageCaption string `yaml:"image_caption"`
	ImageCredit  string `yaml:"image_credit"`
	NoteBefore   string `yaml:"note_before"`
	NoteAfter    string `yaml:"note_after"`
	Body         string `yaml:"-"`
}

// LoadTranslations returns the demo's translations, ordered by article
// and language.
func LoadTranslations() ([]TranslationFile, error) {
	return loadTranslations(translationFiles)
}

func loadTranslations(fsys fs.FS) ([]TranslationFile, error) {
	names, err := fs.Glob(fsys, "translations/*/*.md")
	if err != nil {
		return nil, err
	}
	out := make([]TranslationFile, 0, len(names))
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		tf, err := parseTranslation(name, data)
		if err != nil {
			return nil, err
		}
		out = append(out, tf)
	}
	return out, nil
}

// parseTranslation reads one translation file; errors name the file.
func parseTranslation(name string, data []byte) (TranslationFile, error) {
	tf := TranslationFile{
		Name: name,
		Slug: path.Base(path.Dir(name)),
		Lang: strings.TrimSuffix(path.Base(name), ".md"),
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	if !strings.HasPrefix(text, "---\n") {
		return tf, fmt.Errorf("%s: does not start with a front matter line ---", name)
	}
	front, body, ok := strings.Cut(text[len("---\n"):], "\n---\n")
	if !ok {
		return tf, fmt.Errorf("%s: the front matter has no closing --- line", name)
	}
	dec := yaml.NewDecoder(bytes.NewReader([]byte(front)), yaml.DisallowUnknownField())
	if err := dec.Decode(&tf); err != nil {
		return tf, fmt.Errorf("%s: %v", name, err)
	}
	tf.Body = strings.TrimSpace(body)
	if strings.TrimSpace(tf.Title) == "" || tf.Body == "" {
		return tf, fmt.Errorf("%s: a translation needs a title and a body", name)
	}
	return tf, nil
}
