package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/byline-news/byline/internal/news"
)

// Status is the outcome of one Bulk.Send.
type Status int

// The outcomes of Bulk.Send.
const (
	// Sent: the server answered 250 to the end of DATA.
	Sent Status = iota + 1
	// TempFail: 4xx replies or network trouble outlasted the retries,
	// or the context ended; the caller may try again later.
	TempFail
	// PermFail: the server refused the message with a 5xx reply, or the
	// message itself is invalid; trying again will not help.
	PermFail
)

func (s Status) String() string {
	switch s {
	case Sent:
		return "sent"
	case TempFail:
		return "temporary failure"
	case PermFail:
		return "permanent failure"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Result is what became of one message.
type Result struct {
	Status Status
	// Code is the server's last reply code: 250 when Sent, 0 when no
	// reply came (network trouble, cancelled context, invalid message).
	Code int
	// Enhanced is the RFC 3463 enhanced status code of that reply, such
	// as "5.1.1", when the server sent one.
	Enhanced string
	// Err says why the message was not sent: a *news.Error, EINVALID for
	// PermFail and EUNAVAILABLE for TempFail. Nil when Sent.
	Err error
	// Attempts counts the transactions tried, at least 1 once a
	// connection was sought.
	Attempts int
}

// BulkConfig configures a Bulk sender.
type BulkConfig struct {
	// URL is the SMTP server, as for New: smtp:// or smtps:// with
	// optional credentials. Required.
	URL string
	// From is the From header, e.g. "Byline Daily <daily@news.example>";
	// its address is also the envelope sender. Required.
	From string
	// Connections is the most SMTP connections open at once; 0 means 4.
	Connections int
	// PerSecond caps the transactions started per second across all
	// connections; 0 means no cap.
	PerSecond float64
	// MaxRetries is how many times a message is tried again after a 4xx
	// reply or network trouble; 0 means 5, a negative number none.
	MaxRetries int
	// Backoff is the wait before retry number attempt (1, 2, …); nil
	// means exponential from 1 s to 60 s with jitter.
	Backoff func(attempt int) time.Duration
	// DKIM, when set, signs every message.
	DKIM *DKIMConfig
	// Logger gets connection events at debug level; nil discards them.
	Logger *slog.Logger
}

// Defaults for BulkConfig's zero values.
const (
	defaultConnections = 4
	defaultMaxRetries  = 5
	maxBackoff         = 60 * time.Second
)

// Bulk sends many messages over a few persistent SMTP connections: each
// Send borrows one, runs one transaction on it and gives it back, so
// connections are reused across messages. It is safe for concurrent use;
// at most Connections sends run at once and the rest wait their turn.
type Bulk struct {
	server       Server
	from         string // From header
	envelopeFrom string // its address, for MAIL FROM
	maxRetries   int
	backoff      func(int) time.Duration
	dkim         *DKIMConfig
	limiter      *rate.Limiter // nil: unlimited
	logger       *slog.Logger

	// idle holds the connected slots, fresh the unconnected ones; a
	// Send prefers a connected one. Together they hold every slot not
	// in use.
	idle, fresh chan *bulkConn
	conns       int
	done        chan struct{} // closed by Close
	closeOnce   sync.Once
	closeErr    error
	bufs        sync.Pool // *bytes.Buffer for rendering

	// tlsConfig, when set, replaces the system's roots: tests trust
	// their loopback server's certificate with it. Set before the first
	// Send.
	tlsConfig *tls.Config
}

// NewBulk checks cfg and returns a Bulk sender. It connects lazily: the
// first Sends open the connections.
func NewBulk(cfg BulkConfig) (*Bulk, error) {
	if strings.TrimSpace(cfg.URL) == "" {
		return nil, news.Errorf(news.EINVALID, "Bulk mail needs an SMTP URL (BYLINE_SMTP_URL).")
	}
	srv, err := ParseURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	if _, err := parseFrom(cfg.From); err != nil {
		return nil, err
	}
	envelopeFrom, _ := parseMailAddress(cfg.From)
	switch {
	case cfg.Connections < 0:
		return nil, news.Errorf(news.EINVALID, "Bulk mail connections must be 1 or more, not %d.", cfg.Connections)
	case cfg.Connections == 0:
		cfg.Connections = defaultConnections
	}
	switch {
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = defaultMaxRetries
	}
	if cfg.PerSecond < 0 {
		return nil, news.Errorf(news.EINVALID, "The bulk mail rate must be 0 (no limit) or more messages a second, not %g.", cfg.PerSecond)
	}
	if cfg.DKIM != nil {
		if err := cfg.DKIM.validate(); err != nil {
			return nil, err
		}
	}
	b := &Bulk{
		server:       srv,
		from:         cfg.From,
		envelopeFrom: envelopeFrom,
		maxRetries:   cfg.MaxRetries,
		backoff:      cfg.Backoff,
		dkim:         cfg.DKIM,
		logger:       cfg.Logger,
		idle:         make(chan *bulkConn, cfg.Connections),
		fresh:        make(chan *bulkConn, cfg.Connections),
		conns:        cfg.Connections,
		done:         make(chan struct{}),
	}
	if b.backoff == nil {
		b.backoff = defaultBackoff
	}
	if b.logger == nil {
		b.logger = slog.New(slog.DiscardHandler)
	}
	if cfg.PerSecond > 0 {
		// A burst of one spreads the messages evenly over each second.
		b.limiter = rate.NewLimiter(rate.Limit(cfg.PerSecond), 1)
	}
	for range cfg.Connections {
		b.fresh <- &bulkConn{b: b}
	}
	return b, nil
}

// defaultBackoff doubles from 1 s up to 60 s, the second half of each
// wait at random, so that retries from many senders spread out.
func defaultBackoff(attempt int) time.Duration {
	d := maxBackoff
	if attempt < 7 {
		d = min(time.Second<<max(attempt-1, 0), maxBackoff)
	}
	return d/2 + rand.N(d/2+1)
}

// errClosed is the cause when Send is called after Close.
var errClosed = errors.New("the bulk sender is closed")

// Send delivers m, retrying 4xx replies and network trouble with backoff,
// and reports the outcome; see Result. It returns promptly when ctx ends.
func (b *Bulk) Send(ctx context.Context, m Message) Result {
	if err := checkMessage(m); err != nil {
		return Result{Status: PermFail, Err: err}
	}
	rcpt, err := parseMailAddress(m.To)
	if err != nil {
		return Result{Status: PermFail, Err: news.WrapError(news.EINVALID, err, "The address %q is not valid.", m.To)}
	}
	buf, err := b.prepare(m)
	if err != nil {
		return Result{Status: PermFail, Err: err}
	}
	defer b.putBuffer(buf)

	var res Result
	for attempt := 1; ; attempt++ {
		res.Attempts = attempt
		if b.limiter != nil {
			if err := b.limiter.Wait(ctx); err != nil {
				return b.stopped(ctx, res, err)
			}
		}
		c, err := b.acquire(ctx)
		if err != nil {
			return b.stopped(ctx, res, err)
		}
		reused := c.client != nil
		out := c.send(ctx, rcpt, buf.Bytes())
		if !out.handedOff {
			b.release(c)
		}

		res.Code, res.Enhanced = out.code, out.enhanced
		switch {
		case out.err == nil:
			return Result{Status: Sent, Code: out.code, Enhanced: out.enhanced, Attempts: attempt}
		case ctx.Err() != nil:
			return b.stopped(ctx, res, ctx.Err())
		case out.code >= 500 && !out.dialFailed:
			res.Status = PermFail
			res.Err = news.WrapError(news.EINVALID, out.err, "The mail server %s refused the message to %s (%d %s): %v", b.server.Addr(), rcpt, out.code, out.enhanced, out.err)
			return res
		}
		if attempt > b.maxRetries {
			res.Status = TempFail
			res.Err = news.WrapError(news.EUNAVAILABLE, out.err, "The mail server %s did not take the message to %s after %d attempts: %v", b.server.Addr(), rcpt, attempt, out.err)
			return res
		}
		// A pooled connection that fails on first use was most likely
		// closed by the server while idle: try a fresh one at once.
		var wait time.Duration
		if out.code != 0 || !reused || attempt > 1 {
			wait = b.backoff(attempt)
		}
		b.logger.DebugContext(ctx, "bulk mail retry", "to", rcpt, "attempt", attempt, "code", out.code, "wait", wait, "err", out.err)
		if err := sleep(ctx, wait); err != nil {
			return b.stopped(ctx, res, err)
		}
	}
}

// stopped is the TempFail result when the context ended or the sender
// was closed before the message was sent.
func (b *Bulk) stopped(ctx context.Context, res Result, err error) Result {
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	res.Status = TempFail
	res.Err = news.WrapError(news.EUNAVAILABLE, err, "The message was not sent: %v", err)
	return res
}

// prepare renders m, signs it when DKIM is configured, and returns the
// bytes in a pooled buffer.
func (b *Bulk) prepare(m Message) (*bytes.Buffer, error) {
	msg, err := newMsg(b.from, m)
	if err != nil {
		return nil, err
	}
	msg.SetBulk() // Precedence: bulk, and no auto-replies
	buf := b.getBuffer()
	if err := render(msg, buf); err != nil {
		b.putBuffer(buf)
		return nil, err
	}
	if b.dkim == nil {
		return buf, nil
	}
	signed := b.getBuffer()
	err = b.dkim.sign(signed, buf.Bytes())
	b.putBuffer(buf)
	if err != nil {
		b.putBuffer(signed)
		return nil, err
	}
	return signed, nil
}

// maxPooledBuffer is the largest buffer kept for reuse.
const maxPooledBuffer = 1 << 20

func (b *Bulk) getBuffer() *bytes.Buffer {
	if v, ok := b.bufs.Get().(*bytes.Buffer); ok {
		v.Reset()
		return v
	}
	return new(bytes.Buffer)
}

func (b *Bulk) putBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= maxPooledBuffer {
		b.bufs.Put(buf)
	}
}

// acquire takes a free slot, a connected one if there is one, waiting
// for one when all are in use.
func (b *Bulk) acquire(ctx context.Context) (*bulkConn, error) {
	select {
	case <-b.done:
		return nil, errClosed
	default:
	}
	var c *bulkConn
	select {
	case c = <-b.idle:
	default:
		select {
		case c = <-b.idle:
		case c = <-b.fresh:
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-b.done:
			return nil, errClosed
		}
	}
	select {
	case <-b.done:
		b.release(c) // Close is collecting them
		return nil, errClosed
	default:
		return c, nil
	}
}

// release returns a slot to the pool.
func (b *Bulk) release(c *bulkConn) {
	if c.client != nil {
		b.idle <- c
	} else {
		b.fresh <- c
	}
}

// Close stops new Sends, waits for those under way, and ends every
// connection with QUIT. Calling it again does nothing.
func (b *Bulk) Close() error {
	b.closeOnce.Do(func() {
		close(b.done)
		var errs []error
		for range b.conns {
			var c *bulkConn
			select {
			case c = <-b.idle:
			case c = <-b.fresh:
			}
			errs = append(errs, c.quit())
		}
		b.closeErr = errors.Join(errs...)
	})
	return b.closeErr
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
