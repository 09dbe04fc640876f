package config

import (
	"strings"
	"testing"
)

func TestTranslationEnginesFromEnvironment(t *testing.T) {
	env := map[string]string{
		"BYLINE_APERTIUM":           "http://127.0.0.1:2737",
		"BYLINE_DEEPL_KEY":          "abc:fx",
		"BYLINE_OPENAI_URL":         "http://127.0.0.1:8081/v1",
		"BYLINE_OPENAI_MODEL":       "llama",
		"BYLINE_LIBRETRANSLATE_URL": "https://lt.example",
	}
	c, err := parse(t, env)
	if err != nil {
		t.Fatal(err)
	}
	tr := c.Translate
	if tr.Apertium != "http://127.0.0.1:2737" || tr.DeepLKey != "abc:fx" || tr.OpenAIModel != "llama" || tr.LibreTranslateURL != "https://lt.example" {
		t.Fatalf("Translate = %+v", tr)
	}
}

func TestTranslationEngineErrorsNameTheVariable(t *testing.T) {
	for name, tc := range map[string]struct {
		env  map[string]string
		want string
	}{
		"apertium neither cli nor url": {map[string]string{"BYLINE_APERTIUM": "yes"}, "BYLINE_APERTIUM"},
		"libretranslate relative":      {map[string]string{"BYLINE_LIBRETRANSLATE_URL": "lt.example"}, "BYLINE_LIBRETRANSLATE_URL"},
		"openai without model":         {map[string]string{"BYLINE_OPENAI_URL": "http://127.0.0.1:1"}, "BYLINE_OPENAI_MODEL"},
		"google ftp":                   {map[string]string{"BYLINE_GOOGLE_TRANSLATE_URL": "ftp://x"}, "BYLINE_GOOGLE_TRANSLATE_URL"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := parse(t, tc.env)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one naming %s", err, tc.want)
			}
		})
	}
	if _, err := parse(t, map[string]string{"BYLINE_APERTIUM": "cli"}); err != nil {
		t.Fatalf("BYLINE_APERTIUM=cli refused: %v", err)
	}
}
