package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"log/slog"
	"net"
	netmail "net/mail"

	gomail "github.com/wneessen/go-mail"

	"github.com/byline-news/byline/internal/news"
)

// SMTPSender sends over SMTP with github.com/wneessen/go-mail, one
// connection per message: the platform's own mail is a handful a day, and
// the newsletter will bring its own pooled sender.
type SMTPSender struct {
	server Server
	from   string
	logger *slog.Logger
	// tlsConfig, when set, replaces the system's roots: tests trust
	// their loopback server's certificate with it.
	tlsConfig *tls.Config
}

func parseMailAddress(s string) (string, error) {
	a, err := netmail.ParseAddress(s)
	if err != nil {
		return "", err
	}
	return a.Address, nil
}

// Send delivers m, returning EUNAVAILABLE for network trouble and 4xx
// replies and EINVALID for 5xx replies, each naming the server's answer.
func (s *SMTPSender) Send(ctx context.Context, m Message) error {
	if err := checkMessage(m); err != nil {
		return err
	}
	msg, err := newMsg(s.from, m)
	if err != nil {
		return err
	}

	opts := clientOptions(s.server, s.tlsConfig)
	client, err := gomail.NewClient(s.server.Host, opts...)
	if err != nil {
		return news.WrapError(news.EINVALID, err, "The SMTP client for %s cannot be set up: %v", s.server.Addr(), err)
	}
	ctx, cancel := context.WithTimeout(ctx, 2*timeout)
	defer cancel()
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		return s.sendError(err)
	}
	s.logger.InfoContext(ctx, "mail sent", "to", m.To, "subject", m.Subject)
	return nil
}

// clientOptions are go-mail's options for srv: its port, the timeout,
// implicit TLS for smtps:// or STARTTLS when offered, and the URL's
// credentials. tlsConfig, when set, replaces the system's roots.
func clientOptions(srv Server, tlsConfig *tls.Config) []gomail.Option {
	opts := []gomail.Option{gomail.WithPort(srv.Port), gomail.WithTimeout(timeout)}
	switch {
	case srv.Implicit:
		opts = append(opts, gomail.WithSSL())
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if tlsConfig != nil {
		opts = append(opts, gomail.WithTLSConfig(tlsConfig))
	}
	// Credentials go only over TLS (or to localhost): go-mail's
	// discovery skips PLAIN and LOGIN on a plain connection.
	if srv.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(srv.Username), gomail.WithPassword(srv.Password))
	}
	return opts
}

// sendError classifies a failed send by the server's reply.
func (s *SMTPSender) sendError(err error) error {
	var se *gomail.SendError
	if errors.As(err, &se) {
		code := se.ErrorCode()
		switch {
		case code >= 500:
			return news.WrapError(news.EINVALID, err, "The mail server %s refused the message (%d): %v", s.server.Addr(), code, err)
		case code >= 400:
			return news.WrapError(news.EUNAVAILABLE, err, "The mail server %s could not take the message now (%d): %v", s.server.Addr(), code, err)
		}
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return news.WrapError(news.EUNAVAILABLE, err, "The mail server %s cannot be reached: %v", s.server.Addr(), err)
	}
	return news.WrapError(news.EUNAVAILABLE, err, "Sending mail through %s failed: %v", s.server.Addr(), err)
}
