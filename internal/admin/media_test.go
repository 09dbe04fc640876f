package admin_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// testJPEG is a w×h JPEG with an EXIF block that holds a GPS IFD.
func testJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	// APP1 "Exif": big-endian TIFF, one IFD with a GPS pointer to an
	// IFD holding GPSLatitudeRef "N".
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01\x88\x25\x00\x04\x00\x00\x00\x01\x00\x00\x00\x1a\x00\x00\x00\x00" +
		"\x00\x01\x00\x01\x00\x02\x00\x00\x00\x02N\x00\x00\x00\x00\x00\x00\x00")
	body := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(body)+2))
	jpg := buf.Bytes()
	out := append(append(append([]byte{}, jpg[:2]...), seg...), body...)
	return append(out, jpg[2:]...)
}

// upload sends the library's upload form as a browser would, with the
// token given (the page's, unless the test says otherwise).
func (b *browser) upload(token, filename string, data []byte, fields map[string]string) response {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if token != "" {
		mw.WriteField("csrf_token", token)
	}
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if filename != "" {
		fw, err := mw.CreateFormFile("image", filename)
		if err != nil {
			b.t.Fatal(err)
		}
		fw.Write(data)
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, baseURL+"/admin/media", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", baseURL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.do(req)
}

// libraryToken opens the library and returns its form's token.
func (b *browser) libraryToken() string {
	b.t.Helper()
	res := b.get("/admin/media")
	if res.status != http.StatusOK {
		b.t.Fatalf("GET /admin/media: %d\n%s", res.status, res.body)
	}
	return res.csrf(b.t)
}

func mediaCount(t *testing.T, s *store.Store) int {
	t.Helper()
	_, total, err := s.FindMedia(t.Context(), news.MediaFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return total
}

func filesIn(t *testing.T, dir string) int {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

var mediaIDPath = regexp.MustCompile(`^/admin/media/(\d+)\?uploaded=1$`)

func TestMediaUploadHappyPath(t *testing.T) {
	testutil.Stores(t, func(t *testing.T, s *store.Store) {
		g := newRig(t, s)
		g.user(t, "con@example.org", "Con Tributor", news.RoleContributor)
		b := g.browser(t)
		b.mustSignIn("con@example.org")

		res := b.upload(b.libraryToken(), "harbour.jpg", testJPEG(t, 1000, 500),
			map[string]string{"alt": "Boats <b>at</b> dawn", "caption": "The harbour.", "credit": "Agency"})
		m := mediaIDPath.FindStringSubmatch(res.location())
		if res.status != http.StatusSeeOther || m == nil {
			t.Fatalf("upload: %d, Location %q\n%s", res.status, res.location(), res.body)
		}
		list, _, err := s.FindMedia(t.Context(), news.MediaFilter{})
		if err != nil || len(list) != 1 {
			t.Fatalf("library = %+v, %v", list, err)
		}
		item := list[0]
		if item.FileName != "harbour.jpg" || item.Width != 1000 || item.Height != 500 || item.Alt != "Boats <b>at</b> dawn" ||
			item.Credit != "Agency" || item.UploadedBy == 0 || item.Mime != "image/jpeg" {
			t.Errorf("stored item %+v", item)
		}
		var widths []int
		for _, v := range item.Variants {
			if v.Mime == "image/jpeg" {
				widths = append(widths, v.Width)
			}
			data, err := os.ReadFile(filepath.Join(g.media.Dir(), strings.TrimPrefix(v.URL, "/media/")))
			if err != nil {
				t.Fatalf("variant %s: %v", v.URL, err)
			}
			if bytes.Contains(data, []byte("Exif")) {
				t.Errorf("variant %s kept the EXIF block", v.URL)
			}
		}
		if fmt.Sprint(widths) != "[480 960 1000]" {
			t.Errorf("JPEG widths %v, want [480 960 1000]", widths)
		}

		page := b.get(res.location())
		if page.status != http.StatusOK {
			t.Fatalf("edit page: %d", page.status)
		}
		for _, want := range []string{item.URL, "![Boats &lt;b&gt;at&lt;/b&gt; dawn](" + item.URL + ")", "The image is uploaded"} {
			if !strings.Contains(page.body, want) {
				t.Errorf("edit page lacks %q", want)
			}
		}
		if strings.Contains(page.body, "<b>at</b>") {
			t.Error("alt text is not escaped")
		}
		if strings.Contains(page.body, "/delete") {
			t.Error("a contributor is offered deletion")
		}
		lib := b.get("/admin/media")
		if !strings.Contains(lib.body, `src="`+item.Variants[0].URL+`"`) {
			t.Errorf("library does not show the thumbnail %s:\n%s", item.Variants[0].URL, lib.body)
		}

		// The same file again is the same library item.
		again := b.upload(b.libraryToken(), "copy.jpg", testJPEG(t, 1000, 500), nil)
		if again.status != http.StatusSeeOther || !strings.HasPrefix(again.location(), fmt.Sprintf("/admin/media/%d?existing", item.ID)) {
			t.Errorf("second upload: %d %q", again.status, again.location())
		}
		if n := mediaCount(t, s); n != 1 {
			t.Errorf("%d items after uploading the same file twice", n)
		}
	})
}

func TestMediaUploadErrorsShowTheFormAgain(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	g.user(t, "ed@example.org", "Ed", news.RoleEditor)
	b := g.browser(t)
	b.mustSignIn("ed@example.org")

	bomb := func() []byte {
		var buf bytes.Buffer
		png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 1, 1)))
		d := buf.Bytes()
		copy(d[16:24], []byte{0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0}) // 100000×100000
		binary.BigEndian.PutUint32(d[29:], crc32.ChecksumIEEE(d[12:29]))
		return d
	}()
	full := testJPEG(t, 300, 200)
	tests := []struct {
		name     string
		filename string
		data     []byte
		status   int
		message  string
	}{
		{"no file", "", nil, http.StatusUnprocessableEntity, "Choose an image file"},
		{"not an image", "notes.txt", []byte("just some words"), http.StatusUnprocessableEntity, "is not a JPEG, PNG, GIF or WebP image"},
		{"too many pixels", "bomb.png", bomb, http.StatusUnprocessableEntity, "the limit is 50 megapixels"},
		{"truncated", "cut.jpg", full[:len(full)/2], http.StatusUnprocessableEntity, "damaged or cut short"},
		{"too large", "huge.jpg", make([]byte, 21<<20), http.StatusRequestEntityTooLarge, "larger than 20 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := b.upload(b.libraryToken(), tt.filename, tt.data, map[string]string{"caption": "Kept caption"})
			if res.status != tt.status {
				t.Fatalf("status %d, want %d\n%s", res.status, tt.status, res.body)
			}
			if !strings.Contains(res.body, tt.message) {
				t.Errorf("page lacks %q:\n%s", tt.message, res.body)
			}
			if !strings.Contains(res.body, `enctype="multipart/form-data"`) {
				t.Error("the upload form is not shown again")
			}
			if tt.status != http.StatusRequestEntityTooLarge && !strings.Contains(res.body, `value="Kept caption"`) {
				t.Error("the caption typed is lost")
			}
		})
	}
	if n := mediaCount(t, g.store); n != 0 {
		t.Errorf("%d library items after failed uploads", n)
	}
	if n := filesIn(t, g.media.Dir()); n != 0 {
		t.Errorf("%d files stored after failed uploads", n)
	}
}

func TestMediaRolesAndCSRF(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	con := g.user(t, "con@example.org", "Con", news.RoleContributor)
	g.user(t, "other@example.org", "Other", news.RoleContributor)
	g.user(t, "ed@example.org", "Ed", news.RoleEditor)
	item := news.MediaItem{URL: "/media/000000000000000000000000.jpg", Width: 10, Height: 10, Mime: "image/jpeg", UploadedBy: con.ID}
	if err := g.store.CreateMedia(t.Context(), &item); err != nil {
		t.Fatal(err)
	}
	itemPath := fmt.Sprintf("/admin/media/%d", item.ID)

	t.Run("anonymous is sent to sign in", func(t *testing.T) {
		b := g.browser(t)
		for _, p := range []string{"/admin/media", itemPath} {
			res := b.get(p)
			if res.status != http.StatusSeeOther || !strings.HasPrefix(res.location(), "/admin/login?next=") {
				t.Errorf("GET %s: %d %q", p, res.status, res.location())
			}
		}
		res := b.upload("x", "a.jpg", testJPEG(t, 20, 20), nil)
		if res.status != http.StatusSeeOther || !strings.HasPrefix(res.location(), "/admin/login") {
			t.Errorf("anonymous upload: %d %q", res.status, res.location())
		}
	})

	con1 := g.browser(t)
	con1.mustSignIn("con@example.org")
	token := con1.libraryToken()

	t.Run("upload without the token is refused", func(t *testing.T) {
		for name, tok := range map[string]string{"missing": "", "wrong": "bogus"} {
			res := con1.upload(tok, "a.jpg", testJPEG(t, 20, 20), nil)
			if res.status != http.StatusForbidden {
				t.Errorf("%s token: status %d", name, res.status)
			}
		}
		if n := mediaCount(t, g.store); n != 1 {
			t.Errorf("%d items, want only the fixture", n)
		}
	})
	t.Run("edit without the token is refused", func(t *testing.T) {
		res := con1.post(itemPath, url.Values{"alt": {"changed"}})
		if res.status != http.StatusForbidden {
			t.Errorf("status %d", res.status)
		}
	})
	t.Run("uploader may edit the words", func(t *testing.T) {
		res := con1.post(itemPath, url.Values{"alt": {"New alt"}, "caption": {"Cap"}, "credit": {"Cred"}, "csrf_token": {token}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("status %d\n%s", res.status, res.body)
		}
		got, err := g.store.MediaByID(t.Context(), item.ID)
		if err != nil || got.Alt != "New alt" || got.Caption != "Cap" || got.Credit != "Cred" {
			t.Errorf("after edit: %+v, %v", got, err)
		}
	})
	t.Run("another contributor may not edit", func(t *testing.T) {
		b := g.browser(t)
		b.mustSignIn("other@example.org")
		res := b.post(itemPath, url.Values{"alt": {"x"}, "csrf_token": {b.libraryToken()}})
		if res.status != http.StatusForbidden {
			t.Errorf("status %d", res.status)
		}
	})
	t.Run("contributor may not delete", func(t *testing.T) {
		res := con1.post(itemPath+"/delete", url.Values{"csrf_token": {token}})
		if res.status != http.StatusForbidden {
			t.Errorf("status %d", res.status)
		}
		if _, err := g.store.MediaByID(t.Context(), item.ID); err != nil {
			t.Errorf("item gone: %v", err)
		}
	})
	t.Run("editor deletes", func(t *testing.T) {
		b := g.browser(t)
		b.mustSignIn("ed@example.org")
		tok := b.libraryToken()
		if res := b.post(itemPath+"/delete", url.Values{}); res.status != http.StatusForbidden {
			t.Errorf("delete without token: %d", res.status)
		}
		res := b.post(itemPath+"/delete", url.Values{"csrf_token": {tok}})
		if res.status != http.StatusSeeOther || res.location() != "/admin/media?deleted=1" {
			t.Fatalf("delete: %d %q", res.status, res.location())
		}
		if _, err := g.store.MediaByID(t.Context(), item.ID); !news.IsNotFound(err) {
			t.Errorf("after delete: %v", err)
		}
		if res := b.get(itemPath); res.status != http.StatusNotFound {
			t.Errorf("deleted item page: %d", res.status)
		}
	})
}

func TestMediaDeleteRemovesFiles(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	g.user(t, "ed@example.org", "Ed", news.RoleEditor)
	b := g.browser(t)
	b.mustSignIn("ed@example.org")
	res := b.upload(b.libraryToken(), "a.jpg", testJPEG(t, 600, 300), nil)
	m := mediaIDPath.FindStringSubmatch(res.location())
	if m == nil {
		t.Fatalf("upload: %d %q", res.status, res.location())
	}
	if filesIn(t, g.media.Dir()) == 0 {
		t.Fatal("no files stored")
	}
	if res := b.post("/admin/media/"+m[1]+"/delete", url.Values{"csrf_token": {b.libraryToken()}}); res.status != http.StatusSeeOther {
		t.Fatalf("delete: %d", res.status)
	}
	if n := filesIn(t, g.media.Dir()); n != 0 {
		t.Errorf("%d files left after delete", n)
	}
}

func TestMediaLibraryPages(t *testing.T) {
	g := newRig(t, testutil.NewSQLiteStore(t))
	g.user(t, "ed@example.org", "Ed", news.RoleEditor)
	for i := range 30 {
		item := news.MediaItem{URL: fmt.Sprintf("/media/%024d.jpg", i), FileName: fmt.Sprintf("file-%02d.jpg", i), Width: 10, Height: 10, Mime: "image/jpeg"}
		if err := g.store.CreateMedia(t.Context(), &item); err != nil {
			t.Fatal(err)
		}
	}
	b := g.browser(t)
	b.mustSignIn("ed@example.org")
	first := b.get("/admin/media")
	// Drag and drop is the external script's enhancement of the plain form.
	if !strings.Contains(first.body, "data-dropzone") || !strings.Contains(first.body, `<script src="/admin/assets/editor.js" defer></script>`) {
		t.Error("the upload form lacks the drop zone hook or its script")
	}
	if js := b.get("/admin/assets/editor.js"); !strings.Contains(js.body, "form[data-dropzone]") || !strings.Contains(js.body, "DataTransfer") {
		t.Error("editor.js does not handle drops on the upload form")
	}
	if !strings.Contains(first.body, "file-29.jpg") || strings.Contains(first.body, "file-05.jpg") || !strings.Contains(first.body, `href="/admin/media?page=2"`) {
		t.Errorf("first page wrong:\n%s", first.body)
	}
	second := b.get("/admin/media?page=2")
	if !strings.Contains(second.body, "file-05.jpg") || strings.Contains(second.body, "file-29.jpg") {
		t.Errorf("second page wrong")
	}
	if res := b.get("/admin/media?page=3"); res.status != http.StatusNotFound {
		t.Errorf("page 3: %d", res.status)
	}
	if res := b.get("/admin/media?page=x"); res.status != http.StatusBadRequest {
		t.Errorf("page x: %d", res.status)
	}
}

// FuzzMediaUpload sends arbitrary bytes as the uploaded file: the admin
// answers with a redirect or the form again, never a server error.
func FuzzMediaUpload(f *testing.F) {
	f.Add(testJPEG(f, 16, 16))
	f.Add([]byte("GIF89a\x01\x00\x01\x00"))
	f.Add([]byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
	g := newRig(f, testutil.NewSQLiteStore(f))
	g.user(f, "ed@example.org", "Ed", news.RoleEditor)
	g.media.NoWebP = true
	// Signing in hashes a password: once, not per input.
	signed := g.browser(f)
	signed.mustSignIn("ed@example.org")
	token := signed.libraryToken()
	f.Fuzz(func(t *testing.T, data []byte) {
		b := &browser{t: t, rig: g, jar: signed.jar, addr: signed.addr}
		res := b.upload(token, "fuzz.bin", data, nil)
		if res.status >= 500 {
			t.Fatalf("status %d for %d bytes\n%s", res.status, len(data), res.body)
		}
	})
}
