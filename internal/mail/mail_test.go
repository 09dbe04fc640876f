package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/byline-news/byline/internal/news"
)

// received is one message as the test server got it.
type received struct {
	From string
	To   []string
	Data []byte
	User string
	Pass string
}

// testServer is a real SMTP server on loopback that records what arrives.
// reject, when set, is the reply to RCPT TO.
type testServer struct {
	mu     sync.Mutex
	got    []received
	reject *smtp.SMTPError
}

func (b *testServer) NewSession(*smtp.Conn) (smtp.Session, error) { return &testSession{srv: b}, nil }

type testSession struct {
	srv *testServer
	cur received
}

func (s *testSession) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *testSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "sender" || pass != "p@ss w0rd" {
			return errors.New("bad credentials")
		}
		s.cur.User, s.cur.Pass = user, pass
		return nil
	}), nil
}
func (s *testSession) Mail(from string, _ *smtp.MailOptions) error { s.cur.From = from; return nil }
func (s *testSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.srv.reject != nil {
		return s.srv.reject
	}
	s.cur.To = append(s.cur.To, to)
	return nil
}
func (s *testSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.Data = b
	s.srv.mu.Lock()
	s.srv.got = append(s.srv.got, s.cur)
	s.srv.mu.Unlock()
	return nil
}
func (s *testSession) Reset()        { s.cur = received{User: s.cur.User, Pass: s.cur.Pass} }
func (s *testSession) Logout() error { return nil }

// serverTLS and clientTLS are httptest's certificate for 127.0.0.1, so the
// test server offers STARTTLS and the client authenticates only after it.
var serverTLS, clientTLS = func() (*tls.Config, *tls.Config) {
	ts := httptest.NewTLSServer(http.NotFoundHandler())
	defer ts.Close()
	roots := x509.NewCertPool()
	roots.AddCert(ts.Certificate())
	return &tls.Config{Certificates: ts.TLS.Certificates}, &tls.Config{RootCAs: roots, ServerName: "127.0.0.1"}
}()

// newTestSender is New with the client trusting the test certificate.
func newTestSender(t *testing.T, url, from string) Sender {
	t.Helper()
	s, err := New(url, from, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.(*SMTPSender).tlsConfig = clientTLS
	return s
}

// startServer listens on a loopback port and returns the smtp:// URL.
func startServer(t *testing.T, b *testServer) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := smtp.NewServer(b)
	s.Domain = "localhost"
	s.TLSConfig = serverTLS
	go func() { _ = s.Serve(l) }()
	t.Cleanup(func() { _ = s.Close() })
	return "smtp://sender:p%40ss%20w0rd@" + l.Addr().String()
}

func TestSMTPSenderDelivers(t *testing.T) {
	srv := &testServer{}
	sender := newTestSender(t, startServer(t, srv), "Byline <noreply@news.example>")
	link := "https://news.example/admin/password/reset?token=abc123"
	err := sender.Send(context.Background(), Message{
		To: "reader@example.org", Subject: "Reset your password",
		Text:    "Open this link:\n" + link + "\n",
		HTML:    `<p><a href="` + link + `">Reset</a></p>`,
		Headers: map[string]string{"List-Id": "Byline <news.example>"},
	})
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	if len(srv.got) != 1 {
		t.Fatalf("server got %d messages, want 1", len(srv.got))
	}
	got := srv.got[0]
	if got.User != "sender" || got.Pass != "p@ss w0rd" {
		t.Errorf("auth as %q/%q, want the URL's credentials", got.User, got.Pass)
	}
	if got.From != "noreply@news.example" || len(got.To) != 1 || got.To[0] != "reader@example.org" {
		t.Errorf("envelope %q → %q", got.From, got.To)
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(got.Data))
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{
		"Subject": "Reset your password", "To": "<reader@example.org>",
		"From": `"Byline" <noreply@news.example>`, "List-Id": "Byline <news.example>",
	} {
		if g := msg.Header.Get(k); g != want {
			t.Errorf("header %s = %q, want %q", k, g, want)
		}
	}
	if msg.Header.Get("Message-Id") == "" || msg.Header.Get("Date") == "" {
		t.Error("Message-ID or Date missing")
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q (%v), want multipart/alternative", msg.Header.Get("Content-Type"), err)
	}
	parts := map[string]string{}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p) // multipart decodes quoted-printable
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		parts[ct] = string(b)
	}
	if !strings.Contains(parts["text/plain"], link) {
		t.Errorf("text part lacks the link: %q", parts["text/plain"])
	}
	if !strings.Contains(parts["text/html"], `href="`+link+`"`) {
		t.Errorf("HTML part lacks the link: %q", parts["text/html"])
	}
}

func TestSMTPSenderRejections(t *testing.T) {
	tests := []struct {
		name  string
		reply *smtp.SMTPError
		code  string
	}{
		{"451 is temporary", &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try later"}, news.EUNAVAILABLE},
		{"550 is permanent", &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}, news.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := &testServer{reject: tt.reply}
			sender := newTestSender(t, startServer(t, srv), "noreply@news.example")
			err := sender.Send(context.Background(), Message{To: "x@example.org", Subject: "s", Text: "t"})
			if news.ErrorCode(err) != tt.code {
				t.Fatalf("code %q (%v), want %s", news.ErrorCode(err), err, tt.code)
			}
			if !strings.Contains(news.ErrorMessage(err), tt.reply.Message) {
				t.Errorf("message %q does not name the server's reply %q", news.ErrorMessage(err), tt.reply.Message)
			}
			if len(srv.got) != 0 {
				t.Errorf("server recorded %d messages", len(srv.got))
			}
		})
	}
}

func TestSMTPSenderUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	sender, err := New("smtp://"+addr, "noreply@news.example", nil)
	if err != nil {
		t.Fatal(err)
	}
	err = sender.Send(context.Background(), Message{To: "x@example.org", Subject: "s", Text: "t"})
	if news.ErrorCode(err) != news.EUNAVAILABLE {
		t.Fatalf("code %q (%v), want EUNAVAILABLE", news.ErrorCode(err), err)
	}
}

func TestParseURL(t *testing.T) {
	good := []struct {
		raw  string
		want Server
	}{
		{"smtp://mail.example", Server{Host: "mail.example", Port: 587}},
		{"smtps://u:p@mail.example", Server{Host: "mail.example", Port: 465, Implicit: true, Username: "u", Password: "p"}},
		{"smtp://u%40x:p%2Fq@[::1]:2525/", Server{Host: "::1", Port: 2525, Username: "u@x", Password: "p/q"}},
	}
	for _, tt := range good {
		t.Run(tt.raw, func(t *testing.T) {
			got, err := ParseURL(tt.raw)
			if err != nil || got != tt.want {
				t.Fatalf("ParseURL = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
	bad := []struct{ name, raw, says string }{
		{"http scheme", "http://mail.example", "smtp:// or smtps://"},
		{"no scheme", "mail.example:587", "smtp://"},
		{"no host", "smtp://:587", "no host"},
		{"opaque", "smtp:mail.example", "host"},
		{"port not a number", "smtp://mail.example:abc", "cannot be read"},
		{"port too big", "smtp://mail.example:70000", "1 to 65535"},
		{"port zero", "smtp://mail.example:0", "1 to 65535"},
		{"path", "smtp://mail.example/inbox", "nothing after"},
		{"query", "smtp://mail.example?tls=no", "nothing after"},
		{"password without user", "smtp://:secret@mail.example", "no user name"},
		{"control character", "smtp://mail.example\n", "cannot be read"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseURL(tt.raw)
			if news.ErrorCode(err) != news.EINVALID || !strings.Contains(news.ErrorMessage(err), tt.says) {
				t.Fatalf("ParseURL(%q) = %v; want EINVALID saying %q", tt.raw, err, tt.says)
			}
			if strings.Contains(news.ErrorMessage(err), "secret") {
				t.Errorf("error shows the password: %v", err)
			}
		})
	}
}

func TestNewLogSender(t *testing.T) {
	var buf bytes.Buffer
	s, err := New("", "", slog.New(slog.NewTextHandler(&buf, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.(*LogSender); !ok {
		t.Fatalf("New(\"\") = %T, want *LogSender", s)
	}
	link := "https://news.example/admin/invite?token=xyz"
	if err := s.Send(context.Background(), Message{To: "a@example.org", Subject: "Invite", Text: "Join: " + link + "."}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "level=INFO") || !strings.Contains(buf.String(), `links="[`+link+`]"`) {
		t.Errorf("log lacks the link at info level: %s", buf.String())
	}
	err = s.Send(context.Background(), Message{To: "a@example.org", Subject: "x\r\nBcc: evil@example.org", Text: "t"})
	if news.ErrorCode(err) != news.EINVALID {
		t.Errorf("header injection: %v, want EINVALID", err)
	}
}

func TestNewRejectsBadFrom(t *testing.T) {
	if _, err := New("smtp://mail.example", "not an address", nil); news.ErrorCode(err) != news.EINVALID {
		t.Fatalf("New with a bad From = %v, want EINVALID", err)
	}
}

func TestDefaultFrom(t *testing.T) {
	if got := DefaultFrom("https://news.example:8443/base"); got != "Byline <noreply@news.example>" {
		t.Errorf("DefaultFrom = %q", got)
	}
}
