// Package inboxtest runs a real IMAP server in the test process (go-imap's
// in-memory server), for tests of the mail-in poller: deliver messages,
// read their flags, take the server down and up again.
package inboxtest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"log"
	"math/big"
	"net"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// The mailbox's login.
const (
	Username = "support@example.com"
	Password = "app-password"
)

// Mode is how the server speaks TLS.
type Mode int

// Modes of a Server.
const (
	Plain    Mode = iota // no TLS at all (imap:// to a loopback address)
	StartTLS             // STARTTLS offered on a plain connection (imap://)
	TLS                  // implicit TLS (imaps://)
)

// Server is an IMAP server on a loopback port with one account (Username,
// Password) and its INBOX.
type Server struct {
	t    testing.TB
	mode Mode
	mem  *imapmemserver.Server
	user *imapmemserver.User
	addr string
	cert tls.Certificate
	pool *x509.CertPool

	mu  sync.Mutex
	srv *imapserver.Server
	ln  net.Listener
}

// NewServer starts a server that is stopped with the test.
func NewServer(t testing.TB, mode Mode) *Server {
	t.Helper()
	s := &Server{t: t, mode: mode, mem: imapmemserver.New()}
	s.user = imapmemserver.NewUser(Username, Password)
	if err := s.user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	s.mem.AddUser(s.user)
	s.cert, s.pool = selfSigned(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.addr = ln.Addr().String()
	s.serve(ln)
	t.Cleanup(s.Down)
	return s
}

func (s *Server) serve(ln net.Listener) {
	opts := &imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return s.mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapMove: {}, imap.CapUIDPlus: {}},
		InsecureAuth: s.mode == Plain,
		Logger:       log.New(io.Discard, "", 0),
	}
	tlsConfig := &tls.Config{Certificates: []tls.Certificate{s.cert}}
	switch s.mode {
	case StartTLS:
		opts.TLSConfig = tlsConfig
	case TLS:
		ln = tls.NewListener(ln, tlsConfig)
	}
	srv := imapserver.New(opts)
	s.mu.Lock()
	s.srv, s.ln = srv, ln
	s.mu.Unlock()
	go func() { _ = srv.Serve(ln) }()
}

// URL is the IMAP_URL of the mailbox, with the given password.
func (s *Server) URL(password string) string {
	scheme := "imap"
	if s.mode == TLS {
		scheme = "imaps"
	}
	u := url.URL{Scheme: scheme, User: url.UserPassword(Username, password), Host: s.addr, Path: "/INBOX"}
	return u.String()
}

// TLSConfig trusts the server's certificate.
func (s *Server) TLSConfig() *tls.Config {
	return &tls.Config{RootCAs: s.pool}
}

// Down stops the server and drops its connections; the mailbox is kept.
func (s *Server) Down() {
	s.mu.Lock()
	srv, ln := s.srv, s.ln
	s.srv, s.ln = nil, nil
	s.mu.Unlock()
	if srv != nil {
		// the listener is closed here too: Close misses one that Serve
		// has not registered yet
		_ = ln.Close()
		_ = srv.Close()
	}
}

// Up starts the server again on the same address.
func (s *Server) Up() {
	s.t.Helper()
	var ln net.Listener
	var err error
	for range 50 { // the old socket may linger a moment
		if ln, err = net.Listen("tcp", s.addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		s.t.Fatal(err)
	}
	s.serve(ln)
}

// Deliver puts a raw message (lines may end in \n; they are sent as
// \r\n) into the folder, unseen, and returns its UID.
func (s *Server) Deliver(folder, raw string) imap.UID {
	s.t.Helper()
	b := bytes.ReplaceAll([]byte(raw), []byte("\r\n"), []byte("\n"))
	b = bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
	data, err := s.user.Append(folder, bytes.NewReader(b), &imap.AppendOptions{Time: time.Now()})
	if err != nil {
		s.t.Fatal(err)
	}
	return data.UID
}

// Flags are the flags of each message of the folder, by UID.
func (s *Server) Flags(folder string) map[imap.UID][]imap.Flag {
	s.t.Helper()
	c := s.client()
	defer c.Close()
	mbox, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		s.t.Fatal(err)
	}
	out := map[imap.UID][]imap.Flag{}
	if mbox.NumMessages == 0 {
		return out
	}
	msgs, err := c.Fetch(imap.SeqSet{imap.SeqRange{Start: 1, Stop: 0}}, &imap.FetchOptions{UID: true, Flags: true}).Collect()
	if err != nil {
		s.t.Fatal(err)
	}
	for _, m := range msgs {
		out[m.UID] = m.Flags
	}
	return out
}

// Seen reports whether the message is flagged \Seen.
func (s *Server) Seen(folder string, uid imap.UID) bool {
	s.t.Helper()
	flags, ok := s.Flags(folder)[uid]
	if !ok {
		s.t.Fatalf("no message %d in %s", uid, folder)
	}
	return slices.Contains(flags, imap.FlagSeen)
}

// Unflag clears \Seen, as a person marking the message unread would.
func (s *Server) Unflag(folder string, uid imap.UID) {
	s.t.Helper()
	c := s.client()
	defer c.Close()
	if _, err := c.Select(folder, nil).Wait(); err != nil {
		s.t.Fatal(err)
	}
	if err := c.Store(imap.UIDSetNum(uid), &imap.StoreFlags{Op: imap.StoreFlagsDel, Silent: true, Flags: []imap.Flag{imap.FlagSeen}}, nil).Close(); err != nil {
		s.t.Fatal(err)
	}
}

func (s *Server) client() *imapclient.Client {
	s.t.Helper()
	opts := &imapclient.Options{TLSConfig: s.TLSConfig()}
	var c *imapclient.Client
	var err error
	switch s.mode {
	case TLS:
		c, err = imapclient.DialTLS(s.addr, opts)
	case StartTLS:
		c, err = imapclient.DialStartTLS(s.addr, opts)
	default:
		c, err = imapclient.DialInsecure(s.addr, opts)
	}
	if err != nil {
		s.t.Fatal(err)
	}
	if err := c.Login(Username, Password).Wait(); err != nil {
		s.t.Fatal(err)
	}
	return c
}

// selfSigned makes a certificate for 127.0.0.1 and a pool that trusts it.
func selfSigned(t testing.TB) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}, pool
}
