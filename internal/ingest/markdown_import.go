package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/byline-news/byline/internal/media"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
)

// Importer stores parsed article files through the publishing service, one
// transaction per file, so that a broken file imports nothing.
type Importer struct {
	svc   *publishing.Service
	media *media.Local
}

// NewImporter returns an importer that saves through svc and keeps local
// images in m.
func NewImporter(svc *publishing.Service, m *media.Local) *Importer {
	return &Importer{svc: svc, media: m}
}

// Result is the outcome of importing one file.
type Result struct {
	Path    string
	Article news.Article
	Report  publishing.Report
}

// ImportFile reads, parses and stores one Markdown file.
func (im *Importer) ImportFile(ctx context.Context, path string) (Result, error) {
	data, err := readLimited(path, MaxBodyBytes+1<<20)
	if err != nil {
		return Result{}, err
	}
	doc, err := ParseMarkdown(path, data)
	if err != nil {
		return Result{}, err
	}
	return im.ImportDocument(ctx, doc, "import")
}

// ImportDocument stores an already parsed document. editor is recorded in
// the article's revision history.
func (im *Importer) ImportDocument(ctx context.Context, doc Document, editor string) (Result, error) {
	in, err := im.input(doc)
	if err != nil {
		return Result{}, err
	}
	a, rep, err := im.svc.Create(ctx, in, editor)
	if err != nil {
		return Result{}, fileError(doc.Path, err)
	}
	return Result{Path: doc.Path, Article: a, Report: rep}, nil
}

// DocumentInput converts a parsed document into the publishing service's
// input as it is; the image URL is left as written.
func DocumentInput(doc Document) publishing.Input {
	in := publishing.Input{
		Title: doc.Title, Subtitle: doc.Subtitle, Slug: doc.Slug, Summary: doc.Summary,
		Language: doc.Language, Format: doc.Format, Body: doc.Body, Status: doc.Status,
		PublishedAt: doc.Date, Image: doc.Image,
		SourceName: doc.SourceName, SourceURL: doc.SourceURL, CanonicalURL: doc.CanonicalURL,
		NoteBefore: doc.NoteBefore, NoteAfter: doc.NoteAfter,
		Newsletter: doc.Newsletter, Featured: doc.Featured, Tags: doc.Tags,
	}
	for _, a := range doc.Authors {
		in.Authors = append(in.Authors, publishing.AuthorRef{Name: a.Name, Kind: a.Kind})
	}
	return in
}

// input is DocumentInput with a local featured image stored in the media
// store first. A remote image URL is linked, never fetched: the importer
// makes no outside requests.
func (im *Importer) input(doc Document) (publishing.Input, error) {
	in := DocumentInput(doc)
	if doc.Image.URL == "" {
		return in, nil
	}
	remote, local, err := ResolveImage(doc)
	if err != nil {
		return in, err
	}
	if remote != "" {
		in.Image.URL = remote
		return in, nil
	}
	line := max(doc.imageLine, 1)
	data, err := readLimited(local, media.MaxImageBytes+1)
	if err != nil {
		code := news.EINVALID // a missing or unreadable file is the document's problem
		if news.ErrorCode(err) == news.ETOOLARGE {
			code = news.ETOOLARGE
		}
		return in, &ParseError{Path: doc.Path, Line: line, Msg: "image: " + err.Error(), Code: code}
	}
	stored, err := im.media.PutImage(data, "The image "+local)
	if err != nil {
		return in, &ParseError{Path: doc.Path, Line: line, Msg: news.ErrorMessage(err), Code: news.ErrorCode(err)}
	}
	in.Image.URL, in.Image.Width, in.Image.Height = stored.URL, stored.Width, stored.Height
	return in, nil
}

// readLimited reads a file, refusing one larger than max bytes before
// reading it whole.
func readLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, errors.Unwrap(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(data)) > max {
		return nil, &ParseError{Path: path, Line: 1, Code: news.ETOOLARGE, Msg: fmt.Sprintf("the file is larger than %d MB", max>>20)}
	}
	return data, nil
}

// fileError names the file in an error found after parsing. Problems with
// the content point at the front matter; others (a database outage) keep
// their cause.
func fileError(path string, err error) error {
	switch news.ErrorCode(err) {
	case news.EINVALID, news.ETOOLARGE, news.ECONFLICT:
		return &ParseError{Path: path, Line: 1, Msg: news.ErrorMessage(err), Code: news.ErrorCode(err)}
	}
	return fmt.Errorf("%s: %w", path, err)
}
