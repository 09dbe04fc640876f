package site

import (
	"strings"

	"github.com/byline-news/byline/internal/media"
	"github.com/byline-news/byline/internal/view"
)

// How wide images are shown, for the browser to pick a size before it
// knows the layout: the article page's featured image fills the article
// column (48rem) on wide screens; a card is at most about 36rem wide
// (two leads side by side), most often less. Both fill the viewport on
// phones.
const (
	articleImageSizes = "(min-width: 50rem) 48rem, 100vw"
	cardImageSizes    = "(min-width: 40rem) 36rem, 100vw"
)

// withSrcset adds the resized variants of a featured image stored in the
// media directory, so that browsers fetch the size they need. Remote
// images and images stored at one size are left as they are. The lookup
// reads the file system, which is fine: pages are cached.
func (s *Site) withSrcset(fig *view.Figure, sizes string) *view.Figure {
	if fig == nil {
		return nil
	}
	set, ok := media.LookupSrcset(s.mediaDir, fig.URL)
	if !ok {
		return fig
	}
	fig.Srcset = strings.Join(set.Sources, ", ")
	fig.WebPSrcset = strings.Join(set.WebP, ", ")
	fig.Sizes = sizes
	// The file's own size wins: it is the truth, and keeps the layout
	// steady even when the article did not record one.
	fig.Width, fig.Height = set.Width, set.Height
	return fig
}
