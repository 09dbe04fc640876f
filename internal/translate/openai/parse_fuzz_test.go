package openai

import "testing"

func FuzzParseAnswer(f *testing.F) {
	f.Add([]byte(`{"choices":[{"message":{"content":"{\"translations\":[\"Hola <g1>mundo</g1>\"]}"},"finish_reason":"stop"}]}`), 1)
	f.Add([]byte(`{"choices":[{"message":{"content":"`+"```json\\n[\\\"a\\\"]\\n```"+`"}}]}`), 1)
	f.Add([]byte(`{"choices":[]}`), 0)
	f.Add([]byte(`{"error":{"code":"insufficient_quota","message":"x"}}`), 1)
	f.Fuzz(func(t *testing.T, data []byte, want int) {
		got, err := parseAnswer(data, want)
		if err == nil && len(got) != want {
			t.Fatalf("no error but %d texts for %d wanted", len(got), want)
		}
		if err != nil && got != nil {
			t.Fatalf("error %v with a result", err)
		}
		if msg, _ := parseError(data); msg == "" {
			t.Fatal("parseError gave an empty message")
		}
	})
}

func FuzzParseContent(f *testing.F) {
	f.Add("```json\n{\"translations\":[\"a\",\"b\"]}\n```", 2)
	f.Add(`["a"]`, 1)
	f.Add("```", 0)
	f.Add(`{"translations":null}`, 0)
	f.Fuzz(func(t *testing.T, content string, want int) {
		got, err := parseContent(content, want)
		if err == nil && len(got) != want {
			t.Fatalf("no error but %d texts for %d wanted", len(got), want)
		}
		if err != nil && got != nil {
			t.Fatalf("error %v with a result", err)
		}
	})
}
