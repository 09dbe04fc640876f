package config

import (
	"strings"
	"testing"
)

func TestParseRate(t *testing.T) {
	for in, want := range map[string]Rate{
		"600/min":                  {RequestsPerMinute: 600},
		"10/s":                     {RequestsPerMinute: 600},
		"10/sec":                   {RequestsPerMinute: 600},
		"1000000chars/min":         {CharsPerMinute: 1_000_000},
		"100 chars / s":            {CharsPerMinute: 6000},
		"600/min,1000000chars/min": {RequestsPerMinute: 600, CharsPerMinute: 1_000_000},
		" 5000CHARS/MIN , 3/s ":    {RequestsPerMinute: 180, CharsPerMinute: 5000},
		"1char/min":                {CharsPerMinute: 1},
		"unlimited":                {},
		"Unlimited":                {},
		"1000000000/min":           {RequestsPerMinute: 1_000_000_000},
		"1000000000chars/s,1/min":  {RequestsPerMinute: 1, CharsPerMinute: 60_000_000_000},
	} {
		got, err := ParseRate(in)
		if err != nil || got != want {
			t.Errorf("ParseRate(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
}

func TestParseRateRejects(t *testing.T) {
	for in, why := range map[string]string{
		"":                       "not a rate",
		"600":                    "not a rate",
		"600/h":                  "not a rate",
		"600 per minute":         "not a rate",
		"-5/min":                 "not a rate",
		"1.5/s":                  "not a rate",
		"0/min":                  "from 1 to",
		"1000000001/min":         "from 1 to",
		"99999999999999999999/s": "from 1 to",
		"600/min,700/min":        "requests twice",
		"1chars/min,2chars/s":    "characters twice",
		"600/min,":               "not a rate",
		"unlimited,600/min":      "not a rate",
	} {
		_, err := ParseRate(in)
		if err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("ParseRate(%q) err = %v, want one saying %q", in, err, why)
		}
	}
}

func TestRateStringRoundTrips(t *testing.T) {
	for _, r := range []Rate{{}, {RequestsPerMinute: 600}, {CharsPerMinute: 6_000_000}, {RequestsPerMinute: 3, CharsPerMinute: 4}} {
		back, err := ParseRate(r.String())
		if err != nil || back != r {
			t.Errorf("ParseRate(%q) = %+v, %v; want %+v", r.String(), back, err, r)
		}
	}
}

func TestRatesFromEnvironment(t *testing.T) {
	c, err := parse(t, map[string]string{
		"BYLINE_APERTIUM":              "http://127.0.0.1:2737",
		"BYLINE_APERTIUM_RATE":         "120/min",
		"BYLINE_DEEPL_RATE":            "600/min",
		"BYLINE_GOOGLE_TRANSLATE_RATE": "unlimited",
		"BYLINE_OPENAI_RATE":           "500/min,400000chars/min",
	})
	if err != nil {
		t.Fatal(err)
	}
	tr := c.Translate
	check := func(name string, got *Rate, want *Rate) {
		t.Helper()
		switch {
		case want == nil && got != nil:
			t.Errorf("%s = %+v, want unset", name, *got)
		case want != nil && (got == nil || *got != *want):
			t.Errorf("%s = %v, want %+v", name, got, *want)
		}
	}
	check("ApertiumRate", tr.ApertiumRate, &Rate{RequestsPerMinute: 120})
	check("LibreTranslateRate", tr.LibreTranslateRate, nil)
	check("DeepLRate", tr.DeepLRate, &Rate{RequestsPerMinute: 600})
	check("GoogleRate", tr.GoogleRate, &Rate{})
	check("OpenAIRate", tr.OpenAIRate, &Rate{RequestsPerMinute: 500, CharsPerMinute: 400_000})
}

func TestRateErrorsNameTheVariable(t *testing.T) {
	for name, env := range map[string]map[string]string{
		"BYLINE_DEEPL_RATE":            {"BYLINE_DEEPL_RATE": "fast"},
		"BYLINE_GOOGLE_TRANSLATE_RATE": {"BYLINE_GOOGLE_TRANSLATE_RATE": "0chars/min"},
		"BYLINE_LIBRETRANSLATE_RATE":   {"BYLINE_LIBRETRANSLATE_RATE": "60/hour"},
		"BYLINE_OPENAI_RATE":           {"BYLINE_OPENAI_RATE": "1/min,2/min"},
		"BYLINE_APERTIUM_RATE":         {"BYLINE_APERTIUM": "cli", "BYLINE_APERTIUM_RATE": "60/min"},
	} {
		_, err := parse(t, env)
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%v: err = %v, want one naming %s", env, err, name)
		}
	}
}

func FuzzParseRate(f *testing.F) {
	for _, s := range []string{"600/min", "10/s,1000chars/min", "unlimited", "0/min", "1chars/sec", " 5 / min ", "9999999999/s", ","} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRate(s)
		if err != nil {
			return
		}
		if r.RequestsPerMinute < 0 || r.CharsPerMinute < 0 {
			t.Fatalf("ParseRate(%q) = %+v: negative", s, r)
		}
		back, err := ParseRate(r.String())
		if err != nil || back != r {
			t.Fatalf("ParseRate(%q) = %+v, but its String %q reads as %+v, %v", s, r, r.String(), back, err)
		}
	})
}
