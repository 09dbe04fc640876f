package app_test

import (
	"bytes"
	"image"
	"image/jpeg"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fullArticle uses every front-matter field of the import contract.
const fullArticle = `---
title: Grain convoy reaches the port
subtitle: The first shipment in four months
authors:
  - Mara Quell
  - name: Harbour Wire
    kind: organization
date: 2026-11-20T07:15:00Z
tags: [Trade, Ports]
language: en
image: img/convoy.jpg
image_caption: Trucks queue at the grain terminal.
image_credit: "Photo: Harbour Wire"
source_name: Harbour Wire
source_url: https://wire.example/grain-convoy
canonical_url: https://wire.example/grain-convoy
notes:
  before: "Note to readers: this report was updated at noon."
  after: "Corrections: write to the desk."
newsletter: true
---
The convoy arrived at dawn.

> "We waited four months for this," said a driver.
`

// TestImportedArticleShowsEveryElementEverywhere imports a Markdown file
// with every front-matter field through the real binary and checks the
// article page, the author page, the feeds and the sitemap.
func TestImportedArticleShowsEveryElementEverywhere(t *testing.T) {
	eachDatabase(t, func(t *testing.T, dataDir, dbURL string) {
		srv := startServer(t, dataDir, dbURL)
		dir := t.TempDir()
		var img bytes.Buffer
		if err := jpeg.Encode(&img, image.NewRGBA(image.Rect(0, 0, 120, 80)), nil); err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(dir, "img"), 0o755)
		os.WriteFile(filepath.Join(dir, "img", "convoy.jpg"), img.Bytes(), 0o644)
		md := filepath.Join(dir, "convoy.md")
		os.WriteFile(md, []byte(fullArticle), 0o644)

		args := []string{"import", "markdown", "--data", dataDir, "--base-url", srv.url}
		if dbURL != "" {
			args = append(args, "--database-url", dbURL)
		}
		out, err := exec.Command(bylineBin, append(args, md)...).CombinedOutput()
		if err != nil {
			t.Fatalf("import: %v\n%s", err, out)
		}
		articleURL := srv.url + "/articles/grain-convoy-reaches-the-port"
		if !strings.Contains(string(out), articleURL) {
			t.Fatalf("import output does not print the public URL %s:\n%s", articleURL, out)
		}

		var page string
		deadline := time.Now().Add(2 * time.Second)
		for {
			code, body := get(t, articleURL)
			if code == http.StatusOK {
				page = body
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("article page = %d", code)
			}
			time.Sleep(50 * time.Millisecond)
		}
		for what, want := range map[string]string{
			"title":             "Grain convoy reaches the port",
			"subtitle":          "The first shipment in four months",
			"person byline":     `href="/authors/mara-quell"`,
			"org byline":        `href="/authors/harbour-wire"`,
			"featured image":    `src="/media/`,
			"caption":           "Trucks queue at the grain terminal.",
			"credit":            "Photo: Harbour Wire",
			"quoted speech":     "<blockquote>",
			"note before":       "this report was updated at noon",
			"note after":        "Corrections: write to the desk.",
			"source link":       `href="https://wire.example/grain-convoy"`,
			"canonical":         `<link rel="canonical" href="https://wire.example/grain-convoy">`,
			"tag":               `href="/tags/trade"`,
			"language menu":     `hreflang="ar"`,
			"share buttons":     "facebook.com/sharer",
			"newsletter cta":    `href="/newsletter"`,
			"licence":           "hyperlink",
			"disclaimer":        "do not necessarily reflect",
			"published date":    `datetime="2026-11-20T07:15:00Z"`,
			"contact link":      `href="/contact"`,
			"feed autodiscover": `type="application/rss`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("article page lacks the %s (%q)", what, want)
			}
		}

		code, author := get(t, srv.url+"/authors/harbour-wire")
		if code != http.StatusOK || !strings.Contains(author, "Articles by: Harbour Wire") || !strings.Contains(author, "Grain convoy reaches the port") {
			t.Errorf("author page (%d) lacks its title or the article", code)
		}
		for _, feed := range []string{"/feed.xml", "/atom.xml", "/feed.json"} {
			code, body := get(t, srv.url+feed)
			if code != http.StatusOK || !strings.Contains(body, "Grain convoy reaches the port") ||
				!strings.Contains(body, "wire.example/grain-convoy") || !strings.Contains(body, "Mara Quell") {
				t.Errorf("%s (%d) lacks the article, its source link or its byline", feed, code)
			}
		}
		code, sitemap := get(t, srv.url+"/sitemap.xml")
		if code != http.StatusOK || !strings.Contains(sitemap, articleURL) || !strings.Contains(sitemap, srv.url+"/zh-Hant/") ||
			strings.Contains(sitemap, srv.url+"/zh-Hant/articles/grain-convoy-reaches-the-port") {
			// The pages exist in every language; an article only in the
			// languages it has been translated into.
			t.Errorf("sitemap (%d) lacks the article or the pages' language alternates, or offers an untranslated version", code)
		}
	})
}
