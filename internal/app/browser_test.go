package app_test

import (
	"context"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/byline-news/byline/internal/auth"
	"github.com/byline-news/byline/internal/news"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/testutil"
)

// envScreenshot names a file the browser test also writes its final
// screenshot to, for a CI artifact or a person to look at.
const envScreenshot = "BYLINE_TEST_SCREENSHOT"

// TestBrowserSchedulesAnArticleWithAnImage is issue 3's end-to-end check
// of the admin in a real browser: an editor signs in, writes an article,
// uploads its picture in the media library, schedules it a few seconds
// ahead, and the job queue puts it on the public site at that time.
func TestBrowserSchedulesAnArticleWithAnImage(t *testing.T) {
	chrome := findChromium(t)
	eachDatabase(t, func(t *testing.T, dataDir, dbURL string) {
		runBrowserScenario(t, chrome, dataDir, dbURL)
	})
}

// findChromium returns the path of Debian's chromium, or skips the test
// when it is not installed (fails when every test part is required).
func findChromium(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	reason := "chromium is not installed, so the browser test cannot run (Debian: apt-get install chromium)"
	if os.Getenv(testutil.EnvRequireAll) == "1" {
		t.Fatal(reason + "; " + testutil.EnvRequireAll + "=1 requires it")
	}
	t.Skip(reason)
	return ""
}

const (
	browserEmail    = "owner@byline.test"
	browserPassword = "correct horse battery staple"
	browserTitle    = "Harbour lights return"
	browserSlug     = "harbour-lights-return"
	browserAuthor   = "Ada Quayside"
	browserCaption  = "The lighthouse at dusk"
	browserCredit   = "Photo: Ida Lens"
)

func runBrowserScenario(t *testing.T, chrome, dataDir, dbURL string) {
	seedBrowserSite(t, dataDir, dbURL)
	srv := startServer(t, dataDir, dbURL)
	picture := writeTestPNG(t, filepath.Join(t.TempDir(), "harbour.png"))

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	tab := newBrowser(t, ctx, chrome)
	outside := &requestLog{base: srv.url}
	outside.watch(t, tab)

	do := func(ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	read := func(ctx context.Context, what string, a chromedp.Action[string]) string {
		t.Helper()
		v, err := chromedp.Run(ctx, a)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}

	do(tab, "sign in",
		chromedp.Navigate(srv.url+"/admin/login"),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), browserEmail),
		chromedp.SendKeys(chromedp.ID("password"), browserPassword),
		chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`main a.button[href="/admin/articles/new"]`)),
	)
	do(tab, "open the editor",
		chromedp.Click(chromedp.CSS(`main a.button[href="/admin/articles/new"]`)),
		chromedp.WaitVisible(chromedp.ID("title")),
	)
	body := "The harbour's lights are back after a winter in the dark.\n\n" +
		"## Who paid for them\n\n" +
		"> We did it with bake sales and stubbornness.\n\n" +
		"The town council says the lamps will stay on all night.\n"
	do(tab, "write the article",
		chromedp.SendKeys(chromedp.ID("title"), browserTitle),
		chromedp.SendKeys(chromedp.ID("body"), body),
		chromedp.SendKeys(chromedp.ID("authors"), browserAuthor),
	)

	// The editor opens the media library in a second tab, so the typing
	// in the first stays where it is.
	library, closeLibrary := chromedp.NewContext(tab)
	defer closeLibrary()
	outside.watch(t, library)
	do(library, "upload the image",
		chromedp.Navigate(srv.url+"/admin/media"),
		chromedp.WaitVisible(chromedp.ID("image")),
		chromedp.SetUploadFiles(chromedp.ID("image"), []string{picture}),
		chromedp.SendKeys(chromedp.ID("alt"), "A lighthouse with its lamp lit"),
		chromedp.SendKeys(chromedp.ID("caption"), browserCaption),
		chromedp.SendKeys(chromedp.ID("credit"), browserCredit),
		chromedp.Click(chromedp.CSS(`form[action="/admin/media"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.ID("media-url")),
	)
	imageURL := read(library, "read the image's address", chromedp.Value(chromedp.ID("media-url")))
	if !strings.HasPrefix(imageURL, "/media/") || path.Ext(imageURL) == "" {
		t.Fatalf("the media library gave the address %q, want /media/<name>.<type>", imageURL)
	}
	closeLibrary()

	do(tab, "fill the featured image",
		chromedp.SendKeys(chromedp.ID("image_url"), imageURL),
		chromedp.SendKeys(chromedp.ID("image_alt"), "A lighthouse with its lamp lit"),
		chromedp.SendKeys(chromedp.ID("image_caption"), browserCaption),
		chromedp.SendKeys(chromedp.ID("image_credit"), browserCredit),
	)
	// The site's time zone is UTC (seeded), so the form's local time is
	// UTC too. The time is taken just before it is typed, so that a slow
	// machine still sends it while it is in the future.
	publishAt := time.Now().UTC().Add(8 * time.Second).Truncate(time.Second)
	do(tab, "set the time",
		chromedp.SetValue(chromedp.ID("schedule_at"), publishAt.Format("2006-01-02T15:04:05")),
	)
	invalid, err := chromedp.Run(tab, chromedp.Evaluate[string](`Array.from(document.getElementById("article-form").elements)
		.filter(el => el.willValidate && !el.checkValidity())
		.map(el => el.name + ": " + el.validationMessage).join("; ")`))
	if err != nil {
		t.Fatalf("check the form: %v", err)
	}
	if invalid != "" {
		t.Fatalf("the browser would not send the form: %s", invalid)
	}

	do(tab, "schedule",
		chromedp.Click(chromedp.CSS(`button[name="action"][value="schedule"]`)),
		// The saved page has a notice; a refused form, its reason.
		chromedp.WaitVisible(chromedp.CSS("#flash, #form-problem")),
	)
	problems, err := chromedp.Run(tab, chromedp.Evaluate[string](
		`Array.from(document.querySelectorAll("#form-problem, .field-problem")).map(e => e.textContent).join("; ")`))
	if err != nil {
		t.Fatalf("read the form's problems: %v", err)
	}
	if problems != "" {
		t.Fatalf("the editor refused to schedule: %s", problems)
	}
	flash := read(tab, "read the notice", chromedp.Text(chromedp.ID("flash")))
	status := read(tab, "read the status", chromedp.Text(chromedp.CSS(".editor .summary .status")))
	if !strings.HasPrefix(flash, "Scheduled for") || status != "scheduled" {
		t.Fatalf("after Schedule the page says %q with status %q, want a scheduled article", flash, status)
	}

	// The queue publishes it at the time, not before.
	public := srv.url + "/articles/" + browserSlug
	if code := statusOf(t, public); code != http.StatusNotFound && time.Now().Before(publishAt) {
		t.Fatalf("before its time the article answers %d, want 404", code)
	}
	deadline := time.Now().Add(45 * time.Second)
	for {
		code := statusOf(t, public)
		if code == http.StatusOK {
			if now := time.Now(); now.Before(publishAt) {
				t.Fatalf("the article was public at %s, before its time %s", now.Format(time.RFC3339Nano), publishAt.Format(time.RFC3339))
			}
			t.Logf("published %.1f s after its time", time.Since(publishAt).Seconds())
			break
		}
		if code != http.StatusNotFound {
			t.Fatalf("%s answered %d while waiting for publication", public, code)
		}
		if time.Now().After(deadline) {
			t.Fatalf("the article was not published within 45 s of scheduling (due %s)", publishAt.Format(time.RFC3339))
		}
		time.Sleep(250 * time.Millisecond)
	}

	do(tab, "open the public page",
		chromedp.Navigate(public),
		chromedp.WaitVisible(chromedp.CSS("h1.article-title")),
	)
	srcset, err := chromedp.Run(tab, chromedp.AttributeValue(chromedp.CSS("figure img"), "srcset"))
	if err != nil {
		t.Fatalf("read the image's srcset: %v", err)
	}
	base := strings.TrimSuffix(imageURL, path.Ext(imageURL))
	checks := []struct {
		what, got, want string
	}{
		{"title", read(tab, "read the title", chromedp.Text(chromedp.CSS("h1.article-title"))), browserTitle},
		{"byline", read(tab, "read the byline", chromedp.Text(chromedp.CSS("p.byline"))), browserAuthor},
		{"srcset", srcset.Value, base + "-480"},
		{"srcset", srcset.Value, imageURL + " 1200w"},
		{"caption", read(tab, "read the caption", chromedp.Text(chromedp.CSS("figure figcaption"))), browserCaption},
		{"credit", read(tab, "read the credit", chromedp.Text(chromedp.CSS("figure figcaption .credit"))), browserCredit},
		{"quote", read(tab, "read the quote", chromedp.Text(chromedp.CSS(".prose blockquote"))), "bake sales and stubbornness"},
		{"heading", read(tab, "read the heading", chromedp.Text(chromedp.CSS(".prose h2"))), "Who paid for them"},
	}
	for _, c := range checks {
		if !strings.Contains(c.got, c.want) {
			t.Errorf("public page %s = %q, want it to contain %q", c.what, c.got, c.want)
		}
	}
	pollCtx, cancelPoll := context.WithTimeout(tab, 10*time.Second)
	defer cancelPoll()
	if _, err := chromedp.Run(pollCtx, chromedp.Poll[bool](
		`(() => { const i = document.querySelector("figure img"); return i.complete && i.naturalWidth > 0; })()`)); err != nil {
		t.Errorf("the featured image did not load in the browser: %v", err)
	}

	shot, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	shotPath := filepath.Join(t.TempDir(), "published.png")
	if err := os.WriteFile(shotPath, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	if extra := os.Getenv(envScreenshot); extra != "" {
		if err := os.WriteFile(extra, shot, 0o644); err != nil {
			t.Errorf("writing the screenshot to %s=%s: %v", envScreenshot, extra, err)
		}
	}
	switch got, seen := outside.list(); {
	case seen == 0:
		t.Error("no request was seen, so the check for outside addresses proves nothing")
	case len(got) > 0:
		t.Errorf("the pages asked for addresses outside the site: %v", got)
	default:
		t.Logf("%d requests, none outside the site; screenshot %s", seen, shotPath)
	}
}

// seedBrowserSite creates the owner account and sets the site's time zone
// to UTC through the store, before the server opens it.
func seedBrowserSite(t *testing.T, dataDir, dbURL string) {
	t.Helper()
	ctx := t.Context()
	s, err := store.Open(ctx, dataDir, dbURL, testutil.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	hash, err := auth.HashPassword(browserPassword, auth.DefaultParams)
	if err != nil {
		t.Fatal(err)
	}
	u := news.User{Email: browserEmail, Name: "Olive Owner", Role: news.RoleOwner, PasswordHash: hash}
	if err := s.CreateUser(ctx, &u); err != nil {
		t.Fatal(err)
	}
	set, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.TimeZone = "UTC"
	if err := s.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
}

// newBrowser starts a headless Chromium with a fresh profile and returns
// the context of its first tab. The browser is gone before the test's
// temporary directories are removed.
func newBrowser(t *testing.T, ctx context.Context, chrome string) context.Context {
	t.Helper()
	profile := t.TempDir()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		// Nothing outside this machine resolves, so a stray external
		// resource fails fast instead of waiting on a network that is
		// not there.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 1000),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tab, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithErrorf(t.Logf))
	// Registered after the profile directory, so it runs before its
	// removal; cancelling the allocator waits for Chromium to exit.
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("starting %s: %v", chrome, err)
	}
	return tab
}

// requestLog records the requests a browser's pages make to addresses
// outside base.
type requestLog struct {
	base    string
	mu      sync.Mutex
	seen    int // every request, so an empty outside list means something
	outside []string
}

// watch records the requests of the tab from now on.
func (l *requestLog) watch(t *testing.T, tab context.Context) {
	t.Helper()
	err := chromedp.Listen(tab, func(ev any) {
		e, ok := ev.(*network.EventRequestWillBeSent)
		if !ok {
			return
		}
		u := e.Request.URL
		l.mu.Lock()
		defer l.mu.Unlock()
		l.seen++
		if strings.HasPrefix(u, l.base+"/") || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "about:") {
			return
		}
		l.outside = append(l.outside, u)
	})
	if err == nil {
		_, err = chromedp.Call(tab, network.Enable, network.EnableParams{})
	}
	if err != nil {
		t.Fatalf("watching requests: %v", err)
	}
}

// list returns the outside addresses asked for, and how many requests
// were seen in all.
func (l *requestLog) list() (outside []string, seen int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.outside...), l.seen
}

// writeTestPNG writes a 1200×600 picture, wide enough for the media
// library to make smaller sizes of it, and returns its path.
func writeTestPNG(t *testing.T, path string) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1200, 600))
	for y := range 600 {
		for x := range 1200 {
			img.Set(x, y, color.RGBA{R: uint8(x / 5), G: uint8(y / 3), B: 160, A: 255})
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func statusOf(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
