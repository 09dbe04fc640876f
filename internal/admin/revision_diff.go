package admin

import "strings"

// diffOp says what became of a line.
type diffOp byte

const (
	opSame   diffOp = '='
	opRemove diffOp = '-'
	opAdd    diffOp = '+'
)

// diffLine is one line of a line diff. Old and New are 1-based line
// numbers in each text, 0 where the line is not in it.
type diffLine struct {
	Op   diffOp
	Old  int
	New  int
	Text string
}

// Symbol is the sign the diff table shows, so that the change does not
// rest on colour alone.
func (l diffLine) Symbol() string { return string(l.Op) }

// Kind names the change for the page's class and screen readers.
func (l diffLine) Kind() string {
	switch l.Op {
	case opAdd:
		return "added"
	case opRemove:
		return "removed"
	}
	return "same"
}

// maxDiffCells bounds the LCS table: past it, the differing middle is
// shown as removed then added, which is correct if not minimal.
const maxDiffCells = 4_000_000

// splitLines splits text into lines; "" has none, and a final newline
// does not make an empty last line.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// lineDiff returns the lines of a and b as a shortest edit: every line of
// a is kept or removed, every line of b kept or added, in order. It uses
// the longest common subsequence of lines, after trimming the common
// prefix and suffix.
func lineDiff(a, b []string) []diffLine {
	var out []diffLine
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		out = append(out, diffLine{Op: opSame, Old: pre + 1, New: pre + 1, Text: a[pre]})
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	out = append(out, middleDiff(ma, mb, pre)...)
	for i := range suf {
		ia, ib := len(a)-suf+i, len(b)-suf+i
		out = append(out, diffLine{Op: opSame, Old: ia + 1, New: ib + 1, Text: a[ia]})
	}
	return out
}

// middleDiff diffs a and b, which start after off common lines.
func middleDiff(a, b []string, off int) []diffLine {
	n, m := len(a), len(b)
	out := make([]diffLine, 0, n+m)
	if n*m > maxDiffCells {
		for i, s := range a {
			out = append(out, diffLine{Op: opRemove, Old: off + i + 1, Text: s})
		}
		for j, s := range b {
			out = append(out, diffLine{Op: opAdd, New: off + j + 1, Text: s})
		}
		return out
	}
	// lcs[i][j] is the length of the LCS of a[i:] and b[j:].
	w := m + 1
	lcs := make([]int32, (n+1)*w)
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			out = append(out, diffLine{Op: opSame, Old: off + i + 1, New: off + j + 1, Text: a[i]})
			i++
			j++
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			out = append(out, diffLine{Op: opRemove, Old: off + i + 1, Text: a[i]})
			i++
		default:
			out = append(out, diffLine{Op: opAdd, New: off + j + 1, Text: b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, diffLine{Op: opRemove, Old: off + i + 1, Text: a[i]})
	}
	for ; j < m; j++ {
		out = append(out, diffLine{Op: opAdd, New: off + j + 1, Text: b[j]})
	}
	return out
}
