package cli

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/byline-news/byline/internal/urls"
)

func runImportMarkdown(ctx context.Context, env IO, args []string) error {
	fset, done := flags("import markdown", env, false)
	cfg, err := parse(fset, done, args)
	if err != nil {
		return err
	}
	if fset.NArg() == 0 {
		return fmt.Errorf("%w: name one or more Markdown files or directories", errUsage)
	}
	paths, err := markdownFiles(fset.Args())
	if err != nil {
		return err
	}
	a, err := open(ctx, env, cfg, false)
	if err != nil {
		return err
	}
	defer a.Close()

	imported := 0
	for _, p := range paths {
		res, err := a.Importer.ImportFile(ctx, p)
		if err != nil {
			fmt.Fprintf(env.Stderr, "error: %v\n", err)
			continue
		}
		imported++
		url := a.URLs.Abs(urls.Article(res.Article.Slug))
		status := ""
		if res.Article.Status != "published" {
			status = " (" + string(res.Article.Status) + ")"
		}
		fmt.Fprintf(env.Stdout, "%s%s: %s\n", p, status, url)
		for _, au := range res.Report.CreatedAuthors {
			fmt.Fprintf(env.Stderr, "%s: created author %q (%s) at %s\n", p, au.Name, au.Kind, a.URLs.Abs(urls.Author(au.Slug)))
		}
	}
	fmt.Fprintf(env.Stderr, "imported %d of %d files\n", imported, len(paths))
	if imported != len(paths) {
		return fmt.Errorf("%d files had errors and were not imported", len(paths)-imported)
	}
	return nil
}

// markdownFiles expands directories into the .md and .markdown files
// below them, in a stable order; files named directly are kept as given.
func markdownFiles(args []string) ([]string, error) {
	var out []string
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			out = append(out, arg)
			continue
		}
		var found []string
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			ext := strings.ToLower(filepath.Ext(p))
			if !d.IsDir() && (ext == ".md" || ext == ".markdown") {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}
