package admin

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"path"
	"strings"

	"github.com/byline-news/byline/internal/media"
	"github.com/byline-news/byline/internal/news"
)

// uploadMemory is how much of a multipart body is held in memory; the
// rest of a large file goes to a temporary file the request removes.
const uploadMemory = 1 << 20

// mediaUpload stores an uploaded image and adds it to the library. A
// failure shows the library's upload form again with the reason and the
// words typed, and stores nothing.
func (a *Admin) mediaUpload(w http.ResponseWriter, r *http.Request, v *visit) {
	if !a.mediaReady(w, r) {
		return
	}
	if !v.user.Role.Can(news.ActionWriteDrafts) {
		a.renderError(w, r, news.Errorf(news.EFORBIDDEN, "Your role may not upload images."))
		return
	}
	err := r.ParseMultipartForm(uploadMemory)
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			// The token could not be read: say only what is safe.
			a.renderMediaList(w, r, v, http.StatusRequestEntityTooLarge, uploadForm{
				Error: fmt.Sprintf("The file is larger than %d MB. Choose a smaller image.", media.MaxImageBytes>>20)})
		default:
			a.renderError(w, r, news.WrapError(news.EINVALID, err, "The upload could not be read. Please choose the file and send the form again."))
		}
		return
	}
	if !tokenEqual(r.PostFormValue(csrfField), v.csrf) {
		a.logger.Info("upload without a valid CSRF token", "user_id", v.user.ID, "ip", clientIP(r))
		a.renderError(w, r, errBadCSRF)
		return
	}
	form := uploadForm{
		Alt:     cleanText(strings.TrimSpace(r.PostFormValue("alt")), maxAltBytes),
		Caption: cleanText(strings.TrimSpace(r.PostFormValue("caption")), maxCaptionBytes),
		Credit:  cleanText(strings.TrimSpace(r.PostFormValue("credit")), maxCreditBytes),
	}
	fail := func(status int, err error) {
		form.Error = news.ErrorMessage(err)
		a.renderMediaList(w, r, v, status, form)
	}
	file, header, err := r.FormFile("image")
	if err != nil {
		fail(http.StatusUnprocessableEntity, news.Errorf(news.EINVALID, "Choose an image file to upload."))
		return
	}
	data, name, err := readUpload(file, header)
	if err != nil {
		fail(uploadStatus(err), err)
		return
	}
	stored, err := a.media.PutImage(data, fmt.Sprintf("The file %q", name))
	if err != nil {
		status := uploadStatus(err)
		if status >= 500 {
			a.logger.Error("storing an upload", "user_id", v.user.ID, "err", err)
		}
		fail(status, err)
		return
	}
	item := news.MediaItem{
		URL: stored.URL, FileName: name, Width: stored.Width, Height: stored.Height,
		Mime: stored.Mime, Bytes: stored.Bytes, Alt: form.Alt, Caption: form.Caption, Credit: form.Credit,
		UploadedBy: v.user.ID, CreatedAt: a.now(),
	}
	for _, vr := range stored.Variants {
		item.Variants = append(item.Variants, news.MediaVariant{URL: vr.URL, Width: vr.Width, Height: vr.Height, Mime: vr.Mime})
	}
	ctx := r.Context()
	err = a.store.CreateMedia(ctx, &item)
	if news.ErrorCode(err) == news.ECONFLICT {
		// The same file again: content-addressed, so it is the one
		// already in the library.
		if old, lookErr := a.store.MediaByURL(ctx, stored.URL); lookErr == nil {
			http.Redirect(w, r, mediaItemPath(old.ID)+"?existing=1", http.StatusSeeOther)
			return
		}
	}
	if err != nil {
		// No library row is written. The files stay: names are content
		// addresses, so the same files may already serve an imported or
		// demo article, and removing them here could break that page. An
		// unreferenced file is harmless.
		fail(http.StatusInternalServerError, err)
		return
	}
	a.logger.Info("image uploaded", "media_id", item.ID, "url", item.URL, "user_id", v.user.ID)
	http.Redirect(w, r, mediaItemPath(item.ID)+"?uploaded=1", http.StatusSeeOther)
}

// uploadStatus is the status of a failed upload: the form is shown again
// with it.
func uploadStatus(err error) int {
	switch news.ErrorCode(err) {
	case news.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case news.EINVALID:
		return http.StatusUnprocessableEntity
	}
	return http.StatusInternalServerError
}

// readUpload reads the uploaded file, refusing one over the size limit
// without reading all of it. name is the file's base name, for messages.
func readUpload(f multipart.File, h *multipart.FileHeader) (data []byte, name string, err error) {
	defer f.Close()
	name = cleanText(path.Base(strings.ReplaceAll(h.Filename, `\`, "/")), 200)
	if name == "." || name == "/" {
		name = "upload"
	}
	if h.Size > media.MaxImageBytes {
		return nil, name, news.Errorf(news.ETOOLARGE, "The file %q is larger than %d MB.", name, media.MaxImageBytes>>20)
	}
	data, err = io.ReadAll(io.LimitReader(f, media.MaxImageBytes+1))
	if err != nil {
		return nil, name, news.WrapError(news.EINVALID, err, "The file %q could not be read.", name)
	}
	if len(data) > media.MaxImageBytes {
		return nil, name, news.Errorf(news.ETOOLARGE, "The file %q is larger than %d MB.", name, media.MaxImageBytes>>20)
	}
	return data, name, nil
}
