// Package mail sends the platform's own email (password resets,
// invitations, later the newsletter) through a small interface, so that
// callers neither know nor care whether a message goes out over SMTP or,
// with no server configured, into the log.
package mail

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// Message is one email. Text is required; HTML, when set, is sent as the
// alternative part. Headers are extra header fields (List-Id and the like).
type Message struct {
	To      string
	Subject string
	Text    string
	HTML    string
	Headers map[string]string

	// MessageID, when set, is the Message-ID without angle brackets
	// (see MessageID); otherwise a random one is made.
	MessageID string
	// ListID, when set, is the List-Id: "Description <list.id.example>"
	// or just the dotted identifier.
	ListID string
	// ListUnsubscribeURL and ListUnsubscribeMailto, when set, make the
	// List-Unsubscribe header (RFC 2369); the URL also adds
	// "List-Unsubscribe-Post: List-Unsubscribe=One-Click" (RFC 8058), so
	// it must take a POST that unsubscribes without further question.
	ListUnsubscribeURL    string
	ListUnsubscribeMailto string
}

// Sender delivers messages. Send returns a *news.Error: EUNAVAILABLE when
// trying again later may work (network, 4xx replies), EINVALID when the
// server refused the message for good (5xx replies).
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Default ports when the URL names none.
const (
	submissionPort = 587 // smtp://, STARTTLS when offered
	smtpsPort      = 465 // smtps://, TLS from the first byte
)

// timeout bounds each SMTP connection's every step, so a stalled server
// cannot hold a request for ever.
const timeout = 15 * time.Second

// New returns the Sender for smtpURL: a LogSender when it is empty, an
// SMTP sender otherwise. from is the From header, e.g.
// "Byline <noreply@example.org>".
func New(smtpURL, from string, logger *slog.Logger) (Sender, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if strings.TrimSpace(smtpURL) == "" {
		return &LogSender{Logger: logger}, nil
	}
	srv, err := ParseURL(smtpURL)
	if err != nil {
		return nil, err
	}
	if _, err := parseFrom(from); err != nil {
		return nil, err
	}
	return &SMTPSender{server: srv, from: from, logger: logger}, nil
}

// Server is an SMTP server as configured by BYLINE_SMTP_URL.
type Server struct {
	Host     string
	Port     int
	Implicit bool // smtps://: TLS from the first byte
	Username string
	Password string
}

// ParseURL reads smtp://user:password@host:port or smtps://…. The
// password is never part of an error message.
func ParseURL(raw string) (Server, error) {
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error quotes the URL, password included: say less.
		return Server{}, news.Errorf(news.EINVALID, "The SMTP URL cannot be read: it should look like smtp://user:password@host:587.")
	}
	var s Server
	switch u.Scheme {
	case "smtp":
		s.Port = submissionPort
	case "smtps":
		s.Port, s.Implicit = smtpsPort, true
	default:
		return Server{}, news.Errorf(news.EINVALID, "The SMTP URL must begin smtp:// or smtps://, not %q.", u.Scheme+"://")
	}
	if u.Opaque != "" {
		return Server{}, news.Errorf(news.EINVALID, "The SMTP URL must have a host after %s://.", u.Scheme)
	}
	s.Host = u.Hostname()
	if s.Host == "" {
		return Server{}, news.Errorf(news.EINVALID, "The SMTP URL names no host.")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return Server{}, news.Errorf(news.EINVALID, "The SMTP URL's port %q is not a number from 1 to 65535.", p)
		}
		s.Port = n
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return Server{}, news.Errorf(news.EINVALID, "The SMTP URL must have nothing after the host and port.")
	}
	if u.User != nil {
		s.Username = u.User.Username()
		s.Password, _ = u.User.Password()
		if s.Username == "" {
			return Server{}, news.Errorf(news.EINVALID, "The SMTP URL has a password but no user name.")
		}
	}
	return s, nil
}

// Addr is host:port.
func (s Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// DefaultFrom is the From address when none is configured: noreply at the
// base URL's host.
func DefaultFrom(baseURL string) string {
	host := "localhost"
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "Byline <noreply@" + host + ">"
}

// checkMessage refuses what no mail server should see: a message without
// recipient or text, or header values that would start new header lines.
func checkMessage(m Message) error {
	if strings.TrimSpace(m.To) == "" {
		return news.Errorf(news.EINVALID, "The message has no recipient.")
	}
	if m.Text == "" {
		return news.Errorf(news.EINVALID, "The message has no text.")
	}
	if err := checkHeaderValues(m); err != nil {
		return err
	}
	_, err := checkListHeaders(m)
	return err
}

// LogSender writes each message to the log instead of sending it: with no
// SMTP server configured, the operator still finds the reset or
// invitation link there.
type LogSender struct {
	Logger *slog.Logger
}

// Send logs m at info level, with the links it holds.
func (l *LogSender) Send(ctx context.Context, m Message) error {
	if err := checkMessage(m); err != nil {
		return err
	}
	l.Logger.InfoContext(ctx, "mail not sent (no SMTP server configured)",
		"to", m.To, "subject", m.Subject, "links", Links(m.Text), "text", m.Text)
	return nil
}

// Links returns the http and https URLs in s, in order.
func Links(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		f = strings.Trim(f, "<>()[]\"'.,;")
		if strings.HasPrefix(f, "https://") || strings.HasPrefix(f, "http://") {
			out = append(out, f)
		}
	}
	return out
}

// parseFrom checks the From address.
func parseFrom(from string) (string, error) {
	if strings.TrimSpace(from) == "" || strings.ContainsAny(from, "\r\n") {
		return "", news.Errorf(news.EINVALID, "The mail From address %q is not valid.", from)
	}
	if _, err := parseAddress(from); err != nil {
		return "", news.Errorf(news.EINVALID, "The mail From address %q is not valid: %v.", from, err)
	}
	return from, nil
}

func parseAddress(s string) (string, error) {
	if s == "" {
		return "", errors.New("empty address")
	}
	return parseMailAddress(s)
}
