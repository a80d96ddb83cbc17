package inbox

import (
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"helpdesk/internal/config"
)

// Config says which mailbox to read and how. The zero value reads no
// mailbox (Enabled reports false): nothing changes without IMAP_URL.
type Config struct {
	// URL is the mailbox (IMAP_URL):
	// imaps://user:password@host:993/Folder for implicit TLS,
	// imap://user:password@host:143/Folder for STARTTLS (plain only to a
	// loopback host). The user and password are URL-encoded
	// (support%40example.com); the folder defaults to INBOX.
	URL string

	// Poll is the longest wait between two looks at the mailbox (IMAP_POLL).
	// With IDLE a new message is read within seconds anyway. Default 60s.
	Poll time.Duration

	// SupportAddress is the address people write to (SUPPORT_ADDRESS, read
	// once for the ticket mails and this by notify.ConfigFromEnv). Mail
	// from it is the desk's own and is ignored. Default: the sender
	// address of Dashboard → Settings → Mail.
	SupportAddress string

	// MaxSize refuses larger messages, in bytes (IMAP_MAX_SIZE). Default
	// 25 MiB, what the big providers accept.
	MaxSize int64

	// TicketsPerSenderPerHour is how many new tickets one sender may open
	// by mail in an hour; more are ignored
	// (IMAP_TICKETS_PER_SENDER_PER_HOUR). Default 10.
	TicketsPerSenderPerHour int

	// MoveTo, when set, is the folder a handled message is moved to after
	// it has been flagged \Seen (IMAP_MOVE_TO).
	MoveTo string

	// TLS is the TLS configuration of the connection; nil means the
	// system's roots and the URL's host name. Tests set their own roots.
	TLS *tls.Config

	// Logger receives the poller's logs. Default: the app's logger.
	Logger *slog.Logger
}

// Defaults of Config.
const (
	DefaultPoll                    = 60 * time.Second
	DefaultMaxSize                 = 25 << 20
	DefaultTicketsPerSenderPerHour = 10
)

// Enabled reports whether a mailbox is configured.
func (c Config) Enabled() bool { return c.URL != "" }

func (c Config) withDefaults() Config {
	config.Default(&c.Poll, DefaultPoll)
	config.Default(&c.MaxSize, DefaultMaxSize)
	config.Default(&c.TicketsPerSenderPerHour, DefaultTicketsPerSenderPerHour)
	return c
}

// Server is a parsed IMAP_URL.
type Server struct {
	// TLS is true for imaps (implicit TLS), false for imap (STARTTLS).
	TLS      bool
	Host     string // host name, for the certificate check
	Addr     string // host:port
	Username string
	Password string
	Folder   string
}

// String names the mailbox without its password, for logs and messages.
func (s Server) String() string {
	scheme := "imap"
	if s.TLS {
		scheme = "imaps"
	}
	return scheme + "://" + url.PathEscape(s.Username) + "@" + s.Addr + "/" + s.Folder
}

// ParseURL reads an IMAP_URL.
func ParseURL(raw string) (Server, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return Server{}, errors.New("not a URL such as imaps://user%40example.com:password@imap.example.com:993/INBOX")
	}
	var s Server
	port := ""
	switch u.Scheme {
	case "imaps":
		s.TLS, port = true, "993"
	case "imap":
		port = "143"
	default:
		return Server{}, fmt.Errorf("scheme %q: must be imaps:// (TLS, port 993) or imap:// (STARTTLS, port 143)", u.Scheme)
	}
	s.Host = u.Hostname()
	if s.Host == "" {
		return Server{}, errors.New("the URL names no host")
	}
	if p := u.Port(); p != "" {
		port = p
	}
	s.Addr = net.JoinHostPort(s.Host, port)
	if u.User == nil || u.User.Username() == "" {
		return Server{}, errors.New("the URL names no user (imaps://user:password@host/INBOX; write @ in the user as %40)")
	}
	s.Username = u.User.Username()
	s.Password, _ = u.User.Password()
	s.Folder = strings.Trim(u.Path, "/")
	if s.Folder == "" {
		s.Folder = "INBOX"
	}
	return s, nil
}

// ConfigFromEnv reads the IMAP_* configuration from the environment.
// Unset variables keep their defaults; a malformed value is an error
// naming it. SupportAddress is the caller's to set, from
// notify.ConfigFromEnv.
func ConfigFromEnv() (Config, error) {
	var c Config
	var errs []error
	c.URL = os.Getenv("IMAP_URL")
	if c.URL != "" {
		if _, err := ParseURL(c.URL); err != nil {
			// the value is not repeated: it holds a password
			errs = append(errs, fmt.Errorf("IMAP_URL: %w", err))
		}
	}
	if v := os.Getenv("IMAP_POLL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			errs = append(errs, fmt.Errorf("IMAP_POLL=%q: must be a positive duration such as 30s or 5m", v))
		}
		c.Poll = d
	}
	if v := os.Getenv("IMAP_MAX_SIZE"); v != "" {
		n, err := ParseSize(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("IMAP_MAX_SIZE=%q: %w", v, err))
		}
		c.MaxSize = n
	}
	if v := os.Getenv("IMAP_TICKETS_PER_SENDER_PER_HOUR"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			errs = append(errs, fmt.Errorf("IMAP_TICKETS_PER_SENDER_PER_HOUR=%q: must be a whole number of at least 1", v))
		}
		c.TicketsPerSenderPerHour = n
	}
	c.MoveTo = strings.TrimSpace(os.Getenv("IMAP_MOVE_TO"))
	return c, errors.Join(errs...)
}

// ParseSize reads a size in bytes, with an optional unit: 500KB, 25MB,
// 1GB (powers of 1024; KiB, MiB and GiB are the same).
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 1 || n > (1<<40)/mult {
		return 0, errors.New("must be a size such as 25MB, 512KB or a number of bytes")
	}
	return n * mult, nil
}
