package apertium

import (
	"strings"
	"testing"
)

func TestEncodeTextCarriesPlaceholdersAsInlineHTML(t *testing.T) {
	got, err := encodeText(`The <g1>ferry &amp; <g2>bus</g2></g1> leave<x3/> at 7 &lt; 8 &quot;ok&quot;`)
	if err != nil {
		t.Fatal(err)
	}
	want := `The <span data-g="1">ferry &amp; <span data-g="2">bus</span></span> leave<br data-x="3"> at 7 &lt; 8 "ok"`
	if got != want {
		t.Errorf("encodeText:\n got %s\nwant %s", got, want)
	}
}

func TestEncodeTextRefusesOtherMarkup(t *testing.T) {
	for _, text := range []string{
		`a <b>bold</b> word`,
		`a </div><div data-seg="9"> breakout`,
		`<g1>open`,
		`<g1><g2>crossed</g1></g2>`,
		`stray </g4>`,
		`<g1/>`,
		`a <!-- comment -->`,
	} {
		if got, err := encodeText(text); err == nil {
			t.Errorf("encodeText(%q) = %q, want an error", text, got)
		}
	}
}

func TestSplitSegmentsRestoresPlaceholders(t *testing.T) {
	out := `<div data-seg="0">El <span data-g="1">transbordador</span> sale<br data-x="2"> a las siete &amp; media.</div>` +
		"\n" + `<div data-seg="1">Lee <span data-g="1">un libro</span> <span data-g="1"><i data-g="3">rojo</i></span> hoy.</div>`
	_, err := splitSegments(out, 2)
	if err == nil {
		t.Fatal("an <i> element the engine made up was accepted")
	}
	out = strings.ReplaceAll(strings.ReplaceAll(out, "<i ", "<span "), "</i>", "</span>")
	got, err := splitSegments(out, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`El <g1>transbordador</g1> sale<x2/> a las siete &amp; media.`,
		`Lee <g1>un libro <g3>rojo</g3></g1> hoy.`,
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("splitSegments:\n got %q\nwant %q", got, want)
	}
}

func TestSplitSegmentsRefusesMismatchedBlocks(t *testing.T) {
	for name, out := range map[string]string{
		"too few":       `<div data-seg="0">uno</div>`,
		"too many":      `<div data-seg="0">uno</div><div data-seg="1">dos</div><div data-seg="2">tres</div>`,
		"out of order":  `<div data-seg="1">dos</div><div data-seg="0">uno</div>`,
		"text between":  `<div data-seg="0">uno</div> suelto <div data-seg="1">dos</div>`,
		"unnumbered":    `<div>uno</div><div data-seg="1">dos</div>`,
		"outer element": `<p>uno</p><div data-seg="1">dos</div>`,
	} {
		if got, err := splitSegments(out, 2); err == nil {
			t.Errorf("%s: splitSegments = %q, want an error", name, got)
		}
	}
}

func TestKeepSpace(t *testing.T) {
	if got := keepSpace("  Hello world\n", " Hola mundo "); got != "  Hola mundo\n" {
		t.Errorf("keepSpace = %q", got)
	}
}

func FuzzSplitSegments(f *testing.F) {
	f.Add(`<div data-seg="0">El <span data-g="1">x</span><br data-x="2"></div>`, 1)
	f.Add(`<div data-seg="0">a</div><div data-seg="1"><span data-g="1">b</span> <span data-g="1">c</span></div>`, 2)
	f.Add(`<div data-seg="0"><table><div data-seg="1">`, 2)
	f.Fuzz(func(t *testing.T, out string, n int) {
		if n < 0 || n > 100 {
			return
		}
		segs, err := splitSegments(out, n)
		if err == nil && len(segs) != n {
			t.Fatalf("splitSegments returned %d texts for %d", len(segs), n)
		}
	})
}

// FuzzEncodeRoundTrip checks that a text that encodes survives the trip
// through a block untouched by an engine: decoding gives a text that
// encodes to the same HTML.
func FuzzEncodeRoundTrip(f *testing.F) {
	f.Add(`The <g1>ferry</g1> leaves<x2/> at seven &amp; a half.`)
	f.Add(`<g1>a <g2>b</g2></g1><x3></x3>`)
	f.Add(`5 > 3 & "quotes"`)
	f.Fuzz(func(t *testing.T, text string) {
		enc, err := encodeText(text)
		if err != nil {
			return
		}
		segs, err := splitSegments(joinSegments([]string{enc}), 1)
		if err != nil {
			t.Fatalf("encoded %q as %q, which does not decode: %v", text, enc, err)
		}
		again, err := encodeText(segs[0])
		if err != nil || again != enc {
			t.Fatalf("round trip of %q: decoded %q, encodes to %q (%v), want %q", text, segs[0], again, err, enc)
		}
	})
}
