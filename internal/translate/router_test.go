package translate

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/byline-news/byline/internal/news"
)

// fakeProvider answers with fn, counting calls and what it was sent.
type fakeProvider struct {
	name  string
	pairs map[string]bool // "src>dst"; nil supports every pair
	fn    func(ctx context.Context, texts []string) ([]string, error)

	mu    sync.Mutex
	calls int
	sent  [][]string
}

func (p *fakeProvider) Name() string { return p.name }

func (p *fakeProvider) Supports(_ context.Context, src, dst string) bool {
	return p.pairs == nil || p.pairs[src+">"+dst]
}

func (p *fakeProvider) Translate(ctx context.Context, _, _ string, texts []string) ([]string, error) {
	p.mu.Lock()
	p.calls++
	p.sent = append(p.sent, append([]string(nil), texts...))
	p.mu.Unlock()
	return p.fn(ctx, texts)
}

func (p *fakeProvider) callCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls
}

// tagged is an engine that translates by wrapping each text's words in
// its name: "[deepl] text".
func tagged(name string) func(context.Context, []string) ([]string, error) {
	return func(_ context.Context, texts []string) ([]string, error) {
		out := make([]string, len(texts))
		for i, t := range texts {
			out[i] = "[" + name + "] " + t
		}
		return out, nil
	}
}

func newFake(name string, fn func(context.Context, []string) ([]string, error)) *fakeProvider {
	return &fakeProvider{name: name, fn: fn}
}

// fakeUsage records usage per provider and day.
type fakeUsage struct {
	mu    sync.Mutex
	chars map[string]int64 // "provider day"
	calls int
}

func (u *fakeUsage) AddTranslationUsage(_ context.Context, provider, day string, chars int64) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.chars == nil {
		u.chars = map[string]int64{}
	}
	u.chars[provider+" "+day] += chars
	u.calls++
	return nil
}

func route(names ...string) news.LanguageRoute {
	return news.LanguageRoute{Mode: news.ModeEager, Providers: names}
}

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

func wantTexts(t *testing.T, got []Result, want []string, provider []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d results, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i].Text != want[i] || got[i].Provider != provider[i] || got[i].Err != nil {
			t.Errorf("result %d = %+v, want %q from %q", i, got[i], want[i], provider[i])
		}
	}
}

func TestRouterFallbackOnUnsupportedPair(t *testing.T) {
	apertium := &fakeProvider{name: "apertium", pairs: map[string]bool{"en>es": true}, fn: tagged("apertium")}
	deepl := newFake("deepl", tagged("deepl"))
	r := NewRouter([]Provider{apertium, deepl}, nil, nil)
	texts := []string{"Hello <g1>world</g1>", "Bye"}

	got := r.Translate(t.Context(), "en", "ja", route("nosuch", "apertium", "deepl"), nil, texts)
	wantTexts(t, got, []string{"[deepl] Hello <g1>world</g1>", "[deepl] Bye"}, []string{"deepl", "deepl"})
	if apertium.callCount() != 0 {
		t.Error("a provider lacking the pair was asked")
	}

	got = r.Translate(t.Context(), "en", "es", route("apertium", "deepl"), nil, texts)
	wantTexts(t, got, []string{"[apertium] Hello <g1>world</g1>", "[apertium] Bye"}, []string{"apertium", "apertium"})
}

func TestRouterQuota(t *testing.T) {
	clk := &clock{t: time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)}
	var quotaUntil time.Time
	deepl := newFake("deepl", func(context.Context, []string) ([]string, error) {
		return nil, fmt.Errorf("deepl: %w", &QuotaError{Provider: "deepl", Until: quotaUntil, Detail: "456"})
	})
	google := newFake("google", tagged("google"))
	r := NewRouter([]Provider{deepl, google}, nil, nil, WithClock(clk.now))
	rt := route("deepl", "google")

	got := r.Translate(t.Context(), "en", "de", rt, nil, []string{"One"})
	wantTexts(t, got, []string{"[google] One"}, []string{"google"})
	endOfDay := time.Date(2026, 5, 2, 0, 0, 0, 0, time.UTC)
	if s := r.Stopped(); !s["deepl"].Equal(endOfDay) || len(s) != 1 {
		t.Fatalf("Stopped() = %v, want deepl until %v", s, endOfDay)
	}

	// Not asked again the same day, by any caller.
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			got := r.Translate(context.Background(), "en", "fr", rt, nil, []string{"Two"})
			if got[0].Provider != "google" {
				t.Errorf("result = %+v, want google", got[0])
			}
		})
	}
	wg.Wait()
	if n := deepl.callCount(); n != 1 {
		t.Fatalf("deepl asked %d times, want once", n)
	}

	// Asked again the next day; this time the engine names its own time.
	clk.set(endOfDay.Add(time.Minute))
	quotaUntil = endOfDay.Add(3 * time.Hour)
	r.Translate(t.Context(), "en", "de", rt, nil, []string{"Three"})
	if n := deepl.callCount(); n != 2 {
		t.Fatalf("deepl asked %d times after its quota ended, want 2", n)
	}
	if s := r.Stopped(); !s["deepl"].Equal(quotaUntil) {
		t.Fatalf("Stopped() = %v, want deepl until %v", s, quotaUntil)
	}
	clk.set(quotaUntil)
	if s := r.Stopped(); len(s) != 0 {
		t.Errorf("Stopped() = %v after the quota ended", s)
	}
}

func TestRouterTimeout(t *testing.T) {
	hang := newFake("hang", func(ctx context.Context, _ []string) ([]string, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	})
	// deaf ignores its context altogether.
	release := make(chan struct{})
	defer close(release)
	deaf := newFake("deaf", func(context.Context, []string) ([]string, error) {
		<-release
		return nil, errors.New("too late")
	})
	libre := newFake("libretranslate", tagged("libre"))
	r := NewRouter([]Provider{hang, deaf, libre}, nil, nil, WithCallTimeout(50*time.Millisecond))

	start := time.Now()
	got := r.Translate(t.Context(), "en", "fr", route("hang", "deaf", "libretranslate"), nil, []string{"Text"})
	wantTexts(t, got, []string{"[libre] Text"}, []string{"libretranslate"})
	// Two call timeouts of 50 ms; the bound leaves room for a busy
	// machine and is far below the default timeout.
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v, want about two call timeouts", d)
	}

	// The caller's own deadline ends the chain.
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	got = r.Translate(ctx, "en", "fr", route("libretranslate"), nil, []string{"Text"})
	if got[0].Err == nil || got[0].Text != "" || !errors.Is(got[0].Err, context.Canceled) {
		t.Errorf("with a cancelled context: %+v", got[0])
	}
}

func TestRouterRefusesMalformedOutput(t *testing.T) {
	texts := []string{"Read <g1>the report</g1><x2/>", "Plain one", "<g1>Bold</g1> move"}
	tests := []struct {
		name string
		fn   func(context.Context, []string) ([]string, error)
		bad  []bool // which texts the bad engine spoils
	}{
		{"dropped placeholder", spoil(0, func(string) string { return "Lisez le rapport<x2/>" }), []bool{true, false, false}},
		{"script added", spoil(1, func(s string) string { return s + "<script>alert(1)</script>" }), []bool{false, true, false}},
		{"event handler added", spoil(1, func(s string) string { return s + " <x9 onerror=alert(1)/>" }), []bool{false, true, false}},
		{"unclosed span", spoil(2, func(string) string { return "<g1>Gras mouvement" }), []bool{false, false, true}},
		{"empty answer", spoil(1, func(string) string { return " " }), []bool{false, true, false}},
		{"wrong count", func(_ context.Context, texts []string) ([]string, error) {
			return []string{texts[0]}, nil
		}, []bool{true, true, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := newFake("bad", tt.fn)
			good := newFake("good", tagged("good"))
			r := NewRouter([]Provider{bad, good}, nil, nil)
			got := r.Translate(t.Context(), "en", "fr", route("bad", "good"), nil, texts)
			var askedGood []string
			for i, res := range got {
				if res.Err != nil || strings.Contains(res.Text, "<script") || strings.Contains(res.Text, "onerror") {
					t.Errorf("result %d = %+v", i, res)
				}
				if tt.bad[i] {
					askedGood = append(askedGood, texts[i])
					if res.Provider != "good" || res.Text != "[good] "+texts[i] {
						t.Errorf("spoilt result %d = %+v, want the next provider's", i, res)
					}
				} else if res.Provider != "bad" {
					t.Errorf("sound result %d = %+v, want it kept from the first provider", i, res)
				}
			}
			// The next provider gets only what is still untranslated.
			if len(good.sent) != 1 || strings.Join(good.sent[0], "|") != strings.Join(askedGood, "|") {
				t.Errorf("next provider was sent %q, want %q", good.sent, askedGood)
			}
		})
	}
}

// spoil returns an engine that echoes texts, with text i changed by f.
func spoil(i int, f func(string) string) func(context.Context, []string) ([]string, error) {
	return func(_ context.Context, texts []string) ([]string, error) {
		out := append([]string(nil), texts...)
		out[i] = f(out[i])
		return out, nil
	}
}

func TestRouterAllFail(t *testing.T) {
	failing := newFake("openai", func(context.Context, []string) ([]string, error) {
		return nil, errors.New("503 after retries")
	})
	garbling := newFake("google", func(_ context.Context, texts []string) ([]string, error) {
		return make([]string, len(texts)), nil
	})
	r := NewRouter([]Provider{failing, garbling}, nil, nil)
	got := r.Translate(t.Context(), "en", "fr", route("openai", "google"), nil, []string{"A <g1>b</g1>", "", "C"})
	for _, i := range []int{0, 2} {
		if got[i].Text != "" || got[i].Err == nil || !strings.Contains(got[i].Err.Error(), "google") {
			t.Errorf("result %d = %+v, want no text and the last provider's error", i, got[i])
		}
	}
	if got[1].Err != nil || got[1].Text != "" {
		t.Errorf("an empty text needs no provider: %+v", got[1])
	}

	got = r.Translate(t.Context(), "en", "fr", route(), nil, []string{"x"})
	if got[0].Err == nil || got[0].Text != "" {
		t.Errorf("empty route: %+v", got[0])
	}
}

func TestRouterUsage(t *testing.T) {
	clk := &clock{t: time.Date(2026, 5, 1, 23, 59, 0, 0, time.FixedZone("X", -3*3600))}
	usage := &fakeUsage{}
	garbling := newFake("apertium", spoil(0, func(string) string { return "<g1>" }))
	deepl := newFake("deepl", tagged("deepl"))
	human := newFake("human", func(context.Context, []string) ([]string, error) { return nil, ErrLeftForPeople })
	r := NewRouter([]Provider{garbling, deepl, human}, usage, nil, WithClock(clk.now))
	texts := []string{"Grüße <g1>aus</g1> Köln", "Zwei", "  "}
	r.Translate(t.Context(), "de", "en", route("apertium", "deepl", "human"), nil, texts)

	day := "2026-05-02" // the clock's time in UTC
	want := map[string]int64{
		// Everything sent is counted, also the answers refused.
		"apertium " + day: int64(utf8.RuneCountInString(texts[0]) + utf8.RuneCountInString(texts[1])),
		"deepl " + day:    int64(utf8.RuneCountInString(texts[0])),
	}
	if len(usage.chars) != len(want) {
		t.Errorf("usage = %v, want %v", usage.chars, want)
	}
	for k, v := range want {
		if usage.chars[k] != v {
			t.Errorf("usage[%s] = %d, want %d (all: %v)", k, usage.chars[k], v, usage.chars)
		}
	}
	if human.callCount() != 0 {
		t.Error("human provider asked although nothing was left")
	}
}

func TestRouterGlossary(t *testing.T) {
	g := NewGlossary([]news.GlossaryTerm{
		{Term: "Maria Rose"},
		{Term: "The Daily Sun", Fixed: map[string]string{"es": "El Diario Sol"}},
	})
	engine := newFake("deepl", func(_ context.Context, texts []string) ([]string, error) {
		out := make([]string, len(texts))
		for i, t := range texts {
			out[i] = mangle(t)
		}
		return out, nil
	})
	usage := &fakeUsage{}
	r := NewRouter([]Provider{engine}, usage, nil)
	got := r.Translate(t.Context(), "en", "es", route("deepl"), g,
		[]string{"Maria Rose told <g1>The Daily Sun</g1> about New York.", "Maria Rosemary"})
	wantTexts(t, got, []string{
		"Maria Rose told <g1>El Diario Sol</g1> about nueva nueva york.",
		"maria rosamary",
	}, []string{"deepl", "deepl"})
	if s := engine.sent[0][0]; strings.Contains(s, "Maria") || strings.Contains(s, "Daily") {
		t.Errorf("engine saw protected terms: %q", s)
	}

	// An engine that drops a protected term is refused.
	dropper := newFake("google", spoil(0, func(s string) string { return strings.Replace(s, "<x2/>", "", 1) }))
	r = NewRouter([]Provider{dropper}, nil, nil)
	got = r.Translate(t.Context(), "en", "es", route("google"), g, []string{"<g1>Hi</g1> Maria Rose"})
	if got[0].Err == nil || got[0].Text != "" {
		t.Errorf("dropped glossary term accepted: %+v", got[0])
	}
}

func TestRouterHumanStopsChain(t *testing.T) {
	apertium := &fakeProvider{name: "apertium", pairs: map[string]bool{}, fn: tagged("apertium")}
	human := newFake("human", func(context.Context, []string) ([]string, error) { return nil, ErrLeftForPeople })
	deepl := newFake("deepl", tagged("deepl"))
	r := NewRouter([]Provider{apertium, human, deepl}, nil, nil)
	got := r.Translate(t.Context(), "en", "cy", route("apertium", "human", "deepl"), nil, []string{"A", "B"})
	for i, res := range got {
		if res.Text != "" || !errors.Is(res.Err, ErrLeftForPeople) {
			t.Errorf("result %d = %+v, want ErrLeftForPeople", i, res)
		}
	}
	if deepl.callCount() != 0 {
		t.Error("a provider after the human one was asked")
	}
}
