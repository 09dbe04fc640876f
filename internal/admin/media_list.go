package admin

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/byline-news/byline/internal/media"
	"github.com/byline-news/byline/internal/news"
)

const (
	// mediaPath is the library; uploads are POSTed to it.
	mediaPath = "/admin/media"
	// mediaPerPage is how many images the library shows at a time.
	mediaPerPage = 24
	// maxUploadBytes bounds an upload's request body: the largest image
	// allowed and room for the form's other fields.
	maxUploadBytes = media.MaxImageBytes + 64<<10
	// Longest alt text, caption and credit kept.
	maxAltBytes     = 500
	maxCaptionBytes = 2000
	maxCreditBytes  = 300
)

// mediaPageNames are the media library's templates under templates/.
var mediaPageNames = []string{"media", "media_edit"}

// mediaListPage is the library with the upload form above it.
type mediaListPage struct {
	page
	Upload   uploadForm
	Items    []mediaCard
	Total    int
	Page     int
	Pages    int
	NewerURL string
	OlderURL string
}

// uploadForm is the upload form's state: what was typed, and what went
// wrong with the last try.
type uploadForm struct {
	Error   string
	Alt     string
	Caption string
	Credit  string
	// MaxMB is the size limit, for the form's hint.
	MaxMB int
}

// mediaCard is one image in the library grid.
type mediaCard struct {
	ID       int64
	URL      string
	Thumb    string
	EditURL  string
	Alt      string
	FileName string
	Width    int
	Height   int
}

// mediaList shows the library, newest first.
func (a *Admin) mediaList(w http.ResponseWriter, r *http.Request, v *visit) {
	a.renderMediaList(w, r, v, http.StatusOK, uploadForm{})
}

// mediaFlash is the confirmation the library shows after a deletion.
func mediaFlash(r *http.Request) string {
	if r.Method == http.MethodGet && r.URL.Query().Has("deleted") {
		return "The image is deleted."
	}
	return ""
}

// renderMediaList shows the library page with the upload form in the
// given state: on a failed upload, with its message and the user's words.
func (a *Admin) renderMediaList(w http.ResponseWriter, r *http.Request, v *visit, status int, form uploadForm) {
	pageNo, err := pageNumber(r.URL.Query().Get("page"))
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	list, total, err := a.store.FindMedia(r.Context(), news.MediaFilter{Offset: (pageNo - 1) * mediaPerPage, Limit: mediaPerPage})
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	pages := max(1, (total+mediaPerPage-1)/mediaPerPage)
	if pageNo > pages {
		a.renderError(w, r, news.Errorf(news.ENOTFOUND, "There is no page %d of the media library; the last is page %d.", pageNo, pages))
		return
	}
	form.MaxMB = media.MaxImageBytes >> 20
	p := mediaListPage{page: a.newPage("Media library", v), Upload: form, Total: total, Page: pageNo, Pages: pages}
	p.Flash = mediaFlash(r)
	for _, m := range list {
		p.Items = append(p.Items, mediaCard{
			ID: m.ID, URL: m.URL, Thumb: thumbnail(m), EditURL: mediaItemPath(m.ID),
			Alt: m.Alt, FileName: m.FileName, Width: m.Width, Height: m.Height,
		})
	}
	if pageNo > 1 {
		p.NewerURL = mediaPageURL(pageNo - 1)
	}
	if pageNo < pages {
		p.OlderURL = mediaPageURL(pageNo + 1)
	}
	a.render(w, r, status, "media", p)
}

// thumbnail is the smallest rendition in the image's own format.
func thumbnail(m news.MediaItem) string {
	for _, v := range m.Variants { // narrowest first
		if v.Mime == m.Mime {
			return v.URL
		}
	}
	return m.URL
}

func mediaItemPath(id int64) string { return fmt.Sprintf("%s/%d", mediaPath, id) }

func mediaPageURL(n int) string {
	if n == 1 {
		return mediaPath
	}
	return mediaPath + "?page=" + strconv.Itoa(n)
}

// mediaReady answers 503 when the admin runs without a media store.
func (a *Admin) mediaReady(w http.ResponseWriter, r *http.Request) bool {
	if a.media == nil {
		a.renderError(w, r, news.Errorf(news.EUNAVAILABLE, "The media library is not set up on this server."))
		return false
	}
	return true
}
