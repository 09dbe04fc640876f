package admin

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/publishing"
)

// revisionsPage lists an article's saved states, newest first.
type revisionsPage struct {
	page
	Article   news.Article
	Revisions []revisionRow
	TimeZone  string
}

type revisionRow struct {
	ID     int64
	When   stamp
	Editor string
	Status news.Status
	Title  string
}

// revisionPage compares one revision with the article as it is now.
type revisionPage struct {
	page
	Article  news.Article
	Revision revisionRow
	Fields   []fieldChange
	Lines    []diffLine
	Changed  bool
	TimeZone string
}

// fieldChange is a field whose value differs between the revision and now.
type fieldChange struct {
	Name     string
	Revision string
	Current  string
}

// revisionsOf loads the article of the path, if v may edit it, and its
// revisions.
func (e *editor) revisionsOf(r *http.Request, v *visit) (news.Article, []news.Revision, error) {
	ar, err := e.articleOf(r)
	if err != nil {
		return news.Article{}, nil, err
	}
	if !v.user.CanEdit(ar) {
		return news.Article{}, nil, forbidden("Your role may not edit this article, so it may not see or restore its revisions.")
	}
	revs, err := e.store.Revisions(r.Context(), ar.ID)
	if err != nil {
		return news.Article{}, nil, err
	}
	return ar, revs, nil
}

// revisionOf finds the path's {rev} among revs.
func revisionOf(r *http.Request, revs []news.Revision) (news.Revision, error) {
	id, err := strconv.ParseInt(r.PathValue("rev"), 10, 64)
	if err == nil {
		for _, rv := range revs {
			if rv.ID == id {
				return rv, nil
			}
		}
	}
	return news.Revision{}, news.Errorf(news.ENOTFOUND, "The article has no revision %q.", r.PathValue("rev"))
}

func (e *editor) revisionList(w http.ResponseWriter, r *http.Request, v *visit) {
	ar, revs, err := e.revisionsOf(r, v)
	if err != nil {
		e.renderError(w, r, err)
		return
	}
	settings, err := e.store.Settings(r.Context())
	if err != nil {
		e.renderError(w, r, err)
		return
	}
	loc := e.location(settings.TimeZone)
	p := revisionsPage{page: e.newPage("Revisions: "+ar.Title, v), Article: ar, TimeZone: loc.String()}
	for _, rv := range revs { // the store lists them newest first
		p.Revisions = append(p.Revisions, revisionRow{
			ID: rv.ID, When: newStamp(rv.CreatedAt, loc), Editor: rv.Editor,
			Status: rv.Snapshot.Status, Title: rv.Snapshot.Title,
		})
	}
	e.render(w, r, http.StatusOK, "revisions", p)
}

func (e *editor) revisionShow(w http.ResponseWriter, r *http.Request, v *visit) {
	ar, revs, err := e.revisionsOf(r, v)
	if err != nil {
		e.renderError(w, r, err)
		return
	}
	rv, err := revisionOf(r, revs)
	if err != nil {
		e.renderError(w, r, err)
		return
	}
	settings, err := e.store.Settings(r.Context())
	if err != nil {
		e.renderError(w, r, err)
		return
	}
	loc := e.location(settings.TimeZone)
	p := revisionPage{
		page: e.newPage("Revision of "+ar.Title, v), Article: ar, TimeZone: loc.String(),
		Revision: revisionRow{ID: rv.ID, When: newStamp(rv.CreatedAt, loc), Editor: rv.Editor, Status: rv.Snapshot.Status, Title: rv.Snapshot.Title},
		Fields:   fieldChanges(rv.Snapshot, ar),
		Lines:    lineDiff(splitLines(rv.Snapshot.Body), splitLines(ar.Body)),
	}
	p.Changed = len(p.Fields) > 0
	for _, l := range p.Lines {
		if l.Op != opSame {
			p.Changed = true
			break
		}
	}
	e.render(w, r, http.StatusOK, "revision_show", p)
}

// revisionRestore saves the revision's content as the article's, keeping
// its current status and publication time; the save is a new revision.
func (e *editor) revisionRestore(w http.ResponseWriter, r *http.Request, v *visit) {
	if !e.ready(w, r) || !e.readForm(w, r, v) {
		return
	}
	ar, revs, err := e.revisionsOf(r, v)
	if err != nil {
		e.renderError(w, r, err)
		return
	}
	rv, err := revisionOf(r, revs)
	if err != nil {
		e.renderError(w, r, err)
		return
	}
	in := publishing.InputFrom(rv.Snapshot)
	in.Status, in.PublishedAt = ar.Status, ar.PublishedAt
	if !v.user.Role.Can(news.ActionEditAll) {
		in.Newsletter = ar.Newsletter
	}
	if _, _, err := e.pub.Update(r.Context(), ar.ID, in, v.user.Email); err != nil {
		e.renderError(w, r, err)
		return
	}
	key := strconv.FormatInt(ar.ID, 10)
	e.setEditorFlash(w, editorFlash{Message: fmt.Sprintf("Restored the revision of %s.", rv.CreatedAt.UTC().Format("2 Jan 2006, 15:04 MST")), Clear: []string{key}})
	http.Redirect(w, r, articleEditPath(ar.ID), http.StatusSeeOther)
}

// fieldChanges lists the fields other than the body that differ.
func fieldChanges(old, cur news.Article) []fieldChange {
	names := func(a news.Article) string {
		s := make([]string, len(a.Authors))
		for i, au := range a.Authors {
			s[i] = au.Name
		}
		return strings.Join(s, ", ")
	}
	tags := func(a news.Article) string {
		s := make([]string, len(a.Tags))
		for i, t := range a.Tags {
			s[i] = t.Name
		}
		return strings.Join(s, ", ")
	}
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	var out []fieldChange
	for _, f := range []struct{ name, old, cur string }{
		{"Title", old.Title, cur.Title},
		{"Subtitle", old.Subtitle, cur.Subtitle},
		{"Slug", old.Slug, cur.Slug},
		{"Summary", old.Summary, cur.Summary},
		{"Format", string(old.Format), string(cur.Format)},
		{"Language", old.Language, cur.Language},
		{"Authors", names(old), names(cur)},
		{"Tags", tags(old), tags(cur)},
		{"Featured image", old.Image.URL, cur.Image.URL},
		{"Image alt text", old.Image.Alt, cur.Image.Alt},
		{"Image caption", old.Image.Caption, cur.Image.Caption},
		{"Image credit", old.Image.Credit, cur.Image.Credit},
		{"Source name", old.SourceName, cur.SourceName},
		{"Source URL", old.SourceURL, cur.SourceURL},
		{"Canonical URL", old.CanonicalURL, cur.CanonicalURL},
		{"Note before", old.NoteBefore, cur.NoteBefore},
		{"Note after", old.NoteAfter, cur.NoteAfter},
		{"Newsletter", yes(old.Newsletter), yes(cur.Newsletter)},
		{"Featured", yes(old.Featured), yes(cur.Featured)},
	} {
		if f.old != f.cur {
			out = append(out, fieldChange{Name: f.name, Revision: f.old, Current: f.cur})
		}
	}
	return out
}
