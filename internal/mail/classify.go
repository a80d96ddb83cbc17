package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	gomail "github.com/wneessen/go-mail"
)

// Problem is the kind of a delivery failure, in words an admin can act on.
type Problem string

// Kinds of delivery failures.
const (
	ProblemNotConfigured     Problem = "not configured"
	ProblemDNS               Problem = "DNS lookup"
	ProblemConnectRefused    Problem = "connection refused"
	ProblemTimeout           Problem = "timeout"
	ProblemConnect           Problem = "connect"
	ProblemTLS               Problem = "TLS"
	ProblemAuth              Problem = "authentication"
	ProblemSenderRefused     Problem = "sender refused"
	ProblemRecipientRefused  Problem = "recipient refused"
	ProblemMessageRefused    Problem = "message refused"
	ProblemConnectionDropped Problem = "connection dropped"
	ProblemOther             Problem = "SMTP error"
)

// hints say what to check for each kind of failure.
var hints = map[Problem]string{
	ProblemNotConfigured:     "enable SMTP in Dashboard → Settings → Mail and set host, port, TLS and credentials",
	ProblemDNS:               "the SMTP host name does not resolve: check the host in Dashboard → Settings → Mail and the machine's DNS",
	ProblemConnectRefused:    "nothing accepts connections on that host and port: check host and port (25, 465 or 587) and that the server is up",
	ProblemTimeout:           "the SMTP server did not answer in time: a firewall may drop the port, or the host is wrong",
	ProblemConnect:           "the SMTP server cannot be reached: check host, port and network",
	ProblemTLS:               "the TLS handshake failed: port 465 needs \"Use TLS\" on, ports 587 and 25 need it off (STARTTLS is used when offered); check the server's certificate",
	ProblemAuth:              "the server refused the login: check username, password and auth method (PLAIN or LOGIN)",
	ProblemSenderRefused:     "the server refused the sender address: check the sender address in Dashboard → Settings → Mail",
	ProblemRecipientRefused:  "the server refused the recipient address",
	ProblemMessageRefused:    "the server refused the message content",
	ProblemConnectionDropped: "the server closed the connection in the middle of the conversation",
	ProblemOther:             "the SMTP conversation failed",
}

// Hint tells an admin what to check for p.
func (p Problem) Hint() string { return hints[p] }

// Classify names the kind of a Transport.Send error.
func Classify(err error) Problem {
	var (
		dnsErr  *net.DNSError
		sendErr *gomail.SendError
		opErr   *net.OpError
		netErr  net.Error
	)
	switch {
	case errors.Is(err, ErrNotConfigured):
		return ProblemNotConfigured
	case errors.As(err, &dnsErr):
		return ProblemDNS
	case errors.Is(err, syscall.ECONNREFUSED):
		return ProblemConnectRefused
	case isTLS(err):
		return ProblemTLS
	case isAuth(err):
		return ProblemAuth
	case errors.As(err, &sendErr):
		switch sendErr.Reason {
		case gomail.ErrSMTPMailFrom:
			return ProblemSenderRefused
		case gomail.ErrSMTPRcptTo:
			return ProblemRecipientRefused
		case gomail.ErrSMTPData, gomail.ErrSMTPDataClose, gomail.ErrWriteContent:
			if isDropped(err) {
				return ProblemConnectionDropped
			}
			return ProblemMessageRefused
		}
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return ProblemTimeout
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return ProblemConnect
	}
	if isDropped(err) {
		return ProblemConnectionDropped
	}
	return ProblemOther
}

func isTLS(err error) bool {
	var (
		recordErr  tls.RecordHeaderError
		alertErr   tls.AlertError
		certErr    *tls.CertificateVerificationError
		unknownCA  x509.UnknownAuthorityError
		hostErr    x509.HostnameError
		invalidErr x509.CertificateInvalidError
	)
	if errors.As(err, &recordErr) || errors.As(err, &alertErr) || errors.As(err, &certErr) ||
		errors.As(err, &unknownCA) || errors.As(err, &hostErr) || errors.As(err, &invalidErr) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "tls:") || strings.Contains(msg, "STARTTLS")
}

func isAuth(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "SMTP AUTH") || strings.Contains(msg, "unencrypted connection")
}

func isDropped(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || errors.Is(err, net.ErrClosed)
}

// describe is how a failure is stored in last_error: its kind, then the
// error itself.
func describe(err error) string {
	s := string(Classify(err)) + ": " + err.Error()
	if r := []rune(s); len(r) > LastErrorMax {
		s = string(r[:LastErrorMax])
	}
	return s
}
