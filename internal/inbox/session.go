package inbox

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"slices"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

const dialTimeout = 15 * time.Second

// Kinds of trouble with the mailbox, one state each for the log.
const (
	troubleConnect = "connection"
	troubleTLS     = "TLS"
	troubleLogin   = "login"
	troubleFolder  = "folder"
	troubleSession = "session"
)

// trouble is an IMAP failure with its kind.
type trouble struct {
	kind string
	err  error
}

func (t *trouble) Error() string { return t.kind + ": " + t.err.Error() }
func (t *trouble) Unwrap() error { return t.err }

// session is one logged-in IMAP connection with the folder selected.
type session struct {
	c        *imapclient.Client
	canIdle  bool
	idle     *imapclient.IdleCommand
	stopAuto func() bool
}

// open connects, logs in and selects the folder. onExists is called when
// the server reports a new message count (IDLE's news, or any command's).
// ctx closes the connection when it is cancelled.
func open(ctx context.Context, srv Server, tlsConfig *tls.Config, onExists func()) (*session, error) {
	opts := &imapclient.Options{
		Dialer: &net.Dialer{Timeout: dialTimeout},
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(d *imapclient.UnilateralDataMailbox) {
				if d.NumMessages != nil && onExists != nil {
					onExists()
				}
			},
		},
	}
	cfg := &tls.Config{}
	if tlsConfig != nil {
		cfg = tlsConfig.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = srv.Host
	}
	opts.TLSConfig = cfg

	var c *imapclient.Client
	var err error
	if srv.TLS {
		c, err = imapclient.DialTLS(srv.Addr, opts)
	} else {
		c, err = dialStartTLS(srv, opts)
	}
	if err != nil {
		return nil, classifyDial(err)
	}
	s := &session{c: c}
	s.stopAuto = context.AfterFunc(ctx, func() { c.Close() })
	if err := c.WaitGreeting(); err != nil {
		s.close()
		return nil, classifyDial(err)
	}
	if err := c.Login(srv.Username, srv.Password).Wait(); err != nil {
		s.close()
		var ierr *imap.Error
		if errors.As(err, &ierr) {
			return nil, &trouble{troubleLogin, fmt.Errorf("the server refused the login of %s: %w", srv.Username, err)}
		}
		return nil, &trouble{troubleConnect, err}
	}
	if _, err := c.Select(srv.Folder, nil).Wait(); err != nil {
		s.close()
		return nil, &trouble{troubleFolder, fmt.Errorf("unable to open folder %q: %w", srv.Folder, err)}
	}
	caps := c.Caps()
	s.canIdle = caps.Has(imap.CapIdle) || caps.Has(imap.CapIMAP4rev2)
	return s, nil
}

// dialStartTLS upgrades an imap:// connection with STARTTLS when the
// server offers it; a server that does not gets the password in the clear
// only on a loopback address.
func dialStartTLS(srv Server, opts *imapclient.Options) (*imapclient.Client, error) {
	c, err := imapclient.DialInsecure(srv.Addr, opts)
	if err != nil {
		return nil, err
	}
	if err := c.WaitGreeting(); err != nil {
		c.Close()
		return nil, err
	}
	if c.Caps().Has(imap.CapStartTLS) {
		c.Close()
		return imapclient.DialStartTLS(srv.Addr, opts)
	}
	if ip := net.ParseIP(srv.Host); srv.Host == "localhost" || (ip != nil && ip.IsLoopback()) {
		return c, nil
	}
	c.Close()
	return nil, &trouble{troubleTLS, fmt.Errorf("%s offers no STARTTLS: the password is not sent in the clear (use imaps://)", srv.Addr)}
}

func classifyDial(err error) error {
	var t *trouble
	if errors.As(err, &t) {
		return t
	}
	var rec tls.RecordHeaderError
	var cert *tls.CertificateVerificationError
	if errors.As(err, &rec) || errors.As(err, &cert) {
		return &trouble{troubleTLS, err}
	}
	return &trouble{troubleConnect, err}
}

// unseen lists the UIDs, sizes and arrival dates of the unseen messages,
// oldest first.
func (s *session) unseen() ([]*imapclient.FetchMessageBuffer, error) {
	if err := s.c.Noop().Wait(); err != nil {
		return nil, &trouble{troubleSession, err}
	}
	data, err := s.c.UIDSearch(&imap.SearchCriteria{NotFlag: []imap.Flag{imap.FlagSeen}}, nil).Wait()
	if err != nil {
		return nil, &trouble{troubleSession, err}
	}
	uids := data.AllUIDs()
	if len(uids) == 0 {
		return nil, nil
	}
	msgs, err := s.c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{UID: true, RFC822Size: true, InternalDate: true}).Collect()
	if err != nil {
		return nil, &trouble{troubleSession, err}
	}
	slices.SortFunc(msgs, func(a, b *imapclient.FetchMessageBuffer) int { return int(a.UID) - int(b.UID) })
	return msgs, nil
}

// read fetches a message without setting \Seen: all of it, or its header.
func (s *session) read(uid imap.UID, headerOnly bool) ([]byte, error) {
	section := &imap.FetchItemBodySection{Peek: true}
	if headerOnly {
		section.Specifier = imap.PartSpecifierHeader
	}
	msgs, err := s.c.Fetch(imap.UIDSetNum(uid), &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil {
		return nil, &trouble{troubleSession, err}
	}
	for _, m := range msgs {
		if m.UID == uid {
			return m.FindBodySection(section), nil
		}
	}
	return nil, &trouble{troubleSession, fmt.Errorf("message UID %d is gone", uid)}
}

// done flags a handled message \Seen and moves it to moveTo when set
// (creating that folder when the server asks for it).
func (s *session) done(uid imap.UID, moveTo string) error {
	set := imap.UIDSetNum(uid)
	if err := s.c.Store(set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagSeen}}, nil).Close(); err != nil {
		return &trouble{troubleSession, err}
	}
	if moveTo == "" {
		return nil
	}
	_, err := s.c.Move(set, moveTo).Wait()
	var ierr *imap.Error
	if errors.As(err, &ierr) && ierr.Code == imap.ResponseCodeTryCreate {
		if cerr := s.c.Create(moveTo, nil).Wait(); cerr != nil {
			return &trouble{troubleFolder, fmt.Errorf("unable to create folder %q: %w", moveTo, cerr)}
		}
		_, err = s.c.Move(set, moveTo).Wait()
	}
	if err != nil {
		return &trouble{troubleFolder, fmt.Errorf("unable to move the message to %q: %w", moveTo, err)}
	}
	return nil
}

// startIdle waits for news with IDLE, when the server has it.
func (s *session) startIdle() error {
	if !s.canIdle || s.idle != nil {
		return nil
	}
	idle, err := s.c.Idle()
	if err != nil {
		return &trouble{troubleSession, err}
	}
	s.idle = idle
	return nil
}

// stopIdle ends IDLE so that commands can be sent again.
func (s *session) stopIdle() error {
	if s.idle == nil {
		return nil
	}
	idle := s.idle
	s.idle = nil
	if err := idle.Close(); err != nil {
		return &trouble{troubleSession, err}
	}
	if err := idle.Wait(); err != nil {
		return &trouble{troubleSession, err}
	}
	return nil
}

// closed reports whether the connection has gone.
func (s *session) closed() bool {
	select {
	case <-s.c.Closed():
		return true
	default:
		return false
	}
}

func (s *session) close() {
	if s.stopAuto != nil {
		s.stopAuto()
	}
	if s.idle != nil {
		_ = s.stopIdle()
	}
	if !s.closed() {
		// polite, not needed: a half-dead connection gets a moment only
		done := make(chan struct{})
		go func() {
			_ = s.c.Logout().Wait()
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
		}
	}
	_ = s.c.Close()
}
