package translate

import "testing"

func TestRealignPairsElementsByWhatTheyAre(t *testing.T) {
	src, err := SplitHTML("body", `<p>Open on <strong>Sundays</strong> from <a href="https://example.org/h">noon</a>.</p>`)
	if err != nil {
		t.Fatal(err)
	}
	// A translation that puts the link before the emphasis.
	tr, err := SplitHTML("body", `<p>Ab <a href="https://example.org/h">Mittag</a> am <strong>Sonntag</strong> offen.</p>`)
	if err != nil {
		t.Fatal(err)
	}
	text := tr.Segments()[0].Text
	if text != "Ab <g1>Mittag</g1> am <g2>Sonntag</g2> offen." {
		t.Fatalf("translation segment = %q", text)
	}
	got, err := Realign(text, tr.Placeholders("body.0000"), src.Placeholders("body.0000"))
	if err != nil {
		t.Fatal(err)
	}
	if got != "Ab <g2>Mittag</g2> am <g1>Sonntag</g1> offen." {
		t.Fatalf("realigned = %q", got)
	}
	out, err := src.Assemble(map[string]string{"body.0000": got})
	if err != nil {
		t.Fatal(err)
	}
	want := `<p>Ab <a href="https://example.org/h" rel="noopener noreferrer">Mittag</a> am <strong>Sonntag</strong> offen.</p>`
	if canonical(t, out) != canonical(t, want) {
		t.Fatalf("assembled %s, want %s", out, want)
	}

	// A link to another address has no counterpart.
	other, _ := SplitHTML("body", `<p>Ab <a href="https://example.org/x">Mittag</a> am <strong>Sonntag</strong>.</p>`)
	if _, err := Realign(other.Segments()[0].Text, other.Placeholders("body.0000"), src.Placeholders("body.0000")); err == nil {
		t.Fatal("a link to another address was lined up")
	}
}
