package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	netmail "net/mail"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/byline-news/byline/internal/news"
)

// fastBackoff keeps retries quick in tests.
func fastBackoff(int) time.Duration { return time.Millisecond }

// newTestBulk is NewBulk for url with the test certificate trusted and
// Close at cleanup.
func newTestBulk(t testing.TB, cfg BulkConfig) *Bulk {
	t.Helper()
	if cfg.From == "" {
		cfg.From = "Byline Daily <daily@news.example>"
	}
	if cfg.Backoff == nil {
		cfg.Backoff = fastBackoff
	}
	b, err := NewBulk(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b.tlsConfig = clientTLS
	t.Cleanup(func() { _ = b.Close() })
	return b
}

// issue is a newsletter message for to.
func issue(to string) Message {
	return Message{
		To: to, Subject: "Byline Daily — 25 November",
		Text:                  "Top stories\nhttps://news.example/a/1\n",
		HTML:                  `<h1>Top stories</h1><p><a href="https://news.example/a/1">Café opens</a></p>`,
		MessageID:             MessageID("2026-11-25", to, "news.example"),
		ListID:                "Byline Daily <daily.news.example>",
		ListUnsubscribeURL:    "https://news.example/unsubscribe?t=" + strings.ReplaceAll(to, "@", "%40"),
		ListUnsubscribeMailto: "unsubscribe@news.example?subject=" + strings.ReplaceAll(to, "@", "%40"),
	}
}

// parts returns the message's MIME parts by media type, decoded.
func parts(t *testing.T, msg *netmail.Message) map[string]string {
	t.Helper()
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q (%v), want multipart/alternative", msg.Header.Get("Content-Type"), err)
	}
	out := map[string]string{}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p)
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		out[ct] = string(b)
	}
}

func TestBulkDeliversWithListHeaders(t *testing.T) {
	srv := newBulkServer()
	url, _ := startBulkServer(t, srv, true)
	b := newTestBulk(t, BulkConfig{URL: url})
	m := issue("reader@example.org")
	res := b.Send(context.Background(), m)
	if res.Status != Sent || res.Code != 250 || res.Attempts != 1 || res.Err != nil {
		t.Fatalf("Send = %+v, want Sent 250 after 1 attempt", res)
	}
	got := srv.messages("reader@example.org")
	if len(got) != 1 {
		t.Fatalf("server got %d messages, want 1", len(got))
	}
	if srv.authUser() != "sender" {
		t.Errorf("authenticated as %q, want the URL's user", srv.authUser())
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(got[0]))
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{
		"Message-Id":            "<" + m.MessageID + ">",
		"List-Id":               "Byline Daily <daily.news.example>",
		"List-Unsubscribe":      "<https://news.example/unsubscribe?t=reader%40example.org>, <mailto:unsubscribe@news.example?subject=reader%40example.org>",
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		"Precedence":            "bulk",
		"From":                  `"Byline Daily" <daily@news.example>`,
	} {
		if g := msg.Header.Get(k); g != want {
			t.Errorf("header %s = %q, want %q", k, g, want)
		}
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if subject != m.Subject {
		t.Errorf("Subject = %q, want %q", subject, m.Subject)
	}
	p := parts(t, msg)
	if !strings.Contains(p["text/plain"], "https://news.example/a/1") {
		t.Errorf("text part = %q", p["text/plain"])
	}
	if !strings.Contains(p["text/html"], "Café opens") {
		t.Errorf("HTML part = %q", p["text/html"])
	}
}

func TestBulkImplicitTLS(t *testing.T) {
	srv := newBulkServer()
	b := newTestBulk(t, BulkConfig{URL: startBulkServerTLS(t, srv)})
	for _, to := range []string{"a@example.org", "b@example.org"} {
		if res := b.Send(context.Background(), issue(to)); res.Status != Sent {
			t.Fatalf("Send to %s = %+v", to, res)
		}
	}
	if srv.total() != 2 || srv.authUser() != "sender" {
		t.Errorf("got %d messages as %q, want 2 as sender", srv.total(), srv.authUser())
	}
}

func TestBulkOmitsUnsetListHeaders(t *testing.T) {
	srv := newBulkServer()
	url, _ := startBulkServer(t, srv, false)
	b := newTestBulk(t, BulkConfig{URL: url})
	m := Message{To: "a@example.org", Subject: "s", Text: "t", ListUnsubscribeMailto: "mailto:u@news.example"}
	if res := b.Send(context.Background(), m); res.Status != Sent {
		t.Fatalf("Send = %+v", res)
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(srv.messages("a@example.org")[0]))
	if err != nil {
		t.Fatal(err)
	}
	if g := msg.Header.Get("List-Unsubscribe"); g != "<mailto:u@news.example>" {
		t.Errorf("List-Unsubscribe = %q", g)
	}
	// One-click needs an HTTPS URL to POST to.
	if _, ok := msg.Header["List-Unsubscribe-Post"]; ok {
		t.Error("List-Unsubscribe-Post without a URL")
	}
	if msg.Header.Get("Message-Id") == "" || msg.Header.Get("List-Id") != "" {
		t.Errorf("Message-Id %q, List-Id %q: want a random ID and no List-Id", msg.Header.Get("Message-Id"), msg.Header.Get("List-Id"))
	}
}

func TestBulkPoolsConnections(t *testing.T) {
	srv := newBulkServer()
	url, cl := startBulkServer(t, srv, true)
	b := newTestBulk(t, BulkConfig{URL: url, Connections: 4})
	const n = 500
	var wg sync.WaitGroup
	var failed atomic.Int64
	jobs := make(chan int)
	for range 32 {
		wg.Go(func() {
			for i := range jobs {
				if res := b.Send(context.Background(), issue(fmt.Sprintf("r%d@example.org", i))); res.Status != Sent {
					failed.Add(1)
					t.Errorf("message %d: %+v", i, res)
				}
			}
		})
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if failed.Load() > 0 {
		t.Fatalf("%d messages failed", failed.Load())
	}
	for i := range n {
		if got := len(srv.messages(fmt.Sprintf("r%d@example.org", i))); got != 1 {
			t.Errorf("r%d got %d copies, want 1", i, got)
		}
	}
	if srv.total() != n {
		t.Errorf("server got %d messages, want %d", srv.total(), n)
	}
	if m := cl.maxOpen.Load(); m > 4 {
		t.Errorf("%d connections open at once, want at most 4", m)
	}
	if a := cl.accepted.Load(); a > 4 {
		t.Errorf("%d connections for %d messages, want at most 4 reused", a, n)
	}
	if err := b.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	waitFor(t, func() bool { return cl.open.Load() == 0 }, "connections closed after Close")
}

// waitFor polls cond for up to two seconds.
func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Errorf("timed out waiting for %s", what)
}

func TestBulkRetriesTemporaryReplies(t *testing.T) {
	for _, code := range []int{421, 451} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			srv := newBulkServer()
			srv.rcpt = func(_ string, n int) *smtp.SMTPError {
				if n <= 2 {
					return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "busy"}
				}
				return nil
			}
			url, cl := startBulkServer(t, srv, false)
			var waits []int
			var mu sync.Mutex
			b := newTestBulk(t, BulkConfig{URL: url, Backoff: func(a int) time.Duration {
				mu.Lock()
				waits = append(waits, a)
				mu.Unlock()
				return time.Millisecond
			}})
			res := b.Send(context.Background(), issue("busy@example.org"))
			if res.Status != Sent || res.Attempts != 3 {
				t.Fatalf("Send = %+v, want Sent after 3 attempts", res)
			}
			if len(srv.messages("busy@example.org")) != 1 {
				t.Errorf("got %d copies, want 1", len(srv.messages("busy@example.org")))
			}
			if fmt.Sprint(waits) != "[1 2]" {
				t.Errorf("backoff asked for attempts %v, want [1 2]", waits)
			}
			// 421 means the server closes the connection: the client
			// must open a new one; 451 leaves it usable after RSET.
			wantConns := int64(1)
			if code == 421 {
				wantConns = 3
			}
			if a := cl.accepted.Load(); a != wantConns {
				t.Errorf("%d connections, want %d", a, wantConns)
			}
		})
	}
}

func TestBulkTempFailAfterRetries(t *testing.T) {
	srv := newBulkServer()
	srv.rcpt = func(string, int) *smtp.SMTPError {
		return &smtp.SMTPError{Code: 452, EnhancedCode: smtp.EnhancedCode{4, 2, 2}, Message: "mailbox full"}
	}
	url, _ := startBulkServer(t, srv, false)
	b := newTestBulk(t, BulkConfig{URL: url, MaxRetries: 2})
	res := b.Send(context.Background(), issue("full@example.org"))
	if res.Status != TempFail || res.Code != 452 || res.Enhanced != "4.2.2" || res.Attempts != 3 {
		t.Fatalf("Send = %+v, want TempFail 452 4.2.2 after 3 attempts", res)
	}
	if news.ErrorCode(res.Err) != news.EUNAVAILABLE || !strings.Contains(res.Err.Error(), "mailbox full") {
		t.Errorf("Err = %v, want EUNAVAILABLE naming the reply", res.Err)
	}
	if n := srv.rcptAttempts("full@example.org"); n != 3 {
		t.Errorf("server saw %d attempts, want 3", n)
	}
}

func TestBulkPermanentFailure(t *testing.T) {
	srv := newBulkServer()
	srv.rcpt = func(to string, _ int) *smtp.SMTPError {
		if to == "gone@example.org" {
			return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
		}
		return nil
	}
	url, _ := startBulkServer(t, srv, false)
	var backoffs atomic.Int64
	b := newTestBulk(t, BulkConfig{URL: url, Connections: 2, Backoff: func(int) time.Duration { backoffs.Add(1); return 0 }})
	to := []string{"a@example.org", "gone@example.org", "b@example.org", "c@example.org"}
	results := make([]Result, len(to))
	var wg sync.WaitGroup
	for i, addr := range to {
		wg.Go(func() { results[i] = b.Send(context.Background(), issue(addr)) })
	}
	wg.Wait()
	for i, res := range results {
		if to[i] == "gone@example.org" {
			if res.Status != PermFail || res.Code != 550 || res.Enhanced != "5.1.1" || res.Attempts != 1 {
				t.Errorf("gone: %+v, want PermFail 550 5.1.1 after 1 attempt", res)
			}
			if news.ErrorCode(res.Err) != news.EINVALID || !strings.Contains(res.Err.Error(), "no such user") {
				t.Errorf("gone: Err = %v, want EINVALID naming the reply", res.Err)
			}
			continue
		}
		if res.Status != Sent || len(srv.messages(to[i])) != 1 {
			t.Errorf("%s: %+v, %d copies", to[i], res, len(srv.messages(to[i])))
		}
	}
	if n := srv.rcptAttempts("gone@example.org"); n != 1 {
		t.Errorf("refused address tried %d times, want 1", n)
	}
	if backoffs.Load() != 0 {
		t.Errorf("backoff used %d times, want none", backoffs.Load())
	}
}

func TestBulkReconnectsAfterDrop(t *testing.T) {
	t.Run("during DATA", func(t *testing.T) {
		srv := newBulkServer()
		srv.data = func(c *smtp.Conn, _ string, n int) error {
			if n == 1 {
				_ = c.Conn().Close()
				return errors.New("dropped")
			}
			return nil
		}
		url, cl := startBulkServer(t, srv, false)
		b := newTestBulk(t, BulkConfig{URL: url})
		res := b.Send(context.Background(), issue("x@example.org"))
		if res.Status != Sent || res.Attempts != 2 {
			t.Fatalf("Send = %+v, want Sent after 2 attempts", res)
		}
		if len(srv.messages("x@example.org")) != 1 || cl.accepted.Load() != 2 {
			t.Errorf("%d copies over %d connections, want 1 over 2", len(srv.messages("x@example.org")), cl.accepted.Load())
		}
	})
	t.Run("while idle", func(t *testing.T) {
		srv := newBulkServer()
		url, cl := startBulkServer(t, srv, false)
		var backoffs atomic.Int64
		b := newTestBulk(t, BulkConfig{URL: url, Connections: 1, Backoff: func(int) time.Duration { backoffs.Add(1); return time.Hour }})
		if res := b.Send(context.Background(), issue("1@example.org")); res.Status != Sent {
			t.Fatalf("first: %+v", res)
		}
		srv.dropAll()
		waitFor(t, func() bool { return cl.open.Load() == 0 }, "the server to drop the connection")
		res := b.Send(context.Background(), issue("2@example.org"))
		if res.Status != Sent || res.Attempts != 2 {
			t.Fatalf("after drop: %+v, want Sent after 2 attempts", res)
		}
		if backoffs.Load() != 0 {
			t.Error("a stale pooled connection waited for backoff")
		}
	})
}

func TestBulkRateLimit(t *testing.T) {
	srv := newBulkServer()
	url, _ := startBulkServer(t, srv, false)
	b := newTestBulk(t, BulkConfig{URL: url, PerSecond: 200})
	start := time.Now()
	var wg sync.WaitGroup
	for i := range 100 {
		wg.Go(func() {
			if res := b.Send(context.Background(), issue(fmt.Sprintf("r%d@example.org", i))); res.Status != Sent {
				t.Errorf("%d: %+v", i, res)
			}
		})
	}
	wg.Wait()
	if d := time.Since(start); d < 450*time.Millisecond {
		t.Errorf("100 messages at 200/s took %v, want ≥ 450ms", d)
	}
	if srv.total() != 100 {
		t.Errorf("server got %d, want 100", srv.total())
	}
}

func TestBulkRejectsHeaderInjection(t *testing.T) {
	srv := newBulkServer()
	url, cl := startBulkServer(t, srv, false)
	b := newTestBulk(t, BulkConfig{URL: url})
	tests := []struct {
		field string
		edit  func(*Message)
	}{
		{"To", func(m *Message) { m.To += "\r\nBcc: evil@example.org" }},
		{"Subject", func(m *Message) { m.Subject += "\nBcc: evil@example.org" }},
		{"MessageID", func(m *Message) { m.MessageID += "\r\nBcc: evil@example.org" }},
		{"ListID", func(m *Message) { m.ListID += "\rBcc: evil@example.org" }},
		{"ListUnsubscribeURL", func(m *Message) { m.ListUnsubscribeURL += "\r\nBcc: evil@example.org" }},
		{"ListUnsubscribeMailto", func(m *Message) { m.ListUnsubscribeMailto += "\nBcc: evil@example.org" }},
		{"X-Edition", func(m *Message) { m.Headers = map[string]string{"X-Edition": "1\r\nBcc: evil@example.org"} }},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			m := issue("reader@example.org")
			tt.edit(&m)
			res := b.Send(context.Background(), m)
			if res.Status != PermFail || news.ErrorCode(res.Err) != news.EINVALID || !strings.Contains(news.ErrorMessage(res.Err), tt.field) {
				t.Fatalf("Send = %+v, want PermFail EINVALID naming %s", res, tt.field)
			}
		})
	}
	if cl.accepted.Load() != 0 || srv.total() != 0 {
		t.Errorf("%d connections, %d messages: want nothing sent", cl.accepted.Load(), srv.total())
	}
}

func TestBulkCancel(t *testing.T) {
	release := make(chan struct{})
	srv := newBulkServer()
	var stall atomic.Bool
	stall.Store(true)
	srv.data = func(*smtp.Conn, string, int) error {
		if stall.Load() {
			<-release
		}
		return nil
	}
	url, _ := startBulkServer(t, srv, false)
	t.Cleanup(func() { close(release) })
	b := newTestBulk(t, BulkConfig{URL: url, Connections: 1})

	// The first send stalls in DATA, the second waits for the one
	// connection: cancelling returns both promptly.
	ctx, cancel := context.WithCancel(context.Background())
	results := make(chan Result, 2)
	for _, to := range []string{"a@example.org", "b@example.org"} {
		go func() { results <- b.Send(ctx, issue(to)) }()
	}
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	cancel()
	for range 2 {
		select {
		case res := <-results:
			if res.Status != TempFail || !errors.Is(res.Err, context.Canceled) {
				t.Errorf("Send = %+v, want TempFail with context.Canceled", res)
			}
		case <-time.After(3 * time.Second):
			t.Fatal("Send did not return within 3 s of cancel (the SMTP timeout is 15 s)")
		}
	}
	// Well under the 15 s SMTP timeout, with room for a loaded -race run.
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("cancel took %v", d)
	}
	// The pool survives: a later send on a fresh connection works.
	stall.Store(false)
	if res := b.Send(context.Background(), issue("c@example.org")); res.Status != Sent {
		t.Errorf("after cancel: %+v", res)
	}
}

func TestBulkClosed(t *testing.T) {
	srv := newBulkServer()
	url, _ := startBulkServer(t, srv, false)
	b := newTestBulk(t, BulkConfig{URL: url})
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	res := b.Send(context.Background(), issue("a@example.org"))
	if res.Status != TempFail || !errors.Is(res.Err, errClosed) {
		t.Errorf("Send after Close = %+v", res)
	}
}

func TestBulkUnreachable(t *testing.T) {
	b := newTestBulk(t, BulkConfig{URL: "smtp://127.0.0.1:1", MaxRetries: 1})
	res := b.Send(context.Background(), issue("a@example.org"))
	if res.Status != TempFail || res.Attempts != 2 || news.ErrorCode(res.Err) != news.EUNAVAILABLE {
		t.Errorf("Send = %+v, want TempFail after 2 attempts", res)
	}
}

func TestNewBulkConfig(t *testing.T) {
	bad := []struct {
		name string
		cfg  BulkConfig
		says string
	}{
		{"no URL", BulkConfig{From: "a@news.example"}, "SMTP URL"},
		{"bad scheme", BulkConfig{URL: "http://x", From: "a@news.example"}, "smtp://"},
		{"bad From", BulkConfig{URL: "smtp://x", From: "nobody"}, "From"},
		{"negative connections", BulkConfig{URL: "smtp://x", From: "a@news.example", Connections: -1}, "connections"},
		{"negative rate", BulkConfig{URL: "smtp://x", From: "a@news.example", PerSecond: -1}, "rate"},
		{"DKIM without key", BulkConfig{URL: "smtp://x", From: "a@news.example", DKIM: &DKIMConfig{Domain: "news.example", Selector: "s"}}, "private key"},
		{"DKIM bad domain", BulkConfig{URL: "smtp://x", From: "a@news.example", DKIM: &DKIMConfig{Domain: "news example", Selector: "s"}}, "domain"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewBulk(tt.cfg)
			if news.ErrorCode(err) != news.EINVALID || !strings.Contains(news.ErrorMessage(err), tt.says) {
				t.Errorf("NewBulk = %v, want EINVALID saying %q", err, tt.says)
			}
		})
	}
	b, err := NewBulk(BulkConfig{URL: "smtp://x", From: "a@news.example"})
	if err != nil {
		t.Fatal(err)
	}
	if b.conns != 4 || b.maxRetries != 5 || b.limiter != nil {
		t.Errorf("defaults: %d connections, %d retries, limiter %v", b.conns, b.maxRetries, b.limiter)
	}
}

func TestDefaultBackoff(t *testing.T) {
	for attempt, want := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 5: 16 * time.Second, 7: 60 * time.Second, 40: 60 * time.Second} {
		for range 20 {
			if d := defaultBackoff(attempt); d < want/2 || d > want {
				t.Errorf("defaultBackoff(%d) = %v, want in [%v, %v]", attempt, d, want/2, want)
			}
		}
	}
}
