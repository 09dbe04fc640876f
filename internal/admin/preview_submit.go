package admin

import (
	"bytes"
	_ "embed"
	"net/http"
	"strconv"
	"time"

	"github.com/byline-news/byline/internal/httperr"
	"github.com/byline-news/byline/internal/news"
)

// editorJS is the editor's script: live preview and autosave. The page
// works without it.
//
//go:embed assets/editor.js
var editorJS []byte

// previewSubmit answers the editor script with the body rendered by the
// server's own renderer: the sanitized HTML fragment readers would get.
func (e *editor) previewSubmit(w http.ResponseWriter, r *http.Request, v *visit) {
	if !e.readForm(w, r, v) {
		return
	}
	if !v.user.Role.Can(news.ActionWriteDrafts) {
		e.renderError(w, r, forbidden("Your role may not write articles."))
		return
	}
	format := news.BodyFormat(r.PostForm.Get("format"))
	if format == "" {
		format = news.FormatMarkdown
	}
	out, err := e.rd.Body(format, cleanBlock(r.PostForm.Get("body"), maxFormBytesArticle))
	if err != nil {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(httperr.Status(err))
		_, _ = w.Write([]byte(news.ErrorMessage(err)))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(out)))
	// The fragment is shown inside the admin's page; it must never be
	// sniffed or framed as a page of its own.
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write([]byte(out))
}

// editorScript serves assets/editor.js, revalidated by its ETag.
func (e *editor) editorScript(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Type", "text/javascript; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, "editor.js", time.Time{}, bytes.NewReader(editorJS))
}

// maxFormBytesArticle bounds the article form's body: an article's body
// and notes at their limits, URL-encoded (up to three bytes a byte).
const maxFormBytesArticle = 32 << 20

// bodyLimit is how large a POST body to path may be.
func bodyLimit(path string) int64 {
	if path == "/admin/articles" || path == "/admin/preview" ||
		(len(path) > len("/admin/articles/") && path[:len("/admin/articles/")] == "/admin/articles/") {
		return maxFormBytesArticle
	}
	return maxFormBytes
}
