package mail

import (
	"log/slog"
	"time"

	"helpdesk/internal/config"
)

// Config tunes the outbox sender. The zero value means the documented
// defaults; tests shorten the delays.
type Config struct {
	// MaxAttempts is how many delivery attempts a mail gets before it is
	// marked failed. Default 10.
	MaxAttempts int

	// RetryBase is the delay after the first failed attempt; every further
	// failure doubles it (±20% jitter). Default 30s.
	RetryBase time.Duration

	// RetryMax caps the delay between two attempts. Default 1h.
	RetryMax time.Duration

	// SweepInterval is how often the sender looks for due mail when nothing
	// wakes it (a mail queued by another process, SMTP enabled later).
	// Default 30s.
	SweepInterval time.Duration

	// SendTimeout bounds one SMTP conversation, from dial to QUIT.
	// Default 30s.
	SendTimeout time.Duration

	// ClaimLease is how long an attempt holds a mail: a mail whose attempt
	// was cut off by a crash is tried again once its lease has run out.
	// It must exceed SendTimeout. Default 5m.
	ClaimLease time.Duration

	// Logger receives the sender's logs. Default: the app's logger.
	Logger *slog.Logger
}

// Defaults of Config.
const (
	DefaultMaxAttempts   = 10
	DefaultRetryBase     = 30 * time.Second
	DefaultRetryMax      = time.Hour
	DefaultSweepInterval = 30 * time.Second
	DefaultSendTimeout   = 30 * time.Second
	DefaultClaimLease    = 5 * time.Minute
)

// withDefaults fills the zero fields with their defaults.
func (c Config) withDefaults() Config {
	config.Default(&c.MaxAttempts, DefaultMaxAttempts)
	config.Default(&c.RetryBase, DefaultRetryBase)
	config.Default(&c.RetryMax, DefaultRetryMax)
	config.Default(&c.SweepInterval, DefaultSweepInterval)
	config.Default(&c.SendTimeout, DefaultSendTimeout)
	if c.ClaimLease <= c.SendTimeout {
		c.ClaimLease = max(DefaultClaimLease, 2*c.SendTimeout)
	}
	return c
}
