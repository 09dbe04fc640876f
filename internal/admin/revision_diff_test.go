package admin

import (
	"strings"
	"testing"
)

// render writes a diff as "-a +b =c" for compact expectations.
func renderDiff(d []diffLine) string {
	var parts []string
	for _, l := range d {
		parts = append(parts, string(l.Op)+l.Text)
	}
	return strings.Join(parts, " ")
}

func TestLineDiff(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string
	}{
		{"both empty", "", "", ""},
		{"all added", "", "a\nb", "+a +b"},
		{"all removed", "a\nb\n", "", "-a -b"},
		{"same", "a\nb", "a\nb\n", "=a =b"},
		{"one changed in the middle", "a\nb\nc", "a\nx\nc", "=a -b +x =c"},
		{"insert at start", "b\nc", "a\nb\nc", "+a =b =c"},
		{"delete at end", "a\nb\nc", "a\nb", "=a =b -c"},
		{"moved line", "a\nb\nc", "b\nc\na", "-a =b =c +a"},
		{"interleaved", "a\nb\nc\nd", "a\nc\nb\nd", "=a -b =c +b =d"},
		{"repeated lines", "x\nx\ny", "x\ny\nx", "=x -x =y +x"},
		{"empty lines count", "a\n\nb", "a\nb", "=a - =b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := renderDiff(lineDiff(splitLines(tc.old), splitLines(tc.new)))
			if got != tc.want {
				t.Errorf("diff(%q, %q) = %q, want %q", tc.old, tc.new, got, tc.want)
			}
		})
	}
}

func TestLineDiffNumbersLines(t *testing.T) {
	d := lineDiff([]string{"a", "b", "c"}, []string{"a", "x", "c", "d"})
	want := []diffLine{
		{opSame, 1, 1, "a"}, {opRemove, 2, 0, "b"}, {opAdd, 0, 2, "x"}, {opSame, 3, 3, "c"}, {opAdd, 0, 4, "d"},
	}
	if len(d) != len(want) {
		t.Fatalf("got %+v", d)
	}
	for i := range want {
		if d[i] != want[i] {
			t.Errorf("line %d: got %+v, want %+v", i, d[i], want[i])
		}
	}
}

// lcsLen is the textbook recursive LCS length, to check that lineDiff's
// kept lines are a longest common subsequence.
func lcsLen(a, b []string, memo map[[2]int]int) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	k := [2]int{len(a), len(b)}
	if v, ok := memo[k]; ok {
		return v
	}
	var v int
	if a[0] == b[0] {
		v = 1 + lcsLen(a[1:], b[1:], memo)
	} else {
		v = max(lcsLen(a[1:], b, memo), lcsLen(a, b[1:], memo))
	}
	memo[k] = v
	return v
}

// checkDiff verifies that d turns a into b and keeps an LCS.
func checkDiff(t *testing.T, a, b []string, d []diffLine) {
	t.Helper()
	var gotA, gotB []string
	same := 0
	for _, l := range d {
		switch l.Op {
		case opSame:
			gotA, gotB = append(gotA, l.Text), append(gotB, l.Text)
			same++
			if a[l.Old-1] != l.Text || b[l.New-1] != l.Text {
				t.Fatalf("line numbers %d/%d do not point at %q", l.Old, l.New, l.Text)
			}
		case opRemove:
			gotA = append(gotA, l.Text)
			if a[l.Old-1] != l.Text {
				t.Fatalf("old line %d is not %q", l.Old, l.Text)
			}
		case opAdd:
			gotB = append(gotB, l.Text)
			if b[l.New-1] != l.Text {
				t.Fatalf("new line %d is not %q", l.New, l.Text)
			}
		}
	}
	if strings.Join(gotA, "\n") != strings.Join(a, "\n") || len(gotA) != len(a) {
		t.Fatalf("the diff's old side is %q, want %q", gotA, a)
	}
	if strings.Join(gotB, "\n") != strings.Join(b, "\n") || len(gotB) != len(b) {
		t.Fatalf("the diff's new side is %q, want %q", gotB, b)
	}
	if want := lcsLen(a, b, map[[2]int]int{}); same != want {
		t.Fatalf("kept %d lines, the longest common subsequence has %d", same, want)
	}
}

func TestLineDiffFallsBackOnHugeInputs(t *testing.T) {
	a := make([]string, 2100)
	b := make([]string, 2100)
	for i := range a {
		a[i], b[i] = "a"+strings.Repeat("x", i%7), "b"+strings.Repeat("y", i%5)
	}
	a[0], b[0] = "same", "same"
	d := lineDiff(a, b)
	if len(d) != 1+2*2099 || d[0].Op != opSame || d[1].Op != opRemove || d[len(d)-1].Op != opAdd {
		t.Fatalf("unexpected fallback diff of %d lines", len(d))
	}
}

// FuzzLineDiff checks on arbitrary texts that the diff reproduces both
// sides and keeps as many lines as the longest common subsequence.
func FuzzLineDiff(f *testing.F) {
	f.Add("a\nb\nc", "a\nc\nd")
	f.Add("", "x")
	f.Add("x\nx\nx", "x\ny\nx")
	f.Fuzz(func(t *testing.T, old, new string) {
		a, b := splitLines(old), splitLines(new)
		if len(a) > 60 || len(b) > 60 {
			return // keep the recursive reference fast
		}
		checkDiff(t, a, b, lineDiff(a, b))
	})
}
