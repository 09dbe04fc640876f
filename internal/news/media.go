package news

import "time"

// MediaItem is an uploaded image in the media library. The files live in
// the media store; this is what the library knows about them.
type MediaItem struct {
	ID int64 `json:"id"`
	// URL is the main file's site path, /media/<name>.
	URL      string `json:"url"`
	FileName string `json:"file_name,omitempty"` // as uploaded
	Width    int    `json:"width"`
	Height   int    `json:"height"`
	Mime     string `json:"mime"`
	Bytes    int64  `json:"bytes"`
	Alt      string `json:"alt,omitempty"`
	Caption  string `json:"caption,omitempty"`
	Credit   string `json:"credit,omitempty"`
	// Variants are the resized renditions, narrowest first.
	Variants []MediaVariant `json:"variants,omitempty"`
	// UploadedBy is the user's ID, 0 when unknown or the user is gone.
	UploadedBy int64     `json:"uploaded_by,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

// MediaVariant is one rendition of a MediaItem.
type MediaVariant struct {
	URL    string `json:"url"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Mime   string `json:"mime"`
}

// MediaFilter pages through the media library, newest first.
type MediaFilter struct {
	Offset int
	Limit  int
}

// MediaUpdate is what an editor may change about an uploaded image.
type MediaUpdate struct {
	Alt     string
	Caption string
	Credit  string
}
