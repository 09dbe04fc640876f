package admin

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/byline-news/byline/internal/news"
)

// mediaEditPage shows one image with the words that go with it, and how
// to use it in an article.
type mediaEditPage struct {
	page
	Item     news.MediaItem
	Thumb    string
	AbsURL   string
	Markdown string
	Error    string
	// Alt, Caption and Credit are the form's values: the stored ones, or
	// what was typed when saving failed.
	Alt, Caption, Credit string
	CanEdit              bool
	CanDelete            bool
}

// mediaEdit shows an image of the library.
func (a *Admin) mediaEdit(w http.ResponseWriter, r *http.Request, v *visit) {
	m, err := a.mediaOf(r)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	p := a.newMediaEditPage(m, v)
	switch q := r.URL.Query(); {
	case q.Has("uploaded"):
		p.Flash = "The image is uploaded. Use its address below in an article."
	case q.Has("existing"):
		p.Flash = "This image was already in the library; here it is."
	case q.Has("saved"):
		p.Flash = "Saved."
	}
	a.render(w, r, http.StatusOK, "media_edit", p)
}

func (a *Admin) newMediaEditPage(m news.MediaItem, v *visit) mediaEditPage {
	title := m.FileName
	if title == "" {
		title = "Image " + strconv.FormatInt(m.ID, 10)
	}
	return mediaEditPage{
		page: a.newPage(title, v), Item: m, Thumb: thumbnail(m), AbsURL: a.urls.Abs(m.URL),
		Markdown: "![" + markdownAlt(m.Alt) + "](" + m.URL + ")",
		Alt:      m.Alt, Caption: m.Caption, Credit: m.Credit,
		CanEdit:   canEditMedia(v.user, m),
		CanDelete: v.user.Role.Can(news.ActionEditAll),
	}
}

// markdownAlt keeps alt text from closing the Markdown image early.
func markdownAlt(s string) string {
	return strings.NewReplacer("[", "", "]", "", "\n", " ").Replace(s)
}

// canEditMedia: editors change any image's words, others those of the
// images they uploaded.
func canEditMedia(u news.User, m news.MediaItem) bool {
	return u.Role.Can(news.ActionEditAll) || (u.Role.Can(news.ActionWriteDrafts) && m.UploadedBy == u.ID)
}

// mediaUpdate saves the alt text, caption and credit.
func (a *Admin) mediaUpdate(w http.ResponseWriter, r *http.Request, v *visit) {
	if !a.readForm(w, r, v) {
		return
	}
	m, err := a.mediaOf(r)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	if !canEditMedia(v.user, m) {
		a.renderError(w, r, news.Errorf(news.EFORBIDDEN, "Only editors and the person who uploaded it may change this image's words."))
		return
	}
	u := news.MediaUpdate{
		Alt:     cleanText(strings.TrimSpace(r.PostForm.Get("alt")), maxAltBytes),
		Caption: cleanText(strings.TrimSpace(r.PostForm.Get("caption")), maxCaptionBytes),
		Credit:  cleanText(strings.TrimSpace(r.PostForm.Get("credit")), maxCreditBytes),
	}
	if _, err := a.store.UpdateMedia(r.Context(), m.ID, u); err != nil {
		p := a.newMediaEditPage(m, v)
		p.Alt, p.Caption, p.Credit, p.Error = u.Alt, u.Caption, u.Credit, news.ErrorMessage(err)
		a.logger.Error("saving an image's words", "media_id", m.ID, "err", err)
		a.render(w, r, http.StatusInternalServerError, "media_edit", p)
		return
	}
	http.Redirect(w, r, mediaItemPath(m.ID)+"?saved=1", http.StatusSeeOther)
}

// mediaDelete removes an image from the library and its files from the
// media directory. Articles that show it lose it, which the page says.
func (a *Admin) mediaDelete(w http.ResponseWriter, r *http.Request, v *visit) {
	if !a.mediaReady(w, r) || !a.readForm(w, r, v) {
		return
	}
	if !v.user.Role.Can(news.ActionEditAll) {
		a.renderError(w, r, news.Errorf(news.EFORBIDDEN, "Only editors and above may delete images."))
		return
	}
	m, err := a.mediaOf(r)
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	if err := a.store.DeleteMedia(r.Context(), m.ID); err != nil {
		a.renderError(w, r, err)
		return
	}
	urls := []string{m.URL}
	for _, vr := range m.Variants {
		urls = append(urls, vr.URL)
	}
	if err := a.media.Remove(urls); err != nil {
		// The library entry is gone; a stray file costs only disk.
		a.logger.Warn("removing a deleted image's files", "media_id", m.ID, "err", err)
	}
	a.logger.Info("image deleted", "media_id", m.ID, "url", m.URL, "user_id", v.user.ID)
	http.Redirect(w, r, mediaPath+"?deleted=1", http.StatusSeeOther)
}

// mediaOf returns the library item the path names.
func (a *Admin) mediaOf(r *http.Request) (news.MediaItem, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return news.MediaItem{}, news.Errorf(news.ENOTFOUND, "There is no image at this address.")
	}
	m, err := a.store.MediaByID(r.Context(), id)
	if news.IsNotFound(err) {
		return news.MediaItem{}, news.Errorf(news.ENOTFOUND, "There is no image %d in the media library.", id)
	}
	return m, err
}
