package api

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
)

// applyArticle sets the fields of in that obj has members for. Members
// absent from obj leave in as it is, which is what makes PATCH partial;
// null resets a field to its empty value; objects (the image) and arrays
// (authors, tags) replace the field whole.
func applyArticle(obj object, in *publishing.Input) error {
	for _, name := range obj.names() {
		raw := obj[name]
		var err error
		switch name {
		case "title":
			err = decodeField(name, raw, &in.Title)
		case "subtitle":
			err = decodeField(name, raw, &in.Subtitle)
		case "slug":
			err = decodeField(name, raw, &in.Slug)
		case "summary":
			err = decodeField(name, raw, &in.Summary)
		case "language":
			err = decodeField(name, raw, &in.Language)
		case "format":
			err = decodeField(name, raw, &in.Format)
		case "body":
			err = decodeField(name, raw, &in.Body)
		case "status":
			err = decodeField(name, raw, &in.Status)
		case "published_at":
			in.PublishedAt, err = decodeTime(name, raw)
		case "image":
			if err = decodeField(name, raw, &in.Image); err == nil {
				err = checkImageSize(in.Image)
			}
		case "source_name":
			err = decodeField(name, raw, &in.SourceName)
		case "source_url":
			err = decodeField(name, raw, &in.SourceURL)
		case "canonical_url":
			err = decodeField(name, raw, &in.CanonicalURL)
		case "note_before":
			err = decodeField(name, raw, &in.NoteBefore)
		case "note_after":
			err = decodeField(name, raw, &in.NoteAfter)
		case "newsletter":
			err = decodeField(name, raw, &in.Newsletter)
		case "featured":
			err = decodeField(name, raw, &in.Featured)
		case "authors":
			in.Authors, err = decodeAuthorRefs(name, raw)
		case "tags":
			in.Tags, err = decodeStrings(name, raw)
		default:
			err = unknownField(name)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// maxImageSide bounds the stated width and height of an image. The
// columns are 32-bit, and no real picture comes near the limit; without it
// PostgreSQL's driver fails the save as an internal error.
const maxImageSide = 100_000

func checkImageSize(img news.Image) error {
	for _, side := range []struct {
		name  string
		value int
	}{{"image.width", img.Width}, {"image.height", img.Height}} {
		if side.value < 0 || side.value > maxImageSide {
			return news.Errorf(news.EINVALID, "%s must be from 0 to %d pixels, not %d.", side.name, maxImageSide, side.value)
		}
	}
	return nil
}

// decodeAuthorRefs decodes the byline: each item is a name, or an object
// naming an author by id, slug or name (with the kind of an author to
// create).
func decodeAuthorRefs(name string, raw json.RawMessage) ([]publishing.AuthorRef, error) {
	var items []json.RawMessage
	if err := decodeField(name, raw, &items); err != nil {
		return nil, err
	}
	refs := make([]publishing.AuthorRef, 0, len(items))
	for i, item := range items {
		itemName := fmt.Sprintf("%s[%d]", name, i)
		var ref publishing.AuthorRef
		switch trimmed := bytes.TrimLeft(item, " \t\r\n"); {
		case len(trimmed) > 0 && trimmed[0] == '"':
			if err := decodeField(itemName, item, &ref.Name); err != nil {
				return nil, err
			}
		case len(trimmed) > 0 && trimmed[0] == '{':
			if err := decodeField(itemName, item, &ref); err != nil {
				return nil, err
			}
		default:
			return nil, news.Errorf(news.EINVALID,
				"%s must be a name or an object with an id, a slug or a name, not %s.", itemName, describeRaw(trimmed))
		}
		refs = append(refs, ref)
	}
	return refs, nil
}

// checkArticleRights applies the role policy of internal/news to a save:
// user must be allowed to edit old (nil for a new article), to publish it
// if the save changes its status or publication time, and to select it
// for the newsletter if the save changes that.
func checkArticleRights(user news.User, old *news.Article, in publishing.Input) error {
	subject := news.Article{CreatedBy: user.ID, Status: news.StatusDraft}
	if old != nil {
		subject = *old
		if !user.CanEdit(*old) {
			return news.Errorf(news.EFORBIDDEN,
				"The role %s may not edit this article: contributors edit their own drafts, authors their own articles, editors any.", user.Role)
		}
	}
	status := in.Status
	if status == "" {
		status = news.StatusDraft
	}
	changesPublication := status != subject.Status ||
		(status != news.StatusDraft && !in.PublishedAt.Equal(subject.PublishedAt))
	if changesPublication && !user.CanPublish(subject) {
		return news.Errorf(news.EFORBIDDEN,
			"The role %s may not publish, schedule or unpublish this article; save it as a draft and ask an editor.", user.Role)
	}
	if in.Newsletter != subject.Newsletter && !user.Role.Can(news.ActionEditAll) {
		return news.Errorf(news.EFORBIDDEN, "Only editors and above select articles for the newsletter.")
	}
	return nil
}
