package i18n

import "testing"

func TestDefaultSetHasSourceAnd51Languages(t *testing.T) {
	s := Default()
	if s.Source.Code != "en" {
		t.Fatalf("source = %q, want en", s.Source.Code)
	}
	if len(s.Others) != 51 {
		t.Fatalf("have %d menu languages, want 51", len(s.Others))
	}
	var rtl []string
	for _, l := range s.All() {
		if l.RTL() {
			rtl = append(rtl, l.Code)
		}
	}
	if len(rtl) != 4 {
		t.Errorf("right-to-left languages = %v, want 4", rtl)
	}
	if !s.IsTranslation("zh-Hant") || s.IsTranslation("en") || s.IsTranslation("xx") {
		t.Error("IsTranslation disagrees with the table")
	}
}

func TestParseRejectsBadTables(t *testing.T) {
	for name, tsv := range map[string]string{
		"empty":         "code\tenglish\tnative\tdir\n",
		"missing field": "h\nen\tEnglish\tEnglish\n",
		"bad direction": "h\nen\tEnglish\tEnglish\tsideways\n",
		"duplicate":     "h\nen\tEnglish\tEnglish\tltr\nen\tEnglish\tEnglish\tltr\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Parse(tsv); err == nil {
				t.Fatal("Parse accepted a bad table")
			}
		})
	}
}
