package batch

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name               string
		texts              []string
		maxTexts, maxChars int
		want               [][]string
	}{
		{"none", nil, 3, 10, nil},
		{"one batch", []string{"a", "b"}, 3, 10, [][]string{{"a", "b"}}},
		{"by count", []string{"a", "b", "c", "d", "e"}, 2, 100, [][]string{{"a", "b"}, {"c", "d"}, {"e"}}},
		{"by characters", []string{"aaaa", "bbbb", "cc", "d"}, 10, 6, [][]string{{"aaaa"}, {"bbbb", "cc"}, {"d"}}},
		{"exactly full", []string{"aaa", "bbb", "c"}, 10, 6, [][]string{{"aaa", "bbb"}, {"c"}}},
		{"long text alone", []string{"a", "0123456789", "b"}, 10, 5, [][]string{{"a"}, {"0123456789"}, {"b"}}},
		{"runes not bytes", []string{"ééé", "ééé"}, 10, 6, [][]string{{"ééé", "ééé"}}},
		{"limits below one", []string{"a", "b"}, 0, -1, [][]string{{"a"}, {"b"}}},
		{"empty texts", []string{"", "", ""}, 2, 1, [][]string{{"", ""}, {""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Split(tt.texts, tt.maxTexts, tt.maxChars); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Split = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSplitBatchesDoNotAlias(t *testing.T) {
	texts := []string{"a", "b", "c"}
	got := Split(texts, 1, 10)
	got[0] = append(got[0], "x")
	if texts[1] != "b" {
		t.Errorf("appending to a batch overwrote the next text: %q", texts)
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("a\x00bb\x00ccc\x00dddd", 2, 5)
	f.Add("日本\x00語", 1, 1)
	f.Fuzz(func(t *testing.T, joined string, maxTexts, maxChars int) {
		maxTexts, maxChars = maxTexts%64, maxChars%256
		texts := splitNUL(joined)
		got := Split(texts, maxTexts, maxChars)
		if flat := slices.Concat(got...); !slices.Equal(flat, texts) {
			t.Fatalf("batches %q do not join back to %q", got, texts)
		}
		for i, b := range got {
			chars := 0
			for _, s := range b {
				chars += utf8.RuneCountInString(s)
			}
			if len(b) == 0 || len(b) > max(maxTexts, 1) || (len(b) > 1 && chars > max(maxChars, 1)) {
				t.Fatalf("batch %d %q breaks the limits %d texts, %d chars", i, b, maxTexts, maxChars)
			}
			// Greedy: the next batch's first text would not have fitted.
			if i+1 < len(got) && len(b) < max(maxTexts, 1) && chars+utf8.RuneCountInString(got[i+1][0]) <= max(maxChars, 1) {
				t.Fatalf("batch %d %q was closed early", i, b)
			}
		}
	})
}

// splitNUL splits s at NUL bytes; "" is no texts.
func splitNUL(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\x00")
}
