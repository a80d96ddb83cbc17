// Package mailtest runs a real SMTP server in the test process (go-smtp)
// that records what it receives and can refuse recipients, drop
// connections or go down, and points an app's mail settings at it.
package mailtest

import (
	"encoding/base64"
	"errors"
	"io"
	"log"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/pocketbase/pocketbase/core"
)

// Received is one message the server accepted.
type Received struct {
	From string   // envelope sender
	To   []string // envelope recipients
	Raw  []byte
}

// Server is an SMTP server on 127.0.0.1 for one test.
type Server struct {
	t    testing.TB
	srv  *smtp.Server
	addr string

	mu       sync.Mutex
	received []Received
	refused  map[string]bool
	drops    int
	auth     *[2]string
	ln       net.Listener
}

// NewServer starts a server; it is closed with the test.
func NewServer(t testing.TB) *Server {
	t.Helper()
	s := &Server{t: t, refused: map[string]bool{}}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{server: s, conn: c}, nil
	}))
	s.srv.Domain = "localhost"
	s.srv.AllowInsecureAuth = true
	s.srv.ReadTimeout = 10 * time.Second
	s.srv.WriteTimeout = 10 * time.Second
	s.srv.ErrorLog = log.New(io.Discard, "", 0)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.addr = ln.Addr().String()
	s.serve(ln)
	t.Cleanup(func() { _ = s.srv.Close() })
	return s
}

func (s *Server) serve(ln net.Listener) {
	s.mu.Lock()
	s.ln = ln
	s.mu.Unlock()
	go func() { _ = s.srv.Serve(ln) }()
}

// Host and Port of the server.
func (s *Server) Host() string { h, _, _ := net.SplitHostPort(s.addr); return h }

// Port of the server.
func (s *Server) Port() int {
	_, p, _ := net.SplitHostPort(s.addr)
	n, _ := strconv.Atoi(p)
	return n
}

// Configure points app's mail settings at the server and enables SMTP;
// the sender is "Helpdesk Test" <helpdesk@example.com>.
func (s *Server) Configure(app core.App) {
	s.t.Helper()
	settings, err := app.Settings().Clone()
	if err != nil {
		s.t.Fatal(err)
	}
	settings.SMTP.Enabled = true
	settings.SMTP.Host = s.Host()
	settings.SMTP.Port = s.Port()
	settings.SMTP.TLS = false
	settings.SMTP.Username = ""
	settings.SMTP.Password = ""
	settings.Meta.SenderName = "Helpdesk Test"
	settings.Meta.SenderAddress = "helpdesk@example.com"
	if err := app.Save(settings); err != nil {
		s.t.Fatal(err)
	}
}

// RefuseRecipient makes RCPT TO addr fail with 550.
func (s *Server) RefuseRecipient(addr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refused[strings.ToLower(addr)] = true
}

// DropNext makes the next n messages' connections close after the data
// was read and before the server answers it: the client cannot know
// whether the message arrived, and it is not recorded.
func (s *Server) DropNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.drops = n
}

// RequireAuth makes the server offer AUTH PLAIN and accept only these
// credentials.
func (s *Server) RequireAuth(username, password string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.auth = &[2]string{username, password}
}

// Down stops accepting connections (the port is closed); Up listens again
// on the same port.
func (s *Server) Down() {
	s.mu.Lock()
	ln := s.ln
	s.mu.Unlock()
	_ = ln.Close()
}

// Up listens again after Down.
func (s *Server) Up() {
	s.t.Helper()
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		s.t.Fatal(err)
	}
	s.serve(ln)
}

// Messages returns the accepted messages, in arrival order.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

// WaitFor polls until n messages were accepted (generous deadline) and
// returns them.
func (s *Server) WaitFor(n int) []Received {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if got := s.Messages(); len(got) >= n {
			return got
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.t.Fatalf("the SMTP server got %d message(s), want %d", len(s.Messages()), n)
	return nil
}

type session struct {
	server *Server
	conn   *smtp.Conn
	from   string
	to     []string
	authed bool
}

func (ss *session) AuthMechanisms() []string {
	ss.server.mu.Lock()
	defer ss.server.mu.Unlock()
	if ss.server.auth == nil {
		return nil
	}
	return []string{sasl.Plain}
}

func (ss *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		ss.server.mu.Lock()
		defer ss.server.mu.Unlock()
		if a := ss.server.auth; a == nil || a[0] != username || a[1] != password {
			return smtp.ErrAuthFailed
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	ss.server.mu.Lock()
	needAuth := ss.server.auth != nil
	ss.server.mu.Unlock()
	if needAuth && !ss.authed {
		return smtp.ErrAuthRequired
	}
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.server.mu.Lock()
	refused := ss.server.refused[strings.ToLower(to)]
	ss.server.mu.Unlock()
	if refused {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user here"}
	}
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.server.mu.Lock()
	defer ss.server.mu.Unlock()
	if ss.server.drops > 0 {
		ss.server.drops--
		_ = ss.conn.Conn().Close()
		return errors.New("connection dropped by the test")
	}
	ss.server.received = append(ss.server.received, Received{From: ss.from, To: ss.to, Raw: raw})
	return nil
}

func (ss *session) Reset()        { ss.from, ss.to = "", nil }
func (ss *session) Logout() error { return nil }

// Parsed is a received message taken apart.
type Parsed struct {
	Header mail.Header
	// Subject is the decoded subject.
	Subject string
	// MediaType is the top-level content type (multipart/alternative).
	MediaType string
	// Text and HTML are the decoded bodies of the parts.
	Text string
	HTML string
}

// Parse takes a received message apart (multipart/alternative or a
// single part); it fails the test when the message is malformed.
func (r Received) Parse(t testing.TB) Parsed {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(string(r.Raw)))
	if err != nil {
		t.Fatalf("unreadable message: %v\n%s", err, r.Raw)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	p := Parsed{Header: m.Header, Subject: subject}
	mediaType, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("bad Content-Type: %v", err)
	}
	p.MediaType = mediaType
	if !strings.HasPrefix(mediaType, "multipart/") {
		body := decode(t, m.Header.Get("Content-Transfer-Encoding"), m.Body)
		if mediaType == "text/html" {
			p.HTML = body
		} else {
			p.Text = body
		}
		return p
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type"))
		body := decode(t, part.Header.Get("Content-Transfer-Encoding"), part)
		switch ct {
		case "text/plain":
			p.Text = body
		case "text/html":
			p.HTML = body
		}
	}
	return p
}

// decode reads a body; multipart already undoes quoted-printable.
func decode(t testing.TB, encoding string, r io.Reader) string {
	t.Helper()
	if strings.EqualFold(encoding, "quoted-printable") {
		r = quotedprintable.NewReader(r)
	}
	if strings.EqualFold(encoding, "base64") {
		r = base64.NewDecoder(base64.StdEncoding, r)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n")
}
