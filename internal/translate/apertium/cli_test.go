package apertium

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/byline-news/byline/internal/translate"
)

// requireEngine returns a CLI provider on the installed apertium with the
// eng-spa pair, or skips the test (fails with BYLINE_TEST_REQUIRE_ALL=1).
func requireEngine(t *testing.T) *Provider {
	t.Helper()
	reason := ""
	if _, err := exec.LookPath("apertium"); err != nil {
		reason = "the apertium program is not installed (Debian: apt-get install apertium apertium-eng-spa)"
	} else if out, err := exec.Command("apertium", "-l").Output(); err != nil {
		reason = fmt.Sprintf("apertium -l failed: %v", err)
	} else if !slices.Contains(strings.Fields(string(out)), "eng-spa") {
		reason = "the apertium eng-spa pair is not installed (Debian: apt-get install apertium-eng-spa)"
	}
	if reason != "" {
		if os.Getenv("BYLINE_TEST_REQUIRE_ALL") == "1" {
			t.Fatal(reason + "; BYLINE_TEST_REQUIRE_ALL=1 requires it")
		}
		t.Skip(reason)
	}
	return NewCLI(CLIOptions{})
}

func TestCLITranslatesEnglishToSpanish(t *testing.T) {
	p := requireEngine(t)
	if !p.Supports(t.Context(), "en", "es") {
		t.Fatal("Supports(en, es) = false with eng-spa installed")
	}
	if p.Supports(t.Context(), "en", "ja") {
		t.Error("Supports(en, ja) = true, but no such pair is installed")
	}
	texts := []string{
		"The <g1>ferry</g1> leaves<x2/> at seven.",
		"The library opens at <g3>nine</g3> &amp; closes at five.",
		"   ",
		"The old <g1>library</g1> has a new <g2>roof</g2>.\n",
	}
	got, err := p.Translate(t.Context(), "en", "es", texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(texts) {
		t.Fatalf("got %d texts for %d", len(got), len(texts))
	}
	t.Logf("%q", got)
	checks := []struct {
		words        []string // one of them must appear
		placeholders []string
	}{
		{[]string{"transbordador", "ferri"}, []string{"<g1>", "</g1>", "<x2/>"}},
		{[]string{"biblioteca"}, []string{"<g3>", "</g3>", "&amp;"}},
		{nil, nil},
		{[]string{"biblioteca"}, []string{"<g1>", "</g1>", "<g2>", "</g2>"}},
	}
	for i, c := range checks {
		lower := strings.ToLower(got[i])
		if len(c.words) > 0 && !slices.ContainsFunc(c.words, func(w string) bool { return strings.Contains(lower, w) }) {
			t.Errorf("text %d = %q, want one of %q", i, got[i], c.words)
		}
		for _, ph := range c.placeholders {
			if strings.Count(got[i], ph) != 1 {
				t.Errorf("text %d = %q, want %s exactly once", i, got[i], ph)
			}
		}
		if strings.Contains(strings.ToLower(got[i]), "the ") {
			t.Errorf("text %d = %q still holds English", i, got[i])
		}
	}
	if got[2] != "   " {
		t.Errorf("blank text = %q, want it unchanged", got[2])
	}
	if !strings.HasSuffix(got[3], "\n") {
		t.Errorf("text 3 = %q lost its trailing newline", got[3])
	}
}

func TestCLIKeepsOrderAndCountOfManyTexts(t *testing.T) {
	p := requireEngine(t)
	// Small runs force several invocations as well.
	p.t.(*cli).opts.MaxChars = 1500
	words := []string{"house", "library", "dog", "book", "city"}
	spanish := []string{"casa", "biblioteca", "perro", "libro", "ciudad"}
	var texts []string
	for i := range 50 {
		texts = append(texts, fmt.Sprintf("The <g1>%s</g1> number %d is [big] \\ $5 ^ @home.", words[i%len(words)], i))
	}
	got, err := p.Translate(t.Context(), "en", "es", texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 50 {
		t.Fatalf("got %d texts for 50", len(got))
	}
	for i, g := range got {
		if !strings.Contains(g, fmt.Sprint(i)) || !strings.Contains(strings.ToLower(g), spanish[i%len(spanish)]) {
			t.Errorf("text %d = %q, want %d and %q", i, g, i, spanish[i%len(spanish)])
		}
		if strings.Count(g, "<g1>") != 1 || strings.Count(g, "</g1>") != 1 {
			t.Errorf("text %d = %q lost its placeholder", i, g)
		}
		for _, s := range []string{"[", "]", "\\", "$5", "^", "@"} {
			if !strings.Contains(g, s) {
				t.Errorf("text %d = %q lost %q", i, g, s)
			}
		}
	}
}

func TestCLIUnsupportedPair(t *testing.T) {
	p := requireEngine(t)
	_, err := p.Translate(t.Context(), "en", "ja", []string{"Hello."})
	if !errors.Is(err, translate.ErrUnsupported) {
		t.Errorf("Translate(en, ja) error = %v, want ErrUnsupported", err)
	}
}

// fakeApertium writes a shell script standing in for apertium.
func fakeApertium(t *testing.T, script string) string {
	t.Helper()
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to run a fake apertium")
	}
	path := filepath.Join(t.TempDir(), "apertium")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

const fakeModes = `if [ "$1" = -l ]; then printf '  eng-spa\n  eng-cat\n  eng-cat_valencia\n  en-gl\n  eng-spa-tagger\n'; exit 0; fi
`

func TestCLIMatchesSiteCodesToInstalledModes(t *testing.T) {
	// The fake echoes the mode it was asked for into every block.
	bin := fakeApertium(t, fakeModes+`sed "s/data-seg=\"\([0-9]*\)\">/&$4:/g"`+"\n")
	p := NewCLI(CLIOptions{Binary: bin})
	for _, c := range []struct {
		src, dst, mode string
	}{
		{"en", "es", "eng-spa"}, {"en", "ca", "eng-cat"}, {"en", "gl", "en-gl"},
		{"es", "en", ""}, {"en", "fr", ""},
	} {
		if got := p.Supports(t.Context(), c.src, c.dst); got != (c.mode != "") {
			t.Errorf("Supports(%s, %s) = %v", c.src, c.dst, got)
		}
		got, err := p.Translate(t.Context(), c.src, c.dst, []string{"x"})
		if c.mode == "" {
			if !errors.Is(err, translate.ErrUnsupported) {
				t.Errorf("Translate(%s, %s) error = %v, want ErrUnsupported", c.src, c.dst, err)
			}
			continue
		}
		if err != nil || len(got) != 1 || got[0] != c.mode+":x" {
			t.Errorf("Translate(%s, %s) = %q, %v; want mode %s", c.src, c.dst, got, err, c.mode)
		}
	}
	v := NewCLI(CLIOptions{Binary: bin, Modes: map[Pair]string{{From: "en", To: "ca"}: "eng-cat_valencia"}})
	if got, err := v.Translate(t.Context(), "en", "ca", []string{"x"}); err != nil || got[0] != "eng-cat_valencia:x" {
		t.Errorf("configured variant: %q, %v", got, err)
	}
}

func TestCLIRefusesAnswerThatLosesABlock(t *testing.T) {
	bin := fakeApertium(t, fakeModes+`sed 's|<div data-seg="1">[^<]*</div>||'`+"\n")
	p := NewCLI(CLIOptions{Binary: bin})
	got, err := p.Translate(t.Context(), "en", "es", []string{"one", "two", "three"})
	if err == nil {
		t.Fatalf("Translate = %q, want an error for the lost text", got)
	}
}

func TestCLIReportsStderr(t *testing.T) {
	bin := fakeApertium(t, fakeModes+"echo 'Error: mode file is broken' >&2; exit 1\n")
	_, err := NewCLI(CLIOptions{Binary: bin}).Translate(t.Context(), "en", "es", []string{"x"})
	if err == nil || !strings.Contains(err.Error(), "mode file is broken") {
		t.Errorf("error = %v, want the program's stderr", err)
	}
}

func TestCLIStopsWithContext(t *testing.T) {
	bin := fakeApertium(t, fakeModes+"exec sleep 30\n")
	p := NewCLI(CLIOptions{Binary: bin})
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := p.Translate(ctx, "en", "es", []string{"x"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want the deadline", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Translate took %s after the deadline", d)
	}
}

func TestCLIMissingProgram(t *testing.T) {
	p := NewCLI(CLIOptions{Binary: "apertium-not-installed-here"})
	if p.Supports(t.Context(), "en", "es") {
		t.Error("Supports = true without the program")
	}
	_, err := p.Translate(t.Context(), "en", "es", []string{"x"})
	if !errors.Is(err, exec.ErrNotFound) || !strings.Contains(err.Error(), "not installed") {
		t.Errorf("error = %v, want a clear not-installed error", err)
	}
}

func TestCLITranslatesOtherInstalledPairs(t *testing.T) {
	p := requireEngine(t)
	for _, c := range []struct{ dst, want string }{{"ca", "biblioteca"}, {"gl", "biblioteca"}} {
		if !p.Supports(t.Context(), "en", c.dst) {
			t.Logf("en→%s is not installed; skipping it", c.dst)
			continue
		}
		got, err := p.Translate(t.Context(), "en", c.dst, []string{"The <g1>library</g1> is open<x2/>."})
		if err != nil {
			t.Fatalf("en→%s: %v", c.dst, err)
		}
		if !strings.Contains(strings.ToLower(got[0]), c.want) || strings.Count(got[0], "<g1>") != 1 || strings.Count(got[0], "<x2/>") != 1 {
			t.Errorf("en→%s = %q, want %q and the placeholders", c.dst, got[0], c.want)
		}
	}
}
