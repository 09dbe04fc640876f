package mail

import (
	"bytes"
	netmail "net/mail"
	"strings"
	"testing"

	"github.com/byline-news/byline/internal/news"
)

func TestMessageID(t *testing.T) {
	id := MessageID("2026-11-25", "sub-1", "News.Example")
	if id != MessageID("2026-11-25", "sub-1", "News.Example") {
		t.Error("MessageID is not deterministic")
	}
	left, right, _ := strings.Cut(id, "@")
	if len(left) != 32 || right != "news.example" {
		t.Errorf("MessageID = %q, want 32 hex digits @news.example", id)
	}
	for _, other := range []string{
		MessageID("2026-11-26", "sub-1", "news.example"),
		MessageID("2026-11-25", "sub-2", "news.example"),
		MessageID("2026-11-25s", "ub-1", "news.example"), // same concatenation
	} {
		if other == id {
			t.Errorf("different keys give the same ID %q", id)
		}
	}
	if got := MessageID("e", "s", "not a domain"); !strings.HasSuffix(got, "@localhost") {
		t.Errorf("MessageID with a bad domain = %q, want @localhost", got)
	}
	// A dot-atom msg-id has the addr-spec grammar: net/mail reads it.
	if a, err := netmail.ParseAddress("<" + id + ">"); err != nil || a.Address != id {
		t.Errorf("net/mail reads %v (%v), want %s", a, err, id)
	}
	if _, err := checkMessageID(id); err != nil {
		t.Error(err)
	}
}

func TestListHeaderValidation(t *testing.T) {
	good := []struct {
		name string
		m    Message
		want listHeaders
	}{
		{"bracketed id", Message{MessageID: "<a.b@c.d>"}, listHeaders{MessageID: "a.b@c.d"}},
		{"bare list id", Message{ListID: "daily.news.example"}, listHeaders{ListID: "<daily.news.example>"}},
		{"non-ASCII description", Message{ListID: "Ausgabe Zürich <zh.news.example>"}, listHeaders{ListID: "=?UTF-8?q?Ausgabe_Z=C3=BCrich?= <zh.news.example>"}},
		{"mailto URL", Message{ListUnsubscribeMailto: "MAILTO:u@news.example?subject=x"}, listHeaders{Unsubscribe: "<mailto:u@news.example?subject=x>"}},
		{"both", Message{ListUnsubscribeURL: "https://n.example/u?t=1", ListUnsubscribeMailto: "u@n.example"}, listHeaders{Unsubscribe: "<https://n.example/u?t=1>, <mailto:u@n.example>"}},
	}
	for _, tt := range good {
		t.Run(tt.name, func(t *testing.T) {
			got, err := checkListHeaders(tt.m)
			if err != nil || got != tt.want {
				t.Errorf("checkListHeaders = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
	bad := []struct {
		name  string
		m     Message
		field string
	}{
		{"id without @", Message{MessageID: "abc"}, "Message-ID"},
		{"id with space", Message{MessageID: "a b@c"}, "Message-ID"},
		{"id with double dot", Message{MessageID: "a..b@c"}, "Message-ID"},
		{"list id not dotted", Message{ListID: "Daily <daily>"}, "ListID"},
		{"list id unclosed", Message{ListID: "Daily <daily.example"}, "ListID"},
		{"unsubscribe ftp", Message{ListUnsubscribeURL: "ftp://n.example/u"}, "ListUnsubscribeURL"},
		{"unsubscribe relative", Message{ListUnsubscribeURL: "/unsubscribe"}, "ListUnsubscribeURL"},
		{"unsubscribe with comma", Message{ListUnsubscribeURL: "https://n.example/u,<mailto:x@y>"}, "ListUnsubscribeURL"},
		{"mailto not an address", Message{ListUnsubscribeMailto: "mailto:nobody"}, "ListUnsubscribeMailto"},
		{"mailto with bracket", Message{ListUnsubscribeMailto: "u@n.example>, <https://evil.example"}, "ListUnsubscribeMailto"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := checkListHeaders(tt.m)
			if news.ErrorCode(err) != news.EINVALID || !strings.Contains(news.ErrorMessage(err), tt.field) {
				t.Errorf("checkListHeaders = %v, want EINVALID naming %s", err, tt.field)
			}
		})
	}
}

func TestSMTPSenderSendsListHeaders(t *testing.T) {
	srv := &testServer{}
	sender := newTestSender(t, startServer(t, srv), "noreply@news.example")
	m := issue("reader@example.org")
	if err := sender.Send(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(srv.got[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	if msg.Header.Get("Message-Id") != "<"+m.MessageID+">" || msg.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
		t.Errorf("Message-Id %q, List-Unsubscribe-Post %q", msg.Header.Get("Message-Id"), msg.Header.Get("List-Unsubscribe-Post"))
	}
}

// FuzzMessageHeaders checks that a message checkMessage accepts renders
// to exactly the header fields asked for: no value can add one.
func FuzzMessageHeaders(f *testing.F) {
	f.Add("r@example.org", "Hello", "a@news.example", "Daily <d.news.example>", "https://news.example/u", "u@news.example", "X-A", "v")
	f.Add("r@example.org", "x\r\nBcc: e@x", "<a@b>", "d.example", "https://n.example/u\nX: y", "mailto:u@n.example", "X-B", "1\n2")
	f.Add("r@example.org", "ünïcødé", "", "Zürich <zh.example>", "", "", "Key", "=?UTF-8?q?x?=")
	f.Fuzz(func(t *testing.T, to, subject, id, listID, unsubURL, unsubMail, hk, hv string) {
		m := Message{To: to, Subject: subject, Text: "t", MessageID: id, ListID: listID,
			ListUnsubscribeURL: unsubURL, ListUnsubscribeMailto: unsubMail, Headers: map[string]string{hk: hv}}
		if err := checkMessage(m); err != nil {
			if news.ErrorCode(err) != news.EINVALID {
				t.Fatalf("error %v is not EINVALID", err)
			}
			return
		}
		msg, err := newMsg("noreply@news.example", m)
		if err != nil {
			return // an address go-mail refuses
		}
		var buf bytes.Buffer
		if err := render(msg, &buf); err != nil {
			return
		}
		parsed, err := netmail.ReadMessage(&buf)
		if err != nil {
			t.Fatalf("rendered message does not parse: %v\n%s", err, buf.String())
		}
		allowed := map[string]bool{"From": true, "To": true, "Subject": true, "Date": true, "Message-Id": true,
			"User-Agent": true, "X-Mailer": true, "Mime-Version": true, "Content-Type": true, "Content-Transfer-Encoding": true,
			"List-Id": true, "List-Unsubscribe": true, "List-Unsubscribe-Post": true}
		for k := range parsed.Header {
			if !allowed[k] && !strings.EqualFold(k, hk) {
				t.Fatalf("rendered header %q that was not asked for\n%s", k, buf.String())
			}
		}
		if id != "" {
			bare := strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">")
			if got := parsed.Header.Get("Message-Id"); got != "<"+bare+">" {
				t.Fatalf("Message-ID %q, want <%s>", got, bare)
			}
		}
	})
}
