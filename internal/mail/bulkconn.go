package mail

import (
	"context"
	"errors"
	"net/textproto"
	"regexp"

	gomail "github.com/wneessen/go-mail"
	gosmtp "github.com/wneessen/go-mail/smtp"
)

// bulkConn is one slot of the Bulk pool: an SMTP connection, or nil
// until the first send dials it and after an error drops it.
//
// Dialling, STARTTLS and AUTH are go-mail's (the same options as
// SMTPSender). The transactions run on go-mail's own smtp.Client, because
// go-mail's Client.Send renders a *Msg itself, while bulk mail must send
// the exact bytes that were DKIM-signed.
type bulkConn struct {
	b      *Bulk
	client *gosmtp.Client
}

// outcome is the result of one transaction.
type outcome struct {
	code     int    // the server's reply code, 0 for none
	enhanced string // its enhanced status code, if any
	err      error  // nil when the server answered 250 to DATA
	// handedOff is set when a cancelled dial still runs: it gives the
	// slot back to the pool itself when done.
	handedOff bool
	// dialFailed is set when no connection could be opened: a 5xx
	// then (a refused login, say) is no verdict on the message.
	dialFailed bool
}

// send runs MAIL, RCPT and DATA for data to rcpt on the connection,
// dialling it first when needed. A failed transaction on a connection
// that stays usable is cleared with RSET; a network error or a 421 drops
// the connection, so the next send dials anew. Cancelling ctx closes the
// connection under a blocked command.
func (c *bulkConn) send(ctx context.Context, rcpt string, data []byte) outcome {
	if c.client == nil {
		client, handedOff, err := c.dial(ctx)
		if err != nil {
			return outcome{code: replyCode(err), enhanced: enhancedCode(err), err: err, handedOff: handedOff, dialFailed: true}
		}
		c.client = client
	}
	client := c.client
	interrupt := context.AfterFunc(ctx, func() { _ = client.Text.Close() })
	err := c.transact(rcpt, data)
	if !interrupt() {
		// The context ended during the transaction and closed the
		// connection; a 250 that came first still counts.
		c.drop()
		if err == nil {
			return outcome{code: 250}
		}
		return outcome{err: errors.Join(ctx.Err(), err)}
	}
	if err == nil {
		return outcome{code: 250}
	}
	code := replyCode(err)
	switch {
	case code == 0 || code == 421:
		// Network trouble, or the server is closing the connection.
		c.drop()
	default:
		if rerr := client.Reset(); rerr != nil {
			c.drop()
		}
	}
	return outcome{code: code, enhanced: enhancedCode(err), err: err}
}

// transact is one mail transaction, ending at the server's reply to the
// final dot of DATA.
func (c *bulkConn) transact(rcpt string, data []byte) error {
	if err := c.client.UpdateDeadline(timeout); err != nil {
		return err
	}
	if err := c.client.Mail(c.b.envelopeFrom); err != nil {
		return err
	}
	if err := c.client.Rcpt(rcpt); err != nil {
		return err
	}
	w, err := c.client.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		_ = w.Close()
		return err
	}
	return w.Close()
}

// dial opens a connection with go-mail. When ctx ends first it returns
// at once and hands the slot to a goroutine that waits for the dial to
// finish, closes what it opened and gives the slot back, so the pool
// never holds more connections than slots.
func (c *bulkConn) dial(ctx context.Context) (*gosmtp.Client, bool, error) {
	gc, err := gomail.NewClient(c.b.server.Host, clientOptions(c.b.server, c.b.tlsConfig)...)
	if err != nil {
		return nil, false, err
	}
	type dialled struct {
		client *gosmtp.Client
		err    error
	}
	ch := make(chan dialled, 1)
	go func() {
		client, err := gc.DialToSMTPClientWithContext(ctx)
		ch <- dialled{client, err}
	}()
	select {
	case d := <-ch:
		if d.err != nil {
			c.b.logger.Debug("bulk mail connection failed", "server", c.b.server.Addr(), "err", d.err)
			return nil, false, d.err
		}
		c.b.logger.Debug("bulk mail connected", "server", c.b.server.Addr())
		return d.client, false, nil
	case <-ctx.Done():
		go func() {
			if d := <-ch; d.client != nil {
				_ = d.client.Close()
			}
			c.b.release(c)
		}()
		return nil, true, ctx.Err()
	}
}

// drop closes the connection without QUIT.
func (c *bulkConn) drop() {
	if c.client != nil {
		_ = c.client.Close()
		c.client = nil
	}
}

// quit ends the connection politely.
func (c *bulkConn) quit() error {
	if c.client == nil {
		return nil
	}
	_ = c.client.UpdateDeadline(timeout)
	err := c.client.Quit()
	if err != nil {
		_ = c.client.Close()
	}
	c.client = nil
	return err
}

// replyCode is the SMTP reply code carried by err, 0 for none.
func replyCode(err error) int {
	var te *textproto.Error
	if errors.As(err, &te) {
		return te.Code
	}
	return 0
}

// enhancedRE matches an RFC 3463 enhanced status code at the start of a
// reply's text.
var enhancedRE = regexp.MustCompile(`^[245]\.\d{1,3}\.\d{1,3}\b`)

// enhancedCode is the enhanced status code at the start of err's reply
// text, "" for none.
func enhancedCode(err error) string {
	var te *textproto.Error
	if errors.As(err, &te) {
		return enhancedRE.FindString(te.Msg)
	}
	return ""
}
