package mail

import (
	"crypto/tls"
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// bulkServer is a real SMTP server on loopback for the Bulk tests. It
// records each message by recipient and counts the attempts per
// recipient; the hooks, when set, answer RCPT TO and DATA.
type bulkServer struct {
	// rcpt, when set, answers RCPT TO for the n-th attempt (from 1) to
	// reach to; nil accepts.
	rcpt func(to string, n int) *smtp.SMTPError
	// data, when set, runs after the message was read; a non-nil error
	// is the reply and the message is not recorded.
	data func(c *smtp.Conn, to string, n int) error
	// discard keeps nothing: the benchmark's sink.
	discard bool

	mu       sync.Mutex
	got      map[string][][]byte // recipient → messages
	attempts map[string]int      // recipient → RCPT TO seen
	datas    map[string]int      // recipient → DATA seen
	user     string              // last authenticated user
	conns    []*smtp.Conn

	delivered atomic.Int64
}

func newBulkServer() *bulkServer {
	return &bulkServer{got: map[string][][]byte{}, attempts: map[string]int{}, datas: map[string]int{}}
}

func (s *bulkServer) NewSession(c *smtp.Conn) (smtp.Session, error) {
	s.mu.Lock()
	s.conns = append(s.conns, c)
	s.mu.Unlock()
	return &bulkSession{srv: s, conn: c}, nil
}

// messages returns what arrived for to.
func (s *bulkServer) messages(to string) [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.got[to]
}

// total is the number of messages recorded.
func (s *bulkServer) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, m := range s.got {
		n += len(m)
	}
	return n
}

// authUser is the last user who logged in.
func (s *bulkServer) authUser() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.user
}

func (s *bulkServer) rcptAttempts(to string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.attempts[to]
}

// dropAll closes every connection from the server's side, as an idle
// timeout would.
func (s *bulkServer) dropAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.conns {
		_ = c.Conn().Close()
	}
}

type bulkSession struct {
	srv  *bulkServer
	conn *smtp.Conn
	to   string
}

func (s *bulkSession) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *bulkSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "sender" || pass != "p@ss w0rd" {
			return errors.New("bad credentials")
		}
		s.srv.mu.Lock()
		s.srv.user = user
		s.srv.mu.Unlock()
		return nil
	}), nil
}
func (s *bulkSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *bulkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.srv.mu.Lock()
	s.srv.attempts[to]++
	n := s.srv.attempts[to]
	s.srv.mu.Unlock()
	if s.srv.rcpt != nil {
		if e := s.srv.rcpt(to, n); e != nil {
			return e
		}
	}
	s.to = to
	return nil
}
func (s *bulkSession) Data(r io.Reader) error {
	if s.srv.discard {
		_, err := io.Copy(io.Discard, r)
		s.srv.delivered.Add(1)
		return err
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.srv.mu.Lock()
	s.srv.datas[s.to]++
	n := s.srv.datas[s.to]
	s.srv.mu.Unlock()
	if s.srv.data != nil {
		if err := s.srv.data(s.conn, s.to, n); err != nil {
			return err
		}
	}
	s.srv.mu.Lock()
	s.srv.got[s.to] = append(s.srv.got[s.to], b)
	s.srv.mu.Unlock()
	return nil
}
func (s *bulkSession) Reset()        { s.to = "" }
func (s *bulkSession) Logout() error { return nil }

// countingListener counts the connections accepted and the most open at
// once.
type countingListener struct {
	net.Listener
	accepted, open, maxOpen atomic.Int64
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	l.accepted.Add(1)
	n := l.open.Add(1)
	for {
		m := l.maxOpen.Load()
		if n <= m || l.maxOpen.CompareAndSwap(m, n) {
			break
		}
	}
	return &countedConn{Conn: c, l: l}, nil
}

type countedConn struct {
	net.Conn
	l    *countingListener
	once sync.Once
}

func (c *countedConn) Close() error {
	c.once.Do(func() { c.l.open.Add(-1) })
	return c.Conn.Close()
}

// startBulkServerTLS serves srv with implicit TLS (smtps://) and AUTH
// PLAIN, returning its URL with credentials.
func startBulkServerTLS(tb testing.TB, srv *bulkServer) string {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	s := smtp.NewServer(srv)
	s.Domain = "localhost"
	go func() { _ = s.Serve(tls.NewListener(l, serverTLS)) }()
	tb.Cleanup(func() { _ = s.Close() })
	return "smtps://sender:p%40ss%20w0rd@" + l.Addr().String()
}

// startBulkServer serves srv on a loopback port, offering STARTTLS and
// AUTH PLAIN when withTLS is set, and returns its URL (with credentials
// when withTLS) and the connection counter.
func startBulkServer(tb testing.TB, srv *bulkServer, withTLS bool) (string, *countingListener) {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	cl := &countingListener{Listener: l}
	s := smtp.NewServer(srv)
	s.Domain = "localhost"
	if withTLS {
		s.TLSConfig = serverTLS
	}
	go func() { _ = s.Serve(cl) }()
	tb.Cleanup(func() { _ = s.Close() })
	if withTLS {
		return "smtp://sender:p%40ss%20w0rd@" + l.Addr().String(), cl
	}
	return "smtp://" + l.Addr().String(), cl
}
